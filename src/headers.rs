//! Read-only access to request headers, whatever the HTTP stack.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use crate::error::{Error, HeaderProblem};

/// The longest header value any scheme accepts, in bytes.
///
/// Genuine signature headers are well under 1 KiB; anything near this limit is an attack
/// or a bug, and is refused before it is parsed.
pub const MAX_HEADER_LEN: usize = 8 * 1024;

/// Request headers, as any HTTP stack represents them.
///
/// Names are compared ASCII-case-insensitively, as HTTP requires. A header may appear
/// more than once; the schemes of this crate accept a repeated header only when every
/// occurrence carries the same value (after trimming surrounding spaces and tabs), and
/// answer [`Error::ConflictingHeaders`] otherwise.
///
/// Implemented for:
/// - slices, arrays and `Vec`s of `(name, value)` pairs, e.g. `&[(&str, &str)]` and
///   `Vec<(String, String)>`;
/// - `HashMap` and `BTreeMap` from names to values (a map may hold two spellings of one
///   name, e.g. `Signature` and `signature`: both are found);
/// - `http::HeaderMap`, with the feature `http`.
///
/// The trait is object safe, so a [`Scheme`](crate::Scheme) receives `&dyn Headers`.
///
/// # Examples
///
/// ```
/// use hookverify::Headers;
///
/// let headers = [("Content-Type", "application/json"), ("signature", "abc")];
/// let mut seen = Vec::new();
/// headers.for_each_value("Signature", &mut |v| seen.push(v));
/// assert_eq!(seen, [b"abc"]);
/// ```
pub trait Headers {
    /// Calls `f` with every value of the header `name` (compared case-insensitively), in
    /// the order the request carried them. Calls it not at all when the header is absent.
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8]));
}

impl<T: Headers + ?Sized> Headers for &T {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        (**self).for_each_value(name, f);
    }
}

