//! Twilio (Voice, Messaging and other webhooks). Feature `sha1`.
//!
//! - **What it sends:** a request to the URL configured for the number or service: a
//!   `POST` with form parameters (`application/x-www-form-urlencoded`), a `GET` with them
//!   in the query, or a `POST` with a JSON body and a `bodySHA256` query parameter.
//! - **Header:** `X-Twilio-Signature: <base64>`.
//! - **What is signed:** the full URL Twilio requested (scheme, host, path, query), then,
//!   for form bodies, every parameter's name and value, sorted by name and, for a repeated
//!   name, by value (each distinct pair once); for JSON bodies the URL alone, and the
//!   body's SHA-256 (lowercase hex) must equal the URL's `bodySHA256`. HMAC-SHA1 keyed
//!   with the account's Auth Token ([`verifier`]), or HMAC-SHA256 keyed with a SharedKey
//!   secret when `X-Twilio-Webhooks-Signature-Settings` names `algorithm=HMAC_SHA256`
//!   ([`verifier_shared_key`]); standard base64.
//! - **The URL:** as Twilio requested it: build the request with
//!   [`Request::with_url`](crate::Request::with_url). Behind a proxy it is the public URL,
//!   not the one your server sees. As Twilio's own libraries do, the URL is also accepted
//!   with the default port (`:443`, `:80`) added when it has none, or with its port
//!   removed when it has one.
//! - **Tolerance:** none; there is no timestamp. Deduplicate on the `MessageSid` or
//!   `CallSid` parameter (plus the status, for status callbacks).
//!
//! Form bodies are parsed and sorted on the heap; JSON bodies allocate nothing.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::twilio;
//! use hookverify::{Request, Secret, Sign};
//!
//! // The example from Twilio's documentation.
//! let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
//! let body = b"CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030&To=%2B18005551212";
//! let headers = [("X-Twilio-Signature", "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")];
//! let request = Request::new(body, &headers).with_url(url).with_method("POST");
//! let verifier = twilio::verifier([Secret::new("12345")]);
//! assert!(verifier.verify_request(&request).is_ok());
//! ```

use std::borrow::Cow;

use sha2::Digest as _;

use crate::key::ct_eq;
use crate::schemes::Encoding;
use crate::schemes::MAX_ENCODED_MAC_LEN;
use crate::time::OffsetDateTime;
use crate::{
    Clock, Error, Key, KeyKind, Match, Request, Scheme, Secret, Sign, ValueProblem, Verifier,
};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "twilio";

/// The header Twilio signs in.
pub const SIGNATURE_HEADER: &str = "X-Twilio-Signature";

/// The header naming the algorithm when it is not HMAC-SHA1.
pub const SETTINGS_HEADER: &str = "X-Twilio-Webhooks-Signature-Settings";

/// Twilio's scheme, for one algorithm: HMAC-SHA1 (Auth Token) or HMAC-SHA256 (SharedKey).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Twilio {
    digest: KeyKind,
}

impl Twilio {
    /// The algorithm's name, as `X-Twilio-Webhooks-Signature-Settings` writes it.
    fn algorithm(&self) -> &'static str {
        match self.digest {
            KeyKind::HmacSha1 => "HMAC_SHA1",
            _ => "HMAC_SHA256",
        }
    }

    /// Whether the request names this algorithm (case aside): `algorithm=` in the settings
    /// header, HMAC_SHA1 when there is none. Otherwise the name it gives, for the error.
    fn check_requested(&self, req: &Request<'_>) -> Result<(), Error> {
        let settings = req.optional_header(SETTINGS_HEADER)?.unwrap_or_default();
        let named = settings.split(',').find_map(|part| {
            let (name, value) = part.split_once('=')?;
            (name.trim() == "algorithm" && !value.trim().is_empty()).then(|| value.trim())
        });
        let requested = named.unwrap_or("HMAC_SHA1");
        if requested.eq_ignore_ascii_case(self.algorithm()) {
            return Ok(());
        }
        Err(Error::malformed(
            SETTINGS_HEADER,
            ValueProblem::UnexpectedAlgorithm {
                found: requested.to_ascii_uppercase().into(),
                expected: self.algorithm(),
            },
        ))
    }
}

/// The URL as given, and the other form Twilio's libraries accept: with the default port
/// when it has none, without its port when it has one. Each as up to three pieces.
fn url_forms(url: &str) -> [[&[u8]; 3]; 2] {
    let as_given = [url.as_bytes(), b"", b""];
    let Some(scheme_end) = url.find("://") else {
        return [as_given, as_given];
    };
    let authority_start = scheme_end + 3;
    let authority_end = url[authority_start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| authority_start + i);
    let authority = &url[authority_start..authority_end];
    // A port is digits after the last `:` (not inside an IPv6 literal's brackets).
    let port = authority
        .rfind(':')
        .filter(|&i| !authority[i..].contains(']'))
        .filter(|&i| {
            let digits = &authority[i + 1..];
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
        });
    let bytes = url.as_bytes();
    let other = match port {
        Some(i) => [&bytes[..authority_start + i], &bytes[authority_end..], b""],
        None => {
            let default: &[u8] = if url[..scheme_end].eq_ignore_ascii_case("https") {
                b":443"
            } else {
                b":80"
            };
            [&bytes[..authority_end], default, &bytes[authority_end..]]
        }
    };
    [as_given, other]
}

/// The value of the query parameter `name` of `url`, if any.
fn query_param<'a>(url: &'a str, name: &str) -> Option<Cow<'a, str>> {
    let query = url.split_once('?')?.1;
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    form_urlencoded::parse(query.as_bytes())
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
}

