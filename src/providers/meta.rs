//! Meta (Facebook, Instagram, Messenger, WhatsApp Cloud API, Threads).
//!
//! - **What it sends:** a `POST` with a JSON body naming the `object` (`page`,
//!   `instagram`, `whatsapp_business_account`…) and its `entry` array (`id`, `time`,
//!   `changes` or `messaging`).
//! - **Header:** `X-Hub-Signature-256: sha256=<hex>`. Meta also sends the legacy
//!   `X-Hub-Signature: sha1=<hex>`, which is never verified: a request carrying only it is
//!   refused as missing its header.
//! - **What is signed:** the raw body exactly as sent; HMAC-SHA256 keyed with the App
//!   Secret (App Dashboard › Settings › Basic; its text, not hex-decoded), lowercase hex
//!   behind the exact prefix `sha256=`. Meta escapes non-ASCII characters (`\u00e4`) and
//!   signs that escaped text: verify the bytes received, never a re-encoded body.
//! - **Tolerance:** none; there is no timestamp. Meta sends no delivery id: deduplicate
//!   on the body (the entry's `id` and `time`, or a WhatsApp message's `wamid.…` id).
//! - **Handshake:** when the callback URL is set, Meta sends an unsigned
//!   `GET <callback>?hub.mode=subscribe&hub.challenge=<int>&hub.verify_token=<string>`.
//!   Check that `hub.mode` is `subscribe` and that `hub.verify_token` equals the Verify
//!   Token you typed in the dashboard (a string of your choosing, not the App Secret),
//!   then answer 200 with the `hub.challenge` value as the whole body; otherwise answer
//!   any non-200 status (Meta's own samples use 400, 401 or 403). That request carries no
//!   signature and is not handled by this verifier.
//!
//! Meta's documentation says `sha256=` followed by lowercase hex, and this preset follows
//! it. Meta's WhatsApp Node SDK strips the prefix with `replace('sha256=', '')`, so it
//! also accepts a bare digest; its sample app takes the algorithm from the header, so it
//! also accepts `SHA256=` and even a `sha1=` digest in this header. Those forms are
//! refused here as malformed.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::meta;
//! use hookverify::{Secret, Sign};
//!
//! let secret = Secret::new("0123456789abcdef0123456789abcdef");
//! let body = br#"{"object":"page","entry":[{"id":"1234","time":1700000000,"messaging":[]}]}"#;
//! let headers = meta::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//! assert!(headers[0].1.starts_with("sha256="));
//!
//! let verifier = meta::verifier([secret]);
//! assert!(verifier.verify(body, &headers).is_ok());
//! let tampered = br#"{"object":"page","entry":[{"id":"1235","time":1700000000,"messaging":[]}]}"#;
//! assert!(verifier.verify(tampered, &headers).is_err());
//! ```

use crate::KeyKind;
use crate::schemes::{Format, Signed};
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "meta";

/// The header Meta signs in with HMAC-SHA256.
pub const SIGNATURE_HEADER: &str = "X-Hub-Signature-256";

/// `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
        .format(Format::prefixed("sha256="))
        .preset()
}

/// A verifier for Meta with the given App Secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
