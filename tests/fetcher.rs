//! `KeyFetcher` and `HttpsFetcher` through the public API: caching, expiry, unknown key
//! ids and their rate-limited refetch, coalescing of concurrent misses, timeouts, size
//! caps, TLS failures, error statuses and redirects, and the pinning of SNS certificate
//! URLs before any connection. Keys are served by the loopback HTTPS server of
//! `tests/common/key_server.rs`; the documents and genuine requests come from
//! `tests/data/vectors/fetched_keys.json` (all at `now` = 1765000000).
#![cfg(all(feature = "fetch", feature = "jwt"))]

#[path = "common/fetched_vectors.rs"]
mod fetched_vectors;
#[path = "common/key_server.rs"]
mod key_server;

use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use base64::Engine as _;
use fetched_vectors::{Case, case, clock, document, fetcher, https, now, sns_certificate};
use hookverify::fetch::{Fetch, FetchError, FetchFuture, FetchRequest, KeyFetcher};
use hookverify::providers::{aws_sns, google_pubsub, plaid};
use hookverify::schemes::Jwt;
use hookverify::{Error, Secret, Sign, Verifier};
use key_server::{KeyServer, Response};

/// The Pub/Sub vectors' audience and service account.
const AUDIENCE: &str = "https://hooks.example.com/pubsub/push";
const EMAIL: &str = "push-invoker@hookverify-test.iam.gserviceaccount.com";
/// Where Google's JWKS is (`google_pubsub::JWKS_URL`).
const GOOGLE: &str = "www.googleapis.com";
const JWKS_PATH: &str = "/oauth2/v3/certs";
/// The SNS certificate most vectors name, on its two hosts used here.
const SNS: &str = fetched_vectors::SNS_HOST;
const SNS_CN: &str = "sns.cn-north-1.amazonaws.com.cn";
const CERT_PATH: &str = fetched_vectors::SNS_CERT_PATH;
/// The kid `Sign` puts in every token it makes.
const SIGNED_KID: &str = "hookverify-test";

// ---------------------------------------------------------------------------------------
// Vectors and fixtures
// ---------------------------------------------------------------------------------------

/// Google's JWKS of the vectors (two keys, neither with kid `hookverify-test`).
fn jwks() -> &'static str {
    document(google_pubsub::JWKS_URL)
}

/// A genuine Pub/Sub push signed with the JWKS's first key, and one with its second.
fn pubsub_first() -> &'static Case {
    case("pubsub genuine (first JWKS key)")
}
fn pubsub_second() -> &'static Case {
    case("pubsub genuine (second JWKS key)")
}

/// The PKCS#8 DER of the test key `name` in `tests/data/gen/fetched_keys_private.pem`.
fn private_key_der(name: &str) -> Vec<u8> {
    let text = include_str!("data/gen/fetched_keys_private.pem");
    let marker = format!("# key: {name}\n");
    let start = text.find(&marker).expect("the key is in the file") + marker.len();
    let b64: String = text[start..]
        .lines()
        .skip_while(|l| !l.starts_with("-----BEGIN"))
        .skip(1)
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .expect("PEM body is base64")
}

/// The test key the rotated JWKS adds (not in the vectors' JWKS).
const ROTATED_KEY: &str = "google_unlisted";

/// The JWK (kid `hookverify-test`) of [`ROTATED_KEY`]'s public half, computed from the
/// private key.
fn rotated_jwk() -> serde_json::Value {
    use rsa::pkcs8::DecodePrivateKey as _;
    use rsa::traits::PublicKeyParts as _;
    let key =
        rsa::PrivateKey::from_pkcs8_der(&private_key_der(ROTATED_KEY)).expect("an RSA PKCS#8 key");
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    serde_json::json!({
        "kty": "RSA",
        "alg": "RS256",
        "use": "sig",
        "kid": SIGNED_KID,
        "n": b64(&key.n_bytes()),
        "e": b64(&key.e_bytes()),
    })
}

/// Google's JWKS after a rotation: the vectors' keys plus [`rotated_jwk`].
fn rotated_jwks() -> String {
    let mut set: serde_json::Value = serde_json::from_str(jwks()).expect("JWKS is JSON");
    set["keys"]
        .as_array_mut()
        .expect("a keys array")
        .push(rotated_jwk());
    set.to_string()
}

/// A push request whose token is signed by [`ROTATED_KEY`] (kid `hookverify-test`), made
/// once: RSA signing is slow in debug builds.
fn rotated_token_request() -> &'static (String, Vec<(String, String)>) {
    static REQUEST: OnceLock<(String, Vec<(String, String)>)> = OnceLock::new();
    REQUEST.get_or_init(|| {
        let body = pubsub_first().body.clone();
        let secret = Secret::new(private_key_der(ROTATED_KEY));
        let headers = google_pubsub::scheme(AUDIENCE, EMAIL).sign(body.as_bytes(), &secret, now());
        assert_eq!(headers.len(), 1, "the key signs");
        (body, headers)
    })
}

