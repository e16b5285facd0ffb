//! Side-by-side, one run, identical inputs: hookverify's `verify_at` (and `verify`, which
//! reads the system clock, as `clock` rows) next to the floor
//! (a pre-keyed HMAC cloned and fed the signed bytes), a one-shot HMAC keyed afresh per
//! request, a naive hand-written verifier (`format!` the signed string, hex-encode the
//! computed MAC, compare strings), and the peer crates `webhook-verify`,
//! `standardwebhooks` and `svix`.
//!
//! `cargo bench -p hookverify-interop --bench peers`, then
//! `python3 interop/ratios.py` prints the ratio table of BENCHMARKS.md.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hmac::{KeyInit, Mac};
use hookverify::providers::{github, standard_webhooks, stripe};
use hookverify::{Secret, Sign};
use time::OffsetDateTime;
use webhook_verify::{Clock, Provider, VerifyOptions};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

const SIZES: [usize; 4] = [64, 1024, 16 * 1024, 1024 * 1024];

struct Fixed(u64);
impl Clock for Fixed {
    fn now(&self) -> u64 {
        self.0
    }
}

fn body(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| b"abcdefghijklmnopqrstuvwxyz{}:,\""[i % 31])
        .collect()
}

fn stripe_like(c: &mut Criterion) {
    let secret = "whsec_test_secret";
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let keyed = HmacSha256::new_from_slice(secret.as_bytes()).unwrap();
    let ours = stripe::verifier([secret]);
    let peer_secret = webhook_verify::Secret::new(secret);
    let mut g = c.benchmark_group("timestamped");
    for len in SIZES {
        let body = body(len);
        let headers = stripe::scheme().sign(&body, &Secret::new(secret), now);
        let (t, sig) = headers[0].1[2..].split_once(",v1=").unwrap();
        let (t, sig) = (t.to_string(), sig.to_string());
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
                let mut m = HmacSha256::new_from_slice(black_box(secret.as_bytes())).unwrap();
                m.update(black_box(t.as_bytes()));
                m.update(b".");
                m.update(black_box(body));
                m.finalize().into_bytes()
            })
        });
        g.bench_with_input(BenchmarkId::new("naive", len), &body, |b, body| {
            b.iter(|| {
                let signed = format!("{}.{}", t, String::from_utf8_lossy(black_box(body)));
                let mut m = HmacSha256::new_from_slice(secret.as_bytes()).unwrap();
                m.update(signed.as_bytes());
                hex::encode(m.finalize().into_bytes()) == sig
            })
        });
        g.bench_with_input(BenchmarkId::new("hookverify", len), &body, |b, body| {
            b.iter(|| {
                ours.verify_at(black_box(body), black_box(&headers), now)
                    .is_ok()
            })
        });
        // `verify` against the system clock, as a handler calls it: signed now, and
        // criterion's run of one size stays well within the 300 s window.
        let live = stripe::scheme().sign(&body, &Secret::new(secret), OffsetDateTime::now_utc());
        g.bench_with_input(
            BenchmarkId::new("hookverify clock", len),
            &body,
            |b, body| {
                b.iter(|| {
                    ours.verify(black_box(body), black_box(&live))
                        .unwrap()
                        .key_index()
                })
            },
        );
        g.bench_with_input(
            BenchmarkId::new("webhook-verify clock", len),
            &body,
            |b, body| {
                b.iter(|| {
                    webhook_verify::verify(
                        Provider::Stripe,
                        black_box(&live),
                        black_box(body),
                        &peer_secret,
                        VerifyOptions::default(),
                    )
                    .unwrap()
                })
            },
        );
        let options = VerifyOptions::default().with_clock(Some(Arc::new(Fixed(1_700_000_000))));
        g.bench_with_input(BenchmarkId::new("webhook-verify", len), &body, |b, body| {
            b.iter(|| {
                webhook_verify::verify(
                    Provider::Stripe,
                    black_box(&headers),
                    black_box(body),
                    &peer_secret,
                    options.clone(),
                )
                .is_ok()
            })
        });
    }
    g.finish();
}

