//! The threads WebSocket sessions live on, apart from the HTTP workers.
//!
//! A session used to stay on the worker that accepted its handshake, so at 90,000 deliveries a
//! second each worker's one run queue held a REST request behind hundreds of session tasks:
//! under W1 at 100 writes/s the PATCH round trip had a p99 of 140–224 ms against the bare
//! shape's 9–10 ms (docs/benchmarks.md). Now the upgrade hands the socket to one of these
//! threads and the session, its hub and all its deliveries run there; the workers only serve
//! HTTP, and the kernel shares the cores between the two kinds of thread.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use actix::Arbiter;

/// The session threads, each with the count of sessions it holds.
pub struct SessionThreads {
    threads: Vec<(Arbiter, Arc<AtomicUsize>)>,
}

/// A session's place on its thread, given back when it is dropped.
#[derive(Debug)]
pub struct Seat(Arc<AtomicUsize>);

impl Drop for Seat {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

impl SessionThreads {
    /// Starts `count` threads (at least one). Must run inside an actix system.
    pub fn start(count: usize) -> std::io::Result<SessionThreads> {
        let threads =
            (0..count.max(1)).map(|_| Ok((Arbiter::try_new()?, Arc::default()))).collect::<std::io::Result<_>>()?;
        Ok(SessionThreads { threads })
    }

    /// Runs `start` on the thread that holds the fewest sessions, handing it that thread's
    /// seat; `false` when the thread has stopped (the server is shutting down).
    pub fn spawn(&self, start: impl FnOnce(Seat) + Send + 'static) -> bool {
        let Some((arbiter, count)) = self.threads.iter().min_by_key(|(_, count)| count.load(Ordering::Relaxed)) else {
            return false;
        };
        count.fetch_add(1, Ordering::Relaxed);
        let seat = Seat(Arc::clone(count));
        arbiter.spawn_fn(move || start(seat))
    }

    /// Sessions on each thread (`GET /api/realtime/stats`).
    pub fn loads(&self) -> Vec<usize> {
        self.threads.iter().map(|(_, count)| count.load(Ordering::Relaxed)).collect()
    }
}

impl Drop for SessionThreads {
    /// Stops the threads' event loops (their sessions are closed by then, or are dropped).
    fn drop(&mut self) {
        for (arbiter, _) in &self.threads {
            arbiter.stop();
        }
    }
}

/// The processor time the calling thread has used so far: unlike the time on the clock, it does
/// not grow while the thread waits for a core.
pub fn cpu_time() -> std::time::Duration {
    let mut used = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime only writes the timespec it is handed, which lives through the call.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut used) };
    debug_assert_eq!(status, 0, "every Linux thread has a CPU-time clock");
    std::time::Duration::new(used.tv_sec as u64, used.tv_nsec as u32)
}
