//! Pocketbook.
//!
//! - **What it sends:** a `POST` with a JSON envelope `id`, `type`, `created` (unix
//!   seconds), `data`, for the events `certificate.created`, `certificate.minted`,
//!   `certificate.transferred`, `certificate.burned`, `voucher.created`,
//!   `voucher.minted`, `voucher.expired`, `bulk_job.started`, `bulk_job.completed` and
//!   `bulk_job.failed`. The same event may be delivered more than once: deduplicate on
//!   `id`.
//! - **Header:** `X-Webhook-Signature: t=<unix>,v1=<hex>`.
//! - **What is signed:** `"<t>.<raw body>"`, HMAC-SHA256 keyed with the webhook secret's
//!   UTF-8 bytes (`whsec_…`, prefix included), lowercase hex.
//! - **Tolerance:** 300 s in both directions, as Pocketbook's sample code checks
//!   (`|now − t| > 300` is refused, so exactly 300 s is accepted).
//! - **Rotation:** Pocketbook recommends trying the current and the previous secret: pass
//!   both to [`verifier`], current first.
//!
//! The header is parsed as Pocketbook's sample code parses it: entries split on `,`, each
//! at its first `=`, trimmed, in any order; entries other than `t` and `v1` are ignored.
//!
//! # Examples
//!
//! ```
//! use hookverify::{Secret, Sign};
//! use hookverify::providers::pocketbook;
//!
//! let current = Secret::new("whsec_1234567890abcdef");
//! let previous = Secret::new("whsec_0ld");
//! let body = include_bytes!("../../../tests/data/payloads/pocketbook/certificate.created.json");
//! let now = time::OffsetDateTime::now_utc();
//! let headers = pocketbook::scheme().sign(body, &previous, now);
//!
//! let verifier = pocketbook::verifier([current, previous]);
//! let verified = verifier.verify(body, &headers)?;
//! if verified.key_index() > 0 {
//!     // the sender still uses the previous secret
//! }
//! match verified.json()? {
//!     pocketbook::Event::CertificateCreated(e) => {
//!         assert_eq!(e.data.certificate_id, "507f1f77bcf86cd799439011")
//!     }
//!     _ => {}
//! }
//! # Ok::<(), hookverify::Error>(())
//! ```

use std::time::Duration;

use crate::schemes::{Signed, Window};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "pocketbook";

/// The header Pocketbook signs in.
pub const SIGNATURE_HEADER: &str = "X-Webhook-Signature";

/// The window the signed timestamp must fall in: 300 s each way, as Pocketbook documents.
pub const WINDOW: Window = Window::tolerance(Duration::from_secs(300));

/// `X-Webhook-Signature: t=<unix>,v1=<hex>` over `"<t>.<raw body>"`, 300 s each way.
#[must_use]
pub fn scheme() -> Signed {
    super::timestamped(SIGNATURE_HEADER, WINDOW)
}

/// A verifier for Pocketbook with the given webhook secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}

mod events;

pub use events::{
    Attribute, BulkJobCompleted, BulkJobFailed, BulkJobStarted, CertificateBurned,
    CertificateCreated, CertificateMetadata, CertificateMinted, CertificateTransferred, Envelope,
    Event, VoucherCreated, VoucherExpired, VoucherLinks, VoucherMetadata, VoucherMinted,
};
