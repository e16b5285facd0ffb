//! Arbitrary `webhook-*` / `svix-*` header values for Standard Webhooks, and arbitrary
//! GitHub and Stripe signature headers: an error, never a panic, never a match (the
//! genuine MACs are 32 bytes the fuzzer would have to guess). Any text as a `whsec_`
//! secret: a verifier or an error, never a panic.
#![no_main]

use arbitrary::Arbitrary;
use hookverify::providers::{github, standard_webhooks, stripe};
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
    whsec: &'a str,
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
    let v = standard_webhooks::verifier(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]).unwrap();
    assert!(v.verify_at(input.other, &headers, now).is_err());
    // Only two of the three headers.
    assert!(v.verify_at(input.other, &headers[1..], now).is_err());

    // Any text as a secret: refused with a message, or a verifier that refuses made-up
    // headers like any other.
    match standard_webhooks::verifier([input.whsec]) {
        Ok(v) => assert!(v.verify_at(input.other, &headers, now).is_err()),
        Err(e) => assert!(!e.to_string().is_empty()),
    }

    let gh = github::verifier(["gh-secret"]);
    assert!(
        gh.verify_at(
            input.other,
            &[("X-Hub-Signature-256", input.signature)],
            now
        )
        .is_err()
    );
    assert!(
        gh.verify_at(input.other, &[("X-Hub-Signature", input.signature)], now)
            .is_err()
    );
    let st = stripe::verifier(["whsec_test_secret"]);
    assert!(
        st.verify_at(input.other, &[("Stripe-Signature", input.signature)], now)
            .is_err()
    );
});
