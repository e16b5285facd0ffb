//! What the three example receivers (axum, actix-web, tower) share: the five providers'
//! endpoints and secrets from the environment, what is done with an authentic body, and
//! the status page. Each receiver only wires these into its framework.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use hookverify::dedupe::MemoryGuard;
use hookverify::integrations::{Endpoint, Rejection};
use hookverify::net::IpAllowList;
use hookverify::providers::{inmemory4, livingdocs, memento, memo_bank, pocketbook};
use hookverify::{Scheme, Secret, Verified, Verifier, WebhookEvent};
use serde::de::{Deserialize, DeserializeOwned, Deserializer};
use serde_json::value::RawValue;

/// The routes' provider names, in order: `/webhooks/<name>`.
pub(crate) const PROVIDERS: [&str; 5] = [
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

/// How long a delivery is remembered: a retry within it is answered 200 and not handled
/// twice.
const DEDUPE_TTL: Duration = Duration::from_secs(24 * 3600);

/// How many deliveries each provider's dedupe store keeps at most.
const DEDUPE_CAPACITY: usize = 20_000;

/// What the receivers make of an authentic body: the provider's typed event, or, for a
/// body that is authentic JSON but none of the event shapes the crate knows (InMemory4's
/// documentation writes `"Number"` where numbers go, for instance), why it did not parse.
///
/// The crate's `Webhook<E>` refuses a body that does not parse as `E` with 400, so the
/// provider retries it; the provider's retries would send the same bytes again, so these
/// receivers take `Webhook<Received<E>>` instead, and log and acknowledge such a body.
#[derive(Debug)]
pub(crate) enum Received<E> {
    /// The provider's event (an unknown event type is its `Unknown` variant).
    Event(E),
    /// Authentic JSON that is not a known shape of the provider's events: the parse error.
    Unrecognized(String),
}

impl<'de, E: DeserializeOwned> Deserialize<'de> for Received<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The JSON text as it is, then the event from it: a body that is not JSON at all
        // still fails here (400), one that is JSON of another shape is `Unrecognized`.
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        Ok(match serde_json::from_str(raw.get()) {
            Ok(event) => Received::Event(event),
            Err(e) => Received::Unrecognized(e.to_string()),
        })
    }
}

/// The five endpoints (each with its dedupe store), the optional Memo Bank address check,
/// and the counters of the status page.
#[derive(Clone, Debug)]
pub(crate) struct Core {
    /// Memento's endpoint.
    pub(crate) memento: Endpoint<Received<memento::Event>>,
    /// Memo Bank's endpoint.
    pub(crate) memo_bank: Endpoint<Received<memo_bank::Event>>,
    /// InMemory4's endpoint.
    pub(crate) inmemory4: Endpoint<Received<inmemory4::Event>>,
    /// Pocketbook's endpoint.
    pub(crate) pocketbook: Endpoint<Received<pocketbook::Event>>,
    /// Livingdocs' endpoint.
    pub(crate) livingdocs: Endpoint<Received<livingdocs::Event>>,
    /// Memo Bank's published addresses, when `MEMO_BANK_ENFORCE_IPS=1`.
    pub(crate) memo_bank_ips: Option<Arc<IpAllowList>>,
    /// The counters of the status page.
    pub(crate) stats: Arc<Stats>,
}

/// Events accepted per provider, and where the secrets came from.
#[derive(Debug, Default)]
pub(crate) struct Stats {
    received: [AtomicU64; 5],
    sources: Vec<String>,
}

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

/// Builds the core from the environment.
///
/// # Errors
///
/// A secret that is set but empty or padded with whitespace.
pub(crate) fn core_from_env() -> Result<Core, hookverify::Error> {
    let mut log = Vec::new();
    let mut all = Vec::new();
    for (var, demo) in SECRETS {
        all.push(secrets(var, demo, &mut log)?);
    }
    let secrets: [Vec<Secret>; 5] = all.try_into().unwrap_or_else(|_| unreachable!());
    let enforce_ips = std::env::var("MEMO_BANK_ENFORCE_IPS").as_deref() == Ok("1");
    Ok(core_with(secrets, enforce_ips, log))
}

/// The endpoint of `verifier`, remembering its deliveries for [`DEDUPE_TTL`]: a repeated
/// delivery (same delivery id, or same body where the provider sends no id) is answered
/// `200 {"received":true,"duplicate":true}` before the handler runs. (An in-memory store,
/// one per endpoint; use `RedisGuard` across instances.)
fn endpoint<E, S: Scheme + 'static>(verifier: Verifier<S>) -> Endpoint<E> {
    Endpoint::new(verifier).dedupe(MemoryGuard::new(DEDUPE_CAPACITY, DEDUPE_TTL))
}

