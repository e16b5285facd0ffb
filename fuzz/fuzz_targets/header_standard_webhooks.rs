//! Arbitrary `webhook-*` / `svix-*` header values for Standard Webhooks, and arbitrary
//! GitHub and Stripe signature headers: an error, never a panic, never a match (the
//! genuine MACs are 32 bytes the fuzzer would have to guess).
#![no_main]

use arbitrary::Arbitrary;
use hookverify::providers::{github, standard_webhooks, stripe};
use hookverify::Secret;
use libfuzzer_sys::fuzz_target;
use time::OffsetDateTime;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    svix: bool,
    id: &'a [u8],
    timestamp: &'a [u8],
    signature: &'a [u8],
    other: &'a [u8],
    now: u32,
}

fuzz_target!(|input: Input<'_>| {
    let now = OffsetDateTime::from_unix_timestamp(i64::from(input.now)).unwrap();
    let names = if input.svix {
        ["svix-id", "svix-timestamp", "svix-signature"]
    } else {
        ["webhook-id", "webhook-timestamp", "webhook-signature"]
    };
    let headers = [
        (names[0], input.id),
        (names[1], input.timestamp),
        (names[2], input.signature),
    ];
    let key = Secret::from_standard_webhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    let v = standard_webhooks::verifier([key]);
    assert!(v.verify_at(input.other, &headers, now).is_err());
    // Only two of the three headers.
    assert!(v.verify_at(input.other, &headers[1..], now).is_err());

    let gh = github::verifier(["gh-secret"]);
    assert!(gh.verify_at(input.other, &[("X-Hub-Signature-256", input.signature)], now).is_err());
    assert!(gh.verify_at(input.other, &[("X-Hub-Signature", input.signature)], now).is_err());
    let st = stripe::verifier(["whsec_test_secret"]);
    assert!(st.verify_at(input.other, &[("Stripe-Signature", input.signature)], now).is_err());
});
