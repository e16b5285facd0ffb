//! DocuSign Connect (HMAC signatures).
//!
//! - **What it sends:** a `POST` with the event as JSON (`event` such as
//!   `envelope-completed`, `generatedDateTime`, `configurationId`, `retryCount`,
//!   `data.envelopeId`, `data.accountId`) or, as configured, XML (`text/xml`); the account
//!   in `X-DocuSign-AccountId`, and `X-Authorization-Digest: HMACSHA256`.
//! - **Headers:** `X-DocuSign-Signature-1: <base64>`, `X-DocuSign-Signature-2`, …: one
//!   header per active Connect HMAC key (DocuSign allows several at once), each signed
//!   with its key. This preset reads `X-DocuSign-Signature-1` to `-100` (at most 100
//!   keys, as reported beside DocuSign's documentation, which gives no number).
//! - **What is signed:** the raw body exactly as sent (JSON or XML, line endings
//!   included), nothing else; HMAC-SHA256 keyed with the key's text as shown once in
//!   eSignature Admin › Connect › Connect Keys (it looks like base64 and ends in `=`, but
//!   it is used as it is, not decoded); standard base64 with padding, 44 characters.
//! - **Keys:** the request is genuine when any of its signature headers matches any key
//!   the verifier holds, whichever header it is in: give the verifier every key you hold,
//!   current first. A malformed header does not veto a valid one beside it; when no
//!   header matches, a malformed one is reported as such. Connect keys belong to an
//!   account: a listener serving several accounts holds all their keys, or picks its
//!   verifier by `X-DocuSign-AccountId` (which is not signed: check the verified body's
//!   `data.accountId` too).
//! - **Tolerance:** none; no timestamp is signed (the body's `generatedDateTime` has no
//!   documented bound). DocuSign sends no delivery id, and a retry's `retryCount` differs:
//!   deduplicate on the body's `event` with `data.envelopeId` and `generatedDateTime`
//!   rather than its hash.
//! - **Handshake:** none; answer 2xx. (Connect's other options, Basic authentication,
//!   mutual TLS and OAuth, are not this preset's.)
//!
//! DocuSign's documentation computes the base64 HMAC of the body and compares it with
//! the signature headers; its Python sample compares the base64 text, which this preset
//! follows. Its Node sample decodes both sides leniently, so it also takes the signature
//! unpadded or in the URL-safe alphabet, which this preset refuses as malformed. Its
//! `connect-node-listener-aws` sample reads only `X-DocuSign-Signature-1` and requires
//! `X-Authorization-Digest: HMACSHA256`; this preset reads every numbered header, as a
//! rotation needs, and does not require that header, which is not signed (every Connect
//! HMAC is HMAC-SHA256 today).
//!
//! [`Signed`](crate::schemes::Signed) cannot express this: it checks each key against one
//! header of its own and refuses a request with any malformed signature header. So this
//! preset has a small scheme of its own, [`DocuSign`].
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::docusign;
//! use hookverify::{Error, Secret, Sign};
//!
//! let old = Secret::new("/fTnVamxnnLuh7ktFYMqmOh13MB8ZfoWIT1gUAQ98NY=");
//! let new = Secret::new("11ANfnHlK5L7WxtPp9Vguxt0lJEHC9j9vt9nH/EM71A=");
//! let body = br#"{"event":"envelope-completed","data":{"envelopeId":"93be49ab"}}"#;
//! let now = hookverify::time::OffsetDateTime::now_utc();
//! // DocuSign signs with each active key, one header each.
//! let signed_old = docusign::scheme().sign(body, &old, now);
//! let signed_new = docusign::scheme().sign(body, &new, now);
//! let headers = [
//!     ("X-DocuSign-Signature-1", signed_old[0].1.as_str()),
//!     ("X-DocuSign-Signature-2", signed_new[0].1.as_str()),
//! ];
//!
//! // A receiver holding only the new key finds it in the second header.
//! let verifier = docusign::verifier([new]);
//! assert!(verifier.verify(body, &headers).is_ok());
//! let tampered = br#"{"event":"envelope-voided","data":{"envelopeId":"93be49ab"}}"#;
//! assert!(matches!(verifier.verify(tampered, &headers), Err(Error::SignatureMismatch)));
//! ```

use std::fmt::Write as _;

use crate::key::ct_eq;
use crate::schemes::{Encoding, MAX_ENCODED_MAC_LEN};
use crate::time::OffsetDateTime;
use crate::{Clock, Error, Key, KeyKind, Match, Request, Scheme, Secret, Sign, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "docusign";

/// The first signature header; DocuSign numbers one per active key, `-1`, `-2`, … (up to
/// `-100` here).
pub const SIGNATURE_HEADER: &str = "X-DocuSign-Signature-1";

/// The signature headers' name, before their number.
const SIGNATURE_HEADER_STEM: &str = "X-DocuSign-Signature-";

/// The most signature headers read: one per Connect key, at most 100 of them.
const MAX_SIGNATURE_HEADERS: usize = 100;

/// DocuSign Connect's scheme: base64 HMAC-SHA256 of the raw body in
/// `X-DocuSign-Signature-1` … `-100`, one per key; accepted when any header matches any
/// key.
///
/// Each header is read with the crate's rules ([`Request::header`]) and must be 44
/// characters of standard base64; each key's MAC is encoded once and compared, in
/// constant time, with every well-formed signature (all of them, without stopping at a
/// match). A header that is absent, malformed or repeated with different values is
/// skipped; the first such problem is the error when no signature matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocuSign {
    _private: (),
}

