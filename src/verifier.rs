//! `Verifier`: a scheme plus its live secrets.

use std::fmt;

use serde::Deserialize;
use time::OffsetDateTime;

use crate::error::Error;
use crate::headers::Headers;
use crate::scheme::{Key, Request, Scheme, SignedAt};
use crate::secret::Secret;

/// A [`Scheme`] with the secrets that are live for it: what a webhook handler holds.
///
/// Several secrets serve a rotation: list the current one first and the previous one
/// after it. A request signed with any of them is accepted, and [`Verified::secret_index`]
/// tells which one it was, so operators can see when the old secret stops being used.
///
/// The HMAC key schedule of every secret is computed once, here, and reused for every
/// request. Build the verifier at start-up and share it (it is `Send + Sync`; wrap it in
/// an `Arc` or keep it in your router state).
///
/// # Examples
///
/// ```
/// use hookverify::{Secret, Verifier};
/// use hookverify::schemes::HexHmac;
///
/// let verifier = Verifier::new(HexHmac::new("Signature"), [
///     Secret::new("whsec_current"),
///     Secret::new("whsec_previous"),
/// ]);
///
/// // A sender still on the previous secret:
/// let body = br#"{"type":"proof.submitted"}"#;
/// let headers = hookverify::providers::memento::scheme()
///     .sign(body, &Secret::new("whsec_previous"), time::OffsetDateTime::now_utc());
///
/// let verified = verifier.verify(body, &headers)?;
/// assert_eq!(verified.secret_index(), 1);
/// # use hookverify::Scheme;
/// # Ok::<(), hookverify::Error>(())
/// ```
pub struct Verifier<S> {
    scheme: S,
    keys: Box<[Key]>,
    secrets: Box<[Secret]>,
    body_limit: usize,
}

/// The largest body a [`Verifier`] hashes unless told otherwise: 2 MiB, the default body
/// limit of axum. Webhook payloads are kilobytes; anything near this is refused with
/// [`Error::BodyTooLarge`] before a single byte is hashed.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

