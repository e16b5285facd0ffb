//! Vectors computed by code other than this crate: the seed providers' own sample code
//! (Node.js, `tests/data/gen/sign_seeds.js`) and Python's standard `hmac`
//! (`tests/data/gen/sign_python.py`). Each file in `tests/data/vectors/` is one test.

use base64::Engine as _;
use hookverify::providers::{inmemory4, livingdocs, memento, memo_bank, pocketbook};
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
        let verifier = Verifier::new(
            scheme(&c.provider),
            c.secrets.iter().map(|s| Secret::new(s.as_str())),
        );
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
}
