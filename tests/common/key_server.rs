//! A loopback HTTPS server playing the providers' key hosts (AWS SNS's certificate hosts,
//! `api.paypal.com`, `www.googleapis.com`, Plaid's API hosts…) for the fetch tests: included
//! with `#[path = "common/key_server.rs"] mod key_server;`.
//!
//! Each server makes its own test CA (`rcgen`, ECDSA P-256) and one leaf certificate for its
//! hosts signed by it, listens on `127.0.0.1:0`, and answers the routes a test gives it
//! (method, `Host` without its port, path). It runs on a Tokio runtime of its own, on a
//! background thread, so `#[test]` and `#[tokio::test]` tests alike can use it; it stops
//! when dropped. A client reaches it by trusting [`KeyServer::ca_pem`] and sending each host
//! to [`KeyServer::addr`] (see [`KeyServer::resolve`]).

// Each includer uses part of this.
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, ready};
use std::thread::JoinHandle;
use std::time::Duration;

use http_body_util::BodyExt as _;
use hyper::body::{Body, Bytes, Frame, Incoming, SizeHint};
use hyper::header::{CONTENT_TYPE, HOST, HeaderName, HeaderValue};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DistinguishedName, DnType,
    ExtendedKeyUsagePurpose, IsCa, KeyPair, KeyUsagePurpose,
};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::TlsAcceptor;

/// The common name of every test CA, [`untrusted_ca_pem`]'s included: an untrusted CA then
/// differs from the server's by its key alone.
const CA_NAME: &str = "hookverify test CA";

/// How many pieces a [`Response::chunked`] body is sent in, at most.
const CHUNKS: usize = 4;

/// The pause between two pieces of a [`Response::chunked`] body, so that each goes out on
/// its own.
const CHUNK_GAP: Duration = Duration::from_millis(5);

/// A route: upper-case method, lower-case host without port, path (with the query when the
/// route was given one).
type RouteKey = (String, String, String);

/// What a route answers: status, `Content-Type`, body, and how.
#[derive(Clone, Debug)]
pub(crate) struct Response {
    status: u16,
    content_type: String,
    body: Bytes,
    headers: Vec<(String, String)>,
    delay: Duration,
    chunked: bool,
}

impl Response {
    /// A 200 with this `Content-Type` and body, sent at once with a `Content-Length`.
    pub(crate) fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status: 200,
            content_type: content_type.to_owned(),
            body: Bytes::from(body.into()),
            headers: Vec::new(),
            delay: Duration::ZERO,
            chunked: false,
        }
    }

    /// A 200 with a JSON body (`application/json`).
    pub(crate) fn json(body: impl Into<Vec<u8>>) -> Response {
        Response::ok("application/json", body)
    }

    /// This status with an empty body and no `Content-Type`.
    ///
    /// # Panics
    ///
    /// When sent, if `code` is not a valid HTTP status (100 to 999).
    pub(crate) fn status(code: u16) -> Response {
        Response::ok("", Vec::new()).with_status(code)
    }

    /// The same response with another status (a body with a 500, say).
    pub(crate) fn with_status(mut self, code: u16) -> Response {
        self.status = code;
        self
    }

    /// The same response with one more header (`Location` for a redirect, say).
    ///
    /// # Panics
    ///
    /// When sent, if the name or value is not a valid header.
    pub(crate) fn with_header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The same response, sent only `delay` after the request's body was read (its
    /// headers included): for client timeouts.
    pub(crate) fn delayed(mut self, delay: Duration) -> Response {
        self.delay = delay;
        self
    }

    /// The same response without `Content-Length`: its body goes out with
    /// `Transfer-Encoding: chunked`, in up to four pieces 5 ms apart.
    pub(crate) fn chunked(mut self) -> Response {
        self.chunked = true;
        self
    }

    /// The hyper response to send.
    fn to_hyper(&self) -> hyper::Response<Reply> {
        let mut response = hyper::Response::new(Reply::new(&self.body, self.chunked));
        *response.status_mut() = hyper::StatusCode::from_u16(self.status)
            .unwrap_or_else(|e| panic!("{} is not an HTTP status: {e}", self.status));
        let headers = response.headers_mut();
        if !self.content_type.is_empty() {
            let value = HeaderValue::from_str(&self.content_type)
                .unwrap_or_else(|e| panic!("{:?} is not a header value: {e}", self.content_type));
            headers.insert(CONTENT_TYPE, value);
        }
        for (name, value) in &self.headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .unwrap_or_else(|e| panic!("{name:?} is not a header name: {e}"));
            let value = HeaderValue::from_str(value)
                .unwrap_or_else(|e| panic!("{value:?} is not a header value: {e}"));
            headers.append(name, value);
        }
        response
    }
}

