//! The JWT presets — Vonage (HS256, `Authorization: Bearer`, `payload_hash`), Plaid
//! (ES256, `Plaid-Verification`, `request_body_sha256`) and Google Cloud Pub/Sub (RS256,
//! `Authorization: Bearer`, `iss`/`aud`/`email`, `exp`) — verifying a genuine token the
//! fuzzer mutates (the header's and claims' JSON: `alg` set to `none`, another algorithm
//! or any string, `crit`, `jku`/`x5u`/`jwk`, duplicated or escaped keys; their base64url
//! text; the signature's bytes and text; the dots; the `Bearer` wrapper and the header's
//! repetitions; the body; the time), optionally re-signed over what the mutations made
//! (with the preset's key, or HMAC keyed with the public key — algorithm confusion — or
//! no signature at all), or any bytes as the header.
//!
//! Properties, beyond never panicking:
//! - a token whose header names an `alg` other than the preset's (or several, or
//!   `crit`) is always refused, even when validly signed over that header;
//! - a token not re-signed by the fuzzer is accepted only if its signing input
//!   (`<header>.<claims>` as written) is the genuine one and its signature decodes to the
//!   genuine bytes (ES256: or their `(r, n−s)` twin, which ECDSA, and JWS, accept);
//!   the body, when the preset hashes it, must be the genuine body;
//! - a re-signed token is accepted only with the preset's own key, and only if its claims
//!   satisfy the preset (body hash, issuer, audience, email, times);
//! - an accepted token was read from one `[Bearer ]<token>` value, repetitions of the
//!   header carrying the same value;
//! - the time rules hold (Vonage: `iat` within 300 s; Plaid: `iat` at most 300 s old;
//!   Pub/Sub: `exp` not passed, `iat` and `nbf` at most 60 s ahead);
//! - verifying twice gives the same answer; the unmutated token is accepted.
//!
//! Every input that edits the header's JSON is also run re-signed with the preset's key
//! (and, for RS256 and ES256, with HMAC keyed with the public key), so the `alg` and
//! `crit` checks are tested on validly signed tokens on every such input.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use base64::Engine as _;
use common::{Entries, P256Pair, RsaPair};
use hookverify::providers::{google_pubsub, plaid, vonage};
use hookverify::schemes::Jwt;
use hookverify::{Key, Secret, Sign, Verifier};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use sha2::Digest as _;
use time::OffsetDateTime;

const NOW: i64 = 1_700_000_000;
const BODY: &[u8] =
    br#"{"status":"delivered","message_uuid":"aaaaaaaa-bbbb-cccc-dddd-0123456789ab"}"#;
const VONAGE_SECRET: &str = "fuzz-vonage-signature-secret";
const AUDIENCE: &str = "https://hooks.example.com/pubsub";
const EMAIL: &str = "push@project.iam.gserviceaccount.com";

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
enum Preset {
    Vonage,
    Plaid,
    Pubsub,
}

struct Genuine {
    verifier: Verifier<Jwt>,
    header: &'static str,
    bearer: bool,
    alg: &'static str,
    /// The token's three parts as the preset's `Sign` wrote them.
    head: String,
    claims: String,
    signature: Vec<u8>,
    /// The `(r, n−s)` twin of an ES256 signature.
    twin: Option<Vec<u8>>,
    body_hash: Option<&'static str>,
}

struct Keys {
    rsa: RsaPair,
    p256: P256Pair,
    presets: [Genuine; 3],
}

