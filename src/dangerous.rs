//! Shortcuts that give up a protection. Each is named for what it skips; use them only
//! where something else provides that protection.

use crate::schemes::{Signed, StandardWebhooks};

/// The same scheme without the timestamp window: a replayed request of any age verifies.
///
/// For re-processing requests your own queue recorded (and authenticated) when they
/// arrived; never for requests from the network. The signature is still checked, and
/// the signed timestamp still reported.
///
/// # Examples
///
/// ```
/// use hookverify::{dangerous, Secret, Sign, Verifier};
/// use hookverify::providers::pocketbook;
/// use time::OffsetDateTime;
///
/// let secret = Secret::new("whsec_1234567890abcdef");
/// let long_ago = OffsetDateTime::from_unix_timestamp(1_640_995_200)?;
/// let headers = pocketbook::scheme().sign(b"{}", &secret, long_ago);
///
/// let replayer = Verifier::new(dangerous::skip_timestamp_check(pocketbook::scheme()), [secret]);
/// assert!(replayer.verify(b"{}", &headers).is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn skip_timestamp_check<S: SkipTimestampCheck>(scheme: S) -> S {
    scheme.without_window()
}

/// The schemes with a timestamp window: [`Signed`] (and so `TimestampedHmac` and the
/// presets built on it) and [`StandardWebhooks`]. Sealed.
pub trait SkipTimestampCheck: sealed::Sealed {
    #[doc(hidden)]
    fn without_window(self) -> Self;
}

impl SkipTimestampCheck for Signed {
    fn without_window(self) -> Self {
        Signed::without_window(self)
    }
}

impl SkipTimestampCheck for StandardWebhooks {
    fn without_window(self) -> Self {
        StandardWebhooks::without_window(self)
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for crate::schemes::Signed {}
    impl Sealed for crate::schemes::StandardWebhooks {}
}

/// Parses a body as JSON **without verifying it**.
///
/// For bodies your own system already authenticated: a replay from a queue that stored
/// verified requests, a fixture in a test. Never for a request from the network; use
/// [`Verifier::verify_json`](crate::Verifier::verify_json) there.
///
/// # Errors
///
/// [`Error::Json`](crate::Error::Json) when the body is not the expected JSON.
///
/// # Examples
///
/// ```
/// use hookverify::dangerous;
/// use hookverify::providers::inmemory4::Event;
///
/// let event: Event = dangerous::parse_unverified(br#"{"event":"test","message":"Hello!"}"#)?;
/// assert!(matches!(event, Event::Test(_)));
/// # Ok::<(), hookverify::Error>(())
/// ```
pub fn parse_unverified<'a, T: serde::Deserialize<'a>>(body: &'a [u8]) -> Result<T, crate::Error> {
    serde_json::from_slice(body).map_err(crate::Error::Json)
}
