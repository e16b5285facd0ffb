//! `Signed` under any configuration the builders can make (separators `,` and `;`, any
//! entry keys, prefixes, `version,sig` lists, hex or base64, SHA-256/SHA-1/SHA-512, a
//! timestamp from a header or an entry, in seconds, milliseconds or RFC 3339), with any
//! header values and body: never a panic, never a match for bytes the fuzzer made up; and
//! what the scheme signs, it verifies, at the signing time and within its window.
#![no_main]

use std::time::Duration;

use arbitrary::Arbitrary;
use hookverify::schemes::{Encoding, Part, Signed, TimestampFormat};
use hookverify::{Digest, Request, Scheme, Secret, Verifier};
use libfuzzer_sys::fuzz_target;
use time::OffsetDateTime;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    format: u8,
    key: &'a str,
    timestamp: u8,
    encoding: bool,
    digest: u8,
    parts: Vec<u8>,
    values: Vec<&'a [u8]>,
    body: &'a [u8],
    secret: &'a [u8],
    now: u32,
    skew: i16,
}

const SIG: &str = "X-Sig";
const TS: &str = "X-Ts";
const ID: &str = "X-Id";

fn scheme(input: &Input<'_>) -> Signed {
    let mut s = Signed::hmac(SIG).digest(match input.digest % 3 {
        0 => Digest::Sha256,
        1 => Digest::Sha1,
        _ => Digest::Sha512,
    });
    if input.encoding {
        s = s.encoding(Encoding::Base64);
    }
    let key = if input.key.is_empty() { "v1" } else { input.key };
    s = match input.format % 5 {
        0 => s,
        1 => s.prefix(key.to_owned()),
        2 => s.entries(',', key.to_owned()),
        3 => s.entries(';', key.to_owned()),
        _ => s.versioned(key.to_owned()),
    };
    let format = match input.timestamp / 3 % 3 {
        0 => TimestampFormat::UnixSeconds,
        1 => TimestampFormat::UnixMillis,
        _ => TimestampFormat::Rfc3339,
    };
    s = match input.timestamp % 3 {
        0 => s,
        1 => s.timestamp_header(TS, format),
        _ => s.timestamp_entry("t", format),
    };
    let parts: Vec<Part> = input
        .parts
        .iter()
        .take(10)
        .map(|p| match p % 6 {
            0 => Part::Body,
            1 => Part::Timestamp,
            2 => Part::header(ID),
            3 => Part::Url,
            4 => Part::Method,
            _ => Part::literal("."),
        })
        .collect();
    if !parts.is_empty() {
        s = s.signed(parts);
    }
    s.delivery_id_header(ID).tolerance(Duration::from_secs(300))
}

fuzz_target!(|input: Input<'_>| {
    let scheme = scheme(&input);
    let now = OffsetDateTime::from_unix_timestamp(1_600_000_000 + i64::from(input.now % 200_000_000)).unwrap();
    let secret = Secret::new(input.secret);
    let verifier = Verifier::new(scheme.clone(), [secret.clone()]);

    // Made-up header values: refused.
    let names = [SIG, TS, ID, SIG];
    let headers: Vec<(&str, &[u8])> = names.iter().copied().zip(input.values.iter().copied()).collect();
    let request = Request::new(input.body, &headers)
        .with_url("https://example.com/hooks?x=1")
        .with_method("POST");
    let _ = verifier.verify_request_at(&request, now);

    // Round trip: what the scheme signs at a time within the window verifies, reporting
    // the signing time (to the second, or the millisecond for the finer formats).
    if secret.is_empty() {
        return;
    }
    let signed_at = now + time::Duration::seconds(i64::from(input.skew % 300));
    let id = [(ID, "delivery-1")];
    let signing = Request::new(input.body, &id)
        .with_url("https://example.com/hooks?x=1")
        .with_method("POST");
    let mut headers = scheme.sign_request(&signing, &secret, signed_at);
    headers.push((ID.to_owned(), "delivery-1".to_owned()));
    let request = Request::new(input.body, &headers)
        .with_url("https://example.com/hooks?x=1")
        .with_method("POST");
    match verifier.verify_request_at(&request, now) {
        Ok(v) => {
            assert_eq!(v.key_index(), 0);
            assert_eq!(v.delivery_id(), Some("delivery-1"));
            if let Some(t) = v.timestamp() {
                assert_eq!(t.unix_timestamp(), signed_at.unix_timestamp());
            }
        }
        Err(e) => {
            // Configurations that cannot round trip, and are refused (fail closed): a key
            // that collides with the timestamp entry or holds a separator, and a timestamp
            // entry without entries to carry it.
            let key = if input.key.is_empty() { "v1" } else { input.key };
            let odd_key = key == "t"
                || key.contains([',', ';', '=', ' ', '\t'])
                || key.trim_matches([' ', '\t']) != key
                || !key.bytes().all(|b| (0x20..0x7f).contains(&b));
            let entry_without_entries = input.timestamp % 3 == 2 && !matches!(input.format % 5, 2 | 3);
            assert!(odd_key || entry_without_entries, "signed request refused: {e} ({scheme:?})");
        }
    }
});
