//! Vercel (integration and account webhooks).
//!
//! - **What it sends:** a `POST` with a JSON event (`id`, `type` such as
//!   `deployment.created`, `createdAt` in milliseconds, `payload`).
//! - **Header:** `x-vercel-signature: <hex>`.
//! - **What is signed:** the raw body; **HMAC-SHA1** keyed as text with the integration's
//!   client secret (integration webhooks) or the secret shown once when an account or
//!   team webhook is created, lowercase hex (40 digits).
//! - **Tolerance:** none; there is no timestamp. Vercel sends no delivery id header:
//!   deduplicate on the body's `id` (or its hash, which [`Verifier::dedupe_key`] falls
//!   back to).
//!
//! Vercel's page says the header "corresponds to the sha1 of the payload body using your
//! client secret", and its sample computes `createHmac('sha1', secret)` in hex: this
//! preset verifies exactly that, and refuses a SHA-256 signature (64 digits) as
//! malformed. Vercel's SDKs have no verifier of their own.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::vercel;
//! use hookverify::{Error, Secret, Sign};
//!
//! let secret = Secret::new("Vx4cL2mQ9tR7bN1kP5sW8yZ3");
//! let body = br#"{"id":"uHz5UC7r1BfoLGTCvzRPz4Sn","type":"deployment.created","payload":{}}"#;
//! let headers = vercel::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! assert_eq!(headers[0].1.len(), 40);
//! let verifier = vercel::verifier([secret]);
//! assert!(verifier.verify(body, &headers).is_ok());
//!
//! let tampered = br#"{"id":"uHz5UC7r1BfoLGTCvzRPz4Sn","type":"deployment.error","payload":{}}"#;
//! assert!(matches!(verifier.verify(tampered, &headers), Err(Error::SignatureMismatch)));
//! ```

use crate::KeyKind;
use crate::schemes::Signed;
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "vercel";

/// The header Vercel signs in.
pub const SIGNATURE_HEADER: &str = "x-vercel-signature";

/// `x-vercel-signature: <hex HMAC-SHA1 of the raw body>`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha1, SIGNATURE_HEADER).preset()
}

/// A verifier for Vercel with the given client or webhook secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
