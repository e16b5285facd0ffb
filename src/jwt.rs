//! JSON Web Tokens (feature `jwt`): the token's header read by `jsonwebtoken`, the
//! signature checked with the crate's keys (HMAC by `hmac`, RSA by `rsa`, ECDSA by
//! `p256`), the claims checked against the verifier's rules and its [`Clock`].
//!
//! The algorithm is pinned by the scheme: a token naming another (`none`, `HS256` for
//! an RSA scheme) is refused before any key is touched, and a scheme's keys are all of
//! its algorithm's kind (a [`Verifier`](crate::Verifier) makes keys of another kind
//! unusable), so no algorithm confusion is possible. Keys named inside the token
//! (`jku`, `x5u`, `jwk`) are never used.

use std::borrow::Cow;

use base64::Engine as _;
use serde_json::{Map, Value};
use sha2::Digest as _;
use time::OffsetDateTime;

use crate::clock::Clock;
use crate::error::{Error, ValueProblem};
use crate::key::Key;
use crate::public_key::Algorithm;
use crate::request::Request;
use crate::scheme::Match;
use crate::schemes::Window;

/// The algorithms a scheme may pin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alg {
    /// HMAC-SHA256 with a shared secret.
    Hs256,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256,
    /// ECDSA P-256 with SHA-256, `r‖s`.
    Es256,
}

impl Alg {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Alg::Hs256 => "HS256",
            Alg::Rs256 => "RS256",
            Alg::Es256 => "ES256",
        }
    }

    fn jsonwebtoken(self) -> jsonwebtoken::Algorithm {
        match self {
            Alg::Hs256 => jsonwebtoken::Algorithm::HS256,
            Alg::Rs256 => jsonwebtoken::Algorithm::RS256,
            Alg::Es256 => jsonwebtoken::Algorithm::ES256,
        }
    }

    /// The kind of key this algorithm verifies with.
    pub(crate) fn key_kind(self) -> crate::KeyKind {
        match self {
            Alg::Hs256 => crate::KeyKind::HmacSha256,
            Alg::Rs256 => crate::KeyKind::Rsa,
            Alg::Es256 => crate::KeyKind::EcdsaP256,
        }
    }

    fn verify(self, key: &Key, message: &[u8], signature: &[u8]) -> bool {
        match self {
            Alg::Hs256 => key.verify(&[message], signature),
            Alg::Rs256 => key.verify_with(Algorithm::RsaSha256, &[message], signature),
            Alg::Es256 => key.verify_with(Algorithm::EcdsaP256Fixed, &[message], signature),
        }
    }
}

/// Where the token is: `Authorization: Bearer <jwt>`, or a header holding it alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Carrier {
    Bearer,
    Header(&'static str),
}

impl Carrier {
    pub(crate) fn header(&self) -> &'static str {
        match self {
            Carrier::Bearer => "Authorization",
            Carrier::Header(name) => name,
        }
    }
}

/// A claim that must hold the SHA-256 of the raw body, in hex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BodyHash {
    pub(crate) claim: &'static str,
    /// Whether a token without the claim is refused (Plaid) or accepted (Vonage, whose
    /// tokens carry it only for requests with a body).
    pub(crate) required: bool,
}

/// What a scheme checks of a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rules {
    pub(crate) carrier: Carrier,
    pub(crate) alg: Alg,
    /// Accepted `iss` values; empty: not checked.
    pub(crate) issuers: Vec<Cow<'static, str>>,
    /// The `aud` that must be (or be among) the token's.
    pub(crate) audience: Option<String>,
    /// Claims that must hold exactly these values.
    pub(crate) claims: Vec<(&'static str, Value)>,
    pub(crate) body_hash: Option<BodyHash>,
    /// `iat` required, within this window of now.
    pub(crate) issued: Option<Window>,
    /// `exp` required (it is checked whenever present).
    pub(crate) require_exp: bool,
    /// The claim naming the delivery (`jti`).
    pub(crate) delivery_id: Option<&'static str>,
}

