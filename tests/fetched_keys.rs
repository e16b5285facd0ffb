//! The providers that sign with certificates, JWTs and fetched keys (AWS SNS, PayPal,
//! Plaid, Google Cloud Pub/Sub, Vonage, Standard Webhooks `v1a`) against
//! `tests/data/vectors/fetched_keys.json`: requests made and judged by the providers' own
//! validators and SDKs (`tests/data/gen/sign_fetched_keys.py`), with their keys served by
//! a local HTTPS server whose test CA the fetcher trusts. The fetcher reaches it through
//! `dangerous::https_fetcher_for_tests`; the URL pinning is the real one.
#![cfg(all(feature = "fetch", feature = "jwt", feature = "ed25519"))]

#[path = "common/fetched_vectors.rs"]
mod fetched_vectors;
#[path = "common/key_server.rs"]
mod key_server;

use fetched_vectors::{Case, config, documents_server, fetcher, header, vectors};
use hookverify::fetch::KeyFetcher;
use hookverify::providers::{aws_sns, google_pubsub, paypal, plaid, standard_webhooks, vonage};
use hookverify::{Clock, Error, Key, PublicKey, Scheme, Secret, ValueProblem, Verifier};
use key_server::{KeyServer, Response};
use time::OffsetDateTime;

/// The preset's verifier for a case, fetching with `fetcher`.
fn verifier(c: &Case, fetcher: KeyFetcher) -> Verifier<Box<dyn Scheme>> {
    let verifier = match c.provider.as_str() {
        "sns" => {
            let verifier = aws_sns::verifier(fetcher);
            match c.config["topic_arns"].as_array() {
                Some(arns) => verifier
                    .topics(arns.iter().map(|a| a.as_str().expect("ARN").to_owned()))
                    .into_dyn(),
                None => verifier.into_dyn(),
            }
        }
        "paypal" => paypal::verifier(config(c, "webhook_id"), fetcher).into_dyn(),
        "plaid" => {
            let environment = match config(c, "environment") {
                "sandbox" => plaid::Environment::Sandbox,
                "production" => plaid::Environment::Production,
                other => panic!("{}: environment {other}", c.name),
            };
            plaid::verifier(
                environment,
                config(c, "client_id"),
                Secret::new(config(c, "secret")),
                fetcher,
            )
            .into_dyn()
        }
        "pubsub" => google_pubsub::verifier(
            config(c, "audience"),
            config(c, "service_account_email"),
            fetcher,
        )
        .into_dyn(),
        "vonage" => vonage::verifier(c.secrets.iter().map(|s| Secret::new(s.as_str()))).into_dyn(),
        "standard_webhooks" => standard_webhooks::verifier(&c.secrets)
            .expect("the case's keys load")
            .into_dyn(),
        other => panic!("{}: unknown provider {other}", c.name),
    };
    let now = OffsetDateTime::from_unix_timestamp(c.now).expect("a time");
    verifier.with_clock(Clock::fixed(now))
}

/// Rows this crate refuses otherwise than the vectors' vocabulary says, and why: (name,
/// our expectation).
const OUR_REFUSAL: &[(&str, &str)] = &[
    // A `v1a` entry that is not 88 base64 characters cannot be an Ed25519 signature: a
    // malformed header (400), as every scheme answers a signature of the wrong length; the
    // reference libraries say "no matching signature".
    ("standard webhooks HMAC signature labelled v1a", "malformed"),
];

