//! LINE (Messaging API).
//!
//! - **What it sends:** a `POST` with a JSON body: the bot's `destination` and an `events`
//!   array (each with `type`, `webhookEventId`, `deliveryContext.isRedelivery`,
//!   `timestamp`…).
//! - **Header:** `x-line-signature: <base64>`.
//! - **What is signed:** the raw body; HMAC-SHA256 keyed with the channel secret *as text*
//!   (its UTF-8 bytes, not hex-decoded), standard base64 with padding.
//! - **Tolerance:** none; no header carries a time (each event's `timestamp` is not
//!   checked). Deduplicate on each event's `webhookEventId`; redeliveries set
//!   `deliveryContext.isRedelivery`.
//! - **Handshake:** none of its own: the console's "Verify" button sends a signed request
//!   whose `events` array is empty, which must get a 200.
//! - **Secrets:** issuing a new channel secret invalidates the old one at once; a second
//!   secret only helps while your own deployment switches over.
//!
//! LINE's Python SDK compares the base64 text exactly; its Node SDK decodes the header
//! leniently, so it also accepts the signature without its `=` padding or in the URL-safe
//! alphabet. This preset follows the Python SDK and LINE's documentation: those forms are
//! refused as malformed.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::line;
//! use hookverify::{Secret, Sign};
//!
//! let secret = Secret::new("8f742231b10e8888abcd99yyyzzz85a5");
//! let body = br#"{"destination":"U0123","events":[]}"#;
//! let headers = line::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//!
//! let verifier = line::verifier([secret]);
//! assert!(verifier.verify(body, &headers).is_ok());
//! assert!(verifier.verify(br#"{"destination":"U0124","events":[]}"#, &headers).is_err());
//! ```

use crate::KeyKind;
use crate::schemes::{Encoding, Signed};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "line";

/// The header LINE signs in.
pub const SIGNATURE_HEADER: &str = "x-line-signature";

/// `x-line-signature: <base64 HMAC-SHA256 of the raw body>`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .encoding(Encoding::Base64)
        .preset()
}

/// A verifier for LINE with the given channel secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
