//! Every preset against the same bad requests: each starts from a genuine request (which
//! must verify), changes one thing, and must get a typed refusal of the right kind, never
//! a panic and never an accepted request.
#![cfg(all(feature = "sha1", feature = "ed25519", feature = "p256"))]

use hookverify::Sign;
use hookverify::providers::*;
use hookverify::time::OffsetDateTime;
use hookverify::{Error, Request, Scheme, Secret, Verifier};

const T: i64 = 1_700_000_000;
const SECRET: &str = "preset-table-secret";
const URL: &str = "https://example.com/webhooks/in?x=1";

/// A genuine request for one preset, and where it carries what.
struct Genuine {
    preset: &'static str,
    verifier: Verifier<Box<dyn Scheme>>,
    body: Vec<u8>,
    headers: Vec<(String, Vec<u8>)>,
    url: Option<&'static str>,
    method: Option<&'static str>,
    /// The header carrying the signature (or token).
    signature: &'static str,
    /// Other headers the signature depends on (timestamps, ids).
    signed_headers: &'static [&'static str],
    /// How the preset bounds the time.
    window: Win,
}

/// How a preset bounds the time of a request.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Win {
    /// Not at all.
    None,
    /// A signed timestamp, both ways.
    Both,
    /// A signed timestamp's age only (Plaid).
    PastOnly,
    /// A token's `exp` (and `iat` not ahead): Google Cloud Pub/Sub.
    Expires,
}

fn now() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(T).unwrap()
}

fn json_body() -> Vec<u8> {
    br#"{"id":"evt_1","type":"thing.happened","data":{"name":"caf\u00e9 \u2615","n":1}}"#.to_vec()
}

impl Genuine {
    fn verify(
        &self,
        body: &[u8],
        headers: &[(String, Vec<u8>)],
        at: OffsetDateTime,
    ) -> Result<(), Error> {
        let mut request = Request::new(body, &headers);
        if let Some(url) = self.url {
            request = request.with_url(url);
        }
        if let Some(method) = self.method {
            request = request.with_method(method);
        }
        self.verifier.verify_request_at(&request, at).map(|_| ())
    }

    fn with_value(&self, name: &str, value: Option<Vec<u8>>) -> Vec<(String, Vec<u8>)> {
        let mut headers: Vec<_> = self
            .headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case(name))
            .cloned()
            .collect();
        if let Some(value) = value {
            headers.push((name.to_string(), value));
        }
        headers
    }

    fn value(&self, name: &str) -> Vec<u8> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .unwrap_or_else(|| panic!("{}: no {name} among {:?}", self.preset, self.headers))
            .1
            .clone()
    }
}

/// Signs `body` with `scheme` as the preset's own sender would, through the public API.
#[allow(clippy::too_many_arguments)]
fn signed<S: Scheme + Sign + Clone + 'static>(
    preset: &'static str,
    scheme: S,
    verifier: Verifier<S>,
    body: Vec<u8>,
    extra: &[(&str, &str)],
    url: Option<&'static str>,
    method: Option<&'static str>,
    signature: &'static str,
    signed_headers: &'static [&'static str],
    windowed: bool,
) -> Genuine {
    let mut request = Request::new(&body, &extra);
    if let Some(url) = url {
        request = request.with_url(url);
    }
    if let Some(method) = method {
        request = request.with_method(method);
    }
    let mut headers: Vec<(String, Vec<u8>)> = extra
        .iter()
        .map(|(n, v)| (n.to_string(), v.as_bytes().to_vec()))
        .collect();
    for (name, value) in scheme.sign_request(&request, &Secret::new(SECRET), now()) {
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case(&name));
        headers.push((name, value.into_bytes()));
    }
    Genuine {
        preset,
        verifier: verifier.into_dyn(),
        body,
        headers,
        url,
        method,
        signature,
        signed_headers,
        window: if windowed { Win::Both } else { Win::None },
    }
}

fn secrets() -> [Secret; 1] {
    [Secret::new(SECRET)]
}

