//! `Key::mac` (the crate's HMAC from the cached key schedule) against the `hmac` crate, for
//! any key and any message cut into any parts.
#![no_main]

use hmac::{KeyInit, Mac};
use hookverify::{Key, Secret};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (Vec<u8>, Vec<u8>, Vec<u16>)| {
    let (key, message, cuts) = input;
    let mut cuts: Vec<usize> = cuts
        .into_iter()
        .map(|c| usize::from(c).min(message.len()))
        .collect();
    cuts.sort_unstable();
    let mut parts = Vec::new();
    let mut at = 0;
    for cut in cuts.into_iter().chain([message.len()]) {
        parts.push(&message[at..cut]);
        at = cut;
    }
    let ours = Key::new(&Secret::new(key.clone())).mac(&parts);
    if key.is_empty() {
        // An empty secret makes a key that never matches anything.
        assert_eq!(ours, None);
        return;
    }
    let mut reference = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
    reference.update(&message);
    assert_eq!(ours, Some(reference.finalize().into_bytes().into()));
});
