//! The webhook receiver of `examples/receiver.rs`, with the tower `WebhookLayer` in front
//! of plain handlers: the handlers take the raw body and the layer's `Verification`, and
//! never see a request that failed verification.
//!
//! ```text
//! POCKETBOOK_WEBHOOK_SECRET=whsec_... cargo run --example tower_receiver --features tower,axum
//! ```
//!
//! axum only routes here; the layer is plain tower and works the same in front of a hyper
//! service or a tonic server.
//!
//! - Binds `127.0.0.1:$PORT` (default 3001).
//! - `POST /webhooks/memento`, `/webhooks/memo-bank`, `/webhooks/inmemory4`,
//!   `/webhooks/pocketbook`, `/webhooks/livingdocs`: each route behind a `WebhookLayer`
//!   with its provider's verifier, which answers refusals itself (400, 401, 413 with a
//!   short JSON error). The handler parses the provider's typed event, logs it, and
//!   answers `200 {"received":true}`.
//! - `GET /`: a status page.
//! - Secrets from `MEMENTO_WEBHOOK_SECRET`, `MEMO_BANK_WEBHOOK_TOKEN`, `INMEMORY4_API_KEY`,
//!   `POCKETBOOK_WEBHOOK_SECRET`, `LIVINGDOCS_WEBHOOK_SECRET`, each with an optional
//!   `…_PREVIOUS` for a rotation (demo values when unset); `MEMO_BANK_ENFORCE_IPS=1`.
//! - Repeated deliveries within 24 hours are answered `200 {"received":true,"duplicate":true}`.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use hookverify::Secret;
use hookverify::integrations::{Verification, WebhookLayer};
use hookverify::providers::{inmemory4, livingdocs, pocketbook};

#[path = "shared/receiver_core.rs"]
mod core;

use self::core::Core;

/// A JSON answer.
fn answer((status, json): core::Answer) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, [(header::CONTENT_TYPE, "application/json")], json).into_response()
}

// Each handler runs only for a verified request: the layer in front of it checked the
// signature and put what it found in the request's extensions.

async fn memento_hook(
    State(core): State<Core>,
    Extension(v): Extension<Verification>,
    body: Bytes,
) -> Response {
    log_key(&v);
    answer(core.accept(0, &body, core::on_memento).await)
}

async fn memo_bank_hook(
    State(core): State<Core>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: Bytes,
) -> Response {
    if let Err(refused) = core.check_memo_bank_peer(Some(peer.ip())) {
        return answer(refused);
    }
    answer(core.accept(1, &body, core::on_memo_bank).await)
}

async fn inmemory4_hook(State(core): State<Core>, body: Bytes) -> Response {
    answer(core.accept(2, &body, |_: &inmemory4::Event| {}).await)
}

async fn pocketbook_hook(
    State(core): State<Core>,
    Extension(v): Extension<Verification>,
    body: Bytes,
) -> Response {
    log_key(&v);
    answer(core.accept(3, &body, |_: &pocketbook::Event| {}).await)
}

async fn livingdocs_hook(State(core): State<Core>, body: Bytes) -> Response {
    answer(core.accept(4, &body, |_: &livingdocs::Event| {}).await)
}

/// Which key matched: a request signed with the previous secret says a rotation is not
/// finished on the provider's side.
fn log_key(v: &Verification) {
    if v.key_index > 0 {
        println!("  signed with secret #{} (a previous one)", v.key_index);
    }
}

async fn status(State(core): State<Core>) -> impl IntoResponse {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        core.status_page(),
    )
}

/// The receiver's routes, each webhook route behind its provider's `WebhookLayer`.
pub(crate) fn app(core: Core) -> Router {
    Router::new()
        .route("/", get(status))
        .route(
            "/webhooks/memento",
            post(memento_hook).layer(WebhookLayer::from(core.memento.clone())),
        )
        .route(
            "/webhooks/memo-bank",
            post(memo_bank_hook).layer(WebhookLayer::from(core.memo_bank.clone())),
        )
        .route(
            "/webhooks/inmemory4",
            post(inmemory4_hook).layer(WebhookLayer::from(core.inmemory4.clone())),
        )
        .route(
            "/webhooks/pocketbook",
            post(pocketbook_hook).layer(WebhookLayer::from(core.pocketbook.clone())),
        )
        .route(
            "/webhooks/livingdocs",
            post(livingdocs_hook).layer(WebhookLayer::from(core.livingdocs.clone())),
        )
        .with_state(core)
}

/// The core for explicit secrets, in the order of the routes (for the tests).
#[allow(dead_code)]
pub(crate) fn core_with(secrets: [Vec<Secret>; 5]) -> Core {
    core::core_with(secrets, false, vec![])
}

/// Serves the receiver on `listener` until the process ends.
pub(crate) async fn serve(listener: tokio::net::TcpListener, core: Core) -> std::io::Result<()> {
    axum::serve(
        listener,
        app(core).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await
}

#[tokio::main]
#[allow(dead_code)] // unused where the tests include this file as a module
async fn main() {
    let core = core::core_or_exit("tower_receiver");
    core.print_sources();
    let port = core::port_from_env("tower_receiver");
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap_or_else(|e| {
            eprintln!("tower_receiver: cannot bind 127.0.0.1:{port}: {e}");
            std::process::exit(2);
        });
    println!("listening on http://127.0.0.1:{port}");
    if let Err(e) = serve(listener, core).await {
        eprintln!("tower_receiver: {e}");
        std::process::exit(1);
    }
}