impl<S: Scheme> Verifier<S> {
    /// A verifier for `scheme` accepting any of `secrets`, current first.
    ///
    /// Empty secrets are kept (so indices stay as given) but never match; a verifier with
    /// no usable secret answers every request with [`Error::NoSecrets`].
    pub fn new<I>(scheme: S, secrets: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Secret>,
    {
        let secrets: Box<[Secret]> = secrets.into_iter().map(Into::into).collect();
        let keys = secrets.iter().map(Key::new).collect();
        Verifier {
            scheme,
            keys,
            secrets,
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }

    /// Refuses bodies longer than `limit` bytes with [`Error::BodyTooLarge`], before
    /// hashing them (default [`DEFAULT_BODY_LIMIT`]). Integrations use the same limit
    /// while buffering the body.
    ///
    /// # Examples
    ///
    /// ```
    /// use hookverify::{Error, Secret};
    /// use hookverify::providers::memento;
    ///
    /// let verifier = memento::verifier([Secret::new("k")]).with_body_limit(16);
    /// let err = verifier.verify(&[b'x'; 17], &[("Signature", "00")]).unwrap_err();
    /// assert!(matches!(err, Error::BodyTooLarge { limit: 16 }));
    /// assert_eq!(err.status(), 413);
    /// ```
    #[must_use]
    pub fn with_body_limit(mut self, limit: usize) -> Self {
        self.body_limit = limit;
        self
    }

    /// The largest body this verifier accepts, in bytes.
    pub fn body_limit(&self) -> usize {
        self.body_limit
    }

    /// Verifies a request against the system clock.
    ///
    /// `body` must be the raw bytes as received: never parsed and re-serialized, never
    /// trimmed. `headers` is anything implementing [`Headers`].
    ///
    /// # Errors
    ///
    /// [`Error::MissingHeader`], [`Error::ConflictingHeaders`], [`Error::MalformedHeader`]
    /// for unusable requests; [`Error::TimestampTooOld`], [`Error::TimestampInFuture`],
    /// [`Error::SignatureMismatch`] for failed authentication; [`Error::NoSecrets`] when
    /// the verifier has no usable secret. [`Error::status`] maps each to an HTTP status.
    #[inline]
    pub fn verify<'a, B, H>(&self, body: &'a B, headers: &H) -> Result<Verified<'a>, Error>
    where
        B: AsRef<[u8]> + ?Sized,
        H: Headers + ?Sized,
    {
        // Only schemes with a timestamp window look at the time: the others never pay
        // for reading the clock.
        if self.scheme.uses_time() {
            let now = crate::clock::now_unix();
            self.verify_with(body, headers, |scheme, request, keys| {
                scheme.verify_unix(request, keys, now)
            })
        } else {
            self.verify_at(body, headers, OffsetDateTime::UNIX_EPOCH)
        }
    }

    /// Verifies a request as if the time were `now` (for tests, and for replays from a
    /// queue that recorded when each request arrived).
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`].
    #[inline]
    pub fn verify_at<'a, B, H>(
        &self,
        body: &'a B,
        headers: &H,
        now: OffsetDateTime,
    ) -> Result<Verified<'a>, Error>
    where
        B: AsRef<[u8]> + ?Sized,
        H: Headers + ?Sized,
    {
        self.verify_with(body, headers, |scheme, request, keys| {
            scheme.verify(request, keys, now)
        })
    }

    /// The checks around the scheme's own, which `verify_scheme` runs.
    #[inline]
    fn verify_with<'a, B, H>(
        &self,
        body: &'a B,
        headers: &H,
        verify_scheme: impl FnOnce(&S, &Request<'_>, &[Key]) -> Result<crate::Match, Error>,
    ) -> Result<Verified<'a>, Error>
    where
        B: AsRef<[u8]> + ?Sized,
        H: Headers + ?Sized,
    {
        if !self.keys.iter().any(Key::is_usable) {
            return Err(Error::NoSecrets);
        }
        let body = body.as_ref();
        if body.len() > self.body_limit {
            return Err(Error::BodyTooLarge {
                limit: self.body_limit,
            });
        }
        let request = Request::new(body, &headers);
        let m = verify_scheme(&self.scheme, &request, &self.keys)?;
        Ok(Verified {
            body,
            secret_index: m.secret_index,
            timestamp: m.signed_at(),
        })
    }

    /// Verifies the request, then deserializes the verified body as JSON.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`], and [`Error::Json`] when the verified body is not the
    /// expected JSON.
    ///
    /// # Examples
    ///
    /// ```
    /// use hookverify::{Secret, Scheme};
    /// use hookverify::providers::livingdocs;
    ///
    /// let body = br#"{"event":"document.publish","deliveryId":"d1"}"#;
    /// let secret = Secret::new("a-secret-token-to-sign-the-request");
    /// let headers = livingdocs::scheme().sign(body, &secret, time::OffsetDateTime::now_utc());
    ///
    /// let verifier = livingdocs::verifier([secret]);
    /// let value: serde_json::Value = verifier.verify_json(body, &headers)?;
    /// assert_eq!(value["deliveryId"], "d1");
    /// # Ok::<(), hookverify::Error>(())
    /// ```
    pub fn verify_json<'a, T, B, H>(&self, body: &'a B, headers: &H) -> Result<T, Error>
    where
        T: Deserialize<'a>,
        B: AsRef<[u8]> + ?Sized,
        H: Headers + ?Sized,
    {
        self.verify(body, headers)?.json()
    }

    /// [`Verifier::verify_json`] as if the time were `now`.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify_json`].
    pub fn verify_json_at<'a, T, B, H>(
        &self,
        body: &'a B,
        headers: &H,
        now: OffsetDateTime,
    ) -> Result<T, Error>
    where
        T: Deserialize<'a>,
        B: AsRef<[u8]> + ?Sized,
        H: Headers + ?Sized,
    {
        self.verify_at(body, headers, now)?.json()
    }

    /// The headers the provider would send for `body` at `now`, signed with the first
    /// (current) secret. For tests of your own handler.
    ///
    /// # Errors
    ///
    /// [`Error::NoSecrets`] when the verifier has no usable secret.
    pub fn sign(&self, body: &[u8], now: OffsetDateTime) -> Result<Vec<(String, String)>, Error> {
        let secret = self
            .secrets
            .iter()
            .find(|s| !s.is_empty())
            .ok_or(Error::NoSecrets)?;
        Ok(self.scheme.sign(body, secret, now))
    }

    /// The same verifier behind a trait object, e.g. to keep verifiers of different
    /// schemes in one collection.
    pub fn into_dyn(self) -> Verifier<Box<dyn Scheme>>
    where
        S: 'static,
    {
        Verifier {
            scheme: Box::new(self.scheme),
            keys: self.keys,
            secrets: self.secrets,
            body_limit: self.body_limit,
        }
    }

    /// The scheme.
    pub fn scheme(&self) -> &S {
        &self.scheme
    }

    /// How many secrets the verifier holds (usable or not).
    pub fn secret_count(&self) -> usize {
        self.keys.len()
    }
}

impl<S: fmt::Debug> fmt::Debug for Verifier<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("scheme", &self.scheme)
            .field("secrets", &self.keys.len())
            .field("body_limit", &self.body_limit)
            .finish()
    }
}

/// A request that passed verification: its body, which secret matched, and the signed
/// timestamp when the scheme has one.
///
/// Only a `Verified` gives access to the body through this crate, so code that holds one
/// knows the bytes are authentic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verified<'a> {
    body: &'a [u8],
    secret_index: usize,
    timestamp: Option<SignedAt>,
}

impl<'a> Verified<'a> {
    /// The verified raw body.
    #[must_use]
    pub fn body(&self) -> &'a [u8] {
        self.body
    }

    /// Index, in the order given to [`Verifier::new`], of the secret that matched.
    #[must_use]
    pub fn secret_index(&self) -> usize {
        self.secret_index
    }

    /// The signed timestamp, for schemes that sign one.
    #[must_use]
    pub fn timestamp(&self) -> Option<OffsetDateTime> {
        self.timestamp.and_then(SignedAt::date_time)
    }

    /// Deserializes the verified body as JSON: a provider's `Event`, your own type, or
    /// `serde_json::Value`.
    ///
    /// # Errors
    ///
    /// [`Error::Json`] when the body is not the expected JSON.
    pub fn json<T: Deserialize<'a>>(&self) -> Result<T, Error> {
        serde_json::from_slice(self.body).map_err(Error::Json)
    }
}