fn presets() -> Vec<Genuine> {
    let linear_body = format!(
        r#"{{"action":"create","type":"Issue","data":{{"id":"x"}},"webhookTimestamp":{}}}"#,
        T * 1000
    )
    .into_bytes();
    let twitch_headers = [
        (
            twitch::DELIVERY_HEADER,
            "befa7b53-d79d-478f-86b9-120f112b044e",
        ),
        (twitch::MESSAGE_TYPE_HEADER, "notification"),
    ];
    let mut all = vec![
        signed(
            "github",
            github::scheme(),
            github::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            github::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "stripe",
            stripe::scheme(),
            stripe::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            stripe::SIGNATURE_HEADER,
            &[],
            true,
        ),
        signed(
            "slack",
            slack::scheme(),
            slack::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            slack::SIGNATURE_HEADER,
            &[slack::TIMESTAMP_HEADER],
            true,
        ),
        signed(
            "shopify",
            shopify::scheme(),
            shopify::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            shopify::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "square",
            square::scheme(URL),
            square::verifier(URL, secrets()),
            json_body(),
            &[],
            None,
            None,
            square::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "paddle",
            paddle::scheme(),
            paddle::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            paddle::SIGNATURE_HEADER,
            &[],
            true,
        ),
        signed(
            "intercom",
            intercom::scheme(),
            intercom::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            intercom::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "bitbucket",
            bitbucket::scheme(),
            bitbucket::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            bitbucket::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "typeform",
            typeform::scheme(),
            typeform::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            typeform::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "gitlab",
            gitlab::scheme(),
            gitlab::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            gitlab::TOKEN_HEADER,
            &[],
            false,
        ),
        signed(
            "calendly",
            calendly::scheme(),
            calendly::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            calendly::SIGNATURE_HEADER,
            &[],
            true,
        ),
        signed(
            "twitch",
            twitch::scheme(),
            twitch::verifier(secrets()),
            json_body(),
            &twitch_headers,
            None,
            None,
            twitch::SIGNATURE_HEADER,
            &[twitch::DELIVERY_HEADER, twitch::TIMESTAMP_HEADER],
            true,
        ),
        signed(
            "dropbox",
            dropbox::scheme(),
            dropbox::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            dropbox::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "zoom",
            zoom::scheme(),
            zoom::verifier(secrets()),
            json_body(),
            &[(zoom::TIMESTAMP_HEADER, "1700000000")],
            None,
            None,
            zoom::SIGNATURE_HEADER,
            &[zoom::TIMESTAMP_HEADER],
            false,
        ),
        signed(
            "hubspot",
            hubspot::scheme(),
            hubspot::verifier(secrets()),
            json_body(),
            &[],
            Some(URL),
            Some("POST"),
            hubspot::SIGNATURE_HEADER,
            &[hubspot::TIMESTAMP_HEADER],
            true,
        ),
        signed(
            "linear",
            linear::scheme(),
            linear::verifier(secrets()),
            linear_body,
            &[],
            None,
            None,
            linear::SIGNATURE_HEADER,
            &[],
            true,
        ),
        signed(
            "twilio",
            twilio::scheme(),
            twilio::verifier(secrets()),
            b"CallSid=CA1&From=%2B1415&Body=hi+there".to_vec(),
            &[],
            Some(URL),
            Some("POST"),
            twilio::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "twilio shared key",
            twilio::scheme_shared_key(),
            twilio::verifier_shared_key(secrets()),
            b"CallSid=CA1&From=%2B1415".to_vec(),
            &[],
            Some(URL),
            Some("POST"),
            twilio::SIGNATURE_HEADER,
            &[twilio::SETTINGS_HEADER],
            false,
        ),
        signed(
            "standard webhooks",
            standard_webhooks::scheme(),
            Verifier::new(standard_webhooks::scheme(), secrets()),
            json_body(),
            &[],
            None,
            None,
            "webhook-signature",
            &["webhook-id", "webhook-timestamp"],
            true,
        ),
    ];
    all.push(discord_genuine());
    all.push(sendgrid_genuine());
    #[cfg(all(feature = "jwt", feature = "rsa"))]
    all.extend(keyed::genuine());
    all.extend(standard_webhooks_family());
    all.extend(presets_22a());
    all.extend(presets_22b());
    all.extend(presets_22c());
    all
}

/// The providers that send Standard Webhooks under their own names; Polar with a secret
/// whose text is the key.
fn standard_webhooks_family() -> Vec<Genuine> {
    let whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let key = || Secret::from_standard_webhooks(whsec).unwrap();
    let alias = |preset, verifier: Verifier<hookverify::schemes::StandardWebhooks>| {
        let g = signed(
            preset,
            standard_webhooks::scheme(),
            verifier,
            json_body(),
            &[],
            None,
            None,
            "webhook-signature",
            &["webhook-id", "webhook-timestamp"],
            true,
        );
        Genuine {
            headers: standard_webhooks::scheme()
                .sign(&g.body, &key(), now())
                .into_iter()
                .map(|(n, v)| (n, v.into_bytes()))
                .collect(),
            ..g
        }
    };
    vec![
        alias("svix", svix::verifier([whsec]).unwrap()),
        alias("clerk", clerk::verifier([whsec]).unwrap()),
        alias("resend", resend::verifier([whsec]).unwrap()),
        alias("openai", openai::verifier([whsec]).unwrap()),
        alias("replicate", replicate::verifier([whsec]).unwrap()),
        signed(
            "polar",
            polar::scheme(),
            polar::verifier([SECRET]),
            json_body(),
            &[],
            None,
            None,
            "webhook-signature",
            &["webhook-id", "webhook-timestamp"],
            true,
        ),
    ]
}

/// Zendesk, Box, Mux, Sanity, PagerDuty, Vercel, WooCommerce, Xero, Sentry, Lemon Squeezy.
fn presets_22a() -> Vec<Genuine> {
    let box_headers = [
        ("BOX-SIGNATURE-VERSION", "1"),
        ("BOX-SIGNATURE-ALGORITHM", "HmacSHA256"),
        (
            box_com::DELIVERY_HEADER,
            "673a081b-bb4b-4d45-b4f1-4131a29c1d07",
        ),
    ];
    vec![
        signed(
            "zendesk",
            zendesk::scheme(),
            zendesk::verifier(secrets()),
            json_body(),
            &[(zendesk::DELIVERY_HEADER, "8350205582")],
            None,
            None,
            zendesk::SIGNATURE_HEADER,
            &[zendesk::TIMESTAMP_HEADER],
            false,
        ),
        signed(
            "box",
            box_com::scheme(),
            box_com::verifier(secrets()),
            json_body(),
            &box_headers,
            None,
            None,
            box_com::SIGNATURE_HEADER,
            &[box_com::TIMESTAMP_HEADER],
            true,
        ),
        // Mux checks only the age: a day ahead is accepted.
        Genuine {
            window: Win::PastOnly,
            ..signed(
                "mux",
                mux::scheme(),
                mux::verifier(secrets()),
                json_body(),
                &[],
                None,
                None,
                mux::SIGNATURE_HEADER,
                &[],
                true,
            )
        },
        signed(
            "sanity",
            sanity::scheme(),
            sanity::verifier(secrets()),
            json_body(),
            &[(sanity::EVENT_HEADER, "update")],
            None,
            None,
            sanity::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "pagerduty",
            pagerduty::scheme(),
            pagerduty::verifier(secrets()),
            json_body(),
            &[(
                pagerduty::DELIVERY_HEADER,
                "36ef8a4a-9c7e-4a5c-a1d3-8a2bc1e5f0d7",
            )],
            None,
            None,
            pagerduty::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "vercel",
            vercel::scheme(),
            vercel::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            vercel::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "woocommerce",
            woocommerce::scheme(),
            woocommerce::verifier(secrets()),
            json_body(),
            &[(woocommerce::EVENT_HEADER, "order.created")],
            None,
            None,
            woocommerce::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "xero",
            xero::scheme(),
            xero::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            xero::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "sentry",
            sentry::scheme(),
            sentry::verifier(secrets()),
            json_body(),
            &[
                (sentry::EVENT_HEADER, "issue"),
                ("Sentry-Hook-Timestamp", "1700000000"),
            ],
            None,
            None,
            sentry::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "lemon_squeezy",
            lemon_squeezy::scheme(),
            lemon_squeezy::verifier(secrets()),
            json_body(),
            &[(lemon_squeezy::EVENT_HEADER, "order_created")],
            None,
            None,
            lemon_squeezy::SIGNATURE_HEADER,
            &[],
            false,
        ),
    ]
}

