//! The AWS SNS preset (`aws_sns::scheme()`, the certificate given up front, with or
//! without `topics`), verifying SNS JSON bodies: built from nothing (any fields, present,
//! absent or repeated, any values), or genuine — cached messages of every `Type` and
//! `SignatureVersion`, `aws_sns::signed_notification` over the fuzzer's strings, or the
//! fuzzer's own message signed here from AWS's documented string-to-sign — then mutated
//! (fields set, removed, repeated, keys or values `\u`-escaped, values joined from other
//! fields' names and values, `SignatureVersion` and `SigningCertURL` any string, bytes of
//! the body edited), with or without an `x-amz-sns-message-type` header.
//!
//! Properties, beyond never panicking:
//! - accepted only if the message is a genuine one whose signed fields (by its `Type`,
//!   `Subject` when the notification had one), `SignatureVersion` and signature bytes are
//!   unchanged, each SNS field at most once (however its key is written), the listed
//!   topic, and the `x-amz-sns-message-type` header (when sent) its `Type`; the delivery id
//!   and event type are its `MessageId` and `Type`;
//! - whenever the result is not `UntrustedKeyUrl` and the message got as far as its
//!   `SigningCertURL` (accepted, or refused for a reason checked after it), that URL
//!   parses (`url` crate) to `https`, no username or password, no port, a domain matching
//!   `^sns\.[a-z]{2}(-[a-z]+)+-[0-9]{1,2}\.amazonaws\.com(\.cn)?$` (any case), no query or
//!   fragment, a path ending `.pem`, written as it parses;
//! - a genuine message signed for the fuzzer's strings (non-empty) verifies unmodified;
//! - verifying twice gives the same answer.
//!
//! Its findings, both fixed, are in `regressions/sns/README.md`.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use base64::Engine as _;
use common::{Entries, RsaPair};
use hookverify::providers::aws_sns::{self, AwsSns};
use hookverify::{Error, Verifier};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use time::OffsetDateTime;

const NOW: i64 = 1_700_000_000;
const TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:orders";

/// Key URLs SNS uses (and its rule accepts).
const CERT_URLS: [&str; 4] = [
    "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123abcd.pem",
    "https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem",
    "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem",
    "https://sns.ap-southeast-3.amazonaws.com/SimpleNotificationService-a.pem",
];

/// The SNS fields a verifier reads.
const FIELDS: [&str; 11] = [
    "Type",
    "MessageId",
    "TopicArn",
    "Subject",
    "Message",
    "Timestamp",
    "SignatureVersion",
    "Signature",
    "SigningCertURL",
    "SubscribeURL",
    "Token",
];

/// The fields signed for a `Type`, in AWS's order.
fn signed_fields(type_name: &str) -> &'static [&'static str] {
    match type_name {
        "Notification" => &[
            "Message",
            "MessageId",
            "Subject",
            "Timestamp",
            "TopicArn",
            "Type",
        ],
        _ => &[
            "Message",
            "MessageId",
            "SubscribeURL",
            "Timestamp",
            "Token",
            "TopicArn",
            "Type",
        ],
    }
}

/// A genuine message: its fields as signed, its version and signature.
#[derive(Debug, Clone)]
struct Genuine {
    /// The JSON object's entries as sent.
    entries: Entries,
    type_name: String,
    /// Every signed field's value (`Subject`: `None` when the notification has none).
    signed: Vec<(&'static str, Option<String>)>,
    version: String,
    signature: Vec<u8>,
}

impl Genuine {
    fn from_body(body: &str) -> Genuine {
        let entries = Entries::parse(body.as_bytes()).unwrap();
        let text = |name: &str| {
            entries
                .one(name)
                .map(|v| v.unwrap().as_str().unwrap().to_string())
        };
        let type_name = text("Type").unwrap();
        let signed = signed_fields(&type_name)
            .iter()
            .map(|&f| (f, text(f)))
            .collect();
        let signature = base64::engine::general_purpose::STANDARD
            .decode(text("Signature").unwrap())
            .unwrap();
        Genuine {
            version: text("SignatureVersion").unwrap(),
            entries,
            type_name,
            signed,
            signature,
        }
    }
}

struct State {
    rsa: RsaPair,
    plain: Verifier<AwsSns>,
    topics: Verifier<AwsSns>,
    cached: Vec<Genuine>,
}

fn now() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(NOW).unwrap()
}

