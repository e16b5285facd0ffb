//! Clerk, which sends its webhooks through Svix.
//!
//! - **Headers:** `svix-id`, `svix-timestamp`, `svix-signature` (`v1,<base64>` entries).
//!   Clerk's `verifyWebhook` reads only these names; this preset also reads the `webhook-`
//!   ones, which Clerk does not send.
//! - **What is signed:** `"<svix-id>.<svix-timestamp>.<raw body>"`, HMAC-SHA256 keyed with
//!   the base64 after `whsec_` in the signing secret (`CLERK_WEBHOOK_SIGNING_SECRET`).
//! - **Tolerance:** 300 s each way.
//! - **Body:** `{"type", "object": "event", "data", "event_attributes", "timestamp" (ms),
//!   "instance_id"}`; [`standard_webhooks::Event`](super::standard_webhooks::Event) does
//!   not fit it (its `timestamp` is milliseconds): parse it as your own type or
//!   `serde_json::Value`. Deduplicate on `svix-id`.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::clerk;
//! use hookverify::{Secret, Sign};
//!
//! let whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
//! let body = br#"{"type":"user.created","object":"event","data":{"id":"user_1"}}"#;
//! let now = hookverify::time::OffsetDateTime::now_utc();
//! let headers = clerk::scheme().sign(body, &Secret::from_standard_webhooks(whsec)?, now);
//! assert!(clerk::verifier([whsec])?.verify(body, &headers).is_ok());
//! # Ok::<(), hookverify::Error>(())
//! ```

super::standard_webhooks::alias!("clerk", "svix");
