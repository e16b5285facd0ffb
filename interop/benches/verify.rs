//! Verification next to its physical floor, measured side by side in one run.
//!
//! - `floor`: HMAC-SHA256 over the signed bytes with the key schedule computed once (a
//!   pre-keyed `Hmac` cloned per request), which is all a verifier must do;
//! - `one-shot hmac`: the same HMAC keyed afresh per request, as hand-written verifiers
//!   do;
//! - `hookverify`: `Verifier::verify_at`, headers parsed, signatures decoded, compared in
//!   constant time.
//!
//! Criterion times each variant in its own run, so ratios near 1.0 move with the
//! machine; `interop/benches/overhead.rs` interleaves them for precise ratios.
//!
//! The naive verifier and the peer crates are measured side by side in
//! `interop/benches/peers.rs`.
//!
//! `cargo bench -p hookverify-interop --bench verify`

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hmac::{KeyInit, Mac};
use hookverify::providers::{livingdocs, memento, memo_bank, pocketbook};
use hookverify::schemes::StandardWebhooks;
use hookverify::{Scheme, Secret, Sign, Verifier};
use sha2::Sha256;
use time::OffsetDateTime;

type HmacSha256 = hmac::Hmac<Sha256>;

const SIZES: [usize; 4] = [64, 1024, 16 * 1024, 1024 * 1024];
const KEY: &[u8] = b"whsec_1234567890abcdef";

fn body(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| b"abcdefghijklmnopqrstuvwxyz{}:,\""[i % 31])
        .collect()
}

/// One group: for each size, the floor, the one-shot HMAC and `verify_at`, on the bytes
/// `prefix` gives for the signed headers followed by the body.
fn scheme_group(
    c: &mut Criterion,
    name: &str,
    scheme: impl Scheme + Sign + 'static,
    secret: Secret,
    prefix: fn(&[(String, String)]) -> String,
) {
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let key = secret.expose_secret().to_vec();
    let keyed = HmacSha256::new_from_slice(&key).unwrap();
    let verifier = Verifier::new(scheme, [secret.clone()]);
    let mut g = c.benchmark_group(name);
    for len in SIZES {
        let body = body(len);
        let headers = verifier.scheme().sign(&body, &secret, now);
        let prefix = prefix(&headers);
        g.throughput(Throughput::Bytes(len as u64));
        g.bench_with_input(BenchmarkId::new("floor", len), &body, |b, body| {
            b.iter(|| {
                let mut m = keyed.clone();
                m.update(black_box(prefix.as_bytes()));
                m.update(black_box(body));
                m.finalize().into_bytes()
            })
        });
        g.bench_with_input(BenchmarkId::new("one-shot hmac", len), &body, |b, body| {
            b.iter(|| {
                let mut m = HmacSha256::new_from_slice(black_box(&key)).unwrap();
                m.update(black_box(prefix.as_bytes()));
                m.update(black_box(body));
                m.finalize().into_bytes()
            })
        });
        g.bench_with_input(BenchmarkId::new("hookverify", len), &body, |b, body| {
            b.iter(|| {
                verifier
                    .verify_at(black_box(body), black_box(&headers), now)
                    .unwrap()
                    .key_index()
            })
        });
    }
    g.finish();
}

fn timestamped(c: &mut Criterion) {
    // `t=<t>,v1=…`: the signed bytes are `"<t>." ++ body`.
    scheme_group(
        c,
        "timestamped (pocketbook)",
        pocketbook::scheme(),
        Secret::new(KEY),
        |h| {
            let t = h[0]
                .1
                .trim_start_matches("t=")
                .split_once(",v1=")
                .unwrap()
                .0;
            format!("{t}.")
        },
    );
}

fn hex_hmac(c: &mut Criterion) {
    scheme_group(
        c,
        "hex (memento)",
        memento::scheme(),
        Secret::new(KEY),
        |_| String::new(),
    );
    scheme_group(
        c,
        "sha256= hex (livingdocs)",
        livingdocs::scheme(),
        Secret::new(KEY),
        |_| String::new(),
    );
}

fn standard_webhooks(c: &mut Criterion) {
    let secret = Secret::from_standard_webhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    // `webhook-id`, `webhook-timestamp`: the signed bytes are `"<id>.<t>." ++ body`.
    scheme_group(
        c,
        "standard webhooks",
        StandardWebhooks::new(),
        secret,
        |h| format!("{}.{}.", h[0].1, h[1].1),
    );
}

fn rotation(c: &mut Criterion) {
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let body = body(1024);
    let mut g = c.benchmark_group("rotation, 1 KiB, match in the last slot");
    for n in [1usize, 2, 4] {
        let secrets: Vec<Secret> = (0..n).map(|i| Secret::new(format!("whsec_{i}"))).collect();
        let headers = pocketbook::scheme().sign(&body, &secrets[n - 1], now);
        let verifier = pocketbook::verifier(secrets.clone());
        g.bench_function(BenchmarkId::new("pocketbook", n), |b| {
            b.iter(|| {
                verifier
                    .verify_at(black_box(&body), &headers, now)
                    .unwrap()
                    .key_index()
            })
        });
        let headers = memo_bank::scheme().sign(&body, &secrets[n - 1], now);
        let verifier = memo_bank::verifier(secrets);
        g.bench_function(BenchmarkId::new("bearer token", n), |b| {
            b.iter(|| {
                verifier
                    .verify_at(black_box(&body), &headers, now)
                    .unwrap()
                    .key_index()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, timestamped, hex_hmac, standard_webhooks, rotation);
criterion_main!(benches);
