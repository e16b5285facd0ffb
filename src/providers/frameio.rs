//! Frame.io (V4 and Legacy webhooks; one scheme for both).
//!
//! - **What it sends:** a `POST` with a JSON body: the event `type` (`file.ready`…), the
//!   `resource` (`type`, `id`), and the `account`, `workspace`, `project` and `user` ids;
//!   `User-Agent` says `Frame.io V4 API` or `Frame.io Legacy API`.
//! - **Headers:** `X-Frameio-Signature: v0=<hex>` and `X-Frameio-Request-Timestamp:
//!   <unix>`.
//! - **What is signed:** `"v0:<X-Frameio-Request-Timestamp>:<raw body>"`, HMAC-SHA256
//!   keyed with the webhook's signing secret (given once, in the response that created
//!   the webhook), lowercase hex behind the exact prefix `v0=`.
//! - **Tolerance:** 300 s in both directions, the "within 5 minutes of local time"
//!   Frame.io recommends. Frame.io sends no delivery id: deduplicate on the body (the
//!   `resource` and `type`) and the timestamp.
//! - **Handshake:** none. Frame.io retries a non-2xx answer, or none within 5 s, four
//!   times with exponential back-off.
//!
//! Frame.io's sample accepts while `now − timestamp < 500` seconds and sets no bound on
//! timestamps ahead of the clock; its prose says 5 minutes. This preset follows the prose,
//! both ways. The sample also encodes the body as Latin-1 text; Frame.io signs the UTF-8
//! bytes it sends, which is what is verified here.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::frameio;
//! use hookverify::{Secret, Sign};
//!
//! let secret = Secret::new("frameio-signing-secret");
//! let body = br#"{"type":"file.ready","resource":{"type":"file","id":"8c1c0b5e"}}"#;
//! let headers = frameio::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//!
//! let verifier = frameio::verifier([secret]);
//! assert!(verifier.verify(body, &headers).is_ok());
//! let tampered = br#"{"type":"file.ready","resource":{"type":"file","id":"8c1c0b5f"}}"#;
//! assert!(verifier.verify(tampered, &headers).is_err());
//! ```

use std::time::Duration;

use crate::schemes::{Signed, Window};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "frameio";

/// The header Frame.io signs in.
pub const SIGNATURE_HEADER: &str = "X-Frameio-Signature";

/// The header carrying the signing time, Unix seconds.
pub const TIMESTAMP_HEADER: &str = "X-Frameio-Request-Timestamp";

/// The window the signed timestamp must fall in: 300 s each way, as Frame.io recommends
/// ("within 5 minutes").
pub const WINDOW: Window = Window::tolerance(Duration::from_secs(300));

/// `X-Frameio-Signature: v0=<hex>` over `"v0:<timestamp>:<body>"`, 300 s each way.
#[must_use]
pub fn scheme() -> Signed {
    super::v0_timestamped(SIGNATURE_HEADER, TIMESTAMP_HEADER, WINDOW)
}

/// A verifier for Frame.io with the given signing secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
