#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

mod allowlist;
mod error;
mod event;
mod headers;
mod key;
#[cfg(any(feature = "ed25519", feature = "p256"))]
mod public_key;
mod request;
mod scheme;
mod secret;
mod verifier;

pub mod dangerous;
pub mod dedupe;
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub mod integrations;
pub mod providers;
pub mod schemes;

pub use crate::allowlist::IpAllowList;
pub use crate::error::{Error, HeaderProblem, SecretError};
pub use crate::event::{UnknownEvent, WebhookEvent};
pub use crate::headers::{Headers, MAX_HEADER_LEN};
pub use crate::key::{Digest, Key, KeyKind, Mac};
#[cfg(any(feature = "ed25519", feature = "p256"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "ed25519", feature = "p256"))))]
pub use crate::public_key::PublicKey;
pub use crate::request::Request;
pub use crate::scheme::{MAX_DELIVERY_ID_LEN, Match, Scheme};
pub use crate::secret::Secret;
pub use crate::verifier::{DEFAULT_BODY_LIMIT, Verified, Verifier};

/// The `time` crate, whose `OffsetDateTime` this crate's signatures use.
pub use time;
