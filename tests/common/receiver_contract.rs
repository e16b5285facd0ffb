//! The contract all three example receivers (axum, actix-web, tower) meet, over real HTTP
//! on loopback: each test file starts its receiver on an ephemeral port with the secrets
//! below and defines `server()`; these tests drive it with a real client (`ureq`) and with
//! hand-written HTTP/1.1 for chunked bodies.
//!
//! The receivers have no Slack route: the Slack handshake part of the contract is the
//! helpers at the end (`slack_endpoint`, `slack_requests`, `check_slack_answers`), which
//! each test file runs in-process against its framework's integration.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use hookverify::dedupe::MemoryGuard;
use hookverify::integrations::{Endpoint, Webhook};
use hookverify::providers::{inmemory4, livingdocs, memento, memo_bank, pocketbook, slack};
use hookverify::{Secret, Sign};

/// The verifier's default body limit: 2 MiB.
const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;
use time::OffsetDateTime;

use super::server;

pub(crate) const MEMENTO: &str = "whsec_Ge3tGXAEEeEGLDJqtMDGfmn9VoqJXtQz";
pub(crate) const MEMO_BANK: &str = "mb_whk_8f1c2e7a9b3d4c5e";
pub(crate) const IM4: &str = "im4_live_3b1f0c9e";
pub(crate) const POCKETBOOK: &str = "whsec_1234567890abcdef";
pub(crate) const POCKETBOOK_OLD: &str = "whsec_previous_secret";
pub(crate) const LIVINGDOCS: &str = "a-secret-token-to-sign-the-request";

/// Runs `serve` on a listener on an ephemeral loopback port, in a tokio runtime of its own
/// thread; returns the address once it is bound.
#[allow(dead_code)] // the actix receiver runs on actix's own runtime
pub(crate) fn start_on_tokio<F, Fut>(serve: F) -> std::net::SocketAddr
where
    F: FnOnce(tokio::net::TcpListener) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = std::io::Result<()>>,
{
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            serve(listener).await.unwrap();
        });
    });
    rx.recv_timeout(Duration::from_secs(10)).unwrap()
}

/// The secrets the receivers are started with, in the order of their routes.
pub(crate) fn secrets() -> [Vec<Secret>; 5] {
    let s = |v: &[&str]| v.iter().map(|s| Secret::new(*s)).collect::<Vec<_>>();
    [
        s(&[MEMENTO]),
        s(&[MEMO_BANK]),
        s(&[IM4]),
        s(&[POCKETBOOK, POCKETBOOK_OLD]),
        s(&[LIVINGDOCS]),
    ]
}

