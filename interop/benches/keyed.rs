//! What the providers that sign with certificates, JWTs and public keys cost above the bare
//! signature check, with their keys cached, as ratios measured side by side
//! ([`hookverify_interop::interleaved`]); and how two threads verifying with a warm cache
//! scale against one.
//!
//! | family | preset | floor |
//! |---|---|---|
//! | RSA certificate | AWS SNS (v2), certificate fetched and cached | `rsa` PKCS#1 v1.5 SHA-256 verify of the string to sign, already built, the signature decoded |
//! | RSA certificate | PayPal, certificate fetched and cached | the same, of `<id>\|<time>\|<webhook id>\|<crc32>` already built |
//! | RS256 JWT | Google Cloud Pub/Sub, key set fetched and cached | the same, of the token's signing input |
//! | ES256 JWT | Plaid, key fetched and cached | `p256` verify of the signing input, the signature decoded |
//! | Ed25519 | Standard Webhooks `v1a` | `ed25519-dalek` verify of `<id>.<t>.<body>` already joined |
//! | HS256 JWT | Vonage | a pre-keyed `Hmac<Sha256>` cloned and fed the signing input, and the body's SHA-256 (its `payload_hash`): an HMAC family, reported, not a target |
//!
//! The keys are fetched once through a [`Fetch`] that answers from memory (the fetcher's
//! own cache is what is measured), then every verification is `verify_at` with the
//! vectors' time. `cargo bench -p hookverify-interop --bench keyed` prints the tables of
//! BENCHMARKS.md.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use base64::Engine as _;
use hmac::{KeyInit, Mac};
use hookverify::fetch::{Fetch, FetchError, FetchFuture, FetchRequest, KeyFetcher};
use hookverify::providers::{aws_sns, google_pubsub, paypal, plaid, standard_webhooks, vonage};
use hookverify::{Request, Scheme, Secret, Sign, Verifier};
use hookverify_interop::{fmt_ns, interleaved, request_headers};
use rsa::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _};
use rsa::signature::Verifier as _;
use rsa::traits::PublicKeyParts as _;
use time::OffsetDateTime;

const VARIANTS: [&str; 2] = ["floor", "verify_at"];
/// The vectors' time, within their certificates' validity.
const NOW: i64 = 1_765_000_000;
const SNS_CERT: &str = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem";

/// Key documents from memory: what the cache is warmed with.
#[derive(Debug)]
struct Memory(HashMap<String, Vec<u8>>);

impl Fetch for Memory {
    fn fetch<'a>(&'a self, request: &'a FetchRequest) -> FetchFuture<'a> {
        let found = self.0.get(request.url().as_str()).cloned();
        Box::pin(async move { found.ok_or(FetchError::Status { status: 404 }) })
    }
}

/// The named PKCS#8 PEM key of the vectors' key file.
fn pem(name: &str) -> String {
    let file = include_str!("../../tests/data/gen/fetched_keys_private.pem");
    let block = &file[file.find(&format!("# key: {name}\n")).expect("key")..];
    let end = block.find("-----END PRIVATE KEY-----").expect("end") + 25;
    block[block.find("-----BEGIN").expect("begin")..end].to_string()
}

