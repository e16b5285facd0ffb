//! `Signed` under any configuration `Signed::builder` is given: any algorithm
//! (HMAC-SHA256/SHA-1/SHA-512, Ed25519, ECDSA P-256, and `KeyKind::Token`, which is not
//! one), any encoding (hex, base64, base64url padded or not), any format (the whole value,
//! a prefix, `key=value` entries with any separator and key, `version,sig` lists), any
//! signed parts, a timestamp from a header or an entry (seconds, milliseconds or
//! RFC 3339) with any window (open at either end), per-key headers, required header
//! values, delivery id and event type headers, an empty body refused; header names from a
//! small pool that collide on purpose, or any text; the builder's methods in any order,
//! any number of times.
//!
//! - The builder never panics: it builds, or returns the `ConfigError` of a rule its
//!   documentation states; it never builds a configuration those rules call invalid.
//! - A configuration that builds never panics, and never matches header values the
//!   fuzzer made up.
//! - What it signs, it verifies (with the key that signed, in that key's header), at any
//!   time within its window, reporting the signing time, the delivery id and the event
//!   type; it refuses the same request with another body, or checked just outside the
//!   window; `with_window` is accepted exactly when a timestamp is configured.
//!
//! A configuration that builds but cannot verify what it signs is a finding: `build`
//! should refuse it.
#![no_main]

use std::borrow::Cow;
use std::time::Duration;

use arbitrary::Arbitrary;
use hookverify::schemes::{
    ConfigError, Encoding, Format, Part, Signed, SignedBuilder, Timestamp, TimestampFormat, Window,
};
use hookverify::{Error, Key, KeyKind, PublicKey, Request, Scheme, Secret, Sign, Verifier};
use libfuzzer_sys::fuzz_target;
use time::OffsetDateTime;

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq)]
enum Kind {
    HmacSha256,
    HmacSha1,
    HmacSha512,
    Token,
    Ed25519,
    EcdsaP256,
}

impl Kind {
    fn key_kind(self) -> KeyKind {
        match self {
            Kind::HmacSha256 => KeyKind::HmacSha256,
            Kind::HmacSha1 => KeyKind::HmacSha1,
            Kind::HmacSha512 => KeyKind::HmacSha512,
            Kind::Token => KeyKind::Token,
            Kind::Ed25519 => KeyKind::Ed25519,
            Kind::EcdsaP256 => KeyKind::EcdsaP256,
        }
    }
}

/// A header name: from a pool whose names collide on purpose (`X-Sig` and `x-sig` are
/// one header), or any text.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Name<'a> {
    Sig,
    SigLower,
    Sig2,
    Ts,
    Id,
    Event,
    Version,
    Any(&'a str),
}

impl<'a> Name<'a> {
    fn as_str(self) -> &'a str {
        match self {
            Name::Sig => "X-Sig",
            Name::SigLower => "x-sig",
            Name::Sig2 => "X-Sig-2",
            Name::Ts => "X-Ts",
            Name::Id => "X-Id",
            Name::Event => "X-Event",
            Name::Version => "X-Version",
            Name::Any(text) => text,
        }
    }
}