/// The largest clock difference accepted on `nbf` and on an `iat` with no window.
const LEEWAY: i64 = 60;

/// A token read from a request, its signature not yet checked.
#[derive(Debug)]
pub(crate) struct Token<'a> {
    /// `<header>.<claims>`, what the signature covers.
    signing_input: &'a str,
    signature: Vec<u8>,
    /// The key id, when the header names one.
    #[cfg_attr(not(feature = "fetch"), allow(dead_code))]
    pub(crate) kid: Option<String>,
    claims: &'a str,
}

fn b64(text: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .ok()
}

impl Rules {
    fn malformed(&self, reason: &'static str) -> Error {
        Error::malformed(self.carrier.header(), ValueProblem::InvalidJwt { reason })
    }

    /// The token of `request`, its header checked (the pinned algorithm, no `crit`).
    pub(crate) fn read<'a>(&self, request: &Request<'a>) -> Result<Token<'a>, Error> {
        let header = self.carrier.header();
        let value = request.header(header)?;
        let token = match self.carrier {
            Carrier::Bearer => {
                let bad = |problem| Error::malformed(header, problem);
                let (word, rest) = value
                    .split_once(' ')
                    .ok_or(bad(ValueProblem::MissingToken))?;
                if !word.eq_ignore_ascii_case("Bearer") {
                    return Err(bad(ValueProblem::WrongAuthScheme { expected: "Bearer" }));
                }
                let rest = rest.trim_matches(' ');
                if rest.is_empty() {
                    return Err(bad(ValueProblem::MissingToken));
                }
                if rest.contains([' ', '\t']) {
                    return Err(bad(ValueProblem::ExtraFields));
                }
                rest
            }
            Carrier::Header(_) => value,
        };
        let mut parts = token.split('.');
        let (Some(head), Some(claims), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(self.malformed("not three dot-separated parts"));
        };
        let signature = b64(signature).ok_or(self.malformed("the signature is not base64url"))?;
        if b64(claims).is_none() {
            return Err(self.malformed("the claims are not base64url"));
        }
        let head_json = b64(head).ok_or(self.malformed("the header is not base64url"))?;
        let head_value: Map<String, Value> = serde_json::from_slice(&head_json)
            .map_err(|_| self.malformed("the header is not a JSON object"))?;
        let expected = self.alg.name();
        match head_value.get("alg") {
            Some(Value::String(alg)) if alg == expected => {}
            Some(Value::String(alg)) => {
                return Err(Error::malformed(
                    header,
                    ValueProblem::UnexpectedAlgorithm {
                        found: truncate(alg),
                        expected,
                    },
                ));
            }
            _ => return Err(self.malformed("the header has no `alg`")),
        }
        if head_value.contains_key("crit") {
            return Err(self.malformed("the header has critical extensions (`crit`)"));
        }
        // The header's bytes, already decoded, read as `jsonwebtoken`'s JWS header (which
        // refuses a field given twice).
        let parsed: jsonwebtoken::Header = serde_json::from_slice(&head_json)
            .map_err(|_| self.malformed("the header is not a JWS header"))?;
        if parsed.alg != self.alg.jsonwebtoken() {
            return Err(self.malformed("the header's `alg` is not the expected one"));
        }
        Ok(Token {
            signing_input: &token[..head.len() + 1 + claims.len()],
            signature,
            kid: parsed.kid,
            claims,
        })
    }

    /// Checks `token`'s signature with the first of `keys` that verifies it, then its
    /// claims. `keys` are (index, key) pairs: a verifier's configured keys, or the
    /// fetched keys with the token's key id.
    pub(crate) fn verify<'k>(
        &self,
        token: &Token<'_>,
        request: &Request<'_>,
        keys: impl IntoIterator<Item = (usize, &'k Key)>,
        clock: &Clock,
    ) -> Result<Match, Error> {
        let message = token.signing_input.as_bytes();
        let index = keys
            .into_iter()
            .find(|(_, key)| key.is_usable() && self.alg.verify(key, message, &token.signature))
            .map(|(index, _)| index)
            .ok_or(Error::SignatureMismatch)?;
        let claims = b64(token.claims).ok_or(self.malformed("the claims are not base64url"))?;
        let claims: Map<String, Value> = serde_json::from_slice(&claims)
            .map_err(|_| self.malformed("the claims are not a JSON object"))?;
        let issued = self.check_claims(&claims, request, clock)?;
        let mut found = Match::new(index, issued);
        if let Some(Value::String(id)) = self.delivery_id.and_then(|name| claims.get(name)) {
            found = found.with_delivery_id(id);
        }
        Ok(found)
    }

    /// The claims' checks; the issue time when there is one.
    fn check_claims(
        &self,
        claims: &Map<String, Value>,
        request: &Request<'_>,
        clock: &Clock,
    ) -> Result<Option<OffsetDateTime>, Error> {
        let not_accepted = |field: &'static str| Error::ValueNotAccepted {
            field: field.into(),
        };
        if !self.issuers.is_empty() {
            let iss = claims.get("iss").and_then(Value::as_str);
            if !iss.is_some_and(|iss| self.issuers.iter().any(|i| i == iss)) {
                return Err(not_accepted("iss"));
            }
        }
        if let Some(audience) = &self.audience {
            let matches = match claims.get("aud") {
                Some(Value::String(aud)) => aud == audience,
                Some(Value::Array(auds)) => auds.iter().any(|a| a.as_str() == Some(audience)),
                _ => false,
            };
            if !matches {
                return Err(not_accepted("aud"));
            }
        }
        for (name, value) in &self.claims {
            if claims.get(*name) != Some(value) {
                return Err(not_accepted(name));
            }
        }
        if let Some(hash) = &self.body_hash {
            match claims.get(hash.claim) {
                Some(Value::String(claimed)) => {
                    // Lowercase hex, as the providers send it and their samples compare.
                    let actual = hex::encode(sha2::Sha256::digest(request.body()));
                    if *claimed != actual {
                        return Err(not_accepted(hash.claim));
                    }
                }
                Some(_) => return Err(not_accepted(hash.claim)),
                None if hash.required => return Err(not_accepted(hash.claim)),
                None => {}
            }
        }
        let time = |name: &'static str| -> Result<Option<OffsetDateTime>, Error> {
            match claims.get(name) {
                None => Ok(None),
                Some(value) => value
                    .as_i64()
                    .and_then(|secs| OffsetDateTime::from_unix_timestamp(secs).ok())
                    .map(Some)
                    .ok_or(self.malformed("a time claim is not a number of seconds")),
            }
        };
        let (iat, exp, nbf) = (time("iat")?, time("exp")?, time("nbf")?);
        if self.require_exp && exp.is_none() {
            return Err(not_accepted("exp"));
        }
        if self.issued.is_some() && iat.is_none() {
            return Err(not_accepted("iat"));
        }
        if iat.is_none() && exp.is_none() && nbf.is_none() {
            return Ok(None);
        }
        let now = clock.now();
        if let Some(exp) = exp.filter(|&exp| now > exp) {
            return Err(Error::NotValidNow {
                what: "token",
                detail: format!("it expired {} s ago", (now - exp).whole_seconds()).into(),
            });
        }
        if let Some(nbf) = nbf.filter(|&nbf| (nbf - now).whole_seconds() > LEEWAY) {
            return Err(Error::NotValidNow {
                what: "token",
                detail: format!("it is valid only in {} s", (nbf - now).whole_seconds()).into(),
            });
        }
        if let Some(iat) = iat {
            match &self.issued {
                Some(window) => window.check(iat, now)?,
                None if (iat - now).whole_seconds() > LEEWAY => {
                    return Err(Error::NotValidNow {
                        what: "token",
                        detail: format!(
                            "it is issued {} s in the future",
                            (iat - now).whole_seconds()
                        )
                        .into(),
                    });
                }
                None => {}
            }
        }
        Ok(iat)
    }
}

