//! The floor under the real-time benchmark: what this machine's kernel alone charges to move
//! one small message over a loopback TCP connection, with no WebSocket, HTTP, JSON or
//! database anywhere.
//!
//!     cargo bench --bench loopback_floor
//!     cargo bench --bench loopback_floor -- --connections 10000 --writer-threads 2
//!
//! A writer process accepts N connections from a reader process (a fork, so each side has
//! its own descriptor limit and CPU account). Like `benches/realtime.rs` it then runs two
//! cases:
//!
//! * spread: `--rate` events per second, each written as one `--size`-byte message to every
//!   eleventh connection (one of eleven "collections"), for `--duration` seconds;
//! * fan-out: one event every 500 ms written to every connection.
//!
//! Each message carries its event's *scheduled* send time, so a writer that falls behind its
//! schedule shows up as latency. The reader waits in `epoll_wait` and reads each ready socket
//! once, as a WebSocket client would. Both sides print their CPU time per delivered message; the
//! reader prints latency p50/p99/max and, for the fan-out, the time to the last delivery of
//! each event.
//!
//! Whatever a real server and client do on top of this is extra: if this floor already misses
//! a latency target, no server can meet it on the same machine.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::time::Duration;

use clap::Parser;

#[derive(Parser, Debug, Clone, Copy)]
struct Args {
    /// Loopback connections (the writer and the reader each hold one end).
    #[arg(long, default_value_t = 10_000)]
    connections: usize,
    /// Events per second in the spread case.
    #[arg(long, default_value_t = 100)]
    rate: u64,
    /// Seconds of the spread case.
    #[arg(long, default_value_t = 8)]
    duration: u64,
    /// Events in the fan-out case (one every 500 ms).
    #[arg(long, default_value_t = 16)]
    fanout_events: u64,
    /// Bytes per message (an event frame of the demo data is 400-900 bytes).
    #[arg(long, default_value_t = 600)]
    size: usize,
    /// Writer threads, each with its share of the connections.
    #[arg(long, default_value_t = 2)]
    writer_threads: usize,
    /// Ignored: cargo bench passes it.
    #[arg(long, hide = true)]
    bench: bool,
}

/// The eleven collections of the real-time benchmark.
const GROUPS: usize = 11;

#[derive(Clone, Copy)]
struct Case {
    name: &'static str,
    /// Events per second.
    rate: f64,
    events: u64,
    /// Connections per event: every `stride`th, starting at the event's group.
    stride: usize,
}

fn main() {
    let args = Args::parse();
    assert!(args.size >= 16, "--size must be at least 16 bytes");
    let cases = [
        Case { name: "spread", rate: args.rate as f64, events: args.rate * args.duration, stride: GROUPS },
        Case { name: "fan-out", rate: 2.0, events: args.fanout_events, stride: 1 },
    ];
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().unwrap();
    println!(
        "machine: {} cores; {} loopback connections, {}-byte messages, {} writer thread(s)",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        args.connections,
        args.size,
        args.writer_threads
    );
    // The reader is a separate process, as a load generator is: fork before any thread starts.
    let (mut go_read, mut go_write) = UnixStream::pair().expect("socketpair");
    // SAFETY: no other thread exists yet; the child only runs `reader` and exits.
    let child = unsafe { libc::fork() };
    assert!(child >= 0, "fork failed");
    if child == 0 {
        drop(listener);
        reader(&args, addr, &cases, &mut go_read);
        std::process::exit(0);
    }
    let mut sockets: Vec<TcpStream> = Vec::with_capacity(args.connections);
    for _ in 0..args.connections {
        let (socket, _) = listener.accept().expect("accept");
        socket.set_nodelay(true).unwrap();
        sockets.push(socket);
    }
    for case in cases {
        std::thread::sleep(Duration::from_millis(500));
        go_write.write_all(b"g").unwrap();
        let start = now() + 0.05;
        let cpu_before = process_cpu();
        let sent: u64 = std::thread::scope(|scope| {
            let threads: Vec<_> = (0..args.writer_threads)
                .map(|thread| {
                    let sockets = &sockets;
                    scope.spawn(move || write_case(sockets, case, start, args.size, thread, args.writer_threads))
                })
                .collect();
            threads.into_iter().map(|t| t.join().unwrap()).sum()
        });
        let cpu = process_cpu() - cpu_before;
        println!(
            "{}: writer sent {sent} messages, {:.2} s of CPU, {:.2} µs per message",
            case.name,
            cpu,
            cpu * 1e6 / sent.max(1) as f64
        );
        // Wait for the reader's report before the next case.
        let mut done = [0u8; 1];
        go_write.read_exact(&mut done).ok();
    }
    let mut status = 0;
    // SAFETY: waits for the child forked above.
    unsafe { libc::waitpid(child, &mut status, 0) };
}

