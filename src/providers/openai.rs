//! OpenAI webhooks (`response.completed`, `batch.completed`, `fine_tuning.job.succeeded`…).
//!
//! - **Headers:** `webhook-id`, `webhook-timestamp`, `webhook-signature` (`v1,<base64>`
//!   entries): Standard Webhooks.
//! - **What is signed:** `"<webhook-id>.<webhook-timestamp>.<raw body>"`, HMAC-SHA256
//!   keyed with the base64 after `whsec_` in the endpoint's secret (`OPENAI_WEBHOOK_SECRET`).
//! - **Tolerance:** 300 s each way, as OpenAI's SDKs (`client.webhooks.unwrap`).
//! - **Body:** `{"id", "object": "event", "created_at", "type", "data": {"id"}}`; the
//!   event names the object to fetch. Deduplicate on `webhook-id`.
//!
//! OpenAI's SDK also accepts a bare signature without `v1,` and takes a secret given
//! without `whsec_` as UTF-8 text; this preset refuses the first (malformed) and decodes
//! the second as base64, as Standard Webhooks does. It refuses more than 16 signatures in
//! a header, where the SDK reads on.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::openai;
//! use hookverify::{Secret, Sign};
//!
//! let whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
//! let body = br#"{"id":"evt_1","object":"event","type":"response.completed","data":{"id":"resp_1"}}"#;
//! let now = hookverify::time::OffsetDateTime::now_utc();
//! let headers = openai::scheme().sign(body, &Secret::from_standard_webhooks(whsec)?, now);
//! assert!(openai::verifier([whsec])?.verify(body, &headers).is_ok());
//! # Ok::<(), hookverify::Error>(())
//! ```

super::standard_webhooks::alias!("openai", "webhook");
