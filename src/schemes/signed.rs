//! `Signed`: a signature in a header over configured parts of the request, and the
//! builder that checks a configuration before it can verify anything.

use std::borrow::Cow;

use subtle::ConstantTimeEq as _;
use time::OffsetDateTime;

use super::config::{
    ConfigError, Format, Layout, Timestamp, TimestampSource, header_name, matchable,
};
use super::encoding::{Encoding, MAX_ENCODED_MAC_LEN};
use super::timestamp::{TimestampFormat, Window};
use crate::clock::Clock;
use crate::error::{Error, ValueProblem};
use crate::key::Key;
use crate::key_kind::KeyKind;
use crate::request::Request;
use crate::scheme::{Match, Scheme};
use crate::secret::Secret;
use crate::sign::Sign;

/// The decoded length of a signature, when the algorithm fixes it.
fn signature_len(kind: KeyKind) -> Option<usize> {
    match kind {
        #[cfg(feature = "ed25519")]
        KeyKind::Ed25519 => Some(64),
        _ => kind.mac_len(),
    }
}

/// The most signatures one header may carry. Senders add one per live secret; a rotation
/// has two.
pub(crate) const MAX_SIGNATURES: usize = 16;

/// One piece of what a provider signs, in [`SignedBuilder::signed`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Part {
    /// The raw body.
    Body,
    /// The timestamp exactly as sent (leading zeros and all), from where
    /// [`SignedBuilder::timestamp`] says.
    Timestamp,
    /// The value of a header (trimmed of surrounding spaces and tabs), required: e.g.
    /// Standard Webhooks' `webhook-id`.
    Header(Cow<'static, str>),
    /// The request URL as given to [`Request::with_url`](crate::Request::with_url).
    Url,
    /// The request method as given to
    /// [`Request::with_method`](crate::Request::with_method).
    Method,
    /// Fixed text: a separator such as `.` or `:`, a version such as `v0`, or a URL the
    /// provider was configured with.
    Literal(Cow<'static, str>),
}

impl Part {
    /// [`Part::Header`].
    pub fn header(name: impl Into<Cow<'static, str>>) -> Self {
        Part::Header(name.into())
    }

    /// [`Part::Literal`].
    pub fn literal(text: impl Into<Cow<'static, str>>) -> Self {
        Part::Literal(text.into())
    }
}

/// A request signed over configured parts: a signature in a header (HMAC with SHA-256,
/// SHA-1 or SHA-512; Ed25519; ECDSA P-256) over an ordered list of [`Part`]s, with an
/// optional signed timestamp and its [`Window`].
///
/// Every HMAC provider of this crate is configuration of this one scheme, and so is any
/// provider the crate does not know: say what is signed, how the signature is written,
/// where it sits and where the time comes from. [`Signed::hmac`] is the simplest form
/// (hex HMAC-SHA256 of the body in one header); [`Signed::builder`] configures the rest
/// and checks the configuration when it builds, so a `Signed` never fails every request
/// or silently means something other than what was written.
///
/// | [`SignedBuilder`] method | says | default |
/// |---|---|---|
/// | [`Signed::builder`]`(kind, header)` | the algorithm, as the [`KeyKind`] of the keys (HMAC-SHA256, -SHA1, -SHA512, Ed25519, ECDSA P-256), and the signature header | — |
/// | [`encoding`](SignedBuilder::encoding) | the [`Encoding`]: lowercase hex, base64, base64url (padded or not) | hex (base64 for ECDSA) |
/// | [`format`](SignedBuilder::format) | where the signatures sit in the header: the whole value, after a prefix (`sha256=…`), in `key=value` entries (`t=…,v1=…`), in `version,signature` entries (`v1,…`) | [`Format::whole`] |
/// | [`signed`](SignedBuilder::signed) | what is signed, in order | the body |
/// | [`timestamp`](SignedBuilder::timestamp) | where the signed time is, its [`TimestampFormat`](crate::schemes::TimestampFormat), and the [`Window`] it must fall in (max age and max future, each possibly unlimited) | no timestamp |
/// | [`key_header`](SignedBuilder::key_header) | a header of its own for one key's signature (Box's primary and secondary) | every key's signature in the one header |
/// | [`require_header`](SignedBuilder::require_header) | a header that must hold a fixed value (`BOX-SIGNATURE-VERSION: 1`) | none |
/// | [`delivery_id_header`](SignedBuilder::delivery_id_header) | the header naming the delivery, for [`Verified::delivery_id`](crate::Verified::delivery_id) | none |
/// | [`event_type_header`](SignedBuilder::event_type_header) | the header naming the event type, for [`Verified::event_type`](crate::Verified::event_type) | none |
/// | [`refuse_empty_body`](SignedBuilder::refuse_empty_body) | an empty body is refused, as some providers' SDKs do | accepted |
///
/// # Parsing
///
/// The header is read with the crate's rules ([`Request::header`]). Entries are split on
/// the separator, each at its first `=` (or `,` for versioned entries), keys and values
/// trimmed of spaces and tabs, in any order; an empty entry or one without its `=` is
/// [`ValueProblem::MalformedEntry`], a timestamp entry must appear exactly once, and
/// entries of any other key (Stripe's `v0`, a future `v2`) are ignored and never
/// verified, so a weaker signature can never stand in for the one configured. Every
/// signature present is tried (at most 16).
///
/// # Verifying
///
/// In this order, the first problem found being the one reported: the required header
/// values, the signed headers (in the order they are signed, the timestamp header among
/// them), the signature header, the timestamp (read, then checked against the window;
/// the clock is read only here), the signatures, the delivery id; then each key in turn.
/// An HMAC is encoded once per key and compared, in constant time, with every signature
/// as written, which is how the providers' own libraries compare (a base64 signature that
/// is not in canonical form does not match); a public key checks each signature.
///
/// # Examples
///
/// Paddle sends `Paddle-Signature: ts=1671552777;h1=<hex>` over `"<ts>:<body>"` and its
/// SDKs allow 5 s each way:
///
/// ```
/// use std::time::Duration;
/// use hookverify::schemes::{Format, Part, Signed, Timestamp, TimestampFormat, Window};
/// use hookverify::{KeyKind, Secret, Sign, Verifier};
///
/// let paddle = Signed::builder(KeyKind::HmacSha256, "Paddle-Signature")
///     .format(Format::entries(';', "h1"))
///     .timestamp(
///         Timestamp::entry("ts", TimestampFormat::UnixSeconds),
///         Window::tolerance(Duration::from_secs(5)),
///     )
///     .signed([Part::Timestamp, Part::literal(":"), Part::Body])
///     .build()?;
///
/// let secret = Secret::new("pdl_ntfset_01gkpjp8bkh3ptmy3j4xsanyb9_secret");
/// let now = hookverify::time::OffsetDateTime::now_utc();
/// let body = br#"{"event_type":"transaction.paid"}"#;
/// let headers = paddle.sign(body, &secret, now);
/// assert!(headers[0].1.starts_with("ts="));
///
/// let verifier = Verifier::new(paddle, [secret]);
/// assert!(verifier.verify(body, &headers).is_ok());
/// # Ok::<(), hookverify::schemes::ConfigError>(())
/// ```
///
/// A configuration that could never verify is refused when it is built:
///
/// ```
/// use hookverify::schemes::{ConfigError, Part, Signed};
/// use hookverify::KeyKind;
///
/// let nothing_to_sign_with = Signed::builder(KeyKind::HmacSha256, "X-Signature")
///     .signed([Part::Timestamp, Part::literal("."), Part::Body])
///     .build();
/// assert_eq!(nothing_to_sign_with.unwrap_err(), ConfigError::TimestampNotConfigured);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    header: Cow<'static, str>,
    algorithm: KeyKind,
    encoding: Encoding,
    layout: Layout,
    parts: Vec<Part>,
    timestamp: Option<Timestamp>,
    window: Window,
    delivery_id: Option<Cow<'static, str>>,
    event_type: Option<Cow<'static, str>>,
    key_headers: Vec<(usize, Cow<'static, str>)>,
    required: Vec<(Cow<'static, str>, Cow<'static, str>)>,
    refuse_empty_body: bool,
}

/// The configuration of a [`Signed`] scheme, checked by [`build`](SignedBuilder::build).
///
/// Each option is set by one method; calling a method again replaces what it set. See
/// [`Signed`] for the table of options and their defaults.
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct SignedBuilder {
    scheme: Signed,
    encoding: Option<Encoding>,
}

impl Signed {
    /// The simplest signed scheme: a lowercase hex HMAC-SHA256 of the raw body, the whole
    /// value of `header` (any case). Memento's `Signature: <hex>` is this. Anything more
    /// is [`Signed::builder`].
    ///
    /// # Examples
    ///
    /// ```
    /// use hookverify::schemes::Signed;
    /// use hookverify::{Secret, Verifier};
    ///
    /// let verifier = Verifier::new(Signed::hmac("Signature"), [Secret::new("whsec_…")]);
    /// # let _ = verifier;
    /// ```
    pub fn hmac(header: impl Into<Cow<'static, str>>) -> Self {
        Signed {
            header: header.into(),
            algorithm: KeyKind::HmacSha256,
            encoding: Encoding::Hex,
            layout: Layout::Whole,
            parts: vec![Part::Body],
            timestamp: None,
            window: Window::unlimited(),
            delivery_id: None,
            event_type: None,
            key_headers: Vec::new(),
            required: Vec::new(),
            refuse_empty_body: false,
        }
    }

    /// Configures a signature made with keys of `kind` (the algorithm: HMAC-SHA256,
    /// HMAC-SHA1, HMAC-SHA512, Ed25519 or ECDSA P-256), in `header` (any case). The
    /// defaults are those of [`Signed::hmac`]: the whole value, over the body; hex, or
    /// base64 for ECDSA. [`KeyKind::Token`] is not a signature: [`Token`](super::Token)
    /// is its scheme, and `build` refuses it.
    pub fn builder(kind: KeyKind, header: impl Into<Cow<'static, str>>) -> SignedBuilder {
        let mut scheme = Signed::hmac(header);
        scheme.algorithm = kind;
        SignedBuilder {
            scheme,
            encoding: None,
        }
    }

    /// The same scheme with another window for its timestamp: to widen a preset's
    /// (Paddle's 5 s) for a queue that delays requests, or to check only the age.
    ///
    /// # Errors
    ///
    /// [`ConfigError::NoTimestamp`] when the scheme has no timestamp to check.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use hookverify::providers::paddle;
    /// use hookverify::schemes::Window;
    ///
    /// let relaxed = paddle::scheme().with_window(Window::tolerance(Duration::from_secs(60)))?;
    /// # let _ = relaxed;
    /// # Ok::<(), hookverify::schemes::ConfigError>(())
    /// ```
    pub fn with_window(self, window: Window) -> Result<Self, ConfigError> {
        if self.timestamp.is_none() {
            return Err(ConfigError::NoTimestamp);
        }
        Ok(self.set_window(window))
    }

    /// [`with_window`](Signed::with_window) for the crate's own timestamped schemes, and
    /// once it has checked there is a timestamp.
    pub(crate) fn set_window(mut self, window: Window) -> Self {
        debug_assert!(self.timestamp.is_some());
        self.window = window;
        self
    }

    fn bad(&self, header: &str, problem: ValueProblem) -> Error {
        Error::malformed(header.to_owned(), problem)
    }

    /// The signature header of key `index`.
    fn header_of(&self, index: usize) -> &str {
        self.key_headers
            .iter()
            .find(|(i, _)| *i == index)
            .map_or(&self.header, |(_, h)| h)
    }

    /// Checks one signature's encoding (and for ECDSA that it is DER).
    fn check_signature(&self, header: &str, text: &str) -> Result<(), Error> {
        let len = signature_len(self.algorithm);
        self.encoding
            .check(text, len)
            .map_err(|p| self.bad(header, p))?;
        #[cfg(feature = "p256")]
        if self.algorithm == KeyKind::EcdsaP256 {
            let der = self
                .encoding
                .decode(text)
                .map_err(|p| self.bad(header, p))?;
            if p256::ecdsa::Signature::from_der(&der).is_err() {
                return Err(self.bad(header, ValueProblem::InvalidSignature));
            }
        }
        Ok(())
    }

    /// The signatures in one header's value, and the timestamp entry's value when the
    /// timestamp is one.
    fn parse<'a>(&self, header: &str, value: &'a str) -> Result<Option<&'a str>, Error> {
        let mut signatures = 0;
        let mut time = None;
        let push = |text: &'a str, signatures: &mut usize| {
            if *signatures == MAX_SIGNATURES {
                return Err(self.bad(
                    header,
                    ValueProblem::TooManySignatures {
                        max: MAX_SIGNATURES,
                    },
                ));
            }
            self.check_signature(header, text)?;
            *signatures += 1;
            Ok(())
        };
        match &self.layout {
            Layout::Whole => push(value, &mut signatures)?,
            Layout::Prefixed(prefix) => {
                let rest = value.strip_prefix(prefix.as_ref()).ok_or_else(|| {
                    self.bad(
                        header,
                        ValueProblem::MissingPrefix {
                            expected: prefix.clone(),
                        },
                    )
                })?;
                push(rest, &mut signatures)?;
            }
            Layout::Entries { separator, key } => {
                let time_key = match &self.timestamp {
                    Some(Timestamp {
                        source: TimestampSource::Entry(k),
                        ..
                    }) => Some(k.as_ref()),
                    _ => None,
                };
                for entry in value.split(*separator) {
                    let (k, v) = split_trimmed(entry, '=')
                        .filter(|(k, _)| !k.is_empty())
                        .ok_or_else(|| self.bad(header, self.malformed_entry()))?;
                    if Some(k) == time_key {
                        if time.replace(v).is_some() {
                            return Err(self.bad(
                                header,
                                ValueProblem::DuplicateTimestamp {
                                    entry: k.to_owned().into(),
                                },
                            ));
                        }
                    } else if k == key.as_ref() {
                        push(v, &mut signatures)?;
                    }
                }
                if let (Some(key), None) = (time_key, time) {
                    return Err(self.bad(
                        header,
                        ValueProblem::MissingTimestamp {
                            entry: key.to_owned().into(),
                        },
                    ));
                }
            }
            Layout::Versioned(version) => {
                for entry in value.split([' ', '\t']).filter(|e| !e.is_empty()) {
                    let (v, sig) = split_trimmed(entry, ',')
                        .ok_or_else(|| self.bad(header, self.malformed_entry()))?;
                    if v == version.as_ref() {
                        push(sig, &mut signatures)?;
                    }
                }
            }
        }
        if signatures == 0 {
            let expected = match &self.layout {
                Layout::Entries { key, .. } => format!("a `{key}=` entry"),
                Layout::Versioned(version) => format!("a `{version},<signature>` entry"),
                Layout::Whole | Layout::Prefixed(_) => "a signature".to_owned(),
            };
            return Err(self.bad(
                header,
                ValueProblem::MissingSignature {
                    expected: expected.into(),
                },
            ));
        }
        Ok(time)
    }

    /// The signatures of a header value that [`parse`](Self::parse) accepted.
    fn signatures<'a>(&'a self, value: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        // The whole value or what follows the prefix; or the entries of a list, each
        // split at `kv` and kept when its key is `wanted`.
        let (single, list, list_separator, kv, wanted) = match &self.layout {
            Layout::Whole => (Some(value), "", None, ' ', ""),
            Layout::Prefixed(prefix) => (value.strip_prefix(prefix.as_ref()), "", None, ' ', ""),
            Layout::Entries { separator, key } => {
                (None, value, Some(*separator), '=', key.as_ref())
            }
            Layout::Versioned(version) => (None, value, None, ',', version.as_ref()),
        };
        let entries = list
            .split(move |c: char| match list_separator {
                Some(separator) => c == separator,
                None => c == ' ' || c == '\t',
            })
            .filter(|entry| !entry.is_empty())
            .filter_map(move |entry| {
                let (k, v) = split_trimmed(entry, kv)?;
                (k == wanted).then_some(v)
            });
        single.into_iter().chain(entries)
    }

    fn malformed_entry(&self) -> ValueProblem {
        let expected = match &self.layout {
            Layout::Entries { separator, .. } => {
                format!("`key=value` entries separated by `{separator}`")
            }
            _ => "space-separated `version,signature` entries".to_owned(),
        };
        ValueProblem::MalformedEntry {
            expected: expected.into(),
        }
    }

    /// The bytes of `part` in `request`, with `time` for the timestamp.
    fn resolve<'a>(
        part: &'a Part,
        request: &Request<'a>,
        time: &'a str,
    ) -> Result<&'a [u8], Error> {
        Ok(match part {
            Part::Body => request.body(),
            Part::Timestamp => time.as_bytes(),
            Part::Header(name) => request.header(name)?.as_bytes(),
            Part::Url => request.signed_url()?.as_bytes(),
            Part::Method => request.signed_method()?.as_bytes(),
            Part::Literal(text) => text.as_bytes(),
        })
    }

    /// Whether `key` signs `message` with any of `signatures`.
    fn matches(&self, key: &Key, message: &[&[u8]], value: &str) -> bool {
        if self.algorithm.is_hmac() {
            // Compared as written, as the providers' own libraries compare: the MAC is
            // encoded once, canonically, and compared with each signature in constant
            // time (all of them, without stopping at a match).
            let Some(mac) = key.mac(message) else {
                return false;
            };
            let mut buf = [0u8; MAX_ENCODED_MAC_LEN];
            let expected = self.encoding.encode_secret(mac.as_ref(), &mut buf);
            let mut hit = subtle::Choice::from(0);
            for text in self.signatures(value) {
                hit |= expected.ct_eq(text.as_bytes());
            }
            return hit.into();
        }
        self.signatures(value).any(|text| {
            self.encoding
                .decode(text)
                .is_ok_and(|signature| key.verify(message, &signature))
        })
    }

    /// The value of header `name` when there is one: the signed part's, when the header is
    /// signed (Standard Webhooks' `webhook-id`), rather than a second lookup.
    fn optional_header<'a>(
        &self,
        name: Option<&str>,
        request: &Request<'a>,
        message: &[&'a [u8]],
    ) -> Result<Option<&'a str>, Error> {
        let Some(name) = name else {
            return Ok(None);
        };
        let signed = self
            .parts
            .iter()
            .zip(message)
            .find_map(|(part, bytes)| match part {
                Part::Header(h) if h.eq_ignore_ascii_case(name) => std::str::from_utf8(bytes).ok(),
                _ => None,
            });
        match signed {
            Some(value) => Ok(Some(value)),
            None => request.optional_header(name),
        }
    }

    /// The signed message, the timestamp header's text put in place. A timestamp entry is
    /// filled in once the signature header is parsed.
    fn message<'a>(
        &'a self,
        request: &Request<'a>,
    ) -> Result<(Vec<&'a [u8]>, Option<&'a str>), Error> {
        let mut header_time = None;
        let mut message = Vec::with_capacity(self.parts.len());
        for part in &self.parts {
            let bytes = match (part, &self.timestamp) {
                (
                    Part::Timestamp,
                    Some(Timestamp {
                        source: TimestampSource::Header(name),
                        ..
                    }),
                ) => {
                    let text = request.header(name)?;
                    header_time = Some(text);
                    text.as_bytes()
                }
                (part, _) => Self::resolve(part, request, "")?,
            };
            message.push(bytes);
        }
        Ok((message, header_time))
    }
}

