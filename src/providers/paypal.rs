//! PayPal webhooks. Feature `rsa`; fetching the certificates, feature `fetch`.
//!
//! - **What it sends:** a `POST` with a JSON event (`id`, `event_type`, `resource`…).
//! - **Headers:** `PAYPAL-TRANSMISSION-ID`, `PAYPAL-TRANSMISSION-TIME` (RFC 3339),
//!   `PAYPAL-TRANSMISSION-SIG` (base64), `PAYPAL-CERT-URL`, `PAYPAL-AUTH-ALGO`
//!   (`SHA256withRSA`; any other algorithm is refused).
//! - **What is signed:** `"<transmission id>|<transmission time>|<webhook id>|<CRC32 of
//!   the raw body, unsigned decimal>"`, RSA PKCS#1 v1.5 with SHA-256. The webhook id is
//!   the one PayPal shows for your endpoint (`WH-…`): a verifier is made for one.
//! - **Keys:** the certificate at `PAYPAL-CERT-URL`, accepted only over HTTPS from
//!   `api.paypal.com`, `api-m.paypal.com`, `api.sandbox.paypal.com` or
//!   `api-m.sandbox.paypal.com` under `/v1/notifications/certs/`; nothing else is ever
//!   fetched ([`KeyFetcher`](crate::fetch::KeyFetcher), feature `fetch`). A verifier given
//!   the certificate up front (`Verifier::with_keys`) checks the URL the same way.
//! - **Tolerance:** none; PayPal documents no window and retries for up to three days.
//!   Deduplicate on the transmission id
//!   ([`Verified::delivery_id`](crate::Verified::delivery_id)); the event's `id` stays the
//!   same across retries too.
//!
//! PayPal signs the body's CRC-32, not the body: a body made to have the same CRC-32 as
//! a genuine one would verify with that delivery's headers. Deduplicate on the
//! transmission id (an endpoint's `dedupe`), which refuses such a second body; this is a
//! property of PayPal's scheme, shared by every verifier of it.
//!
//! PayPal's other method, posting the headers back to its
//! `/v1/notifications/verify-webhook-signature` API, needs an OAuth token and a network
//! round trip per delivery; this preset verifies locally, as PayPal's SDKs did.
//!
//! # Examples
//!
//! ```no_run
//! # #[cfg(feature = "fetch")]
//! # async fn handle(body: &[u8], headers: &http::HeaderMap) -> Result<(), hookverify::Error> {
//! use hookverify::fetch::KeyFetcher;
//! use hookverify::providers::paypal;
//!
//! let verifier = paypal::verifier("WH-1AB23456CD789012E-3FG45678HI901234J", KeyFetcher::new());
//! let event: serde_json::Value = verifier.verify_async(body, headers).await?.json()?;
//! # let _ = event;
//! # Ok(())
//! # }
//! ```

use std::sync::Arc;

use base64::Engine as _;
use time::OffsetDateTime;

use crate::clock::Clock;
use crate::error::{Error, ValueProblem};
use crate::key::Key;
use crate::key_kind::KeyKind;
use crate::pin::Pin;
use crate::public_key::Algorithm;
use crate::request::Request;
use crate::scheme::{Match, Scheme};
use crate::secret::Secret;
use crate::sign::Sign;

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "paypal";

/// The header carrying the signature (base64).
pub const SIGNATURE_HEADER: &str = "PAYPAL-TRANSMISSION-SIG";

/// The header naming the delivery (signed).
pub const DELIVERY_HEADER: &str = "PAYPAL-TRANSMISSION-ID";

/// The header carrying the signed send time (RFC 3339).
pub const TIMESTAMP_HEADER: &str = "PAYPAL-TRANSMISSION-TIME";

/// The header carrying the certificate's URL.
pub const CERT_URL_HEADER: &str = "PAYPAL-CERT-URL";

/// The header naming the algorithm.
pub const ALGORITHM_HEADER: &str = "PAYPAL-AUTH-ALGO";

/// The one algorithm accepted.
const ALGORITHM: &str = "SHA256withRSA";

/// Where PayPal's certificates are.
pub(crate) const CERT_PIN: Pin = Pin {
    host: |host| {
        matches!(
            host,
            "api.paypal.com"
                | "api-m.paypal.com"
                | "api.sandbox.paypal.com"
                | "api-m.sandbox.paypal.com"
        )
    },
    path: |path| {
        path.strip_prefix("/v1/notifications/certs/")
            .is_some_and(|name| {
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
    },
    query: None,
};

/// The PayPal scheme for one webhook id: see the [module](self) docs.
#[derive(Debug, Clone)]
pub struct PayPal {
    webhook_id: Arc<str>,
    #[cfg(feature = "fetch")]
    fetcher: Option<crate::fetch::KeyFetcher>,
}

/// What a request says, checked for form.
struct Parsed<'a> {
    id: &'a str,
    time: &'a str,
    signature: Vec<u8>,
    #[cfg_attr(not(feature = "fetch"), allow(dead_code))]
    cert_url: url::Url,
}

impl PayPal {
    fn read<'a>(request: &Request<'a>) -> Result<Parsed<'a>, Error> {
        let algorithm = request.header(ALGORITHM_HEADER)?;
        if algorithm != ALGORITHM {
            return Err(Error::malformed(
                ALGORITHM_HEADER,
                ValueProblem::UnexpectedAlgorithm {
                    found: algorithm.chars().take(32).collect::<String>().into(),
                    expected: ALGORITHM,
                },
            ));
        }
        let id = request.header(DELIVERY_HEADER)?;
        let time = request.header(TIMESTAMP_HEADER)?;
        if id.contains('|') || time.contains('|') {
            return Err(Error::malformed(
                if id.contains('|') {
                    DELIVERY_HEADER
                } else {
                    TIMESTAMP_HEADER
                },
                ValueProblem::MalformedEntry {
                    expected: "a value without `|`, which separates the signed fields".into(),
                },
            ));
        }
        let signature = base64::engine::general_purpose::STANDARD
            .decode(request.header(SIGNATURE_HEADER)?)
            .map_err(|_| Error::malformed(SIGNATURE_HEADER, ValueProblem::InvalidBase64))?;
        let cert_url = CERT_PIN
            .check(request.header(CERT_URL_HEADER)?)
            .map_err(|reason| Error::UntrustedKeyUrl {
                field: CERT_URL_HEADER.into(),
                reason,
            })?;
        Ok(Parsed {
            id,
            time,
            signature,
            cert_url,
        })
    }

    /// `"<id>|<time>|<webhook id>|<crc32>"`.
    fn message(&self, id: &str, time: &str, body: &[u8]) -> String {
        format!("{id}|{time}|{}|{}", self.webhook_id, crc32fast::hash(body))
    }
}

