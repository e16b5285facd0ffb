//! Heap allocations on the verify path of every built-in scheme, counted by a global
//! allocator: a few small ones (the signed message's piece list, the parsed signatures,
//! the encoded MAC, the delivery id), never more for a larger body. The counter is per
//! thread, so the test harness's own threads do not count.
//!
//! `cargo test --test alloc -- --nocapture` prints the count of each scheme.

#![allow(unsafe_code)] // a counting global allocator needs it; the library itself forbids unsafe

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use hookverify::providers::{
    github, inmemory4, livingdocs, memento, memo_bank, pocketbook, standard_webhooks, stripe,
};
mod common;

use common::Preset;
use hookverify::KeyKind;
use hookverify::{Error, Headers, Scheme, Secret, Sign, Verifier};
use time::OffsetDateTime;

struct Counting;

thread_local! {
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: defers to the system allocator; only counts.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = ALLOCS.with(Cell::get);
    let out = f();
    (ALLOCS.with(Cell::get) - before, out)
}

/// The most allocations one verification may make (Twilio's form bodies aside).
const MAX_ALLOCS: usize = 8;

fn assert_few_allocs<S: Scheme>(
    name: &str,
    verifier: &Verifier<S>,
    body: &[u8],
    headers: &dyn Headers,
    now: OffsetDateTime,
) {
    // Warm up (lazy statics such as CPU feature detection may allocate once).
    let _ = verifier.verify_at(body, headers, now);
    let (n, result) = allocations(|| {
        verifier
            .verify_at(body, headers, now)
            .map(|v| v.key_index())
    });
    assert!(result.is_ok(), "{name}: {result:?}");
    println!("allocations per verify: {name}: {n}");
    assert!(
        n <= MAX_ALLOCS,
        "{name}: {n} heap allocations on the success path"
    );
}

#[test]
fn the_counter_counts() {
    let (n, v) = allocations(|| Vec::<u8>::with_capacity(10));
    assert_eq!((n, v.capacity()), (1, 10));
}

#[test]
fn verify_allocates_little_for_every_builtin_scheme() {
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let body = br#"{"id":"evt_1","type":"certificate.created","created":1700000000,"data":{}}"#;
    let old = Secret::new("whsec_previous");
    let cur = Secret::new("whsec_current");

    // Signed with the previous secret, so rotation bookkeeping runs too.
    let h = pocketbook::scheme().sign(body, &old, now);
    assert_few_allocs(
        "pocketbook",
        &pocketbook::verifier([&cur, &old]),
        body,
        &h,
        now,
    );
    let h = memento::scheme().sign(body, &old, now);
    assert_few_allocs("memento", &memento::verifier([&cur, &old]), body, &h, now);
    let h = livingdocs::scheme().sign(body, &old, now);
    assert_few_allocs(
        "livingdocs",
        &livingdocs::verifier([&cur, &old]),
        body,
        &h,
        now,
    );
    let h = memo_bank::scheme().sign(body, &old, now);
    assert_few_allocs(
        "memo_bank",
        &memo_bank::verifier([&cur, &old]),
        body,
        &h,
        now,
    );
    let h = inmemory4::scheme().sign(body, &old, now);
    assert_few_allocs(
        "inmemory4",
        &inmemory4::verifier([&cur, &old]),
        body,
        &h,
        now,
    );

    // Borrowed header slices, as a handler would pass them.
    let sig = h[0].1.clone();
    let borrowed: [(&str, &str); 2] = [("Content-Type", "application/json"), ("signature", &sig)];
    assert_few_allocs(
        "inmemory4 borrowed",
        &inmemory4::verifier([&cur, &old]),
        body,
        &borrowed,
        now,
    );
}

