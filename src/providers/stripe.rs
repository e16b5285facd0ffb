//! Stripe.
//!
//! - **Header:** `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…][,v0=<hex>]`.
//! - **What is signed:** `"<t>.<raw body>"`, HMAC-SHA256 keyed with the endpoint's signing
//!   secret (`whsec_…`) as raw UTF-8 bytes, lowercase hex.
//! - **Several `v1`:** during a secret roll Stripe signs with each live secret; any
//!   matching `v1` is accepted. `v0` (test-mode legacy) is ignored, never verified.
//! - **Tolerance:** 300 s, Stripe's default. Stripe's libraries check only the age; this
//!   preset also refuses timestamps more than 300 s in the future.
//!
//! # Examples
//!
//! ```
//! use hookverify::{Secret, Sign};
//! use hookverify::providers::stripe;
//!
//! let secret = Secret::new("whsec_test_secret");
//! let body = br#"{"id":"evt_test_webhook","object":"event"}"#;
//! let headers = stripe::scheme().sign(body, &secret, time::OffsetDateTime::now_utc());
//! let event: serde_json::Value = stripe::verifier([secret]).verify_json(body, &headers)?;
//! assert_eq!(event["id"], "evt_test_webhook");
//! # Ok::<(), hookverify::Error>(())
//! ```

use std::time::Duration;

use crate::schemes::{Signed, Window};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "stripe";

/// The window the signed timestamp must fall in: 300 s each way, as Stripe's libraries default to.
pub const WINDOW: Window = Window::tolerance(Duration::from_secs(300));

/// The header Stripe signs in.
pub const SIGNATURE_HEADER: &str = "Stripe-Signature";

/// `Stripe-Signature: t=<unix>,v1=<hex>` over `"<t>.<raw body>"`, 300 s.
#[must_use]
pub fn scheme() -> Signed {
    super::timestamped(SIGNATURE_HEADER, WINDOW)
}

/// A verifier for Stripe with the given endpoint secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
