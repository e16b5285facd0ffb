//! Keys fetched from the provider (feature `fetch`): AWS SNS's and PayPal's signing
//! certificates, Google's and Plaid's JSON Web Keys.
//!
//! A [`KeyFetcher`] fetches a provider's keys over HTTPS and caches them. It is handed to
//! the presets that need one ([`aws_sns`](crate::providers::aws_sns),
//! [`paypal`](crate::providers::paypal), [`plaid`](crate::providers::plaid),
//! [`google_pubsub`](crate::providers::google_pubsub)); their verifiers are then used with
//! [`Verifier::verify_async`](crate::Verifier::verify_async) (the axum, actix-web and tower
//! integrations do this themselves).
//!
//! What it guarantees:
//!
//! - **Pinned hosts.** A URL a request names (`SigningCertURL`, `PAYPAL-CERT-URL`) is
//!   checked against the provider's hosts on its written and its parsed form *before*
//!   any connection: `https://` only; no userinfo, port, IP literal, percent-encoding,
//!   backslash, query or look-alike host (`sns.us-east-1.amazonaws.com.evil.example`).
//!   URLs the verifier builds itself (Google's JWKS, Plaid's key endpoint) are fixed.
//! - **HTTPS with Mozilla's roots** ([`HttpsFetcher`], on `reqwest` and `rustls` with
//!   `ring`; no redirects followed, no proxy), a connect timeout, a total timeout, and a
//!   size cap on the response.
//! - **A cache** by URL (or by key id), for a TTL (default one hour). Once cached, a
//!   verification does no I/O and takes only a shared read lock. Concurrent misses for
//!   one document make one request. A key id that the cached document lacks fetches it
//!   again at most once per refetch interval (default one minute), so forged ids cannot
//!   make the verifier hammer the provider.
//! - **Failing closed.** A key that cannot be fetched refuses the request with
//!   [`Error::KeyUnavailable`] (503, so the provider retries);
//!   nothing is ever accepted without a key.
//!
//! Another HTTP client (a Cloudflare Worker's `fetch`, your own hyper client) plugs in by
//! implementing [`Fetch`].

mod https;

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin as StdPin;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use time::OffsetDateTime;

pub use https::HttpsFetcher;

use crate::error::Error;
use crate::key::Key;

/// The future a [`Fetch`] returns.
pub type FetchFuture<'a> =
    StdPin<Box<dyn Future<Output = Result<Vec<u8>, FetchError>> + Send + 'a>>;

/// An HTTP client that fetches a provider's key document: the seam for running on another
/// client than the default [`HttpsFetcher`].
///
/// An implementation sends exactly the [`FetchRequest`] it is given (method, URL, body)
/// over HTTPS, follows no redirect, returns the body of a `200 OK` answer, and fails
/// with a [`FetchError`] otherwise: another status, a body longer than
/// [`FetchRequest::max_len`], a timeout, a TLS or connection failure. The URL has already
/// been checked against the provider's hosts.
///
/// # Examples
///
/// A client of your own (here one that asks an HTTP stack through a function; on a
/// Cloudflare Worker it would call the runtime's `fetch`):
///
/// ```
/// use hookverify::fetch::{Fetch, FetchError, FetchFuture, FetchRequest, KeyFetcher};
///
/// #[derive(Debug)]
/// struct MyClient;
///
/// impl MyClient {
///     async fn get(&self, url: &str, max_len: usize) -> Result<(u16, Vec<u8>), String> {
///         # let _ = (url, max_len);
///         Ok((503, Vec::new())) // your HTTP stack here
///     }
/// }
///
/// impl Fetch for MyClient {
///     fn fetch<'a>(&'a self, request: &'a FetchRequest) -> FetchFuture<'a> {
///         Box::pin(async move {
///             let (status, body) = self
///                 .get(request.url().as_str(), request.max_len())
///                 .await
///                 .map_err(|message| FetchError::Transport { message })?;
///             if status != 200 {
///                 return Err(FetchError::Status { status });
///             }
///             if body.len() > request.max_len() {
///                 return Err(FetchError::TooLarge { limit: request.max_len() });
///             }
///             Ok(body)
///         })
///     }
/// }
///
/// let fetcher = KeyFetcher::with_fetch(MyClient);
/// # let _ = fetcher;
/// ```
pub trait Fetch: Send + Sync + fmt::Debug {
    /// Sends `request` and returns the body of the `200 OK` answer.
    fn fetch<'a>(&'a self, request: &'a FetchRequest) -> FetchFuture<'a>;
}