#[test]
fn mismatch_allocates_little_either() {
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let body = b"{}";
    let h = pocketbook::scheme().sign(body, &Secret::new("other"), now);
    let v = pocketbook::verifier([Secret::new("whsec_current")]);
    let _ = v.verify_at(body, &h, now);
    let (n, r) = allocations(|| v.verify_at(body, &h, now).map(|_| ()));
    assert!(matches!(r, Err(Error::SignatureMismatch)));
    assert!(n <= MAX_ALLOCS, "{n}");
}

#[cfg(feature = "http")]
#[test]
fn http_header_map_lookup_allocates_little() {
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let body = b"{}";
    let secret = Secret::new("whsec_current");
    let mut map = http::HeaderMap::new();
    for (k, v) in pocketbook::scheme().sign(body, &secret, now) {
        map.insert(
            http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            http::HeaderValue::from_str(&v).unwrap(),
        );
    }
    assert_few_allocs(
        "pocketbook via HeaderMap",
        &pocketbook::verifier([secret]),
        body,
        &map,
        now,
    );
}

#[test]
fn verify_allocates_little_for_the_other_presets() {
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let body = br#"{"type":"user.created"}"#;
    let old = Secret::new("whsec_previous");
    let cur = Secret::new("whsec_current");
    let h = standard_webhooks::scheme().sign(body, &old, now);
    let v = Verifier::new(standard_webhooks::scheme(), [&cur, &old]);
    assert_few_allocs("standard webhooks", &v, body, &h, now);
    let h = github::scheme().sign(body, &old, now);
    assert_few_allocs("github", &github::verifier([&cur, &old]), body, &h, now);
    let h = stripe::scheme().sign(body, &old, now);
    assert_few_allocs("stripe", &stripe::verifier([&cur, &old]), body, &h, now);
}

/// `verify` reads the system clock (for schemes with a timestamp): that allocates nothing
/// more than a fixed clock.
#[test]
fn verify_against_the_system_clock_allocates_no_more() {
    let body = br#"{"type":"user.created"}"#;
    let secret = Secret::new("whsec_current");
    let now = OffsetDateTime::now_utc();
    let timestamped = stripe::scheme().sign(body, &secret, now);
    let stripe = stripe::verifier([&secret]);
    let untimed = github::scheme().sign(body, &secret, now);
    let github = github::verifier([&secret]);
    let _ = stripe.verify(body, &timestamped);
    let _ = github.verify(body, &untimed);
    let (n, result) = allocations(|| {
        stripe
            .verify(body, &timestamped)
            .and_then(|_| github.verify(body, &untimed))
            .map(|v| v.key_index())
    });
    assert!(result.is_ok(), "{result:?}");
    assert!(n <= 2 * MAX_ALLOCS, "{n} heap allocations");
}

