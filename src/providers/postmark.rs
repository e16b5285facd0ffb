//! Postmark.
//!
//! - **What it sends:** a `POST` with a JSON body naming its `RecordType` (`Delivery`,
//!   `Bounce`, `Open`, `Click`, `SpamComplaint`, `SubscriptionChange`), with the
//!   `MessageID`, `MessageStream` and `ServerID`.
//! - **Header:** `Authorization: Basic <base64 of "username:password">` (RFC 7617), sent
//!   when the webhook URL carries credentials (`https://<username>:<password>@example.com/webhook`)
//!   or the webhook is set up with `HttpAuth`. Postmark signs nothing: this is the only
//!   authentication it offers.
//! - **What is signed:** nothing. The credentials do not cover the body: anyone who sees
//!   one request can send any body with them until they are changed. Use HTTPS, and
//!   Postmark's published source IP ranges at your firewall. The scheme word is matched
//!   case-insensitively; the credentials must be canonical standard base64, and are
//!   compared (their bytes, UTF-8 for a non-ASCII password) with each configured
//!   `"username:password"` in constant time, without revealing their length.
//! - **Tolerance:** none; there is no timestamp. Postmark sends no delivery id:
//!   deduplicate on the body (`MessageID` with `RecordType`).
//! - **Handshake:** none; the dashboard's test sends an ordinary `POST`.
//!
//! [`schemes::Token`](crate::schemes::Token) reads `Bearer` tokens or a header's whole
//! value, which cannot express Basic credentials (a case-insensitive scheme word before
//! base64), so this preset has a scheme of its own, [`BasicAuth`].
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::postmark;
//! use hookverify::{Secret, Sign};
//!
//! let credentials = Secret::new("postmark-hooks:s3cr3t-password");
//! let body = br#"{"RecordType":"Delivery","MessageID":"883953f4","ServerID":23}"#;
//! let headers = postmark::scheme().sign(body, &credentials, hookverify::time::OffsetDateTime::now_utc());
//! assert!(headers[0].1.starts_with("Basic "));
//!
//! let verifier = postmark::verifier([credentials]);
//! assert!(verifier.verify(body, &headers).is_ok());
//! // base64 of "postmark-hooks:guessed"
//! let forged = [("Authorization", "Basic cG9zdG1hcmstaG9va3M6Z3Vlc3NlZA==")];
//! assert!(verifier.verify(body, &forged).is_err());
//! ```

use zeroize::Zeroizing;

use crate::schemes::Encoding;
use crate::time::OffsetDateTime;
use crate::{
    Clock, Error, Key, KeyKind, Match, Request, Scheme, Secret, Sign, ValueProblem, Verifier,
};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "postmark";

/// The header Postmark sends its credentials in, as `Basic <base64>`.
pub const TOKEN_HEADER: &str = "Authorization";

/// HTTP Basic credentials, `Authorization: Basic <base64 of "username:password">`,
/// compared as a static token: each configured secret is a `"username:password"` string.
///
/// The scheme word is matched case-insensitively and must be followed by one or more
/// spaces and exactly one field of canonical standard base64; anything else is a
/// [`ValueProblem`]. The decoded credentials and each secret are reduced to SHA-256
/// digests and compared in constant time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasicAuth {
    _private: (),
}

impl BasicAuth {
    /// The decoded credentials of an `Authorization` value.
    fn credentials(value: &str) -> Result<Zeroizing<Vec<u8>>, Error> {
        let bad = |problem| Error::malformed(TOKEN_HEADER, problem);
        let (word, rest) = match value.split_once([' ', '\t']) {
            Some((word, rest)) => (word, rest.trim_matches([' ', '\t'])),
            None => (value, ""),
        };
        if !word.eq_ignore_ascii_case("Basic") {
            return Err(bad(ValueProblem::WrongAuthScheme { expected: "Basic" }));
        }
        if rest.is_empty() {
            return Err(bad(ValueProblem::MissingToken));
        }
        if rest.contains([' ', '\t']) {
            return Err(bad(ValueProblem::ExtraFields));
        }
        Encoding::Base64
            .decode(rest)
            .map(Zeroizing::new)
            .map_err(bad)
    }
}

impl Scheme for BasicAuth {
    fn key_kind(&self) -> KeyKind {
        KeyKind::Token
    }

    fn verify(&self, req: &Request<'_>, keys: &[Key], _clock: &Clock) -> Result<Match, Error> {
        let credentials = Self::credentials(req.header(TOKEN_HEADER)?)?;
        let index = Key::first_match(keys, |key| key.verify_token(&credentials))
            .map_err(|_| Error::TokenMismatch)?;
        Ok(Match::new(index, None))
    }
}

impl Sign for BasicAuth {
    /// `Authorization: Basic <base64 of the secret>`.
    fn sign_request(
        &self,
        _req: &Request<'_>,
        secret: &Secret,
        _now: OffsetDateTime,
    ) -> Vec<(String, String)> {
        let encoded = Encoding::Base64.encode(secret.expose_secret());
        vec![(TOKEN_HEADER.to_string(), format!("Basic {encoded}"))]
    }
}

/// `Authorization: Basic <base64 of "username:password">`, compared as a static token.
#[must_use]
pub fn scheme() -> BasicAuth {
    BasicAuth { _private: () }
}

/// A verifier for Postmark with the given credentials, each `"username:password"` as in
/// the webhook URL (UTF-8), current first.
pub fn verifier<I>(credentials: I) -> Verifier<BasicAuth>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, credentials)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_read_as_rfc_7617_says() {
        assert_eq!(
            BasicAuth::credentials("basic  dTpw ").unwrap().as_slice(),
            b"u:p"
        );
        for (value, problem) in [
            (
                "Bearer dTpw",
                ValueProblem::WrongAuthScheme { expected: "Basic" },
            ),
            ("Basic", ValueProblem::MissingToken),
            ("Basic dTpw dTpw", ValueProblem::ExtraFields),
            ("Basic dTp", ValueProblem::InvalidBase64),
            ("Basic dTp=", ValueProblem::InvalidBase64),
        ] {
            let got = BasicAuth::credentials(value).unwrap_err();
            assert!(
                matches!(&got, Error::MalformedHeader { problem: p, .. } if *p == problem),
                "{value}: {got:?}"
            );
        }
    }
}
