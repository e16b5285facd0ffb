//! Behaviour of each built-in scheme through the public API: round trips, windows,
//! rotation, and every error kind with its message and status.

use std::collections::HashMap;
use std::time::Duration;

mod common;

use common::Preset;
use hookverify::providers::{
    github, inmemory4, livingdocs, memento, memo_bank, pocketbook, stripe,
};
use hookverify::schemes::{Format, Part, Signed, Timestamp, TimestampFormat, Token, Window};
use hookverify::{Error, Scheme, Secret, Sign, ValueProblem, Verifier};
use time::OffsetDateTime;

/// The most signatures one header may carry (the crate's limit).
const MAX_SIGNATURES: usize = 16;
/// The longest header value any scheme reads (the crate's limit).
const MAX_HEADER_LEN: usize = 8 * 1024;

const T: i64 = 1_640_995_200;

use common::at;
use hookverify::KeyKind;

fn problem(r: Result<hookverify::Verified<'_>, Error>) -> ValueProblem {
    match r {
        Err(Error::MalformedHeader { problem, .. }) => problem,
        other => panic!("expected a malformed header, got {other:?}"),
    }
}

#[test]
fn every_scheme_round_trips_sign_then_verify() {
    let body = "{\"k\":\"v\u{e9}\"}".as_bytes();
    let secret = Secret::new("s3cret");
    let schemes: Vec<Box<dyn Preset>> = vec![
        Box::new(memento::scheme()),
        Box::new(livingdocs::scheme()),
        Box::new(pocketbook::scheme()),
        Box::new(memo_bank::scheme()),
        Box::new(inmemory4::scheme()),
        Box::new(github::scheme()),
        Box::new(stripe::scheme()),
        Box::new(Signed::hmac("X-Signature")),
    ];
    for scheme in schemes {
        let name = format!("{scheme:?}");
        let headers = scheme.sign(body, &secret, at(T));
        let verifier = Verifier::new(scheme, [secret.clone()]);
        let v = verifier
            .verify_at(body, &headers, at(T))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(v.body(), body);
        assert_eq!(v.key_index(), 0);
    }
}

