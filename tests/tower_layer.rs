//! The tower `WebhookLayer` in front of services that are not axum (a `service_fn`, a
//! bare hyper server over loopback) and in front of an axum handler: what reaches the
//! inner service, what it never sees, an endpoint that deduplicates, and the public URL
//! of a provider that signs it.

#![cfg(feature = "tower")]

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use bytes::Bytes;
use hookverify::KeyKind;
use hookverify::dedupe::MemoryGuard;
use hookverify::integrations::{Endpoint, WebhookLayer};
use hookverify::providers::{github, gitlab, stripe};
use hookverify::{Secret, Sign, Verified};
use http_body_util::{BodyExt, Full};
use time::OffsetDateTime;
use tower::{Layer, Service, ServiceExt, service_fn};

const SECRET: &str = "It's a Secret to Everybody";

const DELIVERY: &str = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

type Inner = http::Request<Full<Bytes>>;

/// An inner service that echoes what it was given: what the layer verified, and the body.
fn echo(
    calls: Arc<AtomicUsize>,
) -> impl Service<
    Inner,
    Response = http::Response<Full<Bytes>>,
    Error = Infallible,
    Future = impl std::future::Future<Output = Result<http::Response<Full<Bytes>>, Infallible>> + Send,
> + Clone
+ Send
+ 'static {
    service_fn(move |req: Inner| {
        let calls = Arc::clone(&calls);
        async move {
            calls.fetch_add(1, Ordering::SeqCst);
            let v = req
                .extensions()
                .get::<Verified<'static>>()
                .cloned()
                .expect("a Verified");
            let body = req.into_body().collect().await.unwrap().to_bytes();
            assert_eq!(
                v.body(),
                &body[..],
                "the verified body is the body passed on"
            );
            let text = format!(
                "key={} delivery={:?} body={}",
                v.key_index(),
                v.delivery_id(),
                String::from_utf8_lossy(&body)
            );
            Ok::<_, Infallible>(http::Response::new(Full::new(Bytes::from(text))))
        }
    })
}

fn request(headers: &[(String, String)], body: &'static [u8]) -> http::Request<Full<Bytes>> {
    let mut builder = http::Request::post("/webhooks/github");
    for (k, v) in headers {
        builder = builder.header(k, v);
    }
    builder.body(Full::new(Bytes::from_static(body))).unwrap()
}

