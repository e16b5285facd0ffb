//! Read-only access to request headers, whatever the HTTP stack.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
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

    /// Hands `lookup` every value of each header it asks for, in one pass where the
    /// collection allows it. A scheme that reads several headers (Standard Webhooks reads
    /// three) reads them through this method.
    ///
    /// The default calls [`for_each_value`](Headers::for_each_value) once per name in
    /// [`HeaderLookup::names`] and passes each value to [`HeaderLookup::offer_at`]; that
    /// is always correct. A collection that can walk its headers overrides it with one
    /// loop calling [`HeaderLookup::offer`] for every header, which is what the
    /// implementations of this crate do: a scheme reading three headers then walks the
    /// request once, not three times.
    ///
    /// # Examples
    ///
    /// A collection of its own, walked once:
    ///
    /// ```
    /// use hookverify::{HeaderLookup, Headers};
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
    ///
    ///     fn lookup<'a>(&'a self, lookup: &mut HeaderLookup<'_, 'a>) {
    ///         for (k, v) in &self.0 {
    ///             lookup.offer(k, v); // ignores the names the lookup does not ask for
    ///         }
    ///     }
    /// }
    /// ```
    fn lookup<'a>(&'a self, lookup: &mut HeaderLookup<'_, 'a>) {
        lookup_by_name(self, lookup);
    }
}

/// [`Headers::lookup`] by asking for each name in turn.
fn lookup_by_name<'a, H: Headers + ?Sized>(headers: &'a H, lookup: &mut HeaderLookup<'_, 'a>) {
    let names = lookup.names();
    for (i, name) in names.iter().enumerate() {
        headers.for_each_value(name, &mut |value| lookup.offer_at(i, value));
    }
}

impl<T: Headers + ?Sized> Headers for &T {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        (**self).for_each_value(name, f);
    }
    fn lookup<'a>(&'a self, lookup: &mut HeaderLookup<'_, 'a>) {
        (**self).lookup(lookup);
    }
}

impl<T: Headers + ?Sized> Headers for Box<T> {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        (**self).for_each_value(name, f);
    }
    fn lookup<'a>(&'a self, lookup: &mut HeaderLookup<'_, 'a>) {
        (**self).lookup(lookup);
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
    fn lookup<'a>(&'a self, lookup: &mut HeaderLookup<'_, 'a>) {
        lookup.offer_all(self.iter().map(|(k, v)| (k.as_ref(), v.as_ref())));
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>, const N: usize> Headers for [(K, V); N] {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        self.as_slice().for_each_value(name, f);
    }
    fn lookup<'a>(&'a self, lookup: &mut HeaderLookup<'_, 'a>) {
        self.as_slice().lookup(lookup);
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> Headers for Vec<(K, V)> {
    fn for_each_value<'a>(&'a self, name: &str, f: &mut dyn FnMut(&'a [u8])) {
        self.as_slice().for_each_value(name, f);
    }
    fn lookup<'a>(&'a self, lookup: &mut HeaderLookup<'_, 'a>) {
        self.as_slice().lookup(lookup);
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
    fn lookup<'a>(&'a self, lookup: &mut HeaderLookup<'_, 'a>) {
        lookup.offer_all(self.iter().map(|(k, v)| (k.as_ref(), v.as_ref())));
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
    fn lookup<'a>(&'a self, lookup: &mut HeaderLookup<'_, 'a>) {
        lookup.offer_all(self.iter().map(|(k, v)| (k.as_ref(), v.as_ref())));
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
    fn lookup<'a>(&'a self, lookup: &mut HeaderLookup<'_, 'a>) {
        if self.len() <= 24 {
            lookup.offer_all(self.iter().map(|(k, v)| (k.as_str(), v.as_bytes())));
        } else {
            lookup_by_name(self, lookup);
        }
    }
}

/// Whether two header names are equal ignoring ASCII case: `a.eq_ignore_ascii_case(b)`,
/// eight bytes at a time.
///
/// Every lookup compares the wanted name with each header name of the request, so this
/// runs for every header of every request; the byte-wise standard method costs about ten
/// instructions per byte.
#[inline(always)]
pub(crate) fn name_eq(a: &str, b: &str) -> bool {
    bytes_eq_ignore_case(a.as_bytes(), b.as_bytes())
}

