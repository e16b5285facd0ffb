//! axum extractors for `Webhook<E>` and `RawWebhook<K>`: the body read with the
//! verifier's limit, then the one path of `receive`.

use axum::extract::{FromRef, FromRequest, Request};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::receive::{Incoming, http_incoming, read_http_body};
use super::{Endpoint, RawWebhook, Rejection, Webhook};

/// The endpoint of `K` in `state`, and the request with its body buffered.
async fn buffered<K, S>(
    req: Request,
    state: &S,
) -> Result<(Endpoint<K>, http::request::Parts, bytes::Bytes), Rejection>
where
    Endpoint<K>: FromRef<S>,
{
    let endpoint = Endpoint::<K>::from_ref(state);
    let (parts, body) = req.into_parts();
    let bytes = read_http_body(&parts.headers, body, endpoint.verifier().body_limit()).await?;
    Ok((endpoint, parts, bytes))
}

impl<E, S> FromRequest<S> for Webhook<E>
where
    E: DeserializeOwned + Send,
    Endpoint<E>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (endpoint, parts, body) = buffered::<E, S>(req, state).await?;
        let incoming: Incoming<'_, http::HeaderMap> = http_incoming(&parts, body);
        endpoint.webhook(&incoming).await
    }
}

impl<K, S> FromRequest<S> for RawWebhook<K>
where
    Endpoint<K>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (endpoint, parts, body) = buffered::<K, S>(req, state).await?;
        endpoint.raw(&http_incoming(&parts, body)).await
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        self.http_response()
    }
}
