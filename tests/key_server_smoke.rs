//! The loopback HTTPS key server of `tests/common/key_server.rs` does what the fetch tests
//! rely on: routes by method, host and path, counts and records requests, refuses clients
//! that do not trust its CA or ask for a host its certificate does not name, and sends
//! delayed and chunked answers. Driven by a `tokio-rustls` client writing HTTP/1.1 by hand,
//! so that the wire (chunks, `Content-Length`) can be checked.

#[path = "common/key_server.rs"]
mod key_server;

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use key_server::{KeyServer, Response, untrusted_ca_pem};
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{CertificateError, RootCertStore};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio_rustls::TlsConnector;

const SNS: &str = "sns.us-east-1.amazonaws.com";
const PAYPAL: &str = "api.paypal.com";
const GOOGLE: &str = "www.googleapis.com";
const PLAID: &str = "production.plaid.com";
const PLAID_SANDBOX: &str = "sandbox.plaid.com";
const SNS_CERT: &str = "/SimpleNotificationService-7506a1e35b36ef5a444dd1a8e7cc3ed8.pem";

/// A response as read off the wire.
#[derive(Debug)]
struct Wire {
    status: u16,
    /// Lower-case names.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// How many chunks the body came in, when chunked.
    chunks: Option<usize>,
}

