//! What every integration does with a request once its body is buffered, in one place:
//! the body limit, the signed URL, verification, parsing and dedupe. The framework
//! modules only read the body and turn a [`Rejection`] into their response type.
// Each integration uses a part; with all three on, everything is used.
#![cfg_attr(
    not(all(feature = "axum", feature = "tower", feature = "actix")),
    allow(dead_code)
)]

use std::sync::Arc;

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::{Endpoint, RawWebhook, Rejection, Webhook};
use crate::dedupe::Seen;
use crate::{Error, Headers, Request, Verified};

/// Where the URL a provider signed comes from: see
/// [`Endpoint::public_base_url`] and [`Endpoint::trust_forwarded_headers`].
#[derive(Debug, Clone, Default)]
pub(crate) struct UrlPolicy {
    pub(crate) base: Option<Arc<str>>,
    pub(crate) trust_forwarded: bool,
}

/// The first value of `name`, when it is one piece of visible ASCII (a proxy may append
/// with `, `: the first is the one the client's side set).
fn first_value(headers: &(impl Headers + ?Sized), name: &str) -> Option<String> {
    let mut first = None;
    headers.for_each_value(name, &mut |v| {
        if first.is_none() {
            first = Some(v);
        }
    });
    let text = std::str::from_utf8(first?).ok()?;
    let text = text.split(',').next()?.trim();
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_graphic())).then(|| text.to_owned())
}

impl UrlPolicy {
    /// The URL to hand the scheme for a request with this target (origin form
    /// `/path?query`, or absolute) and headers; `None` when the policy cannot tell.
    ///
    /// # Errors
    ///
    /// [`Error::MissingHeader`] when the policy trusts forwarded headers and the request
    /// lacks `X-Forwarded-Proto`, or both `X-Forwarded-Host` and `Host`.
    pub(crate) fn url(
        &self,
        target: &str,
        headers: &(impl Headers + ?Sized),
    ) -> Result<Option<String>, Error> {
        let absolute = target.starts_with("http://") || target.starts_with("https://");
        let path = match target.split_once("://") {
            // The path and query of an absolute target.
            Some((_, after_scheme)) if absolute => {
                after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
            }
            _ => target,
        };
        if let Some(base) = &self.base {
            return Ok(Some(format!("{base}{path}")));
        }
        if self.trust_forwarded {
            let missing = |header: &'static str| Error::MissingHeader {
                header: header.into(),
            };
            let proto = first_value(headers, "X-Forwarded-Proto")
                .ok_or_else(|| missing("X-Forwarded-Proto"))?;
            let host = first_value(headers, "X-Forwarded-Host")
                .or_else(|| first_value(headers, "Host"))
                .ok_or_else(|| missing("X-Forwarded-Host"))?;
            return Ok(Some(format!(
                "{}://{host}{path}",
                proto.to_ascii_lowercase()
            )));
        }
        Ok(absolute.then(|| target.to_owned()))
    }
}

/// `Content-Length`, when it declares more than `limit` bytes: refused before reading.
pub(crate) fn declared_too_large(content_length: Option<&[u8]>, limit: usize) -> bool {
    content_length
        .and_then(|v| std::str::from_utf8(v).ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .is_some_and(|len| len > limit as u64)
}

/// The refusal of a body over `limit` bytes (413).
pub(crate) fn too_large(limit: usize) -> Rejection {
    Error::BodyTooLarge { limit }.into()
}

/// Buffers an `http_body` body, refusing more than `limit` bytes: by `Content-Length`
/// before reading, and while reading (chunked bodies, or a length that lies).
#[cfg(any(feature = "axum", feature = "tower"))]
pub(crate) async fn read_http_body<B>(
    headers: &http::HeaderMap,
    body: B,
    limit: usize,
) -> Result<Bytes, Rejection>
where
    B: http_body::Body,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    use http_body_util::{BodyExt, LengthLimitError, Limited};
    let declared = headers
        .get(http::header::CONTENT_LENGTH)
        .map(|v| v.as_bytes());
    if declared_too_large(declared, limit) {
        return Err(too_large(limit));
    }
    let collected = Limited::new(body, limit).collect().await.map_err(|e| {
        if e.downcast_ref::<LengthLimitError>().is_some() {
            too_large(limit)
        } else {
            Error::BodyRead {
                message: e.to_string(),
            }
            .into()
        }
    })?;
    Ok(collected.to_bytes())
}

