//! Vectors computed by code other than this crate, each file in `tests/data/vectors/` one
//! test: the seed providers' own sample code (Node.js, `tests/data/gen/sign_seeds.js`),
//! Python's standard `hmac` (`tests/data/gen/sign_python.py`), the official Stripe and
//! Standard Webhooks libraries (`tests/data/gen/sign_official.py`), GitHub's
//! `@octokit/webhooks-methods` (`tests/data/gen/sign_octokit.mjs`), the vectors GitHub
//! and Standard Webhooks publish (`published.json`), and for the other presets their
//! providers' own libraries and documentation samples (`tests/data/gen/sign_sdks.py`),
//! each case with what that code said of it.

use base64::Engine as _;
use hookverify::providers::{
    github, inmemory4, livingdocs, memento, memo_bank, pocketbook, standard_webhooks, stripe,
};
use hookverify::{Error, Request, Scheme, Secret, Verifier};
use serde::Deserialize;
use time::OffsetDateTime;

#[derive(Deserialize)]
struct File {
    source: String,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
// Without every provider feature, the fields only those providers read go unread.
#[cfg_attr(
    not(all(feature = "sha1", feature = "ed25519", feature = "p256")),
    allow(dead_code)
)]
struct Case {
    name: String,
    provider: String,
    #[serde(default)]
    secrets: Vec<String>,
    /// Public keys (Discord, SendGrid) instead of secrets.
    #[serde(default)]
    public_keys: Vec<String>,
    /// The URL and method the request was sent with, for the providers that sign them.
    url: Option<String>,
    method: Option<String>,
    /// Square's configured notification URL.
    notification_url: Option<String>,
    /// What the provider's own code said of the request.
    sdk: Option<bool>,
    /// Why hookverify deliberately answers otherwise than the provider's code.
    differs: Option<String>,
    /// `whsec`: Standard Webhooks secrets, base64 behind the prefix.
    secrets_encoding: Option<String>,
    body: Option<String>,
    body_b64: Option<String>,
    headers: Vec<(String, String)>,
    now: i64,
    expect: String,
    #[serde(alias = "key_index")]
    secret_index: Option<usize>,
}

/// The preset's verifier for a case: its secrets, or its public keys.
fn verifier(c: &Case) -> Verifier<Box<dyn Scheme>> {
    #[cfg(all(feature = "sha1", feature = "ed25519", feature = "p256"))]
    {
        use hookverify::providers::*;
        let secrets = || c.secrets.iter().map(|s| Secret::new(s.as_str()));
        let named = match c.provider.as_str() {
            "slack" => Some(slack::verifier(secrets()).into_dyn()),
            "shopify" => Some(shopify::verifier(secrets()).into_dyn()),
            "square" => {
                let url = c.notification_url.clone().expect("notification_url");
                Some(square::verifier(url, secrets()).into_dyn())
            }
            "paddle" => Some(paddle::verifier(secrets()).into_dyn()),
            "discord" => Some(discord::verifier(&c.public_keys).unwrap().into_dyn()),
            "sendgrid" => Some(sendgrid::verifier(&c.public_keys).unwrap().into_dyn()),
            "hubspot" => Some(hubspot::verifier(secrets()).into_dyn()),
            "twilio" => Some(twilio::verifier(secrets()).into_dyn()),
            "twilio_shared_key" => Some(twilio::verifier_shared_key(secrets()).into_dyn()),
            "intercom" => Some(intercom::verifier(secrets()).into_dyn()),
            "bitbucket" => Some(bitbucket::verifier(secrets()).into_dyn()),
            "typeform" => Some(typeform::verifier(secrets()).into_dyn()),
            "dropbox" => Some(dropbox::verifier(secrets()).into_dyn()),
            "gitlab" => Some(gitlab::verifier(secrets()).into_dyn()),
            "calendly" => Some(calendly::verifier(secrets()).into_dyn()),
            "twitch" => Some(twitch::verifier(secrets()).into_dyn()),
            "zoom" => Some(zoom::verifier(secrets()).into_dyn()),
            "mailgun" => Some(mailgun::verifier(secrets()).into_dyn()),
            "linear" => Some(linear::verifier(secrets()).into_dyn()),
            "svix" => Some(svix::verifier(&c.secrets).unwrap().into_dyn()),
            "clerk" => Some(clerk::verifier(&c.secrets).unwrap().into_dyn()),
            "resend" => Some(resend::verifier(&c.secrets).unwrap().into_dyn()),
            "openai" => Some(openai::verifier(&c.secrets).unwrap().into_dyn()),
            "replicate" => Some(replicate::verifier(&c.secrets).unwrap().into_dyn()),
            "polar" => Some(polar::verifier(&c.secrets).into_dyn()),
            _ => providers_22a(c)
                .or_else(|| providers_22b(c))
                .or_else(|| providers_22c(c)),
        };
        if let Some(verifier) = named {
            return verifier;
        }
    }
    let secrets = c
        .secrets
        .iter()
        .map(|s| match c.secrets_encoding.as_deref() {
            Some("whsec") => Secret::from_standard_webhooks(s).unwrap(),
            None => Secret::new(s.as_str()),
            Some(other) => panic!("unknown encoding {other}"),
        });
    Verifier::new(scheme(&c.provider), secrets)
}

