//! Helpers shared by the integration tests: `mod common;` in a test file.
#![allow(dead_code, unreachable_pub)]

use hookverify::time::OffsetDateTime;
use hookverify::{Scheme, Sign};

/// A scheme that also signs: every built-in scheme and preset but Mailgun's, behind one
/// trait object (`Box<dyn Preset>` is a `Scheme` and a `Sign`).
pub trait Preset: Scheme + Sign {}

impl<T: Scheme + Sign> Preset for T {}

/// A Unix time as a date-time.
pub fn at(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).expect("a representable time")
}