#[test]
fn hex_hmac_matches_openssl() {
    // printf '%s' '{"a":1}' | openssl dgst -sha256 -hmac 'key'
    let expected = "88a67f24bbcdaed0e6c997404bb79a743baf44c6bab2f4c27328e3009d22e342";
    let headers = memento::scheme().sign(br#"{"a":1}"#, &Secret::new("key"), at(T));
    assert_eq!(headers, [("Signature".to_string(), expected.to_string())]);
}

#[test]
fn timestamped_signs_t_dot_body() {
    // printf '%s' '1640995200.{}' | openssl dgst -sha256 -hmac 'whsec_1234567890abcdef'
    let headers = pocketbook::scheme().sign(b"{}", &Secret::new("whsec_1234567890abcdef"), at(T));
    assert_eq!(
        headers,
        [(
            "X-Webhook-Signature".to_string(),
            "t=1640995200,v1=cf55347b5eec5272d3c6db8a85c54d94949e201e707b0c1d2f4ccb2fcab141ac"
                .to_string()
        )]
    );
}

#[test]
fn timestamp_window_edges_are_inclusive_and_reported() {
    let secret = Secret::new("k");
    let scheme = Signed::builder(KeyKind::HmacSha256, "sig")
        .format(Format::entries(',', "v1"))
        .timestamp(
            Timestamp::entry("t", TimestampFormat::UnixSeconds),
            Window::new(Some(Duration::from_secs(10)), Some(Duration::from_secs(5))),
        )
        .signed([Part::Timestamp, Part::literal("."), Part::Body])
        .build()
        .unwrap();
    let h = scheme.sign(b"x", &secret, at(T));
    let v = Verifier::new(scheme, [secret]);
    assert_eq!(
        v.verify_at(b"x", &h, at(T + 10)).unwrap().timestamp(),
        Some(at(T))
    );
    assert!(v.verify_at(b"x", &h, at(T - 5)).is_ok());
    let old = v.verify_at(b"x", &h, at(T + 11)).unwrap_err();
    assert!(matches!(
        old,
        Error::TimestampTooOld {
            age: 11,
            tolerance: 10
        }
    ));
    assert_eq!(old.to_string(), "timestamp is 11 s old; tolerance is 10 s");
    assert_eq!(old.status(), 401);
    let early = v.verify_at(b"x", &h, at(T - 6)).unwrap_err();
    assert!(matches!(
        early,
        Error::TimestampInFuture {
            ahead: 6,
            tolerance: 5
        }
    ));
    assert!(
        early
            .to_string()
            .starts_with("timestamp is 6 s in the future; tolerance is 5 s")
    );
}

#[test]
fn sub_second_now_is_rounded_down() {
    let secret = Secret::new("k");
    let h = pocketbook::scheme().sign(b"x", &secret, at(T));
    let v = pocketbook::verifier([secret]);
    let now = at(T + 300) + Duration::from_millis(999);
    assert!(v.verify_at(b"x", &h, now).is_ok());
}

#[test]
fn default_tolerance_is_300_seconds_each_way() {
    let secret = Secret::new("k");
    let h = pocketbook::scheme().sign(b"x", &secret, at(T));
    let v = pocketbook::verifier([secret]);
    assert!(v.verify_at(b"x", &h, at(T + 300)).is_ok());
    assert!(v.verify_at(b"x", &h, at(T - 300)).is_ok());
    assert!(matches!(
        v.verify_at(b"x", &h, at(T + 412)),
        Err(Error::TimestampTooOld {
            age: 412,
            tolerance: 300
        })
    ));
}

#[test]
fn window_is_checked_with_the_system_clock_by_default() {
    let secret = Secret::new("k");
    let v = pocketbook::verifier([secret.clone()]);
    let fresh = pocketbook::scheme().sign(b"x", &secret, OffsetDateTime::now_utc());
    assert!(v.verify(b"x", &fresh).is_ok());
    let stale = pocketbook::scheme().sign(b"x", &secret, at(T));
    assert!(matches!(
        v.verify(b"x", &stale),
        Err(Error::TimestampTooOld { .. })
    ));
}

#[test]
fn an_unlimited_window_keeps_the_signature_check() {
    let secret = Secret::new("k");
    let h = pocketbook::scheme().sign(b"x", &secret, at(T));
    let unlimited = pocketbook::scheme()
        .with_window(Window::unlimited())
        .unwrap();
    let v = Verifier::new(unlimited, [secret]);
    assert!(v.verify_at(b"x", &h, at(T + 1_000_000)).is_ok());
    assert!(matches!(
        v.verify_at(b"y", &h, at(T + 1_000_000)),
        Err(Error::SignatureMismatch)
    ));
}

#[test]
fn rotation_reports_which_secret_matched() {
    let secrets = ["a", "b", "c", "d"].map(Secret::new);
    for (i, s) in secrets.iter().enumerate() {
        for scheme in [
            Box::new(pocketbook::scheme()) as Box<dyn Preset>,
            Box::new(memento::scheme()),
            Box::new(memo_bank::scheme()),
        ] {
            let h = scheme.sign(b"body", s, at(T));
            let v = Verifier::new(scheme, secrets.clone());
            assert_eq!(v.verify_at(b"body", &h, at(T)).unwrap().key_index(), i);
        }
    }
}

#[test]
fn every_v1_entry_is_tried() {
    let a = Secret::new("a");
    let b = Secret::new("b");
    let s = pocketbook::scheme();
    let sig = |k: &Secret| {
        s.sign(b"x", k, at(T))[0]
            .1
            .split_once(",v1=")
            .unwrap()
            .1
            .to_string()
    };
    let both = format!("t={T},v1={},v1={}", sig(&a), sig(&b));
    let h = [("X-Webhook-Signature", both.as_str())];
    assert_eq!(
        pocketbook::verifier([&b])
            .verify_at(b"x", &h, at(T))
            .unwrap()
            .key_index(),
        0
    );
    assert_eq!(
        pocketbook::verifier([&a])
            .verify_at(b"x", &h, at(T))
            .unwrap()
            .key_index(),
        0
    );
    assert!(
        pocketbook::verifier(["c"])
            .verify_at(b"x", &h, at(T))
            .is_err()
    );
}

#[test]
fn too_many_v1_entries_are_refused() {
    let mut value = format!("t={T}");
    for _ in 0..=MAX_SIGNATURES {
        value.push_str(&format!(",v1={}", "0".repeat(64)));
    }
    let h = [("X-Webhook-Signature", value.as_str())];
    assert_eq!(
        problem(pocketbook::verifier(["k"]).verify_at(b"x", &h, at(T))),
        ValueProblem::TooManySignatures {
            max: MAX_SIGNATURES
        }
    );
}

#[test]
fn v0_is_never_verified() {
    let secret = Secret::new("k");
    let good = pocketbook::scheme().sign(b"x", &secret, at(T))[0].1.clone();
    let mac = good.split_once(",v1=").unwrap().1;
    let v = pocketbook::verifier([secret]);
    let only_v0 = format!("t={T},v0={mac}");
    assert_eq!(
        problem(v.verify_at(b"x", &[("X-Webhook-Signature", only_v0.as_str())], at(T))),
        ValueProblem::MissingSignature {
            expected: "a `v1=` entry".into()
        }
    );
    let downgrade = format!("t={T},v1={},v0={mac}", "1".repeat(64));
    assert!(matches!(
        v.verify_at(b"x", &[("X-Webhook-Signature", downgrade.as_str())], at(T)),
        Err(Error::SignatureMismatch)
    ));
}

#[test]
fn timestamped_problems_are_typed() {
    let v = pocketbook::verifier(["k"]);
    let mac = "a".repeat(64);
    let cases: Vec<(String, ValueProblem)> = vec![
        (
            format!("v1={mac}"),
            ValueProblem::MissingTimestamp { entry: "t".into() },
        ),
        (
            format!("t={T}"),
            ValueProblem::MissingSignature {
                expected: "a `v1=` entry".into(),
            },
        ),
        (
            format!("t={T},t={T},v1={mac}"),
            ValueProblem::DuplicateTimestamp { entry: "t".into() },
        ),
        (
            format!("t=-{T},v1={mac}"),
            ValueProblem::InvalidTimestamp {
                expected: "Unix seconds (ASCII digits only)",
            },
        ),
        (
            format!("t=+{T},v1={mac}"),
            ValueProblem::InvalidTimestamp {
                expected: "Unix seconds (ASCII digits only)",
            },
        ),
        (
            format!("t={T}.0,v1={mac}"),
            ValueProblem::InvalidTimestamp {
                expected: "Unix seconds (ASCII digits only)",
            },
        ),
        (format!("t=\u{661}\u{662},v1={mac}"), ValueProblem::NotAscii),
        (
            format!("t=,v1={mac}"),
            ValueProblem::InvalidTimestamp {
                expected: "Unix seconds (ASCII digits only)",
            },
        ),
        (
            format!("t=99999999999999999999,v1={mac}"),
            ValueProblem::TimestampOutOfRange,
        ),
        (
            format!("t={T},,v1={mac}"),
            ValueProblem::MalformedEntry {
                expected: "`key=value` entries separated by `,`".into(),
            },
        ),
        (
            format!("t={T},v1"),
            ValueProblem::MalformedEntry {
                expected: "`key=value` entries separated by `,`".into(),
            },
        ),
        (
            format!("t={T},=x,v1={mac}"),
            ValueProblem::MalformedEntry {
                expected: "`key=value` entries separated by `,`".into(),
            },
        ),
        (
            format!("t={T},v1={}", &mac[1..]),
            ValueProblem::WrongLength {
                expected: 64,
                found: 63,
            },
        ),
        (
            format!("t={T},v1={}", mac.to_uppercase()),
            ValueProblem::UppercaseHex,
        ),
        (format!("t={T},v1={}g", &mac[1..]), ValueProblem::InvalidHex),
    ];
    for (value, expected) in cases {
        let h = [("X-Webhook-Signature", value.as_str())];
        assert_eq!(problem(v.verify_at(b"x", &h, at(T))), expected, "{value}");
    }
}

#[test]
fn timestamp_beyond_the_calendar_is_refused_not_panicked() {
    // Within i64 but beyond year 9999: outside the window, long before any date math.
    let v = pocketbook::scheme()
        .with_window(Window::unlimited())
        .unwrap();
    let v = Verifier::new(v, ["k"]);
    let value = format!("t=9223372036854775807,v1={}", "a".repeat(64));
    let h = [("X-Webhook-Signature", value.as_str())];
    assert_eq!(
        problem(v.verify_at(b"x", &h, at(T))),
        ValueProblem::TimestampOutOfRange
    );
}

#[test]
fn hex_problems_are_typed() {
    let v = livingdocs::verifier(["k"]);
    let mac = "a".repeat(64);
    let cases = [
        (
            mac.clone(),
            ValueProblem::MissingPrefix {
                expected: "sha256=".into(),
            },
        ),
        (
            format!("SHA256={mac}"),
            ValueProblem::MissingPrefix {
                expected: "sha256=".into(),
            },
        ),
        ("sha256=".to_string(), ValueProblem::Empty),
        (
            format!("sha256={}", &mac[..40]),
            ValueProblem::WrongLength {
                expected: 64,
                found: 40,
            },
        ),
        (format!("sha256= {mac}"), ValueProblem::InvalidHex),
    ];
    for (value, expected) in cases {
        let h = [("x-livingdocs-signature", value.as_str())];
        assert_eq!(problem(v.verify_at(b"x", &h, at(T))), expected, "{value}");
    }
}

#[test]
fn bearer_problems_are_typed() {
    let v = memo_bank::verifier(["tok"]);
    let cases = [
        (
            "Basic tok",
            ValueProblem::WrongAuthScheme { expected: "Bearer" },
        ),
        (
            "Bearertok",
            ValueProblem::WrongAuthScheme { expected: "Bearer" },
        ),
        ("tok", ValueProblem::WrongAuthScheme { expected: "Bearer" }),
        ("Bearer", ValueProblem::MissingToken),
        ("Bearer   ", ValueProblem::MissingToken),
        ("Bearer tok tok", ValueProblem::ExtraFields),
        ("Bearer tok\ttok", ValueProblem::ExtraFields),
    ];
    for (value, expected) in cases {
        let h = [("Authorization", value)];
        assert_eq!(problem(v.verify_at(b"x", &h, at(T))), expected, "{value}");
    }
    assert!(
        v.verify_at(b"x", &[("Authorization", "BEARER tok")], at(T))
            .is_ok()
    );
    assert!(
        v.verify_at(b"x", &[("Authorization", "Bearer\ttok")], at(T))
            .is_ok()
    );
}

#[test]
fn token_does_not_cover_the_body() {
    // Documented limitation, asserted so it is never mistaken for an HMAC.
    let v = inmemory4::verifier(["key"]);
    let h = [("Signature", "key")];
    assert!(v.verify_at(b"anything", &h, at(T)).is_ok());
    assert!(v.verify_at(b"", &h, at(T)).is_ok());
}

#[test]
fn missing_and_conflicting_headers() {
    let v = memento::verifier(["k"]);
    let err = v
        .verify_at(b"x", &[("Content-Type", "application/json")], at(T))
        .unwrap_err();
    assert!(matches!(&err, Error::MissingHeader { header } if header == "Signature"));
    assert_eq!(err.status(), 400);
    let a = "a".repeat(64);
    let b = "b".repeat(64);
    let err = v.verify_at(
        b"x",
        &[("Signature", a.as_str()), ("signature", b.as_str())],
        at(T),
    );
    assert!(matches!(err, Err(Error::ConflictingHeaders { .. })));
}

#[test]
fn a_one_mebibyte_header_is_refused_by_every_preset() {
    let huge = "a".repeat(1 << 20);
    let presets: [(Box<dyn Preset>, &str); 5] = [
        (Box::new(memento::scheme()), "Signature"),
        (Box::new(livingdocs::scheme()), "x-livingdocs-signature"),
        (Box::new(pocketbook::scheme()), "X-Webhook-Signature"),
        (Box::new(memo_bank::scheme()), "Authorization"),
        (Box::new(inmemory4::scheme()), "Signature"),
    ];
    for (scheme, header) in presets {
        let v = Verifier::new(scheme, ["k"]);
        let err = v
            .verify_at(b"x", &[(header, huge.as_str())], at(T))
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::MalformedHeader { problem: ValueProblem::TooLong { len, max: MAX_HEADER_LEN }, .. }
                    if len == 1 << 20
            ),
            "{header}: {err:?}"
        );
    }
}