/// Coinbase Commerce, LINE, Meta, Telegram, Buildkite, Frame.io, Trello, Mandrill, Telnyx,
/// Postmark.
fn presets_22b() -> Vec<Genuine> {
    let form =
        b"mandrill_events=%5B%7B%22event%22%3A%22send%22%2C%22ts%22%3A1700000000%7D%5D&z=a+b"
            .to_vec();
    let buildkite_event = [(buildkite::EVENT_HEADER, "build.finished")];
    let mut all = vec![
        signed(
            "coinbase_commerce",
            coinbase_commerce::scheme(),
            coinbase_commerce::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            coinbase_commerce::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "line",
            line::scheme(),
            line::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            line::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "meta",
            meta::scheme(),
            meta::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            meta::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "telegram",
            telegram::scheme(),
            telegram::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            telegram::TOKEN_HEADER,
            &[],
            false,
        ),
        signed(
            "buildkite",
            buildkite::scheme(),
            buildkite::verifier(secrets()),
            json_body(),
            &buildkite_event,
            None,
            None,
            buildkite::SIGNATURE_HEADER,
            &[],
            true,
        ),
        signed(
            "buildkite token",
            buildkite::scheme_token(),
            buildkite::verifier_token(secrets()),
            json_body(),
            &buildkite_event,
            None,
            None,
            buildkite::TOKEN_HEADER,
            &[],
            false,
        ),
        signed(
            "frameio",
            frameio::scheme(),
            frameio::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            frameio::SIGNATURE_HEADER,
            &[frameio::TIMESTAMP_HEADER],
            true,
        ),
        // Trello and Mandrill sign the URL they were registered with, which is the
        // verifier's configuration (as Square's), not the request's URL.
        signed(
            "trello",
            trello::scheme(URL),
            trello::verifier(URL, secrets()),
            json_body(),
            &[],
            None,
            None,
            trello::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "mandrill",
            mandrill::scheme(URL),
            mandrill::verifier(URL, secrets()),
            form,
            &[],
            None,
            None,
            mandrill::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "postmark",
            postmark::scheme(),
            postmark::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            postmark::TOKEN_HEADER,
            &[],
            false,
        ),
    ];
    // Telnyx: an Ed25519 key pair, the public key in base64 as Mission Control shows it.
    use base64::Engine as _;
    let seed = [11u8; 32];
    let public = ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key();
    let public = base64::engine::general_purpose::STANDARD.encode(public.as_bytes());
    let mut telnyx = signed(
        "telnyx",
        telnyx::scheme(),
        telnyx::verifier([public]).unwrap(),
        json_body(),
        &[],
        None,
        None,
        telnyx::SIGNATURE_HEADER,
        &[telnyx::TIMESTAMP_HEADER],
        true,
    );
    telnyx.headers = telnyx::scheme()
        .sign(&telnyx.body, &Secret::new(seed), now())
        .into_iter()
        .map(|(n, v)| (n, v.into_bytes()))
        .collect();
    all.push(telnyx);
    all
}

/// DocuSign Connect, Nylas, Asana, Okta event hooks, Jira admin webhooks, Contentful.
fn presets_22c() -> Vec<Genuine> {
    let contentful_headers = [
        (
            "Content-Type",
            "application/vnd.contentful.management.v1+json",
        ),
        (contentful::EVENT_HEADER, "ContentManagement.Entry.publish"),
    ];
    vec![
        signed(
            "docusign",
            docusign::scheme(),
            docusign::verifier(secrets()),
            json_body(),
            &[(
                "X-DocuSign-AccountId",
                "7a3c9e1b-2d4f-4a6b-8c0d-1e2f3a4b5c6d",
            )],
            None,
            None,
            docusign::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "nylas",
            nylas::scheme(),
            nylas::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            nylas::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "asana",
            asana::scheme(),
            asana::verifier(secrets()),
            json_body(),
            &[],
            None,
            None,
            asana::SIGNATURE_HEADER,
            &[],
            false,
        ),
        signed(
            "okta",
            okta::scheme(),
            okta::verifier(secrets()),
            json_body(),
            &[("Accept", "application/json")],
            None,
            None,
            okta::TOKEN_HEADER,
            &[],
            false,
        ),
        signed(
            "jira",
            jira::scheme(),
            jira::verifier(secrets()),
            json_body(),
            &[(
                jira::DELIVERY_HEADER,
                "7e1d3c2b-0a9f-4e8d-b7c6-5a4f3e2d1c0b",
            )],
            None,
            None,
            jira::SIGNATURE_HEADER,
            &[],
            false,
        ),
        // Contentful checks only the age, and signs the headers its list names.
        Genuine {
            window: Win::PastOnly,
            ..signed(
                "contentful",
                contentful::scheme(),
                contentful::verifier(secrets()),
                json_body(),
                &contentful_headers,
                Some(URL),
                Some("POST"),
                contentful::SIGNATURE_HEADER,
                &[
                    contentful::TIMESTAMP_HEADER,
                    "X-Contentful-Signed-Headers",
                    contentful::EVENT_HEADER,
                    "Content-Type",
                ],
                true,
            )
        },
    ]
}

