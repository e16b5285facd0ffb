//! A table of malformed and hostile requests across every scheme, each asserting the exact
//! error. Besides our own cases it carries the edge cases the Stripe, GitHub and Standard
//! Webhooks libraries publish in their test suites, translated to the schemes here.
//!
//! Decisions recorded by this table:
//! - hex signatures are lowercase only (every provider's sample compares lowercase
//!   strings); uppercase is `UppercaseHex`;
//! - surrounding spaces and tabs of a header value are trimmed (HTTP's optional
//!   whitespace); inner whitespace is never trimmed;
//! - timestamps are ASCII digits only: no sign, no fraction, no exponent.

use hookverify::providers::{github, inmemory4, livingdocs, memento, memo_bank, pocketbook};
use std::time::Duration;

use hookverify::schemes::{
    Encoding, Format, Part, Signed, SignedBuilder, StandardWebhooks, Timestamp, TimestampFormat,
    Window,
};
use hookverify::{Error, Scheme, Secret, ValueProblem, Verifier};
use time::OffsetDateTime;

/// The longest header value any scheme reads (the crate's limit).
const MAX_HEADER_LEN: usize = 8 * 1024;

/// A `Signed` configuration of HMAC-SHA256 in `header`.
fn hmac(header: &'static str) -> SignedBuilder {
    Signed::builder(KeyKind::HmacSha256, header)
}

/// GitHub's form: `sha256=<hex>` over the body.
fn github_like() -> Signed {
    hmac("X-Hub-Signature-256")
        .format(Format::prefixed("sha256="))
        .build()
        .unwrap()
}

/// Stripe's form (`t=…,v1=…` over `"<t>." ++ body`) in Pocketbook's header, with `window`.
fn timestamped(window: Window) -> Signed {
    hmac("X-Webhook-Signature")
        .format(Format::entries(',', "v1"))
        .timestamp(Timestamp::entry("t", TimestampFormat::UnixSeconds), window)
        .signed([Part::Timestamp, Part::literal("."), Part::Body])
        .build()
        .unwrap()
}

const T: i64 = 1_700_000_000;
const SECRET: &str = "whsec_table_secret";
const BODY: &[u8] = br#"{"id":"evt_1","type":"voucher.created","created":1700000000,"data":{}}"#;

#[derive(Debug, Clone, PartialEq)]
enum Expect {
    Malformed(ValueProblem),
    Missing,
    Conflicting,
    Mismatch,
    TokenMismatch,
    TooOld(u64),
    InFuture(u64),
    NoSecrets,
    TooLarge,
    Deprecated,
}
use Expect::*;
use hookverify::KeyKind;

struct Case {
    name: String,
    scheme: Box<dyn Scheme>,
    secrets: Vec<Secret>,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
    now: i64,
    expect: Expect,
}

/// HMAC-SHA256 with the `hmac` crate directly (the empty key included, which the crate's
/// own `Key` refuses to use).
fn mac_hex(key: &str, parts: &[&[u8]]) -> String {
    use hmac::{KeyInit, Mac};
    let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).unwrap();
    for part in parts {
        m.update(part);
    }
    hex::encode(m.finalize().into_bytes())
}

/// The genuine values for `BODY` at `T`.
fn good_hex() -> String {
    mac_hex(SECRET, &[BODY])
}
fn good_v1() -> String {
    mac_hex(SECRET, &[T.to_string().as_bytes(), b".", BODY])
}

struct Table(Vec<Case>);

impl Table {
    fn add(
        &mut self,
        name: &str,
        scheme: impl Scheme + 'static,
        headers: &[(&str, &[u8])],
        expect: Expect,
    ) {
        self.add_full(
            name,
            Box::new(scheme),
            vec![Secret::new(SECRET)],
            headers,
            BODY,
            T,
            expect,
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn add_full(
        &mut self,
        name: &str,
        scheme: Box<dyn Scheme>,
        secrets: Vec<Secret>,
        headers: &[(&str, &[u8])],
        body: &[u8],
        now: i64,
        expect: Expect,
    ) {
        self.0.push(Case {
            name: name.to_string(),
            scheme,
            secrets,
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_vec()))
                .collect(),
            body: body.to_vec(),
            now,
            expect,
        });
    }
}

/// A Standard Webhooks case: name, headers, expected outcome.
type SwCase<'a> = (&'a str, Vec<(&'a str, String)>, Expect);

/// [`SwCase`] with header values as raw bytes.
type RawSwCase<'a> = (&'a str, Vec<(&'a str, &'a [u8])>, Expect);

fn p(problem: ValueProblem) -> Expect {
    Malformed(problem)
}

/// The problems of `t=…,v1=…` lists, as Stripe's form of `Signed` words them.
fn missing_t() -> ValueProblem {
    ValueProblem::MissingTimestamp { entry: "t".into() }
}
fn duplicate_t() -> ValueProblem {
    ValueProblem::DuplicateTimestamp { entry: "t".into() }
}
fn missing_v1() -> ValueProblem {
    ValueProblem::MissingSignature {
        expected: "a `v1=` entry".into(),
    }
}
fn malformed_entry() -> ValueProblem {
    ValueProblem::MalformedEntry {
        expected: "`key=value` entries separated by `,`".into(),
    }
}

fn invalid_t() -> ValueProblem {
    ValueProblem::InvalidTimestamp {
        expected: "Unix seconds (ASCII digits only)",
    }
}

fn sw_malformed_entry() -> ValueProblem {
    ValueProblem::MalformedEntry {
        expected: "space-separated `version,signature` entries".into(),
    }
}

fn wrong_len(found: usize) -> Expect {
    p(ValueProblem::WrongLength {
        expected: 64,
        found,
    })
}

