//! `h: t=<unix>,v1=<hex>[,v1=<hex>…]` over `"<t>." ++ body`.

use std::borrow::Cow;
use std::time::Duration;

use time::OffsetDateTime;

use super::{Macs, decode_hex_mac};
use crate::error::{Error, HeaderProblem};
use crate::headers::{self, trim_ows};
use crate::scheme::{Key, Match, Request, Scheme, representable_unix};
use crate::secret::Secret;

/// The default tolerance in each direction: 300 s, as Pocketbook, Stripe and Standard
/// Webhooks document.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// The timestamp window of a scheme: `now − t ≤ max_age` and `t − now ≤ max_future`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    pub(crate) max_age: u64,
    pub(crate) max_future: u64,
    /// `false` only through `dangerous`.
    pub(crate) check: bool,
}

impl Default for Window {
    fn default() -> Self {
        Window {
            max_age: DEFAULT_TOLERANCE.as_secs(),
            max_future: DEFAULT_TOLERANCE.as_secs(),
            check: true,
        }
    }
}

impl Window {
    /// Checks `t` (unix seconds, read from header `header`) against `now`, and that it
    /// can be a date-time ([`Match::at_unix`] builds that only when asked).
    #[allow(clippy::ptr_arg)] // `&Cow`: errors clone the name, free when borrowed
    pub(crate) fn accept(
        &self,
        t: i64,
        now: i64,
        header: &Cow<'static, str>,
    ) -> Result<i64, Error> {
        self.check(t, now)?;
        if representable_unix(t) {
            Ok(t)
        } else {
            Err(Error::malformed(header, HeaderProblem::TimestampOutOfRange))
        }
    }

    /// Checks `t` against `now` (both Unix seconds), without overflow.
    pub(crate) fn check(&self, t: i64, now: i64) -> Result<(), Error> {
        if !self.check {
            return Ok(());
        }
        let age = i128::from(now) - i128::from(t);
        if age > i128::from(self.max_age) {
            return Err(Error::TimestampTooOld {
                age: u64::try_from(age).unwrap_or(u64::MAX),
                tolerance: self.max_age,
            });
        }
        if -age > i128::from(self.max_future) {
            return Err(Error::TimestampInFuture {
                ahead: u64::try_from(-age).unwrap_or(u64::MAX),
                tolerance: self.max_future,
            });
        }
        Ok(())
    }
}

/// HMAC-SHA256 over `"<t>." ++ raw body`, sent as `t=<unix>,v1=<hex>` (Pocketbook,
/// Stripe).
///
/// # Parsing
///
/// As Pocketbook's own sample code does: the value is split on `,`; each entry at its
/// first `=`; keys and values are trimmed of spaces and tabs; entries may come in any
/// order. Then, stricter than the samples:
/// - exactly one `t`, written as ASCII digits only (no sign, no fraction);
/// - at least one `v1`, each 64 lowercase hex digits, at most [`MAX_SIGNATURES`](super::MAX_SIGNATURES);
/// - an empty entry or one without `=` is malformed;
/// - any other key (Stripe's `v0`, a future `v2`) is ignored and never verified, so a
///   weaker signature can never stand in for `v1`.
///
/// The signed string uses `t` exactly as sent (leading zeros included).
///
/// # Window
///
/// Accepted when `now − t ≤ max_age` and `t − now ≤ max_future`, both inclusive, both
/// 300 s by default; in whole seconds, with `now` rounded down. The arithmetic cannot
/// overflow. The window is checked before any MAC is computed.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use hookverify::{Secret, Verifier, Scheme, Error};
/// use hookverify::schemes::TimestampedHmac;
/// use time::OffsetDateTime;
///
/// let scheme = TimestampedHmac::new("X-Webhook-Signature").max_age(Duration::from_secs(60));
/// let secret = Secret::new("whsec_1234567890abcdef");
/// let sent_at = OffsetDateTime::from_unix_timestamp(1_640_995_200)?;
/// let body = br#"{"id":"evt_1","type":"certificate.created"}"#;
/// let headers = scheme.sign(body, &secret, sent_at);
///
/// let verifier = Verifier::new(scheme, [secret]);
/// let verified = verifier.verify_at(body, &headers, sent_at + Duration::from_secs(60))?;
/// assert_eq!(verified.timestamp(), Some(sent_at));
///
/// let late = verifier.verify_at(body, &headers, sent_at + Duration::from_secs(61));
/// assert!(matches!(late, Err(Error::TimestampTooOld { age: 61, tolerance: 60 })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampedHmac {
    header: Cow<'static, str>,
    window: Window,
}

