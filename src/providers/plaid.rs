//! Plaid webhooks. Feature `jwt`; fetching Plaid's keys, feature `fetch`.
//!
//! - **What it sends:** a `POST` with a JSON event (`webhook_type`, `webhook_code`,
//!   `item_id`…) and a `Plaid-Verification` header holding a JWT.
//! - **The token:** ES256; its header's `kid` names the key, which the receiver asks
//!   Plaid for with `POST /webhook_verification_key/get` (`client_id`, `secret`,
//!   `key_id`) on the environment's host (`production.plaid.com`, `sandbox.plaid.com`),
//!   fetched once per key id and cached by a [`KeyFetcher`](crate::fetch::KeyFetcher).
//! - **Checked:** the algorithm (only ES256), the signature, `iat` at most 5 minutes old
//!   (as Plaid's sample code), `request_body_sha256` (required) equal to the SHA-256 of
//!   the raw body in hex, and the key not expired (`expired_at`).
//! - Deduplicate on the body's `item_id` with `webhook_code`, or your own event id.
//!
//! # Examples
//!
//! ```no_run
//! # #[cfg(feature = "fetch")]
//! # async fn handle(body: &[u8], headers: &http::HeaderMap) -> Result<(), hookverify::Error> {
//! use hookverify::fetch::KeyFetcher;
//! use hookverify::providers::plaid;
//! use hookverify::Secret;
//!
//! let verifier = plaid::verifier(
//!     plaid::Environment::Production,
//!     "my-client-id",
//!     Secret::from_env("PLAID_SECRET")?,
//!     KeyFetcher::new(),
//! );
//! let event: serde_json::Value = verifier.verify_async(body, headers).await?.json()?;
//! # let _ = event;
//! # Ok(())
//! # }
//! ```

use std::time::Duration;

use crate::jwt::{Alg, BodyHash, Carrier, Rules};
use crate::schemes::{Jwt, Window};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "plaid";

/// The header carrying the token.
pub const TOKEN_HEADER: &str = "Plaid-Verification";

/// How old the token's `iat` may be: 5 minutes (no limit ahead, as Plaid's sample code).
pub const WINDOW: Window = Window::new(Some(Duration::from_secs(300)), None);

/// A Plaid environment, whose host serves its keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Environment {
    /// `https://production.plaid.com`.
    Production,
    /// `https://sandbox.plaid.com`.
    Sandbox,
}

impl Environment {
    /// The key endpoint of this environment.
    #[must_use]
    pub fn key_url(self) -> &'static str {
        match self {
            Environment::Production => "https://production.plaid.com/webhook_verification_key/get",
            Environment::Sandbox => "https://sandbox.plaid.com/webhook_verification_key/get",
        }
    }
}

/// The Plaid scheme, verifying with the keys given to the verifier (`Verifier::with_keys`,
/// P-256 public keys); [`verifier`] fetches Plaid's instead.
#[must_use]
pub fn scheme() -> Jwt {
    Jwt::new(Rules {
        carrier: Carrier::Header(TOKEN_HEADER),
        alg: Alg::Es256,
        issuers: Vec::new(),
        audience: None,
        claims: Vec::new(),
        body_hash: Some(BodyHash {
            claim: "request_body_sha256",
            required: true,
        }),
        issued: Some(WINDOW),
        require_exp: false,
        delivery_id: None,
    })
}

/// A verifier for the client `client_id` in `environment`, asking Plaid for each key it
/// has not seen with the client's `secret`, through `fetcher`; verify with
/// [`Verifier::verify_async`](crate::Verifier::verify_async).
#[cfg(feature = "fetch")]
#[cfg_attr(docsrs, doc(cfg(feature = "fetch")))]
#[must_use]
pub fn verifier(
    environment: Environment,
    client_id: impl Into<String>,
    secret: crate::Secret,
    fetcher: crate::fetch::KeyFetcher,
) -> crate::Verifier<Jwt> {
    let mut scheme = scheme();
    let url = url::Url::parse(environment.key_url()).expect("key_url is a URL");
    scheme.source = crate::schemes::JwtSource::Plaid {
        url,
        client_id: client_id.into(),
        secret: std::sync::Arc::new(secret),
        fetcher,
    };
    crate::Verifier::fetching(scheme).with_name(NAME)
}
