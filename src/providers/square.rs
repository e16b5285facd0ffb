//! Square.
//!
//! - **What it sends:** a `POST` with a JSON event (`event_id`, `type`, `data`).
//! - **Header:** `x-square-hmacsha256-signature: <base64>`.
//! - **What is signed:** the notification URL exactly as configured for the subscription
//!   in the Developer Console, followed by the raw body; HMAC-SHA256 keyed with the
//!   subscription's signature key, standard base64. The URL is configuration, given to
//!   [`verifier`]: behind a proxy, it is the public URL, not the one your server sees.
//! - **Tolerance:** none; there is no timestamp. Deduplicate on the body's `event_id`.
//! - Square's SDK refuses an empty body; so does this preset.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::square;
//! use hookverify::{Secret, Sign};
//!
//! let url = "https://example.com/webhooks/square";
//! let secret = Secret::new("signature-key-from-the-console");
//! let body = br#"{"merchant_id":"6SSW7HV8K2ST5","type":"payment.created","event_id":"13b867cf"}"#;
//! let headers = square::scheme(url).sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//!
//! let verifier = square::verifier(url, [secret]);
//! assert!(verifier.verify(body, &headers).is_ok());
//! # Ok::<(), hookverify::Error>(())
//! ```

use std::borrow::Cow;

use crate::KeyKind;
use crate::schemes::{Encoding, Part, Signed};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "square";

/// The header Square signs in.
pub const SIGNATURE_HEADER: &str = "x-square-hmacsha256-signature";

/// The scheme for the subscription whose notification URL is `notification_url`.
///
/// Base64 HMAC-SHA256 of the URL followed by the body, refusing an empty body as Square's
/// SDK does.
pub fn scheme(notification_url: impl Into<Cow<'static, str>>) -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .encoding(Encoding::Base64)
        .signed([Part::Literal(notification_url.into()), Part::Body])
        .refuse_empty_body()
        .preset()
}

/// A verifier for the subscription at `notification_url` with the given signature keys,
/// current first.
pub fn verifier<I>(notification_url: impl Into<Cow<'static, str>>, secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(notification_url), NAME, secrets)
}