/// A value from a request, cut for an error message.
fn truncate(text: &str) -> Cow<'static, str> {
    let cut: String = text.chars().take(32).collect();
    cut.into()
}

/// The keys of a JSON Web Key Set (`{"keys": [...]}`) usable for RS256 or ES256; others
/// (other key types, curves, or uses) are skipped.
#[cfg(feature = "fetch")]
pub(crate) fn parse_jwks(
    document: &[u8],
) -> Result<Vec<crate::fetch::FetchedKey>, crate::fetch::FetchError> {
    let set: jsonwebtoken::jwk::JwkSet =
        serde_json::from_slice(document).map_err(|e| crate::fetch::FetchError::Document {
            message: format!("not a JSON Web Key Set ({e})"),
        })?;
    Ok(set
        .keys
        .iter()
        .filter_map(|jwk| {
            let key = public_key(jwk).ok()?;
            Some(crate::fetch::FetchedKey::new(
                jwk.common.key_id.clone(),
                key,
            ))
        })
        .collect())
}

/// Plaid's answer to `/webhook_verification_key/get`: `{"key": <JWK with created_at and
/// expired_at>, "request_id": …}`. A key with an `expired_at` is valid until then.
#[cfg(feature = "fetch")]
pub(crate) fn parse_plaid_key(
    document: &[u8],
) -> Result<Vec<crate::fetch::FetchedKey>, crate::fetch::FetchError> {
    let bad = |message: String| crate::fetch::FetchError::Document { message };
    let answer: Map<String, Value> =
        serde_json::from_slice(document).map_err(|e| bad(format!("not JSON ({e})")))?;
    let key = answer
        .get("key")
        .ok_or_else(|| bad("no `key` in the answer".into()))?;
    let jwk: jsonwebtoken::jwk::Jwk = serde_json::from_value(key.clone())
        .map_err(|e| bad(format!("`key` is not a JSON Web Key ({e})")))?;
    let prepared = public_key(&jwk).map_err(|e| bad(e.to_string()))?;
    let mut fetched = crate::fetch::FetchedKey::new(jwk.common.key_id.clone(), prepared);
    match key.get("expired_at") {
        None | Some(Value::Null) => {}
        Some(value) => {
            let at = value
                .as_i64()
                .and_then(|secs| OffsetDateTime::from_unix_timestamp(secs).ok())
                .ok_or_else(|| bad("`expired_at` is not a time".into()))?;
            fetched.not_after = Some(at);
        }
    }
    Ok(vec![fetched])
}

