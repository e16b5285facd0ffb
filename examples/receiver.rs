//! A webhook receiver you can run and point the five providers at.
//!
//! ```text
//! POCKETBOOK_WEBHOOK_SECRET=whsec_... cargo run --example receiver --features axum
//! ```
//!
//! - Binds `127.0.0.1:$PORT` (default 3001).
//! - `POST /webhooks/memento`, `/webhooks/memo-bank`, `/webhooks/inmemory4`,
//!   `/webhooks/pocketbook`, `/webhooks/livingdocs`: verified, parsed into the provider's
//!   typed event, logged, and answered `200 {"received":true}` at once. A refused request
//!   gets 400, 401 or 413 with a short JSON error.
//! - `GET /`: a status page.
//! - Secrets from `MEMENTO_WEBHOOK_SECRET`, `MEMO_BANK_WEBHOOK_TOKEN`, `INMEMORY4_API_KEY`,
//!   `POCKETBOOK_WEBHOOK_SECRET`, `LIVINGDOCS_WEBHOOK_SECRET`, each with an optional
//!   `…_PREVIOUS` for a rotation. An unset variable falls back to a demo value (the one
//!   in the provider's documentation), printed at start-up; a set but empty or
//!   whitespace-padded one stops the receiver with an error.
//! - `MEMO_BANK_ENFORCE_IPS=1` also refuses Memo Bank requests from addresses other than
//!   its published ones (off by default, so local tests from 127.0.0.1 pass).
//! - Test events (Memento's `is_test_event`, InMemory4's `test`) are acknowledged and
//!   logged, with no side effects, as the providers advise.
//! - A repeated delivery (same delivery id, or same body where the provider sends no id)
//!   within 24 hours is answered `200 {"received":true,"duplicate":true}` without running
//!   the handler again (an in-memory guard; use `RedisGuard` across instances).
//! - An authentic body that does not parse as the provider's event (InMemory4's
//!   documentation writes `"Number"` where numbers go, for instance) is logged and
//!   acknowledged: retries would resend the same bytes. Only authentication failures and
//!   malformed requests are refused.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::{ConnectInfo, FromRef, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hookverify::dedupe::{MemoryGuard, Seen, key_for};
use hookverify::integrations::{DedupeGuard, VerifiedBody, WebhookRejection, WebhookVerifier};
use hookverify::providers::{inmemory4, livingdocs, memento, memo_bank, pocketbook};
use hookverify::{IpAllowList, Secret, WebhookEvent};
use serde::de::DeserializeOwned;

/// The receiver's verifiers and counters.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    memento: WebhookVerifier<memento::Event>,
    memo_bank: WebhookVerifier<memo_bank::Event>,
    inmemory4: WebhookVerifier<inmemory4::Event>,
    pocketbook: WebhookVerifier<pocketbook::Event>,
    livingdocs: WebhookVerifier<livingdocs::Event>,
    memo_bank_ips: Option<Arc<IpAllowList>>,
    /// Deliveries seen in the last 24 hours: a retry is answered 200 and not handled twice.
    dedupe: DedupeGuard,
    stats: Arc<Stats>,
}

/// Events accepted per provider, for the status page.
#[derive(Debug, Default)]
pub struct Stats {
    received: [AtomicU64; 5],
    sources: Vec<String>,
}

const PROVIDERS: [&str; 5] = [
    "memento",
    "memo-bank",
    "inmemory4",
    "pocketbook",
    "livingdocs",
];

/// Where each secret comes from: (environment variable, demo value).
const SECRETS: [(&str, &str); 5] = [
    (
        "MEMENTO_WEBHOOK_SECRET",
        "whsec_Ge3tGXAEEeEGLDJqtMDGfmn9VoqJXtQz",
    ),
    ("MEMO_BANK_WEBHOOK_TOKEN", "demo-memo-bank-token"),
    ("INMEMORY4_API_KEY", "demo-inmemory4-api-key"),
    ("POCKETBOOK_WEBHOOK_SECRET", "whsec_1234567890abcdef"),
    (
        "LIVINGDOCS_WEBHOOK_SECRET",
        "a-secret-token-to-sign-the-request",
    ),
];

