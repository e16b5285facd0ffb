//! `Endpoint`, `Webhook`, `RawWebhook` and `Rejection`, independent of any web framework.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::receive::UrlPolicy;
use crate::dedupe::Guard;
use crate::{Error, Scheme, Verified, Verifier};

/// A handshake answer: what a provider's verification request gets back.
type Handshake = Arc<dyn Fn(&Verified<'_>) -> Option<String> + Send + Sync>;

/// One webhook endpoint of a service: the provider's [`Verifier`], where the public URL
/// comes from (for providers that sign it), its handshake, and optionally a
/// [dedupe](crate::dedupe) store. The extractors of axum and actix-web and the tower
/// layer take theirs from the application state.
///
/// `K` says which endpoint an extractor takes: [`Webhook<E>`] takes the `Endpoint<E>`
/// (the provider's event type), [`RawWebhook<K>`] the `Endpoint<K>`. Two endpoints whose
/// events share a type (two providers parsed as `serde_json::Value`) are told apart by a
/// marker type of your own as `K` with [`RawWebhook<K>`], or by registering each on its
/// own route (actix-web's `web::resource(…).app_data(…)`, axum's
/// `Router::with_state` per nested router).
///
/// Cloning is cheap (the verifier is shared).
///
/// # Examples
///
/// ```
/// use hookverify::integrations::Endpoint;
/// use hookverify::providers::{memento, pocketbook};
/// use hookverify::Secret;
///
/// #[derive(Clone)]
/// struct AppState {
///     pocketbook: Endpoint<pocketbook::Event>,
///     memento: Endpoint<memento::Event>,
/// }
///
/// let state = AppState {
///     pocketbook: Endpoint::new(pocketbook::verifier([Secret::new("whsec_pb")])),
///     memento: Endpoint::new(memento::verifier([Secret::new("whsec_mm")])),
/// };
/// # let _ = state;
/// ```
pub struct Endpoint<K> {
    verifier: Arc<Verifier<Box<dyn Scheme>>>,
    pub(crate) url: UrlPolicy,
    pub(crate) guard: Option<Arc<dyn Guard>>,
    handshake: Option<Handshake>,
    tag: PhantomData<fn() -> K>,
}

impl<K> Endpoint<K> {
    /// An endpoint verifying with `verifier`.
    pub fn new<S: Scheme + 'static>(verifier: Verifier<S>) -> Self {
        Endpoint {
            verifier: Arc::new(verifier.into_dyn()),
            url: UrlPolicy::default(),
            guard: None,
            handshake: None,
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
    /// the request's URL is known only when the request line is absolute, and a scheme
    /// that signs the URL answers [`Error::MissingRequestPart`] (500), naming both
    /// options.
    #[must_use]
    pub fn public_base_url(mut self, base: impl Into<String>) -> Self {
        let base: String = base.into();
        self.url.base = Some(Arc::from(base.trim_end_matches('/')));
        self
    }

    /// Builds the public URL from `X-Forwarded-Proto` and `X-Forwarded-Host` (or `Host`)
    /// and the request's path and query. Only for a server every request reaches through
    /// a proxy that sets these headers itself: anyone who reaches the server directly
    /// chooses them. A request without them is refused 400 (the client's mistake, or a
    /// request that bypassed the proxy). [`public_base_url`](Self::public_base_url), when
    /// set, wins.
    #[must_use]
    pub fn trust_forwarded_headers(mut self) -> Self {
        self.url.trust_forwarded = true;
        self
    }

    /// Records each verified delivery in `guard`, so that a retried or replayed one is
    /// answered `200 OK` as a duplicate ([`Rejection::Duplicate`]) instead of reaching
    /// the handler again. The key is the provider's name and its delivery id (or the
    /// body's SHA-256 where the provider sends none); see [`dedupe`](crate::dedupe).
    #[must_use]
    pub fn dedupe(mut self, guard: impl Guard + 'static) -> Self {
        self.guard = Some(Arc::new(guard));
        self
    }

    /// Answers the provider's handshake for the handler: when `answer` returns a body for
    /// a verified request (Slack's `url_verification`, Discord's ping, Twitch's
    /// challenge), that body is sent back with `200 OK` ([`Rejection::Handshake`]),
    /// before dedupe, so a repeated handshake is answered too. The presets' functions
    /// are named `handshake_response`.
    ///
    /// # Examples
    ///
    /// ```
    /// use hookverify::integrations::Endpoint;
    /// use hookverify::providers::slack;
    /// use hookverify::Secret;
    ///
    /// let endpoint: Endpoint<serde_json::Value> =
    ///     Endpoint::new(slack::verifier([Secret::new("8f742231b10e8888abcd99yyyzzz85a5")]))
    ///         .answer_handshakes(slack::handshake_response);
    /// # let _ = endpoint;
    /// ```
    #[must_use]
    pub fn answer_handshakes<F>(mut self, answer: F) -> Self
    where
        F: Fn(&Verified<'_>) -> Option<String> + Send + Sync + 'static,
    {
        self.handshake = Some(Arc::new(answer));
        self
    }

    /// The verifier.
    #[must_use]
    pub fn verifier(&self) -> &Verifier<Box<dyn Scheme>> {
        &self.verifier
    }

    /// Forgets a recorded delivery, so the provider's retry is handled again: call it
    /// when handling a delivery failed after the extractor recorded it. Nothing happens
    /// without a dedupe store.
    ///
    /// # Errors
    ///
    /// [`Error::DedupeUnavailable`] when the store cannot answer, [`Error::Unnamed`]
    /// when the verifier has no provider name.
    pub async fn forget(&self, verified: &Verified<'_>) -> Result<(), Error> {
        match &self.guard {
            Some(guard) => {
                let key = self.verifier.dedupe_key(verified, None)?;
                guard.forget(&key).await
            }
            None => Ok(()),
        }
    }

    /// The handshake answer for `verified`, if this endpoint answers handshakes and this
    /// is one.
    pub(crate) fn handshake(&self, verified: &Verified<'_>) -> Option<String> {
        self.handshake.as_ref().and_then(|answer| answer(verified))
    }

    /// The same endpoint, for another extractor.
    #[cfg(feature = "tower")]
    pub(crate) fn retag<L>(self) -> Endpoint<L> {
        Endpoint {
            verifier: self.verifier,
            url: self.url,
            guard: self.guard,
            handshake: self.handshake,
            tag: PhantomData,
        }
    }
}

impl<K> Clone for Endpoint<K> {
    fn clone(&self) -> Self {
        Endpoint {
            verifier: Arc::clone(&self.verifier),
            url: self.url.clone(),
            guard: self.guard.clone(),
            handshake: self.handshake.clone(),
            tag: PhantomData,
        }
    }
}

impl<K> fmt::Debug for Endpoint<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Endpoint")
            .field("verifier", &self.verifier)
            .field("public_base_url", &self.url.base)
            .field("trust_forwarded_headers", &self.url.trust_forwarded)
            .field("dedupe", &self.guard.as_ref().map(|g| g.ttl()))
            .field("answers_handshakes", &self.handshake.is_some())
            .finish()
    }
}

/// A verified webhook: the event, deserialized into `E` (a provider's `Event`, or your
/// own type), and what verification found.
///
/// As an axum or actix-web extractor it takes the `Endpoint<E>` from the application
/// state; it reads the raw body itself (up to the verifier's
/// [`body_limit`](Verifier::body_limit)), verifies it, answers a handshake when the
/// endpoint does, parses it, and records it when the endpoint deduplicates. A request
/// that fails any step gets the [`Rejection`] instead of reaching the handler.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Webhook<E> {
    /// The event.
    pub event: E,
    /// What verification found: the key that matched, the signed timestamp, the delivery
    /// id, and the raw body.
    pub verified: Verified<'static>,
}

