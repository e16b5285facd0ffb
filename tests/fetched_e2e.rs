//! The presets whose keys are fetched (AWS SNS, Google Cloud Pub/Sub, PayPal, Plaid) behind
//! each integration (axum's extractors, actix-web's extractors, the tower `WebhookLayer`),
//! over real HTTP on loopback: a real client (`ureq`) posts the requests of
//! `tests/data/vectors/fetched_keys.json` to the app, whose endpoints fetch their keys from
//! a loopback HTTPS key server (`tests/common/key_server.rs`) playing the providers' hosts.
//!
//! Every test starts its own key servers and its own app, so the fetchers' caches and the
//! key servers' counters belong to it alone. The verifiers read a fixed clock, the vectors'
//! `now`: the certificates and tokens have validity periods.
#![cfg(all(
    feature = "fetch",
    feature = "jwt",
    feature = "axum",
    feature = "actix",
    feature = "tower"
))]

#[path = "common/fetched_vectors.rs"]
mod fetched_vectors;
#[path = "common/key_server.rs"]
mod key_server;

use std::net::SocketAddr;
use std::time::Duration;

use fetched_vectors::{
    Case, SNS_CERT_PATH, SNS_HOST, case, clock, config, documents_server, fetcher, header,
    sns_certificate, vectors,
};
use hookverify::dedupe::MemoryGuard;
use hookverify::fetch::KeyFetcher;
use hookverify::integrations::{Endpoint, Webhook, WebhookLayer};
use hookverify::providers::{aws_sns, google_pubsub, paypal, plaid};
use hookverify::{Secret, Verified};
use key_server::{KeyServer, Response};
use serde_json::{Value, json};
use time::OffsetDateTime;

/// The topic of the SNS vectors, the one the SNS endpoints accept.
const TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:hookverify-orders";

/// The genuine SNS notification every SNS test sends (signature version 1, with a
/// subject), and another genuine one with the same certificate (version 2, no subject).
const SNS_GENUINE: &str = "sns v1 notification with subject genuine";
const SNS_GENUINE_TOO: &str = "sns v2 notification without subject genuine";

// ---------------------------------------------------------------------------------------
// The vectors.

/// The case's body as JSON.
fn body_json(c: &Case) -> Value {
    serde_json::from_str(&c.body).unwrap_or_else(|e| panic!("{}: body: {e}", c.name))
}

/// The (host, path) a key server would be asked for at a cert URL the pin refuses, when
/// it is an `https` URL on a DNS name (not an IP literal): the decoy route that a fetcher
/// that ignored the pin would reach.
fn decoy_route(url: &str) -> Option<(String, String)> {
    let rest = url.strip_prefix("https://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..end].rsplit('@').next()?;
    let host = host.split(':').next()?;
    if host.is_empty() || host.starts_with('[') || host.parse::<std::net::Ipv4Addr>().is_ok() {
        return None;
    }
    let path = rest[end..].split(['?', '#']).next().unwrap_or_default();
    let path = if path.is_empty() { "/" } else { path };
    Some((host.to_ascii_lowercase(), path.to_owned()))
}

/// The SNS vectors whose `SigningCertURL` is off SNS's hosts or paths.
fn untrusted_sns_cases() -> Vec<&'static Case> {
    let cases: Vec<&Case> = vectors()
        .cases
        .iter()
        .filter(|c| c.provider == "sns" && c.expect == "untrusted_url")
        .collect();
    assert!(cases.len() >= 10, "only {} untrusted URL rows", cases.len());
    cases
}

// ---------------------------------------------------------------------------------------
// The key servers.

