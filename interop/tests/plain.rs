//! The plain verifiers the overhead bench compares hookverify with
//! (`hookverify_interop::plain`) are correct code: each accepts what hookverify's presets
//! sign, and refuses a tampered body, a wrong secret, a timestamp outside its 300 s window
//! (either way) and malformed headers, as hookverify does.

use hookverify::providers::{github, standard_webhooks, stripe};
use hookverify::{Secret, Sign};
use hookverify_interop::plain::{self, HmacSha256, Refused};
use hookverify_interop::request_headers;
use time::{Duration, OffsetDateTime};

const GITHUB_KEY: &str = "It's a Secret to Everybody";
const STRIPE_KEY: &str = "whsec_test_secret";
const WHSEC: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const OTHER_WHSEC: &str = "whsec_AAECAwQFBgcICQoLDA0ODw==";

type Plain = fn(&HmacSha256, &[u8], &[(String, String)]) -> Result<(), Refused>;
type Headers = Vec<(String, String)>;
/// What hookverify's preset signs: the headers for a body at a time.
type Signer = Box<dyn Fn(&[u8], OffsetDateTime) -> Headers>;
/// hookverify's verifier for the form, reading the system clock.
type Ours = Box<dyn Fn(&[u8], &[(String, String)]) -> Result<(), hookverify::Error>>;

/// One form: its plain verifier, keyed with the right and with a wrong secret, what
/// hookverify's preset signs, and hookverify's verifier (system clock).
struct Form {
    name: &'static str,
    plain: Plain,
    keyed: HmacSha256,
    wrong: HmacSha256,
    sign: Signer,
    ours: Ours,
    timestamped: bool,
}

fn forms() -> Vec<Form> {
    let sw = Secret::from_standard_webhooks(WHSEC).unwrap();
    let sw_verifier = standard_webhooks::verifier([WHSEC]).unwrap();
    vec![
        Form {
            name: "github",
            plain: plain::verify_github,
            keyed: plain::keyed(GITHUB_KEY.as_bytes()),
            wrong: plain::keyed(b"It's a Secret to Nobody"),
            sign: Box::new(|body, now| github::scheme().sign(body, &Secret::new(GITHUB_KEY), now)),
            ours: Box::new(|body, headers| {
                github::verifier([GITHUB_KEY])
                    .verify(body, headers)
                    .map(|_| ())
            }),
            timestamped: false,
        },
        Form {
            name: "stripe",
            plain: plain::verify_stripe,
            keyed: plain::keyed(STRIPE_KEY.as_bytes()),
            wrong: plain::keyed(b"whsec_guess"),
            sign: Box::new(|body, now| stripe::scheme().sign(body, &Secret::new(STRIPE_KEY), now)),
            ours: Box::new(|body, headers| {
                stripe::verifier([STRIPE_KEY])
                    .verify(body, headers)
                    .map(|_| ())
            }),
            timestamped: true,
        },
        Form {
            name: "standard webhooks",
            plain: plain::verify_standard_webhooks,
            keyed: plain::keyed_whsec(WHSEC).unwrap(),
            wrong: plain::keyed_whsec(OTHER_WHSEC).unwrap(),
            sign: Box::new(move |body, now| standard_webhooks::scheme().sign(body, &sw, now)),
            ours: Box::new(move |body, headers| sw_verifier.verify(body, headers).map(|_| ())),
            timestamped: true,
        },
    ]
}

