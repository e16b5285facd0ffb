//! actix-web 4 extractors for `Webhook<E>` and `RawWebhook<K>`: the raw
//! payload read with the verifier's limit, then the shared logic of `receive`.

use std::future::{Future, poll_fn};
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, HttpResponse, ResponseError, web};
use bytes::{Bytes, BytesMut};
use futures_core::Stream;
use serde::de::DeserializeOwned;

use super::receive::{Incoming, declared_too_large, too_large};
use super::{Endpoint, RawWebhook, Rejection, Webhook};
use crate::{Error, Headers};

/// actix-web's header map as [`Headers`]. actix-web 4 uses the `http` 0.2 types, for which
/// the orphan rule keeps this crate from implementing the trait directly.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ActixHeaders<'h>(pub(crate) &'h actix_web::http::header::HeaderMap);

impl Headers for ActixHeaders<'_> {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        for value in self.0.get_all(name) {
            f(value.as_bytes());
        }
    }
}

/// The `Endpoint<K>` registered for this request: route or resource data first (where
/// two endpoints of one type can live side by side), then the app's.
fn endpoint_of<K: 'static>(req: &HttpRequest) -> Result<Endpoint<K>, Rejection> {
    req.app_data::<web::Data<Endpoint<K>>>()
        .map(|data| data.get_ref().clone())
        .or_else(|| req.app_data::<Endpoint<K>>().cloned())
        .ok_or_else(|| {
            Error::NotConfigured {
                what: "the webhook endpoint",
                hint: "register `web::Data::new(Endpoint::<Event>::new(…))` with `app_data`",
            }
            .into()
        })
}

async fn buffered(
    req: &HttpRequest,
    payload: &mut Payload,
    limit: usize,
) -> Result<Bytes, Rejection> {
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .map(|v| v.as_bytes());
    if declared_too_large(declared, limit) {
        return Err(too_large(limit));
    }
    let mut body = BytesMut::new();
    while let Some(chunk) = poll_fn(|cx| Pin::new(&mut *payload).poll_next(cx)).await {
        let chunk = chunk.map_err(|e| Error::BodyRead {
            message: e.to_string(),
        })?;
        if body.len() + chunk.len() > limit {
            return Err(too_large(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// The request, its body buffered, for the shared logic.
fn incoming<'a>(
    req: &'a HttpRequest,
    headers: &'a ActixHeaders<'a>,
    body: Bytes,
) -> Incoming<'a, ActixHeaders<'a>> {
    let uri = req.uri();
    let target = match (uri.scheme(), uri.path_and_query()) {
        (None, Some(path)) => std::borrow::Cow::Borrowed(path.as_str()),
        _ => std::borrow::Cow::Owned(uri.to_string()),
    };
    Incoming {
        method: req.method().as_str(),
        target,
        headers,
        body,
    }
}

type Extracted<T> = Pin<Box<dyn Future<Output = Result<T, Rejection>>>>;

/// The endpoint of `K` and the request's body, read up to the endpoint's limit.
async fn endpoint_and_body<K: 'static>(
    req: &HttpRequest,
    payload: &mut Payload,
) -> Result<(Endpoint<K>, Bytes), Rejection> {
    let endpoint = endpoint_of::<K>(req)?;
    let body = buffered(req, payload, endpoint.verifier().body_limit()).await?;
    Ok((endpoint, body))
}

impl<E: DeserializeOwned + 'static> FromRequest for Webhook<E> {
    type Error = Rejection;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let (req, mut payload) = (req.clone(), payload.take());
        Box::pin(async move {
            let (endpoint, body) = endpoint_and_body::<E>(&req, &mut payload).await?;
            let headers = ActixHeaders(req.headers());
            endpoint.webhook(&incoming(&req, &headers, body)).await
        })
    }
}

impl<K: 'static> FromRequest for RawWebhook<K> {
    type Error = Rejection;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let (req, mut payload) = (req.clone(), payload.take());
        Box::pin(async move {
            let (endpoint, body) = endpoint_and_body::<K>(&req, &mut payload).await?;
            let headers = ActixHeaders(req.headers());
            endpoint.raw(&incoming(&req, &headers, body)).await
        })
    }
}

impl ResponseError for Rejection {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status().as_u16()).unwrap_or(StatusCode::BAD_REQUEST)
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code())
            .content_type(self.content_type())
            .body(self.body())
    }
}
