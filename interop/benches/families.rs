//! What each construction family beyond the seeds costs above its own floor, as ratios
//! measured side by side ([`hookverify_interop::interleaved`]).
//!
//! | family | preset | floor |
//! |---|---|---|
//! | base64 | Shopify | a pre-keyed `Hmac<Sha256>` cloned and fed the body |
//! | SHA-1 | Intercom | a pre-keyed `Hmac<Sha1>` cloned and fed the body |
//! | URL-signed | Square | a pre-keyed `Hmac<Sha256>` fed the notification URL and the body |
//! | form (URL-signed, SHA-1) | Twilio | a pre-keyed `Hmac<Sha1>` fed the URL and the form parameters, already parsed and sorted |
//! | Ed25519 | Discord | `ed25519_dalek::VerifyingKey::verify` on the timestamp and body already joined, the signature already decoded |
//! | ECDSA | SendGrid | `p256::ecdsa::VerifyingKey::verify` on the timestamp and body already joined, the signature already decoded |
//!
//! Variants: `floor`; `verify_at` (hookverify, fixed time); `verify` (hookverify reading
//! the clock, as a handler calls it); `webhook-verify` (the peer crate, reading the clock;
//! its Twilio takes the form parameters parsed, and the caller's parse with
//! `form_urlencoded` is timed with it).
//!
//! `cargo bench -p hookverify-interop --bench families` prints the table of BENCHMARKS.md;
//! `-- --only <family>` times one family.

use std::hint::black_box;

use base64::Engine as _;
use ed25519_dalek::Verifier as _;
use hmac::{KeyInit, Mac};
use hookverify::providers::{discord, intercom, sendgrid, shopify, square, twilio};
use hookverify::{Request, Scheme, Secret, Sign, Verifier};
use hookverify_interop::{fmt_ns, interleaved, request_headers};
use time::OffsetDateTime;
use webhook_verify::{Provider, VerifyOptions, VerifyingKeyMaterial};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;
type HmacSha1 = hmac::Hmac<sha1::Sha1>;

const FAMILIES: [&str; 6] = ["base64", "sha1", "url", "form", "ed25519", "ecdsa"];
const VARIANTS: [&str; 4] = ["floor", "verify_at", "verify", "webhook-verify"];
const URL: &str = "https://hooks.example.com/webhooks/in?source=bench";

/// The floor: the family's primitive on inputs already in its form.
enum Floor {
    Sha256(HmacSha256, Vec<u8>),
    Sha1(HmacSha1, Vec<Vec<u8>>),
    Ed25519(
        ed25519_dalek::VerifyingKey,
        ed25519_dalek::Signature,
        Vec<u8>,
    ),
    Ecdsa(p256::ecdsa::VerifyingKey, p256::ecdsa::Signature, Vec<u8>),
}

impl Floor {
    fn run(&self, body: &[u8]) -> usize {
        match self {
            Floor::Sha256(keyed, prefix) => {
                let mut m = keyed.clone();
                m.update(prefix);
                m.update(body);
                m.finalize().into_bytes()[0].into()
            }
            Floor::Sha1(keyed, pieces) => {
                let mut m = keyed.clone();
                for piece in pieces {
                    m.update(piece);
                }
                m.finalize().into_bytes()[0].into()
            }
            Floor::Ed25519(key, sig, message) => key.verify(black_box(message), sig).is_ok().into(),
            Floor::Ecdsa(key, sig, message) => key.verify(black_box(message), sig).is_ok().into(),
        }
    }
}

struct Case {
    verifier: Verifier<Box<dyn Scheme>>,
    floor: Floor,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    url: Option<&'static str>,
    peer: Option<(Provider, webhook_verify::Secret, VerifyOptions)>,
    now: OffsetDateTime,
}

fn json_body(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| b"abcdefghijklmnopqrstuvwxyz{}:,\""[i % 31])
        .collect()
}

