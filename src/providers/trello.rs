//! Trello. Feature `sha1`.
//!
//! - **What it sends:** a `POST` with a JSON body: the `action` (`id`, `type`, `data`) and
//!   the `model` the webhook watches.
//! - **Header:** `X-Trello-Webhook: <base64>`.
//! - **What is signed:** the raw body immediately followed by the webhook's callbackURL
//!   exactly as it was given when the webhook was created (scheme, host, path, query and
//!   trailing slash all count; no separator); HMAC-SHA1 keyed with the application's
//!   OAuth secret (not the API key, not a user token), standard base64 with padding. The
//!   URL is configuration, given to [`verifier`]: behind a proxy, it is the public URL
//!   registered with Trello, not the one your server sees.
//! - **Tolerance:** none; there is no timestamp. Trello sends no delivery id: deduplicate
//!   on the body's `action.id`.
//! - **Handshake:** when a webhook is created, Trello sends `HEAD <callbackURL>` and
//!   creates the webhook only if the answer is 200 (any body). Answering a delivery with
//!   410 Gone deletes the webhook. The `HEAD` request carries no signature and is not
//!   handled by this verifier.
//!
//! Trello's current Node sample hashes `JSON.stringify(request.body)`, the parsed body
//! written again, which equals the raw body only when Trello's JSON is compact; its
//! earlier sample and its prose hash the raw body, as this preset does. Before September
//! 2016 Trello signed the low byte of each UTF-16 unit of the body; it signs UTF-8 now,
//! and only that is accepted.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::trello;
//! use hookverify::{Secret, Sign};
//!
//! let callback_url = "https://example.com/trello/callback?board=5abbe4b7ddc1b351ef961414";
//! let secret = Secret::new("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
//! let body = br#"{"action":{"id":"5f1","type":"updateCard"},"model":{"id":"5ab"}}"#;
//! let headers = trello::scheme(callback_url).sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//!
//! let verifier = trello::verifier(callback_url, [secret.clone()]);
//! assert!(verifier.verify(body, &headers).is_ok());
//! assert!(verifier.verify(br#"{"action":{"id":"5f2","type":"updateCard"},"model":{"id":"5ab"}}"#, &headers).is_err());
//! // Registered with another URL: another webhook's signature.
//! let elsewhere = trello::verifier("https://example.com/trello/callback", [secret]);
//! assert!(elsewhere.verify(body, &headers).is_err());
//! ```

use std::borrow::Cow;

use crate::KeyKind;
use crate::schemes::{Encoding, Part, Signed};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "trello";

/// The header Trello signs in.
pub const SIGNATURE_HEADER: &str = "X-Trello-Webhook";

/// The scheme for the webhook whose callbackURL is `callback_url`: base64 HMAC-SHA1 of the
/// raw body followed by that URL.
pub fn scheme(callback_url: impl Into<Cow<'static, str>>) -> Signed {
    Signed::builder(KeyKind::HmacSha1, SIGNATURE_HEADER)
        .encoding(Encoding::Base64)
        .signed([Part::Body, Part::Literal(callback_url.into())])
        .preset()
}

/// A verifier for the webhook at `callback_url` (exactly as registered with Trello) with
/// the given application secrets, current first.
pub fn verifier<I>(callback_url: impl Into<Cow<'static, str>>, secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(callback_url), NAME, secrets)
}
