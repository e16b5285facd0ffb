//! Mailgun (webhooks with JSON bodies).
//!
//! - **What it sends:** a `POST` with a JSON body: `event-data` (the event) and
//!   `signature`, an object of three strings: `timestamp` (Unix seconds), `token` (50
//!   random characters, unique per delivery) and `signature`.
//! - **What is signed:** `"<timestamp><token>"`, HMAC-SHA256 keyed with the domain's HTTP
//!   webhook signing key, lowercase hex in `signature.signature`. No header is involved:
//!   the signature is inside the body, and does not cover `event-data`.
//! - **Tolerance:** none by default (Mailgun asks to check the timestamp's freshness
//!   without naming a window): set one with [`Mailgun::with_window`] on [`scheme`].
//! - **Delivery id:** the `token`, which Mailgun asks receivers to remember so that a
//!   signature is used once: [`Verified::delivery_id`](crate::Verified::delivery_id)
//!   reports it, and [dedupe](crate::dedupe) records it.
//!
//! Because the signature covers the timestamp and the token but not the event, anyone who
//! captured one request can attach its `signature` object to another event: deduplicating
//! on the token (and a window) is what makes a signature single-use.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::mailgun;
//! use hookverify::Secret;
//!
//! let key = Secret::new("key-mailgun-signing");
//! let body = mailgun::signed_body(r#"{"event":"delivered"}"#, &key, 1_700_000_000, "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0");
//! let at = hookverify::time::OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
//! let verified = mailgun::verifier([key]).verify_at(&body, &(), at)?;
//! assert_eq!(verified.delivery_id(), Some("a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0"));
//! # Ok::<(), hookverify::Error>(())
//! ```

use serde_json::value::RawValue;

use crate::schemes::{Encoding, TimestampFormat, Window};
use crate::{Clock, Error, Key, KeyKind, Match, Request, Scheme, Secret, ValueProblem, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "mailgun";

/// Mailgun's scheme: the `signature` object of the JSON body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailgun {
    window: Window,
}

#[derive(serde::Deserialize)]
struct Body<'a> {
    #[serde(borrow)]
    signature: Option<Fields<'a>>,
}

#[derive(serde::Deserialize)]
struct Fields<'a> {
    #[serde(borrow)]
    timestamp: Option<&'a RawValue>,
    token: Option<&'a str>,
    signature: Option<&'a str>,
}

impl Mailgun {
    /// Refuses timestamps outside `window` (default [`Window::unlimited`]).
    #[must_use]
    pub fn with_window(mut self, window: Window) -> Self {
        self.window = window;
        self
    }

    /// The timestamp, token and signature of `body`, checked for form.
    fn fields(body: &[u8]) -> Result<(&str, &str, Vec<u8>), Error> {
        // A body that is not JSON (or whose strings need unescaping, which these fields
        // never do) has no usable `signature` object.
        let body: Body<'_> =
            serde_json::from_slice(body).map_err(|_| Error::missing_field("signature"))?;
        let fields = body
            .signature
            .ok_or_else(|| Error::missing_field("signature"))?;
        let raw = fields
            .timestamp
            .ok_or_else(|| Error::missing_field("signature.timestamp"))?
            .get();
        // A string of digits, or a number written as digits.
        let timestamp = raw
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .unwrap_or(raw);
        let token = fields
            .token
            .ok_or_else(|| Error::missing_field("signature.token"))?;
        if token.is_empty() {
            return Err(Error::malformed_field(
                "signature.token",
                ValueProblem::Empty,
            ));
        }
        let text = fields
            .signature
            .ok_or_else(|| Error::missing_field("signature.signature"))?;
        let mac = Encoding::Hex
            .check(text, Some(32))
            .and_then(|()| Encoding::Hex.decode(text))
            .map_err(|p| Error::malformed_field("signature.signature", p))?;
        Ok((timestamp, token, mac))
    }
}

impl Scheme for Mailgun {
    fn key_kind(&self) -> KeyKind {
        KeyKind::HmacSha256
    }

    fn verify(&self, req: &Request<'_>, keys: &[Key], clock: &Clock) -> Result<Match, Error> {
        let (timestamp, token, mac) = Mailgun::fields(req.body())?;
        let signed_at = TimestampFormat::UnixSeconds
            .parse(timestamp)
            .map_err(|p| Error::malformed_field("signature.timestamp", p))?;
        self.window.check(signed_at, clock.now())?;
        let message = [timestamp.as_bytes(), token.as_bytes()];
        let index = Key::first_match(keys, |key| key.verify(&message, &mac))?;
        Ok(Match::new(index, Some(signed_at)).with_delivery_id(token))
    }
}

/// Mailgun's scheme, without a window.
#[must_use]
pub fn scheme() -> Mailgun {
    Mailgun {
        window: Window::unlimited(),
    }
}

/// A verifier for Mailgun with the given HTTP webhook signing keys, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Mailgun>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}

/// The body Mailgun would send for the event `event_data` (raw JSON), signed with `key`
/// at `timestamp` with `token`: for tests of your own handler. Mailgun's signature is in
/// the body, so its scheme has no [`Sign`](crate::Sign) (which makes headers); this is
/// its signing side.
#[must_use]
pub fn signed_body(event_data: &str, key: &Secret, timestamp: i64, token: &str) -> String {
    let timestamp = timestamp.to_string();
    let mac = Key::new(KeyKind::HmacSha256, key)
        .mac(&[timestamp.as_bytes(), token.as_bytes()])
        .map(hex::encode)
        .unwrap_or_default();
    let signature = serde_json::json!({
        "timestamp": timestamp,
        "token": token,
        "signature": mac,
    });
    format!(r#"{{"signature":{signature},"event-data":{event_data}}}"#)
}
