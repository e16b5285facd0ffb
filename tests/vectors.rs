//! Vectors computed by code other than this crate, each file in `tests/data/vectors/` one
//! test: the seed providers' own sample code (Node.js, `tests/data/gen/sign_seeds.js`),
//! Python's standard `hmac` (`tests/data/gen/sign_python.py`), the official Stripe and
//! Standard Webhooks libraries (`tests/data/gen/sign_official.py`), GitHub's
//! `@octokit/webhooks-methods` (`tests/data/gen/sign_octokit.mjs`), and the vectors GitHub
//! and Standard Webhooks publish (`published.json`).

use base64::Engine as _;
use hookverify::providers::{
    github, inmemory4, livingdocs, memento, memo_bank, pocketbook, standard_webhooks, stripe,
};
use hookverify::{Error, Scheme, Secret, Verifier};
use serde::Deserialize;
use time::OffsetDateTime;

#[derive(Deserialize)]
struct File {
    source: String,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    provider: String,
    secrets: Vec<String>,
    /// `whsec`: Standard Webhooks secrets, base64 behind the prefix.
    secrets_encoding: Option<String>,
    body: Option<String>,
    body_b64: Option<String>,
    headers: Vec<(String, String)>,
    now: i64,
    expect: String,
    secret_index: Option<usize>,
}

fn scheme(provider: &str) -> Box<dyn Scheme> {
    match provider {
        "memento" => Box::new(memento::scheme()),
        "livingdocs" => Box::new(livingdocs::scheme()),
        "pocketbook" => Box::new(pocketbook::scheme()),
        "memo_bank" => Box::new(memo_bank::scheme()),
        "inmemory4" => Box::new(inmemory4::scheme()),
        "github" => Box::new(github::scheme()),
        "stripe" => Box::new(stripe::scheme()),
        "standard_webhooks" => Box::new(standard_webhooks::scheme()),
        other => panic!("unknown provider {other}"),
    }
}

fn run(path: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let file: File = serde_json::from_str(&text).unwrap();
    assert!(!file.cases.is_empty(), "{path} has no cases");
    let mut failures = Vec::new();
    for c in &file.cases {
        let body = match (&c.body, &c.body_b64) {
            (Some(b), _) => b.as_bytes().to_vec(),
            (None, Some(b)) => base64::engine::general_purpose::STANDARD.decode(b).unwrap(),
            (None, None) => panic!("{}: no body", c.name),
        };
        let secrets = c
            .secrets
            .iter()
            .map(|s| match c.secrets_encoding.as_deref() {
                Some("whsec") => Secret::from_standard_webhooks(s).unwrap(),
                None => Secret::new(s.as_str()),
                Some(other) => panic!("unknown encoding {other}"),
            });
        let verifier = Verifier::new(scheme(&c.provider), secrets);
        let now = OffsetDateTime::from_unix_timestamp(c.now).unwrap();
        let got = verifier.verify_at(&body, &c.headers, now);
        let ok = match (c.expect.as_str(), &got) {
            ("ok", Ok(v)) => Some(v.secret_index()) == c.secret_index && v.body() == body,
            ("mismatch", Err(Error::SignatureMismatch)) => true,
            ("too_old", Err(Error::TimestampTooOld { .. })) => true,
            ("in_future", Err(Error::TimestampInFuture { .. })) => true,
            ("malformed", Err(Error::MalformedHeader { .. })) => true,
            ("missing_header", Err(Error::MissingHeader { .. })) => true,
            ("conflicting", Err(Error::ConflictingHeaders { .. })) => true,
            ("no_secrets", Err(Error::NoSecrets)) => true,
            ("deprecated", Err(Error::DeprecatedHeader { .. })) => true,
            _ => false,
        };
        if !ok {
            failures.push(format!("{}: expected {}, got {:?}", c.name, c.expect, got));
        }
    }
    assert!(
        failures.is_empty(),
        "{} ({}):\n{}",
        path,
        file.source,
        failures.join("\n")
    );
}

macro_rules! vector_file {
    ($($name:ident => $file:literal),* $(,)?) => {$(
        #[test]
        fn $name() {
            run(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/vectors/", $file));
        }
    )*};
}

vector_file! {
    seed_sample_code => "seed_sample_code.json",
    python_hmac => "python_hmac.json",
    official_python => "official_python.json",
    octokit => "octokit.json",
    published => "published.json",
}
