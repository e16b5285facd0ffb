//! Mux (Mux Video and Mux Data webhooks).
//!
//! - **What it sends:** a `POST` with a JSON event (`type` such as `video.asset.ready`,
//!   `id`, `object`, `data`, `created_at`).
//! - **Header:** `Mux-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`.
//! - **What is signed:** `"<t>.<raw body>"`, HMAC-SHA256 keyed with the webhook's signing
//!   secret as text, lowercase hex: Stripe's construction. Any `v1` may match.
//! - **Tolerance:** 300 s old, and any time ahead ([`WINDOW`]), as Mux's SDK checks.
//! - **Deduplicate** on the body's `id`, the same on every retry. Mux sends no delivery
//!   id header, and a retry's body lists the earlier attempts (`attempts`), so the
//!   body's hash that [`Verifier::dedupe_key`] falls back to does not catch retries.
//!
//! Mux's documentation speaks of a "tolerance of 5 minutes"; its Node SDK checks only
//! the age (`now − t > 300` is refused) and takes any future `t`, which this preset
//! follows. The SDK splits the header on `,` and `=` without trimming, so it misses the
//! `v1` of `t=…, v1=…`; this preset trims entries, as for every `t=…,v1=…` provider.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::mux;
//! use hookverify::{Error, Secret, Sign};
//!
//! let secret = Secret::new("kdq1jtocl7dt6p9nbt1r0dqf5nd8i0pa");
//! let body = br#"{"type":"video.asset.ready","id":"3a56ac3d","data":{"status":"ready"}}"#;
//! let headers = mux::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! assert!(headers[0].1.starts_with("t="));
//! let verifier = mux::verifier([secret]);
//! assert!(verifier.verify(body, &headers).is_ok());
//!
//! let tampered = br#"{"type":"video.asset.ready","id":"3a56ac3d","data":{"status":"errored"}}"#;
//! assert!(matches!(verifier.verify(tampered, &headers), Err(Error::SignatureMismatch)));
//! ```

use std::time::Duration;

use crate::schemes::{Signed, Window};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "mux";

/// The header Mux signs in.
pub const SIGNATURE_HEADER: &str = "Mux-Signature";

/// The window the signed timestamp must fall in: 300 s old, any time ahead, as Mux's
/// SDK checks.
pub const WINDOW: Window = Window::new(Some(Duration::from_secs(300)), None);

/// `Mux-Signature: t=<unix>,v1=<hex>` over `"<t>.<body>"`, 300 s old, unlimited ahead.
#[must_use]
pub fn scheme() -> Signed {
    super::timestamped(SIGNATURE_HEADER, WINDOW)
}

/// A verifier for Mux with the given signing secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