/// `headers` with the bearer token's JOSE header replaced by one naming `kid` (the signature
/// no longer matches, which does not matter: an unknown kid is refused first).
fn with_kid(headers: &[(String, String)], kid: &str) -> Vec<(String, String)> {
    let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    headers
        .iter()
        .map(|(name, value)| {
            if !name.eq_ignore_ascii_case("authorization") {
                return (name.clone(), value.clone());
            }
            let token = value.strip_prefix("Bearer ").expect("a bearer token");
            let (_, rest) = token.split_once('.').expect("a JWT");
            let header = format!(r#"{{"alg":"RS256","typ":"JWT","kid":"{kid}"}}"#);
            (name.clone(), format!("Bearer {}.{rest}", b64(&header)))
        })
        .collect()
}

/// A genuine SNS message (v1 notification) with its `SigningCertURL` replaced by `url`.
fn sns_with_cert_url(url: &str) -> String {
    let genuine = &case("sns v1 notification with subject genuine").body;
    let original = format!("\"https://{SNS}{CERT_PATH}\"");
    assert_eq!(genuine.matches(&original).count(), 1);
    let replacement = serde_json::to_string(url).expect("a JSON string");
    genuine.replace(&original, &replacement)
}

// ---------------------------------------------------------------------------------------
// Servers, fetchers, verifiers
// ---------------------------------------------------------------------------------------

/// A server playing `www.googleapis.com`, serving `jwks` at the JWKS URL.
fn google_server(jwks: &str) -> KeyServer {
    let server = KeyServer::start(&[GOOGLE]);
    server.serve("GET", GOOGLE, JWKS_PATH, Response::json(jwks));
    server
}

fn pubsub(fetcher: KeyFetcher) -> Verifier<Jwt> {
    google_pubsub::verifier(AUDIENCE, EMAIL, fetcher).with_clock(clock())
}

fn sns(fetcher: KeyFetcher) -> Verifier<aws_sns::AwsSns> {
    aws_sns::verifier(fetcher).with_clock(clock())
}

fn jwks_hits(server: &KeyServer) -> usize {
    server.hits("GET", GOOGLE, JWKS_PATH)
}

/// Asserts `result` is `KeyUnavailable` (503) and returns its reason.
#[track_caller]
fn assert_unavailable<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Err(e @ Error::KeyUnavailable { .. }) => {
            assert_eq!(e.status(), 503);
            let Error::KeyUnavailable { reason, .. } = e else {
                unreachable!()
            };
            reason
        }
        other => panic!("expected KeyUnavailable, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// 1. Cache hits
// ---------------------------------------------------------------------------------------

/// Once Google's JWKS is fetched, every request needing it (the same token again, a token
/// of the set's other key) verifies from the cache, through `verify_async` and the
/// synchronous `verify` alike, without a request; before the fetch, `verify` refuses
/// with `KeyUnavailable` and does no I/O.
#[tokio::test]
async fn cached_jwks_serves_later_requests_without_a_request() {
    let server = google_server(jwks());
    let verifier = pubsub(fetcher(&server));
    let (first, second) = (pubsub_first(), pubsub_second());

    assert_unavailable(verifier.verify(&first.body, &first.headers));
    assert_eq!(server.total_hits(), 0, "verify does no I/O");

    let verified = verifier
        .verify_async(&first.body, &first.headers)
        .await
        .expect("genuine token verifies");
    assert_eq!(verified.key_index(), 0);
    assert_eq!(jwks_hits(&server), 1);

    for c in [first, second] {
        verifier
            .verify_async(&c.body, &c.headers)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", c.name));
        verifier
            .verify(&c.body, &c.headers)
            .unwrap_or_else(|e| panic!("{} (sync): {e}", c.name));
    }
    assert_eq!(server.total_hits(), 1, "served from the cache");
}

/// Once an SNS certificate is fetched, every message naming its URL (other messages, the
/// host written in upper case) verifies from the cache, asynchronously and synchronously,
/// without a request.
#[tokio::test]
async fn cached_sns_certificate_serves_later_messages_without_a_request() {
    let server = KeyServer::start(&[SNS]);
    server.serve(
        "GET",
        SNS,
        CERT_PATH,
        Response::ok("application/x-pem-file", sns_certificate()),
    );
    let verifier = sns(fetcher(&server));

    let first = case("sns v1 notification with subject genuine");
    verifier
        .verify_async(&first.body, &first.headers)
        .await
        .expect("genuine message verifies");
    assert_eq!(server.hits("GET", SNS, CERT_PATH), 1);

    for name in [
        "sns v1 notification with subject genuine",
        "sns v2 notification without subject genuine",
        "sns v2 subscription confirmation genuine",
        "sns cert URL on uppercase host SNS.US-EAST-1.AMAZONAWS.COM",
    ] {
        let c = case(name);
        verifier
            .verify_async(&c.body, &c.headers)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        verifier
            .verify(&c.body, &c.headers)
            .unwrap_or_else(|e| panic!("{name} (sync): {e}"));
    }
    assert_eq!(server.total_hits(), 1, "served from the cache");
}

// ---------------------------------------------------------------------------------------
// 2. Expiry
// ---------------------------------------------------------------------------------------

/// With a 200 ms TTL the JWKS is used from the cache until it expires; then the
/// synchronous `verify` still does no I/O, and the next `verify_async` makes exactly one
/// new request, after which the cache serves again.
#[tokio::test]
async fn expired_document_is_fetched_again_once() {
    let server = google_server(jwks());
    let verifier = pubsub(fetcher(&server).with_ttl(Duration::from_millis(200)));
    let c = pubsub_first();

    verifier
        .verify_async(&c.body, &c.headers)
        .await
        .expect("verifies");
    verifier
        .verify_async(&c.body, &c.headers)
        .await
        .expect("cached");
    assert_eq!(jwks_hits(&server), 1);

    tokio::time::sleep(Duration::from_millis(300)).await;
    // Whatever it answers for stale keys, the synchronous path never fetches.
    let _ = verifier.verify(&c.body, &c.headers);
    assert_eq!(jwks_hits(&server), 1, "sync verify does no I/O");

    verifier
        .verify_async(&c.body, &c.headers)
        .await
        .expect("refetched");
    assert_eq!(jwks_hits(&server), 2, "one new request");
    verifier
        .verify_async(&c.body, &c.headers)
        .await
        .expect("cached again");
    verifier
        .verify(&c.body, &c.headers)
        .expect("cached again (sync)");
    assert_eq!(jwks_hits(&server), 2);
}

// ---------------------------------------------------------------------------------------
// 3. Unknown kid
// ---------------------------------------------------------------------------------------

/// A token naming a kid the JWKS lacks, on a cold cache: one fetch, `UnknownKey` (401);
/// more such tokens (the same kid, other forged kids) within the refetch interval make
/// no request, and a genuine token still verifies from the cache.
#[tokio::test]
async fn unknown_kid_on_a_cold_cache_fetches_once() {
    let server = google_server(jwks());
    let verifier = pubsub(fetcher(&server));
    let (body, headers) = rotated_token_request();

    let err = verifier.verify_async(body, headers).await.unwrap_err();
    assert!(matches!(err, Error::UnknownKey), "{err:?}");
    assert_eq!(err.status(), 401);
    assert_eq!(jwks_hits(&server), 1);

    for kid in [SIGNED_KID, "forged-1", "forged-2"] {
        let forged = with_kid(headers, kid);
        let err = verifier.verify_async(body, &forged).await.unwrap_err();
        assert!(matches!(err, Error::UnknownKey), "{kid:?}: {err:?}");
    }
    assert_eq!(jwks_hits(&server), 1, "no refetch within the interval");

    let c = pubsub_first();
    verifier
        .verify_async(&c.body, &c.headers)
        .await
        .expect("known kid");
    assert_eq!(jwks_hits(&server), 1);
}

/// With a 300 ms refetch interval: a cached JWKS older than the interval is fetched once
/// more for a token naming a kid it lacks (still `UnknownKey`); a second such token right
/// after makes no request, even though the server now has a rotated set with that kid;
/// once the interval has passed, one refetch picks up the rotated set and the token
/// verifies, then from the cache.
#[tokio::test]
async fn unknown_kid_refetches_once_per_interval_and_finds_a_rotated_key() {
    let interval = Duration::from_millis(300);
    let server = google_server(jwks());
    let verifier = pubsub(fetcher(&server).with_refetch_interval(interval));
    let genuine = pubsub_first();
    let (body, headers) = rotated_token_request();

    verifier
        .verify_async(&genuine.body, &genuine.headers)
        .await
        .expect("genuine token verifies");
    assert_eq!(jwks_hits(&server), 1);

    tokio::time::sleep(interval + Duration::from_millis(100)).await;
    let err = verifier.verify_async(body, headers).await.unwrap_err();
    assert!(matches!(err, Error::UnknownKey), "{err:?}");
    assert_eq!(jwks_hits(&server), 2, "refetched once for the unknown kid");

    // The provider rotates; within the interval nothing is asked.
    server.serve("GET", GOOGLE, JWKS_PATH, Response::json(rotated_jwks()));
    let err = verifier.verify_async(body, headers).await.unwrap_err();
    assert!(matches!(err, Error::UnknownKey), "{err:?}");
    let forged = with_kid(headers, "forged-3");
    assert!(matches!(
        verifier.verify_async(body, &forged).await,
        Err(Error::UnknownKey)
    ));
    assert_eq!(jwks_hits(&server), 2, "no refetch within the interval");

    tokio::time::sleep(interval + Duration::from_millis(100)).await;
    let verified = verifier
        .verify_async(body, headers)
        .await
        .expect("the rotated key verifies");
    assert_eq!(jwks_hits(&server), 3, "one refetch after the interval");
    assert_eq!(verified.key_index(), 2, "the key appended by the rotation");

    verifier.verify_async(body, headers).await.expect("cached");
    verifier.verify(body, headers).expect("cached (sync)");
    verifier
        .verify_async(&genuine.body, &genuine.headers)
        .await
        .expect("the old keys are still in the set");
    assert_eq!(jwks_hits(&server), 3);
}

/// The refetch for an unknown kid is rate-limited even when it fails: with the JWKS
/// cached and older than the 300 ms interval, and Google answering 500, forged kids make
/// at most one request per interval (the module docs: "forged ids cannot make the
/// verifier hammer the provider"), while tokens with known kids keep verifying from the
/// cache.
#[tokio::test]
async fn failed_unknown_kid_refetch_is_rate_limited_too() {
    let interval = Duration::from_millis(300);
    let server = google_server(jwks());
    let verifier = pubsub(fetcher(&server).with_refetch_interval(interval));
    let genuine = pubsub_first();
    let (body, headers) = rotated_token_request();

    verifier
        .verify_async(&genuine.body, &genuine.headers)
        .await
        .expect("genuine token verifies");
    assert_eq!(jwks_hits(&server), 1);

    tokio::time::sleep(interval + Duration::from_millis(100)).await;
    server.serve("GET", GOOGLE, JWKS_PATH, Response::status(500));
    for i in 0..5 {
        let forged = with_kid(headers, &format!("forged-{i}"));
        let err = verifier.verify_async(body, &forged).await.unwrap_err();
        assert!(
            matches!(err, Error::UnknownKey | Error::KeyUnavailable { .. }),
            "{err:?}"
        );
        verifier
            .verify_async(&genuine.body, &genuine.headers)
            .await
            .expect("the cached keys still verify");
    }
    assert_eq!(
        jwks_hits(&server),
        2,
        "one refetch per interval, whatever its outcome"
    );
}

// ---------------------------------------------------------------------------------------
// 4. Coalescing
// ---------------------------------------------------------------------------------------

/// Sixteen concurrent `verify_async` calls (spawned tasks on a multi-thread runtime)
/// needing one uncached JWKS (served after 300 ms) make exactly one request, and all
/// sixteen succeed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_misses_make_one_request() {
    let server = KeyServer::start(&[GOOGLE]);
    server.serve(
        "GET",
        GOOGLE,
        JWKS_PATH,
        Response::json(jwks()).delayed(Duration::from_millis(300)),
    );
    let verifier = Arc::new(pubsub(fetcher(&server)));

    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let verifier = Arc::clone(&verifier);
            let c = if i % 2 == 0 {
                pubsub_first()
            } else {
                pubsub_second()
            };
            tokio::spawn(async move {
                verifier
                    .verify_async(&c.body, &c.headers)
                    .await
                    .map(|verified| verified.key_index())
            })
        })
        .collect();
    for (i, task) in tasks.into_iter().enumerate() {
        let index = task.await.expect("the task ran");
        assert_eq!(index.unwrap_or_else(|e| panic!("task {i}: {e}")), i % 2);
    }
    assert_eq!(jwks_hits(&server), 1, "one request for all sixteen");
    assert_eq!(server.total_hits(), 1);
}

