//! The Redis guard against a real `redis-server` that each test starts on a free loopback
//! port and stops. Where `redis-server` is not installed the tests say so loudly and pass
//! without running (`.ci/run` installs it, so CI always runs them); set
//! `HOOKVERIFY_REQUIRE_REDIS=1` to make a missing server a failure instead.

#![cfg(feature = "redis")]

use std::net::TcpListener;
use std::sync::Arc;
use std::time::{Duration, Instant};

use hookverify::Error;
use hookverify::Secret;
use hookverify::Sign;
use hookverify::dedupe::{Guard, RedisGuard, Seen};
use hookverify::providers::pocketbook;

#[path = "common/redis_server.rs"]
mod redis_server;

/// Starts a server, or says loudly that the test is skipped (a failure with
/// `HOOKVERIFY_REQUIRE_REDIS=1`).
fn start_server(port: Option<u16>) -> Option<redis_server::Server> {
    match redis_server::Server::start(port) {
        Ok(server) => Some(server),
        Err(e) => {
            let required = std::env::var("HOOKVERIFY_REQUIRE_REDIS").as_deref() == Ok("1");
            let msg = format!(
                "\n*** SKIPPED: redis-server could not be started ({e}).\n*** Install it with `apt-get install redis-server` to run the Redis guard tests.\n"
            );
            assert!(!required, "{msg}");
            eprintln!("{msg}");
            None
        }
    }
}

const TTL: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn records_forgets_and_expires() {
    let Some(server) = start_server(None) else {
        return;
    };
    let guard = RedisGuard::open(&server.url(), "test:", TTL).unwrap();
    assert_eq!(guard.record("a", TTL).await.unwrap(), Seen::First);
    assert_eq!(guard.record("a", TTL).await.unwrap(), Seen::Duplicate);
    assert_eq!(guard.record("b", TTL).await.unwrap(), Seen::First);
    guard.forget("a").await.unwrap();
    assert_eq!(guard.record("a", TTL).await.unwrap(), Seen::First);
    // A short TTL expires.
    assert_eq!(
        guard
            .record("short", Duration::from_millis(100))
            .await
            .unwrap(),
        Seen::First
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        guard
            .record("short", Duration::from_millis(100))
            .await
            .unwrap(),
        Seen::First
    );
    // The prefix separates namespaces.
    let other = RedisGuard::open(&server.url(), "other:", TTL).unwrap();
    assert_eq!(other.record("a", TTL).await.unwrap(), Seen::First);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_sharing_redis_have_one_winner_per_key() {
    let Some(server) = start_server(None) else {
        return;
    };
    let a = Arc::new(RedisGuard::open(&server.url(), "shared:", TTL).unwrap());
    let b = Arc::new(RedisGuard::open(&server.url(), "shared:", TTL).unwrap());
    let mut tasks = Vec::new();
    for i in 0..8 {
        let guard = if i % 2 == 0 {
            Arc::clone(&a)
        } else {
            Arc::clone(&b)
        };
        tasks.push(tokio::spawn(async move {
            let mut firsts = Vec::new();
            for k in 0..200 {
                let key = format!("k{}", (k * 7 + i * 13) % 200);
                if guard.record(&key, TTL).await.unwrap() == Seen::First {
                    firsts.push(key);
                }
            }
            firsts
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    all.sort();
    let n = all.len();
    all.dedup();
    assert_eq!((n, all.len()), (200, 200), "every key won exactly once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fails_closed_while_redis_is_down_and_reconnects_after_a_restart() {
    let Some(server) = start_server(None) else {
        return;
    };
    let guard = RedisGuard::open(&server.url(), "restart:", TTL).unwrap();
    assert_eq!(guard.record("before", TTL).await.unwrap(), Seen::First);

    let port = server.stop();
    let err = guard.record("during", TTL).await.unwrap_err();
    assert!(matches!(err, Error::DedupeUnavailable { .. }), "{err:?}");
    assert_eq!(err.status(), 503);

    let server = start_server(Some(port)).expect("redis-server restarts");
    // The manager reconnects by itself; allow it a few attempts.
    let deadline = Instant::now() + Duration::from_secs(15);
    let seen = loop {
        match guard.record("after", TTL).await {
            Ok(seen) => break seen,
            Err(e) => {
                assert!(Instant::now() < deadline, "no reconnect: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    };
    assert_eq!(seen, Seen::First);
    // Redis ran without persistence: the restart forgot "before".
    assert_eq!(guard.record("before", TTL).await.unwrap(), Seen::First);
    drop(server);
}

#[test]
fn opening_outside_a_runtime_is_an_error_not_a_panic() {
    let err = RedisGuard::open("redis://127.0.0.1:1/", "x:", TTL).unwrap_err();
    assert!(matches!(err, Error::DedupeUnavailable { .. }), "{err:?}");
}

#[tokio::test]
async fn an_unreachable_redis_is_an_error_never_first() {
    // A port nothing listens on.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let guard = RedisGuard::open(&format!("redis://127.0.0.1:{port}/"), "x:", TTL).unwrap();
    let started = Instant::now();
    let err = guard.record("k", TTL).await.unwrap_err();
    assert!(matches!(err, Error::DedupeUnavailable { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(20));
    assert!(RedisGuard::open("not a url", "x:", TTL).is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verify_json_once_with_redis() {
    let Some(server) = start_server(None) else {
        return;
    };
    let guard = RedisGuard::open(&server.url(), "hv:", TTL).unwrap();
    let secret = Secret::new("whsec_1234567890abcdef");
    let body = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/payloads/pocketbook/voucher.created.json"
    ))
    .unwrap();
    let headers = pocketbook::scheme().sign(&body, &secret, time::OffsetDateTime::now_utc());
    let verifier = pocketbook::verifier([secret]);
    let first: Option<pocketbook::Event> = verifier
        .verify_json_once(&body, &headers, &guard)
        .await
        .unwrap();
    assert!(first.is_some());
    let again: Option<pocketbook::Event> = verifier
        .verify_json_once(&body, &headers, &guard)
        .await
        .unwrap();
    assert!(again.is_none());
    // A forged request never reaches the guard.
    let forged = pocketbook::scheme().sign(
        &body,
        &Secret::new("guess"),
        time::OffsetDateTime::now_utc(),
    );
    assert!(
        verifier
            .verify_json_once::<pocketbook::Event>(&body, &forged, &guard)
            .await
            .is_err()
    );
}
