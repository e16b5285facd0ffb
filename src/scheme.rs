//! The `Scheme` trait: how one convention authenticates a request.

use std::fmt;
use std::sync::Arc;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use time::OffsetDateTime;

use crate::error::Error;
use crate::headers::Headers;
use crate::prekeyed::PreKeyed;
use crate::secret::Secret;

/// One webhook authentication convention: which headers carry what, what is signed, how
/// it is compared.
///
/// The built-in schemes live in [`schemes`](crate::schemes). A scheme is stateless
/// configuration; the secrets live in the [`Verifier`](crate::Verifier), which hands them
/// to the scheme as prepared [`Key`]s (HMAC key schedule computed once per secret).
///
/// The trait is object safe and `Send + Sync`: `Verifier<Box<dyn Scheme>>` works.
///
/// # Implementing
///
/// `verify` must be constant time in the secrets (use [`Key::matches_mac`] and
/// [`Key::matches_token`]), must return the single opaque [`Error::SignatureMismatch`]
/// when no key matches, and must never panic. The verifier has already checked that at
/// least one key is usable.
///
/// A scheme with a timestamp window may also override [`Scheme::verify_unix`], which
/// [`Verifier::verify`](crate::Verifier::verify) calls with the clock in Unix seconds,
/// and return [`Match::new`] with the signed time.
pub trait Scheme: Send + Sync + fmt::Debug {
    /// Authenticates `request` with any of `keys` at time `now`.
    ///
    /// # Errors
    ///
    /// Any [`Error`] describing a missing or malformed header, a timestamp outside the
    /// window, or [`Error::SignatureMismatch`].
    fn verify(
        &self,
        request: &Request<'_>,
        keys: &[Key],
        now: OffsetDateTime,
    ) -> Result<Match, Error>;

    /// [`verify`](Scheme::verify) with `now` in whole Unix seconds, which is how
    /// [`Verifier::verify`](crate::Verifier::verify) reads the clock. A scheme whose
    /// window compares Unix seconds overrides it and skips turning the clock's seconds
    /// into a date-time and back (calendar arithmetic, about 1 % of verifying a 1 KiB
    /// body). The default calls `verify` with `now` as a UTC date-time.
    ///
    /// # Errors
    ///
    /// As [`verify`](Scheme::verify).
    fn verify_unix(&self, request: &Request<'_>, keys: &[Key], now: i64) -> Result<Match, Error> {
        let now =
            OffsetDateTime::from_unix_timestamp(now).unwrap_or_else(|_| OffsetDateTime::now_utc());
        self.verify(request, keys, now)
    }

    /// The headers a sender using `secret` would attach to `body` at time `now`, for tests
    /// and tooling.
    fn sign(&self, body: &[u8], secret: &Secret, now: OffsetDateTime) -> Vec<(String, String)>;

    /// Whether [`verify`](Scheme::verify) looks at its `now` argument. Schemes without a
    /// timestamp answer `false`, and [`Verifier::verify`](crate::Verifier::verify) then
    /// does not read the system clock for them (it passes the Unix epoch). The default,
    /// `true`, is always correct.
    fn uses_time(&self) -> bool {
        true
    }
}

impl<S: Scheme + ?Sized> Scheme for &S {
    fn verify(&self, r: &Request<'_>, keys: &[Key], now: OffsetDateTime) -> Result<Match, Error> {
        (**self).verify(r, keys, now)
    }
    fn verify_unix(&self, r: &Request<'_>, keys: &[Key], now: i64) -> Result<Match, Error> {
        (**self).verify_unix(r, keys, now)
    }
    fn sign(&self, body: &[u8], secret: &Secret, now: OffsetDateTime) -> Vec<(String, String)> {
        (**self).sign(body, secret, now)
    }
    fn uses_time(&self) -> bool {
        (**self).uses_time()
    }
}

impl<S: Scheme + ?Sized> Scheme for Box<S> {
    fn verify(&self, r: &Request<'_>, keys: &[Key], now: OffsetDateTime) -> Result<Match, Error> {
        (**self).verify(r, keys, now)
    }
    fn verify_unix(&self, r: &Request<'_>, keys: &[Key], now: i64) -> Result<Match, Error> {
        (**self).verify_unix(r, keys, now)
    }
    fn sign(&self, body: &[u8], secret: &Secret, now: OffsetDateTime) -> Vec<(String, String)> {
        (**self).sign(body, secret, now)
    }
    fn uses_time(&self) -> bool {
        (**self).uses_time()
    }
}

