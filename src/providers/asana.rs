//! Asana.
//!
//! - **What it sends:** a `POST` with a JSON body holding one key, `events`: a list of
//!   events (`action`, `resource`, `parent`, `user`, `created_at`, `change`), which may be
//!   empty: a heartbeat, `{"events":[]}`, sent when the webhook is established and then
//!   every eight hours, and signed like any other delivery.
//! - **Header:** `X-Hook-Signature: <hex>`.
//! - **What is signed:** the raw body, nothing else; HMAC-SHA256 keyed with the webhook's
//!   secret, the `X-Hook-Secret` value of its handshake, used as its text (UTF-8) even
//!   though it looks like hex; lowercase hex, 64 characters, no prefix.
//! - **Tolerance:** none; there is no timestamp. Asana sends no delivery id: deduplicate
//!   on the body's hash (what [`Verifier::dedupe_key`] falls back to). Without a 2xx
//!   within 10 s, Asana resends for up to 24 hours.
//! - **Handshake:** when a webhook is created (`POST /webhooks`), Asana sends, while that
//!   call is still in flight, a `POST` to the target carrying `X-Hook-Secret: <secret>`
//!   and no signature. Answer `200 OK` or `204 No Content` with the same `X-Hook-Secret`
//!   header and value, and store the secret: it is transmitted this once only, and it is
//!   the key this verifier needs. That request is not signed, so this verifier refuses it
//!   as missing its header: recognize it by its `X-Hook-Secret` header before verifying,
//!   and accept it only while your own `POST /webhooks` is waiting, or anyone could plant
//!   a secret of their choosing.
//! - **Secrets:** one per webhook, never rotated; re-establishing a webhook gives a new
//!   one. Give the verifier the secret of each webhook delivering to the endpoint;
//!   [`Verified::key_index`](crate::Verified::key_index) says which one signed.
//!
//! Asana's documentation names HMAC-SHA256 over the request body and the shared secret,
//! not the encoding; both of its samples write lowercase hex, which this preset requires.
//! Its Python sample hashes the raw body, as this preset does; its Node sample hashes
//! `JSON.stringify` of the parsed body, which differs from the bytes Asana signed whenever
//! they are not compact JSON.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::asana;
//! use hookverify::{Error, Secret, Sign};
//!
//! // The value of `X-Hook-Secret` in the handshake.
//! let secret = Secret::new("b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81");
//! let body = br#"{"events":[{"action":"changed","resource":{"gid":"1201","resource_type":"task"}}]}"#;
//! let headers = asana::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
//!
//! let verifier = asana::verifier([secret]);
//! assert!(verifier.verify(body, &headers).is_ok());
//! let tampered = br#"{"events":[{"action":"deleted","resource":{"gid":"1201","resource_type":"task"}}]}"#;
//! assert!(matches!(verifier.verify(tampered, &headers), Err(Error::SignatureMismatch)));
//!
//! // The handshake carries no signature.
//! let handshake = [("X-Hook-Secret", "b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81")];
//! assert!(matches!(verifier.verify(b"", &handshake), Err(Error::MissingHeader { .. })));
//! ```

use crate::KeyKind;
use crate::schemes::Signed;
use crate::{Secret, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "asana";

/// The header Asana signs in.
pub const SIGNATURE_HEADER: &str = "X-Hook-Signature";

/// `X-Hook-Signature: <hex HMAC-SHA256 of the raw body>`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER).preset()
}

/// A verifier for Asana with the given webhook secrets (each webhook's `X-Hook-Secret`),
/// current first.
pub fn verifier<I>(secrets: I) -> Verifier<Signed>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
