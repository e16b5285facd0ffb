//! The built-in authentication schemes, and the pieces for writing your own.
//!
//! | scheme | header | what is signed | accepted when |
//! |---|---|---|---|
//! | [`Signed::hmac(h)`](Signed::hmac) | `h: <hex>` | raw body | hex HMAC-SHA256(secret, body) equals, for any secret |
//! | [`Signed::builder`] | one header (or one per key): the whole value, after a prefix, `k=v` entries, or `version,sig` entries; hex or base64 (standard or URL-safe, padded or not) | any list of [`Part`]s: body, headers, timestamp, URL, method, literals | any signature matches any key (HMAC-SHA256/SHA-1/SHA-512, Ed25519, ECDSA P-256), and the timestamp, if any, is within its [`Window`] |
//! | [`Token::bearer()`](Token::bearer) | `Authorization: Bearer <token>` | nothing | the token equals a secret |
//! | [`Token::new(h)`](Token::new) | `h: <token>` | nothing | the token equals a secret |
//! | [`StandardWebhooks`] | `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64> …` | `"<id>.<t>." ++ raw body` | any `v1` matches any secret, and the timestamp is within the window |
//!
//! The HMAC presets of [`providers`](crate::providers) are configurations of [`Signed`],
//! and `StandardWebhooks` is two of them (the `webhook-` and the `svix-` header names).
//!
//! Every scheme works on the raw body bytes, compares in constant time, and reads the
//! clock only when it checks a signed timestamp.
//!
//! For a custom [`Scheme`](crate::Scheme): [`Encoding`] decodes signatures,
//! [`TimestampFormat`] reads times, [`Window`] checks them.

mod config;
mod encoding;
#[cfg(feature = "jwt")]
mod jwt;
pub(crate) mod signed;
mod standard_webhooks;
mod timestamp;
mod token;

pub(crate) use config::header_name;
pub use config::{ConfigError, Format, Timestamp};
pub use encoding::Encoding;
pub(crate) use encoding::MAX_ENCODED_MAC_LEN;
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use jwt::Jwt;
#[cfg(feature = "fetch")]
pub(crate) use jwt::Source as JwtSource;
#[cfg(feature = "rsa")]
pub(crate) use signed::rsa_sha256_signature;
pub use signed::{Part, Signed, SignedBuilder};
pub use standard_webhooks::StandardWebhooks;
pub(crate) use standard_webhooks::WINDOW as STANDARD_WEBHOOKS_WINDOW;
pub(crate) use standard_webhooks::signing_key as standard_webhooks_signing_key;
pub use timestamp::{TimestampFormat, Window};
pub use token::Token;
