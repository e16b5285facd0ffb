//! Zoom.
//!
//! - **What it sends:** a `POST` with a JSON event (`event`, `event_ts`, `payload`).
//! - **Headers:** `x-zm-signature: v0=<hex>` and `x-zm-request-timestamp`.
//! - **What is signed:** `"v0:<x-zm-request-timestamp>:<raw body>"`, HMAC-SHA256 keyed with
//!   the app's secret token, lowercase hex.
//! - **Tolerance:** none by default: Zoom's own sample checks no time (the timestamp is
//!   still signed). For one, configure [`Signed::builder`] as [`scheme`] does, with
//!   `Timestamp::header(TIMESTAMP_HEADER, TimestampFormat::UnixSeconds)` and a window.
//! - **Handshake:** Zoom validates the endpoint with an `endpoint.url_validation` event;
//!   answer it with [`handshake_response`], which needs the secret token.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::zoom;
//! use hookverify::{Request, Secret, Sign};
//!
//! let secret = Secret::new("zoom-secret-token");
//! let body = br#"{"event":"endpoint.url_validation","payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680}"#;
//! let sent = [("x-zm-request-timestamp", "1654503849")];
//! let now = hookverify::time::OffsetDateTime::now_utc();
//! let mut headers = zoom::scheme().sign_request(&Request::new(body, &sent), &secret, now);
//! headers.push((sent[0].0.into(), sent[0].1.into()));
//!
//! let verified = zoom::verifier([&secret]).verify(body, &headers)?;
//! let answer = zoom::handshake_response(&verified, &secret).unwrap();
//! assert!(answer.starts_with(r#"{"plainToken":"qgg8vlvZRS6UYooatFL8Aw","encryptedToken":""#));
//! # Ok::<(), hookverify::Error>(())
//! ```

use crate::schemes::{Format, Part, Signed};
use crate::{Key, KeyKind, Secret, Verified, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "zoom";

/// The header Zoom signs in.
pub const SIGNATURE_HEADER: &str = "x-zm-signature";

/// The header carrying the signed timestamp.
pub const TIMESTAMP_HEADER: &str = "x-zm-request-timestamp";

/// `x-zm-signature: v0=<hex>` over `"v0:<timestamp>:<body>"`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .format(Format::prefixed("v0="))
        .signed([
            Part::literal("v0:"),
            Part::header(TIMESTAMP_HEADER),
            Part::literal(":"),
            Part::Body,
        ])
        .preset()
}

/// A verifier for Zoom with the given secret tokens, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}

/// The JSON answer to a verified `endpoint.url_validation` event:
/// `{"plainToken":"…","encryptedToken":"<hex HMAC-SHA256 of plainToken>"}`, keyed with
/// `secret` (the secret token the request was verified with); `None` for any other event.
#[must_use]
pub fn handshake_response(verified: &Verified<'_>, secret: &Secret) -> Option<String> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Payload {
        plain_token: String,
    }
    #[derive(serde::Deserialize)]
    struct Validation {
        event: String,
        payload: Payload,
    }
    let validation: Validation = serde_json::from_slice(verified.body()).ok()?;
    if validation.event != "endpoint.url_validation" {
        return None;
    }
    let plain = validation.payload.plain_token;
    let mac = Key::new(KeyKind::HmacSha256, secret).mac(&[plain.as_bytes()])?;
    let plain = serde_json::to_string(&plain).ok()?;
    Some(format!(
        r#"{{"plainToken":{plain},"encryptedToken":"{}"}}"#,
        hex::encode(mac)
    ))
}
