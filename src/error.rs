//! The one error type of the crate.

use std::borrow::Cow;
use std::fmt;

/// Everything that can go wrong while verifying a webhook or loading a secret.
///
/// Every variant is something a caller can act on, and its message tells an operator
/// what to fix. [`Error::status`] gives the HTTP status a handler should answer.
///
/// Messages never contain a secret, a computed MAC, or the index of a secret that was
/// tried: a failed authentication is always the single opaque
/// [`Error::SignatureMismatch`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A header the scheme needs is not in the request.
    #[error("header `{header}` is missing")]
    MissingHeader {
        /// The header's name, as the scheme spells it.
        header: Cow<'static, str>,
    },

    /// A header the scheme needs appears more than once with different values.
    ///
    /// Repeats of one identical value are accepted, since proxies sometimes duplicate
    /// headers; differing values are ambiguous and are never guessed between.
    #[error("header `{header}` is repeated with different values; the provider sends it once")]
    ConflictingHeaders {
        /// The header's name, as the scheme spells it.
        header: Cow<'static, str>,
    },

    /// Only a deprecated signature header was sent (GitHub's HMAC-SHA1
    /// `X-Hub-Signature`); it is never verified.
    #[error(
        "header `{header}` is deprecated and never verified; the sender must send `{use_instead}`"
    )]
    DeprecatedHeader {
        /// The deprecated header that was sent.
        header: Cow<'static, str>,
        /// The header that is verified instead.
        use_instead: Cow<'static, str>,
    },

    /// A header is present but its value cannot be used.
    #[error("header `{header}` is malformed: {problem}")]
    MalformedHeader {
        /// The header's name, as the scheme spells it.
        header: Cow<'static, str>,
        /// What is wrong with its value.
        problem: ValueProblem,
    },

    /// A field the scheme reads from the body (Mailgun's `signature`, Linear's
    /// `webhookTimestamp`) is not there, or the body is not JSON.
    #[error("body field `{field}` is missing")]
    MissingBodyField {
        /// The field's path in the body, e.g. `signature.token`.
        field: Cow<'static, str>,
    },

    /// A field the scheme reads from the body is there but cannot be used.
    #[error("body field `{field}` is malformed: {problem}")]
    MalformedBodyField {
        /// The field's path in the body.
        field: Cow<'static, str>,
        /// What is wrong with its value.
        problem: ValueProblem,
    },

    /// The signed timestamp is older than the scheme's tolerance allows.
    ///
    /// Either the request is a replay, it was queued for too long, or this server's
    /// clock runs ahead.
    #[error("timestamp is {age} s old; tolerance is {tolerance} s")]
    TimestampTooOld {
        /// How old the timestamp is, in seconds.
        age: u64,
        /// The largest age accepted, in seconds.
        tolerance: u64,
    },

    /// The signed timestamp lies further in the future than the scheme allows.
    #[error(
        "timestamp is {ahead} s in the future; tolerance is {tolerance} s (is this server's clock behind?)"
    )]
    TimestampInFuture {
        /// How far ahead of this server's clock the timestamp is, in seconds.
        ahead: u64,
        /// The largest lead accepted, in seconds.
        tolerance: u64,
    },

    /// No configured key authenticates the request.
    ///
    /// Deliberately opaque: it never says which key or which byte failed.
    #[error(
        "signature mismatch: no configured key matches this signature; was the body parsed \
         and re-serialized before verification (pass the raw bytes), or is the key wrong?"
    )]
    SignatureMismatch,

    /// No configured token equals the one sent (bearer and header tokens).
    ///
    /// Deliberately opaque: it never says which token was closest.
    #[error("token mismatch: the request's token is none of the configured tokens")]
    TokenMismatch,

    /// The verifier holds no usable key for its scheme: no secrets at all, only empty
    /// ones, or keys of another kind (a secret for a public-key scheme, a public key for
    /// an HMAC scheme).
    ///
    /// This is a configuration error of the receiving service, not of the request.
    #[error(
        "no usable key is configured: the verifier has no keys, only empty secrets, or keys of \
         another kind than its scheme verifies with"
    )]
    NoSecrets,

    /// A public key could not be read (wrong length, bad encoding, not a point of the
    /// curve).
    #[error("invalid {algorithm} public key: {reason}")]
    InvalidPublicKey {
        /// The algorithm the key was read for, e.g. `Ed25519`.
        algorithm: &'static str,
        /// What is wrong with it.
        reason: Cow<'static, str>,
    },

    /// The scheme signs a part of the request (its URL or method) that the caller did not
    /// hand to the verifier: build the request with [`Request::with_url`](crate::Request::with_url)
    /// or [`Request::with_method`](crate::Request::with_method).
    ///
    /// This is a mistake of the receiving service, not of the request.
    #[error(
        "the scheme signs the request {part}, which the verifier was not given: build the \
         request with `Request::with_{part}` (in the axum, actix-web and tower integrations, \
         configure `public_base_url` or `trust_forwarded_headers`)"
    )]
    MissingRequestPart {
        /// `url` or `method`.
        part: &'static str,
    },

    /// Deduplication needs a stable name for the provider, and the verifier has none:
    /// build it with [`Verifier::with_name`](crate::Verifier::with_name). (The presets
    /// name theirs.)
    #[error(
        "the verifier has no provider name, which dedupe keys need: build it with \
         `Verifier::with_name(\"…\")`"
    )]
    Unnamed,

    /// An integration found no verifier (or dedupe guard) where it looks for one: for
    /// actix-web, `web::Data<Endpoint<E>>` (or `Endpoint<E>`) in the app's
    /// data. A configuration error (500).
    #[error("{what} is not configured: {hint}")]
    NotConfigured {
        /// What is missing.
        what: &'static str,
        /// How to provide it.
        hint: &'static str,
    },

    /// A secret could not be loaded; see [`SecretError`].
    #[error("invalid secret: {0}")]
    InvalidSecret(#[from] SecretError),

    /// The body was verified, but it is not the JSON the caller asked for.
    #[error("the verified body is not the expected JSON: {0}")]
    Json(#[source] serde_json::Error),

    /// An allow-list entry is neither an IP address nor a CIDR range.
    #[error("allow-list entry `{entry}` is neither an IP address nor a CIDR range")]
    InvalidNetwork {
        /// The entry, as given.
        entry: String,
    },

    /// The request comes from an address the allow-list does not contain.
    #[error("requests from {addr} are not allowed")]
    PeerNotAllowed {
        /// The peer's address.
        addr: std::net::IpAddr,
    },

    /// The request body could not be read (the connection broke, the framing was
    /// invalid).
    #[error("the request body could not be read: {message}")]
    BodyRead {
        /// What the HTTP stack reported.
        message: String,
    },

    /// The dedupe store cannot answer (Redis unreachable, timed out). The request is not
    /// handled: answer 503 so the provider retries later.
    #[error(
        "the dedupe store is unavailable ({message}); refusing rather than risking a double delivery"
    )]
    DedupeUnavailable {
        /// What the store reported.
        message: String,
    },

    /// A key the request needs (a certificate, a JSON Web Key) could not be fetched from
    /// the provider, or is not fetched yet. The request is not handled: answer 503 so
    /// the provider retries later.
    #[error(
        "the provider's key at {location} is unavailable ({reason}); refusing until it can be fetched"
    )]
    KeyUnavailable {
        /// Where the key is published (scheme, host and path; never a query).
        location: String,
        /// Why it could not be fetched.
        reason: String,
    },

    /// The request names a key URL (AWS SNS's `SigningCertURL`, PayPal's
    /// `PAYPAL-CERT-URL`) that is not on the provider's pinned HTTPS hosts. Nothing was
    /// fetched. The URL itself is not repeated: it is the sender's text.
    #[error("`{field}` is not a URL of the provider's key server: {reason}")]
    UntrustedKeyUrl {
        /// The header or body field holding the URL.
        field: Cow<'static, str>,
        /// What is wrong with it.
        reason: &'static str,
    },

    /// The key the request names (a JWT's `kid`) is not among the provider's published
    /// keys, even after fetching them again.
    #[error("the key the request names is not among the provider's published keys")]
    UnknownKey,

    /// A token, certificate or fetched key is used outside the period it is valid for
    /// (an expired JWT, a certificate past its `notAfter`, a Plaid key marked expired).
    #[error("the {what} is not valid now: {detail}")]
    NotValidNow {
        /// `token`, `certificate` or `key`.
        what: &'static str,
        /// When it was valid, relative to now.
        detail: Cow<'static, str>,
    },

    /// An authenticated value is missing or not one this verifier accepts: a JWT's `aud`,
    /// `iss`, `email`, `iat` or `exp`, a body hash claim that does not match the body, an
    /// SNS topic outside the allow-list.
    #[error("`{field}` is missing or holds a value this verifier does not accept")]
    ValueNotAccepted {
        /// The claim, header or body field.
        field: Cow<'static, str>,
    },

    /// The body is larger than the configured limit; it was not hashed.
    #[error("body is larger than the limit of {limit} bytes")]
    BodyTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
}

