//! Bitbucket Cloud.
//!
//! - **What it sends:** a `POST` with a JSON body; the event in `X-Event-Key`, a request id
//!   in `X-Request-UUID`.
//! - **Header:** `X-Hub-Signature: sha256=<hex>`, when the webhook has a secret.
//! - **What is signed:** the raw body; HMAC-SHA256 keyed with the webhook's secret,
//!   lowercase hex behind the exact prefix `sha256=`.
//! - **Tolerance:** none; there is no timestamp.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::bitbucket;
//! use hookverify::{Secret, Sign};
//!
//! let secret = Secret::new("bitbucket-webhook-secret");
//! let body = br#"{"push":{"changes":[]},"repository":{"full_name":"team/repo"}}"#;
//! let headers = bitbucket::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! assert!(bitbucket::verifier([secret]).verify(body, &headers).is_ok());
//! ```

use crate::KeyKind;
use crate::schemes::{Format, Signed};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "bitbucket";

/// The header naming the event, e.g. `repo:push`.
pub const EVENT_HEADER: &str = "X-Event-Key";

/// The header Bitbucket signs in.
pub const SIGNATURE_HEADER: &str = "X-Hub-Signature";

/// `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .format(Format::prefixed("sha256="))
        .event_type_header(EVENT_HEADER)
        .preset()
}

/// A verifier for Bitbucket with the given secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
