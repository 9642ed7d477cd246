//! Bearer tokens this instance has looked up in the last second, so that a busy client's
//! requests skip the database (a blocking-pool hop and a query each: a third of the server's
//! CPU on REST creates, measured with `perf` in docs/benchmarks.md).
//!
//! An entry lives `TTL`, so a token revoked or expired on any instance (or with
//! `switchboard token revoke`) stops working within a second on every instance; the instance
//! that revokes it over REST forgets it at once.
//!
//! Apart from it, the credentials (tokens and session cookies) the database accepted in the last
//! `VOUCHED_FOR`: an address blocked for failed look-ups (`AuthState::failed_lookups`) still
//! has these looked up, so a guesser sharing an address with real users (a NAT, a proxy) does
//! not lock them out. Only a valid credential gets in, so guessing cannot grow it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::Principal;

/// How long a looked-up token is believed without asking the database again.
pub const TTL: Duration = Duration::from_secs(1);
/// Entries held at most; beyond it the cache starts over (a flood of distinct valid tokens).
const CAPACITY: usize = 10_000;
/// How long a credential the database accepted keeps its holder past an address's block.
pub const VOUCHED_FOR: Duration = Duration::from_secs(24 * 3600);
/// Vouched-for credentials held at most; past it the half seen least recently are forgotten.
const VOUCHED_CAPACITY: usize = 10_000;

/// SHA-256 of a token (as `auth::hash` gives it) → the caller it named, and when it was read.
#[derive(Default)]
pub struct TokenCache {
    entries: Mutex<HashMap<String, (Instant, Principal)>>,
    /// SHA-256 of a token or session secret the database accepted → when it last did.
    vouched: Mutex<HashMap<String, Instant>>,
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

    /// Remembers that the database accepted the credential with this hash.
    pub fn vouch(&self, secret_hash: &str) {
        let mut vouched = self.vouched.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(at) = vouched.get_mut(secret_hash) {
            *at = Instant::now();
            return;
        }
        if vouched.len() >= VOUCHED_CAPACITY {
            vouched.retain(|_, at| at.elapsed() < VOUCHED_FOR);
            if vouched.len() > VOUCHED_CAPACITY / 2 {
                let mut seen: Vec<Instant> = vouched.values().copied().collect();
                let middle = seen.len() / 2;
                let median = *seen.select_nth_unstable(middle).1;
                vouched.retain(|_, at| *at > median);
            }
        }
        vouched.insert(secret_hash.to_owned(), Instant::now());
    }

    /// Whether the database accepted the credential with this hash in the last `VOUCHED_FOR`.
    pub fn vouched(&self, secret_hash: &str) -> bool {
        let vouched = self.vouched.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        vouched.get(secret_hash).is_some_and(|at| at.elapsed() < VOUCHED_FOR)
    }

    /// Forgets every token (one was revoked here).
    pub fn clear(&self) {
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vouched_for_credentials_are_bounded_and_keep_the_recent_ones() {
        let cache = TokenCache::default();
        for n in 0..(VOUCHED_CAPACITY * 3) {
            cache.vouch(&format!("{n:064x}"));
        }
        let held = cache.vouched.lock().unwrap().len();
        assert!(held <= VOUCHED_CAPACITY, "{held} held");
        assert!(cache.vouched(&format!("{:064x}", VOUCHED_CAPACITY * 3 - 1)));
        assert!(!cache.vouched(&format!("{:064x}", 0)));
    }
}
