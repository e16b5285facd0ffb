//! What every integration does with a request once its body is buffered, in one place:
//! the body limit, the signed URL, verification, parsing and dedupe. The framework
//! modules only read the body and turn a [`WebhookRejection`] into their response type.
// Each integration uses a part; with all three on, everything is used.
#![cfg_attr(
    not(all(feature = "axum", feature = "tower", feature = "actix")),
    allow(dead_code)
)]

use std::sync::Arc;

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::{VerifiedBody, Webhook, WebhookOnce, WebhookRejection, WebhookVerifier};
use crate::dedupe::{Guard, Seen};
use crate::{Error, Headers, Request, Verified, WebhookEvent};

/// Where the URL a provider signed comes from: see
/// [`WebhookVerifier::public_base_url`] and [`WebhookVerifier::trust_forwarded_headers`].
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
    pub(crate) fn url(&self, target: &str, headers: &(impl Headers + ?Sized)) -> Option<String> {
        let absolute = target.starts_with("http://") || target.starts_with("https://");
        let path = if absolute {
            // The path and query of an absolute target.
            let after_scheme = &target[target.find("://")? + 3..];
            after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
        } else {
            target
        };
        if let Some(base) = &self.base {
            return Some(format!("{base}{path}"));
        }
        if self.trust_forwarded {
            let proto = first_value(headers, "X-Forwarded-Proto")?;
            let host = first_value(headers, "X-Forwarded-Host")
                .or_else(|| first_value(headers, "Host"))?;
            return Some(format!("{}://{host}{path}", proto.to_ascii_lowercase()));
        }
        absolute.then(|| target.to_owned())
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
pub(crate) fn too_large(limit: usize) -> WebhookRejection {
    Error::BodyTooLarge { limit }.into()
}

/// Buffers an `http_body` body, refusing more than `limit` bytes: by `Content-Length`
/// before reading, and while reading (chunked bodies, or a length that lies).
#[cfg(any(feature = "axum", feature = "tower"))]
pub(crate) async fn read_http_body<B>(
    headers: &http::HeaderMap,
    body: B,
    limit: usize,
) -> Result<Bytes, WebhookRejection>
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

/// A request of the `http` crate with its body buffered (axum, tower).
#[cfg(any(feature = "axum", feature = "tower"))]
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

impl<K> WebhookVerifier<K> {
    /// Verifies a buffered request: its body and headers, its method, and its URL as the
    /// [`UrlPolicy`] gives it.
    pub(crate) fn verify_incoming<'a, H: Headers + ?Sized>(
        &self,
        incoming: &'a Incoming<'_, H>,
        url: Option<&'a str>,
    ) -> Result<Verified<'a>, Error> {
        self.verify_request(&self.request(incoming, url))
    }

    /// The [`Request`] of a buffered request: body, headers, method, and `url` if known.
    fn request<'a, H: Headers + ?Sized>(
        &self,
        incoming: &'a Incoming<'_, H>,
        url: Option<&'a str>,
    ) -> Request<'a> {
        let request =
            Request::new(&incoming.body[..], &incoming.headers).with_method(incoming.method);
        match url {
            Some(url) => request.with_url(url),
            None => request,
        }
    }

    fn url_of<H: Headers + ?Sized>(&self, incoming: &Incoming<'_, H>) -> Option<String> {
        self.url.url(&incoming.target, incoming.headers)
    }

    /// [`VerifiedBody`] of a buffered request.
    pub(crate) fn verified_body<H: Headers + ?Sized>(
        &self,
        incoming: &Incoming<'_, H>,
    ) -> Result<VerifiedBody<K>, WebhookRejection> {
        let url = self.url_of(incoming);
        let verified = self.verify_incoming(incoming, url.as_deref())?;
        Ok(VerifiedBody::of(&verified, incoming.body.clone()))
    }

    /// [`Webhook`] of a buffered request: verified, then parsed (a verified body that is
    /// not the expected JSON is refused 400 before the handler runs).
    pub(crate) fn webhook<E: DeserializeOwned, H: Headers + ?Sized>(
        &self,
        incoming: &Incoming<'_, H>,
    ) -> Result<Webhook<E>, WebhookRejection> {
        let url = self.url_of(incoming);
        let v = self.verify_incoming(incoming, url.as_deref())?;
        Ok(Webhook(v.json()?))
    }

    /// [`WebhookOnce`] of a buffered request: verified, parsed, and recorded in `guard`;
    /// a repeat is the duplicate rejection (200).
    pub(crate) async fn webhook_once<E, H>(
        &self,
        incoming: &Incoming<'_, H>,
        guard: &dyn Guard,
    ) -> Result<WebhookOnce<E>, WebhookRejection>
    where
        E: DeserializeOwned + WebhookEvent,
        H: Headers + ?Sized,
    {
        // The verified request (which holds the headers, not `Sync`) ends before the
        // guard is awaited, so the future stays `Send`.
        let url = self.url_of(incoming);
        let (event, key) = {
            let verified = self.verify_incoming(incoming, url.as_deref())?;
            let event: E = verified.json()?;
            let key = self.dedupe_key(&verified, Some(&event))?;
            (event, key)
        };
        match guard.record(&key, guard.ttl()).await? {
            Seen::First => Ok(WebhookOnce { event, key }),
            Seen::Duplicate => Err(WebhookRejection::duplicate()),
        }
    }

    /// The verification result of a buffered request, for middleware that passes the
    /// request on; with `guard`, a repeat is the duplicate rejection (200).
    pub(crate) async fn verification<H: Headers + ?Sized>(
        &self,
        incoming: &Incoming<'_, H>,
        guard: Option<&dyn Guard>,
    ) -> Result<super::Verification, WebhookRejection> {
        let url = self.url_of(incoming);
        let (mut verification, key) = {
            let v = self.verify_incoming(incoming, url.as_deref())?;
            let key = match guard {
                Some(_) => Some(self.dedupe_key(&v, None)?),
                None => None,
            };
            let verification = super::Verification {
                key_index: v.key_index(),
                timestamp: v.timestamp(),
                delivery_id: v.delivery_id().map(str::to_owned),
                dedupe_key: None,
            };
            (verification, key)
        };
        if let (Some(guard), Some(key)) = (guard, key) {
            if guard.record(&key, guard.ttl()).await? == Seen::Duplicate {
                return Err(WebhookRejection::duplicate());
            }
            verification.dedupe_key = Some(key);
        }
        Ok(verification)
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
        assert_eq!(none.url("/a?b=1", &headers), None);
        assert_eq!(
            none.url("https://x.example/a?b=1", &headers).as_deref(),
            Some("https://x.example/a?b=1")
        );
        let base = UrlPolicy {
            base: Some(Arc::from("https://public.example")),
            trust_forwarded: true,
        };
        assert_eq!(
            base.url("/a?b=1", &headers).as_deref(),
            Some("https://public.example/a?b=1")
        );
        assert_eq!(
            base.url("http://internal:8080/a", &headers).as_deref(),
            Some("https://public.example/a")
        );
        let forwarded = UrlPolicy {
            base: None,
            trust_forwarded: true,
        };
        assert_eq!(
            forwarded.url("/a?b=1", &headers).as_deref(),
            Some("https://hooks.example.com/a?b=1")
        );
        let host_only = [("Host", "internal:8080"), ("X-Forwarded-Proto", "http")];
        assert_eq!(
            forwarded.url("/a", &host_only).as_deref(),
            Some("http://internal:8080/a")
        );
        assert_eq!(forwarded.url("/a", &[("Host", "h")]), None);
    }

    #[test]
    fn declared_lengths() {
        assert!(declared_too_large(Some(b"11"), 10));
        assert!(!declared_too_large(Some(b"10"), 10));
        assert!(!declared_too_large(Some(b"ten"), 10));
        assert!(!declared_too_large(None, 10));
    }
}
