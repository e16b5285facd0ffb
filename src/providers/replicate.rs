//! Replicate webhooks (a prediction's `start`, `output`, `logs`, `completed` events).
//!
//! - **Headers:** `webhook-id`, `webhook-timestamp`, `webhook-signature` (`v1,<base64>`
//!   entries): Standard Webhooks.
//! - **What is signed:** `"<webhook-id>.<webhook-timestamp>.<raw body>"`, HMAC-SHA256
//!   keyed with the base64 after `whsec_` in the account's signing secret
//!   (`GET /v1/webhooks/default/secret`).
//! - **Tolerance:** 300 s each way. Replicate's JavaScript SDK checks no time at all, and
//!   its Python SDK only when given a tolerance; without one, a captured delivery would
//!   verify for ever, so this preset keeps the Standard Webhooks window.
//! - **Body:** the prediction object itself (`id`, `status`, `output`…), with no `type`
//!   field. Deduplicate on `webhook-id`.
//!
//! Replicate's SDK ignores the version label of a signature entry (`v2,<sig>` passes) and
//! refuses an empty body; this preset verifies only `v1` entries and verifies an empty body
//! like any other.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::replicate;
//! use hookverify::{Secret, Sign};
//!
//! let whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
//! let body = br#"{"id":"p1","status":"succeeded","output":["https://example.com/out.png"]}"#;
//! let now = hookverify::time::OffsetDateTime::now_utc();
//! let headers = replicate::scheme().sign(body, &Secret::from_standard_webhooks(whsec)?, now);
//! assert!(replicate::verifier([whsec])?.verify(body, &headers).is_ok());
//! # Ok::<(), hookverify::Error>(())
//! ```

super::standard_webhooks::alias!("replicate", "webhook");
