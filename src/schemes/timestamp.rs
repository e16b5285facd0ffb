//! Signed timestamps: how they are written, and the window they must fall in.

use std::time::Duration;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::error::{Error, ValueProblem};

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
    /// [`ValueProblem::InvalidTimestamp`] for text not in this format, and
    /// [`ValueProblem::TimestampOutOfRange`] for a time that cannot be a date.
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
    /// # Ok::<(), hookverify::ValueProblem>(())
    /// ```
    pub fn parse(self, text: &str) -> Result<OffsetDateTime, ValueProblem> {
        let invalid = ValueProblem::InvalidTimestamp {
            expected: self.describe(),
        };
        let out_of_range = |_| ValueProblem::TimestampOutOfRange;
        match self {
            TimestampFormat::UnixSeconds => {
                OffsetDateTime::from_unix_timestamp(digits(text).ok_or(invalid)??)
                    .map_err(out_of_range)
            }
            TimestampFormat::UnixMillis => {
                let millis = i128::from(digits(text).ok_or(invalid)??);
                OffsetDateTime::from_unix_timestamp_nanos(millis * 1_000_000).map_err(out_of_range)
            }
            TimestampFormat::Rfc3339 => OffsetDateTime::parse(text, &Rfc3339).map_err(|_| invalid),
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
fn digits(text: &str) -> Option<Result<i64, ValueProblem>> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(
        text.parse::<i64>()
            .map_err(|_| ValueProblem::TimestampOutOfRange),
    )
}

impl TimestampFormat {
    /// The wording error messages use: "the timestamp is not {format}".
    fn describe(self) -> &'static str {
        match self {
            TimestampFormat::UnixSeconds => "Unix seconds (ASCII digits only)",
            TimestampFormat::UnixMillis => "Unix milliseconds (ASCII digits only)",
            TimestampFormat::Rfc3339 => "an RFC 3339 date-time",
        }
    }
}

/// How far a signed timestamp may lie from now: `now − t ≤ max_age` (a replay, or a
/// delivery that queued too long) and `t − now ≤ max_future` (clock skew), both
/// inclusive, in whole seconds (both times rounded down); either side may be unlimited.
/// The arithmetic cannot overflow.
///
/// Providers document their own: 300 s each way for Stripe, Slack and Standard Webhooks
/// ([`Window::tolerance`]), 5 s for Paddle, 10 minutes old and none ahead for Box
/// (`Window::new(Some(600 s), Some(0 s))`), 5 minutes old and any time ahead for
/// Mux (`Window::new(Some(300 s), None)`).
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use hookverify::Error;
/// use hookverify::schemes::Window;
/// use hookverify::time::OffsetDateTime;
///
/// let window = Window::tolerance(Duration::from_secs(5));
/// let now = OffsetDateTime::from_unix_timestamp(1_700_000_000)?;
/// assert!(window.check(now - Duration::from_secs(5), now).is_ok());
/// let late = window.check(now - Duration::from_secs(6), now);
/// assert!(matches!(late, Err(Error::TimestampTooOld { age: 6, tolerance: 5 })));
///
/// // Any age, but never ahead of this server's clock:
/// let box_like = Window::new(None, Some(Duration::ZERO));
/// assert!(box_like.check(now - Duration::from_secs(86_400), now).is_ok());
/// assert!(box_like.check(now + Duration::from_secs(1), now).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    max_age: Option<Duration>,
    max_future: Option<Duration>,
}

impl Window {
    /// A window accepting timestamps up to `max_age` old and `max_future` ahead, `None`
    /// being unlimited. Whole seconds; a fraction is dropped.
    #[must_use]
    pub const fn new(max_age: Option<Duration>, max_future: Option<Duration>) -> Self {
        Window {
            max_age,
            max_future,
        }
    }

    /// The same `tolerance` both ways.
    #[must_use]
    pub const fn tolerance(tolerance: Duration) -> Self {
        Window::new(Some(tolerance), Some(tolerance))
    }

    /// No limit either way: the timestamp is still signed and reported, never refused.
    #[must_use]
    pub const fn unlimited() -> Self {
        Window::new(None, None)
    }

    /// The oldest timestamp accepted, as an age; `None` when unlimited.
    #[must_use]
    pub fn max_age(&self) -> Option<Duration> {
        self.max_age
    }

    /// How far ahead of now a timestamp may lie; `None` when unlimited.
    #[must_use]
    pub fn max_future(&self) -> Option<Duration> {
        self.max_future
    }

    /// Checks `signed_at` against `now`.
    ///
    /// # Errors
    ///
    /// [`Error::TimestampTooOld`] or [`Error::TimestampInFuture`], with the distance and
    /// the tolerance in seconds.
    pub fn check(&self, signed_at: OffsetDateTime, now: OffsetDateTime) -> Result<(), Error> {
        let age = i128::from(now.unix_timestamp()) - i128::from(signed_at.unix_timestamp());
        if let Some(max_age) = self.max_age.map(|d| d.as_secs())
            && age > i128::from(max_age)
        {
            return Err(Error::TimestampTooOld {
                age: u64::try_from(age).unwrap_or(u64::MAX),
                tolerance: max_age,
            });
        }
        if let Some(max_future) = self.max_future.map(|d| d.as_secs())
            && -age > i128::from(max_future)
        {
            return Err(Error::TimestampInFuture {
                ahead: u64::try_from(-age).unwrap_or(u64::MAX),
                tolerance: max_future,
            });
        }
        Ok(())
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
                Err(ValueProblem::InvalidTimestamp {
                    expected: f.describe()
                }),
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
                Err(ValueProblem::TimestampOutOfRange),
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
            Err(ValueProblem::TimestampOutOfRange)
        );
        let rfc = TimestampFormat::Rfc3339
            .parse("2022-01-01T00:00:00.123456789Z")
            .unwrap();
        assert_eq!(rfc.unix_timestamp(), 1_640_995_200);
        assert_eq!(rfc.nanosecond(), 123_456_789);
        assert_eq!(
            TimestampFormat::Rfc3339.parse("2022-01-01 00:00:00"),
            Err(ValueProblem::InvalidTimestamp {
                expected: TimestampFormat::Rfc3339.describe()
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
        let w = Window::new(Some(Duration::from_secs(10)), Some(Duration::from_secs(5)));
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
        let wide = Window::tolerance(Duration::MAX);
        assert!(wide.check(min, max).is_ok());
        assert!(Window::unlimited().check(min, max).is_ok());
        assert!(Window::unlimited().check(max, min).is_ok());
        let no_future = Window::new(None, Some(Duration::ZERO));
        assert!(no_future.check(min, now).is_ok());
        assert!(no_future.check(now, now).is_ok());
        assert!(matches!(
            no_future.check(at(1_700_000_001), now),
            Err(Error::TimestampInFuture {
                ahead: 1,
                tolerance: 0
            })
        ));
    }
}