/// A response body: one piece with its length known, or pieces of unknown total length
/// (which hyper sends chunked) with a pause between them.
struct Reply {
    pieces: VecDeque<Bytes>,
    chunked: bool,
    pause: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl Reply {
    /// `body`, whole or in up to [`CHUNKS`] pieces.
    fn new(body: &Bytes, chunked: bool) -> Reply {
        let pieces = if body.is_empty() {
            VecDeque::new()
        } else if chunked {
            let size = body.len().div_ceil(CHUNKS);
            (0..body.len())
                .step_by(size)
                .map(|start| body.slice(start..body.len().min(start + size)))
                .collect()
        } else {
            VecDeque::from([body.clone()])
        };
        Reply {
            pieces,
            chunked,
            pause: None,
        }
    }
}

impl Body for Reply {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = self.get_mut();
        if let Some(pause) = this.pause.as_mut() {
            ready!(pause.as_mut().poll(cx));
            this.pause = None;
        }
        let Some(piece) = this.pieces.pop_front() else {
            return Poll::Ready(None);
        };
        if this.chunked && !this.pieces.is_empty() {
            this.pause = Some(Box::pin(tokio::time::sleep(CHUNK_GAP)));
        }
        Poll::Ready(Some(Ok(Frame::data(piece))))
    }

    fn is_end_stream(&self) -> bool {
        self.pieces.is_empty() && self.pause.is_none()
    }

    fn size_hint(&self) -> SizeHint {
        if self.chunked {
            SizeHint::default()
        } else {
            let len = self.pieces.iter().map(Bytes::len).sum::<usize>();
            SizeHint::with_exact(len as u64)
        }
    }
}

/// The last request a route received.
#[derive(Debug)]
struct Received {
    headers: hyper::HeaderMap,
    body: Vec<u8>,
}

/// What the server knows and has seen, behind [`Shared::state`].
#[derive(Debug, Default)]
struct State {
    routes: HashMap<RouteKey, Response>,
    /// `POST` routes chosen by the JSON of the request's body (Plaid's key endpoint).
    json_routes: Vec<(RouteKey, serde_json::Value, Response)>,
    hits: HashMap<RouteKey, usize>,
    last: HashMap<RouteKey, Received>,
    total_hits: usize,
    connections: usize,
    handshakes: usize,
}

/// What the server's thread and the test share.
#[derive(Debug, Default)]
struct Shared {
    stopping: AtomicBool,
    state: Mutex<State>,
}

impl Shared {
    /// The state, even after a panic elsewhere (every update leaves it consistent).
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A running loopback HTTPS server for some hosts, stopped when dropped.
pub(crate) struct KeyServer {
    addr: SocketAddr,
    hosts: Vec<String>,
    ca_pem: String,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl fmt::Debug for KeyServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyServer")
            .field("addr", &self.addr)
            .field("hosts", &self.hosts)
            .finish_non_exhaustive()
    }
}

impl KeyServer {
    /// Starts a server for `hosts`, with a certificate for all of them (their subject
    /// alternative names) signed by a fresh test CA.
    ///
    /// # Panics
    ///
    /// When `hosts` is empty, or the certificates, the port or the thread cannot be had.
    pub(crate) fn start(hosts: &[&str]) -> KeyServer {
        KeyServer::launch(hosts, hosts, false)
    }

