//! Any bytes as a hex or `sha256=` hex signature: an error, never a panic, never a match.
#![no_main]

use hookverify::providers::{livingdocs, memento};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|value: &[u8]| {
    let body = b"fuzz body";
    // The genuine MAC of this body is 64 hex digits the fuzzer would have to guess.
    let r = memento::verifier(["k"]).verify(body, &[("Signature", value)]);
    assert!(r.is_err());
    let r = livingdocs::verifier(["k"]).verify(body, &[("x-livingdocs-signature", value)]);
    assert!(r.is_err());
});
