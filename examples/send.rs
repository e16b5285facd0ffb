//! The dashboards' "send test webhook" button, for your own endpoint: signs one of the
//! providers' documented sample events with your secret, POSTs it, prints the answer.
//!
//! ```text
//! cargo run --example send -- pocketbook http://127.0.0.1:3001/webhooks/pocketbook \
//!     --secret whsec_1234567890abcdef --event certificate.minted
//! ```
//!
//! Providers: `memento`, `memo-bank`, `inmemory4`, `pocketbook`, `livingdocs`. Without
//! `--secret`, the receiver example's demo value is used; without `--event`, the
//! provider's first sample. `--list` prints the sample events.

use std::process::ExitCode;

use hookverify::providers::{inmemory4, livingdocs, memento, memo_bank, pocketbook};
use hookverify::{Secret, Sign};
use time::OffsetDateTime;

macro_rules! samples {
    ($($provider:literal / $event:literal),* $(,)?) => {
        &[$(($provider, $event, include_str!(concat!("../tests/data/payloads/", $provider, "/", $event, ".json")))),*]
    };
}

/// (provider folder, event, documented sample body).
const SAMPLES: &[(&str, &str, &str)] = samples![
    "memento" / "proof.submitted",
    "memento" / "proof.cancelled",
    "memo_bank" / "transaction.created",
    "inmemory4" / "order.created",
    "inmemory4" / "order.changed",
    "inmemory4" / "proofreading.sent",
    "inmemory4" / "proofreading.updated",
    "inmemory4" / "test",
    "pocketbook" / "certificate.created",
    "pocketbook" / "certificate.minted",
    "pocketbook" / "certificate.transferred",
    "pocketbook" / "certificate.burned",
    "pocketbook" / "voucher.created",
    "pocketbook" / "voucher.minted",
    "pocketbook" / "voucher.expired",
    "pocketbook" / "bulk_job.started",
    "pocketbook" / "bulk_job.completed",
    "pocketbook" / "bulk_job.failed",
    "livingdocs" / "document.publish",
    "livingdocs" / "document.unpublish",
    "livingdocs" / "document.update",
    "livingdocs" / "document.build",
    "livingdocs" / "mediaLibraryEntry.create",
    "livingdocs" / "mediaLibraryEntry.update",
    "livingdocs" / "mediaLibraryEntry.archive",
    "livingdocs" / "mediaLibraryEntry.revoke",
];

fn usage() -> ExitCode {
    eprintln!(
        "usage: send <memento|memo-bank|inmemory4|pocketbook|livingdocs> <url> [--secret S] [--event NAME]"
    );
    eprintln!("       send --list");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--list") {
        for (p, e, _) in SAMPLES {
            println!("{} {e}", p.replace('_', "-"));
        }
        return ExitCode::SUCCESS;
    }
    let (Some(provider), Some(url)) = (args.first(), args.get(1)) else {
        return usage();
    };
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let folder = provider.replace('-', "_");
    let (scheme, demo): (Box<dyn Sign>, &str) = match folder.as_str() {
        "memento" => (
            Box::new(memento::scheme()),
            "whsec_Ge3tGXAEEeEGLDJqtMDGfmn9VoqJXtQz",
        ),
        "memo_bank" => (Box::new(memo_bank::scheme()), "demo-memo-bank-token"),
        "inmemory4" => (Box::new(inmemory4::scheme()), "demo-inmemory4-api-key"),
        "pocketbook" => (Box::new(pocketbook::scheme()), "whsec_1234567890abcdef"),
        "livingdocs" => (
            Box::new(livingdocs::scheme()),
            "a-secret-token-to-sign-the-request",
        ),
        _ => return usage(),
    };
    let sample = SAMPLES
        .iter()
        .find(|(p, e, _)| *p == folder && flag("--event").is_none_or(|want| want == e));
    let Some((_, event, body)) = sample else {
        eprintln!(
            "no sample event {:?} for {provider}; try --list",
            flag("--event")
        );
        return ExitCode::from(2);
    };
    let secret = Secret::new(flag("--secret").map_or(demo, String::as_str));
    let headers = scheme.sign(body.as_bytes(), &secret, OffsetDateTime::now_utc());

    println!("POST {url}  ({provider} {event}, {} bytes)", body.len());
    let mut request = ureq::post(url)
        .config()
        .http_status_as_error(false)
        .build()
        .header("Content-Type", "application/json");
    for (name, value) in &headers {
        println!("  {name}: {value}");
        request = request.header(name.as_str(), value.as_str());
    }
    match request.send(body.as_bytes()) {
        Ok(mut response) => {
            let status = response.status();
            let text = response.body_mut().read_to_string().unwrap_or_default();
            println!("{status}\n{text}");
            if status.is_success() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("request failed: {e}");
            ExitCode::FAILURE
        }
    }
}