fn table() -> Vec<Case> {
    let mut t = Table(Vec::new());
    let hex = good_hex();
    let v1 = good_v1();
    let ts = T.to_string();
    let pb = pocketbook::scheme;
    let h = |s: &str| s.as_bytes().to_vec();
    let pbh = |value: String| vec![("X-Webhook-Signature".to_string(), value.into_bytes())];

    // ---- Hex HMAC, no prefix (Memento) ----
    t.add(
        "hex: empty",
        memento::scheme(),
        &[("Signature", b"")],
        p(ValueProblem::Empty),
    );
    t.add(
        "hex: whitespace only",
        memento::scheme(),
        &[("Signature", b"  \t ")],
        p(ValueProblem::Empty),
    );
    t.add(
        "hex: truncated by one",
        memento::scheme(),
        &[("Signature", &h(&hex[..63]))],
        wrong_len(63),
    );
    t.add(
        "hex: half length",
        memento::scheme(),
        &[("Signature", &h(&hex[..32]))],
        wrong_len(32),
    );
    t.add(
        "hex: one digit",
        memento::scheme(),
        &[("Signature", b"a")],
        wrong_len(1),
    );
    t.add(
        "hex: over-long by two",
        memento::scheme(),
        &[("Signature", &h(&format!("{hex}00")))],
        wrong_len(66),
    );
    t.add(
        "hex: doubled",
        memento::scheme(),
        &[("Signature", &h(&hex.repeat(2)))],
        wrong_len(128),
    );
    t.add(
        "hex: SHA-1 length (40)",
        memento::scheme(),
        &[("Signature", &h(&hex[..40]))],
        wrong_len(40),
    );
    t.add(
        "hex: uppercase",
        memento::scheme(),
        &[("Signature", &h(&hex.to_uppercase()))],
        p(ValueProblem::UppercaseHex),
    );
    t.add(
        "hex: one uppercase digit",
        memento::scheme(),
        &[("Signature", &h(&format!("{}A", &hex[..63])))],
        p(ValueProblem::UppercaseHex),
    );
    t.add(
        "hex: non-hex letter",
        memento::scheme(),
        &[("Signature", &h(&format!("{}g", &hex[..63])))],
        p(ValueProblem::InvalidHex),
    );
    t.add(
        "hex: base64 instead of hex",
        memento::scheme(),
        &[("Signature", b"q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=")],
        p(ValueProblem::InvalidHex),
    );
    t.add(
        "hex: 0x prefix",
        memento::scheme(),
        &[("Signature", &h(&format!("0x{}", &hex[..62])))],
        p(ValueProblem::InvalidHex),
    );
    t.add(
        "hex: inner space",
        memento::scheme(),
        &[("Signature", &h(&format!("{} {}", &hex[..32], &hex[33..])))],
        p(ValueProblem::InvalidHex),
    );
    t.add(
        "hex: non-ASCII",
        memento::scheme(),
        &[("Signature", &h(&format!("{}é", &hex[..62])))],
        p(ValueProblem::NotAscii),
    );
    t.add(
        "hex: NUL byte",
        memento::scheme(),
        &[("Signature", &[hex.as_bytes(), b"\0"].concat())],
        p(ValueProblem::NotAscii),
    );
    t.add(
        "hex: CR LF injected",
        memento::scheme(),
        &[("Signature", &h(&format!("{hex}\r\nX-Other: 1")))],
        p(ValueProblem::NotAscii),
    );
    t.add(
        "hex: Latin-1 byte",
        memento::scheme(),
        &[("Signature", &[&hex.as_bytes()[..63], &[0xe9]].concat())],
        p(ValueProblem::NotAscii),
    );
    t.add(
        "hex: prefixed though none is expected",
        memento::scheme(),
        &[("Signature", &h(&format!("sha256={hex}")))],
        p(ValueProblem::InvalidHex),
    );
    t.add(
        "hex: missing header",
        memento::scheme(),
        &[("X-Signature", &h(&hex))],
        Missing,
    );
    t.add("hex: no headers at all", memento::scheme(), &[], Missing);
    t.add(
        "hex: conflicting repeats",
        memento::scheme(),
        &[("Signature", &h(&hex)), ("signature", &h(&"0".repeat(64)))],
        Conflicting,
    );
    t.add(
        "hex: repeat with an empty value",
        memento::scheme(),
        &[("Signature", &h(&hex)), ("Signature", b"")],
        Conflicting,
    );
    t.add(
        "hex: 1 MiB value",
        memento::scheme(),
        &[("Signature", &vec![b'a'; 1 << 20])],
        p(ValueProblem::TooLong {
            len: 1 << 20,
            max: MAX_HEADER_LEN,
        }),
    );
    t.add(
        "hex: all zeros",
        memento::scheme(),
        &[("Signature", &h(&"0".repeat(64)))],
        Mismatch,
    );
    t.add(
        "hex: MAC of the empty body",
        memento::scheme(),
        &[("Signature", &h(&mac_hex(SECRET, &[b""])))],
        Mismatch,
    );
    t.add(
        "hex: MAC keyed with the empty key",
        memento::scheme(),
        &[("Signature", &h(&mac_hex("", &[BODY])))],
        Mismatch,
    );
    t.add(
        "hex: plain SHA-256 of the body",
        memento::scheme(),
        &[("Signature", &h(&sha256_hex(BODY)))],
        Mismatch,
    );
    t.add(
        "hex: MAC over t.body where the body alone is signed",
        memento::scheme(),
        &[("Signature", &h(&v1))],
        Mismatch,
    );

    // ---- Hex HMAC with prefix (Livingdocs, GitHub) ----
    let ld = livingdocs::scheme;
    let gh = github_like;
    let pre = |p: &str| {
        Malformed(ValueProblem::MissingPrefix {
            expected: p.to_string().into(),
        })
    };
    t.add(
        "prefix: missing",
        ld(),
        &[("x-livingdocs-signature", &h(&hex))],
        pre("sha256="),
    );
    t.add(
        "prefix: uppercase SHA256=",
        ld(),
        &[("x-livingdocs-signature", &h(&format!("SHA256={hex}")))],
        pre("sha256="),
    );
    t.add(
        "prefix: sha1=",
        ld(),
        &[("x-livingdocs-signature", &h(&format!("sha1={hex}")))],
        pre("sha256="),
    );
    t.add(
        "prefix: sha256: with colon",
        ld(),
        &[("x-livingdocs-signature", &h(&format!("sha256:{hex}")))],
        pre("sha256="),
    );
    t.add(
        "prefix: space after =",
        ld(),
        &[("x-livingdocs-signature", &h(&format!("sha256= {hex}")))],
        p(ValueProblem::InvalidHex),
    );
    t.add(
        "prefix: only the prefix",
        ld(),
        &[("x-livingdocs-signature", b"sha256=")],
        p(ValueProblem::Empty),
    );
    t.add(
        "prefix: doubled",
        ld(),
        &[(
            "x-livingdocs-signature",
            &h(&format!("sha256=sha256={hex}")),
        )],
        p(ValueProblem::InvalidHex),
    );
    t.add(
        "prefix: docs' 40-digit example",
        ld(),
        &[(
            "x-livingdocs-signature",
            b"sha256=d8a47af83666a771d57117aa28ef8d3243a3de43",
        )],
        wrong_len(40),
    );
    t.add(
        "github: sha1 header only",
        gh(),
        &[("X-Hub-Signature", &h(&format!("sha1={}", &hex[..40])))],
        Missing,
    );
    t.add(
        "github: sha1 value in the sha256 header",
        gh(),
        &[("X-Hub-Signature-256", &h(&format!("sha1={}", &hex[..40])))],
        pre("sha256="),
    );
    t.add(
        "github: signature of another secret",
        gh(),
        &[(
            "X-Hub-Signature-256",
            &h(&format!("sha256={}", mac_hex("other", &[BODY]))),
        )],
        Mismatch,
    );
    t.add(
        "github: whitespace-padded accepted value's twin, tampered",
        gh(),
        &[(
            "X-Hub-Signature-256",
            &h(&format!(" sha256={} ", mac_hex(SECRET, &[b"{}"]))),
        )],
        Mismatch,
    );

    // ---- Timestamped (Pocketbook, Stripe) ----
    let cases: Vec<(&str, String, Expect)> = vec![
        ("ts: empty", String::new(), p(ValueProblem::Empty)),
        ("ts: v1 only", format!("v1={v1}"), p(missing_t())),
        ("ts: t only", format!("t={ts}"), p(missing_v1())),
        (
            "ts: t and v0 only (stripe: no signatures with expected scheme)",
            format!("t={ts},v0={v1}"),
            p(missing_v1()),
        ),
        (
            "ts: t and unknown v2",
            format!("t={ts},v2={v1}"),
            p(missing_v1()),
        ),
        (
            "ts: two t, same value",
            format!("t={ts},t={ts},v1={v1}"),
            p(duplicate_t()),
        ),
        (
            "ts: two t, different",
            format!("t={ts},v1={v1},t={}", T + 1),
            p(duplicate_t()),
        ),
        ("ts: negative t", format!("t=-{ts},v1={v1}"), p(invalid_t())),
        ("ts: signed +t", format!("t=+{ts},v1={v1}"), p(invalid_t())),
        (
            "ts: fractional t",
            format!("t={ts}.25,v1={v1}"),
            p(invalid_t()),
        ),
        ("ts: exponent t", format!("t=1.7e9,v1={v1}"), p(invalid_t())),
        ("ts: hex t", format!("t=0x6553f100,v1={v1}"), p(invalid_t())),
        (
            "ts: inner space in t",
            format!("t=17 00000000,v1={v1}"),
            p(invalid_t()),
        ),
        ("ts: empty t", format!("t=,v1={v1}"), p(invalid_t())),
        (
            "ts: Arabic-Indic digits",
            format!("t=\u{661}\u{667}\u{660},v1={v1}"),
            p(ValueProblem::NotAscii),
        ),
        (
            "ts: fullwidth digits",
            format!("t=\u{ff11}\u{ff17},v1={v1}"),
            p(ValueProblem::NotAscii),
        ),
        (
            "ts: beyond i64",
            format!("t=99999999999999999999,v1={v1}"),
            p(ValueProblem::TimestampOutOfRange),
        ),
        (
            "ts: i64::MAX + 1",
            format!("t=9223372036854775808,v1={v1}"),
            p(ValueProblem::TimestampOutOfRange),
        ),
        (
            // Beyond the calendar: refused as a value, before any window arithmetic.
            "ts: i64::MAX",
            format!("t=9223372036854775807,v1={v1}"),
            p(ValueProblem::TimestampOutOfRange),
        ),
        ("ts: zero", format!("t=0,v1={v1}"), TooOld(1_700_000_000)),
        (
            "ts: leading zeros change the signed string",
            format!("t=0{ts},v1={v1}"),
            Mismatch,
        ),
        (
            "ts: t changed, MAC kept (stripe: timestamp is signed)",
            format!("t={},v1={v1}", T - 1),
            Mismatch,
        ),
        (
            "ts: trailing comma",
            format!("t={ts},v1={v1},"),
            p(malformed_entry()),
        ),
        (
            "ts: leading comma",
            format!(",t={ts},v1={v1}"),
            p(malformed_entry()),
        ),
        (
            "ts: double comma",
            format!("t={ts},,v1={v1}"),
            p(malformed_entry()),
        ),
        (
            "ts: entry without = (stripe: bad_header)",
            "bad_header".to_string(),
            p(malformed_entry()),
        ),
        ("ts: semicolons", format!("t={ts};v1={v1}"), p(missing_v1())),
        (
            "ts: empty key",
            format!("t={ts},={v1}"),
            p(malformed_entry()),
        ),
        (
            "ts: key in capitals",
            format!("T={ts},V1={v1}"),
            p(missing_t()),
        ),
        (
            "ts: v1 empty",
            format!("t={ts},v1="),
            p(ValueProblem::Empty),
        ),
        (
            "ts: v1 truncated",
            format!("t={ts},v1={}", &v1[..63]),
            wrong_len(63),
        ),
        (
            "ts: v1 uppercase",
            format!("t={ts},v1={}", v1.to_uppercase()),
            p(ValueProblem::UppercaseHex),
        ),
        (
            "ts: v1 with =",
            format!("t={ts},v1={v1}="),
            p(ValueProblem::InvalidHex),
        ),
        (
            "ts: v1 wrong, v0 right (no downgrade)",
            format!("t={ts},v1={},v0={v1}", "0".repeat(64)),
            Mismatch,
        ),
        (
            "ts: every v1 wrong",
            format!("t={ts},v1={},v1={}", "1".repeat(64), "2".repeat(64)),
            Mismatch,
        ),
        (
            "ts: one bad v1 among good",
            format!("t={ts},v1={v1},v1=xyz"),
            p(ValueProblem::InvalidHex),
        ),
        (
            "ts: 17 v1 entries",
            format!("t={ts}{}", format!(",v1={v1}").repeat(17)),
            p(ValueProblem::TooManySignatures { max: 16 }),
        ),
        (
            "ts: JSON instead of key=value",
            format!("{{\"t\":{ts},\"v1\":\"{v1}\"}}"),
            p(malformed_entry()),
        ),
    ];
    for (name, value, expect) in cases {
        t.add_full(
            name,
            Box::new(pb()),
            vec![Secret::new(SECRET)],
            &[("X-Webhook-Signature", value.as_bytes())],
            BODY,
            T,
            expect,
        );
    }
    let genuine = pbh(format!("t={ts},v1={v1}"));
    let gv: Vec<(&str, &[u8])> = genuine
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_slice()))
        .collect();
    t.add_full(
        "ts: 301 s old",
        Box::new(pb()),
        vec![Secret::new(SECRET)],
        &gv,
        BODY,
        T + 301,
        TooOld(301),
    );
    t.add_full(
        "ts: 301 s ahead",
        Box::new(pb()),
        vec![Secret::new(SECRET)],
        &gv,
        BODY,
        T - 301,
        InFuture(301),
    );
    t.add_full(
        "ts: a day old (stripe: timestamp outside tolerance)",
        Box::new(pb()),
        vec![Secret::new(SECRET)],
        &gv,
        BODY,
        T + 86_400,
        TooOld(86_400),
    );
    t.add_full(
        "ts: custom 10 s window, 11 s old",
        Box::new(timestamped(Window::new(
            Some(Duration::from_secs(10)),
            Some(Duration::from_secs(300)),
        ))),
        vec![Secret::new(SECRET)],
        &gv,
        BODY,
        T + 11,
        TooOld(11),
    );
    t.add_full(
        "ts: zero future allowed, 1 s ahead",
        Box::new(timestamped(Window::new(
            Some(Duration::from_secs(300)),
            Some(Duration::ZERO),
        ))),
        vec![Secret::new(SECRET)],
        &gv,
        BODY,
        T - 1,
        InFuture(1),
    );
    t.add_full(
        "ts: stale and forged reports the window first",
        Box::new(pb()),
        vec![Secret::new("other")],
        &gv,
        BODY,
        T + 1000,
        TooOld(1000),
    );
    t.add_full(
        "ts: body with trailing newline",
        Box::new(pb()),
        vec![Secret::new(SECRET)],
        &gv,
        &[BODY, b"\n"].concat(),
        T,
        Mismatch,
    );
    t.add_full(
        "ts: re-serialized body",
        Box::new(pb()),
        vec![Secret::new(SECRET)],
        &gv,
        br#"{"id": "evt_1", "type": "voucher.created", "created": 1700000000, "data": {}}"#,
        T,
        Mismatch,
    );
    t.add_full(
        "ts: empty body",
        Box::new(pb()),
        vec![Secret::new(SECRET)],
        &gv,
        b"",
        T,
        Mismatch,
    );
    t.add_full(
        "ts: body not UTF-8",
        Box::new(pb()),
        vec![Secret::new(SECRET)],
        &gv,
        &[0xff, 0xfe, 0xfd],
        T,
        Mismatch,
    );
    t.add_full(
        "ts: conflicting repeated headers",
        Box::new(pb()),
        vec![Secret::new(SECRET)],
        &[
            ("X-Webhook-Signature", genuine[0].1.as_slice()),
            (
                "x-webhook-signature",
                format!("t={ts},v1={}", "0".repeat(64)).as_bytes(),
            ),
        ],
        BODY,
        T,
        Conflicting,
    );
    t.add_full(
        "ts: 1 MiB header",
        Box::new(pb()),
        vec![Secret::new(SECRET)],
        &[("X-Webhook-Signature", &vec![b','; 1 << 20])],
        BODY,
        T,
        p(ValueProblem::TooLong {
            len: 1 << 20,
            max: MAX_HEADER_LEN,
        }),
    );
    t.add_full(
        "ts: header one byte over the limit",
        Box::new(pb()),
        vec![Secret::new(SECRET)],
        &[("X-Webhook-Signature", &vec![b' '; MAX_HEADER_LEN + 1])],
        BODY,
        T,
        p(ValueProblem::TooLong {
            len: MAX_HEADER_LEN + 1,
            max: MAX_HEADER_LEN,
        }),
    );
    t.add_full(
        "ts: Stripe header name given to Pocketbook",
        Box::new(pb()),
        vec![Secret::new(SECRET)],
        &[("Stripe-Signature", genuine[0].1.as_slice())],
        BODY,
        T,
        Missing,
    );

    // ---- Secrets ----
    t.add_full(
        "secrets: none",
        Box::new(memento::scheme()),
        vec![],
        &[("Signature", hex.as_bytes())],
        BODY,
        T,
        NoSecrets,
    );
    t.add_full(
        "secrets: one empty",
        Box::new(memento::scheme()),
        vec![Secret::new("")],
        &[("Signature", mac_hex("", &[BODY]).as_bytes())],
        BODY,
        T,
        NoSecrets,
    );
    t.add_full(
        "secrets: empty token",
        Box::new(memo_bank::scheme()),
        vec![Secret::new("")],
        &[("Authorization", b"Bearer x")],
        BODY,
        T,
        NoSecrets,
    );
    t.add_full(
        "secrets: empty and wrong",
        Box::new(memento::scheme()),
        vec![Secret::new(""), Secret::new("wrong")],
        &[("Signature", mac_hex("", &[BODY]).as_bytes())],
        BODY,
        T,
        Mismatch,
    );
    t.add_full(
        "body: over the limit",
        Box::new(memento::scheme()),
        vec![Secret::new(SECRET)],
        &[("Signature", hex.as_bytes())],
        &vec![b' '; 2 * 1024 * 1024 + 1],
        T,
        TooLarge,
    );

    // ---- Bearer token (Memo Bank) ----
    let mb = memo_bank::scheme;
    let scheme_word = || p(ValueProblem::WrongAuthScheme { expected: "Bearer" });
    let bearer: Vec<(&str, &[u8], Expect)> = vec![
        ("bearer: empty", b"", p(ValueProblem::Empty)),
        (
            "bearer: scheme word only",
            b"Bearer",
            p(ValueProblem::MissingToken),
        ),
        (
            "bearer: scheme word and spaces",
            b"Bearer    ",
            p(ValueProblem::MissingToken),
        ),
        ("bearer: Basic", b"Basic d2hzZWM6", scheme_word()),
        ("bearer: Token", b"Token whsec_table_secret", scheme_word()),
        (
            "bearer: no scheme word",
            b"whsec_table_secret",
            scheme_word(),
        ),
        ("bearer: glued", b"Bearerwhsec_table_secret", scheme_word()),
        (
            "bearer: Bearer: with colon",
            b"Bearer: whsec_table_secret",
            scheme_word(),
        ),
        (
            "bearer: two tokens",
            b"Bearer whsec_table_secret whsec_table_secret",
            p(ValueProblem::ExtraFields),
        ),
        (
            "bearer: extra field",
            b"Bearer whsec_table_secret realm=x",
            p(ValueProblem::ExtraFields),
        ),
        (
            "bearer: wrong token",
            b"Bearer whsec_table_secreT",
            TokenMismatch,
        ),
        (
            "bearer: token prefix",
            b"Bearer whsec_table_secre",
            TokenMismatch,
        ),
        (
            "bearer: token extended",
            b"Bearer whsec_table_secretX",
            TokenMismatch,
        ),
        (
            "bearer: quoted token",
            b"Bearer \"whsec_table_secret\"",
            TokenMismatch,
        ),
        (
            "bearer: non-ASCII token",
            "Bearer whsec_table_secrét".as_bytes(),
            p(ValueProblem::NotAscii),
        ),
    ];
    for (name, value, expect) in bearer {
        t.add(name, mb(), &[("Authorization", value)], expect);
    }
    t.add(
        "bearer: missing",
        mb(),
        &[("Authorisation", b"Bearer whsec_table_secret")],
        Missing,
    );
    t.add(
        "bearer: conflicting",
        mb(),
        &[
            ("Authorization", b"Bearer whsec_table_secret"),
            ("Authorization", b"Bearer other"),
        ],
        Conflicting,
    );

    // ---- Plain token (InMemory4) ----
    let im = inmemory4::scheme;
    t.add(
        "token: empty",
        im(),
        &[("Signature", b"")],
        p(ValueProblem::Empty),
    );
    t.add(
        "token: wrong",
        im(),
        &[("Signature", b"whsec_table_secre")],
        TokenMismatch,
    );
    t.add(
        "token: case changed",
        im(),
        &[("Signature", b"WHSEC_TABLE_SECRET")],
        TokenMismatch,
    );
    t.add(
        "token: with Bearer word",
        im(),
        &[("Signature", b"Bearer whsec_table_secret")],
        TokenMismatch,
    );
    t.add(
        "token: HMAC instead of the key",
        im(),
        &[("Signature", hex.as_bytes())],
        TokenMismatch,
    );
    t.add(
        "token: missing",
        im(),
        &[("Authorization", b"whsec_table_secret")],
        Missing,
    );
    t.add(
        "token: 1 MiB",
        im(),
        &[("Signature", &vec![b'k'; 1 << 20])],
        p(ValueProblem::TooLong {
            len: 1 << 20,
            max: MAX_HEADER_LEN,
        }),
    );

    // ---- Standard Webhooks (cases from the reference libraries' test suites) ----
    let sw_key = Secret::from_standard_webhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    let sw_sig = {
        use base64::Engine as _;
        use hmac::{KeyInit, Mac};
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(sw_key.expose_secret()).unwrap();
        for part in [&b"msg_1."[..], ts.as_bytes(), b".", BODY] {
            mac.update(part);
        }
        format!(
            "v1,{}",
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
        )
    };
    let b64 = sw_sig[3..].to_string();
    let good_hex_value = good_hex();
    let sw_cases: Vec<SwCase<'_>> = vec![
        (
            "sw: missing id",
            vec![
                ("webhook-timestamp", ts.clone()),
                ("webhook-signature", sw_sig.clone()),
            ],
            Missing,
        ),
        (
            "sw: missing timestamp",
            vec![
                ("webhook-id", "msg_1".into()),
                ("webhook-signature", sw_sig.clone()),
            ],
            Missing,
        ),
        (
            "sw: missing signature",
            vec![
                ("webhook-id", "msg_1".into()),
                ("webhook-timestamp", ts.clone()),
            ],
            Missing,
        ),
        (
            "sw: timestamp hello",
            vec![
                ("webhook-id", "msg_1".into()),
                ("webhook-timestamp", "hello".into()),
                ("webhook-signature", sw_sig.clone()),
            ],
            p(invalid_t()),
        ),
        (
            "sw: timestamp fractional",
            vec![
                ("webhook-id", "msg_1".into()),
                ("webhook-timestamp", "1700000000.5".into()),
                ("webhook-signature", sw_sig.clone()),
            ],
            p(invalid_t()),
        ),
        (
            "sw: timestamp in milliseconds",
            vec![
                ("webhook-id", "msg_1".into()),
                ("webhook-timestamp", "1700000000000".into()),
                ("webhook-signature", sw_sig.clone()),
            ],
            // As seconds, a date in the year 55,000: no point in time.
            p(ValueProblem::TimestampOutOfRange),
        ),
        (
            // An entry of the asymmetric kind, and no Ed25519 key: no key matches it.
            "sw: v1a only",
            vec![
                ("webhook-id", "msg_1".into()),
                ("webhook-timestamp", ts.clone()),
                ("webhook-signature", format!("v1a,{b64}")),
            ],
            Mismatch,
        ),
        (
            "sw: entry without comma",
            vec![
                ("webhook-id", "msg_1".into()),
                ("webhook-timestamp", ts.clone()),
                ("webhook-signature", b64.clone()),
            ],
            p(sw_malformed_entry()),
        ),
        (
            "sw: v1= instead of v1,",
            vec![
                ("webhook-id", "msg_1".into()),
                ("webhook-timestamp", ts.clone()),
                ("webhook-signature", format!("v1={b64}")),
            ],
            p(sw_malformed_entry()),
        ),
        (
            "sw: invalid base64",
            vec![
                ("webhook-id", "msg_1".into()),
                ("webhook-timestamp", ts.clone()),
                ("webhook-signature", format!("v1,{}!", &b64[..43])),
            ],
            p(ValueProblem::InvalidBase64),
        ),
        (
            "sw: unpadded base64",
            vec![
                ("webhook-id", "msg_1".into()),
                ("webhook-timestamp", ts.clone()),
                ("webhook-signature", format!("v1,{}", &b64[..43])),
            ],
            p(ValueProblem::WrongLength {
                expected: 44,
                found: 43,
            }),
        ),
        (
            "sw: hex instead of base64",
            vec![
                ("webhook-id", "msg_1".into()),
                ("webhook-timestamp", ts.clone()),
                ("webhook-signature", format!("v1,{good_hex_value}")),
            ],
            p(ValueProblem::WrongLength {
                expected: 44,
                found: 64,
            }),
        ),
        (
            "sw: id changed",
            vec![
                ("webhook-id", "msg_2".into()),
                ("webhook-timestamp", ts.clone()),
                ("webhook-signature", sw_sig.clone()),
            ],
            Mismatch,
        ),
        (
            "sw: invalid signature (reference suite)",
            vec![
                ("webhook-id", "msg_1".into()),
                ("webhook-timestamp", ts.clone()),
                (
                    "webhook-signature",
                    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=".into(),
                ),
            ],
            Mismatch,
        ),
        (
            "sw: conflicting ids",
            vec![
                ("webhook-id", "msg_1".into()),
                ("webhook-id", "msg_2".into()),
                ("webhook-timestamp", ts.clone()),
                ("webhook-signature", sw_sig.clone()),
            ],
            Conflicting,
        ),
        (
            "sw: mixed webhook- and svix- names",
            vec![
                ("svix-id", "msg_1".into()),
                ("webhook-timestamp", ts.clone()),
                ("webhook-signature", sw_sig.clone()),
            ],
            Missing,
        ),
    ];
    for (name, headers, expect) in sw_cases {
        let hs: Vec<(&str, &[u8])> = headers.iter().map(|(k, v)| (*k, v.as_bytes())).collect();
        t.add_full(
            name,
            Box::new(StandardWebhooks::new()),
            vec![sw_key.clone()],
            &hs,
            BODY,
            T,
            expect,
        );
    }
    // The printable-ASCII rule, at each place a fast parser could skip it, and in the
    // order of the headers (id, timestamp, signature) before any value is parsed.
    let sig_latin1 = [&sw_sig.as_bytes()[..20], &[0xe9], &sw_sig.as_bytes()[21..]].concat();
    let sig_nul = [sw_sig.as_bytes(), b"\0"].concat();
    let raw_sw_cases: Vec<RawSwCase<'_>> = vec![
        (
            "sw: Latin-1 byte in the signature",
            vec![
                ("webhook-id", b"msg_1"),
                ("webhook-timestamp", ts.as_bytes()),
                ("webhook-signature", &sig_latin1),
            ],
            p(ValueProblem::NotAscii),
        ),
        (
            "sw: NUL after a genuine signature",
            vec![
                ("webhook-id", b"msg_1"),
                ("webhook-timestamp", ts.as_bytes()),
                ("webhook-signature", &sig_nul),
            ],
            p(ValueProblem::NotAscii),
        ),
        (
            "sw: non-ASCII timestamp before a missing signature",
            vec![("webhook-id", b"msg_1"), ("webhook-timestamp", b"17\xe9")],
            p(ValueProblem::NotAscii),
        ),
        (
            "sw: non-ASCII signature before an invalid timestamp",
            vec![
                ("webhook-id", b"msg_1"),
                ("webhook-timestamp", b"hello"),
                ("webhook-signature", &sig_latin1),
            ],
            p(ValueProblem::NotAscii),
        ),
        (
            "sw: invalid timestamp before an invalid signature",
            vec![
                ("webhook-id", b"msg_1"),
                ("webhook-timestamp", b"hello"),
                ("webhook-signature", b"v1,!!!"),
            ],
            p(invalid_t()),
        ),
        (
            "sw: non-ASCII id",
            vec![
                ("webhook-id", b"msg_\x80"),
                ("webhook-timestamp", ts.as_bytes()),
                ("webhook-signature", sw_sig.as_bytes()),
            ],
            p(ValueProblem::NotAscii),
        ),
    ];
    for (name, headers, expect) in raw_sw_cases {
        t.add_full(
            name,
            Box::new(StandardWebhooks::new()),
            vec![sw_key.clone()],
            &headers,
            BODY,
            T,
            expect,
        );
    }
    let ts_nul = format!("t={ts},v1={}\0", good_v1()).into_bytes();
    t.add(
        "ts: NUL after the hex",
        pb(),
        &[("X-Webhook-Signature", &ts_nul)],
        p(ValueProblem::NotAscii),
    );
    let genuine_sw: Vec<(&str, &[u8])> = vec![
        ("webhook-id", b"msg_1"),
        ("webhook-timestamp", ts.as_bytes()),
        ("webhook-signature", sw_sig.as_bytes()),
    ];
    t.add_full(
        "sw: 301 s old",
        Box::new(StandardWebhooks::new()),
        vec![sw_key.clone()],
        &genuine_sw,
        BODY,
        T + 301,
        TooOld(301),
    );
    t.add_full(
        "sw: 301 s early",
        Box::new(StandardWebhooks::new()),
        vec![sw_key],
        &genuine_sw,
        BODY,
        T - 301,
        InFuture(301),
    );

    // ---- Signed: the formats the composable scheme adds ----
    // Paddle's shape: `ts=<unix>;h1=<hex>` over "<ts>:<body>".
    let paddle = || {
        hmac("Paddle-Signature")
            .format(Format::entries(';', "h1"))
            .timestamp(
                Timestamp::entry("ts", TimestampFormat::UnixSeconds),
                Window::tolerance(Duration::from_secs(5)),
            )
            .signed([Part::Timestamp, Part::literal(":"), Part::Body])
            .build()
            .unwrap()
    };
    let h1 = mac_hex(SECRET, &[ts.as_bytes(), b":", BODY]);
    let paddle_cases: Vec<(&str, String, Expect)> = vec![
        (
            // One entry, `ts` = "1700000000,h1=…": no signature entry at all.
            "paddle: `,` instead of `;`",
            format!("ts={ts},h1={h1}"),
            p(ValueProblem::MissingSignature {
                expected: "a `h1=` entry".into(),
            }),
        ),
        (
            "paddle: no ts",
            format!("h1={h1}"),
            p(ValueProblem::MissingTimestamp { entry: "ts".into() }),
        ),
        (
            "paddle: ts twice",
            format!("ts={ts};ts={ts};h1={h1}"),
            p(ValueProblem::DuplicateTimestamp { entry: "ts".into() }),
        ),
        (
            "paddle: only Stripe's keys",
            format!("t={ts};v1={h1}"),
            p(ValueProblem::MissingTimestamp { entry: "ts".into() }),
        ),
        (
            "paddle: no h1",
            format!("ts={ts};h2={h1}"),
            p(ValueProblem::MissingSignature {
                expected: "a `h1=` entry".into(),
            }),
        ),
        (
            "paddle: empty entry",
            format!("ts={ts};;h1={h1}"),
            p(ValueProblem::MalformedEntry {
                expected: "`key=value` entries separated by `;`".into(),
            }),
        ),
        (
            "paddle: uppercase hex",
            format!("ts={ts};h1={}", h1.to_uppercase()),
            p(ValueProblem::UppercaseHex),
        ),
        (
            "paddle: signed over `<ts>.<body>` (Stripe's)",
            format!("ts={ts};h1={v1}"),
            Mismatch,
        ),
        (
            "paddle: ts changed within the window",
            format!("ts={};h1={h1}", T - 4),
            Mismatch,
        ),
    ];
    for (name, value, expect) in paddle_cases {
        let value = value.into_bytes();
        t.add(name, paddle(), &[("Paddle-Signature", &value)], expect);
    }
    let stale = format!(
        "ts={};h1={}",
        T - 6,
        mac_hex(SECRET, &[(T - 6).to_string().as_bytes(), b":", BODY])
    );
    t.add(
        "paddle: genuine, 6 s old (window 5 s)",
        paddle(),
        &[("Paddle-Signature", stale.as_bytes())],
        TooOld(6),
    );
    // Milliseconds and RFC 3339 in a header of their own.
    let millis = || {
        hmac("X-Sig")
            .timestamp(
                Timestamp::header("X-Ts", TimestampFormat::UnixMillis),
                Window::tolerance(Duration::from_secs(300)),
            )
            .signed([Part::Timestamp, Part::Body])
            .build()
            .unwrap()
    };
    let ms = format!("{T}000");
    let ms_sig = mac_hex(SECRET, &[ms.as_bytes(), BODY]);
    t.add(
        "millis: seconds sent (1970, 300 s window)",
        millis(),
        &[("X-Sig", ms_sig.as_bytes()), ("X-Ts", ts.as_bytes())],
        TooOld(T as u64 - T as u64 / 1000),
    );
    t.add(
        "millis: fraction",
        millis(),
        &[("X-Sig", ms_sig.as_bytes()), ("X-Ts", b"1700000000000.5")],
        p(ValueProblem::InvalidTimestamp {
            expected: "Unix milliseconds (ASCII digits only)",
        }),
    );
    t.add(
        "millis: no timestamp header",
        millis(),
        &[("X-Sig", ms_sig.as_bytes())],
        Missing,
    );
    let rfc = || {
        hmac("X-Sig")
            .timestamp(
                Timestamp::header("X-Ts", TimestampFormat::Rfc3339),
                Window::tolerance(Duration::from_secs(300)),
            )
            .signed([Part::Timestamp, Part::Body])
            .build()
            .unwrap()
    };
    t.add(
        "rfc3339: Unix seconds sent",
        rfc(),
        &[("X-Sig", hex.as_bytes()), ("X-Ts", ts.as_bytes())],
        p(ValueProblem::InvalidTimestamp {
            expected: "an RFC 3339 date-time",
        }),
    );
    t.add(
        "rfc3339: no offset",
        rfc(),
        &[("X-Sig", hex.as_bytes()), ("X-Ts", b"2023-11-14T22:13:20")],
        p(ValueProblem::InvalidTimestamp {
            expected: "an RFC 3339 date-time",
        }),
    );
    // Base64 MACs (Shopify's shape) and other digests' lengths.
    let b64_mac = {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(hex::decode(&hex).unwrap())
    };
    let shopify = || {
        hmac("X-Shopify-Hmac-Sha256")
            .encoding(Encoding::Base64)
            .build()
            .unwrap()
    };
    t.add(
        "base64: hex sent",
        shopify(),
        &[("X-Shopify-Hmac-Sha256", hex.as_bytes())],
        p(ValueProblem::WrongLength {
            expected: 44,
            found: 64,
        }),
    );
    t.add(
        "base64: URL-safe alphabet",
        shopify(),
        &[(
            "X-Shopify-Hmac-Sha256",
            format!("{}_", &b64_mac[..42]).replace('+', "-").as_bytes(),
        )],
        p(ValueProblem::WrongLength {
            expected: 44,
            found: 43,
        }),
    );
    let mut bad_digit = b64_mac.clone().into_bytes();
    bad_digit[0] = b'!';
    t.add(
        "base64: a character outside the alphabet",
        shopify(),
        &[("X-Shopify-Hmac-Sha256", &bad_digit)],
        p(ValueProblem::InvalidBase64),
    );
    let mut loose = b64_mac.clone().into_bytes();
    loose[42] = if loose[42] == b'A' { b'B' } else { b'A' };
    t.add(
        "base64: another last digit (not the MAC's encoding)",
        shopify(),
        &[("X-Shopify-Hmac-Sha256", &loose)],
        Mismatch,
    );
    t.add(
        "sha512: a SHA-256 MAC sent",
        Signed::builder(KeyKind::HmacSha512, "X-Sig")
            .build()
            .unwrap(),
        &[("X-Sig", hex.as_bytes())],
        p(ValueProblem::WrongLength {
            expected: 128,
            found: 64,
        }),
    );

    // ---- GitHub's deprecated SHA-1 header ----
    let sha1: Vec<(&str, &[u8])> = vec![(
        "X-Hub-Signature",
        b"sha1=0123456789abcdef0123456789abcdef01234567",
    )];
    t.add_full(
        "github: SHA-1 header alone",
        Box::new(github::scheme()),
        vec![Secret::new(SECRET)],
        &sha1,
        BODY,
        T,
        Deprecated,
    );

    t.0
}