/// A key server playing every host the documents name, serving them; and, as decoys,
/// every DNS host of the untrusted SNS cert URLs, serving SNS's genuine certificate at
/// their paths: a fetcher that ignored the pin would get a certificate that verifies.
fn key_server() -> KeyServer {
    let decoys: Vec<(String, String)> = untrusted_sns_cases()
        .iter()
        .filter_map(|c| decoy_route(body_json(c)["SigningCertURL"].as_str()?))
        .collect();
    assert!(decoys.len() >= 10, "only {} decoy routes", decoys.len());
    let decoy_hosts: Vec<&str> = decoys.iter().map(|(host, _)| host.as_str()).collect();
    let server = documents_server(&decoy_hosts);
    for (host, path) in &decoys {
        server.serve(
            "GET",
            host,
            path,
            Response::ok("application/x-pem-file", sns_certificate()),
        );
    }
    server
}

/// A key server for SNS's certificate host that answers its certificate's URL with a 500.
fn broken_sns_key_server() -> KeyServer {
    let server = KeyServer::start(&[SNS_HOST]);
    server.serve(
        "GET",
        SNS_HOST,
        SNS_CERT_PATH,
        Response::ok("text/plain", "internal error").with_status(500),
    );
    server
}

/// A fetcher whose key server (for SNS's certificate host) is down: it was started, the
/// fetcher was pointed at it, and it was stopped.
fn fetcher_of_a_server_that_is_down() -> KeyFetcher {
    let server = KeyServer::start(&[SNS_HOST]);
    let fetcher = fetcher(&server);
    drop(server);
    fetcher
}

// ---------------------------------------------------------------------------------------
// The endpoints, and what their handlers answer.

/// One app's endpoints, each on its own route.
#[derive(Clone)]
struct Endpoints {
    /// `/sns`: SNS, its certificate fetched from the genuine key server.
    sns: Endpoint<aws_sns::Message>,
    /// `/sns-broken`: SNS, its certificate fetched from a key server answering 500 (until
    /// a test mends it); it deduplicates, so a refused delivery must not be recorded.
    sns_broken: Endpoint<aws_sns::Message>,
    /// `/sns-down`: SNS, its certificate fetched from a key server that is down.
    sns_down: Endpoint<aws_sns::Message>,
    /// `/pubsub`: Google Cloud Pub/Sub.
    pubsub: Endpoint<google_pubsub::Push>,
    /// `/paypal`: PayPal.
    paypal: Endpoint<Value>,
    /// `/plaid`: Plaid (sandbox).
    plaid: Endpoint<Value>,
}

fn sns_endpoint(fetcher: KeyFetcher) -> Endpoint<aws_sns::Message> {
    Endpoint::new(
        aws_sns::verifier(fetcher)
            .topics([TOPIC])
            .with_clock(clock()),
    )
}

impl Endpoints {
    fn new(keys: &KeyServer, broken: &KeyServer) -> Endpoints {
        let pubsub = case("pubsub genuine (first JWKS key)");
        let paypal = case("paypal live api.paypal.com genuine (body CRC32 >= 2^31)");
        let plaid = case("plaid sandbox genuine");
        assert_eq!(config(plaid, "environment"), "sandbox");
        Endpoints {
            sns: sns_endpoint(fetcher(keys)),
            sns_broken: sns_endpoint(fetcher(broken))
                .dedupe(MemoryGuard::new(100, Duration::from_secs(3600))),
            sns_down: sns_endpoint(fetcher_of_a_server_that_is_down()),
            pubsub: Endpoint::new(
                google_pubsub::verifier(
                    config(pubsub, "audience"),
                    config(pubsub, "service_account_email"),
                    fetcher(keys),
                )
                .with_clock(clock()),
            ),
            paypal: Endpoint::new(
                paypal::verifier(config(paypal, "webhook_id"), fetcher(keys)).with_clock(clock()),
            ),
            plaid: Endpoint::new(
                plaid::verifier(
                    plaid::Environment::Sandbox,
                    config(plaid, "client_id"),
                    Secret::new(config(plaid, "secret")),
                    fetcher(keys),
                )
                .with_clock(clock()),
            ),
        }
    }
}

