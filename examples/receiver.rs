//! A webhook receiver you can run and point the five providers at, on axum with the
//! crate's extractors. (`actix_receiver` and `tower_receiver` are the same receiver on
//! actix-web and behind the tower layer; all three share `shared/receiver_core.rs`.)
//!
//! ```text
//! POCKETBOOK_WEBHOOK_SECRET=whsec_... cargo run --example receiver --features axum
//! ```
//!
//! - Binds `127.0.0.1:$PORT` (default 3001).
//! - `POST /webhooks/memento`, `/webhooks/memo-bank`, `/webhooks/inmemory4`,
//!   `/webhooks/pocketbook`, `/webhooks/livingdocs`: the `Webhook<E>` extractor reads the
//!   raw body, verifies it with the provider's `Endpoint` (from the router's state), and
//!   parses it into the provider's typed event; the handler logs it and answers
//!   `200 {"received":true}` at once. A refused request gets 400, 401 or 413 with a short
//!   JSON error, from the extractor.
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
//!   the handler again: each `Endpoint` is built with `.dedupe(MemoryGuard::new(…))` (an
//!   in-memory store; use `RedisGuard` across instances).
//! - An authentic body that does not parse as the provider's event (InMemory4's
//!   documentation writes `"Number"` where numbers go, for instance) is logged and
//!   acknowledged: retries would resend the same bytes. (The handlers take
//!   `Webhook<Received<E>>`, the event or why it did not parse, where a bare `Webhook<E>`
//!   would refuse such a body with 400.) Only authentication failures and malformed
//!   requests are refused.

use std::net::SocketAddr;

use axum::Router;
use axum::extract::{ConnectInfo, FromRef, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hookverify::Secret;
use hookverify::integrations::{Endpoint, Webhook};
use hookverify::providers::{inmemory4, livingdocs, memento, memo_bank, pocketbook};

#[path = "shared/receiver_core.rs"]
mod core;

use self::core::Received;

/// The router's state: the shared core, from which each extractor takes its endpoint.
#[derive(Clone, Debug)]
pub struct AppState(core::Core);

// `Webhook<E>` takes the `Endpoint<E>` of the state. `derive(FromRef)` would need one
// field per endpoint; these say the same by hand.
macro_rules! endpoint_from_state {
    ($($provider:ident),*) => {$(
        impl FromRef<AppState> for Endpoint<Received<$provider::Event>> {
            fn from_ref(state: &AppState) -> Self {
                state.0.$provider.clone()
            }
        }
    )*};
}
endpoint_from_state!(memento, memo_bank, inmemory4, pocketbook, livingdocs);

/// Builds the state from explicit secrets, in the order of the routes: Memento, Memo
/// Bank, InMemory4, Pocketbook, Livingdocs.
pub fn state_with(
    secrets: [Vec<Secret>; 5],
    enforce_memo_bank_ips: bool,
    log: Vec<String>,
) -> AppState {
    AppState(core::core_with(secrets, enforce_memo_bank_ips, log))
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

/// A JSON answer.
fn answer((status, json): core::Answer) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, [(header::CONTENT_TYPE, "application/json")], json).into_response()
}

// Each handler runs only for a verified first delivery: the `Webhook` extractor read the
// raw body, verified it, parsed it and recorded it, and answered anything else itself.

async fn memento_hook(
    State(s): State<AppState>,
    Webhook {
        event, verified, ..
    }: Webhook<Received<memento::Event>>,
) -> Response {
    answer(s.0.accept(0, event, &verified, core::on_memento))
}

async fn memo_bank_hook(
    State(s): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Webhook {
        event, verified, ..
    }: Webhook<Received<memo_bank::Event>>,
) -> Response {
    if let Err(refused) = s.0.check_memo_bank_peer(Some(peer.ip()), &verified).await {
        return answer(refused);
    }
    answer(s.0.accept(1, event, &verified, core::on_memo_bank))
}

async fn inmemory4_hook(
    State(s): State<AppState>,
    Webhook {
        event, verified, ..
    }: Webhook<Received<inmemory4::Event>>,
) -> Response {
    answer(s.0.accept(2, event, &verified, |_: &inmemory4::Event| {}))
}

async fn pocketbook_hook(
    State(s): State<AppState>,
    Webhook {
        event, verified, ..
    }: Webhook<Received<pocketbook::Event>>,
) -> Response {
    answer(s.0.accept(3, event, &verified, |_: &pocketbook::Event| {}))
}

async fn livingdocs_hook(
    State(s): State<AppState>,
    Webhook {
        event, verified, ..
    }: Webhook<Received<livingdocs::Event>>,
) -> Response {
    answer(s.0.accept(4, event, &verified, |_: &livingdocs::Event| {}))
}

async fn status(State(s): State<AppState>) -> impl IntoResponse {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        s.0.status_page(),
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
    let state = AppState(core::core_or_exit("receiver"));
    state.0.print_sources();
    let port = core::port_from_env("receiver");
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
