//! Standard Webhooks (and Svix).
//!
//! - **Headers:** `webhook-id`, `webhook-timestamp` (unix seconds), `webhook-signature`
//!   with space-separated `v1,<base64>` entries; Svix's `svix-id`, `svix-timestamp` and
//!   `svix-signature` are accepted when the `webhook-` ones are absent.
//! - **What is signed:** `"<id>.<timestamp>.<raw body>"`, HMAC-SHA256.
//! - **Secrets:** `whsec_` followed by base64 of the key bytes; load them with
//!   [`verifier`] decodes them (and [`Secret::from_standard_webhooks`] for signing):
//!   the text itself is not the key.
//! - **Tolerance:** 300 s in both directions.
//! - Deduplicate on `webhook-id`: [`Verified::delivery_id`](crate::Verified::delivery_id)
//!   reports it, and [dedupe](crate::dedupe) records it.
//!
//! # Examples
//!
//! ```
//! use hookverify::{Secret, Sign};
//! use hookverify::providers::standard_webhooks;
//!
//! let whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
//! let verifier = standard_webhooks::verifier([whsec])?;
//! let body = br#"{"type":"user.created"}"#;
//! let now = hookverify::time::OffsetDateTime::now_utc();
//! let headers = standard_webhooks::scheme().sign(body, &Secret::from_standard_webhooks(whsec)?, now);
//! let verified = verifier.verify(body, &headers)?;
//! // Deduplicate on `webhook-id`:
//! assert_eq!(verified.delivery_id(), Some(headers[0].1.as_str()));
//! # Ok::<(), hookverify::Error>(())
//! ```

use serde::Deserialize;
use time::OffsetDateTime;

use crate::schemes::{StandardWebhooks, Window};
use crate::{Error, Key, KeyKind, Secret, Verifier, WebhookEvent};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "standard_webhooks";

/// The header carrying the signatures (`svix-signature` from Svix).
pub const SIGNATURE_HEADER: &str = "webhook-signature";

/// The header carrying the signed send time, Unix seconds (`svix-timestamp`).
pub const TIMESTAMP_HEADER: &str = "webhook-timestamp";

/// The header naming each message, signed, stable across retries (`svix-id`).
pub const DELIVERY_HEADER: &str = "webhook-id";

/// The window the signed timestamp must fall in: 300 s each way, as the specification
/// recommends ([`StandardWebhooks::with_window`] sets another).
pub const WINDOW: Window = crate::schemes::STANDARD_WEBHOOKS_WINDOW;

/// The Standard Webhooks scheme, 300 s each way.
#[must_use]
pub fn scheme() -> StandardWebhooks {
    StandardWebhooks::new()
}

/// A verifier from Standard Webhooks keys, current first: `whsec_<base64>` secrets
/// (`v1`, HMAC-SHA256) and `whpk_<base64>` Ed25519 public keys (`v1a`, feature
/// `ed25519`), in one list. Each signature is checked only against keys of its kind.
///
/// # Errors
///
/// [`Error::InvalidSecret`] naming the first string that is not a Standard Webhooks
/// secret; [`Error::InvalidPublicKey`] for a `whpk_` key that is not base64 of an Ed25519
/// public key, or without the feature `ed25519`.
pub fn verifier<I>(keys: I) -> Result<Verifier<StandardWebhooks>, Error>
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let keys = keys
        .into_iter()
        .map(|text| key(text.as_ref()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Verifier::with_keys(scheme(), keys).with_name(NAME))
}

