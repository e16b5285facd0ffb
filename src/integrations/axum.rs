//! axum extractors for `Webhook<E>`, `VerifiedBody` and `WebhookOnce<E>`: the body read
//! with the verifier's limit, then the shared logic of `receive`.

use axum::extract::{FromRef, FromRequest, Request};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::receive::{http_incoming, read_http_body};
use super::{DedupeGuard, VerifiedBody, Webhook, WebhookOnce, WebhookRejection, WebhookVerifier};
use crate::WebhookEvent;

/// The request's head and its body, buffered up to `limit` bytes.
async fn buffered(
    req: Request,
    limit: usize,
) -> Result<(http::request::Parts, bytes::Bytes), WebhookRejection> {
    let (parts, body) = req.into_parts();
    let bytes = read_http_body(&parts.headers, body, limit).await?;
    Ok((parts, bytes))
}

/// Extracts a verified, typed webhook; the verifier is the router state's
/// `WebhookVerifier<E>`. A verified body that does not parse as `E` is refused 400 before
/// the handler runs; take [`VerifiedBody`] to handle such bodies yourself.
///
/// # Examples
///
/// ```
/// use axum::{Json, Router, extract::FromRef, routing::post};
/// use hookverify::integrations::{Webhook, WebhookVerifier};
/// use hookverify::providers::pocketbook;
///
/// // `derive(FromRef)` needs axum's `macros` feature.
/// #[derive(Clone, FromRef)]
/// struct AppState {
///     pocketbook: WebhookVerifier<pocketbook::Event>,
/// }
///
/// async fn pocketbook_hook(Webhook(event): Webhook<pocketbook::Event>) -> Json<serde_json::Value> {
///     if let pocketbook::Event::CertificateMinted(e) = event {
///         println!("minted {}", e.data.token_id);
///     }
///     Json(serde_json::json!({ "received": true }))
/// }
///
/// let app: Router = Router::new()
///     .route("/webhooks/pocketbook", post(pocketbook_hook))
///     .with_state(AppState {
///         pocketbook: WebhookVerifier::new(pocketbook::verifier(["whsec_1234567890abcdef"])),
///     });
/// # let _ = app;
/// ```
impl<E, S> FromRequest<S> for Webhook<E>
where
    E: DeserializeOwned + Send,
    WebhookVerifier<E>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = WebhookRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = WebhookVerifier::<E>::from_ref(state);
        let (parts, body) = buffered(req, verifier.body_limit()).await?;
        verifier.webhook(&http_incoming(&parts, body))
    }
}

/// Extracts the verified raw body; the verifier is the router state's
/// `WebhookVerifier<K>`.
impl<K, S> FromRequest<S> for VerifiedBody<K>
where
    WebhookVerifier<K>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = WebhookRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = WebhookVerifier::<K>::from_ref(state);
        let (parts, body) = buffered(req, verifier.body_limit()).await?;
        verifier.verified_body(&http_incoming(&parts, body))
    }
}

/// Extracts a verified, typed webhook the first time it is delivered; a duplicate is
/// answered `200 {"received":true,"duplicate":true}` and the handler does not run. Takes
/// the router state's `WebhookVerifier<E>` and [`DedupeGuard`].
impl<E, S> FromRequest<S> for WebhookOnce<E>
where
    E: DeserializeOwned + WebhookEvent + Send,
    WebhookVerifier<E>: FromRef<S>,
    DedupeGuard: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = WebhookRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = WebhookVerifier::<E>::from_ref(state);
        let guard = DedupeGuard::from_ref(state);
        let (parts, body) = buffered(req, verifier.body_limit()).await?;
        verifier
            .webhook_once(&http_incoming(&parts, body), &*guard)
            .await
    }
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        self.http_response()
    }
}
