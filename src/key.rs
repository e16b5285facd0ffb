//! Keys: what a verifier verifies with, prepared once.

use std::fmt;

use hmac::{KeyInit, Mac as _};
use sha2::Digest as _;
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::error::Error;
use crate::key_kind::KeyKind;
#[cfg(any(feature = "ed25519", feature = "p256", feature = "rsa"))]
use crate::public_key::PublicKey;
use crate::secret::Secret;

/// A key prepared for verification, as a [`Verifier`](crate::Verifier) hands it to its
/// scheme: an HMAC key schedule computed once per secret (each request starts from a copy
/// of it), a token's SHA-256 for length-hiding comparison, or a public key.
///
/// A key holds only what verification needs: not the secret's bytes. The key schedule's
/// hash states are zeroized on drop (by `sha2` and `sha1`, whose `zeroize` features are
/// on), and so is a token's digest. `Debug` never shows them.
///
/// A key made from an empty secret, or a secret for a public-key kind, is unusable: it
/// never matches anything.
///
/// # Examples
///
/// ```
/// use hookverify::{Key, KeyKind, Secret};
///
/// let key = Key::new(KeyKind::HmacSha256, &Secret::new("Jefe"));
/// // RFC 4231, test case 2.
/// let mac = hex::decode("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")?;
/// assert!(key.verify(&[b"what do ya want ", b"for nothing?"], &mac));
/// assert!(!key.verify(&[b"what do ya want for nothing!"], &mac));
/// # Ok::<(), hex::FromHexError>(())
/// ```
pub struct Key(Option<Prepared>);

enum Prepared {
    HmacSha256(hmac::Hmac<sha2::Sha256>),
    #[cfg(feature = "sha1")]
    HmacSha1(hmac::Hmac<sha1::Sha1>),
    HmacSha512(hmac::Hmac<sha2::Sha512>),
    Token(TokenDigest),
    #[cfg(any(feature = "ed25519", feature = "p256", feature = "rsa"))]
    Public(PublicKey),
}

/// SHA-256 of a token, zeroized on drop.
struct TokenDigest([u8; 32]);

impl Drop for TokenDigest {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// The longest MAC any digest produces (SHA-512).
const MAX_MAC_LEN: usize = 64;

/// A MAC computed by [`Key::mac`], on the stack: compare it with [`Mac::matches`], in
/// constant time. `Debug` never shows it.
pub(crate) struct Mac {
    bytes: [u8; MAX_MAC_LEN],
    len: usize,
}

impl Mac {
    /// Whether `received` is this MAC, in constant time (the lengths are public).
    #[must_use]
    pub(crate) fn matches(&self, received: &[u8]) -> bool {
        ct_eq(self.as_ref(), received)
    }
}

impl AsRef<[u8]> for Mac {
    fn as_ref(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

impl fmt::Debug for Mac {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mac([REDACTED; {}])", self.len)
    }
}

/// Equality of two byte strings, in constant time for equal lengths (lengths are
/// public), by `subtle`.
pub(crate) fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.ct_eq(b).into()
}

/// Feeds `message` to a fresh copy of a keyed HMAC and writes the MAC into `out`.
fn mac_with<D>(keyed: &hmac::Hmac<D>, message: &[&[u8]], out: &mut Mac)
where
    D: hmac::EagerHash,
    hmac::Hmac<D>: Clone,
{
    let mut mac = keyed.clone();
    for part in message {
        mac.update(part);
    }
    let tag = mac.finalize().into_bytes();
    out.len = tag.len().min(MAX_MAC_LEN);
    out.bytes[..out.len].copy_from_slice(&tag[..out.len]);
}

impl Key {
    /// Prepares `secret` as a key of `kind`: an HMAC key schedule, or a token's digest.
    ///
    /// The key is unusable (it never matches) when the secret is empty, and when `kind`
    /// is a public-key kind: a public key is not a secret (`Key::from(PublicKey)` makes one).
    #[must_use]
    pub fn new(kind: KeyKind, secret: &Secret) -> Self {
        let bytes = secret.expose_secret();
        if bytes.is_empty() {
            return Key(None);
        }
        // HMAC takes keys of any length (longer ones are hashed first): these cannot fail.
        let prepared = match kind {
            KeyKind::HmacSha256 => hmac::Hmac::new_from_slice(bytes)
                .ok()
                .map(Prepared::HmacSha256),
            #[cfg(feature = "sha1")]
            KeyKind::HmacSha1 => hmac::Hmac::new_from_slice(bytes)
                .ok()
                .map(Prepared::HmacSha1),
            KeyKind::HmacSha512 => hmac::Hmac::new_from_slice(bytes)
                .ok()
                .map(Prepared::HmacSha512),
            KeyKind::Token => Some(Prepared::Token(TokenDigest(
                sha2::Sha256::digest(bytes).into(),
            ))),
            #[cfg(any(feature = "ed25519", feature = "p256", feature = "rsa"))]
            _ => None,
        };
        Key(prepared)
    }