/// Sixteen concurrent verifications on sixteen threads (each on a runtime of its own),
/// started together, needing one uncached JWKS served after 300 ms: exactly one request,
/// all sixteen succeed. Coalescing holds across threads and runtimes.
#[test]
fn concurrent_misses_across_threads_make_one_request() {
    let server = KeyServer::start(&[GOOGLE]);
    server.serve(
        "GET",
        GOOGLE,
        JWKS_PATH,
        Response::json(jwks()).delayed(Duration::from_millis(300)),
    );
    let verifier = pubsub(fetcher(&server));
    let start = std::sync::Barrier::new(16);

    std::thread::scope(|scope| {
        let threads: Vec<_> = (0..16)
            .map(|i| {
                let (verifier, start) = (&verifier, &start);
                scope.spawn(move || {
                    let c = if i % 2 == 0 {
                        pubsub_first()
                    } else {
                        pubsub_second()
                    };
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("a runtime");
                    start.wait();
                    runtime
                        .block_on(verifier.verify_async(&c.body, &c.headers))
                        .map(|v| v.key_index())
                })
            })
            .collect();
        for (i, thread) in threads.into_iter().enumerate() {
            let index = thread.join().expect("the thread ran");
            assert_eq!(index.unwrap_or_else(|e| panic!("thread {i}: {e}")), i % 2);
        }
    });
    assert_eq!(jwks_hits(&server), 1, "one request for all sixteen");
    assert_eq!(server.total_hits(), 1);
}