/// The certificate the vectors serve for `url`.
fn certificate(url: &str) -> String {
    let vectors: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/data/vectors/fetched_keys.json"))
            .expect("vectors");
    vectors["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .find(|d| d["url"] == url)
        .and_then(|d| d["body"].as_str())
        .expect("a certificate")
        .to_string()
}

/// The floor: the bare signature check on prepared input.
enum Floor {
    RsaSha256(
        rsa::pkcs1v15::VerifyingKey<sha2::Sha256>,
        rsa::pkcs1v15::Signature,
        Vec<u8>,
    ),
    P256(p256::ecdsa::VerifyingKey, p256::ecdsa::Signature, Vec<u8>),
    Ed25519(
        ed25519_dalek::VerifyingKey,
        ed25519_dalek::Signature,
        Vec<u8>,
    ),
    Hmac(hmac::Hmac<sha2::Sha256>, Vec<u8>, Vec<u8>),
}

impl Floor {
    fn run(&self) -> usize {
        match self {
            Floor::RsaSha256(key, sig, message) => {
                key.verify(black_box(message), sig).is_ok().into()
            }
            Floor::P256(key, sig, message) => {
                use p256::ecdsa::signature::Verifier as _;
                key.verify(black_box(message), sig).is_ok().into()
            }
            Floor::Ed25519(key, sig, message) => {
                use ed25519_dalek::Verifier as _;
                key.verify(black_box(message), sig).is_ok().into()
            }
            Floor::Hmac(keyed, message, body) => {
                use sha2::Digest as _;
                let digest = sha2::Sha256::digest(black_box(body));
                let mut m = keyed.clone();
                m.update(black_box(message));
                (m.finalize().into_bytes()[0] ^ digest[0]).into()
            }
        }
    }
}

struct Case {
    verifier: Verifier<Box<dyn Scheme>>,
    floor: Floor,
    body: Vec<u8>,
    headers: Vec<(String, String)>,
}

fn body(len: usize) -> Vec<u8> {
    let mut body = br#"{"id":"evt_1","data":""#.to_vec();
    while body.len() + 2 < len {
        body.push(b"abcdefghijklmnopqrstuvwxyz"[body.len() % 26]);
    }
    body.extend_from_slice(b"\"}");
    body
}

/// The token of an `Authorization: Bearer` or bare token header.
fn token(headers: &[(String, String)]) -> String {
    let value = &headers.last().expect("a header").1;
    value.strip_prefix("Bearer ").unwrap_or(value).to_string()
}

/// The signing input and decoded signature of a JWT.
fn jws(token: &str) -> (Vec<u8>, Vec<u8>) {
    let (input, signature) = token.rsplit_once('.').expect("a JWT");
    let signature = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(signature)
        .expect("base64url");
    (input.as_bytes().to_vec(), signature)
}

fn rsa_key(name: &str) -> (rsa::PrivateKey, Secret) {
    let private = rsa::PrivateKey::from_pkcs8_pem(&pem(name)).expect("RSA key");
    let der = private.to_pkcs8_der().expect("DER");
    (private, Secret::new(der.as_bytes()))
}

/// Fetches what `verifier` needs for this request once, so the cache is warm.
fn warm(verifier: &Verifier<Box<dyn Scheme>>, body: &[u8], headers: &[(String, String)]) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let headers = headers.to_vec();
    runtime
        .block_on(verifier.verify_async(body, &headers))
        .expect("the genuine request verifies");
}

