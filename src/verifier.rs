//! `Verifier`: a scheme plus its live keys.

use std::borrow::Cow;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Deserialize;
use time::OffsetDateTime;

use crate::error::Error;
use crate::headers::Headers;
use crate::key::Key;
use crate::request::Request;
use crate::scheme::{DeliveryId, Match, Scheme};
use crate::secret::Secret;

/// A [`Scheme`] with the keys that are live for it: what a webhook handler holds.
///
/// Several keys serve a rotation: list the current one first and the previous one after
/// it. A request signed with any of them is accepted, and [`Verified::key_index`] tells
/// which one it was, so operators can see when the old key stops being used.
///
/// Each secret is prepared once, here, as the scheme's [`KeyKind`](crate::KeyKind) says
/// (an HMAC key schedule, a token digest); the verifier keeps only that, not the secret.
/// Build it at start-up and share it (it is `Send + Sync`; wrap it in an `Arc` or keep it
/// in your router state).
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
///     .sign(body, &Secret::new("whsec_previous"), hookverify::time::OffsetDateTime::now_utc());
///
/// let verified = verifier.verify(body, &headers)?;
/// assert_eq!(verified.key_index(), 1);
/// # use hookverify::Scheme;
/// # Ok::<(), hookverify::Error>(())
/// ```
pub struct Verifier<S> {
    scheme: S,
    keys: Box<[Key]>,
    /// Whether any key is of the scheme's kind.
    usable: bool,
    body_limit: usize,
    name: Option<Cow<'static, str>>,
}

/// The largest body a [`Verifier`] hashes unless told otherwise: 2 MiB, the default body
/// limit of axum. Webhook payloads are kilobytes; anything near this is refused with
/// [`Error::BodyTooLarge`] before a single byte is hashed.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