/// What a [`Fetch`] sends: a `GET` of a key URL, or (Plaid) a `POST` of a JSON body.
#[derive(Clone, PartialEq, Eq)]
pub struct FetchRequest {
    url: url::Url,
    json: Option<Vec<u8>>,
    max_len: usize,
}

impl FetchRequest {
    /// The URL, already checked against the provider's hosts.
    #[must_use]
    pub fn url(&self) -> &url::Url {
        &self.url
    }

    /// `GET`, or `POST` when there is a [`json_body`](FetchRequest::json_body).
    #[must_use]
    pub fn method(&self) -> &'static str {
        if self.json.is_some() { "POST" } else { "GET" }
    }

    /// The JSON body of a `POST` (`Content-Type: application/json`). It may hold API
    /// credentials (Plaid's): never log it.
    #[must_use]
    pub fn json_body(&self) -> Option<&[u8]> {
        self.json.as_deref()
    }

    /// The largest response body to accept, in bytes.
    #[must_use]
    pub fn max_len(&self) -> usize {
        self.max_len
    }
}

/// The method and URL; never the body, which may hold credentials.
impl fmt::Debug for FetchRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FetchRequest")
            .field("method", &self.method())
            .field("url", &self.url.as_str())
            .field("max_len", &self.max_len)
            .finish_non_exhaustive()
    }
}

/// Why a key document could not be fetched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// The server answered another status than `200 OK` (redirects are not followed).
    #[error("the server answered {status}")]
    Status {
        /// The HTTP status.
        status: u16,
    },
    /// The answer is longer than the limit.
    #[error("the answer is longer than {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// Connecting or reading took longer than the timeout.
    #[error("timed out")]
    Timeout,
    /// The connection or the TLS handshake failed.
    #[error("{message}")]
    Transport {
        /// What the client reported.
        message: String,
    },
    /// The document was fetched but holds no usable key.
    #[error("the document holds no usable key: {message}")]
    Document {
        /// What is wrong with it.
        message: String,
    },
}

/// One key of a fetched document, with its key id and validity where it has them.
#[derive(Debug)]
pub(crate) struct FetchedKey {
    pub(crate) kid: Option<String>,
    pub(crate) key: Key,
    pub(crate) not_before: Option<OffsetDateTime>,
    pub(crate) not_after: Option<OffsetDateTime>,
}

impl FetchedKey {
    /// A key valid at all times (a JWKS entry).
    pub(crate) fn new(kid: Option<String>, key: Key) -> Self {
        FetchedKey {
            kid,
            key,
            not_before: None,
            not_after: None,
        }
    }

    /// [`Error::NotValidNow`] unless `now` is within the key's validity.
    pub(crate) fn check_validity(
        &self,
        what: &'static str,
        now: OffsetDateTime,
    ) -> Result<(), Error> {
        if let Some(after) = self.not_after.filter(|&after| now > after) {
            return Err(Error::NotValidNow {
                what,
                detail: format!("it expired {} s ago", (now - after).whole_seconds()).into(),
            });
        }
        if let Some(before) = self.not_before.filter(|&before| now < before) {
            return Err(Error::NotValidNow {
                what,
                detail: format!("it is valid only in {} s", (before - now).whole_seconds()).into(),
            });
        }
        Ok(())
    }
}

/// The keys of one fetched document.
pub(crate) type KeySet = [FetchedKey];

/// Reads the keys of a fetched document.
pub(crate) type Parse = fn(&[u8]) -> Result<Vec<FetchedKey>, FetchError>;

