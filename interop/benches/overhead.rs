//! What verification costs above its floor, as ratios measured side by side.
//!
//! Each cell interleaves the variants round by round (floor, then hookverify, then the
//! others, the order alternating between rounds), times a batch of calls per round, and
//! reports the median over rounds of each variant's time divided by the floor's time in
//! the same round. Drift in the machine's speed (other tenants, frequency changes)
//! moves both sides of every ratio together, so the ratios repeat to about ±1 % on a
//! noisy VM where criterion's separate runs move by ±8 %.
//!
//! Variants, on identical inputs with a realistic set of request headers:
//! - `floor`: a pre-keyed `Hmac<Sha256>` cloned and fed the signed bytes;
//! - `verify_at`: hookverify with a fixed time; `verify`: hookverify reading the clock,
//!   as a handler calls it; `typed`: `verify` on the provider's own verifier type
//!   (`stripe::verifier(…)` and so on; the others use `Verifier<Box<dyn Scheme>>`);
//!   `HeaderMap`: `verify` with the headers in an `http::HeaderMap`, as axum hands them
//!   over;
//! - `one-shot`: an HMAC keyed afresh per request, as hand-written verifiers do;
//! - `webhook-verify`: the peer crate, reading the clock.
//!
//! `cargo bench -p hookverify-interop --bench overhead` prints the table of BENCHMARKS.md.
//! `... --bench overhead -- --loop <scheme> <variant>` runs one variant 100,000 times over
//! a 1 KiB body instead, for `valgrind --tool=callgrind` instruction counts.
//! `... -- --only <scheme> [<size>]` times only that scheme (and body size).

use std::hint::black_box;

use hmac::{KeyInit, Mac};
use hookverify::providers::{github, standard_webhooks, stripe};
use hookverify::{Scheme, Secret, Verifier};
use hookverify_interop::{fmt_ns, interleaved, request_headers};
use time::OffsetDateTime;
use webhook_verify::{Provider, VerifyOptions};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

const SCHEMES: [&str; 3] = ["github", "stripe", "standard-webhooks"];
const VARIANTS: [&str; 7] = [
    "floor",
    "verify_at",
    "verify",
    "typed",
    "HeaderMap",
    "one-shot",
    "webhook-verify",
];

/// The provider's own verifier type, as `github::verifier(…)` and the others return it.
enum Typed {
    GitHub(Verifier<github::GitHub>),
    Stripe(Verifier<hookverify::schemes::Signed>),
    StandardWebhooks(Box<Verifier<hookverify::schemes::StandardWebhooks>>),
}

struct Case {
    verifier: Verifier<Box<dyn Scheme>>,
    typed: Typed,
    provider: Provider,
    secret: Vec<u8>,
    peer_secret: webhook_verify::Secret,
    headers: Vec<(String, String)>,
    map: http::HeaderMap,
    /// The signed bytes before the body.
    prefix: Vec<u8>,
    body: Vec<u8>,
    now: OffsetDateTime,
}

fn case(scheme: &str, len: usize) -> Case {
    let body: Vec<u8> = (0..len)
        .map(|i| b"abcdefghijklmnopqrstuvwxyz{}:,\""[i % 31])
        .collect();
    let now = OffsetDateTime::now_utc();
    // Each preset twice, from the one secret: as its own type and as a trait object.
    let (typed, verifier, secret, peer, provider) = match scheme {
        "github" => {
            let key = "It's a Secret to Everybody";
            (
                Typed::GitHub(github::verifier([key])),
                github::verifier([key]).into_dyn(),
                Secret::new(key),
                key,
                Provider::GitHub,
            )
        }
        "stripe" => {
            let key = "whsec_test_secret";
            (
                Typed::Stripe(stripe::verifier([key])),
                stripe::verifier([key]).into_dyn(),
                Secret::new(key),
                key,
                Provider::Stripe,
            )
        }
        _ => {
            let whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
            let verifier = || standard_webhooks::verifier_from_whsec([whsec]).unwrap();
            (
                Typed::StandardWebhooks(Box::new(verifier())),
                verifier().into_dyn(),
                Secret::from_standard_webhooks(whsec).unwrap(),
                whsec,
                Provider::StandardWebhooks,
            )
        }
    };
    let signed = verifier.scheme().sign(&body, &secret, now);
    let prefix = match scheme {
        "stripe" => format!("{}.", now.unix_timestamp()).into_bytes(),
        "standard-webhooks" => format!("{}.{}.", signed[0].1, signed[1].1).into_bytes(),
        _ => Vec::new(),
    };
    let headers = request_headers(len, signed);
    let mut map = http::HeaderMap::new();
    for (k, v) in &headers {
        map.append(
            http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            http::HeaderValue::from_str(v).unwrap(),
        );
    }
    Case {
        verifier,
        typed,
        provider,
        secret: secret.expose_secret().to_vec(),
        peer_secret: webhook_verify::Secret::new(peer),
        headers,
        map,
        prefix,
        body,
        now,
    }
}