impl<S: Scheme> Verifier<S> {
    /// A verifier for `scheme` accepting any of `secrets`, current first, each prepared
    /// as the scheme's [`key_kind`](Scheme::key_kind).
    ///
    /// Empty secrets are kept (so indices stay as given) but never match; a verifier with
    /// no usable key answers every request with [`Error::NoSecrets`]. A public-key scheme
    /// takes its keys through [`Verifier::with_keys`].
    pub fn new<I>(scheme: S, secrets: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Secret>,
    {
        let kind = scheme.key_kind();
        let keys: Vec<Key> = secrets
            .into_iter()
            .map(|secret| Key::new(kind, &secret.into()))
            .collect();
        Verifier::with_keys(scheme, keys)
    }

    /// A verifier for `scheme` accepting any of `keys`, current first: for public keys
    /// (`Key::from(PublicKey::…)`), or keys prepared by hand.
    ///
    /// A key of another kind than the scheme's is kept (so indices stay as given) but
    /// never matches.
    ///
    /// # Examples
    ///
    /// ```
    /// # #[cfg(feature = "ed25519")] {
    /// use hookverify::schemes::{Part, Signed};
    /// use hookverify::{Key, PublicKey, Verifier};
    ///
    /// let scheme = Signed::ed25519("X-Signature-Ed25519")
    ///     .signed([Part::header("X-Signature-Timestamp"), Part::Body]);
    /// let key = PublicKey::ed25519_hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")?;
    /// let verifier = Verifier::with_keys(scheme, [Key::from(key)]);
    /// assert_eq!(verifier.key_count(), 1);
    /// # }
    /// # Ok::<(), hookverify::Error>(())
    /// ```
    pub fn with_keys(scheme: S, keys: impl IntoIterator<Item = Key>) -> Self {
        let kind = Some(scheme.key_kind());
        let keys: Box<[Key]> = keys
            .into_iter()
            .map(|key| {
                if key.kind() == kind {
                    key
                } else {
                    Key::unusable()
                }
            })
            .collect();
        Verifier {
            usable: keys.iter().any(Key::is_usable),
            scheme,
            keys,
            body_limit: DEFAULT_BODY_LIMIT,
            name: None,
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

    /// Names the provider, for the keys [dedupe](crate::dedupe) records
    /// (`<name>:id:<delivery id>`). Keys are persisted (in Redis, across deploys), so the
    /// name must be stable: the presets use their module's name (`"stripe"`).
    #[must_use]
    pub fn with_name(mut self, name: impl Into<Cow<'static, str>>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The provider's name, if the verifier has one (see [`with_name`](Verifier::with_name)).
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
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
    /// [`Error::SignatureMismatch`] for failed authentication; [`Error::BodyTooLarge`];
    /// [`Error::NoSecrets`] when the verifier has no usable key. [`Error::status`] maps
    /// each to an HTTP status.
    pub fn verify<'a>(
        &self,
        body: &'a (impl AsRef<[u8]> + ?Sized),
        headers: &(impl Headers + ?Sized),
    ) -> Result<Verified<'a>, Error> {
        self.verify_at(body, headers, now())
    }

    /// Verifies a request as if the time were `now` (for tests, and for replays from a
    /// queue that recorded when each request arrived).
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`].
    pub fn verify_at<'a>(
        &self,
        body: &'a (impl AsRef<[u8]> + ?Sized),
        headers: &(impl Headers + ?Sized),
        now: OffsetDateTime,
    ) -> Result<Verified<'a>, Error> {
        let body = body.as_ref();
        let found = self.check(&Request::new(body, &headers), now)?;
        Ok(Verified::new(body, &found))
    }

    /// Verifies a [`Request`] against the system clock: for providers that sign the URL
    /// or the method, which a body and headers do not carry.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`], and [`Error::MissingRequestPart`] when the scheme signs a
    /// part the request was built without.
    ///
    /// # Examples
    ///
    /// ```
    /// use hookverify::schemes::{Encoding, Part, Signed};
    /// use hookverify::{Request, Scheme, Secret, Verifier};
    ///
    /// // Square signs the notification URL and the body, base64.
    /// let scheme = Signed::hmac("x-square-hmacsha256-signature")
    ///     .encoding(Encoding::Base64)
    ///     .signed([Part::Url, Part::Body]);
    /// let secret = Secret::new("sq-signature-key");
    /// let url = "https://example.com/hooks/square";
    /// let now = hookverify::time::OffsetDateTime::now_utc();
    /// let headers = scheme.sign_request(&Request::new(b"{}", &()).with_url(url), &secret, now);
    ///
    /// let verifier = Verifier::new(scheme, [secret]);
    /// let request = Request::new(b"{}", &headers).with_url(url);
    /// assert!(verifier.verify_request(&request).is_ok());
    /// let elsewhere = Request::new(b"{}", &headers).with_url("https://example.com/other");
    /// assert!(verifier.verify_request(&elsewhere).is_err());
    /// ```
    pub fn verify_request<'a>(&self, request: &Request<'a>) -> Result<Verified<'a>, Error> {
        self.verify_request_at(request, now())
    }

    /// [`verify_request`](Verifier::verify_request) as if the time were `now`.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify_request`].
    pub fn verify_request_at<'a>(
        &self,
        request: &Request<'a>,
        now: OffsetDateTime,
    ) -> Result<Verified<'a>, Error> {
        let found = self.check(request, now)?;
        Ok(Verified::new(request.body(), &found))
    }

    /// The checks around the scheme's own, then the scheme's.
    fn check(&self, request: &Request<'_>, now: OffsetDateTime) -> Result<Match, Error> {
        if !self.usable {
            return Err(Error::NoSecrets);
        }
        if request.body().len() > self.body_limit {
            return Err(Error::BodyTooLarge {
                limit: self.body_limit,
            });
        }
        self.scheme.verify(request, &self.keys, now)
    }

    /// Verifies the request, then deserializes the verified body as JSON: one call, one
    /// type argument (`verifier.verify_json::<pocketbook::Event>(body, &headers)`).
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
    /// let headers = livingdocs::scheme().sign(body, &secret, hookverify::time::OffsetDateTime::now_utc());
    ///
    /// let verifier = livingdocs::verifier([secret]);
    /// let value = verifier.verify_json::<serde_json::Value>(body, &headers)?;
    /// assert_eq!(value["deliveryId"], "d1");
    /// # Ok::<(), hookverify::Error>(())
    /// ```
    pub fn verify_json<'a, T: Deserialize<'a>>(
        &self,
        body: &'a (impl AsRef<[u8]> + ?Sized),
        headers: &(impl Headers + ?Sized),
    ) -> Result<T, Error> {
        self.verify(body, headers)?.json()
    }

    /// [`Verifier::verify_json`] as if the time were `now`.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify_json`].
    pub fn verify_json_at<'a, T: Deserialize<'a>>(
        &self,
        body: &'a (impl AsRef<[u8]> + ?Sized),
        headers: &(impl Headers + ?Sized),
        now: OffsetDateTime,
    ) -> Result<T, Error> {
        self.verify_at(body, headers, now)?.json()
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
            usable: self.usable,
            body_limit: self.body_limit,
            name: self.name,
        }
    }

    /// The scheme.
    pub fn scheme(&self) -> &S {
        &self.scheme
    }

    /// How many keys the verifier holds (usable or not).
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// How many keys the verifier holds: [`key_count`](Verifier::key_count).
    #[deprecated(since = "0.1.0", note = "use `key_count`: public keys are not secrets")]
    pub fn secret_count(&self) -> usize {
        self.key_count()
    }
}