/// The key of a JWK: RSA (`n`, `e`) or EC P-256 (`x`, `y`).
#[cfg(feature = "fetch")]
fn public_key(jwk: &jsonwebtoken::jwk::Jwk) -> Result<Key, Error> {
    use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve};
    let invalid = |reason: &'static str| Error::InvalidPublicKey {
        algorithm: "JSON Web Key",
        reason: reason.into(),
    };
    let key = match &jwk.algorithm {
        AlgorithmParameters::RSA(rsa) => {
            let n = b64(&rsa.n).ok_or(invalid("`n` is not base64url"))?;
            let e = b64(&rsa.e).ok_or(invalid("`e` is not base64url"))?;
            let n = rsa::BoxedUint::from_be_slice_vartime(&n);
            let e = rsa::BoxedUint::from_be_slice_vartime(&e);
            let key = rsa::PublicKey::new(n, e).map_err(|_| invalid("not an RSA public key"))?;
            crate::PublicKey::rsa(key)?
        }
        AlgorithmParameters::EllipticCurve(ec) if ec.curve == EllipticCurve::P256 => {
            let x = b64(&ec.x).ok_or(invalid("`x` is not base64url"))?;
            let y = b64(&ec.y).ok_or(invalid("`y` is not base64url"))?;
            crate::PublicKey::p256_coordinates(&x, &y)?
        }
        _ => return Err(invalid("neither an RSA nor a P-256 key")),
    };
    Ok(Key::from(key))
}
