//! axum extractors for `Webhook<E>` and `VerifiedBody`.

use axum::body::Body;
use axum::extract::{FromRef, FromRequest, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde::de::DeserializeOwned;

use super::{DedupeGuard, VerifiedBody, Webhook, WebhookOnce, WebhookRejection, WebhookVerifier};
use crate::{Error, WebhookEvent};

/// Buffers the raw body, refusing more than `limit` bytes (by `Content-Length` before
/// reading, and while reading for chunked bodies).
async fn read_body(
    req: Request,
    limit: usize,
) -> Result<(http::HeaderMap, Bytes), WebhookRejection> {
    let too_large = || WebhookRejection::from(Error::BodyTooLarge { limit });
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit as u64) {
        return Err(too_large());
    }
    let (parts, body) = req.into_parts();
    let bytes = Limited::new(body, limit)
        .collect()
        .await
        .map_err(|e| {
            if e.downcast_ref::<LengthLimitError>().is_some() {
                too_large()
            } else {
                Error::BodyRead {
                    message: e.to_string(),
                }
                .into()
            }
        })?
        .to_bytes();
    Ok((parts.headers, bytes))
}

/// Extracts a verified, typed webhook; the verifier is the router state's
/// `WebhookVerifier<E>`.
///
/// # Examples
///
/// ```
/// use axum::{Router, extract::FromRef, routing::post};
/// use hookverify::integrations::{Webhook, WebhookVerifier};
/// use hookverify::providers::pocketbook;
///
/// #[derive(Clone, FromRef)]
/// struct AppState {
///     pocketbook: WebhookVerifier<pocketbook::Event>,
/// }
///
/// async fn pocketbook_hook(Webhook(event): Webhook<pocketbook::Event>) -> &'static str {
///     if let pocketbook::Event::CertificateMinted(e) = event {
///         println!("minted {}", e.data.token_id);
///     }
///     "{\"received\":true}"
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
        let (headers, body) = read_body(req, verifier.body_limit()).await?;
        Webhook::from_parts(&headers, body, &verifier)
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
        let (headers, body) = read_body(req, verifier.body_limit()).await?;
        VerifiedBody::from_parts(&headers, body, &verifier)
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
        let (headers, body) = read_body(req, verifier.body_limit()).await?;
        WebhookOnce::from_parts(&headers, body, &verifier, &*guard).await
    }
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status()).unwrap_or(StatusCode::BAD_REQUEST);
        let mut response = Response::new(Body::from(self.json_body()));
        *response.status_mut() = status;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response
    }
}
