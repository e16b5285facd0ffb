#![doc = include_str!("lib.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

#[cfg(feature = "rsa")]
mod certificate;
mod clock;
mod error;
mod event;
mod headers;
#[cfg(feature = "jwt")]
mod jwt;
mod key;
mod key_kind;
#[cfg(any(feature = "rsa", feature = "fetch"))]
mod pin;
#[cfg(any(feature = "ed25519", feature = "p256", feature = "rsa"))]
mod public_key;
mod request;
mod scheme;
mod secret;
mod sign;
mod verified;
mod verifier;

pub mod dangerous;
pub mod dedupe;
#[cfg(feature = "fetch")]
#[cfg_attr(docsrs, doc(cfg(feature = "fetch")))]
pub mod fetch;
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub mod integrations;
pub mod net;
pub mod providers;
pub mod schemes;

pub use crate::clock::Clock;
pub use crate::error::{Error, SecretError, ValueProblem};
pub use crate::event::WebhookEvent;
pub use crate::headers::Headers;
pub use crate::key::Key;
pub use crate::key_kind::KeyKind;
#[cfg(any(feature = "ed25519", feature = "p256", feature = "rsa"))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(feature = "ed25519", feature = "p256", feature = "rsa")))
)]
pub use crate::public_key::PublicKey;
pub use crate::request::Request;
#[cfg(feature = "fetch")]
pub use crate::scheme::KeysFuture;
pub use crate::scheme::{Match, Scheme};
pub use crate::secret::Secret;
pub use crate::sign::Sign;
pub use crate::verified::Verified;
pub use crate::verifier::Verifier;

/// The `time` crate, whose `OffsetDateTime` this crate's signatures use.
pub use time;

/// The README's examples, compiled and run as doctests by the README's test command
/// (`cargo test --all-features`; they use every integration).
#[cfg(all(
    doctest,
    feature = "axum",
    feature = "actix",
    feature = "tower",
    feature = "redis"
))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