/// [`name_eq`] on bytes.
#[inline(always)]
fn bytes_eq_ignore_case(a: &[u8], b: &[u8]) -> bool {
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
        // Bytes that differ in more than the case bit cannot be equal ignoring case.
        x == y || ((x ^ y) & !0x2020_2020_2020_2020 == 0 && equal_lowercased(x, y))
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

/// Whether the words are equal once lowercased: out of line, so the usual comparisons
/// (equal words, or words that differ in more than case) keep their registers.
#[inline(never)]
fn equal_lowercased(x: u64, y: u64) -> bool {
    ascii_lower_8(x) == ascii_lower_8(y)
}

/// `to_ascii_lowercase` on each byte of `x`.
const fn ascii_lower_8(x: u64) -> u64 {
    x | (crate::swar::in_range(x, b'A', b'Z') >> 2) // 0x80 >> 2 == 0x20, the case bit
}

/// Trims HTTP optional whitespace (space and horizontal tab) from both ends.
#[inline]
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
/// scheme reads, so the usual case (no tab) is one running maximum of `byte - 0x20`
/// over 16-byte chunks, which the compiler turns into a few SIMD instructions per chunk:
/// printable bytes map to `0..=0x5e`, everything else (a tab too) to `0x5f..`. Only a
/// value that fails it is looked at again byte by byte, for tabs.
pub(crate) fn is_printable_ascii(v: &[u8]) -> bool {
    #[inline(always)]
    fn fold<const N: usize>(acc: &mut [u8; N], chunk: &[u8; N]) {
        for (a, &b) in acc.iter_mut().zip(chunk) {
            *a = (*a).max(b.wrapping_sub(0x20));
        }
    }
    let top = if let Some(last) = v.last_chunk::<16>() {
        // Whole chunks, then the last 16 bytes (overlapping what was checked).
        let mut acc = [0u8; 16];
        for chunk in v.as_chunks::<16>().0 {
            fold(&mut acc, chunk);
        }
        fold(&mut acc, last);
        acc.into_iter().fold(0, u8::max)
    } else if let (Some(first), Some(last)) = (v.first_chunk::<8>(), v.last_chunk::<8>()) {
        let mut acc = [0u8; 8];
        fold(&mut acc, first);
        fold(&mut acc, last);
        acc.into_iter().fold(0, u8::max)
    } else {
        v.iter().fold(0, |m, &b| m.max(b.wrapping_sub(0x20)))
    };
    top < 0x5f || printable_with_tabs(v)
}

/// [`is_printable_ascii`] for a value that may hold tabs.
#[cold]
#[inline(never)]
fn printable_with_tabs(v: &[u8]) -> bool {
    v.iter().all(|&b| (0x20..0x7f).contains(&b) || b == b'\t')
}

/// The most names one [`HeaderLookup`] asks for.
const LOOKUP_NAMES: usize = 4;

/// Several headers looked up together, in one pass over the request's headers.
///
/// A scheme makes one with the names it reads and hands it to [`Headers::lookup`]; the
/// collection offers it its headers, and the lookup keeps, for each name, the first value
/// (trimmed of surrounding spaces and tabs) and whether later values disagree with it.
/// The scheme then applies the crate's rules: a repeated header must repeat its value,
/// and a value must be printable ASCII, no longer than [`MAX_HEADER_LEN`], and not
/// empty.
///
/// Implementors of [`Headers`] only ever receive one, in [`Headers::lookup`].
pub struct HeaderLookup<'n, 'a> {
    names: &'n LookupNames<'n>,
    found: [Found<'a>; LOOKUP_NAMES],
}

/// The names a [`HeaderLookup`] asks for, prepared (at compile time for the schemes'
/// constant sets) for comparing with a request's header names.
#[derive(Debug)]
pub(crate) struct LookupNames<'n> {
    names: &'n [&'n str],
    /// The [`length_bit`] of every name: most headers of a request are passed over on
    /// this one test.
    lengths: u64,
    /// Each name's length and lowercased [`NameKey`]; unused entries have a length no
    /// name has.
    keys: [(usize, NameKey); LOOKUP_NAMES],
}