/// What every SNS handler answers: the verified message, as parsed by the handler.
fn sns_answer(message: &aws_sns::Message, verified: &Verified<'_>) -> Value {
    match message {
        aws_sns::Message::Notification(n) => json!({
            "type": "Notification",
            "message": n.message,
            "subject": n.subject,
            "message_id": n.message_id,
            "topic_arn": n.topic_arn,
            "timestamp": n.timestamp.unix_timestamp(),
            "delivery_id": verified.delivery_id(),
            "key_index": verified.key_index(),
        }),
        aws_sns::Message::SubscriptionConfirmation(_) => {
            json!({ "type": "SubscriptionConfirmation" })
        }
        aws_sns::Message::UnsubscribeConfirmation(_) => {
            json!({ "type": "UnsubscribeConfirmation" })
        }
        _ => json!({ "type": "other" }),
    }
}

/// What every Pub/Sub handler answers.
fn pubsub_answer(push: &google_pubsub::Push, verified: &Verified<'_>) -> Value {
    json!({
        "message_id": push.message.message_id,
        "data": push.message.data,
        "subscription": push.subscription,
        "key_index": verified.key_index(),
    })
}

/// What the PayPal and Plaid handlers answer: the event as they parsed it.
fn json_answer(event: &Value, verified: &Verified<'_>) -> Value {
    json!({
        "event": event,
        "delivery_id": verified.delivery_id(),
        "key_index": verified.key_index(),
    })
}

// ---------------------------------------------------------------------------------------
// The apps.

#[derive(Clone, Copy, Debug)]
enum Framework {
    Axum,
    Actix,
    Tower,
}

/// axum's extractors, each route with its own endpoint as its state.
mod axum_app {
    use super::*;
    use axum::routing::post;
    use axum::{Json, Router};

    async fn sns(
        Webhook {
            event, verified, ..
        }: Webhook<aws_sns::Message>,
    ) -> Json<Value> {
        Json(sns_answer(&event, &verified))
    }

    async fn pubsub(
        Webhook {
            event, verified, ..
        }: Webhook<google_pubsub::Push>,
    ) -> Json<Value> {
        Json(pubsub_answer(&event, &verified))
    }

    async fn event(
        Webhook {
            event, verified, ..
        }: Webhook<Value>,
    ) -> Json<Value> {
        Json(json_answer(&event, &verified))
    }

    pub(super) fn app(e: Endpoints) -> Router {
        Router::new()
            .merge(Router::new().route("/sns", post(sns)).with_state(e.sns))
            .merge(
                Router::new()
                    .route("/sns-broken", post(sns))
                    .with_state(e.sns_broken),
            )
            .merge(
                Router::new()
                    .route("/sns-down", post(sns))
                    .with_state(e.sns_down),
            )
            .merge(
                Router::new()
                    .route("/pubsub", post(pubsub))
                    .with_state(e.pubsub),
            )
            .merge(
                Router::new()
                    .route("/paypal", post(event))
                    .with_state(e.paypal),
            )
            .merge(
                Router::new()
                    .route("/plaid", post(event))
                    .with_state(e.plaid),
            )
    }
}

/// The tower layer in front of plain axum handlers that read the `Verified` extension.
mod tower_app {
    use super::*;
    use axum::routing::post;
    use axum::{Extension, Json, Router};

    async fn sns(Extension(verified): Extension<Verified<'static>>) -> Json<Value> {
        let message: aws_sns::Message = verified.json().expect("a verified SNS message");
        Json(sns_answer(&message, &verified))
    }

    async fn pubsub(Extension(verified): Extension<Verified<'static>>) -> Json<Value> {
        let push: google_pubsub::Push = verified.json().expect("a verified push");
        Json(pubsub_answer(&push, &verified))
    }

    async fn event(Extension(verified): Extension<Verified<'static>>) -> Json<Value> {
        let event: Value = verified.json().expect("a verified JSON event");
        Json(json_answer(&event, &verified))
    }

