//! Load benchmark for the real-time path, run against a live server:
//!
//!     cargo bench --bench realtime -- --sessions 1000
//!     cargo bench --bench realtime -- --sessions 10000 --rate 100 --duration 20
//!
//! It starts `switchboard --demo` on a fresh SQLite file (or uses `--url`), opens N WebSocket
//! sessions each subscribed to one of the eleven collections (evenly spread), drives REST writes
//! at a set rate spread over the collections, and reports deliveries/s, write-to-delivery
//! latency (p50/p99/max), loss, and the server's memory per idle session. Then the fan-out
//! case: every session on one topic, one write at a time, time to the last delivery.
//!
//! Each write stamps the time it was sent into a text field of the record, so a receiver
//! computes its latency from the event alone.
//!
//! Loss is counted per (write, session) pair: every session subscribed to the collection of a
//! write that the server accepted must receive its event exactly once. Duplicates, events for a
//! write the bench did not see succeed, and sessions the server dropped are reported apart.
//!
//! Authentication: when `switchboard token create --name bench --role admin` succeeds against
//! the bench's database, the last line of its output is sent as a Bearer token on every REST
//! request and on the /ws handshake (or pass `--token` with `--url`); when `switchboard --help`
//! lists `--rate-limit-per-min` / `--ws-sessions-per-token`, the spawned server gets `0` (off)
//! for both.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use awc::ws;
use clap::Parser;
use futures_util::{SinkExt, StreamExt};
use serde_json::json;
use switchboard::domain::Entity;

/// The eleven collections (from the catalogue), each with the text field a write stamps in its
/// record id 1 of the demo data. Each field is one PATCH accepts for that record in the demo
/// data's state: an order's notes may change whatever its status, a budget's category stays
/// unique with its period because every stamp is different, and so on.
const FIELDS: [(Entity, &str); 11] = [
    (Entity::Order, "notes"),
    (Entity::Customer, "notes"),
    (Entity::Employee, "department"),
    (Entity::Service, "description"),
    (Entity::Product, "description"),
    (Entity::Invoice, "counterparty"),
    (Entity::Expense, "description"),
    (Entity::Budget, "category"),
    (Entity::Driver, "vehicle"),
    (Entity::Delivery, "notes"),
    (Entity::TransitBatch, "origin"),
];

/// A collection to write to and listen on: its topic, the field a write stamps, and the name its
/// events' types start with.
fn target(index: usize) -> (&'static str, &'static str, &'static str) {
    let (entity, field) = FIELDS[index];
    (entity.collection(), field, entity.singular())
}

/// The collection every session holds in the fan-out run.
const FANOUT_TARGET: usize = 1;

#[derive(Parser, Debug, Clone)]
struct Args {
    /// WebSocket sessions to open.
    #[arg(long, default_value_t = 1000)]
    sessions: usize,
    /// REST writes per second in the spread run.
    #[arg(long, default_value_t = 100)]
    rate: u64,
    /// Seconds of writing in the spread run.
    #[arg(long, default_value_t = 10)]
    duration: u64,
    /// Writes in the fan-out run (one every 500 ms, every session on one topic).
    #[arg(long, default_value_t = 20)]
    fanout_writes: usize,
    /// Client threads holding the sessions (the REST writer has a thread of its own).
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// WebSocket handshakes in flight at once, per client thread.
    #[arg(long, default_value_t = 64)]
    connect_concurrency: usize,
    /// A running server (its memory is then not measured unless --pid is given).
    #[arg(long)]
    url: Option<String>,
    #[arg(long)]
    pid: Option<u32>,
    /// Bearer token for a running server (`--url`).
    #[arg(long)]
    token: Option<String>,
    /// The server binary to spawn (default: the one cargo built with this bench).
    #[arg(long)]
    server_bin: Option<String>,
    /// Database for the spawned server (default: a fresh SQLite file).
    #[arg(long)]
    database_url: Option<String>,
    /// Ignored: cargo bench passes it.
    #[arg(long, hide = true)]
    bench: bool,
}

static START: OnceLock<Instant> = OnceLock::new();

