//! Stripe.
//!
//! - **Header:** `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…][,v0=<hex>]`.
//! - **What is signed:** `"<t>.<raw body>"`, HMAC-SHA256 keyed with the endpoint's signing
//!   secret (`whsec_…`) as raw UTF-8 bytes, lowercase hex.
//! - **Several `v1`:** during a secret roll Stripe signs with each live secret; any
//!   matching `v1` is accepted. `v0` (test-mode legacy) is ignored, never verified.
//! - **Tolerance:** 300 s, Stripe's default. Stripe's libraries check only the age; this
//!   preset also refuses timestamps more than 300 s in the future.
//!
//! # Examples
//!
//! ```
//! use hookverify::{Secret, Sign};
//! use hookverify::providers::stripe;
//!
//! let secret = Secret::new("whsec_test_secret");
//! let body = br#"{"id":"evt_test_webhook","object":"event"}"#;
//! let headers = stripe::scheme().sign(body, &secret, time::OffsetDateTime::now_utc());
//! let event: serde_json::Value = stripe::verifier([secret]).verify_json(body, &headers)?;
//! assert_eq!(event["id"], "evt_test_webhook");
//! # Ok::<(), hookverify::Error>(())
//! ```

use std::time::Duration;

use serde::Deserialize;
use time::OffsetDateTime;

use crate::schemes::{Signed, Window};
use crate::{Secret, Verifier, WebhookEvent};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "stripe";

/// The header Stripe signs in.
pub const SIGNATURE_HEADER: &str = "Stripe-Signature";

/// The window the signed timestamp must fall in: 300 s each way, as Stripe's libraries default to.
pub const WINDOW: Window = Window::tolerance(Duration::from_secs(300));

/// `Stripe-Signature: t=<unix>,v1=<hex>` over `"<t>.<raw body>"`, 300 s.
#[must_use]
pub fn scheme() -> Signed {
    super::timestamped(SIGNATURE_HEADER, WINDOW)
}

/// A verifier for Stripe with the given endpoint secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}

/// A Stripe event: the envelope every event type shares, with `data` (its `object`, and
/// `previous_attributes` for `*.updated` events) as JSON. Route on
/// [`type_name`](Event::type_name); deduplicate on [`id`](Event::id), which Stripe keeps
/// across retries.
///
/// # Examples
///
/// ```
/// use hookverify::providers::stripe;
/// use hookverify::WebhookEvent;
///
/// let body = br#"{"id":"evt_1","object":"event","type":"invoice.paid","created":1700000000,
///     "livemode":false,"api_version":"2024-06-20","data":{"object":{"id":"in_1","amount_paid":900}}}"#;
/// let event: stripe::Event = serde_json::from_slice(body)?;
/// assert_eq!(event.type_name(), "invoice.paid");
/// assert_eq!(event.data["object"]["amount_paid"], 900);
/// assert!(event.is_test());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Event {
    /// The event's id (`evt_…`), the same on every retry.
    pub id: String,
    /// The event type, e.g. `payment_intent.succeeded`.
    #[serde(rename = "type")]
    pub type_name: String,
    /// When the event was created.
    #[serde(with = "time::serde::timestamp")]
    pub created: OffsetDateTime,
    /// `false` for test-mode events.
    #[serde(default)]
    pub livemode: bool,
    /// The API version the event is rendered in, when Stripe says.
    #[serde(default)]
    pub api_version: Option<String>,
    /// `{"object": …}` and, for updates, `"previous_attributes"`.
    pub data: serde_json::Value,
}

impl WebhookEvent for Event {
    fn type_name(&self) -> &str {
        &self.type_name
    }

    fn delivery_id(&self) -> Option<&str> {
        Some(&self.id)
    }

    fn is_test(&self) -> bool {
        !self.livemode
    }
}
