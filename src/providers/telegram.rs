//! Telegram (Bot API webhooks).
//!
//! - **What it sends:** a `POST` with a JSON `Update` (`Content-Type: application/json`):
//!   its `update_id` and one other member naming the kind of update (`message`,
//!   `callback_query`…).
//! - **Header:** `X-Telegram-Bot-Api-Secret-Token: <token>`, when the webhook was set with
//!   a `secret_token` (1–256 characters of `A-Z`, `a-z`, `0-9`, `_` and `-`, chosen by
//!   the bot's owner at `setWebhook`); the value is the token as it is.
//! - **What is signed:** nothing. The token does not cover the body: anyone who sees one
//!   request can send any body with it until `setWebhook` is called with another token.
//!   It is compared exactly (case included), in constant time.
//! - **Tolerance:** none; there is no timestamp (a message's `date` is not authenticated).
//!   Deduplicate on the body's `update_id`.
//! - **Handshake:** none. Any 2XX acknowledges an update; otherwise Telegram retries.
//!
//! Telegram's documentation and the libraries judged (python-telegram-bot, grammY) agree
//! on the token; python-telegram-bot also refuses any `Content-Type` other than exactly
//! `application/json`, which is not checked here.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::telegram;
//! use hookverify::{Secret, Sign};
//!
//! let secret = Secret::new("Tg_secret-Token_0123456789abcdefXYZ");
//! let body = br#"{"update_id":10000,"message":{"message_id":1,"date":1700000000,"text":"hi"}}"#;
//! let headers = telegram::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//!
//! let verifier = telegram::verifier([secret]);
//! assert!(verifier.verify(body, &headers).is_ok());
//! let forged = [(telegram::TOKEN_HEADER, "tg_secret-token_0123456789abcdefxyz")];
//! assert!(verifier.verify(body, &forged).is_err());
//! ```

use crate::schemes::Token;
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "telegram";

/// The header Telegram sends the secret token in.
pub const TOKEN_HEADER: &str = "X-Telegram-Bot-Api-Secret-Token";

/// `X-Telegram-Bot-Api-Secret-Token: <token>`, compared as a static token.
#[must_use]
pub fn scheme() -> Token {
    Token::new(TOKEN_HEADER)
}

/// A verifier for Telegram with the given secret tokens, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Token>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
