//! Polar webhooks: Standard Webhooks, with the two keys Polar signs with.
//!
//! - **Headers:** `webhook-id`, `webhook-timestamp`, `webhook-signature` (`v1,<base64>`
//!   entries), and `webhook-api-version`.
//! - **What is signed:** `"<webhook-id>.<webhook-timestamp>.<raw body>"`, HMAC-SHA256.
//! - **The key:** endpoints made since 2026-09-08 have a Standard Webhooks secret,
//!   `whsec_<base64 of 32 bytes>`, whose decoded bytes are the key. Older endpoints have a
//!   secret (`polar_whs_…`, or `whsec_…` that is not base64 of a key) whose UTF-8 text is
//!   the key: Polar's SDKs used to hand `standardwebhooks` the base64 of the text. Like
//!   Polar's own SDKs, this preset tries each secret both ways;
//!   [`Verified::key_index`](crate::Verified::key_index) still names the secret.
//! - **Tolerance:** 300 s each way.
//! - **Body:** `{"type", "timestamp", "api_version", "data"}`;
//!   [`standard_webhooks::Event`](super::standard_webhooks::Event) reads it. Polar's SDK
//!   refuses event types its API version does not list; this preset verifies the signature
//!   and leaves the type to you. Deduplicate on `webhook-id`.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::polar;
//! use hookverify::{Secret, Sign};
//!
//! // An older endpoint's secret: its text is the key.
//! let secret = "polar_whs_z4zt5khE8vfdwqaAtfaBsB2TyjO2PhGzc-e7gNrYGhw";
//! let body = br#"{"type":"order.paid","timestamp":"2025-01-01T00:00:00Z","data":{}}"#;
//! let now = hookverify::time::OffsetDateTime::now_utc();
//! let headers = polar::scheme().sign(body, &Secret::new(secret), now);
//! let verifier = polar::verifier(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", secret]);
//! assert_eq!(verifier.verify(body, &headers)?.key_index(), 1);
//! # Ok::<(), hookverify::Error>(())
//! ```

use time::OffsetDateTime;

use crate::clock::Clock;
use crate::schemes::{StandardWebhooks, Window};
use crate::{Error, Key, KeyKind, Match, Request, Scheme, Secret, Sign, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "polar";

/// The header carrying the signatures (space-separated `v1,<base64>` entries).
pub const SIGNATURE_HEADER: &str = "webhook-signature";

/// The header carrying the signed send time, Unix seconds.
pub const TIMESTAMP_HEADER: &str = "webhook-timestamp";

/// The header naming each message, signed, stable across retries.
pub const DELIVERY_HEADER: &str = "webhook-id";

/// The window the signed timestamp must fall in: 300 s each way.
pub const WINDOW: Window = crate::schemes::STANDARD_WEBHOOKS_WINDOW;

/// The Polar scheme: Standard Webhooks, each of `secrets` secrets given to the verifier
/// as two keys (its text, then its `whsec_` base64 decoded), reported as the secret's
/// index.
#[derive(Debug, Clone, Default)]
pub struct Polar {
    inner: StandardWebhooks,
    secrets: usize,
}

/// The Polar scheme, for a verifier given one key per secret (`Verifier::new(polar::scheme(),
/// secrets)` takes each secret's bytes as its key); [`verifier`] tries both of Polar's keys.
#[must_use]
pub fn scheme() -> Polar {
    Polar::default()
}

/// A verifier from the endpoints' secrets as Polar shows them, current first, each tried
/// as its UTF-8 text and, for a `whsec_` secret, as its decoded key.
pub fn verifier<I>(secrets: I) -> Verifier<Polar>
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let texts: Vec<String> = secrets.into_iter().map(|s| s.as_ref().to_owned()).collect();
    let as_text = texts
        .iter()
        .map(|text| Key::new(KeyKind::HmacSha256, &Secret::new(text.as_str())));
    let decoded = texts.iter().map(|text| {
        text.starts_with("whsec_")
            .then(|| Secret::from_standard_webhooks(text).ok())
            .flatten()
            .map_or_else(Key::unusable, |secret| {
                Key::new(KeyKind::HmacSha256, &secret)
            })
    });
    let keys: Vec<Key> = as_text.chain(decoded).collect();
    let scheme = Polar {
        inner: StandardWebhooks::new(),
        secrets: texts.len(),
    };
    Verifier::with_keys(scheme, keys).with_name(NAME)
}

impl Scheme for Polar {
    fn key_kind(&self) -> KeyKind {
        KeyKind::HmacSha256
    }

    fn verify(&self, request: &Request<'_>, keys: &[Key], clock: &Clock) -> Result<Match, Error> {
        let found = self.inner.verify(request, keys, clock)?;
        if self.secrets == 0 {
            return Ok(found);
        }
        let mut remapped = Match::new(found.key_index() % self.secrets, found.timestamp());
        if let Some(id) = found.delivery_id() {
            remapped = remapped.with_delivery_id(id);
        }
        if let Some(event) = found.event_type() {
            remapped = remapped.with_event_type(event);
        }
        Ok(remapped)
    }
}

impl Sign for Polar {
    /// Signs as Standard Webhooks does with `secret`'s bytes as the key.
    fn sign_request(
        &self,
        request: &Request<'_>,
        secret: &Secret,
        now: OffsetDateTime,
    ) -> Vec<(String, String)> {
        self.inner.sign_request(request, secret, now)
    }
}