    pub(super) fn app(e: Endpoints) -> Router {
        Router::new()
            .route("/sns", post(sns).layer(WebhookLayer::from(e.sns)))
            .route(
                "/sns-broken",
                post(sns).layer(WebhookLayer::from(e.sns_broken)),
            )
            .route("/sns-down", post(sns).layer(WebhookLayer::from(e.sns_down)))
            .route("/pubsub", post(pubsub).layer(WebhookLayer::from(e.pubsub)))
            .route("/paypal", post(event).layer(WebhookLayer::from(e.paypal)))
            .route("/plaid", post(event).layer(WebhookLayer::from(e.plaid)))
    }
}

/// actix-web's extractors, each resource with its own endpoint in its data.
mod actix_app {
    use super::*;
    use actix_web::{App, HttpResponse, HttpServer, web};

    async fn sns(
        Webhook {
            event, verified, ..
        }: Webhook<aws_sns::Message>,
    ) -> HttpResponse {
        HttpResponse::Ok().json(sns_answer(&event, &verified))
    }

    async fn pubsub(
        Webhook {
            event, verified, ..
        }: Webhook<google_pubsub::Push>,
    ) -> HttpResponse {
        HttpResponse::Ok().json(pubsub_answer(&event, &verified))
    }

    async fn event(
        Webhook {
            event, verified, ..
        }: Webhook<Value>,
    ) -> HttpResponse {
        HttpResponse::Ok().json(json_answer(&event, &verified))
    }

    fn resource<K: 'static>(
        path: &str,
        endpoint: &Endpoint<K>,
        handler: impl actix_web::Handler<(Webhook<K>,), Output = HttpResponse>,
    ) -> actix_web::Resource
    where
        Webhook<K>: actix_web::FromRequest,
    {
        web::resource(path)
            .app_data(web::Data::new(endpoint.clone()))
            .route(web::post().to(handler))
    }

    /// Serves the endpoints on `listener` until stopped through the returned handle.
    pub(super) fn server(
        listener: std::net::TcpListener,
        e: Endpoints,
    ) -> std::io::Result<actix_web::dev::Server> {
        let server = HttpServer::new(move || {
            App::new()
                .service(resource("/sns", &e.sns, sns))
                .service(resource("/sns-broken", &e.sns_broken, sns))
                .service(resource("/sns-down", &e.sns_down, sns))
                .service(resource("/pubsub", &e.pubsub, pubsub))
                .service(resource("/paypal", &e.paypal, event))
                .service(resource("/plaid", &e.plaid, event))
        })
        .workers(1)
        .disable_signals()
        .listen(listener)?
        .run();
        Ok(server)
    }
}

/// Serves an axum router on an ephemeral loopback port, on a runtime of its own thread,
/// until the returned sender is dropped.
fn serve_axum(app: axum::Router) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime for the app");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("a loopback port for the app");
            addr_tx.send(listener.local_addr().unwrap()).unwrap();
            axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stop_rx.await;
                })
                .await
                .expect("the app serves");
        });
    });
    let addr = addr_rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the app starts");
    (addr, stop_tx)
}

/// Serves the endpoints with actix-web on an ephemeral loopback port, in an actix system
/// of its own thread; returns its address and its handle.
fn serve_actix(endpoints: Endpoints) -> (SocketAddr, actix_web::dev::ServerHandle) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let listener =
            std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port for the app");
        let addr = listener.local_addr().unwrap();
        actix_web::rt::System::new().block_on(async move {
            let server = actix_app::server(listener, endpoints).expect("the app starts");
            tx.send((addr, server.handle())).unwrap();
            server.await.expect("the app serves");
        });
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("the app starts")
}