fn bodies() -> Vec<Vec<u8>> {
    vec![
        br#"{"id":"evt_1","object":"event"}"#.to_vec(),
        "{\"name\":\"J\u{f6}rg \u{1f4da}\",\"n\":[1,2,3]}"
            .as_bytes()
            .to_vec(),
        b"{}".to_vec(),
        Vec::new(),
        vec![b'a'; 100_000],
    ]
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// `headers` with the value of `name` (any case) replaced by `value`.
fn with_header(headers: &[(String, String)], name: &str, value: &str) -> Vec<(String, String)> {
    let mut found = false;
    let headers = headers
        .iter()
        .map(|(k, v)| {
            if k.eq_ignore_ascii_case(name) {
                found = true;
                (k.clone(), value.to_string())
            } else {
                (k.clone(), v.clone())
            }
        })
        .collect();
    assert!(found, "no {name} header to replace");
    headers
}

/// `headers` without `name`.
fn without_header(headers: &[(String, String)], name: &str) -> Vec<(String, String)> {
    headers
        .iter()
        .filter(|(k, _)| !k.eq_ignore_ascii_case(name))
        .cloned()
        .collect()
}

#[test]
fn accepts_what_the_presets_sign() {
    for form in forms() {
        for body in bodies() {
            let signed = (form.sign)(&body, now());
            // Alone, and among a realistic request's headers.
            for headers in [signed.clone(), request_headers(body.len(), signed)] {
                assert_eq!(
                    (form.plain)(&form.keyed, &body, &headers),
                    Ok(()),
                    "{}: plain refused what hookverify signed",
                    form.name
                );
                assert!((form.ours)(&body, &headers).is_ok(), "{}: ours", form.name);
            }
        }
    }
}

#[test]
fn header_names_match_in_any_case() {
    for form in forms() {
        let body = b"{}";
        let headers: Vec<(String, String)> = (form.sign)(body, now())
            .into_iter()
            .map(|(k, v)| (k.to_ascii_uppercase(), v))
            .collect();
        assert_eq!(
            (form.plain)(&form.keyed, body, &headers),
            Ok(()),
            "{}",
            form.name
        );
        let headers: Vec<(String, String)> = headers
            .into_iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v))
            .collect();
        assert_eq!(
            (form.plain)(&form.keyed, body, &headers),
            Ok(()),
            "{}",
            form.name
        );
    }
}

#[test]
fn refuses_a_tampered_body() {
    for form in forms() {
        for body in bodies() {
            let headers = request_headers(body.len(), (form.sign)(&body, now()));
            let mut tampered = [&body[..], b" "].concat();
            assert_eq!(
                (form.plain)(&form.keyed, &tampered, &headers),
                Err(Refused::Mismatch),
                "{}: appended byte",
                form.name
            );
            assert!((form.ours)(&tampered, &headers).is_err(), "{}", form.name);
            if !body.is_empty() {
                tampered.pop();
                tampered[0] ^= 1;
                assert_eq!(
                    (form.plain)(&form.keyed, &tampered, &headers),
                    Err(Refused::Mismatch),
                    "{}: flipped bit",
                    form.name
                );
                assert!((form.ours)(&tampered, &headers).is_err(), "{}", form.name);
            }
        }
    }
}

#[test]
fn refuses_a_wrong_secret() {
    for form in forms() {
        for body in bodies() {
            let headers = request_headers(body.len(), (form.sign)(&body, now()));
            assert_eq!(
                (form.plain)(&form.wrong, &body, &headers),
                Err(Refused::Mismatch),
                "{}",
                form.name
            );
        }
    }
    // And a signature made with a wrong secret, by both.
    let body = b"{}";
    let forged = github::scheme().sign(body, &Secret::new("guess"), now());
    assert_eq!(
        plain::verify_github(&plain::keyed(GITHUB_KEY.as_bytes()), body, &forged),
        Err(Refused::Mismatch)
    );
    let forged = stripe::scheme().sign(body, &Secret::new("whsec_guess"), now());
    assert_eq!(
        plain::verify_stripe(&plain::keyed(STRIPE_KEY.as_bytes()), body, &forged),
        Err(Refused::Mismatch)
    );
    let other = Secret::from_standard_webhooks(OTHER_WHSEC).unwrap();
    let forged = standard_webhooks::scheme().sign(body, &other, now());
    assert_eq!(
        plain::verify_standard_webhooks(&plain::keyed_whsec(WHSEC).unwrap(), body, &forged),
        Err(Refused::Mismatch)
    );
}

