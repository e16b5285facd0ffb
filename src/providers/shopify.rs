//! Shopify.
//!
//! - **What it sends:** a `POST` with a JSON body; the topic in `X-Shopify-Topic`, the shop
//!   in `X-Shopify-Shop-Domain`, a delivery id in `X-Shopify-Webhook-Id`. Shopify's newer
//!   *events* deliveries carry the same headers without the `X-` (`shopify-hmac-sha256`,
//!   `shopify-webhook-id`, …).
//! - **Header:** `X-Shopify-Hmac-Sha256: <base64>` (or `shopify-hmac-sha256: <base64>`;
//!   when the latter is present it is the one checked, as Shopify's own library does).
//! - **What is signed:** the raw body; HMAC-SHA256 keyed with the app's client secret (or
//!   the webhook secret shown in the admin for webhooks created there), standard base64.
//! - **Tolerance:** none; there is no timestamp. Deduplicate on `X-Shopify-Webhook-Id`
//!   (`shopify-webhook-id`), which [`Verified::delivery_id`](crate::Verified::delivery_id)
//!   reports (not signed: it stops Shopify's retries, not a replay with a new id).
//! - Shopify's library refuses an empty body; so does this preset. It also insists on the
//!   topic, shop domain, API version and webhook id headers before it hands the event on;
//!   this preset checks only what is signed and leaves routing headers to the handler.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::shopify;
//! use hookverify::{Secret, Sign};
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

use crate::key::Key;
use crate::schemes::{Encoding, Signed};
use crate::time::OffsetDateTime;
use crate::{Clock, Error, KeyKind, Match, Request, Scheme, Secret, Sign, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "shopify";

/// The header Shopify signs webhooks in.
pub const SIGNATURE_HEADER: &str = "X-Shopify-Hmac-Sha256";

/// The header naming each webhook delivery.
pub const DELIVERY_HEADER: &str = "X-Shopify-Webhook-Id";

/// The header naming the webhook's topic, e.g. `orders/create`.
pub const EVENT_HEADER: &str = "X-Shopify-Topic";

/// The header naming an *events* delivery's topic.
pub const EVENTS_EVENT_HEADER: &str = "shopify-topic";

/// The header Shopify signs *events* deliveries in.
pub const EVENTS_SIGNATURE_HEADER: &str = "shopify-hmac-sha256";

/// The header naming each *events* delivery.
pub const EVENTS_DELIVERY_HEADER: &str = "shopify-webhook-id";

/// Shopify's scheme: the base64 HMAC-SHA256 of the raw body, in `shopify-hmac-sha256`
/// when that header is present and in `X-Shopify-Hmac-Sha256` otherwise; an empty body
/// is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shopify {
    webhooks: Signed,
    events: Signed,
}

impl Shopify {
    fn carries_events_signature(request: &Request<'_>) -> bool {
        let mut found = false;
        request
            .headers()
            .for_each_value(EVENTS_SIGNATURE_HEADER, &mut |value| {
                found |= !value.is_empty();
            });
        found
    }

    fn pick(&self, request: &Request<'_>) -> &Signed {
        if Self::carries_events_signature(request) {
            &self.events
        } else {
            &self.webhooks
        }
    }
}

impl Scheme for Shopify {
    fn key_kind(&self) -> KeyKind {
        self.webhooks.key_kind()
    }

    fn verify(&self, request: &Request<'_>, keys: &[Key], clock: &Clock) -> Result<Match, Error> {
        self.pick(request).verify(request, keys, clock)
    }
}

impl Sign for Shopify {
    /// Signs as a webhook (`X-Shopify-Hmac-Sha256`), or as an events delivery when the
    /// request already carries a `shopify-webhook-id`.
    fn sign_request(
        &self,
        request: &Request<'_>,
        secret: &Secret,
        now: OffsetDateTime,
    ) -> Vec<(String, String)> {
        let events = matches!(request.optional_header(EVENTS_DELIVERY_HEADER), Ok(Some(_)));
        let scheme = if events { &self.events } else { &self.webhooks };
        scheme.sign_request(request, secret, now)
    }
}

/// Shopify's scheme (webhooks and events deliveries alike).
#[must_use]
pub fn scheme() -> Shopify {
    let signed = |header: &'static str, delivery: &'static str, topic: &'static str| {
        Signed::builder(KeyKind::HmacSha256, header)
            .encoding(Encoding::Base64)
            .delivery_id_header(delivery)
            .event_type_header(topic)
            .refuse_empty_body()
            .preset()
    };
    Shopify {
        webhooks: signed(SIGNATURE_HEADER, DELIVERY_HEADER, EVENT_HEADER),
        events: signed(
            EVENTS_SIGNATURE_HEADER,
            EVENTS_DELIVERY_HEADER,
            EVENTS_EVENT_HEADER,
        ),
    }
}

/// A verifier for Shopify with the given secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Shopify>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap()
    }

    #[test]
    fn events_headers_are_preferred_and_name_the_delivery() {
        let secret = Secret::new("hush");
        let body = br#"{"id":1}"#;
        let mac = scheme().sign(body, &secret, now()).remove(0).1;
        let headers = [
            ("shopify-hmac-sha256", mac.as_str()),
            ("shopify-webhook-id", "evt-1"),
            ("X-Shopify-Hmac-Sha256", "bm90IHRoZSBtYWM="),
        ];
        let verified = verifier([secret.clone()])
            .verify_at(body, &headers, now())
            .unwrap();
        assert_eq!(verified.delivery_id(), Some("evt-1"));

        // With the events header present, a wrong one is not rescued by the old header.
        let headers = [
            ("shopify-hmac-sha256", "bm90IHRoZSBtYWM="),
            ("X-Shopify-Hmac-Sha256", mac.as_str()),
        ];
        assert!(
            verifier([secret.clone()])
                .verify_at(body, &headers, now())
                .is_err()
        );

        // An empty events header counts as absent, as in Shopify's library.
        let headers = [
            ("shopify-hmac-sha256", ""),
            ("X-Shopify-Hmac-Sha256", mac.as_str()),
        ];
        assert!(verifier([secret]).verify_at(body, &headers, now()).is_ok());
    }

    #[test]
    fn an_empty_body_is_refused() {
        let secret = Secret::new("hush");
        let headers = scheme().sign(b"", &secret, now());
        assert!(matches!(
            verifier([secret]).verify_at(b"", &headers, now()),
            Err(Error::SignatureMismatch)
        ));
    }

    #[test]
    fn signing_follows_the_delivery_header() {
        let secret = Secret::new("hush");
        let headers = [("shopify-webhook-id", "evt-1")];
        let request = Request::new(b"{}", &headers);
        let signed = scheme().sign_request(&request, &secret, now());
        assert_eq!(signed[0].0, EVENTS_SIGNATURE_HEADER);
    }
}