fn sha256_hex(data: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(data))
}

fn classify(r: &Result<hookverify::Verified<'_>, Error>) -> Option<Expect> {
    Some(match r.as_ref().err()? {
        Error::MalformedHeader { problem, .. } => Malformed(problem.clone()),
        Error::MissingHeader { .. } => Missing,
        Error::ConflictingHeaders { .. } => Conflicting,
        Error::SignatureMismatch => Mismatch,
        Error::TokenMismatch => TokenMismatch,
        Error::TimestampTooOld { age, .. } => TooOld(*age),
        Error::TimestampInFuture { ahead, .. } => InFuture(*ahead),
        Error::NoSecrets => NoSecrets,
        Error::BodyTooLarge { .. } => TooLarge,
        Error::DeprecatedHeader { .. } => Deprecated,
        other => panic!("unexpected error kind {other:?}"),
    })
}

#[test]
fn every_bad_request_gets_its_exact_error() {
    let cases = table();
    assert!(cases.len() >= 140, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        let verifier = Verifier::new(case.scheme, case.secrets);
        let now = OffsetDateTime::from_unix_timestamp(case.now).unwrap();
        let got = verifier.verify_at(&case.body, &case.headers, now);
        let status_ok = match &got {
            Err(e) => matches!(
                (e.status(), &case.expect),
                (400, Malformed(_) | Missing | Conflicting | Deprecated)
                    | (401, Mismatch | TokenMismatch | TooOld(_) | InFuture(_))
                    | (500, NoSecrets)
                    | (413, TooLarge)
            ),
            Ok(_) => false,
        };
        let kind = classify(&got);
        if kind.as_ref() != Some(&case.expect) || !status_ok {
            failures.push(format!(
                "{}: expected {:?}, got {:?}",
                case.name,
                case.expect,
                got.map(|v| v.key_index())
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_genuine_twins_of_the_table_verify() {
    // Guards the table: the same schemes and secret accept the genuine values, so each
    // refusal above is caused by the mutation it names.
    let now = OffsetDateTime::from_unix_timestamp(T).unwrap();
    let secret = [Secret::new(SECRET)];
    let genuine_pb = format!("t={T},v1={}", good_v1());
    assert!(
        pocketbook::verifier(secret.clone())
            .verify_at(BODY, &[("X-Webhook-Signature", genuine_pb.as_str())], now)
            .is_ok()
    );
    let spaced = format!("  t = {T} , v1 = {}  ", good_v1());
    assert!(
        pocketbook::verifier(secret.clone())
            .verify_at(BODY, &[("X-Webhook-Signature", spaced.as_str())], now)
            .is_ok()
    );
    assert!(
        memento::verifier(secret.clone())
            .verify_at(BODY, &[("Signature", good_hex().as_str())], now)
            .is_ok()
    );
    let ld = format!("sha256={}", good_hex());
    assert!(
        livingdocs::verifier(secret.clone())
            .verify_at(BODY, &[("x-livingdocs-signature", ld.as_str())], now)
            .is_ok()
    );
    let gh = format!(" sha256={} ", good_hex());
    assert!(
        Verifier::new(github_like(), secret.clone())
            .verify_at(BODY, &[("x-hub-signature-256", gh.as_str())], now)
            .is_ok()
    );
    assert!(
        memo_bank::verifier(secret.clone())
            .verify_at(BODY, &[("Authorization", "Bearer whsec_table_secret")], now)
            .is_ok()
    );
    assert!(
        inmemory4::verifier(secret)
            .verify_at(BODY, &[("Signature", "whsec_table_secret")], now)
            .is_ok()
    );
}
