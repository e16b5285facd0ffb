//! Sanity (GROQ-powered webhooks).
//!
//! - **What it sends:** a `POST` (or the method the webhook is configured with) whose
//!   JSON body is the webhook's GROQ projection (by default the document after the
//!   change), with `sanity-project-id`, `sanity-dataset`, `sanity-document-id`,
//!   `sanity-operation` (`create`, `update`, `delete`), `sanity-transaction-id`,
//!   `sanity-transaction-time`, `sanity-webhook-id` and `idempotency-key`.
//! - **Header:** `sanity-webhook-signature: t=<unix ms>,v1=<base64url>`, when the webhook
//!   has a secret.
//! - **What is signed:** `"<t>.<raw body>"` with `t` in **milliseconds**; HMAC-SHA256
//!   keyed with the webhook's secret as text, URL-safe base64 without padding.
//! - **Tolerance:** none: Sanity's toolkit checks no age and no future, so the timestamp
//!   is signed and reported but never refused. For one, narrow the window with
//!   [`Signed::with_window`] on [`scheme`].
//! - **Empty body:** refused, as the toolkit refuses one.
//! - **Delivery id:** `idempotency-key` (not signed), reported by
//!   [`Verified::delivery_id`](crate::Verified::delivery_id), and the operation
//!   (`sanity-operation`) by [`Verified::event_type`](crate::Verified::event_type).
//!   Sanity's best-practices page suggests comparing `sanity-transaction-time` with the
//!   clock to notice delayed deliveries; that is a freshness hint, not a security check.
//!
//! Sanity's toolkit (`@sanity/webhook`) compares the whole header with the exact string
//! it would send, `t=<ms>,v1=<sig>`, so it refuses `t=…, v1=…` and any extra entry; this
//! preset parses the entries, trimmed, as for every `t=…,v1=…` provider. The toolkit also
//! refuses a `t` below 1 609 459 200 000 (a time in seconds rather than milliseconds) as
//! a format error; this preset reads `t` as milliseconds and, with no window, accepts
//! what was signed.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::sanity;
//! use hookverify::{Error, Secret, Sign};
//!
//! let secret = Secret::new("vE3nQ8s1Lk4pZ7wX2bR9tY6uH0jM5cA");
//! let body = br#"{"_id":"post-1","_type":"post","title":"Hello"}"#;
//! let headers = sanity::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! assert!(headers[0].1.starts_with("t="));
//! let verifier = sanity::verifier([secret]);
//! assert!(verifier.verify(body, &headers).is_ok());
//!
//! let tampered = br#"{"_id":"post-1","_type":"post","title":"Hullo"}"#;
//! assert!(matches!(verifier.verify(tampered, &headers), Err(Error::SignatureMismatch)));
//! ```

use crate::KeyKind;
use crate::schemes::{Encoding, Format, Part, Signed, Timestamp, TimestampFormat, Window};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "sanity";

/// The header Sanity signs in.
pub const SIGNATURE_HEADER: &str = "sanity-webhook-signature";

/// The header naming each delivery.
pub const DELIVERY_HEADER: &str = "idempotency-key";

/// The header naming the operation: `create`, `update` or `delete`.
pub const EVENT_HEADER: &str = "sanity-operation";

/// The window the signed timestamp must fall in: unlimited, as Sanity's toolkit checks
/// no time.
pub const WINDOW: Window = Window::unlimited();

/// `sanity-webhook-signature: t=<unix ms>,v1=<base64url>` over `"<t>.<body>"`, no
/// window, an empty body refused.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .encoding(Encoding::Base64UrlUnpadded)
        .format(Format::entries(',', "v1"))
        .timestamp(Timestamp::entry("t", TimestampFormat::UnixMillis), WINDOW)
        .signed([Part::Timestamp, Part::literal("."), Part::Body])
        .delivery_id_header(DELIVERY_HEADER)
        .event_type_header(EVENT_HEADER)
        .refuse_empty_body()
        .preset()
}

/// A verifier for Sanity with the given webhook secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
