//! `Verifier`: a scheme plus its live keys.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use time::OffsetDateTime;

use crate::clock::Clock;
use crate::error::Error;
use crate::headers::Headers;
use crate::key::Key;
use crate::request::Request;
use crate::scheme::{Match, Scheme};
use crate::secret::Secret;
use crate::verified::Verified;

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
/// use hookverify::schemes::Signed;
/// use hookverify::time::OffsetDateTime;
/// use hookverify::{Secret, Sign, Verifier};
///
/// let scheme = Signed::hmac("Signature");
/// let verifier = Verifier::new(scheme.clone(), [
///     Secret::new("whsec_current"),
///     Secret::new("whsec_previous"),
/// ]);
///
/// // A sender still on the previous secret:
/// let body = br#"{"type":"proof.submitted"}"#;
/// let headers = scheme.sign(body, &Secret::new("whsec_previous"), OffsetDateTime::now_utc());
///
/// let verified = verifier.verify(body, &headers)?;
/// assert_eq!(verified.key_index(), 1);
/// # Ok::<(), hookverify::Error>(())
/// ```
pub struct Verifier<S> {
    scheme: S,
    keys: Box<[Key]>,
    /// Whether any key is of the scheme's kind.
    usable: bool,
    body_limit: usize,
    name: Option<Cow<'static, str>>,
    clock: Clock,
}