/// A Twilio-like form body of about `len` bytes, with its parameters sorted for the floor.
fn form_body(len: usize) -> (Vec<u8>, Vec<Vec<u8>>) {
    let mut body = String::from(
        "AccountSid=AC0123456789abcdef0123456789abcdef&From=%2B14155551212&To=%2B14155550000",
    );
    let mut i = 0;
    while body.len() < len {
        body.push_str(&format!("&Field{i}=value+{i}"));
        i += 1;
    }
    let mut params: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    params.sort();
    let mut pieces = vec![URL.as_bytes().to_vec()];
    for (name, value) in params {
        pieces.push(name.into_bytes());
        pieces.push(value.into_bytes());
    }
    (body.into_bytes(), pieces)
}

fn case(family: &str, len: usize) -> Case {
    let now = OffsetDateTime::now_utc();
    let key = "bench-secret-0123456789abcdef";
    let secret = Secret::new(key);
    let peer_secret = webhook_verify::Secret::new(key);
    let b64 = base64::engine::general_purpose::STANDARD;
    let ts = now.unix_timestamp().to_string();
    let (verifier, floor, body, url, headers, peer) = match family {
        "base64" => {
            let body = json_body(len);
            let v = shopify::verifier([key]);
            let headers = v.scheme().sign(&body, &secret, now);
            let v = v.into_dyn();
            let floor = Floor::Sha256(
                HmacSha256::new_from_slice(key.as_bytes()).unwrap(),
                Vec::new(),
            );
            let peer = (Provider::Shopify, peer_secret, VerifyOptions::default());
            (v, floor, body, None, headers, Some(peer))
        }
        "sha1" => {
            let body = json_body(len);
            let v = intercom::verifier([key]);
            let headers = v.scheme().sign(&body, &secret, now);
            let v = v.into_dyn();
            let floor = Floor::Sha1(
                HmacSha1::new_from_slice(key.as_bytes()).unwrap(),
                vec![body.clone()],
            );
            (v, floor, body, None, headers, None)
        }
        "url" => {
            let body = json_body(len);
            let v = square::verifier(URL, [key]);
            let headers = v.scheme().sign(&body, &secret, now);
            let v = v.into_dyn();
            let floor = Floor::Sha256(
                HmacSha256::new_from_slice(key.as_bytes()).unwrap(),
                URL.as_bytes().to_vec(),
            );
            let peer = (
                Provider::Square,
                peer_secret,
                VerifyOptions::default().with_request_url(URL),
            );
            (v, floor, body, None, headers, Some(peer))
        }
        "form" => {
            let (body, pieces) = form_body(len);
            let v = twilio::verifier([key]);
            let request = Request::new(&body, &()).with_url(URL);
            let headers = v.scheme().sign_request(&request, &secret, now);
            let v = v.into_dyn();
            let floor = Floor::Sha1(HmacSha1::new_from_slice(key.as_bytes()).unwrap(), pieces);
            // The peer takes the parameters parsed: the caller's parse is timed with it.
            let options = VerifyOptions::default().with_request_url(URL);
            (
                v,
                floor,
                body,
                Some(URL),
                headers,
                Some((Provider::Twilio, peer_secret, options)),
            )
        }
        "ed25519" => {
            use ed25519_dalek::Signer as _;
            let body = json_body(len);
            let signing = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
            let message = [ts.as_bytes(), &body].concat();
            let sig = signing.sign(&message);
            let public = hex::encode(signing.verifying_key().to_bytes());
            let v = discord::verifier([&public]).unwrap().into_dyn();
            let headers = vec![
                (
                    discord::SIGNATURE_HEADER.to_string(),
                    hex::encode(sig.to_bytes()),
                ),
                (discord::TIMESTAMP_HEADER.to_string(), ts.clone()),
            ];
            let floor = Floor::Ed25519(signing.verifying_key(), sig, message);
            let peer = (
                Provider::Discord,
                webhook_verify::Secret::new(public),
                VerifyOptions::default(),
            );
            (v, floor, body, None, headers, Some(peer))
        }
        _ => {
            use p256::ecdsa::signature::Signer as _;
            use p256::pkcs8::EncodePublicKey as _;
            let body = json_body(len);
            let signing = p256::ecdsa::SigningKey::from_slice(&[9; 32]).unwrap();
            let message = [ts.as_bytes(), &body].concat();
            let sig: p256::ecdsa::Signature = signing.sign(&message);
            let der = signing
                .verifying_key()
                .to_public_key_der()
                .unwrap()
                .as_bytes()
                .to_vec();
            let v = sendgrid::verifier([b64.encode(&der)]).unwrap().into_dyn();
            let headers = vec![
                (
                    sendgrid::SIGNATURE_HEADER.to_string(),
                    b64.encode(sig.to_der().as_bytes()),
                ),
                (sendgrid::TIMESTAMP_HEADER.to_string(), ts.clone()),
            ];
            let floor = Floor::Ecdsa(*signing.verifying_key(), sig, message);
            let options = VerifyOptions::default()
                .with_verifying_material(VerifyingKeyMaterial::EcdsaP256PublicKey(der));
            (
                v,
                floor,
                body,
                None,
                headers,
                Some((Provider::SendGrid, peer_secret, options)),
            )
        }
    };
    let all = request_headers(body.len(), headers);
    Case {
        verifier,
        floor,
        headers: all,
        body,
        url,
        peer,
        now,
    }
}

