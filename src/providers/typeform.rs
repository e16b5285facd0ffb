//! Typeform.
//!
//! - **What it sends:** a `POST` with a JSON body (`event_id`, `event_type:
//!   "form_response"`, `form_response`).
//! - **Header:** `Typeform-Signature: sha256=<base64>`, when the webhook has a secret.
//! - **What is signed:** the raw body; HMAC-SHA256 keyed with the webhook's secret,
//!   standard base64 behind the exact prefix `sha256=`.
//! - **Tolerance:** none; there is no timestamp. Deduplicate on `event_id`.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::typeform;
//! use hookverify::{Secret, Sign};
//!
//! let secret = Secret::new("typeform-secret");
//! let body = br#"{"event_id":"01H","event_type":"form_response","form_response":{}}"#;
//! let headers = typeform::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! assert!(headers[0].1.starts_with("sha256="));
//! assert!(typeform::verifier([secret]).verify(body, &headers).is_ok());
//! ```

use crate::KeyKind;
use crate::schemes::{Encoding, Format, Signed};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "typeform";

/// The header Typeform signs in.
pub const SIGNATURE_HEADER: &str = "Typeform-Signature";

/// `Typeform-Signature: sha256=<base64 HMAC-SHA256 of the raw body>`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .encoding(Encoding::Base64)
        .format(Format::prefixed("sha256="))
        .preset()
}

/// A verifier for Typeform with the given secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
