//! Twitch (EventSub over webhooks).
//!
//! - **What it sends:** a `POST` with a JSON body; the kind of message in
//!   `Twitch-Eventsub-Message-Type` (`notification`, `webhook_callback_verification`,
//!   `revocation`).
//! - **Headers:** `Twitch-Eventsub-Message-Id`, `Twitch-Eventsub-Message-Timestamp` (RFC
//!   3339) and `Twitch-Eventsub-Message-Signature: sha256=<hex>`.
//! - **What is signed:** the message id, the timestamp as sent and the raw body,
//!   concatenated; HMAC-SHA256 keyed with the subscription's secret, lowercase hex.
//! - **Tolerance:** 10 minutes, as Twitch asks, in both directions.
//! - **Delivery id:** `Twitch-Eventsub-Message-Id` (signed), reported by
//!   [`Verified::delivery_id`]: Twitch resends a message with the same id.
//! - **Handshake:** a `webhook_callback_verification` message carries a `challenge`;
//!   answer 200 with it as a plain-text body ([`handshake_response`]).
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::twitch;
//! use hookverify::{Request, Secret, Sign};
//!
//! let secret = Secret::new("s3cRe7");
//! let body = br#"{"challenge":"pogchamp-kappa-360noscope-vohiyo","subscription":{"type":"channel.follow"}}"#;
//! let id = [("Twitch-Eventsub-Message-Id", "e76c6bd4-55c9-4987-8304-da1588d8988b")];
//! let now = hookverify::time::OffsetDateTime::now_utc();
//! let mut headers = twitch::scheme().sign_request(&Request::new(body, &id), &secret, now);
//! headers.push((id[0].0.into(), id[0].1.into()));
//!
//! let verified = twitch::verifier([secret]).verify(body, &headers)?;
//! assert_eq!(verified.delivery_id(), Some("e76c6bd4-55c9-4987-8304-da1588d8988b"));
//! assert_eq!(
//!     twitch::handshake_response(&verified).as_deref(),
//!     Some("pogchamp-kappa-360noscope-vohiyo")
//! );
//! # Ok::<(), hookverify::Error>(())
//! ```

use std::time::Duration;

use crate::KeyKind;
use crate::schemes::{Format, Part, Signed, Timestamp, TimestampFormat, Window};
use crate::{Secret, Verified, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "twitch";

/// The header Twitch signs in.
pub const SIGNATURE_HEADER: &str = "Twitch-Eventsub-Message-Signature";

/// The header carrying the message id (signed).
pub const DELIVERY_HEADER: &str = "Twitch-Eventsub-Message-Id";

/// The header carrying the signing time, RFC 3339.
pub const TIMESTAMP_HEADER: &str = "Twitch-Eventsub-Message-Timestamp";

/// The header naming the subscription type, e.g. `channel.follow`.
pub const EVENT_HEADER: &str = "Twitch-Eventsub-Subscription-Type";

/// The header saying what kind of message this is: `notification`,
/// `webhook_callback_verification` or `revocation`.
pub const MESSAGE_TYPE_HEADER: &str = "Twitch-Eventsub-Message-Type";

/// The default tolerance, each way: 10 minutes.
pub const WINDOW: Window = Window::tolerance(Duration::from_secs(600));

/// `Twitch-Eventsub-Message-Signature: sha256=<hex>` over id, timestamp and body, 10
/// minutes each way.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .format(Format::prefixed("sha256="))
        .timestamp(
            Timestamp::header(TIMESTAMP_HEADER, TimestampFormat::Rfc3339),
            WINDOW,
        )
        .signed([Part::header(DELIVERY_HEADER), Part::Timestamp, Part::Body])
        .delivery_id_header(DELIVERY_HEADER)
        .event_type_header(EVENT_HEADER)
        .preset()
}

/// A verifier for Twitch with the given subscription secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}

/// The `challenge` of a verified `webhook_callback_verification` message, which Twitch
/// expects back as a plain-text 200 answer; `None` for a body without one.
#[must_use]
pub fn handshake_response(verified: &Verified<'_>) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Verification {
        challenge: String,
    }
    serde_json::from_slice::<Verification>(verified.body())
        .ok()
        .map(|v| v.challenge)
}
