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
//! let event: memo_bank::Event = verifier.verify_json(body, &headers)?;
//! match event.resource_type.as_str() {
//!     "transaction" => { /* GET the transaction event.resource_id from the API */ }
//!     _ => {}
//! }
//! # Ok::<(), hookverify::Error>(())
//! ```

use std::net::{IpAddr, Ipv4Addr};

use crate::net::IpAllowList;
use crate::schemes::Token;
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "memo_bank";

/// The header the token comes in, as `Bearer <token>`.
pub const TOKEN_HEADER: &str = "Authorization";

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
    super::preset(scheme(), NAME, secrets)
}

/// The addresses Memo Bank sends webhooks from, as its documentation lists them.
pub const SOURCE_IPS: [IpAddr; 6] = [
    IpAddr::V4(Ipv4Addr::new(35, 181, 64, 230)),
    IpAddr::V4(Ipv4Addr::new(15, 236, 178, 243)),
    IpAddr::V4(Ipv4Addr::new(13, 36, 24, 215)),
    IpAddr::V4(Ipv4Addr::new(3, 78, 51, 103)),
    IpAddr::V4(Ipv4Addr::new(3, 74, 208, 131)),
    IpAddr::V4(Ipv4Addr::new(3, 122, 142, 56)),
];

/// An allow-list of [`SOURCE_IPS`].
///
/// # Examples
///
/// ```
/// use hookverify::providers::memo_bank;
///
/// let allowed = memo_bank::allow_list();
/// assert!(allowed.contains("3.78.51.103".parse().unwrap()));
/// assert!(allowed.check("203.0.113.9".parse().unwrap()).is_err());
/// ```
#[must_use]
pub fn allow_list() -> IpAllowList {
    IpAllowList::from_addrs(&SOURCE_IPS)
}

mod events;

pub use events::{Event, Id};
