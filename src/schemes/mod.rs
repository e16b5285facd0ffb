//! The built-in authentication schemes, and the pieces for writing your own.
//!
//! | scheme | header | what is signed | accepted when |
//! |---|---|---|---|
//! | [`Signed`] | one header: the whole value, after a prefix, `k=v` entries, or `version,sig` entries | any list of [`Part`]s: body, headers, timestamp, URL, method, literals | any signature matches any key (HMAC-SHA256/SHA-1/SHA-512, Ed25519, ECDSA P-256), and the timestamp, if any, is within the [`Window`] |
//! | [`HexHmac::new(h)`](HexHmac::new) | `h: <hex>` | raw body | hex HMAC-SHA256(secret, body) equals, for any secret |
//! | [`HexHmac::new(h).prefix("sha256=")`](Signed::prefix) | `h: sha256=<hex>` | raw body | as above, prefix required exactly |
//! | [`TimestampedHmac::new(h)`](TimestampedHmac::new) | `h: t=<unix>,v1=<hex>[,v1=<hex>…]` | `"<t>." ++ raw body` | any `v1` matches any secret, and the timestamp is within the window (300 s both ways by default) |
//! | [`Token::bearer()`](Token::bearer) | `Authorization: Bearer <token>` | nothing | the token equals a secret |
//! | [`Token::new(h)`](Token::new) | `h: <token>` | nothing | the token equals a secret |
//! | [`StandardWebhooks`] | `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64> …` | `"<id>.<t>." ++ raw body` | any `v1` matches any secret, and the timestamp is within the window |
//!
//! `HexHmac` and `TimestampedHmac` are shorthands that build a [`Signed`]; so are the
//! HMAC presets of [`providers`](crate::providers), and `StandardWebhooks` is two of them
//! (the `webhook-` and the `svix-` header names).
//!
//! Every scheme works on the raw body bytes, compares in constant time, and allocates
//! nothing on the heap while verifying with shared secrets.
//!
//! For a custom [`Scheme`](crate::Scheme): [`Encoding`] decodes signatures,
//! [`TimestampFormat`] reads times, [`Window`] checks them.

mod encoding;
mod hex_hmac;
mod signed;
mod standard_webhooks;
mod timestamp;
mod timestamped;
mod token;

pub use encoding::Encoding;
pub use hex_hmac::HexHmac;
pub use signed::{MAX_SIGNATURES, Part, Signed};
pub use standard_webhooks::StandardWebhooks;
pub use timestamp::{DEFAULT_TOLERANCE, TimestampFormat, Window};
pub use timestamped::TimestampedHmac;
pub use token::Token;