/// A message signed here, from AWS's documentation: the lines `Name\nValue\n` of the
/// signed fields present, RSA PKCS#1 v1.5 with SHA-1 (version 1) or SHA-256 (version 2).
fn self_signed(rsa: &RsaPair, fields: &[(&str, &str)], version: u8, cert_url: &str) -> String {
    use rsa::signature::{SignatureEncoding as _, Signer as _};
    let type_name = fields.iter().find(|(k, _)| *k == "Type").unwrap().1;
    let mut string_to_sign = String::new();
    for name in signed_fields(type_name) {
        if let Some((_, value)) = fields.iter().find(|(k, _)| k == name) {
            string_to_sign.push_str(name);
            string_to_sign.push('\n');
            string_to_sign.push_str(value);
            string_to_sign.push('\n');
        }
    }
    let signature = cached(format!("{version}\n{string_to_sign}"), || {
        if version == 1 {
            rsa::pkcs1v15::SigningKey::<sha1::Sha1>::new(rsa.private.clone())
                .sign(string_to_sign.as_bytes())
                .to_vec()
        } else {
            rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(rsa.private.clone())
                .sign(string_to_sign.as_bytes())
                .to_vec()
        }
    });
    let mut body = serde_json::Map::new();
    for (k, v) in fields {
        body.insert((*k).into(), (*v).into());
    }
    body.insert("SignatureVersion".into(), version.to_string().into());
    body.insert(
        "Signature".into(),
        base64::engine::general_purpose::STANDARD
            .encode(signature)
            .into(),
    );
    body.insert("SigningCertURL".into(), cert_url.into());
    Value::Object(body).to_string()
}

/// RSA signing is slow: what was signed before, by what is signed.
fn cached(key: String, sign: impl FnOnce() -> Vec<u8>) -> Vec<u8> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static CACHE: RefCell<HashMap<String, Vec<u8>>> = RefCell::new(HashMap::new());
    }
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let value = sign();
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() > 10_000 {
            c.clear();
        }
        c.insert(key, value.clone());
    });
    value
}