/// The verifiers of `providers_22a.json`: Zendesk, Box, Mux, Sanity, PagerDuty, Vercel,
/// WooCommerce, Xero, Sentry, Lemon Squeezy.
#[cfg(all(feature = "sha1", feature = "ed25519", feature = "p256"))]
fn providers_22a(c: &Case) -> Option<Verifier<Box<dyn Scheme>>> {
    use hookverify::providers::{
        box_com, lemon_squeezy, mux, pagerduty, sanity, sentry, vercel, woocommerce, xero, zendesk,
    };
    let secrets = || c.secrets.iter().map(|s| Secret::new(s.as_str()));
    match c.provider.as_str() {
        "zendesk" => Some(zendesk::verifier(secrets()).into_dyn()),
        "box" => Some(box_com::verifier(secrets()).into_dyn()),
        "mux" => Some(mux::verifier(secrets()).into_dyn()),
        "sanity" => Some(sanity::verifier(secrets()).into_dyn()),
        "pagerduty" => Some(pagerduty::verifier(secrets()).into_dyn()),
        "vercel" => Some(vercel::verifier(secrets()).into_dyn()),
        "woocommerce" => Some(woocommerce::verifier(secrets()).into_dyn()),
        "xero" => Some(xero::verifier(secrets()).into_dyn()),
        "sentry" => Some(sentry::verifier(secrets()).into_dyn()),
        "lemonsqueezy" => Some(lemon_squeezy::verifier(secrets()).into_dyn()),
        _ => None,
    }
}

/// The verifiers of `providers_22b.json`: Coinbase Commerce, LINE, Meta, Telegram,
/// Buildkite, Frame.io, Trello, Mandrill, Telnyx, Postmark.
#[cfg(all(feature = "sha1", feature = "ed25519", feature = "p256"))]
fn providers_22b(c: &Case) -> Option<Verifier<Box<dyn Scheme>>> {
    use hookverify::providers::{
        buildkite, coinbase_commerce, frameio, line, mandrill, meta, postmark, telegram, telnyx,
        trello,
    };
    let secrets = || c.secrets.iter().map(|s| Secret::new(s.as_str()));
    // Trello and Mandrill sign the URL registered with them, which their verifiers are
    // given: here the URL the request was delivered to.
    let url = || c.url.clone().expect("url");
    Some(match c.provider.as_str() {
        "coinbase" => coinbase_commerce::verifier(secrets()).into_dyn(),
        "line" => line::verifier(secrets()).into_dyn(),
        "meta" => meta::verifier(secrets()).into_dyn(),
        "telegram" => telegram::verifier(secrets()).into_dyn(),
        "buildkite" => buildkite::verifier(secrets()).into_dyn(),
        "buildkite_token" => buildkite::verifier_token(secrets()).into_dyn(),
        "frameio" => frameio::verifier(secrets()).into_dyn(),
        "trello" => trello::verifier(url(), secrets()).into_dyn(),
        "mandrill" => mandrill::verifier(url(), secrets()).into_dyn(),
        "telnyx" => telnyx::verifier(&c.public_keys).unwrap().into_dyn(),
        "postmark" => postmark::verifier(secrets()).into_dyn(),
        _ => return None,
    })
}

/// The verifiers of `providers_22c.json`: DocuSign Connect, Nylas, Asana, Okta event
/// hooks, Jira admin webhooks, Contentful.
#[cfg(all(feature = "sha1", feature = "ed25519", feature = "p256"))]
fn providers_22c(c: &Case) -> Option<Verifier<Box<dyn Scheme>>> {
    use hookverify::providers::{asana, contentful, docusign, jira, nylas, okta};
    let secrets = || c.secrets.iter().map(|s| Secret::new(s.as_str()));
    Some(match c.provider.as_str() {
        "docusign" => docusign::verifier(secrets()).into_dyn(),
        "nylas" => nylas::verifier(secrets()).into_dyn(),
        "asana" => asana::verifier(secrets()).into_dyn(),
        "okta" => okta::verifier(secrets()).into_dyn(),
        "jira" => jira::verifier(secrets()).into_dyn(),
        "contentful" => contentful::verifier(secrets()).into_dyn(),
        _ => return None,
    })
}

