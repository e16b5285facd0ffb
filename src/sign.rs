//! `Sign`: making the headers a sender adds, for tests and tools.

use std::sync::Arc;

use time::OffsetDateTime;

use crate::request::Request;
use crate::secret::Secret;

/// The sending side of a scheme: the headers a provider adds to a request it signs.
///
/// Every built-in scheme and every preset implements it, so a test can produce a genuine
/// delivery for any provider, and the signatures round-trip through the verifier. A
/// receiver never needs it.
///
/// # Examples
///
/// ```
/// use hookverify::providers::stripe;
/// use hookverify::time::OffsetDateTime;
/// use hookverify::{Secret, Sign};
///
/// let secret = Secret::new("whsec_test");
/// let body = br#"{"id":"evt_1","type":"invoice.paid"}"#;
/// let headers = stripe::scheme().sign(body, &secret, OffsetDateTime::now_utc());
/// assert_eq!(headers[0].0, stripe::SIGNATURE_HEADER);
/// assert!(stripe::verifier([secret]).verify(body, &headers).is_ok());
/// ```
pub trait Sign {
    /// The headers a sender holding `secret` (a shared secret, or for a public-key scheme
    /// the private key's bytes) adds to `request` at time `now`. Headers the scheme signs
    /// but does not make (an id the sender chooses) are read from `request`, and so are
    /// the URL and method of schemes that sign them.
    ///
    /// A secret that cannot sign (empty, or not a private key of the scheme's algorithm)
    /// gives no headers.
    fn sign_request(
        &self,
        request: &Request<'_>,
        secret: &Secret,
        now: OffsetDateTime,
    ) -> Vec<(String, String)>;

    /// [`sign_request`](Sign::sign_request) for a request that is only a body.
    fn sign(&self, body: &[u8], secret: &Secret, now: OffsetDateTime) -> Vec<(String, String)> {
        self.sign_request(&Request::new(body, &()), secret, now)
    }
}

/// An id for a delivery a sender makes up (when the request names none): the first
/// `bytes` bytes of the SHA-256 of the send time and the body, in hex. The same request
/// signed at the same second gets the same id.
pub(crate) fn derived_id(now: OffsetDateTime, body: &[u8], bytes: usize) -> String {
    use sha2::{Digest as _, Sha256};
    let digest = Sha256::new()
        .chain_update(now.unix_timestamp().to_be_bytes())
        .chain_update(body)
        .finalize();
    hex::encode(&digest[..bytes.min(digest.len())])
}

/// `Sign` through a pointer: `&S`, `Box<S>` and `Arc<S>`.
macro_rules! forward_sign {
    ($($pointer:ty),*) => {$(
        impl<S: Sign + ?Sized> Sign for $pointer {
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

forward_sign!(&S, Box<S>, Arc<S>);