/// Where the keys for one request are, and how to read them: built by a scheme from the
/// request (its URL checked by a [`Pin`](crate::pin::Pin)) or from its configuration.
#[derive(Debug, Clone)]
pub(crate) struct Location {
    pub(crate) request: FetchRequest,
    /// What the document is cached under: its URL, or the provider and key id.
    pub(crate) cache_key: String,
    /// The key the request names, when it names one.
    pub(crate) kid: Option<String>,
    pub(crate) parse: Parse,
}

impl Location {
    /// A `GET` of `url`, cached under the URL.
    pub(crate) fn get(url: url::Url, kid: Option<String>, parse: Parse) -> Self {
        Location {
            cache_key: url.as_str().to_owned(),
            request: FetchRequest {
                url,
                json: None,
                max_len: 0,
            },
            kid,
            parse,
        }
    }

    /// A `POST` of `json` to `url` asking for key `kid`, cached under `cache_key`. A
    /// `400` or `404` answer means the provider has no such key.
    pub(crate) fn post(
        url: url::Url,
        json: Vec<u8>,
        cache_key: String,
        kid: String,
        parse: Parse,
    ) -> Self {
        Location {
            request: FetchRequest {
                url,
                json: Some(json),
                max_len: 0,
            },
            cache_key,
            kid: Some(kid),
            parse,
        }
    }

    /// Whether `error` says the provider has no such key.
    fn says_unknown(&self, error: &FetchError) -> bool {
        self.request.json.is_some() && matches!(error, FetchError::Status { status: 400 | 404 })
    }

    /// Where the keys are, for error messages.
    fn describe(&self) -> String {
        describe(&self.request.url)
    }
}

/// A fetched document's keys and when they were fetched.
#[derive(Clone)]
struct Cached {
    keys: Arc<KeySet>,
    at: Instant,
}

/// One fetch in flight, shared by every request that needs its document.
type InFlight = Arc<tokio::sync::OnceCell<Result<Arc<KeySet>, FetchError>>>;

#[derive(Default)]
struct Cache {
    ready: RwLock<HashMap<String, Cached>>,
    in_flight: Mutex<HashMap<String, InFlight>>,
    /// Key ids the provider said it does not have (Plaid's endpoint answering 400 or
    /// 404), and when: not asked again within the refetch interval.
    unknown: Mutex<HashMap<String, Instant>>,
    /// When each cached key set was last asked for again because it lacked a key id,
    /// whatever the answer: it is asked for again only a refetch interval after that, even
    /// while the provider fails. One entry per key set (Google's), so it stays small.
    attempted: Mutex<HashMap<String, Instant>>,
}

/// The most unknown key ids remembered; forged ids beyond it clear the memory (and are
/// then asked about at most once each per refetch interval again).
const MAX_UNKNOWN: usize = 1024;

/// Fetches providers' keys over HTTPS and caches them: see the [module](self) docs.
///
/// Build one at start-up and hand it (cheaply cloned; clones share the cache) to the
/// presets that need it.
///
/// # Examples
///
/// ```no_run
/// use hookverify::fetch::KeyFetcher;
/// use hookverify::providers::aws_sns;
///
/// # async fn handle(body: &[u8], headers: &http::HeaderMap) -> Result<(), hookverify::Error> {
/// let verifier = aws_sns::verifier(KeyFetcher::new());
/// let verified = verifier.verify_async(body, headers).await?;
/// # let _ = verified;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct KeyFetcher {
    fetch: Arc<dyn Fetch>,
    cache: Arc<Cache>,
    ttl: Duration,
    refetch_interval: Duration,
    max_len: usize,
}

impl fmt::Debug for KeyFetcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cached = self.cache.ready.read().map_or(0, |ready| ready.len());
        f.debug_struct("KeyFetcher")
            .field("fetch", &self.fetch)
            .field("ttl", &self.ttl)
            .field("refetch_interval", &self.refetch_interval)
            .field("max_len", &self.max_len)
            .field("cached_documents", &cached)
            .finish()
    }
}

