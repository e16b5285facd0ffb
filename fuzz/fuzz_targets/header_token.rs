//! Any bytes as a bearer or plain token: only the exact secret is accepted.
#![no_main]

use hookverify::providers::{inmemory4, memo_bank};
use libfuzzer_sys::fuzz_target;

const SECRET: &str = "tok";

fuzz_target!(|value: &[u8]| {
    let plain = inmemory4::verifier([SECRET]).verify(b"", &[("Signature", value)]);
    let trimmed = value.trim_ascii_start().trim_ascii_end();
    if plain.is_ok() {
        // Only surrounding spaces and tabs may differ.
        let ows = |b: &u8| *b == b' ' || *b == b'\t';
        let start = value.iter().position(|b| !ows(b)).unwrap();
        let end = value.iter().rposition(|b| !ows(b)).unwrap();
        assert_eq!(&value[start..=end], SECRET.as_bytes());
    }
    let bearer = memo_bank::verifier([SECRET]).verify(b"", &[("Authorization", value)]);
    if bearer.is_ok() {
        let text = std::str::from_utf8(trimmed).unwrap();
        let (word, token) = text.split_once([' ', '\t']).unwrap();
        assert!(word.eq_ignore_ascii_case("bearer"));
        assert_eq!(token.trim_matches([' ', '\t']), SECRET);
    }
});
