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
//! The one-shot and naive verifiers and the peer crates are measured side by side in
//! `interop/benches/peers.rs`.
//!
//! `cargo bench --bench verify`

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hmac::{KeyInit, Mac};
use hookverify::providers::{livingdocs, memento, memo_bank, pocketbook};
use hookverify::schemes::StandardWebhooks;
use hookverify::{Scheme, Secret, Verifier};
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

fn timestamped(c: &mut Criterion) {
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let keyed = HmacSha256::new_from_slice(KEY).unwrap();
    let mut g = c.benchmark_group("timestamped (pocketbook)");
    for len in SIZES {
        let body = body(len);
        let headers = pocketbook::scheme().sign(&body, &Secret::new(KEY), now);
        let verifier = pocketbook::verifier([Secret::new(KEY)]);
        let value = headers[0].1.clone();
        let t = value
            .trim_start_matches("t=")
            .split_once(",v1=")
            .unwrap()
            .0
            .to_string();
        g.throughput(Throughput::Bytes(len as u64));
        g.bench_with_input(BenchmarkId::new("floor", len), &body, |b, body| {
            b.iter(|| {
                let mut m = keyed.clone();
                m.update(black_box(t.as_bytes()));
                m.update(b".");
                m.update(black_box(body));
                m.finalize().into_bytes()
            })
        });
        g.bench_with_input(BenchmarkId::new("one-shot hmac", len), &body, |b, body| {
            b.iter(|| {
                let mut m = HmacSha256::new_from_slice(black_box(KEY)).unwrap();
                m.update(black_box(t.as_bytes()));
                m.update(b".");
                m.update(black_box(body));
                m.finalize().into_bytes()
            })
        });
        g.bench_with_input(BenchmarkId::new("hookverify", len), &body, |b, body| {
            b.iter(|| {
                verifier
                    .verify_at(black_box(body), black_box(&headers), now)
                    .unwrap()
                    .secret_index()
            })
        });
    }
    g.finish();
}

fn hex_hmac(c: &mut Criterion) {
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let keyed = HmacSha256::new_from_slice(KEY).unwrap();
    for (name, scheme) in [
        (
            "hex (memento)",
            Box::new(memento::scheme()) as Box<dyn Scheme>,
        ),
        ("sha256= hex (livingdocs)", Box::new(livingdocs::scheme())),
    ] {
        let headers_for = |body: &[u8]| scheme.sign(body, &Secret::new(KEY), now);
        let mut g = c.benchmark_group(name);
        for len in SIZES {
            let body = body(len);
            let headers = headers_for(&body);
            g.throughput(Throughput::Bytes(len as u64));
            g.bench_with_input(BenchmarkId::new("floor", len), &body, |b, body| {
                b.iter(|| {
                    let mut m = keyed.clone();
                    m.update(black_box(body));
                    m.finalize().into_bytes()
                })
            });
            g.bench_with_input(BenchmarkId::new("one-shot hmac", len), &body, |b, body| {
                b.iter(|| {
                    let mut m = HmacSha256::new_from_slice(black_box(KEY)).unwrap();
                    m.update(black_box(body));
                    m.finalize().into_bytes()
                })
            });
            let verifier = Verifier::new(&scheme, [Secret::new(KEY)]);
            g.bench_with_input(BenchmarkId::new("hookverify", len), &body, |b, body| {
                b.iter(|| {
                    verifier
                        .verify_at(black_box(body), black_box(&headers), now)
                        .unwrap()
                        .secret_index()
                })
            });
        }
        g.finish();
    }
}

fn standard_webhooks(c: &mut Criterion) {
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let secret = Secret::from_standard_webhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    let keyed = HmacSha256::new_from_slice(secret.expose_secret()).unwrap();
    let verifier = Verifier::new(StandardWebhooks::new(), [secret.clone()]);
    let mut g = c.benchmark_group("standard webhooks");
    for len in SIZES {
        let body = body(len);
        let headers = StandardWebhooks::new().sign(&body, &secret, now);
        let prefix = format!("{}.{}.", headers[0].1, headers[1].1);
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
                let mut m = HmacSha256::new_from_slice(black_box(secret.expose_secret())).unwrap();
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
                    .secret_index()
            })
        });
    }
    g.finish();
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
                    .secret_index()
            })
        });
        let headers = memo_bank::scheme().sign(&body, &secrets[n - 1], now);
        let verifier = memo_bank::verifier(secrets);
        g.bench_function(BenchmarkId::new("bearer token", n), |b| {
            b.iter(|| {
                verifier
                    .verify_at(black_box(&body), &headers, now)
                    .unwrap()
                    .secret_index()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, timestamped, hex_hmac, standard_webhooks, rotation);
criterion_main!(benches);
