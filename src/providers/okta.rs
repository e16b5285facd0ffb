//! Okta event hooks.
//!
//! - **What it sends:** a `POST` with a JSON body (`eventType: "com.okta.event_hook"`,
//!   `eventId`, `eventTime`, and `data.events[]`, each with its `uuid` and `eventType`
//!   such as `user.lifecycle.deactivate`), with `Accept` and `Content-Type:
//!   application/json`.
//! - **Header:** `Authorization: <value>`: the hook's `authScheme.value`, a secret string
//!   you chose when you registered the hook, sent byte for byte in every request. Okta's
//!   guide recommends Basic credentials, `Basic <base64 of "username:password">`; any
//!   other string works too. The header's name is the hook's `authScheme.key`,
//!   `Authorization` by default and in all of Okta's examples; for another name, use
//!   [`verifier_with_header`].
//! - **What is signed:** nothing. The value does not cover the body: anyone who sees one
//!   request can send any body with it until it is changed. Use HTTPS. The whole value
//!   (scheme word included) is compared with each configured value, exactly and in
//!   constant time ([`Token`]): give the verifier the value exactly as configured in Okta,
//!   e.g. `"Basic b2t0YTpzM2NyM3Q="`.
//! - **Tolerance:** none; there is no timestamp (the body's `eventTime` is not
//!   authenticated). Deduplicate on the body's `eventId`, as Okta advises.
//! - **Handshake:** when the hook is verified, Okta sends one `GET` (the only one it
//!   sends) with `x-okta-verification-challenge: <value>`, and the `Authorization` value
//!   as in every request, which this verifier checks like any other. Answer with the JSON
//!   object `{"verification":"<value>"}` (Okta's sample answers it with `200` and
//!   `Content-Type: application/json`). Answer the event `POST`s with an empty `200` or
//!   `204`.
//! - **Retries:** Okta waits three seconds by default and retries at most once; a 4xx is
//!   not retried.
//!
//! Okta's guide checks Basic credentials with `express-basic-auth`, which takes the
//! scheme word in any case and base64 without padding, decoding the same user and
//! password. Okta sends the configured value unchanged, so this preset compares the whole
//! value: another spelling of it is a [`TokenMismatch`](crate::Error::TokenMismatch).
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::okta;
//! use hookverify::{Error, Secret, Sign};
//!
//! // The value configured as the hook's `authScheme.value`.
//! let value = Secret::new("Basic b2t0YS1ob29rczpzM2NyM3Q=");
//! let body = br#"{"eventType":"com.okta.event_hook","eventId":"b5a188b9","data":{"events":[]}}"#;
//! let headers = okta::scheme().sign(body, &value, hookverify::time::OffsetDateTime::now_utc());
//! assert_eq!(headers, [("Authorization".to_string(), "Basic b2t0YS1ob29rczpzM2NyM3Q=".to_string())]);
//!
//! let verifier = okta::verifier([value]);
//! assert!(verifier.verify(body, &headers).is_ok());
//! let guessed = [("Authorization", "Basic b2t0YS1ob29rczpndWVzc2Vk")];
//! assert!(matches!(verifier.verify(body, &guessed), Err(Error::TokenMismatch)));
//!
//! // A hook whose `authScheme.key` is another header.
//! let custom = okta::verifier_with_header("X-Okta-Hook-Auth", ["s3cr3t-hook-value"]);
//! assert!(custom.verify(body, &[("X-Okta-Hook-Auth", "s3cr3t-hook-value")]).is_ok());
//! assert!(custom.verify(body, &[("Authorization", "s3cr3t-hook-value")]).is_err());
//! ```

use std::borrow::Cow;

use crate::schemes::Token;
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "okta";

/// The header Okta sends the hook's secret value in, by default.
pub const TOKEN_HEADER: &str = "Authorization";

/// `Authorization: <value>`, the whole value compared as a static token.
#[must_use]
pub fn scheme() -> Token {
    Token::new(TOKEN_HEADER)
}

/// `header: <value>`, for a hook whose `authScheme.key` names another header than
/// `Authorization`.
pub fn scheme_with_header(header: impl Into<Cow<'static, str>>) -> Token {
    Token::new(header)
}

/// A verifier for Okta with the given `Authorization` values, each exactly as configured
/// in the hook's `authScheme.value`, current first.
pub fn verifier<I>(values: I) -> Verifier<Token>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, values)
}

/// A verifier for an Okta hook whose `authScheme.key` is `header`, with the given values,
/// each exactly as configured, current first.
pub fn verifier_with_header<I>(header: impl Into<Cow<'static, str>>, values: I) -> Verifier<Token>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme_with_header(header), NAME, values)
}