impl TimestampedHmac {
    /// The scheme reading header `header` (any case), with the default 300 s tolerance in
    /// both directions.
    pub fn new(header: impl Into<Cow<'static, str>>) -> Self {
        TimestampedHmac {
            header: header.into(),
            window: Window::default(),
        }
    }

    /// The oldest timestamp accepted: `now − t ≤ max_age` (default 300 s). Whole
    /// seconds; a fraction is dropped.
    #[must_use]
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.window.max_age = max_age.as_secs();
        self
    }

    /// How far into the future a timestamp may lie, for clock skew between sender and
    /// receiver: `t − now ≤ max_future` (default 300 s). Whole seconds.
    #[must_use]
    pub fn max_future(mut self, max_future: Duration) -> Self {
        self.window.max_future = max_future.as_secs();
        self
    }

    /// Sets both [`max_age`](Self::max_age) and [`max_future`](Self::max_future).
    #[must_use]
    pub fn tolerance(self, tolerance: Duration) -> Self {
        self.max_age(tolerance).max_future(tolerance)
    }

    /// The header this scheme reads.
    #[must_use]
    pub fn header(&self) -> &str {
        &self.header
    }

    /// Only for [`dangerous::skip_timestamp_check`](crate::dangerous::skip_timestamp_check).
    pub(crate) fn without_window(mut self) -> Self {
        self.window.check = false;
        self
    }

    fn bad(&self, problem: HeaderProblem) -> Error {
        Error::malformed(&self.header, problem)
    }

    /// Parses the header into the timestamp as sent, its value, and the `v1` MACs.
    /// Works on bytes: the value is printable ASCII already.
    fn parse<'a>(&self, value: &'a [u8], sigs: &mut Macs) -> Result<(&'a [u8], i64), Error> {
        let mut t: Option<&[u8]> = None;
        for entry in value.split(|&b| b == b',') {
            let eq = entry
                .iter()
                .position(|&b| b == b'=')
                .ok_or_else(|| self.bad(HeaderProblem::MalformedEntry))?;
            let (key, val) = (trim_ows(&entry[..eq]), trim_ows(&entry[eq + 1..]));
            match key {
                b"" => return Err(self.bad(HeaderProblem::MalformedEntry)),
                b"t" if t.is_some() => return Err(self.bad(HeaderProblem::DuplicateTimestamp)),
                b"t" => t = Some(val),
                b"v1" => {
                    sigs.push_with(|slot| decode_hex_mac(val).map(|mac| *slot = mac))
                        .map_err(|p| self.bad(p))?;
                }
                _ => {} // v0, future versions: never verified, never a fallback
            }
        }
        let t = t.ok_or_else(|| self.bad(HeaderProblem::MissingTimestamp))?;
        if sigs.is_empty() {
            return Err(self.bad(HeaderProblem::MissingSignature));
        }
        let secs = parse_unix(t).map_err(|p| self.bad(p))?;
        Ok((t, secs))
    }
}

impl Scheme for TimestampedHmac {
    fn verify(&self, req: &Request<'_>, keys: &[Key], now: OffsetDateTime) -> Result<Match, Error> {
        self.verify_unix(req, keys, now.unix_timestamp())
    }