impl Error {
    /// The HTTP status a webhook handler should answer with this error.
    ///
    /// - `400 Bad Request`: the request is malformed (missing, repeated or unparsable
    ///   header or body field, body that is not the expected JSON);
    /// - `401 Unauthorized`: authentication failed (signature or token mismatch, timestamp
    ///   outside the tolerance window, a key URL off the provider's hosts, an unknown key,
    ///   an expired token or certificate, a claim this verifier does not accept);
    /// - `403 Forbidden`: the peer address is not on the allow-list;
    /// - `413 Payload Too Large`: the body exceeds the configured limit;
    /// - `503 Service Unavailable`: the dedupe store cannot answer, or the provider's key
    ///   cannot be fetched; the provider should retry later;
    /// - `500 Internal Server Error`: the receiver itself is misconfigured (no usable key, an
    ///   invalid secret or public key, an invalid allow-list entry, a URL-signing scheme
    ///   given no URL, dedupe without a provider name).
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(hookverify::Error::SignatureMismatch.status(), 401);
    /// ```
    #[must_use]
    pub fn status(&self) -> u16 {
        match self {
            Error::MissingHeader { .. }
            | Error::ConflictingHeaders { .. }
            | Error::MalformedHeader { .. }
            | Error::DeprecatedHeader { .. }
            | Error::MissingBodyField { .. }
            | Error::MalformedBodyField { .. }
            | Error::BodyRead { .. }
            | Error::Json(_) => 400,
            Error::TimestampTooOld { .. }
            | Error::TimestampInFuture { .. }
            | Error::SignatureMismatch
            | Error::TokenMismatch
            | Error::UntrustedKeyUrl { .. }
            | Error::UnknownKey
            | Error::NotValidNow { .. }
            | Error::ValueNotAccepted { .. } => 401,
            Error::PeerNotAllowed { .. } => 403,
            Error::BodyTooLarge { .. } => 413,
            Error::NoSecrets
            | Error::InvalidSecret(_)
            | Error::InvalidPublicKey { .. }
            | Error::InvalidNetwork { .. }
            | Error::MissingRequestPart { .. }
            | Error::Unnamed
            | Error::NotConfigured { .. } => 500,
            Error::DedupeUnavailable { .. } | Error::KeyUnavailable { .. } => 503,
        }
    }