/// The form parameters of `body`, sorted by name then value, each distinct pair once.
fn sorted_params(body: &[u8]) -> Vec<(Cow<'_, str>, Cow<'_, str>)> {
    let mut params = super::sorted_form_fields(body);
    params.dedup();
    params
}

impl Scheme for Twilio {
    fn key_kind(&self) -> KeyKind {
        self.digest
    }

    fn verify(&self, req: &Request<'_>, keys: &[Key], _clock: &Clock) -> Result<Match, Error> {
        let signature = req.header(SIGNATURE_HEADER)?;
        let bad = |problem| Error::malformed(SIGNATURE_HEADER, problem);
        Encoding::Base64
            .check(signature, self.digest.mac_len())
            .map_err(bad)?;
        self.check_requested(req)?;
        let url = req.signed_url()?;
        let body_hash = query_param(url, "bodySHA256");
        let params = match &body_hash {
            // A JSON body: the URL alone is signed, and carries the body's hash.
            Some(expected) => {
                let digest = sha2::Sha256::digest(req.body());
                let mut buf = [0u8; MAX_ENCODED_MAC_LEN];
                let actual = Encoding::Hex.encode_secret(&digest, &mut buf);
                if !ct_eq(actual, expected.as_bytes()) {
                    return Err(Error::SignatureMismatch);
                }
                Vec::new()
            }
            None => sorted_params(req.body()),
        };
        // The URL's form, then the parameters: for a JSON body, the form's pieces alone.
        let mut message: Vec<&[u8]> = Vec::new();
        let index = Key::first_match(keys, |key| {
            url_forms(url).iter().any(|form| {
                let signed: &[&[u8]] = if params.is_empty() {
                    form
                } else {
                    message.clear();
                    message.extend(form.iter().copied());
                    for (name, value) in &params {
                        message.push(name.as_bytes());
                        message.push(value.as_bytes());
                    }
                    &message
                };
                key.mac(signed).is_some_and(|mac| {
                    let mut buf = [0u8; MAX_ENCODED_MAC_LEN];
                    let expected = Encoding::Base64.encode_secret(mac.as_ref(), &mut buf);
                    ct_eq(expected, signature.as_bytes())
                })
            })
        })?;
        Ok(Match::new(index, None))
    }
}

impl Sign for Twilio {
    /// `X-Twilio-Signature` for the request's URL and form body (or for its URL alone
    /// when the URL carries `bodySHA256`), and for SHA-256 the settings header.
    fn sign_request(
        &self,
        req: &Request<'_>,
        secret: &Secret,
        _now: OffsetDateTime,
    ) -> Vec<(String, String)> {
        let url = req.url().unwrap_or_default();
        let params = match query_param(url, "bodySHA256") {
            Some(_) => Vec::new(),
            None => sorted_params(req.body()),
        };
        let mut message: Vec<&[u8]> = vec![url.as_bytes()];
        for (name, value) in &params {
            message.push(name.as_bytes());
            message.push(value.as_bytes());
        }
        let Some(mac) = Key::new(self.key_kind(), secret).mac(&message) else {
            return Vec::new();
        };
        let mut headers = vec![(
            SIGNATURE_HEADER.to_string(),
            Encoding::Base64.encode(mac.as_ref()),
        )];
        if self.digest != KeyKind::HmacSha1 {
            headers.push((
                SETTINGS_HEADER.to_string(),
                format!("algorithm={}", self.algorithm()),
            ));
        }
        headers
    }
}

/// HMAC-SHA1 keyed with the account's Auth Token: Twilio's default signature.
#[must_use]
pub fn scheme() -> Twilio {
    Twilio {
        digest: KeyKind::HmacSha1,
    }
}

/// HMAC-SHA256 keyed with a SharedKey secret, for requests whose
/// `X-Twilio-Webhooks-Signature-Settings` names `algorithm=HMAC_SHA256`.
#[must_use]
pub fn scheme_shared_key() -> Twilio {
    Twilio {
        digest: KeyKind::HmacSha256,
    }
}

/// A verifier for Twilio's default signature with the account's Auth Tokens, current
/// first. Verify with [`Verifier::verify_request`] and the URL Twilio requested.
pub fn verifier<I>(auth_tokens: I) -> Verifier<Twilio>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, auth_tokens)
}

/// A verifier for SharedKey signatures (HMAC-SHA256), current secret first.
pub fn verifier_shared_key<I>(secrets: I) -> Verifier<Twilio>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme_shared_key(), NAME, secrets)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(form: [&[u8]; 3]) -> String {
        form.iter().map(|p| String::from_utf8_lossy(p)).collect()
    }

    #[test]
    fn url_forms_add_or_remove_the_default_port() {
        let cases = [
            ("https://example.com/a?b=1", "https://example.com:443/a?b=1"),
            ("http://example.com/a", "http://example.com:80/a"),
            ("https://example.com", "https://example.com:443"),
            ("https://example.com:8443/a", "https://example.com/a"),
            ("https://example.com:443/a", "https://example.com/a"),
            ("https://[::1]/a", "https://[::1]:443/a"),
            ("https://[::1]:8080/a", "https://[::1]/a"),
            ("https://example.com/a:1", "https://example.com:443/a:1"),
            ("not a url", "not a url"),
        ];
        for (url, other) in cases {
            let [given, alt] = url_forms(url);
            assert_eq!(joined(given), url);
            assert_eq!(joined(alt), other, "{url}");
        }
    }

    #[test]
    fn params_sort_by_name_then_value_and_repeat_once() {
        let params = sorted_params(b"b=2&a=2&a=1&b=2&c=%2B1+2");
        let flat: Vec<(&str, &str)> = params.iter().map(|(n, v)| (&**n, &**v)).collect();
        assert_eq!(flat, [("a", "1"), ("a", "2"), ("b", "2"), ("c", "+1 2")]);
    }
}