/// A request of the `http` crate with its body buffered (axum, tower, `Webhook::from_request`).
pub(crate) fn http_incoming(
    parts: &http::request::Parts,
    body: Bytes,
) -> Incoming<'_, http::HeaderMap> {
    let target = match (parts.uri.scheme(), parts.uri.path_and_query()) {
        (None, Some(path)) => std::borrow::Cow::Borrowed(path.as_str()),
        _ => std::borrow::Cow::Owned(parts.uri.to_string()),
    };
    Incoming {
        method: parts.method.as_str(),
        target,
        headers: &parts.headers,
        body,
    }
}

/// A request with its body buffered, as an integration hands it over.
pub(crate) struct Incoming<'a, H: Headers + ?Sized> {
    pub(crate) method: &'a str,
    /// The request target: `/path?query`, or an absolute URL.
    pub(crate) target: std::borrow::Cow<'a, str>,
    pub(crate) headers: &'a H,
    pub(crate) body: Bytes,
}

impl<K> Endpoint<K> {
    /// The one path of every integration: verify (with the method and the URL), answer a
    /// handshake, `parse`, then record in the dedupe store. A verified body that `parse`
    /// refuses is not recorded, so a fixed handler gets the provider's retry.
    pub(crate) async fn accept<T, H>(
        &self,
        incoming: &Incoming<'_, H>,
        parse: impl FnOnce(&Verified<'_>) -> Result<T, Error>,
    ) -> Result<(T, Verified<'static>), Rejection>
    where
        H: Headers + ?Sized,
    {
        // The request (which holds the headers, not `Sync`) ends before the store is
        // awaited, so the future stays `Send`.
        // A URL the policy cannot build (with forwarded headers trusted, a request that
        // lacks them) matters only to a scheme that signs it: then the policy's reason,
        // a missing header (400), is the answer.
        let (url, unknown_url) = match self.url.url(&incoming.target, incoming.headers) {
            Ok(url) => (url, None),
            Err(why) => (None, Some(why)),
        };
        // The keys the scheme fetches (AWS SNS, PayPal, Plaid, Pub/Sub), unless cached;
        // the request is rebuilt after the await so that the future stays `Send`.
        #[cfg(feature = "fetch")]
        {
            let fetch = self
                .verifier()
                .fetch_keys(&Request::new(&incoming.body[..], &incoming.headers));
            fetch.await?;
        }
        let verified = {
            let mut request =
                Request::new(&incoming.body[..], &incoming.headers).with_method(incoming.method);
            if let Some(url) = &url {
                request = request.with_url(url);
            }
            match (self.verifier().verify_request(&request), unknown_url) {
                (Err(Error::MissingRequestPart { part: "url" }), Some(why)) => {
                    return Err(why.into());
                }
                (verified, _) => verified?.sharing(incoming.body.clone()),
            }
        };
        if let Some(answer) = self.handshake(&verified) {
            return Err(Rejection::Handshake(answer));
        }
        let parsed = parse(&verified)?;
        if let Some(guard) = &self.guard {
            let key = self.verifier().dedupe_key(&verified, None)?;
            if guard.record(&key, guard.ttl()).await? == Seen::Duplicate {
                return Err(Rejection::Duplicate);
            }
        }
        Ok((parsed, verified))
    }

    /// [`Webhook`] of a buffered request: verified, parsed (a verified body that is not
    /// the expected JSON is refused 400 before the handler runs), recorded.
    pub(crate) async fn webhook<H: Headers + ?Sized>(
        &self,
        incoming: &Incoming<'_, H>,
    ) -> Result<Webhook<K>, Rejection>
    where
        K: DeserializeOwned,
    {
        let (event, verified) = self.accept(incoming, |v| v.json::<K>()).await?;
        Ok(Webhook { event, verified })
    }

    /// [`RawWebhook`] of a buffered request: verified and recorded.
    pub(crate) async fn raw<H: Headers + ?Sized>(
        &self,
        incoming: &Incoming<'_, H>,
    ) -> Result<RawWebhook<K>, Rejection> {
        let ((), verified) = self.accept(incoming, |_| Ok(())).await?;
        Ok(RawWebhook::new(verified))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_follows_the_policy() {
        let headers = [
            ("Host", "internal:8080"),
            ("X-Forwarded-Proto", "HTTPS, http"),
            ("X-Forwarded-Host", "hooks.example.com"),
        ];
        let none = UrlPolicy::default();
        assert_eq!(none.url("/a?b=1", &headers).unwrap(), None);
        assert_eq!(
            none.url("https://x.example/a?b=1", &headers)
                .unwrap()
                .as_deref(),
            Some("https://x.example/a?b=1")
        );
        let base = UrlPolicy {
            base: Some(Arc::from("https://public.example")),
            trust_forwarded: true,
        };
        assert_eq!(
            base.url("/a?b=1", &headers).unwrap().as_deref(),
            Some("https://public.example/a?b=1")
        );
        assert_eq!(
            base.url("http://internal:8080/a", &headers)
                .unwrap()
                .as_deref(),
            Some("https://public.example/a")
        );
        let forwarded = UrlPolicy {
            base: None,
            trust_forwarded: true,
        };
        assert_eq!(
            forwarded.url("/a?b=1", &headers).unwrap().as_deref(),
            Some("https://hooks.example.com/a?b=1")
        );
        let host_only = [("Host", "internal:8080"), ("X-Forwarded-Proto", "http")];
        assert_eq!(
            forwarded.url("/a", &host_only).unwrap().as_deref(),
            Some("http://internal:8080/a")
        );
        assert!(matches!(
            forwarded.url("/a", &[("Host", "h")]),
            Err(Error::MissingHeader { header }) if header == "X-Forwarded-Proto"
        ));
        assert!(matches!(
            forwarded.url("/a", &[("X-Forwarded-Proto", "https")]),
            Err(Error::MissingHeader { header }) if header == "X-Forwarded-Host"
        ));
    }

    /// With forwarded headers trusted, a request without them is refused 400 by a scheme
    /// that signs the URL, and verified as usual by one that does not.
    #[test]
    fn a_missing_forwarded_header_matters_only_to_url_signing_schemes() {
        use crate::providers::github;
        use crate::schemes::{Part, Signed};
        use crate::{KeyKind, Secret, Sign};
        let run = |endpoint: Endpoint<()>, headers: Vec<(String, String)>| {
            let mut request = http::Request::builder().method("POST").uri("/hooks");
            for (name, value) in headers {
                request = request.header(name, value);
            }
            let (parts, ()) = request.body(()).unwrap().into_parts();
            let incoming = http_incoming(&parts, Bytes::from_static(b"{}"));
            let accepted = endpoint.accept(&incoming, |_| Ok(()));
            tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap()
                .block_on(accepted)
                .map(|((), verified)| verified.key_index())
        };
        let secret = Secret::new("s");
        let now = time::OffsetDateTime::now_utc();
        let github = Endpoint::new(github::verifier([secret.clone()])).trust_forwarded_headers();
        let signed = github::scheme().sign(b"{}", &secret, now);
        assert_eq!(run(github, signed).unwrap(), 0);

        let url_signed = Signed::builder(KeyKind::HmacSha256, "X-Sig")
            .signed([Part::Url, Part::Body])
            .build()
            .unwrap();
        let signing = Request::new(b"{}", &()).with_url("https://hooks.example.com/hooks");
        let headers = url_signed.sign_request(&signing, &secret, now);
        let endpoint = Endpoint::new(crate::Verifier::new(url_signed, [secret]));
        let forwarded = endpoint.clone().trust_forwarded_headers();
        match run(forwarded.clone(), headers.clone()) {
            Err(Rejection::Refused(Error::MissingHeader { header })) => {
                assert_eq!(header, "X-Forwarded-Proto");
            }
            other => panic!("{other:?}"),
        }
        let mut with_proxy = headers.clone();
        with_proxy.push(("X-Forwarded-Proto".into(), "https".into()));
        with_proxy.push(("X-Forwarded-Host".into(), "hooks.example.com".into()));
        assert_eq!(run(forwarded, with_proxy).unwrap(), 0);
        match run(endpoint, headers) {
            Err(Rejection::Refused(e @ Error::MissingRequestPart { part: "url" })) => {
                assert_eq!(e.status(), 500);
                let text = e.to_string();
                assert!(
                    text.contains("public_base_url") && text.contains("trust_forwarded_headers"),
                    "{text}"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    /// `Webhook::from_request` refuses a body over the verifier's limit before hashing.
    #[test]
    fn from_request_refuses_a_body_over_the_limit() {
        use crate::providers::memento;
        let endpoint: Endpoint<serde_json::Value> =
            Endpoint::new(memento::verifier([crate::Secret::new("k")]).with_body_limit(4));
        let request = http::Request::post("/hooks")
            .header("Signature", "00")
            .body(Bytes::from_static(b"{\"a\":1}"))
            .unwrap();
        let refused = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(Webhook::from_request(request, &endpoint))
            .unwrap_err();
        assert!(matches!(
            refused,
            Rejection::Refused(Error::BodyTooLarge { limit: 4 })
        ));
        assert_eq!(refused.status(), http::StatusCode::PAYLOAD_TOO_LARGE);
    }

    #[test]
    fn declared_lengths() {
        assert!(declared_too_large(Some(b"11"), 10));
        assert!(!declared_too_large(Some(b"10"), 10));
        assert!(!declared_too_large(Some(b"ten"), 10));
        assert!(!declared_too_large(None, 10));
    }
}
