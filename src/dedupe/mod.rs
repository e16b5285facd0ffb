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
//! [`Verifier::dedupe_key`] picks the key: the provider's own delivery id where it sends
//! one (in its headers, [`Verified::delivery_id`], or in the event,
//! [`WebhookEvent::delivery_id`]), else a SHA-256 of the verified body, behind the
//! verifier's stable [name](Verifier::with_name): `pocketbook:id:evt_1`.
//!
//! # Examples
//!
//! ```
//! use std::time::Duration;
//! use hookverify::dedupe::MemoryGuard;
//! use hookverify::providers::pocketbook;
//! use hookverify::{Secret, Sign};
//!
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! let guard = MemoryGuard::new(100_000, Duration::from_secs(24 * 3600));
//! let verifier = pocketbook::verifier([Secret::new("whsec_1234567890abcdef")]);
//! let body = include_bytes!("../../tests/data/payloads/pocketbook/voucher.minted.json");
//! let headers = pocketbook::scheme().sign(body, &Secret::new("whsec_1234567890abcdef"),
//!     time::OffsetDateTime::now_utc());
//!
//! let first: Option<pocketbook::Event> = verifier.verify_json_once(body, &headers, &guard).await?;
//! assert!(first.is_some()); // handle it
//! let retry: Option<pocketbook::Event> = verifier.verify_json_once(body, &headers, &guard).await?;
//! assert!(retry.is_none()); // answer 2xx, do nothing
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

use crate::{Error, Headers, Scheme, Verified, Verifier, WebhookEvent};

/// A guard shared behind an `Arc`, e.g. one store for several
/// endpoints of the framework integrations.
impl<G: Guard + ?Sized> Guard for std::sync::Arc<G> {
    fn record<'a>(&'a self, key: &'a str, ttl: Duration) -> GuardFuture<'a, Seen> {
        (**self).record(key, ttl)
    }

    fn forget<'a>(&'a self, key: &'a str) -> GuardFuture<'a, ()> {
        (**self).forget(key)
    }

    fn ttl(&self) -> Duration {
        (**self).ttl()
    }
}

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
/// [`Verifier::verify_once`] and [`Verifier::verify_json_once`] record through it.
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

    /// The time-to-live this guard uses in [`Verifier::verify_once`] and
    /// [`Verifier::verify_json_once`].
    fn ttl(&self) -> Duration;
}

/// `<namespace>:id:<delivery id>` where the provider sends a delivery id, else
/// `<namespace>:sha256:<hex of the body>`.
fn delivery_key(namespace: &str, id: Option<&str>, body: &[u8]) -> String {
    match id {
        Some(id) => format!("{namespace}:id:{id}"),
        None => format!("{namespace}:sha256:{}", hex::encode(Sha256::digest(body))),
    }
}

impl<S: Scheme> Verifier<S> {
    /// The key [`verify_once`](Verifier::verify_once) and
    /// [`verify_json_once`](Verifier::verify_json_once) record for a verified request:
    /// `<name>:id:<id>` with the delivery id from the provider's headers
    /// ([`Verified::delivery_id`]) or else from the event
    /// ([`WebhookEvent::delivery_id`]), and `<name>:sha256:<hex of the body>` when there
    /// is neither. `<name>` is the verifier's [name](Verifier::with_name), stable across
    /// compiler versions and deploys.
    ///
    /// # Errors
    ///
    /// [`Error::Unnamed`] when the verifier has no name.
    ///
    /// # Examples
    ///
    /// ```
    /// use hookverify::providers::standard_webhooks;
    ///
    /// let verifier = standard_webhooks::verifier(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])?;
    /// let headers = [
    ///     ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
    ///     ("webhook-timestamp", "1614265330"),
    ///     ("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
    /// ];
    /// let sent = hookverify::time::OffsetDateTime::from_unix_timestamp(1614265330).unwrap();
    /// let verified = verifier.verify_at(br#"{"test": 2432232314}"#, &headers, sent)?;
    /// assert_eq!(
    ///     verifier.dedupe_key(&verified, None)?,
    ///     "standard_webhooks:id:msg_p5jXN8AQM9LWM0D4loKWxJek"
    /// );
    /// # Ok::<(), hookverify::Error>(())
    /// ```
    pub fn dedupe_key(
        &self,
        verified: &Verified<'_>,
        event: Option<&dyn WebhookEvent>,
    ) -> Result<String, Error> {
        let name = self.name().ok_or(Error::Unnamed)?;
        let id = verified
            .delivery_id()
            .or_else(|| event.and_then(WebhookEvent::delivery_id));
        Ok(delivery_key(name, id, verified.body()))
    }

    /// Verifies the request and records its [key](Verifier::dedupe_key) in `guard`, in
    /// one call: for providers whose headers name the delivery (or when a hash of the
    /// body will do), with no event type. `None` for a delivery seen before: answer 2xx
    /// and do nothing.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`]; [`Error::Unnamed`] when the verifier has no name; and
    /// [`Error::DedupeUnavailable`] when the guard cannot answer (fail closed: the caller
    /// should answer 503 so the provider retries).
    pub async fn verify_once<'a>(
        &self,
        body: &'a (impl AsRef<[u8]> + ?Sized),
        headers: &(impl Headers + ?Sized),
        guard: &(impl Guard + ?Sized),
    ) -> Result<Option<Verified<'a>>, Error> {
        let verified = self.verify(body, headers)?;
        let key = self.dedupe_key(&verified, None)?;
        Ok(match guard.record(&key, guard.ttl()).await? {
            Seen::First => Some(verified),
            Seen::Duplicate => None,
        })
    }

    /// Verifies, deserializes, and records the event's [key](Verifier::dedupe_key) in
    /// `guard`, in one call. `None` for a delivery seen before: answer 2xx and do nothing.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify_json`]; [`Error::Unnamed`] when the verifier has no name;
    /// and [`Error::DedupeUnavailable`] when the guard cannot answer (fail closed: the
    /// caller should answer 503 so the provider retries).
    pub async fn verify_json_once<T>(
        &self,
        body: &(impl AsRef<[u8]> + ?Sized),
        headers: &(impl Headers + ?Sized),
        guard: &(impl Guard + ?Sized),
    ) -> Result<Option<T>, Error>
    where
        T: DeserializeOwned + WebhookEvent,
    {
        let verified = self.verify(body, headers)?;
        let event: T = verified.json()?;
        let key = self.dedupe_key(&verified, Some(&event))?;
        Ok(match guard.record(&key, guard.ttl()).await? {
            Seen::First => Some(event),
            Seen::Duplicate => None,
        })
    }
}
