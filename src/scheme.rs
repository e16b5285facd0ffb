//! The `Scheme` trait: how one convention authenticates a request.

use std::fmt;
use std::sync::Arc;

use time::OffsetDateTime;

use crate::clock::Clock;
use crate::error::Error;
use crate::key::Key;
use crate::key_kind::KeyKind;
use crate::request::Request;

/// One webhook authentication convention: which headers carry what, what is signed, and
/// with which kind of key.
///
/// The built-in schemes live in [`schemes`](crate::schemes); most providers are
/// configuration of [`schemes::Signed`](crate::schemes::Signed), no code. A scheme is
/// stateless configuration; the keys live in the [`Verifier`](crate::Verifier), which
/// prepares them as [`key_kind`](Scheme::key_kind) says and hands them to
/// [`verify`](Scheme::verify).
///
/// The trait is object safe and `Send + Sync`: `Verifier<Box<dyn Scheme>>` works.
///
/// # Implementing
///
/// Two methods:
///
/// - [`key_kind`](Scheme::key_kind): what a configured key is (an HMAC secret with its
///   hash function, a token, a public key).
/// - [`verify`](Scheme::verify): read what you need from the [`Request`]
///   ([`Request::header`] applies the crate's header rules), check a signed timestamp
///   against [`Clock::now`] with a [`Window`](crate::schemes::Window) (read the clock
///   only if the request carries a timestamp), and find the key that matches with
///   [`Key::first_match`] and [`Key::verify`] (constant time). Return the opaque
///   [`Error::SignatureMismatch`] when none does, a typed [`Error`] for anything
///   malformed, and never panic.
///
/// Signing requests, for tests and tools, is the separate trait [`Sign`](crate::Sign).
///
/// # Examples
///
/// A provider that sends `X-Acme-Signature: <hex HMAC-SHA256 of "<X-Acme-Id>:<body>">`
/// and the send time in `X-Acme-Time` (such a provider is also a few lines of
/// [`Signed`](crate::schemes::Signed) configuration; this is how it looks as code):
///
/// ```
/// use std::time::Duration;
/// use hookverify::schemes::{Encoding, TimestampFormat, Window};
/// use hookverify::{Clock, Error, Key, KeyKind, Match, Request, Scheme, Secret, Verifier};
///
/// #[derive(Debug)]
/// struct Acme;
///
/// impl Scheme for Acme {
///     fn key_kind(&self) -> KeyKind {
///         KeyKind::HmacSha256
///     }
///
///     fn verify(&self, req: &Request<'_>, keys: &[Key], clock: &Clock) -> Result<Match, Error> {
///         let id = req.header("X-Acme-Id")?;
///         let sent = TimestampFormat::UnixSeconds
///             .parse(req.header("X-Acme-Time")?)
///             .map_err(|p| Error::malformed("X-Acme-Time", p))?;
///         Window::tolerance(Duration::from_secs(300)).check(sent, clock.now())?;
///         let signature = Encoding::Hex
///             .decode(req.header("X-Acme-Signature")?)
///             .map_err(|p| Error::malformed("X-Acme-Signature", p))?;
///         let message = [id.as_bytes(), b":", req.body()];
///         let index = Key::first_match(keys, |key| key.verify(&message, &signature))?;
///         Ok(Match::new(index, Some(sent)).with_delivery_id(id))
///     }
/// }
///
/// // A request as Acme would send it, signed with the `hmac` crate.
/// use hmac::{KeyInit, Mac};
/// let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(b"acme-secret").unwrap();
/// mac.update(b"evt_1:{}");
/// let now = hookverify::time::OffsetDateTime::now_utc();
/// let headers = [
///     ("X-Acme-Id", "evt_1".to_string()),
///     ("X-Acme-Time", now.unix_timestamp().to_string()),
///     ("X-Acme-Signature", hex::encode(mac.finalize().into_bytes())),
/// ];
/// let secret = Secret::new("acme-secret");
///
/// let verified = Verifier::new(Acme, [secret]).verify(b"{}", &headers)?;
/// assert_eq!(verified.delivery_id(), Some("evt_1"));
/// # Ok::<(), Error>(())
/// ```
pub trait Scheme: Send + Sync + fmt::Debug {
    /// What the keys of this scheme are. [`Verifier::new`](crate::Verifier::new) prepares
    /// each secret as this kind ([`Key::new`]); public keys are given to
    /// [`Verifier::with_keys`](crate::Verifier::with_keys) instead.
    fn key_kind(&self) -> KeyKind;