    /// Starts a server for `hosts` (what [`resolve`](Self::resolve) sends to it) whose
    /// certificate names `cert_hosts` instead: for hostname mismatches.
    ///
    /// # Panics
    ///
    /// As [`start`](Self::start), and when `cert_hosts` is empty.
    pub(crate) fn start_with_cert_for(hosts: &[&str], cert_hosts: &[&str]) -> KeyServer {
        KeyServer::launch(hosts, cert_hosts, false)
    }

    /// Starts a server for `hosts` whose certificate, from the test CA, expired in 2001.
    ///
    /// # Panics
    ///
    /// As [`start`](Self::start).
    pub(crate) fn start_expired(hosts: &[&str]) -> KeyServer {
        KeyServer::launch(hosts, hosts, true)
    }

    /// The test CA's certificate (PEM), the one root a client must trust.
    pub(crate) fn ca_pem(&self) -> String {
        self.ca_pem.clone()
    }

    /// Where the server listens: `127.0.0.1` and an ephemeral port.
    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The hosts the server plays.
    pub(crate) fn hosts(&self) -> Vec<&str> {
        self.hosts.iter().map(String::as_str).collect()
    }

    /// Each host with [`addr`](Self::addr), as
    /// `hookverify::dangerous::https_fetcher_for_tests(roots_pem, &server.resolve())` takes
    /// them.
    pub(crate) fn resolve(&self) -> Vec<(&str, SocketAddr)> {
        self.hosts
            .iter()
            .map(|host| (host.as_str(), self.addr))
            .collect()
    }

    /// Answers `method` on `https://{host}{path}` with `response` from now on, in place of
    /// any earlier answer. `host` is matched without case and without port, `method`
    /// without case; `path` is matched against the request's path, or against its path
    /// and query when it has a `?`. Requests for other routes get a 404.
    pub(crate) fn serve(&self, method: &str, host: &str, path: &str, response: Response) {
        self.shared
            .state()
            .routes
            .insert(route_key(method, host, path), response);
    }

    /// Adds a `POST` route answered only when the request's body is `request_json` (as
    /// JSON: key order and spacing do not matter); it wins over [`serve`](Self::serve)'s
    /// route for the same path.
    pub(crate) fn serve_json_post(
        &self,
        host: &str,
        path: &str,
        request_json: serde_json::Value,
        response: Response,
    ) {
        self.shared.state().json_routes.push((
            route_key("POST", host, path),
            request_json,
            response,
        ));
    }

    /// Stops answering a route (it then gets 404s).
    pub(crate) fn unserve(&self, method: &str, host: &str, path: &str) {
        self.shared
            .state()
            .routes
            .remove(&route_key(method, host, path));
    }

    /// How many requests reached `method` on `https://{host}{path}`, served or not (an
    /// unknown route is counted under its path, without query).
    pub(crate) fn hits(&self, method: &str, host: &str, path: &str) -> usize {
        let key = route_key(method, host, path);
        self.shared.state().hits.get(&key).copied().unwrap_or(0)
    }

    /// How many HTTP requests the server received, for any route, known or not. A
    /// connection whose TLS handshake failed sent none: see
    /// [`connections`](Self::connections) and [`handshakes`](Self::handshakes).
    pub(crate) fn total_hits(&self) -> usize {
        self.shared.state().total_hits
    }

    /// How many TCP connections the server accepted.
    pub(crate) fn connections(&self) -> usize {
        self.shared.state().connections
    }

    /// How many connections completed their TLS handshake.
    pub(crate) fn handshakes(&self) -> usize {
        self.shared.state().handshakes
    }

