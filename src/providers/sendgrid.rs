//! SendGrid (Event Webhook, signed).
//!
//! - **What it sends:** a `POST` with a JSON array of events.
//! - **Headers:** `X-Twilio-Email-Event-Webhook-Signature: <base64>` and
//!   `X-Twilio-Email-Event-Webhook-Timestamp`.
//! - **What is signed:** `"<timestamp><raw body>"`, ECDSA P-256 with SHA-256, the
//!   signature ASN.1 DER in base64; verified with the verification key shown under Mail
//!   Settings (base64 of its SubjectPublicKeyInfo). Feature `p256`.
//! - **Tolerance:** none; SendGrid's libraries check no time. Deduplicate on each event's
//!   `sg_event_id`.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::sendgrid;
//!
//! let key = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==";
//! let verifier = sendgrid::verifier([key])?;
//! # let _ = verifier;
//! assert!(sendgrid::verifier(["AAAA"]).is_err());
//! # Ok::<(), hookverify::Error>(())
//! ```

use crate::KeyKind;
use crate::schemes::{Part, Signed};
use crate::{Error, Key, PublicKey, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "sendgrid";

/// The header SendGrid signs in.
pub const SIGNATURE_HEADER: &str = "X-Twilio-Email-Event-Webhook-Signature";

/// The header carrying the signed timestamp.
pub const TIMESTAMP_HEADER: &str = "X-Twilio-Email-Event-Webhook-Timestamp";

/// `X-Twilio-Email-Event-Webhook-Signature: <base64 DER>` over `"<timestamp><body>"`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::EcdsaP256, SIGNATURE_HEADER)
        .signed([Part::header(TIMESTAMP_HEADER), Part::Body])
        .preset()
}

/// A verifier for SendGrid with the given verification keys (base64 SubjectPublicKeyInfo,
/// as SendGrid shows them, or PEM), current first.
///
/// # Errors
///
/// [`Error::InvalidPublicKey`] for a key that is not a P-256 SubjectPublicKeyInfo.
pub fn verifier<I>(public_keys: I) -> Result<Verifier<Signed>, Error>
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let keys = public_keys
        .into_iter()
        .map(|k| PublicKey::p256_base64(k.as_ref()).map(Key::from))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Verifier::with_keys(scheme(), keys).with_name(NAME))
}
