//! Coinbase Commerce.
//!
//! - **What it sends:** a `POST` with a JSON body: the delivery's `id`, `scheduled_for`,
//!   `attempt_number`, and the `event` (`id`, `type` such as `charge:confirmed`, `data`).
//! - **Header:** `X-CC-Webhook-Signature: <hex>` (Coinbase writes it
//!   `X-CC-WEBHOOK-SIGNATURE`; header names are case-insensitive).
//! - **What is signed:** the raw body, nothing else; HMAC-SHA256 keyed with the shared
//!   secret from Settings › Notifications (its UTF-8 bytes), lowercase hex, no prefix.
//! - **Tolerance:** none; there is no timestamp. Coinbase retries with exponential backoff
//!   for up to three days until it gets a 200: deduplicate on the body's `id` (the
//!   delivery) or `event.id`.
//! - **Handshake:** none.
//!
//! Coinbase's Python and Node libraries agree: both compare the hex text exactly, so an
//! uppercase digest is refused, as here.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::coinbase_commerce;
//! use hookverify::{Secret, Sign};
//!
//! let secret = Secret::new("3f1c9d2e-8b7a-4c5d-9e0f-1a2b3c4d5e6f");
//! let body = br#"{"id":"f765421f","event":{"id":"24934862","type":"charge:confirmed","data":{}}}"#;
//! let headers = coinbase_commerce::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//!
//! let verifier = coinbase_commerce::verifier([secret]);
//! assert!(verifier.verify(body, &headers).is_ok());
//! let tampered = br#"{"id":"f765421f","event":{"id":"24934862","type":"charge:failed","data":{}}}"#;
//! assert!(verifier.verify(tampered, &headers).is_err());
//! ```

use crate::KeyKind;
use crate::schemes::Signed;
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "coinbase_commerce";

/// The header Coinbase Commerce signs in.
pub const SIGNATURE_HEADER: &str = "X-CC-Webhook-Signature";

/// `X-CC-Webhook-Signature: <hex HMAC-SHA256 of the raw body>`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER).preset()
}

/// A verifier for Coinbase Commerce with the given shared secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