#[test]
fn no_usable_secret_is_a_configuration_error() {
    let body = b"x";
    let h = memento::scheme().sign(body, &Secret::new("k"), at(T));
    let none: [Secret; 0] = [];
    for v in [
        memento::verifier(none),
        memento::verifier([""]),
        memento::verifier(["", ""]),
    ] {
        let err = v.verify_at(body, &h, at(T)).unwrap_err();
        assert!(matches!(err, Error::NoSecrets));
        assert_eq!(err.status(), 500);
    }
    assert!(
        memento::scheme()
            .sign(body, &Secret::new(""), at(T))
            .is_empty()
    );
}

#[test]
fn a_body_that_is_not_utf8_verifies_as_bytes() {
    let body = [0xff, 0xfe, 0x00, 0x80];
    let secret = Secret::new("k");
    for scheme in [
        Box::new(memento::scheme()) as Box<dyn Preset>,
        Box::new(pocketbook::scheme()),
    ] {
        let h = scheme.sign(&body, &secret, at(T));
        let v = Verifier::new(scheme, [&secret]);
        assert_eq!(v.verify_at(&body, &h, at(T)).unwrap().body(), body);
        let err = v
            .verify_at(&body, &h, at(T))
            .unwrap()
            .json::<serde_json::Value>()
            .unwrap_err();
        assert!(matches!(err, Error::Json(_)));
        assert_eq!(err.status(), 400);
    }
}

