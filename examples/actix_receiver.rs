//! The webhook receiver of `examples/receiver.rs`, on actix-web with the crate's
//! extractors.
//!
//! ```text
//! POCKETBOOK_WEBHOOK_SECRET=whsec_... cargo run --example actix_receiver --features actix
//! ```
//!
//! - Binds `127.0.0.1:$PORT` (default 3001).
//! - `POST /webhooks/memento`, `/webhooks/memo-bank`, `/webhooks/inmemory4`,
//!   `/webhooks/pocketbook`, `/webhooks/livingdocs`: verified by the `Webhook<E>`
//!   extractor (which reads the provider's `Endpoint<E>` from `web::Data`), parsed into
//!   the provider's typed event, logged, and answered `200 {"received":true}`. A refused
//!   request gets 400, 401 or 413 with a short JSON error, from the extractor; a body over
//!   the verifier's limit is refused by the crate, not by actix-web's own payload limit.
//! - `GET /`: a status page.
//! - Secrets from `MEMENTO_WEBHOOK_SECRET`, `MEMO_BANK_WEBHOOK_TOKEN`, `INMEMORY4_API_KEY`,
//!   `POCKETBOOK_WEBHOOK_SECRET`, `LIVINGDOCS_WEBHOOK_SECRET`, each with an optional
//!   `…_PREVIOUS` for a rotation (demo values when unset); `MEMO_BANK_ENFORCE_IPS=1`.
//! - Repeated deliveries within 24 hours are answered `200 {"received":true,"duplicate":true}`
//!   by the extractor (each `Endpoint` is built with `.dedupe(MemoryGuard::new(…))`).
//! - An authentic body that is not a known event shape is logged and acknowledged (see
//!   `receiver.rs`).

use actix_web::http::StatusCode;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use hookverify::Secret;
use hookverify::integrations::Webhook;
use hookverify::providers::{inmemory4, livingdocs, memento, memo_bank, pocketbook};

#[path = "shared/receiver_core.rs"]
mod core;

use self::core::{Core, Received};

/// A JSON answer.
fn answer((status, json): core::Answer) -> HttpResponse {
    HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .content_type("application/json")
        .body(json)
}

// Each handler runs only for a verified first delivery: the `Webhook` extractor read the
// raw payload, verified it, parsed it and recorded it, and answered anything else itself.

async fn memento_hook(
    core: web::Data<Core>,
    Webhook {
        event, verified, ..
    }: Webhook<Received<memento::Event>>,
) -> HttpResponse {
    answer(core.accept(0, event, &verified, core::on_memento))
}

async fn memo_bank_hook(
    core: web::Data<Core>,
    req: HttpRequest,
    Webhook {
        event, verified, ..
    }: Webhook<Received<memo_bank::Event>>,
) -> HttpResponse {
    let peer = req.peer_addr().map(|a| a.ip());
    if let Err(refused) = core.check_memo_bank_peer(peer, &verified).await {
        return answer(refused);
    }
    answer(core.accept(1, event, &verified, core::on_memo_bank))
}

async fn inmemory4_hook(
    core: web::Data<Core>,
    Webhook {
        event, verified, ..
    }: Webhook<Received<inmemory4::Event>>,
) -> HttpResponse {
    answer(core.accept(2, event, &verified, |_: &inmemory4::Event| {}))
}

async fn pocketbook_hook(
    core: web::Data<Core>,
    Webhook {
        event, verified, ..
    }: Webhook<Received<pocketbook::Event>>,
) -> HttpResponse {
    answer(core.accept(3, event, &verified, |_: &pocketbook::Event| {}))
}

async fn livingdocs_hook(
    core: web::Data<Core>,
    Webhook {
        event, verified, ..
    }: Webhook<Received<livingdocs::Event>>,
) -> HttpResponse {
    answer(core.accept(4, event, &verified, |_: &livingdocs::Event| {}))
}

async fn status(core: web::Data<Core>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body(core.status_page())
}

/// The receiver on `listener`: each worker's app has the core and, for the extractors,
/// each provider's `Endpoint` in its data. (The endpoints are clones sharing one verifier
/// and one dedupe store per provider, so a repeat is a duplicate whichever worker gets it.)
pub(crate) fn server(
    listener: std::net::TcpListener,
    core: Core,
) -> std::io::Result<actix_web::dev::Server> {
    let server = HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(core.memento.clone()))
            .app_data(web::Data::new(core.memo_bank.clone()))
            .app_data(web::Data::new(core.inmemory4.clone()))
            .app_data(web::Data::new(core.pocketbook.clone()))
            .app_data(web::Data::new(core.livingdocs.clone()))
            .app_data(web::Data::new(core.clone()))
            .route("/", web::get().to(status))
            .route("/webhooks/memento", web::post().to(memento_hook))
            .route("/webhooks/memo-bank", web::post().to(memo_bank_hook))
            .route("/webhooks/inmemory4", web::post().to(inmemory4_hook))
            .route("/webhooks/pocketbook", web::post().to(pocketbook_hook))
            .route("/webhooks/livingdocs", web::post().to(livingdocs_hook))
    })
    .workers(2)
    .listen(listener)?
    .run();
    Ok(server)
}

/// The core for explicit secrets, in the order of the routes (for the tests).
#[allow(dead_code)]
pub(crate) fn core_with(secrets: [Vec<Secret>; 5]) -> Core {
    core::core_with(secrets, false, vec![])
}

#[allow(dead_code)] // unused where the tests include this file as a module
fn main() {
    let core = core::core_or_exit("actix_receiver");
    core.print_sources();
    let port = core::port_from_env("actix_receiver");
    let listener = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap_or_else(|e| {
        eprintln!("actix_receiver: cannot bind 127.0.0.1:{port}: {e}");
        std::process::exit(2);
    });
    println!("listening on http://127.0.0.1:{port}");
    let run = actix_web::rt::System::new().block_on(async move { server(listener, core)?.await });
    if let Err(e) = run {
        eprintln!("actix_receiver: {e}");
        std::process::exit(1);
    }
}
