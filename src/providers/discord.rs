//! Discord (interactions endpoint).
//!
//! - **What it sends:** a `POST` with a JSON interaction (`type`, `id`, `application_id`,
//!   `data`…).
//! - **Headers:** `X-Signature-Ed25519: <hex>` and `X-Signature-Timestamp`.
//! - **What is signed:** `"<X-Signature-Timestamp><raw body>"`, with Ed25519 and the
//!   application's private key; verified with its public key (64 hex digits, shown in the
//!   Developer Portal). Feature `ed25519`.
//! - **Tolerance:** none; Discord's libraries check no time. Deduplicate on the
//!   interaction's `id`.
//! - **Handshake:** Discord sends a signed `PING` (`"type": 1`) when the endpoint is
//!   saved and from time to time; answer it with [`PONG`] ([`handshake_response`]). Discord also sends
//!   requests with wrong signatures on purpose, which must be refused (401).
//!
//! Discord's Python library decodes the signature with `bytes.fromhex`, which takes
//! uppercase digits too; Discord sends lowercase, which is what this preset accepts.
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::discord;
//!
//! // The public key from the Developer Portal (here RFC 8032's first test key).
//! let verifier = discord::verifier(["d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"])?;
//! # let _ = verifier;
//! assert!(discord::verifier(["not hex"]).is_err());
//! # Ok::<(), hookverify::Error>(())
//! ```

use crate::KeyKind;
use crate::schemes::{Part, Signed};
use crate::{Error, Key, PublicKey, Verified, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "discord";

/// The header Discord signs in.
pub const SIGNATURE_HEADER: &str = "X-Signature-Ed25519";

/// The header carrying the signed timestamp.
pub const TIMESTAMP_HEADER: &str = "X-Signature-Timestamp";

/// The answer to a `PING`: `{"type":1}` (`PONG`), as `application/json`.
pub const PONG: &str = r#"{"type":1}"#;

/// `X-Signature-Ed25519: <hex>` over `"<X-Signature-Timestamp><body>"`.
#[must_use]
pub fn scheme() -> Signed {
    Signed::builder(KeyKind::Ed25519, SIGNATURE_HEADER)
        .signed([Part::header(TIMESTAMP_HEADER), Part::Body])
        .preset()
}

/// A verifier for Discord with the application's public keys (64 hex digits each),
/// current first.
///
/// # Errors
///
/// [`Error::InvalidPublicKey`] for a key that is not 64 hex digits of a curve point.
pub fn verifier<I>(public_keys: I) -> Result<Verifier<Signed>, Error>
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let keys = public_keys
        .into_iter()
        .map(|k| PublicKey::ed25519_hex(k.as_ref()).map(Key::from))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Verifier::with_keys(scheme(), keys).with_name(NAME))
}

/// The answer to a verified `PING` interaction ([`PONG`], JSON), which Discord sends
/// when the endpoint is saved; `None` for any other interaction.
#[must_use]
pub fn handshake_response(verified: &Verified<'_>) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Interaction {
        r#type: u8,
    }
    serde_json::from_slice::<Interaction>(verified.body())
        .is_ok_and(|i| i.r#type == 1)
        .then(|| PONG.to_owned())
}