/// One answer of the app.
#[derive(Debug)]
struct Answer {
    status: u16,
    content_type: String,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }

    /// Asserts that this is the crate's JSON refusal with `status`, whose message
    /// contains each of `needles`.
    fn assert_refused(&self, status: u16, needles: &[&str]) {
        assert_eq!(self.status, status, "{self:?}");
        assert_eq!(self.content_type, "application/json", "{self:?}");
        let json = self.json();
        let fields = json.as_object().expect("a JSON object");
        assert_eq!(fields.len(), 2, "only `error` and `status`: {self:?}");
        assert_eq!(json["status"], status, "{self:?}");
        let error = json["error"].as_str().expect("`error` is a string");
        for needle in needles {
            assert!(error.contains(needle), "{needle:?} not in {error:?}");
        }
    }
}

/// A running app with its key servers, stopped when dropped.
struct Stack {
    framework: Framework,
    addr: SocketAddr,
    /// The key server playing every provider's hosts (and the decoys).
    keys: KeyServer,
    /// The key server behind `/sns-broken`.
    broken: KeyServer,
    agent: ureq::Agent,
    stop: Option<Box<dyn FnOnce() + Send + Sync>>,
}

impl Stack {
    fn start(framework: Framework) -> Stack {
        let keys = key_server();
        let broken = broken_sns_key_server();
        let endpoints = Endpoints::new(&keys, &broken);
        let (addr, stop): (SocketAddr, Box<dyn FnOnce() + Send + Sync>) = match framework {
            Framework::Axum => {
                let (addr, tx) = serve_axum(axum_app::app(endpoints));
                (addr, Box::new(move || drop(tx)))
            }
            Framework::Tower => {
                let (addr, tx) = serve_axum(tower_app::app(endpoints));
                (addr, Box::new(move || drop(tx)))
            }
            Framework::Actix => {
                let (addr, handle) = serve_actix(endpoints);
                (
                    addr,
                    Box::new(move || {
                        // The command is sent when called; nobody waits for the end.
                        drop(handle.stop(false));
                    }),
                )
            }
        };
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .into();
        Stack {
            framework,
            addr,
            keys,
            broken,
            agent,
            stop: Some(stop),
        }
    }

    /// POSTs `body` with `headers` to `path` with a real HTTP client.
    fn post_raw(&self, path: &str, headers: &[(String, String)], body: &str) -> Answer {
        let url = format!("http://{}{path}", self.addr);
        let mut request = self.agent.post(&url);
        for (name, value) in headers {
            request = request.header(name.as_str(), value.as_str());
        }
        let mut response = request
            .send(body.as_bytes())
            .unwrap_or_else(|e| panic!("{:?} POST {path}: {e}", self.framework));
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let body = response.body_mut().read_to_string().unwrap();
        Answer {
            status,
            content_type,
            body,
        }
    }

    /// POSTs a vector's request to `path`.
    fn post(&self, path: &str, c: &Case) -> Answer {
        self.post_raw(path, &c.headers, &c.body)
    }

    /// How many times the genuine SNS certificate was asked for.
    fn sns_cert_hits(&self) -> usize {
        self.keys.hits("GET", SNS_HOST, SNS_CERT_PATH)
    }
}

impl Drop for Stack {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            stop();
        }
    }
}

/// What the SNS handlers answer for a genuine notification `c`, from its body.
fn expected_sns_answer(c: &Case) -> Value {
    let body = body_json(c);
    let timestamp = OffsetDateTime::parse(
        body["Timestamp"].as_str().expect("a Timestamp"),
        &time::format_description::well_known::Rfc3339,
    )
    .expect("an RFC 3339 Timestamp");
    json!({
        "type": "Notification",
        "message": body["Message"],
        "subject": body.get("Subject").cloned().unwrap_or(Value::Null),
        "message_id": body["MessageId"],
        "topic_arn": body["TopicArn"],
        "timestamp": timestamp.unix_timestamp(),
        "delivery_id": body["MessageId"],
        "key_index": c.key_index.expect("a genuine case's key"),
    })
}

// ---------------------------------------------------------------------------------------
// The scenarios, run for each framework.

