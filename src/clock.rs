//! `Clock`: where a verifier reads the time, and only when a scheme needs it.

use std::fmt;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;

/// Where a [`Verifier`](crate::Verifier) reads the current time.
///
/// A scheme asks the clock only when it checks a signed timestamp: a scheme without one
/// (GitHub's `sha256=`, a token) never reads it. The default is the system clock;
/// [`Clock::from_fn`] serves runtimes without `SystemTime::now` (WebAssembly edge
/// runtimes) and [`Clock::fixed`] serves tests and replays.
///
/// Cloning is cheap (a function clock is shared behind an `Arc`).
///
/// # Examples
///
/// ```
/// use hookverify::time::OffsetDateTime;
/// use hookverify::Clock;
///
/// let noon = OffsetDateTime::from_unix_timestamp(1_700_000_000)?;
/// assert_eq!(Clock::fixed(noon).now(), noon);
///
/// // A runtime that hands out the time in milliseconds, as JavaScript's `Date.now()`:
/// fn date_now() -> f64 { 1_700_000_000_000.0 }
/// let edge = Clock::from_fn(|| {
///     let nanos = (date_now() as i128) * 1_000_000;
///     OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH)
/// });
/// assert_eq!(edge.now(), noon);
/// # Ok::<(), hookverify::time::error::ComponentRange>(())
/// ```
#[derive(Clone, Default)]
pub struct Clock(Source);

#[derive(Clone, Default)]
enum Source {
    #[default]
    System,
    Fixed(OffsetDateTime),
    Function(Arc<dyn Fn() -> OffsetDateTime + Send + Sync>),
}

impl Clock {
    /// The system clock (`std::time::SystemTime`), in UTC. A clock set before 1970 reads
    /// as the epoch and one beyond year 9999 as the last representable instant: every
    /// signed timestamp is then out of its window, so verification fails closed.
    #[must_use]
    pub fn system() -> Self {
        Clock(Source::System)
    }

    /// A clock that always reads `now`: for tests, and for replaying requests from a
    /// queue that recorded when each one arrived.
    #[must_use]
    pub fn fixed(now: OffsetDateTime) -> Self {
        Clock(Source::Fixed(now))
    }

    /// A clock that calls `now` each time it is read: for runtimes where
    /// `SystemTime::now` is unavailable or panics (Cloudflare Workers and other
    /// WebAssembly hosts read the host's time instead).
    #[must_use]
    pub fn from_fn<F>(now: F) -> Self
    where
        F: Fn() -> OffsetDateTime + Send + Sync + 'static,
    {
        Clock(Source::Function(Arc::new(now)))
    }

    /// The current time.
    #[must_use]
    pub fn now(&self) -> OffsetDateTime {
        match &self.0 {
            Source::System => system_now(),
            Source::Fixed(now) => *now,
            Source::Function(now) => now(),
        }
    }
}

/// `std`'s clock as a UTC date-time, failing closed outside the calendar.
fn system_now() -> OffsetDateTime {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_nanos())
        .ok()
        .and_then(|nanos| OffsetDateTime::from_unix_timestamp_nanos(i128::from(nanos)).ok())
        .unwrap_or(time::PrimitiveDateTime::MAX.assume_utc())
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Source::System => f.write_str("Clock::system()"),
            Source::Fixed(now) => write!(f, "Clock::fixed({now})"),
            Source::Function(_) => f.write_str("Clock::from_fn(..)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicI64, Ordering};

    #[test]
    fn system_clock_is_close_to_std() {
        let std_secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        let ours = Clock::system().now().unix_timestamp();
        assert!((ours - std_secs).abs() <= 1, "{ours} vs {std_secs}");
        assert_eq!(Clock::default().now().offset(), time::UtcOffset::UTC);
    }

    #[test]
    fn function_clock_is_read_each_time() {
        let ticks = Arc::new(AtomicI64::new(100));
        let source = Arc::clone(&ticks);
        let clock = Clock::from_fn(move || {
            let t = source.fetch_add(1, Ordering::SeqCst);
            OffsetDateTime::from_unix_timestamp(t).unwrap()
        });
        assert_eq!(clock.now().unix_timestamp(), 100);
        assert_eq!(clock.clone().now().unix_timestamp(), 101);
        assert_eq!(ticks.load(Ordering::SeqCst), 102);
        assert_eq!(format!("{clock:?}"), "Clock::from_fn(..)");
    }
}
