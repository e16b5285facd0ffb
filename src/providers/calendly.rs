//! Calendly.
//!
//! - **What it sends:** a `POST` with a JSON body (`event`, `created_at`, `payload`).
//! - **Header:** `Calendly-Webhook-Signature: t=<unix>,v1=<hex>`, when the subscription
//!   has a signing key.
//! - **What is signed:** `"<t>.<raw body>"`, HMAC-SHA256 keyed with the subscription's
//!   signing key, lowercase hex: Stripe's construction.
//! - **Tolerance:** 180 s, the three minutes of Calendly's own example, in both directions.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::calendly;
//! use hookverify::{Secret, Sign};
//!
//! let secret = Secret::new("3fQ8s9D-K58VuwXyAZsHykp7zBGD45JhZaLqk5h6j1M");
//! let body = br#"{"event":"invitee.created","payload":{}}"#;
//! let headers = calendly::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! assert!(calendly::verifier([secret]).verify(body, &headers).is_ok());
//! ```

use std::time::Duration;

use crate::schemes::{Signed, Window};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "calendly";

/// The header Calendly signs in.
pub const SIGNATURE_HEADER: &str = "Calendly-Webhook-Signature";

/// The default tolerance, each way: three minutes.
pub const WINDOW: Window = Window::tolerance(Duration::from_secs(180));

/// `Calendly-Webhook-Signature: t=<unix>,v1=<hex>` over `"<t>.<body>"`, 180 s each way.
#[must_use]
pub fn scheme() -> Signed {
    super::timestamped(SIGNATURE_HEADER, WINDOW)
}

/// A verifier for Calendly with the given signing keys, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
