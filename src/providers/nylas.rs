//! Nylas (API v3 webhooks).
//!
//! - **What it sends:** a `POST` with a JSON notification (`specversion`, `type` such as
//!   `message.created`, its `id`, `time`, `webhook_delivery_attempt`, `data.object`); with
//!   compressed delivery on, that JSON gzip-compressed, with `Content-Encoding: gzip`.
//! - **Header:** `X-Nylas-Signature: <hex>` (sent as `x-nylas-signature`).
//! - **What is signed:** the raw body exactly as sent; with compressed delivery, the gzip
//!   bytes, not the JSON inside: verify before decompressing. HMAC-SHA256 keyed with the
//!   destination's `webhook_secret` (its text, UTF-8), lowercase hex, 64 characters, no
//!   prefix.
//! - **Tolerance:** none; there is no timestamp (the body's `time` is signed, with no
//!   documented bound). Nylas sends no delivery id header: deduplicate on the body's `id`.
//!   A retry's `webhook_delivery_attempt` differs, so the body's hash does not catch
//!   retries.
//! - **Handshake:** when a destination is created, Nylas sends an unsigned
//!   `GET <webhook_url>?challenge=<value>`. Answer `200` within 10 s with the exact value
//!   as the whole body (no JSON, no quotes; Nylas's CLI answers `text/plain`). That
//!   request carries no signature and is not handled by this verifier. The
//!   `webhook_secret` is generated once the challenge has passed, and returned when the
//!   destination is created.
//! - **Rotation:** `POST /v3/webhooks/rotate-secret/{id}` replaces the secret at once (no
//!   overlap is documented); hold both only for your own switchover, new first.
//! - **Retries:** after a 408, 429, 502, 503, 504 or 507, up to two more times (three
//!   attempts in all).
//!
//! Nylas's v3 SDKs ship no verifier (only the challenge helper); the function of its v2
//! SDKs (PyPI `nylas` 5.14.1, npm `nylas` 6.11.1) computes the same HMAC, keyed there
//! with the app's client secret, and compares the exact lowercase hex, which this preset
//! follows. Nylas's CLI trims, lowercases and strips an optional `sha256=` first, so it
//! also takes uppercase hex and a prefix; this preset refuses both as malformed. The
//! samples in the SDKs' changelogs hash a re-serialized `JSON.stringify`/`json.dumps` of
//! the parsed body, which cannot match: verify the bytes received.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::nylas;
//! use hookverify::{Error, Secret, Sign};
//!
//! let secret = Secret::new("ec284057f9ac09c6fad57f723be59982a0121f2e908fa89b95b79d8fcc6cc423");
//! let body = br#"{"specversion":"1.0","type":"message.created","id":"a1b2","data":{"object":{}}}"#;
//! let headers = nylas::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! assert_eq!(headers[0].0, nylas::SIGNATURE_HEADER);
//!
//! let verifier = nylas::verifier([secret]);
//! assert!(verifier.verify(body, &headers).is_ok());
//! let tampered = br#"{"specversion":"1.0","type":"message.deleted","id":"a1b2","data":{"object":{}}}"#;
//! assert!(matches!(verifier.verify(tampered, &headers), Err(Error::SignatureMismatch)));
//! ```

use crate::KeyKind;
use crate::schemes::Signed;
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "nylas";

/// The header Nylas signs in.
pub const SIGNATURE_HEADER: &str = "X-Nylas-Signature";

/// `X-Nylas-Signature: <hex HMAC-SHA256 of the raw body>`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER).preset()
}

/// A verifier for Nylas with the given webhook secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