impl<T: Headers + ?Sized> Headers for Box<T> {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        (**self).for_each_value(name, f);
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> Headers for [(K, V)] {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        for (k, v) in self {
            if name_eq(k.as_ref(), name) {
                f(v.as_ref());
            }
        }
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>, const N: usize> Headers for [(K, V); N] {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        self.as_slice().for_each_value(name, f);
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> Headers for Vec<(K, V)> {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        self.as_slice().for_each_value(name, f);
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>, S: BuildHasher> Headers for HashMap<K, V, S> {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        for (k, v) in self {
            if name_eq(k.as_ref(), name) {
                f(v.as_ref());
            }
        }
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> Headers for BTreeMap<K, V> {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        for (k, v) in self {
            if name_eq(k.as_ref(), name) {
                f(v.as_ref());
            }
        }
    }
}

/// A request's usual dozen headers are scanned in order, comparing names; larger maps are
/// searched by hash. (A `HeaderMap` lookup by `&str` parses, lowercases and hashes the
/// name first: about 550 instructions, where scanning ten headers costs about 250.)
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl Headers for http::HeaderMap {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        if self.len() <= 24 {
            for (k, v) in self {
                if name_eq(k.as_str(), name) {
                    f(v.as_bytes());
                }
            }
        } else {
            for v in self.get_all(name) {
                f(v.as_bytes());
            }
        }
    }
}

/// Whether two header names are equal ignoring ASCII case: `a.eq_ignore_ascii_case(b)`,
/// eight bytes at a time.
///
/// Every lookup compares the wanted name with each header name of the request, so this
/// runs for every header of every request; the byte-wise standard method costs about ten
/// instructions per byte.
#[inline]
pub(crate) fn name_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 8 {
        return a.eq_ignore_ascii_case(b);
    }
    // Equal bytes first (names usually come in the case asked for), then equal once
    // lowercased.
    let same = |x: &[u8; 8], y: &[u8; 8]| {
        let (x, y) = (u64::from_le_bytes(*x), u64::from_le_bytes(*y));
        x == y || ascii_lower_8(x) == ascii_lower_8(y)
    };
    let (a_words, _) = a.as_chunks::<8>();
    let (b_words, _) = b.as_chunks::<8>();
    // Names are public: stopping at the first difference leaks nothing.
    a_words.iter().zip(b_words).all(|(x, y)| same(x, y))
        // The last eight bytes, overlapping the words above when `n` is not a multiple of 8.
        && match (a.last_chunk::<8>(), b.last_chunk::<8>()) {
            (Some(x), Some(y)) => same(x, y),
            _ => true,
        }
}

/// `to_ascii_lowercase` on each byte of `x`.
fn ascii_lower_8(x: u64) -> u64 {
    x | (crate::swar::in_range(x, b'A', b'Z') >> 2) // 0x80 >> 2 == 0x20, the case bit
}

/// Trims HTTP optional whitespace (space and horizontal tab) from both ends.
pub(crate) fn trim_ows(v: &[u8]) -> &[u8] {
    let ows = |b: &u8| matches!(b, b' ' | b'\t');
    // The usual value has nothing to trim: two byte checks.
    if !v.first().is_some_and(ows) && !v.last().is_some_and(ows) {
        return v;
    }
    let start = v.iter().position(|b| !ows(b));
    match start {
        None => &[],
        Some(s) => {
            let end = v.iter().rposition(|b| !ows(b)).unwrap_or(s);
            &v[s..=end]
        }
    }
}

/// Whether every byte is printable ASCII, space or tab. This runs on every value a
/// scheme reads, so it is written as fixed-size, branch-free loops over chunks that the
/// compiler vectorizes: whole 32-byte chunks, then the rest as the last 32, 16 or 8
/// bytes of the value (overlapping what was already checked), and only values under 8
/// bytes byte by byte.
fn is_printable_ascii(v: &[u8]) -> bool {
    fn bad(b: u8) -> u8 {
        u8::from((b.wrapping_sub(0x20) >= 0x5f) & (b != b'\t'))
    }
    fn bad_n<const N: usize>(c: &[u8; N]) -> u8 {
        c.iter().fold(0, |acc, &b| acc | bad(b))
    }
    let (chunks, rest) = v.as_chunks::<32>();
    let head = chunks.iter().fold(0, |acc, c| acc | bad_n(c));
    let tail = if rest.is_empty() {
        0
    } else if let Some(last) = v.last_chunk::<32>() {
        bad_n(last)
    } else if let (Some(first), Some(last)) = (v.first_chunk::<16>(), v.last_chunk::<16>()) {
        bad_n(first) | bad_n(last)
    } else if let (Some(first), Some(last)) = (v.first_chunk::<8>(), v.last_chunk::<8>()) {
        bad_n(first) | bad_n(last)
    } else {
        v.iter().fold(0, |acc, &b| acc | bad(b))
    };
    head | tail == 0
}

/// Looks up the one value of a header the scheme needs, applying the crate's rules:
/// missing is an error, repeats must agree, the value must be printable ASCII, no longer
/// than [`MAX_HEADER_LEN`], and not empty once surrounding whitespace is trimmed.
#[allow(clippy::ptr_arg)] // `&Cow`: errors clone the name, free when borrowed
pub(crate) fn required_bytes<'a>(
    headers: &'a dyn Headers,
    name: &Cow<'static, str>,
) -> Result<&'a [u8], Error> {
    optional_bytes(headers, name)?.ok_or_else(|| Error::MissingHeader {
        header: name.clone(),
    })
}

