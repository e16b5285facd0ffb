//! Presets for the providers this crate serves: each module has `scheme()`,
//! `verifier(secrets)`, and docs on what the provider sends.
//!
//! | module | header | what is signed | tolerance |
//! |---|---|---|---|
//! | [`memento`] | `Signature: <hex>` | raw body, HMAC-SHA256 | none (no timestamp) |
//! | [`memo_bank`] | `Authorization: Bearer <token>` | nothing (static token) | none |
//! | [`inmemory4`] | `Signature: <API key>` | nothing (static token) | none |
//! | [`pocketbook`] | `X-Webhook-Signature: t=<unix>,v1=<hex>` | `"<t>." ++ raw body`, HMAC-SHA256 | 300 s |
//! | [`livingdocs`] | `x-livingdocs-signature: sha256=<hex>` | raw body, HMAC-SHA256 | none (no timestamp) |
//! | [`github`] | `X-Hub-Signature-256: sha256=<hex>` | raw body, HMAC-SHA256 | none (no timestamp) |
//! | [`stripe`] | `Stripe-Signature: t=<unix>,v1=<hex>` | `"<t>." ++ raw body`, HMAC-SHA256 | 300 s |
//! | [`standard_webhooks`] | `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>` | `"<id>.<t>." ++ raw body`, HMAC-SHA256 | 300 s |

pub mod bitbucket;
pub mod calendly;
#[cfg(feature = "ed25519")]
#[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
pub mod discord;
pub mod dropbox;
pub mod github;
pub mod gitlab;
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
pub mod zoom;