/// One call of `variant`, returning something derived from its result.
fn run(c: &Case, keyed: &HmacSha256, variant: &str) -> usize {
    let body = black_box(&c.body[..]);
    match variant {
        "floor" => {
            let mut m = keyed.clone();
            m.update(&c.prefix);
            m.update(body);
            m.finalize().into_bytes()[0].into()
        }
        "verify_at" => c
            .verifier
            .verify_at(body, black_box(&c.headers), c.now)
            .unwrap()
            .secret_index(),
        "verify" => c
            .verifier
            .verify(body, black_box(&c.headers))
            .unwrap()
            .secret_index(),
        "typed" => {
            let headers = black_box(&c.headers);
            match &c.typed {
                Typed::GitHub(v) => v.verify(body, headers),
                Typed::Stripe(v) => v.verify(body, headers),
                Typed::StandardWebhooks(v) => v.verify(body, headers),
            }
            .unwrap()
            .secret_index()
        }
        "HeaderMap" => c
            .verifier
            .verify(body, black_box(&c.map))
            .unwrap()
            .secret_index(),
        "one-shot" => {
            let mut m = HmacSha256::new_from_slice(black_box(&c.secret)).unwrap();
            m.update(&c.prefix);
            m.update(body);
            m.finalize().into_bytes()[0].into()
        }
        _ => webhook_verify::verify(
            c.provider,
            black_box(&c.headers),
            body,
            &c.peer_secret,
            VerifyOptions::default(),
        )
        .map(|_| 1)
        .unwrap(),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--loop") {
        let (scheme, variant) = (&args[at + 1], &args[at + 2]);
        let c = case(scheme, 1024);
        let keyed = HmacSha256::new_from_slice(&c.secret).unwrap();
        let sum: usize = (0..100_000).map(|_| run(&c, &keyed, variant)).sum();
        println!("{scheme} {variant}: {sum}");
        return;
    }
    if args.iter().any(|a| a == "--list") {
        return; // `cargo bench -- --list`: nothing for libtest to list
    }
    println!("| scheme | size | floor | {} |", VARIANTS[1..].join(" | "));
    println!("|---|---|---|{}", "---|".repeat(VARIANTS.len() - 1));
    // `-- --only <scheme> <size>`: one cell, for quick comparisons.
    let only = args.iter().position(|a| a == "--only").map(|at| {
        let size = args.get(at + 2).and_then(|s| s.parse::<usize>().ok());
        (args.get(at + 1).cloned().unwrap_or_default(), size)
    });
    for scheme in SCHEMES {
        for len in [64, 1024, 16 * 1024, 1024 * 1024] {
            if only
                .as_ref()
                .is_some_and(|(s, n)| s != scheme || n.is_some_and(|n| n != len))
            {
                continue;
            }
            let c = case(scheme, len);
            let keyed = HmacSha256::new_from_slice(&c.secret).unwrap();
            // About 0.2 ms per batch, 301 rounds: a few seconds per cell.
            let batch = (200_000 / (len + 200)).max(1);
            let (floor, ratios) =
                interleaved(VARIANTS.len(), batch, 301, |i| run(&c, &keyed, VARIANTS[i]));
            let cells: Vec<String> = ratios[1..].iter().map(|r| format!("{r:.3}×")).collect();
            let floor = fmt_ns(floor);
            println!("| {scheme} | {len} B | {floor} | {} |", cells.join(" | "));
        }
    }
}
