//! `Jwt`: the scheme of the providers that send a signed JSON Web Token (feature `jwt`).

use std::fmt;

use base64::Engine as _;
use time::OffsetDateTime;

use crate::clock::Clock;
use crate::error::Error;
use crate::jwt::{Alg, Rules};
use crate::key::Key;
use crate::key_kind::KeyKind;
use crate::request::Request;
use crate::scheme::{Match, Scheme};
use crate::secret::Secret;
use crate::sign::Sign;

/// A webhook authenticated by a signed JSON Web Token: the scheme of the
/// [`vonage`](crate::providers::vonage) (HS256), [`plaid`](crate::providers::plaid)
/// (ES256) and [`google_pubsub`](crate::providers::google_pubsub) (RS256) presets, which
/// configure it.
///
/// What every configuration checks:
///
/// - the token's `alg` is the preset's one algorithm (`none`, and any other algorithm,
///   is refused before a key is used), and no `crit` extension is present;
/// - the signature, with the verifier's keys (all of the algorithm's kind), or with the
///   provider's published key named by the token's `kid` when the keys are fetched;
///   keys the token points to itself (`jku`, `x5u`, `jwk`) are never used;
/// - then the claims: `exp` (when present; required by some presets) must not have
///   passed, `nbf` and `iat` must not be more than 60 s ahead, and each preset's own
///   claims (issuer, audience, `iat` window, the SHA-256 of the body).
///
/// The time is read from the verifier's [`Clock`].
#[derive(Clone)]
pub struct Jwt {
    pub(crate) rules: Rules,
    pub(crate) source: Source,
}

/// Where the keys come from.
#[derive(Clone)]
pub(crate) enum Source {
    /// The verifier's keys.
    Given,
    /// A JSON Web Key Set at a fixed URL (Google's).
    #[cfg(feature = "fetch")]
    Jwks {
        url: url::Url,
        fetcher: crate::fetch::KeyFetcher,
    },
    /// Plaid's key endpoint, one key per `kid`, asked with the client's credentials.
    #[cfg(feature = "fetch")]
    Plaid {
        url: url::Url,
        client_id: String,
        secret: std::sync::Arc<Secret>,
        fetcher: crate::fetch::KeyFetcher,
    },
}

impl fmt::Debug for Jwt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = match &self.source {
            Source::Given => "the verifier's keys".to_string(),
            #[cfg(feature = "fetch")]
            Source::Jwks { url, .. } => format!("the key set at {url}"),
            #[cfg(feature = "fetch")]
            Source::Plaid { url, .. } => format!("Plaid's key endpoint {url}"),
        };
        f.debug_struct("Jwt")
            .field("rules", &self.rules)
            .field("keys", &source)
            .finish()
    }
}

impl Jwt {
    pub(crate) fn new(rules: Rules) -> Self {
        Jwt {
            rules,
            source: Source::Given,
        }
    }

    /// Where the key a token names is, for fetched keys.
    #[cfg(feature = "fetch")]
    fn location(&self, kid: Option<&str>) -> Option<crate::fetch::Location> {
        use crate::fetch::Location;
        match &self.source {
            Source::Given => None,
            Source::Jwks { url, .. } => Some(Location::get(
                url.clone(),
                kid.map(str::to_owned),
                crate::jwt::parse_jwks,
            )),
            Source::Plaid {
                url,
                client_id,
                secret,
                ..
            } => {
                let kid = kid?;
                let secret = std::str::from_utf8(secret.expose_secret()).ok()?;
                let body = serde_json::json!({
                    "client_id": client_id,
                    "secret": secret,
                    "key_id": kid,
                });
                Some(Location::post(
                    url.clone(),
                    body.to_string().into_bytes(),
                    format!("{url}#{kid}"),
                    kid.to_owned(),
                    crate::jwt::parse_plaid_key,
                ))
            }
        }
    }

    #[cfg(feature = "fetch")]
    fn fetcher(&self) -> Option<&crate::fetch::KeyFetcher> {
        match &self.source {
            Source::Given => None,
            Source::Jwks { fetcher, .. } | Source::Plaid { fetcher, .. } => Some(fetcher),
        }
    }
}

impl Scheme for Jwt {
    fn key_kind(&self) -> KeyKind {
        self.rules.alg.key_kind()
    }