#[test]
fn mismatch_message_hints_at_reserialization_and_hides_everything_else() {
    let secret = "whsec_super_secret_value";
    let v = memento::verifier([secret]);
    let sig = memento::scheme().sign(b"{\"a\": 1}", &Secret::new(secret), at(T));
    let err = v.verify_at(b"{\"a\":1}", &sig, at(T)).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::SignatureMismatch));
    assert!(msg.contains("re-serialized"), "{msg}");
    assert!(!msg.contains(secret) && !msg.contains(&sig[0].1), "{msg}");
    let dbg = format!("{err:?} {v:?}");
    assert!(!dbg.contains("super_secret"), "{dbg}");
}

#[test]
fn every_headers_shape_is_accepted() {
    let secret = Secret::new("k");
    let body = b"{}";
    let signed = pocketbook::scheme().sign(body, &secret, at(T));
    let v = pocketbook::verifier([&secret]);
    let (name, value) = (signed[0].0.as_str(), signed[0].1.as_str());

    let vec_owned: Vec<(String, String)> = signed.clone();
    let slice: &[(&str, &str)] = &[(name, value)];
    let array = [(name, value)];
    let map: HashMap<String, String> = [(name.to_lowercase(), value.to_string())].into();
    let map_str: HashMap<&str, &str> = [(name, value)].into();
    assert!(v.verify_at(body, &vec_owned, at(T)).is_ok());
    assert!(v.verify_at(body, slice, at(T)).is_ok());
    assert!(v.verify_at(body, &slice, at(T)).is_ok());
    assert!(v.verify_at(body, &array, at(T)).is_ok());
    assert!(v.verify_at(body, &map, at(T)).is_ok());
    assert!(v.verify_at(body, &map_str, at(T)).is_ok());
    // Bodies: &[u8], &Vec<u8>, &str, byte-string literal.
    let owned = body.to_vec();
    assert!(v.verify_at(&owned, &array, at(T)).is_ok());
    assert!(v.verify_at("{}", &array, at(T)).is_ok());
    assert!(v.verify_at(owned.as_slice(), &array, at(T)).is_ok());
}

