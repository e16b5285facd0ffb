//! An in-process guard: sharded maps with a capacity and a time-to-live.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::hash::BuildHasher;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::{Guard, GuardFuture, Seen};

const SHARDS: usize = 16;

/// Remembers keys in this process, for one instance of a service.
///
/// Memory is bounded: at most `capacity` keys (spread over 16 shards, each holding a
/// sixteenth) are kept; each is forgotten after its time-to-live, and when a shard is
/// full its oldest key is evicted first. An evicted key that is delivered again counts as
/// new: size the capacity above the number of events you receive within the TTL.
///
/// Safe under concurrency: each shard is a mutex-protected map, so of any number of
/// concurrent [`record`](Guard::record) calls with one key exactly one sees
/// [`Seen::First`].
pub struct MemoryGuard {
    shards: Box<[Mutex<Shard>]>,
    per_shard: usize,
    ttl: Duration,
    hasher: RandomState,
}

#[derive(Default)]
struct Shard {
    /// Key → expiry.
    map: HashMap<Box<str>, Instant>,
    /// Keys in insertion order, for eviction; may hold keys already removed.
    order: VecDeque<(Box<str>, Instant)>,
}

impl MemoryGuard {
    /// A guard keeping at most `capacity` keys (at least 16), each for `ttl`.
    #[must_use]
    pub fn new(capacity: usize, ttl: Duration) -> Self {
        let per_shard = capacity.div_ceil(SHARDS).max(1);
        MemoryGuard {
            shards: (0..SHARDS).map(|_| Mutex::new(Shard::default())).collect(),
            per_shard,
            ttl,
            hasher: RandomState::new(),
        }
    }

    /// How many keys are held now (expired ones included until they are swept).
    #[must_use]
    pub fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.lock().unwrap_or_else(PoisonError::into_inner).map.len())
            .sum()
    }

    /// `true` when no key is held.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn shard(&self, key: &str) -> &Mutex<Shard> {
        let i = (self.hasher.hash_one(key) as usize) % SHARDS;
        &self.shards[i]
    }

    /// The synchronous operation behind [`Guard::record`].
    pub fn record_now(&self, key: &str, ttl: Duration) -> Seen {
        let now = Instant::now();
        // A poisoned lock only means another thread panicked while holding it; the
        // map itself is always consistent between statements.
        let mut shard = self
            .shard(key)
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // Expired keys go first; a live key is a duplicate, whatever the fill level.
        shard.sweep(now, usize::MAX);
        if shard.map.get(key).is_some_and(|expires| *expires > now) {
            return Seen::Duplicate;
        }
        // A new key: make room by evicting the oldest, then record it.
        shard.sweep(now, self.per_shard);
        let expires = now
            .checked_add(ttl)
            .or_else(|| now.checked_add(Duration::from_secs(100 * 365 * 86_400)))
            .unwrap_or(now);
        shard.map.insert(key.into(), expires);
        shard.order.push_back((key.into(), expires));
        Seen::First
    }

    /// The synchronous operation behind [`Guard::forget`].
    pub fn forget_now(&self, key: &str) {
        let mut shard = self
            .shard(key)
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        shard.map.remove(key);
    }
}

impl Shard {
    /// Drops expired keys from the front, then the oldest keys until there is room.
    fn sweep(&mut self, now: Instant, capacity: usize) {
        while let Some((key, expires)) = self.order.front() {
            let stale = self.map.get(key) != Some(expires);
            let expired = *expires <= now;
            let full = self.map.len() >= capacity;
            if !(stale || expired || full) {
                break;
            }
            let (key, expires) = self.order.pop_front().unwrap_or_else(|| unreachable!());
            if self.map.get(&key) == Some(&expires) {
                self.map.remove(&key);
            }
        }
    }
}

impl Guard for MemoryGuard {
    fn record<'a>(&'a self, key: &'a str, ttl: Duration) -> GuardFuture<'a, Seen> {
        let seen = self.record_now(key, ttl);
        Box::pin(async move { Ok(seen) })
    }

    fn forget<'a>(&'a self, key: &'a str) -> GuardFuture<'a, ()> {
        self.forget_now(key);
        Box::pin(async { Ok(()) })
    }

    fn ttl(&self) -> Duration {
        self.ttl
    }
}

impl fmt::Debug for MemoryGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryGuard")
            .field("capacity", &(self.per_shard * SHARDS))
            .field("ttl", &self.ttl)
            .field("len", &self.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn first_then_duplicate() {
        let g = MemoryGuard::new(100, Duration::from_secs(60));
        assert_eq!(g.record_now("a", Duration::from_secs(60)), Seen::First);
        assert_eq!(g.record_now("a", Duration::from_secs(60)), Seen::Duplicate);
        assert_eq!(g.record_now("b", Duration::from_secs(60)), Seen::First);
        g.forget_now("a");
        assert_eq!(g.record_now("a", Duration::from_secs(60)), Seen::First);
    }

    #[test]
    fn keys_expire() {
        let g = MemoryGuard::new(100, Duration::from_millis(30));
        assert_eq!(g.record_now("a", Duration::from_millis(30)), Seen::First);
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(g.record_now("a", Duration::from_millis(30)), Seen::First);
        assert_eq!(
            g.record_now("a", Duration::from_millis(30)),
            Seen::Duplicate
        );
    }

    #[test]
    fn capacity_bounds_memory_and_evicts_oldest() {
        let g = MemoryGuard::new(160, Duration::from_secs(3600));
        for i in 0..10_000 {
            assert_eq!(
                g.record_now(&format!("k{i}"), Duration::from_secs(3600)),
                Seen::First
            );
        }
        assert!(g.len() <= 160, "{}", g.len());
        // The newest keys are still remembered.
        assert_eq!(
            g.record_now("k9999", Duration::from_secs(3600)),
            Seen::Duplicate
        );
        // The oldest were evicted.
        assert_eq!(g.record_now("k0", Duration::from_secs(3600)), Seen::First);
    }

    #[test]
    fn exactly_one_winner_per_key_under_8_threads() {
        let g = Arc::new(MemoryGuard::new(100_000, Duration::from_secs(60)));
        let wins = Arc::new((0..1000).map(|_| AtomicUsize::new(0)).collect::<Vec<_>>());
        let threads: Vec<_> = (0..8)
            .map(|t| {
                let (g, wins) = (Arc::clone(&g), Arc::clone(&wins));
                std::thread::spawn(move || {
                    for round in 0..1000 {
                        // Each thread walks the keys in its own order.
                        let k = (round * 7 + t * 131) % 1000;
                        if g.record_now(&format!("key{k}"), Duration::from_secs(60)) == Seen::First
                        {
                            wins[k].fetch_add(1, Ordering::SeqCst);
                        }
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert!(wins.iter().all(|w| w.load(Ordering::SeqCst) == 1));
    }

    #[test]
    fn a_huge_ttl_does_not_overflow() {
        let g = MemoryGuard::new(10, Duration::MAX);
        assert_eq!(g.record_now("a", Duration::MAX), Seen::First);
        assert_eq!(g.record_now("a", Duration::MAX), Seen::Duplicate);
    }
}
