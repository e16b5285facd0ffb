//! A shared token in a header: `Authorization: Bearer <token>` or `h: <token>`.

use std::borrow::Cow;

use time::OffsetDateTime;

use crate::clock::Clock;
use crate::error::{Error, ValueProblem};
use crate::key::Key;
use crate::key_kind::KeyKind;
use crate::request::Request;
use crate::scheme::{Match, Scheme};
use crate::secret::Secret;
use crate::sign::Sign;

/// A static shared token, either as `Authorization: Bearer <token>` (Memo Bank) or as the
/// whole value of a named header (InMemory4's `Signature: <API key>`).
///
/// **A token does not cover the body.** Anyone who sees one request (a logging proxy,
/// a leaked log line) can send any body with it, forever, until the token is rotated.
/// It proves only that the sender knows the token. Pair it with TLS, the provider's IP
/// allow-list where it publishes one, and deduplication.
///
/// The comparison is constant time and does not reveal the secret's length: both the
/// received token and each secret are reduced to SHA-256 digests before comparing.
///
/// For `Bearer`, the scheme word is matched case-insensitively (RFC 9110 §11.1), must be
/// followed by one or more spaces and exactly one token; anything else is a
/// [`ValueProblem`]. A plain token is the header's whole value, surrounding whitespace
/// trimmed.
///
/// # Examples
///
/// ```
/// use hookverify::{Secret, Verifier};
/// use hookverify::schemes::Token;
///
/// let verifier = Verifier::new(Token::bearer(), [Secret::new("tok_live")]);
/// assert!(verifier.verify(b"{}", &[("Authorization", "Bearer tok_live")]).is_ok());
/// assert!(verifier.verify(b"{}", &[("Authorization", "Bearer tok_lie")]).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    header: Cow<'static, str>,
    bearer: bool,
}

impl Token {
    /// `Authorization: Bearer <token>`.
    #[must_use]
    pub fn bearer() -> Self {
        Token {
            header: Cow::Borrowed("Authorization"),
            bearer: true,
        }
    }

    /// `header: <token>`: the header's whole value is the token.
    pub fn new(header: impl Into<Cow<'static, str>>) -> Self {
        Token {
            header: header.into(),
            bearer: false,
        }
    }

    /// The header this scheme reads.
    #[must_use]
    pub fn header(&self) -> &str {
        &self.header
    }

    fn token<'a>(&self, value: &'a str) -> Result<&'a str, Error> {
        if !self.bearer {
            return Ok(value);
        }
        let bad = |p| Error::malformed(self.header.clone(), p);
        let (word, rest) = match value.split_once([' ', '\t']) {
            Some((w, r)) => (w, r.trim_matches([' ', '\t'])),
            None => (value, ""),
        };
        if !word.eq_ignore_ascii_case("Bearer") {
            return Err(bad(ValueProblem::WrongAuthScheme { expected: "Bearer" }));
        }
        if rest.is_empty() {
            return Err(bad(ValueProblem::MissingToken));
        }
        if rest.contains([' ', '\t']) {
            return Err(bad(ValueProblem::ExtraFields));
        }
        Ok(rest)
    }
}

impl Scheme for Token {
    fn key_kind(&self) -> KeyKind {
        KeyKind::Token
    }

    fn verify(&self, request: &Request<'_>, keys: &[Key], _clock: &Clock) -> Result<Match, Error> {
        let token = self.token(request.header(&self.header)?)?;
        let index = Key::first_match(keys, |k| k.verify_token(token.as_bytes()))
            .map_err(|_| Error::TokenMismatch)?;
        Ok(Match::new(index, None))
    }
}

impl Sign for Token {
    fn sign_request(
        &self,
        _request: &Request<'_>,
        secret: &Secret,
        _now: OffsetDateTime,
    ) -> Vec<(String, String)> {
        let token = String::from_utf8_lossy(secret.expose_secret());
        let value = if self.bearer {
            format!("Bearer {token}")
        } else {
            token.into_owned()
        };
        vec![(self.header.to_string(), value)]
    }
}