/// One key of a [`verifier`]'s list.
fn key(text: &str) -> Result<Key, Error> {
    if text.starts_with("whsk_") {
        return Err(Error::InvalidPublicKey {
            algorithm: "Ed25519",
            reason: "a `whsk_` key signs; a verifier takes its public key, `whpk_`".into(),
        });
    }
    if let Some(b64) = text.strip_prefix("whpk_") {
        #[cfg(feature = "ed25519")]
        {
            use base64::Engine as _;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(b64)
                .map_err(|_| Error::InvalidPublicKey {
                    algorithm: "Ed25519",
                    reason: "a `whpk_` key is base64 of the 32-byte public key".into(),
                })?;
            return Ok(Key::from(crate::PublicKey::ed25519(&bytes)?));
        }
        #[cfg(not(feature = "ed25519"))]
        {
            let _ = b64;
            return Err(Error::InvalidPublicKey {
                algorithm: "Ed25519",
                reason: "`whpk_` keys (`v1a` signatures) need the feature `ed25519`".into(),
            });
        }
    }
    let secret = Secret::from_standard_webhooks(text)?;
    Ok(Key::new(KeyKind::HmacSha256, &secret))
}

/// A Standard Webhooks payload, as the specification recommends it: `type`, `timestamp`
/// and `data`. Route on [`type_name`](Event::type_name); the delivery id is the
/// `webhook-id` header ([`Verified::delivery_id`](crate::Verified::delivery_id)).
///
/// # Examples
///
/// ```
/// use hookverify::providers::standard_webhooks;
/// use hookverify::WebhookEvent;
///
/// let body = br#"{"type":"contact.created","timestamp":"2022-11-03T20:26:10.344522Z",
///     "data":{"id":"1f81eb52-5198-4599-803e-771906343485"}}"#;
/// let event: standard_webhooks::Event = serde_json::from_slice(body)?;
/// assert_eq!(event.type_name(), "contact.created");
/// assert_eq!(event.timestamp.unix_timestamp(), 1_667_507_170);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Event {
    /// The event type, e.g. `contact.created`.
    #[serde(rename = "type")]
    pub type_name: String,
    /// When the event happened (RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    pub timestamp: OffsetDateTime,
    /// The event's data.
    pub data: serde_json::Value,
}

impl WebhookEvent for Event {
    fn type_name(&self) -> &str {
        &self.type_name
    }

    /// `None`: the delivery id is the `webhook-id` header.
    fn delivery_id(&self) -> Option<&str> {
        None
    }

    fn is_test(&self) -> bool {
        false
    }
}

/// The items of a provider that sends Standard Webhooks under its own name: `NAME`, the
/// header constants of the naming it sends, `WINDOW`, `scheme()`, and `verifier(keys)`
/// (as [`verifier`], named for the provider). Its module docs say what it sends.
macro_rules! alias {
    ($name:literal, $prefix:literal) => {
        use crate::schemes::{StandardWebhooks, Window};
        use crate::{Error, Verifier};

        /// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
        pub const NAME: &str = $name;

        /// The header carrying the signatures (space-separated `v1,<base64>` entries).
        pub const SIGNATURE_HEADER: &str = concat!($prefix, "-signature");

        /// The header carrying the signed send time, Unix seconds.
        pub const TIMESTAMP_HEADER: &str = concat!($prefix, "-timestamp");

        /// The header naming each message, signed, stable across retries: deduplicate on it
        /// ([`Verified::delivery_id`](crate::Verified::delivery_id) reports it).
        pub const DELIVERY_HEADER: &str = concat!($prefix, "-id");

        /// The window the signed timestamp must fall in: 300 s each way.
        pub const WINDOW: Window = crate::schemes::STANDARD_WEBHOOKS_WINDOW;

        /// The Standard Webhooks scheme (it reads the `webhook-` and the `svix-` names).
        #[must_use]
        pub fn scheme() -> StandardWebhooks {
            StandardWebhooks::new()
        }

        /// A verifier from the endpoint's secrets as the provider shows them
        /// (`whsec_<base64>`), current first.
        ///
        /// # Errors
        ///
        /// [`Error::InvalidSecret`] naming the first string that is not a Standard
        /// Webhooks secret.
        pub fn verifier<I>(secrets: I) -> Result<Verifier<StandardWebhooks>, Error>
        where
            I: IntoIterator,
            I::Item: AsRef<str>,
        {
            crate::providers::standard_webhooks::verifier(secrets).map(|v| v.with_name(NAME))
        }
    };
}

pub(crate) use alias;
