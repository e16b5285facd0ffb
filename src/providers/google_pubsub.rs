//! Google Cloud Pub/Sub push subscriptions with authentication. Feature `jwt`; fetching
//! Google's keys, feature `fetch`.
//!
//! - **What it sends:** a `POST` with `{"message": {"data": <base64>, "attributes": …,
//!   "messageId": …, "publishTime": …}, "subscription": …}` and `Authorization: Bearer
//!   <OIDC ID token>`, when the subscription has authentication enabled (without it,
//!   nothing authenticates the request: enable it).
//! - **The token:** RS256, signed by Google; its `kid` names one of Google's keys,
//!   published at <https://www.googleapis.com/oauth2/v3/certs> (fetched and cached by a
//!   [`KeyFetcher`](crate::fetch::KeyFetcher)).
//! - **Checked:** the algorithm (only RS256), the signature, `iss`
//!   (`https://accounts.google.com` or `accounts.google.com`), `aud` equal to the
//!   audience configured on the subscription (by default the push endpoint's URL), `email`
//!   equal to the subscription's service account and `email_verified` true, `exp` (required)
//!   not passed, `iat` not ahead.
//! - The body is not signed: the token proves the request came from your subscription,
//!   not what it carries. Deduplicate on `message.messageId`.
//!
//! # Examples
//!
//! ```no_run
//! # #[cfg(feature = "fetch")]
//! # async fn handle(body: &[u8], headers: &http::HeaderMap) -> Result<(), hookverify::Error> {
//! use hookverify::fetch::KeyFetcher;
//! use hookverify::providers::google_pubsub;
//!
//! let verifier = google_pubsub::verifier(
//!     "https://hooks.example.com/pubsub",
//!     "push-invoker@my-project.iam.gserviceaccount.com",
//!     KeyFetcher::new(),
//! );
//! let push: google_pubsub::Push = verifier.verify_async(body, headers).await?.json()?;
//! # let _ = push;
//! # Ok(())
//! # }
//! ```

use serde::Deserialize;

use crate::jwt::{Alg, Carrier, Rules};
use crate::schemes::Jwt;

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "google_pubsub";

/// The header carrying the token: `Authorization: Bearer <JWT>`.
pub const TOKEN_HEADER: &str = "Authorization";

/// Where Google publishes the keys that sign its ID tokens (a JSON Web Key Set).
pub const JWKS_URL: &str = "https://www.googleapis.com/oauth2/v3/certs";

/// The `iss` values Google's ID tokens carry.
pub const ISSUERS: [&str; 2] = ["https://accounts.google.com", "accounts.google.com"];

/// The Pub/Sub scheme for a subscription's `audience` and service account `email`,
/// verifying with the keys given to the verifier (`Verifier::with_keys`, RSA public
/// keys); [`verifier`] fetches Google's instead.
#[must_use]
pub fn scheme(audience: impl Into<String>, service_account_email: impl Into<String>) -> Jwt {
    Jwt::new(Rules {
        carrier: Carrier::Bearer,
        alg: Alg::Rs256,
        issuers: ISSUERS.iter().map(|&i| i.into()).collect(),
        audience: Some(audience.into()),
        claims: vec![
            (
                "email",
                serde_json::Value::String(service_account_email.into()),
            ),
            ("email_verified", serde_json::Value::Bool(true)),
        ],
        body_hash: None,
        issued: None,
        require_exp: true,
        delivery_id: None,
    })
}

/// A verifier for a push subscription with authentication, fetching Google's keys with
/// `fetcher`; verify with [`Verifier::verify_async`](crate::Verifier::verify_async).
#[cfg(feature = "fetch")]
#[cfg_attr(docsrs, doc(cfg(feature = "fetch")))]
#[must_use]
pub fn verifier(
    audience: impl Into<String>,
    service_account_email: impl Into<String>,
    fetcher: crate::fetch::KeyFetcher,
) -> crate::Verifier<Jwt> {
    let mut scheme = scheme(audience, service_account_email);
    let url = url::Url::parse(JWKS_URL).expect("JWKS_URL is a URL");
    scheme.source = crate::schemes::JwtSource::Jwks { url, fetcher };
    crate::Verifier::fetching(scheme).with_name(NAME)
}

/// A push request's body.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Push {
    /// The message.
    pub message: PushMessage,
    /// The subscription, `projects/<project>/subscriptions/<name>`.
    pub subscription: String,
}

/// The message of a push request.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PushMessage {
    /// The data, base64 as sent (absent for a message with attributes only).
    #[serde(default)]
    pub data: Option<String>,
    /// The attributes.
    #[serde(default)]
    pub attributes: std::collections::BTreeMap<String, String>,
    /// Pub/Sub's id of the message: deduplicate on it.
    pub message_id: String,
    /// When it was published (RFC 3339).
    pub publish_time: String,
    /// The ordering key, for ordered delivery.
    #[serde(default)]
    pub ordering_key: Option<String>,
}