#[cfg(feature = "http")]
#[test]
fn http_header_map_is_case_insensitive_and_checks_repeats() {
    use http::{HeaderMap, HeaderValue};
    let secret = Secret::new("k");
    let body = b"{}";
    let signed = memento::scheme().sign(body, &secret, at(T));
    let mut map = HeaderMap::new();
    map.insert("signature", HeaderValue::from_str(&signed[0].1).unwrap());
    let v = memento::verifier([&secret]);
    assert!(v.verify_at(body, &map, at(T)).is_ok());
    map.append("Signature", HeaderValue::from_static("different"));
    assert!(matches!(
        v.verify_at(body, &map, at(T)),
        Err(Error::ConflictingHeaders { .. })
    ));
    let mut latin1 = HeaderMap::new();
    latin1.insert("signature", HeaderValue::from_bytes(b"caf\xe9").unwrap());
    assert_eq!(
        problem(v.verify_at(body, &latin1, at(T))),
        ValueProblem::NotAscii
    );
}

#[test]
fn verifier_over_a_trait_object() {
    let v: Verifier<Box<dyn Scheme>> = Verifier::new(Box::new(Token::new("X-Token")), ["t"]);
    assert!(v.verify_at(b"", &[("x-token", "t")], at(T)).is_ok());
    fn assert_send_sync<T: Send + Sync>(_: &T) {}
    assert_send_sync(&v);
}

