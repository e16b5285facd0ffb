//! Read-only access to request headers, whatever the HTTP stack, and the rules every
//! scheme applies to the values it reads.

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use crate::error::{Error, ValueProblem};

/// The longest header value any scheme accepts, in bytes.
///
/// Genuine signature headers are well under 1 KiB; anything near this limit is an attack
/// or a bug, and is refused before it is parsed.
pub(crate) const MAX_HEADER_LEN: usize = 8 * 1024;

/// Request headers, as any HTTP stack represents them.
///
/// One method: hand every value of one header to a callback. Names are compared
/// ASCII-case-insensitively, as HTTP requires.
///
/// Implemented for:
/// - slices, arrays and `Vec`s of `(name, value)` pairs, e.g. `&[(&str, &str)]` and
///   `Vec<(String, String)>`;
/// - `HashMap` and `BTreeMap` from names to values (a map may hold two spellings of one
///   name, e.g. `Signature` and `signature`: both are found);
/// - `http::HeaderMap`, with the feature `http`;
/// - `()`, no headers at all (for signing a body alone).
///
/// What a scheme does with the values is the same whatever the collection: see
/// [`Request::header`](crate::Request::header) for the rules (a repeated header must
/// repeat its value, and so on).
///
/// # Examples
///
/// A collection of your own:
///
/// ```
/// use hookverify::Headers;
///
/// struct Raw(Vec<(String, Vec<u8>)>);
///
/// impl Headers for Raw {
///     fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
///         for (k, v) in &self.0 {
///             if k.eq_ignore_ascii_case(name) {
///                 f(v);
///             }
///         }
///     }
/// }
///
/// let raw = Raw(vec![("Signature".into(), b"abc".to_vec())]);
/// let mut seen = Vec::new();
/// raw.for_each_value("signature", &mut |v| seen.push(v));
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

/// No headers.
impl Headers for () {
    fn for_each_value<'a>(&'a self, _name: &str, _f: &mut dyn FnMut(&'a [u8])) {}
}

/// Every value of `name` among `pairs`, in order.
fn scan<'a, 'k>(
    pairs: impl IntoIterator<Item = (&'k str, &'a [u8])>,
    name: &str,
    f: &mut dyn FnMut(&'a [u8]),
) {
    for (k, v) in pairs {
        if k.eq_ignore_ascii_case(name) {
            f(v);
        }
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> Headers for [(K, V)] {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        scan(self.iter().map(|(k, v)| (k.as_ref(), v.as_ref())), name, f);
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
        scan(self.iter().map(|(k, v)| (k.as_ref(), v.as_ref())), name, f);
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> Headers for BTreeMap<K, V> {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        scan(self.iter().map(|(k, v)| (k.as_ref(), v.as_ref())), name, f);
    }
}

/// Looked up as `HeaderMap::get_all` looks up (a name that is not a valid header name is
/// absent).
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl Headers for http::HeaderMap {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        for value in self.get_all(name) {
            f(value.as_bytes());
        }
    }
}

/// The one value of header `name` under the crate's rules, or `None` when the request
/// does not carry it. In this order:
///
/// 1. a value longer than [`MAX_HEADER_LEN`] is [`ValueProblem::TooLong`];
/// 2. repeats must carry the same value (surrounding spaces and tabs trimmed), or the
///    header is [`Error::ConflictingHeaders`];
/// 3. the value, trimmed, must not be empty ([`ValueProblem::Empty`]);
/// 4. and must be printable ASCII, spaces and tabs included ([`ValueProblem::NotAscii`]).
pub(crate) fn optional_bytes<'a>(
    headers: &'a dyn Headers,
    name: &str,
) -> Result<Option<&'a [u8]>, Error> {
    let mut seen = Seen::default();
    headers.for_each_value(name, &mut |value| seen.add(value));
    match seen {
        Seen {
            first: None,
            too_long: 0,
            ..
        } => Ok(None),
        Seen {
            first: Some(value),
            too_long: 0,
            conflict: false,
        } if !value.is_empty() && is_printable_ascii(value) => Ok(Some(value)),
        seen => Err(seen.problem(name)),
    }
}

/// The values of one header, as [`optional_bytes`] sees them.
#[derive(Default)]
struct Seen<'a> {
    /// The first value not too long, trimmed.
    first: Option<&'a [u8]>,
    /// The length of the first value over [`MAX_HEADER_LEN`], or 0.
    too_long: usize,
    /// Whether a later value differs from the first.
    conflict: bool,
}

impl<'a> Seen<'a> {
    fn add(&mut self, value: &'a [u8]) {
        if value.len() > MAX_HEADER_LEN {
            if self.too_long == 0 {
                self.too_long = value.len();
            }
            return;
        }
        let value = trim_ows(value);
        match self.first {
            None => self.first = Some(value),
            Some(first) => self.conflict |= first != value,
        }
    }

    /// What is wrong, in the order of the rules.
    fn problem(&self, name: &str) -> Error {
        let bad = |problem| Error::malformed(name.to_owned(), problem);
        if self.too_long != 0 {
            return bad(ValueProblem::TooLong {
                len: self.too_long,
                max: MAX_HEADER_LEN,
            });
        }
        if self.conflict {
            return Error::ConflictingHeaders {
                header: name.to_owned().into(),
            };
        }
        match self.first {
            Some([]) => bad(ValueProblem::Empty),
            _ => bad(ValueProblem::NotAscii),
        }
    }
}

/// [`optional_bytes`], with a missing header an error.
pub(crate) fn required_bytes<'a>(headers: &'a dyn Headers, name: &str) -> Result<&'a [u8], Error> {
    optional_bytes(headers, name)?.ok_or_else(|| Error::MissingHeader {
        header: name.to_owned().into(),
    })
}

