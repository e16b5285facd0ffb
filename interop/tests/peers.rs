//! Interop in both directions with peer crates, on identical inputs:
//! - headers made by hookverify's `sign` verify with `webhook-verify` (Stripe, GitHub,
//!   Standard Webhooks), `standardwebhooks` and `svix`;
//! - headers made by `standardwebhooks` and `svix` (the peers that can sign) verify with
//!   hookverify;
//! - forgeries are refused by both sides alike.

use std::sync::Arc;

use hookverify::providers::{github, standard_webhooks, stripe};
use hookverify::{Scheme, Secret};
use time::OffsetDateTime;
use webhook_verify::{Clock, Provider, VerifyOptions};

const WHSEC: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const T: i64 = 1_700_000_000;

struct Fixed(u64);
impl Clock for Fixed {
    fn now(&self) -> u64 {
        self.0
    }
}

fn at(t: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(t).unwrap()
}

fn peer_options(now: i64) -> VerifyOptions {
    VerifyOptions::default().with_clock(Some(Arc::new(Fixed(now as u64))))
}

fn bodies() -> Vec<Vec<u8>> {
    vec![
        br#"{"id":"evt_1","object":"event"}"#.to_vec(),
        "{\"name\":\"J\u{f6}rg \u{1f4da}\",\"n\":[1,2,3]}"
            .as_bytes()
            .to_vec(),
        b"{}".to_vec(),
        vec![b'a'; 100_000],
    ]
}

fn http_map(headers: &[(String, String)]) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for (k, v) in headers {
        map.append(
            http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            http::HeaderValue::from_str(v).unwrap(),
        );
    }
    map
}

#[test]
fn ours_to_webhook_verify() {
    let stripe_secret = "whsec_test_secret";
    let gh_secret = "It's a Secret to Everybody";
    for body in bodies() {
        let h = stripe::scheme().sign(&body, &Secret::new(stripe_secret), at(T));
        let r = webhook_verify::verify(
            Provider::Stripe,
            &h,
            &body,
            &webhook_verify::Secret::new(stripe_secret),
            peer_options(T),
        );
        assert!(r.is_ok(), "stripe: {r:?}");
        let h = github::scheme().sign(&body, &Secret::new(gh_secret), at(T));
        let r = webhook_verify::verify(
            Provider::GitHub,
            &h,
            &body,
            &webhook_verify::Secret::new(gh_secret),
            peer_options(T),
        );
        assert!(r.is_ok(), "github: {r:?}");
        let sw = Secret::from_standard_webhooks(WHSEC).unwrap();
        let h = standard_webhooks::scheme().sign(&body, &sw, at(T));
        let r = webhook_verify::verify(
            Provider::StandardWebhooks,
            &h,
            &body,
            &webhook_verify::Secret::new(WHSEC),
            peer_options(T),
        );
        assert!(r.is_ok(), "standard webhooks: {r:?}");
        // And a forgery is refused by the peer too.
        let forged = stripe::scheme().sign(&body, &Secret::new("whsec_guess"), at(T));
        assert!(
            webhook_verify::verify(
                Provider::Stripe,
                &forged,
                &body,
                &webhook_verify::Secret::new(stripe_secret),
                peer_options(T)
            )
            .is_err()
        );
    }
}

#[test]
fn ours_to_standardwebhooks_and_svix() {
    let sw = Secret::from_standard_webhooks(WHSEC).unwrap();
    let peer = standardwebhooks::Webhook::new(WHSEC).unwrap();
    let svix = svix::webhooks::Webhook::new(WHSEC).unwrap();
    for body in bodies() {
        // The peers check the timestamp against the wall clock: sign now.
        let now = OffsetDateTime::now_utc();
        let headers = standard_webhooks::scheme().sign(&body, &sw, now);
        let map = http_map(&headers);
        assert!(peer.verify(&body, &map).is_ok());
        assert!(svix.verify(&body, &map).is_ok());
        let tampered = [&body[..], b" "].concat();
        assert!(peer.verify(&tampered, &map).is_err());
        assert!(svix.verify(&tampered, &map).is_err());
    }
}

#[test]
fn standardwebhooks_and_svix_to_ours() {
    let verifier = standard_webhooks::verifier_from_whsec([WHSEC]).unwrap();
    let peer = standardwebhooks::Webhook::new(WHSEC).unwrap();
    let svix = svix::webhooks::Webhook::new(WHSEC).unwrap();
    for (i, body) in bodies().into_iter().enumerate() {
        let id = format!("msg_interop_{i}");
        let sig = peer.sign(&id, T, &body).unwrap();
        let headers = [
            ("webhook-id", id.as_str()),
            ("webhook-timestamp", "1700000000"),
            ("webhook-signature", sig.as_str()),
        ];
        let v = verifier.verify_at(&body, &headers, at(T)).unwrap();
        assert_eq!(v.timestamp(), Some(at(T)));
        // Through an http::HeaderMap too.
        let map = http_map(&headers.map(|(k, v)| (k.to_string(), v.to_string())));
        assert!(verifier.verify_at(&body, &map, at(T)).is_ok());

        let sig = svix.sign(&id, T, &body).unwrap();
        let svix_headers = [
            ("svix-id", id.as_str()),
            ("svix-timestamp", "1700000000"),
            ("svix-signature", sig.as_str()),
        ];
        assert!(verifier.verify_at(&body, &svix_headers, at(T)).is_ok());
        // A signature from another key is refused.
        let other = standardwebhooks::Webhook::new("whsec_AAECAwQFBgcICQoLDA0ODw==").unwrap();
        let forged = other.sign(&id, T, &body).unwrap();
        let headers = [
            ("webhook-id", id.as_str()),
            ("webhook-timestamp", "1700000000"),
            ("webhook-signature", forged.as_str()),
        ];
        assert!(matches!(
            verifier.verify_at(&body, &headers, at(T)),
            Err(hookverify::Error::SignatureMismatch)
        ));
    }
}

#[test]
fn both_sides_agree_on_the_window() {
    // webhook-verify and hookverify both use 300 s: 300 s old passes, 301 s fails.
    let body = b"{}";
    let secret = "whsec_test_secret";
    let h = stripe::scheme().sign(body, &Secret::new(secret), at(T));
    let ours = stripe::verifier([secret]);
    for (age, ok) in [(300, true), (301, false)] {
        let peer = webhook_verify::verify(
            Provider::Stripe,
            &h,
            body,
            &webhook_verify::Secret::new(secret),
            peer_options(T + age),
        );
        let mine = ours.verify_at(body, &h, at(T + age));
        assert_eq!(peer.is_ok(), ok, "peer at {age}: {peer:?}");
        assert_eq!(mine.is_ok(), ok, "ours at {age}: {mine:?}");
    }
}