/// A genuine SNS notification reaches the handler, which sees the verified message; its
/// certificate is fetched once, and the next notification it signed is verified from the
/// cache.
fn sns_genuine_notification_reaches_the_handler(framework: Framework) {
    let stack = Stack::start(framework);
    for name in [SNS_GENUINE, SNS_GENUINE_TOO] {
        let c = case(name);
        let answer = stack.post("/sns", c);
        assert_eq!(answer.status, 200, "{name}: {answer:?}");
        assert_eq!(answer.json(), expected_sns_answer(c), "{name}");
    }
    // The message as it was published, multi-line and with JSON inside.
    let c = case(SNS_GENUINE);
    assert!(
        stack.post("/sns", c).json()["message"]
            .as_str()
            .unwrap()
            .contains("\nand a second line")
    );
    assert_eq!(stack.sns_cert_hits(), 1, "fetched once, then cached");
}

/// Genuine deliveries arriving together while the certificate is being fetched wait for
/// the one fetch, and are all verified.
fn sns_concurrent_deliveries_fetch_the_certificate_once(framework: Framework) {
    let stack = Stack::start(framework);
    stack.keys.serve(
        "GET",
        SNS_HOST,
        SNS_CERT_PATH,
        Response::ok("application/x-pem-file", sns_certificate())
            .delayed(Duration::from_millis(300)),
    );
    let c = case(SNS_GENUINE);
    let answers: Vec<Answer> = std::thread::scope(|scope| {
        let stack = &stack;
        let posts: Vec<_> = (0..6)
            .map(|_| scope.spawn(move || stack.post("/sns", c)))
            .collect();
        posts.into_iter().map(|p| p.join().unwrap()).collect()
    });
    for answer in &answers {
        assert_eq!(answer.status, 200, "{answer:?}");
        assert_eq!(answer.json(), expected_sns_answer(c));
    }
    assert_eq!(stack.sns_cert_hits(), 1, "one fetch for all");
}

/// The genuine notification with its `Message` changed is refused 401, naming the
/// signature mismatch; it never reaches the handler.
fn sns_tampered_message_is_refused(framework: Framework) {
    let stack = Stack::start(framework);
    let tampered = case("sns v2 notification with Message tampered");
    assert_ne!(
        body_json(tampered)["Message"],
        body_json(case(SNS_GENUINE))["Message"]
    );
    stack
        .post("/sns", tampered)
        .assert_refused(401, &["signature mismatch"]);
    // The genuine one is still accepted.
    assert_eq!(stack.post("/sns", case(SNS_GENUINE)).status, 200);
}

/// Every cert URL off SNS's hosts and paths is refused 401, naming `SigningCertURL`,
/// without a single connection to the key server, which plays those hosts and would
/// serve SNS's genuine certificate there.
fn sns_cert_url_off_sns_hosts_is_refused_without_a_connection(framework: Framework) {
    let stack = Stack::start(framework);
    for c in untrusted_sns_cases() {
        stack.post("/sns", c).assert_refused(
            401,
            &["`SigningCertURL` is not a URL of the provider's key server"],
        );
    }
    assert_eq!(stack.keys.connections(), 0, "no connection to a key server");
    assert_eq!(stack.keys.total_hits(), 0);
}