/// Writes every event of `case` to this thread's share of the connections.
fn write_case(sockets: &[TcpStream], case: Case, start: f64, size: usize, thread: usize, threads: usize) -> u64 {
    let mut message = vec![b'x'; size];
    let mut sent = 0;
    for event in 0..case.events {
        let due = start + event as f64 / case.rate;
        let wait = due - now();
        if wait > 0.0 {
            std::thread::sleep(Duration::from_secs_f64(wait));
        }
        message[..8].copy_from_slice(&due.to_le_bytes());
        message[8..16].copy_from_slice(&event.to_le_bytes());
        let first = if case.stride == 1 { 0 } else { event as usize % case.stride };
        for (i, mut socket) in sockets.iter().enumerate().skip(first).step_by(case.stride) {
            if i % threads == thread && socket.write_all(&message).is_ok() {
                sent += 1;
            }
        }
    }
    sent
}

fn reader(args: &Args, addr: std::net::SocketAddr, cases: &[Case], go: &mut UnixStream) {
    let sockets: Vec<TcpStream> = (0..args.connections)
        .map(|_| {
            let socket = TcpStream::connect(addr).expect("connect");
            socket.set_nonblocking(true).unwrap();
            socket
        })
        .collect();
    // SAFETY: plain epoll calls on descriptors this process owns.
    let epoll = unsafe { libc::epoll_create1(0) };
    for (i, socket) in sockets.iter().enumerate() {
        let mut event = libc::epoll_event { events: libc::EPOLLIN as u32, u64: i as u64 };
        // SAFETY: as above.
        unsafe { libc::epoll_ctl(epoll, libc::EPOLL_CTL_ADD, socket.as_raw_fd(), &mut event) };
    }
    let mut buf = vec![0u8; 64 * 1024];
    let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; 256];
    for case in cases {
        let mut signal = [0u8; 1];
        go.read_exact(&mut signal).unwrap();
        let expected: u64 = (0..case.events)
            .map(|event| {
                let first = if case.stride == 1 { 0 } else { event as usize % case.stride };
                (first..args.connections).step_by(case.stride).count() as u64
            })
            .sum();
        let cpu_before = process_cpu();
        let mut latencies: Vec<f32> = Vec::with_capacity(expected as usize);
        let mut last = vec![0f64; case.events as usize];
        let give_up = now() + case.events as f64 / case.rate + 30.0;
        while (latencies.len() as u64) < expected && now() < give_up {
            // SAFETY: `events` has room for its length.
            let ready = unsafe { libc::epoll_wait(epoll, events.as_mut_ptr(), events.len() as i32, 100) };
            for event in &events[..ready.max(0) as usize] {
                let mut socket = &sockets[event.u64 as usize];
                let Ok(n) = socket.read(&mut buf) else { continue };
                let received = now();
                for message in buf[..n].chunks_exact(args.size) {
                    let due = f64::from_le_bytes(message[..8].try_into().unwrap());
                    let index = u64::from_le_bytes(message[8..16].try_into().unwrap()) as usize;
                    latencies.push(((received - due) * 1e3) as f32);
                    if let Some(last) = last.get_mut(index) {
                        *last = last.max(received - due);
                    }
                }
            }
        }
        let cpu = process_cpu() - cpu_before;
        let got = latencies.len();
        latencies.sort_unstable_by(f32::total_cmp);
        let at = |p: f64| latencies.get(((got.max(1) - 1) as f64 * p) as usize).copied().unwrap_or(f32::NAN);
        println!(
            "{}: reader got {got} of {expected} messages, {:.2} s of CPU, {:.2} µs per message; \
             latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            case.name,
            cpu,
            cpu * 1e6 / got.max(1) as f64,
            at(0.5),
            at(0.99),
            at(1.0)
        );
        if case.stride == 1 {
            let mut lasts: Vec<f64> = last.iter().map(|s| s * 1e3).collect();
            lasts.sort_unstable_by(f64::total_cmp);
            println!(
                "{}: last delivery of each event p50 {:.1} ms, max {:.1} ms",
                case.name,
                lasts[lasts.len() / 2],
                lasts[lasts.len() - 1]
            );
        }
        go.write_all(b"d").unwrap();
    }
}

/// Seconds on the monotonic clock, which both processes share.
fn now() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: writes into `ts`.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}

/// User + system CPU seconds of this process so far.
fn process_cpu() -> f64 {
    // SAFETY: getrusage fills the zeroed struct.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
