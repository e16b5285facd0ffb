//! Telnyx (API v2 webhooks, Ed25519). Feature `ed25519`.
//!
//! - **What it sends:** a `POST` with a JSON body: `data` (`id`, `event_type`,
//!   `occurred_at`, `payload`) and `meta` (`attempt`, `delivered_to`).
//! - **Headers:** `telnyx-signature-ed25519: <base64>` and `telnyx-timestamp: <unix>`.
//! - **What is signed:** `"<telnyx-timestamp>|<raw body>"` (the timestamp as written in
//!   the header), with Ed25519 and Telnyx's private key; the signature is standard base64
//!   with padding (88 characters). Verified with the account's public key as Mission
//!   Control shows it: standard base64 of the raw 32-byte key (44 characters).
//! - **Tolerance:** 300 s in both directions, as Telnyx's libraries check
//!   (`|now − timestamp| > 300` is refused). Deduplicate on the body's `data.id`.
//! - **Handshake:** none. Telnyx retries to the failover URL when it does not get a 200.
//!
//! Telnyx's documentation calls these headers "compatible with Standard Webhooks"; only
//! their roles are: the names, the `|` separator, the missing id and the algorithm all
//! differ, so this is not [`standard_webhooks`](super::standard_webhooks). Telnyx's Node
//! library reads the timestamp as digits only and the signature as strict base64, as this
//! preset does; its Python library reads the timestamp with `int()` (so `+1700000000` or
//! `1_700_000_000` pass) and drops characters outside the base64 alphabet. Those are
//! refused here as malformed.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::telnyx;
//! use hookverify::{Secret, Sign};
//!
//! // RFC 8032's first test key: Telnyx holds the private key, Mission Control shows the
//! // public one in base64.
//! let private = Secret::new([
//!     0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec,
//!     0x2c, 0xc4, 0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32, 0x69, 0x19, 0x70, 0x3b, 0xac, 0x03,
//!     0x1c, 0xae, 0x7f, 0x60,
//! ]);
//! let public_key = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
//! let body = br#"{"data":{"id":"0ccc7b54","event_type":"call.initiated","payload":{}}}"#;
//! let headers = telnyx::scheme().sign(body, &private, hookverify::time::OffsetDateTime::now_utc());
//!
//! let verifier = telnyx::verifier([public_key])?;
//! assert!(verifier.verify(body, &headers).is_ok());
//! let tampered = br#"{"data":{"id":"0ccc7b55","event_type":"call.initiated","payload":{}}}"#;
//! assert!(verifier.verify(tampered, &headers).is_err());
//! assert!(telnyx::verifier(["not base64"]).is_err());
//! # Ok::<(), hookverify::Error>(())
//! ```

use std::time::Duration;

use crate::KeyKind;
use crate::schemes::{Encoding, Part, Signed, Timestamp, TimestampFormat, Window};
use crate::{Error, Key, PublicKey, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "telnyx";

/// The header Telnyx signs in.
pub const SIGNATURE_HEADER: &str = "telnyx-signature-ed25519";

/// The header carrying the signing time, Unix seconds.
pub const TIMESTAMP_HEADER: &str = "telnyx-timestamp";

/// The window the signed timestamp must fall in: 300 s each way, as Telnyx's libraries
/// check.
pub const WINDOW: Window = Window::tolerance(Duration::from_secs(300));

/// `telnyx-signature-ed25519: <base64>` over `"<telnyx-timestamp>|<body>"`, 300 s each
/// way.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::Ed25519, SIGNATURE_HEADER)
        .encoding(Encoding::Base64)
        .timestamp(
            Timestamp::header(TIMESTAMP_HEADER, TimestampFormat::UnixSeconds),
            WINDOW,
        )
        .signed([Part::Timestamp, Part::literal("|"), Part::Body])
        .preset()
}

/// A verifier for Telnyx with the given public keys (standard base64 of the raw 32-byte
/// Ed25519 key, as Mission Control shows them), current first.
///
/// # Errors
///
/// [`Error::InvalidPublicKey`] for a key that is not standard base64 of 32 bytes, or not
/// a point of the curve.
pub fn verifier<I>(public_keys: I) -> Result<Verifier<Signed>, Error>
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let keys = public_keys
        .into_iter()
        .map(|k| {
            let bytes = Encoding::Base64.decode(k.as_ref().trim()).map_err(|_| {
                Error::InvalidPublicKey {
                    algorithm: "Ed25519",
                    reason: "expected standard base64 of the 32-byte key".into(),
                }
            })?;
            PublicKey::ed25519(&bytes).map(Key::from)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Verifier::with_keys(scheme(), keys).with_name(NAME))
}