/// The presets whose keys are RSA or P-256 key pairs, or JWTs (features `rsa`, `jwt`).
#[cfg(all(feature = "jwt", feature = "rsa"))]
mod keyed {
    use super::*;
    use hookverify::{Key, PublicKey};
    use rsa::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _, EncodePublicKey as _};

    /// The named PKCS#8 PEM key of `tests/data/gen/fetched_keys_private.pem`.
    pub(super) fn pem(name: &str) -> String {
        let file = include_str!("data/gen/fetched_keys_private.pem");
        let start = file
            .find(&format!("# key: {name}\n"))
            .unwrap_or_else(|| panic!("no key {name}"));
        let block = &file[start..];
        let begin = block.find("-----BEGIN").unwrap();
        let end = block.find("-----END PRIVATE KEY-----").unwrap() + 25;
        block[begin..end].to_string()
    }

    /// An RSA key pair: the private key as PKCS#8 DER (what `Sign` takes), the public key.
    fn rsa_pair(name: &str) -> (Secret, Key) {
        let private = rsa::PrivateKey::from_pkcs8_pem(&pem(name)).unwrap();
        let der = private.to_pkcs8_der().unwrap();
        let public = private.to_public_key().to_public_key_der().unwrap();
        (
            Secret::new(der.as_bytes()),
            Key::from(PublicKey::rsa_der(public.as_bytes()).unwrap()),
        )
    }

    fn jwt(
        preset: &'static str,
        scheme: hookverify::schemes::Jwt,
        verifier: Verifier<hookverify::schemes::Jwt>,
        secret: &Secret,
        window: Win,
    ) -> Genuine {
        let body = json_body();
        let headers = scheme
            .sign(&body, secret, now())
            .into_iter()
            .map(|(n, v)| (n, v.into_bytes()))
            .collect();
        Genuine {
            preset,
            verifier: verifier.into_dyn(),
            body,
            headers,
            url: None,
            method: None,
            signature: "Authorization",
            signed_headers: &[],
            window,
        }
    }

    pub(super) fn genuine() -> Vec<Genuine> {
        let (rsa_secret, rsa_public) = rsa_pair("google_1");
        let (paypal_secret, paypal_public) = rsa_pair("sns_genuine");
        let p256 = p256::ecdsa::SigningKey::from_slice(&[9; 32]).unwrap();
        let p256_der = p256.to_pkcs8_der().unwrap();
        let p256_public = {
            use p256::pkcs8::EncodePublicKey as _;
            let der = p256.verifying_key().to_public_key_der().unwrap();
            Key::from(PublicKey::p256_der(der.as_bytes()).unwrap())
        };
        let audience = "https://hooks.example.com/pubsub";
        let email = "push@example-project.iam.gserviceaccount.com";
        let mut plaid = jwt(
            "plaid",
            plaid::scheme(),
            Verifier::with_keys(plaid::scheme(), [p256_public]),
            &Secret::new(p256_der.as_bytes()),
            Win::PastOnly,
        );
        plaid.signature = plaid::TOKEN_HEADER;
        let paypal_id = [(
            paypal::DELIVERY_HEADER,
            "69cd13f0-d67a-11e5-baa3-778b53f4ae55",
        )];
        let paypal = signed(
            "paypal",
            paypal::scheme("WH-TEST"),
            Verifier::with_keys(paypal::scheme("WH-TEST"), [paypal_public]),
            json_body(),
            &paypal_id,
            None,
            None,
            paypal::SIGNATURE_HEADER,
            &[paypal::DELIVERY_HEADER, paypal::TIMESTAMP_HEADER],
            false,
        );
        let paypal = Genuine {
            headers: super::resign(&paypal, &paypal_secret),
            ..paypal
        };
        // Standard Webhooks with an asymmetric key: `whsk_` signs, `whpk_` verifies.
        let seed = [7u8; 32];
        let public = ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key();
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD;
        let whsk = format!("whsk_{}", b64.encode(seed));
        let whpk = format!("whpk_{}", b64.encode(public.as_bytes()));
        let v1a = signed(
            "standard webhooks v1a",
            standard_webhooks::scheme(),
            standard_webhooks::verifier(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", whpk.as_str()])
                .unwrap(),
            json_body(),
            &[],
            None,
            None,
            "webhook-signature",
            &["webhook-id", "webhook-timestamp"],
            true,
        );
        let v1a = Genuine {
            headers: super::resign(&v1a, &Secret::from_standard_webhooks(&whsk).unwrap()),
            ..v1a
        };
        vec![
            jwt(
                "vonage",
                vonage::scheme(),
                vonage::verifier(secrets()),
                &Secret::new(SECRET),
                Win::Both,
            ),
            plaid,
            jwt(
                "google_pubsub",
                google_pubsub::scheme(audience, email),
                Verifier::with_keys(google_pubsub::scheme(audience, email), [rsa_public]),
                &rsa_secret,
                Win::Expires,
            ),
            paypal,
            v1a,
        ]
    }
}

/// `g`'s request signed again by its verifier's scheme with `secret` (a private key),
/// keeping the headers the sender chose.
#[cfg(all(feature = "jwt", feature = "rsa"))]
fn resign(g: &Genuine, secret: &Secret) -> Vec<(String, Vec<u8>)> {
    let chosen: Vec<(String, String)> = g
        .headers
        .iter()
        .map(|(n, v)| (n.clone(), String::from_utf8(v.clone()).unwrap()))
        .collect();
    let request = Request::new(&g.body, &chosen);
    let signed = match g.preset {
        "paypal" => paypal::scheme("WH-TEST").sign_request(&request, secret, now()),
        _ => standard_webhooks::scheme().sign_request(&request, secret, now()),
    };
    let mut headers = chosen;
    for (name, value) in signed {
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case(&name));
        headers.push((name, value));
    }
    headers
        .into_iter()
        .map(|(n, v)| (n, v.into_bytes()))
        .collect()
}

