//! Sentry (integration platform webhooks).
//!
//! - **What it sends:** a `POST` with compact JSON (`action`, `installation`, `data`,
//!   `actor`; non-ASCII as `\uXXXX`), with `Request-ID`, `Sentry-Hook-Resource`
//!   (`installation`, `event_alert`, `issue`, `metric_alert`, `error`, `comment`) and
//!   `Sentry-Hook-Timestamp`.
//! - **Header:** `Sentry-Hook-Signature: <hex>`.
//! - **What is signed:** the raw body; HMAC-SHA256 keyed with the integration's client
//!   secret as text, lowercase hex.
//! - **Tolerance:** none. `Sentry-Hook-Timestamp` is sent but **not signed**, so anyone
//!   replaying a request can change it: it bounds nothing, and this preset ignores it.
//! - **Delivery id:** `Request-ID` (not signed), reported by
//!   [`Verified::delivery_id`](crate::Verified::delivery_id); the resource by
//!   [`Verified::event_type`](crate::Verified::event_type), the action is in the body.
//!
//! Sentry's example integration verifies a body it has parsed and serialized again
//! (`JSON.stringify(request.body)`), which matches only because Sentry sends compact
//! JSON; this preset verifies the raw body, as Sentry signs it. Legacy project "service
//! hooks" (`X-ServiceHook-Signature`) are another scheme, not this one.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::sentry;
//! use hookverify::{Error, Secret, Sign};
//!
//! let secret = Secret::new("sentry-client-secret");
//! let body = br#"{"action":"created","data":{"issue":{"id":"1170820242"}},"installation":{"uuid":"a8e5d37a"}}"#;
//! let mut headers = sentry::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! headers.push(("Sentry-Hook-Resource".into(), "issue".into()));
//! let verifier = sentry::verifier([secret]);
//! let verified = verifier.verify(body, &headers)?;
//! assert_eq!(verified.event_type(), Some("issue"));
//!
//! let tampered = br#"{"action":"resolved","data":{"issue":{"id":"1170820242"}},"installation":{"uuid":"a8e5d37a"}}"#;
//! assert!(matches!(verifier.verify(tampered, &headers), Err(Error::SignatureMismatch)));
//! # Ok::<(), hookverify::Error>(())
//! ```

use crate::KeyKind;
use crate::schemes::Signed;
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "sentry";

/// The header Sentry signs in.
pub const SIGNATURE_HEADER: &str = "Sentry-Hook-Signature";

/// The header naming each request.
pub const DELIVERY_HEADER: &str = "Request-ID";

/// The header naming the resource, e.g. `issue` or `installation`.
pub const EVENT_HEADER: &str = "Sentry-Hook-Resource";

/// `Sentry-Hook-Signature: <hex HMAC-SHA256 of the raw body>`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .delivery_id_header(DELIVERY_HEADER)
        .event_type_header(EVENT_HEADER)
        .preset()
}

/// A verifier for Sentry with the given client secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
