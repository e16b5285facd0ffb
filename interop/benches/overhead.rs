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
//!   as a handler calls it, headers in a `Vec` of pairs; `typed`: `verify` on the
//!   provider's own verifier type (`stripe::verifier(…)` and so on; the others use
//!   `Verifier<Box<dyn Scheme>>`); `HeaderMap`: `verify` with the headers in an
//!   `http::HeaderMap`, as axum hands them over;
//! - `plain`: the hand-written verifier a careful user writes with the same crates
//!   ([`hookverify_interop::plain`]: header found in the `Vec` with
//!   `eq_ignore_ascii_case`, `split`/`split_once`, `parse::<i64>`, `SystemTime::now()`
//!   and the window, the pre-keyed HMAC cloned, hex/base64-encoded, `ct_eq`), reading
//!   the clock like `verify`;
//! - `one-shot`: an HMAC keyed afresh per request, as quick hand-written verifiers do;
//! - `webhook-verify`: the peer crate, reading the clock;
//! - `standardwebhooks`, `svix`: the Standard Webhooks peers (their row only), reading
//!   the clock, headers in an `http::HeaderMap` as their API takes them.
//!
//! `cargo bench -p hookverify-interop --bench overhead` prints the table of BENCHMARKS.md.
//! `... --bench overhead -- --loop <scheme> <variant>` runs one variant 100,000 times over
//! a 1 KiB body instead, for `valgrind --tool=callgrind` instruction counts.
//! `... -- --only <scheme> [<size>]` times only that scheme (and body size);
//! `... -- --quick` runs 5 rounds of one call per cell, to check the bench runs (the
//! numbers are noise).

use std::hint::black_box;

use hmac::{KeyInit, Mac};
use hookverify::providers::{github, standard_webhooks, stripe};
use hookverify::schemes::{Signed, StandardWebhooks};
use hookverify::{Scheme, Secret, Sign, Verifier};
use hookverify_interop::plain::{self, HmacSha256};
use hookverify_interop::{fmt_ns, interleaved, request_headers};
use time::OffsetDateTime;
use webhook_verify::{Provider, VerifyOptions};

const SCHEMES: [&str; 3] = ["github", "stripe", "standard-webhooks"];
const VARIANTS: [&str; 10] = [
    "floor",
    "verify_at",
    "verify",
    "typed",
    "HeaderMap",
    "plain",
    "one-shot",
    "webhook-verify",
    "standardwebhooks",
    "svix",
];
const WHSEC: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// The provider's own verifier type, as `github::verifier(…)` and the others return it.
enum Typed {
    GitHub(Verifier<github::GitHub>),
    Stripe(Verifier<Signed>),
    StandardWebhooks(Box<Verifier<StandardWebhooks>>),
}

/// The Standard Webhooks peers, which only that row has.
struct SwPeers {
    standardwebhooks: standardwebhooks::Webhook,
    svix: svix::webhooks::Webhook,
}

struct Case {
    scheme: &'static str,
    verifier: Verifier<Box<dyn Scheme>>,
    typed: Typed,
    provider: Provider,
    secret: Vec<u8>,
    /// The floor's and the plain verifier's HMAC, keyed once.
    keyed: HmacSha256,
    peer_secret: webhook_verify::Secret,
    sw_peers: Option<SwPeers>,
    headers: Vec<(String, String)>,
    map: http::HeaderMap,
    /// The signed bytes before the body.
    prefix: Vec<u8>,
    body: Vec<u8>,
    now: OffsetDateTime,
}

impl Case {
    /// Whether this case has `variant`.
    fn has(&self, variant: &str) -> bool {
        !matches!(variant, "standardwebhooks" | "svix") || self.sw_peers.is_some()
    }
}

fn case(scheme: &'static str, len: usize) -> Case {
    let body: Vec<u8> = (0..len)
        .map(|i| b"abcdefghijklmnopqrstuvwxyz{}:,\""[i % 31])
        .collect();
    let now = OffsetDateTime::now_utc();
    // Each preset twice, from the one secret: as its own type and as a trait object; the
    // headers are signed by the preset's own scheme.
    let (typed, verifier, secret, peer, provider, signed) = match scheme {
        "github" => {
            let key = "It's a Secret to Everybody";
            let signed = github::scheme().sign(&body, &Secret::new(key), now);
            (
                Typed::GitHub(github::verifier([key])),
                github::verifier([key]).into_dyn(),
                Secret::new(key),
                key,
                Provider::GitHub,
                signed,
            )
        }
        "stripe" => {
            let key = "whsec_test_secret";
            let signed = stripe::scheme().sign(&body, &Secret::new(key), now);
            (
                Typed::Stripe(stripe::verifier([key])),
                stripe::verifier([key]).into_dyn(),
                Secret::new(key),
                key,
                Provider::Stripe,
                signed,
            )
        }
        _ => {
            let verifier = || standard_webhooks::verifier([WHSEC]).unwrap();
            let secret = Secret::from_standard_webhooks(WHSEC).unwrap();
            let signed = standard_webhooks::scheme().sign(&body, &secret, now);
            (
                Typed::StandardWebhooks(Box::new(verifier())),
                verifier().into_dyn(),
                secret,
                WHSEC,
                Provider::StandardWebhooks,
                signed,
            )
        }
    };
    let prefix = match scheme {
        "stripe" => format!("{}.", now.unix_timestamp()).into_bytes(),
        "standard-webhooks" => format!("{}.{}.", signed[0].1, signed[1].1).into_bytes(),
        _ => Vec::new(),
    };
    let sw_peers = (scheme == "standard-webhooks").then(|| SwPeers {
        standardwebhooks: standardwebhooks::Webhook::new(WHSEC).unwrap(),
        svix: svix::webhooks::Webhook::new(WHSEC).unwrap(),
    });
    let headers = request_headers(len, signed);
    let mut map = http::HeaderMap::new();
    for (k, v) in &headers {
        map.append(
            http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            http::HeaderValue::from_str(v).unwrap(),
        );
    }
    let secret = secret.expose_secret().to_vec();
    Case {
        scheme,
        verifier,
        typed,
        provider,
        keyed: plain::keyed(&secret),
        secret,
        peer_secret: webhook_verify::Secret::new(peer),
        sw_peers,
        headers,
        map,
        prefix,
        body,
        now,
    }
}