fn micros() -> u64 {
    START.get_or_init(Instant::now).elapsed().as_micros() as u64
}

fn main() {
    assert!(
        Entity::ALL.iter().all(|entity| FIELDS.iter().any(|(e, _)| e == entity)),
        "every collection of the catalogue has a field to write in FIELDS"
    );
    let args = Args::parse();
    assert!(args.sessions > 0 && args.threads > 0 && args.rate > 0, "--sessions, --threads and --rate must be > 0");
    micros();
    let (base, pid, token, _server) = match &args.url {
        Some(url) => (url.trim_end_matches('/').to_owned(), args.pid, args.token.clone(), None),
        None => {
            let server = Server::start(&args);
            (server.base.clone(), Some(server.child.id()), server.token.clone(), Some(server))
        }
    };
    println!("machine: {} cores, {}", cores(), cpu_model());
    println!(
        "server: {base}, sessions: {}, client threads: {}, auth: {}",
        args.sessions,
        args.threads,
        if token.is_some() { "bearer token" } else { "none" }
    );

    let spread = run_sessions(&args, &base, token.as_deref(), pid, Mode::Spread);
    println!(
        "spread: {} sessions over 11 collections, {} writes/s for {} s: {} writes, {} deliveries \
         ({:.0}/s), latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, lost {}, server memory {} per session",
        args.sessions,
        args.rate,
        args.duration,
        spread.writes,
        spread.received,
        spread.received as f64 / args.duration as f64,
        spread.percentile(50.0),
        spread.percentile(99.0),
        spread.percentile(100.0),
        spread.lost,
        spread.memory_per_session.map_or("n/a".to_owned(), |b| format!("{:.1} KiB", b / 1024.0)),
    );
    spread.report_problems("spread");
    // Let the server finish closing the spread run's sessions.
    std::thread::sleep(Duration::from_secs(2));
    let fanout = run_sessions(&args, &base, token.as_deref(), pid, Mode::Fanout);
    println!(
        "fan-out: {} writes to {} sessions on one topic: last delivery p50 {:.1} ms, max {:.1} ms; \
         every delivery p99 {:.1} ms; lost {}",
        fanout.writes,
        args.sessions,
        fanout.last_delivery_percentile(50.0),
        fanout.last_delivery_percentile(100.0),
        fanout.percentile(99.0),
        fanout.lost,
    );
    fanout.report_problems("fan-out");
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Spread,
    Fanout,
}

impl Mode {
    /// The collection (index into FIELDS) a session subscribes to.
    fn session_target(self, session: usize) -> usize {
        match self {
            Mode::Spread => session % FIELDS.len(),
            Mode::Fanout => FANOUT_TARGET,
        }
    }

    /// The collection a write goes to.
    fn write_target(self, write: u64) -> usize {
        match self {
            Mode::Spread => write as usize % FIELDS.len(),
            Mode::Fanout => FANOUT_TARGET,
        }
    }
}

struct Server {
    base: String,
    child: std::process::Child,
    dir: std::path::PathBuf,
    token: Option<String>,
}