impl<'n> LookupNames<'n> {
    /// The first four of `names`, which must be distinct ignoring ASCII case (the
    /// schemes of this crate ask for three).
    pub(crate) const fn new(names: &'n [&'n str]) -> Self {
        let count = if names.len() < LOOKUP_NAMES {
            names.len()
        } else {
            LOOKUP_NAMES
        };
        let names = names.split_at(count).0;
        let mut lengths = 0;
        let mut keys = [(usize::MAX, [0; 3]); LOOKUP_NAMES];
        let mut i = 0;
        while i < count {
            let name = names[i].as_bytes();
            lengths |= length_bit(name.len());
            let key = name_key_const(name);
            keys[i] = (
                name.len(),
                [
                    ascii_lower_8(key[0]),
                    ascii_lower_8(key[1]),
                    ascii_lower_8(key[2]),
                ],
            );
            i += 1;
        }
        LookupNames {
            names,
            lengths,
            keys,
        }
    }

    /// The index of header `name` in `names`, if it is one of them.
    #[inline(always)]
    fn index_of(&self, name: &[u8]) -> Option<usize> {
        const CASE: u64 = 0x2020_2020_2020_2020;
        let n = name.len();
        let key = name_key(name);
        // The names are distinct: the first equal one is the only one.
        for (i, &(len, wanted)) in self.keys.iter().enumerate() {
            let diff = (key[0] ^ wanted[0]) | (key[1] ^ wanted[1]) | (key[2] ^ wanted[2]);
            // Names that differ in more than the case bits of the key's bytes are not
            // equal ignoring case; equal keys cover every byte of names of up to 24 bytes.
            if len == n && diff & !CASE == 0 && ((diff == 0 && n <= 24) || self.equal_at(i, name)) {
                return Some(i);
            }
        }
        None
    }

    /// Whether `name` is `names[i]` ignoring ASCII case: for names that come in another
    /// case than asked for, and for names longer than the key.
    #[cold]
    #[inline(never)]
    fn equal_at(&self, i: usize, name: &[u8]) -> bool {
        self.names
            .get(i)
            .is_some_and(|wanted| bytes_eq_ignore_case(name, wanted.as_bytes()))
    }
}

/// Up to 24 bytes of a header name as three words: for 16 bytes and more, bytes 0–8,
/// 8–16 and the last eight; for 8 to 15, the first and the last eight; for 4 to 7, the
/// first and the last four in one word; for fewer, the bytes in one word. Unused words
/// are 0. The words cover every byte of a name of up to 24 bytes, so two names of equal
/// length are equal ignoring case when their keys are and, beyond 24 bytes, their bytes
/// 16 to `len - 8` are.
type NameKey = [u64; 3];

/// [`NameKey`] of `name`, with word loads.
#[inline(always)]
fn name_key(name: &[u8]) -> NameKey {
    let word = |b: &[u8; 8]| u64::from_le_bytes(*b);
    let half = |b: &[u8; 4]| u64::from(u32::from_le_bytes(*b));
    let second = name.get(8..).and_then(<[u8]>::first_chunk::<8>);
    match (name.first_chunk::<8>(), second, name.last_chunk::<8>()) {
        (Some(first), Some(second), Some(last)) => [word(first), word(second), word(last)],
        (Some(first), None, Some(last)) => [word(first), word(last), 0],
        _ => match (name.first_chunk::<4>(), name.last_chunk::<4>()) {
            (Some(first), Some(last)) => [half(first) | half(last) << 32, 0, 0],
            _ => [name_key_const(name)[0], 0, 0],
        },
    }
}

/// [`NameKey`] of `name`, byte by byte, for the compile-time name sets (a test checks
/// that it agrees with [`name_key`]).
const fn name_key_const(name: &[u8]) -> NameKey {
    const fn word(name: &[u8], at: usize, len: usize) -> u64 {
        let mut w = 0;
        let mut i = 0;
        while i < len {
            w |= (name[at + i] as u64) << (8 * i);
            i += 1;
        }
        w
    }
    let n = name.len();
    if n >= 16 {
        [word(name, 0, 8), word(name, 8, 8), word(name, n - 8, 8)]
    } else if n >= 8 {
        [word(name, 0, 8), word(name, n - 8, 8), 0]
    } else if n >= 4 {
        [word(name, 0, 4) | word(name, n - 4, 4) << 32, 0, 0]
    } else {
        [word(name, 0, n), 0, 0]
    }
}