fn github_like(c: &mut Criterion) {
    let secret = "It's a Secret to Everybody";
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let keyed = HmacSha256::new_from_slice(secret.as_bytes()).unwrap();
    let ours = github::verifier([secret]);
    let peer_secret = webhook_verify::Secret::new(secret);
    let mut g = c.benchmark_group("sha256= hex");
    for len in SIZES {
        let body = body(len);
        let headers = github::scheme().sign(&body, &Secret::new(secret), now);
        let sig = headers[0].1.clone();
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
                let mut m = HmacSha256::new_from_slice(black_box(secret.as_bytes())).unwrap();
                m.update(black_box(body));
                m.finalize().into_bytes()
            })
        });
        g.bench_with_input(BenchmarkId::new("naive", len), &body, |b, body| {
            b.iter(|| {
                let mut m = HmacSha256::new_from_slice(secret.as_bytes()).unwrap();
                m.update(black_box(body));
                format!("sha256={}", hex::encode(m.finalize().into_bytes())) == sig
            })
        });
        // `verify`, as a handler calls it: no timestamp, so no clock is read.
        g.bench_with_input(BenchmarkId::new("hookverify", len), &body, |b, body| {
            b.iter(|| {
                ours.verify(black_box(body), black_box(&headers))
                    .unwrap()
                    .key_index()
            })
        });
        g.bench_with_input(BenchmarkId::new("webhook-verify", len), &body, |b, body| {
            b.iter(|| {
                webhook_verify::verify(
                    Provider::GitHub,
                    black_box(&headers),
                    black_box(body),
                    &peer_secret,
                    VerifyOptions::default(),
                )
                .is_ok()
            })
        });
    }
    g.finish();
}

fn standard(c: &mut Criterion) {
    let whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let ours = standard_webhooks::verifier([whsec]).unwrap();
    let key = Secret::from_standard_webhooks(whsec).unwrap();
    let keyed = HmacSha256::new_from_slice(key.expose_secret()).unwrap();
    let peer = standardwebhooks::Webhook::new(whsec).unwrap();
    let svix = svix::webhooks::Webhook::new(whsec).unwrap();
    let wv_secret = webhook_verify::Secret::new(whsec);
    let mut g = c.benchmark_group("standard webhooks");
    for len in SIZES {
        let body = body(len);
        // The peers read the wall clock: sign now; criterion's run stays within 300 s
        // per size.
        let now = OffsetDateTime::now_utc();
        let headers = standard_webhooks::scheme().sign(&body, &key, now);
        let mut map = http::HeaderMap::new();
        for (k, v) in &headers {
            map.insert(
                http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        let (id, t) = (headers[0].1.clone(), headers[1].1.clone());
        g.throughput(Throughput::Bytes(len as u64));
        g.bench_with_input(BenchmarkId::new("floor", len), &body, |b, body| {
            b.iter(|| {
                let mut m = keyed.clone();
                m.update(black_box(id.as_bytes()));
                m.update(b".");
                m.update(black_box(t.as_bytes()));
                m.update(b".");
                m.update(black_box(body));
                m.finalize().into_bytes()
            })
        });
        g.bench_with_input(BenchmarkId::new("hookverify", len), &body, |b, body| {
            b.iter(|| {
                ours.verify_at(black_box(body), black_box(&map), now)
                    .is_ok()
            })
        });
        g.bench_with_input(
            BenchmarkId::new("hookverify clock", len),
            &body,
            |b, body| {
                b.iter(|| {
                    ours.verify(black_box(body), black_box(&map))
                        .unwrap()
                        .key_index()
                })
            },
        );
        g.bench_with_input(
            BenchmarkId::new("standardwebhooks", len),
            &body,
            |b, body| b.iter(|| peer.verify(black_box(body), black_box(&map)).is_ok()),
        );
        g.bench_with_input(BenchmarkId::new("svix", len), &body, |b, body| {
            b.iter(|| svix.verify(black_box(body), black_box(&map)).is_ok())
        });
        let options =
            VerifyOptions::default().with_clock(Some(Arc::new(Fixed(now.unix_timestamp() as u64))));
        g.bench_with_input(BenchmarkId::new("webhook-verify", len), &body, |b, body| {
            b.iter(|| {
                webhook_verify::verify(
                    Provider::StandardWebhooks,
                    black_box(&headers),
                    black_box(body),
                    &wv_secret,
                    options.clone(),
                )
                .is_ok()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, stripe_like, github_like, standard);
criterion_main!(benches);
