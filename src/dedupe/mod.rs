//! Duplicate deliveries and replays.
//!
//! Every provider retries (Memento up to 3 times, Memo Bank up to 8, Pocketbook with
//! backoff), and a captured signed request can be replayed for as long as it verifies.
//! A [`Guard`] remembers the key of every event it has seen for a time-to-live and says,
//! atomically, whether a key is new.
//!
//! - [`MemoryGuard`]: one process; bounded memory (capacity and TTL), safe under
//!   concurrency.
//! - `RedisGuard` (feature `redis`): many instances sharing one Redis, with
//!   `SET key NX PX ttl`; fails closed when Redis cannot be reached.
//!
//! [`key_for`] picks the key: the provider's own delivery id where it sends one
//! ([`WebhookEvent::delivery_id`]), else a SHA-256 of the verified body.
//!
//! # Examples
//!
//! ```
//! use std::time::Duration;
//! use hookverify::dedupe::{Delivery, MemoryGuard};
//! use hookverify::providers::pocketbook;
//! use hookverify::{Scheme, Secret};
//!
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! let guard = MemoryGuard::new(100_000, Duration::from_secs(24 * 3600));
//! let verifier = pocketbook::verifier([Secret::new("whsec_1234567890abcdef")]);
//! let body = include_bytes!("../../tests/data/payloads/pocketbook/voucher.minted.json");
//! let headers = pocketbook::scheme().sign(body, &Secret::new("whsec_1234567890abcdef"),
//!     time::OffsetDateTime::now_utc());
//!
//! let first: Delivery<pocketbook::Event> = verifier.verify_json_once(body, &headers, &guard).await?;
//! assert!(matches!(first, Delivery::First(_)));
//! let retry: Delivery<pocketbook::Event> = verifier.verify_json_once(body, &headers, &guard).await?;
//! assert!(matches!(retry, Delivery::Duplicate(_))); // answer 2xx, do nothing
//! # Ok::<(), hookverify::Error>(())
//! # }).unwrap();
//! ```

mod memory;
#[cfg(feature = "redis")]
mod redis;

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

pub use memory::MemoryGuard;
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub use redis::RedisGuard;

use crate::{Error, Headers, Scheme, Verifier, WebhookEvent};

/// Whether a key was new when it was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// Not seen within its time-to-live: it is recorded now.
    First,
    /// Seen before, and not yet expired.
    Duplicate,
}

/// A boxed future, so that [`Guard`] can be used as `dyn Guard`.
pub type GuardFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

/// A store of recently seen event keys.
///
/// Implementations must make [`record`](Guard::record) atomic: of any number of
/// concurrent calls with one key, exactly one sees [`Seen::First`]. They must fail closed:
/// when the store cannot answer, return an error, never `Seen::First`.
pub trait Guard: Send + Sync {
    /// Records `key` for `ttl` and says whether it was already there.
    ///
    /// # Errors
    ///
    /// [`Error::DedupeUnavailable`] when the store cannot be reached.
    fn record<'a>(&'a self, key: &'a str, ttl: Duration) -> GuardFuture<'a, Seen>;

    /// Forgets `key`, so that a retry of a delivery whose processing failed is handled
    /// again.
    ///
    /// # Errors
    ///
    /// [`Error::DedupeUnavailable`] when the store cannot be reached.
    fn forget<'a>(&'a self, key: &'a str) -> GuardFuture<'a, ()>;

    /// The time-to-live this guard uses in [`Verifier::verify_json_once`].
    fn ttl(&self) -> Duration;
}

/// A verified event, first delivery or repeat.
#[derive(Debug, Clone, PartialEq)]
pub enum Delivery<T> {
    /// The first delivery: handle it.
    First(T),
    /// A repeat within the guard's time-to-live: answer 2xx and do nothing.
    Duplicate(T),
}

impl<T> Delivery<T> {
    /// The event, whichever delivery this is.
    pub fn into_inner(self) -> T {
        match self {
            Delivery::First(t) | Delivery::Duplicate(t) => t,
        }
    }

    /// `true` for a repeat.
    pub fn is_duplicate(&self) -> bool {
        matches!(self, Delivery::Duplicate(_))
    }
}

/// The dedupe key of a verified event: `<namespace>:id:<delivery id>` where the provider
/// sends a delivery id, else `<namespace>:sha256:<hex of the body>`.
///
/// Without a delivery id, two genuinely distinct events with byte-identical bodies (say,
/// two `order.changed` for one order) within the time-to-live share a key; pick the TTL
/// with that in mind.
///
/// # Examples
///
/// ```
/// use hookverify::dedupe::key_for;
/// use hookverify::providers::{inmemory4, livingdocs};
///
/// let body = br#"{"event":"mediaLibraryEntry.create","deliveryId":"f8K1","projectId":3,
///     "projectHandle":"s","webhookHandle":"h","mediaId":"m"}"#;
/// let event: livingdocs::Event = serde_json::from_slice(body).unwrap();
/// assert_eq!(key_for("livingdocs", &event, body), "livingdocs:id:f8K1");
///
/// let body = br#"{"event":"test","message":"Hello!"}"#;
/// let event: inmemory4::Event = serde_json::from_slice(body).unwrap();
/// assert!(key_for("inmemory4", &event, body).starts_with("inmemory4:sha256:"));
/// ```
pub fn key_for(namespace: &str, event: &dyn WebhookEvent, body: &[u8]) -> String {
    match event.delivery_id() {
        Some(id) => format!("{namespace}:id:{id}"),
        None => format!("{namespace}:sha256:{}", hex::encode(Sha256::digest(body))),
    }
}

impl<S: Scheme> Verifier<S> {
    /// Verifies, deserializes, and records the event's key in `guard` (see [`key_for`];
    /// the namespace is the event type's name), in one call.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify_json`], and [`Error::DedupeUnavailable`] when the guard
    /// cannot answer (fail closed: the caller should answer 503 so the provider retries).
    pub async fn verify_json_once<T, B, H, G>(
        &self,
        body: &B,
        headers: &H,
        guard: &G,
    ) -> Result<Delivery<T>, Error>
    where
        T: DeserializeOwned + WebhookEvent,
        B: AsRef<[u8]> + ?Sized,
        H: Headers + ?Sized,
        G: Guard + ?Sized,
    {
        let (seen, event, _key) = self
            .verify_json_recorded(body.as_ref(), headers, guard)
            .await?;
        Ok(match seen {
            Seen::First => Delivery::First(event),
            Seen::Duplicate => Delivery::Duplicate(event),
        })
    }

    /// Verifies, deserializes and records the event; gives the key it recorded too.
    pub(crate) async fn verify_json_recorded<T, H, G>(
        &self,
        body: &[u8],
        headers: &H,
        guard: &G,
    ) -> Result<(Seen, T, String), Error>
    where
        T: DeserializeOwned + WebhookEvent,
        H: Headers + ?Sized,
        G: Guard + ?Sized,
    {
        let event: T = self.verify_json(body, headers)?;
        let key = key_for(std::any::type_name::<T>(), &event, body);
        let seen = guard.record(&key, guard.ttl()).await?;
        Ok((seen, event, key))
    }
}
