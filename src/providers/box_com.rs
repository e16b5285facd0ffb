//! Box (webhooks v2). The module is `box_com`, since `box` is a Rust keyword.
//!
//! - **What it sends:** a `POST` with a JSON event (`type: "webhook_event"`, `id`,
//!   `trigger` such as `FILE.UPLOADED`, `source`, `created_by`), non-ASCII written as
//!   `\uXXXX`.
//! - **Headers:** `BOX-SIGNATURE-PRIMARY: <base64>` (signed with the webhook's primary
//!   key), `BOX-SIGNATURE-SECONDARY: <base64>` (with its secondary key),
//!   `BOX-DELIVERY-TIMESTAMP` (RFC 3339 with an offset, `2020-01-01T00:00:00-07:00`), and
//!   the required `BOX-SIGNATURE-VERSION: 1` and `BOX-SIGNATURE-ALGORITHM: HmacSHA256`.
//! - **What is signed:** the raw body, then the timestamp exactly as sent, with no
//!   separator; HMAC-SHA256 keyed with each signature key as text, standard padded
//!   base64.
//! - **Keys are positional:** give the primary key first and the secondary key second.
//!   The first is checked only against `BOX-SIGNATURE-PRIMARY`, the second only against
//!   `BOX-SIGNATURE-SECONDARY`, as Box's SDKs do; a request needs at least one of the two
//!   headers. Box keeps two keys so that one can be regenerated while the other still
//!   verifies: that is its rotation.
//! - **Tolerance:** 600 s old and none ahead ([`WINDOW`]), as both Box SDKs check.
//! - **Deduplicate** on the body's `id`, which stays the same when Box retries, or on
//!   the body's hash (what [`Verifier::dedupe_key`] falls back to): Box gives each
//!   attempt a new `BOX-DELIVERY-ID` ([`DELIVERY_HEADER`]), so this preset does not
//!   report it as the delivery id.
//!
//! Box's documentation checks only the age ("not older than ten minutes"); its SDKs also
//! refuse any timestamp ahead of the clock, which this preset follows. When the raw body
//! does not match, both SDKs try again over the body re-escaped (non-ASCII as `\uXXXX`)
//! for frameworks that decoded it; this preset verifies the bytes received, which Box
//! sent escaped, and refuses a decoded body. box-node-sdk also decodes the signature
//! before comparing, so it takes the URL-safe alphabet and a timestamp that is no date;
//! this preset, like box-sdk-gen, refuses both.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::box_com;
//! use hookverify::{Error, Secret, Sign};
//!
//! let primary = Secret::new("SamplePrimaryKey");
//! let secondary = Secret::new("SampleSecondaryKey");
//! let body = br#"{"type":"webhook_event","id":"0f46a6ca","trigger":"FILE.UPLOADED"}"#;
//! // Signs BOX-SIGNATURE-PRIMARY, with the version, algorithm and timestamp headers.
//! let headers = box_com::scheme().sign(body, &primary, hookverify::time::OffsetDateTime::now_utc());
//! let verifier = box_com::verifier([primary, secondary]);
//! assert_eq!(verifier.verify(body, &headers)?.key_index(), 0);
//!
//! let tampered = br#"{"type":"webhook_event","id":"0f46a6ca","trigger":"FILE.DELETED"}"#;
//! assert!(matches!(verifier.verify(tampered, &headers), Err(Error::SignatureMismatch)));
//! # Ok::<(), hookverify::Error>(())
//! ```

use std::time::Duration;

use crate::KeyKind;
use crate::schemes::{Encoding, Part, Signed, Timestamp, TimestampFormat, Window};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "box_com";

/// The header Box signs in with the primary key (the first secret).
pub const SIGNATURE_HEADER: &str = "BOX-SIGNATURE-PRIMARY";

/// The header Box signs in with the secondary key (the second secret).
pub const SECONDARY_SIGNATURE_HEADER: &str = "BOX-SIGNATURE-SECONDARY";

/// The header carrying the signing time, RFC 3339.
pub const TIMESTAMP_HEADER: &str = "BOX-DELIVERY-TIMESTAMP";

/// The header naming each delivery attempt. It changes when Box retries, so it is not
/// reported as the delivery id: deduplicate on the body's `id` or its hash.
pub const DELIVERY_HEADER: &str = "BOX-DELIVERY-ID";

/// The window the signed timestamp must fall in: 600 s old, and never ahead of the
/// clock, as Box's SDKs check.
pub const WINDOW: Window = Window::new(Some(Duration::from_secs(600)), Some(Duration::ZERO));

/// `BOX-SIGNATURE-PRIMARY` / `BOX-SIGNATURE-SECONDARY: <base64>` over the body then the
/// timestamp, one header per key, with `BOX-SIGNATURE-VERSION: 1` and
/// `BOX-SIGNATURE-ALGORITHM: HmacSHA256` required; 600 s old, none ahead.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .encoding(Encoding::Base64)
        .key_header(1, SECONDARY_SIGNATURE_HEADER)
        .timestamp(
            Timestamp::header(TIMESTAMP_HEADER, TimestampFormat::Rfc3339),
            WINDOW,
        )
        .signed([Part::Body, Part::Timestamp])
        .require_header("BOX-SIGNATURE-VERSION", "1")
        .require_header("BOX-SIGNATURE-ALGORITHM", "HmacSHA256")
        .preset()
}

/// A verifier for Box with the webhook's primary key first and its secondary key second
/// (the order is each key's header, not a preference).
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