fn scheme(provider: &str) -> Box<dyn Scheme> {
    match provider {
        "memento" => Box::new(memento::scheme()),
        "livingdocs" => Box::new(livingdocs::scheme()),
        "pocketbook" => Box::new(pocketbook::scheme()),
        "memo_bank" => Box::new(memo_bank::scheme()),
        "inmemory4" => Box::new(inmemory4::scheme()),
        "github" => Box::new(github::scheme()),
        "stripe" => Box::new(stripe::scheme()),
        "standard_webhooks" => Box::new(standard_webhooks::scheme()),
        other => panic!("unknown provider {other}"),
    }
}

fn run(path: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let file: File = serde_json::from_str(&text).unwrap();
    assert!(!file.cases.is_empty(), "{path} has no cases");
    let mut failures = Vec::new();
    for c in &file.cases {
        let body = match (&c.body, &c.body_b64) {
            (Some(b), _) => b.as_bytes().to_vec(),
            (None, Some(b)) => base64::engine::general_purpose::STANDARD.decode(b).unwrap(),
            (None, None) => panic!("{}: no body", c.name),
        };
        let verifier = verifier(c);
        let now = OffsetDateTime::from_unix_timestamp(c.now).unwrap();
        let mut request = Request::new(&body, &c.headers);
        if let Some(url) = &c.url {
            request = request.with_url(url);
        }
        if let Some(method) = &c.method {
            request = request.with_method(method);
        }
        let got = verifier.verify_request_at(&request, now);
        if let Some(sdk) = c.sdk {
            match &c.differs {
                None if sdk != got.is_ok() => failures.push(format!(
                    "{}: the provider's code says {sdk}, hookverify {got:?}",
                    c.name
                )),
                Some(why) if sdk == got.is_ok() => failures.push(format!(
                    "{}: marked as a difference ({why}), yet both say {sdk}",
                    c.name
                )),
                _ => {}
            }
        }
        let ok = match (c.expect.as_str(), &got) {
            ("ok", Ok(v)) => Some(v.key_index()) == c.secret_index && v.body() == body,
            ("mismatch", Err(Error::SignatureMismatch | Error::TokenMismatch)) => true,
            ("token_mismatch", Err(Error::TokenMismatch)) => true,
            ("too_old", Err(Error::TimestampTooOld { .. })) => true,
            ("in_future", Err(Error::TimestampInFuture { .. })) => true,
            ("malformed", Err(Error::MalformedHeader { .. })) => true,
            ("missing_header", Err(Error::MissingHeader { .. })) => true,
            ("conflicting", Err(Error::ConflictingHeaders { .. })) => true,
            ("no_secrets", Err(Error::NoSecrets)) => true,
            ("deprecated", Err(Error::DeprecatedHeader { .. })) => true,
            ("missing_body_field", Err(Error::MissingBodyField { .. })) => true,
            ("malformed_body_field", Err(Error::MalformedBodyField { .. })) => true,
            _ => false,
        };
        if !ok {
            failures.push(format!("{}: expected {}, got {:?}", c.name, c.expect, got));
        }
    }
    assert!(
        failures.is_empty(),
        "{} ({}):\n{}",
        path,
        file.source,
        failures.join("\n")
    );
}

macro_rules! vector_file {
    ($($name:ident => $file:literal),* $(,)?) => {$(
        #[test]
        fn $name() {
            run(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/vectors/", $file));
        }
    )*};
}

vector_file! {
    seed_sample_code => "seed_sample_code.json",
    python_hmac => "python_hmac.json",
    official_python => "official_python.json",
    octokit => "octokit.json",
    published => "published.json",
}

#[cfg(all(feature = "sha1", feature = "ed25519", feature = "p256"))]
vector_file! {
    sdk_python => "sdk_python.json",
    sdk_node => "sdk_node.json",
    published_providers => "published_providers.json",
    standard_webhooks_family => "standard_webhooks_family.json",
    providers_22a_json => "providers_22a.json",
    providers_22b_json => "providers_22b.json",
    providers_22c_json => "providers_22c.json",
}
