//! WooCommerce.
//!
//! - **What it sends:** a `POST` whose body is the resource as JSON, encoded by
//!   `wp_json_encode` (non-ASCII as `\uXXXX`, `/` as `\/`), with `X-WC-Webhook-Source`
//!   (the shop's URL), `X-WC-Webhook-Topic` (`order.created`), `X-WC-Webhook-Resource`,
//!   `X-WC-Webhook-Event`, `X-WC-Webhook-ID` and `X-WC-Webhook-Delivery-ID`.
//! - **Header:** `X-WC-Webhook-Signature: <base64>`.
//! - **What is signed:** the raw body, exactly as sent; HMAC-SHA256 keyed with the
//!   webhook's secret as text (after WordPress's HTML-entity decoding: give the secret as
//!   the shop shows it, `&` rather than `&amp;`), standard padded base64.
//! - **Tolerance:** none; there is no timestamp. `X-WC-Webhook-Delivery-ID` (not signed)
//!   is reported by [`Verified::delivery_id`](crate::Verified::delivery_id) and the topic
//!   by [`Verified::event_type`](crate::Verified::event_type); the delivery id is new for
//!   every delivery.
//! - **Handshake:** when a webhook is created, WooCommerce sends a ping whose body is
//!   `webhook_id=<id>`, with **no signature**, and saves the webhook only if the answer is
//!   200. This preset refuses it (the signature header is missing): answer such a ping
//!   200 without acting on it, or the webhook is not created.
//!
//! WooCommerce signs with SHA-256 unless a site changes it with the
//! `woocommerce_webhook_hash_algorithm` filter (or changes the body or secret with
//! others); this preset verifies the default. No WooCommerce library verifies webhooks;
//! the construction is that of WooCommerce's own signer, `WC_Webhook::generate_signature`.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::woocommerce;
//! use hookverify::{Error, Secret, Sign};
//!
//! let secret = Secret::new("wc-webhook-secret");
//! let body = br#"{"id":727,"status":"processing","total":"29.35"}"#;
//! let mut headers = woocommerce::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! headers.push(("X-WC-Webhook-Topic".into(), "order.created".into()));
//! let verifier = woocommerce::verifier([secret]);
//! let verified = verifier.verify(body, &headers)?;
//! assert_eq!(verified.event_type(), Some("order.created"));
//!
//! let tampered = br#"{"id":727,"status":"processing","total":"0.01"}"#;
//! assert!(matches!(verifier.verify(tampered, &headers), Err(Error::SignatureMismatch)));
//! # Ok::<(), hookverify::Error>(())
//! ```

use crate::KeyKind;
use crate::schemes::{Encoding, Signed};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "woocommerce";

/// The header WooCommerce signs in.
pub const SIGNATURE_HEADER: &str = "X-WC-Webhook-Signature";

/// The header naming each delivery.
pub const DELIVERY_HEADER: &str = "X-WC-Webhook-Delivery-ID";

/// The header naming the topic, e.g. `order.created`.
pub const EVENT_HEADER: &str = "X-WC-Webhook-Topic";

/// `X-WC-Webhook-Signature: <base64 HMAC-SHA256 of the raw body>`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .encoding(Encoding::Base64)
        .delivery_id_header(DELIVERY_HEADER)
        .event_type_header(EVENT_HEADER)
        .preset()
}

/// A verifier for WooCommerce with the given webhook secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