impl Default for KeyFetcher {
    fn default() -> Self {
        KeyFetcher::new()
    }
}

impl KeyFetcher {
    /// A fetcher on the default [`HttpsFetcher`] (Mozilla's roots, 5 s to connect, 10 s
    /// in all), caching each document for an hour.
    #[must_use]
    pub fn new() -> Self {
        KeyFetcher::with_fetch(HttpsFetcher::new())
    }

    /// A fetcher on another HTTP client.
    #[must_use]
    pub fn with_fetch(fetch: impl Fetch + 'static) -> Self {
        KeyFetcher {
            fetch: Arc::new(fetch),
            cache: Arc::default(),
            ttl: Duration::from_secs(3600),
            refetch_interval: Duration::from_secs(60),
            max_len: 64 * 1024,
        }
    }

    /// How long a fetched document is used before it is fetched again (default one hour).
    #[must_use]
    pub fn with_ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    /// The shortest time between two fetches of a document because a request named a key
    /// it lacks (default one minute).
    #[must_use]
    pub fn with_refetch_interval(mut self, interval: Duration) -> Self {
        self.refetch_interval = interval;
        self
    }

    /// The largest document accepted, in bytes (default 64 KiB; certificates and key
    /// sets are a few KiB).
    #[must_use]
    pub fn with_max_len(mut self, max_len: usize) -> Self {
        self.max_len = max_len;
        self
    }

    /// The cached keys of `location`: no I/O, a shared read lock.
    fn cached(&self, location: &Location) -> Option<Cached> {
        let ready = self.cache.ready.read().ok()?;
        ready.get(&location.cache_key).cloned()
    }

    /// The keys for `location`, from the cache: what a scheme verifies with. The TTL is
    /// not checked here but by [`load`](KeyFetcher::load), which fetches again what is
    /// older: keys just fetched are used even under a zero TTL, and a synchronous
    /// verification, which cannot fetch, uses the keys last fetched.
    ///
    /// # Errors
    ///
    /// [`Error::KeyUnavailable`] when they are not cached: fetch them first with
    /// [`load`](KeyFetcher::load) (which
    /// [`Verifier::verify_async`](crate::Verifier::verify_async) does).
    pub(crate) fn keys(&self, location: &Location) -> Result<Arc<KeySet>, Error> {
        if let Some(cached) = self.cached(location) {
            return Ok(cached.keys);
        }
        if self.recently_unknown(location) {
            return Err(Error::UnknownKey);
        }
        Err(Error::KeyUnavailable {
            location: location.describe(),
            reason: "not fetched yet: verify with `verify_async`, which fetches it".into(),
        })
    }

    /// What must be fetched before `location`'s keys can be read from the cache: `None`
    /// when they are fresh (and hold the key id named, or were fetched within the refetch
    /// interval).
    pub(crate) fn load(&self, location: Location) -> Option<crate::scheme::KeysFuture> {
        // A fresh document: a shared read lock, nothing else, on the path of every
        // verification.
        if let Some(cached) = self
            .cached(&location)
            .filter(|cached| cached.at.elapsed() < self.ttl)
        {
            let has_kid = location
                .kid
                .as_deref()
                .is_none_or(|kid| cached.keys.iter().any(|k| k.kid.as_deref() == Some(kid)));
            if has_kid {
                return None;
            }
            let last_asked = self
                .cache
                .attempted
                .lock()
                .ok()
                .and_then(|attempted| attempted.get(&location.cache_key).copied())
                .map_or(cached.at, |at| at.max(cached.at));
            if last_asked.elapsed() < self.refetch_interval {
                return None;
            }
            // Asked for again for a key id it lacks: recorded now, whatever the answer.
            if let Ok(mut attempted) = self.cache.attempted.lock() {
                attempted.insert(location.cache_key.clone(), Instant::now());
            }
        } else if self.recently_unknown(&location) {
            return None;
        }
        let this = self.clone();
        Some(Box::pin(
            async move { this.fetch_coalesced(location).await },
        ))
    }

