//! The vectors of `tests/data/vectors/fetched_keys.json` (the documents the providers serve
//! at their key URLs, and the requests made and judged by the providers' own code), and the
//! key servers and fetchers that serve those documents to the fetch tests. Included with
//! `#[path = "common/fetched_vectors.rs"] mod fetched_vectors;` next to
//! `#[path = "common/key_server.rs"] mod key_server;`, which it uses as `super::key_server`.

// Each includer uses part of this.
#![allow(dead_code)]

use std::sync::OnceLock;

use hookverify::Clock;
use hookverify::fetch::{HttpsFetcher, KeyFetcher};
use serde::Deserialize;
use serde_json::Value;
use time::OffsetDateTime;

use super::key_server::{KeyServer, Response};

/// The time every vector was made for: each case's `now`.
pub(crate) const NOW: i64 = 1_765_000_000;

/// The host of the SNS certificate most vectors name.
pub(crate) const SNS_HOST: &str = "sns.us-east-1.amazonaws.com";
/// The path of the SNS certificate most vectors name, on [`SNS_HOST`].
pub(crate) const SNS_CERT_PATH: &str =
    "/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem";

/// `fetched_keys.json`: the documents and the cases.
#[derive(Debug, Deserialize)]
pub(crate) struct File {
    /// What the key servers serve.
    pub(crate) documents: Vec<Document>,
    /// The requests, with their verdicts.
    pub(crate) cases: Vec<Case>,
}

/// A document a provider serves at a key URL: a certificate, a JWKS, a key.
#[derive(Debug, Deserialize)]
pub(crate) struct Document {
    /// Where it is served, `https://host/path`.
    pub(crate) url: String,
    /// The method it is asked for with (`GET`, or `POST` for Plaid's key endpoint).
    pub(crate) method: String,
    /// Its `Content-Type`.
    pub(crate) content_type: String,
    /// The document itself.
    pub(crate) body: String,
    /// For a `POST`, the exact JSON request body the provider's API expects, as a JSON
    /// string.
    pub(crate) request_body: Option<Value>,
}

/// A request, with the verdict it should get.
#[derive(Debug, Deserialize)]
pub(crate) struct Case {
    /// What it tests; unique.
    pub(crate) name: String,
    /// The preset that judges it (`sns`, `paypal`, `plaid`, `pubsub`, `vonage`,
    /// `standard_webhooks`).
    pub(crate) provider: String,
    /// The preset's settings (webhook id, audience, client id…), see [`config`].
    pub(crate) config: Value,
    /// The secrets or keys the preset is given, where it is given any.
    #[serde(default)]
    pub(crate) secrets: Vec<String>,
    /// The request's body.
    pub(crate) body: String,
    /// The request's headers.
    pub(crate) headers: Vec<(String, String)>,
    /// When it is judged (Unix time): [`NOW`].
    pub(crate) now: i64,
    /// The verdict: `ok`, or the kind of refusal (`mismatch`, `untrusted_url`…).
    pub(crate) expect: String,
    /// For a genuine case, the index of the key that verifies it.
    pub(crate) key_index: Option<usize>,
    /// What the provider's own validator or SDK said, where it was asked.
    pub(crate) judge_says: Option<bool>,
    /// Why the verdict differs from the provider's own code's, where it does.
    pub(crate) differs: Option<String>,
}

/// The vectors, parsed once; every case is judged at [`NOW`].
pub(crate) fn vectors() -> &'static File {
    static FILE: OnceLock<File> = OnceLock::new();
    FILE.get_or_init(|| {
        let file: File = serde_json::from_str(include_str!("../data/vectors/fetched_keys.json"))
            .expect("fetched_keys.json parses");
        assert!(
            file.cases.iter().all(|c| c.now == NOW),
            "every vector is judged at {NOW}"
        );
        file
    })
}

/// The case named `name`.
pub(crate) fn case(name: &str) -> &'static Case {
    vectors()
        .cases
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no vector named {name:?}"))
}

/// The body of the document served at `url` (exactly).
pub(crate) fn document(url: &str) -> &'static str {
    &vectors()
        .documents
        .iter()
        .find(|d| d.url == url)
        .unwrap_or_else(|| panic!("no document at {url}"))
        .body
}

/// The SNS certificate (PEM) of the genuine vectors, at [`SNS_HOST`] and [`SNS_CERT_PATH`].
pub(crate) fn sns_certificate() -> &'static str {
    document(&format!("https://{SNS_HOST}{SNS_CERT_PATH}"))
}

/// A string of a case's `config`.
pub(crate) fn config<'a>(c: &'a Case, name: &str) -> &'a str {
    c.config[name]
        .as_str()
        .unwrap_or_else(|| panic!("{}: config.{name}", c.name))
}

/// A case's header `name` (in any case): its value.
pub(crate) fn header<'a>(c: &'a Case, name: &str) -> &'a str {
    &c.headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .unwrap_or_else(|| panic!("{}: no {name} header", c.name))
        .1
}

/// `https://host/path` → (host, path).
pub(crate) fn split_url(url: &str) -> (&str, &str) {
    let rest = url.strip_prefix("https://").expect("an https URL");
    let slash = rest.find('/').expect("a path");
    (&rest[..slash], &rest[slash..])
}

/// A key server playing every host the documents name and `extra_hosts`, serving every
/// document (Plaid's `POST` ones only for their exact request body).
pub(crate) fn documents_server(extra_hosts: &[&str]) -> KeyServer {
    let documents = &vectors().documents;
    let mut hosts: Vec<&str> = documents.iter().map(|d| split_url(&d.url).0).collect();
    hosts.extend_from_slice(extra_hosts);
    hosts.sort_unstable();
    hosts.dedup();
    let server = KeyServer::start(&hosts);
    for doc in documents {
        let (host, path) = split_url(&doc.url);
        let response = Response::ok(&doc.content_type, doc.body.clone());
        match &doc.request_body {
            // The exact JSON Plaid's API expects, as text.
            Some(Value::String(text)) => {
                let json = serde_json::from_str(text).expect("request_body is JSON");
                server.serve_json_post(host, path, json, response);
            }
            Some(other) => panic!("{}: request_body {other}", doc.url),
            None => server.serve(&doc.method, host, path, response),
        }
    }
    server
}

/// The test HTTPS client for `server`: trusting its test CA only, sending its hosts to it.
pub(crate) fn https(server: &KeyServer) -> HttpsFetcher {
    hookverify::dangerous::https_fetcher_for_tests(server.ca_pem().as_bytes(), &server.resolve())
        .expect("the test CA is a CA")
}

/// A fetcher of the keys `server` serves, through [`https`].
pub(crate) fn fetcher(server: &KeyServer) -> KeyFetcher {
    KeyFetcher::with_fetch(https(server))
}

/// [`NOW`] as a date-time.
pub(crate) fn now() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(NOW).expect("a time")
}

/// A clock stopped at [`NOW`].
pub(crate) fn clock() -> Clock {
    Clock::fixed(now())
}
