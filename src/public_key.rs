//! Public keys (features `ed25519` and `p256`): not secrets.

use std::fmt;

use crate::error::Error;
use crate::key_kind::KeyKind;

/// A public key a provider signs with the private half of: Ed25519 (feature `ed25519`)
/// or ECDSA P-256 (feature `p256`).
///
/// Not a [`Secret`](crate::Secret): anyone may know it. `Debug` shows the algorithm and the key.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "ed25519")] {
/// use hookverify::PublicKey;
///
/// // RFC 8032, test 1.
/// let key = PublicKey::ed25519_hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")?;
/// assert!(PublicKey::ed25519_hex("d75a98").is_err());
/// # let _ = key;
/// # }
/// # Ok::<(), hookverify::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(PublicKeyInner);

#[derive(Clone, PartialEq, Eq)]
enum PublicKeyInner {
    #[cfg(feature = "ed25519")]
    Ed25519(ed25519_dalek::VerifyingKey),
    #[cfg(feature = "p256")]
    P256(p256::ecdsa::VerifyingKey),
}

impl PublicKey {
    /// An Ed25519 public key from its 32 raw bytes.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPublicKey`] when `bytes` is not 32 bytes long or not a point of
    /// the curve.
    #[cfg(feature = "ed25519")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
    pub fn ed25519(bytes: &[u8]) -> Result<Self, Error> {
        let invalid = |reason: &'static str| Error::InvalidPublicKey {
            algorithm: "Ed25519",
            reason: reason.into(),
        };
        let bytes: &[u8; 32] = bytes.try_into().map_err(|_| invalid("a key is 32 bytes"))?;
        let key = ed25519_dalek::VerifyingKey::from_bytes(bytes)
            .map_err(|_| invalid("not a point of the curve"))?;
        Ok(PublicKey(PublicKeyInner::Ed25519(key)))
    }

    /// An Ed25519 public key written as 64 hex digits (how Discord shows it).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPublicKey`] when `hex` is not 64 hex digits or not a point of the
    /// curve.
    #[cfg(feature = "ed25519")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
    pub fn ed25519_hex(hex: &str) -> Result<Self, Error> {
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(hex.trim(), &mut bytes).map_err(|_| Error::InvalidPublicKey {
            algorithm: "Ed25519",
            reason: "expected 64 hex digits".into(),
        })?;
        PublicKey::ed25519(&bytes)
    }

    /// An ECDSA P-256 public key from its DER SubjectPublicKeyInfo.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPublicKey`] when `der` is not a P-256 SubjectPublicKeyInfo.
    #[cfg(feature = "p256")]
    #[cfg_attr(docsrs, doc(cfg(feature = "p256")))]
    pub fn p256_der(der: &[u8]) -> Result<Self, Error> {
        use p256::pkcs8::DecodePublicKey;
        let key = p256::ecdsa::VerifyingKey::from_public_key_der(der).map_err(|e| {
            Error::InvalidPublicKey {
                algorithm: "ECDSA P-256",
                reason: format!("not a P-256 SubjectPublicKeyInfo ({e})").into(),
            }
        })?;
        Ok(PublicKey(PublicKeyInner::P256(key)))
    }

    /// An ECDSA P-256 public key from its DER SubjectPublicKeyInfo in base64 (how
    /// SendGrid shows it), or in PEM (`-----BEGIN PUBLIC KEY-----`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPublicKey`] when `text` is neither.
    #[cfg(feature = "p256")]
    #[cfg_attr(docsrs, doc(cfg(feature = "p256")))]
    pub fn p256_base64(text: &str) -> Result<Self, Error> {
        use base64::Engine as _;
        let b64: String = text
            .lines()
            .filter(|line| !line.starts_with("-----"))
            .flat_map(|line| line.trim().chars())
            .collect();
        let der = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|_| Error::InvalidPublicKey {
                algorithm: "ECDSA P-256",
                reason: "not base64".into(),
            })?;
        PublicKey::p256_der(&der)
    }

    /// What kind of key this is.
    #[must_use]
    pub fn kind(&self) -> KeyKind {
        match &self.0 {
            #[cfg(feature = "ed25519")]
            PublicKeyInner::Ed25519(_) => KeyKind::Ed25519,
            #[cfg(feature = "p256")]
            PublicKeyInner::P256(_) => KeyKind::EcdsaP256,
        }
    }

    /// Whether `signature` (in the algorithm's own encoding: 64 raw bytes for Ed25519,
    /// ASN.1 DER for ECDSA) signs the concatenation of `message`.
    pub(crate) fn verify(&self, message: &[&[u8]], signature: &[u8]) -> bool {
        match &self.0 {
            #[cfg(feature = "ed25519")]
            PublicKeyInner::Ed25519(key) => {
                use ed25519_dalek::ed25519::signature::MultipartVerifier as _;
                ed25519_dalek::Signature::from_slice(signature)
                    .is_ok_and(|sig| key.multipart_verify(message, &sig).is_ok())
            }
            #[cfg(feature = "p256")]
            PublicKeyInner::P256(key) => {
                use p256::ecdsa::signature::MultipartVerifier as _;
                p256::ecdsa::Signature::from_der(signature)
                    .is_ok_and(|sig| key.multipart_verify(message, &sig).is_ok())
            }
        }
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            #[cfg(feature = "ed25519")]
            PublicKeyInner::Ed25519(key) => {
                write!(f, "PublicKey(Ed25519 {})", hex::encode(key.as_bytes()))
            }
            #[cfg(feature = "p256")]
            PublicKeyInner::P256(key) => {
                let point = key.to_sec1_point(true);
                write!(f, "PublicKey(P-256 {})", hex::encode(point.as_bytes()))
            }
        }
    }
}
