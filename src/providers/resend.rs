//! Resend, which sends its webhooks through Svix.
//!
//! - **Headers:** `svix-id`, `svix-timestamp`, `svix-signature` (`v1,<base64>` entries);
//!   the `webhook-` names are read too.
//! - **What is signed:** `"<svix-id>.<svix-timestamp>.<raw body>"`, HMAC-SHA256 keyed with
//!   the base64 after `whsec_` in the webhook's signing secret.
//! - **Tolerance:** 300 s each way, as Resend's SDK (`resend.webhooks.verify`, on
//!   `standardwebhooks`).
//! - **Body:** `{"type", "created_at", "data"}` (`email.sent`, `email.delivered`…).
//!   Deduplicate on `svix-id`.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::resend;
//! use hookverify::{Secret, Sign};
//!
//! let whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
//! let body = br#"{"type":"email.delivered","created_at":"2024-01-01T00:00:00Z","data":{}}"#;
//! let now = hookverify::time::OffsetDateTime::now_utc();
//! let headers = resend::scheme().sign(body, &Secret::from_standard_webhooks(whsec)?, now);
//! assert!(resend::verifier([whsec])?.verify(body, &headers).is_ok());
//! # Ok::<(), hookverify::Error>(())
//! ```

super::standard_webhooks::alias!("resend", "svix");
