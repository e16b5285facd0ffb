//! HubSpot (signature v3).
//!
//! - **What it sends:** a `POST` with a JSON array of events, to the URL configured for the
//!   app.
//! - **Headers:** `X-HubSpot-Signature-v3: <base64>` and `X-HubSpot-Request-Timestamp`
//!   (Unix milliseconds).
//! - **What is signed:** the method, the full URL, the raw body and the timestamp as sent,
//!   concatenated; HMAC-SHA256 keyed with the app's client secret, standard base64. The
//!   URL is the one HubSpot requested: build the request with
//!   [`Request::with_url`](crate::Request::with_url) and
//!   [`Request::with_method`](crate::Request::with_method), behind a proxy with the public
//!   URL.
//! - **Tolerance:** 300 s, as HubSpot's SDK checks; in both directions here (the SDK checks
//!   only the age).
//!
//! HubSpot's documentation says to decode some percent-encoded characters of the URI
//! before signing; its SDK signs the URI exactly as given, which is what this preset does.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::hubspot;
//! use hookverify::{Request, Secret, Sign};
//!
//! let secret = Secret::new("hubspot-client-secret");
//! let url = "https://example.com/webhooks/hubspot";
//! let body = br#"[{"eventId":1,"subscriptionType":"contact.creation"}]"#;
//! let now = hookverify::time::OffsetDateTime::now_utc();
//! let sent = Request::new(body, &()).with_url(url).with_method("POST");
//! let headers = hubspot::scheme().sign_request(&sent, &secret, now);
//!
//! let request = Request::new(body, &headers).with_url(url).with_method("POST");
//! assert!(hubspot::verifier([secret]).verify_request(&request).is_ok());
//! ```

use std::time::Duration;

use crate::KeyKind;
use crate::schemes::{Encoding, Part, Signed, Timestamp, TimestampFormat, Window};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "hubspot";

/// The header HubSpot signs in.
pub const SIGNATURE_HEADER: &str = "X-HubSpot-Signature-v3";

/// The header carrying the signing time, Unix milliseconds.
pub const TIMESTAMP_HEADER: &str = "X-HubSpot-Request-Timestamp";

/// The default tolerance, each way: 300 s.
pub const WINDOW: Window = Window::tolerance(Duration::from_secs(300));

/// `X-HubSpot-Signature-v3: <base64>` over method, URL, body and timestamp, 300 s.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .encoding(Encoding::Base64)
        .timestamp(
            Timestamp::header(TIMESTAMP_HEADER, TimestampFormat::UnixMillis),
            WINDOW,
        )
        .signed([Part::Method, Part::Url, Part::Body, Part::Timestamp])
        .preset()
}

/// A verifier for HubSpot with the given client secrets, current first. Verify with
/// [`Verifier::verify_request`] and a request that carries its URL and method.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
