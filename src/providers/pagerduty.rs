//! PagerDuty (v3 webhook subscriptions).
//!
//! - **What it sends:** a `POST` with a JSON body, `{"event": {id, event_type,
//!   resource_type, occurred_at, data, …}}`; a subscription may add custom headers.
//! - **Header:** `X-PagerDuty-Signature: v1=<hex>[,v1=<hex>…]`, one `v1` per live signing
//!   secret, so that a secret can be rotated without downtime; any may match.
//! - **What is signed:** the raw body; HMAC-SHA256 keyed with the subscription's signing
//!   secret as text, lowercase hex.
//! - **Tolerance:** none; there is no timestamp. Deduplicate on `X-Webhook-Id`, which
//!   PagerDuty repeats on every attempt of a delivery and
//!   [`Verified::delivery_id`](crate::Verified::delivery_id) reports (not signed). The
//!   event type is in the body (`event.event_type`).
//!
//! PagerDuty's samples compare `v1=<hex>` as text with each comma-separated entry;
//! go-pagerduty decodes the hex (either case), skips entries it cannot decode, and
//! refuses an empty body. This preset follows the samples: lowercase hex, an empty body
//! verified like any other, and, unlike both, a header holding a malformed `v1` entry is
//! refused even when another entry matches; entries are trimmed, so `v1=…, v1=…` is read
//! as two entries where the samples miss the second.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::pagerduty;
//! use hookverify::{Error, Secret, Sign};
//!
//! let secret = Secret::new("lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK");
//! let body = br#"{"event":{"id":"01BWDWL3","event_type":"incident.triggered","data":{}}}"#;
//! let mut headers = pagerduty::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! assert!(headers[0].1.starts_with("v1="));
//! headers.push(("X-Webhook-Id".into(), "36ef8a4a-9c7e-4a5c-a1d3-8a2bc1e5f0d7".into()));
//! let verifier = pagerduty::verifier([secret]);
//! let verified = verifier.verify(body, &headers)?;
//! assert_eq!(verified.delivery_id(), Some("36ef8a4a-9c7e-4a5c-a1d3-8a2bc1e5f0d7"));
//!
//! let tampered = br#"{"event":{"id":"01BWDWL3","event_type":"incident.resolved","data":{}}}"#;
//! assert!(matches!(verifier.verify(tampered, &headers), Err(Error::SignatureMismatch)));
//! # Ok::<(), hookverify::Error>(())
//! ```

use crate::KeyKind;
use crate::schemes::{Format, Signed};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "pagerduty";

/// The header PagerDuty signs in.
pub const SIGNATURE_HEADER: &str = "X-PagerDuty-Signature";

/// The header naming each delivery, the same on every attempt.
pub const DELIVERY_HEADER: &str = "X-Webhook-Id";

/// `X-PagerDuty-Signature: v1=<hex>[,v1=<hex>…]` over the raw body.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .format(Format::entries(',', "v1"))
        .delivery_id_header(DELIVERY_HEADER)
        .preset()
}

/// A verifier for PagerDuty with the given signing secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