async fn call<S>(service: S, req: http::Request<Full<Bytes>>) -> (u16, String)
where
    S: Service<http::Request<Full<Bytes>>, Error = Infallible>,
    S::Response: Into<http::Response<http_body_util::Either<Full<Bytes>, Full<Bytes>>>>,
{
    let response: http::Response<_> = service.oneshot(req).await.unwrap().into();
    let status = response.status().as_u16();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

fn github_headers(body: &[u8], secret: &str) -> Vec<(String, String)> {
    let mut h = github::scheme().sign(body, &Secret::new(secret), OffsetDateTime::now_utc());
    h.push((github::DELIVERY_HEADER.into(), DELIVERY.into()));
    h
}

#[tokio::test]
async fn the_inner_service_gets_the_body_intact_and_the_verification() {
    let calls = Arc::new(AtomicUsize::new(0));
    let layer = WebhookLayer::new(github::verifier(["old-secret", SECRET]));
    let body: &'static [u8] = br#"{"zen":"Design for failure."}"#;
    let (status, text) = call(
        layer.layer(echo(calls.clone())),
        request(&github_headers(body, SECRET), body),
    )
    .await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(
        text,
        format!(r#"key=1 delivery=Some("{DELIVERY}") body={{"zen":"Design for failure."}}"#)
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn an_axum_handler_behind_the_layer_reads_the_verified_extension() {
    use axum::routing::post;
    use axum::{Extension, Json, Router};

    async fn github_hook(
        Extension(verified): Extension<Verified<'static>>,
    ) -> Json<serde_json::Value> {
        let event: serde_json::Value = verified.json().unwrap();
        Json(serde_json::json!({
            "key_index": verified.key_index(),
            "delivery_id": verified.delivery_id(),
            "body": String::from_utf8_lossy(verified.body()),
            "zen": event["zen"],
        }))
    }

    let layer = WebhookLayer::new(github::verifier(["new-secret", SECRET]));
    let app: axum::Router = Router::new().route("/webhooks/github", post(github_hook).layer(layer));
    let body: &'static [u8] = br#"{"zen":"Approachable is better than simple."}"#;
    let mut req = http::Request::post("/webhooks/github");
    for (k, v) in github_headers(body, SECRET) {
        req = req.header(k, v);
    }
    let response = app
        .oneshot(req.body(axum::body::Body::from(body)).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let answer = response.into_body().collect().await.unwrap().to_bytes();
    let answer: serde_json::Value = serde_json::from_slice(&answer).unwrap();
    assert_eq!(
        answer,
        serde_json::json!({
            "key_index": 1,
            "delivery_id": DELIVERY,
            "body": r#"{"zen":"Approachable is better than simple."}"#,
            "zen": "Approachable is better than simple.",
        })
    );
}

#[tokio::test]
async fn refusals_are_answered_by_the_layer_and_never_reach_the_inner_service() {
    let calls = Arc::new(AtomicUsize::new(0));
    let layer = WebhookLayer::new(github::verifier([SECRET]));
    let body: &'static [u8] = br#"{"zen":"Keep it logically awesome."}"#;
    let forged = github_headers(body, "guess");
    for (headers, want) in [(forged, 401), (vec![], 400)] {
        let (status, text) = call(layer.layer(echo(calls.clone())), request(&headers, body)).await;
        assert_eq!(status, want, "{text}");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["status"], want);
    }
    // Over the limit, by Content-Length: refused before the body is read.
    let mut big = request(&github_headers(body, SECRET), body);
    big.headers_mut()
        .insert(http::header::CONTENT_LENGTH, "99999999".parse().unwrap());
    let (status, text) = call(layer.layer(echo(calls.clone())), big).await;
    assert_eq!(status, 413, "{text}");
    assert_eq!(calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_wrong_token_is_refused_401_as_a_token_not_a_signature() {
    let calls = Arc::new(AtomicUsize::new(0));
    let layer = WebhookLayer::new(gitlab::verifier(["gitlab-secret-token"]));
    let body: &'static [u8] = br#"{"object_kind":"push"}"#;
    let headers = |token: &str| {
        vec![
            (gitlab::TOKEN_HEADER.to_string(), token.to_string()),
            ("X-Gitlab-Event".to_string(), "Push Hook".to_string()),
        ]
    };
    let (status, text) = call(
        layer.layer(echo(calls.clone())),
        request(&headers("gitlab-secret-token"), body),
    )
    .await;
    assert_eq!(status, 200, "{text}");
    let (status, text) = call(
        layer.layer(echo(calls.clone())),
        request(&headers("gitlab-guess"), body),
    )
    .await;
    assert_eq!(status, 401, "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let error = json["error"].as_str().unwrap();
    assert!(error.contains("token"), "{text}");
    assert!(!error.contains("signature"), "{text}");
    assert!(!text.contains("gitlab-secret-token"), "{text}");
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn with_dedupe_a_repeat_is_answered_200_without_the_inner_service() {
    let calls = Arc::new(AtomicUsize::new(0));
    let endpoint = Endpoint::<()>::new(github::verifier([SECRET]))
        .dedupe(MemoryGuard::new(100, Duration::from_secs(60)));
    let layer = WebhookLayer::from(endpoint);
    let body: &'static [u8] = br#"{"zen":"Half measures are as bad as nothing at all."}"#;
    let headers = github_headers(body, SECRET);
    let (status, text) = call(layer.layer(echo(calls.clone())), request(&headers, body)).await;
    assert_eq!(status, 200);
    assert!(
        text.starts_with(&format!(r#"key=0 delivery=Some("{DELIVERY}")"#)),
        "{text}"
    );
    for _ in 0..2 {
        let (status, text) = call(layer.layer(echo(calls.clone())), request(&headers, body)).await;
        assert_eq!(
            (status, text.as_str()),
            (200, r#"{"duplicate":true,"received":true}"#)
        );
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    // GitHub names the delivery, so that is the key: another genuine body under the same
    // delivery id is the same delivery.
    let other: &'static [u8] = br#"{"zen":"Mind your words, they are important."}"#;
    let (status, text) = call(
        layer.layer(echo(calls.clone())),
        request(&github_headers(other, SECRET), other),
    )
    .await;
    assert_eq!(
        (status, text.as_str()),
        (200, r#"{"duplicate":true,"received":true}"#)
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    // A forged copy of the same delivery is refused, not answered as a duplicate.
    let forged = github_headers(body, "guess");
    assert_eq!(
        call(layer.layer(echo(calls.clone())), request(&forged, body))
            .await
            .0,
        401
    );
}

#[tokio::test]
async fn the_public_url_is_what_a_url_signing_scheme_verifies() {
    use hookverify::schemes::{Encoding, Part, Signed};
    // A scheme that signs the URL, as Twilio and HubSpot do.
    let scheme = Signed::builder(KeyKind::HmacSha256, "X-Sig")
        .encoding(Encoding::Base64)
        .signed([Part::Url, Part::Body])
        .build()
        .unwrap();
    let public = "https://hooks.example.com/webhooks/github?x=1";
    let body: &'static [u8] = b"{}";
    let signing = hookverify::Request::new(body, &()).with_url(public);
    let headers = scheme.sign_request(&signing, &Secret::new(SECRET), OffsetDateTime::now_utc());
    let endpoint = || Endpoint::<()>::new(hookverify::Verifier::new(scheme.clone(), [SECRET]));
    let inner = || echo(Arc::new(AtomicUsize::new(0)));
    let req = || {
        let mut r = request(&headers, body);
        *r.uri_mut() = "/webhooks/github?x=1".parse().unwrap();
        r.headers_mut()
            .insert("Host", "10.0.0.7:8080".parse().unwrap());
        r.headers_mut()
            .insert("X-Forwarded-Proto", "https".parse().unwrap());
        r.headers_mut()
            .insert("X-Forwarded-Host", "hooks.example.com".parse().unwrap());
        r
    };
    // Told nothing: the URL is unknown, a configuration error (500).
    let (status, text) = call(WebhookLayer::from(endpoint()).layer(inner()), req()).await;
    assert_eq!(status, 500, "{text}");
    // Told the public base URL, or to trust the proxy's headers: verified.
    let told = WebhookLayer::from(endpoint().public_base_url("https://hooks.example.com/"));
    assert_eq!(call(told.layer(inner()), req()).await.0, 200);
    let trusting = WebhookLayer::from(endpoint().trust_forwarded_headers());
    assert_eq!(call(trusting.layer(inner()), req()).await.0, 200);
    // The wrong public URL: a mismatch.
    let wrong = WebhookLayer::from(endpoint().public_base_url("https://other.example.com"));
    assert_eq!(call(wrong.layer(inner()), req()).await.0, 401);
}

/// Twilio signs the URL it requested. Trusting the proxy's headers, a request without
/// `X-Forwarded-Proto` is refused 400 (a client's mistake, or a request that bypassed
/// the proxy); with neither `public_base_url` nor `trust_forwarded_headers` the endpoint
/// cannot know the URL: a 500 whose error says to configure `public_base_url`.
#[cfg(feature = "sha1")]
#[tokio::test]
async fn twilio_without_a_public_url_or_forwarded_proto_is_refused() {
    use hookverify::Request;
    use hookverify::providers::twilio;

    let calls = Arc::new(AtomicUsize::new(0));
    let body: &'static [u8] = b"MessageSid=SM1234567890&From=%2B14155550100&Body=Hello";
    let public = "https://hooks.example.com/twilio/sms";
    let headers = twilio::scheme().sign_request(
        &Request::new(body, &()).with_url(public).with_method("POST"),
        &Secret::new("twilio-auth-token"),
        OffsetDateTime::now_utc(),
    );
    let endpoint = || Endpoint::<()>::new(twilio::verifier(["twilio-auth-token"]));
    let req = |forwarded_proto: Option<&str>| {
        let mut r = request(&headers, body);
        *r.uri_mut() = "/twilio/sms".parse().unwrap();
        r.headers_mut()
            .insert("Host", "10.0.0.7:8080".parse().unwrap());
        r.headers_mut()
            .insert("X-Forwarded-Host", "hooks.example.com".parse().unwrap());
        if let Some(proto) = forwarded_proto {
            r.headers_mut()
                .insert("X-Forwarded-Proto", proto.parse().unwrap());
        }
        r
    };

    let trusting = WebhookLayer::from(endpoint().trust_forwarded_headers());
    let (status, text) = call(trusting.layer(echo(calls.clone())), req(Some("https"))).await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(calls.load(Ordering::SeqCst), 1);

    let (status, text) = call(trusting.layer(echo(calls.clone())), req(None)).await;
    assert_eq!(status, 400, "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["status"], 400, "{text}");
    assert!(
        json["error"]
            .as_str()
            .unwrap()
            .contains("X-Forwarded-Proto"),
        "{text}"
    );

    let told_nothing = WebhookLayer::from(endpoint());
    let (status, text) = call(told_nothing.layer(echo(calls.clone())), req(Some("https"))).await;
    assert_eq!(status, 500, "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["status"], 500, "{text}");
    assert!(
        json["error"].as_str().unwrap().contains("public_base_url"),
        "{text}"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[test]
fn in_front_of_a_bare_hyper_server() {
    use hyper_util::rt::{TokioExecutor, TokioIo};
    use hyper_util::server::conn::auto::Builder;
    use hyper_util::service::TowerToHyperService;

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let layer = WebhookLayer::new(stripe::verifier(["whsec_hyper"]));
    let service = layer.layer(echo(Arc::new(AtomicUsize::new(0))));
    rt.spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let service = TowerToHyperService::new(service.clone());
            tokio::spawn(async move {
                let _ = Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    let body = br#"{"id":"evt_1","type":"charge.succeeded"}"#;
    let headers =
        stripe::scheme().sign(body, &Secret::new("whsec_hyper"), OffsetDateTime::now_utc());
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let send = |headers: &[(String, String)]| {
        let mut req = agent.post(&format!("http://{addr}/hooks/stripe"));
        for (k, v) in headers {
            req = req.header(k.as_str(), v.as_str());
        }
        let mut resp = req.send(&body[..]).unwrap();
        (
            resp.status().as_u16(),
            resp.body_mut().read_to_string().unwrap(),
        )
    };
    let (status, text) = send(&headers);
    assert_eq!(status, 200, "{text}");
    assert!(
        text.ends_with(r#"body={"id":"evt_1","type":"charge.succeeded"}"#),
        "{text}"
    );
    let forged =
        stripe::scheme().sign(body, &Secret::new("whsec_guess"), OffsetDateTime::now_utc());
    let (status, text) = send(&forged);
    assert_eq!(status, 401, "{text}");
    assert!(
        text.starts_with(r#"{"error":"signature mismatch"#),
        "{text}"
    );
}
