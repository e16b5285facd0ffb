//! `Signed`: a signature in a header over configured parts of the request.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::time::Duration;

use time::OffsetDateTime;

use super::encoding::{Encoding, MAX_SIGNATURE_LEN};
use super::timestamp::{TimestampFormat, Window};
use crate::error::{Error, HeaderProblem};
use crate::headers::trim_ows;
use crate::key::{Digest, Key, KeyKind, ct_eq};
use crate::request::Request;
use crate::scheme::{Match, Scheme};
use crate::secret::Secret;

/// The most signatures one header may carry. Senders add one per live secret; a rotation
/// has two.
pub const MAX_SIGNATURES: usize = 16;

/// One piece of what a provider signs, in [`Signed::signed`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Part {
    /// The raw body.
    Body,
    /// The timestamp exactly as sent (leading zeros and all), from where
    /// [`Signed::timestamp_header`] or [`Signed::timestamp_entry`] says.
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

    /// Whether this is the header `name` (any case).
    fn is_header(&self, name: &str) -> bool {
        matches!(self, Part::Header(h) if h.eq_ignore_ascii_case(name))
    }
}

/// A request signed over configured parts: a signature in one header (HMAC with
/// SHA-256, SHA-1 or SHA-512; Ed25519; ECDSA P-256) over an ordered list of
/// [`Part`]s, with an optional timestamp and its window.
///
/// Every HMAC provider of this crate is configuration of this one scheme, and so is any
/// provider the crate does not know: say what is signed, how the signature is written,
/// where it sits and where the time comes from.
///
/// | builder | says | default |
/// |---|---|---|
/// | [`hmac`](Signed::hmac), [`ed25519`](Signed::ed25519), [`ecdsa_p256`](Signed::ecdsa_p256) | the signature header and the algorithm | — |
/// | [`digest`](Signed::digest) | the HMAC's hash function | SHA-256 |
/// | [`encoding`](Signed::encoding) | lowercase hex or base64 | hex (base64 for ECDSA) |
/// | [`prefix`](Signed::prefix) | the value is an exact prefix, then the signature (`sha256=…`) | the whole value is the signature |
/// | [`entries`](Signed::entries) | the value is `key=value` entries separated by `,` or `;`; signatures in the entries named `key` (`t=…,v1=…`) | |
/// | [`versioned`](Signed::versioned) | the value is space-separated `version,signature` entries (`v1,… v1,…`) | |
/// | [`signed`](Signed::signed) | what is signed, in order | the body |
/// | [`timestamp_header`](Signed::timestamp_header), [`timestamp_entry`](Signed::timestamp_entry) | where the signed time is, and its [`TimestampFormat`] | no timestamp |
/// | [`max_age`](Signed::max_age), [`max_future`](Signed::max_future), [`tolerance`](Signed::tolerance) | the [`Window`] | 300 s each way |
/// | [`delivery_id_header`](Signed::delivery_id_header) | the header naming the delivery, for [`Verified::delivery_id`](crate::Verified::delivery_id) | none |
///
/// # Parsing
///
/// The header is read with the crate's rules ([`Request::header`]). Entries are split on
/// the separator, each at its first `=` (or `,` for versioned entries), keys and values
/// trimmed of spaces and tabs, in any order; an empty entry or one without its `=` is
/// [`HeaderProblem::MalformedEntry`], a timestamp entry must appear exactly once, and
/// entries of any other key (Stripe's `v0`, a future `v2`) are ignored and never
/// verified, so a weaker signature can never stand in for the one configured. Every
/// signature present is tried (at most [`MAX_SIGNATURES`]).
///
/// # Verifying
///
/// In this order, the first problem found being the one reported: the signed headers (in
/// the order they are signed, the timestamp header among them), the signature header, the
/// timestamp (read, then checked against the window), the signatures, the delivery id;
/// then each key in turn. An HMAC is encoded once per key and compared, in constant time,
/// with every signature as written, which is how the providers' own libraries compare (a
/// base64 signature that is not in canonical form does not match); a public key checks
/// each signature. Nothing is allocated on the heap for a shared-secret scheme with up to
/// eight signed parts.
///
/// # Examples
///
/// Paddle sends `Paddle-Signature: ts=1671552777;h1=<hex>` over `"<ts>:<body>"` and its
/// SDKs allow 5 s:
///
/// ```
/// use std::time::Duration;
/// use hookverify::schemes::{Part, Signed, TimestampFormat};
/// use hookverify::{Scheme, Secret, Verifier};
///
/// let paddle = Signed::hmac("Paddle-Signature")
///     .entries(';', "h1")
///     .timestamp_entry("ts", TimestampFormat::UnixSeconds)
///     .signed([Part::Timestamp, Part::literal(":"), Part::Body])
///     .tolerance(Duration::from_secs(5));
///
/// let secret = Secret::new("pdl_ntfset_01gkpjp8bkh3ptmy3j4xsanyb9_secret");
/// let now = hookverify::time::OffsetDateTime::now_utc();
/// let headers = paddle.sign(br#"{"event_type":"transaction.paid"}"#, &secret, now);
/// assert!(headers[0].1.starts_with("ts="));
///
/// let verifier = Verifier::new(paddle, [secret]);
/// assert!(verifier.verify(br#"{"event_type":"transaction.paid"}"#, &headers).is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    header: Cow<'static, str>,
    algorithm: Algorithm,
    encoding: Encoding,
    format: Format,
    parts: Vec<Part>,
    timestamp: Option<Timestamp>,
    window: Window,
    delivery_id: Option<Cow<'static, str>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Algorithm {
    Hmac(Digest),
    #[cfg(feature = "ed25519")]
    Ed25519,
    #[cfg(feature = "p256")]
    EcdsaP256,
}

