//! `Webhook`, `VerifiedBody`, `WebhookVerifier` and `WebhookRejection`, independent of any
//! web framework.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;
use std::sync::Arc;

use bytes::Bytes;
use serde::de::DeserializeOwned;
use time::OffsetDateTime;

use super::receive::UrlPolicy;
use crate::dedupe::{Guard, Seen};
use crate::{Error, Scheme, Verifier, WebhookEvent};

/// A verifier in shared state, tagged with what it verifies (usually the provider's event
/// type), so one router state can hold several and an extractor picks the right one.
///
/// # Examples
///
/// ```
/// use hookverify::integrations::WebhookVerifier;
/// use hookverify::providers::{memento, pocketbook};
///
/// #[derive(Clone)]
/// struct AppState {
///     pocketbook: WebhookVerifier<pocketbook::Event>,
///     memento: WebhookVerifier<memento::Event>,
/// }
///
/// let state = AppState {
///     pocketbook: WebhookVerifier::new(pocketbook::verifier(["whsec_pb"])),
///     memento: WebhookVerifier::new(memento::verifier(["whsec_mm"])),
/// };
/// # let _ = state;
/// ```
pub struct WebhookVerifier<K> {
    verifier: Arc<Verifier<Box<dyn Scheme>>>,
    pub(crate) url: UrlPolicy,
    tag: PhantomData<fn() -> K>,
}

impl<K> WebhookVerifier<K> {
    /// Wraps `verifier` for shared state.
    pub fn new<S: Scheme + 'static>(verifier: Verifier<S>) -> Self {
        WebhookVerifier {
            verifier: Arc::new(verifier.into_dyn()),
            url: UrlPolicy::default(),
            tag: PhantomData,
        }
    }

    /// The public URL the provider posts to, up to the path: for the providers that sign
    /// the URL (Twilio, HubSpot), whose signature covers the URL *they* requested, which
    /// behind a load balancer or proxy is not the one the server sees. The request's path
    /// and query are appended: `https://hooks.example.com` and `/twilio/sms?x=1` give
    /// `https://hooks.example.com/twilio/sms?x=1`.
    ///
    /// Without it (and without [`trust_forwarded_headers`](Self::trust_forwarded_headers)),
    /// the integrations hand the scheme the request's URL only when it is absolute, and a
    /// scheme that signs the URL is refused with [`Error::MissingRequestPart`] (500), which
    /// says what to configure.
    #[must_use]
    pub fn public_base_url(mut self, base: impl Into<String>) -> Self {
        let base: String = base.into();
        self.url.base = Some(Arc::from(base.trim_end_matches('/')));
        self
    }

    /// Builds the public URL from `X-Forwarded-Proto` and `X-Forwarded-Host` (or `Host`)
    /// and the request's path and query. Only for a server every request reaches through
    /// a proxy that sets these headers itself: anyone who reaches the server directly
    /// chooses them. [`public_base_url`](Self::public_base_url), when set, wins.
    #[must_use]
    pub fn trust_forwarded_headers(mut self) -> Self {
        self.url.trust_forwarded = true;
        self
    }
}

impl<K> WebhookVerifier<K> {
    /// The same verifier, tagged for another extractor.
    #[cfg(feature = "tower")]
    pub(crate) fn retag<L>(self) -> WebhookVerifier<L> {
        WebhookVerifier {
            verifier: self.verifier,
            url: self.url,
            tag: PhantomData,
        }
    }
}

impl<K> Clone for WebhookVerifier<K> {
    fn clone(&self) -> Self {
        WebhookVerifier {
            verifier: Arc::clone(&self.verifier),
            url: self.url.clone(),
            tag: PhantomData,
        }
    }
}

impl<K> Deref for WebhookVerifier<K> {
    type Target = Verifier<Box<dyn Scheme>>;
    fn deref(&self) -> &Self::Target {
        &self.verifier
    }
}

impl<K> fmt::Debug for WebhookVerifier<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookVerifier")
            .field("verifier", &self.verifier)
            .field("public_base_url", &self.url.base)
            .field("trust_forwarded_headers", &self.url.trust_forwarded)
            .finish()
    }
}

