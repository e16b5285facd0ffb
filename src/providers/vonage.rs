//! Vonage signed webhooks (Messages, Voice and the other APIs that sign their callbacks).
//! Feature `jwt`.
//!
//! - **What it sends:** a `POST` (or `GET`) with the event, and `Authorization: Bearer
//!   <JWT>`.
//! - **The token:** HS256, signed with the account's *signature secret* (the dashboard's
//!   settings; not the API secret). Claims: `iat`, `jti`, `iss` (`Vonage`), `api_key`,
//!   `application_id`, and `payload_hash`, the SHA-256 of the raw body in lowercase hex.
//! - **Checked:** the algorithm (only HS256), the signature with any configured secret,
//!   `payload_hash` (required) against the body, and `iat` within [`WINDOW`] of now.
//!   Vonage's docs call the hash check optional and document no window; without them a
//!   token would authenticate any body, for ever, so both are checked. (Vonage's Voice
//!   API hashes a `GET` webhook's query parameters as JSON, which no receiver can
//!   reproduce exactly: such webhooks are refused.)
//! - Deduplicate on the token's `jti`
//!   ([`Verified::delivery_id`](crate::Verified::delivery_id)).
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::vonage;
//! use hookverify::{Secret, Sign};
//!
//! let secret = Secret::new("my-vonage-signature-secret");
//! let body = br#"{"message_uuid":"aaaaaaaa-bbbb-cccc-dddd-0123456789ab","status":"delivered"}"#;
//! let headers = vonage::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! let verified = vonage::verifier([secret]).verify(body, &headers)?;
//! assert_eq!(verified.key_index(), 0);
//! assert!(vonage::verifier([Secret::new("other")]).verify(body, &headers).is_err());
//! # Ok::<(), hookverify::Error>(())
//! ```

use std::time::Duration;

use crate::jwt::{Alg, BodyHash, Carrier, Rules};
use crate::schemes::{Jwt, Window};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "vonage";

/// The header carrying the token: `Authorization: Bearer <JWT>`.
pub const TOKEN_HEADER: &str = "Authorization";

/// How far the token's `iat` may be from now: 300 s each way.
pub const WINDOW: Window = Window::tolerance(Duration::from_secs(300));

/// The Vonage scheme: an HS256 bearer token over the body's hash.
#[must_use]
pub fn scheme() -> Jwt {
    Jwt::new(Rules {
        carrier: Carrier::Bearer,
        alg: Alg::Hs256,
        issuers: Vec::new(),
        audience: None,
        claims: Vec::new(),
        body_hash: Some(BodyHash {
            claim: "payload_hash",
            required: true,
        }),
        issued: Some(WINDOW),
        require_exp: false,
        delivery_id: Some("jti"),
    })
}

/// A verifier with the account's signature secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Jwt>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
