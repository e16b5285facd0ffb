//! Public keys (features `ed25519`, `p256` and `rsa`): not secrets.

use std::fmt;

use crate::error::Error;
use crate::key_kind::KeyKind;

/// A public key a provider signs with the private half of: Ed25519 (feature `ed25519`),
/// ECDSA P-256 (feature `p256`) or RSA (feature `rsa`, also read from an X.509
/// certificate).
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
    #[cfg(feature = "rsa")]
    Rsa(rsa::PublicKey),
}

/// How a signature is written and hashed, for the algorithms a key of one kind signs
/// with (RSA with SHA-256 or SHA-1; ECDSA signatures in DER or as JOSE's fixed `r‖s`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Algorithm {
    /// Ed25519: 64 raw bytes.
    #[cfg(feature = "ed25519")]
    Ed25519,
    /// ECDSA P-256 with SHA-256, ASN.1 DER.
    #[cfg(feature = "p256")]
    EcdsaP256Der,
    /// ECDSA P-256 with SHA-256, 64 bytes `r‖s` (JWS `ES256`).
    #[cfg(feature = "jwt")]
    EcdsaP256Fixed,
    /// RSASSA-PKCS1-v1_5 with SHA-256 (`SHA256withRSA`, JWS `RS256`).
    #[cfg(feature = "rsa")]
    RsaSha256,
    /// RSASSA-PKCS1-v1_5 with SHA-1 (AWS SNS signature version 1 only).
    #[cfg(feature = "rsa")]
    RsaSha1,
}