/// A verified webhook whose body the handler reads itself: [`Webhook`] without the
/// parsing, from the `Endpoint<K>` of the application state.
#[non_exhaustive]
pub struct RawWebhook<K = ()> {
    /// What verification found, and the raw body ([`Verified::body`]).
    pub verified: Verified<'static>,
    tag: PhantomData<fn() -> K>,
}

impl<K> RawWebhook<K> {
    pub(crate) fn new(verified: Verified<'static>) -> Self {
        RawWebhook {
            verified,
            tag: PhantomData,
        }
    }
}

impl<K> fmt::Debug for RawWebhook<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawWebhook")
            .field("verified", &self.verified)
            .finish()
    }
}

impl<E: DeserializeOwned> Webhook<E> {
    /// The webhook of `request`, whose body is buffered, received at `endpoint`: for
    /// HTTP stacks without an integration of their own (a bare hyper service).
    ///
    /// # Errors
    ///
    /// The [`Rejection`] to answer with.
    pub async fn from_request(
        request: http::Request<Bytes>,
        endpoint: &Endpoint<E>,
    ) -> Result<Self, Rejection> {
        // The verifier refuses a body over its limit (413) before hashing it.
        let (parts, body) = request.into_parts();
        endpoint
            .webhook(&super::receive::http_incoming(&parts, body))
            .await
    }
}