    /// `true` when the request failed authentication (status 401), as opposed to being
    /// malformed or the receiver being misconfigured.
    #[must_use]
    pub fn is_auth_failure(&self) -> bool {
        self.status() == 401
    }

    /// [`Error::MalformedHeader`] for `header`: what a custom
    /// [`Scheme`](crate::Scheme) returns for a value it cannot use.
    ///
    /// # Examples
    ///
    /// ```
    /// use hookverify::{Error, ValueProblem};
    ///
    /// let err = Error::malformed("X-Acme-Signature", ValueProblem::InvalidHex);
    /// assert_eq!(err.to_string(), "header `X-Acme-Signature` is malformed: the signature is not hexadecimal");
    /// assert_eq!(err.status(), 400);
    /// ```
    pub fn malformed(header: impl Into<Cow<'static, str>>, problem: ValueProblem) -> Self {
        Error::MalformedHeader {
            header: header.into(),
            problem,
        }
    }
}

impl Error {
    /// [`Error::MissingBodyField`] for `field`.
    pub(crate) fn missing_field(field: &'static str) -> Self {
        Error::MissingBodyField {
            field: field.into(),
        }
    }

    /// [`Error::MalformedBodyField`] for `field`.
    pub(crate) fn malformed_field(field: &'static str, problem: ValueProblem) -> Self {
        Error::MalformedBodyField {
            field: field.into(),
            problem,
        }
    }
}