/// `entry` split at its first `separator`, both sides trimmed of spaces and tabs.
fn split_trimmed(entry: &str, separator: char) -> Option<(&str, &str)> {
    let (k, v) = entry.split_once(separator)?;
    Some((k.trim_matches([' ', '\t']), v.trim_matches([' ', '\t'])))
}

impl SignedBuilder {
    /// How the signature is written (default lowercase hex; base64 for ECDSA).
    pub fn encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = Some(encoding);
        self
    }

    /// Where the signatures sit in the header's value (default [`Format::whole`]).
    pub fn format(mut self, format: Format) -> Self {
        self.scheme.layout = format.0;
        self
    }

    /// What is signed, in order (default: the body alone). The pieces are fed to the MAC
    /// one after the other; nothing is concatenated in memory.
    pub fn signed(mut self, parts: impl IntoIterator<Item = Part>) -> Self {
        self.scheme.parts = parts.into_iter().collect();
        self
    }

    /// The request carries a signed time, where `timestamp` says, and it must fall in
    /// `window` ([`Window::tolerance`] for the usual "300 s each way";
    /// [`Window::new`] for a max age and a max future of their own, either unlimited).
    /// [`Part::Timestamp`] puts it in the signed message.
    pub fn timestamp(mut self, timestamp: Timestamp, window: Window) -> Self {
        self.scheme.timestamp = Some(timestamp);
        self.scheme.window = window;
        self
    }

    /// Key `index` (in the order the keys are given to the
    /// [`Verifier`](crate::Verifier)) signs in `header` instead of the scheme's header:
    /// for providers that send one signature header per key, as Box sends
    /// `box-signature-primary` and `box-signature-secondary`. A key without a header of
    /// its own signs in the scheme's header. A request needs at least one of the headers;
    /// a key whose header is absent does not match.
    pub fn key_header(mut self, index: usize, header: impl Into<Cow<'static, str>>) -> Self {
        self.scheme.key_headers.push((index, header.into()));
        self
    }

    /// Header `name` must be present with exactly `value` (surrounding spaces and tabs
    /// aside), as Box's SDK requires `BOX-SIGNATURE-VERSION: 1`. Another value is
    /// [`ValueProblem::UnexpectedValue`]. Call once per header.
    pub fn require_header(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<Cow<'static, str>>,
    ) -> Self {
        self.scheme.required.push((name.into(), value.into()));
        self
    }

    /// The header that names each delivery (`X-GitHub-Delivery`, `webhook-id`), reported
    /// by [`Verified::delivery_id`](crate::Verified::delivery_id) for deduplication. It is
    /// optional in requests.
    pub fn delivery_id_header(mut self, header: impl Into<Cow<'static, str>>) -> Self {
        self.scheme.delivery_id = Some(header.into());
        self
    }

    /// The header that names the event type (`X-GitHub-Event`), reported by
    /// [`Verified::event_type`](crate::Verified::event_type) for routing. It is optional
    /// in requests.
    pub fn event_type_header(mut self, header: impl Into<Cow<'static, str>>) -> Self {
        self.scheme.event_type = Some(header.into());
        self
    }

    /// Refuses an empty body as [`Error::SignatureMismatch`], as Shopify's and Square's
    /// libraries do.
    pub fn refuse_empty_body(mut self) -> Self {
        self.scheme.refuse_empty_body = true;
        self
    }

    /// Checks the configuration and returns the scheme.
    ///
    /// # Errors
    ///
    /// A [`ConfigError`] for a configuration that could never verify a request or that
    /// would not mean what it says: a token as the algorithm; an empty or invalid header
    /// name; an empty prefix, entry key or version, or one no header value can hold
    /// ([`ConfigError::Unmatchable`]); an entry separator that is not printable ASCII,
    /// is `=`, or appears in the encoding's signatures (or in an RFC 3339 time entry);
    /// a required header that is also signed or a signature header, or required twice;
    /// the signature header among the signed parts; nothing signed; a
    /// [`Part::Timestamp`] with no [`timestamp`](SignedBuilder::timestamp) configured; a
    /// timestamp that is not signed; a timestamp entry without [`Format::entries`], or
    /// one named like the signature entries; two headers for one key; a key header with
    /// a timestamp entry (each header would carry its own time).
    pub fn build(self) -> Result<Signed, ConfigError> {
        let mut scheme = self.scheme;
        if scheme.algorithm == KeyKind::Token {
            return Err(ConfigError::NotASignature);
        }
        scheme.encoding = self.encoding.unwrap_or(match scheme.algorithm {
            #[cfg(feature = "p256")]
            KeyKind::EcdsaP256 => Encoding::Base64,
            #[cfg(feature = "rsa")]
            KeyKind::Rsa => Encoding::Base64,
            _ => Encoding::Hex,
        });
        let timestamp_header = match &scheme.timestamp {
            Some(Timestamp {
                source: TimestampSource::Header(name),
                ..
            }) => Some(name),
            _ => None,
        };
        let names = std::iter::once(&scheme.header)
            .chain(timestamp_header)
            .chain(scheme.key_headers.iter().map(|(_, h)| h))
            .chain(scheme.required.iter().map(|(h, _)| h))
            .chain(&scheme.delivery_id)
            .chain(&scheme.event_type)
            .chain(scheme.parts.iter().filter_map(|p| match p {
                Part::Header(h) => Some(h),
                _ => None,
            }));
        for name in names {
            if name.trim().is_empty() {
                return Err(ConfigError::EmptyHeaderName);
            }
            if !header_name(name) {
                return Err(ConfigError::InvalidHeaderName);
            }
        }
        if scheme
            .required
            .iter()
            .any(|(_, value)| value.is_empty() || !matchable(value, &[], true))
        {
            return Err(ConfigError::Unmatchable);
        }
        scheme.layout.check()?;
        if let Layout::Entries { separator, .. } = scheme.layout
            && scheme.encoding.alphabet_has(separator)
        {
            return Err(ConfigError::InvalidSeparator { separator });
        }
        let signature_headers =
            std::iter::once(&scheme.header).chain(scheme.key_headers.iter().map(|(_, h)| h));
        if let Some(name) = timestamp_header
            && signature_headers
                .clone()
                .any(|h| h.eq_ignore_ascii_case(name))
        {
            return Err(ConfigError::TimestampHeaderIsSignatureHeader);
        }
        let signed_headers = scheme.parts.iter().filter_map(|p| match p {
            Part::Header(h) => Some(h),
            _ => None,
        });
        if signed_headers
            .clone()
            .any(|h| signature_headers.clone().any(|s| s.eq_ignore_ascii_case(h)))
        {
            return Err(ConfigError::SignatureHeaderSigned);
        }
        for (n, (name, value)) in scheme.required.iter().enumerate() {
            let same = |h: &Cow<'static, str>| h.eq_ignore_ascii_case(name);
            let twice = scheme.required[..n]
                .iter()
                .any(|(other, v)| other.eq_ignore_ascii_case(name) && v != value);
            if twice
                || signature_headers.clone().any(same)
                || signed_headers.clone().any(same)
                || timestamp_header.is_some_and(same)
            {
                return Err(ConfigError::RequiredHeaderConflict);
            }
        }
        if scheme.parts.is_empty() {
            return Err(ConfigError::NothingSigned);
        }
        let signs_time = scheme.parts.contains(&Part::Timestamp);
        match &scheme.timestamp {
            None if signs_time => return Err(ConfigError::TimestampNotConfigured),
            Some(_) if !signs_time => return Err(ConfigError::TimestampNotSigned),
            Some(Timestamp {
                source: TimestampSource::Entry(entry),
                ..
            }) => match &scheme.layout {
                Layout::Entries { key, .. } if key == entry => {
                    return Err(ConfigError::TimestampEntryIsSignatureEntry);
                }
                Layout::Entries { .. } if !scheme.key_headers.is_empty() => {
                    return Err(ConfigError::KeyHeaderWithTimestampEntry);
                }
                Layout::Entries { .. } if entry.trim().is_empty() => {
                    return Err(ConfigError::EmptyEntryName);
                }
                Layout::Entries { separator, .. }
                    if !matchable(entry, &[*separator, '='], true) =>
                {
                    return Err(ConfigError::Unmatchable);
                }
                // An RFC 3339 time holds digits, `-`, `:`, `T`, `Z`, `.` and `+`.
                Layout::Entries { separator, .. }
                    if scheme
                        .timestamp
                        .as_ref()
                        .is_some_and(|t| t.format == TimestampFormat::Rfc3339)
                        && (separator.is_ascii_alphanumeric() || "-:.+".contains(*separator)) =>
                {
                    return Err(ConfigError::InvalidSeparator {
                        separator: *separator,
                    });
                }
                Layout::Entries { .. } => {}
                _ => return Err(ConfigError::TimestampEntryWithoutEntries),
            },
            _ => {}
        }
        for (n, (index, _)) in scheme.key_headers.iter().enumerate() {
            if scheme.key_headers[..n].iter().any(|(i, _)| i == index) {
                return Err(ConfigError::DuplicateKeyHeader { index: *index });
            }
        }
        Ok(scheme)
    }
}