    /// The body of the last request to `method` on `https://{host}{path}` (empty for a
    /// GET), or `None` before any.
    pub(crate) fn last_body(&self, method: &str, host: &str, path: &str) -> Option<Vec<u8>> {
        let key = route_key(method, host, path);
        self.shared
            .state()
            .last
            .get(&key)
            .map(|request| request.body.clone())
    }

    /// A header (the first of that name) of the last request to `method` on
    /// `https://{host}{path}`, or `None` before any or without that header.
    pub(crate) fn last_header(
        &self,
        method: &str,
        host: &str,
        path: &str,
        name: &str,
    ) -> Option<String> {
        let key = route_key(method, host, path);
        let state = self.shared.state();
        let value = state.last.get(&key)?.headers.get(name)?;
        Some(String::from_utf8_lossy(value.as_bytes()).into_owned())
    }

    /// Makes the certificates, binds the port and starts the thread.
    fn launch(hosts: &[&str], cert_hosts: &[&str], expired: bool) -> KeyServer {
        assert!(!hosts.is_empty(), "a key server needs at least one host");
        assert!(
            !cert_hosts.is_empty(),
            "a key server's certificate needs at least one host"
        );
        let ca = test_ca();
        let (leaf, leaf_key) = leaf_cert(&ca, cert_hosts, expired);
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
        // `ring` has no post-quantum key exchange, which rustls 0.23.48 marks by
        // deprecating its provider; these tests need none.
        #[allow(deprecated)]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("ring's provider supports the default TLS versions")
            .with_no_client_auth()
            .with_single_cert(vec![leaf], key)
            .expect("the leaf certificate and its key make a server config");
        let acceptor = TlsAcceptor::from(Arc::new(config));

        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port for the server");
        listener
            .set_nonblocking(true)
            .expect("a non-blocking listener for Tokio");
        let addr = listener.local_addr().expect("the listener's local address");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a Tokio runtime for the key server");
        let shared = Arc::new(Shared::default());
        let thread = std::thread::Builder::new()
            .name(format!("key-server-{}", addr.port()))
            .spawn({
                let shared = Arc::clone(&shared);
                move || {
                    runtime.block_on(async move {
                        let listener = tokio::net::TcpListener::from_std(listener)
                            .expect("the listener registered with Tokio");
                        accept_loop(listener, acceptor, shared).await;
                    });
                    // Dropping the runtime here drops the connections still open.
                }
            })
            .expect("a thread for the key server");
        KeyServer {
            addr,
            hosts: hosts.iter().map(|host| (*host).to_owned()).collect(),
            ca_pem: ca.pem(),
            shared,
            thread: Some(thread),
        }
    }
}

impl Drop for KeyServer {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        // Wakes the accept loop, which then sees `stopping`.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A CA that did not sign any server's certificate, though it has the same name as theirs:
/// a client trusting it alone must refuse every [`KeyServer`].
pub(crate) fn untrusted_ca_pem() -> String {
    test_ca().pem()
}

/// A fresh self-signed CA with a new ECDSA P-256 key, named [`CA_NAME`].
fn test_ca() -> CertifiedIssuer<'static, KeyPair> {
    let mut params = CertificateParams::default();
    params.distinguished_name = DistinguishedName::new();
    params.distinguished_name.push(DnType::CommonName, CA_NAME);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let key = KeyPair::generate().expect("an ECDSA P-256 key for the test CA");
    CertifiedIssuer::self_signed(params, key).expect("the test CA's certificate")
}

/// A server certificate for `hosts` signed by `ca`, valid from 1975 to 4096 or, when
/// `expired`, during 2000 only; and its key.
fn leaf_cert(
    ca: &CertifiedIssuer<'static, KeyPair>,
    hosts: &[&str],
    expired: bool,
) -> (rustls::pki_types::CertificateDer<'static>, KeyPair) {
    let names: Vec<String> = hosts.iter().map(|host| (*host).to_owned()).collect();
    let mut params =
        CertificateParams::new(names).expect("the hosts are DNS names or IP addresses");
    params.distinguished_name = DistinguishedName::new();
    params.distinguished_name.push(DnType::CommonName, hosts[0]);
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.use_authority_key_identifier_extension = true;
    if expired {
        params.not_before = rcgen::date_time_ymd(2000, 1, 1);
        params.not_after = rcgen::date_time_ymd(2001, 1, 1);
    }
    let key = KeyPair::generate().expect("an ECDSA P-256 key for the server");
    let cert = params
        .signed_by(&key, ca)
        .expect("the server's certificate signed by the test CA");
    (cert.der().clone(), key)
}

