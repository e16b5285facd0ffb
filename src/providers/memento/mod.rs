//! Memento Yearbook.
//!
//! - **What it sends:** a `POST` with a JSON body for the events `proof.submitted` and
//!   `proof.cancelled`, in an envelope with `type`, `data`, `is_test_event` and
//!   `request_id` (the same across retries: deduplicate on it).
//! - **Header:** `Signature: <hex>`.
//! - **What is signed:** the raw body; the signature is the lowercase hex HMAC-SHA256 of it,
//!   keyed with the signing secret from the Webhook Dashboard (`whsec_…`), whose UTF-8
//!   bytes are the key as they are (prefix included, no base64 decoding).
//! - **Tolerance:** none; the request carries no timestamp, so a captured request can be
//!   replayed. Deduplicate on `request_id`.
//! - **Retries:** up to 3 times with exponential backoff; answer 2xx quickly.
//! - **Test events** carry `"is_test_event": true`; skip side effects for them.
//!
//! Memento's sample compares strings (`signature === computedSignature`); this preset
//! compares the decoded bytes in constant time and, like the sample, accepts only the
//! lowercase hex the provider sends.
//!
//! # Examples
//!
//! ```
//! use hookverify::{Secret, Sign};
//! use hookverify::providers::memento;
//!
//! let secret = Secret::new("whsec_Ge3tGXAEEeEGLDJqtMDGfmn9VoqJXtQz");
//! let body = include_bytes!("../../../tests/data/payloads/memento/proof.submitted.json");
//! let headers = memento::scheme().sign(body, &secret, time::OffsetDateTime::now_utc());
//!
//! // In the handler: verify the raw bytes, then look at the event.
//! let verifier = memento::verifier([secret]);
//! let verified = verifier.verify(body, &headers)?;
//! match verified.json()? {
//!     memento::Event::ProofSubmitted(e) if e.is_test_event => { /* a test: no side effects */ }
//!     memento::Event::ProofSubmitted(e) => { /* download e.data.final_pdf_url, asynchronously */ }
//!     memento::Event::ProofCancelled(e) => { /* void e.data.proof_id */ }
//!     _ => { /* an event type this handler does not use */ }
//! }
//! # Ok::<(), hookverify::Error>(())
//! ```

use crate::schemes::Signed;
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "memento";

/// The header Memento signs in.
pub const SIGNATURE_HEADER: &str = "Signature";

/// `Signature: <hex HMAC-SHA256 of the raw body>`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::hmac(SIGNATURE_HEADER)
}

/// A verifier for Memento with the given signing secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}

mod events;

pub use events::{
    CoverGeometry, Edges, Envelope, Event, FormFactor, OutputSettings, PageType, Proof,
};
