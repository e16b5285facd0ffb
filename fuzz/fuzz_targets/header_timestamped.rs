//! Any bytes as a `t=…,v1=…` header value, at any time: an error, never a panic, never a
//! match (the genuine MAC is 64 hex digits the fuzzer would have to guess).
#![no_main]

use hookverify::providers::pocketbook;
use libfuzzer_sys::fuzz_target;
use time::OffsetDateTime;

fuzz_target!(|input: (i32, &[u8])| {
    let (offset, value) = input;
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000 + i64::from(offset)).unwrap();
    let verifier = pocketbook::verifier(["whsec_fuzz"]);
    let r = verifier.verify_at(b"{}", &[("X-Webhook-Signature", value)], now);
    assert!(r.is_err());
});
