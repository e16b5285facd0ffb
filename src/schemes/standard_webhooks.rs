//! Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`,
//! as configuration of [`Signed`].

use time::OffsetDateTime;

use super::config::{Format, Timestamp};
use super::encoding::Encoding;
use super::signed::{Part, Signed};
use super::timestamp::{TimestampFormat, Window};
use crate::clock::Clock;
use crate::error::Error;
use crate::key::Key;
use crate::key_kind::KeyKind;
use crate::request::Request;
use crate::scheme::{Match, Scheme};
use crate::secret::Secret;
use crate::sign::Sign;

/// The [Standard Webhooks](https://www.standardwebhooks.com/) scheme (also Svix's).
///
/// - headers `webhook-id`, `webhook-timestamp` (unix seconds) and `webhook-signature`;
///   when none of them is present, the `svix-` names are read instead;
/// - signed content `"<id>.<timestamp>.<raw body>"`, HMAC-SHA256;
/// - `webhook-signature` holds space-separated `v1,<base64>` entries (HMAC-SHA256) and,
///   for senders with an asymmetric key, `v1a,<base64>` entries (Ed25519 over the same
///   content, feature `ed25519`); each `v1` is checked against the verifier's HMAC
///   secrets only, each `v1a` against its Ed25519 public keys only, and other versions
///   are ignored;
/// - the timestamp must be within 300 s of now in both directions
///   ([`with_window`](StandardWebhooks::with_window) sets another [`Window`]);
/// - `webhook-id` is the delivery id ([`Verified::delivery_id`](crate::Verified::delivery_id));
/// - the secret is `whsec_` followed by base64 of the key: load it with
///   [`Secret::from_standard_webhooks`], not [`Secret::new`].
///
/// Each header set is configuration of [`Signed`]:
///
/// ```
/// use std::time::Duration;
/// use hookverify::schemes::{Encoding, Format, Part, Signed, Timestamp, TimestampFormat, Window};
/// use hookverify::KeyKind;
///
/// let webhook = Signed::builder(KeyKind::HmacSha256, "webhook-signature")
///     .encoding(Encoding::Base64)
///     .format(Format::versioned("v1"))
///     .timestamp(
///         Timestamp::header("webhook-timestamp", TimestampFormat::UnixSeconds),
///         Window::tolerance(Duration::from_secs(300)),
///     )
///     .signed([
///         Part::header("webhook-id"),
///         Part::literal("."),
///         Part::Timestamp,
///         Part::literal("."),
///         Part::Body,
///     ])
///     .delivery_id_header("webhook-id")
///     .build()?;
/// # let _ = webhook;
/// # Ok::<(), hookverify::schemes::ConfigError>(())
/// ```
///
/// # Examples
///
/// ```
/// use hookverify::schemes::StandardWebhooks;
/// use hookverify::{Secret, Verifier};
///
/// let secret = Secret::from_standard_webhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
/// let now = hookverify::time::OffsetDateTime::from_unix_timestamp(1614265330)?;
/// let headers = StandardWebhooks::new().sign_with_id(
///     "msg_p5jXN8AQM9LWM0D4loKWxJek",
///     br#"{"test": 2432232314}"#,
///     &secret,
///     now,
/// );
/// // The value published in the Standard Webhooks test suite:
/// assert_eq!(headers[2].1, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
///
/// let verifier = Verifier::new(StandardWebhooks::new(), [secret]);
/// let verified = verifier.verify_at(br#"{"test": 2432232314}"#, &headers, now)?;
/// assert_eq!(verified.delivery_id(), Some("msg_p5jXN8AQM9LWM0D4loKWxJek"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandardWebhooks {
    webhook: Signed,
    svix: Signed,
    /// The `v1a` (Ed25519) entries of the `webhook-` headers.
    #[cfg(feature = "ed25519")]
    asymmetric: Signed,
}

/// The window the specification recommends: 300 s each way.
pub(crate) const WINDOW: Window = Window::tolerance(std::time::Duration::from_secs(300));

