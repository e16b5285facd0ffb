//! GitHub.
//!
//! - **What it sends:** a `POST` with a JSON body; the event name in `X-GitHub-Event`, a
//!   unique delivery id in `X-GitHub-Delivery`.
//! - **Header:** `X-Hub-Signature-256: sha256=<hex>`, when the webhook has a secret.
//! - **What is signed:** the raw body; HMAC-SHA256 keyed with the secret's UTF-8 bytes,
//!   lowercase hex behind the exact prefix `sha256=`.
//! - **Tolerance:** none; there is no timestamp. Deduplicate on `X-GitHub-Delivery`,
//!   which [`Verified::delivery_id`](crate::Verified::delivery_id) reports. GitHub does
//!   not sign it: it stops GitHub's own redeliveries from being handled twice, but a
//!   replayed request with a new id gets through, unless the dedupe key is the body's
//!   hash.
//! - The legacy HMAC-SHA1 header `X-Hub-Signature` is never verified: a request that
//!   carries only it is refused with [`Error::DeprecatedHeader`].
//!
//! # Examples
//!
//! ```
//! use hookverify::Secret;
//! use hookverify::providers::github;
//!
//! // The example from GitHub's documentation.
//! let verifier = github::verifier([Secret::new("It's a Secret to Everybody")]);
//! let headers = [(
//!     "X-Hub-Signature-256",
//!     "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
//! )];
//! assert!(verifier.verify(b"Hello, World!", &headers).is_ok());
//! ```

use std::borrow::Cow;

use crate::schemes::{Format, Signed};
use crate::time::OffsetDateTime;
use crate::{Clock, Error, Key, KeyKind, Match, Request, Scheme, Secret, Sign, Verifier};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "github";

/// The header GitHub signs in with HMAC-SHA256.
pub const SIGNATURE_HEADER: &str = "X-Hub-Signature-256";

/// The legacy HMAC-SHA1 header, never verified.
pub const DEPRECATED_SHA1_HEADER: &str = "X-Hub-Signature";

/// The header carrying the unique id of a delivery: deduplicate on it.
pub const DELIVERY_HEADER: &str = "X-GitHub-Delivery";

/// The header naming the event, e.g. `push`.
pub const EVENT_HEADER: &str = "X-GitHub-Event";

/// GitHub's scheme: `X-Hub-Signature-256: sha256=<hex>` (a [`Signed`] configuration),
/// refusing SHA-1-only requests, with `X-GitHub-Delivery` as the delivery id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitHub {
    inner: Signed,
}

impl Scheme for GitHub {
    fn key_kind(&self) -> KeyKind {
        self.inner.key_kind()
    }

    fn verify(&self, req: &Request<'_>, keys: &[Key], clock: &Clock) -> Result<Match, Error> {
        match self.inner.verify(req, keys, clock) {
            // Only a request without the SHA-256 header pays for the second lookup.
            Err(Error::MissingHeader { header }) if header == SIGNATURE_HEADER => {
                let mut has_sha1 = false;
                req.headers()
                    .for_each_value(DEPRECATED_SHA1_HEADER, &mut |_| has_sha1 = true);
                Err(if has_sha1 {
                    Error::DeprecatedHeader {
                        header: Cow::Borrowed(DEPRECATED_SHA1_HEADER),
                        use_instead: Cow::Borrowed(SIGNATURE_HEADER),
                    }
                } else {
                    Error::MissingHeader { header }
                })
            }
            verdict => verdict,
        }
    }
}

impl Sign for GitHub {
    fn sign_request(
        &self,
        req: &Request<'_>,
        secret: &Secret,
        now: OffsetDateTime,
    ) -> Vec<(String, String)> {
        self.inner.sign_request(req, secret, now)
    }
}

/// `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`.
#[must_use]
pub fn scheme() -> GitHub {
    GitHub {
        inner: Signed::builder(KeyKind::HmacSha256, SIGNATURE_HEADER)
            .format(Format::prefixed("sha256="))
            .delivery_id_header(DELIVERY_HEADER)
            .event_type_header(EVENT_HEADER)
            .preset(),
    }
}

/// A verifier for GitHub with the given webhook secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<GitHub>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}
