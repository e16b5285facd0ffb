//! `TimestampedHmac`: `h: t=<unix>,v1=<hex>[,v1=<hex>…]` over `"<t>." ++ body`, as
//! configuration of [`Signed`].

use std::borrow::Cow;

use super::signed::{Part, Signed};
use super::timestamp::TimestampFormat;

/// HMAC-SHA256 over `"<t>." ++ raw body`, sent as `t=<unix>,v1=<hex>` (Pocketbook,
/// Stripe): a shorthand for this configuration of [`Signed`]:
///
/// ```
/// # use hookverify::schemes::{Part, Signed, TimestampFormat, TimestampedHmac};
/// let scheme = Signed::hmac("X-Webhook-Signature")
///     .entries(',', "v1")
///     .timestamp_entry("t", TimestampFormat::UnixSeconds)
///     .signed([Part::Timestamp, Part::literal("."), Part::Body]);
/// assert_eq!(scheme, TimestampedHmac::new("X-Webhook-Signature"));
/// ```
///
/// # Parsing
///
/// As Pocketbook's own sample code does: the value is split on `,`; each entry at its
/// first `=`; keys and values are trimmed of spaces and tabs; entries may come in any
/// order. Then, stricter than the samples:
/// - exactly one `t`, written as ASCII digits only (no sign, no fraction);
/// - at least one `v1`, each 64 lowercase hex digits, at most
///   [`MAX_SIGNATURES`](super::MAX_SIGNATURES);
/// - an empty entry or one without `=` is malformed;
/// - any other key (Stripe's `v0`, a future `v2`) is ignored and never verified, so a
///   weaker signature can never stand in for `v1`.
///
/// The signed string uses `t` exactly as sent (leading zeros included).
///
/// # Window
///
/// Accepted when `now − t ≤ max_age` and `t − now ≤ max_future`, both inclusive, both
/// 300 s by default; in whole seconds, with `now` rounded down. The window is checked
/// before any MAC is computed.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use hookverify::{Secret, Verifier, Scheme, Error};
/// use hookverify::schemes::TimestampedHmac;
/// use hookverify::time::OffsetDateTime;
///
/// let scheme = TimestampedHmac::new("X-Webhook-Signature").max_age(Duration::from_secs(60));
/// let secret = Secret::new("whsec_1234567890abcdef");
/// let sent_at = OffsetDateTime::from_unix_timestamp(1_640_995_200)?;
/// let body = br#"{"id":"evt_1","type":"certificate.created"}"#;
/// let headers = scheme.sign(body, &secret, sent_at);
///
/// let verifier = Verifier::new(scheme, [secret]);
/// let verified = verifier.verify_at(body, &headers, sent_at + Duration::from_secs(60))?;
/// assert_eq!(verified.timestamp(), Some(sent_at));
///
/// let late = verifier.verify_at(body, &headers, sent_at + Duration::from_secs(61));
/// assert!(matches!(late, Err(Error::TimestampTooOld { age: 61, tolerance: 60 })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub enum TimestampedHmac {}

impl TimestampedHmac {
    /// `header: t=<unix>,v1=<hex>` over `"<t>." ++ body`, 300 s each way.
    #[allow(clippy::new_ret_no_self)] // a shorthand for a `Signed` configuration
    pub fn new(header: impl Into<Cow<'static, str>>) -> Signed {
        Signed::hmac(header)
            .entries(',', "v1")
            .timestamp_entry("t", TimestampFormat::UnixSeconds)
            .signed([Part::Timestamp, Part::literal("."), Part::Body])
    }
}