/// A verified webhook body: the raw bytes, which secret matched, and the signed timestamp.
///
/// As an axum extractor, `VerifiedBody<K>` takes the router state's
/// `WebhookVerifier<K>`: use the provider's event type as `K` to share one verifier
/// between `Webhook<K>` and `VerifiedBody<K>` routes.
#[non_exhaustive]
pub struct VerifiedBody<K = ()> {
    /// The verified raw body.
    pub bytes: Bytes,
    /// Index of the key that matched (0 is the current one).
    pub secret_index: usize,
    /// The signed timestamp, for schemes that sign one.
    pub timestamp: Option<OffsetDateTime>,
    /// The provider's id of this delivery, from its headers, where the scheme reads one.
    pub delivery_id: Option<String>,
    tag: PhantomData<fn() -> K>,
}

impl<K> fmt::Debug for VerifiedBody<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifiedBody")
            .field("len", &self.bytes.len())
            .field("secret_index", &self.secret_index)
            .field("timestamp", &self.timestamp)
            .field("delivery_id", &self.delivery_id)
            .finish()
    }
}

impl<K> VerifiedBody<K> {
    /// Verifies `body` and `headers` with `verifier`, outside any framework.
    ///
    /// # Errors
    ///
    /// A [`WebhookRejection`] carrying the [`Error`].
    pub fn from_parts<S: Scheme>(
        headers: &http::HeaderMap,
        body: Bytes,
        verifier: &Verifier<S>,
    ) -> Result<Self, WebhookRejection> {
        let verified = verifier.verify(&body[..], headers)?;
        Ok(VerifiedBody::of(&verified, body.clone()))
    }

    /// The verified body `bytes`, with what `verified` found.
    pub(super) fn of(verified: &crate::Verified<'_>, bytes: Bytes) -> Self {
        VerifiedBody {
            secret_index: verified.key_index(),
            timestamp: verified.timestamp(),
            delivery_id: verified.delivery_id().map(str::to_owned),
            bytes,
            tag: PhantomData,
        }
    }
}

/// What verification found, for middleware that passes a genuine request on (the tower
/// `WebhookLayer`): in the request's extensions.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verification {
    /// Index of the key that matched (0 is the current one).
    pub key_index: usize,
    /// The signed timestamp, for schemes that sign one.
    pub timestamp: Option<OffsetDateTime>,
    /// The provider's id of this delivery, from its headers, where the scheme reads one.
    pub delivery_id: Option<String>,
    /// The dedupe key recorded for this delivery, when the middleware deduplicates: forget
    /// it in the guard when handling fails, so the provider's retry is handled again.
    pub dedupe_key: Option<String>,
}

/// A verified webhook, deserialized into `E` (a provider's `Event`, or your own type).
///
/// # Examples
///
/// Without a framework:
///
/// ```
/// use hookverify::integrations::Webhook;
/// use hookverify::providers::inmemory4;
///
/// let verifier = inmemory4::verifier(["im4-key"]);
/// let mut headers = http::HeaderMap::new();
/// headers.insert("signature", "im4-key".parse().unwrap());
/// let body = bytes::Bytes::from_static(br#"{"event":"test","message":"Hello!"}"#);
///
/// let Webhook(event) = Webhook::<inmemory4::Event>::from_parts(&headers, body, &verifier)?;
/// assert!(matches!(event, inmemory4::Event::Test(_)));
/// # Ok::<(), hookverify::integrations::WebhookRejection>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook<E>(pub E);

impl<E: DeserializeOwned> Webhook<E> {
    /// Verifies `body` and `headers` with `verifier`, then deserializes the body.
    ///
    /// # Errors
    ///
    /// A [`WebhookRejection`] carrying the [`Error`]: verification failed, or the
    /// verified body is not the expected JSON.
    pub fn from_parts<S: Scheme>(
        headers: &http::HeaderMap,
        body: Bytes,
        verifier: &Verifier<S>,
    ) -> Result<Self, WebhookRejection> {
        Ok(Webhook(verifier.verify_json(&body[..], headers)?))
    }
}

/// Why the handler does not run for a webhook request: the request was refused (an
/// [`Error`], with its HTTP status and a short JSON body such as
/// `{"error":"signature mismatch: …","status":401}`), or it is a duplicate delivery,
/// answered `200 {"received":true,"duplicate":true}` as providers expect. The body never
/// contains a secret.
#[derive(Debug)]
pub struct WebhookRejection {
    error: Option<Error>,
}

