//! Slack (Events API, interactivity, slash commands).
//!
//! - **What it sends:** a `POST` (JSON for the Events API, form-encoded for slash commands
//!   and interactivity), with its signing timestamp in `X-Slack-Request-Timestamp`.
//! - **Header:** `X-Slack-Signature: v0=<hex>`.
//! - **What is signed:** `"v0:<X-Slack-Request-Timestamp>:<raw body>"`, HMAC-SHA256 keyed
//!   with the app's signing secret (its UTF-8 bytes), lowercase hex.
//! - **Tolerance:** 300 s in both directions, as Slack's SDK checks
//!   (`abs(now − timestamp) > 300` is refused).
//! - **Handshake:** when an Events API URL is set, Slack sends a signed `url_verification`
//!   event; answer 200 with its `challenge` ([`handshake_response`]).
//! - **Retries:** up to three, with `X-Slack-Retry-Num`; Slack sends no delivery id
//!   header, so deduplicate on the body (the event's `event_id`).
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::slack;
//! use hookverify::{Secret, Sign};
//!
//! let secret = Secret::new("8f742231b10e8888abcd99yyyzzz85a5");
//! let body = br#"{"type":"url_verification","token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}"#;
//! let headers = slack::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//!
//! let verified = slack::verifier([secret]).verify(body, &headers)?;
//! if let Some(challenge) = slack::handshake_response(&verified) {
//!     // answer 200 with `challenge` as the body
//!     assert!(challenge.starts_with("3eZbrw"));
//! }
//! # Ok::<(), hookverify::Error>(())
//! ```

use std::time::Duration;

use crate::schemes::{Signed, Window};
use crate::{Secret, Verified, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "slack";

/// The header Slack signs in.
pub const SIGNATURE_HEADER: &str = "X-Slack-Signature";

/// The header carrying the signing time, Unix seconds.
pub const TIMESTAMP_HEADER: &str = "X-Slack-Request-Timestamp";

/// The window the signed timestamp must fall in: 300 s each way, as Slack documents ("five minutes").
pub const WINDOW: Window = Window::tolerance(Duration::from_secs(300));

/// `X-Slack-Signature: v0=<hex>` over `"v0:<timestamp>:<body>"`, 300 s each way.
#[must_use]
pub fn scheme() -> Signed {
    super::v0_timestamped(SIGNATURE_HEADER, TIMESTAMP_HEADER, WINDOW)
}

/// A verifier for Slack with the given signing secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}

/// The `challenge` of a verified `url_verification` event, which Slack expects back as
/// the body of a 200 answer; `None` for any other body.
#[must_use]
pub fn handshake_response(verified: &Verified<'_>) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Handshake {
        r#type: String,
        challenge: String,
    }
    let handshake: Handshake = serde_json::from_slice(verified.body()).ok()?;
    (handshake.r#type == "url_verification").then_some(handshake.challenge)
}
