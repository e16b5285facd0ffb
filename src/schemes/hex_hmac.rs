//! `h: [prefix]<hex HMAC-SHA256 of the raw body>`.

use std::borrow::Cow;

use time::OffsetDateTime;

use super::{decode_hex_mac, first_match};
use crate::error::{Error, HeaderProblem};
use crate::headers;
use crate::scheme::{Key, Match, Request, Scheme};
use crate::secret::Secret;

/// Hex HMAC-SHA256 of the raw body in one header, with an optional exact prefix.
///
/// Used by Memento (`Signature: <hex>`) and Livingdocs
/// (`x-livingdocs-signature: sha256=<hex>`), and in the shape of GitHub's
/// `X-Hub-Signature-256`.
///
/// The signature must be 64 lowercase hex digits, as every provider's own sample
/// code produces; uppercase hex is refused with [`HeaderProblem::UppercaseHex`].
/// There is no timestamp, so nothing in this scheme stops a replay of a captured
/// request: pair it with a [dedupe guard](crate) keyed on the provider's delivery id.
///
/// # Examples
///
/// ```
/// use hookverify::{Secret, Verifier, Scheme};
/// use hookverify::schemes::HexHmac;
///
/// let scheme = HexHmac::new("x-livingdocs-signature").prefix("sha256=");
/// let body = br#"{"event":"document.publish"}"#;
/// let headers = scheme.sign(body, &Secret::new("s3cret"), time::OffsetDateTime::now_utc());
/// assert!(headers[0].1.starts_with("sha256="));
///
/// let verifier = Verifier::new(scheme, [Secret::new("s3cret")]);
/// assert!(verifier.verify(body, &headers).is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HexHmac {
    header: Cow<'static, str>,
    prefix: Option<Cow<'static, str>>,
    /// Whether the prefix (if any) is printable ASCII, so that a value made of it and hex
    /// digits is too.
    prefix_printable: bool,
}

impl HexHmac {
    /// The scheme reading the signature from header `header` (any case), with no prefix.
    pub fn new(header: impl Into<Cow<'static, str>>) -> Self {
        HexHmac {
            header: header.into(),
            prefix: None,
            prefix_printable: true,
        }
    }

    /// Requires the value to start with `prefix` exactly (case-sensitive), e.g.
    /// `"sha256="`.
    #[must_use]
    pub fn prefix(mut self, prefix: impl Into<Cow<'static, str>>) -> Self {
        let prefix = prefix.into();
        self.prefix_printable = headers::is_printable_ascii(prefix.as_bytes());
        self.prefix = Some(prefix);
        self
    }

    /// The header this scheme reads.
    #[must_use]
    pub fn header(&self) -> &str {
        &self.header
    }
}

impl Scheme for HexHmac {
    fn verify(
        &self,
        req: &Request<'_>,
        keys: &[Key],
        _now: OffsetDateTime,
    ) -> Result<Match, Error> {
        // A printable prefix and 64 hex digits are printable: the printable-ASCII rule is
        // checked only on a value that is not that, before anything else is reported.
        let value = headers::required_bytes_unchecked(req.headers, &self.header)?;
        let hex = match &self.prefix {
            None => Some(value),
            Some(prefix) => value.strip_prefix(prefix.as_bytes()),
        };
        let received = match hex.filter(|_| self.prefix_printable).map(decode_hex_mac) {
            Some(Ok(received)) => received,
            _ => {
                headers::check_printable(value, &self.header)?;
                let hex = hex.ok_or_else(|| {
                    Error::malformed(
                        &self.header,
                        HeaderProblem::MissingPrefix {
                            expected: self.prefix.clone().unwrap_or_default(),
                        },
                    )
                })?;
                decode_hex_mac(hex).map_err(|p| Error::malformed(&self.header, p))?
            }
        };
        let index = first_match(keys, |k| k.matches_mac(&[req.body], &received))?;
        Ok(Match::new(index, None))
    }

    fn sign(&self, body: &[u8], secret: &Secret, _now: OffsetDateTime) -> Vec<(String, String)> {
        let mac = Key::new(secret).mac(&[body]).unwrap_or_default();
        let prefix = self.prefix.as_deref().unwrap_or("");
        vec![(
            self.header.to_string(),
            format!("{prefix}{}", hex::encode(mac)),
        )]
    }

    /// No timestamp: the clock is never read.
    fn uses_time(&self) -> bool {
        false
    }
}