/// Regression for the fuzz finding `fuzz/regressions/verify/crash-ac1623…`: signing at a
/// time before 1970 writes a negative `t`, which verification refuses (typed error, no
/// panic) rather than accepting a timestamp no provider sends.
#[test]
fn signing_before_1970_yields_a_refused_header() {
    let secret = Secret::new("k");
    let before = at(-400_000_000);
    for scheme in [
        Box::new(pocketbook::scheme()) as Box<dyn Preset>,
        Box::new(hookverify::schemes::StandardWebhooks::new()),
    ] {
        let headers = scheme.sign(b"{}", &secret, before);
        let v = Verifier::new(scheme, [secret.clone()]);
        let err = v.verify_at(b"{}", &headers, before).unwrap_err();
        assert!(
            matches!(
                err,
                Error::MalformedHeader {
                    problem: ValueProblem::InvalidTimestamp { .. },
                    ..
                }
            ),
            "{err:?}"
        );
    }
}

/// `Verifier::verify` hands a scheme the system clock by default, whose time is a UTC
/// date-time; `verify_at` a clock fixed at the time given.
#[test]
fn verify_hands_the_scheme_the_system_clock() {
    use std::sync::Mutex;

    #[derive(Debug)]
    struct Recorder {
        seen: Mutex<Option<OffsetDateTime>>,
    }
    impl Scheme for Recorder {
        fn key_kind(&self) -> hookverify::KeyKind {
            hookverify::KeyKind::Token
        }
        fn verify(
            &self,
            _: &hookverify::Request<'_>,
            _: &[hookverify::Key],
            clock: &hookverify::Clock,
        ) -> Result<hookverify::Match, Error> {
            *self.seen.lock().unwrap() = Some(clock.now());
            Ok(hookverify::Match::new(0, None))
        }
    }

    let verifier = Verifier::new(
        Recorder {
            seen: Mutex::new(None),
        },
        [Secret::new("k")],
    );
    let before = OffsetDateTime::now_utc();
    verifier.verify(b"{}", &[("a", "b")]).unwrap();
    let after = OffsetDateTime::now_utc();
    let seen = verifier.scheme().seen.lock().unwrap().unwrap();
    assert!(before <= seen && seen <= after, "{before} {seen} {after}");
    assert_eq!(seen.offset(), time::UtcOffset::UTC);
    // The time a caller gives is the time the scheme sees.
    verifier.verify_at(b"{}", &[("a", "b")], at(T)).unwrap();
    assert_eq!(*verifier.scheme().seen.lock().unwrap(), Some(at(T)));
}