/// The PayPal scheme for `webhook_id`, verifying with the certificate given to the
/// verifier (`Verifier::with_keys(paypal::scheme(id), [Key::from(PublicKey::rsa_certificate_pem(pem)?)])`);
/// [`verifier`] fetches it instead.
#[must_use]
pub fn scheme(webhook_id: impl Into<String>) -> PayPal {
    PayPal {
        webhook_id: webhook_id.into().into(),
        #[cfg(feature = "fetch")]
        fetcher: None,
    }
}

/// A verifier for the endpoint PayPal knows as `webhook_id`, fetching each delivery's
/// certificate with `fetcher`; verify with [`Verifier::verify_async`](crate::Verifier::verify_async).
#[cfg(feature = "fetch")]
#[cfg_attr(docsrs, doc(cfg(feature = "fetch")))]
#[must_use]
pub fn verifier(
    webhook_id: impl Into<String>,
    fetcher: crate::fetch::KeyFetcher,
) -> crate::Verifier<PayPal> {
    let scheme = PayPal {
        fetcher: Some(fetcher),
        ..scheme(webhook_id)
    };
    crate::Verifier::fetching(scheme).with_name(NAME)
}

impl Scheme for PayPal {
    fn key_kind(&self) -> KeyKind {
        KeyKind::Rsa
    }

    fn verify(&self, request: &Request<'_>, keys: &[Key], clock: &Clock) -> Result<Match, Error> {
        let parsed = Self::read(request)?;
        let message = self.message(parsed.id, parsed.time, request.body());
        let check = |key: &Key| {
            key.verify_with(
                Algorithm::RsaSha256,
                &[message.as_bytes()],
                &parsed.signature,
            )
        };
        #[cfg(feature = "fetch")]
        let fetched = crate::certificate::fetched_match(
            self.fetcher.as_ref(),
            keys,
            &parsed.cert_url,
            clock,
            check,
        )?;
        #[cfg(not(feature = "fetch"))]
        let fetched = {
            let _ = clock;
            None
        };
        let index = match fetched {
            Some(index) => index,
            None => Key::first_match(keys, check)?,
        };
        let sent =
            OffsetDateTime::parse(parsed.time, &time::format_description::well_known::Rfc3339).ok();
        Ok(Match::new(index, sent).with_delivery_id(parsed.id))
    }

    #[cfg(feature = "fetch")]
    fn fetch_keys(&self, request: &Request<'_>) -> Option<crate::KeysFuture> {
        let fetcher = self.fetcher.as_ref()?;
        let parsed = Self::read(request).ok()?;
        fetcher.load(crate::certificate::location(parsed.cert_url))
    }
}

impl Sign for PayPal {
    /// Signs as PayPal does with `secret`, an RSA private key in PKCS#8 DER, naming the
    /// request's `PAYPAL-TRANSMISSION-ID` and `PAYPAL-CERT-URL` when it has them (else an
    /// id derived from the body and the time, and a certificate URL on `api.paypal.com`).
    fn sign_request(
        &self,
        request: &Request<'_>,
        secret: &Secret,
        now: OffsetDateTime,
    ) -> Vec<(String, String)> {
        let id = match request.optional_header(DELIVERY_HEADER) {
            Ok(Some(id)) => id.to_string(),
            _ => crate::sign::derived_id(now, request.body(), 16),
        };
        let cert_url = match request.optional_header(CERT_URL_HEADER) {
            Ok(Some(url)) => url.to_string(),
            _ => "https://api.paypal.com/v1/notifications/certs/CERT-hookverify-test".to_string(),
        };
        let Ok(time) = now
            .replace_nanosecond(0)
            .unwrap_or(now)
            .format(&time::format_description::well_known::Rfc3339)
        else {
            return Vec::new();
        };
        let message = self.message(&id, &time, request.body());
        let Some(signature) = crate::schemes::rsa_sha256_signature(secret, &[message.as_bytes()])
        else {
            return Vec::new();
        };
        vec![
            (DELIVERY_HEADER.to_string(), id),
            (TIMESTAMP_HEADER.to_string(), time),
            (
                SIGNATURE_HEADER.to_string(),
                base64::engine::general_purpose::STANDARD.encode(signature),
            ),
            (CERT_URL_HEADER.to_string(), cert_url),
            (ALGORITHM_HEADER.to_string(), ALGORITHM.to_string()),
        ]
    }
}
