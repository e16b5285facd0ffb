//! Svix, and the applications that send their webhooks through it (see also [`clerk`],
//! [`resend`]): Standard Webhooks under Svix's header names.
//!
//! - **Headers:** `svix-id`, `svix-timestamp` (Unix seconds), `svix-signature` with
//!   space-separated `v1,<base64>` entries (one per live secret during a rotation).
//!   White-labelled accounts send the `webhook-` names instead; both are read (the
//!   `webhook-` ones when present, as [`standard_webhooks`](super::standard_webhooks)
//!   does; Svix's SDK prefers `svix-`, which differs only when a request carries both).
//! - **What is signed:** `"<svix-id>.<svix-timestamp>.<raw body>"`, HMAC-SHA256 keyed with
//!   the base64 after `whsec_` in the endpoint's secret.
//! - **Tolerance:** 300 s each way, as Svix's libraries.
//! - Deduplicate on `svix-id`.
//!
//! Svix's npm library skips entries it cannot read and accepts a timestamp with trailing
//! junk (`1700000000abc`); this preset refuses both as malformed, and more than 16
//! signatures in one header.
//!
//! [`clerk`]: super::clerk
//! [`resend`]: super::resend
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::svix;
//! use hookverify::{Secret, Sign};
//!
//! let whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
//! let body = br#"{"type":"invoice.paid"}"#;
//! let now = hookverify::time::OffsetDateTime::now_utc();
//! let headers = svix::scheme().sign(body, &Secret::from_standard_webhooks(whsec)?, now);
//! let verifier = svix::verifier([whsec])?;
//! assert!(verifier.verify(body, &headers).is_ok());
//! assert!(verifier.verify(br#"{"type":"invoice.void"}"#, &headers).is_err());
//! # Ok::<(), hookverify::Error>(())
//! ```

super::standard_webhooks::alias!("svix", "svix");