/// The composable scheme in the shapes the presets do not cover: `;` lists, base64,
/// SHA-512, milliseconds in their own header, a signed URL and method, a delivery id.
#[test]
fn signed_configurations_allocate_little() {
    use hookverify::Request;
    use hookverify::schemes::{Encoding, Format, Part, Signed, Timestamp, TimestampFormat, Window};
    let window = Window::tolerance(std::time::Duration::from_secs(300));
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let body = br#"{"event_type":"transaction.paid"}"#;
    let old = Secret::new("previous");
    let cur = Secret::new("current");
    let schemes = [
        Signed::builder(KeyKind::HmacSha256, "Paddle-Signature")
            .format(Format::entries(';', "h1"))
            .timestamp(Timestamp::entry("ts", TimestampFormat::UnixSeconds), window)
            .signed([Part::Timestamp, Part::literal(":"), Part::Body]),
        Signed::builder(KeyKind::HmacSha256, "X-Shopify-Hmac-Sha256").encoding(Encoding::Base64),
        Signed::builder(KeyKind::HmacSha512, "X-Sig")
            .timestamp(
                Timestamp::header("X-Ts", TimestampFormat::UnixMillis),
                window,
            )
            .signed([Part::header("X-Id"), Part::Timestamp, Part::Body])
            .delivery_id_header("X-Id"),
        Signed::builder(KeyKind::HmacSha256, "X-Sig")
            .encoding(Encoding::Base64Url)
            .signed([Part::Method, Part::Url, Part::Body])
            .delivery_id_header("X-Delivery"),
    ]
    .map(|builder| builder.build().unwrap());
    let url = "https://example.com/hooks?x=1";
    for (i, scheme) in schemes.into_iter().enumerate() {
        let name = format!("{scheme:?}");
        let label = [
            "paddle-like",
            "base64",
            "sha512 + millis + id",
            "base64url + url + method",
        ][i];
        let id = [("X-Id", "id-1")];
        let signing = Request::new(body, &id).with_url(url).with_method("POST");
        let mut headers = scheme.sign_request(&signing, &old, now);
        headers.push(("X-Id".into(), "id-1".into()));
        headers.push(("X-Delivery".into(), "d-1".into()));
        let verifier = Verifier::new(scheme, [&cur, &old]);
        let request = Request::new(body, &headers)
            .with_url(url)
            .with_method("POST");
        let _ = verifier.verify_request_at(&request, now);
        let (n, result) = allocations(|| {
            verifier
                .verify_request_at(&request, now)
                .map(|v| (v.key_index(), v.delivery_id().map(str::len)))
        });
        let (index, id) = result.unwrap();
        assert_eq!(index, 1, "{name}");
        assert_eq!(id.is_some(), name.contains("delivery_id: Some"), "{name}");
        println!("allocations per verify: Signed {label}: {n}");
        assert!(n <= MAX_ALLOCS, "{name}: {n} heap allocations");
    }
}