/// Loads `VAR` and `VAR_PREVIOUS` (checked), or the demo value when `VAR` is unset.
fn secrets(var: &str, demo: &str, log: &mut Vec<String>) -> Result<Vec<Secret>, hookverify::Error> {
    let mut out = Vec::new();
    match std::env::var_os(var) {
        None => {
            log.push(format!("{var} is unset: using the demo value {demo:?}"));
            out.push(Secret::new(demo));
        }
        Some(_) => {
            out.push(Secret::from_env(var)?);
            log.push(format!("{var}: set"));
        }
    }
    let previous = format!("{var}_PREVIOUS");
    if std::env::var_os(&previous).is_some() {
        out.push(Secret::from_env(&previous)?);
        log.push(format!("{previous}: set (rotation)"));
    }
    Ok(out)
}

/// Builds the state from the environment.
///
/// # Errors
///
/// A secret that is set but empty or padded with whitespace.
pub fn state_from_env() -> Result<AppState, hookverify::Error> {
    let mut log = Vec::new();
    let mut all = Vec::new();
    for (var, demo) in SECRETS {
        all.push(secrets(var, demo, &mut log)?);
    }
    let [m, mb, im, pb, ld]: [Vec<Secret>; 5] = all.try_into().unwrap_or_else(|_| unreachable!());
    let enforce_ips = std::env::var("MEMO_BANK_ENFORCE_IPS").as_deref() == Ok("1");
    Ok(state_with([m, mb, im, pb, ld], enforce_ips, log))
}

/// Builds the state from explicit secrets, in the order of the routes: Memento, Memo
/// Bank, InMemory4, Pocketbook, Livingdocs.
pub fn state_with(
    secrets: [Vec<Secret>; 5],
    enforce_memo_bank_ips: bool,
    log: Vec<String>,
) -> AppState {
    let [m, mb, im, pb, ld] = secrets;
    AppState {
        memento: WebhookVerifier::new(memento::verifier(m)),
        memo_bank: WebhookVerifier::new(memo_bank::verifier(mb)),
        inmemory4: WebhookVerifier::new(inmemory4::verifier(im)),
        pocketbook: WebhookVerifier::new(pocketbook::verifier(pb)),
        livingdocs: WebhookVerifier::new(livingdocs::verifier(ld)),
        memo_bank_ips: enforce_memo_bank_ips.then(|| Arc::new(memo_bank::allow_list())),
        dedupe: DedupeGuard::new(MemoryGuard::new(100_000, Duration::from_secs(24 * 3600))),
        stats: Arc::new(Stats {
            sources: log,
            ..Stats::default()
        }),
    }
}

/// The receiver's routes.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/", get(status))
        .route("/webhooks/memento", post(memento_hook))
        .route("/webhooks/memo-bank", post(memo_bank_hook))
        .route("/webhooks/inmemory4", post(inmemory4_hook))
        .route("/webhooks/pocketbook", post(pocketbook_hook))
        .route("/webhooks/livingdocs", post(livingdocs_hook))
        .with_state(state)
}

fn received(stats: &Stats, provider: usize, event: &dyn WebhookEvent) {
    stats.received[provider].fetch_add(1, Ordering::Relaxed);
    let test = if event.is_test() {
        " (test event: no side effects)"
    } else {
        ""
    };
    println!(
        "{}: {} delivery={}{test}",
        PROVIDERS[provider],
        event.type_name(),
        event.delivery_id().unwrap_or("-"),
    );
}

