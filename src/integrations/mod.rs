//! Receiving webhooks in an HTTP service.
//!
//! - [`Endpoint<K>`]: a provider's [`Verifier`](crate::Verifier) with what a server
//!   needs around it: where the public URL comes from, a dedupe store, its handshake.
//! - [`Webhook<E>`]: a verified, typed event with its [`Verified`](crate::Verified);
//!   [`RawWebhook<K>`]: the verified raw body. Both are axum (feature `axum`) and
//!   actix-web (feature `actix`) extractors taking their endpoint from the application
//!   state; [`Webhook::from_request`] serves any other `http` stack.
//! - `WebhookLayer` (feature `tower`): the same in front of any tower service, the
//!   [`Verified`](crate::Verified) in the request's extensions.
//! - [`Rejection`]: the answer for a request that does not reach the handler: refused
//!   (the [`Error::status`](crate::Error::status) and a short JSON body naming the
//!   problem), a duplicate, or a handshake.
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

#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub use tower::{WebhookLayer, WebhookService};
pub use webhook::{Endpoint, RawWebhook, Rejection, Webhook};
