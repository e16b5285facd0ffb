//! Dropbox.
//!
//! - **What it sends:** a `POST` with a JSON list of the accounts whose files changed.
//! - **Header:** `X-Dropbox-Signature: <hex>`.
//! - **What is signed:** the raw body; HMAC-SHA256 keyed with the app secret, lowercase
//!   hex.
//! - **Tolerance:** none; there is no timestamp. A notification says only that something
//!   changed: fetch the changes, which makes a repeat harmless.
//! - **Handshake:** when the webhook URL is set, Dropbox sends a `GET` with a `challenge`
//!   query parameter, unsigned; answer 200 with it as the body, `Content-Type:
//!   text/plain` and `X-Content-Type-Options: nosniff` ([`handshake_response`]).
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::dropbox;
//! use hookverify::{Secret, Sign};
//!
//! assert_eq!(dropbox::handshake_response("challenge=a1b2%2Bc3&x=1").as_deref(), Some("a1b2+c3"));
//!
//! let secret = Secret::new("dropbox-app-secret");
//! let body = br#"{"list_folder":{"accounts":["dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc"]}}"#;
//! let headers = dropbox::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! assert!(dropbox::verifier([secret]).verify(body, &headers).is_ok());
//! ```

use crate::schemes::Signed;
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "dropbox";

/// The header Dropbox signs in.
pub const SIGNATURE_HEADER: &str = "X-Dropbox-Signature";

/// `X-Dropbox-Signature: <hex HMAC-SHA256 of the raw body>`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::hmac(SIGNATURE_HEADER)
}

/// A verifier for Dropbox with the given app secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}

/// The `challenge` of the verification request's query string (without the `?`),
/// percent-decoded, to be echoed back; `None` when there is none. Not signed: echoing it
/// proves only that you control the URL.
#[must_use]
pub fn handshake_response(query: &str) -> Option<String> {
    form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == "challenge")
        .map(|(_, value)| value.into_owned())
}
