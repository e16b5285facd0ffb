//! Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`.

use std::borrow::Cow;
use std::time::Duration;

use base64::Engine as _;
use time::OffsetDateTime;

use super::Macs;
use super::timestamped::{Window, parse_unix};
use crate::error::{Error, HeaderProblem};
use crate::headers::{self, Headers};
use crate::scheme::{Key, Match, Request, Scheme};
use crate::secret::Secret;

/// The [Standard Webhooks](https://www.standardwebhooks.com/) scheme (also Svix's).
///
/// - headers `webhook-id`, `webhook-timestamp` (unix seconds) and `webhook-signature`;
///   when none of them is present, the `svix-` names are read instead;
/// - signed content `"<id>.<timestamp>.<raw body>"`, HMAC-SHA256;
/// - `webhook-signature` holds space-separated `v1,<base64>` entries; every `v1` is tried,
///   other versions (such as the asymmetric `v1a`) are ignored and never verified;
/// - the timestamp must be within 300 s of now in both directions (settable);
/// - the secret is `whsec_` followed by base64 of the key: load it with
///   [`Secret::from_standard_webhooks`], not [`Secret::new`].
///
/// # Examples
///
/// ```
/// use hookverify::schemes::StandardWebhooks;
/// use hookverify::{Scheme, Secret, Verifier};
///
/// let secret = Secret::from_standard_webhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
/// let now = time::OffsetDateTime::from_unix_timestamp(1614265330)?;
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
/// assert!(verifier.verify_at(br#"{"test": 2432232314}"#, &headers, now).is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandardWebhooks {
    window: Window,
}

const WEBHOOK: [&str; 3] = ["webhook-id", "webhook-timestamp", "webhook-signature"];
const SVIX: [&str; 3] = ["svix-id", "svix-timestamp", "svix-signature"];

/// A `v1` signature is 32 bytes: 44 characters of padded base64.
const B64_MAC_LEN: usize = 44;

impl StandardWebhooks {
    /// The scheme with the default 300 s tolerance in both directions.
    #[must_use]
    pub fn new() -> Self {
        StandardWebhooks {
            window: Window::default(),
        }
    }

    /// The oldest timestamp accepted (default 300 s).
    #[must_use]
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.window.max_age = max_age.as_secs();
        self
    }

    /// How far into the future a timestamp may lie (default 300 s).
    #[must_use]
    pub fn max_future(mut self, max_future: Duration) -> Self {
        self.window.max_future = max_future.as_secs();
        self
    }

    /// The headers a sender would attach for message `id`.
    #[must_use]
    pub fn sign_with_id(
        &self,
        id: &str,
        body: &[u8],
        secret: &Secret,
        now: OffsetDateTime,
    ) -> Vec<(String, String)> {
        let t = now.unix_timestamp().to_string();
        let mac = Key::new(secret)
            .mac(&[id.as_bytes(), b".", t.as_bytes(), b".", body])
            .unwrap_or_default();
        vec![
            (WEBHOOK[0].to_string(), id.to_string()),
            (WEBHOOK[1].to_string(), t),
            (
                WEBHOOK[2].to_string(),
                format!(
                    "v1,{}",
                    base64::engine::general_purpose::STANDARD.encode(mac)
                ),
            ),
        ]
    }

    pub(crate) fn without_window(mut self) -> Self {
        self.window.check = false;
        self
    }
}

impl Default for StandardWebhooks {
    fn default() -> Self {
        StandardWebhooks::new()
    }
}

/// Decodes a `v1` signature: 44 characters of padded base64 for 32 bytes.
fn decode_b64_mac(sig: &[u8], slot: &mut [u8; 32]) -> Result<(), HeaderProblem> {
    if sig.len() != B64_MAC_LEN {
        return Err(HeaderProblem::WrongLength {
            expected: B64_MAC_LEN,
            found: sig.len(),
        });
    }
    match base64::engine::general_purpose::STANDARD.decode_slice(sig, slot) {
        Ok(32) => Ok(()),
        _ => Err(HeaderProblem::InvalidBase64),
    }
}

/// Which header names the request uses.
fn names(headers: &dyn Headers) -> [Cow<'static, str>; 3] {
    let present = |n: &str| {
        let mut seen = false;
        headers.for_each_value(n, &mut |_| seen = true);
        seen
    };
    // `webhook-id` present (the common case) settles it with one lookup.
    let set = if !present(WEBHOOK[0])
        && !WEBHOOK[1..].iter().any(|n| present(n))
        && SVIX.iter().any(|n| present(n))
    {
        SVIX
    } else {
        WEBHOOK
    };
    set.map(Cow::Borrowed)
}

impl Scheme for StandardWebhooks {
    fn verify(&self, req: &Request<'_>, keys: &[Key], now: OffsetDateTime) -> Result<Match, Error> {
        let [id_name, t_name, sig_name] = names(req.headers);
        // Printable ASCII, checked by the lookup: worked on as bytes.
        let id = headers::required_bytes(req.headers, &id_name)?;
        let t = headers::required_bytes(req.headers, &t_name)?;
        let sig_value = headers::required_bytes(req.headers, &sig_name)?;
        let secs = parse_unix(t).map_err(|p| Error::malformed(&t_name, p))?;

        let bad = |p| Error::malformed(&sig_name, p);
        let mut sigs = Macs::default();
        let entries = sig_value
            .split(|b| matches!(b, b' ' | b'\t'))
            .filter(|e| !e.is_empty());
        for entry in entries {
            let comma = entry
                .iter()
                .position(|&b| b == b',')
                .ok_or_else(|| bad(HeaderProblem::MalformedEntry))?;
            let (version, sig) = (&entry[..comma], &entry[comma + 1..]);
            if version != b"v1" {
                continue; // v1a (asymmetric) and future versions: never verified here
            }
            sigs.push_with(|slot| decode_b64_mac(sig, slot))
                .map_err(bad)?;
        }
        if sigs.is_empty() {
            return Err(bad(HeaderProblem::MissingSignature));
        }
        let timestamp = self.window.accept(secs, now, &t_name)?;
        let index = sigs.first_match(keys, &[id, b".", t, b".", req.body])?;
        Ok(Match::new(index, Some(timestamp)))
    }

    /// Signs with a message id derived from the body and the time (`msg_` and 24 hex
    /// digits); use [`StandardWebhooks::sign_with_id`] to choose it.
    fn sign(&self, body: &[u8], secret: &Secret, now: OffsetDateTime) -> Vec<(String, String)> {
        use sha2::{Digest, Sha256};
        let digest = Sha256::new()
            .chain_update(now.unix_timestamp().to_be_bytes())
            .chain_update(body)
            .finalize();
        let id = format!("msg_{}", hex::encode(&digest[..12]));
        self.sign_with_id(&id, body, secret, now)
    }
}