fn case(family: &str, len: usize) -> Case {
    let now = OffsetDateTime::from_unix_timestamp(NOW).expect("time");
    let clock = hookverify::Clock::fixed(now);
    let b64url = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let (verifier, floor, body, signed) = match family {
        "sns" => {
            let (private, secret) = rsa_key("sns_genuine");
            let message = String::from_utf8(body(len)).expect("text");
            let body = aws_sns::signed_notification(
                "arn:aws:sns:us-east-1:123456789012:orders",
                Some("bench"),
                &message,
                "4d4dc071-ddbf-465d-bba8-08f81c89da64",
                now,
                SNS_CERT,
                &secret,
            )
            .expect("signed")
            .into_bytes();
            let parsed: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
            let field = |name: &str| parsed[name].as_str().expect(name).to_string();
            let string_to_sign = format!(
                "Message\n{}\nMessageId\n{}\nSubject\n{}\nTimestamp\n{}\nTopicArn\n{}\nType\nNotification\n",
                field("Message"),
                field("MessageId"),
                field("Subject"),
                field("Timestamp"),
                field("TopicArn")
            );
            let signature = base64::engine::general_purpose::STANDARD
                .decode(field("Signature"))
                .expect("base64");
            let floor = Floor::RsaSha256(
                rsa::pkcs1v15::VerifyingKey::new(private.to_public_key()),
                signature.as_slice().try_into().expect("signature"),
                string_to_sign.into_bytes(),
            );
            let fetcher = KeyFetcher::with_fetch(Memory(HashMap::from([(
                SNS_CERT.to_string(),
                certificate(SNS_CERT).into_bytes(),
            )])));
            let verifier = aws_sns::verifier(fetcher)
                .topics(["arn:aws:sns:us-east-1:123456789012:orders"])
                .into_dyn();
            (verifier, floor, body, Vec::new())
        }
        "paypal" => {
            let (private, secret) = rsa_key("sns_genuine");
            let body = body(len);
            let scheme = paypal::scheme("WH-BENCH");
            let cert_url = "https://api.paypal.com/v1/notifications/certs/CERT-bench";
            let chosen = [(paypal::CERT_URL_HEADER, cert_url)];
            let signed = scheme.sign_request(&Request::new(&body, &chosen), &secret, now);
            let value = |name: &str| {
                signed
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
                    .expect(name)
            };
            let message = format!(
                "{}|{}|WH-BENCH|{}",
                value(paypal::DELIVERY_HEADER),
                value(paypal::TIMESTAMP_HEADER),
                crc32fast::hash(&body)
            );
            let signature = base64::engine::general_purpose::STANDARD
                .decode(value(paypal::SIGNATURE_HEADER))
                .expect("base64");
            let floor = Floor::RsaSha256(
                rsa::pkcs1v15::VerifyingKey::new(private.to_public_key()),
                signature.as_slice().try_into().expect("signature"),
                message.into_bytes(),
            );
            // The certificate of the vectors' SNS key serves PayPal's URL here.
            let fetcher = KeyFetcher::with_fetch(Memory(HashMap::from([(
                cert_url.to_string(),
                certificate(SNS_CERT).into_bytes(),
            )])));
            let verifier = paypal::verifier("WH-BENCH", fetcher).into_dyn();
            (verifier, floor, body, signed)
        }
        "pubsub" => {
            let (private, secret) = rsa_key("google_1");
            let body = body(len);
            let audience = "https://hooks.example.com/pubsub";
            let email = "push@bench.iam.gserviceaccount.com";
            let signed = google_pubsub::scheme(audience, email).sign(&body, &secret, now);
            let public = private.to_public_key();
            let jwks = serde_json::json!({"keys": [{
                "kty": "RSA", "alg": "RS256", "use": "sig", "kid": "hookverify-test",
                "n": b64url.encode(public.n().to_be_bytes()),
                "e": b64url.encode(public.e().to_be_bytes()),
            }]});
            let (input, signature) = jws(&token(&signed));
            let floor = Floor::RsaSha256(
                rsa::pkcs1v15::VerifyingKey::new(public),
                signature.as_slice().try_into().expect("signature"),
                input,
            );
            let fetcher = KeyFetcher::with_fetch(Memory(HashMap::from([(
                google_pubsub::JWKS_URL.to_string(),
                jwks.to_string().into_bytes(),
            )])));
            let verifier = google_pubsub::verifier(audience, email, fetcher).into_dyn();
            (verifier, floor, body, signed)
        }
        "plaid" => {
            use p256::pkcs8::EncodePrivateKey as _;
            let signing = p256::ecdsa::SigningKey::from_slice(&[9; 32]).expect("key");
            let secret = Secret::new(signing.to_pkcs8_der().expect("DER").as_bytes());
            let body = body(len);
            let signed = plaid::scheme().sign(&body, &secret, now);
            let point = signing.verifying_key().to_sec1_point(false);
            let bytes = point.as_bytes();
            let answer = serde_json::json!({"key": {
                "kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig",
                "kid": "hookverify-test", "created_at": 1_700_000_000, "expired_at": null,
                "x": b64url.encode(&bytes[1..33]), "y": b64url.encode(&bytes[33..]),
            }, "request_id": "bench"});
            let (input, signature) = jws(&token(&signed));
            let floor = Floor::P256(
                *signing.verifying_key(),
                p256::ecdsa::Signature::from_slice(&signature).expect("signature"),
                input,
            );
            let fetcher = KeyFetcher::with_fetch(Memory(HashMap::from([(
                plaid::Environment::Sandbox.key_url().to_string(),
                answer.to_string().into_bytes(),
            )])));
            let verifier = plaid::verifier(
                plaid::Environment::Sandbox,
                "client",
                Secret::new("secret"),
                fetcher,
            )
            .into_dyn();
            (verifier, floor, body, signed)
        }
        "v1a" => {
            use ed25519_dalek::Signer as _;
            let signing = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
            let b64 = base64::engine::general_purpose::STANDARD;
            let whsk = format!("whsk_{}", b64.encode([7u8; 32]));
            let whpk = format!("whpk_{}", b64.encode(signing.verifying_key().as_bytes()));
            let body = body(len);
            let secret = Secret::from_standard_webhooks(&whsk).expect("whsk");
            let scheme = standard_webhooks::scheme();
            let signed = scheme.sign_with_id("msg_bench", &body, &secret, now);
            let message = [format!("msg_bench.{NOW}.").as_bytes(), body.as_slice()].concat();
            let floor = Floor::Ed25519(signing.verifying_key(), signing.sign(&message), message);
            let verifier = standard_webhooks::verifier([whpk])
                .expect("whpk")
                .into_dyn();
            (verifier, floor, body, signed)
        }
        _ => {
            let body = body(len);
            let secret = Secret::new("vonage-bench-secret");
            let signed = vonage::scheme().sign(&body, &secret, now);
            let (input, _) = jws(&token(&signed));
            let floor = Floor::Hmac(
                hmac::Hmac::new_from_slice(b"vonage-bench-secret").expect("key"),
                input,
                body.clone(),
            );
            let verifier = vonage::verifier([secret]).into_dyn();
            (verifier, floor, body, signed)
        }
    };
    let headers = request_headers(body.len(), signed);
    let verifier = verifier.with_clock(clock);
    warm(&verifier, &body, &headers);
    Case {
        verifier,
        floor,
        body,
        headers,
    }
}