/// The largest body a [`Verifier`] hashes unless told otherwise: 2 MiB, the default body
/// limit of axum. Webhook payloads are kilobytes; anything near this is refused with
/// [`Error::BodyTooLarge`] before a single byte is hashed.
pub(crate) const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

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
    /// use hookverify::{Key, KeyKind, PublicKey, Verifier};
    ///
    /// let scheme = Signed::builder(KeyKind::Ed25519, "X-Signature-Ed25519")
    ///     .signed([Part::header("X-Signature-Timestamp"), Part::Body])
    ///     .build()?;
    /// let key = PublicKey::ed25519_hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")?;
    /// let verifier = Verifier::with_keys(scheme, [Key::from(key)]);
    /// assert_eq!(verifier.key_count(), 1);
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_keys(scheme: S, keys: impl IntoIterator<Item = Key>) -> Self {
        let keys: Box<[Key]> = keys
            .into_iter()
            .map(|key| {
                if key.kind().is_some_and(|kind| scheme.accepts(kind)) {
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
            clock: Clock::system(),
        }
    }

    /// A verifier whose scheme fetches its keys (its presets' `verifier` functions): no
    /// keys given, yet usable.
    #[cfg(feature = "fetch")]
    pub(crate) fn fetching(scheme: S) -> Self {
        Verifier {
            usable: true,
            ..Verifier::with_keys(scheme, [])
        }
    }

    /// The same verifier with its scheme changed by `f` (a preset's options that only
    /// its verifier offers).
    #[cfg(feature = "rsa")]
    pub(crate) fn map_scheme(self, f: impl FnOnce(S) -> S) -> Self {
        Verifier {
            scheme: f(self.scheme),
            ..self
        }
    }

    /// Refuses bodies longer than `limit` bytes with [`Error::BodyTooLarge`], before
    /// hashing them (default 2 MiB, axum's default body limit). Integrations use the same limit
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

    /// Reads the time from `clock` (default [`Clock::system`]) for schemes that check a
    /// signed timestamp; schemes without one never read it.
    ///
    /// # Examples
    ///
    /// ```
    /// use hookverify::time::OffsetDateTime;
    /// use hookverify::{Clock, Secret};
    /// use hookverify::providers::stripe;
    ///
    /// // An edge runtime without `SystemTime::now` hands the verifier its own clock.
    /// let verifier = stripe::verifier([Secret::new("whsec_test")])
    ///     .with_clock(Clock::from_fn(OffsetDateTime::now_utc));
    /// # let _ = verifier;
    /// ```
    #[must_use]
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Verifies a request, reading the time (only if the scheme checks one) from the
    /// verifier's [`Clock`].
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
        let body = body.as_ref();
        let found = self.check(&Request::new(body, &headers), &self.clock)?;
        Ok(Verified::new(body, found))
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
        let found = self.check(&Request::new(body, &headers), &Clock::fixed(now))?;
        Ok(Verified::new(body, found))
    }

    /// Verifies a [`Request`] with the verifier's [`Clock`]: for providers that sign the URL
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
    /// use hookverify::{KeyKind, Request, Secret, Sign, Verifier};
    ///
    /// // Square signs the notification URL and the body, base64.
    /// let scheme = Signed::builder(KeyKind::HmacSha256, "x-square-hmacsha256-signature")
    ///     .encoding(Encoding::Base64)
    ///     .signed([Part::Url, Part::Body])
    ///     .build()?;
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
    /// # Ok::<(), hookverify::schemes::ConfigError>(())
    /// ```
    pub fn verify_request<'a>(&self, request: &Request<'a>) -> Result<Verified<'a>, Error> {
        let found = self.check(request, &self.clock)?;
        Ok(Verified::new(request.body(), found))
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
        let found = self.check(request, &Clock::fixed(now))?;
        Ok(Verified::new(request.body(), found))
    }

    /// Verifies a request whose keys may have to be fetched first (AWS SNS, PayPal, Plaid,
    /// Google Cloud Pub/Sub with a [`KeyFetcher`](crate::fetch::KeyFetcher)): awaits the
    /// fetch the scheme asks for ([`Scheme::fetch_keys`]), then verifies as
    /// [`verify`](Verifier::verify) does. With the keys cached, nothing is awaited. For
    /// any other scheme it is `verify`.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`], and [`Error::KeyUnavailable`] (503) when the key cannot
    /// be fetched.
    #[cfg(feature = "fetch")]
    #[cfg_attr(docsrs, doc(cfg(feature = "fetch")))]
    pub async fn verify_async<'a>(
        &self,
        body: &'a (impl AsRef<[u8]> + ?Sized),
        headers: &(impl Headers + Sync + ?Sized),
    ) -> Result<Verified<'a>, Error> {
        let body = body.as_ref();
        // The request (which holds the headers as a `dyn Headers`, not `Sync`) ends before
        // the await, so the future is `Send` when the headers are `Sync`.
        let fetch = self.fetch_keys(&Request::new(body, &headers));
        fetch.await?;
        self.verify(body, headers)
    }

    /// The fetch `request` needs, if any, awaited.
    #[cfg(feature = "fetch")]
    pub(crate) fn fetch_keys(
        &self,
        request: &Request<'_>,
    ) -> impl std::future::Future<Output = Result<(), Error>> + Send + 'static {
        let pending = if self.usable && request.body().len() <= self.body_limit {
            self.scheme.fetch_keys(request)
        } else {
            None
        };
        async move {
            match pending {
                Some(fetch) => fetch.await,
                None => Ok(()),
            }
        }
    }

    /// The checks around the scheme's own, then the scheme's.
    fn check(&self, request: &Request<'_>, clock: &Clock) -> Result<Match, Error> {
        if !self.usable {
            return Err(Error::NoSecrets);
        }
        if request.body().len() > self.body_limit {
            return Err(Error::BodyTooLarge {
                limit: self.body_limit,
            });
        }
        self.scheme.verify(request, &self.keys, clock)
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
    /// use hookverify::{Secret, Sign};
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
        let body = body.as_ref();
        self.verify(body, headers)?;
        serde_json::from_slice(body).map_err(Error::Json)
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
            clock: self.clock,
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
}

impl<S: fmt::Debug> fmt::Debug for Verifier<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("name", &self.name)
            .field("scheme", &self.scheme)
            .field("keys", &self.keys.len())
            .field("body_limit", &self.body_limit)
            .field("clock", &self.clock)
            .finish()
    }
}
