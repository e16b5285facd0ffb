//! Arbitrary headers and body through every preset: never a panic; and a request signed
//! with `sign` for any body and time always verifies, with the signing time as its
//! timestamp (the round trip holds).
#![no_main]

use arbitrary::Arbitrary;
use hookverify::providers::{inmemory4, livingdocs, memento, memo_bank, pocketbook};
use hookverify::{Scheme, Secret, Sign, Verifier};
use libfuzzer_sys::fuzz_target;
use time::OffsetDateTime;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    scheme: u8,
    headers: Vec<(&'a str, &'a [u8])>,
    body: &'a [u8],
    secrets: Vec<&'a [u8]>,
    now: i32,
    signed_at: i16,
}

/// A scheme that also signs, behind one trait object (`Box<dyn Preset>` is both).
trait Preset: Scheme + Sign {}

impl<T: Scheme + Sign> Preset for T {}

fuzz_target!(|input: Input<'_>| {
    let scheme: Box<dyn Preset> = match input.scheme % 5 {
        0 => Box::new(memento::scheme()),
        1 => Box::new(livingdocs::scheme()),
        2 => Box::new(pocketbook::scheme()),
        3 => Box::new(memo_bank::scheme()),
        _ => Box::new(inmemory4::scheme()),
    };
    // Any time from 1970 on. (Before the epoch `sign` writes a negative `t`, which no
    // provider sends and every timestamped scheme refuses: see the regression test
    // `signing_before_1970_yields_a_refused_header`.)
    let now = OffsetDateTime::from_unix_timestamp(
        1_700_000_000 + i64::from(input.now).rem_euclid(1_700_000_000),
    )
    .unwrap();
    let secrets: Vec<Secret> = input.secrets.iter().map(|s| Secret::new(*s)).collect();
    let verifier = Verifier::new(scheme, secrets.clone());
    let _ = verifier.verify_at(input.body, &input.headers, now);

    // Round trip: sign with each usable, header-safe secret; verify must accept.
    let signed_at = now + time::Duration::seconds(i64::from(input.signed_at % 300).abs());
    for (i, s) in secrets.iter().enumerate() {
        let bytes = s.expose_secret();
        let header_safe = bytes.iter().all(|b| (0x21..0x7f).contains(b)) && !bytes.is_empty();
        if !header_safe {
            continue;
        }
        let headers = verifier.scheme().sign(input.body, s, signed_at);
        match verifier.verify_at(input.body, &headers, now) {
            Ok(v) => {
                assert!(secrets[v.key_index()].expose_secret() == bytes || v.key_index() <= i);
                // An owned copy reports the same.
                let owned = v.clone().into_owned();
                assert_eq!(owned.body(), v.body());
                assert_eq!(owned.key_index(), v.key_index());
                assert_eq!(owned.timestamp(), v.timestamp());
                assert_eq!(owned.delivery_id(), v.delivery_id());
                assert_eq!(owned.event_type(), v.event_type());
                // The signed time, for the schemes that sign one, is the signing time.
                if let Some(t) = v.timestamp() {
                    assert_eq!(t, signed_at);
                }
            }
            Err(e) => panic!("signed request refused: {e}"),
        }
    }
});