    /// Whether the provider said, within the refetch interval, that it has no such key.
    fn recently_unknown(&self, location: &Location) -> bool {
        self.cache.unknown.lock().is_ok_and(|unknown| {
            unknown
                .get(&location.cache_key)
                .is_some_and(|at| at.elapsed() < self.refetch_interval)
        })
    }

    /// Fetches `location` once for every concurrent caller, and caches the keys.
    async fn fetch_coalesced(&self, mut location: Location) -> Result<(), Error> {
        location.request.max_len = self.max_len;
        let cell = {
            let mut in_flight = self
                .cache
                .in_flight
                .lock()
                .map_err(|_| poisoned(&location))?;
            in_flight
                .entry(location.cache_key.clone())
                .or_default()
                .clone()
        };
        // Whatever happens to this call (done, or cancelled mid-fetch), its entry in the
        // in-flight map goes when it ends, so abandoned fetches do not accumulate.
        let _in_flight = InFlightEntry {
            cache: &self.cache,
            key: &location.cache_key,
            cell: &cell,
        };
        let result = cell
            .get_or_init(|| self.fetch_once(&location))
            .await
            .clone();
        if let Ok(keys) = &result
            && let Ok(mut ready) = self.cache.ready.write()
        {
            let stale = ready
                .get(&location.cache_key)
                .is_none_or(|cached| !Arc::ptr_eq(&cached.keys, keys));
            if stale {
                ready.insert(
                    location.cache_key.clone(),
                    Cached {
                        keys: keys.clone(),
                        at: Instant::now(),
                    },
                );
            }
        }
        match result {
            Ok(_) => Ok(()),
            Err(e) if location.says_unknown(&e) => {
                if let Ok(mut unknown) = self.cache.unknown.lock() {
                    if unknown.len() >= MAX_UNKNOWN {
                        unknown.clear();
                    }
                    unknown.insert(location.cache_key.clone(), Instant::now());
                }
                Err(Error::UnknownKey)
            }
            Err(e) => Err(Error::KeyUnavailable {
                location: location.describe(),
                reason: e.to_string(),
            }),
        }
    }

    /// One `GET` of `url` (already pinned), not cached: AWS SNS's subscription
    /// confirmation.
    pub(crate) async fn get_once(&self, url: url::Url) -> Result<Vec<u8>, Error> {
        let request = FetchRequest {
            url,
            json: None,
            max_len: self.max_len,
        };
        self.fetch
            .fetch(&request)
            .await
            .map_err(|e| Error::KeyUnavailable {
                location: describe(&request.url),
                reason: e.to_string(),
            })
    }

    async fn fetch_once(&self, location: &Location) -> Result<Arc<KeySet>, FetchError> {
        let body = self.fetch.fetch(&location.request).await?;
        if body.len() > self.max_len {
            return Err(FetchError::TooLarge {
                limit: self.max_len,
            });
        }
        let keys = (location.parse)(&body)?;
        if keys.is_empty() {
            return Err(FetchError::Document {
                message: "no key".into(),
            });
        }
        Ok(keys.into())
    }
}

/// A key URL for error messages: scheme, host and path (never a query).
fn describe(url: &url::Url) -> String {
    format!(
        "{}://{}{}",
        url.scheme(),
        url.host_str().unwrap_or(""),
        url.path()
    )
}

/// Removes a fetch's entry from the in-flight map when its caller is done with it.
struct InFlightEntry<'a> {
    cache: &'a Cache,
    key: &'a str,
    cell: &'a InFlight,
}

impl Drop for InFlightEntry<'_> {
    fn drop(&mut self) {
        if let Ok(mut in_flight) = self.cache.in_flight.lock()
            && in_flight
                .get(self.key)
                .is_some_and(|current| Arc::ptr_eq(current, self.cell))
        {
            in_flight.remove(self.key);
        }
    }
}

fn poisoned(location: &Location) -> Error {
    Error::KeyUnavailable {
        location: location.describe(),
        reason: "the key cache is poisoned by a panic".into(),
    }
}