/// Whether `error` is what `expect` names.
fn is_expected(expect: &str, error: &Error) -> bool {
    match expect {
        "mismatch" => matches!(error, Error::SignatureMismatch),
        "malformed" => {
            matches!(
                error,
                Error::MalformedHeader { .. } | Error::MalformedBodyField { .. }
            ) && !is_expected("claims", error)
        }
        "missing" => matches!(
            error,
            Error::MissingHeader { .. } | Error::MissingBodyField { .. }
        ),
        "stale" => matches!(
            error,
            Error::TimestampTooOld { .. }
                | Error::TimestampInFuture { .. }
                | Error::NotValidNow { what: "token", .. }
        ),
        "claims" => matches!(
            error,
            Error::ValueNotAccepted { .. }
                | Error::MalformedHeader {
                    problem: ValueProblem::UnexpectedAlgorithm { .. },
                    ..
                }
        ),
        "untrusted_url" => matches!(error, Error::UntrustedKeyUrl { .. }),
        "unknown_key" => matches!(error, Error::UnknownKey),
        "expired_key" => matches!(
            error,
            Error::NotValidNow {
                what: "certificate" | "key",
                ..
            }
        ),
        other => panic!("unknown expectation {other}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_vector_gets_its_verdict() {
    let file = vectors();
    let server = documents_server(&[]);
    let mut failures = Vec::new();
    for c in &file.cases {
        let before = server.total_hits();
        let verifier = verifier(c, fetcher(&server));
        let verdict = verifier.verify_async(c.body.as_bytes(), &c.headers).await;
        let fetched = server.total_hits() - before;
        let expect = OUR_REFUSAL
            .iter()
            .find(|(name, _)| *name == c.name)
            .map_or(c.expect.as_str(), |(_, ours)| ours);
        match (expect, &verdict) {
            ("ok", Ok(verified)) => {
                if Some(verified.key_index()) != c.key_index {
                    failures.push(format!(
                        "{}: key {} instead of {:?}",
                        c.name,
                        verified.key_index(),
                        c.key_index
                    ));
                }
                // Once fetched, the keys are cached: the synchronous path verifies
                // without any request.
                let again = verifier.verify(c.body.as_bytes(), &c.headers);
                let after = server.total_hits();
                let second = verifier.verify_async(c.body.as_bytes(), &c.headers).await;
                if again.is_err() || second.is_err() || server.total_hits() != after {
                    failures.push(format!("{}: not served from the cache", c.name));
                }
            }
            ("ok", Err(e)) => failures.push(format!("{}: refused: {e}", c.name)),
            (expect, Ok(_)) => failures.push(format!("{}: accepted, expected {expect}", c.name)),
            (expect, Err(e)) if !is_expected(expect, e) => {
                failures.push(format!("{}: {e} ({e:?}), expected {expect}", c.name));
            }
            _ => {}
        }
        if c.expect == "untrusted_url" && fetched != 0 {
            failures.push(format!("{}: fetched from an untrusted URL", c.name));
        }
        // What the provider's own code said, where we deliberately differ.
        let ours = c.expect == "ok";
        if c.judge_says.is_some_and(|judge| judge != ours) && c.differs.is_none() {
            failures.push(format!("{}: the judge disagrees, unexplained", c.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// SNS and PayPal with the certificate given up front: no fetching, the same verdicts
/// for every genuine row, and the URL still pinned.
#[test]
fn certificates_given_up_front() {
    let file = vectors();
    let certificate = |url: &str| {
        let doc = file
            .documents
            .iter()
            .find(|d| d.url.eq_ignore_ascii_case(url))
            .unwrap_or_else(|| panic!("no document for {url}"));
        Key::from(PublicKey::rsa_certificate_pem(&doc.body).expect("a certificate"))
    };
    let mut checked = 0;
    for c in file.cases.iter().filter(|c| c.expect == "ok") {
        let now = OffsetDateTime::from_unix_timestamp(c.now).expect("a time");
        let verdict = match c.provider.as_str() {
            "sns" => {
                let body: serde_json::Value = serde_json::from_str(&c.body).expect("JSON");
                let url = body["SigningCertURL"].as_str().expect("a cert URL");
                Verifier::with_keys(aws_sns::scheme(), [certificate(url)])
                    .verify_at(c.body.as_bytes(), &c.headers, now)
                    .map(drop)
            }
            "paypal" => {
                let url = header(c, paypal::CERT_URL_HEADER);
                Verifier::with_keys(paypal::scheme(config(c, "webhook_id")), [certificate(url)])
                    .verify_at(c.body.as_bytes(), &c.headers, now)
                    .map(drop)
            }
            _ => continue,
        };
        assert!(verdict.is_ok(), "{}: {verdict:?}", c.name);
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} rows");
}

/// `verify_async` is `Send` for `Sync` headers, so a server can spawn it.
#[test]
fn verify_async_is_send() {
    fn send<T: Send>(_: T) {}
    let verifier = vonage::verifier([Secret::new("s")]);
    let headers: Vec<(String, String)> = Vec::new();
    send(verifier.verify_async(b"{}", &headers));
}

/// Confirming an SNS subscription visits its `SubscribeURL` on SNS's host only: the
/// genuine URL is fetched (with its query), any other is refused before a connection.
#[tokio::test]
async fn a_subscription_is_confirmed_only_on_sns() {
    let host = "sns.us-east-1.amazonaws.com";
    let server = KeyServer::start(&[host, "sns.us-east-1.amazonaws.com.evil.example"]);
    let query = "/?Action=ConfirmSubscription&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3Aorders&Token=2336412f37";
    server.serve(
        "GET",
        host,
        query,
        Response::ok("text/xml", "<ConfirmSubscriptionResponse/>"),
    );
    server.serve(
        "GET",
        "sns.us-east-1.amazonaws.com.evil.example",
        query,
        Response::ok("text/xml", "<ConfirmSubscriptionResponse/>"),
    );
    let confirmation = |url: &str| -> aws_sns::Confirmation {
        serde_json::from_value(serde_json::json!({
            "Type": "SubscriptionConfirmation",
            "MessageId": "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
            "TopicArn": "arn:aws:sns:us-east-1:123456789012:orders",
            "Message": "You have chosen to subscribe to the topic",
            "Token": "2336412f37",
            "SubscribeURL": url,
            "Timestamp": "2025-12-06T05:46:30.123Z",
        }))
        .expect("a confirmation")
    };
    let fetcher = fetcher(&server);
    confirmation(&format!("https://{host}{query}"))
        .confirm(&fetcher)
        .await
        .expect("confirmed");
    assert_eq!(server.hits("GET", host, query), 1);

    let connections = server.connections();
    for url in [
        format!("https://sns.us-east-1.amazonaws.com.evil.example{query}"),
        format!("http://{host}{query}"),
        format!("https://{host}:443{query}"),
        format!("https://user@{host}{query}"),
        format!("https://{host}/?Action=Unsubscribe&Token=1"),
        format!("https://{host}/x{query}"),
        format!("https://{host}/"),
    ] {
        let refused = confirmation(&url).confirm(&fetcher).await;
        assert!(
            matches!(refused, Err(Error::UntrustedKeyUrl { .. })),
            "{url}: {refused:?}"
        );
    }
    assert_eq!(server.connections(), connections, "a refused URL connected");
}