    fn verify_unix(&self, req: &Request<'_>, keys: &[Key], now: i64) -> Result<Match, Error> {
        // `parse_common` accepts printable bytes only; the rule is checked on anything else
        // before the general parser sees it.
        let value = headers::required_bytes_unchecked(req.headers, &self.header)?;
        let mut sigs = Macs::default();
        let (t, secs) = match parse_common(value, &mut sigs) {
            Some(parsed) => parsed,
            None => {
                headers::check_printable(value, &self.header)?;
                self.parse(value, &mut sigs)?
            }
        };
        let timestamp = self.window.accept(secs, now, &self.header)?;
        let index = sigs.first_match(keys, &[t, b".", req.body])?;
        Ok(Match::at_unix(index, timestamp))
    }

    fn sign(&self, body: &[u8], secret: &Secret, now: OffsetDateTime) -> Vec<(String, String)> {
        let t = now.unix_timestamp().to_string();
        let mac = Key::new(secret)
            .mac(&[t.as_bytes(), b".", body])
            .unwrap_or_default();
        vec![(
            self.header.to_string(),
            format!("t={t},v1={}", hex::encode(mac)),
        )]
    }

    /// The time is read for the window; not when the window is switched off with
    /// [`dangerous::skip_timestamp_check`](crate::dangerous::skip_timestamp_check).
    fn uses_time(&self) -> bool {
        self.window.check
    }
}

/// The shape every sender uses, `t=<digits>,v1=<64 lowercase hex>` and nothing else,
/// parsed without splitting the value into entries. Returns `None` for anything else
/// (including every malformed value), which the general parser then handles; on the
/// values it accepts it agrees with the general parser (see the tests).
fn parse_common<'a>(value: &'a [u8], sigs: &mut Macs) -> Option<(&'a [u8], i64)> {
    let rest = value.strip_prefix(b"t=")?;
    let (secs, digits) = leading_digits(rest)?;
    let (t, rest) = rest.split_at(digits);
    let hex = rest.strip_prefix(b",v1=")?;
    if hex.len() != super::HEX_MAC_LEN {
        return None;
    }
    sigs.push_with(|slot| decode_hex_mac(hex).map(|mac| *slot = mac))
        .ok()?;
    Some((t, secs))
}

/// The value and count of the ASCII digits `s` starts with: `None` when there are none
/// or more than 18 (which could overflow an `i64`; the callers' general paths handle
/// those). The first eight bytes are classified and converted as one word (a unix time
/// has ten digits); the rest digit by digit. Up to 18 digits the value is exact; past
/// that the wrapping arithmetic only produces a value that is thrown away.
fn leading_digits(s: &[u8]) -> Option<(i64, usize)> {
    let (mut value, mut digits, rest) = match s.first_chunk::<8>() {
        Some(word) => {
            let (value, n) = word_digits(u64::from_le_bytes(*word));
            if n < 8 {
                return (n > 0).then_some((value as i64, n));
            }
            (value as i64, 8, &s[8..])
        }
        None => (0, 0, s),
    };
    for &b in rest.iter().take(19 - digits) {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            break;
        }
        value = value.wrapping_mul(10).wrapping_add(i64::from(d));
        digits += 1;
    }
    (1..=18).contains(&digits).then_some((value, digits))
}

/// How many of the eight bytes of `x` (little-endian: the first byte lowest) are ASCII
/// digits before the first other byte, and their value.
fn word_digits(x: u64) -> (u64, usize) {
    use crate::swar::{HI, LO, in_range};
    let digit = in_range(x, b'0', b'9');
    let n = ((!digit & HI).trailing_zeros() / 8) as usize; // 8 when all are digits
    if n == 0 {
        return (0, 0);
    }
    // Digit values, the first `n` moved to the top so the rest read as leading zeros.
    let v = x.wrapping_sub(u64::from(b'0') * LO) << (8 * (8 - n));
    // Pairs, then quadruples, then all eight (the SWAR method of simdjson's
    // `parse_eight_digits_unrolled`).
    let v = v.wrapping_mul(10).wrapping_add(v >> 8);
    let mask = 0x0000_00ff_0000_00ff;
    let v = (v & mask)
        .wrapping_mul(100 + (1_000_000 << 32))
        .wrapping_add(((v >> 16) & mask).wrapping_mul(1 + (10_000 << 32)));
    (v >> 32, n)
}