/// Where the signatures sit in the header's value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Format {
    Whole,
    Prefixed(Cow<'static, str>),
    Entries {
        separator: char,
        key: Cow<'static, str>,
    },
    Versioned(Cow<'static, str>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Timestamp {
    source: Source,
    format: TimestampFormat,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    Header(Cow<'static, str>),
    Entry(Cow<'static, str>),
}

/// Up to this many parts are gathered on the stack; more (no provider signs more than
/// five) go to the heap.
const MAX_STACK_PARTS: usize = 8;

impl Signed {
    fn with_algorithm(header: impl Into<Cow<'static, str>>, algorithm: Algorithm) -> Self {
        Signed {
            header: header.into(),
            algorithm,
            encoding: Encoding::Hex,
            format: Format::Whole,
            parts: vec![Part::Body],
            timestamp: None,
            window: Window::default(),
            delivery_id: None,
        }
    }

    /// An HMAC-SHA256 in `header` (any case), lowercase hex, the whole value, over the
    /// body. The other builders change each of these.
    pub fn hmac(header: impl Into<Cow<'static, str>>) -> Self {
        Signed::with_algorithm(header, Algorithm::Hmac(Digest::Sha256))
    }

    /// An Ed25519 signature in `header`, lowercase hex, over the body; keys are
    /// [`PublicKey::ed25519`](crate::PublicKey::ed25519). Checked as RFC 8032 says (with
    /// `ed25519-dalek`; `S` must be reduced). Feature `ed25519`.
    #[cfg(feature = "ed25519")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
    pub fn ed25519(header: impl Into<Cow<'static, str>>) -> Self {
        Signed::with_algorithm(header, Algorithm::Ed25519)
    }

    /// An ECDSA P-256 / SHA-256 signature in `header`, ASN.1 DER in base64, over the
    /// body; keys are [`PublicKey::p256_der`](crate::PublicKey::p256_der). A signature
    /// that is not DER is [`HeaderProblem::InvalidSignature`]. Feature `p256`.
    #[cfg(feature = "p256")]
    #[cfg_attr(docsrs, doc(cfg(feature = "p256")))]
    pub fn ecdsa_p256(header: impl Into<Cow<'static, str>>) -> Self {
        Signed::with_algorithm(header, Algorithm::EcdsaP256).encoding(Encoding::Base64)
    }

    /// Makes the signature an HMAC with `digest`.
    #[must_use]
    pub fn digest(mut self, digest: Digest) -> Self {
        self.algorithm = Algorithm::Hmac(digest);
        self
    }

    /// How the signature is written (default lowercase hex).
    #[must_use]
    pub fn encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// The value is `prefix` (compared exactly, case included), then the signature:
    /// `sha256=<hex>`, `v0=<hex>`.
    #[must_use]
    pub fn prefix(mut self, prefix: impl Into<Cow<'static, str>>) -> Self {
        self.format = Format::Prefixed(prefix.into());
        self
    }

    /// The value is `key=value` entries separated by `separator` (`,` for Stripe's
    /// `t=…,v1=…`, `;` for Paddle's `ts=…;h1=…`); the signatures are the values of the
    /// entries named `key`, any number of them.
    #[must_use]
    pub fn entries(mut self, separator: char, key: impl Into<Cow<'static, str>>) -> Self {
        self.format = Format::Entries {
            separator,
            key: key.into(),
        };
        self
    }

    /// The value is space-separated `version,signature` entries (Standard Webhooks'
    /// `v1,<sig> v1,<sig>`); the signatures are those of `version`.
    #[must_use]
    pub fn versioned(mut self, version: impl Into<Cow<'static, str>>) -> Self {
        self.format = Format::Versioned(version.into());
        self
    }

    /// What is signed, in order (default: the body alone). The pieces are fed to the MAC
    /// one after the other; nothing is concatenated in memory.
    #[must_use]
    pub fn signed(mut self, parts: impl IntoIterator<Item = Part>) -> Self {
        self.parts = parts.into_iter().collect();
        self
    }

    /// The signed time is the whole value of `header`, written in `format`.
    #[must_use]
    pub fn timestamp_header(
        mut self,
        header: impl Into<Cow<'static, str>>,
        format: TimestampFormat,
    ) -> Self {
        self.timestamp = Some(Timestamp {
            source: Source::Header(header.into()),
            format,
        });
        self
    }

    /// The signed time is the entry `key` of the signature header's
    /// [`entries`](Signed::entries) (`t`, `ts`), written in `format`.
    #[must_use]
    pub fn timestamp_entry(
        mut self,
        key: impl Into<Cow<'static, str>>,
        format: TimestampFormat,
    ) -> Self {
        self.timestamp = Some(Timestamp {
            source: Source::Entry(key.into()),
            format,
        });
        self
    }

    /// The oldest timestamp accepted: `now − t ≤ max_age` (default 300 s).
    #[must_use]
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.window = self.window.with_max_age(max_age);
        self
    }

    /// How far ahead a timestamp may lie, for clock skew: `t − now ≤ max_future`
    /// (default 300 s).
    #[must_use]
    pub fn max_future(mut self, max_future: Duration) -> Self {
        self.window = self.window.with_max_future(max_future);
        self
    }

    /// Sets both [`max_age`](Signed::max_age) and [`max_future`](Signed::max_future).
    #[must_use]
    pub fn tolerance(self, tolerance: Duration) -> Self {
        self.max_age(tolerance).max_future(tolerance)
    }

    /// The header that names each delivery (`X-GitHub-Delivery`, `webhook-id`), reported
    /// by [`Verified::delivery_id`](crate::Verified::delivery_id) for deduplication. It is
    /// optional in requests.
    #[must_use]
    pub fn delivery_id_header(mut self, header: impl Into<Cow<'static, str>>) -> Self {
        self.delivery_id = Some(header.into());
        self
    }

    /// The header the signature is in.
    #[must_use]
    pub fn header(&self) -> &str {
        &self.header
    }

    /// The timestamp window.
    #[must_use]
    pub fn window(&self) -> Window {
        self.window
    }

    /// For [`dangerous::skip_timestamp_check`](crate::dangerous::skip_timestamp_check).
    pub(crate) fn without_window(mut self) -> Self {
        self.window = self.window.disabled();
        self
    }

    fn bad(&self, problem: HeaderProblem) -> Error {
        Error::malformed(self.header.clone(), problem)
    }

    /// The decoded length of a signature, when the algorithm fixes it.
    fn signature_len(&self) -> Option<usize> {
        match self.algorithm {
            Algorithm::Hmac(digest) => Some(digest.output_len()),
            #[cfg(feature = "ed25519")]
            Algorithm::Ed25519 => Some(64),
            #[cfg(feature = "p256")]
            Algorithm::EcdsaP256 => None,
        }
    }

    /// Checks one signature's encoding and keeps it.
    fn push<'a>(&self, signatures: &mut Signatures<'a>, text: &'a [u8]) -> Result<(), Error> {
        let slot = signatures.texts.get_mut(signatures.len).ok_or_else(|| {
            self.bad(HeaderProblem::TooManySignatures {
                max: MAX_SIGNATURES,
            })
        })?;
        self.encoding
            .check(text, self.signature_len(), MAX_SIGNATURE_LEN)
            .map_err(|p| self.bad(p))?;
        #[cfg(feature = "p256")]
        if self.algorithm == Algorithm::EcdsaP256 {
            let mut der = [0u8; MAX_SIGNATURE_LEN];
            let n = self
                .encoding
                .decode(text, &mut der, None)
                .map_err(|p| self.bad(p))?;
            if p256::ecdsa::Signature::from_der(&der[..n]).is_err() {
                return Err(self.bad(HeaderProblem::InvalidSignature));
            }
        }
        *slot = text;
        signatures.len += 1;
        Ok(())
    }

    /// Reads the signatures out of the header's value, and the timestamp entry's value
    /// when the timestamp is one.
    fn parse<'a>(
        &self,
        value: &'a [u8],
        sigs: &mut Signatures<'a>,
    ) -> Result<Option<&'a [u8]>, Error> {
        let mut time = None;
        match &self.format {
            Format::Whole => self.push(sigs, value)?,
            Format::Prefixed(prefix) => {
                let rest = value.strip_prefix(prefix.as_bytes()).ok_or_else(|| {
                    self.bad(HeaderProblem::MissingPrefix {
                        expected: prefix.clone(),
                    })
                })?;
                self.push(sigs, rest)?;
            }
            Format::Entries { separator, key } => {
                let time_key = match &self.timestamp {
                    Some(Timestamp {
                        source: Source::Entry(k),
                        ..
                    }) => Some(k.as_bytes()),
                    _ => None,
                };
                // A separator that is not ASCII never occurs in a printable ASCII value.
                let separator = u8::try_from(*separator).ok().filter(u8::is_ascii);
                let mut rest = Some(value);
                while let Some(list) = rest {
                    let (entry, more) = match separator.and_then(|s| memchr::memchr(s, list)) {
                        Some(at) => (&list[..at], Some(&list[at + 1..])),
                        None => (list, None),
                    };
                    rest = more;
                    let (k, v) = split_trimmed(entry, b'=')
                        .filter(|(k, _)| !k.is_empty())
                        .ok_or_else(|| self.bad(self.malformed_entry()))?;
                    if Some(k) == time_key {
                        if time.replace(v).is_some() {
                            return Err(self.bad(HeaderProblem::DuplicateTimestamp {
                                entry: String::from_utf8_lossy(k).into_owned().into(),
                            }));
                        }
                    } else if k == key.as_bytes() {
                        self.push(sigs, v)?;
                    }
                }
                if let (Some(key), None) = (time_key, time) {
                    return Err(self.bad(HeaderProblem::MissingTimestamp {
                        entry: String::from_utf8_lossy(key).into_owned().into(),
                    }));
                }
            }
            Format::Versioned(version) => {
                let mut rest = value;
                while !rest.is_empty() {
                    let (entry, more) = match memchr::memchr2(b' ', b'\t', rest) {
                        Some(at) => (&rest[..at], &rest[at + 1..]),
                        None => (rest, &[][..]),
                    };
                    rest = more;
                    if entry.is_empty() {
                        continue;
                    }
                    let (v, sig) = split_trimmed(entry, b',')
                        .ok_or_else(|| self.bad(self.malformed_entry()))?;
                    if v == version.as_bytes() {
                        self.push(sigs, sig)?;
                    }
                }
            }
        }
        if sigs.len == 0 {
            let expected = match &self.format {
                Format::Entries { key, .. } => format!("a `{key}=` entry"),
                Format::Versioned(version) => format!("a `{version},<signature>` entry"),
                Format::Whole | Format::Prefixed(_) => "a signature".to_owned(),
            };
            return Err(self.bad(HeaderProblem::MissingSignature {
                expected: expected.into(),
            }));
        }
        Ok(time)
    }

    fn malformed_entry(&self) -> HeaderProblem {
        let expected = match &self.format {
            Format::Entries { separator, .. } => {
                format!("`key=value` entries separated by `{separator}`")
            }
            _ => "space-separated `version,signature` entries".to_owned(),
        };
        HeaderProblem::MalformedEntry {
            expected: expected.into(),
        }
    }

    /// Reads a timestamp as sent, for the errors from `header`.
    fn read_time(
        &self,
        ts: &Timestamp,
        header: &str,
        text: &[u8],
    ) -> Result<OffsetDateTime, Error> {
        ts.format
            .parse_bytes(text)
            .map_err(|p| Error::malformed(header.to_owned(), p))
    }

    /// The bytes of `part` in `request`, with `time` for the timestamp.
    fn resolve<'a>(
        part: &'a Part,
        request: &Request<'a>,
        time: &'a [u8],
    ) -> Result<&'a [u8], Error> {
        Ok(match part {
            Part::Body => request.body(),
            Part::Timestamp => time,
            Part::Header(name) => request.header_bytes(name)?,
            Part::Url => request.signed_url()?.as_bytes(),
            Part::Method => request.signed_method()?.as_bytes(),
            Part::Literal(text) => text.as_bytes(),
        })
    }

    /// Whether `key` signs `message` with any of `signatures`.
    fn matches(&self, key: &Key, message: &[&[u8]], signatures: &Signatures<'_>) -> bool {
        let texts = signatures.as_slice();
        match self.algorithm {
            // Compared as written, as the providers' own libraries compare: the MAC is
            // encoded once, canonically, and compared with each signature (checked for
            // its length and alphabet when parsed).
            Algorithm::Hmac(_) => key.mac(message).is_some_and(|mac| {
                let mut buf = [0u8; 128];
                let expected = self.encoding.encode_mac(mac.as_ref(), &mut buf);
                texts
                    .iter()
                    .fold(false, |hit, text| ct_eq(expected, text) | hit)
            }),
            #[cfg(any(feature = "ed25519", feature = "p256"))]
            _ => texts.iter().any(|text| {
                let mut signature = [0u8; MAX_SIGNATURE_LEN];
                self.encoding
                    .decode(text, &mut signature, self.signature_len())
                    .is_ok_and(|n| key.verify(message, &signature[..n]))
            }),
        }
    }

    /// Verifies with the signed message gathered in `message`, one slot per part.
    fn verify_into<'a>(
        &'a self,
        request: &Request<'a>,
        keys: &[Key],
        now: OffsetDateTime,
        message: &mut [&'a [u8]],
    ) -> Result<Match, Error> {
        let header_source = match &self.timestamp {
            Some(
                ts @ Timestamp {
                    source: Source::Header(header),
                    ..
                },
            ) => Some((ts, header.as_ref())),
            _ => None,
        };
        // The signed headers first, in the order they are signed (the timestamp header
        // among them, where it is signed); a timestamp entry is filled in below.
        let mut header_text = None;
        for (slot, part) in message.iter_mut().zip(&self.parts) {
            *slot = match (part, header_source) {
                (Part::Timestamp, Some((_, header))) => {
                    let text = request.header_bytes(header)?;
                    header_text = Some(text);
                    text
                }
                (part, _) => Self::resolve(part, request, &[])?,
            };
        }
        let value = request.header_bytes(&self.header)?;
        // A timestamp header of its own is read and parsed before the signatures.
        let header_time = match header_source {
            Some((ts, header)) => {
                let text = match header_text {
                    Some(text) => text,
                    None => request.header_bytes(header)?,
                };
                Some(self.read_time(ts, header, text)?)
            }
            None => None,
        };
        let mut signatures = Signatures::new();
        let entry = self.parse(value, &mut signatures)?;
        let signed_at = match &self.timestamp {
            None => None,
            Some(Timestamp {
                source: Source::Header(_),
                ..
            }) => header_time,
            Some(
                ts @ Timestamp {
                    source: Source::Entry(key),
                    ..
                },
            ) => {
                // Only `entries` carry a timestamp entry: any other format has none.
                let text = entry.ok_or_else(|| {
                    self.bad(HeaderProblem::MissingTimestamp { entry: key.clone() })
                })?;
                for (slot, part) in message.iter_mut().zip(&self.parts) {
                    if *part == Part::Timestamp {
                        *slot = text;
                    }
                }
                Some(self.read_time(ts, &self.header, text)?)
            }
        };
        if let Some(t) = signed_at {
            self.window.check(t, now)?;
        }
        let delivery_id = match &self.delivery_id {
            // A signed header was read above: the same value, not a second lookup.
            Some(name) => match self.parts.iter().position(|p| p.is_header(name)) {
                Some(i) => message.get(i).copied(),
                None => request.optional_header_bytes(name)?,
            },
            None => None,
        };
        let index = Key::first_match(keys, |key| self.matches(key, message, &signatures))?;
        let found = Match::new(index, signed_at);
        Ok(match delivery_id {
            Some(id) => found.with_delivery_id_bytes(id),
            None => found,
        })
    }

    /// The signature of `message` under `secret`, as raw bytes; `None` when the secret
    /// cannot sign (empty, or not a private key of the algorithm).
    fn signature(&self, secret: &Secret, message: &[&[u8]]) -> Option<Vec<u8>> {
        match self.algorithm {
            Algorithm::Hmac(digest) => Key::new(KeyKind::Hmac(digest), secret)
                .mac(message)
                .map(|mac| mac.as_ref().to_vec()),
            #[cfg(feature = "ed25519")]
            Algorithm::Ed25519 => {
                use ed25519_dalek::Signer as _;
                let seed: &[u8; 32] = secret.expose_secret().try_into().ok()?;
                let key = ed25519_dalek::SigningKey::from_bytes(seed);
                Some(key.sign(&message.concat()).to_bytes().to_vec())
            }
            #[cfg(feature = "p256")]
            Algorithm::EcdsaP256 => {
                use p256::ecdsa::signature::Signer as _;
                let key = p256::ecdsa::SigningKey::from_slice(secret.expose_secret()).ok()?;
                let signature: p256::ecdsa::Signature = key.sign(&message.concat());
                Some(signature.to_der().as_bytes().to_vec())
            }
        }
    }
}