impl<S: Scheme + ?Sized> Scheme for Arc<S> {
    fn verify(&self, r: &Request<'_>, keys: &[Key], now: OffsetDateTime) -> Result<Match, Error> {
        (**self).verify(r, keys, now)
    }
    fn verify_unix(&self, r: &Request<'_>, keys: &[Key], now: i64) -> Result<Match, Error> {
        (**self).verify_unix(r, keys, now)
    }
    fn sign(&self, body: &[u8], secret: &Secret, now: OffsetDateTime) -> Vec<(String, String)> {
        (**self).sign(body, secret, now)
    }
    fn uses_time(&self) -> bool {
        (**self).uses_time()
    }
}

/// The request as a scheme sees it: the raw body bytes and the headers.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub struct Request<'a> {
    /// The raw body, exactly as received.
    pub body: &'a [u8],
    /// The request headers.
    pub headers: &'a dyn Headers,
}

impl<'a> Request<'a> {
    /// A request from its raw body and headers.
    pub fn new(body: &'a [u8], headers: &'a dyn Headers) -> Self {
        Request { body, headers }
    }
}

impl fmt::Debug for Request<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

/// What a scheme found: which secret matched, and the signed timestamp if it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Match {
    /// Index, in the verifier's secrets, of the secret that authenticated the request.
    pub secret_index: usize,
    timestamp: Option<SignedAt>,
}

impl Match {
    /// A match of secret `secret_index`, with the signed timestamp if any.
    #[must_use]
    pub fn new(secret_index: usize, timestamp: Option<OffsetDateTime>) -> Self {
        Match {
            secret_index,
            timestamp: timestamp.map(SignedAt::DateTime),
        }
    }

    /// A match whose signed timestamp is `secs` Unix seconds, which the caller has
    /// checked are representable ([`representable_unix`]). The date-time is worked out
    /// only when asked for.
    pub(crate) fn at_unix(secret_index: usize, secs: i64) -> Self {
        Match {
            secret_index,
            timestamp: Some(SignedAt::Unix(secs)),
        }
    }

    /// The timestamp the sender signed, for schemes that sign one.
    #[must_use]
    pub fn timestamp(&self) -> Option<OffsetDateTime> {
        self.timestamp.and_then(SignedAt::date_time)
    }

    pub(crate) fn signed_at(&self) -> Option<SignedAt> {
        self.timestamp
    }
}

/// A signed timestamp as a scheme found it: a date-time, or Unix seconds known to be
/// representable, turned into a date-time only when someone asks. Building the
/// date-time costs about as much as reading the headers (calendar arithmetic is a long
/// chain of dependent multiplications), and most handlers never ask.
#[derive(Clone, Copy)]
pub(crate) enum SignedAt {
    DateTime(OffsetDateTime),
    Unix(i64),
}

impl SignedAt {
    /// The date-time (UTC for Unix seconds); `None` only for seconds that were not
    /// representable after all, which the constructors rule out.
    pub(crate) fn date_time(self) -> Option<OffsetDateTime> {
        match self {
            SignedAt::DateTime(t) => Some(t),
            SignedAt::Unix(secs) => OffsetDateTime::from_unix_timestamp(secs).ok(),
        }
    }
}

/// The same instant, whichever form each side is in.
impl PartialEq for SignedAt {
    fn eq(&self, other: &Self) -> bool {
        self.date_time() == other.date_time()
    }
}

impl Eq for SignedAt {}

/// As the date-time.
impl fmt::Debug for SignedAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.date_time() {
            Some(t) => fmt::Debug::fmt(&t, f),
            None => f.write_str("<unrepresentable>"),
        }
    }
}

/// The Unix seconds `time` can turn into a date-time (with or without its
/// `large-dates` feature, whichever the build has).
const UNIX_RANGE: std::ops::RangeInclusive<i64> =
    time::PrimitiveDateTime::MIN.assume_utc().unix_timestamp()
        ..=time::PrimitiveDateTime::MAX.assume_utc().unix_timestamp();

/// Whether `secs` Unix seconds can be a date-time.
pub(crate) fn representable_unix(secs: i64) -> bool {
    UNIX_RANGE.contains(&secs)
}

/// A secret prepared for verification: the HMAC-SHA256 key schedule (the hash states
/// after the padded key blocks) is computed once, when the verifier is built, and each
/// request starts from a copy of it; a token's digest is kept for length-hiding
/// comparison.
///
/// An empty secret yields a key that never matches anything.
pub struct Key {
    inner: Option<Prepared>,
}