/// One call of `variant`, returning something derived from its result.
fn run(c: &Case, variant: &str) -> usize {
    let body = black_box(&c.body[..]);
    let headers = black_box(&c.headers);
    let request = || {
        let r = Request::new(body, headers);
        match c.url {
            Some(url) => r.with_url(url),
            None => r,
        }
    };
    match variant {
        "floor" => c.floor.run(body),
        "verify_at" => c
            .verifier
            .verify_request_at(&request(), c.now)
            .unwrap()
            .key_index(),
        "verify" => c.verifier.verify_request(&request()).unwrap().key_index(),
        _ => {
            let (provider, secret, options) = c.peer.as_ref().unwrap();
            let mut options = options.clone();
            if *provider == Provider::Twilio {
                options = options.with_form_params(form_urlencoded::parse(body));
            }
            webhook_verify::verify(*provider, headers, body, secret, options)
                .map(|_| 1)
                .unwrap()
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list") {
        return; // `cargo bench -- --list`: nothing for libtest to list
    }
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|at| args.get(at + 1).cloned());
    println!("| family | size | floor | {} |", VARIANTS[1..].join(" | "));
    println!("|---|---|---|{}", "---|".repeat(VARIANTS.len() - 1));
    for family in FAMILIES {
        if only.as_deref().is_some_and(|o| o != family) {
            continue;
        }
        for len in [64, 1024, 16 * 1024] {
            let c = case(family, len);
            let variants = if c.peer.is_some() {
                VARIANTS.len()
            } else {
                VARIANTS.len() - 1
            };
            // Every variant must accept before it is timed.
            for v in &VARIANTS[..variants] {
                assert!(run(&c, v) < usize::MAX);
            }
            let cost = match family {
                "ed25519" => 50_000,
                "ecdsa" => 150_000,
                _ => 400,
            } + len;
            let batch = (400_000 / cost).max(1);
            let (floor, ratios) = interleaved(variants, batch, 201, |i| run(&c, VARIANTS[i]));
            let mut cells: Vec<String> = ratios[1..].iter().map(|r| format!("{r:.3}×")).collect();
            cells.resize(VARIANTS.len() - 1, "–".into());
            println!(
                "| {family} | {len} B | {} | {} |",
                fmt_ns(floor),
                cells.join(" | ")
            );
        }
    }
}