/// A scheme that signs the URL or the method needs the request to carry them: without,
/// it is the receiver's mistake (500), named; with, the exact URL is what counts.
#[test]
fn url_and_method_signing_schemes_need_the_request_parts() {
    use hookverify::Request;
    use hookverify::schemes::Encoding;
    let hubspot_like = Signed::builder(KeyKind::HmacSha256, "X-Sig")
        .encoding(Encoding::Base64)
        .signed([Part::Method, Part::Url, Part::Body])
        .build()
        .unwrap();
    let secret = Secret::new("url-secret");
    let url = "https://example.com/hooks/hubspot?portal=1";
    let signing = Request::new(b"{}", &()).with_url(url).with_method("POST");
    let headers = hubspot_like.sign_request(&signing, &secret, at(T));
    let verifier = Verifier::new(hubspot_like, [secret]);

    let err = verifier.verify_at(b"{}", &headers, at(T)).unwrap_err();
    assert!(
        matches!(err, Error::MissingRequestPart { part: "method" }),
        "{err:?}"
    );
    assert_eq!(err.status(), 500);
    assert!(err.to_string().contains("Request::with_method"), "{err}");
    let no_url = Request::new(b"{}", &headers).with_method("POST");
    let err = verifier.verify_request_at(&no_url, at(T)).unwrap_err();
    assert!(
        matches!(err, Error::MissingRequestPart { part: "url" }),
        "{err:?}"
    );

    let genuine = Request::new(b"{}", &headers)
        .with_url(url)
        .with_method("POST");
    assert!(verifier.verify_request_at(&genuine, at(T)).is_ok());
    for (method, url) in [
        ("GET", url),
        ("POST", "https://example.com/hooks/hubspot?portal=2"),
        ("POST", "http://example.com/hooks/hubspot?portal=1"),
        ("post", url),
    ] {
        let other = Request::new(b"{}", &headers)
            .with_url(url)
            .with_method(method);
        assert!(
            matches!(
                verifier.verify_request_at(&other, at(T)),
                Err(Error::SignatureMismatch)
            ),
            "{method} {url}"
        );
    }
    // The URL (whose query may hold a token) never shows in `Debug`.
    assert!(!format!("{genuine:?}").contains("portal"));
}

/// The same configuration verifies HMAC-SHA512, and HMAC-SHA1 with the feature.
#[test]
fn other_digests() {
    use hookverify::schemes::Encoding;
    let secret = Secret::new("digest-secret");
    #[cfg_attr(not(feature = "sha1"), allow(unused_mut))]
    let mut digests = vec![(KeyKind::HmacSha512, 128)];
    #[cfg(feature = "sha1")]
    digests.push((KeyKind::HmacSha1, 40));
    for (digest, hex_len) in digests {
        for encoding in [
            Encoding::Hex,
            Encoding::Base64,
            Encoding::Base64Url,
            Encoding::Base64UrlUnpadded,
        ] {
            let scheme = Signed::builder(digest, "X-Sig")
                .encoding(encoding)
                .build()
                .unwrap();
            let headers = scheme.sign(b"body", &secret, at(T));
            if encoding == Encoding::Hex {
                assert_eq!(headers[0].1.len(), hex_len);
            }
            let verifier = Verifier::new(scheme, [secret.clone()]);
            assert!(verifier.verify_at(b"body", &headers, at(T)).is_ok());
            assert!(matches!(
                verifier.verify_at(b"bodx", &headers, at(T)),
                Err(Error::SignatureMismatch)
            ));
        }
    }
}

/// A window can be changed only on a scheme that has a timestamp to check.
#[test]
fn a_window_needs_a_timestamp() {
    assert_eq!(
        memento::scheme().with_window(Window::unlimited()),
        Err(hookverify::schemes::ConfigError::NoTimestamp)
    );
    let relaxed = stripe::scheme()
        .with_window(Window::new(Some(Duration::from_secs(600)), None))
        .unwrap();
    let secret = Secret::new("whsec_k");
    let h = stripe::scheme().sign(b"{}", &secret, at(T));
    let v = Verifier::new(relaxed, [secret]);
    assert!(v.verify_at(b"{}", &h, at(T + 600)).is_ok());
    assert!(
        v.verify_at(b"{}", &h, at(T - 100_000)).is_ok(),
        "no limit ahead"
    );
    assert!(matches!(
        v.verify_at(b"{}", &h, at(T + 601)),
        Err(Error::TimestampTooOld {
            age: 601,
            tolerance: 600
        })
    ));
}
