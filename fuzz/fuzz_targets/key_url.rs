//! Key-URL pinning: the input (as UTF-8 text; its valid prefix otherwise) is the
//! `PAYPAL-CERT-URL` header of a genuine PayPal delivery and the `SigningCertURL` of a
//! genuine SNS notification — neither signs its URL, and both verifiers are given the
//! right key up front, so the URL alone decides.
//!
//! Properties, beyond never panicking:
//! - the only refusals are `UntrustedKeyUrl`, or the header layer's (PayPal: an empty,
//!   non-ASCII or over-long header value) and an empty `SigningCertURL` (SNS);
//! - a URL accepted (or refused for anything but those) satisfies the provider's rule,
//!   checked with the `url` crate (the WHATWG parser a client fetches with): scheme
//!   `https`, no username or password, no port, a domain host (not an IP), no query or
//!   fragment, written exactly as it parses (the host's case aside: no dot segments, IDNA,
//!   percent-encoding, backslashes, stripped whitespace), and
//!   - PayPal: host `api.paypal.com`, `api-m.paypal.com`, `api.sandbox.paypal.com` or
//!     `api-m.sandbox.paypal.com`, path `/v1/notifications/certs/[A-Za-z0-9-]+`;
//!   - SNS: host `^sns\.[a-z]{2}(-[a-z]+)+-[0-9]{1,2}\.amazonaws\.com(\.cn)?$` (any case),
//!     path ending `.pem`;
//! - the providers' own URLs are accepted (checked once at start).
//!
//! Seeds: `corpus/key_url/` (userinfo, ports, IPs, unicode, punycode, percent, backslashes,
//! dot segments, trailing dots); tokens: `key_url.dict`
//! (`cargo fuzz run -O key_url -- -dict=key_url.dict`).
#![no_main]

#[path = "common/mod.rs"]
mod common;

use std::sync::OnceLock;

use hookverify::providers::{aws_sns, paypal};
use hookverify::{Error, Sign, Verifier};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use time::OffsetDateTime;

const NOW: i64 = 1_700_000_000;
const WEBHOOK_ID: &str = "WH-1AB23456CD789012E-3FG45678HI901234J";
const BODY: &[u8] =
    br#"{"id":"WH-2WR32451HC0233532-67976317FL4543714","event_type":"PAYMENT.SALE.COMPLETED"}"#;
const PAYPAL_URL: &str =
    "https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-1d93a270";
const SNS_URL: &str = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123abcd.pem";

struct State {
    paypal: Verifier<paypal::PayPal>,
    /// The genuine delivery's headers but the certificate URL.
    paypal_headers: Vec<(String, String)>,
    sns: Verifier<aws_sns::AwsSns>,
    /// The genuine notification's entries but `SigningCertURL`.
    sns_body: serde_json::Map<String, Value>,
}

fn now() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(NOW).unwrap()
}

fn state() -> &'static State {
    static STATE: OnceLock<State> = OnceLock::new();
    STATE.get_or_init(|| {
        let leaf = common::rsa_pair("paypal_leaf");
        let paypal = Verifier::with_keys(paypal::scheme(WEBHOOK_ID), [leaf.key()]);
        let signed = paypal::scheme(WEBHOOK_ID).sign(BODY, &leaf.secret, now());
        let paypal_headers: Vec<(String, String)> = signed
            .into_iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case(paypal::CERT_URL_HEADER))
            .collect();
        let sns_key = common::rsa_pair("sns_genuine");
        let sns = Verifier::with_keys(aws_sns::scheme(), [sns_key.key()]);
        let body = aws_sns::signed_notification(
            "arn:aws:sns:us-east-1:123456789012:orders",
            Some("Order shipped"),
            "{\"order\":\"A-1\"}",
            "4d4dc071-ddbf-465d-bba8-08f81c89da64",
            now(),
            SNS_URL,
            &sns_key.secret,
        )
        .unwrap();
        let mut sns_body: serde_json::Map<String, Value> = serde_json::from_str(&body).unwrap();
        sns_body.remove("SigningCertURL");
        let st = State {
            paypal,
            paypal_headers,
            sns,
            sns_body,
        };
        for url in [
            PAYPAL_URL,
            "https://api-m.sandbox.paypal.com/v1/notifications/certs/CERT-1",
            "https://API.PAYPAL.COM/v1/notifications/certs/CERT-1",
        ] {
            let r = verify_paypal(&st, url.as_bytes());
            assert!(r.is_ok(), "{url}: {r:?}");
            assert!(common::paypal_url_ok(url), "{url}");
        }
        for url in [
            SNS_URL,
            "https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem",
            "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem",
        ] {
            let r = verify_sns(&st, url);
            assert!(r.is_ok(), "{url}: {r:?}");
            assert!(common::sns_url_ok(url), "{url}");
        }
        st
    })
}

fn verify_paypal(st: &State, url: &[u8]) -> Result<(), Error> {
    let mut headers: Vec<(&str, &[u8])> = st
        .paypal_headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_bytes()))
        .collect();
    headers.push((paypal::CERT_URL_HEADER, url));
    st.paypal.verify_at(BODY, &headers, now()).map(drop)
}

fn verify_sns(st: &State, url: &str) -> Result<(), Error> {
    let mut body = st.sns_body.clone();
    body.insert("SigningCertURL".into(), url.into());
    let body = Value::Object(body).to_string();
    st.sns.verify_at(body.as_bytes(), &(), now()).map(drop)
}

fuzz_target!(|data: &[u8]| {
    let st = state();
    let url = match std::str::from_utf8(data) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).unwrap(),
    };

    // PayPal: the header as sent; what a receiver reads is the value without the spaces
    // and tabs around it.
    let result = verify_paypal(st, url.as_bytes());
    let header_refused = matches!(
        &result,
        Err(Error::MalformedHeader { header, .. } | Error::MissingHeader { header })
            if header.eq_ignore_ascii_case(paypal::CERT_URL_HEADER)
    );
    let untrusted = matches!(&result, Err(Error::UntrustedKeyUrl { field, .. }) if field.eq_ignore_ascii_case(paypal::CERT_URL_HEADER));
    assert!(
        result.is_ok() || header_refused || untrusted,
        "paypal: {url:?} refused for another reason: {result:?}"
    );
    if !header_refused && !untrusted {
        let read = std::str::from_utf8(common::trim_ows(url.as_bytes())).unwrap();
        assert!(
            common::paypal_url_ok(read),
            "paypal: {read:?} not refused as untrusted: {result:?}"
        );
    }

    // SNS: the JSON string, any text.
    let result = verify_sns(st, url);
    let empty = url.is_empty()
        && matches!(&result, Err(Error::MalformedBodyField { field, .. }) if field == "SigningCertURL");
    let untrusted =
        matches!(&result, Err(Error::UntrustedKeyUrl { field, .. }) if field == "SigningCertURL");
    assert!(
        result.is_ok() || empty || untrusted,
        "sns: {url:?} refused for another reason: {result:?}"
    );
    if !empty && !untrusted {
        assert!(
            common::sns_url_ok(url),
            "sns: {url:?} not refused as untrusted: {result:?}"
        );
    }
});
