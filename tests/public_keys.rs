//! Public-key signatures (features `ed25519` and `p256`): vectors made by PyNaCl
//! (libsodium), `cryptography` (OpenSSL) and RFC 8032 (`tests/data/gen/sign_public_key.py`),
//! rotation over public keys, and signing round trips.

#![cfg(all(feature = "ed25519", feature = "p256"))]

use hookverify::Sign;
use hookverify::schemes::{Part, Signed};
use hookverify::{Error, Key, KeyKind, PublicKey, Scheme, Secret, Verifier};
use serde::Deserialize;
use time::OffsetDateTime;

#[derive(Deserialize)]
struct File {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    algorithm: String,
    signed: String,
    public_keys: Vec<String>,
    body_hex: String,
    headers: Vec<(String, String)>,
    expect: String,
    key_index: Option<usize>,
}

/// The schemes the vectors are shaped for: Discord's and SendGrid's headers.
fn scheme(algorithm: &str, signed: &str) -> Signed {
    let (scheme, timestamp) = match algorithm {
        "ed25519" => (
            Signed::builder(KeyKind::Ed25519, "X-Signature-Ed25519"),
            "X-Signature-Timestamp",
        ),
        "p256" => (
            Signed::builder(KeyKind::EcdsaP256, "X-Twilio-Email-Event-Webhook-Signature"),
            "X-Twilio-Email-Event-Webhook-Timestamp",
        ),
        other => panic!("unknown algorithm {other}"),
    };
    match signed {
        "timestamp+body" => scheme.signed([Part::header(timestamp), Part::Body]),
        "body" => scheme,
        other => panic!("unknown signed parts {other}"),
    }
    .build()
    .unwrap()
}

fn public_key(algorithm: &str, text: &str) -> PublicKey {
    match algorithm {
        "ed25519" => PublicKey::ed25519_hex(text).unwrap(),
        _ => PublicKey::p256_base64(text).unwrap(),
    }
}

