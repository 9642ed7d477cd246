//! Bearer tokens this instance has looked up in the last second, so that a busy client's
//! requests skip the database (a blocking-pool hop and a query each: a third of the server's
//! CPU on REST creates, measured with `perf` in docs/benchmarks.md).
//!
//! An entry lives `TTL`, so a token revoked or expired on any instance (or with
//! `switchboard token revoke`) stops working within a second on every instance; the instance
//! that revokes it over REST forgets it at once.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::Principal;

/// How long a looked-up token is believed without asking the database again.
pub const TTL: Duration = Duration::from_secs(1);
/// Entries held at most; beyond it the cache starts over (a flood of distinct valid tokens).
const CAPACITY: usize = 10_000;

/// SHA-256 of a token (as `auth::hash` gives it) → the caller it named, and when it was read.
#[derive(Default)]
pub struct TokenCache {
    entries: Mutex<HashMap<String, (Instant, Principal)>>,
}

impl TokenCache {
    /// The caller the token with this hash named less than `TTL` ago.
    pub fn get(&self, token_hash: &str) -> Option<Principal> {
        let entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (read_at, principal) = entries.get(token_hash)?;
        (read_at.elapsed() < TTL).then(|| principal.clone())
    }

    /// Remembers what the database said of a valid token.
    pub fn put(&self, token_hash: String, principal: Principal) {
        let mut entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if entries.len() >= CAPACITY {
            entries.retain(|_, (read_at, _)| read_at.elapsed() < TTL);
            if entries.len() >= CAPACITY {
                entries.clear();
            }
        }
        entries.insert(token_hash, (Instant::now(), principal));
    }

    /// Forgets every token (one was revoked here).
    pub fn clear(&self) {
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clear();
    }
}