impl Server {
    fn start(args: &Args) -> Server {
        let bin = args.server_bin.as_deref().unwrap_or(env!("CARGO_BIN_EXE_switchboard"));
        let dir = std::env::temp_dir().join(format!("switchboard-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let port = free_port();
        let database = args.database_url.clone().unwrap_or_else(|| dir.join("bench.db").display().to_string());
        // Limits that would throttle the load generator, where this build has them.
        let help = std::process::Command::new(bin)
            .arg("--help")
            .output()
            .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
            .unwrap_or_default();
        let mut off = Vec::new();
        for flag in ["--rate-limit-per-min", "--ws-sessions-per-token"] {
            if help.contains(flag) {
                off.extend([flag, "0"]);
            }
        }
        // Migrate and load the demo data first, so a token is made in a ready database.
        let _ = std::process::Command::new(bin)
            .args(["--database-url", &database, "seed-demo"])
            .env("DATABASE_URL", &database)
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .status();
        let token = create_token(bin, &database);
        let child = std::process::Command::new(bin)
            .args(["--demo", "--port", &port.to_string(), "--database-url", &database])
            .args(["--ws-max-sessions", "100000", "--ws-send-queue", "4096"])
            .args(&off)
            .env("RUST_LOG", "warn")
            .spawn()
            .expect("starting switchboard");
        // From here on, dropping `server` stops the process.
        let server = Server { base: format!("http://127.0.0.1:{port}"), child, dir, token };
        for _ in 0..300 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return server;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("switchboard did not start");
    }
}

/// A token from `switchboard token create` (the last line it prints), when this build has the
/// command; `None` otherwise, and the bench runs without authentication.
fn create_token(bin: &str, database: &str) -> Option<String> {
    let create = ["token", "create", "--name", "bench", "--role", "admin"];
    let forms: [Vec<&str>; 2] = [
        create.iter().copied().chain(["--database-url", database]).collect(),
        ["--database-url", database].into_iter().chain(create.iter().copied()).collect(),
    ];
    for form in forms {
        let out = std::process::Command::new(bin)
            .args(&form)
            .env("DATABASE_URL", database)
            .env("RUST_LOG", "warn")
            .stderr(std::process::Stdio::null())
            .output()
            .ok()?;
        if out.status.success() {
            let stdout = String::from_utf8_lossy(&out.stdout);
            let token = stdout.lines().map(str::trim).rfind(|l| !l.is_empty())?.to_owned();
            return Some(token);
        }
    }
    None
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[derive(Default)]
struct Outcome {
    writes: u64,
    failed_writes: u64,
    expected: u64,
    /// Deliveries of accepted writes to sessions that should get them, each counted once.
    received: u64,
    lost: u64,
    duplicates: u64,
    /// Deliveries of writes the bench did not see succeed, or to a session of another topic.
    unexpected: u64,
    failed_connects: u64,
    dropped_sessions: u64,
    /// Fan-out writes that did not reach every session (left out of the last-delivery figures).
    incomplete_writes: u64,
    /// Write-to-delivery latencies in microseconds.
    latencies: Vec<u64>,
    /// Per fan-out write that reached every session, the latency of its last delivery.
    last_deliveries: Vec<u64>,
    memory_per_session: Option<f64>,
}

impl Outcome {
    fn percentile(&self, p: f64) -> f64 {
        percentile(&self.latencies, p)
    }

    fn last_delivery_percentile(&self, p: f64) -> f64 {
        percentile(&self.last_deliveries, p)
    }

    fn report_problems(&self, run: &str) {
        let problems = [
            (self.failed_writes, "writes failed"),
            (self.failed_connects, "sessions could not connect"),
            (self.dropped_sessions, "sessions were dropped before the end"),
            (self.duplicates, "duplicate deliveries"),
            (self.unexpected, "unexpected deliveries"),
            (self.incomplete_writes, "writes did not reach every session"),
        ];
        for (count, what) in problems {
            if count > 0 {
                println!("  {run}: {count} {what}");
            }
        }
        println!("  {run}: expected {} deliveries, received {}, lost {}", self.expected, self.received, self.lost);
    }
}

fn percentile(values: &[u64], p: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank] as f64 / 1000.0
}

#[derive(Clone, Copy)]
struct Delivery {
    write: u32,
    session: u32,
    latency: u64,
    /// The frame was an update of the session's own collection.
    right_entity: bool,
}

/// What the client threads share.
#[derive(Default)]
struct Shared {
    subscribed: AtomicU64,
    failed_connects: AtomicU64,
    dropped: AtomicU64,
    stop: AtomicBool,
    deliveries: Mutex<Vec<Delivery>>,
}

fn run_sessions(args: &Args, base: &str, token: Option<&str>, pid: Option<u32>, mode: Mode) -> Outcome {
    let shared = Arc::new(Shared::default());
    let memory_before = pid.and_then(rss_bytes);
    let ws_base = base.replacen("http", "ws", 1);
    let started = Instant::now();
    let threads: Vec<_> = (0..args.threads)
        .map(|t| {
            let (shared, ws_base, token) = (shared.clone(), ws_base.clone(), token.map(str::to_owned));
            let mine: Vec<usize> = (0..args.sessions).filter(|s| s % args.threads == t).collect();
            let concurrency = args.connect_concurrency.max(1);
            std::thread::spawn(move || {
                actix_web::rt::System::new().block_on(hold_sessions(mine, mode, ws_base, token, shared, concurrency))
            })
        })
        .collect();
    let (mut last, mut last_progress) = (0, Instant::now());
    loop {
        let ready = shared.subscribed.load(Ordering::Relaxed) + shared.failed_connects.load(Ordering::Relaxed);
        if ready >= args.sessions as u64 {
            break;
        }
        if ready != last {
            (last, last_progress) = (ready, Instant::now());
        }
        assert!(last_progress.elapsed() < Duration::from_secs(120), "stuck at {ready} of {} sessions", args.sessions);
        std::thread::sleep(Duration::from_millis(50));
    }
    println!(
        "  {} sessions subscribed in {:.1} s",
        shared.subscribed.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64()
    );
    std::thread::sleep(Duration::from_secs(1));
    let memory_per_session = match (memory_before, pid.and_then(rss_bytes)) {
        (Some(before), Some(after)) => Some(after.saturating_sub(before) as f64 / args.sessions as f64),
        _ => None,
    };

    let cpu_before =
        (pid.and_then(cpu_seconds), cpu_seconds(std::process::id()), Instant::now(), machine_busy_seconds());
    let Writes { done: writes, failed: failed_writes, round_trips } =
        actix_web::rt::System::new().block_on(drive_writes(args, base, token.map(str::to_owned), mode));
    std::thread::sleep(Duration::from_secs(3));
    let cpu_after =
        (pid.and_then(cpu_seconds), cpu_seconds(std::process::id()), Instant::now(), machine_busy_seconds());
    shared.stop.store(true, Ordering::Relaxed);
    for thread in threads {
        thread.join().unwrap();
    }

    // Count each (write, session) pair once, against the writes the server accepted.
    let mut deliveries = std::mem::take(&mut *shared.deliveries.lock().unwrap());
    deliveries.sort_unstable_by_key(|d| (d.write, d.session));
    let all = deliveries.len();
    deliveries.dedup_by_key(|d| (d.write, d.session));
    let duplicates = (all - deliveries.len()) as u64;
    let accepted: std::collections::HashSet<u32> = writes.iter().map(|&w| w as u32).collect();
    let targets_of = |target: usize| (0..args.sessions).filter(|&s| mode.session_target(s) == target).count() as u64;
    let expected: u64 = writes.iter().map(|&w| targets_of(mode.write_target(w))).sum();
    let mut latencies = Vec::with_capacity(deliveries.len());
    let mut per_write: HashMap<u32, (u64, u64)> = HashMap::new();
    let mut unexpected = 0;
    for d in &deliveries {
        let wanted = accepted.contains(&d.write)
            && d.right_entity
            && mode.session_target(d.session as usize) == mode.write_target(d.write as u64);
        if !wanted {
            unexpected += 1;
            continue;
        }
        latencies.push(d.latency);
        let entry = per_write.entry(d.write).or_default();
        entry.0 += 1;
        entry.1 = entry.1.max(d.latency);
    }
    let received = latencies.len() as u64;
    // Where the machine's time went while writing: the server, and this load generator.
    let wall = (cpu_after.2 - cpu_before.2).as_secs_f64();
    let share = |before: Option<f64>, after: Option<f64>| match (before, after) {
        (Some(before), Some(after)) => {
            format!(
                "{:.0}% of a core ({:.1} µs per delivery)",
                100.0 * (after - before) / wall,
                (after - before) * 1e6 / received.max(1) as f64
            )
        }
        _ => "n/a".to_owned(),
    };
    println!(
        "  REST PATCH round trip: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&round_trips, 50.0),
        percentile(&round_trips, 99.0),
        percentile(&round_trips, 100.0)
    );
    // Anything else busy on the machine meanwhile makes the figures worse than they are.
    let delta = |before: Option<f64>, after: Option<f64>| after.zip(before).map_or(0.0, |(a, b)| a - b);
    let others = delta(cpu_before.3, cpu_after.3) - delta(cpu_before.0, cpu_after.0) - delta(cpu_before.1, cpu_after.1);
    println!(
        "  cpu while writing and draining ({wall:.1} s): server {}, load generator {}, other processes {:.0}% of a core",
        share(cpu_before.0, cpu_after.0),
        share(cpu_before.1, cpu_after.1),
        100.0 * others.max(0.0) / wall,
    );
    let every = args.sessions as u64;
    let complete: Vec<u64> = per_write.values().filter(|&&(count, _)| count == every).map(|&(_, max)| max).collect();
    Outcome {
        writes: writes.len() as u64,
        failed_writes,
        expected,
        received,
        lost: expected - received,
        duplicates,
        unexpected,
        failed_connects: shared.failed_connects.load(Ordering::Relaxed),
        dropped_sessions: shared.dropped.load(Ordering::Relaxed),
        incomplete_writes: if mode == Mode::Fanout { writes.len() as u64 - complete.len() as u64 } else { 0 },
        last_deliveries: complete,
        latencies,
        memory_per_session,
    }
}

async fn hold_sessions(
    sessions: Vec<usize>,
    mode: Mode,
    ws_base: String,
    token: Option<String>,
    shared: Arc<Shared>,
    concurrency: usize,
) {
    // awc's connector holds one of its `limit` permits (100 by default) for as long as a
    // WebSocket lives: without lifting it, the 101st handshake waits for the timeout.
    let client = awc::Client::builder()
        .connector(awc::Connector::new().limit(0).timeout(Duration::from_secs(30)))
        .timeout(Duration::from_secs(60))
        .finish();
    let local: Rc<RefCell<Vec<Delivery>>> = Rc::default();
    let gate = Rc::new(tokio::sync::Semaphore::new(concurrency));
    let mut tasks = Vec::with_capacity(sessions.len());
    for session in sessions {
        let (topic, field, singular) = target(mode.session_target(session));
        let url = format!("{ws_base}/ws?topics={topic}");
        let (client, token, shared, local, gate) =
            (client.clone(), token.clone(), shared.clone(), local.clone(), gate.clone());
        tasks.push(actix_web::rt::spawn(async move {
            let needle = format!("\"{field}\":\"bench ");
            // What an update of the session's own collection starts with.
            let prefix = format!("{{\"type\":\"{singular}_updated\",\"entity\":\"{topic}\",");
            let mut framed = {
                let _permit = gate.acquire().await.unwrap();
                let mut attempt = 0;
                loop {
                    let mut request = client.ws(url.as_str());
                    if let Some(token) = &token {
                        request = request.bearer_auth(token);
                    }
                    match request.connect().await {
                        Ok((_, framed)) => break framed,
                        Err(error) => {
                            attempt += 1;
                            if attempt >= 10 {
                                eprintln!("session {session}: connect failed {attempt} times ({error}); giving up");
                                shared.failed_connects.fetch_add(1, Ordering::Relaxed);
                                return;
                            }
                            eprintln!("session {session}: connect failed ({error}); retrying");
                            actix_web::rt::time::sleep(Duration::from_millis(100 * attempt)).await;
                        }
                    }
                }
            };
            let mut subscribed = false;
            let ended = loop {
                let Some(frame) = framed.next().await else { break "stream ended".to_owned() };
                match frame {
                    Ok(ws::Frame::Text(bytes)) => {
                        let now = micros();
                        let Ok(text) = std::str::from_utf8(&bytes) else { continue };
                        if let Some((write, sent)) = stamp(text, &needle) {
                            local.borrow_mut().push(Delivery {
                                write: write as u32,
                                session: session as u32,
                                latency: now.saturating_sub(sent),
                                right_entity: text.starts_with(&prefix),
                            });
                        } else if !subscribed && text.starts_with("{\"type\":\"subscribed\"") {
                            subscribed = true;
                            shared.subscribed.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    Ok(ws::Frame::Ping(bytes)) => {
                        let _ = framed.send(ws::Message::Pong(bytes)).await;
                    }
                    Ok(ws::Frame::Close(reason)) => break format!("closed by the server: {reason:?}"),
                    Ok(_) => {}
                    Err(error) => break format!("protocol error: {error}"),
                }
            };
            if !shared.stop.load(Ordering::Relaxed) {
                if shared.dropped.fetch_add(1, Ordering::Relaxed) < 10 {
                    eprintln!("session {session}: {ended}");
                }
                if !subscribed {
                    shared.failed_connects.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    // One timer for the thread rather than one per session: the sessions wait on their sockets.
    while !shared.stop.load(Ordering::Relaxed) {
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    for task in &tasks {
        task.abort();
    }
    for task in tasks {
        let _ = task.await;
    }
    shared.deliveries.lock().unwrap().extend(local.borrow().iter().copied());
}

/// `bench <write> <sent micros>` after `needle` (`"<field>":"bench `) in an event frame.
fn stamp(frame: &str, needle: &str) -> Option<(u64, u64)> {
    let at = frame.find(needle)? + needle.len();
    let mut parts = frame[at..].splitn(3, |c: char| !c.is_ascii_digit());
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

/// What the REST writer saw.
struct Writes {
    /// The index of each write that succeeded.
    done: Vec<u64>,
    failed: u64,
    /// Request-to-response time of each successful PATCH, in microseconds.
    round_trips: Vec<u64>,
}

/// Sends the writes, one every 1/rate s (each on its own task, so a slow one holds back none).
async fn drive_writes(args: &Args, base: &str, token: Option<String>, mode: Mode) -> Writes {
    let client = awc::Client::builder().timeout(Duration::from_secs(30)).finish();
    let (count, interval) = match mode {
        Mode::Spread => (args.rate * args.duration, Duration::from_micros(1_000_000 / args.rate)),
        Mode::Fanout => (args.fanout_writes as u64, Duration::from_millis(500)),
    };
    let done = Rc::new(RefCell::new(Vec::new()));
    let round_trips = Rc::new(RefCell::new(Vec::new()));
    let failed = Rc::new(RefCell::new(0u64));
    let mut ticker = actix_web::rt::time::interval(interval);
    let mut pending = Vec::new();
    for write in 0..count {
        ticker.tick().await;
        let (name, field, _) = target(mode.write_target(write));
        let mut request = client.patch(format!("{base}/api/{name}/1"));
        if let Some(token) = &token {
            request = request.bearer_auth(token);
        }
        let (done, failed, round_trips) = (done.clone(), failed.clone(), round_trips.clone());
        pending.push(actix_web::rt::spawn(async move {
            let sent = micros();
            let body = json!({ field: format!("bench {write} {sent}") });
            match request.send_json(&body).await {
                Ok(mut response) if response.status().is_success() => {
                    let _ = response.body().await;
                    round_trips.borrow_mut().push(micros() - sent);
                    done.borrow_mut().push(write);
                }
                Ok(mut response) => {
                    let text = response.body().await.unwrap_or_default();
                    eprintln!("PATCH {name}/1 answered {}: {}", response.status(), String::from_utf8_lossy(&text));
                    *failed.borrow_mut() += 1;
                }
                Err(error) => {
                    eprintln!("PATCH {name}/1 failed: {error}");
                    *failed.borrow_mut() += 1;
                }
            }
        }));
    }
    for task in pending {
        let _ = task.await;
    }
    let writes = Writes { done: done.take(), failed: *failed.borrow(), round_trips: round_trips.take() };
    writes
}

fn rss_bytes(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// CPU time the whole machine has been busy (all but idle and iowait), in seconds.
fn machine_busy_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let ticks: Vec<u64> = stat.lines().next()?.split_whitespace().skip(1).filter_map(|t| t.parse().ok()).collect();
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    let busy: u64 = ticks.iter().take(8).enumerate().filter(|(i, _)| *i != 3 && *i != 4).map(|(_, t)| t).sum();
    Some(busy as f64 / 100.0)
}

/// User + system CPU time of a process so far, in seconds.
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned())
}
