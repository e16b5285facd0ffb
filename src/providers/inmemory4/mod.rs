//! InMemory4.
//!
//! - **What it sends:** a `POST` with a JSON body naming its `event`: `order.created`,
//!   `order.changed` (with `project_id`, `order_id`), `proofreading.sent`,
//!   `proofreading.updated` (with `project_id`, `proofreading_batch_id`), and `test`
//!   (with a `message`), sent when the test endpoint is triggered.
//! - **Header:** `Signature: <API key>`: the value is the client's API key itself.
//! - **What is signed:** nothing. Despite the header's name this is a static token, not an
//!   HMAC: it does not cover the body, and anyone who sees one request knows the API key.
//!   Use HTTPS, and rotate the key if a request could have leaked.
//! - **Tolerance:** none; there is no timestamp.
//!
//! # Examples
//!
//! ```
//! use hookverify::Secret;
//! use hookverify::providers::inmemory4;
//!
//! let verifier = inmemory4::verifier([Secret::new("im4-api-key")]);
//! let body = br#"{"event":"order.created","project_id":12,"order_id":345}"#;
//! let headers = [("Signature", "im4-api-key")];
//!
//! match verifier.verify_json(body, &headers)? {
//!     inmemory4::Event::OrderCreated(o) => assert_eq!(o.order_id, 345),
//!     inmemory4::Event::Test(_) => { /* a test event: no side effects */ }
//!     _ => {}
//! }
//! # Ok::<(), hookverify::Error>(())
//! ```

use crate::schemes::Token;
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "inmemory4";

/// The header InMemory4 puts its API key in.
pub const TOKEN_HEADER: &str = "Signature";

/// `Signature: <API key>`, compared as a static token.
#[must_use]
pub fn scheme() -> Token {
    Token::new(TOKEN_HEADER)
}

/// A verifier for InMemory4 with the given API keys, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Token>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}

mod events;

pub use events::{Event, Order, Proofreading, Test};