/// The names and which of them were found; never the values (a token can be one).
impl fmt::Debug for HeaderLookup<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let found: Vec<bool> = (0..self.names().len())
            .map(|i| !self.is_absent(i))
            .collect();
        f.debug_struct("HeaderLookup")
            .field("names", &self.names())
            .field("found", &found)
            .finish()
    }
}

/// What a lookup has seen of one header name: the crate's rules for its values, whether
/// they come through a [`HeaderLookup`] or [`Headers::for_each_value`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found<'a> {
    first: Option<&'a [u8]>,
    /// The length of the first value over [`MAX_HEADER_LEN`], or 0.
    too_long: usize,
    conflict: bool,
}

impl<'a> Found<'a> {
    /// Nothing seen yet.
    const NONE: Self = Found {
        first: None,
        too_long: 0,
        conflict: false,
    };

    /// One more value of the header, in the order the request carried them.
    #[inline]
    fn offer(&mut self, value: &'a [u8]) {
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

    fn is_absent(&self) -> bool {
        self.first.is_none() && self.too_long == 0
    }

    /// The one value, trimmed: present, not too long, repeats agreeing, not empty. The
    /// printable-ASCII rule is the caller's ([`check_printable`]).
    #[allow(clippy::ptr_arg)] // `&Cow`: errors clone the name, free when borrowed
    #[inline]
    fn required_unchecked(&self, name: &Cow<'static, str>) -> Result<&'a [u8], Error> {
        match self.first {
            Some(value) if self.too_long == 0 && !self.conflict && !value.is_empty() => Ok(value),
            _ => Err(self.problem(name)),
        }
    }

    /// What is wrong with a value [`required_unchecked`](Self::required_unchecked)
    /// refused: checked in this order.
    #[cold]
    #[inline(never)]
    #[allow(clippy::ptr_arg)] // `&Cow`: errors clone the name, free when borrowed
    fn problem(&self, name: &Cow<'static, str>) -> Error {
        if self.too_long != 0 {
            return Error::malformed(
                name,
                HeaderProblem::TooLong {
                    len: self.too_long,
                    max: MAX_HEADER_LEN,
                },
            );
        }
        if self.conflict {
            return Error::ConflictingHeaders {
                header: name.clone(),
            };
        }
        match self.first {
            None => Error::MissingHeader {
                header: name.clone(),
            },
            Some(_) => Error::malformed(name, HeaderProblem::Empty),
        }
    }
}

/// One of 64 bits for a name length: its low six bits (names of equal length get the
/// same bit; a longer one shares its bit with a shorter one, which only costs a name
/// comparison).
#[inline]
const fn length_bit(len: usize) -> u64 {
    1 << (len & 63)
}

impl<'n, 'a> HeaderLookup<'n, 'a> {
    /// A lookup of `names`, nothing found yet.
    #[inline]
    pub(crate) const fn new(names: &'n LookupNames<'n>) -> Self {
        HeaderLookup {
            names,
            found: [Found::NONE; LOOKUP_NAMES],
        }
    }

    /// The header names looked up, compared ASCII-case-insensitively.
    #[must_use]
    pub fn names(&self) -> &'n [&'n str] {
        self.names.names
    }

    /// Offers one header of the request; the lookup keeps the value if it asks for
    /// `name` (in any case) and ignores it otherwise. Offer the headers in the order the
    /// request carried them.
    #[inline]
    pub fn offer(&mut self, name: &str, value: &'a [u8]) {
        if self.names.lengths & length_bit(name.len()) != 0 {
            self.offer_candidate(name, value);
        }
    }

    /// [`offer`](Self::offer) for each header of a collection, in order.
    #[inline]
    pub(crate) fn offer_all<'h>(&mut self, headers: impl Iterator<Item = (&'h str, &'a [u8])>) {
        // Most headers fail this one test, in a loop that keeps the bits in a register.
        let lengths = self.names.lengths;
        for (name, value) in headers {
            if lengths & length_bit(name.len()) != 0 {
                self.offer_candidate(name, value);
            }
        }
    }

    /// [`offer`](Self::offer) for a name of a length the lookup asks for: out of line,
    /// so the collection's loop keeps its registers.
    #[inline(never)]
    fn offer_candidate(&mut self, name: &str, value: &'a [u8]) {
        if let Some(index) = self.names.index_of(name.as_bytes()) {
            self.offer_at(index, value);
        }
    }

