//! The pieces of a [`Signed`](super::Signed) configuration: where the signatures sit,
//! where the time is, and what a configuration that cannot work is refused with.

use std::borrow::Cow;

use super::timestamp::TimestampFormat;
use crate::headers::is_printable_ascii;

/// Where the signatures sit in the signature header's value, for
/// [`SignedBuilder::format`](super::SignedBuilder::format).
///
/// # Examples
///
/// ```
/// use hookverify::schemes::Format;
///
/// let github = Format::prefixed("sha256=");      // sha256=<sig>
/// let stripe = Format::entries(',', "v1");        // t=<time>,v1=<sig>,v1=<sig>
/// let standard = Format::versioned("v1");         // v1,<sig> v1,<sig>
/// # let _ = (github, stripe, standard, Format::whole());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Format(pub(super) Layout);

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Layout {
    Whole,
    Prefixed(Cow<'static, str>),
    Entries {
        separator: char,
        key: Cow<'static, str>,
    },
    Versioned(Cow<'static, str>),
}

impl Format {
    /// The whole value is the signature (the default).
    #[must_use]
    pub fn whole() -> Self {
        Format(Layout::Whole)
    }

    /// The value is `prefix` (compared exactly, case included), then the signature:
    /// `sha256=<hex>`, `v0=<hex>`.
    pub fn prefixed(prefix: impl Into<Cow<'static, str>>) -> Self {
        Format(Layout::Prefixed(prefix.into()))
    }

    /// The value is `key=value` entries separated by `separator` (`,` for Stripe's
    /// `t=…,v1=…`, `;` for Paddle's `ts=…;h1=…`); the signatures are the values of the
    /// entries named `signature`, any number of them. A timestamp among the entries is
    /// [`Timestamp::entry`].
    pub fn entries(separator: char, signature: impl Into<Cow<'static, str>>) -> Self {
        Format(Layout::Entries {
            separator,
            key: signature.into(),
        })
    }

    /// The value is space-separated `version,signature` entries (Standard Webhooks'
    /// `v1,<sig> v1,<sig>`); the signatures are those of `version`, others are ignored.
    pub fn versioned(version: impl Into<Cow<'static, str>>) -> Self {
        Format(Layout::Versioned(version.into()))
    }
}

/// Whether `name` is an HTTP header name (RFC 9110's `token`).
pub(crate) fn header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The longest prefix, entry key, version or required value: far under the 8 KiB a
/// header value may have.
const MAX_TEXT_LEN: usize = 1024;

/// Whether `text` can be found in a header value, whose surrounding spaces and tabs are
/// trimmed: printable ASCII, at most [`MAX_TEXT_LEN`] bytes, none of `forbidden`, not
/// starting with a space or tab, and (when `trimmed`) not ending with one.
pub(super) fn matchable(text: &str, forbidden: &[char], trimmed: bool) -> bool {
    let ows = [' ', '\t'];
    is_printable_ascii(text.as_bytes())
        && text.len() <= MAX_TEXT_LEN
        && !text.contains(forbidden)
        && !text.starts_with(ows)
        && !(trimmed && text.ends_with(ows))
}

impl Layout {
    pub(super) fn check(&self) -> Result<(), ConfigError> {
        let ok = match self {
            Layout::Whole => true,
            Layout::Prefixed(prefix) if prefix.is_empty() => {
                return Err(ConfigError::EmptyEntryName);
            }
            Layout::Prefixed(prefix) => matchable(prefix, &[], false),
            Layout::Versioned(version) if version.trim().is_empty() => {
                return Err(ConfigError::EmptyEntryName);
            }
            // Entries are split on spaces and tabs, then at `,`.
            Layout::Versioned(version) => matchable(version, &[' ', '\t', ','], true),
            Layout::Entries { key, .. } if key.trim().is_empty() => {
                return Err(ConfigError::EmptyEntryName);
            }
            Layout::Entries { separator, .. }
                if !(separator.is_ascii_graphic() || *separator == ' ') || *separator == '=' =>
            {
                return Err(ConfigError::InvalidSeparator {
                    separator: *separator,
                });
            }
            Layout::Entries { separator, key } => matchable(key, &[*separator, '='], true),
        };
        if ok {
            Ok(())
        } else {
            Err(ConfigError::Unmatchable)
        }
    }
}

/// Where a signed timestamp is, and how it is written, for
/// [`SignedBuilder::timestamp`](super::SignedBuilder::timestamp).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    pub(super) source: TimestampSource,
    pub(super) format: TimestampFormat,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TimestampSource {
    Header(Cow<'static, str>),
    Entry(Cow<'static, str>),
}

impl Timestamp {
    /// The whole value of `header` (Slack's `X-Slack-Request-Timestamp`).
    pub fn header(header: impl Into<Cow<'static, str>>, format: TimestampFormat) -> Self {
        Timestamp {
            source: TimestampSource::Header(header.into()),
            format,
        }
    }

    /// The entry `key` of the signature header's [`Format::entries`] (Stripe's `t`,
    /// Paddle's `ts`).
    pub fn entry(key: impl Into<Cow<'static, str>>, format: TimestampFormat) -> Self {
        Timestamp {
            source: TimestampSource::Entry(key.into()),
            format,
        }
    }
}

/// A [`Signed`](super::Signed) configuration that could never verify a request, or that
/// would silently mean something other than what was written; returned by
/// [`SignedBuilder::build`](super::SignedBuilder::build).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A header name (of the signature, a key, a signed part, the delivery id or a
    /// required value) is empty.
    #[error("a header name is empty")]
    EmptyHeaderName,
    /// A header name is not a valid HTTP header name (a token: letters, digits and
    /// ``!#$%&'*+-.^_`|~``), so no request can carry it.
    #[error("a header name is not a valid HTTP header name")]
    InvalidHeaderName,
    /// A prefix, an entry key, a version or a timestamp entry is empty.
    #[error("a signature prefix, entry key or version is empty")]
    EmptyEntryName,
    /// A prefix, an entry key, a version or a required value that no header value can
    /// hold where the scheme looks for it, so nothing would ever match: characters other
    /// than printable ASCII, surrounding spaces (header values are trimmed), the
    /// separators of its list (`,` in a version; the separator or `=` in an entry key),
    /// an empty required value, or more than 1 KiB.
    #[error(
        "a signature prefix, entry key, version or required value cannot appear in a header \
         value as written (printable ASCII, no surrounding spaces, no list separators, at \
         most 1 KiB, not empty)"
    )]
    Unmatchable,
    /// A required header is also a signature header or a signed header, or is required
    /// twice with different values.
    #[error("a required header is also a signature or signed header, or is required twice")]
    RequiredHeaderConflict,
    /// The signature header is among the signed parts: a signature cannot sign itself.
    #[error("the signature header is among the signed parts")]
    SignatureHeaderSigned,
    /// The entries' separator cannot separate entries of a header value: it is not
    /// printable ASCII, it is `=`, or it can appear in a signature of the encoding.
    #[error(
        "`{separator}` cannot separate entries: use printable ASCII other than `=` that the \
         signature's encoding does not use"
    )]
    InvalidSeparator {
        /// The separator given.
        separator: char,
    },
    /// Nothing is signed.
    #[error("nothing is signed: give at least one part")]
    NothingSigned,
    /// `Part::Timestamp` is signed but no timestamp is configured, so the time would be
    /// signed as empty bytes.
    #[error("`Part::Timestamp` is signed but no timestamp is configured: call `timestamp`")]
    TimestampNotConfigured,
    /// A timestamp is configured but not signed: a sender could change it at will, so
    /// its window would prove nothing.
    #[error("the timestamp is not signed: add `Part::Timestamp` to the signed parts")]
    TimestampNotSigned,
    /// The timestamp is an entry, but the signature header is not `key=value` entries.
    #[error("a timestamp entry needs the signature header's `Format::entries`")]
    TimestampEntryWithoutEntries,
    /// The timestamp entry has the signature entries' name.
    #[error("the timestamp entry and the signature entries have the same name")]
    TimestampEntryIsSignatureEntry,
    /// [`KeyKind::Token`](crate::KeyKind::Token) given as a signature algorithm: a token
    /// is not a signature ([`Token`](super::Token) is its scheme).
    #[error("a token is not a signature algorithm: use `schemes::Token`")]
    NotASignature,
    /// A window is set on a scheme without a timestamp, which it would never check.
    #[error("the scheme has no timestamp for a window to check")]
    NoTimestamp,
    /// The timestamp's header is a signature header: one value cannot be both.
    #[error("the timestamp header is a signature header")]
    TimestampHeaderIsSignatureHeader,
    /// Two headers are given for one key.
    #[error("key {index} is given two signature headers")]
    DuplicateKeyHeader {
        /// The key's index.
        index: usize,
    },
    /// Keys have headers of their own while the timestamp is an entry of the signature
    /// header, which each header would then carry for itself.
    #[error("keys with headers of their own need the timestamp in a header (`Timestamp::header`)")]
    KeyHeaderWithTimestampEntry,
}
