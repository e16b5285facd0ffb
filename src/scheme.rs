//! The `Scheme` trait: how one convention authenticates a request.

use std::fmt;
use std::sync::Arc;

use time::OffsetDateTime;

use crate::error::Error;
use crate::key::{Key, KeyKind};
use crate::request::Request;
use crate::secret::Secret;

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
/// Three methods:
///
/// - [`key_kind`](Scheme::key_kind): what a configured key is (an HMAC secret with its
///   hash function, a token, a public key).
/// - [`verify`](Scheme::verify): read what you need from the [`Request`]
///   ([`Request::header`] applies the crate's header rules), check the timestamp with a
///   [`Window`](crate::schemes::Window), and find the key that matches with
///   [`Key::first_match`] and [`Key::verify`] (constant time). Return the opaque
///   [`Error::SignatureMismatch`] when none does, a typed [`Error`] for anything
///   malformed, and never panic.
/// - [`sign_request`](Scheme::sign_request): the headers a sender would add, for tests.
///
/// # Examples
///
/// A provider that sends `X-Acme-Signature: <hex HMAC-SHA256 of "<X-Acme-Id>:<body>">`
/// and the send time in `X-Acme-Time` (such a provider is also a few lines of
/// [`Signed`](crate::schemes::Signed) configuration; this is how it looks as code):
///
/// ```
/// use hookverify::schemes::{Encoding, TimestampFormat, Window};
/// use hookverify::time::OffsetDateTime;
/// use hookverify::{Digest, Error, Key, KeyKind, Match, Request, Scheme, Secret};
///
/// #[derive(Debug)]
/// struct Acme;
///
/// impl Scheme for Acme {
///     fn key_kind(&self) -> KeyKind {
///         KeyKind::Hmac(Digest::Sha256)
///     }
///
///     fn verify(&self, req: &Request<'_>, keys: &[Key], now: OffsetDateTime) -> Result<Match, Error> {
///         let id = req.header("X-Acme-Id")?;
///         let sent = req.header("X-Acme-Time")?;
///         let sent = TimestampFormat::UnixSeconds
///             .parse(sent)
///             .map_err(|p| Error::malformed("X-Acme-Time", p))?;
///         Window::default().check(sent, now)?;
///         let mut sig = [0u8; 32];
///         Encoding::Hex
///             .decode_into(req.header("X-Acme-Signature")?, &mut sig)
///             .map_err(|p| Error::malformed("X-Acme-Signature", p))?;
///         let message: [&[u8]; 3] = [id.as_bytes(), b":", req.body()];
///         let index = Key::first_match(keys, |key| key.verify(&message, &sig))?;
///         Ok(Match::new(index, Some(sent)).with_delivery_id(id))
///     }
///
///     fn sign_request(&self, req: &Request<'_>, secret: &Secret, now: OffsetDateTime) -> Vec<(String, String)> {
///         let id = req.header("X-Acme-Id").unwrap_or("acme-1").to_string();
///         let key = Key::new(self.key_kind(), secret);
///         let mac = key.mac(&[id.as_bytes(), b":", req.body()]).map(|m| hex::encode(m)).unwrap_or_default();
///         vec![
///             ("X-Acme-Id".into(), id),
///             ("X-Acme-Time".into(), now.unix_timestamp().to_string()),
///             ("X-Acme-Signature".into(), mac),
///         ]
///     }
/// }
///
/// let secret = Secret::new("acme-secret");
/// let now = OffsetDateTime::now_utc();
/// let headers = Acme.sign(b"{}", &secret, now);
/// let verified = hookverify::Verifier::new(Acme, [secret]).verify(b"{}", &headers)?;
/// assert_eq!(verified.delivery_id(), Some("acme-1"));
/// # Ok::<(), Error>(())
/// ```
pub trait Scheme: Send + Sync + fmt::Debug {
    /// What the keys of this scheme are. [`Verifier::new`](crate::Verifier::new) prepares
    /// each secret as this kind ([`Key::new`]); public keys are given to
    /// [`Verifier::with_keys`](crate::Verifier::with_keys) instead.
    fn key_kind(&self) -> KeyKind;

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

