//! Dedupe guard throughput: the in-memory guard (one thread, and 8 threads contending),
//! and the Redis guard on loopback (one request at a time, and 64 in flight) against a
//! `redis-server` this bench starts itself when it is installed.
//!
//! `cargo bench -p hookverify-interop --bench dedupe`

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hookverify::dedupe::MemoryGuard;

const TTL: Duration = Duration::from_secs(3600);

fn memory(c: &mut Criterion) {
    let mut g = c.benchmark_group("dedupe/memory");
    g.throughput(Throughput::Elements(1));
    let guard = MemoryGuard::new(1_000_000, TTL);
    let n = AtomicU64::new(0);
    g.bench_function("record new key", |b| {
        b.iter(|| {
            let key = format!("pocketbook:id:evt_{}", n.fetch_add(1, Ordering::Relaxed));
            guard.record_now(black_box(&key), TTL)
        })
    });
    guard.record_now("pocketbook:id:evt_dup", TTL);
    g.bench_function("record duplicate", |b| {
        b.iter(|| guard.record_now(black_box("pocketbook:id:evt_dup"), TTL))
    });
    g.throughput(Throughput::Elements(8 * 10_000));
    g.bench_function("8 threads x 10000 new keys", |b| {
        let guard = Arc::new(MemoryGuard::new(10_000_000, TTL));
        let round = AtomicU64::new(0);
        b.iter(|| {
            let r = round.fetch_add(1, Ordering::Relaxed);
            std::thread::scope(|s| {
                for t in 0..8 {
                    let guard = &guard;
                    s.spawn(move || {
                        for i in 0..10_000 {
                            guard.record_now(&format!("k{r}:{t}:{i}"), TTL);
                        }
                    });
                }
            });
        })
    });
    g.finish();
}

#[path = "../../tests/common/redis_server.rs"]
mod redis_server;

fn redis(c: &mut Criterion) {
    use hookverify::dedupe::{Guard, RedisGuard};

    let server = match redis_server::Server::start(None) {
        Ok(server) => server,
        Err(e) => {
            eprintln!("*** redis-server could not be started ({e}): Redis guard bench skipped");
            return;
        }
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let guard = {
        let _entered = rt.enter();
        Arc::new(RedisGuard::open(&server.url(), "bench:", TTL).unwrap())
    };
    let n = Arc::new(AtomicU64::new(0));
    let mut g = c.benchmark_group("dedupe/redis");
    g.throughput(Throughput::Elements(1));
    g.bench_function("record new key, one at a time", |b| {
        b.iter(|| {
            let key = format!("k{}", n.fetch_add(1, Ordering::Relaxed));
            rt.block_on(guard.record(&key, TTL)).unwrap()
        })
    });
    g.throughput(Throughput::Elements(64));
    g.bench_function("record new keys, 64 in flight", |b| {
        b.iter(|| {
            rt.block_on(async {
                let tasks: Vec<_> = (0..64)
                    .map(|_| {
                        let (guard, n) = (Arc::clone(&guard), Arc::clone(&n));
                        tokio::spawn(async move {
                            let key = format!("k{}", n.fetch_add(1, Ordering::Relaxed));
                            guard.record(&key, TTL).await.unwrap()
                        })
                    })
                    .collect();
                for t in tasks {
                    t.await.unwrap();
                }
            })
        })
    });
    g.finish();
}

criterion_group!(benches, memory, redis);
criterion_main!(benches);
