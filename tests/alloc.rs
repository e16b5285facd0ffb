//! Zero heap allocations on the verify path of every built-in scheme, counted by a global
//! allocator. The counter is per thread, so the test harness's own threads do not count.

#![allow(unsafe_code)] // a counting global allocator needs it; the library itself forbids unsafe

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use hookverify::providers::{
    github, inmemory4, livingdocs, memento, memo_bank, pocketbook, standard_webhooks, stripe,
};
use hookverify::{Error, Headers, Scheme, Secret, Verifier};
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

fn assert_no_alloc<S: Scheme>(
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
            .map(|v| v.secret_index())
    });
    assert!(result.is_ok(), "{name}: {result:?}");
    assert_eq!(n, 0, "{name}: {n} heap allocations on the success path");
}

#[test]
fn the_counter_counts() {
    let (n, v) = allocations(|| Vec::<u8>::with_capacity(10));
    assert_eq!((n, v.capacity()), (1, 10));
}

#[test]
fn verify_allocates_nothing_for_every_builtin_scheme() {
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let body = br#"{"id":"evt_1","type":"certificate.created","created":1700000000,"data":{}}"#;
    let old = Secret::new("whsec_previous");
    let cur = Secret::new("whsec_current");

    // Signed with the previous secret, so rotation bookkeeping runs too.
    let h = pocketbook::scheme().sign(body, &old, now);
    assert_no_alloc(
        "pocketbook",
        &pocketbook::verifier([&cur, &old]),
        body,
        &h,
        now,
    );
    let h = memento::scheme().sign(body, &old, now);
    assert_no_alloc("memento", &memento::verifier([&cur, &old]), body, &h, now);
    let h = livingdocs::scheme().sign(body, &old, now);
    assert_no_alloc(
        "livingdocs",
        &livingdocs::verifier([&cur, &old]),
        body,
        &h,
        now,
    );
    let h = memo_bank::scheme().sign(body, &old, now);
    assert_no_alloc(
        "memo_bank",
        &memo_bank::verifier([&cur, &old]),
        body,
        &h,
        now,
    );
    let h = inmemory4::scheme().sign(body, &old, now);
    assert_no_alloc(
        "inmemory4",
        &inmemory4::verifier([&cur, &old]),
        body,
        &h,
        now,
    );

    // Borrowed header slices, as a handler would pass them.
    let sig = h[0].1.clone();
    let borrowed: [(&str, &str); 2] = [("Content-Type", "application/json"), ("signature", &sig)];
    assert_no_alloc(
        "inmemory4 borrowed",
        &inmemory4::verifier([&cur, &old]),
        body,
        &borrowed,
        now,
    );
}

#[test]
fn mismatch_allocates_nothing_either() {
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let body = b"{}";
    let h = pocketbook::scheme().sign(body, &Secret::new("other"), now);
    let v = pocketbook::verifier([Secret::new("whsec_current")]);
    let _ = v.verify_at(body, &h, now);
    let (n, r) = allocations(|| v.verify_at(body, &h, now).map(|_| ()));
    assert!(matches!(r, Err(Error::SignatureMismatch)));
    assert_eq!(n, 0);
}

#[cfg(feature = "http")]
#[test]
fn http_header_map_lookup_allocates_nothing() {
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
    assert_no_alloc(
        "pocketbook via HeaderMap",
        &pocketbook::verifier([secret]),
        body,
        &map,
        now,
    );
}

#[test]
fn verify_allocates_nothing_for_the_other_presets() {
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let body = br#"{"type":"user.created"}"#;
    let old = Secret::new("whsec_previous");
    let cur = Secret::new("whsec_current");
    let h = standard_webhooks::scheme().sign(body, &old, now);
    let v = standard_webhooks::verifier([&cur, &old]);
    assert_no_alloc("standard webhooks", &v, body, &h, now);
    let h = github::scheme().sign(body, &old, now);
    assert_no_alloc("github", &github::verifier([&cur, &old]), body, &h, now);
    let h = stripe::scheme().sign(body, &old, now);
    assert_no_alloc("stripe", &stripe::verifier([&cur, &old]), body, &h, now);
}

/// `verify` reads the system clock (for schemes with a timestamp): that allocates nothing
/// either, nor does skipping it (for schemes without one).
#[test]
fn verify_against_the_system_clock_allocates_nothing() {
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
            .map(|v| v.secret_index())
    });
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(n, 0, "{n} heap allocations");
}