/// A key server answering 500 makes the delivery 503 (SNS retries), naming the key's
/// location and the answer; the refusal is not recorded by the endpoint's dedupe store,
/// so SNS's retry, once the key server answers again, reaches the handler.
fn sns_key_server_answering_500_gives_503(framework: Framework) {
    let stack = Stack::start(framework);
    let c = case(SNS_GENUINE);
    stack.post("/sns-broken", c).assert_refused(
        503,
        &[
            "is unavailable",
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-",
            "answered 500",
        ],
    );
    assert_eq!(stack.broken.hits("GET", SNS_HOST, SNS_CERT_PATH), 1);
    // Still down: refused again, and asked again (failures are not cached).
    assert_eq!(stack.post("/sns-broken", c).status, 503);
    assert_eq!(stack.broken.hits("GET", SNS_HOST, SNS_CERT_PATH), 2);
    // The key server recovers: the retry is verified and handled, then deduplicated.
    stack.broken.serve(
        "GET",
        SNS_HOST,
        SNS_CERT_PATH,
        Response::ok("application/x-pem-file", sns_certificate()),
    );
    let answer = stack.post("/sns-broken", c);
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.json(), expected_sns_answer(c));
    let again = stack.post("/sns-broken", c);
    assert_eq!(again.status, 200, "{again:?}");
    assert_eq!(
        again.json(),
        json!({ "received": true, "duplicate": true }),
        "{again:?}"
    );
}

/// A key server that is down makes the delivery 503, naming the key's location.
fn sns_key_server_down_gives_503(framework: Framework) {
    let stack = Stack::start(framework);
    stack.post("/sns-down", case(SNS_GENUINE)).assert_refused(
        503,
        &[
            "is unavailable",
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-",
            "refusing until it can be fetched",
        ],
    );
}

/// Genuine Pub/Sub pushes, their tokens signed by either of Google's published keys,
/// reach the handler; Google's keys are fetched once.
fn pubsub_genuine_push_reaches_the_handler(framework: Framework) {
    let stack = Stack::start(framework);
    for name in [
        "pubsub genuine (first JWKS key)",
        "pubsub genuine (second JWKS key)",
    ] {
        let c = case(name);
        let answer = stack.post("/pubsub", c);
        assert_eq!(answer.status, 200, "{name}: {answer:?}");
        let body = body_json(c);
        assert_eq!(
            answer.json(),
            json!({
                "message_id": body["message"]["messageId"],
                "data": body["message"]["data"],
                "subscription": body["subscription"],
                "key_index": c.key_index.expect("a genuine case's key"),
            }),
            "{name}"
        );
    }
    assert_eq!(
        stack
            .keys
            .hits("GET", "www.googleapis.com", "/oauth2/v3/certs"),
        1
    );
}

/// A push whose token was issued for another audience is refused 401, naming `aud`.
fn pubsub_wrong_audience_is_refused(framework: Framework) {
    let stack = Stack::start(framework);
    stack
        .post("/pubsub", case("pubsub wrong audience"))
        .assert_refused(401, &["`aud`"]);
}

/// A genuine PayPal event reaches the handler, its delivery id the transmission id.
fn paypal_genuine_event_reaches_the_handler(framework: Framework) {
    let stack = Stack::start(framework);
    let c = case("paypal live api.paypal.com genuine (body CRC32 >= 2^31)");
    let answer = stack.post("/paypal", c);
    assert_eq!(answer.status, 200, "{answer:?}");
    let transmission = header(c, paypal::DELIVERY_HEADER);
    assert_eq!(
        answer.json(),
        json!({
            "event": body_json(c),
            "delivery_id": transmission,
            "key_index": c.key_index.expect("a genuine case's key"),
        })
    );
    assert_eq!(
        stack.keys.hits(
            "GET",
            "api.paypal.com",
            "/v1/notifications/certs/CERT-360caa42-fca2a594-7a8abba8"
        ),
        1
    );
}

/// A genuine Plaid webhook reaches the handler; its key was asked of Plaid's sandbox.
fn plaid_genuine_webhook_reaches_the_handler(framework: Framework) {
    let stack = Stack::start(framework);
    let c = case("plaid sandbox genuine");
    let answer = stack.post("/plaid", c);
    assert_eq!(answer.status, 200, "{answer:?}");
    let json = answer.json();
    assert_eq!(json["event"], body_json(c));
    assert_eq!(
        json["key_index"],
        c.key_index.expect("a genuine case's key")
    );
    assert_eq!(
        stack
            .keys
            .hits("POST", "sandbox.plaid.com", "/webhook_verification_key/get"),
        1
    );
}