/// A verification dropped while its fetch is in flight (a client that went away) does not
/// wedge the document: the next verification fetches it and succeeds.
#[tokio::test]
async fn a_cancelled_fetch_does_not_wedge_the_cache() {
    let server = KeyServer::start(&[GOOGLE]);
    server.serve(
        "GET",
        GOOGLE,
        JWKS_PATH,
        Response::json(jwks()).delayed(Duration::from_millis(300)),
    );
    let verifier = pubsub(fetcher(&server));
    let c = pubsub_first();

    let cancelled = tokio::time::timeout(
        Duration::from_millis(100),
        verifier.verify_async(&c.body, &c.headers),
    )
    .await;
    assert!(cancelled.is_err(), "dropped before the answer");

    verifier
        .verify_async(&c.body, &c.headers)
        .await
        .expect("fetched again and verified");
    assert_eq!(jwks_hits(&server), 2);
    verifier.verify(&c.body, &c.headers).expect("cached");
}

// ---------------------------------------------------------------------------------------
// 5. Slow response
// ---------------------------------------------------------------------------------------

/// A key server answering after 3 s, with a fetcher giving up after 1 s: `KeyUnavailable`
/// (503, "timed out") well before the answer would come.
#[tokio::test]
async fn slow_key_server_times_out() {
    let server = KeyServer::start(&[GOOGLE]);
    server.serve(
        "GET",
        GOOGLE,
        JWKS_PATH,
        Response::json(jwks()).delayed(Duration::from_secs(3)),
    );
    let https = https(&server).with_timeouts(Duration::from_secs(1), Duration::from_secs(1));
    let verifier = pubsub(KeyFetcher::with_fetch(https));
    let c = pubsub_first();

    let started = Instant::now();
    let reason = assert_unavailable(verifier.verify_async(&c.body, &c.headers).await);
    let took = started.elapsed();
    assert!(took < Duration::from_millis(2500), "took {took:?}");
    assert!(reason.contains("timed out"), "{reason}");
    assert_eq!(jwks_hits(&server), 1, "the request was sent");
}