/// Accepts connections until the server is dropped, each served on a task of its own.
async fn accept_loop(
    listener: tokio::net::TcpListener,
    acceptor: TlsAcceptor,
    shared: Arc<Shared>,
) {
    loop {
        let tcp = match listener.accept().await {
            Ok((tcp, _)) => tcp,
            Err(_) => {
                // Out of file descriptors, say: wait rather than spin.
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        shared.state().connections += 1;
        tokio::spawn(serve_connection(tcp, acceptor.clone(), Arc::clone(&shared)));
    }
}

/// The TLS handshake, then HTTP/1.1 (keep-alive) on one connection. Failures (a client
/// refusing the certificate, going away) end the connection and are otherwise ignored: the
/// client reports them.
async fn serve_connection(tcp: tokio::net::TcpStream, acceptor: TlsAcceptor, shared: Arc<Shared>) {
    let Ok(tls) = acceptor.accept(tcp).await else {
        return;
    };
    shared.state().handshakes += 1;
    let service = service_fn(move |request| answer(Arc::clone(&shared), request));
    let _ = hyper::server::conn::http1::Builder::new()
        .serve_connection(TokioIo::new(tls), service)
        .await;
}

/// Records a request and answers it from its route, or with a 404.
async fn answer(
    shared: Arc<Shared>,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<Reply>, Infallible> {
    let (parts, body) = request.into_parts();
    let host = parts
        .headers
        .get(HOST)
        .and_then(|host| host.to_str().ok())
        .or_else(|| parts.uri.host())
        .unwrap_or_default();
    let host = without_port(host);
    let path = parts.uri.path();
    let with_query = parts.uri.path_and_query().map_or(path, |pq| pq.as_str());
    let body = match body.collect().await {
        Ok(body) => body.to_bytes().to_vec(),
        // The client went away mid-body: nobody to answer.
        Err(_) => Vec::new(),
    };

    let response = {
        let mut state = shared.state();
        let exact = route_key(parts.method.as_str(), host, with_query);
        let key = if with_query != path && state.routes.contains_key(&exact) {
            exact
        } else {
            route_key(parts.method.as_str(), host, path)
        };
        state.total_hits += 1;
        *state.hits.entry(key.clone()).or_insert(0) += 1;
        let sent: Option<serde_json::Value> = serde_json::from_slice(&body).ok();
        let by_json = state
            .json_routes
            .iter()
            .find(|(route, json, _)| *route == key && sent.as_ref() == Some(json))
            .map(|(_, _, response)| response.clone());
        let response = by_json.or_else(|| state.routes.get(&key).cloned());
        state.last.insert(
            key,
            Received {
                headers: parts.headers.clone(),
                body,
            },
        );
        response
    };
    let response = response.unwrap_or_else(|| Response::status(404));
    if !response.delay.is_zero() {
        tokio::time::sleep(response.delay).await;
    }
    Ok(response.to_hyper())
}

/// A route's key, normalised.
fn route_key(method: &str, host: &str, path: &str) -> RouteKey {
    (
        method.to_ascii_uppercase(),
        without_port(host).to_ascii_lowercase(),
        path.to_owned(),
    )
}

/// A `Host` header's host: without its port, an IPv6 address keeping its brackets.
fn without_port(host: &str) -> &str {
    if host.starts_with('[') {
        return host.find(']').map_or(host, |end| &host[..=end]);
    }
    host.split_once(':').map_or(host, |(name, _)| name)
}