fn discord_genuine() -> Genuine {
    use ed25519_dalek::{Signer, SigningKey};
    let key = SigningKey::from_bytes(&[7; 32]);
    let body = br#"{"type":1,"id":"787053080478613555"}"#.to_vec();
    let ts = T.to_string();
    let message = [ts.as_bytes(), &body].concat();
    let signature = hex::encode(key.sign(&message).to_bytes());
    let public = hex::encode(key.verifying_key().to_bytes());
    Genuine {
        preset: "discord",
        verifier: discord::verifier([public]).unwrap().into_dyn(),
        body,
        headers: vec![
            (discord::SIGNATURE_HEADER.into(), signature.into_bytes()),
            (discord::TIMESTAMP_HEADER.into(), ts.into_bytes()),
        ],
        url: None,
        method: None,
        signature: discord::SIGNATURE_HEADER,
        signed_headers: &[discord::TIMESTAMP_HEADER],
        window: Win::None,
    }
}

fn sendgrid_genuine() -> Genuine {
    use base64::Engine as _;
    use p256::ecdsa::{DerSignature, SigningKey, signature::Signer};
    use p256::pkcs8::EncodePublicKey;
    let b64 = base64::engine::general_purpose::STANDARD;
    let key = SigningKey::from_slice(&[9; 32]).unwrap();
    let body =
        br#"[{"email":"a@example.com","event":"processed","timestamp":1700000000}]"#.to_vec();
    let ts = T.to_string();
    let message = [ts.as_bytes(), &body].concat();
    let signature: DerSignature = key.sign(&message);
    let public = b64.encode(key.verifying_key().to_public_key_der().unwrap().as_bytes());
    Genuine {
        preset: "sendgrid",
        verifier: sendgrid::verifier([public]).unwrap().into_dyn(),
        body,
        headers: vec![
            (
                sendgrid::SIGNATURE_HEADER.into(),
                b64.encode(signature.as_bytes()).into_bytes(),
            ),
            (sendgrid::TIMESTAMP_HEADER.into(), ts.into_bytes()),
        ],
        url: None,
        method: None,
        signature: sendgrid::SIGNATURE_HEADER,
        signed_headers: &[sendgrid::TIMESTAMP_HEADER],
        window: Win::None,
    }
}

/// What a mutation must produce.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Want {
    Accepted,
    Missing,
    Conflicting,
    Mismatch,
    /// A token that is none of the configured ones (GitLab's).
    TokenMismatch,
    /// A 400 (a header or field not of the form) or a 401 (not signed that way): both
    /// are right for some shapes, e.g. a truncated token is a mismatch, a truncated MAC
    /// has the wrong length.
    Refused,
    Malformed,
    TooOld,
    InFuture,
    /// A token past its validity (`NotValidNow`).
    Expired,
    /// An authenticated value refused: a body hash claim that does not match.
    NotAccepted,
}

fn matches(want: Want, got: &Result<(), Error>) -> bool {
    match (want, got) {
        (Want::Accepted, Ok(())) => true,
        (_, Ok(())) => false,
        (Want::Missing, Err(Error::MissingHeader { .. })) => true,
        (Want::Conflicting, Err(Error::ConflictingHeaders { .. })) => true,
        (Want::Mismatch, Err(Error::SignatureMismatch)) => true,
        (Want::TokenMismatch, Err(Error::TokenMismatch)) => true,
        (Want::Malformed, Err(Error::MalformedHeader { .. })) => true,
        (Want::TooOld, Err(Error::TimestampTooOld { .. })) => true,
        (Want::InFuture, Err(Error::TimestampInFuture { .. })) => true,
        (Want::Expired, Err(Error::NotValidNow { .. })) => true,
        (Want::NotAccepted, Err(Error::ValueNotAccepted { .. })) => true,
        (Want::Refused, Err(e)) => matches!(e.status(), 400 | 401),
        _ => false,
    }
}

/// Changes the last character to another one of the same class (a hex digit for a hex
/// digit, a base64 letter for a letter), keeping the value's form and length.
fn flip_last_symbol(value: &[u8]) -> Vec<u8> {
    let mut v = value.to_vec();
    let i = v.iter().rposition(|b| b.is_ascii_alphanumeric()).unwrap();
    v[i] = match v[i] {
        b'0' => b'1',
        b'a' => b'b',
        b'A' => b'B',
        _ => b'0',
    };
    v
}

