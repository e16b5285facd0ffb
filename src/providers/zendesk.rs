//! Zendesk (webhooks for events and for triggers and automations).
//!
//! - **What it sends:** usually a `POST` with a JSON event (`type`, `id`, `time`,
//!   `detail`); a trigger or automation webhook may use `GET`, `PUT`, `PATCH` or `DELETE`
//!   and a JSON, XML or form body, or none. Every request carries `x-zendesk-account-id`,
//!   `x-zendesk-webhook-id` and `x-zendesk-webhook-invocation-id`.
//! - **Headers:** `X-Zendesk-Webhook-Signature: <base64>` and
//!   `X-Zendesk-Webhook-Signature-Timestamp` (RFC 3339, `2021-03-25T05:09:27Z`).
//! - **What is signed:** the timestamp exactly as sent, then the raw body, with no
//!   separator (the timestamp alone when there is no body); HMAC-SHA256 keyed with the
//!   webhook's signing secret as text (its UTF-8 bytes, never base64-decoded though it
//!   looks like base64), standard padded base64.
//! - **Tolerance:** none: Zendesk documents no window, so the timestamp is signed and
//!   reported but never refused. For one, narrow the window with
//!   [`Signed::with_window`] on [`scheme`].
//! - **Delivery id:** `x-zendesk-webhook-invocation-id` (not signed), reported by
//!   [`Verified::delivery_id`](crate::Verified::delivery_id); the event type is in the
//!   body (`type`).
//!
//! The two copies of Zendesk's "Verifying webhook authenticity" page disagree on the
//! order: the current one and its Express sample sign `TIMESTAMP + BODY`, while the older
//! event-connectors copy writes `(BODY)(TIMESTAMP)`, and its own sample values verify only
//! that way. This preset follows the current page (as do the verifiers written against
//! production deliveries): a body-first signature is refused.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::zendesk;
//! use hookverify::{Error, Secret, Sign};
//!
//! let secret = Secret::new("dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==");
//! let body = br#"{"type":"zen:event-type:ticket.created","id":"cbe4028c","detail":{"id":"5158"}}"#;
//! let headers = zendesk::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! let verifier = zendesk::verifier([secret]);
//! assert!(verifier.verify(body, &headers).is_ok());
//!
//! let tampered = br#"{"type":"zen:event-type:ticket.created","id":"cbe4028c","detail":{"id":"5159"}}"#;
//! assert!(matches!(verifier.verify(tampered, &headers), Err(Error::SignatureMismatch)));
//! ```

use crate::KeyKind;
use crate::schemes::{Encoding, Part, Signed, Timestamp, TimestampFormat, Window};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "zendesk";

/// The header Zendesk signs in.
pub const SIGNATURE_HEADER: &str = "X-Zendesk-Webhook-Signature";

/// The header carrying the signing time, RFC 3339.
pub const TIMESTAMP_HEADER: &str = "X-Zendesk-Webhook-Signature-Timestamp";

/// The header naming each invocation of a webhook.
pub const DELIVERY_HEADER: &str = "x-zendesk-webhook-invocation-id";

/// The window the signed timestamp must fall in: unlimited, as Zendesk documents none.
pub const WINDOW: Window = Window::unlimited();

/// `X-Zendesk-Webhook-Signature: <base64>` over the timestamp then the body, no window.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .encoding(Encoding::Base64)
        .timestamp(
            Timestamp::header(TIMESTAMP_HEADER, TimestampFormat::Rfc3339),
            WINDOW,
        )
        .signed([Part::Timestamp, Part::Body])
        .delivery_id_header(DELIVERY_HEADER)
        .preset()
}

/// A verifier for Zendesk with the given webhook signing secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