/// The value of `s` when it is 1 to 18 ASCII digits and nothing else: [`parse_unix`]'s
/// fast path.
pub(crate) fn all_digits(s: &[u8]) -> Option<i64> {
    leading_digits(s).and_then(|(secs, digits)| (digits == s.len()).then_some(secs))
}

/// Parses unsigned ASCII decimal seconds; leading zeros are allowed, nothing else is.
pub(crate) fn parse_unix(s: &[u8]) -> Result<i64, HeaderProblem> {
    if let Some(secs) = all_digits(s) {
        return Ok(secs);
    }
    let trimmed = trim_ows(s);
    if trimmed.is_empty() || !trimmed.iter().all(u8::is_ascii_digit) {
        return Err(HeaderProblem::InvalidTimestamp);
    }
    trimmed.iter().try_fold(0i64, |acc, d| {
        acc.checked_mul(10)
            .and_then(|a| a.checked_add(i64::from(d - b'0')))
            .ok_or(HeaderProblem::TimestampOutOfRange)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_unix_accepts_digits_only() {
        assert_eq!(parse_unix(b"1640995200"), Ok(1_640_995_200));
        assert_eq!(parse_unix(b"0001"), Ok(1));
        assert_eq!(parse_unix(b"9223372036854775807"), Ok(i64::MAX));
        for bad in ["", "-1", "+1", "1.5", "1e9", "0x10", "１２", "1 2", "abc"] {
            assert_eq!(
                parse_unix(bad.as_bytes()),
                Err(HeaderProblem::InvalidTimestamp),
                "{bad:?}"
            );
        }
        for big in ["9223372036854775808", "99999999999999999999"] {
            assert_eq!(
                parse_unix(big.as_bytes()),
                Err(HeaderProblem::TimestampOutOfRange)
            );
        }
    }

    #[test]
    fn leading_digits_agrees_with_a_digit_by_digit_parse() {
        let naive = |s: &[u8]| {
            let n = s.iter().take_while(|b| b.is_ascii_digit()).count();
            (1..=18).contains(&n).then(|| {
                let value = s[..n]
                    .iter()
                    .fold(0i64, |a, d| a * 10 + i64::from(d - b'0'));
                (value, n)
            })
        };
        let mut next = crate::test_rng(0x9e37_79b9_7f4a_7c15);
        let others = [
            b',', b'/', b':', b' ', b'=', 0x00, 0x7f, 0x80, 0xb0, 0xba, 0xff, b'a',
        ];
        for _ in 0..200_000 {
            let len = (next() % 24) as usize;
            let mut s: Vec<u8> = (0..len).map(|_| b'0' + (next() % 10) as u8).collect();
            if next().is_multiple_of(2) && len > 0 {
                let at = (next() % len as u64) as usize;
                s[at] = others[(next() % others.len() as u64) as usize];
            }
            assert_eq!(
                leading_digits(&s),
                naive(&s),
                "{:?}",
                String::from_utf8_lossy(&s)
            );
        }
        for s in [
            &b"1700000000"[..],
            b"0",
            b"99999999",
            b"999999999999999999",
            b"00000000000000000001",
        ] {
            assert_eq!(leading_digits(s), naive(s), "{s:?}");
        }
        assert_eq!(
            leading_digits(b"999999999999999999"),
            Some((999_999_999_999_999_999, 18))
        );
        assert_eq!(leading_digits(b"9999999999999999999"), None);
    }

    /// The signed time becomes a date-time only when asked for, and then it is
    /// `from_unix_timestamp`'s, around midnights too; times `time` cannot represent are
    /// refused while verifying.
    #[test]
    fn signed_times_become_the_general_conversion() {
        let window = Window::default();
        let mut next = crate::test_rng(0x2545_f491_4f6c_dd1d);
        for i in 0..20_000i64 {
            let rng = next();
            let base = if i % 2 == 0 {
                1_700_006_400 + (i % 7) * 86_400
            } else {
                1_700_000_000
            };
            let now_secs = base + (rng % 1_000) as i64 - 500;
            let now = now_secs;
            let t = now_secs - ((rng >> 40) % 601) as i64 + 300;
            let general = OffsetDateTime::from_unix_timestamp(t).unwrap();
            let secs = window.accept(t, now, &"h".into()).unwrap();
            let m = Match::at_unix(3, secs);
            assert_eq!(m.timestamp(), Some(general));
            assert_eq!(m, Match::new(3, Some(general)));
            assert_eq!(
                format!("{m:?}"),
                format!("{:?}", Match::new(3, Some(general)))
            );
        }
        let open = Window {
            check: false,
            ..Window::default()
        };
        let now = 0;
        let max = time::PrimitiveDateTime::MAX.assume_utc().unix_timestamp();
        let min = time::PrimitiveDateTime::MIN.assume_utc().unix_timestamp();
        for t in [min, max, 0, -1] {
            let secs = open.accept(t, now, &"h".into()).unwrap();
            let expected = OffsetDateTime::from_unix_timestamp(t).unwrap();
            assert_eq!(Match::at_unix(0, secs).timestamp(), Some(expected));
        }
        for t in [min - 1, max + 1, i64::MIN, i64::MAX] {
            assert!(matches!(
                open.accept(t, now, &"h".into()),
                Err(Error::MalformedHeader {
                    problem: HeaderProblem::TimestampOutOfRange,
                    ..
                })
            ));
        }
    }

    #[test]
    fn window_arithmetic_cannot_overflow() {
        let s = Window::default();
        let now = 1_700_000_000;
        assert!(matches!(
            s.check(0, now),
            Err(Error::TimestampTooOld {
                age: 1_700_000_000,
                tolerance: 300
            })
        ));
        assert!(matches!(
            s.check(i64::MAX, now),
            Err(Error::TimestampInFuture { .. })
        ));
        let far_past = i64::MIN;
        assert!(matches!(
            s.check(i64::MAX, far_past),
            Err(Error::TimestampInFuture { .. })
        ));
    }

    /// The fast path agrees with the general parser wherever it answers.
    #[test]
    fn common_shape_fast_path_agrees_with_the_general_parser() {
        let scheme = TimestampedHmac::new("h");
        let mac = "0123456789abcdef".repeat(4);
        let mut next = crate::test_rng(0x9e37_79b9_7f4a_7c15);
        let pieces = [
            "t=",
            "1700000000",
            ",",
            "v1=",
            &mac,
            " ",
            "0",
            "=",
            "v0=",
            "T=",
            "-",
            "A",
        ];
        let mut fast_hits = 0;
        for i in 0..20_000 {
            let mut value = if i % 2 == 0 {
                format!("t=17000000{:02},v1={mac}", i % 100)
            } else {
                String::new()
            };
            for _ in 0..(i % 5) {
                value.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            }
            let (mut a, mut b) = (Macs::default(), Macs::default());
            if let Some((t, secs)) = parse_common(value.as_bytes(), &mut a) {
                fast_hits += 1;
                let (t2, secs2) = scheme.parse(value.as_bytes(), &mut b).expect(&value);
                assert_eq!(
                    (t, secs, a.as_slice()),
                    (t2, secs2, b.as_slice()),
                    "{value}"
                );
            }
        }
        assert!(fast_hits > 1000, "{fast_hits}");
        let mut s = Macs::default();
        assert!(parse_common(format!("t=1,v1={mac},v0=00").as_bytes(), &mut s).is_none());
        assert!(parse_common(format!("t=-1,v1={mac}").as_bytes(), &mut s).is_none());
        assert!(parse_common(format!("t=1, v1={mac}").as_bytes(), &mut s).is_none());
        assert!(
            parse_common(format!("t=9999999999999999999,v1={mac}").as_bytes(), &mut s).is_none()
        );
    }
}