    /// The headers a sender holding `secret` (a shared secret, or for a public-key scheme
    /// the private key) would add to `request` at time `now`, for tests and tooling.
    /// Headers the scheme signs but does not make (an id the sender chooses) are read
    /// from `request`.
    fn sign_request(
        &self,
        request: &Request<'_>,
        secret: &Secret,
        now: OffsetDateTime,
    ) -> Vec<(String, String)>;

    /// [`sign_request`](Scheme::sign_request) for a request that is only a body.
    fn sign(&self, body: &[u8], secret: &Secret, now: OffsetDateTime) -> Vec<(String, String)> {
        self.sign_request(&Request::new(body, &()), secret, now)
    }
}

/// `Scheme` through a pointer: `&S`, `Box<S>` and `Arc<S>` (including `Box<dyn Scheme>`).
macro_rules! forward_scheme {
    ($($pointer:ty),*) => {$(
        impl<S: Scheme + ?Sized> Scheme for $pointer {
            fn key_kind(&self) -> KeyKind {
                (**self).key_kind()
            }
            fn verify(
                &self,
                request: &Request<'_>,
                keys: &[Key],
                now: OffsetDateTime,
            ) -> Result<Match, Error> {
                (**self).verify(request, keys, now)
            }
            fn sign_request(
                &self,
                request: &Request<'_>,
                secret: &Secret,
                now: OffsetDateTime,
            ) -> Vec<(String, String)> {
                (**self).sign_request(request, secret, now)
            }
        }
    )*};
}

forward_scheme!(&S, Box<S>, Arc<S>);

/// The longest delivery id a [`Match`] keeps, in bytes. Providers send 20 to 40
/// characters (a UUID is 36); a longer id is not kept, and dedupe falls back to a hash of
/// the body.
pub const MAX_DELIVERY_ID_LEN: usize = 64;

/// What a scheme found: which key matched, the signed timestamp if it has one, and the
/// delivery id if the provider's headers carry one.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Match {
    key_index: usize,
    timestamp: Option<OffsetDateTime>,
    delivery_id: DeliveryId,
}

impl Match {
    /// A match of key `key_index`, with the signed timestamp if any.
    #[must_use]
    pub fn new(key_index: usize, timestamp: Option<OffsetDateTime>) -> Self {
        Match {
            key_index,
            timestamp,
            delivery_id: DeliveryId::NONE,
        }
    }

    /// The same match, with the delivery id the request carries (kept when it is at most
    /// [`MAX_DELIVERY_ID_LEN`] bytes).
    #[must_use]
    pub fn with_delivery_id(self, id: &str) -> Self {
        self.with_delivery_id_bytes(id.as_bytes())
    }

    /// [`with_delivery_id`](Match::with_delivery_id) for a header value the crate's rules
    /// have checked (printable ASCII).
    pub(crate) fn with_delivery_id_bytes(mut self, id: &[u8]) -> Self {
        self.delivery_id = DeliveryId::new(id);
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

    /// The provider's id of this delivery, when its headers carry one.
    #[must_use]
    pub fn delivery_id(&self) -> Option<&str> {
        self.delivery_id.as_str()
    }

    pub(crate) fn delivery_id_raw(&self) -> DeliveryId {
        self.delivery_id
    }
}

impl fmt::Debug for Match {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Match")
            .field("key_index", &self.key_index)
            .field("timestamp", &self.timestamp)
            .field("delivery_id", &self.delivery_id())
            .finish()
    }
}

/// A delivery id, copied from the headers so that a [`Match`] borrows nothing.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct DeliveryId {
    len: usize,
    bytes: [u8; MAX_DELIVERY_ID_LEN],
}

impl DeliveryId {
    const NONE: DeliveryId = DeliveryId {
        len: 0,
        bytes: [0; MAX_DELIVERY_ID_LEN],
    };

    /// The id, when it is at most [`MAX_DELIVERY_ID_LEN`] bytes of UTF-8.
    fn new(id: &[u8]) -> Self {
        let mut kept = DeliveryId::NONE;
        if let Some(slot) = kept.bytes.get_mut(..id.len()) {
            slot.copy_from_slice(id);
            kept.len = id.len();
        }
        kept
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        let id = std::str::from_utf8(&self.bytes[..self.len]).ok()?;
        (!id.is_empty()).then_some(id)
    }
}