// ---------------------------------------------------------------------------------------
// 6. Oversized
// ---------------------------------------------------------------------------------------

/// A JWKS larger than `with_max_len` is refused with `KeyUnavailable`, whether announced
/// by `Content-Length` or sent chunked without one; nothing is cached, so the next
/// request fetches again and a document of exactly the limit verifies.
#[tokio::test]
async fn oversized_document_is_refused_and_not_cached() {
    // The set with its first key only, compact: a few hundred bytes.
    let full: serde_json::Value = serde_json::from_str(jwks()).expect("JSON");
    let small = serde_json::json!({ "keys": [full["keys"][0].clone()] }).to_string();
    assert!(small.len() < jwks().len());
    let limit = small.len();

    let server = KeyServer::start(&[GOOGLE]);
    let verifier = pubsub(fetcher(&server).with_max_len(limit));
    let c = pubsub_first();

    server.serve("GET", GOOGLE, JWKS_PATH, Response::json(jwks()));
    let reason = assert_unavailable(verifier.verify_async(&c.body, &c.headers).await);
    assert!(reason.contains("longer than"), "{reason}");
    assert_eq!(jwks_hits(&server), 1);

    server.serve("GET", GOOGLE, JWKS_PATH, Response::json(jwks()).chunked());
    let reason = assert_unavailable(verifier.verify_async(&c.body, &c.headers).await);
    assert!(reason.contains("longer than"), "{reason}");
    assert_eq!(jwks_hits(&server), 2, "nothing was cached");

    // One byte over the limit, chunked.
    let over = format!("{small} ");
    server.serve("GET", GOOGLE, JWKS_PATH, Response::json(over).chunked());
    assert_unavailable(verifier.verify_async(&c.body, &c.headers).await);
    assert_unavailable(verifier.verify(&c.body, &c.headers));
    assert_eq!(jwks_hits(&server), 3);

    for response in [
        Response::json(small.clone()).chunked(),
        Response::json(small),
    ] {
        let verifier = pubsub(fetcher(&server).with_max_len(limit));
        server.serve("GET", GOOGLE, JWKS_PATH, response);
        verifier
            .verify_async(&c.body, &c.headers)
            .await
            .expect("a document of exactly the limit verifies");
    }
    assert_eq!(jwks_hits(&server), 5);
}

// ---------------------------------------------------------------------------------------
// 7. TLS failures
// ---------------------------------------------------------------------------------------

/// A fetcher trusting another CA than the server's: `KeyUnavailable`, and the route is
/// never requested (no handshake completes).
#[tokio::test]
async fn untrusted_server_certificate_is_key_unavailable() {
    let server = google_server(jwks());
    let https = hookverify::dangerous::https_fetcher_for_tests(
        key_server::untrusted_ca_pem().as_bytes(),
        &server.resolve(),
    )
    .expect("the untrusted CA is a CA");
    let verifier = pubsub(KeyFetcher::with_fetch(https));
    let c = pubsub_first();

    assert_unavailable(verifier.verify_async(&c.body, &c.headers).await);
    assert!(server.connections() >= 1, "it did try");
    assert_eq!(server.handshakes(), 0);
    assert_eq!(server.total_hits(), 0, "no route hit");
}

/// A server whose (trusted) certificate names another host: `KeyUnavailable`, no route
/// hit.
#[tokio::test]
async fn certificate_for_another_host_is_key_unavailable() {
    let server = KeyServer::start_with_cert_for(&[GOOGLE], &["other.example"]);
    server.serve("GET", GOOGLE, JWKS_PATH, Response::json(jwks()));
    let verifier = pubsub(fetcher(&server));
    let c = pubsub_first();

    assert_unavailable(verifier.verify_async(&c.body, &c.headers).await);
    assert!(server.connections() >= 1, "it did try");
    assert_eq!(server.handshakes(), 0);
    assert_eq!(server.total_hits(), 0, "no route hit");
}

/// A server whose (trusted) certificate expired in 2001: `KeyUnavailable`, no route hit.
#[tokio::test]
async fn expired_server_certificate_is_key_unavailable() {
    let server = KeyServer::start_expired(&[SNS]);
    server.serve(
        "GET",
        SNS,
        CERT_PATH,
        Response::ok("application/x-pem-file", sns_certificate()),
    );
    let verifier = sns(fetcher(&server));
    let c = case("sns v1 notification with subject genuine");

    assert_unavailable(verifier.verify_async(&c.body, &c.headers).await);
    assert!(server.connections() >= 1, "it did try");
    assert_eq!(server.handshakes(), 0);
    assert_eq!(server.total_hits(), 0, "no route hit");
}