    fn verify(&self, request: &Request<'_>, keys: &[Key], clock: &Clock) -> Result<Match, Error> {
        let token = self.rules.read(request)?;
        #[cfg(feature = "fetch")]
        if self.fetcher().is_some() && token.kid.is_none() {
            return Err(Error::malformed(
                self.rules.carrier.header(),
                crate::ValueProblem::InvalidJwt {
                    reason: "the header names no key (`kid`)",
                },
            ));
        }
        #[cfg(feature = "fetch")]
        if let (Some(fetcher), Some(location)) =
            (self.fetcher(), self.location(token.kid.as_deref()))
        {
            let fetched = fetcher.keys(&location)?;
            let named: Vec<(usize, &crate::fetch::FetchedKey)> = fetched
                .iter()
                .enumerate()
                .filter(|(_, k)| token.kid.is_none() || k.kid == token.kid)
                .collect();
            if named.is_empty() {
                return Err(Error::UnknownKey);
            }
            let found = self.rules.verify(
                &token,
                request,
                named.iter().map(|(i, k)| (*i, &k.key)),
                clock,
            )?;
            fetched[found.key_index()].check_validity("key", clock.now())?;
            return Ok(found);
        }
        #[cfg(feature = "fetch")]
        if self.fetcher().is_some() {
            // A key location the scheme cannot build (a Plaid secret that is not text).
            return Err(Error::UnknownKey);
        }
        self.rules
            .verify(&token, request, keys.iter().enumerate(), clock)
    }

    #[cfg(feature = "fetch")]
    fn fetch_keys(&self, request: &Request<'_>) -> Option<crate::KeysFuture> {
        let fetcher = self.fetcher()?;
        let token = self.rules.read(request).ok()?;
        fetcher.load(self.location(token.kid.as_deref())?)
    }
}

impl Sign for Jwt {
    /// A token as the provider makes it, issued at `now` (expiring an hour later where the
    /// preset requires `exp`), with the claims the preset checks, signed with `secret`: the
    /// shared secret for HS256, a PKCS#8 DER private key for RS256 and ES256. The key id is
    /// `hookverify-test`.
    fn sign_request(
        &self,
        request: &Request<'_>,
        secret: &Secret,
        now: OffsetDateTime,
    ) -> Vec<(String, String)> {
        let rules = &self.rules;
        let header = serde_json::json!({
            "alg": rules.alg.name(),
            "typ": "JWT",
            "kid": "hookverify-test",
        });
        let mut claims = serde_json::Map::new();
        let iat = now.unix_timestamp();
        claims.insert("iat".into(), iat.into());
        if rules.require_exp {
            claims.insert("exp".into(), (iat + 3600).into());
        }
        if let Some(iss) = rules.issuers.first() {
            claims.insert("iss".into(), iss.to_string().into());
        }
        if let Some(aud) = &rules.audience {
            claims.insert("aud".into(), aud.clone().into());
        }
        for (name, value) in &rules.claims {
            claims.insert((*name).into(), value.clone());
        }
        if let Some(hash) = &rules.body_hash {
            use sha2::Digest as _;
            let digest = hex::encode(sha2::Sha256::digest(request.body()));
            claims.insert(hash.claim.into(), digest.into());
        }
        if let Some(name) = rules.delivery_id {
            let id = crate::sign::derived_id(now, request.body(), 16);
            claims.insert(name.into(), id.into());
        }
        let b64 = |json: &serde_json::Value| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json.to_string())
        };
        let input = format!(
            "{}.{}",
            b64(&header),
            b64(&serde_json::Value::Object(claims))
        );
        let Some(signature) = sign(rules.alg, secret, input.as_bytes()) else {
            return Vec::new();
        };
        let token = format!(
            "{input}.{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(signature)
        );
        let value = match rules.carrier {
            crate::jwt::Carrier::Bearer => format!("Bearer {token}"),
            crate::jwt::Carrier::Header(_) => token,
        };
        vec![(rules.carrier.header().to_string(), value)]
    }
}

/// A JWS signature of `input`.
fn sign(alg: Alg, secret: &Secret, input: &[u8]) -> Option<Vec<u8>> {
    match alg {
        Alg::Hs256 => crate::schemes::signed::signature(KeyKind::HmacSha256, secret, &[input]),
        Alg::Rs256 => crate::schemes::rsa_sha256_signature(secret, &[input]),
        Alg::Es256 => {
            use p256::ecdsa::signature::Signer as _;
            use p256::pkcs8::DecodePrivateKey as _;
            let key = p256::ecdsa::SigningKey::from_pkcs8_der(secret.expose_secret())
                .or_else(|_| p256::ecdsa::SigningKey::from_slice(secret.expose_secret()))
                .ok()?;
            let signature: p256::ecdsa::Signature = key.sign(input);
            Some(signature.to_bytes().to_vec())
        }
    }
}