impl Wire {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A TLS client trusting only the certificates of `roots_pem`.
fn connector(roots_pem: &str) -> TlsConnector {
    let mut roots = RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(roots_pem.as_bytes()) {
        roots
            .add(cert.expect("a PEM certificate"))
            .expect("a CA certificate");
    }
    // `ring` has no post-quantum key exchange, which rustls 0.23.48 marks by deprecating
    // its provider; these tests need none.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("ring supports the default TLS versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    TlsConnector::from(Arc::new(config))
}

/// Sends one request to `https://{host}{path}` at `addr` (with `Connection: close`) and
/// reads the whole response.
async fn request(
    roots_pem: &str,
    addr: SocketAddr,
    method: &str,
    host: &str,
    path: &str,
    body: Option<(&str, &[u8])>,
) -> io::Result<Wire> {
    let tcp = tokio::net::TcpStream::connect(addr).await?;
    let name = ServerName::try_from(host.to_owned()).expect("a DNS name");
    let mut tls = connector(roots_pem).connect(name, tcp).await?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    if let Some((content_type, body)) = body {
        head.push_str(&format!(
            "Content-Type: {content_type}\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    head.push_str("\r\n");
    tls.write_all(head.as_bytes()).await?;
    if let Some((_, body)) = body {
        tls.write_all(body).await?;
    }
    tls.flush().await?;
    let mut raw = Vec::new();
    tls.read_to_end(&mut raw).await?;
    Ok(parse(&raw))
}

/// An HTTP/1.1 response, its chunked body decoded.
fn parse(raw: &[u8]) -> Wire {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete head");
    let head = std::str::from_utf8(&raw[..end]).expect("an ASCII head");
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .map(|line| {
            let (name, value) = line.split_once(':').expect("a header line");
            (name.to_ascii_lowercase(), value.trim().to_owned())
        })
        .collect();
    let mut rest = &raw[end + 4..];
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    if !chunked {
        return Wire {
            status,
            headers,
            body: rest.to_vec(),
            chunks: None,
        };
    }
    let mut body = Vec::new();
    let mut chunks = 0;
    loop {
        let eol = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("a chunk size line");
        let size = std::str::from_utf8(&rest[..eol]).expect("an ASCII chunk size");
        let size = usize::from_str_radix(size, 16).expect("a hexadecimal chunk size");
        rest = &rest[eol + 2..];
        if size == 0 {
            break;
        }
        body.extend_from_slice(&rest[..size]);
        assert_eq!(&rest[size..size + 2], b"\r\n", "a chunk ends with CRLF");
        rest = &rest[size + 2..];
        chunks += 1;
    }
    Wire {
        status,
        headers,
        body,
        chunks: Some(chunks),
    }
}

/// The certificate problem in a failed handshake's error.
fn certificate_error(error: &io::Error) -> CertificateError {
    match error
        .get_ref()
        .and_then(|e| e.downcast_ref::<rustls::Error>())
    {
        Some(rustls::Error::InvalidCertificate(problem)) => problem.clone(),
        _ => panic!("not a certificate error: {error:?}"),
    }
}

#[tokio::test]
async fn serves_a_route_and_counts_it() {
    let server = KeyServer::start(&[SNS, PAYPAL, GOOGLE]);
    assert_eq!(server.resolve().len(), 3);
    assert!(
        server
            .resolve()
            .iter()
            .all(|(_, addr)| *addr == server.addr())
    );
    server.serve(
        "GET",
        SNS,
        SNS_CERT,
        Response::ok("application/x-pem-file", "-----BEGIN CERTIFICATE-----"),
    );

    let ca = server.ca_pem();
    let wire = request(&ca, server.addr(), "GET", SNS, SNS_CERT, None)
        .await
        .expect("the request");
    assert_eq!(wire.status, 200);
    assert_eq!(wire.body, b"-----BEGIN CERTIFICATE-----");
    assert_eq!(wire.header("content-type"), Some("application/x-pem-file"));
    assert_eq!(wire.header("content-length"), Some("27"));
    assert_eq!(server.hits("GET", SNS, SNS_CERT), 1);
    assert_eq!(
        server.hits("get", "SNS.us-east-1.amazonaws.com:443", SNS_CERT),
        1
    );
    assert_eq!(server.hits("GET", PAYPAL, SNS_CERT), 0);
    assert_eq!(server.hits("POST", SNS, SNS_CERT), 0);
    assert_eq!(server.total_hits(), 1);
    assert_eq!(server.last_body("GET", SNS, SNS_CERT), Some(Vec::new()));

    // The same path on another of its hosts is another route.
    let wire = request(&ca, server.addr(), "GET", PAYPAL, SNS_CERT, None)
        .await
        .expect("the request");
    assert_eq!(wire.status, 404);
    assert_eq!(server.hits("GET", PAYPAL, SNS_CERT), 1);
    assert_eq!(server.total_hits(), 2);
    assert_eq!(server.handshakes(), 2);

    // A route given again answers anew.
    server.serve("GET", SNS, SNS_CERT, Response::status(500));
    let wire = request(&ca, server.addr(), "GET", SNS, SNS_CERT, None)
        .await
        .expect("the request");
    assert_eq!(wire.status, 500);
    assert_eq!(server.hits("GET", SNS, SNS_CERT), 2);
}

#[tokio::test]
async fn unknown_routes_get_404_and_queries_can_be_routed() {
    let server = KeyServer::start(&[GOOGLE]);
    let ca = server.ca_pem();
    let wire = request(&ca, server.addr(), "GET", GOOGLE, "/oauth2/v3/certs", None)
        .await
        .expect("the request");
    assert_eq!(wire.status, 404);
    assert_eq!(wire.header("content-length"), Some("0"));
    assert_eq!(server.hits("GET", GOOGLE, "/oauth2/v3/certs"), 1);
    assert_eq!(server.total_hits(), 1);

    server.serve("GET", GOOGLE, "/certs?v=2", Response::json("{\"keys\":[]}"));
    server.serve("GET", GOOGLE, "/certs", Response::json("{}"));
    let wire = request(&ca, server.addr(), "GET", GOOGLE, "/certs?v=2", None)
        .await
        .expect("the request");
    assert_eq!(wire.body, b"{\"keys\":[]}");
    let wire = request(&ca, server.addr(), "GET", GOOGLE, "/certs?v=3", None)
        .await
        .expect("the request");
    assert_eq!(wire.body, b"{}");
    assert_eq!(server.hits("GET", GOOGLE, "/certs?v=2"), 1);
    assert_eq!(server.hits("GET", GOOGLE, "/certs"), 1);
}

#[tokio::test]
async fn records_a_posted_body() {
    let server = KeyServer::start(&[PLAID, PLAID_SANDBOX]);
    let path = "/webhook_verification_key/get";
    server.serve(
        "POST",
        PLAID_SANDBOX,
        path,
        Response::json(r#"{"key":{"kid":"k1"}}"#),
    );
    let sent = br#"{"client_id":"id","secret":"s","key_id":"k1"}"#;
    let wire = request(
        &server.ca_pem(),
        server.addr(),
        "POST",
        PLAID_SANDBOX,
        path,
        Some(("application/json", sent)),
    )
    .await
    .expect("the request");
    assert_eq!(wire.status, 200);
    assert_eq!(wire.body, br#"{"key":{"kid":"k1"}}"#);
    assert_eq!(wire.header("content-type"), Some("application/json"));
    assert_eq!(
        server.last_body("POST", PLAID_SANDBOX, path),
        Some(sent.to_vec())
    );
    assert_eq!(
        server
            .last_header("POST", PLAID_SANDBOX, path, "content-type")
            .as_deref(),
        Some("application/json")
    );
    assert_eq!(server.last_body("POST", PLAID, path), None);
    assert_eq!(server.hits("POST", PLAID, path), 0);
}

#[tokio::test]
async fn a_client_trusting_another_ca_is_refused() {
    let server = KeyServer::start(&[PAYPAL]);
    server.serve("GET", PAYPAL, "/cert.pem", Response::ok("text/plain", "x"));
    let error = request(
        &untrusted_ca_pem(),
        server.addr(),
        "GET",
        PAYPAL,
        "/cert.pem",
        None,
    )
    .await
    .expect_err("an unknown CA");
    let problem = certificate_error(&error);
    assert!(
        matches!(
            problem,
            CertificateError::UnknownIssuer | CertificateError::BadSignature
        ),
        "{problem:?}"
    );
    assert_eq!(server.connections(), 1);
    assert_eq!(server.handshakes(), 0);
    assert_eq!(server.total_hits(), 0);
}

#[tokio::test]
async fn a_certificate_for_other_hosts_is_refused() {
    let server = KeyServer::start_with_cert_for(&[GOOGLE], &["oauth2.googleapis.com"]);
    assert_eq!(server.resolve(), vec![(GOOGLE, server.addr())]);
    let error = request(&server.ca_pem(), server.addr(), "GET", GOOGLE, "/", None)
        .await
        .expect_err("a hostname mismatch");
    let problem = certificate_error(&error);
    assert!(
        matches!(
            problem,
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. }
        ),
        "{problem:?}"
    );
    assert_eq!(server.total_hits(), 0);
}

#[tokio::test]
async fn an_expired_certificate_is_refused() {
    let server = KeyServer::start_expired(&[SNS]);
    let error = request(&server.ca_pem(), server.addr(), "GET", SNS, SNS_CERT, None)
        .await
        .expect_err("an expired certificate");
    let problem = certificate_error(&error);
    assert!(
        matches!(
            problem,
            CertificateError::Expired | CertificateError::ExpiredContext { .. }
        ),
        "{problem:?}"
    );
}

#[tokio::test]
async fn a_chunked_body_has_no_length_and_comes_in_pieces() {
    let server = KeyServer::start(&[GOOGLE]);
    let jwks = format!("{{\"keys\":[{}]}}", "{\"kid\":\"a\"},".repeat(20));
    server.serve(
        "GET",
        GOOGLE,
        "/oauth2/v3/certs",
        Response::json(jwks.clone()).chunked(),
    );
    let wire = request(
        &server.ca_pem(),
        server.addr(),
        "GET",
        GOOGLE,
        "/oauth2/v3/certs",
        None,
    )
    .await
    .expect("the request");
    assert_eq!(wire.status, 200);
    assert_eq!(wire.header("content-length"), None);
    assert_eq!(wire.header("transfer-encoding"), Some("chunked"));
    assert_eq!(wire.chunks, Some(4));
    assert_eq!(wire.body, jwks.as_bytes());
}

#[tokio::test]
async fn a_delayed_answer_waits_without_holding_up_others() {
    let server = KeyServer::start(&[PAYPAL]);
    let delay = Duration::from_millis(300);
    server.serve(
        "GET",
        PAYPAL,
        "/slow",
        Response::ok("text/plain", "slow").delayed(delay),
    );
    server.serve("GET", PAYPAL, "/fast", Response::ok("text/plain", "fast"));
    let ca = server.ca_pem();
    let addr = server.addr();

    let started = Instant::now();
    let slow = tokio::spawn({
        let ca = ca.clone();
        async move { request(&ca, addr, "GET", PAYPAL, "/slow", None).await }
    });
    // Until the slow request is in, the fast one could not show anything.
    while server.hits("GET", PAYPAL, "/slow") == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let fast = request(&ca, addr, "GET", PAYPAL, "/fast", None)
        .await
        .expect("the fast request");
    assert_eq!(fast.body, b"fast");
    assert!(started.elapsed() < delay, "{:?}", started.elapsed());
    let slow = slow
        .await
        .expect("the slow task")
        .expect("the slow request");
    assert_eq!(slow.body, b"slow");
    assert!(started.elapsed() >= delay, "{:?}", started.elapsed());
}

/// Without a runtime of the test's own, and stopped when dropped.
#[test]
fn works_from_a_plain_test_and_stops_when_dropped() {
    let server = KeyServer::start(&[SNS]);
    server.serve("GET", SNS, SNS_CERT, Response::ok("text/plain", "pem"));
    let (ca, addr) = (server.ca_pem(), server.addr());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime for the client");
    let wire = runtime
        .block_on(request(&ca, addr, "GET", SNS, SNS_CERT, None))
        .expect("the request");
    assert_eq!(wire.body, b"pem");

    drop(server);
    let refused = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(1));
    assert!(refused.is_err(), "still listening after drop");
}