    /// A key that never matches.
    pub(crate) fn unusable() -> Self {
        Key(None)
    }

    /// What kind of key this is; `None` for an unusable key.
    #[must_use]
    pub fn kind(&self) -> Option<KeyKind> {
        Some(match self.0.as_ref()? {
            Prepared::HmacSha256(_) => KeyKind::HmacSha256,
            #[cfg(feature = "sha1")]
            Prepared::HmacSha1(_) => KeyKind::HmacSha1,
            Prepared::HmacSha512(_) => KeyKind::HmacSha512,
            Prepared::Token(_) => KeyKind::Token,
            #[cfg(any(feature = "ed25519", feature = "p256", feature = "rsa"))]
            Prepared::Public(key) => key.kind(),
        })
    }

    /// `false` for a key that never matches (see [`Key::new`]).
    #[must_use]
    pub fn is_usable(&self) -> bool {
        self.0.is_some()
    }

    /// The HMAC of the concatenation of `message` under this key, the pieces fed one after
    /// the other (nothing is concatenated in memory). `None` unless this is an HMAC key.
    #[must_use]
    pub(crate) fn mac(&self, message: &[&[u8]]) -> Option<Mac> {
        let mut out = Mac {
            bytes: [0; MAX_MAC_LEN],
            len: 0,
        };
        match self.0.as_ref()? {
            Prepared::HmacSha256(keyed) => mac_with(keyed, message, &mut out),
            #[cfg(feature = "sha1")]
            Prepared::HmacSha1(keyed) => mac_with(keyed, message, &mut out),
            Prepared::HmacSha512(keyed) => mac_with(keyed, message, &mut out),
            _ => return None,
        }
        Some(out)
    }

    /// Whether `signature` signs the concatenation of `message` under this key: the HMAC
    /// compared in constant time, or the public key's signature check (`signature` in the
    /// algorithm's own encoding: 64 bytes for Ed25519, ASN.1 DER for ECDSA). Always
    /// `false` for a token or an unusable key.
    #[must_use]
    pub fn verify(&self, message: &[&[u8]], signature: &[u8]) -> bool {
        match self.0.as_ref() {
            #[cfg(any(feature = "ed25519", feature = "p256", feature = "rsa"))]
            Some(Prepared::Public(key)) => key.verify(message, signature),
            _ => self.mac(message).is_some_and(|mac| mac.matches(signature)),
        }
    }

    /// Whether `signature` signs the concatenation of `message` with `algorithm` (RSA with
    /// SHA-1 for AWS SNS, ECDSA in JOSE's fixed encoding for JWTs). `false` unless this
    /// is a public key of that algorithm's kind.
    #[cfg(feature = "rsa")]
    pub(crate) fn verify_with(
        &self,
        algorithm: crate::public_key::Algorithm,
        message: &[&[u8]],
        signature: &[u8],
    ) -> bool {
        match self.0.as_ref() {
            Some(Prepared::Public(key)) => key.verify_with(algorithm, message, signature),
            _ => false,
        }
    }

    /// Whether `token` is this key's token, in constant time and without revealing the
    /// token's length: both sides are SHA-256 digests. Always `false` unless this is a
    /// token key.
    #[must_use]
    pub fn verify_token(&self, token: &[u8]) -> bool {
        match &self.0 {
            Some(Prepared::Token(digest)) => {
                let received: [u8; 32] = sha2::Sha256::digest(token).into();
                ct_eq(&received, &digest.0)
            }
            _ => false,
        }
    }

