//! `HexHmac`: `h: [prefix]<hex HMAC-SHA256 of the raw body>`, as configuration of
//! [`Signed`].

use std::borrow::Cow;

use super::signed::Signed;

/// Hex HMAC-SHA256 of the raw body in one header, with an optional exact prefix: a
/// shorthand for [`Signed::hmac`].
///
/// Used by Memento (`Signature: <hex>`) and Livingdocs
/// (`x-livingdocs-signature: sha256=<hex>`), and in the shape of GitHub's
/// `X-Hub-Signature-256`.
///
/// The signature must be 64 lowercase hex digits, as every provider's own sample
/// code produces; uppercase hex is refused with
/// [`HeaderProblem::UppercaseHex`](crate::HeaderProblem::UppercaseHex). There is no
/// timestamp, so nothing in this scheme stops a replay of a captured request: pair it with
/// a [dedupe guard](crate::dedupe) keyed on the provider's delivery id.
///
/// # Examples
///
/// ```
/// use hookverify::{Secret, Verifier, Scheme};
/// use hookverify::schemes::HexHmac;
///
/// let scheme = HexHmac::new("x-livingdocs-signature").prefix("sha256=");
/// let body = br#"{"event":"document.publish"}"#;
/// let headers = scheme.sign(body, &Secret::new("s3cret"), hookverify::time::OffsetDateTime::now_utc());
/// assert!(headers[0].1.starts_with("sha256="));
///
/// let verifier = Verifier::new(scheme, [Secret::new("s3cret")]);
/// assert!(verifier.verify(body, &headers).is_ok());
/// ```
#[derive(Debug)]
pub enum HexHmac {}

impl HexHmac {
    /// `header: <hex>`, the lowercase hex HMAC-SHA256 of the raw body. Add
    /// [`.prefix("sha256=")`](Signed::prefix) for `sha256=<hex>`.
    #[allow(clippy::new_ret_no_self)] // a shorthand for a `Signed` configuration
    pub fn new(header: impl Into<Cow<'static, str>>) -> Signed {
        Signed::hmac(header)
    }
}
