//! Xero.
//!
//! - **What it sends:** a `POST` with a JSON body, `{"events": […],
//!   "firstEventSequence", "lastEventSequence", "entropy"}`, each event with its
//!   `eventCategory` and `eventType`.
//! - **Header:** `x-xero-signature: <base64>`.
//! - **What is signed:** the raw body; HMAC-SHA256 keyed with the app's webhook key as
//!   text (the 88-character key is never base64-decoded, though it looks like base64),
//!   standard padded base64.
//! - **Tolerance:** none; there is no timestamp, and no delivery id header: deduplicate
//!   on the events themselves (or the body's hash, which [`Verifier::dedupe_key`] falls
//!   back to).
//! - **Handshake:** Xero's "intent to receive" sends a validation payload (no events)
//!   signed correctly or incorrectly, and expects 200 for every correctly signed one and
//!   401 for every other, with an empty body, within 5 s. That is this verifier as is:
//!   answer 200 when it accepts, 401 when it refuses.
//!
//! Xero's documentation and its sample receiver (`hash_hmac('sha256', $rawPayload,
//! $webhookKey, true)`, base64) agree; Xero's SDKs have no verifier.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::xero;
//! use hookverify::{Error, Secret, Sign};
//!
//! let key = Secret::new("xero-webhook-key-88-characters-long-in-the-developer-portal");
//! let intent = br#"{"events":[],"lastEventSequence":0,"firstEventSequence":0,"entropy":"S0m3r4Nd0mt3xt"}"#;
//! let headers = xero::scheme().sign(intent, &key, hookverify::time::OffsetDateTime::now_utc());
//! let verifier = xero::verifier([key]);
//! assert!(verifier.verify(intent, &headers).is_ok()); // answer 200
//!
//! let tampered = br#"{"events":[],"lastEventSequence":0,"firstEventSequence":0,"entropy":"0th3rt3xt"}"#;
//! let refused = verifier.verify(tampered, &headers);
//! assert!(matches!(refused, Err(Error::SignatureMismatch))); // answer 401
//! ```

use crate::KeyKind;
use crate::schemes::{Encoding, Signed};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "xero";

/// The header Xero signs in.
pub const SIGNATURE_HEADER: &str = "x-xero-signature";

/// `x-xero-signature: <base64 HMAC-SHA256 of the raw body>`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .encoding(Encoding::Base64)
        .preset()
}

/// A verifier for Xero with the given webhook keys, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
