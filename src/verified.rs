//! `Verified`: what a verification proves, the one result every helper takes.

use std::fmt;

use bytes::Bytes;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::error::Error;
use crate::scheme::Match;

/// A request that passed verification: its body, which key matched, the signed timestamp
/// when the scheme has one, and the delivery id when the provider sends one.
///
/// [`Verifier::verify`](crate::Verifier::verify) returns one borrowing the body it was
/// given; [`into_owned`](Verified::into_owned) makes a `Verified<'static>`, which is
/// what the framework integrations hand to handlers and put in request extensions. Every
/// handshake helper and dedupe function takes a `&Verified`, borrowed or owned.
///
/// Only a `Verified` gives access to the body through this crate, so code that holds one
/// knows the bytes are authentic.
///
/// # Examples
///
/// ```
/// use hookverify::providers::github;
/// use hookverify::time::OffsetDateTime;
/// use hookverify::{Secret, Sign};
///
/// let secret = Secret::new("It's a Secret to Everybody");
/// let body = br#"{"zen":"Keep it logically awesome."}"#;
/// let mut headers = github::scheme().sign(body, &secret, OffsetDateTime::now_utc());
/// headers.push(("X-GitHub-Delivery".into(), "72d3162e-cc78-11e3-81ab-4c9367dc0958".into()));
///
/// let verified = github::verifier([secret]).verify(body, &headers)?;
/// assert_eq!(verified.key_index(), 0);
/// assert_eq!(verified.delivery_id(), Some("72d3162e-cc78-11e3-81ab-4c9367dc0958"));
/// let zen: serde_json::Value = verified.json()?;
/// assert_eq!(zen["zen"], "Keep it logically awesome.");
///
/// let kept: hookverify::Verified<'static> = verified.into_owned();
/// assert_eq!(kept.body(), body);
/// # Ok::<(), hookverify::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Verified<'a> {
    body: Body<'a>,
    found: Match,
}

/// The body: borrowed from the caller, or shared with an integration's request.
#[derive(Clone, PartialEq, Eq)]
enum Body<'a> {
    Borrowed(&'a [u8]),
    Shared(Bytes),
}

impl<'a> Verified<'a> {
    pub(crate) fn new(body: &'a [u8], found: Match) -> Self {
        Verified {
            body: Body::Borrowed(body),
            found,
        }
    }

    /// The verified raw body.
    #[must_use]
    pub fn body(&self) -> &[u8] {
        match &self.body {
            Body::Borrowed(body) => body,
            Body::Shared(body) => body,
        }
    }

    /// Index, in the order given to the [`Verifier`](crate::Verifier), of the key that
    /// matched (0 is the current one): when it stays above 0, senders still use a key
    /// being rotated out.
    #[must_use]
    pub fn key_index(&self) -> usize {
        self.found.key_index()
    }

    /// The signed timestamp, for schemes that sign one.
    #[must_use]
    pub fn timestamp(&self) -> Option<OffsetDateTime> {
        self.found.timestamp()
    }

    /// The provider's id of this delivery (Standard Webhooks' `webhook-id`, GitHub's
    /// `X-GitHub-Delivery`), where the scheme reads one. Kept whole, whatever its length.
    #[must_use]
    pub fn delivery_id(&self) -> Option<&str> {
        self.found.delivery_id()
    }

    /// The event type, where the provider names it in a header (GitHub's
    /// `X-GitHub-Event`, Shopify's topic) and the scheme reads it; for providers that name
    /// it in the body, the parsed event has it.
    #[must_use]
    pub fn event_type(&self) -> Option<&str> {
        self.found.event_type()
    }

    /// Deserializes the verified body as JSON: a provider's `Event`, your own type, or
    /// `serde_json::Value`.
    ///
    /// # Errors
    ///
    /// [`Error::Json`] when the body is not the expected JSON.
    pub fn json<'s, T: Deserialize<'s>>(&'s self) -> Result<T, Error> {
        serde_json::from_slice(self.body()).map_err(Error::Json)
    }

    /// The same result, owning its body (copied once if it was borrowed).
    #[must_use]
    pub fn into_owned(self) -> Verified<'static> {
        let body = match self.body {
            Body::Borrowed(body) => Bytes::copy_from_slice(body),
            Body::Shared(body) => body,
        };
        Verified {
            body: Body::Shared(body),
            found: self.found,
        }
    }

    /// The result for `body`, which was just verified as borrowed: shares the buffer the
    /// integration already holds instead of copying it.
    #[cfg(feature = "http")]
    pub(crate) fn sharing(self, body: Bytes) -> Verified<'static> {
        debug_assert_eq!(self.body(), &body[..]);
        Verified {
            body: Body::Shared(body),
            found: self.found,
        }
    }
}

/// The body's length, never its bytes.
impl fmt::Debug for Verified<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verified")
            .field("body_len", &self.body().len())
            .field("key_index", &self.key_index())
            .field("timestamp", &self.timestamp())
            .field("delivery_id", &self.delivery_id())
            .field("event_type", &self.event_type())
            .finish()
    }
}