#[test]
fn refuses_a_timestamp_outside_the_window() {
    for form in forms().into_iter().filter(|f| f.timestamped) {
        let body = br#"{"id":"evt_1"}"#;
        // Well inside the window either way (the test may take a few seconds to run).
        for offset in [-280, -1, 0, 1, 280] {
            let headers = (form.sign)(body, now() + Duration::seconds(offset));
            assert_eq!(
                (form.plain)(&form.keyed, body, &headers),
                Ok(()),
                "{}: {offset} s",
                form.name
            );
            assert!(
                (form.ours)(body, &headers).is_ok(),
                "{}: {offset} s",
                form.name
            );
        }
        // Stale, and from the future.
        for offset in [-320, -3600, -1_000_000_000, 320, 3600, 1_000_000_000] {
            let headers = (form.sign)(body, now() + Duration::seconds(offset));
            assert_eq!(
                (form.plain)(&form.keyed, body, &headers),
                Err(Refused::OutsideWindow),
                "{}: {offset} s",
                form.name
            );
            assert!(
                (form.ours)(body, &headers).is_err(),
                "{}: {offset} s",
                form.name
            );
        }
    }
}

/// A timestamp changed after signing is a mismatch (inside the window) or out of it.
#[test]
fn refuses_a_changed_timestamp() {
    let body = b"{}";
    let t = now().unix_timestamp();
    let keyed = plain::keyed(STRIPE_KEY.as_bytes());
    let headers = stripe::scheme().sign(body, &Secret::new(STRIPE_KEY), now());
    let (_, v1) = headers[0].1.split_once(",v1=").unwrap();
    let moved = with_header(
        &headers,
        "Stripe-Signature",
        &format!("t={},v1={v1}", t - 5),
    );
    assert_eq!(
        plain::verify_stripe(&keyed, body, &moved),
        Err(Refused::Mismatch)
    );

    let keyed = plain::keyed_whsec(WHSEC).unwrap();
    let sw = Secret::from_standard_webhooks(WHSEC).unwrap();
    let headers = standard_webhooks::scheme().sign(body, &sw, now());
    let moved = with_header(&headers, "webhook-timestamp", &(t - 5).to_string());
    assert_eq!(
        plain::verify_standard_webhooks(&keyed, body, &moved),
        Err(Refused::Mismatch)
    );
    let moved = with_header(&headers, "webhook-id", "msg_other");
    assert_eq!(
        plain::verify_standard_webhooks(&keyed, body, &moved),
        Err(Refused::Mismatch)
    );
}

/// Every malformed or missing header is refused, without a panic, by the plain verifier
/// and by hookverify alike.
#[test]
fn refuses_malformed_headers() {
    let body = br#"{"id":"evt_1"}"#;
    let t = now().unix_timestamp();
    for form in forms() {
        let signed = (form.sign)(body, now());
        let mut cases: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for (name, _) in &signed {
            cases.push((format!("no {name}"), without_header(&signed, name)));
            for junk in [
                "",
                " ",
                ",",
                "=",
                "garbage",
                "\u{e9}\u{1f4da}",
                "t=,v1=",
                "v1,",
            ] {
                cases.push((
                    format!("{name}: {junk:?}"),
                    with_header(&signed, name, junk),
                ));
            }
        }
        cases.push(("no headers".into(), Vec::new()));
        match form.name {
            "github" => {
                let sig = &signed[0].1;
                let hex = sig.strip_prefix("sha256=").unwrap();
                for bad in [
                    hex.to_string(),
                    format!("sha1={hex}"),
                    format!("sha256={}", &hex[..63]),
                    format!("sha256={hex}0"),
                    format!("sha256={}", &hex[..32]),
                    "sha256=".into(),
                ] {
                    cases.push((
                        bad.clone(),
                        with_header(&signed, "X-Hub-Signature-256", &bad),
                    ));
                }
            }
            "stripe" => {
                let (_, v1) = signed[0].1.split_once(",v1=").unwrap();
                for bad in [
                    format!("v1={v1}"),
                    format!("t={t}"),
                    format!("t={t},v0={v1}"),
                    format!("t={t},v1"),
                    format!("t={t}.5,v1={v1}"),
                    format!("t=abc,v1={v1}"),
                    format!("t={},v1={v1}", i64::MIN),
                    format!("t={},v1={v1}", i64::MAX),
                    format!("t=99999999999999999999999,v1={v1}"),
                    format!("t={t},v1={}", &v1[..63]),
                ] {
                    cases.push((bad.clone(), with_header(&signed, "Stripe-Signature", &bad)));
                }
            }
            _ => {
                let sig = &signed[2].1;
                let (_, b64) = sig.split_once(',').unwrap();
                for bad in [
                    b64.to_string(),
                    format!("v2,{b64}"),
                    format!("v1,{}", &b64[..43]),
                    format!("v1 {b64}"),
                    "v1,".into(),
                ] {
                    cases.push((bad.clone(), with_header(&signed, "webhook-signature", &bad)));
                }
                for bad in [
                    "abc".to_string(),
                    format!("{t}.0"),
                    i64::MIN.to_string(),
                    i64::MAX.to_string(),
                    "99999999999999999999999".into(),
                ] {
                    cases.push((bad.clone(), with_header(&signed, "webhook-timestamp", &bad)));
                }
            }
        }
        for (what, headers) in cases {
            assert!(
                (form.plain)(&form.keyed, body, &headers).is_err(),
                "{}: plain accepted {what}",
                form.name
            );
            assert!(
                (form.ours)(body, &headers).is_err(),
                "{}: hookverify accepted {what}",
                form.name
            );
        }
    }
}

