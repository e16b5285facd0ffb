//! A tower `Layer` that verifies webhooks in front of any `http` service.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body_util::{Either, Full};
use tower_layer::Layer;
use tower_service::Service;

use super::receive::{http_incoming, read_http_body};
use super::{Endpoint, Rejection};
use crate::{Scheme, Verified, Verifier};

/// Verifies every request before the inner service sees it.
///
/// The layer buffers the body up to the verifier's
/// [`body_limit`](Verifier::body_limit) (413 beyond it, by `Content-Length` before reading
/// and while reading chunked bodies), verifies it, and answers a refusal itself: the
/// status of [`Error::status`](crate::Error::status) (400, 401, 413, 500, 503) and a short
/// JSON body, as the axum extractors do. A genuine request goes on with its body intact
/// (as `Full<Bytes>`) and its [`Verified<'static>`](Verified) in its extensions.
///
/// Build it from an [`Endpoint`] (`WebhookLayer::from(endpoint)`) for the endpoint's URL
/// policy, dedupe store and handshakes: a repeated delivery is then answered
/// `200 {"received":true,"duplicate":true}` and a handshake with its answer, and the
/// inner service is not called.
///
/// # Examples
///
/// In front of a plain axum handler (the layer works the same in front of a hyper
/// service, a tonic server or a whole router):
///
/// ```
/// use axum::{Extension, Json, Router, routing::post};
/// use hookverify::integrations::WebhookLayer;
/// use hookverify::providers::github;
/// use hookverify::{Secret, Verified};
///
/// async fn github_hook(Extension(verified): Extension<Verified<'static>>) -> Json<serde_json::Value> {
///     println!("delivery {:?}: {} bytes", verified.delivery_id(), verified.body().len());
///     Json(serde_json::json!({ "received": true }))
/// }
///
/// let verifier = github::verifier([Secret::new("It's a Secret to Everybody")]);
/// let app: Router = Router::new().route(
///     "/webhooks/github",
///     post(github_hook).layer(WebhookLayer::new(verifier)),
/// );
/// # let _ = app;
/// ```
#[derive(Clone)]
pub struct WebhookLayer {
    endpoint: Endpoint<()>,
}

impl WebhookLayer {
    /// A layer that verifies with `verifier`.
    pub fn new<S: Scheme + 'static>(verifier: Verifier<S>) -> Self {
        WebhookLayer::from(Endpoint::<()>::new(verifier))
    }
}

impl<K> From<Endpoint<K>> for WebhookLayer {
    /// The layer of `endpoint`, with its URL policy, dedupe store and handshakes.
    fn from(endpoint: Endpoint<K>) -> Self {
        WebhookLayer {
            endpoint: endpoint.retag(),
        }
    }
}

impl fmt::Debug for WebhookLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookLayer")
            .field("endpoint", &self.endpoint)
            .finish()
    }
}

impl<S> Layer<S> for WebhookLayer {
    type Service = WebhookService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        WebhookService {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service a [`WebhookLayer`] makes.
#[derive(Clone, Debug)]
pub struct WebhookService<S> {
    inner: S,
    layer: WebhookLayer,
}

impl<S, ReqBody, ResBody> Service<http::Request<ReqBody>> for WebhookService<S>
where
    S: Service<http::Request<Full<Bytes>>, Response = http::Response<ResBody>>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
    ReqBody: http_body::Body + Send + 'static,
    ReqBody::Data: Send,
    ReqBody::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    /// The inner service's body (`Either::Left`), or the layer's own answer
    /// (`Either::Right`).
    type Response = http::Response<Either<ResBody, Full<Bytes>>>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<ReqBody>) -> Self::Future {
        // The clone that was polled ready is the one that serves this request.
        let fresh = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, fresh);
        let layer = self.layer.clone();
        Box::pin(async move {
            let refuse = |r: Rejection| r.http_response::<Full<Bytes>>().map(Either::Right);
            let (mut parts, body) = request.into_parts();
            let limit = layer.endpoint.verifier().body_limit();
            let bytes = match read_http_body(&parts.headers, body, limit).await {
                Ok(bytes) => bytes,
                Err(rejection) => return Ok(refuse(rejection)),
            };
            let accepted = layer
                .endpoint
                .accept(&http_incoming(&parts, bytes.clone()), |_| Ok(()))
                .await;
            match accepted {
                Ok(((), verified)) => {
                    parts.extensions.insert::<Verified<'static>>(verified);
                    let request = http::Request::from_parts(parts, Full::new(bytes));
                    Ok(inner.call(request).await?.map(Either::Left))
                }
                Err(rejection) => Ok(refuse(rejection)),
            }
        })
    }
}
