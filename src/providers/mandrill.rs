//! Mandrill (Mailchimp Transactional). Feature `sha1`.
//!
//! - **What it sends:** a `POST` with a form body (`application/x-www-form-urlencoded`)
//!   holding one field, `mandrill_events`: a JSON array of up to 1000 events (`_id`,
//!   `event` such as `send`, `open`, `click`, `hard_bounce`, `inbound`; `ts`…).
//! - **Header:** `X-Mandrill-Signature: <base64>`.
//! - **What is signed:** the webhook's URL exactly as entered in Mandrill (query string
//!   and trailing slash included), then each form field's name and value (decoded),
//!   sorted by name, with no delimiters; HMAC-SHA1 keyed with the webhook's key (shown,
//!   and reset, on the Webhooks page), standard base64 with padding. The URL's query
//!   belongs to the URL, not to the sorted fields. The URL is configuration, given to
//!   [`verifier`]: behind a proxy, it is the public URL registered with Mandrill, not the
//!   one your server sees. The body's encoding (`+` or `%20`, the fields' order) does not
//!   matter; the decoded fields do.
//! - **Tolerance:** none; no header carries a time (each event has its `ts`). Deduplicate
//!   on each event's `_id`.
//! - **Handshake:** when a webhook is added, Mandrill sends `HEAD <url>`, which must get a
//!   200; failing that, it `POST`s `mandrill_events=[]` signed with the generic key
//!   `test-webhook`, which this verifier, holding the webhook's real key, refuses (answer
//!   the `HEAD` instead). The `HEAD` request carries no signature and is not handled by
//!   this verifier.
//!
//! The judge, django-anymail, sorts the fields by code point, as this preset does (the
//! UTF-8 bytes sort the same way). It keeps only the last value of a repeated field;
//! Mandrill sends each field once, and this preset signs every field it receives, sorted
//! by name and then value, so a field added to a genuine body is refused.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::mandrill;
//! use hookverify::{Request, Secret, Sign};
//!
//! let url = "https://example.com/mandrill/webhook?source=mandrill";
//! let secret = Secret::new("mandrill-webhook-key-1");
//! let body = b"mandrill_events=%5B%7B%22event%22%3A%22send%22%2C%22_id%22%3A%22abc%22%7D%5D";
//! let headers = mandrill::scheme(url).sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//!
//! let verifier = mandrill::verifier(url, [secret]);
//! assert!(verifier.verify(body, &headers).is_ok());
//! let tampered = b"mandrill_events=%5B%7B%22event%22%3A%22open%22%2C%22_id%22%3A%22abc%22%7D%5D";
//! assert!(verifier.verify(tampered, &headers).is_err());
//! ```

use std::borrow::Cow;

use crate::key::ct_eq;
use crate::schemes::{Encoding, MAX_ENCODED_MAC_LEN};
use crate::time::OffsetDateTime;
use crate::{Clock, Error, Key, KeyKind, Match, Request, Scheme, Secret, Sign, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "mandrill";

/// The header Mandrill signs in.
pub const SIGNATURE_HEADER: &str = "X-Mandrill-Signature";

/// Mandrill's scheme for the webhook at one URL: base64 HMAC-SHA1 of the URL followed by
/// the sorted form fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mandrill {
    url: Cow<'static, str>,
}

impl Mandrill {
    /// The signed message: the URL, then each field's name and value.
    fn message<'a>(&'a self, params: &'a [(Cow<'_, str>, Cow<'_, str>)]) -> Vec<&'a [u8]> {
        let mut message = Vec::with_capacity(1 + 2 * params.len());
        message.push(self.url.as_bytes());
        for (name, value) in params {
            message.push(name.as_bytes());
            message.push(value.as_bytes());
        }
        message
    }
}

impl Scheme for Mandrill {
    fn key_kind(&self) -> KeyKind {
        KeyKind::HmacSha1
    }

    fn verify(&self, req: &Request<'_>, keys: &[Key], _clock: &Clock) -> Result<Match, Error> {
        let signature = req.header(SIGNATURE_HEADER)?;
        Encoding::Base64
            .check(signature, KeyKind::HmacSha1.mac_len())
            .map_err(|problem| Error::malformed(SIGNATURE_HEADER, problem))?;
        let params = super::sorted_form_fields(req.body());
        let message = self.message(&params);
        let index = Key::first_match(keys, |key| {
            key.mac(&message).is_some_and(|mac| {
                let mut buf = [0u8; MAX_ENCODED_MAC_LEN];
                let expected = Encoding::Base64.encode_secret(mac.as_ref(), &mut buf);
                ct_eq(expected, signature.as_bytes())
            })
        })?;
        Ok(Match::new(index, None))
    }
}

impl Sign for Mandrill {
    /// `X-Mandrill-Signature` for the scheme's URL and the request's form body.
    fn sign_request(
        &self,
        req: &Request<'_>,
        secret: &Secret,
        _now: OffsetDateTime,
    ) -> Vec<(String, String)> {
        let params = super::sorted_form_fields(req.body());
        let Some(mac) = Key::new(KeyKind::HmacSha1, secret).mac(&self.message(&params)) else {
            return Vec::new();
        };
        vec![(
            SIGNATURE_HEADER.to_string(),
            Encoding::Base64.encode(mac.as_ref()),
        )]
    }
}

/// The scheme for the webhook whose URL, exactly as entered in Mandrill, is `url`.
pub fn scheme(url: impl Into<Cow<'static, str>>) -> Mandrill {
    Mandrill { url: url.into() }
}

/// A verifier for the webhook at `url` (exactly as entered in Mandrill) with the given
/// webhook keys, current first.
pub fn verifier<I>(url: impl Into<Cow<'static, str>>, keys: I) -> Verifier<Mandrill>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(url), NAME, keys)
}