fn now() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(NOW).unwrap()
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let rsa = common::rsa_pair("google_1");
        let p256 = common::p256_pair("plaid_current");
        let genuine = |verifier: Verifier<Jwt>,
                       secret: &Secret,
                       header: &'static str,
                       bearer: bool,
                       alg: &'static str,
                       body_hash: Option<&'static str>| {
            let signed = verifier.scheme().sign(BODY, secret, now());
            assert_eq!(signed.len(), 1, "the preset signs");
            assert!(signed[0].0.eq_ignore_ascii_case(header));
            let value = &signed[0].1;
            let token = if bearer {
                value.strip_prefix("Bearer ").expect("a bearer token")
            } else {
                value.as_str()
            };
            let parts: Vec<&str> = token.split('.').collect();
            assert_eq!(parts.len(), 3);
            let signature = lenient(parts[2].as_bytes()).unwrap();
            let twin = (alg == "ES256").then(|| high_s_twin(&signature).unwrap());
            let ok = verifier.verify_at(BODY, &signed, now());
            assert!(ok.is_ok(), "the genuine token verifies: {ok:?}");
            Genuine {
                verifier,
                header,
                bearer,
                alg,
                head: parts[0].to_string(),
                claims: parts[1].to_string(),
                signature,
                twin,
                body_hash,
            }
        };
        let vonage = genuine(
            vonage::verifier([Secret::new(VONAGE_SECRET)]),
            &Secret::new(VONAGE_SECRET),
            vonage::TOKEN_HEADER,
            true,
            "HS256",
            Some("payload_hash"),
        );
        let plaid = genuine(
            Verifier::with_keys(plaid::scheme(), [Key::from(p256.public.clone())]),
            &p256.secret,
            plaid::TOKEN_HEADER,
            false,
            "ES256",
            Some("request_body_sha256"),
        );
        let pubsub = genuine(
            Verifier::with_keys(google_pubsub::scheme(AUDIENCE, EMAIL), [rsa.key()]),
            &rsa.secret,
            google_pubsub::TOKEN_HEADER,
            true,
            "RS256",
            None,
        );
        Keys {
            rsa,
            p256,
            presets: [vonage, plaid, pubsub],
        }
    })
}

/// base64url or base64, padded or not, trailing bits allowed: what the bytes are,
/// however written.
fn lenient(text: &[u8]) -> Option<Vec<u8>> {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    let config = GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent);
    GeneralPurpose::new(&base64::alphabet::URL_SAFE, config)
        .decode(text)
        .or_else(|_| GeneralPurpose::new(&base64::alphabet::STANDARD, config).decode(text))
        .ok()
}

