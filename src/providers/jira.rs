//! Jira (admin webhooks with a secret: Jira Cloud, and Jira Data Center).
//!
//! - **What it sends:** a `POST` with a JSON body naming the event in `webhookEvent`
//!   (`jira:issue_updated`…), with its `timestamp` (Unix milliseconds); the delivery's id
//!   in `X-Atlassian-Webhook-Identifier`, and on a retry `X-Atlassian-Webhook-Retry`.
//! - **Header:** `X-Hub-Signature: sha256=<hex>` (WebSub's `method=signature`), when the
//!   webhook has a secret. Not `X-Hub-Signature-256`.
//! - **What is signed:** the raw body (UTF-8 JSON), nothing else; HMAC-SHA256 keyed with
//!   the webhook's secret (typed, or made with **Generate secret**; its UTF-8 bytes),
//!   lowercase hex behind the exact prefix `sha256=`. Other WebSub methods (`sha1=`) are
//!   not sent by Jira and are refused as malformed.
//! - **Tolerance:** none; there is no timestamp header, and the body's `timestamp` has no
//!   documented bound. Deduplicate on `X-Atlassian-Webhook-Identifier`
//!   ([`DELIVERY_HEADER`]), which [`Verified::delivery_id`](crate::Verified::delivery_id)
//!   reports; it stays the same across a delivery's retries (as the `jira.js` client
//!   documents Atlassian's headers). Jira does not sign it: it stops Jira's own retries from being handled
//!   twice, but a replayed request with a new id gets through, unless the dedupe key is
//!   the body's hash.
//! - **Handshake:** none.
//!
//! Only *admin* webhooks (created in Jira administration, or registered with
//! `/rest/webhooks/1.0/webhook`) take a secret and carry this signature. The *dynamic*
//! webhooks that Connect and OAuth 2.0 apps register with `/rest/api/3/webhook` have no
//! secret: they are authenticated with a JWT in `Authorization` (signed with the Connect
//! app's shared secret, or the OAuth 2.0 app's client secret), which this preset does not
//! verify. Atlassian publishes no verifier; this preset follows its documented
//! construction and the test vector it publishes (the example below).
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::jira;
//! use hookverify::{Error, Secret, Sign};
//!
//! // Atlassian's published example.
//! let verifier = jira::verifier([Secret::new("It's a Secret to Everybody")]);
//! let headers = [(
//!     "X-Hub-Signature",
//!     "sha256=a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9",
//! )];
//! assert!(verifier.verify(b"Hello World!", &headers).is_ok());
//!
//! let secret = Secret::new("jira-admin-webhook-secret");
//! let body = br#"{"timestamp":1700000000000,"webhookEvent":"jira:issue_updated","issue":{"key":"PRJ-1"}}"#;
//! let mut headers = jira::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! headers.push((jira::DELIVERY_HEADER.to_string(), "7e1d3c2b-0a9f-4e8d".to_string()));
//! let verifier = jira::verifier([secret]);
//! assert_eq!(verifier.verify(body, &headers)?.delivery_id(), Some("7e1d3c2b-0a9f-4e8d"));
//! let tampered = br#"{"timestamp":1700000000000,"webhookEvent":"jira:issue_deleted","issue":{"key":"PRJ-1"}}"#;
//! assert!(matches!(verifier.verify(tampered, &headers), Err(Error::SignatureMismatch)));
//! # Ok::<(), hookverify::Error>(())
//! ```

use crate::KeyKind;
use crate::schemes::{Format, Signed};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "jira";

/// The header Jira signs in.
pub const SIGNATURE_HEADER: &str = "X-Hub-Signature";

/// The header naming the delivery, the same for each of its retries: deduplicate on it.
pub const DELIVERY_HEADER: &str = "X-Atlassian-Webhook-Identifier";

/// `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>`, with
/// `X-Atlassian-Webhook-Identifier` as the delivery id.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .format(Format::prefixed("sha256="))
        .delivery_id_header(DELIVERY_HEADER)
        .preset()
}

/// A verifier for Jira admin webhooks with the given secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