/// The eighteen newer presets, rotated keys, the second one matching: a few allocations,
/// Twilio's form bodies more (their parameters are decoded and sorted).
#[cfg(all(feature = "sha1", feature = "ed25519", feature = "p256"))]
#[test]
fn the_newer_presets_allocate_little() {
    use hookverify::Request;
    use hookverify::providers::*;
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let old = Secret::new("previous");
    let cur = Secret::new("current");
    let keys = || [cur.clone(), old.clone()];
    let url = "https://example.com/hooks?x=1";
    let json = br#"{"type":"thing.happened","webhookTimestamp":1700000000000}"#.to_vec();
    let hashed_url = {
        use sha2::Digest as _;
        format!(
            "{url}&bodySHA256={}",
            hex::encode(sha2::Sha256::digest(&json))
        )
    };
    let mailgun_body = mailgun::signed_body("{}", &old, now.unix_timestamp(), "a8ce0edb2dd8");

    // (name, verifier, body, extra headers, URL)
    type Row<'a> = (
        &'a str,
        Verifier<Box<dyn Scheme>>,
        Option<Box<dyn Sign>>,
        Vec<u8>,
        Vec<(&'a str, &'a str)>,
        Option<String>,
    );
    let rows: Vec<Row<'_>> = vec![
        (
            "slack",
            slack::verifier(keys()).into_dyn(),
            Some(Box::new(slack::scheme())),
            json.clone(),
            vec![],
            None,
        ),
        (
            "shopify",
            shopify::verifier(keys()).into_dyn(),
            Some(Box::new(shopify::scheme())),
            json.clone(),
            vec![(shopify::DELIVERY_HEADER, "d-1")],
            None,
        ),
        (
            "square",
            square::verifier(url, keys()).into_dyn(),
            Some(Box::new(square::scheme(url))),
            json.clone(),
            vec![],
            None,
        ),
        (
            "paddle",
            paddle::verifier(keys()).into_dyn(),
            Some(Box::new(paddle::scheme())),
            json.clone(),
            vec![],
            None,
        ),
        (
            "intercom",
            intercom::verifier(keys()).into_dyn(),
            Some(Box::new(intercom::scheme())),
            json.clone(),
            vec![],
            None,
        ),
        (
            "bitbucket",
            bitbucket::verifier(keys()).into_dyn(),
            Some(Box::new(bitbucket::scheme())),
            json.clone(),
            vec![],
            None,
        ),
        (
            "typeform",
            typeform::verifier(keys()).into_dyn(),
            Some(Box::new(typeform::scheme())),
            json.clone(),
            vec![],
            None,
        ),
        (
            "gitlab",
            gitlab::verifier(keys()).into_dyn(),
            Some(Box::new(gitlab::scheme())),
            json.clone(),
            vec![],
            None,
        ),
        (
            "calendly",
            calendly::verifier(keys()).into_dyn(),
            Some(Box::new(calendly::scheme())),
            json.clone(),
            vec![],
            None,
        ),
        (
            "twitch",
            twitch::verifier(keys()).into_dyn(),
            Some(Box::new(twitch::scheme())),
            json.clone(),
            vec![(twitch::DELIVERY_HEADER, "m-1")],
            None,
        ),
        (
            "dropbox",
            dropbox::verifier(keys()).into_dyn(),
            Some(Box::new(dropbox::scheme())),
            json.clone(),
            vec![],
            None,
        ),
        (
            "zoom",
            zoom::verifier(keys()).into_dyn(),
            Some(Box::new(zoom::scheme())),
            json.clone(),
            vec![(zoom::TIMESTAMP_HEADER, "1700000000")],
            None,
        ),
        (
            "hubspot",
            hubspot::verifier(keys()).into_dyn(),
            Some(Box::new(hubspot::scheme())),
            json.clone(),
            vec![],
            Some(url.to_string()),
        ),
        (
            "linear",
            linear::verifier(keys()).into_dyn(),
            Some(Box::new(linear::scheme())),
            json.clone(),
            vec![(linear::DELIVERY_HEADER, "d-1")],
            None,
        ),
        (
            "mailgun",
            mailgun::verifier(keys()).into_dyn(),
            None,
            mailgun_body.into_bytes(),
            vec![],
            None,
        ),
        (
            "twilio, JSON body",
            twilio::verifier(keys()).into_dyn(),
            Some(Box::new(twilio::scheme())),
            json.clone(),
            vec![],
            Some(hashed_url),
        ),
        (
            "twilio shared key, JSON body",
            twilio::verifier_shared_key(keys()).into_dyn(),
            Some(Box::new(twilio::scheme_shared_key())),
            json.clone(),
            vec![],
            Some(format!("{url}&bodySHA256=0")),
        ),
    ];
    for (name, verifier, signer, body, extra, url) in rows {
        let mut signing = Request::new(&body, &extra).with_method("POST");
        if let Some(url) = &url {
            signing = signing.with_url(url);
        }
        let mut headers: Vec<(String, String)> = extra
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        // Mailgun signs inside its body, which is already signed.
        if let Some(signer) = signer {
            headers.extend(signer.sign_request(&signing, &old, now));
        }
        let mut request = Request::new(&body, &headers).with_method("POST");
        if let Some(url) = &url {
            request = request.with_url(url);
        }
        let _ = verifier.verify_request_at(&request, now);
        let (n, result) = allocations(|| {
            verifier
                .verify_request_at(&request, now)
                .map(|v| v.key_index())
        });
        if name.starts_with("twilio shared key") {
            // The hash in its URL is not the body's: refused, allocating no more.
            assert!(result.is_err(), "{name}");
        } else {
            assert_eq!(result.ok(), Some(1), "{name}");
        }
        println!("allocations per verify: {name}: {n}");
        assert!(n <= MAX_ALLOCS, "{name}: {n} heap allocations");
    }

    // The public-key presets.
    {
        use ed25519_dalek::Signer as _;
        let signing = ed25519_dalek::SigningKey::from_bytes(&[5; 32]);
        let other = ed25519_dalek::SigningKey::from_bytes(&[6; 32]);
        let ts = "1700000000";
        let sig = hex::encode(
            signing
                .sign([ts.as_bytes(), &json].concat().as_slice())
                .to_bytes(),
        );
        let v =
            discord::verifier([other, signing].map(|k| hex::encode(k.verifying_key().to_bytes())))
                .unwrap();
        let h = [
            (discord::SIGNATURE_HEADER, sig.as_str()),
            (discord::TIMESTAMP_HEADER, ts),
        ];
        assert_few_allocs("discord", &v, &json, &h, now);
    }
    {
        use base64::Engine as _;
        use p256::ecdsa::signature::Signer as _;
        use p256::pkcs8::EncodePublicKey as _;
        let b64 = base64::engine::general_purpose::STANDARD;
        let signing = p256::ecdsa::SigningKey::from_slice(&[9; 32]).unwrap();
        let other = p256::ecdsa::SigningKey::from_slice(&[8; 32]).unwrap();
        let ts = "1700000000";
        let sig: p256::ecdsa::DerSignature =
            signing.sign([ts.as_bytes(), &json].concat().as_slice());
        let spki = |k: &p256::ecdsa::SigningKey| {
            b64.encode(k.verifying_key().to_public_key_der().unwrap().as_bytes())
        };
        let v = sendgrid::verifier([spki(&other), spki(&signing)]).unwrap();
        let sig = b64.encode(sig.as_bytes());
        let h = [
            (sendgrid::SIGNATURE_HEADER, sig.as_str()),
            (sendgrid::TIMESTAMP_HEADER, ts),
        ];
        assert_few_allocs("sendgrid", &v, &json, &h, now);
    }

    // Twilio's form bodies do allocate: one vector of parameters, and one string per
    // decoded name or value. Counted here so that a change shows.
    let form = b"CallSid=CA1&From=%2B14155551212&Body=Hi+there&To=%2B1415";
    let v = twilio::verifier(keys());
    let headers = v
        .scheme()
        .sign_request(&Request::new(form, &()).with_url(url), &old, now);
    let request = Request::new(form, &headers).with_url(url);
    let _ = v.verify_request_at(&request, now);
    let (n, result) = allocations(|| v.verify_request_at(&request, now).map(|v| v.key_index()));
    assert_eq!(result.ok(), Some(1));
    assert!((1..=8).contains(&n), "twilio form: {n} heap allocations");
}