/// The smallest RSA modulus accepted, in bits.
#[cfg(feature = "rsa")]
const RSA_MIN_BITS: usize = 2048;
/// The largest RSA modulus accepted, in bits (verification cost grows with it).
#[cfg(feature = "rsa")]
const RSA_MAX_BITS: usize = 8192;

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

    /// An RSA public key from its DER SubjectPublicKeyInfo (`-----BEGIN PUBLIC KEY-----`
    /// without the armor) or PKCS#1 `RSAPublicKey`. Moduli of 2048 to 8192 bits are
    /// accepted.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPublicKey`] when `der` is neither, or the modulus is outside that
    /// range.
    #[cfg(feature = "rsa")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rsa")))]
    pub fn rsa_der(der: &[u8]) -> Result<Self, Error> {
        use rsa::pkcs1::DecodeRsaPublicKey as _;
        use rsa::pkcs8::DecodePublicKey as _;
        let key = rsa::PublicKey::from_public_key_der(der)
            .or_else(|_| rsa::PublicKey::from_pkcs1_der(der))
            .map_err(|_| invalid_rsa("not an RSA SubjectPublicKeyInfo or PKCS#1 public key"))?;
        PublicKey::rsa(key)
    }

    /// An RSA public key in PEM: `-----BEGIN PUBLIC KEY-----` (SubjectPublicKeyInfo) or
    /// `-----BEGIN RSA PUBLIC KEY-----` (PKCS#1).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPublicKey`] when `pem` is neither, or the modulus is outside 2048
    /// to 8192 bits.
    #[cfg(feature = "rsa")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rsa")))]
    pub fn rsa_pem(pem: &str) -> Result<Self, Error> {
        use rsa::pkcs1::DecodeRsaPublicKey as _;
        use rsa::pkcs8::DecodePublicKey as _;
        let pem = pem.trim();
        let key = rsa::PublicKey::from_public_key_pem(pem)
            .or_else(|_| rsa::PublicKey::from_pkcs1_pem(pem))
            .map_err(|_| invalid_rsa("not a PEM RSA public key"))?;
        PublicKey::rsa(key)
    }

    /// The RSA public key of an X.509 certificate in PEM (`-----BEGIN CERTIFICATE-----`),
    /// as AWS SNS and PayPal publish theirs. Only the key is kept: the certificate's
    /// validity and issuer are not checked here (a `KeyFetcher`, feature `fetch`,
    /// checks the validity of the certificates it fetches).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPublicKey`] when `pem` is not a certificate, or its key is not an
    /// RSA key of 2048 to 8192 bits.
    #[cfg(feature = "rsa")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rsa")))]
    pub fn rsa_certificate_pem(pem: &str) -> Result<Self, Error> {
        Ok(crate::certificate::Certificate::from_pem(pem.as_bytes())?.key)
    }

    /// An RSA key, checked for its size.
    #[cfg(feature = "rsa")]
    pub(crate) fn rsa(key: rsa::PublicKey) -> Result<Self, Error> {
        use rsa::traits::PublicKeyParts as _;
        let bits = key.n().bit_width() as usize;
        if !(RSA_MIN_BITS..=RSA_MAX_BITS).contains(&bits) {
            return Err(invalid_rsa(format!(
                "a {bits}-bit modulus; {RSA_MIN_BITS} to {RSA_MAX_BITS} bits are accepted"
            )));
        }
        Ok(PublicKey(PublicKeyInner::Rsa(key)))
    }

    /// An ECDSA P-256 public key from its affine coordinates (a JSON Web Key's `x` and
    /// `y`, 32 bytes each).
    #[cfg(feature = "fetch")]
    pub(crate) fn p256_coordinates(x: &[u8], y: &[u8]) -> Result<Self, Error> {
        let invalid = |reason: &'static str| Error::InvalidPublicKey {
            algorithm: "ECDSA P-256",
            reason: reason.into(),
        };
        if x.len() != 32 || y.len() != 32 {
            return Err(invalid("coordinates are 32 bytes each"));
        }
        let mut sec1 = Vec::with_capacity(65);
        sec1.push(4);
        sec1.extend_from_slice(x);
        sec1.extend_from_slice(y);
        let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&sec1)
            .map_err(|_| invalid("not a point of the curve"))?;
        Ok(PublicKey(PublicKeyInner::P256(key)))
    }

    /// What kind of key this is.
    #[must_use]
    pub fn kind(&self) -> KeyKind {
        match &self.0 {
            #[cfg(feature = "ed25519")]
            PublicKeyInner::Ed25519(_) => KeyKind::Ed25519,
            #[cfg(feature = "p256")]
            PublicKeyInner::P256(_) => KeyKind::EcdsaP256,
            #[cfg(feature = "rsa")]
            PublicKeyInner::Rsa(_) => KeyKind::Rsa,
        }
    }

    /// The algorithm a key of this kind signs with in a [`Signed`](crate::schemes::Signed)
    /// scheme: Ed25519, ECDSA P-256 in DER, RSA with SHA-256.
    fn default_algorithm(&self) -> Algorithm {
        match &self.0 {
            #[cfg(feature = "ed25519")]
            PublicKeyInner::Ed25519(_) => Algorithm::Ed25519,
            #[cfg(feature = "p256")]
            PublicKeyInner::P256(_) => Algorithm::EcdsaP256Der,
            #[cfg(feature = "rsa")]
            PublicKeyInner::Rsa(_) => Algorithm::RsaSha256,
        }
    }

    /// Whether `signature` (in the algorithm's own encoding: 64 raw bytes for Ed25519,
    /// ASN.1 DER for ECDSA, the modulus' length for RSA with SHA-256) signs the
    /// concatenation of `message`.
    pub(crate) fn verify(&self, message: &[&[u8]], signature: &[u8]) -> bool {
        self.verify_with(self.default_algorithm(), message, signature)
    }

    /// Whether `signature` signs the concatenation of `message` with `algorithm`; always
    /// `false` when the algorithm is not one of this key's kind.
    pub(crate) fn verify_with(
        &self,
        algorithm: Algorithm,
        message: &[&[u8]],
        signature: &[u8],
    ) -> bool {
        match (&self.0, algorithm) {
            #[cfg(feature = "ed25519")]
            (PublicKeyInner::Ed25519(key), Algorithm::Ed25519) => {
                use ed25519_dalek::ed25519::signature::MultipartVerifier as _;
                ed25519_dalek::Signature::from_slice(signature)
                    .is_ok_and(|sig| key.multipart_verify(message, &sig).is_ok())
            }
            #[cfg(feature = "p256")]
            (PublicKeyInner::P256(key), Algorithm::EcdsaP256Der) => {
                use p256::ecdsa::signature::MultipartVerifier as _;
                p256::ecdsa::Signature::from_der(signature)
                    .is_ok_and(|sig| key.multipart_verify(message, &sig).is_ok())
            }
            #[cfg(feature = "jwt")]
            (PublicKeyInner::P256(key), Algorithm::EcdsaP256Fixed) => {
                use p256::ecdsa::signature::MultipartVerifier as _;
                p256::ecdsa::Signature::from_slice(signature)
                    .is_ok_and(|sig| key.multipart_verify(message, &sig).is_ok())
            }
            #[cfg(feature = "rsa")]
            (PublicKeyInner::Rsa(key), Algorithm::RsaSha256) => {
                let verifier = rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(key.clone());
                rsa_verify(&verifier, message, signature)
            }
            #[cfg(feature = "rsa")]
            (PublicKeyInner::Rsa(key), Algorithm::RsaSha1) => {
                let verifier = rsa::pkcs1v15::VerifyingKey::<sha1::Sha1>::new(key.clone());
                rsa_verify(&verifier, message, signature)
            }
            #[allow(unreachable_patterns)]
            _ => false,
        }
    }
}

/// RSASSA-PKCS1-v1_5 by `rsa`, with the digest of `verifier`: the parts of `message`
/// are fed to the digest one after the other.
#[cfg(feature = "rsa")]
fn rsa_verify<D: sha2::digest::Update>(
    verifier: &impl rsa::signature::DigestVerifier<D, rsa::pkcs1v15::Signature>,
    message: &[&[u8]],
    signature: &[u8],
) -> bool {
    let Ok(signature) = rsa::pkcs1v15::Signature::try_from(signature) else {
        return false;
    };
    let feed = |digest: &mut D| {
        for part in message {
            digest.update(part);
        }
        Ok(())
    };
    verifier.verify_digest(feed, &signature).is_ok()
}

#[cfg(feature = "rsa")]
fn invalid_rsa(reason: impl Into<std::borrow::Cow<'static, str>>) -> Error {
    Error::InvalidPublicKey {
        algorithm: "RSA",
        reason: reason.into(),
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
            #[cfg(feature = "rsa")]
            PublicKeyInner::Rsa(key) => {
                use rsa::traits::PublicKeyParts as _;
                write!(f, "PublicKey(RSA {} bits)", key.n().bit_width())
            }
        }
    }
}