impl SignedBuilder {
    /// [`build`](SignedBuilder::build) for the crate's own fixed configurations, each
    /// built by the tests of every preset (`tests/preset_bad_input.rs`), so this never
    /// panics.
    #[allow(clippy::expect_used)]
    pub(crate) fn preset(self) -> Signed {
        self.build().expect("a preset's configuration is valid")
    }
}

impl Scheme for Signed {
    fn key_kind(&self) -> KeyKind {
        self.algorithm
    }

    fn verify(&self, request: &Request<'_>, keys: &[Key], clock: &Clock) -> Result<Match, Error> {
        if self.refuse_empty_body && request.body().is_empty() {
            return Err(Error::SignatureMismatch);
        }
        for (name, expected) in &self.required {
            if request.header(name)? != expected.as_ref() {
                return Err(self.bad(
                    name,
                    ValueProblem::UnexpectedValue {
                        expected: expected.clone(),
                    },
                ));
            }
        }
        let (mut message, header_time) = self.message(request)?;
        // The signature headers present (the scheme's own header is required unless keys
        // have headers of their own), with their signatures once parsed.
        let own;
        let mut per_key = Vec::new();
        let found: &[(&str, &str)] = if self.key_headers.is_empty() {
            own = [(self.header.as_ref(), request.header(&self.header)?)];
            &own
        } else {
            for header in std::iter::once(self.header.as_ref())
                .chain(self.key_headers.iter().map(|(_, h)| h.as_ref()))
            {
                if let Some(value) = request.optional_header(header)? {
                    per_key.push((header, value));
                }
            }
            &per_key
        };
        if found.is_empty() {
            return Err(Error::MissingHeader {
                header: self.header.clone(),
            });
        }
        // A timestamp header of its own is read and parsed before the signatures.
        let header_time = match &self.timestamp {
            Some(Timestamp {
                source: TimestampSource::Header(name),
                format,
            }) => {
                let text = match header_time {
                    Some(text) => text,
                    None => request.header(name)?,
                };
                Some((text, format.parse(text).map_err(|p| self.bad(name, p))?))
            }
            _ => None,
        };
        let mut entry_time = None;
        for (header, value) in found {
            entry_time = entry_time.or(self.parse(header, value)?);
        }
        let signed_at = match (&self.timestamp, header_time) {
            (None, _) => None,
            (_, Some((_, t))) => Some(t),
            (Some(Timestamp { source, format }), None) => {
                // `build` allows an entry only with `entries`, where `parse` made sure it
                // is there.
                let entry = match source {
                    TimestampSource::Entry(entry) => entry,
                    TimestampSource::Header(name) => name,
                };
                let text = entry_time.ok_or_else(|| {
                    self.bad(
                        &self.header,
                        ValueProblem::MissingTimestamp {
                            entry: entry.clone(),
                        },
                    )
                })?;
                for (slot, part) in message.iter_mut().zip(&self.parts) {
                    if *part == Part::Timestamp {
                        *slot = text.as_bytes();
                    }
                }
                Some(format.parse(text).map_err(|p| self.bad(&self.header, p))?)
            }
        };
        if let Some(t) = signed_at {
            self.window.check(t, clock.now())?;
        }
        let delivery_id = self.optional_header(self.delivery_id.as_deref(), request, &message)?;
        let event_type = self.optional_header(self.event_type.as_deref(), request, &message)?;
        // Each usable key in turn, against the signatures of its own header.
        let index = keys
            .iter()
            .enumerate()
            .position(|(index, key)| {
                let header = self.header_of(index);
                key.is_usable()
                    && found
                        .iter()
                        .find(|(h, _)| *h == header)
                        .is_some_and(|(_, value)| self.matches(key, &message, value))
            })
            .ok_or(Error::SignatureMismatch)?;
        let mut found = Match::new(index, signed_at);
        if let Some(id) = delivery_id {
            found = found.with_delivery_id(id);
        }
        if let Some(event_type) = event_type {
            found = found.with_event_type(event_type);
        }
        Ok(found)
    }
}