/// One call of `variant`, returning something derived from its result; panics if the
/// variant refuses the request.
fn run(c: &Case, variant: &str) -> usize {
    let body = black_box(&c.body[..]);
    match variant {
        "floor" => {
            let mut m = c.keyed.clone();
            m.update(&c.prefix);
            m.update(body);
            m.finalize().into_bytes()[0].into()
        }
        "verify_at" => c
            .verifier
            .verify_at(body, black_box(&c.headers), c.now)
            .unwrap()
            .key_index(),
        "verify" => c
            .verifier
            .verify(body, black_box(&c.headers))
            .unwrap()
            .key_index(),
        "typed" => {
            let headers = black_box(&c.headers);
            match &c.typed {
                Typed::GitHub(v) => v.verify(body, headers),
                Typed::Stripe(v) => v.verify(body, headers),
                Typed::StandardWebhooks(v) => v.verify(body, headers),
            }
            .unwrap()
            .key_index()
        }
        "HeaderMap" => c
            .verifier
            .verify(body, black_box(&c.map))
            .unwrap()
            .key_index(),
        "plain" => {
            let headers = black_box(&c.headers[..]);
            match c.scheme {
                "github" => plain::verify_github(&c.keyed, body, headers),
                "stripe" => plain::verify_stripe(&c.keyed, body, headers),
                _ => plain::verify_standard_webhooks(&c.keyed, body, headers),
            }
            .map(|()| 1)
            .unwrap()
        }
        "one-shot" => {
            let mut m = HmacSha256::new_from_slice(black_box(&c.secret)).unwrap();
            m.update(&c.prefix);
            m.update(body);
            m.finalize().into_bytes()[0].into()
        }
        "webhook-verify" => webhook_verify::verify(
            c.provider,
            black_box(&c.headers),
            body,
            &c.peer_secret,
            VerifyOptions::default(),
        )
        .map(|_| 1)
        .unwrap(),
        "standardwebhooks" => {
            let peers = c.sw_peers.as_ref().unwrap();
            peers
                .standardwebhooks
                .verify(body, black_box(&c.map))
                .map(|_| 1)
                .unwrap()
        }
        "svix" => {
            let peers = c.sw_peers.as_ref().unwrap();
            peers
                .svix
                .verify(body, black_box(&c.map))
                .map(|_| 1)
                .unwrap()
        }
        _ => panic!("no variant {variant:?}; the variants are {VARIANTS:?}"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--loop") {
        let (Some(scheme), Some(variant)) = (args.get(at + 1), args.get(at + 2)) else {
            panic!("usage: --loop <scheme> <variant>; schemes {SCHEMES:?}, variants {VARIANTS:?}");
        };
        let scheme = SCHEMES
            .into_iter()
            .find(|s| s == scheme)
            .unwrap_or_else(|| panic!("no scheme {scheme:?}; the schemes are {SCHEMES:?}"));
        let c = case(scheme, 1024);
        let sum: usize = (0..100_000).map(|_| run(&c, variant)).sum();
        println!("{scheme} {variant}: {sum}");
        return;
    }
    if args.iter().any(|a| a == "--list") {
        return; // `cargo bench -- --list`: nothing for libtest to list
    }
    // `-- --quick`: a few rounds of one call, to check the bench runs; not a measurement.
    let quick = args.iter().any(|a| a == "--quick");
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
            // The variants this case has, floor first.
            let variants: Vec<&str> = VARIANTS.into_iter().filter(|v| c.has(v)).collect();
            // Every variant must accept before it is timed (`run` panics otherwise).
            for v in &variants {
                run(&c, v);
            }
            // About 0.2 ms per batch, 301 rounds: a few seconds per cell.
            let (batch, rounds) = if quick {
                (1, 5)
            } else {
                ((200_000 / (len + 200)).max(1), 301)
            };
            let (floor, ratios) =
                interleaved(variants.len(), batch, rounds, |i| run(&c, variants[i]));
            let cells: Vec<String> = VARIANTS[1..]
                .iter()
                .map(|v| match variants.iter().position(|w| w == v) {
                    Some(i) => format!("{:.3}×", ratios[i]),
                    None => "–".into(),
                })
                .collect();
            let floor = fmt_ns(floor);
            println!("| {scheme} | {len} B | {floor} | {} |", cells.join(" | "));
        }
    }
}