/// What is wrong with a header value; carried by [`Error::MalformedHeader`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValueProblem {
    /// The value is empty (or only whitespace).
    Empty,
    /// The value contains bytes other than printable ASCII, space and tab.
    NotAscii,
    /// The value is longer than any genuine one.
    TooLong {
        /// The value's length in bytes.
        len: usize,
        /// The largest length accepted.
        max: usize,
    },
    /// The value does not start with the required prefix (compared exactly).
    MissingPrefix {
        /// The prefix the scheme requires, e.g. `sha256=`.
        expected: Cow<'static, str>,
    },
    /// A signature contains characters that are not hexadecimal digits.
    InvalidHex,
    /// A signature uses uppercase hexadecimal digits; providers send lowercase and their
    /// own sample verifiers compare lowercase strings, so uppercase is refused.
    UppercaseHex,
    /// A signature has the wrong length.
    WrongLength {
        /// The length a signature of this scheme has, in characters.
        expected: usize,
        /// The length received.
        found: usize,
    },
    /// An entry of a signature list is empty or lacks its separator.
    MalformedEntry {
        /// The list's format, e.g. ``"`key=value` entries separated by `;`"``.
        expected: Cow<'static, str>,
    },
    /// The timestamp entry of a signature list is missing.
    MissingTimestamp {
        /// The entry's key, e.g. `t` or `ts`.
        entry: Cow<'static, str>,
    },
    /// The timestamp entry of a signature list appears more than once.
    DuplicateTimestamp {
        /// The entry's key, e.g. `t` or `ts`.
        entry: Cow<'static, str>,
    },
    /// The timestamp is not written in the format the provider uses.
    InvalidTimestamp {
        /// The format the scheme reads, e.g. "Unix seconds (ASCII digits only)".
        expected: &'static str,
    },
    /// The timestamp is too large to be a point in time.
    TimestampOutOfRange,
    /// No signature of the kind this scheme verifies is present (e.g. no `v1=` entry).
    MissingSignature {
        /// What a signature looks like in this header, e.g. `` "a `v1=` entry" ``.
        expected: Cow<'static, str>,
    },
    /// More signature entries than any genuine request carries.
    TooManySignatures {
        /// The largest number accepted.
        max: usize,
    },
    /// The authorization scheme word is not the expected one (e.g. not `Bearer`).
    WrongAuthScheme {
        /// The scheme word expected.
        expected: &'static str,
    },
    /// A token was expected after the scheme word, but there is none.
    MissingToken,
    /// More than one token, separated by whitespace.
    ExtraFields,
    /// A value is not valid base64.
    InvalidBase64,
    /// A signature is not a valid encoding of a signature of its algorithm (e.g. not an
    /// ASN.1 DER ECDSA signature).
    InvalidSignature,
    /// A header that must hold a fixed value (Box's `BOX-SIGNATURE-VERSION: 1`) holds
    /// another.
    UnexpectedValue {
        /// The value required.
        expected: Cow<'static, str>,
    },
    /// A JSON Web Token that cannot be read (not three base64url parts, a header or claims
    /// that are not JSON objects).
    InvalidJwt {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The request names a signing algorithm other than the one this verifier checks.
    UnexpectedAlgorithm {
        /// The algorithm the request names.
        found: Cow<'static, str>,
        /// The algorithm the verifier checks.
        expected: &'static str,
    },
}

