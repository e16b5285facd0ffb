//! Property tests: for random bodies, secrets, timestamps, header orders and rotations,
//! `sign` then `verify` succeeds, and flipping any single bit of the body, the signature
//! or the timestamp makes it fail.

mod common;

use common::Preset;
use hookverify::KeyKind;
use hookverify::providers::{inmemory4, livingdocs, memento, memo_bank, pocketbook};
use hookverify::{Error, Secret, Sign, Verifier};
use proptest::prelude::*;
use time::OffsetDateTime;

fn hmac_schemes() -> Vec<Box<dyn Preset>> {
    vec![
        Box::new(memento::scheme()),
        Box::new(livingdocs::scheme()),
        Box::new(pocketbook::scheme()),
    ]
}

fn all_schemes() -> Vec<Box<dyn Preset>> {
    let mut v = hmac_schemes();
    v.push(Box::new(memo_bank::scheme()));
    v.push(Box::new(inmemory4::scheme()));
    v
}

/// Secrets a token header can carry: printable ASCII without spaces.
fn secret() -> impl Strategy<Value = String> {
    "[!-~]{1,80}"
}

fn at(t: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(t).unwrap()
}

/// Noise headers around the signed ones, in a random order.
fn with_noise(
    signed: Vec<(String, String)>,
    noise: Vec<(String, String)>,
    order: Vec<usize>,
) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = signed.into_iter().chain(noise).collect();
    for (i, j) in order.into_iter().enumerate() {
        let len = all.len();
        all.swap(i % len, j % len);
    }
    all
}

fn noise() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec(("x-[a-z]{1,10}", "[ -~]{0,30}"), 0..5)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn sign_then_verify_succeeds(
        body in prop::collection::vec(any::<u8>(), 0..2048),
        secrets in prop::collection::vec(secret(), 1..5),
        which in any::<prop::sample::Index>(),
        t in 0i64..4_000_000_000,
        skew in -300i64..=300,
        noise in noise(),
        order in prop::collection::vec(any::<usize>(), 0..8),
    ) {
        let which = which.index(secrets.len());
        let signer = Secret::new(secrets[which].as_str());
        for scheme in all_schemes() {
            let headers = with_noise(scheme.sign(&body, &signer, at(t)), noise.clone(), order.clone());
            let verifier = Verifier::new(scheme, secrets.iter().map(String::as_str));
            let v = verifier.verify_at(&body, &headers, at(t + skew));
            let v = v.map_err(|e| TestCaseError::fail(format!("{e}")))?;
            // The first secret equal to the signer's.
            let first = secrets.iter().position(|s| *s == secrets[which]).unwrap();
            prop_assert_eq!(v.key_index(), first);
            prop_assert_eq!(v.body(), &body[..]);
        }
    }

    #[test]
    fn any_rotation_order_works(
        secrets in prop::collection::vec(secret(), 1..6),
        body in prop::collection::vec(any::<u8>(), 0..256),
        perm in Just(()).prop_perturb(|_, mut rng| rng.random::<u64>()),
    ) {
        let mut rotated = secrets.clone();
        let len = rotated.len();
        rotated.rotate_left((perm as usize) % len);
        for s in &secrets {
            for scheme in all_schemes() {
                let headers = scheme.sign(&body, &Secret::new(s.as_str()), at(1_700_000_000));
                let verifier = Verifier::new(scheme, rotated.iter().map(String::as_str));
                let v = verifier.verify_at(&body, &headers, at(1_700_000_000));
                prop_assert!(v.is_ok(), "{:?}", v);
                prop_assert_eq!(&rotated[v.unwrap().key_index()], s);
            }
        }
    }

    #[test]
    fn flipping_a_body_bit_fails(
        body in prop::collection::vec(any::<u8>(), 1..1024),
        secret in secret(),
        bit in any::<prop::sample::Index>(),
    ) {
        let bit = bit.index(body.len() * 8);
        let mut flipped = body.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        for scheme in hmac_schemes() {
            let headers = scheme.sign(&body, &Secret::new(secret.as_str()), at(1_700_000_000));
            let verifier = Verifier::new(scheme, [secret.as_str()]);
            prop_assert!(matches!(
                verifier.verify_at(&flipped, &headers, at(1_700_000_000)),
                Err(Error::SignatureMismatch)
            ));
        }
    }

    #[test]
    fn flipping_a_signature_or_timestamp_bit_fails(
        body in prop::collection::vec(any::<u8>(), 0..512),
        secret in secret(),
        pos in any::<prop::sample::Index>(),
        bit in 0u8..7,
    ) {
        for scheme in all_schemes() {
            let headers = scheme.sign(&body, &Secret::new(secret.as_str()), at(1_700_000_000));
            let (name, value) = headers[0].clone();
            let mut bytes = value.into_bytes();
            let i = pos.index(bytes.len());
            bytes[i] ^= 1 << bit; // ASCII stays ASCII: bit 7 is never flipped
            let verifier = Verifier::new(scheme, [secret.as_str()]);
            let r = verifier.verify_at(&body, &[(name.as_str(), bytes.as_slice())], at(1_700_000_000));
            // Flipping may yield a parse error, a window error or a mismatch: never success.
            // (A flip that only changes surrounding whitespace, or the case of `Bearer`,
            // leaves the same credential; those are not forgeries.)
            if let Ok(v) = r {
                let text = String::from_utf8_lossy(&bytes);
                prop_assert!(
                    text.trim().eq_ignore_ascii_case(headers[0].1.trim()),
                    "forged value accepted: {text:?} (secret index {})", v.key_index()
                );
            }
        }
    }

    #[test]
    fn arbitrary_header_values_never_panic(
        value in prop::collection::vec(any::<u8>(), 0..300),
        name_case in any::<bool>(),
        now in any::<i32>(),
    ) {
        for scheme in all_schemes() {
            let signed_name = scheme.sign(b"", &Secret::new("k"), at(0))[0].0.clone();
            let name = if name_case { signed_name.to_uppercase() } else { signed_name };
            let verifier = Verifier::new(scheme, ["k"]);
            let r = verifier.verify_at(b"", &[(name.as_str(), value.as_slice())], at(i64::from(now)));
            if r.is_ok() {
                // Only the tokens can be matched by a random value, and only by "k".
                prop_assert!(String::from_utf8_lossy(&value).contains('k'));
            }
        }
    }

    #[test]
    fn arbitrary_timestamped_entries_never_panic(
        entries in prop::collection::vec(("[ tv01=]{0,4}", "[ -~]{0,70}"), 0..6),
        now in any::<i64>(),
    ) {
        let value = entries.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",");
        let now = OffsetDateTime::from_unix_timestamp(now.rem_euclid(250_000_000_000)).unwrap();
        let r = pocketbook::verifier(["k"]).verify_at(b"", &[("X-Webhook-Signature", value.as_str())], now);
        prop_assert!(r.is_err());
    }
}