#[test]
fn every_preset_refuses_every_mutation_with_the_right_error() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for g in presets() {
        let mut check = |what: &str,
                         body: &[u8],
                         headers: Vec<(String, Vec<u8>)>,
                         at: OffsetDateTime,
                         want: Want| {
            checked += 1;
            let got = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                g.verify(body, &headers, at)
            }));
            match got {
                Err(_) => failures.push(format!("{}: {what}: panicked", g.preset)),
                Ok(got) if !matches(want, &got) => {
                    failures.push(format!(
                        "{}: {what}: wanted {want:?}, got {got:?}",
                        g.preset
                    ));
                }
                Ok(Err(e)) if e.to_string().is_empty() => {
                    failures.push(format!("{}: {what}: an error without a message", g.preset));
                }
                Ok(_) => {}
            }
        };
        let body = g.body.clone();
        let sig = g.value(g.signature);
        let hex_mac = sig.iter().all(u8::is_ascii_hexdigit) && sig.len() >= 40;

        check("genuine", &body, g.headers.clone(), now(), Want::Accepted);
        let lower: Vec<_> = g
            .headers
            .iter()
            .map(|(n, v)| (n.to_ascii_lowercase(), v.clone()))
            .collect();
        check(
            "header names in lowercase",
            &body,
            lower,
            now(),
            Want::Accepted,
        );
        let upper: Vec<_> = g
            .headers
            .iter()
            .map(|(n, v)| (n.to_ascii_uppercase(), v.clone()))
            .collect();
        check(
            "header names in uppercase",
            &body,
            upper,
            now(),
            Want::Accepted,
        );
        let mut twice = g.headers.clone();
        twice.push((g.signature.to_string(), sig.clone()));
        check(
            "signature repeated, same value",
            &body,
            twice,
            now(),
            Want::Accepted,
        );

        // The body.
        let mut longer = body.clone();
        longer.push(b' ');
        // GitLab's, Telegram's and Buildkite's tokens and Postmark's Basic credentials are
        // shared passwords, and Pub/Sub's token authenticates the sender only: they say
        // nothing of the body. Vonage's and Plaid's tokens carry the
        // body's hash.
        let body_want = match g.preset {
            "gitlab" | "google_pubsub" | "telegram" | "buildkite token" | "postmark" | "okta" => {
                Want::Accepted
            }
            "vonage" | "plaid" => Want::NotAccepted,
            _ => Want::Mismatch,
        };
        // The last base64 symbol of a JWT or an RSA signature (or of Postmark's Basic
        // credentials) carries unused bits.
        let unused_bits = matches!(
            g.preset,
            "vonage" | "plaid" | "google_pubsub" | "paypal" | "postmark"
        );
        check(
            "a byte appended to the body",
            &longer,
            g.headers.clone(),
            now(),
            body_want,
        );
        let mut changed = body.clone();
        let i = changed.iter().position(|b| b.is_ascii_digit()).unwrap();
        changed[i] = if changed[i] == b'1' { b'2' } else { b'1' };
        check(
            "a digit of the body changed",
            &changed,
            g.headers.clone(),
            now(),
            body_want,
        );

        // The signature header.
        check(
            "signature header missing",
            &body,
            g.with_value(g.signature, None),
            now(),
            Want::Missing,
        );
        check(
            "signature empty",
            &body,
            g.with_value(g.signature, Some(Vec::new())),
            now(),
            Want::Malformed,
        );
        check(
            "signature blank",
            &body,
            g.with_value(g.signature, Some(b"   ".to_vec())),
            now(),
            Want::Malformed,
        );
        check(
            "signature's last symbol changed",
            &body,
            g.with_value(g.signature, Some(flip_last_symbol(&sig))),
            now(),
            if matches!(g.preset, "gitlab" | "telegram" | "buildkite token" | "okta") {
                Want::TokenMismatch
            } else if unused_bits {
                // Changing it may change only those bits: malformed, or a mismatch.
                Want::Refused
            } else {
                Want::Mismatch
            },
        );
        check(
            "signature truncated by one",
            &body,
            g.with_value(g.signature, Some(sig[..sig.len() - 1].to_vec())),
            now(),
            Want::Refused,
        );
        check(
            "signature halved",
            &body,
            g.with_value(g.signature, Some(sig[..sig.len() / 2].to_vec())),
            now(),
            Want::Refused,
        );
        let mut extended = sig.clone();
        extended.push(b'0');
        check(
            "signature with a digit more",
            &body,
            g.with_value(g.signature, Some(extended)),
            now(),
            Want::Refused,
        );
        let upper_sig = sig.to_ascii_uppercase();
        if upper_sig != sig {
            let want = if hex_mac {
                Want::Malformed
            } else {
                Want::Refused
            };
            check(
                "signature in uppercase",
                &body,
                g.with_value(g.signature, Some(upper_sig)),
                now(),
                want,
            );
        }
        let mut non_ascii = sig.clone();
        non_ascii.extend_from_slice("é".as_bytes());
        check(
            "signature with a non-ASCII byte",
            &body,
            g.with_value(g.signature, Some(non_ascii)),
            now(),
            Want::Malformed,
        );
        let mut nul = sig.clone();
        nul.insert(sig.len() / 2, 0);
        check(
            "signature with a NUL byte inside",
            &body,
            g.with_value(g.signature, Some(nul)),
            now(),
            Want::Refused,
        );
        let huge = [sig.as_slice(), &vec![b'a'; 64 * 1024]].concat();
        check(
            "signature 64 KiB long",
            &body,
            g.with_value(g.signature, Some(huge)),
            now(),
            Want::Refused,
        );
        let mut conflicting = g.headers.clone();
        conflicting.push((g.signature.to_string(), flip_last_symbol(&sig)));
        check(
            "signature repeated, different values",
            &body,
            conflicting,
            now(),
            Want::Conflicting,
        );

        // The other headers the signature covers.
        for &name in g.signed_headers {
            let value = g.value(name);
            check(
                &format!("{name} missing"),
                &body,
                g.with_value(name, None),
                now(),
                Want::Refused,
            );
            check(
                &format!("{name} empty"),
                &body,
                g.with_value(name, Some(Vec::new())),
                now(),
                Want::Refused,
            );
            check(
                &format!("{name} changed"),
                &body,
                g.with_value(name, Some(flip_last_symbol(&value))),
                now(),
                Want::Refused,
            );
            let mut twice = g.headers.clone();
            twice.push((name.to_string(), flip_last_symbol(&value)));
            check(
                &format!("{name} repeated, different values"),
                &body,
                twice,
                now(),
                Want::Conflicting,
            );
        }

        // The clock.
        let day = hookverify::time::Duration::days(1);
        let (later, earlier) = match g.window {
            Win::None => (Want::Accepted, None),
            Win::Both => (Want::TooOld, Some(Want::InFuture)),
            Win::PastOnly => (Want::TooOld, Some(Want::Accepted)),
            Win::Expires => (Want::Expired, Some(Want::Expired)),
        };
        check(
            "verified a day later",
            &body,
            g.headers.clone(),
            now() + day,
            later,
        );
        if let Some(earlier) = earlier {
            check(
                "verified a day earlier",
                &body,
                g.headers.clone(),
                now() - day,
                earlier,
            );
        }

        // The URL and method, where they are signed.
        if g.url.is_some() {
            let mut other = Genuine {
                url: Some("https://example.com/webhooks/in?x=2"),
                ..g
            };
            let got = other.verify(&body, &other.headers, now());
            checked += 1;
            if !matches(Want::Mismatch, &got) {
                failures.push(format!("{}: another URL: got {got:?}", other.preset));
            }
            other.url = None;
            let got = other.verify(&body, &other.headers, now());
            checked += 1;
            if !matches!(got, Err(Error::MissingRequestPart { .. })) {
                failures.push(format!("{}: no URL given: got {got:?}", other.preset));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 400, "only {checked} checks");
}

