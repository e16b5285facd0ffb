//! Receiving webhooks in an HTTP service.
//!
//! - [`Webhook<E>`]: a verified, typed event; [`VerifiedBody`]: the verified raw bytes.
//!   Both are built with `from_parts(&headers, body, &verifier)` from any `http` stack
//!   (feature `http`), and are axum extractors (feature `axum`) that take their verifier
//!   from the router state as a [`WebhookVerifier`].
//! - [`WebhookRejection`]: the answer for a request that fails, with the status of
//!   [`Error::status`](crate::Error::status) and a short JSON body naming the problem.
//!
//! # The raw-body pitfall
//!
//! A signature covers the exact bytes the provider sent. An extractor that parses the
//! body first (axum's `Json`, a logging middleware that re-serializes, a proxy that
//! pretty-prints) hands the verifier different bytes, and every request fails with
//! `signature mismatch`. Let [`Webhook`] be the extractor that reads the body: it buffers
//! the raw bytes (up to [`Verifier::body_limit`](crate::Verifier::body_limit)), verifies
//! them, and only then parses.

mod receive;
mod webhook;

#[cfg(feature = "actix")]
mod actix;
#[cfg(feature = "axum")]
mod axum;
#[cfg(feature = "tower")]
mod tower;

#[cfg(feature = "actix")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix")))]
pub use actix::ActixHeaders;
#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub use tower::{WebhookLayer, WebhookResponseBody, WebhookService};
pub use webhook::{
    DedupeGuard, Verification, VerifiedBody, Webhook, WebhookOnce, WebhookRejection,
    WebhookVerifier,
};
