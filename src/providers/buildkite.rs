//! Buildkite (notification webhooks).
//!
//! - **What it sends:** a `POST` with a JSON body whose `event` repeats the event type;
//!   the type in `X-Buildkite-Event` (`build.finished`, `ping`…).
//! - **Headers:** one or the other, as chosen per webhook in its settings:
//!   `X-Buildkite-Signature: timestamp=<unix>,signature=<hex>` ([`scheme`], [`verifier`]),
//!   or `X-Buildkite-Token: <token>` ([`scheme_token`], [`verifier_token`]).
//! - **What is signed:** with a signature, `"<timestamp>.<raw body>"` (the timestamp as
//!   written in the header), HMAC-SHA256 keyed with the webhook's token (its text),
//!   lowercase hex; the two fields in any order, spaces around them ignored, as
//!   Buildkite's sample reads them. With a token, nothing: the token is sent in clear
//!   text and does not cover the body, so anyone who sees one request can send any body
//!   with it until it is changed. Prefer the signature.
//! - **Tolerance:** for signatures, 300 s in both directions, the window Buildkite's
//!   documentation gives as an example ("for example, 5 minutes"; the window is the
//!   receiver's to choose). Tokens have none.
//! - **Delivery id:** Buildkite documents none. Deliveries have been seen carrying
//!   `X-Buildkite-Request: <uuid>`, which [`Verified::delivery_id`](crate::Verified::delivery_id)
//!   reports when present (it is not signed); otherwise deduplicate on the body.
//! - **Handshake:** none; a `ping` event is sent when the notification settings change.
//!
//! Buildkite's sample verifier (Ruby) checks no time at all, though the same page
//! recommends a window against replays; this preset enforces 300 s each way, a choice
//! [`Signed::with_window`] can widen.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::buildkite;
//! use hookverify::{Secret, Sign};
//!
//! let secret = Secret::new("309c9c842a8565adec5d7469f6005989");
//! let body = br#"{"event":"build.finished","build":{"number":1}}"#;
//! let headers = buildkite::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! assert!(headers[0].1.starts_with("timestamp="));
//!
//! let verifier = buildkite::verifier([secret.clone()]);
//! assert!(verifier.verify(body, &headers).is_ok());
//! assert!(verifier.verify(br#"{"event":"build.failed","build":{"number":1}}"#, &headers).is_err());
//!
//! // A webhook left in token mode.
//! let verifier = buildkite::verifier_token([secret]);
//! let headers = [(buildkite::TOKEN_HEADER, "309c9c842a8565adec5d7469f6005989")];
//! assert!(verifier.verify(body, &headers).is_ok());
//! let forged = [(buildkite::TOKEN_HEADER, "309C9C842A8565ADEC5D7469F6005989")];
//! assert!(verifier.verify(body, &forged).is_err());
//! ```

use std::time::Duration;

use crate::KeyKind;
use crate::schemes::{Format, Part, Signed, Timestamp, TimestampFormat, Token, Window};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "buildkite";

/// The header Buildkite signs in, when the webhook is set to send a signature.
pub const SIGNATURE_HEADER: &str = "X-Buildkite-Signature";

/// The header Buildkite sends the webhook's token in, when the webhook is set to send it.
pub const TOKEN_HEADER: &str = "X-Buildkite-Token";

/// The header naming the event, e.g. `build.finished`.
pub const EVENT_HEADER: &str = "X-Buildkite-Event";

/// The header that has been seen naming each delivery (undocumented; optional).
pub const DELIVERY_HEADER: &str = "X-Buildkite-Request";

/// The window the signed timestamp must fall in: 300 s each way, the example Buildkite's
/// documentation gives.
pub const WINDOW: Window = Window::tolerance(Duration::from_secs(300));

/// `X-Buildkite-Signature: timestamp=<unix>,signature=<hex>` over
/// `"<timestamp>.<body>"`, 300 s each way.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .format(Format::entries(',', "signature"))
        .timestamp(
            Timestamp::entry("timestamp", TimestampFormat::UnixSeconds),
            WINDOW,
        )
        .signed([Part::Timestamp, Part::literal("."), Part::Body])
        .delivery_id_header(DELIVERY_HEADER)
        .event_type_header(EVENT_HEADER)
        .preset()
}

/// `X-Buildkite-Token: <token>`, compared as a static token: for webhooks set to send
/// their token rather than a signature.
#[must_use]
pub fn scheme_token() -> Token {
    Token::new(TOKEN_HEADER)
}

/// A verifier for Buildkite's signatures with the given webhook tokens, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}

/// A verifier for Buildkite's clear-text tokens (`X-Buildkite-Token`), current first.
pub fn verifier_token<I>(secrets: I) -> Verifier<Token>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme_token(), NAME, secrets)
}