impl WebhookRejection {
    /// The rejection of a duplicate delivery: 200, and the handler does not run.
    #[must_use]
    pub fn duplicate() -> Self {
        WebhookRejection { error: None }
    }

    /// The HTTP status to answer: see [`Error::status`]; 200 for a duplicate.
    #[must_use]
    pub fn status(&self) -> u16 {
        self.error.as_ref().map_or(200, Error::status)
    }

    /// The underlying error; `None` for a duplicate.
    #[must_use]
    pub fn error(&self) -> Option<&Error> {
        self.error.as_ref()
    }

    /// `true` for a duplicate delivery.
    #[must_use]
    pub fn is_duplicate(&self) -> bool {
        self.error.is_none()
    }

    /// The JSON body of the response.
    #[must_use]
    pub fn json_body(&self) -> String {
        match &self.error {
            None => serde_json::json!({ "received": true, "duplicate": true }).to_string(),
            Some(e) => {
                serde_json::json!({ "error": e.to_string(), "status": self.status() }).to_string()
            }
        }
    }
}

impl WebhookRejection {
    /// The response of the `http` crate: the status, `Content-Type: application/json` and
    /// [`json_body`](Self::json_body). axum and tower answer with it.
    #[cfg(any(feature = "axum", feature = "tower"))]
    pub(crate) fn http_response<B: From<String>>(&self) -> http::Response<B> {
        let mut response = http::Response::new(B::from(self.json_body()));
        *response.status_mut() =
            http::StatusCode::from_u16(self.status()).unwrap_or(http::StatusCode::BAD_REQUEST);
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/json"),
        );
        response
    }
}

impl From<Error> for WebhookRejection {
    fn from(error: Error) -> Self {
        WebhookRejection { error: Some(error) }
    }
}

impl fmt::Display for WebhookRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.error {
            Some(e) => fmt::Display::fmt(e, f),
            None => f.write_str("duplicate delivery"),
        }
    }
}

impl std::error::Error for WebhookRejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.error.as_ref().map(|e| e as _)
    }
}

/// A dedupe guard in shared state, for [`WebhookOnce`].
#[derive(Clone)]
pub struct DedupeGuard(Arc<dyn Guard>);

impl DedupeGuard {
    /// Wraps `guard` for shared state.
    pub fn new<G: Guard + 'static>(guard: G) -> Self {
        DedupeGuard(Arc::new(guard))
    }
}

impl Deref for DedupeGuard {
    type Target = dyn Guard;
    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

impl fmt::Debug for DedupeGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DedupeGuard")
            .field("ttl", &self.0.ttl())
            .finish_non_exhaustive()
    }
}

/// A verified, typed webhook seen for the first time; a repeat is answered 200 before
/// the handler runs. `key` is what was recorded ([`Verifier::dedupe_key`]):
/// [`Guard::forget`] it when handling fails, so the provider's retry is handled again.
///
/// The verifier needs a stable provider name for the key: the presets' verifiers have
/// one; give your own verifier one with [`Verifier::with_name`], or every request is
/// refused with [`Error::Unnamed`] (500).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WebhookOnce<E> {
    /// The event.
    pub event: E,
    /// The dedupe key recorded for it (see [`key_for`](crate::dedupe::key_for)).
    pub key: String,
}

impl<E: DeserializeOwned + WebhookEvent> WebhookOnce<E> {
    /// Verifies, deserializes and records the event, outside any framework.
    ///
    /// # Errors
    ///
    /// A [`WebhookRejection`]: refused, or a duplicate
    /// ([`WebhookRejection::is_duplicate`]).
    pub async fn from_parts<S: Scheme>(
        headers: &http::HeaderMap,
        body: Bytes,
        verifier: &Verifier<S>,
        guard: &dyn Guard,
    ) -> Result<Self, WebhookRejection> {
        match verifier.verify_json_recorded(&body, headers, guard).await? {
            (Seen::First, event, key) => Ok(WebhookOnce { event, key }),
            (Seen::Duplicate, ..) => Err(WebhookRejection::duplicate()),
        }
    }
}
