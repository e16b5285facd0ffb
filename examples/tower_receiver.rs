//! The webhook receiver of `examples/receiver.rs`, with the tower `WebhookLayer` in front
//! of plain handlers: the handlers read what the layer verified from the request's
//! extensions (`Extension<Verified<'static>>`: the raw body, the key that matched, the
//! delivery id), and never see a request that failed verification.
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
//!   `/webhooks/pocketbook`, `/webhooks/livingdocs`: each route behind the
//!   `WebhookLayer::from(endpoint)` of its provider's `Endpoint`, which answers refusals
//!   itself (400, 401, 413 with a short JSON error). The handler parses the provider's
//!   typed event, logs it, and answers `200 {"received":true}`.
//! - `GET /`: a status page.
//! - Secrets from `MEMENTO_WEBHOOK_SECRET`, `MEMO_BANK_WEBHOOK_TOKEN`, `INMEMORY4_API_KEY`,
//!   `POCKETBOOK_WEBHOOK_SECRET`, `LIVINGDOCS_WEBHOOK_SECRET`, each with an optional
//!   `…_PREVIOUS` for a rotation (demo values when unset); `MEMO_BANK_ENFORCE_IPS=1`.
//! - Repeated deliveries within 24 hours are answered `200 {"received":true,"duplicate":true}`
//!   by the layer, without calling the handler (each `Endpoint` is built with
//!   `.dedupe(MemoryGuard::new(…))`).
//! - An authentic body that is not a known event shape is logged and acknowledged (see
//!   `receiver.rs`).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use hookverify::integrations::WebhookLayer;
use hookverify::providers::{inmemory4, livingdocs, pocketbook};
use hookverify::{Secret, Verified, WebhookEvent};
use serde::de::DeserializeOwned;

#[path = "shared/receiver_core.rs"]
mod core;

use self::core::{Core, Received};

/// A JSON answer.
fn answer((status, json): core::Answer) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, [(header::CONTENT_TYPE, "application/json")], json).into_response()
}

// Each handler runs only for a verified first delivery: the layer in front of it checked
// the signature, recorded the delivery in the endpoint's dedupe store, and put what it
// found (the key that matched, the delivery id, the raw body) in the request's
// extensions as a `Verified<'static>`.

/// What every route does: the verified body parsed into the provider's event (or why it
/// is none), then the shared core. A body that is not JSON at all is refused 400.
fn accept<E: DeserializeOwned + WebhookEvent>(
    core: &Core,
    provider: usize,
    verified: &Verified<'_>,
    handle: impl FnOnce(&E),
) -> core::Answer {
    match verified.json::<Received<E>>() {
        Ok(received) => core.accept(provider, received, verified, handle),
        Err(not_json) => core::refused(not_json.into()),
    }
}

async fn memento_hook(
    State(core): State<Core>,
    Extension(verified): Extension<Verified<'static>>,
) -> Response {
    answer(accept(&core, 0, &verified, core::on_memento))
}

async fn memo_bank_hook(
    State(core): State<Core>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Extension(verified): Extension<Verified<'static>>,
) -> Response {
    if let Err(refused) = core.check_memo_bank_peer(Some(peer.ip()), &verified).await {
        return answer(refused);
    }
    answer(accept(&core, 1, &verified, core::on_memo_bank))
}

async fn inmemory4_hook(
    State(core): State<Core>,
    Extension(verified): Extension<Verified<'static>>,
) -> Response {
    answer(accept(&core, 2, &verified, |_: &inmemory4::Event| {}))
}

async fn pocketbook_hook(
    State(core): State<Core>,
    Extension(verified): Extension<Verified<'static>>,
) -> Response {
    answer(accept(&core, 3, &verified, |_: &pocketbook::Event| {}))
}

async fn livingdocs_hook(
    State(core): State<Core>,
    Extension(verified): Extension<Verified<'static>>,
) -> Response {
    answer(accept(&core, 4, &verified, |_: &livingdocs::Event| {}))
}

async fn status(State(core): State<Core>) -> impl IntoResponse {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        core.status_page(),
    )
}

/// The receiver's routes, each webhook route behind the `WebhookLayer` of its provider's
/// `Endpoint` (the endpoint's verifier and dedupe store: a clone shares both).
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