/// `entry` split at its first `separator`, both sides trimmed of spaces and tabs.
fn split_trimmed(entry: &[u8], separator: u8) -> Option<(&[u8], &[u8])> {
    let at = memchr::memchr(separator, entry)?;
    Some((trim_ows(&entry[..at]), trim_ows(&entry[at + 1..])))
}

/// The signatures of one request, as written, checked, on the stack.
struct Signatures<'a> {
    texts: [&'a [u8]; MAX_SIGNATURES],
    len: usize,
}

impl<'a> Signatures<'a> {
    fn new() -> Self {
        Signatures {
            texts: [&[]; MAX_SIGNATURES],
            len: 0,
        }
    }

    fn as_slice(&self) -> &[&'a [u8]] {
        &self.texts[..self.len]
    }
}

impl Scheme for Signed {
    fn key_kind(&self) -> KeyKind {
        match self.algorithm {
            Algorithm::Hmac(digest) => KeyKind::Hmac(digest),
            #[cfg(feature = "ed25519")]
            Algorithm::Ed25519 => KeyKind::Ed25519,
            #[cfg(feature = "p256")]
            Algorithm::EcdsaP256 => KeyKind::EcdsaP256,
        }
    }

    fn verify(
        &self,
        request: &Request<'_>,
        keys: &[Key],
        now: OffsetDateTime,
    ) -> Result<Match, Error> {
        let n = self.parts.len();
        if n <= MAX_STACK_PARTS {
            let mut message: [&[u8]; MAX_STACK_PARTS] = [&[]; MAX_STACK_PARTS];
            self.verify_into(request, keys, now, &mut message[..n])
        } else {
            self.verify_into(request, keys, now, &mut vec![&[][..]; n])
        }
    }

