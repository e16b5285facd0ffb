//! Signed timestamps: how they are written, and the window they must fall in.

use std::fmt;
use std::time::Duration;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::error::{Error, HeaderProblem};

/// How a provider writes the time it signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimestampFormat {
    /// Whole seconds since the Unix epoch, as ASCII digits (`1700000000`): Stripe,
    /// Slack, Standard Webhooks and most others.
    UnixSeconds,
    /// Whole milliseconds since the Unix epoch, as ASCII digits (`1700000000123`):
    /// HubSpot, Linear.
    UnixMillis,
    /// An RFC 3339 date-time (`2023-11-14T22:13:20.123Z`): Twitch.
    Rfc3339,
}

impl TimestampFormat {
    /// Reads a timestamp written in this format. Unix times are ASCII digits only: no
    /// sign, no fraction, no exponent, no surrounding spaces.
    ///
    /// # Errors
    ///
    /// [`HeaderProblem::InvalidTimestamp`] for text not in this format, and
    /// [`HeaderProblem::TimestampOutOfRange`] for a time that cannot be a date.
    ///
    /// # Examples
    ///
    /// ```
    /// use hookverify::schemes::TimestampFormat;
    ///
    /// let t = TimestampFormat::UnixMillis.parse("1700000000123")?;
    /// assert_eq!(t.unix_timestamp(), 1_700_000_000);
    /// assert_eq!(t.millisecond(), 123);
    /// assert!(TimestampFormat::UnixSeconds.parse("+1700000000").is_err());
    /// # Ok::<(), hookverify::HeaderProblem>(())
    /// ```
    pub fn parse(self, text: &str) -> Result<OffsetDateTime, HeaderProblem> {
        self.parse_bytes(text.as_bytes())
    }

    /// [`parse`](Self::parse) on the bytes of a header value.
    pub(crate) fn parse_bytes(self, text: &[u8]) -> Result<OffsetDateTime, HeaderProblem> {
        let invalid = HeaderProblem::InvalidTimestamp { format: self };
        let out_of_range = |_| HeaderProblem::TimestampOutOfRange;
        match self {
            TimestampFormat::UnixSeconds => {
                OffsetDateTime::from_unix_timestamp(digits(text).ok_or(invalid)??)
                    .map_err(out_of_range)
            }
            TimestampFormat::UnixMillis => {
                let millis = i128::from(digits(text).ok_or(invalid)??);
                OffsetDateTime::from_unix_timestamp_nanos(millis * 1_000_000).map_err(out_of_range)
            }
            TimestampFormat::Rfc3339 => std::str::from_utf8(text)
                .ok()
                .and_then(|text| OffsetDateTime::parse(text, &Rfc3339).ok())
                .ok_or(invalid),
        }
    }

    /// `t` written in this format.
    pub(crate) fn format(self, t: OffsetDateTime) -> String {
        match self {
            TimestampFormat::UnixSeconds => t.unix_timestamp().to_string(),
            TimestampFormat::UnixMillis => (t.unix_timestamp_nanos() / 1_000_000).to_string(),
            TimestampFormat::Rfc3339 => t.format(&Rfc3339).unwrap_or_default(),
        }
    }
}

/// The value of `text` when it is ASCII digits only (`None` otherwise), or
/// `Some(Err(TimestampOutOfRange))` when it does not fit an `i64`.
fn digits(text: &[u8]) -> Option<Result<i64, HeaderProblem>> {
    if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(text.iter().try_fold(0i64, |n, &d| {
        n.checked_mul(10)
            .and_then(|n| n.checked_add(i64::from(d - b'0')))
            .ok_or(HeaderProblem::TimestampOutOfRange)
    }))
}

/// The wording error messages use: "the timestamp is not {format}".
impl fmt::Display for TimestampFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimestampFormat::UnixSeconds => "Unix seconds (ASCII digits only)",
            TimestampFormat::UnixMillis => "Unix milliseconds (ASCII digits only)",
            TimestampFormat::Rfc3339 => "an RFC 3339 date-time",
        })
    }
}

/// The default tolerance in each direction: 300 s, as Stripe, Pocketbook, Slack and
/// Standard Webhooks document.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// How far a signed timestamp may lie from now: `now − t ≤ max_age` (a replay or a
/// delivery that queued too long) and `t − now ≤ max_future` (clock skew), both
/// inclusive, in whole seconds (both times rounded down). The arithmetic cannot overflow.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use hookverify::Error;
/// use hookverify::schemes::Window;
/// use hookverify::time::OffsetDateTime;
///
/// let window = Window::new(Duration::from_secs(5), Duration::from_secs(5));
/// let now = OffsetDateTime::from_unix_timestamp(1_700_000_000)?;
/// assert!(window.check(now - Duration::from_secs(5), now).is_ok());
/// let late = window.check(now - Duration::from_secs(6), now);
/// assert!(matches!(late, Err(Error::TimestampTooOld { age: 6, tolerance: 5 })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    max_age: Duration,
    max_future: Duration,
    /// `false` only through [`dangerous`](crate::dangerous).
    enforced: bool,
}

impl Window {
    /// A window accepting timestamps up to `max_age` old and `max_future` ahead. Whole
    /// seconds; a fraction is dropped.
    #[must_use]
    pub const fn new(max_age: Duration, max_future: Duration) -> Self {
        Window {
            max_age,
            max_future,
            enforced: true,
        }
    }