/// The headers of one naming: id, timestamp, signature.
const WEBHOOK: [&str; 3] = ["webhook-id", "webhook-timestamp", "webhook-signature"];
const SVIX: [&str; 3] = ["svix-id", "svix-timestamp", "svix-signature"];

/// The scheme for one naming of the three headers, and one kind of signature.
fn signed([id, timestamp, signature]: [&'static str; 3], kind: KeyKind) -> Signed {
    let version = if kind == KeyKind::HmacSha256 {
        "v1"
    } else {
        "v1a"
    };
    Signed::builder(kind, signature)
        .encoding(Encoding::Base64)
        .format(Format::versioned(version))
        .timestamp(
            Timestamp::header(timestamp, TimestampFormat::UnixSeconds),
            WINDOW,
        )
        .signed([
            Part::header(id),
            Part::literal("."),
            Part::Timestamp,
            Part::literal("."),
            Part::Body,
        ])
        .delivery_id_header(id)
        .preset()
}

impl StandardWebhooks {
    /// The scheme with the default 300 s tolerance in both directions.
    #[must_use]
    pub fn new() -> Self {
        StandardWebhooks {
            webhook: signed(WEBHOOK, KeyKind::HmacSha256),
            svix: signed(SVIX, KeyKind::HmacSha256),
            #[cfg(feature = "ed25519")]
            asymmetric: signed(WEBHOOK, KeyKind::Ed25519),
        }
    }

    /// The window the timestamp must fall in (default 300 s each way).
    #[must_use]
    pub fn with_window(self, window: Window) -> Self {
        self.map(|s| s.set_window(window))
    }

    fn map(self, f: impl Fn(Signed) -> Signed) -> Self {
        StandardWebhooks {
            webhook: f(self.webhook),
            svix: f(self.svix),
            #[cfg(feature = "ed25519")]
            asymmetric: f(self.asymmetric),
        }
    }

    /// The headers a sender would attach for message `id`: a `v1` signature with an HMAC
    /// secret, a `v1a` one with a `whsk_` key ([`Secret::from_standard_webhooks`]).
    #[must_use]
    pub fn sign_with_id(
        &self,
        id: &str,
        body: &[u8],
        secret: &Secret,
        now: OffsetDateTime,
    ) -> Vec<(String, String)> {
        let with_id = [(WEBHOOK[0], id)];
        let request = Request::new(body, &with_id);
        let mut headers = vec![(WEBHOOK[0].to_string(), id.to_string())];
        #[cfg(feature = "ed25519")]
        if let Some(seed) = ed25519_seed(secret) {
            headers.extend(self.asymmetric.sign_request(&request, &seed, now));
            return headers;
        }
        headers.extend(self.webhook.sign_request(&request, secret, now));
        headers
    }

    /// Whether the request carries any of `names`.
    fn carries_any(request: &Request<'_>, names: [&str; 3]) -> bool {
        let mut any = false;
        for name in names {
            request.headers().for_each_value(name, &mut |_| any = true);
        }
        any
    }
}

impl Default for StandardWebhooks {
    fn default() -> Self {
        StandardWebhooks::new()
    }
}

impl StandardWebhooks {
    /// The `v1` entries, with the `svix-` names when none of the `webhook-` names is
    /// present.
    fn verify_hmac(
        &self,
        request: &Request<'_>,
        keys: &[Key],
        clock: &Clock,
    ) -> Result<Match, Error> {
        match self.webhook.verify(request, keys, clock) {
            Err(Error::MissingHeader { .. })
                if !Self::carries_any(request, WEBHOOK) && Self::carries_any(request, SVIX) =>
            {
                self.svix.verify(request, keys, clock)
            }
            verdict => verdict,
        }
    }
}

/// Whether `error` says only that the header holds no entry of the version looked for.
fn no_entry(error: &Error) -> bool {
    matches!(
        error,
        Error::MalformedHeader {
            problem: crate::error::ValueProblem::MissingSignature { .. },
            ..
        }
    )
}

impl Scheme for StandardWebhooks {
    fn key_kind(&self) -> KeyKind {
        KeyKind::HmacSha256
    }

    /// HMAC secrets for `v1`, and Ed25519 public keys for `v1a` (feature `ed25519`).
    fn accepts(&self, kind: KeyKind) -> bool {
        #[cfg(feature = "ed25519")]
        if kind == KeyKind::Ed25519 {
            return true;
        }
        kind == KeyKind::HmacSha256
    }

    fn verify(&self, request: &Request<'_>, keys: &[Key], clock: &Clock) -> Result<Match, Error> {
        match self.verify_entries(request, keys, clock) {
            // A signature is there, of the other kind than the keys: no key matches it,
            // as the reference libraries say of any entry they cannot use.
            Err(e) if no_entry(&e) && Self::has_entry_of_known_version(request) => {
                Err(Error::SignatureMismatch)
            }
            verdict => verdict,
        }
    }
}

impl StandardWebhooks {
    /// Whether the signature header holds a `v1` or `v1a` entry.
    fn has_entry_of_known_version(request: &Request<'_>) -> bool {
        [WEBHOOK[2], SVIX[2]].iter().any(|name| {
            request
                .optional_header(name)
                .ok()
                .flatten()
                .is_some_and(|value| {
                    value
                        .split(' ')
                        .any(|entry| entry.starts_with("v1,") || entry.starts_with("v1a,"))
                })
        })
    }

    fn verify_entries(
        &self,
        request: &Request<'_>,
        keys: &[Key],
        clock: &Clock,
    ) -> Result<Match, Error> {
        #[cfg(feature = "ed25519")]
        {
            let has = |kind| keys.iter().any(|k| k.kind() == Some(kind));
            let (hmac, ed25519) = (has(KeyKind::HmacSha256), has(KeyKind::Ed25519));
            if ed25519 && !hmac {
                return self.asymmetric.verify(request, keys, clock);
            }
            if ed25519 {
                return match self.verify_hmac(request, keys, clock) {
                    Ok(found) => Ok(found),
                    Err(first) => match self.asymmetric.verify(request, keys, clock) {
                        Ok(found) => Ok(found),
                        Err(second) if no_entry(&first) => Err(second),
                        Err(_) => Err(first),
                    },
                };
            }
        }
        self.verify_hmac(request, keys, clock)
    }
}

/// The Ed25519 secret key of a `whsk_` key (its seed, or seed and public key): the 64
/// bytes of seed and public key, which [`StandardWebhooks`] signs `v1a` with.
pub(crate) fn signing_key(bytes: &[u8]) -> Option<Vec<u8>> {
    #[cfg(feature = "ed25519")]
    {
        let seed: &[u8; 32] = bytes.get(..32)?.try_into().ok()?;
        let key = ed25519_dalek::SigningKey::from_bytes(seed);
        let public = key.verifying_key().to_bytes();
        if bytes.len() == 64 && bytes[32..] != public {
            return None;
        }
        if bytes.len() != 32 && bytes.len() != 64 {
            return None;
        }
        let mut full = seed.to_vec();
        full.extend_from_slice(&public);
        Some(full)
    }
    #[cfg(not(feature = "ed25519"))]
    {
        let _ = bytes;
        None
    }
}

/// The seed of a secret made by [`signing_key`], or `None` for an HMAC secret.
#[cfg(feature = "ed25519")]
fn ed25519_seed(secret: &Secret) -> Option<Secret> {
    let bytes = secret.expose_secret();
    (bytes.len() == 64 && signing_key(bytes).as_deref() == Some(bytes))
        .then(|| Secret::new(&bytes[..32]))
}

impl Sign for StandardWebhooks {
    /// Signs with the request's `webhook-id`, or one derived from the body and the time
    /// (`msg_` and 24 hex digits); [`StandardWebhooks::sign_with_id`] chooses it.
    fn sign_request(
        &self,
        request: &Request<'_>,
        secret: &Secret,
        now: OffsetDateTime,
    ) -> Vec<(String, String)> {
        let id = match request.optional_header(WEBHOOK[0]) {
            Ok(Some(id)) => id.to_string(),
            _ => format!("msg_{}", crate::sign::derived_id(now, request.body(), 12)),
        };
        self.sign_with_id(&id, request.body(), secret, now)
    }
}
