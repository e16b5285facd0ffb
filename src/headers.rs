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
            if k.as_ref().eq_ignore_ascii_case(name) {
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
            if k.as_ref().eq_ignore_ascii_case(name) {
                f(v.as_ref());
            }
        }
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> Headers for BTreeMap<K, V> {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        for (k, v) in self {
            if k.as_ref().eq_ignore_ascii_case(name) {
                f(v.as_ref());
            }
        }
    }
}

/// `http::HeaderMap` names are already lowercase; the lookup does not allocate for names
/// up to 64 bytes.
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl Headers for http::HeaderMap {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        for v in self.get_all(name) {
            f(v.as_bytes());
        }
    }
}

/// Trims HTTP optional whitespace (space and horizontal tab) from both ends.
pub(crate) fn trim_ows(v: &[u8]) -> &[u8] {
    let start = v.iter().position(|b| !matches!(b, b' ' | b'\t'));
    match start {
        None => &[],
        Some(s) => {
            let end = v
                .iter()
                .rposition(|b| !matches!(b, b' ' | b'\t'))
                .unwrap_or(s);
            &v[s..=end]
        }
    }
}

/// Whether every byte is printable ASCII, space or tab. Branch-free over the bytes so
/// the compiler can vectorize it: this runs on every request.
fn is_printable_ascii(v: &[u8]) -> bool {
    v.iter().fold(true, |ok, &b| {
        ok & ((b.wrapping_sub(0x20) < 0x5f) | (b == b'\t'))
    })
}

/// Looks up the one value of a header the scheme needs, applying the crate's rules:
/// missing is an error, repeats must agree, the value must be printable ASCII, no longer
/// than [`MAX_HEADER_LEN`], and not empty once surrounding whitespace is trimmed.
#[allow(clippy::ptr_arg)] // `&Cow`: errors clone the name, free when borrowed
pub(crate) fn required_bytes<'a>(
    headers: &'a dyn Headers,
    name: &Cow<'static, str>,
) -> Result<&'a [u8], Error> {
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
    let value = first.ok_or_else(|| Error::MissingHeader {
        header: name.clone(),
    })?;
    if !is_printable_ascii(value) {
        return Err(Error::malformed(name, HeaderProblem::NotAscii));
    }
    if value.is_empty() {
        return Err(Error::malformed(name, HeaderProblem::Empty));
    }
    Ok(value)
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
    fn trim_ows_trims_only_space_and_tab() {
        assert_eq!(trim_ows(b" \tab c\t "), b"ab c");
        assert_eq!(trim_ows(b"   "), b"");
        assert_eq!(trim_ows(b"\nab"), b"\nab");
    }
}
