//! `KeyKind`: what a scheme's keys are, and so what it signs with.

/// What a configured key is, which depends on the scheme: see
/// [`Scheme::key_kind`](crate::Scheme::key_kind). For [`Signed`](crate::schemes::Signed)
/// it is also the signature algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyKind {
    /// A shared secret for HMAC-SHA256 (32-byte MACs): almost every provider.
    HmacSha256,
    /// A shared secret for HMAC-SHA1 (20-byte MACs), for providers that still sign with
    /// it (Twilio, Intercom). Feature `sha1`.
    #[cfg(feature = "sha1")]
    #[cfg_attr(docsrs, doc(cfg(feature = "sha1")))]
    HmacSha1,
    /// A shared secret for HMAC-SHA512 (64-byte MACs).
    HmacSha512,
    /// A shared token that the request carries as it is.
    Token,
    /// An Ed25519 public key (RFC 8032; `S` must be reduced). Feature `ed25519`.
    #[cfg(feature = "ed25519")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
    Ed25519,
    /// An ECDSA public key on the P-256 curve, with SHA-256; signatures are ASN.1 DER.
    /// Feature `p256`.
    #[cfg(feature = "p256")]
    #[cfg_attr(docsrs, doc(cfg(feature = "p256")))]
    EcdsaP256,
    /// An RSA public key; signatures are RSASSA-PKCS1-v1_5 with SHA-256 (AWS SNS's
    /// signature version 1 uses SHA-1, which only its preset accepts). Feature `rsa`.
    #[cfg(feature = "rsa")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rsa")))]
    Rsa,
}

impl KeyKind {
    /// Whether keys of this kind are public keys, which are not secrets (and are given to
    /// a verifier with [`Verifier::with_keys`](crate::Verifier::with_keys), not
    /// [`Verifier::new`](crate::Verifier::new)).
    #[must_use]
    pub fn is_public_key(self) -> bool {
        !self.is_hmac() && self != KeyKind::Token
    }

    /// Whether keys of this kind are HMAC keys.
    pub(crate) fn is_hmac(self) -> bool {
        self.mac_len().is_some()
    }

    /// The length of a MAC, for HMAC kinds.
    pub(crate) fn mac_len(self) -> Option<usize> {
        match self {
            KeyKind::HmacSha256 => Some(32),
            #[cfg(feature = "sha1")]
            KeyKind::HmacSha1 => Some(20),
            KeyKind::HmacSha512 => Some(64),
            _ => None,
        }
    }
}