/// Several signatures (a secret being rotated): any `v1` may match, and other versions
/// are ignored, in both verifiers.
#[test]
fn any_signature_may_match() {
    let body = b"{}";
    let keyed = plain::keyed(STRIPE_KEY.as_bytes());
    let good = stripe::scheme().sign(body, &Secret::new(STRIPE_KEY), now());
    let bad = stripe::scheme().sign(body, &Secret::new("whsec_old"), now());
    let (t, good_v1) = good[0].1.split_once(",v1=").unwrap();
    let (_, bad_v1) = bad[0].1.split_once(",v1=").unwrap();
    for value in [
        format!("{t},v1={bad_v1},v1={good_v1}"),
        format!("{t},v1={good_v1},v1={bad_v1}"),
        format!("{t},v1={good_v1},v0={bad_v1}"),
        format!("v1={good_v1},{t}"),
    ] {
        let headers = vec![("Stripe-Signature".to_string(), value.clone())];
        assert_eq!(
            plain::verify_stripe(&keyed, body, &headers),
            Ok(()),
            "{value}"
        );
        assert!(
            stripe::verifier([STRIPE_KEY])
                .verify(body, &headers)
                .is_ok(),
            "{value}"
        );
    }
    for value in [
        format!("{t},v1={bad_v1},v1={bad_v1}"),
        format!("{t},v0={good_v1}"),
        format!("{t},{t},v1={good_v1}"),
    ] {
        let headers = vec![("Stripe-Signature".to_string(), value.clone())];
        assert!(
            plain::verify_stripe(&keyed, body, &headers).is_err(),
            "{value}"
        );
    }

    let keyed = plain::keyed_whsec(WHSEC).unwrap();
    let sw = Secret::from_standard_webhooks(WHSEC).unwrap();
    let good = standard_webhooks::scheme().sign(body, &sw, now());
    let other = Secret::from_standard_webhooks(OTHER_WHSEC).unwrap();
    let bad = standard_webhooks::scheme().sign_with_id(&good[0].1, body, &other, now());
    let verifier = standard_webhooks::verifier([WHSEC]).unwrap();
    let (good_sig, bad_sig) = (&good[2].1, &bad[2].1);
    assert_eq!(good[0], bad[0], "the same webhook-id");
    for value in [
        format!("{bad_sig} {good_sig}"),
        format!("{good_sig} {bad_sig}"),
        format!("v2,{} {good_sig}", &bad_sig[3..]),
    ] {
        let headers = with_header(&good, "webhook-signature", &value);
        assert_eq!(
            plain::verify_standard_webhooks(&keyed, body, &headers),
            Ok(()),
            "{value}"
        );
        assert!(verifier.verify(body, &headers).is_ok(), "{value}");
    }
    for value in [
        format!("{bad_sig} {bad_sig}"),
        format!("v2,{}", &good_sig[3..]),
    ] {
        let headers = with_header(&good, "webhook-signature", &value);
        assert!(
            plain::verify_standard_webhooks(&keyed, body, &headers).is_err(),
            "{value}"
        );
        assert!(verifier.verify(body, &headers).is_err(), "{value}");
    }
}

#[test]
fn whsec_keys() {
    assert!(plain::keyed_whsec("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").is_none());
    assert!(plain::keyed_whsec("whsec_not base64!").is_none());
    assert!(plain::keyed_whsec(WHSEC).is_some());
}
