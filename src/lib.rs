#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

mod allowlist;
mod clock;
mod error;
mod event;
mod headers;
mod prekeyed;
mod scheme;
mod secret;
mod swar;
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
pub use crate::headers::{HeaderLookup, Headers, MAX_HEADER_LEN};
pub use crate::scheme::{Key, Match, Request, Scheme};
pub use crate::secret::Secret;
pub use crate::verifier::{DEFAULT_BODY_LIMIT, Verified, Verifier};

/// A small deterministic generator (xorshift64) for the unit tests' random inputs.
#[cfg(test)]
pub(crate) fn test_rng(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}