/// [`optional_bytes`] as text.
pub(crate) fn optional<'a>(headers: &'a dyn Headers, name: &str) -> Result<Option<&'a str>, Error> {
    optional_bytes(headers, name).map(|value| value.map(ascii))
}

/// [`required_bytes`] as text.
pub(crate) fn required<'a>(headers: &'a dyn Headers, name: &str) -> Result<&'a str, Error> {
    required_bytes(headers, name).map(ascii)
}

/// Printable ASCII, which the rules have checked, as text.
pub(crate) fn ascii(value: &[u8]) -> &str {
    std::str::from_utf8(value).unwrap_or_default()
}

/// Trims HTTP optional whitespace (space and horizontal tab) from both ends.
pub(crate) fn trim_ows(v: &[u8]) -> &[u8] {
    let ows = |b: &u8| matches!(b, b' ' | b'\t');
    let start = v.iter().position(|b| !ows(b)).unwrap_or(v.len());
    let end = v.iter().rposition(|b| !ows(b)).map_or(start, |e| e + 1);
    &v[start..end]
}

/// Whether every byte is printable ASCII, space or tab.
pub(crate) fn is_printable_ascii(v: &[u8]) -> bool {
    v.iter().all(|&b| matches!(b, 0x20..=0x7e) || b == b'\t')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_is_case_insensitive_for_every_impl() {
        let slice: &[(&str, &str)] = &[("SIGNATURE", "abc")];
        let vec = vec![("signature".to_string(), "abc".to_string())];
        let map: HashMap<String, String> = [("SiGnAtUrE".into(), "abc".into())].into();
        let btree: BTreeMap<&str, &str> = [("Signature", "abc")].into();
        for h in [&slice as &dyn Headers, &vec, &map, &btree] {
            assert_eq!(required(h, "Signature").unwrap(), "abc");
        }
        assert_eq!(optional(&(), "Signature").unwrap(), None);
    }

    #[test]
    fn missing_header_is_named() {
        let h: [(&str, &str); 0] = [];
        let err = required(&h, "Signature").unwrap_err();
        assert!(matches!(err, Error::MissingHeader { ref header } if header == "Signature"));
        assert_eq!(err.to_string(), "header `Signature` is missing");
    }

    #[test]
    fn identical_repeats_are_accepted_conflicting_are_not() {
        let same = [("a", "x"), ("A", " x ")];
        assert_eq!(required(&same, "a").unwrap(), "x");
        let diff = [("a", "x"), ("A", "y")];
        assert!(matches!(
            required(&diff, "a"),
            Err(Error::ConflictingHeaders { .. })
        ));
    }

    #[test]
    fn bad_values_are_typed_errors() {
        let cases: [(&[u8], ValueProblem); 4] = [
            (b"", ValueProblem::Empty),
            (b" \t ", ValueProblem::Empty),
            ("caf\u{e9}".as_bytes(), ValueProblem::NotAscii),
            (b"a\x00b", ValueProblem::NotAscii),
        ];
        for (value, problem) in cases {
            let h = [("h", value)];
            match required(&h, "h") {
                Err(Error::MalformedHeader { problem: p, .. }) => assert_eq!(p, problem),
                other => panic!("{value:?}: {other:?}"),
            }
        }
        let huge = vec![b'a'; MAX_HEADER_LEN + 1];
        let h = [("h", huge.as_slice())];
        assert!(matches!(
            required(&h, "h"),
            Err(Error::MalformedHeader {
                problem: ValueProblem::TooLong { .. },
                ..
            })
        ));
    }

    /// The rules apply in a fixed order: length, repeats, emptiness, characters.
    #[test]
    fn rules_apply_in_order() {
        let long = vec![b'x'; MAX_HEADER_LEN + 1];
        let too_long_and_conflicting: [(&str, &[u8]); 3] = [("a", b"x"), ("a", b"y"), ("a", &long)];
        assert!(matches!(
            required(&too_long_and_conflicting, "a"),
            Err(Error::MalformedHeader {
                problem: ValueProblem::TooLong { .. },
                ..
            })
        ));
        let conflicting_non_ascii: [(&str, &[u8]); 2] = [("a", b"\xff"), ("a", b"y")];
        assert!(matches!(
            required(&conflicting_non_ascii, "a"),
            Err(Error::ConflictingHeaders { .. })
        ));
    }

    #[test]
    fn printable_check_sees_every_byte() {
        for b in 0..=255u8 {
            let expected = (0x20..0x7f).contains(&b) || b == b'\t';
            for len in [1, 7, 16, 33] {
                let mut v = vec![b'a'; len];
                v[len / 2] = b;
                assert_eq!(is_printable_ascii(&v), expected, "{b:#x} in {len}");
            }
        }
    }

    #[test]
    fn trim_ows_trims_only_space_and_tab() {
        assert_eq!(trim_ows(b" \tab c\t "), b"ab c");
        assert_eq!(trim_ows(b"   "), b"");
        assert_eq!(trim_ows(b"\nab"), b"\nab");
        assert_eq!(trim_ows(b""), b"");
    }

    /// A `HeaderMap` is looked up by name, in any case, values in the order appended.
    #[cfg(feature = "http")]
    #[test]
    fn header_map_lookup_is_case_insensitive_and_ordered() {
        use http::{HeaderMap, HeaderName, HeaderValue};
        for extra in [0usize, 5, 60] {
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
            map.for_each_value("not a header name", &mut |_| none += 1);
            assert_eq!(none, 0);
        }
    }
}