fn state() -> &'static State {
    static STATE: OnceLock<State> = OnceLock::new();
    STATE.get_or_init(|| {
        let rsa = common::rsa_pair("sns_genuine");
        let plain = Verifier::with_keys(aws_sns::scheme(), [rsa.key()]);
        let topics = Verifier::with_keys(aws_sns::scheme(), [rsa.key()]).topics([TOPIC]);
        let library = |subject: Option<&str>, url: &str| {
            aws_sns::signed_notification(
                TOPIC,
                subject,
                "{\"order\":\"A-1\"}\nline two",
                "4d4dc071-ddbf-465d-bba8-08f81c89da64",
                now(),
                url,
                &rsa.secret,
            )
            .unwrap()
        };
        let confirmation = |type_name: &str, version: u8| {
            self_signed(
                &rsa,
                &[
                    ("Type", type_name),
                    ("MessageId", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b"),
                    ("Token", "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736"),
                    ("TopicArn", TOPIC),
                    ("Message", "You have chosen to subscribe to the topic arn:aws:sns:us-east-1:123456789012:orders.\nTo confirm the subscription, visit the SubscribeURL included in this message."),
                    ("SubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-east-1:123456789012:orders&Token=2336412f37"),
                    ("Timestamp", "2023-11-14T22:13:20.000Z"),
                ],
                version,
                CERT_URLS[0],
            )
        };
        let bodies = [
            library(Some("Order shipped"), CERT_URLS[0]),
            library(None, CERT_URLS[1]),
            library(Some(""), CERT_URLS[2]),
            self_signed(
                &rsa,
                &[
                    ("Type", "Notification"),
                    ("MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324"),
                    ("TopicArn", TOPIC),
                    ("Subject", "My First Message"),
                    ("Message", "Hello world!"),
                    ("Timestamp", "2012-05-02T00:54:06.655Z"),
                ],
                1,
                CERT_URLS[3],
            ),
            confirmation("SubscriptionConfirmation", 1),
            confirmation("UnsubscribeConfirmation", 2),
        ];
        let cached: Vec<Genuine> = bodies
            .iter()
            .map(|body| {
                let ok = topics.verify_at(body.as_bytes(), &(), now());
                assert!(ok.is_ok(), "a genuine message is refused: {ok:?}\n{body}");
                Genuine::from_body(body)
            })
            .collect();
        State {
            rsa,
            plain,
            topics,
            cached,
        }
    })
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum CertUrl<'a> {
    Sns(u8),
    Other(&'a str),
}

impl CertUrl<'_> {
    fn text(self) -> String {
        match self {
            CertUrl::Sns(i) => CERT_URLS[usize::from(i) % CERT_URLS.len()].into(),
            CertUrl::Other(s) => s.into(),
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum TypeChoice<'a> {
    Notification,
    SubscriptionConfirmation,
    UnsubscribeConfirmation,
    Other(&'a str),
}

impl TypeChoice<'_> {
    fn text(self) -> String {
        match self {
            TypeChoice::Notification => "Notification".into(),
            TypeChoice::SubscriptionConfirmation => "SubscriptionConfirmation".into(),
            TypeChoice::UnsubscribeConfirmation => "UnsubscribeConfirmation".into(),
            TypeChoice::Other(s) => s.into(),
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
enum Base<'a> {
    /// One of the cached genuine messages.
    Cached(u8),
    /// `aws_sns::signed_notification` over these.
    Library {
        subject: Option<&'a str>,
        message: &'a str,
        message_id: &'a str,
        topic: Option<&'a str>,
        cert_url: CertUrl<'a>,
    },
    /// Signed here: any type (the confirmations' fields are signed when present).
    Own {
        type_name: TypeChoice<'a>,
        sha1: bool,
        fields: Vec<(Field<'a>, &'a str)>,
        cert_url: CertUrl<'a>,
    },
    /// Nothing signed.
    Empty,
    /// Nothing signed, any bytes (the edits apply to them).
    Raw(&'a [u8]),
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
enum Field<'a> {
    Type,
    MessageId,
    TopicArn,
    Subject,
    Message,
    Timestamp,
    SignatureVersion,
    Signature,
    SigningCertUrl,
    SubscribeUrl,
    Token,
    UnsubscribeUrl,
    /// A known name in another case (`type`, `SIGNATURE`, `SigningCertUrl`…).
    Recased(u8, bool),
    Other(&'a str),
}

impl Field<'_> {
    fn name(self) -> String {
        match self {
            Field::Type => "Type".into(),
            Field::MessageId => "MessageId".into(),
            Field::TopicArn => "TopicArn".into(),
            Field::Subject => "Subject".into(),
            Field::Message => "Message".into(),
            Field::Timestamp => "Timestamp".into(),
            Field::SignatureVersion => "SignatureVersion".into(),
            Field::Signature => "Signature".into(),
            Field::SigningCertUrl => "SigningCertURL".into(),
            Field::SubscribeUrl => "SubscribeURL".into(),
            Field::Token => "Token".into(),
            Field::UnsubscribeUrl => "UnsubscribeURL".into(),
            Field::Recased(i, upper) => {
                let name = FIELDS[usize::from(i) % FIELDS.len()];
                if upper {
                    name.to_ascii_uppercase()
                } else {
                    name.to_ascii_lowercase()
                }
            }
            Field::Other(s) => s.into(),
        }
    }
}

/// Part of a value made of lines.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Piece<'a> {
    /// A field's value in the genuine message.
    Value(Field<'a>),
    /// A field's name.
    Name(Field<'a>),
    Text(&'a str),
}

#[derive(Arbitrary, Debug, Clone)]
enum Val<'a> {
    Str(&'a str),
    /// Pieces joined with `\n`, the string-to-sign's separator.
    Lines(Vec<Piece<'a>>),
    /// The genuine value of a field with text appended.
    Suffixed(Field<'a>, &'a str),
    Version(&'a str),
    Cert(CertUrl<'a>),
    Type(TypeChoice<'a>),
    Int(i64),
    Bool(bool),
    Null,
    Strings(Vec<&'a str>),
    Object(Vec<(&'a str, &'a str)>),
}

#[derive(Arbitrary, Debug, Clone)]
enum Op<'a> {
    /// Every entry of the field replaced by one (or added).
    Set(Field<'a>, Val<'a>),
    Remove(Field<'a>),
    /// Another entry for the field, after the others.
    Duplicate(Field<'a>, Val<'a>),
    /// The field's key written with `\u` escapes.
    EscapeKey(Field<'a>),
    /// The field's string value written with `\u` escapes (the same value).
    EscapeValue(Field<'a>),
    /// An edit of the body's bytes (after the JSON is written).
    Insert {
        at: u16,
        text: &'a [u8],
    },
    Remove2 {
        at: u16,
        len: u8,
    },
    SetByte {
        at: u16,
        byte: u8,
    },
    Pretty,
    /// The values written as a JSON array, in the order of the fields a verifier reads.
    AsArray,
    /// `into`'s value followed by the line pair of `from` (`\n<from's name>\n<from's
    /// genuine value>`), and `from` removed: one field's value absorbing the next line
    /// of the string to sign.
    Absorb {
        into: Field<'a>,
        from: Field<'a>,
    },
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum HeaderValue<'a> {
    Type,
    Other(&'a str),
    /// The genuine type, lowercase.
    Lower,
}

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    base: Base<'a>,
    ops: Vec<Op<'a>>,
    topics: bool,
    header: Vec<HeaderValue<'a>>,
}

/// The body's entries, with how each key and value is written.
struct Body {
    entries: Vec<(String, Value, bool, bool)>,
}

fn escape_all(s: &str) -> String {
    let mut out = String::from("\"");
    for unit in s.encode_utf16() {
        out.push_str(&format!("\\u{unit:04x}"));
    }
    out.push('"');
    out
}

impl Body {
    fn write(&self, pretty: bool, array: bool) -> Vec<u8> {
        if array {
            let values: Vec<Value> = FIELDS
                .iter()
                .map(|f| {
                    self.entries
                        .iter()
                        .find(|e| e.0 == *f)
                        .map_or(Value::Null, |e| e.1.clone())
                })
                .collect();
            return Value::Array(values).to_string().into_bytes();
        }
        let mut out = String::from("{");
        for (i, (k, v, escape_key, escape_value)) in self.entries.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            if pretty {
                out.push_str("\n  ");
            }
            out.push_str(&if *escape_key {
                escape_all(k)
            } else {
                Value::from(k.as_str()).to_string()
            });
            out.push_str(if pretty { ": " } else { ":" });
            match (v, escape_value) {
                (Value::String(s), true) => out.push_str(&escape_all(s)),
                _ => out.push_str(&v.to_string()),
            }
        }
        if pretty {
            out.push('\n');
        }
        out.push('}');
        out.into_bytes()
    }
}

fn genuine_value(g: Option<&Genuine>, field: Field<'_>) -> String {
    let name = field.name();
    g.and_then(|g| g.entries.one(&name).flatten())
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

fn value(val: &Val<'_>, g: Option<&Genuine>) -> Value {
    match val {
        Val::Str(s) => (*s).into(),
        Val::Lines(pieces) => pieces
            .iter()
            .map(|p| match p {
                Piece::Value(f) => genuine_value(g, *f),
                Piece::Name(f) => f.name(),
                Piece::Text(s) => (*s).to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n")
            .into(),
        Val::Suffixed(f, s) => format!("{}{s}", genuine_value(g, *f)).into(),
        Val::Version(s) => (*s).into(),
        Val::Cert(c) => c.text().into(),
        Val::Type(t) => t.text().into(),
        Val::Int(i) => (*i).into(),
        Val::Bool(b) => (*b).into(),
        Val::Null => Value::Null,
        Val::Strings(v) => v.iter().map(|s| Value::from(*s)).collect(),
        Val::Object(v) => Value::Object(
            v.iter()
                .map(|(k, v)| ((*k).to_string(), Value::from(*v)))
                .collect(),
        ),
    }
}

fn outcome(r: &Result<hookverify::Verified<'_>, Error>) -> String {
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

fuzz_target!(|input: Input<'_>| {
    let st = state();
    // The genuine message, and whether it must verify as it is.
    let (genuine, must_verify): (Option<Genuine>, bool) = match &input.base {
        Base::Cached(i) => (
            Some(st.cached[usize::from(*i) % st.cached.len()].clone()),
            true,
        ),
        Base::Library {
            subject,
            message,
            message_id,
            topic,
            cert_url,
        } => {
            let topic = topic.unwrap_or(TOPIC);
            let url = cert_url.text();
            let key = format!("{subject:?}\0{message:?}\0{message_id:?}\0{topic:?}\0{url:?}");
            let body = cached(key, || {
                aws_sns::signed_notification(
                    topic,
                    *subject,
                    message,
                    message_id,
                    now(),
                    &url,
                    &st.rsa.secret,
                )
                .expect("signed with a valid key")
                .into_bytes()
            });
            let body = String::from_utf8(body).unwrap();
            let ok = !message.is_empty()
                && !message_id.is_empty()
                && !topic.is_empty()
                && matches!(cert_url, CertUrl::Sns(_))
                && (!input.topics || topic == TOPIC);
            (Some(Genuine::from_body(&body)), ok)
        }
        Base::Own {
            type_name,
            sha1,
            fields,
            cert_url,
        } => {
            let type_name = type_name.text();
            let mut all: Vec<(String, &str)> = vec![("Type".into(), type_name.as_str())];
            for (f, v) in fields {
                let name = f.name();
                // The signature's own fields are the signer's to write.
                if FIELDS[..].contains(&name.as_str())
                    && !matches!(
                        name.as_str(),
                        "Type" | "SignatureVersion" | "Signature" | "SigningCertURL"
                    )
                    && !all.iter().any(|(k, _)| *k == name)
                {
                    all.push((name, v));
                }
            }
            let pairs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            let url = cert_url.text();
            let body = self_signed(&st.rsa, &pairs, if *sha1 { 1 } else { 2 }, &url);
            let get = |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
            let present = |name: &str| get(name).is_some_and(|v| !v.is_empty());
            let known = matches!(
                type_name.as_str(),
                "Notification" | "SubscriptionConfirmation" | "UnsubscribeConfirmation"
            );
            let ok = known
                && signed_fields(&type_name)
                    .iter()
                    .all(|f| *f == "Subject" || present(f))
                && matches!(cert_url, CertUrl::Sns(_))
                && (!input.topics || get("TopicArn") == Some(TOPIC));
            (Some(Genuine::from_body(&body)), ok)
        }
        Base::Empty | Base::Raw(_) => (None, false),
    };
    let g = genuine.as_ref();
    let mut body = Body {
        entries: g
            .map(|g| {
                g.entries
                    .0
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone(), false, false))
                    .collect()
            })
            .unwrap_or_default(),
    };
    let mut pretty = false;
    let mut array = false;
    let mut edits: Vec<&Op<'_>> = Vec::new();
    for op in &input.ops {
        match op {
            Op::Set(f, v) => {
                let name = f.name();
                let v = value(v, g);
                match body.entries.iter().position(|e| e.0 == name) {
                    Some(i) => {
                        body.entries[i].1 = v;
                        let mut seen = false;
                        body.entries
                            .retain(|e| e.0 != name || !std::mem::replace(&mut seen, true));
                    }
                    None => body.entries.push((name, v, false, false)),
                }
            }
            Op::Remove(f) => {
                let name = f.name();
                body.entries.retain(|e| e.0 != name);
            }
            Op::Duplicate(f, v) => body.entries.push((f.name(), value(v, g), false, false)),
            Op::EscapeKey(f) => {
                let name = f.name();
                if let Some(e) = body.entries.iter_mut().find(|e| e.0 == name) {
                    e.2 = true;
                }
            }
            Op::EscapeValue(f) => {
                let name = f.name();
                if let Some(e) = body.entries.iter_mut().find(|e| e.0 == name) {
                    e.3 = true;
                }
            }
            Op::Pretty => pretty = !pretty,
            Op::AsArray => array = true,
            Op::Absorb { into, from } => {
                let (into, from) = (into.name(), from.name());
                let absorbed = format!(
                    "{}\n{from}\n{}",
                    genuine_value(g, Field::Other(&into)),
                    genuine_value(g, Field::Other(&from))
                );
                body.entries.retain(|e| e.0 != from);
                match body.entries.iter_mut().find(|e| e.0 == into) {
                    Some(e) => e.1 = absorbed.into(),
                    None => body.entries.push((into, absorbed.into(), false, false)),
                }
            }
            Op::Insert { .. } | Op::Remove2 { .. } | Op::SetByte { .. } => edits.push(op),
        }
    }
    let mut bytes = match &input.base {
        Base::Raw(raw) => raw.to_vec(),
        _ => body.write(pretty, array),
    };
    for op in &edits {
        match op {
            Op::Insert { at, text } => {
                let i = usize::from(*at) % (bytes.len() + 1);
                bytes.splice(i..i, text.iter().copied());
            }
            Op::Remove2 { at, len } => {
                let i = usize::from(*at) % (bytes.len() + 1);
                let end = (i + usize::from(*len)).min(bytes.len());
                bytes.drain(i..end);
            }
            Op::SetByte { at, byte } => {
                if !bytes.is_empty() {
                    let i = usize::from(*at) % bytes.len();
                    bytes[i] = *byte;
                }
            }
            _ => unreachable!(),
        }
    }
    let unchanged = input
        .ops
        .iter()
        .all(|op| matches!(op, Op::Pretty | Op::EscapeKey(_) | Op::EscapeValue(_)));
    let headers: Vec<(&str, Vec<u8>)> = input
        .header
        .iter()
        .map(|h| {
            let v = match h {
                HeaderValue::Type => g.map(|g| g.type_name.clone()).unwrap_or_default(),
                HeaderValue::Lower => g
                    .map(|g| g.type_name.to_ascii_lowercase())
                    .unwrap_or_default(),
                HeaderValue::Other(s) => (*s).to_string(),
            };
            (aws_sns::EVENT_HEADER, v.into_bytes())
        })
        .collect();
    let header_ok = input.header.iter().all(|h| matches!(h, HeaderValue::Type));
    // A signed field other than `Message` holding a line break is refused (it could move
    // a line's boundary, see regressions/sns/): such a message need not verify.
    let one_line = genuine.as_ref().is_none_or(|g| {
        g.signed.iter().all(|(name, value)| {
            *name == "Message" || value.as_deref().is_none_or(|v| !v.contains(['\n', '\r']))
        })
    });
    let must_verify = must_verify && one_line;

    let verifier = if input.topics { &st.topics } else { &st.plain };
    let first = verifier.verify_at(&bytes, &headers, now());
    let second = verifier.verify_at(&bytes, &headers, now());
    assert_eq!(outcome(&first), outcome(&second), "not deterministic");

    if must_verify && unchanged && header_ok {
        assert!(first.is_ok(), "a genuine message was refused: {first:?}");
    }

    // Read as text: bytes that are not UTF-8 inside an ignored field's string are skipped
    // unchecked by serde (the field is not read, and not signed), not the verifier's
    // concern here.
    let entries = Entries::parse(&bytes)
        .or_else(|| Entries::parse(String::from_utf8_lossy(&bytes).as_bytes()));
    // The key URL, whenever the message got as far as it.
    let past_url = match &first {
        Ok(_) => true,
        Err(
            Error::UntrustedKeyUrl { .. }
            | Error::MalformedBodyField { .. }
            | Error::MissingBodyField { .. }
            | Error::BodyTooLarge { .. },
        ) => false,
        Err(_) => true,
    };
    if past_url {
        let entries = entries
            .as_ref()
            .expect("past the key URL with a body that is not a JSON object");
        let url = entries
            .one("SigningCertURL")
            .expect("past the key URL without one")
            .expect("past the key URL with it repeated")
            .as_str()
            .expect("past the key URL with one that is not a string");
        assert!(
            common::sns_url_ok(url),
            "key URL {url:?} not refused as untrusted: {first:?}"
        );
    }

    let Ok(verified) = &first else { return };
    let g = g.expect("accepted a message nobody signed");
    let entries = entries.expect("accepted a body that is not a JSON object");
    for field in FIELDS {
        assert!(
            entries.one(field) != Some(None),
            "accepted a body with {field} repeated"
        );
    }
    let text = |name: &str| -> Option<&str> {
        match entries.one(name) {
            None | Some(Some(Value::Null)) => None,
            Some(Some(Value::String(s))) => Some(s),
            Some(other) => panic!("accepted {name} = {other:?}"),
        }
    };
    assert_eq!(
        text("Type"),
        Some(g.type_name.as_str()),
        "accepted another Type"
    );
    for (name, genuine) in &g.signed {
        assert_eq!(
            text(name),
            genuine.as_deref(),
            "accepted a changed signed field {name}"
        );
    }
    assert_eq!(text("SignatureVersion"), Some(g.version.as_str()));
    let signature = base64::engine::general_purpose::STANDARD
        .decode(text("Signature").expect("accepted without a signature"))
        .expect("accepted a signature that is not base64");
    assert_eq!(signature, g.signature, "accepted another signature");
    if input.topics {
        assert_eq!(text("TopicArn"), Some(TOPIC), "accepted another topic");
    }
    for (_, v) in &headers {
        assert_eq!(
            common::trim_ows(v),
            g.type_name.as_bytes(),
            "accepted x-amz-sns-message-type other than the Type"
        );
    }
    assert_eq!(verified.delivery_id(), text("MessageId"));
    assert_eq!(verified.event_type(), Some(g.type_name.as_str()));
});
