//! Presets for the providers this crate serves: each module has `scheme()`,
//! `verifier(secrets)`, and docs on what the provider sends.
//!
//! The README's "Providers" table lists every preset with its header, what it signs, its
//! window and the feature it needs; each module's documentation says what the provider
//! sends, its quirks, and where its SDK and its docs disagree. Modules behind a feature
//! exist only when it is on.

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

pub mod asana;
pub mod box_com;
pub mod buildkite;
pub mod clerk;
pub mod coinbase_commerce;
pub mod contentful;
pub mod docusign;
pub mod frameio;
pub mod jira;
pub mod lemon_squeezy;
pub mod line;
#[cfg(feature = "sha1")]
#[cfg_attr(docsrs, doc(cfg(feature = "sha1")))]
pub mod mandrill;
pub mod meta;
pub mod mux;
pub mod nylas;
pub mod okta;
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
/// `<header>: v0=<hex>` over `"v0:<timestamp>:<raw body>"`, the timestamp (Unix seconds)
/// in its own header: Slack's form, which Frame.io uses too.
fn v0_timestamped(header: &'static str, timestamp_header: &'static str, window: Window) -> Signed {
    Signed::builder(KeyKind::HmacSha256, header)
        .format(Format::prefixed("v0="))
        .timestamp(
            Timestamp::header(timestamp_header, TimestampFormat::UnixSeconds),
            window,
        )
        .signed([
            Part::literal("v0:"),
            Part::Timestamp,
            Part::literal(":"),
            Part::Body,
        ])
        .preset()
}

/// The fields of a form-encoded body, decoded and sorted by name then value: what Twilio
/// (each distinct pair once) and Mandrill (every pair) sign after the URL.
#[cfg(feature = "sha1")]
fn sorted_form_fields(body: &[u8]) -> Vec<(std::borrow::Cow<'_, str>, std::borrow::Cow<'_, str>)> {
    let mut fields: Vec<_> = form_urlencoded::parse(body).collect();
    fields.sort_unstable();
    fields
}

fn timestamped(header: &'static str, window: Window) -> Signed {
    Signed::builder(KeyKind::HmacSha256, header)
        .format(Format::entries(',', "v1"))
        .timestamp(Timestamp::entry("t", TimestampFormat::UnixSeconds), window)
        .signed([Part::Timestamp, Part::literal("."), Part::Body])
        .preset()
}

#[cfg(all(test, feature = "sha1"))]
mod tests {
    #[test]
    fn form_fields_sort_by_name_then_value_and_every_one_counts() {
        let fields = super::sorted_form_fields(b"b=2&a=2&a=1&b=2&c=%2B1+2");
        let flat: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (&**n, &**v)).collect();
        assert_eq!(
            flat,
            [
                ("a", "1"),
                ("a", "2"),
                ("b", "2"),
                ("b", "2"),
                ("c", "+1 2")
            ]
        );
    }
}