impl DocuSign {
    /// The well-formed signatures of the request's numbered headers, and the first
    /// problem met among the others.
    fn signatures<'a>(req: &Request<'a>) -> (Vec<&'a str>, Option<Error>) {
        let mut signatures = Vec::new();
        let mut problem = None;
        let mut name = String::with_capacity(SIGNATURE_HEADER_STEM.len() + 3);
        for n in 1..=MAX_SIGNATURE_HEADERS {
            name.clear();
            let _ = write!(name, "{SIGNATURE_HEADER_STEM}{n}");
            let found = req.optional_header(&name).and_then(|value| match value {
                Some(value) => Encoding::Base64
                    .check(value, KeyKind::HmacSha256.mac_len())
                    .map(|()| Some(value))
                    .map_err(|p| Error::malformed(name.clone(), p)),
                None => Ok(None),
            });
            match found {
                Ok(Some(value)) => signatures.push(value),
                Ok(None) => {}
                Err(e) => {
                    problem.get_or_insert(e);
                }
            }
        }
        (signatures, problem)
    }
}

impl Scheme for DocuSign {
    fn key_kind(&self) -> KeyKind {
        KeyKind::HmacSha256
    }

    fn verify(&self, req: &Request<'_>, keys: &[Key], _clock: &Clock) -> Result<Match, Error> {
        let (signatures, problem) = Self::signatures(req);
        if signatures.is_empty() {
            return Err(problem.unwrap_or(Error::MissingHeader {
                header: SIGNATURE_HEADER.into(),
            }));
        }
        let body = [req.body()];
        let found = Key::first_match(keys, |key| {
            key.mac(&body).is_some_and(|mac| {
                let mut buf = [0u8; MAX_ENCODED_MAC_LEN];
                let expected = Encoding::Base64.encode_secret(mac.as_ref(), &mut buf);
                signatures.iter().fold(false, |hit, signature| {
                    hit | ct_eq(expected, signature.as_bytes())
                })
            })
        });
        match found {
            Ok(index) => Ok(Match::new(index, None)),
            Err(mismatch) => Err(problem.unwrap_or(mismatch)),
        }
    }
}

impl Sign for DocuSign {
    /// `X-DocuSign-Signature-1: <base64 HMAC-SHA256 of the body>`, as DocuSign sends it
    /// for one key.
    fn sign_request(
        &self,
        req: &Request<'_>,
        secret: &Secret,
        _now: OffsetDateTime,
    ) -> Vec<(String, String)> {
        let Some(mac) = Key::new(KeyKind::HmacSha256, secret).mac(&[req.body()]) else {
            return Vec::new();
        };
        vec![(
            SIGNATURE_HEADER.to_string(),
            Encoding::Base64.encode(mac.as_ref()),
        )]
    }
}

/// Base64 HMAC-SHA256 of the raw body in `X-DocuSign-Signature-1` … `-100`, any header
/// matching any key.
#[must_use]
pub fn scheme() -> DocuSign {
    DocuSign { _private: () }
}

/// A verifier for DocuSign Connect with the HMAC keys you hold, current first.
pub fn verifier<I>(keys: I) -> Verifier<DocuSign>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(secret: &str, body: &[u8]) -> String {
        let mac = Key::new(KeyKind::HmacSha256, &Secret::new(secret))
            .mac(&[body])
            .unwrap();
        Encoding::Base64.encode(mac.as_ref())
    }

    fn verify(headers: &[(&str, &str)], secrets: &[&str]) -> Result<Match, Error> {
        let keys: Vec<Key> = secrets
            .iter()
            .map(|s| Key::new(KeyKind::HmacSha256, &Secret::new(*s)))
            .collect();
        scheme().verify(&Request::new(b"{}", &headers), &keys, &Clock::system())
    }

    #[test]
    fn any_header_matches_any_key() {
        let (a, b) = (b64("a", b"{}"), b64("b", b"{}"));
        let headers = [
            ("X-DocuSign-Signature-1", a.as_str()),
            ("x-docusign-signature-100", b.as_str()),
        ];
        assert_eq!(verify(&headers, &["b"]).unwrap().key_index(), 0);
        assert_eq!(verify(&headers, &["c", "a"]).unwrap().key_index(), 1);
        assert!(matches!(
            verify(&headers, &["c"]),
            Err(Error::SignatureMismatch)
        ));
        // Past the hundredth header, nothing is read.
        let far = [("X-DocuSign-Signature-101", a.as_str())];
        assert!(matches!(
            verify(&far, &["a"]),
            Err(Error::MissingHeader { .. })
        ));
    }

    #[test]
    fn a_malformed_header_is_reported_only_when_nothing_matches() {
        let a = b64("a", b"{}");
        let headers = [
            ("X-DocuSign-Signature-1", "not base64"),
            ("X-DocuSign-Signature-2", a.as_str()),
        ];
        assert!(verify(&headers, &["a"]).is_ok());
        let got = verify(&headers, &["b"]).unwrap_err();
        assert!(
            matches!(&got, Error::MalformedHeader { header, .. } if header == "X-DocuSign-Signature-1"),
            "{got:?}"
        );
        let conflicting = [
            ("X-DocuSign-Signature-3", a.as_str()),
            ("X-DocuSign-Signature-3", "other"),
        ];
        assert!(matches!(
            verify(&conflicting, &["a"]),
            Err(Error::ConflictingHeaders { .. })
        ));
    }
}