/// Builds the core from explicit secrets, in the order of [`PROVIDERS`].
pub(crate) fn core_with(
    secrets: [Vec<Secret>; 5],
    enforce_memo_bank_ips: bool,
    log: Vec<String>,
) -> Core {
    let [m, mb, im, pb, ld] = secrets;
    Core {
        memento: endpoint(memento::verifier(m)),
        memo_bank: endpoint(memo_bank::verifier(mb)),
        inmemory4: endpoint(inmemory4::verifier(im)),
        pocketbook: endpoint(pocketbook::verifier(pb)),
        livingdocs: endpoint(livingdocs::verifier(ld)),
        memo_bank_ips: enforce_memo_bank_ips.then(|| Arc::new(memo_bank::allow_list())),
        stats: Arc::new(Stats {
            sources: log,
            ..Stats::default()
        }),
    }
}

/// The answer to an accepted delivery.
pub(crate) const ACK: &str = r#"{"received":true}"#;

/// An answer: status and JSON body.
pub(crate) type Answer = (u16, String);

/// The answer of a request the crate refused, in the receivers' own answer type.
pub(crate) fn refused(rejection: Rejection) -> Answer {
    (rejection.status().as_u16(), rejection.body())
}

impl Core {
    /// Refuses a Memo Bank request from outside its published addresses, when enforced.
    /// The delivery is then forgotten by the dedupe store (which recorded it when it was
    /// verified), so that Memo Bank's retry from a published address is handled.
    pub(crate) async fn check_memo_bank_peer(
        &self,
        peer: Option<std::net::IpAddr>,
        verified: &Verified<'_>,
    ) -> Result<(), Answer> {
        let Some(ips) = &self.memo_bank_ips else {
            return Ok(());
        };
        let checked = match peer {
            Some(ip) => ips.check(ip),
            None => Err(hookverify::Error::PeerNotAllowed {
                addr: std::net::Ipv4Addr::UNSPECIFIED.into(),
            }),
        };
        if let Err(e) = checked {
            if let Err(unavailable) = self.memo_bank.forget(verified).await {
                eprintln!("memo-bank: could not forget a refused delivery: {unavailable}");
            }
            return Err(refused(e.into()));
        }
        Ok(())
    }

    /// Handles a verified (and, by the endpoint, deduplicated) delivery: runs `handle` on
    /// the provider's event and answers 200. A body that is authentic but not a known
    /// event shape is logged and acknowledged too: the provider's retries would send the
    /// same bytes again.
    pub(crate) fn accept<E: WebhookEvent>(
        &self,
        provider: usize,
        received: Received<E>,
        verified: &Verified<'_>,
        handle: impl FnOnce(&E),
    ) -> Answer {
        match received {
            Received::Event(event) => {
                handle(&event);
                self.received(provider, &event, verified);
            }
            Received::Unrecognized(why) => println!(
                "{}: authentic body that is not a known event shape ({why}); acknowledged, {} bytes kept in this log: {}",
                PROVIDERS[provider],
                verified.body().len(),
                String::from_utf8_lossy(verified.body())
            ),
        }
        (200, ACK.into())
    }

    fn received(&self, provider: usize, event: &dyn WebhookEvent, verified: &Verified<'_>) {
        self.stats.received[provider].fetch_add(1, Ordering::Relaxed);
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
        // Which key matched: a request signed with a previous secret says a rotation is
        // not finished on the provider's side.
        if verified.key_index() > 0 {
            println!(
                "  signed with secret #{} (a previous one)",
                verified.key_index()
            );
        }
    }

    /// The text of `GET /`.
    pub(crate) fn status_page(&self) -> String {
        let mut page = String::from("hookverify receiver\n\n");
        for (i, p) in PROVIDERS.iter().enumerate() {
            page.push_str(&format!(
                "POST /webhooks/{p:<11} {} accepted\n",
                self.stats.received[i].load(Ordering::Relaxed)
            ));
        }
        page.push_str("\nsecrets:\n");
        for line in &self.stats.sources {
            page.push_str(&format!("  {line}\n"));
        }
        page
    }

    /// Prints where the secrets came from.
    pub(crate) fn print_sources(&self) {
        for line in &self.stats.sources {
            println!("{line}");
        }
    }
}

/// What a handler does with a provider's event once it is accepted.
pub(crate) fn on_memento(e: &memento::Event) {
    if let (memento::Event::ProofSubmitted(p), false) = (e, e.is_test()) {
        println!(
            "  proof {} ready: queue the download of {:?}",
            p.data.proof_id, p.data.final_pdf_url
        );
    }
}

/// See [`on_memento`].
pub(crate) fn on_memo_bank(e: &memo_bank::Event) {
    println!("  fetch {} {} from the API", e.resource_type, e.resource_id);
}

/// `PORT` (default 3001), or the process ends with a message.
pub(crate) fn port_from_env(program: &str) -> u16 {
    match std::env::var("PORT") {
        Err(_) => 3001,
        Ok(p) => p.parse().unwrap_or_else(|_| {
            eprintln!("{program}: PORT must be a port number, not {p:?}");
            std::process::exit(2);
        }),
    }
}

/// The core from the environment, or the process ends with the error.
pub(crate) fn core_or_exit(program: &str) -> Core {
    core_from_env().unwrap_or_else(|e| {
        eprintln!("{program}: {e}");
        std::process::exit(2);
    })
}
