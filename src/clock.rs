//! The clock [`Verifier::verify`](crate::Verifier::verify) reads.

#[cfg(any(test, not(any(target_os = "linux", target_os = "android"))))]
use time::OffsetDateTime;

/// The current time in whole Unix seconds, for timestamp windows.
///
/// On Linux and Android this reads `CLOCK_REALTIME_COARSE` (libc's `clock_gettime`):
/// the time as of the last timer tick (a few milliseconds' resolution), from the vDSO in
/// about 7 ns, where `OffsetDateTime::now_utc()` takes about 36 ns (a full-resolution
/// clock read and the conversion to a date-time). Windows are whole seconds, so the
/// coarser reading changes nothing a caller can observe but the cost: 4 % of verifying
/// a 1 KiB body. Elsewhere, `OffsetDateTime::now_utc()`.
pub(crate) fn now_unix() -> i64 {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::time::{ClockId, clock_gettime};
        clock_gettime(ClockId::RealtimeCoarse).tv_sec
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        OffsetDateTime::now_utc().unix_timestamp()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coarse_clock_agrees_with_the_precise_one() {
        for _ in 0..1000 {
            let before = OffsetDateTime::now_utc().unix_timestamp();
            let coarse = now_unix();
            let after = OffsetDateTime::now_utc().unix_timestamp();
            // The coarse clock lags by at most one tick (at most 10 ms at HZ=100), so
            // its second is the precise one's or the one before.
            assert!(coarse <= after, "{coarse} > {after}");
            assert!(before - coarse <= 1, "{before} vs {coarse}");
        }
    }
}
