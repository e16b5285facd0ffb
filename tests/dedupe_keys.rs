//! The dedupe key of every preset, pinned: keys are persisted (Redis, across deploys and
//! compiler upgrades), so their format is part of the crate's contract. Each is
//! `<provider>:id:<delivery id>` or `<provider>:sha256:<hex of the body>`, namespaced by
//! the preset's stable name, never by a compiler-chosen type name.

use std::time::Duration;

use hookverify::Sign;
use hookverify::dedupe::MemoryGuard;
use hookverify::providers::{
    github, inmemory4, livingdocs, memento, memo_bank, pocketbook, standard_webhooks, stripe,
};
use hookverify::{Error, Scheme, Secret, Verifier, WebhookEvent};
use sha2::Digest as _;
use time::OffsetDateTime;

fn fixture(provider: &str, name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/data/payloads/{provider}/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).unwrap()
}

fn body_hash(body: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(body))
}

/// The key `verifier` records for `body` signed by `scheme` with `secret`, with the
/// provider's event type `E` and with none.
fn keys<S: Scheme, E: serde::de::DeserializeOwned + WebhookEvent>(
    verifier: &Verifier<S>,
    headers: &[(String, String)],
    body: &[u8],
) -> (String, String) {
    let verified = verifier.verify(body, headers).unwrap();
    let event: E = verified.json().unwrap();
    (
        verifier.dedupe_key(&verified, Some(&event)).unwrap(),
        verifier.dedupe_key(&verified, None).unwrap(),
    )
}

#[test]
fn every_preset_has_a_stable_key_format() {
    let now = OffsetDateTime::now_utc();
    let s = Secret::new("whsec_dedupe");

    let body = fixture("memento", "proof.submitted");
    let headers = memento::scheme().sign(&body, &s, now);
    let (typed, untyped) = keys::<_, memento::Event>(&memento::verifier([&s]), &headers, &body);
    assert_eq!(typed, "memento:id:2a09cfbc-3677-11eb-8520-080027df145c");
    assert_eq!(untyped, format!("memento:sha256:{}", body_hash(&body)));

    let body = fixture("pocketbook", "voucher.minted");
    let headers = pocketbook::scheme().sign(&body, &s, now);
    let (typed, _) = keys::<_, pocketbook::Event>(&pocketbook::verifier([&s]), &headers, &body);
    assert_eq!(typed, "pocketbook:id:evt_1234567895");

    let body = fixture("livingdocs", "document.publish");
    let headers = livingdocs::scheme().sign(&body, &s, now);
    let (typed, _) = keys::<_, livingdocs::Event>(&livingdocs::verifier([&s]), &headers, &body);
    assert_eq!(typed, "livingdocs:id:qy8qoxQPVCES1VDneg4FE");

    let body = fixture("memo_bank", "transaction.created");
    let headers = memo_bank::scheme().sign(&body, &s, now);
    let (typed, _) = keys::<_, memo_bank::Event>(&memo_bank::verifier([&s]), &headers, &body);
    assert_eq!(
        typed,
        "memo_bank:id:evt_0b4f6b2e-2f0c-4c7e-9d55-7a1c4e1f2a10"
    );

    let body = fixture("inmemory4", "order.created");
    let headers = inmemory4::scheme().sign(&body, &s, now);
    let (typed, untyped) = keys::<_, inmemory4::Event>(&inmemory4::verifier([&s]), &headers, &body);
    assert_eq!(typed, format!("inmemory4:sha256:{}", body_hash(&body)));
    assert_eq!(untyped, typed);

    // Header delivery ids: no event type needed.
    let body = br#"{"zen":"Keep it logically awesome."}"#;
    let mut headers = github::scheme().sign(body, &s, now);
    headers.push((
        "X-GitHub-Delivery".into(),
        "72d3162e-cc78-11e3-81ab-4c9367dc0958".into(),
    ));
    let verifier = github::verifier([&s]);
    let verified = verifier.verify(body, &headers).unwrap();
    assert_eq!(
        verified.delivery_id(),
        Some("72d3162e-cc78-11e3-81ab-4c9367dc0958")
    );
    assert_eq!(
        verifier.dedupe_key(&verified, None).unwrap(),
        "github:id:72d3162e-cc78-11e3-81ab-4c9367dc0958"
    );

    let sw = Secret::from_standard_webhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    let headers =
        standard_webhooks::scheme().sign_with_id("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", body, &sw, now);
    let verifier = standard_webhooks::verifier(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]).unwrap();
    let verified = verifier.verify(body, &headers).unwrap();
    assert_eq!(
        verifier.dedupe_key(&verified, None).unwrap(),
        "standard_webhooks:id:msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"
    );

    let headers = stripe::scheme().sign(body, &s, now);
    let verifier = stripe::verifier([&s]);
    let verified = verifier.verify(body, &headers).unwrap();
    assert_eq!(
        verifier.dedupe_key(&verified, None).unwrap(),
        format!("stripe:sha256:{}", body_hash(body))
    );
}

#[test]
fn the_names_are_the_module_names() {
    for (name, expected) in [
        (memento::NAME, "memento"),
        (memo_bank::NAME, "memo_bank"),
        (inmemory4::NAME, "inmemory4"),
        (pocketbook::NAME, "pocketbook"),
        (livingdocs::NAME, "livingdocs"),
        (github::NAME, "github"),
        (stripe::NAME, "stripe"),
        (standard_webhooks::NAME, "standard_webhooks"),
    ] {
        assert_eq!(name, expected);
    }
    assert_eq!(stripe::verifier(["k"]).name(), Some("stripe"));
    assert_eq!(stripe::verifier(["k"]).into_dyn().name(), Some("stripe"));
}

#[test]
fn a_header_delivery_id_is_recorded_without_an_event_type() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        let guard = MemoryGuard::new(100, Duration::from_secs(60));
        let sw = Secret::from_standard_webhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let verifier =
            standard_webhooks::verifier(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]).unwrap();
        let body = b"{}";
        let now = OffsetDateTime::now_utc();
        let first = standard_webhooks::scheme().sign_with_id("msg_1", body, &sw, now);
        let retry = standard_webhooks::scheme().sign_with_id("msg_1", body, &sw, now);
        let other = standard_webhooks::scheme().sign_with_id("msg_2", body, &sw, now);
        let seen = |d: Option<hookverify::Verified<'_>>| d.is_none();
        assert!(!seen(
            verifier.verify_once(body, &first, &guard).await.unwrap()
        ));
        assert!(seen(
            verifier.verify_once(body, &retry, &guard).await.unwrap()
        ));
        // Same body, another delivery id: a different event.
        assert!(!seen(
            verifier.verify_once(body, &other, &guard).await.unwrap()
        ));
        assert_eq!(
            guard.record_now("standard_webhooks:id:msg_2", Duration::from_secs(60)),
            hookverify::dedupe::Seen::Duplicate
        );
    });
}

#[test]
fn dedupe_without_a_name_is_refused() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        let guard = MemoryGuard::new(100, Duration::from_secs(60));
        let unnamed = Verifier::new(pocketbook::scheme(), ["k"]);
        let headers =
            pocketbook::scheme().sign(b"{}", &Secret::new("k"), OffsetDateTime::now_utc());
        let err = unnamed
            .verify_once(b"{}", &headers, &guard)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Unnamed));
        assert_eq!(err.status(), 500);
        assert!(err.to_string().contains("with_name"));
        // Nothing was recorded.
        assert!(guard.is_empty());
        let named = unnamed.with_name("pocketbook");
        assert!(named.verify_once(b"{}", &headers, &guard).await.is_ok());
    });
}