/// Header names of the lengths Standard Webhooks asks for, one or two bytes away from
/// its names.
fn lookalike() -> impl Strategy<Value = String> {
    prop_oneof![
        "(webhook|svix)-i[a-z]",
        "[a-z]ebhook-id",
        "webhook-timesta[a-z]{2}",
        "webhook-signatur[a-z]",
        "svix-timestam[a-z]",
        "svix-signatur[a-z]",
        "user-agent",
        "[a-z]{7}",
        "[a-z-]{14,17}",
        "webhook-signature-[a-z]{1,12}",
    ]
    .prop_filter("not a name the scheme reads", |n| {
        !["webhook-", "svix-"].iter().any(|p| {
            ["id", "timestamp", "signature"]
                .iter()
                .any(|s| n.eq_ignore_ascii_case(&format!("{p}{s}")))
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn standard_webhooks_finds_its_names_in_any_case_among_lookalikes(
        body in prop::collection::vec(any::<u8>(), 0..200),
        upper in prop::collection::vec(any::<bool>(), 17 * 3),
        svix in any::<bool>(),
        noise in prop::collection::vec((lookalike(), "[ -~]{0,30}"), 0..8),
        order in prop::collection::vec(any::<usize>(), 0..12),
    ) {
        use hookverify::schemes::StandardWebhooks;
        let secret = Secret::from_standard_webhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let scheme = StandardWebhooks::new();
        let now = at(1_700_000_000);
        let mut bits = upper.iter().cycle();
        let signed: Vec<(String, String)> = scheme
            .sign(&body, &secret, now)
            .into_iter()
            .map(|(name, value)| {
                let name = if svix { name.replacen("webhook-", "svix-", 1) } else { name };
                let name: String = name
                    .chars()
                    .map(|c| if *bits.next().unwrap() { c.to_ascii_uppercase() } else { c })
                    .collect();
                (name, value)
            })
            .collect();
        let headers = with_noise(signed.clone(), noise.clone(), order.clone());
        let verifier = Verifier::new(scheme, [secret]);
        prop_assert!(verifier.verify_at(&body, &headers, now).is_ok(), "{headers:?}");
        let map: std::collections::HashMap<String, String> = headers.iter().cloned().collect();
        prop_assert!(verifier.verify_at(&body, &map, now).is_ok());
        #[cfg(feature = "http")]
        {
            let mut map = http::HeaderMap::new();
            for (k, v) in &headers {
                map.append(
                    http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                    http::HeaderValue::from_str(v).unwrap(),
                );
            }
            prop_assert!(verifier.verify_at(&body, &map, now).is_ok());
        }

        // One byte of the id's name changed: the id is missing.
        let mut renamed = signed;
        renamed[0].0.push('x');
        let headers = with_noise(renamed, noise, order);
        prop_assert!(
            matches!(
                verifier.verify_at(&body, &headers, now),
                Err(Error::MissingHeader { .. })
            ),
            "{headers:?}"
        );
    }
}

/// Optional whitespace as HTTP allows it around list items: spaces and tabs.
fn ows() -> impl Strategy<Value = String> {
    "[ \t]{0,2}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// `k=v` lists (Stripe's `,`, Paddle's `;`): entries in any order, with optional
    /// whitespace around keys and values, unknown entries and wrong signatures beside the
    /// genuine one, verify; without the genuine one, they are a mismatch (or a missing
    /// signature when no signature entry is left).
    #[test]
    fn signature_entries_in_any_order_and_spacing(
        comma in any::<bool>(),
        body in prop::collection::vec(any::<u8>(), 0..300),
        t in 1_600_000_000i64..1_800_000_000,
        fakes in prop::collection::vec("[0-9a-f]{64}", 0..3),
        extras in prop::collection::vec(("[a-su-z][a-z0-9]{0,3}", "[!-+\\--:<-~]{0,20}"), 0..3),
        spacing in prop::collection::vec((ows(), ows(), ows(), ows()), 8),
        order in prop::collection::vec(any::<usize>(), 0..8),
    ) {
        use hookverify::schemes::{Format, Part, Signed, Timestamp, TimestampFormat, Window};
        let separator = if comma { ',' } else { ';' };
        let scheme = Signed::builder(KeyKind::HmacSha256, "Sig")
            .format(Format::entries(separator, "h1"))
            .timestamp(
                Timestamp::entry("ts", TimestampFormat::UnixSeconds),
                Window::tolerance(std::time::Duration::from_secs(300)),
            )
            .signed([Part::Timestamp, Part::literal(":"), Part::Body])
            .build()
            .unwrap();
        let secret = Secret::new("list-secret");
        let genuine = scheme.sign(&body, &secret, at(t))[0].1.clone();
        let mac = genuine.rsplit_once("h1=").unwrap().1.to_owned();
        let mut entries: Vec<(String, String)> = vec![("ts".into(), t.to_string()), ("h1".into(), mac)];
        entries.extend(fakes.iter().map(|f| ("h1".to_owned(), f.clone())));
        entries.extend(extras.iter().filter(|(k, _)| k != "h1").cloned());
        let n = entries.len();
        for (i, j) in order.iter().enumerate() {
            entries.swap(i % n, j % n);
        }
        let join = |entries: &[(String, String)]| {
            entries
                .iter()
                .zip(spacing.iter().cycle())
                .map(|((k, v), (a, b, c, d))| format!("{a}{k}{b}={c}{v}{d}"))
                .collect::<Vec<_>>()
                .join(&separator.to_string())
        };
        let verifier = Verifier::new(scheme, [secret]);
        let value = join(&entries);
        let verified = verifier.verify_at(&body, &[("Sig", value.as_str())], at(t));
        prop_assert!(verified.is_ok(), "{value:?}: {verified:?}");
        prop_assert_eq!(verified.unwrap().timestamp(), Some(at(t)));

        let without: Vec<(String, String)> = entries
            .iter()
            .filter(|(k, v)| k != "h1" || fakes.contains(v))
            .cloned()
            .collect();
        let value = join(&without);
        match verifier.verify_at(&body, &[("Sig", value.as_str())], at(t)) {
            Err(Error::SignatureMismatch) => prop_assert!(!fakes.is_empty()),
            Err(Error::MalformedHeader { problem: hookverify::ValueProblem::MissingSignature { .. }, .. }) => {
                prop_assert!(fakes.is_empty())
            }
            other => prop_assert!(false, "{value:?}: {other:?}"),
        }
    }

    /// Space-separated `version,sig` lists (Standard Webhooks): the `v1` among other
    /// versions and wrong signatures, separated by any run of spaces and tabs, verifies.
    #[test]
    fn versioned_signatures_among_others(
        body in prop::collection::vec(any::<u8>(), 0..300),
        others in prop::collection::vec(("v[0-9a-z]{1,2}", "[A-Za-z0-9+/]{43}="), 0..4),
        gaps in prop::collection::vec("[ \t]{1,3}", 6),
        lead in ows(),
        order in prop::collection::vec(any::<usize>(), 0..6),
    ) {
        use hookverify::schemes::StandardWebhooks;
        let secret = Secret::from_standard_webhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let now = at(1_700_000_000);
        let mut headers = StandardWebhooks::new().sign_with_id("msg_1", &body, &secret, now);
        let mut entries = vec![headers[2].1.clone()];
        entries.extend(others.iter().map(|(v, s)| format!("{v},{s}")));
        let n = entries.len();
        for (i, j) in order.iter().enumerate() {
            entries.swap(i % n, j % n);
        }
        let mut value = lead;
        for (entry, gap) in entries.iter().zip(gaps.iter().cycle()) {
            value.push_str(entry);
            value.push_str(gap);
        }
        headers[2].1 = value.clone();
        let verifier = Verifier::new(StandardWebhooks::new(), [secret]);
        let verified = verifier.verify_at(&body, &headers, now);
        prop_assert!(verified.is_ok(), "{value:?}: {verified:?}");
    }
}