#[test]
fn vectors_from_pynacl_openssl_and_rfc8032() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/vectors/public_key.json"
    );
    let file: File = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(file.cases.len() >= 20);
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let mut failures = Vec::new();
    for c in &file.cases {
        let keys = c
            .public_keys
            .iter()
            .map(|k| Key::from(public_key(&c.algorithm, k)));
        let verifier = Verifier::with_keys(scheme(&c.algorithm, &c.signed), keys);
        let body = hex::decode(&c.body_hex).unwrap();
        let got = verifier.verify_at(&body, &c.headers, now);
        let ok = match (c.expect.as_str(), &got) {
            ("ok", Ok(v)) => Some(v.key_index()) == c.key_index,
            ("mismatch", Err(Error::SignatureMismatch)) => true,
            ("malformed", Err(Error::MalformedHeader { .. })) => true,
            ("missing_header", Err(Error::MissingHeader { .. })) => true,
            _ => false,
        };
        if !ok {
            failures.push(format!("{}: expected {}, got {got:?}", c.name, c.expect));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn signing_round_trips_with_the_private_key() {
    let now = OffsetDateTime::now_utc();
    let body = b"{\"type\":1}";
    let headers = [("X-Signature-Timestamp", "1700000000")];
    // Ed25519: the secret is the 32-byte seed.
    let seed = [7u8; 32];
    let public = ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key();
    let ed = scheme("ed25519", "timestamp+body");
    let request = hookverify::Request::new(body, &headers);
    let mut signed = ed.sign_request(&request, &Secret::new(seed.to_vec()), now);
    signed.extend(headers.map(|(k, v)| (k.to_string(), v.to_string())));
    let key = PublicKey::ed25519(public.as_bytes()).unwrap();
    let verifier = Verifier::with_keys(ed, [Key::from(key)]);
    assert!(verifier.verify(body, &signed).is_ok());
    assert!(matches!(
        verifier.verify(b"{\"type\":2}", &signed),
        Err(Error::SignatureMismatch)
    ));

    // P-256: the secret is the 32-byte scalar.
    let scalar = [9u8; 32];
    let signing = p256::ecdsa::SigningKey::from_slice(&scalar).unwrap();
    let spki = {
        use p256::pkcs8::EncodePublicKey;
        signing.verifying_key().to_public_key_der().unwrap()
    };
    let p = Signed::builder(KeyKind::EcdsaP256, "X-Sig")
        .build()
        .unwrap();
    let signed = p.sign(body, &Secret::new(scalar.to_vec()), now);
    let verifier = Verifier::with_keys(
        p,
        [Key::from(PublicKey::p256_der(spki.as_bytes()).unwrap())],
    );
    assert!(verifier.verify(body, &signed).is_ok());

    // A secret that is not a private key of the algorithm signs nothing.
    assert!(
        scheme("ed25519", "body")
            .sign(body, &Secret::new("short"), now)
            .is_empty()
    );
    assert!(
        Signed::builder(KeyKind::EcdsaP256, "X-Sig")
            .build()
            .unwrap()
            .sign(body, &Secret::new(vec![0u8; 32]), now)
            .is_empty()
    );
}

#[test]
fn keys_of_another_kind_never_match() {
    let now = OffsetDateTime::now_utc();
    let seed = [7u8; 32];
    let body = b"{}";
    let ed = scheme("ed25519", "body");
    let headers = ed.sign(body, &Secret::new(seed.to_vec()), now);
    let public = ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key();
    let ed_key = || Key::from(PublicKey::ed25519(public.as_bytes()).unwrap());

    // A secret given to a public-key scheme is no key at all.
    let from_secret = Verifier::new(ed.clone(), [Secret::new(seed.to_vec())]);
    assert!(matches!(
        from_secret.verify(body, &headers),
        Err(Error::NoSecrets)
    ));
    // A P-256 key in an Ed25519 verifier keeps its index but never matches.
    let p256 = PublicKey::p256_der(
        &{
            use p256::pkcs8::EncodePublicKey;
            p256::ecdsa::SigningKey::from_slice(&[9u8; 32])
                .unwrap()
                .verifying_key()
                .to_public_key_der()
                .unwrap()
        }
        .into_vec(),
    )
    .unwrap();
    let mixed = Verifier::with_keys(ed.clone(), [Key::from(p256), ed_key()]);
    assert_eq!(mixed.verify(body, &headers).unwrap().key_index(), 1);
    // A public key given to an HMAC scheme: no usable key.
    let hmac = Verifier::with_keys(Signed::hmac("X-Signature-Ed25519"), [ed_key()]);
    assert!(matches!(hmac.verify(body, &headers), Err(Error::NoSecrets)));
    assert_eq!(ed.key_kind(), KeyKind::Ed25519);
    assert_eq!(
        Signed::builder(KeyKind::EcdsaP256, "h")
            .build()
            .unwrap()
            .key_kind(),
        KeyKind::EcdsaP256
    );
}

#[test]
fn malformed_public_keys_are_typed_errors() {
    for bad in ["", "00", &"zz".repeat(32), &"00".repeat(33)] {
        let err = PublicKey::ed25519_hex(bad).unwrap_err();
        assert!(matches!(err, Error::InvalidPublicKey { .. }), "{bad}");
        assert_eq!(err.status(), 500);
    }
    for bad in ["", "!!!", "AAAA", "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE"] {
        let err = PublicKey::p256_base64(bad).unwrap_err();
        assert!(matches!(err, Error::InvalidPublicKey { .. }), "{bad}");
        assert!(
            err.to_string()
                .starts_with("invalid ECDSA P-256 public key")
        );
    }
    // A PEM block is read as its base64.
    let der = {
        use p256::pkcs8::EncodePublicKey;
        p256::ecdsa::SigningKey::from_slice(&[9u8; 32])
            .unwrap()
            .verifying_key()
            .to_public_key_der()
            .unwrap()
    };
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der.as_bytes());
    let pem = format!(
        "-----BEGIN PUBLIC KEY-----\n{}\n{}\n-----END PUBLIC KEY-----\n",
        &b64[..64],
        &b64[64..]
    );
    assert_eq!(
        PublicKey::p256_base64(&pem).unwrap(),
        PublicKey::p256_base64(&b64).unwrap()
    );
    // Debug shows the algorithm and the key (not a secret).
    let shown = format!("{:?}", PublicKey::p256_base64(&b64).unwrap());
    assert!(shown.starts_with("PublicKey(P-256 "), "{shown}");
}