/// [`required_bytes`], answering `Ok(None)` when the header is absent.
#[allow(clippy::ptr_arg)] // `&Cow`: errors clone the name, free when borrowed
pub(crate) fn optional_bytes<'a>(
    headers: &'a dyn Headers,
    name: &Cow<'static, str>,
) -> Result<Option<&'a [u8]>, Error> {
    let mut first: Option<&'a [u8]> = None;
    let mut conflict = false;
    let mut too_long: Option<usize> = None;
    headers.for_each_value(name, &mut |value| {
        if value.len() > MAX_HEADER_LEN {
            too_long.get_or_insert(value.len());
            return;
        }
        let value = trim_ows(value);
        match first {
            None => first = Some(value),
            Some(f) if f != value => conflict = true,
            Some(_) => {}
        }
    });
    if let Some(len) = too_long {
        return Err(Error::malformed(
            name,
            HeaderProblem::TooLong {
                len,
                max: MAX_HEADER_LEN,
            },
        ));
    }
    if conflict {
        return Err(Error::ConflictingHeaders {
            header: name.clone(),
        });
    }
    let Some(value) = first else {
        return Ok(None);
    };
    if !is_printable_ascii(value) {
        return Err(Error::malformed(name, HeaderProblem::NotAscii));
    }
    if value.is_empty() {
        return Err(Error::malformed(name, HeaderProblem::Empty));
    }
    Ok(Some(value))
}

