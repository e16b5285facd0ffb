//! Intercom.
//!
//! - **What it sends:** a `POST` with a JSON notification (`type: "notification_event"`,
//!   `id`, `topic`, `data`).
//! - **Header:** `X-Hub-Signature: sha1=<hex>`.
//! - **What is signed:** the raw body; HMAC-SHA1 keyed with the app's client secret,
//!   lowercase hex behind the exact prefix `sha1=`. Feature `sha1`.
//! - **Tolerance:** none; there is no timestamp. Deduplicate on the notification's `id`.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::intercom;
//! use hookverify::{Secret, Sign};
//!
//! let secret = Secret::new("intercom-client-secret");
//! let body = br#"{"type":"notification_event","id":"notif_1","topic":"ping"}"#;
//! let headers = intercom::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! assert!(headers[0].1.starts_with("sha1="));
//! assert!(intercom::verifier([secret]).verify(body, &headers).is_ok());
//! ```

use crate::KeyKind;
use crate::schemes::{Format, Signed};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "intercom";

/// The header Intercom signs in.
pub const SIGNATURE_HEADER: &str = "X-Hub-Signature";

/// `X-Hub-Signature: sha1=<hex HMAC-SHA1 of the raw body>`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha1, SIGNATURE_HEADER)
        .format(Format::prefixed("sha1="))
        .preset()
}

/// A verifier for Intercom with the given client secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