    /// The index of the first of `keys` for which `matches` holds, or the one opaque
    /// [`Error::SignatureMismatch`]. Unusable keys are skipped.
    ///
    /// Each key is compared in constant time; the search stops at the first match, which
    /// tells only which key a genuine sender used.
    ///
    /// # Errors
    ///
    /// [`Error::SignatureMismatch`] when no key matches.
    pub fn first_match(
        keys: &[Key],
        mut matches: impl FnMut(&Key) -> bool,
    ) -> Result<usize, Error> {
        match keys.iter().position(|k| k.is_usable() && matches(k)) {
            Some(index) => Ok(index),
            None => Err(Error::SignatureMismatch),
        }
    }
}

#[cfg(any(feature = "ed25519", feature = "p256", feature = "rsa"))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(feature = "ed25519", feature = "p256", feature = "rsa")))
)]
impl From<PublicKey> for Key {
    /// A public key as a verification key.
    fn from(key: PublicKey) -> Self {
        Key(Some(Prepared::Public(key)))
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            None => f.write_str("Key(<unusable, never matches>)"),
            #[cfg(any(feature = "ed25519", feature = "p256", feature = "rsa"))]
            Some(Prepared::Public(key)) => f.debug_tuple("Key").field(key).finish(),
            Some(_) => write!(f, "Key({:?}, [REDACTED])", self.kind()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231 test cases 1, 2, 4, 6 and 7 (HMAC-SHA-256 and HMAC-SHA-512).
    #[test]
    fn hmac_matches_rfc4231() {
        let long_key = [0xaa; 131];
        let cases: [(&[u8], &[u8], &str, &str); 5] = [
            (
                &[0x0b; 20],
                b"Hi There",
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
            ),
            (
                b"Jefe",
                b"what do ya want for nothing?",
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
            ),
            (
                &[
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                    23, 24, 25,
                ],
                &[0xcd; 50],
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
                "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd",
            ),
            (
                &long_key,
                b"Test Using Larger Than Block-Size Key - Hash Key First",
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
            ),
            (
                &long_key,
                b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
                "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58",
            ),
        ];
        for (key, data, sha256, sha512) in cases {
            let secret = Secret::new(key);
            for (digest, expected) in [(KeyKind::HmacSha256, sha256), (KeyKind::HmacSha512, sha512)]
            {
                let key = Key::new(digest, &secret);
                let mid = data.len() / 3;
                let mac = key.mac(&[&data[..mid], b"", &data[mid..]]).unwrap();
                assert_eq!(hex::encode(mac.as_ref()), expected, "{digest:?}");
                let expected = hex::decode(expected).unwrap();
                assert!(key.verify(&[data], &expected));
                assert!(!key.verify(&[data, b"x"], &expected));
                assert!(!key.verify(&[data], &expected[1..]));
            }
        }
    }

    /// RFC 2202 test case 2 (HMAC-SHA-1).
    #[cfg(feature = "sha1")]
    #[test]
    fn hmac_sha1_matches_rfc2202() {
        let key = Key::new(KeyKind::HmacSha1, &Secret::new("Jefe"));
        let mac = key.mac(&[b"what do ya want for nothing?"]).unwrap();
        assert_eq!(
            hex::encode(mac.as_ref()),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
        );
    }

    #[test]
    fn ct_eq_sees_every_bit_of_every_length() {
        for len in [1usize, 15, 16, 17, 20, 32, 44, 64, 88, 128] {
            let a: Vec<u8> = (0..len).map(|i| i as u8).collect();
            assert!(ct_eq(&a, &a));
            assert!(!ct_eq(&a, &a[..len - 1]));
            for i in 0..len {
                for bit in 0..8 {
                    let mut b = a.clone();
                    b[i] ^= 1 << bit;
                    assert!(!ct_eq(&a, &b), "len {len} byte {i} bit {bit}");
                }
            }
        }
        assert!(ct_eq(&[0; 129], &[0; 129]));
        assert!(ct_eq(&[], &[]));
    }

    #[test]
    fn unusable_keys_never_match() {
        let empty = Key::new(KeyKind::HmacSha256, &Secret::new(""));
        assert!(!empty.is_usable());
        assert!(empty.mac(&[b"x"]).is_none());
        assert!(!empty.verify_token(b""));
        assert!(!empty.verify(&[b""], &[0; 32]));
        assert_eq!(empty.kind(), None);
        assert_eq!(
            Key::first_match(&[empty], |_| true)
                .unwrap_err()
                .to_string(),
            Error::SignatureMismatch.to_string()
        );
    }

    #[test]
    fn token_compare_is_exact() {
        let key = Key::new(KeyKind::Token, &Secret::new("tok"));
        assert!(key.verify_token(b"tok"));
        assert!(!key.verify_token(b"tok "));
        assert!(!key.verify_token(b"to"));
        assert!(!key.verify_token(b""));
        assert!(key.mac(&[b"tok"]).is_none(), "a token is not an HMAC key");
        let hmac = Key::new(KeyKind::HmacSha256, &Secret::new("tok"));
        assert!(!hmac.verify_token(b"tok"), "an HMAC key is not a token");
    }

    #[test]
    fn debug_never_shows_key_material() {
        let secret = Secret::new("hunter2");
        for kind in [KeyKind::HmacSha256, KeyKind::Token] {
            let key = Key::new(kind, &secret);
            let shown = format!("{key:?}");
            assert!(
                shown.contains("REDACTED") && !shown.contains("hunter2"),
                "{shown}"
            );
            let mac = Key::new(kind, &secret).mac(&[b"m"]);
            assert!(!format!("{mac:?}").contains(&hex::encode(b"hunter2")));
        }
    }

    /// A prepared HMAC is two hash states (after the key's inner and outer padded
    /// blocks); `hmac` keeps them as the hash crates' own state types, which wipe
    /// themselves on drop with those crates' `zeroize` features, enabled here.
    #[test]
    fn hash_states_are_zeroized_on_drop() {
        fn zeroize_on_drop<T: zeroize::ZeroizeOnDrop>() {}
        zeroize_on_drop::<sha2::Sha256>();
        zeroize_on_drop::<sha2::Sha512>();
        #[cfg(feature = "sha1")]
        zeroize_on_drop::<sha1::Sha1>();
    }
}