/// The system clock (`std`'s), as a UTC date-time. A clock beyond the calendar (year 9999)
/// reads as the last representable instant, so every timestamp is too old: fail closed.
fn now() -> OffsetDateTime {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_secs())
        .ok()
        .and_then(|secs| OffsetDateTime::from_unix_timestamp(secs).ok())
        .and_then(|t| t.replace_nanosecond(since_epoch.subsec_nanos()).ok())
        .unwrap_or(time::PrimitiveDateTime::MAX.assume_utc())
}

impl<S: fmt::Debug> fmt::Debug for Verifier<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("name", &self.name)
            .field("scheme", &self.scheme)
            .field("keys", &self.keys.len())
            .field("body_limit", &self.body_limit)
            .finish()
    }
}

/// A request that passed verification: its body, which key matched, the signed
/// timestamp when the scheme has one, and the delivery id when the provider's headers
/// carry one.
///
/// Only a `Verified` gives access to the body through this crate, so code that holds one
/// knows the bytes are authentic.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Verified<'a> {
    body: &'a [u8],
    key_index: usize,
    timestamp: Option<OffsetDateTime>,
    delivery_id: DeliveryId,
}

impl<'a> Verified<'a> {
    fn new(body: &'a [u8], found: &Match) -> Self {
        Verified {
            body,
            key_index: found.key_index(),
            timestamp: found.timestamp(),
            delivery_id: found.delivery_id_raw(),
        }
    }

    /// The verified raw body.
    #[must_use]
    pub fn body(&self) -> &'a [u8] {
        self.body
    }

    /// Index, in the order given to the [`Verifier`], of the key that matched (0 is the
    /// current one).
    #[must_use]
    pub fn key_index(&self) -> usize {
        self.key_index
    }

    /// [`key_index`](Verified::key_index), under its first name.
    #[must_use]
    pub fn secret_index(&self) -> usize {
        self.key_index
    }

    /// The signed timestamp, for schemes that sign one.
    #[must_use]
    pub fn timestamp(&self) -> Option<OffsetDateTime> {
        self.timestamp
    }

    /// The provider's id of this delivery, from its headers (Standard Webhooks'
    /// `webhook-id`, GitHub's `X-GitHub-Delivery`), where the scheme reads one.
    #[must_use]
    pub fn delivery_id(&self) -> Option<&str> {
        self.delivery_id.as_str()
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

/// The body's length, never its bytes.
impl fmt::Debug for Verified<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verified")
            .field("body_len", &self.body.len())
            .field("key_index", &self.key_index)
            .field("timestamp", &self.timestamp)
            .field("delivery_id", &self.delivery_id())
            .finish()
    }
}