/// Handles an authenticated body: parses the provider's event, skips repeats, runs
/// `handle`, and answers 200. A body that is authentic but not a known event shape (a
/// field the provider documents as a number sent as text, say) is logged and
/// acknowledged too: the provider's retries would send the same bytes again.
async fn accept<E: DeserializeOwned + WebhookEvent>(
    s: &AppState,
    provider: usize,
    body: &VerifiedBody<E>,
    handle: impl FnOnce(&E),
) -> Response {
    let event: E = match serde_json::from_slice(&body.bytes) {
        Ok(event) => event,
        Err(e) => {
            println!(
                "{}: authentic body that is not a known event shape ({e}); acknowledged, {} bytes kept in this log: {}",
                PROVIDERS[provider],
                body.bytes.len(),
                String::from_utf8_lossy(&body.bytes)
            );
            return ack();
        }
    };
    let key = key_for(PROVIDERS[provider], &event, &body.bytes);
    match s.dedupe.record(&key, s.dedupe.ttl()).await {
        Ok(Seen::First) => {}
        Ok(Seen::Duplicate) => return WebhookRejection::duplicate().into_response(),
        Err(unavailable) => return WebhookRejection::from(unavailable).into_response(),
    }
    handle(&event);
    received(&s.stats, provider, &event);
    ack()
}

fn ack() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        r#"{"received":true}"#,
    )
        .into_response()
}

async fn memento_hook(State(s): State<AppState>, body: VerifiedBody<memento::Event>) -> Response {
    accept(&s, 0, &body, |e| {
        if let (memento::Event::ProofSubmitted(p), false) = (e, e.is_test()) {
            println!(
                "  proof {} ready: queue the download of {:?}",
                p.data.proof_id, p.data.final_pdf_url
            );
        }
    })
    .await
}

async fn memo_bank_hook(
    State(s): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: VerifiedBody<memo_bank::Event>,
) -> Response {
    if let Some(Err(refused)) = s.memo_bank_ips.as_ref().map(|ips| ips.check(peer.ip())) {
        return WebhookRejection::from(refused).into_response();
    }
    accept(&s, 1, &body, |e| {
        println!("  fetch {} {} from the API", e.resource_type, e.resource_id)
    })
    .await
}

async fn inmemory4_hook(
    State(s): State<AppState>,
    body: VerifiedBody<inmemory4::Event>,
) -> Response {
    accept(&s, 2, &body, |_| {}).await
}

async fn pocketbook_hook(
    State(s): State<AppState>,
    body: VerifiedBody<pocketbook::Event>,
) -> Response {
    accept(&s, 3, &body, |_| {}).await
}

async fn livingdocs_hook(
    State(s): State<AppState>,
    body: VerifiedBody<livingdocs::Event>,
) -> Response {
    accept(&s, 4, &body, |_| {}).await
}

async fn status(State(s): State<AppState>) -> impl IntoResponse {
    let mut page = String::from("hookverify receiver\n\n");
    for (i, p) in PROVIDERS.iter().enumerate() {
        page.push_str(&format!(
            "POST /webhooks/{p:<11} {} accepted\n",
            s.stats.received[i].load(Ordering::Relaxed)
        ));
    }
    page.push_str("\nsecrets:\n");
    for line in &s.stats.sources {
        page.push_str(&format!("  {line}\n"));
    }
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        page,
    )
}

/// Serves `app` on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await
}

#[tokio::main]
#[allow(dead_code)] // unused where the tests include this file as a module
async fn main() {
    let state = match state_from_env() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("receiver: {e}");
            std::process::exit(2);
        }
    };
    for line in &state.stats.sources {
        println!("{line}");
    }
    let port: u16 = match std::env::var("PORT") {
        Err(_) => 3001,
        Ok(p) => p.parse().unwrap_or_else(|_| {
            eprintln!("receiver: PORT must be a port number, not {p:?}");
            std::process::exit(2);
        }),
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap_or_else(|e| {
            eprintln!("receiver: cannot bind 127.0.0.1:{port}: {e}");
            std::process::exit(2);
        });
    println!("listening on http://127.0.0.1:{port}");
    if let Err(e) = serve(listener, state).await {
        eprintln!("receiver: {e}");
        std::process::exit(1);
    }
}
