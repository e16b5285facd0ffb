//! Paddle Billing.
//!
//! - **What it sends:** a `POST` with a JSON notification (`event_id`, `event_type`,
//!   `occurred_at`, `notification_id`, `data`).
//! - **Header:** `Paddle-Signature: ts=<unix>;h1=<hex>[;h1=<hex>…]`.
//! - **What is signed:** `"<ts>:<raw body>"`, HMAC-SHA256 keyed with the notification
//!   destination's secret key (`pdl_ntfset_…`, its UTF-8 bytes), lowercase hex. During a
//!   secret rotation Paddle sends one `h1` per live key; any may match.
//! - **Tolerance:** 5 s in both directions, as Paddle's SDKs check by default; widen it
//!   with [`Signed::with_window`] on [`scheme`] if your queue delays requests.
//!
//! Paddle's Python SDK refuses a header with an entry other than `ts` and `h1`; this
//! preset ignores such entries (never verifying them), as it does `v0` for Stripe.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::paddle;
//! use hookverify::{Secret, Sign};
//!
//! let secret = Secret::new("pdl_ntfset_01gkpjp8bkh3ptmy3j4xsanyb9_secret");
//! let body = br#"{"event_id":"evt_01h","event_type":"transaction.paid","data":{}}"#;
//! let headers = paddle::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! assert!(headers[0].1.starts_with("ts="));
//! assert!(paddle::verifier([secret]).verify(body, &headers).is_ok());
//! ```

use std::time::Duration;

use crate::KeyKind;
use crate::schemes::{Format, Part, Signed, Timestamp, TimestampFormat, Window};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "paddle";

/// The header Paddle signs in.
pub const SIGNATURE_HEADER: &str = "Paddle-Signature";

/// The default tolerance, each way: Paddle's SDKs' 5 s.
pub const WINDOW: Window = Window::tolerance(Duration::from_secs(5));

/// `Paddle-Signature: ts=<unix>;h1=<hex>` over `"<ts>:<body>"`, 5 s each way.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .format(Format::entries(';', "h1"))
        .timestamp(Timestamp::entry("ts", TimestampFormat::UnixSeconds), WINDOW)
        .signed([Part::Timestamp, Part::literal(":"), Part::Body])
        .preset()
}

/// A verifier for Paddle with the given secret keys, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
