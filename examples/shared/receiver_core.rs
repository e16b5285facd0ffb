//! What the three example receivers (axum, actix-web, tower) share: the five providers'
//! verifiers and secrets from the environment, what is done with an authentic body, and
//! the status page. Each receiver only wires these into its framework.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use hookverify::dedupe::{MemoryGuard, Seen, key_for};
use hookverify::integrations::{DedupeGuard, WebhookRejection, WebhookVerifier};
use hookverify::providers::{inmemory4, livingdocs, memento, memo_bank, pocketbook};
use hookverify::{IpAllowList, Secret, WebhookEvent};
use serde::de::DeserializeOwned;

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

/// The five verifiers, the dedupe guard, the optional Memo Bank address check, and the
/// counters of the status page.
#[derive(Clone, Debug)]
pub(crate) struct Core {
    /// Memento's verifier.
    pub(crate) memento: WebhookVerifier<memento::Event>,
    /// Memo Bank's verifier.
    pub(crate) memo_bank: WebhookVerifier<memo_bank::Event>,
    /// InMemory4's verifier.
    pub(crate) inmemory4: WebhookVerifier<inmemory4::Event>,
    /// Pocketbook's verifier.
    pub(crate) pocketbook: WebhookVerifier<pocketbook::Event>,
    /// Livingdocs' verifier.
    pub(crate) livingdocs: WebhookVerifier<livingdocs::Event>,
    /// Memo Bank's published addresses, when `MEMO_BANK_ENFORCE_IPS=1`.
    pub(crate) memo_bank_ips: Option<Arc<IpAllowList>>,
    /// Deliveries seen in the last 24 hours: a retry is answered 200 and not handled twice.
    pub(crate) dedupe: DedupeGuard,
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

/// Builds the core from explicit secrets, in the order of [`PROVIDERS`].
pub(crate) fn core_with(
    secrets: [Vec<Secret>; 5],
    enforce_memo_bank_ips: bool,
    log: Vec<String>,
) -> Core {
    let [m, mb, im, pb, ld] = secrets;
    Core {
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

/// The answer to an accepted delivery.
pub(crate) const ACK: &str = r#"{"received":true}"#;

/// An answer: status and JSON body.
pub(crate) type Answer = (u16, String);

fn refused(rejection: WebhookRejection) -> Answer {
    (rejection.status(), rejection.json_body())
}

impl Core {
    /// Refuses a Memo Bank request from outside its published addresses, when enforced.
    pub(crate) fn check_memo_bank_peer(
        &self,
        peer: Option<std::net::IpAddr>,
    ) -> Result<(), Answer> {
        match (&self.memo_bank_ips, peer) {
            (None, _) => Ok(()),
            (Some(ips), Some(ip)) => ips.check(ip).map_err(|e| refused(e.into())),
            (Some(_), None) => Err(refused(
                hookverify::Error::PeerNotAllowed {
                    addr: std::net::Ipv4Addr::UNSPECIFIED.into(),
                }
                .into(),
            )),
        }
    }

    /// Handles an authenticated body: parses the provider's event, skips repeats, runs
    /// `handle`, and answers 200. A body that is authentic but not a known event shape (a
    /// field the provider documents as a number sent as text, say) is logged and
    /// acknowledged too: the provider's retries would send the same bytes again.
    pub(crate) async fn accept<E: DeserializeOwned + WebhookEvent>(
        &self,
        provider: usize,
        bytes: &[u8],
        handle: impl FnOnce(&E),
    ) -> Answer {
        let event: E = match serde_json::from_slice(bytes) {
            Ok(event) => event,
            Err(e) => {
                println!(
                    "{}: authentic body that is not a known event shape ({e}); acknowledged, {} bytes kept in this log: {}",
                    PROVIDERS[provider],
                    bytes.len(),
                    String::from_utf8_lossy(bytes)
                );
                return (200, ACK.into());
            }
        };
        let key = key_for(PROVIDERS[provider], &event, bytes);
        match self.dedupe.record(&key, self.dedupe.ttl()).await {
            Ok(Seen::First) => {}
            Ok(Seen::Duplicate) => return refused(WebhookRejection::duplicate()),
            Err(unavailable) => return refused(unavailable.into()),
        }
        handle(&event);
        self.received(provider, &event);
        (200, ACK.into())
    }

    fn received(&self, provider: usize, event: &dyn WebhookEvent) {
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