// ---------------------------------------------------------------------------------------
// 8. Failure statuses
// ---------------------------------------------------------------------------------------

/// 404, 500, 503, and redirects (301, 302, 307, 308) to another path where the JWKS *is*
/// served: each refuses the request with `KeyUnavailable` (503); no redirect is
/// followed. A 200 whose body is no key set, or no certificate, is refused too.
#[tokio::test]
async fn error_statuses_and_redirects_are_key_unavailable() {
    let server = KeyServer::start(&[GOOGLE, SNS]);
    let moved = "/oauth2/v3/certs-moved";
    server.serve("GET", GOOGLE, moved, Response::json(jwks()));
    let c = pubsub_first();

    let mut answers = vec![
        ("404", None),
        ("500", Some(Response::status(500))),
        ("503", Some(Response::status(503))),
        (
            "200 not a key set",
            Some(Response::ok("text/html", "<html>keys</html>")),
        ),
    ];
    for code in [301, 302, 307, 308] {
        let location = format!("https://{GOOGLE}{moved}");
        answers.push((
            "redirect",
            Some(Response::status(code).with_header("Location", &location)),
        ));
    }
    for (what, response) in answers {
        match response {
            Some(response) => server.serve("GET", GOOGLE, JWKS_PATH, response),
            None => server.unserve("GET", GOOGLE, JWKS_PATH),
        }
        // A fresh fetcher each time: nothing cached from an earlier answer.
        let verifier = pubsub(fetcher(&server));
        let before = jwks_hits(&server);
        assert_unavailable(verifier.verify_async(&c.body, &c.headers).await);
        assert_eq!(jwks_hits(&server), before + 1, "{what}");
    }
    assert_eq!(server.hits("GET", GOOGLE, moved), 0, "no redirect followed");

    // An SNS certificate URL answering something that is not a PEM certificate.
    let body = "<html>-----BEGIN CERTIFICATE-----</html>";
    server.serve("GET", SNS, CERT_PATH, Response::ok("text/html", body));
    let m = case("sns v1 notification with subject genuine");
    let verifier = sns(fetcher(&server));
    assert_unavailable(verifier.verify_async(&m.body, &m.headers).await);
    assert_eq!(server.hits("GET", SNS, CERT_PATH), 1);
}

// ---------------------------------------------------------------------------------------
// 9. SSRF: SNS certificate URLs
// ---------------------------------------------------------------------------------------

