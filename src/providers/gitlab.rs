//! GitLab.
//!
//! - **What it sends:** a `POST` with a JSON body; the event in `X-Gitlab-Event`.
//! - **Header:** `X-Gitlab-Token: <token>`: the secret token set on the webhook, sent as
//!   it is.
//! - **What is signed:** nothing. The token does not cover the body: anyone who sees one
//!   request can send any body with it until it is changed. Use HTTPS.
//! - **Tolerance:** none; there is no timestamp.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::gitlab;
//!
//! let verifier = gitlab::verifier(["gitlab-secret-token"]);
//! let headers = [("X-Gitlab-Token", "gitlab-secret-token"), ("X-Gitlab-Event", "Push Hook")];
//! assert!(verifier.verify(br#"{"object_kind":"push"}"#, &headers).is_ok());
//! ```

use crate::schemes::Token;
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "gitlab";

/// The header GitLab sends its token in.
pub const TOKEN_HEADER: &str = "X-Gitlab-Token";

/// `X-Gitlab-Token: <token>`, compared as a static token.
#[must_use]
pub fn scheme() -> Token {
    Token::new(TOKEN_HEADER)
}

/// A verifier for GitLab with the given secret tokens, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Token>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
