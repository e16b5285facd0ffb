//! Lemon Squeezy.
//!
//! - **What it sends:** a `POST` with a JSON:API body (`meta` with `event_name`,
//!   `test_mode` and `custom_data`; `data`), the event's name in `X-Event-Name`.
//! - **Header:** `X-Signature: <hex>`.
//! - **What is signed:** the raw body; HMAC-SHA256 keyed with the webhook's signing
//!   secret as text (chosen by the user, normally 6 to 40 characters), lowercase hex.
//! - **Tolerance:** none; there is no timestamp, and no delivery id header. Lemon
//!   Squeezy retries a failed delivery up to three more times (after about 5, 25 and
//!   125 s): deduplicate on the body's hash, which [`Verifier::dedupe_key`] falls back
//!   to. `X-Event-Name` (not signed; `meta.event_name` in the body is) is reported by
//!   [`Verified::event_type`](crate::Verified::event_type).
//!
//! Lemon Squeezy's documentation and its Node sample (`createHmac('sha256', secret)`,
//! hex, `timingSafeEqual`) agree; its SDK has no verifier.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::lemon_squeezy;
//! use hookverify::{Error, Secret, Sign};
//!
//! let secret = Secret::new("my-signing-secret");
//! let body = br#"{"meta":{"event_name":"order_created","test_mode":true},"data":{"id":"1"}}"#;
//! let mut headers = lemon_squeezy::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! headers.push(("X-Event-Name".into(), "order_created".into()));
//! let verifier = lemon_squeezy::verifier([secret]);
//! let verified = verifier.verify(body, &headers)?;
//! assert_eq!(verified.event_type(), Some("order_created"));
//!
//! let tampered = br#"{"meta":{"event_name":"order_refunded","test_mode":true},"data":{"id":"1"}}"#;
//! assert!(matches!(verifier.verify(tampered, &headers), Err(Error::SignatureMismatch)));
//! # Ok::<(), hookverify::Error>(())
//! ```

use crate::KeyKind;
use crate::schemes::Signed;
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "lemon_squeezy";

/// The header Lemon Squeezy signs in.
pub const SIGNATURE_HEADER: &str = "X-Signature";

/// The header naming the event, e.g. `order_created`.
pub const EVENT_HEADER: &str = "X-Event-Name";

/// `X-Signature: <hex HMAC-SHA256 of the raw body>`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .event_type_header(EVENT_HEADER)
        .preset()
}

/// A verifier for Lemon Squeezy with the given signing secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
