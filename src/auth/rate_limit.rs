//! Token buckets keyed by who is asking (a token, a client address), in memory, with idle keys
//! forgotten and a cap on the keys held, so the table cannot grow without bound.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::HttpRequest;

/// Keys held at most. A new key past it sweeps out the idle ones (their buckets are full again);
/// when more than half are still active, the half seen least recently are forgotten too, so a
/// sweep comes at most once per `CAPACITY / 2` new keys. Only a caller with thousands of
/// addresses can make its own bucket be forgotten, and it could spread its requests over them
/// anyway.
const CAPACITY: usize = 10_000;

/// The address a client's limits count against: the connection's peer address (never a header
/// a client could write, so behind a reverse proxy every client shares the proxy's), with an
/// IPv6 address taken as its /64, which one subscriber usually holds whole. An IPv4 client on a
/// dual-stack socket counts as its IPv4 address.
pub fn client_key(req: &HttpRequest) -> IpAddr {
    match req.peer_addr().map(|addr| addr.ip()) {
        Some(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6((u128::from(v6) & !((1u128 << 64) - 1)).into()),
        },
        Some(v4) => v4,
        None => IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED),
    }
}

/// `per_minute` requests a minute per key, in bursts of up to `burst`. A limit of 0 is off.
pub struct RateLimiter<K> {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<K, Bucket>>,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

impl<K: Hash + Eq + Clone> RateLimiter<K> {
    pub fn new(per_minute: u32, burst: u32) -> Self {
        RateLimiter {
            per_second: f64::from(per_minute) / 60.0,
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    pub fn enabled(&self) -> bool {
        self.per_second > 0.0
    }

    /// How long until `key` has a request left, without taking one (`None`: it has).
    pub fn blocked(&self, key: &K) -> Option<Duration> {
        if !self.enabled() {
            return None;
        }
        let buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let bucket = buckets.get(key)?;
        let tokens = (bucket.tokens + bucket.at.elapsed().as_secs_f64() * self.per_second).min(self.burst);
        (tokens < 1.0).then(|| Duration::from_secs_f64((1.0 - tokens) / self.per_second))
    }

    /// Takes one request from `key`'s bucket: `Ok`, or `Err` with how long until one is free.
    pub fn check(&self, key: &K) -> Result<(), Duration> {
        if !self.enabled() {
            return Ok(());
        }
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= CAPACITY && !buckets.contains_key(key) {
            let full_after = Duration::from_secs_f64(self.burst / self.per_second);
            buckets.retain(|_, bucket| now.duration_since(bucket.at) < full_after);
            if buckets.len() > CAPACITY / 2 {
                forget_older_half(&mut buckets);
            }
        }
        let bucket = buckets.entry(key.clone()).or_insert(Bucket { tokens: self.burst, at: now });
        let refill = now.duration_since(bucket.at).as_secs_f64() * self.per_second;
        bucket.tokens = (bucket.tokens + refill).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / self.per_second))
        }
    }
}

/// Forgets the half of `buckets` seen least recently.
fn forget_older_half<K: Hash + Eq>(buckets: &mut HashMap<K, Bucket>) {
    let mut seen: Vec<Instant> = buckets.values().map(|bucket| bucket.at).collect();
    let middle = seen.len() / 2;
    let (_, median, _) = seen.select_nth_unstable(middle);
    let median = *median;
    buckets.retain(|_, bucket| bucket.at > median);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_rate_holds() {
        let limiter = RateLimiter::new(60, 3);
        assert!(limiter.check(&1).is_ok());
        assert!(limiter.check(&1).is_ok());
        assert!(limiter.check(&1).is_ok());
        let wait = limiter.check(&1).unwrap_err();
        assert!(wait <= Duration::from_secs(1) && wait > Duration::from_millis(900), "{wait:?}");
        assert!(limiter.check(&2).is_ok(), "keys have their own buckets");
    }

    #[test]
    fn the_table_holds_at_most_its_capacity() {
        let limiter = RateLimiter::new(1, 1);
        for key in 0..(CAPACITY as u64 * 3) {
            let _ = limiter.check(&key);
        }
        let held = limiter.buckets.lock().unwrap().len();
        assert!(held <= CAPACITY, "{held} keys held");
        assert!(limiter.check(&(CAPACITY as u64 * 3 - 1)).is_err(), "the most recent keys are kept");
    }

    #[test]
    fn zero_is_off() {
        let limiter = RateLimiter::new(0, 0);
        for _ in 0..1000 {
            assert!(limiter.check(&1).is_ok());
        }
    }
}
