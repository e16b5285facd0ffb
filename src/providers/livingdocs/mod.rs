//! Livingdocs.
//!
//! - **What it sends:** a `POST` with a flat JSON body for the events `document.publish`,
//!   `document.unpublish`, `document.update`, `document.build`,
//!   `mediaLibraryEntry.create`, `mediaLibraryEntry.archive`, `mediaLibraryEntry.update`
//!   and `mediaLibraryEntry.revoke`; every body names its `event` and carries
//!   `deliveryId` (unique per call), `projectId`, `projectHandle` and `webhookHandle`.
//! - **Header:** `x-livingdocs-signature: sha256=<hex>`, sent when the webhook has a
//!   `secret` configured.
//! - **What is signed:** the raw body; HMAC-SHA256 keyed with the configured secret's UTF-8
//!   bytes, lowercase hex, behind the exact prefix `sha256=`.
//! - **Tolerance:** none; there is no timestamp. Deduplicate on `deliveryId`.
//!
//! Livingdocs' documentation shows `sha256=d8a47af83666a771d57117aa28ef8d3243a3de43` as an
//! example value: that is 40 hex digits, the length of a SHA-1. Its own sample code
//! computes a SHA-256 (64 digits), which is what this preset requires; a 40-digit value is
//! refused as [`ValueProblem::WrongLength`](crate::ValueProblem::WrongLength).
//!
//! # Examples
//!
//! ```
//! use hookverify::{Secret, Sign};
//! use hookverify::providers::livingdocs;
//!
//! let secret = Secret::new("a-secret-token-to-sign-the-request");
//! let body = include_bytes!("../../../tests/data/payloads/livingdocs/document.publish.json");
//! let headers = livingdocs::scheme().sign(body, &secret, time::OffsetDateTime::now_utc());
//!
//! let verifier = livingdocs::verifier([secret]);
//! match verifier.verify_json(body, &headers)? {
//!     livingdocs::Event::DocumentPublish(d) => assert_eq!(d.document_id, 179),
//!     livingdocs::Event::MediaLibraryEntryRevoke(d) => { /* take d.media_id down */ }
//!     _ => {}
//! }
//! # Ok::<(), hookverify::Error>(())
//! ```

use crate::KeyKind;
use crate::schemes::{Format, Signed};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "livingdocs";

/// The header Livingdocs signs in.
pub const SIGNATURE_HEADER: &str = "x-livingdocs-signature";

/// The exact prefix of the header's value.
pub const SIGNATURE_PREFIX: &str = "sha256=";

/// `x-livingdocs-signature: sha256=<hex HMAC-SHA256 of the raw body>`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .format(Format::prefixed(SIGNATURE_PREFIX))
        .preset()
}

/// A verifier for Livingdocs with the given webhook secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}

mod events;

pub use events::{
    Delivery, DocumentBuild, DocumentUpdate, Event, MediaLibraryEntry, Publication,
    PublicationEvent,
};
