//! A guard shared by many instances through Redis.

use std::fmt;
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};

use super::{Guard, GuardFuture, Seen};
use crate::Error;

/// Remembers keys in Redis, so that every instance of a service sees every other's
/// deliveries: `SET <prefix><key> 1 NX PX <ttl>` records a key atomically.
///
/// Connections go through a [`ConnectionManager`] that reconnects by itself after Redis
/// restarts. The guard fails closed: when Redis cannot be reached within the timeouts,
/// [`record`](Guard::record) returns [`Error::DedupeUnavailable`] (HTTP 503, so the
/// provider retries later), never "not seen".
///
/// # Examples
///
/// ```no_run
/// # async fn run() -> Result<(), hookverify::Error> {
/// use std::time::Duration;
/// use hookverify::dedupe::{Guard, RedisGuard, Seen};
///
/// let guard = RedisGuard::open("redis://127.0.0.1:6379/", "webhooks:", Duration::from_secs(86_400))?;
/// assert_eq!(guard.record("pocketbook:id:evt_1", guard.ttl()).await?, Seen::First);
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct RedisGuard {
    conn: ConnectionManager,
    prefix: String,
    ttl: Duration,
}

impl RedisGuard {
    /// A guard on the Redis at `url` (`redis://host:port/db`), storing keys under
    /// `prefix`, each for `ttl`. Connects lazily: a Redis that is down at start-up makes
    /// the first requests fail (closed), not the constructor.
    ///
    /// Must be called inside a Tokio runtime (the connection manager runs a task there).
    ///
    /// # Errors
    ///
    /// [`Error::DedupeUnavailable`] for a malformed URL, or when called outside a Tokio
    /// runtime.
    pub fn open(url: &str, prefix: impl Into<String>, ttl: Duration) -> Result<Self, Error> {
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(Error::DedupeUnavailable {
                message: "RedisGuard::open must be called inside a Tokio runtime".into(),
            });
        }
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(2)))
            .set_response_timeout(Some(Duration::from_secs(2)))
            .set_number_of_retries(2)
            .set_max_delay(Duration::from_millis(500));
        let client = redis::Client::open(url).map_err(unavailable)?;
        let conn = ConnectionManager::new_lazy_with_config(client, config).map_err(unavailable)?;
        Ok(RedisGuard {
            conn,
            prefix: prefix.into(),
            ttl,
        })
    }

    /// A guard over an existing connection manager.
    pub fn from_manager(conn: ConnectionManager, prefix: impl Into<String>, ttl: Duration) -> Self {
        RedisGuard {
            conn,
            prefix: prefix.into(),
            ttl,
        }
    }
}

fn unavailable(e: redis::RedisError) -> Error {
    Error::DedupeUnavailable {
        message: format!("redis: {e}"),
    }
}

impl Guard for RedisGuard {
    fn record<'a>(&'a self, key: &'a str, ttl: Duration) -> GuardFuture<'a, Seen> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            // PX takes whole milliseconds, at least 1.
            let ms = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1);
            let reply: Option<String> = redis::cmd("SET")
                .arg(format!("{}{key}", self.prefix))
                .arg(1)
                .arg("NX")
                .arg("PX")
                .arg(ms)
                .query_async(&mut conn)
                .await
                .map_err(unavailable)?;
            Ok(match reply {
                Some(_) => Seen::First,
                None => Seen::Duplicate,
            })
        })
    }

    fn forget<'a>(&'a self, key: &'a str) -> GuardFuture<'a, ()> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            redis::cmd("DEL")
                .arg(format!("{}{key}", self.prefix))
                .query_async::<i64>(&mut conn)
                .await
                .map_err(unavailable)?;
            Ok(())
        })
    }

    fn ttl(&self) -> Duration {
        self.ttl
    }
}

impl fmt::Debug for RedisGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisGuard")
            .field("prefix", &self.prefix)
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}
