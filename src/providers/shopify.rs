//! Shopify.
//!
//! - **What it sends:** a `POST` with a JSON body; the topic in `X-Shopify-Topic`, the shop
//!   in `X-Shopify-Shop-Domain`, a delivery id in `X-Shopify-Webhook-Id`.
//! - **Header:** `X-Shopify-Hmac-Sha256: <base64>`.
//! - **What is signed:** the raw body; HMAC-SHA256 keyed with the app's client secret (or
//!   the webhook secret shown in the admin for webhooks created there), standard base64.
//! - **Tolerance:** none; there is no timestamp. Deduplicate on `X-Shopify-Webhook-Id`,
//!   which [`Verified::delivery_id`](crate::Verified::delivery_id) reports (not signed:
//!   it stops Shopify's retries, not a replay with a new id).
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::shopify;
//! use hookverify::{Scheme, Secret};
//!
//! let secret = Secret::new("hush");
//! let body = br#"{"id":820982911946154508,"email":"jon@example.com"}"#;
//! let mut headers = shopify::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! headers.push(("X-Shopify-Webhook-Id".into(), "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043".into()));
//!
//! let verified = shopify::verifier([secret]).verify(body, &headers)?;
//! assert_eq!(verified.delivery_id(), Some("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"));
//! # Ok::<(), hookverify::Error>(())
//! ```

use crate::schemes::{Encoding, Signed};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "shopify";

/// The header Shopify signs in.
pub const SIGNATURE_HEADER: &str = "X-Shopify-Hmac-Sha256";

/// The header naming each delivery.
pub const DELIVERY_HEADER: &str = "X-Shopify-Webhook-Id";

/// `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the raw body>`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::hmac(SIGNATURE_HEADER)
        .encoding(Encoding::Base64)
        .delivery_id_header(DELIVERY_HEADER)
}

/// A verifier for Shopify with the given secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    Verifier::new(scheme(), secrets).with_name(NAME)
}