    /// Offers a value of the header `self.names()[index]`, found by other means than
    /// [`offer`](HeaderLookup::offer) (e.g. a hashed lookup). An `index` out of range is
    /// ignored.
    #[inline]
    pub fn offer_at(&mut self, index: usize, value: &'a [u8]) {
        if let Some(found) = self.found.get_mut(index) {
            found.offer(value);
        }
    }

    /// Whether the request carried no value at all for `self.names()[index]`.
    pub(crate) fn is_absent(&self, index: usize) -> bool {
        self.found.get(index).is_none_or(Found::is_absent)
    }

    /// The one value of `self.names()[index]` under the crate's rules (see
    /// [`HeaderLookup`]); `name` is that name, for the errors.
    #[allow(clippy::ptr_arg)] // `&Cow`: errors clone the name, free when borrowed
    #[inline]
    pub(crate) fn required(
        &self,
        index: usize,
        name: &Cow<'static, str>,
    ) -> Result<&'a [u8], Error> {
        let value = self.required_unchecked(index, name)?;
        check_printable(value, name)?;
        Ok(value)
    }

    /// [`required`](Self::required) without the printable-ASCII rule: see
    /// [`required_bytes_unchecked`].
    #[allow(clippy::ptr_arg)] // `&Cow`: errors clone the name, free when borrowed
    #[inline]
    pub(crate) fn required_unchecked(
        &self,
        index: usize,
        name: &Cow<'static, str>,
    ) -> Result<&'a [u8], Error> {
        match self.found.get(index) {
            Some(found) => found.required_unchecked(name),
            None => Found::NONE.required_unchecked(name),
        }
    }
}

/// Looks up the one value of a header the scheme needs, applying the crate's rules:
/// missing is an error, repeats must agree, the value must be printable ASCII, no longer
/// than [`MAX_HEADER_LEN`], and not empty once surrounding whitespace is trimmed.
#[allow(clippy::ptr_arg)] // `&Cow`: errors clone the name, free when borrowed
pub(crate) fn required_bytes<'a>(
    headers: &'a dyn Headers,
    name: &Cow<'static, str>,
) -> Result<&'a [u8], Error> {
    let value = required_bytes_unchecked(headers, name)?;
    check_printable(value, name)?;
    Ok(value)
}

/// [`required_bytes`] without the printable-ASCII rule, for a scheme whose fast parser
/// accepts printable bytes only: it calls [`check_printable`] on any value that parser
/// does not accept, before reporting anything else about it. (An empty value, refused
/// here, is printable: the rules report the same problem in either order.)
#[allow(clippy::ptr_arg)] // `&Cow`: errors clone the name, free when borrowed
pub(crate) fn required_bytes_unchecked<'a>(
    headers: &'a dyn Headers,
    name: &Cow<'static, str>,
) -> Result<&'a [u8], Error> {
    let mut found = Found::NONE;
    headers.for_each_value(name, &mut |value| found.offer(value));
    found.required_unchecked(name)
}