/// Why a request did not reach the handler, and what it is answered.
#[derive(Debug)]
#[non_exhaustive]
pub enum Rejection {
    /// The request is refused: [`Error::status`] and a JSON body naming the problem
    /// (`{"error": "…", "status": 401}`).
    Refused(Error),
    /// A delivery the dedupe store has seen: `200 OK` with
    /// `{"received": true, "duplicate": true}`, so the provider stops retrying.
    Duplicate,
    /// A handshake the endpoint answers: `200 OK` with this body (JSON when it is an
    /// object, text otherwise).
    Handshake(String),
}

impl Rejection {
    /// The HTTP status of the answer.
    #[must_use]
    pub fn status(&self) -> http::StatusCode {
        match self {
            Rejection::Refused(error) => {
                http::StatusCode::from_u16(error.status()).unwrap_or(http::StatusCode::BAD_REQUEST)
            }
            Rejection::Duplicate | Rejection::Handshake(_) => http::StatusCode::OK,
        }
    }

    /// The answer's content type.
    #[cfg(any(feature = "axum", feature = "tower", feature = "actix"))]
    #[must_use]
    pub(crate) fn content_type(&self) -> &'static str {
        match self {
            Rejection::Handshake(body) if !body.starts_with('{') => "text/plain; charset=utf-8",
            _ => "application/json",
        }
    }

    /// The answer's body.
    #[must_use]
    pub fn body(&self) -> String {
        match self {
            Rejection::Refused(e) => serde_json::json!({
                "error": e.to_string(),
                "status": self.status().as_u16(),
            })
            .to_string(),
            Rejection::Duplicate => {
                serde_json::json!({ "received": true, "duplicate": true }).to_string()
            }
            Rejection::Handshake(body) => body.clone(),
        }
    }

    /// The answer as an `http` response, for axum and tower.
    #[cfg(any(feature = "axum", feature = "tower"))]
    pub(crate) fn http_response<B: From<String>>(&self) -> http::Response<B> {
        let mut response = http::Response::new(B::from(self.body()));
        *response.status_mut() = self.status();
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static(self.content_type()),
        );
        response
    }
}

impl From<Error> for Rejection {
    fn from(error: Error) -> Self {
        Rejection::Refused(error)
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::Refused(e) => fmt::Display::fmt(e, f),
            Rejection::Duplicate => f.write_str("duplicate delivery"),
            Rejection::Handshake(_) => f.write_str("handshake answered"),
        }
    }
}

impl std::error::Error for Rejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Rejection::Refused(e) => Some(e),
            _ => None,
        }
    }
}