fn run(c: &Case, variant: &str) -> usize {
    match variant {
        "floor" => c.floor.run(),
        _ => c
            .verifier
            .verify(black_box(&c.body[..]), black_box(&c.headers))
            .expect("verifies")
            .key_index(),
    }
}

/// Verifications per second with `threads` threads verifying `c` for `for_`.
fn throughput(c: &Case, threads: usize, for_: Duration) -> f64 {
    let counts: Vec<usize> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let start = Instant::now();
                    let mut n = 0;
                    while start.elapsed() < for_ {
                        black_box(run(c, "verify_at"));
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("worker"))
            .collect()
    });
    counts.iter().sum::<usize>() as f64 / for_.as_secs_f64()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let families = ["sns", "paypal", "pubsub", "plaid", "v1a", "vonage"];
    println!("| family | size | floor | cached verify |");
    println!("|---|---|---|---|");
    for family in families {
        for len in [64, 1024, 16 * 1024] {
            let c = case(family, len);
            let cost = match family {
                "vonage" => 2_000,
                "v1a" => 50_000,
                "plaid" => 150_000,
                _ => 60_000,
            } + len;
            let batch = (400_000 / cost).max(1);
            let (floor, ratios) = interleaved(2, batch, 101, |i| run(&c, VARIANTS[i]));
            println!(
                "| {family} | {len} B | {} | {:.3}× |",
                fmt_ns(floor),
                ratios[1]
            );
        }
    }
    println!();
    println!("| family | 1 thread | 2 threads | ratio |");
    println!("|---|---|---|---|");
    for family in ["sns", "pubsub", "plaid"] {
        let c = case(family, 1024);
        let mut ratios = Vec::new();
        let (mut one, mut two) = (0.0, 0.0);
        for _ in 0..5 {
            one = throughput(&c, 1, Duration::from_millis(600));
            two = throughput(&c, 2, Duration::from_millis(600));
            ratios.push(two / one);
        }
        let ratio = hookverify_interop::median(ratios);
        println!("| {family} | {one:.0}/s | {two:.0}/s | {ratio:.2}× |");
    }
}