/// The printable-ASCII rule (space and tab included) for the value of header `name`.
#[allow(clippy::ptr_arg)] // `&Cow`: errors clone the name, free when borrowed
#[inline]
pub(crate) fn check_printable(value: &[u8], name: &Cow<'static, str>) -> Result<(), Error> {
    if is_printable_ascii(value) {
        Ok(())
    } else {
        Err(Error::malformed(name, HeaderProblem::NotAscii))
    }
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
    fn name_key_loads_agree_with_the_compile_time_form() {
        let mut next = crate::test_rng(0x6a09_e667_f3bc_c908);
        for len in 0..=40 {
            for _ in 0..50 {
                let name: Vec<u8> = (0..len).map(|_| next() as u8).collect();
                assert_eq!(name_key(&name), name_key_const(&name), "{name:?}");
            }
        }
    }

    #[test]
    fn lookup_names_match_eq_ignore_ascii_case() {
        // A wanted name of each length from 1 to 40 (the key covers 24 bytes, then the
        // rest is compared), and a header name that differs from it in one byte: every
        // byte value at every position, including the case bit on non-letters.
        for len in 1..=40usize {
            // Lowercase, as headers usually come: the fast path compares keys exactly.
            let wanted: String = "webhook-signature-of-the-longest-kind-xyz"
                .chars()
                .take(len)
                .collect();
            let others = ["x-other", "webhook-id"];
            let names = [others[0], wanted.as_str(), others[1]];
            let prepared = LookupNames::new(&names);
            for pos in 0..len {
                for byte in 0..=255u8 {
                    let mut header = wanted.clone().into_bytes();
                    header[pos] = byte;
                    let expected = if header.eq_ignore_ascii_case(wanted.as_bytes()) {
                        Some(1)
                    } else {
                        others
                            .iter()
                            .position(|o| header.eq_ignore_ascii_case(o.as_bytes()))
                            .map(|i| i * 2)
                    };
                    assert_eq!(
                        prepared.index_of(&header),
                        expected,
                        "{:?}",
                        String::from_utf8_lossy(&header)
                    );
                }
            }
            let upper = wanted.to_ascii_uppercase();
            assert_eq!(prepared.index_of(upper.as_bytes()), Some(1));
            assert_eq!(prepared.index_of(b"X-OTHER"), Some(0));
            assert_eq!(prepared.index_of(b"webhook-ie"), None);
        }
        // Names asked for in any case.
        let mixed = LookupNames::new(&["X-Hub-Signature-256", "Svix-Id"]);
        assert_eq!(mixed.index_of(b"x-hub-signature-256"), Some(0));
        assert_eq!(mixed.index_of(b"X-HUB-SIGNATURE-256"), Some(0));
        assert_eq!(mixed.index_of(b"svix-id"), Some(1));
        assert_eq!(mixed.index_of(b"svix-ie"), None);
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

    /// Every collection's one-pass `lookup` keeps exactly what asking for each name in
    /// turn keeps (the default method), on random requests: names in any case, repeated
    /// headers with equal and different values, padded and over-long values, and names
    /// of the same length as the ones asked for.
    #[test]
    fn one_pass_lookup_agrees_with_the_lookup_by_name() {
        const NAMES: [&str; 3] = ["webhook-id", "webhook-timestamp", "webhook-signature"];
        const PREPARED: LookupNames<'static> = LookupNames::new(&NAMES);
        let pool = [
            "webhook-id",
            "Webhook-Id",
            "WEBHOOK-ID",
            "webhook-timestamp",
            "Webhook-Timestamp",
            "webhook-signature",
            "WEBHOOK-SIGNATURE",
            "webhook-signaturf",
            "user-agent", // same length as webhook-id
            "content-type",
            "host",
        ];
        let long = "v".repeat(MAX_HEADER_LEN + 1);
        let values = ["a", " a ", "b", "\ta", "", long.as_str()];
        let mut next = crate::test_rng(0x9e37_79b9_7f4a_7c15);
        fn found<'a>(headers: &'a dyn Headers, by_name: bool) -> [Found<'a>; LOOKUP_NAMES] {
            let mut lookup = HeaderLookup::new(&PREPARED);
            if by_name {
                lookup_by_name(headers, &mut lookup);
            } else {
                headers.lookup(&mut lookup);
            }
            lookup.found
        }
        for round in 0..3000 {
            let count = (next() % 12) as usize + if round % 100 == 0 { 30 } else { 0 };
            let pairs: Vec<(String, String)> = (0..count)
                .map(|i| {
                    let name = if i >= 12 {
                        format!("x-filler-{i}") // pushes a `HeaderMap` past 24 headers
                    } else {
                        pool[(next() % pool.len() as u64) as usize].to_string()
                    };
                    let value = values[(next() % values.len() as u64) as usize];
                    (name, value.to_string())
                })
                .collect();
            let expected = found(&pairs, true);
            assert_eq!(found(&pairs, false), expected, "{pairs:?}");
            let slice: Vec<(&str, &[u8])> = pairs
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_bytes()))
                .collect();
            assert_eq!(found(&slice, false), expected);
            // Maps hold each spelling once and keep no order: compare with themselves.
            let hash: HashMap<&str, &str> = pairs
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            assert_eq!(found(&hash, false), found(&hash, true));
            let btree: BTreeMap<&str, &str> = pairs
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            assert_eq!(found(&btree, false), found(&btree, true));
            #[cfg(feature = "http")]
            {
                let mut map = http::HeaderMap::new();
                for (k, v) in &pairs {
                    map.append(
                        http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                        http::HeaderValue::from_str(v).unwrap(),
                    );
                }
                assert_eq!(found(&map, false), found(&map, true), "{pairs:?}");
            }
        }
    }

    /// Lengths share a bit modulo 64: a long name must still be found, and a header
    /// that shares its bit must still be compared, not taken.
    #[test]
    fn lookup_finds_names_of_any_length() {
        let long = "x-".repeat(35); // 70 bytes: the bit of 6
        let longer = "y".repeat(134); // 134 bytes: the bit of 6 too
        let names = [long.as_str(), "abcdef", longer.as_str()];
        let names = LookupNames::new(&names);
        let other_long = "z".repeat(70);
        let long_upper = long.to_uppercase();
        let headers = [
            (other_long.as_str(), "not asked for"),
            (long_upper.as_str(), "long"),
            ("ABCDEF", "six"),
            ("abcdeg", "not asked for"),
            (longer.as_str(), "longer"),
        ];
        let mut lookup = HeaderLookup::new(&names);
        headers.lookup(&mut lookup);
        let mut by_name = HeaderLookup::new(&names);
        lookup_by_name(&headers, &mut by_name);
        assert_eq!(lookup.found, by_name.found);
        for (i, want) in ["long", "six", "longer"].into_iter().enumerate() {
            assert_eq!(lookup.required(i, &name("h")).unwrap(), want.as_bytes());
        }
    }

    #[test]
    fn lookup_debug_names_the_headers_not_their_values() {
        let names = ["authorization", "x-other"];
        let names = LookupNames::new(&names);
        let headers = [("Authorization", "Bearer s3cret-token")];
        let mut lookup = HeaderLookup::new(&names);
        headers.lookup(&mut lookup);
        let shown = format!("{lookup:?}");
        assert_eq!(
            shown,
            r#"HeaderLookup { names: ["authorization", "x-other"], found: [true, false] }"#
        );
        assert!(!shown.contains("s3cret"));
    }

    #[test]
    fn lookup_rules_are_the_single_lookup_rules() {
        let names = ["a", "b", "c"];
        let names = LookupNames::new(&names);
        let long = vec![b'x'; MAX_HEADER_LEN + 1];
        let headers: [(&str, &[u8]); 7] = [
            ("A", b" x "),
            ("a", b"x"),
            ("B", b"x"),
            ("b", b"y"),
            ("c", b"ok"),
            ("c", &long),
            ("d", b"ignored"),
        ];
        let mut lookup = HeaderLookup::new(&names);
        headers.lookup(&mut lookup);
        lookup.offer_at(7, b"out of range: ignored");
        assert_eq!(lookup.required(0, &name("a")).unwrap(), b"x");
        assert!(matches!(
            lookup.required(1, &name("b")),
            Err(Error::ConflictingHeaders { .. })
        ));
        assert!(matches!(
            lookup.required(2, &name("c")),
            Err(Error::MalformedHeader {
                problem: HeaderProblem::TooLong { .. },
                ..
            })
        ));
        assert!(!lookup.is_absent(2));
        assert!(lookup.is_absent(3));
        for (value, problem) in [
            (&b" "[..], HeaderProblem::Empty),
            (b"\x01", HeaderProblem::NotAscii),
        ] {
            let headers = [("a", value)];
            let mut lookup = HeaderLookup::new(&names);
            headers.lookup(&mut lookup);
            match lookup.required(0, &name("a")) {
                Err(Error::MalformedHeader { problem: p, .. }) => assert_eq!(p, problem),
                other => panic!("{other:?}"),
            }
        }
        let headers = [("x", "y")];
        let mut lookup = HeaderLookup::new(&names);
        headers.lookup(&mut lookup);
        assert!(matches!(
            lookup.required(0, &name("a")),
            Err(Error::MissingHeader { .. })
        ));
    }

    #[test]
    fn trim_ows_trims_only_space_and_tab() {
        assert_eq!(trim_ows(b" \tab c\t "), b"ab c");
        assert_eq!(trim_ows(b"   "), b"");
        assert_eq!(trim_ows(b"\nab"), b"\nab");
    }
}