    /// The timestamp header (if the time is one) and the signature header. Signed headers
    /// (an id), the URL and the method come from `request`; a missing one is signed as
    /// empty. No headers when the
    /// secret cannot sign: empty, or not a private key of the algorithm (32 bytes for
    /// Ed25519 and P-256).
    fn sign_request(
        &self,
        request: &Request<'_>,
        secret: &Secret,
        now: OffsetDateTime,
    ) -> Vec<(String, String)> {
        let time = self.timestamp.as_ref().map(|ts| ts.format.format(now));
        let message: Vec<&[u8]> = self
            .parts
            .iter()
            .map(|part| {
                let time = time.as_deref().unwrap_or_default().as_bytes();
                Self::resolve(part, request, time).unwrap_or_default()
            })
            .collect();
        let Some(signature) = self.signature(secret, &message) else {
            return Vec::new();
        };
        let signature = self.encoding.encode(&signature);
        let mut value = String::new();
        // Writing to a `String` cannot fail.
        let _ = match &self.format {
            Format::Whole => write!(value, "{signature}"),
            Format::Prefixed(prefix) => write!(value, "{prefix}{signature}"),
            Format::Entries { separator, key } => match (&self.timestamp, &time) {
                (
                    Some(Timestamp {
                        source: Source::Entry(t),
                        ..
                    }),
                    Some(time),
                ) => write!(value, "{t}={time}{separator}{key}={signature}"),
                _ => write!(value, "{key}={signature}"),
            },
            Format::Versioned(version) => write!(value, "{version},{signature}"),
        };
        let mut headers = Vec::with_capacity(2);
        if let (
            Some(Timestamp {
                source: Source::Header(header),
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