impl fmt::Display for ValueProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueProblem::Empty => f.write_str("the value is empty"),
            ValueProblem::NotAscii => {
                f.write_str("the value contains characters other than printable ASCII")
            }
            ValueProblem::TooLong { len, max } => {
                write!(
                    f,
                    "the value is {len} bytes long; at most {max} are accepted"
                )
            }
            ValueProblem::MissingPrefix { expected } => {
                write!(f, "the value does not start with `{expected}`")
            }
            ValueProblem::InvalidHex => f.write_str("the signature is not hexadecimal"),
            ValueProblem::UppercaseHex => {
                f.write_str("the signature uses uppercase hex digits; lowercase is expected")
            }
            ValueProblem::WrongLength { expected, found } => write!(
                f,
                "the signature has {found} characters; a signature of this scheme has {expected}"
            ),
            ValueProblem::MalformedEntry { expected } => {
                write!(
                    f,
                    "an entry is empty or lacks its separator; expected {expected}"
                )
            }
            ValueProblem::MissingTimestamp { entry } => {
                write!(f, "the `{entry}=` timestamp entry is missing")
            }
            ValueProblem::DuplicateTimestamp { entry } => {
                write!(f, "the `{entry}=` timestamp entry appears more than once")
            }
            ValueProblem::InvalidTimestamp { expected } => {
                write!(f, "the timestamp is not {expected}")
            }
            ValueProblem::UnexpectedValue { expected } => {
                write!(f, "the value is not `{expected}`")
            }
            ValueProblem::TimestampOutOfRange => {
                f.write_str("the timestamp is too large to be a point in time")
            }
            ValueProblem::MissingSignature { expected } => {
                write!(f, "no signature is present; expected {expected}")
            }
            ValueProblem::TooManySignatures { max } => {
                write!(f, "more than {max} signature entries")
            }
            ValueProblem::WrongAuthScheme { expected } => {
                write!(f, "the authorization scheme is not `{expected}`")
            }
            ValueProblem::MissingToken => f.write_str("no token follows the scheme word"),
            ValueProblem::ExtraFields => {
                f.write_str("the value has extra whitespace-separated fields")
            }
            ValueProblem::InvalidBase64 => f.write_str("a value is not valid base64"),
            ValueProblem::InvalidSignature => {
                f.write_str("the signature is not a valid encoding for its algorithm")
            }
            ValueProblem::InvalidJwt { reason } => write!(f, "not a JSON Web Token: {reason}"),
            ValueProblem::UnexpectedAlgorithm { found, expected } => write!(
                f,
                "the request is signed with `{found}`; this verifier checks `{expected}`"
            ),
        }
    }
}

/// Why a secret could not be loaded; carried by [`Error::InvalidSecret`].
///
/// None of these messages includes the secret's value or length.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SecretError {
    /// The environment variable is not set.
    #[error("environment variable `{var}` is not set")]
    Unset {
        /// The variable's name.
        var: String,
    },
    /// The environment variable's value is not valid Unicode.
    #[error("environment variable `{var}` is not valid Unicode")]
    NotUnicode {
        /// The variable's name.
        var: String,
    },
    /// The secret is empty.
    #[error("the secret{} is empty", origin(.var))]
    Empty {
        /// The environment variable it came from, if any.
        var: Option<String>,
    },
    /// The secret starts or ends with whitespace: almost always a copy-paste slip (a
    /// trailing newline from `echo`, a space from a web form).
    #[error(
        "the secret{} starts or ends with whitespace; this is almost always a copy-paste slip",
        origin(.var)
    )]
    SurroundingWhitespace {
        /// The environment variable it came from, if any.
        var: Option<String>,
    },
    /// A Standard Webhooks secret is not `whsec_` followed by base64.
    #[error("the secret is not a Standard Webhooks secret (`whsec_` followed by base64)")]
    NotStandardWebhooks,
}

fn origin(var: &Option<String>) -> String {
    match var {
        Some(v) => format!(" in `{v}`"),
        None => String::new(),
    }
}