    /// The oldest timestamp accepted, as an age.
    #[must_use]
    pub fn max_age(&self) -> Duration {
        self.max_age
    }

    /// How far ahead of now a timestamp may lie.
    #[must_use]
    pub fn max_future(&self) -> Duration {
        self.max_future
    }

    pub(crate) fn with_max_age(mut self, max_age: Duration) -> Self {
        self.max_age = max_age;
        self
    }

    pub(crate) fn with_max_future(mut self, max_future: Duration) -> Self {
        self.max_future = max_future;
        self
    }

    /// The same window, switched off: for [`dangerous`](crate::dangerous) only.
    pub(crate) fn disabled(mut self) -> Self {
        self.enforced = false;
        self
    }

    /// Checks `signed_at` against `now`.
    ///
    /// # Errors
    ///
    /// [`Error::TimestampTooOld`] or [`Error::TimestampInFuture`], with the distance and
    /// the tolerance in seconds.
    pub fn check(&self, signed_at: OffsetDateTime, now: OffsetDateTime) -> Result<(), Error> {
        if !self.enforced {
            return Ok(());
        }
        let (max_age, max_future) = (self.max_age.as_secs(), self.max_future.as_secs());
        let age = i128::from(now.unix_timestamp()) - i128::from(signed_at.unix_timestamp());
        if age > i128::from(max_age) {
            return Err(Error::TimestampTooOld {
                age: u64::try_from(age).unwrap_or(u64::MAX),
                tolerance: max_age,
            });
        }
        if -age > i128::from(max_future) {
            return Err(Error::TimestampInFuture {
                ahead: u64::try_from(-age).unwrap_or(u64::MAX),
                tolerance: max_future,
            });
        }
        Ok(())
    }
}

/// 300 s each way ([`DEFAULT_TOLERANCE`]).
impl Default for Window {
    fn default() -> Self {
        Window::new(DEFAULT_TOLERANCE, DEFAULT_TOLERANCE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(t: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(t).unwrap()
    }

    #[test]
    fn unix_seconds_are_digits_only() {
        let f = TimestampFormat::UnixSeconds;
        assert_eq!(f.parse("1640995200"), Ok(at(1_640_995_200)));
        assert_eq!(f.parse("0001"), Ok(at(1)));
        for bad in [
            "", "-1", "+1", "1.5", "1e9", "0x10", "１２", "1 2", " 1", "abc",
        ] {
            assert_eq!(
                f.parse(bad),
                Err(HeaderProblem::InvalidTimestamp { format: f }),
                "{bad:?}"
            );
        }
        for big in [
            "9223372036854775807",
            "9223372036854775808",
            "99999999999999999999",
        ] {
            assert_eq!(
                f.parse(big),
                Err(HeaderProblem::TimestampOutOfRange),
                "{big}"
            );
        }
    }

    #[test]
    fn unix_millis_and_rfc3339() {
        let ms = TimestampFormat::UnixMillis.parse("1640995200999").unwrap();
        assert_eq!(ms.unix_timestamp(), 1_640_995_200);
        assert_eq!(ms.millisecond(), 999);
        assert_eq!(
            TimestampFormat::UnixMillis.parse("9223372036854775807"),
            Err(HeaderProblem::TimestampOutOfRange)
        );
        let rfc = TimestampFormat::Rfc3339
            .parse("2022-01-01T00:00:00.123456789Z")
            .unwrap();
        assert_eq!(rfc.unix_timestamp(), 1_640_995_200);
        assert_eq!(rfc.nanosecond(), 123_456_789);
        assert_eq!(
            TimestampFormat::Rfc3339.parse("2022-01-01 00:00:00"),
            Err(HeaderProblem::InvalidTimestamp {
                format: TimestampFormat::Rfc3339
            })
        );
        for f in [
            TimestampFormat::UnixSeconds,
            TimestampFormat::UnixMillis,
            TimestampFormat::Rfc3339,
        ] {
            let t = at(1_640_995_200) + Duration::from_millis(250);
            let back = f.parse(&f.format(t)).unwrap();
            assert_eq!(back.unix_timestamp(), t.unix_timestamp(), "{f:?}");
        }
    }

    #[test]
    fn window_edges_are_inclusive_and_arithmetic_cannot_overflow() {
        let w = Window::new(Duration::from_secs(10), Duration::from_secs(5));
        let now = at(1_700_000_000);
        assert!(w.check(at(1_700_000_000 - 10), now).is_ok());
        assert!(w.check(at(1_700_000_000 + 5), now).is_ok());
        assert!(matches!(
            w.check(at(1_700_000_000 - 11), now),
            Err(Error::TimestampTooOld {
                age: 11,
                tolerance: 10
            })
        ));
        assert!(matches!(
            w.check(at(1_700_000_000 + 6), now),
            Err(Error::TimestampInFuture {
                ahead: 6,
                tolerance: 5
            })
        ));
        let (min, max) = (
            time::PrimitiveDateTime::MIN.assume_utc(),
            time::PrimitiveDateTime::MAX.assume_utc(),
        );
        assert!(matches!(
            w.check(min, max),
            Err(Error::TimestampTooOld { .. })
        ));
        assert!(matches!(
            w.check(max, min),
            Err(Error::TimestampInFuture { .. })
        ));
        let wide = Window::new(Duration::MAX, Duration::MAX);
        assert!(wide.check(min, max).is_ok());
        assert!(Window::default().disabled().check(min, max).is_ok());
    }
}
