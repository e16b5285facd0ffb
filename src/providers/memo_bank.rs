//! Memo Bank.
//!
//! - **What it sends:** a `POST` with a thin JSON event naming a `resource_type` and a
//!   `resource_id`; fetch the resource from the Memo Bank API for details.
//! - **Header:** `Authorization: Bearer <token>`, the token shown when the webhook was
//!   created in Company Settings › Developers.
//! - **What is signed:** nothing. The token is static and does not cover the body: it
//!   proves only that the sender knows it. Memo Bank also recommends accepting requests
//!   only from its published source IP addresses; do that at your proxy or firewall too.
//! - **Tolerance:** none; there is no timestamp.
//! - **Retries:** up to 8 times with exponential backoff; answer 2xx quickly.
//!
//! # Examples
//!
//! ```
//! use hookverify::Secret;
//! use hookverify::providers::memo_bank;
//!
//! let verifier = memo_bank::verifier([Secret::new("mb_token_from_settings")]);
//! let body = br#"{"resource_type":"transaction","resource_id":"tx_1"}"#;
//! let headers = [("Authorization", "Bearer mb_token_from_settings")];
//!
//! let event: serde_json::Value = verifier.verify_json(body, &headers)?;
//! match event["resource_type"].as_str() {
//!     Some("transaction") => { /* GET the transaction from the API */ }
//!     _ => {}
//! }
//! # Ok::<(), hookverify::Error>(())
//! ```

use crate::schemes::Token;
use crate::{Secret, Verifier};

/// `Authorization: Bearer <token>`.
#[must_use]
pub fn scheme() -> Token {
    Token::bearer()
}

/// A verifier for Memo Bank with the given webhook tokens, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Token>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    Verifier::new(scheme(), secrets)
}