/// [`required_bytes`] as text (the value is printable ASCII).
#[allow(clippy::ptr_arg)] // `&Cow`: errors clone the name, free when borrowed
pub(crate) fn required<'a>(
    headers: &'a dyn Headers,
    name: &Cow<'static, str>,
) -> Result<&'a str, Error> {
    let value = required_bytes(headers, name)?;
    // Only printable ASCII remains, so this cannot fail; map defensively all the same.
    std::str::from_utf8(value).map_err(|_| Error::malformed(name, HeaderProblem::NotAscii))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(n: &'static str) -> Cow<'static, str> {
        Cow::Borrowed(n)
    }

    #[test]
    fn lookup_is_case_insensitive_for_every_impl() {
        let slice: &[(&str, &str)] = &[("SIGNATURE", "abc")];
        let vec = vec![("signature".to_string(), "abc".to_string())];
        let map: HashMap<String, String> = [("SiGnAtUrE".into(), "abc".into())].into();
        let btree: BTreeMap<&str, &str> = [("Signature", "abc")].into();
        for h in [&slice as &dyn Headers, &vec, &map, &btree] {
            assert_eq!(required(h, &name("Signature")).unwrap(), "abc");
        }
    }

    #[test]
    fn missing_header_is_named() {
        let h: [(&str, &str); 0] = [];
        let err = required(&h, &name("Signature")).unwrap_err();
        assert!(matches!(err, Error::MissingHeader { ref header } if header == "Signature"));
        assert_eq!(err.to_string(), "header `Signature` is missing");
    }

    #[test]
    fn identical_repeats_are_accepted_conflicting_are_not() {
        let same = [("a", "x"), ("A", " x ")];
        assert_eq!(required(&same, &name("a")).unwrap(), "x");
        let diff = [("a", "x"), ("A", "y")];
        assert!(matches!(
            required(&diff, &name("a")),
            Err(Error::ConflictingHeaders { .. })
        ));
    }

    #[test]
    fn bad_values_are_typed_errors() {
        let cases: [(&[u8], HeaderProblem); 4] = [
            (b"", HeaderProblem::Empty),
            (b" \t ", HeaderProblem::Empty),
            ("caf\u{e9}".as_bytes(), HeaderProblem::NotAscii),
            (b"a\x00b", HeaderProblem::NotAscii),
        ];
        for (value, problem) in cases {
            let h = [("h", value)];
            match required(&h, &name("h")) {
                Err(Error::MalformedHeader { problem: p, .. }) => assert_eq!(p, problem),
                other => panic!("{value:?}: {other:?}"),
            }
        }
        let huge = vec![b'a'; MAX_HEADER_LEN + 1];
        let h = [("h", huge.as_slice())];
        assert!(matches!(
            required(&h, &name("h")),
            Err(Error::MalformedHeader {
                problem: HeaderProblem::TooLong { .. },
                ..
            })
        ));
    }

    #[test]
    fn name_eq_is_eq_ignore_ascii_case() {
        // Every pair of byte values, at every position of names of 1 to 17 bytes (short,
        // one word, word plus overlapping tail).
        for len in 1..=17usize {
            for pos in 0..len {
                for x in 0..=255u8 {
                    for y in (0..=255u8).step_by(if len == 9 || len == 16 { 1 } else { 7 }) {
                        let mut a = vec![b'k'; len];
                        let mut b = a.clone();
                        a[pos] = x;
                        b[pos] = y;
                        // `name_eq` takes `&str`: pairs that are not UTF-8 are skipped
                        // (the fixed cases below cover non-ASCII names).
                        let (Ok(sa), Ok(sb)) = (std::str::from_utf8(&a), std::str::from_utf8(&b))
                        else {
                            continue;
                        };
                        assert_eq!(name_eq(sa, sb), a.eq_ignore_ascii_case(&b), "{sa:?} {sb:?}");
                    }
                }
            }
        }
        for (a, b, eq) in [
            ("Webhook-Signature", "webhook-signature", true),
            ("webhook-timestamp", "webhook-signature", false),
            ("X-Hub-Signature-256", "x-hub-signature-256", true),
            ("X-Hub-Signature-256", "x-hub-signature-255", false),
            ("caf\u{e9}-signature", "CAF\u{c9}-SIGNATURE", false),
            ("caf\u{e9}-signature", "CAF\u{e9}-SIGNATURE", true),
            ("a", "A", true),
            ("", "", true),
            ("abc", "abcd", false),
        ] {
            assert_eq!(name_eq(a, b), eq, "{a} {b}");
            assert_eq!(a.eq_ignore_ascii_case(b), eq, "{a} {b}");
        }
    }

    #[test]
    fn printable_check_sees_every_byte_at_every_length() {
        let naive = |v: &[u8]| v.iter().all(|&b| (0x20..0x7f).contains(&b) || b == b'\t');
        for len in 0..=100usize {
            let good: Vec<u8> = (0..len).map(|i| b' ' + (i % 95) as u8).collect();
            assert!(is_printable_ascii(&good), "len {len}");
            for pos in 0..len {
                for bad in [0x00, 0x08, 0x0a, 0x1f, 0x7f, 0x80, 0xc3, 0xff] {
                    let mut v = good.clone();
                    v[pos] = bad;
                    assert_eq!(is_printable_ascii(&v), naive(&v), "len {len} pos {pos}");
                    assert!(!is_printable_ascii(&v));
                }
                let mut tab = good.clone();
                tab[pos] = b'\t';
                assert!(is_printable_ascii(&tab));
            }
        }
    }

    /// Small maps are scanned, large ones searched by hash: both find the same values, in
    /// the same order, whatever the case of the name asked for.
    #[cfg(feature = "http")]
    #[test]
    fn header_map_lookup_is_the_same_scanned_or_hashed() {
        use http::{HeaderMap, HeaderName, HeaderValue};
        for extra in [0usize, 5, 23, 24, 25, 60] {
            let mut map = HeaderMap::new();
            for i in 0..extra {
                map.append(
                    HeaderName::from_bytes(format!("x-filler-{i}").as_bytes()).unwrap(),
                    HeaderValue::from_static("f"),
                );
            }
            map.append("webhook-signature", HeaderValue::from_static("one"));
            map.append("content-type", HeaderValue::from_static("application/json"));
            map.append("Webhook-Signature", HeaderValue::from_static("two"));
            for name in [
                "webhook-signature",
                "WEBHOOK-SIGNATURE",
                "Webhook-Signature",
            ] {
                let mut seen = Vec::new();
                map.for_each_value(name, &mut |v| seen.push(v));
                assert_eq!(seen, [&b"one"[..], b"two"], "{extra} headers, {name}");
            }
            let mut none = 0;
            map.for_each_value("webhook-signatur", &mut |_| none += 1);
            map.for_each_value("x-filler", &mut |_| none += 1);
            assert_eq!(none, 0);
        }
    }

    #[test]
    fn trim_ows_trims_only_space_and_tab() {
        assert_eq!(trim_ows(b" \tab c\t "), b"ab c");
        assert_eq!(trim_ows(b"   "), b"");
        assert_eq!(trim_ows(b"\nab"), b"\nab");
    }
}
