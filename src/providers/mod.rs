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

pub mod github;
pub mod inmemory4;
pub mod livingdocs;
pub mod memento;
pub mod memo_bank;
pub mod pocketbook;
pub mod standard_webhooks;
pub mod stripe;
