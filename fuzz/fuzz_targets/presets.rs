//! The presets that parse more than a header: Twilio (the URL's forms, form parameters,
//! `bodySHA256`), Mailgun (the signature object in a JSON body), Linear (the body's
//! `webhookTimestamp`), Square (the notification URL), Shopify (two header families),
//! Mandrill (the URL and the sorted form fields), Trello (the callback URL), Postmark (a
//! Basic credential), Box (one signature header per key), Polar (two keys per secret),
//! DocuSign (any of its numbered signature headers) and Contentful (its canonical request),
//! with any URL, body and header values: never a panic, never a match for bytes the
//! fuzzer made up; and what each signs, it verifies.
#![no_main]

use arbitrary::Arbitrary;
use hookverify::providers::{
    box_com, contentful, docusign, linear, mailgun, mandrill, polar, postmark, shopify, square,
    trello, twilio,
};
use hookverify::{Request, Scheme, Secret, Sign, Verifier};
use libfuzzer_sys::fuzz_target;
use time::OffsetDateTime;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    url: &'a str,
    body: &'a [u8],
    values: Vec<&'a [u8]>,
    token: &'a str,
    now: u32,
}

const NAMES: [&str; 17] = [
    twilio::SIGNATURE_HEADER,
    twilio::SETTINGS_HEADER,
    shopify::SIGNATURE_HEADER,
    shopify::EVENTS_SIGNATURE_HEADER,
    square::SIGNATURE_HEADER,
    linear::SIGNATURE_HEADER,
    mandrill::SIGNATURE_HEADER,
    trello::SIGNATURE_HEADER,
    postmark::TOKEN_HEADER,
    box_com::SIGNATURE_HEADER,
    box_com::SECONDARY_SIGNATURE_HEADER,
    box_com::TIMESTAMP_HEADER,
    polar::SIGNATURE_HEADER,
    "X-DocuSign-Signature-1",
    "X-DocuSign-Signature-2",
    contentful::SIGNATURE_HEADER,
    contentful::TIMESTAMP_HEADER,
];

fn check<S: Scheme>(verifier: &Verifier<S>, request: &Request<'_>, now: OffsetDateTime) {
    // Made-up values never verify; any refusal is a typed error with a message.
    if let Err(e) = verifier.verify_request_at(request, now) {
        assert!(!e.to_string().is_empty());
    } else {
        panic!("made-up request accepted");
    }
}

fuzz_target!(|input: Input<'_>| {
    let now =
        OffsetDateTime::from_unix_timestamp(1_600_000_000 + i64::from(input.now % 200_000_000))
            .unwrap();
    let secret = Secret::new("fuzz-secret");
    let headers: Vec<(&str, &[u8])> = NAMES
        .iter()
        .copied()
        .zip(input.values.iter().copied())
        .collect();
    let request = Request::new(input.body, &headers)
        .with_url(input.url)
        .with_method("POST");

    check(&twilio::verifier([secret.clone()]), &request, now);
    check(
        &mandrill::verifier(input.url.to_owned(), [secret.clone()]),
        &request,
        now,
    );
    check(
        &trello::verifier(input.url.to_owned(), [secret.clone()]),
        &request,
        now,
    );
    check(
        &postmark::verifier([Secret::new("user:fuzz-password")]),
        &request,
        now,
    );
    check(
        &box_com::verifier([secret.clone(), secret.clone()]),
        &request,
        now,
    );
    check(
        &polar::verifier(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "fuzz-secret"]),
        &request,
        now,
    );
    // What Mandrill and Postmark sign for this URL and body, they verify.
    {
        let md = mandrill::verifier(input.url.to_owned(), [secret.clone()]);
        let signed = md.scheme().sign(input.body, &secret, now);
        if !signed.is_empty() {
            let got = md.verify_at(input.body, &signed, now);
            assert!(got.is_ok(), "mandrill refused what it signed: {got:?}");
        }
        let credentials = Secret::new("user:fuzz-password");
        let pm = postmark::verifier([credentials.clone()]);
        let signed = pm.scheme().sign(input.body, &credentials, now);
        let got = pm.verify_at(input.body, &signed, now);
        assert!(got.is_ok(), "postmark refused what it signed: {got:?}");
    }
    check(
        &twilio::verifier_shared_key([secret.clone()]),
        &request,
        now,
    );
    check(&mailgun::verifier([secret.clone()]), &request, now);
    check(&linear::verifier([secret.clone()]), &request, now);
    check(&shopify::verifier([secret.clone()]), &request, now);
    check(
        &square::verifier(input.url.to_owned(), [secret.clone()]),
        &request,
        now,
    );

    // Round trips. Twilio: any URL without `bodySHA256`, any form body.
    if !input.url.contains("bodySHA256") {
        for verifier in [
            twilio::verifier([secret.clone()]),
            twilio::verifier_shared_key([secret.clone()]),
        ] {
            let signing = Request::new(input.body, &()).with_url(input.url);
            let signed = verifier.scheme().sign_request(&signing, &secret, now);
            let request = Request::new(input.body, &signed).with_url(input.url);
            if let Err(e) = verifier.verify_request_at(&request, now) {
                panic!("twilio refused what it signed: {e}");
            }
        }
    }
    // Square and Shopify: any non-empty body.
    if !input.body.is_empty() {
        let sq = square::verifier(input.url.to_owned(), [secret.clone()]);
        let signed = sq.scheme().sign(input.body, &secret, now);
        assert!(
            sq.verify_at(input.body, &signed, now).is_ok(),
            "square refused what it signed"
        );
        let sh = shopify::verifier([secret.clone()]);
        let signed = sh.scheme().sign(input.body, &secret, now);
        assert!(
            sh.verify_at(input.body, &signed, now).is_ok(),
            "shopify refused what it signed"
        );
    }
    // Mailgun: any token of characters JSON writes as themselves.
    if !input.token.is_empty() && input.token.chars().all(|c| c.is_ascii_alphanumeric()) {
        let body = mailgun::signed_body(
            r#"{"event":"delivered"}"#,
            &secret,
            now.unix_timestamp(),
            input.token,
        );
        let verified = mailgun::verifier([secret.clone()]).verify_at(body.as_bytes(), &(), now);
        assert!(
            verified.is_ok(),
            "mailgun refused what it signed: {verified:?}"
        );
    }
    // Linear: any body prefix, stamped now.
    let millis = now.unix_timestamp() * 1000;
    let body = format!(
        r#"{{"webhookTimestamp":{millis},"x":{}}}"#,
        serde_json::Value::from(String::from_utf8_lossy(input.body))
    );
    let li = linear::verifier([secret.clone()]);
    let signed = li.scheme().sign(body.as_bytes(), &secret, now);
    assert!(
        li.verify_at(body.as_bytes(), &signed, now).is_ok(),
        "linear refused what it signed"
    );
});
