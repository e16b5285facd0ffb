//! Presets for the providers this crate serves: each module has `scheme()`,
//! `verifier(secrets)`, and docs on what the provider sends.
//!
//! | module | header | what is signed | tolerance | feature |
//! |---|---|---|---|---|
//! | [`memento`] | `Signature: <hex>` | raw body, HMAC-SHA256 | none (no timestamp) | |
//! | [`memo_bank`] | `Authorization: Bearer <token>` | nothing (static token) | none | |
//! | [`inmemory4`] | `Signature: <API key>` | nothing (static token) | none | |
//! | [`pocketbook`] | `X-Webhook-Signature: t=<unix>,v1=<hex>` | `"<t>." ++ raw body`, HMAC-SHA256 | 300 s | |
//! | [`livingdocs`] | `x-livingdocs-signature: sha256=<hex>` | raw body, HMAC-SHA256 | none (no timestamp) | |
//! | [`github`] | `X-Hub-Signature-256: sha256=<hex>` | raw body, HMAC-SHA256 | none (no timestamp) | |
//! | [`stripe`] | `Stripe-Signature: t=<unix>,v1=<hex>` | `"<t>." ++ raw body`, HMAC-SHA256 | 300 s | |
//! | [`standard_webhooks`] | `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>` | `"<id>.<t>." ++ raw body`, HMAC-SHA256 | 300 s | |
//! | [`slack`] | `X-Slack-Signature: v0=<hex>` | `"v0:<t>:" ++ raw body`, HMAC-SHA256 | 300 s | |
//! | [`shopify`] | `X-Shopify-Hmac-Sha256: <base64>` | raw body, HMAC-SHA256 | none (no timestamp) | |
//! | [`square`] | `x-square-hmacsha256-signature: <base64>` | notification URL `++` raw body, HMAC-SHA256 | none (no timestamp) | |
//! | `twilio` | `X-Twilio-Signature: <base64>` | URL `++` sorted form parameters, HMAC-SHA1 (SHA-256 with a SharedKey) | none (no timestamp) | `sha1` |
//! | `discord` | `X-Signature-Ed25519: <hex>` | `<t> ++ raw body`, Ed25519 | none | `ed25519` |
//! | `sendgrid` | `X-Twilio-Email-Event-Webhook-Signature: <base64>` | `<t> ++ raw body`, ECDSA P-256 | none | `p256` |
//! | [`paddle`] | `Paddle-Signature: ts=<unix>;h1=<hex>` | `"<ts>:" ++ raw body`, HMAC-SHA256 | 5 s | |
//! | [`linear`] | `Linear-Signature: <hex>` | raw body, HMAC-SHA256; the body's `webhookTimestamp` | 60 s | |
//! | [`zoom`] | `x-zm-signature: v0=<hex>` | `"v0:<t>:" ++ raw body`, HMAC-SHA256 | none by default | |
//! | [`dropbox`] | `X-Dropbox-Signature: <hex>` | raw body, HMAC-SHA256 | none (no timestamp) | |
//! | [`gitlab`] | `X-Gitlab-Token: <token>` | nothing (static token) | none | |
//! | [`twitch`] | `Twitch-Eventsub-Message-Signature: sha256=<hex>` | id `++` timestamp `++` raw body, HMAC-SHA256 | 10 min | |
//! | `intercom` | `X-Hub-Signature: sha1=<hex>` | raw body, HMAC-SHA1 | none (no timestamp) | `sha1` |
//! | [`hubspot`] | `X-HubSpot-Signature-v3: <base64>` | method `++` URL `++` raw body `++` timestamp, HMAC-SHA256 | 300 s | |
//! | [`typeform`] | `Typeform-Signature: sha256=<base64>` | raw body, HMAC-SHA256 | none (no timestamp) | |
//! | [`mailgun`] | in the JSON body: `signature.{timestamp, token, signature}` | `<timestamp> ++ <token>`, HMAC-SHA256 | none by default | |
//! | [`calendly`] | `Calendly-Webhook-Signature: t=<unix>,v1=<hex>` | `"<t>." ++ raw body`, HMAC-SHA256 | 180 s | |
//! | [`bitbucket`] | `X-Hub-Signature: sha256=<hex>` | raw body, HMAC-SHA256 | none (no timestamp) | |
//!
//! The modules behind a feature (`twilio`, `discord`, `sendgrid`, `intercom`) are listed
//! without a link, since they exist only when it is on.