impl Sign for Signed {
    /// The timestamp header (if the time is one) and the signature header (each key
    /// header of a [`key_header`](SignedBuilder::key_header) scheme is signed by its own
    /// key, which `sign` does not have: it signs the scheme's header). Signed headers (an
    /// id), the URL and the method come from `request`; a missing one is signed as empty.
    fn sign_request(
        &self,
        request: &Request<'_>,
        secret: &Secret,
        now: OffsetDateTime,
    ) -> Vec<(String, String)> {
        let time = self.timestamp.as_ref().map(|ts| ts.format.format(now));
        let time_text = time.as_deref().unwrap_or_default();
        let message: Vec<&[u8]> = self
            .parts
            .iter()
            .map(|part| Self::resolve(part, request, time_text).unwrap_or_default())
            .collect();
        let Some(signature) = signature(self.algorithm, secret, &message) else {
            return Vec::new();
        };
        let signature = self.encoding.encode(&signature);
        let value = match &self.layout {
            Layout::Whole => signature,
            Layout::Prefixed(prefix) => format!("{prefix}{signature}"),
            Layout::Entries { separator, key } => match (&self.timestamp, &time) {
                (
                    Some(Timestamp {
                        source: TimestampSource::Entry(t),
                        ..
                    }),
                    Some(time),
                ) => format!("{t}={time}{separator}{key}={signature}"),
                _ => format!("{key}={signature}"),
            },
            Layout::Versioned(version) => format!("{version},{signature}"),
        };
        let mut headers: Vec<(String, String)> = self
            .required
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect();
        if let (
            Some(Timestamp {
                source: TimestampSource::Header(header),
                ..
            }),
            Some(time),
        ) = (&self.timestamp, time)
        {
            headers.push((header.to_string(), time));
        }
        headers.push((self.header.to_string(), value));
        headers
    }
}