const POOL: [&str; 6] = ["X-Sig", "X-Sig-2", "X-Ts", "X-Id", "X-Event", "X-Version"];

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq)]
enum EncodingIn {
    Hex,
    Base64,
    Base64Url,
    Base64UrlUnpadded,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum FormatIn<'a> {
    Whole,
    Prefixed(&'a str),
    Entries(char, &'a str),
    Versioned(&'a str),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum PartIn<'a> {
    Body,
    Timestamp,
    Header(Name<'a>),
    Url,
    Method,
    Literal(&'a str),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum SourceIn<'a> {
    Header(Name<'a>),
    Entry(&'a str),
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq)]
enum TimeIn {
    UnixSeconds,
    UnixMillis,
    Rfc3339,
}

/// A window: each end a duration (seconds and a fraction, which is dropped) or
/// unlimited.
#[derive(Arbitrary, Debug, Clone, Copy)]
struct WindowIn {
    max_age: Option<(u64, u32)>,
    max_future: Option<(u64, u32)>,
}

impl WindowIn {
    fn window(self) -> Window {
        let d = |(secs, nanos): (u64, u32)| Duration::new(secs, nanos % 1_000_000_000);
        Window::new(self.max_age.map(d), self.max_future.map(d))
    }
}

/// One call on the builder.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Op<'a> {
    Encoding(EncodingIn),
    Format(FormatIn<'a>),
    Signed(&'a [u8]),
    Timestamp(SourceIn<'a>, TimeIn, WindowIn),
    KeyHeader(u8, Name<'a>),
    RequireHeader(Name<'a>, &'a str),
    DeliveryId(Name<'a>),
    EventType(Name<'a>),
    RefuseEmptyBody,
}

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    kind: Kind,
    header: Name<'a>,
    ops: Vec<Op<'a>>,
    /// The parts `Op::Signed` picks from, by index.
    parts: Vec<PartIn<'a>>,
    /// Made-up header values, for the pool's names and the configuration's own.
    values: Vec<&'a [u8]>,
    body: &'a [u8],
    secret: &'a [u8],
    /// Which of the verifier's two keys signs.
    second_key: bool,
    id: &'a str,
    now: u32,
    skew: i32,
}

/// What the builder was told, the last call of each replacing option winning.
#[derive(Debug, Clone)]
struct Config<'a> {
    kind: Kind,
    header: &'a str,
    encoding: Option<EncodingIn>,
    format: FormatIn<'a>,
    parts: Vec<PartIn<'a>>,
    timestamp: Option<(SourceIn<'a>, TimeIn, WindowIn)>,
    key_headers: Vec<(usize, &'a str)>,
    required: Vec<(&'a str, &'a str)>,
    delivery_id: Option<&'a str>,
    event_type: Option<&'a str>,
    refuse_empty_body: bool,
}

fn cow(text: &str) -> Cow<'static, str> {
    Cow::Owned(text.to_owned())
}

fn part(p: PartIn<'_>) -> Part {
    match p {
        PartIn::Body => Part::Body,
        PartIn::Timestamp => Part::Timestamp,
        PartIn::Header(name) => Part::header(cow(name.as_str())),
        PartIn::Url => Part::Url,
        PartIn::Method => Part::Method,
        PartIn::Literal(text) => Part::literal(cow(text)),
    }
}

fn time_format(t: TimeIn) -> TimestampFormat {
    match t {
        TimeIn::UnixSeconds => TimestampFormat::UnixSeconds,
        TimeIn::UnixMillis => TimestampFormat::UnixMillis,
        TimeIn::Rfc3339 => TimestampFormat::Rfc3339,
    }
}

/// The builder, given `input`'s calls, and what it was told.
fn builder<'a>(input: &Input<'a>) -> (SignedBuilder, Config<'a>) {
    let mut config = Config {
        kind: input.kind,
        header: input.header.as_str(),
        encoding: None,
        format: FormatIn::Whole,
        parts: vec![PartIn::Body],
        timestamp: None,
        key_headers: Vec::new(),
        required: Vec::new(),
        delivery_id: None,
        event_type: None,
        refuse_empty_body: false,
    };
    let mut b = Signed::builder(input.kind.key_kind(), cow(config.header));
    for op in input.ops.iter().take(16) {
        b = match *op {
            Op::Encoding(e) => b.encoding(match *config.encoding.insert(e) {
                EncodingIn::Hex => Encoding::Hex,
                EncodingIn::Base64 => Encoding::Base64,
                EncodingIn::Base64Url => Encoding::Base64Url,
                EncodingIn::Base64UrlUnpadded => Encoding::Base64UrlUnpadded,
            }),
            Op::Format(f) => {
                config.format = f;
                b.format(match f {
                    FormatIn::Whole => Format::whole(),
                    FormatIn::Prefixed(p) => Format::prefixed(cow(p)),
                    FormatIn::Entries(separator, key) => Format::entries(separator, cow(key)),
                    FormatIn::Versioned(v) => Format::versioned(cow(v)),
                })
            }
            Op::Signed(picks) => {
                config.parts = if input.parts.is_empty() {
                    Vec::new()
                } else {
                    picks
                        .iter()
                        .take(12)
                        .map(|i| input.parts[usize::from(*i) % input.parts.len()])
                        .collect()
                };
                b.signed(config.parts.iter().copied().map(part))
            }
            Op::Timestamp(source, format, window) => {
                config.timestamp = Some((source, format, window));
                let timestamp = match source {
                    SourceIn::Header(name) => {
                        Timestamp::header(cow(name.as_str()), time_format(format))
                    }
                    SourceIn::Entry(entry) => Timestamp::entry(cow(entry), time_format(format)),
                };
                b.timestamp(timestamp, window.window())
            }
            Op::KeyHeader(index, name) => {
                config
                    .key_headers
                    .push((usize::from(index % 4), name.as_str()));
                b.key_header(usize::from(index % 4), cow(name.as_str()))
            }
            Op::RequireHeader(name, value) => {
                config.required.push((name.as_str(), value));
                b.require_header(cow(name.as_str()), cow(value))
            }
            Op::DeliveryId(name) => {
                config.delivery_id = Some(name.as_str());
                b.delivery_id_header(cow(name.as_str()))
            }
            Op::EventType(name) => {
                config.event_type = Some(name.as_str());
                b.event_type_header(cow(name.as_str()))
            }
            Op::RefuseEmptyBody => {
                config.refuse_empty_body = true;
                b.refuse_empty_body()
            }
        };
    }
    (b, config)
}

/// An HTTP header name: RFC 9110's `token`.
fn token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// What a header value can hold: printable ASCII, space and tab.
fn printable(text: &str) -> bool {
    text.bytes()
        .all(|b| (0x20..0x7f).contains(&b) || b == b'\t')
}

/// Whether `text` can appear in a trimmed header value where the scheme looks for it
/// (the rule of `ConfigError::Unmatchable`).
fn matchable(text: &str, forbidden: &[char], trimmed: bool) -> bool {
    printable(text)
        && text.len() <= 1024
        && !text.contains(forbidden)
        && !text.starts_with([' ', '\t'])
        && !(trimmed && text.ends_with([' ', '\t']))
}

/// Every `ConfigError` the documentation of `ConfigError` and `SignedBuilder::build`
/// says `config` deserves (empty when it is valid by those rules).
fn violations(config: &Config<'_>) -> Vec<ConfigError> {
    let mut out = Vec::new();
    let names = std::iter::once(config.header)
        .chain(config.key_headers.iter().map(|(_, h)| *h))
        .chain(config.required.iter().map(|(h, _)| *h))
        .chain(config.delivery_id)
        .chain(config.event_type)
        .chain(config.parts.iter().filter_map(|p| match p {
            PartIn::Header(h) => Some(h.as_str()),
            _ => None,
        }))
        .chain(match config.timestamp {
            Some((SourceIn::Header(h), ..)) => Some(h.as_str()),
            _ => None,
        });
    for name in names {
        if name.trim().is_empty() {
            out.push(ConfigError::EmptyHeaderName);
        }
        if !token(name) {
            out.push(ConfigError::InvalidHeaderName);
        }
    }
    if config
        .required
        .iter()
        .any(|(_, v)| v.is_empty() || !matchable(v, &[], true))
    {
        out.push(ConfigError::Unmatchable);
    }
    let signature_headers: Vec<&str> = std::iter::once(config.header)
        .chain(config.key_headers.iter().map(|(_, h)| *h))
        .collect();
    let signed_headers: Vec<&str> = config
        .parts
        .iter()
        .filter_map(|p| match p {
            PartIn::Header(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    if signed_headers
        .iter()
        .any(|h| signature_headers.iter().any(|s| same(s, h)))
    {
        out.push(ConfigError::SignatureHeaderSigned);
    }
    let timestamp_header = match config.timestamp {
        Some((SourceIn::Header(h), ..)) => Some(h.as_str()),
        _ => None,
    };
    for (n, (name, value)) in config.required.iter().enumerate() {
        let twice = config.required[..n]
            .iter()
            .any(|(other, v)| same(other, name) && v != value);
        if twice
            || signature_headers.iter().any(|h| same(h, name))
            || signed_headers.iter().any(|h| same(h, name))
            || timestamp_header.is_some_and(|h| same(h, name))
        {
            out.push(ConfigError::RequiredHeaderConflict);
        }
    }
    match config.format {
        FormatIn::Whole => {}
        FormatIn::Prefixed(text) => {
            if text.is_empty() {
                out.push(ConfigError::EmptyEntryName);
            } else if !matchable(text, &[], false) {
                out.push(ConfigError::Unmatchable);
            }
        }
        FormatIn::Versioned(text) => {
            if text.trim().is_empty() {
                out.push(ConfigError::EmptyEntryName);
            } else if !matchable(text, &[' ', '\t', ','], true) {
                out.push(ConfigError::Unmatchable);
            }
        }
        FormatIn::Entries(separator, key) => {
            if key.trim().is_empty() {
                out.push(ConfigError::EmptyEntryName);
            }
            if !matchable(key, &[separator, '='], true) {
                out.push(ConfigError::Unmatchable);
            }
            // Not printable ASCII, `=`, or a character of the signatures' encoding.
            let encoding = config.encoding.unwrap_or(match config.kind {
                Kind::EcdsaP256 => EncodingIn::Base64,
                _ => EncodingIn::Hex,
            });
            let in_signatures = match encoding {
                EncodingIn::Hex => separator.is_ascii_digit() || ('a'..='f').contains(&separator),
                EncodingIn::Base64 => {
                    separator.is_ascii_alphanumeric() || "+/=".contains(separator)
                }
                EncodingIn::Base64Url => {
                    separator.is_ascii_alphanumeric() || "-_=".contains(separator)
                }
                EncodingIn::Base64UrlUnpadded => {
                    separator.is_ascii_alphanumeric() || "-_".contains(separator)
                }
            };
            if !(separator.is_ascii_graphic() || separator == ' ')
                || separator == '='
                || in_signatures
            {
                out.push(ConfigError::InvalidSeparator { separator });
            }
        }
    }
    if config.parts.is_empty() {
        out.push(ConfigError::NothingSigned);
    }
    let signs_time = config.parts.iter().any(|p| matches!(p, PartIn::Timestamp));
    match config.timestamp {
        None if signs_time => out.push(ConfigError::TimestampNotConfigured),
        Some(_) if !signs_time => out.push(ConfigError::TimestampNotSigned),
        _ => {}
    }
    if let Some((SourceIn::Header(ts), ..)) = config.timestamp {
        let signature_headers =
            std::iter::once(config.header).chain(config.key_headers.iter().map(|(_, h)| *h));
        if signature_headers
            .into_iter()
            .any(|h| h.eq_ignore_ascii_case(ts.as_str()))
        {
            out.push(ConfigError::TimestampHeaderIsSignatureHeader);
        }
    }
    if let Some((SourceIn::Entry(entry), ..)) = config.timestamp {
        if entry.trim().is_empty() {
            out.push(ConfigError::EmptyEntryName);
        }
        match config.format {
            FormatIn::Entries(separator, key) => {
                if !matchable(entry, &[separator, '='], true) {
                    out.push(ConfigError::Unmatchable);
                }
                if matches!(config.timestamp, Some((_, TimeIn::Rfc3339, _)))
                    && (separator.is_ascii_alphanumeric() || "-:.+".contains(separator))
                {
                    out.push(ConfigError::InvalidSeparator { separator });
                }
                if key == entry {
                    out.push(ConfigError::TimestampEntryIsSignatureEntry);
                }
                if !config.key_headers.is_empty() {
                    out.push(ConfigError::KeyHeaderWithTimestampEntry);
                }
            }
            _ => out.push(ConfigError::TimestampEntryWithoutEntries),
        }
    }
    if config.kind == Kind::Token {
        out.push(ConfigError::NotASignature);
    }
    for (n, (index, _)) in config.key_headers.iter().enumerate() {
        if config.key_headers[..n].iter().any(|(i, _)| i == index) {
            out.push(ConfigError::DuplicateKeyHeader { index: *index });
        }
    }
    out
}

/// The first value of header `name` in `headers`, trimmed as the crate trims it; `None`
/// when absent or empty.
fn lookup<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim_matches([' ', '\t']))
        .filter(|v| !v.is_empty())
}

fn has(headers: &[(String, String)], name: &str) -> bool {
    headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(name))
}

/// `t` as `format` writes it.
fn write_time(format: TimeIn, t: OffsetDateTime) -> String {
    match format {
        TimeIn::UnixSeconds => t.unix_timestamp().to_string(),
        TimeIn::UnixMillis => (t.unix_timestamp_nanos() / 1_000_000).to_string(),
        TimeIn::Rfc3339 => t
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap(),
    }
}

/// The two keys of a verifier (signing secrets, and the keys that verify them), or
/// the secret that cannot make keys of `kind` (empty, or not a P-256 private key).
fn keys(kind: Kind, secret: &[u8]) -> Result<([Secret; 2], [Key; 2]), Secret> {
    match kind {
        Kind::Ed25519 | Kind::EcdsaP256 => {
            // A 32-byte private key from any bytes.
            let mut seed = [0u8; 32];
            for (i, b) in secret.iter().enumerate() {
                seed[i % 32] ^= b;
            }
            let mut other = seed;
            other[0] ^= 1;
            let public = |seed: &[u8; 32]| -> Option<PublicKey> {
                if kind == Kind::Ed25519 {
                    let key = ed25519_dalek::SigningKey::from_bytes(seed);
                    Some(PublicKey::ed25519(key.verifying_key().as_bytes()).unwrap())
                } else {
                    use p256::pkcs8::EncodePublicKey as _;
                    let key = p256::ecdsa::SigningKey::from_slice(seed).ok()?;
                    let der = key.verifying_key().to_public_key_der().unwrap();
                    Some(PublicKey::p256_der(der.as_bytes()).unwrap())
                }
            };
            let first = public(&seed).ok_or_else(|| Secret::new(seed.to_vec()))?;
            let second = public(&other).ok_or_else(|| Secret::new(other.to_vec()))?;
            let keys = [Key::from(first), Key::from(second)];
            Ok((
                [Secret::new(seed.to_vec()), Secret::new(other.to_vec())],
                keys,
            ))
        }
        _ if secret.is_empty() => Err(Secret::new(secret)),
        _ => {
            let mut other = secret.to_vec();
            other.extend_from_slice(b"#2");
            let secrets = [Secret::new(secret), Secret::new(other)];
            let keys = secrets.clone().map(|s| Key::new(kind.key_kind(), &s));
            Ok((secrets, keys))
        }
    }
}

const URL: &str = "https://example.com/hooks?x=1";
const METHOD: &str = "POST";

fuzz_target!(|input: Input<'_>| {
    // The builder: a scheme or a documented refusal, never a panic.
    let (builder, config) = builder(&input);
    let deserved = violations(&config);
    let scheme = match builder.build() {
        Ok(scheme) => scheme,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            assert!(
                deserved.contains(&e),
                "build refused a configuration with {e:?}, which its rules do not call \
                 invalid (they say {deserved:?}): {config:?}"
            );
            return;
        }
    };
    assert!(
        deserved.is_empty(),
        "build accepted a configuration its documentation refuses with {deserved:?}: {scheme:?}"
    );
    assert_eq!(scheme.key_kind(), config.kind.key_kind());

    let now =
        OffsetDateTime::from_unix_timestamp(1_600_000_000 + i64::from(input.now % 200_000_000))
            .unwrap();
    let (secrets, keys) = match keys(config.kind, input.secret) {
        Ok(keys) => keys,
        Err(secret) => {
            // No key can be made of these bytes: signing gives no headers.
            assert!(scheme.sign(input.body, &secret, now).is_empty());
            return;
        }
    };
    let verifier = Verifier::with_keys(scheme.clone(), keys);

    // Made-up header values: refused.
    let names = POOL
        .into_iter()
        .chain([config.header])
        .chain(config.key_headers.iter().map(|(_, h)| *h))
        .chain(config.required.iter().map(|(h, _)| *h));
    let made_up: Vec<(&str, &[u8])> = names.zip(input.values.iter().copied()).collect();
    let request = Request::new(input.body, &made_up)
        .with_url(URL)
        .with_method(METHOD);
    if let Ok(v) = verifier.verify_request_at(&request, now) {
        panic!("made-up request accepted: {v:?} ({scheme:?})");
    }

    // `with_window` replaces the window of a scheme with a timestamp, and only of one.
    let unlimited = scheme.clone().with_window(Window::unlimited());
    assert_eq!(
        unlimited.is_ok(),
        config.timestamp.is_some(),
        "with_window: {unlimited:?}"
    );
    if let Err(e) = &unlimited {
        assert_eq!(*e, ConfigError::NoTimestamp);
    }

    // Round trip. The signing time: anywhere within the window.
    let window = config
        .timestamp
        .map_or(Window::unlimited(), |(.., w)| w.window());
    let limit = |d: Option<Duration>| {
        d.map_or(i64::MAX, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
    };
    let age = (i64::from(input.skew) % 1_000_000_000)
        .clamp(-limit(window.max_future()), limit(window.max_age()));
    let signed_at = now - time::Duration::seconds(age);

    // What the sender sends besides what `sign` makes: the required values, and a value
    // for each header it signs or names (the delivery id, the event type); the
    // timestamp header, if it signs it, holds the time.
    let own_headers: Vec<&str> = std::iter::once(config.header)
        .chain(config.key_headers.iter().map(|(_, h)| *h))
        .collect();
    let mut sent: Vec<(String, String)> = config
        .required
        .iter()
        .map(|(h, v)| (h.to_string(), v.to_string()))
        .collect();
    let id = if !input.id.is_empty()
        && input.id.len() < 1000
        && input.id.bytes().all(|b| b.is_ascii_graphic())
    {
        input.id
    } else {
        "delivery-1"
    };
    let named = config
        .parts
        .iter()
        .filter_map(|p| match p {
            PartIn::Header(h) => Some(h.as_str()),
            _ => None,
        })
        .chain(config.delivery_id)
        .chain(config.event_type);
    for (n, name) in named.enumerate() {
        if has(&sent, name) || own_headers.iter().any(|h| h.eq_ignore_ascii_case(name)) {
            continue;
        }
        let value = match config.timestamp {
            Some((SourceIn::Header(ts), format, _)) if ts.as_str().eq_ignore_ascii_case(name) => {
                write_time(format, signed_at)
            }
            _ if config
                .delivery_id
                .is_some_and(|d| d.eq_ignore_ascii_case(name)) =>
            {
                id.to_owned()
            }
            _ if config
                .event_type
                .is_some_and(|e| e.eq_ignore_ascii_case(name)) =>
            {
                "thing.happened".to_owned()
            }
            _ => format!("value-{n}"),
        };
        sent.push((name.to_owned(), value));
    }
    let signing = Request::new(input.body, &sent)
        .with_url(URL)
        .with_method(METHOD);
    let index = usize::from(input.second_key);
    let mut headers = scheme.sign_request(&signing, &secrets[index], signed_at);
    if headers.is_empty() {
        // Only a private key the algorithm refuses signs nothing.
        assert!(
            matches!(config.kind, Kind::EcdsaP256 | Kind::Token),
            "nothing signed with a usable secret: {scheme:?}"
        );
        return;
    }
    // The signature header is the last; a key with a header of its own signs in it.
    let (name, _) = headers.last_mut().unwrap();
    assert!(name.eq_ignore_ascii_case(config.header));
    if let Some((_, own)) = config.key_headers.iter().find(|(i, _)| *i == index) {
        *name = own.to_string();
    }
    for (k, v) in &sent {
        if !has(&headers, k) {
            headers.push((k.clone(), v.clone()));
        }
    }
    let request = Request::new(input.body, &headers)
        .with_url(URL)
        .with_method(METHOD);
    let verified = verifier.verify_request_at(&request, now);
    if config.refuse_empty_body && input.body.is_empty() {
        assert!(
            matches!(verified, Err(Error::SignatureMismatch)),
            "empty body: {verified:?}"
        );
        return;
    }
    let v = match verified {
        Ok(v) => v,
        Err(e) => {
            panic!("signed request refused: {e:?}\n  scheme: {scheme:?}\n  headers: {headers:?}")
        }
    };
    assert_eq!(v.key_index(), index);
    assert_eq!(v.body(), input.body);
    match v.timestamp() {
        Some(t) => assert_eq!(t.unix_timestamp(), signed_at.unix_timestamp()),
        None => assert!(config.timestamp.is_none(), "no timestamp reported"),
    }
    assert_eq!(
        v.delivery_id(),
        config.delivery_id.and_then(|h| lookup(&headers, h))
    );
    assert_eq!(
        v.event_type(),
        config.event_type.and_then(|h| lookup(&headers, h))
    );

    // Another body: refused, when the body is signed.
    if config.parts.iter().any(|p| matches!(p, PartIn::Body)) {
        let mut other = input.body.to_vec();
        other.push(b'!');
        let request = Request::new(&other, &headers)
            .with_url(URL)
            .with_method(METHOD);
        assert!(
            verifier.verify_request_at(&request, now).is_err(),
            "another body accepted"
        );
    }

    // Just outside the window: refused; with the window lifted, accepted.
    if config.timestamp.is_some() {
        if let Some(max_age) = window.max_age().filter(|d| d.as_secs() < 10_000_000_000) {
            let late = signed_at + Duration::from_secs(max_age.as_secs() + 1);
            let r = verifier.verify_request_at(&request, late);
            assert!(
                matches!(r, Err(Error::TimestampTooOld { .. })),
                "too late: {r:?}"
            );
        }
        if let Some(max_future) = window.max_future().filter(|d| d.as_secs() < 10_000_000_000) {
            let early = signed_at - Duration::from_secs(max_future.as_secs() + 1);
            let r = verifier.verify_request_at(&request, early);
            assert!(
                matches!(r, Err(Error::TimestampInFuture { .. })),
                "too early: {r:?}"
            );
        }
        let (_, keys) = self::keys(config.kind, input.secret).unwrap_or_else(|_| unreachable!());
        let lifted = Verifier::with_keys(unlimited.unwrap(), keys);
        for far in [
            signed_at + Duration::from_secs(10_000_000_000),
            signed_at - Duration::from_secs(1_000_000_000),
        ] {
            let r = lifted.verify_request_at(&request, far);
            assert!(r.is_ok(), "refused with the window lifted: {r:?}");
        }
    }
});