/// A body a thousand times larger costs no more allocations: the body is never copied.
#[test]
fn allocations_do_not_grow_with_the_body() {
    use hookverify::providers::standard_webhooks;
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let secret = Secret::new("whsec_current");
    let schemes: Vec<(&str, Box<dyn Preset>)> = vec![
        ("memento", Box::new(memento::scheme())),
        ("github", Box::new(github::scheme())),
        ("stripe", Box::new(stripe::scheme())),
        ("standard webhooks", Box::new(standard_webhooks::scheme())),
        ("memo_bank", Box::new(memo_bank::scheme())),
    ];
    for (name, scheme) in schemes {
        let small = vec![b'a'; 1024];
        let large = vec![b'a'; 1024 * 1024];
        let small_headers = scheme.sign(&small, &secret, now);
        let large_headers = scheme.sign(&large, &secret, now);
        let verifier = Verifier::new(scheme, [&secret]);
        let _ = verifier.verify_at(&small, &small_headers, now);
        let (n_small, r) =
            allocations(|| verifier.verify_at(&small, &small_headers, now).map(|_| ()));
        r.unwrap();
        let (n_large, r) =
            allocations(|| verifier.verify_at(&large, &large_headers, now).map(|_| ()));
        r.unwrap();
        assert_eq!(n_small, n_large, "{name}: 1 KiB {n_small}, 1 MiB {n_large}");
        assert!(n_small <= MAX_ALLOCS, "{name}: {n_small}");
    }
}
