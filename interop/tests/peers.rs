//! Interop in both directions with peer crates, on identical inputs:
//! - headers made by hookverify's `sign` verify with `webhook-verify` (Stripe, GitHub,
//!   Standard Webhooks, Slack, Shopify, Square, Dropbox, Zoom, Linear, Twilio, and Discord
//!   with an Ed25519 key's signature), `standardwebhooks` and `svix`;
//! - headers made by `standardwebhooks` and `svix` (the peers that can sign) verify with
//!   hookverify;
//! - forgeries are refused by both sides alike.

use std::sync::Arc;

use hookverify::providers::{github, standard_webhooks, stripe};
use hookverify::{Scheme, Secret, Sign};
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
    let verifier = standard_webhooks::verifier([WHSEC]).unwrap();
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

/// The presets `webhook-verify` also ships: what hookverify signs (or, for the public-key
/// schemes, what the providers' keys sign), webhook-verify accepts, and a changed body
/// both refuse.
#[test]
fn the_newer_presets_agree_with_webhook_verify() {
    use hookverify::providers::{discord, dropbox, linear, shopify, slack, square, twilio, zoom};
    use hookverify::{Request, Verifier};

    let key = "interop-secret-9f8e7d";
    let secret = Secret::new(key);
    let url = "https://example.com/hooks/in?src=interop";
    let millis = T * 1000;
    let json = format!(
        r#"{{"action":"create","type":"Issue","webhookTimestamp":{millis},"name":"J\u00f6rg"}}"#
    );
    // No repeated names: webhook-verify keeps repeated values in the order received, where
    // Twilio's own libraries (and hookverify, checked against them in tests/vectors.rs) sort
    // them, so the two crates disagree on `a=2&a=1`.
    let form = "CallSid=CA1&From=%2B14155551212&Body=Hi+there+%F0%9F%91%8B&To=%2B1415";

    // (name, ours, peer provider, peer options, body, headers, URL for ours)
    type Row = (
        &'static str,
        Verifier<Box<dyn Scheme>>,
        Provider,
        VerifyOptions,
        Vec<u8>,
        Vec<(String, String)>,
        Option<&'static str>,
    );
    let mut rows: Vec<Row> = Vec::new();
    // `signer` is the preset's own scheme (a `Verifier<Box<dyn Scheme>>` verifies but
    // does not sign).
    let mut hmac_row = |name,
                        verifier: Verifier<Box<dyn Scheme>>,
                        signer: &dyn Sign,
                        provider,
                        options: VerifyOptions,
                        body: &[u8],
                        extra: &[(&str, &str)],
                        url: Option<&'static str>| {
        let mut request = Request::new(body, &extra);
        if let Some(url) = url {
            request = request.with_url(url);
        }
        let mut headers: Vec<(String, String)> = extra
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        headers.extend(signer.sign_request(&request, &secret, at(T)));
        rows.push((
            name,
            verifier,
            provider,
            options,
            body.to_vec(),
            headers,
            url,
        ));
    };
    hmac_row(
        "slack",
        slack::verifier([key]).into_dyn(),
        &slack::scheme(),
        Provider::Slack,
        peer_options(T),
        json.as_bytes(),
        &[],
        None,
    );
    hmac_row(
        "shopify",
        shopify::verifier([key]).into_dyn(),
        &shopify::scheme(),
        Provider::Shopify,
        peer_options(T),
        json.as_bytes(),
        &[],
        None,
    );
    hmac_row(
        "square",
        square::verifier(url, [key]).into_dyn(),
        &square::scheme(url),
        Provider::Square,
        peer_options(T).with_request_url(url),
        json.as_bytes(),
        &[],
        None,
    );
    hmac_row(
        "dropbox",
        dropbox::verifier([key]).into_dyn(),
        &dropbox::scheme(),
        Provider::Dropbox,
        peer_options(T),
        json.as_bytes(),
        &[],
        None,
    );
    hmac_row(
        "zoom",
        zoom::verifier([key]).into_dyn(),
        &zoom::scheme(),
        Provider::Zoom,
        peer_options(T),
        json.as_bytes(),
        &[(zoom::TIMESTAMP_HEADER, "1700000000")],
        None,
    );
    hmac_row(
        "linear",
        linear::verifier([key]).into_dyn(),
        &linear::scheme(),
        Provider::Linear,
        peer_options(T),
        json.as_bytes(),
        &[],
        None,
    );
    let params: Vec<(String, String)> = form_urlencoded::parse(form.as_bytes())
        .into_owned()
        .collect();
    hmac_row(
        "twilio",
        twilio::verifier([key]).into_dyn(),
        &twilio::scheme(),
        Provider::Twilio,
        peer_options(T)
            .with_request_url(url)
            .with_form_params(params),
        form.as_bytes(),
        &[],
        Some(url),
    );

    // Discord: a signature by an Ed25519 key, verified with its public key on both sides.
    {
        use ed25519_dalek::Signer as _;
        let signing = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
        let public = hex::encode(signing.verifying_key().to_bytes());
        let ts = T.to_string();
        let sig = signing.sign([ts.as_bytes(), json.as_bytes()].concat().as_slice());
        let headers = vec![
            (
                discord::SIGNATURE_HEADER.to_string(),
                hex::encode(sig.to_bytes()),
            ),
            (discord::TIMESTAMP_HEADER.to_string(), ts),
        ];
        let verifier = discord::verifier([&public]).unwrap().into_dyn();
        rows.push((
            "discord",
            verifier,
            Provider::Discord,
            peer_options(T),
            json.as_bytes().to_vec(),
            headers,
            None,
        ));
    }

    let peer_secret = |name: &str| match name {
        "discord" => {
            use ed25519_dalek::SigningKey;
            webhook_verify::Secret::new(hex::encode(
                SigningKey::from_bytes(&[3; 32]).verifying_key().to_bytes(),
            ))
        }
        _ => webhook_verify::Secret::new(key),
    };
    for (name, ours, provider, options, body, headers, url) in rows {
        let verify_ours = |body: &[u8]| {
            let mut request = Request::new(body, &headers);
            if let Some(url) = url {
                request = request.with_url(url);
            }
            ours.verify_request_at(&request, at(T)).map(|_| ())
        };
        let peer = |body: &[u8], options: VerifyOptions| {
            webhook_verify::verify(
                provider,
                &http_map(&headers),
                body,
                &peer_secret(name),
                options,
            )
        };
        if let Err(e) = verify_ours(&body) {
            panic!("{name}: hookverify: {e}");
        }
        assert_eq!(
            peer(&body, options.clone()),
            Ok(()),
            "{name}: webhook-verify"
        );
        let mut changed = body.clone();
        changed.push(b' ');
        assert!(
            verify_ours(&changed).is_err(),
            "{name}: hookverify accepted a changed body"
        );
        // Twilio's body is the parameters the peer is given: change them instead.
        let changed_options = match name {
            "twilio" => options.with_form_params([("CallSid", "CA2")]),
            _ => options,
        };
        assert!(
            peer(&changed, changed_options).is_err(),
            "{name}: webhook-verify accepted a changed body"
        );
    }
}
