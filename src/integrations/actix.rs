//! actix-web 4 extractors for `Webhook<E>`, `VerifiedBody` and `WebhookOnce<E>`: the raw
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
use super::{DedupeGuard, VerifiedBody, Webhook, WebhookOnce, WebhookRejection, WebhookVerifier};
use crate::{Error, Headers, WebhookEvent};

/// actix-web's header map as [`Headers`]. actix-web 4 uses the `http` 0.2 types, for which
/// the orphan rule keeps this crate from implementing the trait directly.
///
/// # Examples
///
/// ```
/// use actix_web::test::TestRequest;
/// use hookverify::integrations::ActixHeaders;
/// use hookverify::providers::inmemory4;
///
/// let req = TestRequest::post().insert_header(("Signature", "im4-key")).to_http_request();
/// let verifier = inmemory4::verifier(["im4-key"]);
/// let verified = verifier.verify(br#"{"event":"test"}"#, &ActixHeaders(req.headers()))?;
/// # let _ = verified;
/// # Ok::<(), hookverify::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ActixHeaders<'h>(pub &'h actix_web::http::header::HeaderMap);

impl Headers for ActixHeaders<'_> {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        for value in self.0.get_all(name) {
            f(value.as_bytes());
        }
    }
}

/// The verifier for `K` from the app's data: `web::Data<WebhookVerifier<K>>`, or a
/// `WebhookVerifier<K>` registered with `app_data` as it is.
fn verifier_of<K: 'static>(req: &HttpRequest) -> Result<WebhookVerifier<K>, WebhookRejection> {
    req.app_data::<web::Data<WebhookVerifier<K>>>()
        .map(|data| data.get_ref().clone())
        .or_else(|| req.app_data::<WebhookVerifier<K>>().cloned())
        .ok_or_else(|| {
            Error::NotConfigured {
                what: "the webhook verifier",
                hint: "register `web::Data::new(WebhookVerifier::<Event>::new(…))` with `App::app_data`",
            }
            .into()
        })
}

/// The dedupe guard from the app's data.
fn guard_of(req: &HttpRequest) -> Result<DedupeGuard, WebhookRejection> {
    req.app_data::<web::Data<DedupeGuard>>()
        .map(|data| data.get_ref().clone())
        .or_else(|| req.app_data::<DedupeGuard>().cloned())
        .ok_or_else(|| {
            Error::NotConfigured {
                what: "the dedupe guard",
                hint: "register `web::Data::new(DedupeGuard::new(…))` with `App::app_data`",
            }
            .into()
        })
}

/// Buffers the raw payload, refusing more than `limit` bytes: by `Content-Length` before
/// reading, and while reading chunked bodies. actix-web's own payload limit (256 KiB for
/// its `Bytes` extractor) does not apply: the verifier's limit does, and the refusal is
/// the crate's JSON.
async fn buffered(
    req: &HttpRequest,
    payload: &mut Payload,
    limit: usize,
) -> Result<Bytes, WebhookRejection> {
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

type Extracted<T> = Pin<Box<dyn Future<Output = Result<T, WebhookRejection>>>>;

/// The app's verifier for `K`, and the request's body read with its limit.
async fn verifier_and_body<K: 'static>(
    req: &HttpRequest,
    payload: &mut Payload,
) -> Result<(WebhookVerifier<K>, Bytes), WebhookRejection> {
    let verifier = verifier_of::<K>(req)?;
    let body = buffered(req, payload, verifier.body_limit()).await?;
    Ok((verifier, body))
}

/// Extracts a verified, typed webhook; the verifier is the app's
/// `web::Data<WebhookVerifier<E>>`. A verified body that does not parse as `E` is refused
/// 400 before the handler runs; take [`VerifiedBody`] to handle such bodies yourself.
///
/// # Examples
///
/// ```
/// use actix_web::{App, HttpResponse, web};
/// use hookverify::integrations::{Webhook, WebhookVerifier};
/// use hookverify::providers::pocketbook;
///
/// async fn pocketbook_hook(Webhook(event): Webhook<pocketbook::Event>) -> HttpResponse {
///     if let pocketbook::Event::CertificateMinted(e) = event {
///         println!("minted {}", e.data.token_id);
///     }
///     HttpResponse::Ok().json(serde_json::json!({ "received": true }))
/// }
///
/// let verifier = WebhookVerifier::<pocketbook::Event>::new(pocketbook::verifier(["whsec_1234567890abcdef"]));
/// let app = App::new()
///     .app_data(web::Data::new(verifier))
///     .route("/webhooks/pocketbook", web::post().to(pocketbook_hook));
/// # let _ = app;
/// ```
impl<E: DeserializeOwned + 'static> FromRequest for Webhook<E> {
    type Error = WebhookRejection;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let (req, mut payload) = (req.clone(), payload.take());
        Box::pin(async move {
            let (verifier, body) = verifier_and_body::<E>(&req, &mut payload).await?;
            verifier.webhook(&incoming(&req, &ActixHeaders(req.headers()), body))
        })
    }
}

/// Extracts the verified raw body; the verifier is the app's
/// `web::Data<WebhookVerifier<K>>`.
impl<K: 'static> FromRequest for VerifiedBody<K> {
    type Error = WebhookRejection;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let (req, mut payload) = (req.clone(), payload.take());
        Box::pin(async move {
            let (verifier, body) = verifier_and_body::<K>(&req, &mut payload).await?;
            verifier.verified_body(&incoming(&req, &ActixHeaders(req.headers()), body))
        })
    }
}

/// Extracts a verified, typed webhook the first time it is delivered; a duplicate is
/// answered `200 {"received":true,"duplicate":true}` and the handler does not run. Takes
/// the app's `web::Data<WebhookVerifier<E>>` and `web::Data<DedupeGuard>`.
impl<E: DeserializeOwned + WebhookEvent + 'static> FromRequest for WebhookOnce<E> {
    type Error = WebhookRejection;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let (req, mut payload) = (req.clone(), payload.take());
        Box::pin(async move {
            let guard = guard_of(&req)?;
            let (verifier, body) = verifier_and_body::<E>(&req, &mut payload).await?;
            let headers = ActixHeaders(req.headers());
            verifier
                .webhook_once(&incoming(&req, &headers, body), &*guard)
                .await
        })
    }
}

impl ResponseError for WebhookRejection {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status()).unwrap_or(StatusCode::BAD_REQUEST)
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code())
            .content_type("application/json")
            .body(self.json_body())
    }
}