fn high_s_twin(signature: &[u8]) -> Option<Vec<u8>> {
    let sig = p256::ecdsa::Signature::from_slice(signature).ok()?;
    let twin = p256::ecdsa::Signature::from_scalars(sig.r(), -sig.s()).ok()?;
    Some(twin.to_bytes().to_vec())
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&sha2::Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.iter().map(|b| b ^ byte).collect::<Vec<u8>>();
    let inner = sha2::Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    sha2::Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .to_vec()
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum AlgChoice<'a> {
    Own,
    None,
    NoneTitle,
    NoneUpper,
    Hs256,
    Hs384,
    Rs256,
    Rs512,
    Es256,
    Es384,
    Ps256,
    EdDsa,
    OwnLower,
    OwnPadded,
    Other(&'a str),
}

impl AlgChoice<'_> {
    fn text(self, own: &str) -> String {
        match self {
            AlgChoice::Own => own.into(),
            AlgChoice::None => "none".into(),
            AlgChoice::NoneTitle => "None".into(),
            AlgChoice::NoneUpper => "NONE".into(),
            AlgChoice::Hs256 => "HS256".into(),
            AlgChoice::Hs384 => "HS384".into(),
            AlgChoice::Rs256 => "RS256".into(),
            AlgChoice::Rs512 => "RS512".into(),
            AlgChoice::Es256 => "ES256".into(),
            AlgChoice::Es384 => "ES384".into(),
            AlgChoice::Ps256 => "PS256".into(),
            AlgChoice::EdDsa => "EdDSA".into(),
            AlgChoice::OwnLower => own.to_ascii_lowercase(),
            AlgChoice::OwnPadded => format!("{own} "),
            AlgChoice::Other(s) => s.into(),
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Name<'a> {
    Alg,
    Kid,
    Typ,
    Crit,
    Jku,
    X5u,
    Jwk,
    B64,
    Cty,
    Iat,
    Exp,
    Nbf,
    Iss,
    Aud,
    Email,
    EmailVerified,
    PayloadHash,
    RequestBodySha256,
    Jti,
    Other(&'a str),
}

impl<'a> Name<'a> {
    fn text(self) -> &'a str {
        match self {
            Name::Alg => "alg",
            Name::Kid => "kid",
            Name::Typ => "typ",
            Name::Crit => "crit",
            Name::Jku => "jku",
            Name::X5u => "x5u",
            Name::Jwk => "jwk",
            Name::B64 => "b64",
            Name::Cty => "cty",
            Name::Iat => "iat",
            Name::Exp => "exp",
            Name::Nbf => "nbf",
            Name::Iss => "iss",
            Name::Aud => "aud",
            Name::Email => "email",
            Name::EmailVerified => "email_verified",
            Name::PayloadHash => "payload_hash",
            Name::RequestBodySha256 => "request_body_sha256",
            Name::Jti => "jti",
            Name::Other(s) => s,
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
enum Json<'a> {
    Str(&'a str),
    Alg(AlgChoice<'a>),
    Int(i64),
    /// `NOW` plus this many seconds.
    Time(i32),
    Float(f64),
    Bool(bool),
    Null,
    Strings(Vec<&'a str>),
    Object(Vec<(&'a str, &'a str)>),
    /// The SHA-256 of the request's body (as mutated), in hex.
    BodyHash,
    Issuer(bool),
    Audience,
    ServiceAccount,
}

impl Json<'_> {
    fn value(&self, own_alg: &str, body: &[u8]) -> Value {
        match self {
            Json::Str(s) => (*s).into(),
            Json::Alg(a) => a.text(own_alg).into(),
            Json::Int(i) => (*i).into(),
            Json::Time(d) => (NOW + i64::from(*d)).into(),
            Json::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Json::Bool(b) => (*b).into(),
            Json::Null => Value::Null,
            Json::Strings(v) => v.iter().map(|s| Value::from(*s)).collect(),
            Json::Object(v) => Value::Object(
                v.iter()
                    .map(|(k, v)| ((*k).to_string(), Value::from(*v)))
                    .collect(),
            ),
            Json::BodyHash => hex(&sha2::Sha256::digest(body)).into(),
            Json::Issuer(short) => google_pubsub::ISSUERS[usize::from(*short)].into(),
            Json::Audience => AUDIENCE.into(),
            Json::ServiceAccount => EMAIL.into(),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An edit of the JSON of the header or the claims.
#[derive(Arbitrary, Debug, Clone)]
enum JsonOp<'a> {
    /// Every entry of the name replaced by one (or added).
    Set(Name<'a>, Json<'a>),
    SetAlg(AlgChoice<'a>),
    Remove(Name<'a>),
    /// Another entry of the name, after the others.
    Duplicate(Name<'a>, Json<'a>),
    /// The name's first character written as `\u00XX`.
    EscapeKey(Name<'a>),
    Raw(&'a str),
    Insert {
        at: u16,
        text: &'a str,
    },
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
enum B64 {
    Url,
    UrlPadded,
    Standard,
    StandardPadded,
}

impl B64 {
    fn encode(self, bytes: &[u8]) -> Vec<u8> {
        use base64::engine::general_purpose as g;
        match self {
            B64::Url => g::URL_SAFE_NO_PAD.encode(bytes),
            B64::UrlPadded => g::URL_SAFE.encode(bytes),
            B64::Standard => g::STANDARD_NO_PAD.encode(bytes),
            B64::StandardPadded => g::STANDARD.encode(bytes),
        }
        .into_bytes()
    }
}

/// A byte-level edit of some text.
#[derive(Arbitrary, Debug, Clone)]
enum Edit<'a> {
    SetByte {
        at: u16,
        byte: u8,
    },
    FlipBit {
        at: u16,
        bit: u8,
    },
    Insert {
        at: u16,
        text: &'a [u8],
    },
    Remove {
        at: u16,
        len: u8,
    },
    Replace(&'a [u8]),
    Truncate(u16),
    Append(&'a [u8]),
    /// `-`/`+`, `_`/`/` swapped.
    SwapAlphabet,
    UpperCase,
}

impl Edit<'_> {
    fn apply(&self, text: &mut Vec<u8>) {
        let at = |i: u16, len: usize| {
            if len == 0 {
                0
            } else {
                usize::from(i) % (len + 1)
            }
        };
        match self {
            Edit::SetByte { at: i, byte } => {
                if !text.is_empty() {
                    let i = usize::from(*i) % text.len();
                    text[i] = *byte;
                }
            }
            Edit::FlipBit { at: i, bit } => {
                if !text.is_empty() {
                    let i = usize::from(*i) % text.len();
                    text[i] ^= 1 << (bit % 8);
                }
            }
            Edit::Insert { at: i, text: t } => {
                let i = at(*i, text.len());
                text.splice(i..i, t.iter().copied());
            }
            Edit::Remove { at: i, len } => {
                let i = at(*i, text.len());
                let end = (i + usize::from(*len)).min(text.len());
                text.drain(i..end);
            }
            Edit::Replace(t) => *text = t.to_vec(),
            Edit::Truncate(n) => text.truncate(usize::from(*n)),
            Edit::Append(t) => text.extend_from_slice(t),
            Edit::SwapAlphabet => {
                for b in text.iter_mut() {
                    *b = match *b {
                        b'-' => b'+',
                        b'+' => b'-',
                        b'_' => b'/',
                        b'/' => b'_',
                        other => other,
                    };
                }
            }
            Edit::UpperCase => text.make_ascii_uppercase(),
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Header,
    Claims,
}

/// What signs the token again, over the mutated `<header>.<claims>`.
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
enum Resign {
    /// The preset's key (the Vonage secret, the Plaid P-256 key, the Google RSA key).
    Genuine,
    /// HMAC-SHA256 keyed with the verifier's public key (DER, PEM, SEC1 point), the Vonage
    /// secret for another preset, or nothing: algorithm confusion.
    HmacPublicDer,
    HmacPublicPem,
    HmacPublicSec1,
    HmacVonageSecret,
    HmacEmpty,
    /// An empty signature (`alg: none`).
    Unsigned,
}

#[derive(Arbitrary, Debug, Clone)]
enum SigOp<'a> {
    /// On the signature's bytes, before it is encoded.
    Bytes(Edit<'a>),
    PrependZero,
    StripLeadingZero,
    /// ES256: `(r, n−s)`.
    HighSTwin,
    /// On its base64url text.
    Text(Edit<'a>),
}

/// An edit of the assembled `<header>.<claims>.<signature>`.
#[derive(Arbitrary, Debug, Clone)]
enum TokenOp<'a> {
    DropDot(u8),
    DoubleDot(u8),
    Edit(Edit<'a>),
    Prepend(&'a [u8]),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Word<'a> {
    Bearer,
    Lower,
    Upper,
    Mixed,
    Basic,
    Token,
    Jwt,
    Other(&'a str),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Sep<'a> {
    Space,
    Spaces,
    Tab,
    Nothing,
    Other(&'a str),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Ows {
    Nothing,
    Space,
    Tabs,
}

impl Ows {
    fn text(self) -> &'static [u8] {
        match self {
            Ows::Nothing => b"",
            Ows::Space => b" ",
            Ows::Tabs => b"\t \t",
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
enum Wrap<'a> {
    /// As the preset sends it.
    Default,
    /// Bare, even for a bearer preset.
    Bare,
    Scheme(Word<'a>, Sep<'a>),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum HeaderName<'a> {
    Own,
    Lower,
    Upper,
    Authorization,
    PlaidVerification,
    Other(&'a str),
}

impl HeaderName<'_> {
    fn text(self, own: &str) -> String {
        match self {
            HeaderName::Own => own.into(),
            HeaderName::Lower => own.to_ascii_lowercase(),
            HeaderName::Upper => own.to_ascii_uppercase(),
            HeaderName::Authorization => "Authorization".into(),
            HeaderName::PlaidVerification => "Plaid-Verification".into(),
            HeaderName::Other(s) => s.into(),
        }
    }
}

/// Another header next to the token's.
#[derive(Arbitrary, Debug, Clone)]
enum Extra<'a> {
    /// The same value again, under the same or another spelling of the name.
    Same(HeaderName<'a>),
    /// The same value, with spaces around.
    SamePadded,
    Other(HeaderName<'a>, &'a [u8]),
}

#[derive(Arbitrary, Debug, Clone)]
struct Mutated<'a> {
    preset: Preset,
    header_ops: Vec<JsonOp<'a>>,
    claims_ops: Vec<JsonOp<'a>>,
    header_encoding: B64,
    claims_encoding: B64,
    text_ops: Vec<(Part, Edit<'a>)>,
    resign: Option<Resign>,
    signature_encoding: B64,
    sig_ops: Vec<SigOp<'a>>,
    token_ops: Vec<TokenOp<'a>>,
    wrap: Wrap<'a>,
    lead: Ows,
    trail: Ows,
    name: HeaderName<'a>,
    extra: Vec<Extra<'a>>,
    body: Option<&'a [u8]>,
    skew: i16,
}

#[derive(Arbitrary, Debug)]
#[allow(clippy::large_enum_variant)]
enum Input<'a> {
    Mutated(Mutated<'a>),
    Raw {
        preset: Preset,
        headers: Vec<(HeaderName<'a>, &'a [u8])>,
        body: Option<&'a [u8]>,
        skew: i16,
    },
}

/// Applies a JSON edit to `text`; an edit needing an object is skipped when `text` is not one.
fn apply_json(text: &mut Vec<u8>, op: &JsonOp<'_>, own_alg: &str, body: &[u8]) {
    let parsed = Entries::parse(text);
    match op {
        JsonOp::Set(name, value) => {
            let Some(mut e) = parsed else { return };
            let v = value.value(own_alg, body);
            let name = name.text();
            match e.0.iter().position(|(k, _)| k == name) {
                Some(i) => {
                    e.0[i].1 = v;
                    let mut seen = false;
                    e.0.retain(|(k, _)| k != name || !std::mem::replace(&mut seen, true));
                }
                None => e.0.push((name.into(), v)),
            }
            *text = e.to_json().into_bytes();
        }
        JsonOp::SetAlg(alg) => apply_json(
            text,
            &JsonOp::Set(Name::Alg, Json::Alg(*alg)),
            own_alg,
            body,
        ),
        JsonOp::Remove(name) => {
            let Some(mut e) = parsed else { return };
            e.0.retain(|(k, _)| k != name.text());
            *text = e.to_json().into_bytes();
        }
        JsonOp::Duplicate(name, value) => {
            let Some(mut e) = parsed else { return };
            e.0.push((name.text().into(), value.value(own_alg, body)));
            *text = e.to_json().into_bytes();
        }
        JsonOp::EscapeKey(name) => {
            let name = name.text();
            let Some(first) = name.chars().next() else {
                return;
            };
            let quoted = format!("\"{name}\"");
            let escaped = format!(
                "\"\\u{:04x}{}\"",
                first as u32 & 0xffff,
                &name[first.len_utf8()..]
            );
            if first.len_utf16() == 1 {
                let s = String::from_utf8_lossy(text).replacen(&quoted, &escaped, 1);
                *text = s.into_bytes();
            }
        }
        JsonOp::Raw(s) => *text = s.as_bytes().to_vec(),
        JsonOp::Insert { at, text: t } => Edit::Insert {
            at: *at,
            text: t.as_bytes(),
        }
        .apply(text),
    }
}

/// The result, comparable.
fn outcome(r: &Result<hookverify::Verified<'_>, hookverify::Error>) -> String {
    match r {
        Ok(v) => format!(
            "ok {} {:?} {:?} {:?}",
            v.key_index(),
            v.timestamp(),
            v.delivery_id(),
            v.event_type()
        ),
        Err(e) => format!("err {e:?}"),
    }
}

/// What a case is, for the checks after verifying it.
struct Case {
    preset: Preset,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
    skew: i16,
    resign: Option<Resign>,
    /// Nothing changed: the genuine request at an accepted time.
    pristine: bool,
}

fn build(m: &Mutated<'_>) -> Case {
    let keys = keys();
    let g = &keys.presets[m.preset as usize];
    let body = m.body.unwrap_or(BODY).to_vec();
    let part = |genuine: &str, ops: &[JsonOp<'_>], encoding: B64| -> Vec<u8> {
        if ops.is_empty() && encoding == B64::Url {
            return genuine.as_bytes().to_vec();
        }
        let mut json = lenient(genuine.as_bytes()).unwrap();
        for op in ops {
            apply_json(&mut json, op, g.alg, &body);
        }
        encoding.encode(&json)
    };
    let mut head = part(&g.head, &m.header_ops, m.header_encoding);
    let mut claims = part(&g.claims, &m.claims_ops, m.claims_encoding);
    for (p, edit) in &m.text_ops {
        edit.apply(match p {
            Part::Header => &mut head,
            Part::Claims => &mut claims,
        });
    }
    let input: Vec<u8> = [&head[..], b".", &claims[..]].concat();
    let mut signature = match m.resign {
        None => g.signature.clone(),
        Some(Resign::Genuine) => match m.preset {
            Preset::Vonage => hmac_sha256(VONAGE_SECRET.as_bytes(), &input),
            Preset::Plaid => {
                use p256::ecdsa::signature::Signer as _;
                let sig: p256::ecdsa::Signature = keys.p256.private.sign(&input);
                sig.to_bytes().to_vec()
            }
            Preset::Pubsub => {
                use rsa::signature::{SignatureEncoding as _, Signer as _};
                let signer =
                    rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(keys.rsa.private.clone());
                signer.sign(&input).to_vec()
            }
        },
        Some(Resign::HmacPublicDer) => hmac_sha256(
            match m.preset {
                Preset::Plaid => &keys.p256.public_der,
                _ => &keys.rsa.public_der,
            },
            &input,
        ),
        Some(Resign::HmacPublicPem) => {
            let der = match m.preset {
                Preset::Plaid => &keys.p256.public_der,
                _ => &keys.rsa.public_der,
            };
            let b64 = base64::engine::general_purpose::STANDARD.encode(der);
            let mut pem = String::from("-----BEGIN PUBLIC KEY-----\n");
            for chunk in b64.as_bytes().chunks(64) {
                pem.push_str(std::str::from_utf8(chunk).unwrap());
                pem.push('\n');
            }
            pem.push_str("-----END PUBLIC KEY-----\n");
            hmac_sha256(pem.as_bytes(), &input)
        }
        Some(Resign::HmacPublicSec1) => hmac_sha256(&keys.p256.public_sec1, &input),
        Some(Resign::HmacVonageSecret) => hmac_sha256(VONAGE_SECRET.as_bytes(), &input),
        Some(Resign::HmacEmpty) => hmac_sha256(b"", &input),
        Some(Resign::Unsigned) => Vec::new(),
    };
    let mut text_edits = Vec::new();
    for op in &m.sig_ops {
        match op {
            SigOp::Bytes(e) => e.apply(&mut signature),
            SigOp::PrependZero => signature.insert(0, 0),
            SigOp::StripLeadingZero => {
                if signature.first() == Some(&0) {
                    signature.remove(0);
                }
            }
            SigOp::HighSTwin => {
                if let Some(twin) = high_s_twin(&signature) {
                    signature = twin;
                }
            }
            SigOp::Text(e) => text_edits.push(e),
        }
    }
    let mut sig_text = m.signature_encoding.encode(&signature);
    for e in text_edits {
        e.apply(&mut sig_text);
    }
    let mut token: Vec<u8> = [&input[..], b".", &sig_text[..]].concat();
    for op in &m.token_ops {
        match op {
            TokenOp::DropDot(n) | TokenOp::DoubleDot(n) => {
                let dots: Vec<usize> = token
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| **b == b'.')
                    .map(|(i, _)| i)
                    .collect();
                if !dots.is_empty() {
                    let at = dots[usize::from(*n) % dots.len()];
                    if matches!(op, TokenOp::DropDot(_)) {
                        token.remove(at);
                    } else {
                        token.insert(at, b'.');
                    }
                }
            }
            TokenOp::Edit(e) => e.apply(&mut token),
            TokenOp::Prepend(t) => {
                token.splice(0..0, t.iter().copied());
            }
        }
    }
    let mut value = m.lead.text().to_vec();
    let (word, sep): (&[u8], &[u8]) = match (&m.wrap, g.bearer) {
        (Wrap::Default, true) => (b"Bearer", b" "),
        (Wrap::Default, false) | (Wrap::Bare, _) => (b"", b""),
        (Wrap::Scheme(word, sep), _) => (
            match word {
                Word::Bearer => b"Bearer",
                Word::Lower => b"bearer",
                Word::Upper => b"BEARER",
                Word::Mixed => b"bEaReR",
                Word::Basic => b"Basic",
                Word::Token => b"Token",
                Word::Jwt => b"JWT",
                Word::Other(s) => s.as_bytes(),
            },
            match sep {
                Sep::Space => b" ",
                Sep::Spaces => b"   ",
                Sep::Tab => b"\t",
                Sep::Nothing => b"",
                Sep::Other(s) => s.as_bytes(),
            },
        ),
    };
    value.extend_from_slice(word);
    value.extend_from_slice(sep);
    value.extend_from_slice(&token);
    value.extend_from_slice(m.trail.text());
    let mut headers = vec![(m.name.text(g.header), value.clone())];
    for extra in &m.extra {
        headers.push(match extra {
            Extra::Same(name) => (name.text(g.header), value.clone()),
            Extra::SamePadded => (g.header.into(), [b" ", &value[..], b" "].concat()),
            Extra::Other(name, v) => (name.text(g.header), v.to_vec()),
        });
    }
    let in_window = match m.preset {
        Preset::Vonage => (-300..=300).contains(&m.skew),
        Preset::Plaid => (0..=300).contains(&m.skew),
        Preset::Pubsub => (-60..=3600).contains(&m.skew),
    };
    let pristine = m.header_ops.is_empty()
        && m.claims_ops.is_empty()
        && m.header_encoding == B64::Url
        && m.claims_encoding == B64::Url
        && m.signature_encoding == B64::Url
        && m.text_ops.is_empty()
        && m.resign.is_none()
        && m.sig_ops.is_empty()
        && m.token_ops.is_empty()
        && matches!(m.wrap, Wrap::Default)
        && matches!(
            m.name,
            HeaderName::Own | HeaderName::Lower | HeaderName::Upper
        )
        && m.extra.is_empty()
        && m.body.is_none()
        && in_window;
    Case {
        preset: m.preset,
        headers,
        body,
        skew: m.skew,
        resign: m.resign,
        pristine,
    }
}

/// The one token the headers carry, read as a receiver of `[Bearer ]<token>` would: every
/// value of the header (spaces and tabs around dropped) the same printable ASCII.
fn carried<'h>(g: &Genuine, headers: &'h [(String, Vec<u8>)]) -> Option<&'h [u8]> {
    let mut values = headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(g.header))
        .map(|(_, v)| common::trim_ows(v));
    let value = values.next()?;
    if values.any(|v| v != value) {
        return None;
    }
    if value.is_empty() || value.len() > 8 * 1024 {
        return None;
    }
    if !value
        .iter()
        .all(|&b| (0x20..=0x7e).contains(&b) || b == b'\t')
    {
        return None;
    }
    if !g.bearer {
        return Some(value);
    }
    let space = value.iter().position(|&b| b == b' ')?;
    if !value[..space].eq_ignore_ascii_case(b"bearer") {
        return None;
    }
    let token = &value[space..];
    let start = token.iter().position(|&b| b != b' ')?;
    let token = &token[start..];
    let token = &token[..token.iter().rposition(|&b| b != b' ')? + 1];
    Some(token)
}

/// `token`'s three parts, or `None`.
fn parts(token: &[u8]) -> Option<(&[u8], &[u8], &[u8])> {
    let mut it = token.split(|&b| b == b'.');
    let (h, c, s) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() {
        return None;
    }
    Some((h, c, s))
}

/// The claims a receiver reads (the last of repeated names, as JSON objects are commonly read).
fn claims_of(c: &[u8]) -> Option<serde_json::Map<String, Value>> {
    serde_json::from_slice(&lenient(c)?).ok()
}

fn check(case: &Case, result: &Result<hookverify::Verified<'_>, hookverify::Error>) {
    let g = &keys().presets[case.preset as usize];
    let token = carried(g, &case.headers);
    let token_parts = token.and_then(parts);

    // Any `alg` other than the preset's, anywhere in the header, is refused.
    if let Some((h, _, _)) = token_parts
        && let Some(entries) = lenient(h).and_then(|json| Entries::parse(&json))
    {
        let algs: Vec<&Value> = entries.all("alg").collect();
        if algs.iter().any(|a| a.as_str() != Some(g.alg)) {
            assert!(
                result.is_err(),
                "a token with alg {algs:?} accepted by the {} preset",
                g.alg
            );
        }
    }
    if case.pristine {
        assert!(result.is_ok(), "the genuine token was refused: {result:?}");
    }
    let Ok(verified) = result else { return };

    let token = token.expect("accepted without one [Bearer ]<token> value");
    let (h, c, s) = token_parts.expect("accepted a token that is not three parts");
    let signature = lenient(s).expect("accepted a signature that is not base64");
    let head = lenient(h).expect("accepted a header that is not base64");
    let entries = Entries::parse(&head).expect("accepted a header that is not a JSON object");
    assert_eq!(
        entries.one("alg"),
        Some(Some(&Value::from(g.alg))),
        "accepted a header without exactly one alg {}",
        g.alg
    );
    assert!(entries.one("crit").is_none(), "accepted a header with crit");
    let claims = claims_of(c).expect("accepted claims that are not a JSON object");

    match case.resign {
        None => {
            let input = &token[..h.len() + 1 + c.len()];
            let genuine_input = format!("{}.{}", g.head, g.claims);
            assert_eq!(
                input,
                genuine_input.as_bytes(),
                "accepted a signing input that is not the genuine one"
            );
            assert!(
                signature == g.signature || Some(&signature) == g.twin.as_ref(),
                "accepted a signature that is not the genuine one"
            );
            if g.body_hash.is_some() {
                assert_eq!(case.body, BODY, "accepted another body");
            }
        }
        Some(Resign::Genuine) => {}
        Some(Resign::HmacVonageSecret) if case.preset == Preset::Vonage => {}
        Some(other) => panic!("accepted a token signed with {other:?}"),
    }

    // The preset's claims, whoever signed them.
    if let Some(name) = g.body_hash {
        let actual = hex(&sha2::Sha256::digest(&case.body));
        assert_eq!(
            claims.get(name).and_then(Value::as_str),
            Some(actual.as_str()),
            "accepted a body whose hash is not {name}"
        );
    }
    let now = i128::from(NOW + i64::from(case.skew));
    let time = |name: &str| {
        claims
            .get(name)
            .map(|v| i128::from(v.as_i64().expect("a time claim")))
    };
    let (iat, exp, nbf) = (time("iat"), time("exp"), time("nbf"));
    if let Some(exp) = exp {
        assert!(now <= exp, "accepted an expired token");
    }
    if let Some(nbf) = nbf {
        assert!(nbf - now <= 60, "accepted a token not valid yet");
    }
    match case.preset {
        Preset::Vonage => {
            let iat = iat.expect("vonage: accepted without iat");
            assert!((now - iat).abs() <= 300, "vonage: iat out of its window");
            assert_eq!(
                verified.delivery_id(),
                claims.get("jti").and_then(Value::as_str)
            );
        }
        Preset::Plaid => {
            let iat = iat.expect("plaid: accepted without iat");
            assert!(now - iat <= 300, "plaid: iat too old");
        }
        Preset::Pubsub => {
            assert!(exp.is_some(), "pubsub: accepted without exp");
            if let Some(iat) = iat {
                assert!(iat - now <= 60, "pubsub: iat ahead");
            }
            let iss = claims.get("iss").and_then(Value::as_str);
            assert!(
                iss.is_some_and(|i| google_pubsub::ISSUERS.contains(&i)),
                "pubsub: iss {iss:?}"
            );
            let aud_ok = match claims.get("aud") {
                Some(Value::String(a)) => a == AUDIENCE,
                Some(Value::Array(a)) => a.iter().any(|a| a.as_str() == Some(AUDIENCE)),
                _ => false,
            };
            assert!(aud_ok, "pubsub: aud {:?}", claims.get("aud"));
            assert_eq!(claims.get("email"), Some(&Value::from(EMAIL)));
            assert_eq!(claims.get("email_verified"), Some(&Value::Bool(true)));
        }
    }
}

/// Whether the header's JSON, as the edits leave it, names another `alg` (or several,
/// or none) or has `crit`: a header the verifier must refuse whoever signed it.
fn header_at_stake(m: &Mutated<'_>) -> bool {
    let g = &keys().presets[m.preset as usize];
    let body = m.body.unwrap_or(BODY);
    let mut json = lenient(g.head.as_bytes()).unwrap();
    for op in &m.header_ops {
        apply_json(&mut json, op, g.alg, body);
    }
    match Entries::parse(&json) {
        Some(e) => e.one("alg") != Some(Some(&Value::from(g.alg))) || e.one("crit").is_some(),
        None => false,
    }
}

/// Verifies `case` twice (the same answer) and checks the properties.
fn run(case: &Case) {
    let g = &keys().presets[case.preset as usize];
    let at = OffsetDateTime::from_unix_timestamp(NOW + i64::from(case.skew)).unwrap();
    let first = g.verifier.verify_at(&case.body, &case.headers, at);
    let second = g.verifier.verify_at(&case.body, &case.headers, at);
    assert_eq!(outcome(&first), outcome(&second), "not deterministic");
    check(case, &first);
}

fuzz_target!(|input: Input<'_>| {
    let case = match input {
        Input::Mutated(m) => {
            // An edited header is also signed validly over, with the preset's key and
            // (an RSA or P-256 preset) HMAC keyed with its public key: the `alg` and
            // `crit` checks must hold on their own, not thanks to a broken signature.
            // (Coverage cannot tell these apart from the unsigned case, which fails at
            // the same check, so they are not left to the fuzzer's choice.)
            if !m.header_ops.is_empty() && header_at_stake(&m) {
                let mut companions = vec![Resign::Genuine];
                match m.preset {
                    Preset::Vonage => {}
                    Preset::Plaid => companions.extend([
                        Resign::HmacPublicDer,
                        Resign::HmacPublicPem,
                        Resign::HmacPublicSec1,
                    ]),
                    Preset::Pubsub => {
                        companions.extend([Resign::HmacPublicDer, Resign::HmacPublicPem]);
                    }
                }
                for resign in companions {
                    if m.resign != Some(resign) {
                        let mut other = m.clone();
                        other.resign = Some(resign);
                        run(&build(&other));
                    }
                }
            }
            build(&m)
        }
        Input::Raw {
            preset,
            headers,
            body,
            skew,
        } => {
            let g = &keys().presets[preset as usize];
            Case {
                preset,
                headers: headers
                    .iter()
                    .map(|(n, v)| (n.text(g.header), v.to_vec()))
                    .collect(),
                body: body.unwrap_or(BODY).to_vec(),
                skew,
                resign: None,
                pristine: false,
            }
        }
    };
    run(&case);
});