#[test]
fn mailgun_refuses_every_mutation_of_its_signature_object() {
    let key = Secret::new(SECRET);
    let token = "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0";
    let event = r#"{"event":"delivered","id":"CPgfbmQMTCKtHW6uIWtuVe"}"#;
    let genuine = mailgun::signed_body(event, &key, T, token);
    let verifier = mailgun::verifier([key.clone()]).with_name("mailgun");
    let verify = |body: &str| {
        verifier
            .verify_at(body.as_bytes(), &(), now())
            .map(|v| v.delivery_id().map(str::to_owned))
    };
    assert_eq!(verify(&genuine).unwrap().as_deref(), Some(token));

    let parsed: serde_json::Value = serde_json::from_str(&genuine).unwrap();
    let sig = parsed["signature"]["signature"]
        .as_str()
        .unwrap()
        .to_string();
    let with = |field: &str, value: serde_json::Value| {
        let mut body = parsed.clone();
        match value {
            serde_json::Value::Null => {
                body["signature"].as_object_mut().unwrap().remove(field);
            }
            value => body["signature"][field] = value,
        }
        body.to_string()
    };
    use serde_json::json;
    let missing = |r: &Result<_, Error>| matches!(r, Err(Error::MissingBodyField { .. }));
    let malformed = |r: &Result<_, Error>| matches!(r, Err(Error::MalformedBodyField { .. }));
    let mismatch = |r: &Result<_, Error>| matches!(r, Err(Error::SignatureMismatch));
    type Check = fn(&Result<Option<String>, Error>) -> bool;
    let cases: Vec<(&str, String, Check)> = vec![
        (
            "not JSON",
            "timestamp=1&token=2&signature=3".into(),
            missing,
        ),
        ("empty body", String::new(), missing),
        (
            "no signature object",
            json!({"event-data": {}}).to_string(),
            missing,
        ),
        (
            "signature is a string",
            json!({"signature": sig}).to_string(),
            missing,
        ),
        ("no timestamp", with("timestamp", json!(null)), missing),
        ("no token", with("token", json!(null)), missing),
        ("no signature", with("signature", json!(null)), missing),
        ("empty token", with("token", json!("")), malformed),
        ("empty signature", with("signature", json!("")), malformed),
        (
            "uppercase signature",
            with("signature", json!(sig.to_uppercase())),
            malformed,
        ),
        (
            "truncated signature",
            with("signature", json!(&sig[..63])),
            malformed,
        ),
        (
            "signature not hex",
            with("signature", json!(format!("{}g", &sig[..63]))),
            malformed,
        ),
        (
            "timestamp not a number",
            with("timestamp", json!("soon")),
            malformed,
        ),
        (
            "timestamp negative",
            with("timestamp", json!("-1700000000")),
            malformed,
        ),
        (
            "timestamp changed",
            with("timestamp", json!((T + 1).to_string())),
            mismatch,
        ),
        (
            "token changed",
            with("token", json!(format!("{}x", &token[..49]))),
            mismatch,
        ),
        (
            "signature's last digit changed",
            with(
                "signature",
                json!(format!(
                    "{}{}",
                    &sig[..63],
                    if sig.ends_with('0') { '1' } else { '0' }
                )),
            ),
            mismatch,
        ),
    ];
    let mut failures = Vec::new();
    for (name, body, ok) in cases {
        let got = verify(&body);
        if !ok(&got) {
            failures.push(format!("{name}: got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // A timestamp sent as a number is read as the same digits.
    assert!(verify(&with("timestamp", json!(T))).is_ok());
    // The signature covers the timestamp and the token, not the event: the same object on
    // another event verifies, which is why the token is the delivery id to deduplicate on.
    let replayed = genuine.replace("delivered", "failed");
    assert_eq!(verify(&replayed).unwrap().as_deref(), Some(token));
    // With a window, old signatures are refused.
    let windowed = Verifier::new(
        mailgun::scheme().with_window(hookverify::schemes::Window::tolerance(
            std::time::Duration::from_secs(300),
        )),
        [key],
    );
    let later = now() + hookverify::time::Duration::minutes(6);
    assert!(matches!(
        windowed.verify_at(genuine.as_bytes(), &(), later),
        Err(Error::TimestampTooOld { .. })
    ));
}

/// AWS SNS signs fields of the body: a notification made by `aws_sns::signed_notification`
/// verifies with the certificate's key, and every change to a signed field, to the
/// signature or to the certificate URL is refused with the right error.
#[cfg(all(feature = "jwt", feature = "rsa"))]
#[test]
fn aws_sns_refuses_every_mutation_of_its_message() {
    use hookverify::providers::aws_sns;
    use hookverify::{Key, PublicKey};
    use rsa::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _, EncodePublicKey as _};
    let private = rsa::PrivateKey::from_pkcs8_pem(&keyed::pem("sns_genuine")).unwrap();
    let secret = Secret::new(private.to_pkcs8_der().unwrap().as_bytes());
    let public = private.to_public_key().to_public_key_der().unwrap();
    let key = || Key::from(PublicKey::rsa_der(public.as_bytes()).unwrap());
    let topic = "arn:aws:sns:us-east-1:123456789012:orders";
    let cert = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123abcd.pem";
    let genuine = aws_sns::signed_notification(
        topic,
        Some("Order shipped"),
        "{\"order\":\"A-1\"}\nline two",
        "4d4dc071-ddbf-465d-bba8-08f81c89da64",
        now(),
        cert,
        &secret,
    )
    .unwrap();
    let verifier = Verifier::with_keys(aws_sns::scheme(), [key()]).topics([topic]);
    let verify = |body: &str| verifier.verify_at(body.as_bytes(), &(), now()).map(drop);
    let verified = verifier.verify_at(genuine.as_bytes(), &(), now()).unwrap();
    assert_eq!(
        verified.delivery_id(),
        Some("4d4dc071-ddbf-465d-bba8-08f81c89da64")
    );
    assert_eq!(verified.event_type(), Some("Notification"));

    let parsed: serde_json::Value = serde_json::from_str(&genuine).unwrap();
    let with = |field: &str, value: Option<&str>| {
        let mut body = parsed.clone();
        match value {
            None => {
                body.as_object_mut().unwrap().remove(field);
            }
            Some(value) => body[field] = value.into(),
        }
        body.to_string()
    };
    type Check = fn(&Result<(), Error>) -> bool;
    let mismatch: Check = |r| matches!(r, Err(Error::SignatureMismatch));
    let missing: Check = |r| matches!(r, Err(Error::MissingBodyField { .. }));
    let malformed: Check = |r| matches!(r, Err(Error::MalformedBodyField { .. }));
    let untrusted: Check = |r| matches!(r, Err(Error::UntrustedKeyUrl { .. }));
    let refused: Check = |r| matches!(r, Err(Error::ValueNotAccepted { .. }));
    let sig = parsed["Signature"].as_str().unwrap().to_string();
    let cases: Vec<(&str, String, Check)> = vec![
        ("Message changed", with("Message", Some("{}")), mismatch),
        ("Subject changed", with("Subject", Some("x")), mismatch),
        ("Subject removed", with("Subject", None), mismatch),
        ("MessageId changed", with("MessageId", Some("x")), mismatch),
        (
            "Timestamp changed",
            with("Timestamp", Some("2023-11-14T22:13:21Z")),
            mismatch,
        ),
        (
            "signed as version 1",
            with("SignatureVersion", Some("1")),
            mismatch,
        ),
        ("version 3", with("SignatureVersion", Some("3")), malformed),
        (
            "Type changed",
            with("Type", Some("SubscriptionConfirmation")),
            missing,
        ),
        ("Type unknown", with("Type", Some("Other")), malformed),
        ("no Signature", with("Signature", None), missing),
        (
            "Signature not base64",
            with("Signature", Some("%%%")),
            malformed,
        ),
        (
            "Signature truncated",
            with("Signature", Some(&sig[..sig.len() - 4])),
            mismatch,
        ),
        ("no SigningCertURL", with("SigningCertURL", None), missing),
        ("no TopicArn", with("TopicArn", None), missing),
        ("no Message", with("Message", None), missing),
        (
            "cert URL on another host",
            with(
                "SigningCertURL",
                Some("https://sns.us-east-1.amazonaws.com.evil.example/a.pem"),
            ),
            untrusted,
        ),
        (
            "cert URL over http",
            with("SigningCertURL", Some(&cert.replace("https", "http"))),
            untrusted,
        ),
        // Found by the `sns` fuzz target (fuzz/regressions/sns/): a field that absorbs the
        // optional Subject's line verified with another delivery id; a JSON array of the
        // field values read as the message.
        (
            "MessageId absorbs the Subject",
            {
                let mut body = parsed.clone();
                let absorbed = format!(
                    "{}\nSubject\n{}",
                    parsed["MessageId"].as_str().unwrap(),
                    parsed["Subject"].as_str().unwrap()
                );
                body["MessageId"] = absorbed.into();
                body.as_object_mut().unwrap().remove("Subject");
                body.to_string()
            },
            malformed,
        ),
        (
            "the fields as a JSON array",
            serde_json::to_string(&[
                &parsed["Type"],
                &parsed["MessageId"],
                &parsed["TopicArn"],
                &parsed["Subject"],
                &parsed["Message"],
                &parsed["Timestamp"],
                &parsed["SignatureVersion"],
                &parsed["Signature"],
                &parsed["SigningCertURL"],
                &serde_json::Value::Null,
                &serde_json::Value::Null,
            ])
            .unwrap(),
            malformed,
        ),
        ("not JSON", "Type=Notification".into(), malformed),
        ("empty body", String::new(), malformed),
        (
            "a field given twice",
            genuine.replacen("{", "{\"Message\":\"x\",", 1),
            malformed,
        ),
    ];
    let mut failures = Vec::new();
    for (name, body, ok) in cases {
        let got = verify(&body);
        if !ok(&got) {
            failures.push(format!("{name}: got {got:?}"));
        }
    }
    // Another topic, signed by SNS: refused by the allow-list.
    let other = aws_sns::signed_notification(
        "arn:aws:sns:us-east-1:999999999999:theirs",
        None,
        "hi",
        "m2",
        now(),
        cert,
        &secret,
    )
    .unwrap();
    if !refused(&verify(&other)) {
        failures.push("another topic accepted".into());
    }
    // The header that repeats the type must agree with the body.
    let header = [("x-amz-sns-message-type", "SubscriptionConfirmation")];
    if !refused(
        &verifier
            .verify_at(genuine.as_bytes(), &header, now())
            .map(drop),
    ) {
        failures.push("a contradicting x-amz-sns-message-type accepted".into());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