/// SNS messages naming a certificate URL off SNS's hosts (other schemes, userinfo,
/// ports, IP literals, look-alike and encoded hosts, Unicode look-alikes, backslashes, dot
/// segments, queries, fragments, whitespace, over-long URLs) are each refused with
/// `UntrustedKeyUrl` (401), asynchronously and synchronously, before any connection: the
/// server plays the look-alike hosts and serves the genuine certificate on each, so a URL
/// wrongly accepted would connect (and even verify, `SigningCertURL` being unsigned).
#[tokio::test]
async fn untrusted_cert_urls_are_refused_before_any_connection() {
    // What `url` (the WHATWG parser the client uses) makes of the Unicode look-alike.
    let idna_host = url::Url::parse("https://sns.us-east-1.amazonaws.c\u{3bf}m/")
        .expect("parses")
        .host_str()
        .expect("a host")
        .to_owned();
    assert_eq!(idna_host, "sns.us-east-1.amazonaws.xn--cm-jbc");
    let hosts = [
        SNS,
        "evil.example",
        "sns.us-east-1.amazonaws.com.evil.example",
        "evil-sns.us-east-1.amazonaws.com",
        "localhost",
        "sns.us-east-1.amazonaws.com.",
        &idna_host,
    ];
    let server = KeyServer::start(&hosts);
    for host in hosts {
        for path in [CERT_PATH, "/x.pem"] {
            server.serve(
                "GET",
                host,
                path,
                Response::ok("application/x-pem-file", sns_certificate()),
            );
        }
    }
    let verifier = sns(fetcher(&server));
    let port = server.addr().port();
    let long_path = format!("/{}.pem", "a".repeat(1100));

    let urls: Vec<String> = [
        // Scheme.
        format!("http://{SNS}{CERT_PATH}"),
        format!("https:{SNS}{CERT_PATH}"),
        format!("https:/{SNS}{CERT_PATH}"),
        format!("https:///{SNS}{CERT_PATH}"),
        format!("ftp://{SNS}{CERT_PATH}"),
        // Userinfo.
        format!("https://user@{SNS}/x.pem"),
        format!("https://user:pw@{SNS}{CERT_PATH}"),
        format!("https://{SNS}@evil.example/x.pem"),
        format!("https://{SNS}:443@evil.example{CERT_PATH}"),
        // Ports.
        format!("https://{SNS}:443{CERT_PATH}"),
        format!("https://{SNS}:8443{CERT_PATH}"),
        format!("https://{SNS}:{port}{CERT_PATH}"),
        format!("https://{SNS}:{CERT_PATH}"),
        format!("https://localhost:{port}{CERT_PATH}"),
        // IP literals.
        format!("https://127.0.0.1{CERT_PATH}"),
        format!("https://127.0.0.1:{port}{CERT_PATH}"),
        format!("https://[::1]{CERT_PATH}"),
        format!("https://[::1]:{port}{CERT_PATH}"),
        format!("https://[::ffff:127.0.0.1]{CERT_PATH}"),
        format!("https://2130706433{CERT_PATH}"),
        format!("https://0x7f000001{CERT_PATH}"),
        format!("https://0177.0.0.1{CERT_PATH}"),
        format!("https://127.1{CERT_PATH}"),
        // Look-alike hosts.
        format!("https://{SNS}.evil.example{CERT_PATH}"),
        format!("https://evil-{SNS}{CERT_PATH}"),
        format!("https://{SNS}.{CERT_PATH}"),
        format!("https://evil.example/{SNS}{CERT_PATH}"),
        format!("https://localhost{CERT_PATH}"),
        // Encoded hosts.
        format!("https://sns%2eus-east-1.amazonaws.com{CERT_PATH}"),
        format!("https://%73ns.us-east-1.amazonaws.com{CERT_PATH}"),
        "https://sns.us-east-1.amazonaws.c\u{3bf}m/x.pem".to_owned(),
        format!("https://{idna_host}{CERT_PATH}"),
        // Unicode that IDNA maps onto the genuine host.
        format!("https://sns\u{ff0e}us-east-1.amazonaws.com{CERT_PATH}"),
        format!("https://\u{17f}ns.us-east-1.amazonaws.com{CERT_PATH}"),
        format!("https://sns.us-east-1.amazonaws.\u{217d}om{CERT_PATH}"),
        format!("https://sns.us-east-1.amazonaws.com\u{3002}{CERT_PATH}"),
        // Backslashes.
        format!("https://{SNS}\\@evil.example/x.pem"),
        format!("https://evil.example\\{SNS}{CERT_PATH}"),
        format!("https:\\\\{SNS}{CERT_PATH}"),
        format!("https://{SNS}\\x.pem"),
        // Dot segments and encoded paths.
        format!("https://{SNS}/../x.pem"),
        format!("https://{SNS}/a/..{CERT_PATH}"),
        format!("https://{SNS}/./x.pem"),
        format!("https://{SNS}/%2e%2e/x.pem"),
        format!("https://{SNS}/x%2Epem"),
        format!("https://{SNS}/x.pem%00"),
        // Query and fragment.
        format!("https://{SNS}{CERT_PATH}?Action=GetEndpointAttributes"),
        format!("https://{SNS}/?Action=ConfirmSubscription&x=.pem"),
        format!("https://{SNS}{CERT_PATH}#x"),
        format!("https://{SNS}/x.pem#{CERT_PATH}"),
        // Whitespace (which the WHATWG parser strips or removes).
        format!(" https://{SNS}{CERT_PATH}"),
        format!("https://{SNS}{CERT_PATH} "),
        format!("https://sns.us-east-\n1.amazonaws.com{CERT_PATH}"),
        format!("https://{SNS}/Simple\tNotificationService.pem"),
        format!("https://{SNS} {CERT_PATH}"),
        format!("https://{SNS}{CERT_PATH}\r\n"),
        // Over-long.
        format!("https://{SNS}{long_path}"),
        // No URL at all.
        format!("{SNS}{CERT_PATH}"),
        format!("//{SNS}{CERT_PATH}"),
        "https://".to_owned(),
        "https:///x.pem".to_owned(),
    ]
    .into_iter()
    .collect();

    for url in &urls {
        let body = sns_with_cert_url(url);
        let headers = &case("sns v1 notification with subject genuine").headers;
        for result in [
            verifier.verify_async(&body, headers).await.map(drop),
            verifier.verify(&body, headers).map(drop),
        ] {
            match result {
                Err(e @ Error::UntrustedKeyUrl { .. }) => {
                    assert_eq!(e.status(), 401, "{url:?}");
                    let Error::UntrustedKeyUrl { field, .. } = &e else {
                        unreachable!()
                    };
                    assert_eq!(field, "SigningCertURL");
                }
                other => panic!("{url:?}: expected UntrustedKeyUrl, got {other:?}"),
            }
        }
    }
    assert_eq!(server.connections(), 0, "no connection attempted");
    assert_eq!(server.total_hits(), 0);

    // The control: the genuine URL does reach this server through this fetcher.
    let genuine = sns_with_cert_url(&format!("https://{SNS}{CERT_PATH}"));
    let headers = &case("sns v1 notification with subject genuine").headers;
    verifier
        .verify_async(&genuine, headers)
        .await
        .expect("the genuine URL is fetched and verifies");
    assert_eq!(server.hits("GET", SNS, CERT_PATH), 1);
    assert!(server.connections() >= 1);
}

// ---------------------------------------------------------------------------------------
// 10. Failures are not cached
// ---------------------------------------------------------------------------------------