/// The composable scheme in the shapes the presets do not cover: `;` lists, base64,
/// SHA-512, milliseconds in their own header, a signed URL and method, a delivery id.
#[test]
fn signed_configurations_allocate_nothing() {
    use hookverify::schemes::{Encoding, Part, Signed, TimestampFormat};
    use hookverify::{Digest, Request};
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let body = br#"{"event_type":"transaction.paid"}"#;
    let old = Secret::new("previous");
    let cur = Secret::new("current");
    let schemes = [
        Signed::hmac("Paddle-Signature")
            .entries(';', "h1")
            .timestamp_entry("ts", TimestampFormat::UnixSeconds)
            .signed([Part::Timestamp, Part::literal(":"), Part::Body]),
        Signed::hmac("X-Shopify-Hmac-Sha256").encoding(Encoding::Base64),
        Signed::hmac("X-Sig")
            .digest(Digest::Sha512)
            .timestamp_header("X-Ts", TimestampFormat::UnixMillis)
            .signed([Part::header("X-Id"), Part::Timestamp, Part::Body])
            .delivery_id_header("X-Id"),
        Signed::hmac("X-Sig")
            .encoding(Encoding::Base64)
            .signed([Part::Method, Part::Url, Part::Body])
            .delivery_id_header("X-Delivery"),
    ];
    let url = "https://example.com/hooks?x=1";
    for scheme in schemes {
        let name = format!("{scheme:?}");
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
        assert_eq!(n, 0, "{name}: {n} heap allocations");
    }
}

/// The eighteen newer presets, rotated keys, the second one matching: nothing on the heap,
/// except Twilio's form bodies, whose parameters are decoded and sorted (its JSON bodies,
/// signed through `bodySHA256`, allocate nothing).
#[cfg(all(feature = "sha1", feature = "ed25519", feature = "p256"))]
#[test]
fn the_newer_presets_allocate_nothing() {
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
        Vec<u8>,
        Vec<(&'a str, &'a str)>,
        Option<String>,
    );
    let rows: Vec<Row<'_>> = vec![
        (
            "slack",
            slack::verifier(keys()).into_dyn(),
            json.clone(),
            vec![],
            None,
        ),
        (
            "shopify",
            shopify::verifier(keys()).into_dyn(),
            json.clone(),
            vec![(shopify::DELIVERY_HEADER, "d-1")],
            None,
        ),
        (
            "square",
            square::verifier(url, keys()).into_dyn(),
            json.clone(),
            vec![],
            None,
        ),
        (
            "paddle",
            paddle::verifier(keys()).into_dyn(),
            json.clone(),
            vec![],
            None,
        ),
        (
            "intercom",
            intercom::verifier(keys()).into_dyn(),
            json.clone(),
            vec![],
            None,
        ),
        (
            "bitbucket",
            bitbucket::verifier(keys()).into_dyn(),
            json.clone(),
            vec![],
            None,
        ),
        (
            "typeform",
            typeform::verifier(keys()).into_dyn(),
            json.clone(),
            vec![],
            None,
        ),
        (
            "gitlab",
            gitlab::verifier(keys()).into_dyn(),
            json.clone(),
            vec![],
            None,
        ),
        (
            "calendly",
            calendly::verifier(keys()).into_dyn(),
            json.clone(),
            vec![],
            None,
        ),
        (
            "twitch",
            twitch::verifier(keys()).into_dyn(),
            json.clone(),
            vec![(twitch::ID_HEADER, "m-1")],
            None,
        ),
        (
            "dropbox",
            dropbox::verifier(keys()).into_dyn(),
            json.clone(),
            vec![],
            None,
        ),
        (
            "zoom",
            zoom::verifier(keys()).into_dyn(),
            json.clone(),
            vec![(zoom::TIMESTAMP_HEADER, "1700000000")],
            None,
        ),
        (
            "hubspot",
            hubspot::verifier(keys()).into_dyn(),
            json.clone(),
            vec![],
            Some(url.to_string()),
        ),
        (
            "linear",
            linear::verifier(keys()).into_dyn(),
            json.clone(),
            vec![(linear::DELIVERY_HEADER, "d-1")],
            None,
        ),
        (
            "mailgun",
            mailgun::verifier(keys()).into_dyn(),
            mailgun_body.into_bytes(),
            vec![],
            None,
        ),
        (
            "twilio, JSON body",
            twilio::verifier(keys()).into_dyn(),
            json.clone(),
            vec![],
            Some(hashed_url),
        ),
        (
            "twilio shared key, JSON body",
            twilio::verifier_shared_key(keys()).into_dyn(),
            json.clone(),
            vec![],
            Some(format!("{url}&bodySHA256=0")),
        ),
    ];
    for (name, verifier, body, extra, url) in rows {
        let mut signing = Request::new(&body, &extra).with_method("POST");
        if let Some(url) = &url {
            signing = signing.with_url(url);
        }
        let mut headers: Vec<(String, String)> = extra
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        headers.extend(verifier.scheme().sign_request(&signing, &old, now));
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
            // The hash in its URL is not the body's: refused, still without allocating.
            assert!(result.is_err(), "{name}");
        } else {
            assert_eq!(result.ok(), Some(1), "{name}");
        }
        assert_eq!(n, 0, "{name}: {n} heap allocations");
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
        assert_no_alloc("discord", &v, &json, &h, now);
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
        assert_no_alloc("sendgrid", &v, &json, &h, now);
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