struct Prepared {
    hmac: PreKeyed,
    token_digest: [u8; 32],
}

impl Key {
    /// Prepares `secret`.
    #[must_use]
    pub fn new(secret: &Secret) -> Self {
        let bytes = secret.expose_secret();
        if bytes.is_empty() {
            return Key { inner: None };
        }
        // HMAC accepts keys of any length (longer ones are hashed first).
        let hmac = PreKeyed::new(bytes);
        Key {
            inner: Some(Prepared {
                hmac,
                token_digest: Sha256::digest(bytes).into(),
            }),
        }
    }

    /// `false` for a key made from an empty secret, which never matches.
    #[must_use]
    pub fn is_usable(&self) -> bool {
        self.inner.is_some()
    }

    /// HMAC-SHA256 of the concatenation of `parts`, fed one after the other (nothing is
    /// concatenated in memory). `None` for an unusable key.
    #[must_use]
    pub fn mac(&self, parts: &[&[u8]]) -> Option<[u8; 32]> {
        Some(self.inner.as_ref()?.hmac.mac(parts))
    }

    /// Whether `mac` (computed with [`Key::mac`]) equals `received`, in constant time.
    /// Always `false` for `None`.
    #[must_use]
    pub fn mac_eq(mac: Option<&[u8; 32]>, received: &[u8; 32]) -> bool {
        mac.is_some_and(|m| ct_eq_32(m, received))
    }

    /// Whether HMAC-SHA256 of `parts` under this key equals `received`, in constant time.
    #[must_use]
    pub fn matches_mac(&self, parts: &[&[u8]], received: &[u8; 32]) -> bool {
        Key::mac_eq(self.mac(parts).as_ref(), received)
    }

    /// Whether `token` equals this secret, in constant time and without revealing the
    /// secret's length: both sides are reduced to SHA-256 digests, which are compared.
    #[must_use]
    pub fn matches_token(&self, token: &[u8]) -> bool {
        match &self.inner {
            None => false,
            Some(p) => {
                let digest: [u8; 32] = Sha256::digest(token).into();
                ct_eq_32(&digest, &p.token_digest)
            }
        }
    }
}

/// Constant-time equality of two 32-byte values: the differences of all four 64-bit words
/// are OR-ed together without a branch, and the result is compared with `subtle`.
fn ct_eq_32(a: &[u8; 32], b: &[u8; 32]) -> bool {
    let diff = a
        .chunks_exact(8)
        .zip(b.chunks_exact(8))
        .fold(0u64, |acc, (x, y)| {
            let x = u64::from_ne_bytes(x.try_into().unwrap_or_default());
            let y = u64::from_ne_bytes(y.try_into().unwrap_or_default());
            acc | (x ^ y)
        });
    bool::from(diff.ct_eq(&0))
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.is_usable() {
            "Key([REDACTED])"
        } else {
            "Key(<empty, never matches>)"
        })
    }
}

impl Drop for Prepared {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        // The HMAC key schedule zeroizes itself.
        self.token_digest.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mac_matches_rfc4231_case_2() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let key = Key::new(&Secret::new("Jefe"));
        let mac = key
            .mac(&[b"what do ya want ", b"for nothing?"])
            .expect("usable");
        assert_eq!(
            hex::encode(mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn ct_eq_32_sees_every_byte() {
        let a = [7u8; 32];
        assert!(ct_eq_32(&a, &a));
        for i in 0..32 {
            for bit in 0..8 {
                let mut b = a;
                b[i] ^= 1 << bit;
                assert!(!ct_eq_32(&a, &b), "byte {i} bit {bit}");
            }
        }
    }

    #[test]
    fn empty_key_never_matches() {
        let key = Key::new(&Secret::new(""));
        assert!(!key.is_usable());
        assert!(key.mac(&[b"x"]).is_none());
        assert!(!key.matches_token(b""));
        assert!(!key.matches_mac(&[b""], &[0; 32]));
    }

    #[test]
    fn token_compare_is_exact() {
        let key = Key::new(&Secret::new("tok"));
        assert!(key.matches_token(b"tok"));
        assert!(!key.matches_token(b"tok "));
        assert!(!key.matches_token(b"to"));
        assert!(!key.matches_token(b""));
    }

    #[test]
    fn debug_never_shows_key() {
        let key = Key::new(&Secret::new("hunter2"));
        assert_eq!(format!("{key:?}"), "Key([REDACTED])");
    }
}
