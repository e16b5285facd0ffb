//! Shortcuts that give up a protection. Each is named for what it skips; use them only
//! where something else provides that protection.
//!
//! To re-verify requests your own queue recorded when they arrived, verify them as of
//! that time ([`Verifier::verify_at`](crate::Verifier::verify_at)) rather than without a
//! window: the signature and the window are then both still checked.

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

/// An [`HttpsFetcher`](crate::fetch::HttpsFetcher) that trusts only the CA certificates
/// in `roots_pem` and connects each listed host to the address given (any port) instead
/// of resolving it: **for tests**, against a local HTTPS server playing a provider's key
/// host. The provider's host pinning still applies: the URL must name the real host.
///
/// # Errors
///
/// [`FetchError::Transport`](crate::fetch::FetchError::Transport) when `roots_pem` holds
/// no CA certificate.
#[cfg(feature = "fetch")]
#[cfg_attr(docsrs, doc(cfg(feature = "fetch")))]
pub fn https_fetcher_for_tests(
    roots_pem: &[u8],
    hosts: &[(&str, std::net::SocketAddr)],
) -> Result<crate::fetch::HttpsFetcher, crate::fetch::FetchError> {
    crate::fetch::HttpsFetcher::for_tests(roots_pem, hosts)
}
