//! `KeyKind` and `Digest`: what a scheme's keys are.

/// The hash function of an HMAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Digest {
    /// SHA-256: 32-byte MACs. What almost every provider uses.
    Sha256,
    /// SHA-1: 20-byte MACs, for providers that still sign with it (Twilio, Intercom).
    /// Feature `sha1`.
    #[cfg(feature = "sha1")]
    #[cfg_attr(docsrs, doc(cfg(feature = "sha1")))]
    Sha1,
    /// SHA-512: 64-byte MACs.
    Sha512,
}

impl Digest {
    /// The length of a MAC, in bytes.
    #[must_use]
    pub const fn output_len(self) -> usize {
        match self {
            Digest::Sha256 => 32,
            #[cfg(feature = "sha1")]
            Digest::Sha1 => 20,
            Digest::Sha512 => 64,
        }
    }
}

/// What a configured key is, which depends on the scheme: see [`Scheme::key_kind`].
///
/// [`Scheme::key_kind`]: crate::Scheme::key_kind
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyKind {
    /// A shared secret, used as an HMAC key with this hash function.
    Hmac(Digest),
    /// A shared token that the request carries as it is.
    Token,
    /// An Ed25519 public key (feature `ed25519`).
    #[cfg(feature = "ed25519")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
    Ed25519,
    /// An ECDSA public key on the P-256 curve, with SHA-256 (feature `p256`).
    #[cfg(feature = "p256")]
    #[cfg_attr(docsrs, doc(cfg(feature = "p256")))]
    EcdsaP256,
}

impl KeyKind {
    /// Whether keys of this kind are public keys, which are not secrets (and are given to
    /// a verifier with [`Verifier::with_keys`](crate::Verifier::with_keys), not
    /// [`Verifier::new`](crate::Verifier::new)).
    #[must_use]
    pub fn is_public_key(self) -> bool {
        !matches!(self, KeyKind::Hmac(_) | KeyKind::Token)
    }
}