/// A 500 refuses the request; it is not remembered: once the route is fixed, the next
/// verification fetches again and succeeds (and is then cached).
#[tokio::test]
async fn a_failed_fetch_is_retried_by_the_next_request() {
    let server = KeyServer::start(&[GOOGLE]);
    server.serve("GET", GOOGLE, JWKS_PATH, Response::status(500));
    let verifier = pubsub(fetcher(&server));
    let c = pubsub_first();

    assert_unavailable(verifier.verify_async(&c.body, &c.headers).await);
    assert_eq!(jwks_hits(&server), 1);
    assert_unavailable(verifier.verify(&c.body, &c.headers));

    server.serve("GET", GOOGLE, JWKS_PATH, Response::json(jwks()));
    verifier
        .verify_async(&c.body, &c.headers)
        .await
        .expect("fetched again and verified");
    assert_eq!(jwks_hits(&server), 2);
    verifier
        .verify_async(&c.body, &c.headers)
        .await
        .expect("cached");
    assert_eq!(jwks_hits(&server), 2);
}

// ---------------------------------------------------------------------------------------
// 11. Independent documents
// ---------------------------------------------------------------------------------------

/// Two SNS certificate URLs (us-east-1 and cn-north-1, the same certificate) are two
/// cache entries: each is fetched once, by the first message naming it, and neither
/// fetch serves the other.
#[tokio::test]
async fn two_certificate_urls_are_cached_independently() {
    let server = KeyServer::start(&[SNS, SNS_CN]);
    for host in [SNS, SNS_CN] {
        server.serve(
            "GET",
            host,
            CERT_PATH,
            Response::ok("application/x-pem-file", sns_certificate()),
        );
    }
    let verifier = sns(fetcher(&server));
    let east = case("sns v1 notification with subject genuine");
    let china = case("sns v2 notification from china region (amazonaws.com.cn cert host)");
    assert!(china.body.contains(SNS_CN));

    verifier
        .verify_async(&east.body, &east.headers)
        .await
        .expect("east");
    assert_eq!(server.hits("GET", SNS, CERT_PATH), 1);
    assert_eq!(server.hits("GET", SNS_CN, CERT_PATH), 0);
    assert_unavailable(verifier.verify(&china.body, &china.headers));

    verifier
        .verify_async(&china.body, &china.headers)
        .await
        .expect("china");
    assert_eq!(server.hits("GET", SNS, CERT_PATH), 1);
    assert_eq!(server.hits("GET", SNS_CN, CERT_PATH), 1);

    for c in [east, china] {
        verifier
            .verify_async(&c.body, &c.headers)
            .await
            .expect("cached");
        verifier.verify(&c.body, &c.headers).expect("cached (sync)");
    }
    assert_eq!(server.total_hits(), 2);
}

// ---------------------------------------------------------------------------------------
// Debug output
// ---------------------------------------------------------------------------------------

/// What a [`Recording`] saw of one request.
#[derive(Clone)]
struct Recorded {
    debug: String,
    json: Option<Vec<u8>>,
    method: &'static str,
    max_len: usize,
}

/// A `Fetch` that records each request and fails it.
#[derive(Clone, Default)]
struct Recording(Arc<Mutex<Vec<Recorded>>>);

/// Nothing recorded: the bodies hold the credentials.
impl std::fmt::Debug for Recording {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Recording")
    }
}

impl Fetch for Recording {
    fn fetch<'a>(&'a self, request: &'a FetchRequest) -> FetchFuture<'a> {
        self.0.lock().expect("not poisoned").push(Recorded {
            debug: format!("{request:?}"),
            json: request.json_body().map(<[u8]>::to_vec),
            method: request.method(),
            max_len: request.max_len(),
        });
        Box::pin(async { Err(FetchError::Status { status: 500 }) })
    }
}

/// The Plaid secret, which the verifier sends in its key request's JSON body, appears in
/// no `Debug` output (the verifier's, the `KeyFetcher`'s, the `FetchRequest`'s) and in no
/// error.
#[tokio::test]
async fn debug_never_shows_the_plaid_secret() {
    const SECRET: &str = "plaid-secret-value";
    let recording = Recording::default();
    let fetcher = KeyFetcher::with_fetch(recording.clone());
    let verifier = plaid::verifier(
        plaid::Environment::Sandbox,
        "client-id-1",
        Secret::new(SECRET),
        fetcher.clone(),
    )
    .with_clock(clock());

    let c = case("plaid sandbox genuine");
    let err = verifier
        .verify_async(&c.body, &c.headers)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::KeyUnavailable { .. }), "{err:?}");

    let recorded = recording.0.lock().expect("not poisoned").clone();
    assert_eq!(recorded.len(), 1, "one key request");
    let Recorded {
        debug,
        json,
        method,
        max_len,
    } = recorded[0].clone();
    assert_eq!(method, "POST");
    assert_eq!(max_len, 64 * 1024, "the default size cap");
    let json = String::from_utf8(json.expect("a JSON body")).expect("UTF-8");
    assert!(
        json.contains(SECRET),
        "the secret is sent: the check below means something"
    );
    assert!(debug.contains("POST"), "{debug}");

    for (what, text) in [
        ("FetchRequest", debug.clone()),
        ("Verifier", format!("{verifier:?}")),
        ("Verifier (alternate)", format!("{verifier:#?}")),
        ("KeyFetcher", format!("{fetcher:?}")),
        ("error", format!("{err} {err:?}")),
    ] {
        assert!(!text.contains(SECRET), "{what} shows the secret: {text}");
    }
}