fn payload(provider: &str, event: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/data/payloads/{provider}/{event}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// POSTs with a real HTTP client; returns (status, body).
fn post(path: &str, headers: &[(String, String)], body: &[u8]) -> (u16, String) {
    let url = format!("http://{}{path}", server());
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into();
    let mut req = agent.post(&url).header("Content-Type", "application/json");
    for (k, v) in headers {
        req = req.header(k.as_str(), v.as_str());
    }
    let mut resp = req.send(body).unwrap();
    let status = resp.status().as_u16();
    (status, resp.body_mut().read_to_string().unwrap())
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn genuine_requests_from_every_provider_are_accepted() {
    // (path, scheme, secret, provider folder, event)
    type Case = (
        &'static str,
        Box<dyn Sign>,
        &'static str,
        &'static str,
        &'static str,
    );
    let cases: Vec<Case> = vec![
        (
            "/webhooks/memento",
            Box::new(memento::scheme()),
            MEMENTO,
            "memento",
            "proof.submitted",
        ),
        (
            "/webhooks/memento",
            Box::new(memento::scheme()),
            MEMENTO,
            "memento",
            "proof.cancelled",
        ),
        (
            "/webhooks/memo-bank",
            Box::new(memo_bank::scheme()),
            MEMO_BANK,
            "memo_bank",
            "transaction.created",
        ),
        (
            "/webhooks/inmemory4",
            Box::new(inmemory4::scheme()),
            IM4,
            "inmemory4",
            "order.created",
        ),
        (
            "/webhooks/inmemory4",
            Box::new(inmemory4::scheme()),
            IM4,
            "inmemory4",
            "test",
        ),
        (
            "/webhooks/pocketbook",
            Box::new(pocketbook::scheme()),
            POCKETBOOK,
            "pocketbook",
            "voucher.created",
        ),
        (
            "/webhooks/pocketbook",
            Box::new(pocketbook::scheme()),
            POCKETBOOK_OLD,
            "pocketbook",
            "bulk_job.failed",
        ),
        (
            "/webhooks/livingdocs",
            Box::new(livingdocs::scheme()),
            LIVINGDOCS,
            "livingdocs",
            "document.publish",
        ),
        (
            "/webhooks/livingdocs",
            Box::new(livingdocs::scheme()),
            LIVINGDOCS,
            "livingdocs",
            "mediaLibraryEntry.revoke",
        ),
    ];
    for (path, scheme, secret, provider, event) in cases {
        let body = payload(provider, event);
        let headers = scheme.sign(&body, &Secret::new(secret), now());
        let (status, text) = post(path, &headers, &body);
        assert_eq!(
            (status, text.as_str()),
            (200, r#"{"received":true}"#),
            "{provider} {event}"
        );
    }
}

#[test]
fn forged_requests_get_401_without_secrets_in_the_answer() {
    let body = payload("pocketbook", "certificate.created");
    let mut tampered = body.clone();
    tampered[10] ^= 1;
    let genuine = pocketbook::scheme().sign(&body, &Secret::new(POCKETBOOK), now());
    for (path, headers, body) in [
        ("/webhooks/pocketbook", genuine.clone(), tampered.clone()),
        (
            "/webhooks/pocketbook",
            pocketbook::scheme().sign(&body, &Secret::new("whsec_guess"), now()),
            body.clone(),
        ),
        (
            "/webhooks/memento",
            memento::scheme().sign(&body, &Secret::new("guess"), now()),
            body.clone(),
        ),
        (
            "/webhooks/livingdocs",
            livingdocs::scheme().sign(&body, &Secret::new("guess"), now()),
            body.clone(),
        ),
    ] {
        let (status, text) = post(path, &headers, &body);
        assert_eq!(status, 401, "{path}: {text}");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(
            json["error"]
                .as_str()
                .unwrap()
                .starts_with("signature mismatch"),
            "{text}"
        );
        assert_eq!(json["status"], 401, "{text}");
        assert_no_secrets(&text);
    }
}

#[test]
fn a_wrong_token_gets_401_that_names_the_token_not_a_signature() {
    // Memo Bank and InMemory4 send a static token, not a signature: a wrong one is a
    // token mismatch, and the answer does not talk about signatures.
    let body = payload("memo_bank", "transaction.created");
    for (path, headers) in [
        (
            "/webhooks/memo-bank",
            h(&[("Authorization", "Bearer mb_whk_wrong")]),
        ),
        (
            "/webhooks/memo-bank",
            memo_bank::scheme().sign(&body, &Secret::new("mb_whk_guess"), now()),
        ),
        ("/webhooks/inmemory4", h(&[("Signature", "im4_live_wrong")])),
    ] {
        let (status, text) = post(path, &headers, &body);
        assert_eq!(status, 401, "{path}: {text}");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let error = json["error"].as_str().unwrap();
        assert!(error.starts_with("token mismatch"), "{path}: {text}");
        assert!(!error.contains("signature"), "{path}: {text}");
        assert_eq!(json["status"], 401, "{text}");
        assert_no_secrets(&text);
    }
}

/// No configured secret appears in an answer.
fn assert_no_secrets(text: &str) {
    for secret in [
        MEMENTO,
        MEMO_BANK,
        IM4,
        POCKETBOOK,
        POCKETBOOK_OLD,
        LIVINGDOCS,
    ] {
        assert!(!text.contains(secret), "{text}");
    }
}

#[test]
fn malformed_headers_get_400() {
    let body = payload("livingdocs", "document.update");
    for (path, headers, needle) in [
        (
            "/webhooks/livingdocs",
            vec![],
            "header `x-livingdocs-signature` is missing",
        ),
        (
            "/webhooks/livingdocs",
            h(&[("x-livingdocs-signature", "sha1=abc")]),
            "does not start with `sha256=`",
        ),
        ("/webhooks/memento", h(&[("Signature", "XYZ")]), "malformed"),
        (
            "/webhooks/pocketbook",
            h(&[("X-Webhook-Signature", "t=abc,v1=00")]),
            "malformed",
        ),
        (
            "/webhooks/pocketbook",
            h(&[("X-Webhook-Signature", &"v1=0".repeat(3000))]),
            "malformed",
        ),
        (
            "/webhooks/memo-bank",
            h(&[("Authorization", "Basic abc")]),
            "`Bearer`",
        ),
    ] {
        let (status, text) = post(path, &headers, &body);
        assert_eq!(status, 400, "{path}: {text}");
        assert!(text.contains(needle), "{path}: {text}");
    }
}

#[test]
fn an_authentic_body_of_an_unexpected_shape_is_acknowledged_not_retried() {
    // InMemory4's documented sample, verbatim: the type name where a number goes.
    let body = br#"{"event":"order.created","project_id":"Number","order_id":"Number"}"#;
    let (status, text) = post("/webhooks/inmemory4", &h(&[("Signature", IM4)]), body);
    assert_eq!((status, text.as_str()), (200, r#"{"received":true}"#));
    // The library's `Webhook<E>` itself refuses it as not the expected JSON (400).
    let endpoint = Endpoint::<inmemory4::Event>::new(inmemory4::verifier([IM4]));
    let request = http::Request::post("/webhooks/inmemory4")
        .header("Signature", IM4)
        .body(bytes::Bytes::from_static(body))
        .unwrap();
    let rejection = block_on(Webhook::from_request(request, &endpoint)).unwrap_err();
    assert_eq!(rejection.status(), http::StatusCode::BAD_REQUEST);
    assert!(
        rejection.to_string().contains("not the expected JSON"),
        "{rejection}"
    );
    // A forged copy is still refused.
    assert_eq!(
        post("/webhooks/inmemory4", &h(&[("Signature", "wrong")]), body).0,
        401
    );
}

#[test]
fn a_stale_timestamp_gets_401() {
    let body = payload("pocketbook", "voucher.expired");
    let headers = pocketbook::scheme().sign(
        &body,
        &Secret::new(POCKETBOOK),
        now() - Duration::from_secs(3600),
    );
    let (status, text) = post("/webhooks/pocketbook", &headers, &body);
    assert_eq!(status, 401);
    assert!(
        text.contains("timestamp is 36") && text.contains("tolerance is 300 s"),
        "{text}"
    );
}

#[test]
fn an_over_limit_body_gets_413() {
    let body = vec![b' '; DEFAULT_BODY_LIMIT + 1];
    // With Content-Length: refused before reading. (The server may answer and close while
    // the body is still being written, so this goes through the raw client, which reads
    // the answer whatever happens to the write.)
    let (status, text) = raw_request("/webhooks/inmemory4", &[("Signature", IM4)], &body, None);
    assert_eq!(status, 413, "{text}");
    assert!(text.contains("larger than the limit"), "{text}");
    // Chunked, with no Content-Length: refused while reading.
    let (status, _) = raw_request(
        "/webhooks/inmemory4",
        &[("Signature", IM4)],
        &body,
        Some(64 * 1024),
    );
    assert_eq!(status, 413);
}

#[test]
fn a_body_in_many_small_chunks_is_verified() {
    // A body of its own, so no other test's delivery makes this one a duplicate.
    let body = String::from_utf8(payload("memento", "proof.submitted"))
        .unwrap()
        .replace(
            "2a09cfbc-3677-11eb-8520-080027df145c",
            "chunked-delivery-request-id",
        )
        .into_bytes();
    let headers = memento::scheme().sign(&body, &Secret::new(MEMENTO), now());
    let pairs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, text) = raw_request("/webhooks/memento", &pairs, &body, Some(7));
    assert_eq!((status, text.as_str()), (200, r#"{"received":true}"#));
}

#[test]
fn a_repeated_delivery_is_answered_200_and_handled_once() {
    let body = payload("livingdocs", "document.build");
    let headers = livingdocs::scheme().sign(&body, &Secret::new(LIVINGDOCS), now());
    let (status, text) = post("/webhooks/livingdocs", &headers, &body);
    assert_eq!((status, text.as_str()), (200, r#"{"received":true}"#));
    for _ in 0..3 {
        let (status, text) = post("/webhooks/livingdocs", &headers, &body);
        assert_eq!(status, 200);
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["duplicate"], true, "{text}");
    }
    // A forged copy of the same delivery is still refused, not answered as a duplicate.
    let mut tampered = body.clone();
    tampered[3] ^= 1;
    assert_eq!(post("/webhooks/livingdocs", &headers, &tampered).0, 401);
}

#[test]
fn the_status_page_answers() {
    let mut stream = TcpStream::connect(server()).unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("POST /webhooks/pocketbook"), "{response}");
}

/// Runs `future` to completion on a runtime of its own.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(future)
}

/// Sends `body` over a raw HTTP/1.1 connection: with `Content-Length`, or with
/// `Transfer-Encoding: chunked` in chunks of the given size, flushing each. Write errors
/// are ignored (the server may answer early and close); returns (status, body).
fn raw_request(
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    chunk: Option<usize>,
) -> (u16, String) {
    let mut stream = TcpStream::connect(server()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut head = format!("POST {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    match chunk {
        Some(_) => head.push_str("Transfer-Encoding: chunked\r\n"),
        None => head.push_str(&format!("Content-Length: {}\r\n", body.len())),
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    match chunk {
        None => {
            let _ = stream.write_all(body);
        }
        Some(size) => {
            for piece in body.chunks(size) {
                let framed = [format!("{:x}\r\n", piece.len()).as_bytes(), piece, b"\r\n"].concat();
                if stream
                    .write_all(&framed)
                    .and_then(|()| stream.flush())
                    .is_err()
                {
                    break;
                }
            }
            let _ = stream.write_all(b"0\r\n\r\n");
        }
    }
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = text
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or_default()
        .to_string();
    (status, body)
}

/// Slack's example signing secret.
pub(crate) const SLACK: &str = "8f742231b10e8888abcd99yyyzzz85a5";

/// The challenge of the `url_verification` handshake of [`slack_requests`].
pub(crate) const SLACK_CHALLENGE: &str = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P";

/// What the handler behind [`slack_endpoint`] answers for an event it handles.
pub(crate) const SLACK_HANDLED: &str = r#"{"received":true}"#;

/// A Slack endpoint as a receiver sets one up: it deduplicates deliveries and answers
/// Slack's handshake itself.
#[allow(dead_code)] // each test file uses its part of the contract
pub(crate) fn slack_endpoint<E>() -> Endpoint<E> {
    Endpoint::new(slack::verifier([SLACK]))
        .dedupe(MemoryGuard::new(100, Duration::from_secs(3600)))
        .answer_handshakes(slack::handshake_response)
}

/// A request's headers, as `Sign` makes them.
pub(crate) type Headers = Vec<(String, String)>;

/// The requests of the Slack check, in order, each (headers, body): one `url_verification`
/// handshake twice (byte for byte the same, as when Slack repeats it or someone clicks
/// "Retry" in the app's settings), then one event twice.
#[allow(dead_code)]
pub(crate) fn slack_requests() -> Vec<(Headers, Vec<u8>)> {
    let handshake = format!(
        r#"{{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"{SLACK_CHALLENGE}","type":"url_verification"}}"#
    )
    .into_bytes();
    let event = br#"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","team_id":"T061EG9R6","api_app_id":"A0PNCHHK2","type":"event_callback","event_id":"Ev0PV52K21","event_time":1355517523,"event":{"type":"app_mention","user":"U061F7AUR","text":"<@U0LAN0Z89> is it everything a river should be?","channel":"C0LAN2Q65"}}"#.to_vec();
    let signed = |body: &[u8]| slack::scheme().sign(body, &Secret::new(SLACK), now());
    let (handshake_headers, event_headers) = (signed(&handshake), signed(&event));
    vec![
        (handshake_headers.clone(), handshake.clone()),
        (handshake_headers, handshake),
        (event_headers.clone(), event.clone()),
        (event_headers, event),
    ]
}

/// Sends [`slack_requests`] to an axum `app`, one after the other, and returns each
/// answer's status, content type and body, for [`check_slack_answers`].
#[allow(dead_code)]
pub(crate) async fn slack_answers_of(app: axum::Router) -> Vec<(u16, String, String)> {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let mut answers = Vec::new();
    for (headers, body) in slack_requests() {
        let mut request = http::Request::post("/webhooks/slack");
        for (name, value) in &headers {
            request = request.header(name, value);
        }
        let response = app
            .clone()
            .oneshot(request.body(axum::body::Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = response.status().as_u16();
        let content_type = response.headers()[http::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .to_owned();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        answers.push((
            status,
            content_type,
            String::from_utf8(body.to_vec()).unwrap(),
        ));
    }
    answers
}

/// Checks the answers, each (status, content type, body), to [`slack_requests`]: the
/// handshake is answered with its challenge both times, not as a duplicate the second
/// time; the event reaches the handler once, and its repeat is a duplicate.
#[allow(dead_code)]
pub(crate) fn check_slack_answers(answers: &[(u16, String, String)]) {
    assert_eq!(answers.len(), 4, "{answers:?}");
    for (i, (status, content_type, body)) in answers[..2].iter().enumerate() {
        assert_eq!(
            (*status, body.as_str()),
            (200, SLACK_CHALLENGE),
            "handshake #{}: {answers:?}",
            i + 1
        );
        assert!(content_type.starts_with("text/plain"), "{answers:?}");
    }
    assert_eq!(
        (answers[2].0, answers[2].2.as_str()),
        (200, SLACK_HANDLED),
        "{answers:?}"
    );
    assert_eq!(answers[3].0, 200, "{answers:?}");
    let duplicate: serde_json::Value = serde_json::from_str(&answers[3].2).unwrap();
    assert_eq!(
        duplicate,
        serde_json::json!({ "received": true, "duplicate": true }),
        "{answers:?}"
    );
}