    /// Whether keys of `kind` are keys of this scheme: by default, only the
    /// [`key_kind`](Scheme::key_kind). A scheme verifying two kinds of signature (Standard
    /// Webhooks' HMAC `v1` and Ed25519 `v1a`) accepts both; a
    /// [`Verifier`](crate::Verifier) keeps keys of other kinds unusable.
    fn accepts(&self, kind: KeyKind) -> bool {
        kind == self.key_kind()
    }

    /// Authenticates `request` with any of `keys`, reading the time from `clock` if (and
    /// only if) the scheme checks a signed timestamp.
    ///
    /// # Errors
    ///
    /// Any [`Error`] describing a missing or malformed header, a timestamp outside the
    /// window, or [`Error::SignatureMismatch`].
    fn verify(&self, request: &Request<'_>, keys: &[Key], clock: &Clock) -> Result<Match, Error>;

    /// What must be fetched before [`verify`](Scheme::verify) can check `request`: for
    /// schemes whose keys a [`KeyFetcher`](crate::fetch::KeyFetcher) fetches (AWS SNS's
    /// certificates, Google's JSON Web Keys), the fetch of the keys this request needs,
    /// unless they are cached. [`Verifier::verify_async`](crate::Verifier::verify_async)
    /// awaits it, then verifies. The default, for every scheme with its keys given up
    /// front, is `None`.
    ///
    /// A request too malformed to tell what it needs gives `None`: `verify` then names
    /// the problem.
    #[cfg(feature = "fetch")]
    #[cfg_attr(docsrs, doc(cfg(feature = "fetch")))]
    fn fetch_keys(&self, request: &Request<'_>) -> Option<KeysFuture> {
        let _ = request;
        None
    }
}

/// The fetch a [`Scheme::fetch_keys`] asks for; it owns what it needs, so a server can
/// await it without holding the request.
#[cfg(feature = "fetch")]
#[cfg_attr(docsrs, doc(cfg(feature = "fetch")))]
pub type KeysFuture =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), Error>> + Send + 'static>>;

/// `Scheme` through a pointer: `&S`, `Box<S>` and `Arc<S>` (including `Box<dyn Scheme>`).
macro_rules! forward_scheme {
    ($($pointer:ty),*) => {$(
        impl<S: Scheme + ?Sized> Scheme for $pointer {
            fn key_kind(&self) -> KeyKind {
                (**self).key_kind()
            }
            fn accepts(&self, kind: KeyKind) -> bool {
                (**self).accepts(kind)
            }
            fn verify(&self, request: &Request<'_>, keys: &[Key], clock: &Clock) -> Result<Match, Error> {
                (**self).verify(request, keys, clock)
            }
            #[cfg(feature = "fetch")]
            fn fetch_keys(&self, request: &Request<'_>) -> Option<KeysFuture> {
                (**self).fetch_keys(request)
            }
        }
    )*};
}

forward_scheme!(&S, Box<S>, Arc<S>);

/// What a scheme found: which key matched, the signed timestamp if it has one, and the
/// delivery id if the provider sends one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    key_index: usize,
    timestamp: Option<OffsetDateTime>,
    delivery_id: Option<String>,
    event_type: Option<String>,
}

impl Match {
    /// A match of key `key_index`, with the signed timestamp if any.
    #[must_use]
    pub fn new(key_index: usize, timestamp: Option<OffsetDateTime>) -> Self {
        Match {
            key_index,
            timestamp,
            delivery_id: None,
            event_type: None,
        }
    }

    /// The same match, with the provider's id of this delivery (an empty id is none).
    #[must_use]
    pub fn with_delivery_id(mut self, id: &str) -> Self {
        self.delivery_id = (!id.is_empty()).then(|| id.to_owned());
        self
    }

    /// The same match, with the event type the provider names in a header (GitHub's
    /// `X-GitHub-Event: push`; an empty one is none).
    #[must_use]
    pub fn with_event_type(mut self, event_type: &str) -> Self {
        self.event_type = (!event_type.is_empty()).then(|| event_type.to_owned());
        self
    }

    /// Index of the key that authenticated the request.
    #[must_use]
    pub fn key_index(&self) -> usize {
        self.key_index
    }

    /// The timestamp the sender signed, for schemes that sign one.
    #[must_use]
    pub fn timestamp(&self) -> Option<OffsetDateTime> {
        self.timestamp
    }

    /// The provider's id of this delivery, when it sends one.
    #[must_use]
    pub fn delivery_id(&self) -> Option<&str> {
        self.delivery_id.as_deref()
    }

    /// The event type the provider names in a header, when it does.
    #[must_use]
    pub fn event_type(&self) -> Option<&str> {
        self.event_type.as_deref()
    }
}