#[cfg(feature = "rsa")]
#[cfg_attr(docsrs, doc(cfg(feature = "rsa")))]
pub mod aws_sns;
pub mod bitbucket;
pub mod calendly;
#[cfg(feature = "ed25519")]
#[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
pub mod discord;
pub mod dropbox;
pub mod github;
pub mod gitlab;
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub mod google_pubsub;
pub mod hubspot;
pub mod inmemory4;
#[cfg(feature = "sha1")]
#[cfg_attr(docsrs, doc(cfg(feature = "sha1")))]
pub mod intercom;
pub mod linear;
pub mod livingdocs;
pub mod mailgun;
pub mod memento;
pub mod memo_bank;
pub mod paddle;
#[cfg(feature = "rsa")]
#[cfg_attr(docsrs, doc(cfg(feature = "rsa")))]
pub mod paypal;
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub mod plaid;
pub mod pocketbook;
#[cfg(feature = "p256")]
#[cfg_attr(docsrs, doc(cfg(feature = "p256")))]
pub mod sendgrid;
pub mod shopify;
pub mod slack;
pub mod square;
pub mod standard_webhooks;
pub mod stripe;
#[cfg(feature = "sha1")]
#[cfg_attr(docsrs, doc(cfg(feature = "sha1")))]
pub mod twilio;
pub mod twitch;
pub mod typeform;
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub mod vonage;
pub mod zoom;

pub mod box_com;
pub mod buildkite;
pub mod clerk;
pub mod coinbase_commerce;
pub mod frameio;
pub mod lemon_squeezy;
pub mod line;
#[cfg(feature = "sha1")]
#[cfg_attr(docsrs, doc(cfg(feature = "sha1")))]
pub mod mandrill;
pub mod meta;
pub mod mux;
pub mod openai;
pub mod pagerduty;
pub mod polar;
pub mod postmark;
pub mod replicate;
pub mod resend;
pub mod sanity;
pub mod sentry;
pub mod svix;
pub mod telegram;
#[cfg(feature = "ed25519")]
#[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
pub mod telnyx;
#[cfg(feature = "sha1")]
#[cfg_attr(docsrs, doc(cfg(feature = "sha1")))]
pub mod trello;
#[cfg(feature = "sha1")]
#[cfg_attr(docsrs, doc(cfg(feature = "sha1")))]
pub mod vercel;
pub mod woocommerce;
pub mod xero;
pub mod zendesk;
pub use crate::event::UnknownEvent;

use crate::KeyKind;
use crate::schemes::{Format, Part, Signed, Timestamp, TimestampFormat, Window};
use crate::{Scheme, Secret, Verifier};

/// A preset's verifier: `scheme` with `secrets`, current first, named `name` for its
/// dedupe keys.
fn preset<S, I>(scheme: S, name: &'static str, secrets: I) -> Verifier<S>
where
    S: Scheme,
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    Verifier::new(scheme, secrets).with_name(name)
}

/// `header: t=<unix>,v1=<hex>[,v1=<hex>…]` over `"<t>." ++ body`, the timestamped form
/// Stripe made common (Pocketbook, Calendly).
fn timestamped(header: &'static str, window: Window) -> Signed {
    Signed::builder(KeyKind::HmacSha256, header)
        .format(Format::entries(',', "v1"))
        .timestamp(Timestamp::entry("t", TimestampFormat::UnixSeconds), window)
        .signed([Part::Timestamp, Part::literal("."), Part::Body])
        .preset()
}