/// An RSASSA-PKCS1-v1_5 signature with SHA-256, by a PKCS#8 DER private key.
#[cfg(feature = "rsa")]
pub(crate) fn rsa_sha256_signature(secret: &Secret, message: &[&[u8]]) -> Option<Vec<u8>> {
    use rsa::pkcs8::DecodePrivateKey as _;
    use rsa::signature::{SignatureEncoding as _, Signer as _};
    let key = rsa::PrivateKey::from_pkcs8_der(secret.expose_secret()).ok()?;
    let key = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key);
    Some(key.sign(&message.concat()).to_vec())
}

/// The signature of `message` under `secret`, as raw bytes; `None` when the secret cannot
/// sign (empty, or not a private key of the algorithm: 32 bytes for Ed25519 and P-256, a
/// PKCS#8 DER key for RSA).
pub(crate) fn signature(kind: KeyKind, secret: &Secret, message: &[&[u8]]) -> Option<Vec<u8>> {
    match kind {
        _ if kind.is_hmac() => Key::new(kind, secret)
            .mac(message)
            .map(|mac| mac.as_ref().to_vec()),
        #[cfg(feature = "ed25519")]
        KeyKind::Ed25519 => {
            use ed25519_dalek::Signer as _;
            let seed: &[u8; 32] = secret.expose_secret().try_into().ok()?;
            let key = ed25519_dalek::SigningKey::from_bytes(seed);
            Some(key.sign(&message.concat()).to_bytes().to_vec())
        }
        #[cfg(feature = "p256")]
        KeyKind::EcdsaP256 => {
            use p256::ecdsa::signature::Signer as _;
            let key = p256::ecdsa::SigningKey::from_slice(secret.expose_secret()).ok()?;
            let signature: p256::ecdsa::Signature = key.sign(&message.concat());
            Some(signature.to_der().as_bytes().to_vec())
        }
        #[cfg(feature = "rsa")]
        KeyKind::Rsa => rsa_sha256_signature(secret, message),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    const SECONDS: TimestampFormat = TimestampFormat::UnixSeconds;

    fn window() -> Window {
        Window::tolerance(Duration::from_secs(300))
    }

    fn hmac(header: &'static str) -> SignedBuilder {
        Signed::builder(KeyKind::HmacSha256, header)
    }

    /// Each configuration that could never verify, or would mean something else than
    /// written, is refused when built, with its own error.
    #[test]
    fn invalid_configurations_are_refused_when_built() {
        let ts = [Part::Timestamp, Part::literal("."), Part::Body];
        let cases: Vec<(&str, SignedBuilder, ConfigError)> = vec![
            (
                "a timestamp entry without entries",
                hmac("Sig")
                    .timestamp(Timestamp::entry("t", SECONDS), window())
                    .signed(ts.clone()),
                ConfigError::TimestampEntryWithoutEntries,
            ),
            (
                "a timestamp entry with a prefix",
                hmac("Sig")
                    .format(Format::prefixed("v1="))
                    .timestamp(Timestamp::entry("t", SECONDS), window())
                    .signed(ts.clone()),
                ConfigError::TimestampEntryWithoutEntries,
            ),
            (
                "Part::Timestamp with no timestamp",
                hmac("Sig").signed(ts.clone()),
                ConfigError::TimestampNotConfigured,
            ),
            (
                "a timestamp that is not signed",
                hmac("Sig").timestamp(Timestamp::header("X-Ts", SECONDS), window()),
                ConfigError::TimestampNotSigned,
            ),
            (
                "the timestamp entry named like the signatures",
                hmac("Sig")
                    .format(Format::entries(',', "v1"))
                    .timestamp(Timestamp::entry("v1", SECONDS), window())
                    .signed(ts.clone()),
                ConfigError::TimestampEntryIsSignatureEntry,
            ),
            (
                "nothing signed",
                hmac("Sig").signed([]),
                ConfigError::NothingSigned,
            ),
            ("an empty header", hmac(""), ConfigError::EmptyHeaderName),
            (
                "an empty signed header",
                hmac("Sig").signed([Part::header(" "), Part::Body]),
                ConfigError::EmptyHeaderName,
            ),
            (
                "an empty delivery id header",
                hmac("Sig").delivery_id_header(""),
                ConfigError::EmptyHeaderName,
            ),
            (
                "an empty required header",
                hmac("Sig").require_header("", "1"),
                ConfigError::EmptyHeaderName,
            ),
            (
                "an empty key header",
                hmac("Sig").key_header(1, ""),
                ConfigError::EmptyHeaderName,
            ),
            (
                "an empty prefix",
                hmac("Sig").format(Format::prefixed("")),
                ConfigError::EmptyEntryName,
            ),
            (
                "an empty version",
                hmac("Sig").format(Format::versioned("")),
                ConfigError::EmptyEntryName,
            ),
            (
                "an empty signature entry",
                hmac("Sig").format(Format::entries(',', " ")),
                ConfigError::EmptyEntryName,
            ),
            (
                "an empty timestamp entry",
                hmac("Sig")
                    .format(Format::entries(',', "v1"))
                    .timestamp(Timestamp::entry("", SECONDS), window())
                    .signed(ts.clone()),
                ConfigError::EmptyEntryName,
            ),
            (
                "`=` as the separator",
                hmac("Sig").format(Format::entries('=', "v1")),
                ConfigError::InvalidSeparator { separator: '=' },
            ),
            (
                "a separator that is not ASCII",
                hmac("Sig").format(Format::entries('；', "v1")),
                ConfigError::InvalidSeparator { separator: '；' },
            ),
            (
                "a control character as the separator",
                hmac("Sig").format(Format::entries('\n', "v1")),
                ConfigError::InvalidSeparator { separator: '\n' },
            ),
            (
                "two headers for one key",
                hmac("Sig").key_header(1, "Sig-2").key_header(1, "Sig-3"),
                ConfigError::DuplicateKeyHeader { index: 1 },
            ),
            (
                "a token as the algorithm",
                Signed::builder(KeyKind::Token, "X-Token"),
                ConfigError::NotASignature,
            ),
            (
                "an empty required value",
                hmac("Sig").require_header("X-Version", ""),
                ConfigError::Unmatchable,
            ),
            (
                "a required value with a surrounding space",
                hmac("Sig").require_header("X-Version", " 1"),
                ConfigError::Unmatchable,
            ),
            (
                "a required value over 1 KiB",
                hmac("Sig").require_header("X-Version", "v".repeat(1025)),
                ConfigError::Unmatchable,
            ),
            (
                "the signature header required",
                hmac("Sig").require_header("sig", "1"),
                ConfigError::RequiredHeaderConflict,
            ),
            (
                "a signed header required",
                hmac("Sig")
                    .signed([Part::header("X-Id"), Part::Body])
                    .require_header("x-id", "1"),
                ConfigError::RequiredHeaderConflict,
            ),
            (
                "a header required twice with different values",
                hmac("Sig")
                    .require_header("X-Version", "1")
                    .require_header("x-version", "2"),
                ConfigError::RequiredHeaderConflict,
            ),
            (
                "the signature header signed",
                hmac("X-Sig").signed([Part::header("x-sig"), Part::Body]),
                ConfigError::SignatureHeaderSigned,
            ),
            (
                "a version with a comma",
                hmac("Sig").format(Format::versioned("v,1")),
                ConfigError::Unmatchable,
            ),
            (
                "a tab as the version",
                hmac("Sig").format(Format::versioned("\t")),
                ConfigError::EmptyEntryName,
            ),
            (
                "an entry key holding the separator",
                hmac("Sig").format(Format::entries(',', "v,1")),
                ConfigError::Unmatchable,
            ),
            (
                "an entry key holding `=`",
                hmac("Sig").format(Format::entries(',', "v=1")),
                ConfigError::Unmatchable,
            ),
            (
                "an entry key with a leading space",
                hmac("Sig").format(Format::entries(',', " v1")),
                ConfigError::Unmatchable,
            ),
            (
                "a prefix with a leading space",
                hmac("Sig").format(Format::prefixed(" sha256=")),
                ConfigError::Unmatchable,
            ),
            (
                "a timestamp entry holding the separator",
                hmac("Sig")
                    .format(Format::entries(',', "v1"))
                    .timestamp(Timestamp::entry("t,x", SECONDS), window())
                    .signed(ts.clone()),
                ConfigError::Unmatchable,
            ),
            (
                "an RFC 3339 entry separated by `:`",
                hmac("Sig")
                    .format(Format::entries(':', "v1"))
                    .timestamp(Timestamp::entry("t", TimestampFormat::Rfc3339), window())
                    .signed(ts.clone()),
                ConfigError::InvalidSeparator { separator: ':' },
            ),
            (
                "a separator that base64 signatures contain",
                hmac("Sig")
                    .encoding(Encoding::Base64)
                    .format(Format::entries('+', "v1")),
                ConfigError::InvalidSeparator { separator: '+' },
            ),
            (
                "a separator that hex signatures contain",
                hmac("Sig").format(Format::entries('a', "v1")),
                ConfigError::InvalidSeparator { separator: 'a' },
            ),
            (
                "the timestamp in the signature header",
                hmac("Sig")
                    .timestamp(Timestamp::header("sig", SECONDS), window())
                    .signed(ts.clone()),
                ConfigError::TimestampHeaderIsSignatureHeader,
            ),
            (
                "an invalid timestamp header",
                hmac("Sig")
                    .timestamp(Timestamp::header("X Ts", SECONDS), window())
                    .signed(ts.clone()),
                ConfigError::InvalidHeaderName,
            ),
            (
                "key headers with a timestamp entry",
                hmac("Sig")
                    .format(Format::entries(',', "v1"))
                    .timestamp(Timestamp::entry("t", SECONDS), window())
                    .signed(ts.clone())
                    .key_header(1, "Sig-2"),
                ConfigError::KeyHeaderWithTimestampEntry,
            ),
            (
                "a prefix that no header value can hold",
                hmac("Sig").format(Format::prefixed("sha\u{7f}=")),
                ConfigError::Unmatchable,
            ),
            (
                "a header name with a space",
                hmac("X Signature"),
                ConfigError::InvalidHeaderName,
            ),
            (
                "a required value no header can hold",
                hmac("Sig").require_header("X-Version", "caf\u{e9}"),
                ConfigError::Unmatchable,
            ),
        ];
        for (name, builder, expected) in cases {
            assert_eq!(builder.build().unwrap_err(), expected, "{name}");
            assert!(!expected.to_string().is_empty());
        }
    }

    #[test]
    fn valid_configurations_build() {
        let stripe = hmac("Stripe-Signature")
            .format(Format::entries(',', "v1"))
            .timestamp(Timestamp::entry("t", SECONDS), window())
            .signed([Part::Timestamp, Part::literal("."), Part::Body])
            .build()
            .unwrap();
        assert_eq!(stripe.key_kind(), KeyKind::HmacSha256);
        let boxed = hmac("box-signature-primary")
            .key_header(1, "box-signature-secondary")
            .timestamp(
                Timestamp::header("box-delivery-timestamp", TimestampFormat::Rfc3339),
                window(),
            )
            .signed([Part::Body, Part::Timestamp])
            .require_header("box-signature-version", "1")
            .build();
        assert!(boxed.is_ok());
        // ECDSA defaults to base64; an explicit encoding wins.
        #[cfg(feature = "p256")]
        {
            let p = Signed::builder(KeyKind::EcdsaP256, "Sig").build().unwrap();
            assert_eq!(p.encoding, Encoding::Base64);
            let p = Signed::builder(KeyKind::EcdsaP256, "Sig")
                .encoding(Encoding::Hex)
                .build()
                .unwrap();
            assert_eq!(p.encoding, Encoding::Hex);
        }
        assert_eq!(hmac("Sig").build().unwrap(), Signed::hmac("Sig"));
    }

    fn request<'a>(body: &'a [u8], headers: &'a dyn crate::Headers) -> Request<'a> {
        Request::new(body, headers)
    }

    fn key(secret: &str) -> Key {
        Key::new(KeyKind::HmacSha256, &Secret::new(secret))
    }

    fn mac_hex(secret: &str, parts: &[&[u8]]) -> String {
        hex::encode(key(secret).mac(parts).unwrap())
    }

    /// A clock that counts how often it is read.
    fn counting_clock() -> (Clock, Arc<AtomicUsize>) {
        let reads = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&reads);
        let clock = Clock::from_fn(move || {
            counter.fetch_add(1, Ordering::SeqCst);
            OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap()
        });
        (clock, reads)
    }

    /// The clock is read only for a scheme with a timestamp, and only once the request
    /// has a well-formed one.
    #[test]
    fn the_clock_is_read_only_when_a_timestamp_is_checked() {
        let (clock, reads) = counting_clock();
        let sig = mac_hex("k", &[b"{}"]);
        let plain = Signed::hmac("Sig");
        let found = plain.verify(&request(b"{}", &[("Sig", &sig)]), &[key("k")], &clock);
        assert_eq!(found.unwrap().timestamp(), None);
        assert_eq!(reads.load(Ordering::SeqCst), 0, "no timestamp, no clock");

        let stripe = hmac("Sig")
            .format(Format::entries(',', "v1"))
            .timestamp(Timestamp::entry("t", SECONDS), window())
            .signed([Part::Timestamp, Part::literal("."), Part::Body])
            .build()
            .unwrap();
        let bad = [("Sig", "t=abc,v1=00")];
        assert!(
            stripe
                .verify(&request(b"{}", &bad), &[key("k")], &clock)
                .is_err()
        );
        assert_eq!(
            reads.load(Ordering::SeqCst),
            0,
            "a malformed time reads no clock"
        );
        let sig = mac_hex("k", &[b"1700000000", b".", b"{}"]);
        let value = format!("t=1700000000,v1={sig}");
        let found = stripe
            .verify(&request(b"{}", &[("Sig", &value)]), &[key("k")], &clock)
            .unwrap();
        assert_eq!(
            found.timestamp().map(|t| t.unix_timestamp()),
            Some(1_700_000_000)
        );
        assert_eq!(reads.load(Ordering::SeqCst), 1);
    }

    /// Box's shape: each key signs in a header of its own, and a fixed version header is
    /// required.
    #[test]
    fn each_key_is_checked_against_its_own_header() {
        let scheme = hmac("box-signature-primary")
            .encoding(Encoding::Base64)
            .key_header(1, "box-signature-secondary")
            .require_header("box-signature-version", "1")
            .build()
            .unwrap();
        let keys = [key("primary"), key("secondary")];
        let clock = Clock::system();
        let b64 = |secret: &str| {
            let mac = key(secret).mac(&[b"{}"]).unwrap();
            Encoding::Base64.encode(mac.as_ref())
        };
        let (p, s) = (b64("primary"), b64("secondary"));
        let verify =
            |headers: &dyn crate::Headers| scheme.verify(&request(b"{}", headers), &keys, &clock);
        let both = [
            ("box-signature-version", "1"),
            ("box-signature-primary", p.as_str()),
            ("box-signature-secondary", s.as_str()),
        ];
        assert_eq!(verify(&both).unwrap().key_index(), 0);
        // The primary key rotated away: the secondary header still verifies.
        let rotated = [
            ("box-signature-version", "1"),
            ("box-signature-primary", s.as_str()),
            ("box-signature-secondary", s.as_str()),
        ];
        assert_eq!(verify(&rotated).unwrap().key_index(), 1);
        // Only the secondary header: the secondary key.
        let only_secondary = [
            ("box-signature-version", "1"),
            ("box-signature-secondary", s.as_str()),
        ];
        assert_eq!(verify(&only_secondary).unwrap().key_index(), 1);
        // A key's signature in the other key's header does not count.
        let swapped = [
            ("box-signature-version", "1"),
            ("box-signature-primary", s.as_str()),
            ("box-signature-secondary", p.as_str()),
        ];
        assert!(matches!(verify(&swapped), Err(Error::SignatureMismatch)));
        // Neither header: the scheme's own is missing.
        let neither = [("box-signature-version", "1")];
        assert!(matches!(
            verify(&neither),
            Err(Error::MissingHeader { header }) if header == "box-signature-primary"
        ));
        // The version header must be there, with exactly its value.
        let no_version = [("box-signature-primary", p.as_str())];
        assert!(matches!(
            verify(&no_version),
            Err(Error::MissingHeader { header }) if header == "box-signature-version"
        ));
        let other_version = [
            ("box-signature-version", "2"),
            ("box-signature-primary", p.as_str()),
        ];
        assert!(matches!(
            verify(&other_version),
            Err(Error::MalformedHeader {
                problem: ValueProblem::UnexpectedValue { .. },
                ..
            })
        ));
        // A malformed secondary header is refused, even with a genuine primary one.
        let garbled = [
            ("box-signature-version", "1"),
            ("box-signature-primary", p.as_str()),
            ("box-signature-secondary", "%%%"),
        ];
        assert!(matches!(
            verify(&garbled),
            Err(Error::MalformedHeader { .. })
        ));
        // Signing makes the scheme's own header, and the required value.
        let signed = scheme.sign(b"{}", &Secret::new("primary"), OffsetDateTime::UNIX_EPOCH);
        assert_eq!(
            signed,
            [
                ("box-signature-version".to_owned(), "1".to_owned()),
                ("box-signature-primary".to_owned(), p.clone()),
            ]
        );
    }

    /// URL-safe base64, padded or not, as written: the other forms are refused.
    #[test]
    fn base64url_signatures_padded_and_not() {
        let mac = key("k").mac(&[b"{}"]).unwrap();
        let clock = Clock::system();
        for encoding in [Encoding::Base64Url, Encoding::Base64UrlUnpadded] {
            let scheme = hmac("Sig").encoding(encoding).build().unwrap();
            let text = encoding.encode(mac.as_ref());
            let ok = scheme.verify(&request(b"{}", &[("Sig", &text)]), &[key("k")], &clock);
            assert!(ok.is_ok(), "{encoding:?}");
            let standard = Encoding::Base64.encode(mac.as_ref());
            let other = scheme.verify(&request(b"{}", &[("Sig", &standard)]), &[key("k")], &clock);
            assert!(other.is_err(), "{encoding:?} took {standard}");
        }
    }

    /// A delivery id of any length is kept whole.
    #[test]
    fn long_delivery_ids_are_kept() {
        let scheme = hmac("Sig").delivery_id_header("X-Id").build().unwrap();
        let id = "d".repeat(500);
        let sig = mac_hex("k", &[b"{}"]);
        let found = scheme
            .verify(
                &request(b"{}", &[("Sig", &sig), ("X-Id", &id)]),
                &[key("k")],
                &Clock::system(),
            )
            .unwrap();
        assert_eq!(found.delivery_id(), Some(id.as_str()));
    }

    /// Entries split at their first `=`, trimmed, in any order; other keys ignored.
    #[test]
    fn entries_are_parsed_as_documented() {
        let scheme = hmac("Sig")
            .format(Format::entries(';', "h1"))
            .timestamp(Timestamp::entry("ts", SECONDS), Window::unlimited())
            .signed([Part::Timestamp, Part::literal(":"), Part::Body])
            .build()
            .unwrap();
        let sig = "ab".repeat(32);
        let value = format!(" h0=zz ; h1 = {sig} ;ts= 0001 ");
        let time = scheme.parse("Sig", &value).unwrap();
        assert_eq!(time, Some("0001"));
        assert_eq!(
            scheme.signatures(&value).collect::<Vec<_>>(),
            [sig.as_str()]
        );
        for bad in [
            "ts=1;h1",
            "ts=1;;h1=aa",
            "=1;h1=aa",
            "ts=1;h1=aa;ts=2",
            "h1=aa",
        ] {
            assert!(scheme.parse("Sig", bad).is_err(), "{bad}");
        }
    }
}