macro_rules! each_scenario {
    ($module:ident, $framework:expr) => {
        mod $module {
            use super::Framework;

            const FRAMEWORK: Framework = $framework;

            #[test]
            fn sns_genuine_notification_reaches_the_handler() {
                super::sns_genuine_notification_reaches_the_handler(FRAMEWORK);
            }

            #[test]
            fn sns_concurrent_deliveries_fetch_the_certificate_once() {
                super::sns_concurrent_deliveries_fetch_the_certificate_once(FRAMEWORK);
            }

            #[test]
            fn sns_tampered_message_is_refused() {
                super::sns_tampered_message_is_refused(FRAMEWORK);
            }

            #[test]
            fn sns_cert_url_off_sns_hosts_is_refused_without_a_connection() {
                super::sns_cert_url_off_sns_hosts_is_refused_without_a_connection(FRAMEWORK);
            }

            #[test]
            fn sns_key_server_answering_500_gives_503() {
                super::sns_key_server_answering_500_gives_503(FRAMEWORK);
            }

            #[test]
            fn sns_key_server_down_gives_503() {
                super::sns_key_server_down_gives_503(FRAMEWORK);
            }

            #[test]
            fn pubsub_genuine_push_reaches_the_handler() {
                super::pubsub_genuine_push_reaches_the_handler(FRAMEWORK);
            }

            #[test]
            fn pubsub_wrong_audience_is_refused() {
                super::pubsub_wrong_audience_is_refused(FRAMEWORK);
            }

            #[test]
            fn paypal_genuine_event_reaches_the_handler() {
                super::paypal_genuine_event_reaches_the_handler(FRAMEWORK);
            }

            #[test]
            fn plaid_genuine_webhook_reaches_the_handler() {
                super::plaid_genuine_webhook_reaches_the_handler(FRAMEWORK);
            }
        }
    };
}

each_scenario!(on_axum, Framework::Axum);
each_scenario!(on_actix, Framework::Actix);
each_scenario!(on_tower, Framework::Tower);

/// A fetcher told to keep nothing (`with_ttl(Duration::ZERO)`) should fetch the
/// certificate for each delivery and verify with it. Instead every delivery is refused
/// 503: the integration awaits the fetch, which stores the document, then the scheme
/// reads it from the cache, where a document whose age is not below the TTL does not
/// count (`cached.at.elapsed() < ttl` in `KeyFetcher::cached`), and answers
/// `KeyUnavailable` "not fetched yet: verify with `verify_async`". Any TTL shorter than
/// the time from the fetch to the verification does the same.
#[test]
fn a_fetcher_that_caches_nothing_still_verifies() {
    use axum::routing::post;
    use axum::{Json, Router};

    async fn sns(
        Webhook {
            event, verified, ..
        }: Webhook<aws_sns::Message>,
    ) -> Json<Value> {
        Json(sns_answer(&event, &verified))
    }

    let keys = key_server();
    let endpoint = sns_endpoint(fetcher(&keys).with_ttl(Duration::ZERO));
    let (addr, _stop) = serve_axum(Router::new().route("/sns", post(sns)).with_state(endpoint));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into();
    let c = case(SNS_GENUINE);
    for attempt in 1..=2 {
        let mut request = agent.post(format!("http://{addr}/sns"));
        for (name, value) in &c.headers {
            request = request.header(name.as_str(), value.as_str());
        }
        let mut response = request.send(c.body.as_bytes()).unwrap();
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap();
        assert_eq!(status, 200, "delivery {attempt}: {text}");
        assert_eq!(
            serde_json::from_str::<Value>(&text).unwrap(),
            expected_sns_answer(c)
        );
    }
    assert_eq!(
        keys.hits("GET", SNS_HOST, SNS_CERT_PATH),
        2,
        "fetched for each delivery"
    );
}
