//! Gives the memory a burst of WebSocket handshakes leaves behind back to the system, once the
//! burst is over (a reconnect storm: every browser reconnects when an instance restarts).
//!
//! Each handshake in flight holds the HTTP dispatcher's buffers, the request and its
//! credential look-up. glibc's malloc keeps what they free in its arenas for reuse, so with
//! 10,000 sessions connecting all at once the process held 15.4 KiB per session; trimmed, 9.8
//! (docs/benchmarks.md, issue 25). `malloc_trim(0)` hands every whole free page of every arena
//! back; it costs a walk over the free lists, so it runs when the handshakes stop, not after
//! each one.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How often the trimmer looks at the count of sessions opened.
const CHECK_EVERY: Duration = Duration::from_millis(250);
/// Sessions opened since the last trim before another is worth its walk over the arenas.
const MIN_OPENED: u64 = 128;
/// Checks after which a trim runs even while sessions keep opening (10 s): a storm that never
/// pauses still gives its memory back.
const MAX_CHECKS_BETWEEN_TRIMS: u32 = 40;

/// When to trim, from the count of sessions opened so far, looked at once per check.
#[derive(Debug, Default)]
pub struct TrimPolicy {
    /// Sessions opened as of the last check.
    seen: u64,
    /// Sessions opened as of the last trim.
    trimmed_at: u64,
    checks_since_trim: u32,
}

impl TrimPolicy {
    /// Whether to trim now, given `opened`, the sessions opened so far: when enough opened
    /// since the last trim and none since the last check (the burst is over), or when they
    /// have kept opening for `MAX_CHECKS_BETWEEN_TRIMS` checks.
    pub fn check(&mut self, opened: u64) -> bool {
        let burst_over = opened == self.seen;
        self.seen = opened;
        self.checks_since_trim = self.checks_since_trim.saturating_add(1);
        let enough = opened.saturating_sub(self.trimmed_at) >= MIN_OPENED;
        if !enough || !(burst_over || self.checks_since_trim >= MAX_CHECKS_BETWEEN_TRIMS) {
            return false;
        }
        self.trimmed_at = opened;
        self.checks_since_trim = 0;
        true
    }
}

/// Checks `opened` (sessions opened so far) every `CHECK_EVERY` and trims on a blocking thread
/// when the policy says so. Must run inside an actix system.
pub fn spawn(opened: Arc<AtomicU64>) {
    if !TRIMS {
        return;
    }
    actix_web::rt::spawn(async move {
        let mut policy = TrimPolicy::default();
        let mut interval = actix_web::rt::time::interval(CHECK_EVERY);
        loop {
            interval.tick().await;
            if policy.check(opened.load(Ordering::Relaxed)) {
                // Off the event loop: the walk takes milliseconds with tens of megabytes held.
                let _ = actix_web::web::block(trim).await;
            }
        }
    });
}

/// Whether this build's allocator can be trimmed (glibc's).
const TRIMS: bool = cfg!(all(target_os = "linux", target_env = "gnu"));

fn trim() {
    let started = Instant::now();
    let before = crate::telemetry::resident_memory_bytes();
    // SAFETY: malloc_trim has no preconditions; it locks each arena while it walks it.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    unsafe {
        libc::malloc_trim(0);
    }
    let after = crate::telemetry::resident_memory_bytes();
    tracing::debug!(
        before_kib = before.map(|b| b / 1024),
        after_kib = after.map(|b| b / 1024),
        micros = started.elapsed().as_micros() as u64,
        "trimmed the allocator after a burst of sessions"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_trimmed_once_it_stops() {
        let mut policy = TrimPolicy::default();
        assert!(!policy.check(200), "sessions still opening");
        assert!(!policy.check(10_000), "sessions still opening");
        assert!(policy.check(10_000), "the burst is over");
        assert!(!policy.check(10_000), "nothing opened since the trim");
    }

    #[test]
    fn a_few_sessions_are_not_worth_a_trim() {
        let mut policy = TrimPolicy::default();
        assert!(!policy.check(MIN_OPENED - 1));
        assert!(!policy.check(MIN_OPENED - 1));
        assert!(!policy.check(MIN_OPENED));
        assert!(policy.check(MIN_OPENED));
    }

    #[test]
    fn sessions_that_never_stop_opening_are_trimmed_every_max_checks() {
        let mut policy = TrimPolicy::default();
        let trims: Vec<u32> =
            (1..=2 * MAX_CHECKS_BETWEEN_TRIMS).filter(|&check| policy.check(u64::from(check) * 100)).collect();
        assert_eq!(trims, [MAX_CHECKS_BETWEEN_TRIMS, 2 * MAX_CHECKS_BETWEEN_TRIMS]);
    }
}
