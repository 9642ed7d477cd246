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

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use awc::ws;
use clap::Parser;
use futures_util::{SinkExt, StreamExt};
use serde_json::json;

/// The eleven collections, with the record (id 1 of the demo data) and text field a write
/// stamps.
const TARGETS: [(&str, &str); 11] = [
    ("orders", "notes"),
    ("customers", "notes"),
    ("employees", "department"),
    ("services", "description"),
    ("products", "description"),
    ("invoices", "counterparty"),
    ("expenses", "description"),
    ("budgets", "category"),
    ("drivers", "vehicle"),
    ("deliveries", "notes"),
    ("transit-batches", "origin"),
];

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
    /// Writes in the fan-out run (one at a time, every session on one topic).
    #[arg(long, default_value_t = 20)]
    fanout_writes: usize,
    /// Client threads holding the sessions.
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// A running server (its memory is then not measured unless --pid is given).
    #[arg(long)]
    url: Option<String>,
    #[arg(long)]
    pid: Option<u32>,
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
    let args = Args::parse();
    micros();
    let (base, pid, _server) = match &args.url {
        Some(url) => (url.trim_end_matches('/').to_owned(), args.pid, None),
        None => {
            let server = Server::start(&args);
            (server.base.clone(), Some(server.child.id()), Some(server))
        }
    };
    println!("machine: {} cores, {}", cores(), cpu_model());
    println!("server: {base}, sessions: {}, client threads: {}", args.sessions, args.threads);

    let spread = run_sessions(&args, &base, pid, Mode::Spread);
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
        spread.expected.saturating_sub(spread.received),
        spread.memory_per_session.map_or("n/a".to_owned(), |b| format!("{:.1} KiB", b / 1024.0)),
    );
    let fanout = run_sessions(&args, &base, pid, Mode::Fanout);
    println!(
        "fan-out: {} writes to {} sessions on one topic: last delivery p50 {:.1} ms, max {:.1} ms; \
         every delivery p99 {:.1} ms; lost {}",
        fanout.writes,
        args.sessions,
        fanout.last_delivery_percentile(50.0),
        fanout.last_delivery_percentile(100.0),
        fanout.percentile(99.0),
        fanout.expected.saturating_sub(fanout.received),
    );
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Spread,
    Fanout,
}

struct Server {
    base: String,
    child: std::process::Child,
    dir: std::path::PathBuf,
}

impl Server {
    fn start(args: &Args) -> Server {
        let dir = std::env::temp_dir().join(format!("switchboard-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let port = free_port();
        let database = args.database_url.clone().unwrap_or_else(|| dir.join("bench.db").display().to_string());
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_switchboard"))
            .args(["--demo", "--port", &port.to_string(), "--database-url", &database])
            .args(["--ws-max-sessions", "100000", "--ws-send-queue", "4096"])
            .env("RUST_LOG", "warn")
            .spawn()
            .expect("starting switchboard");
        // From here on, dropping `server` stops the process.
        let server = Server { base: format!("http://127.0.0.1:{port}"), child, dir };
        for _ in 0..300 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return server;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("switchboard did not start");
    }
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
    expected: u64,
    received: u64,
    /// Write-to-delivery latencies in microseconds.
    latencies: Vec<u64>,
    /// Per fan-out write, the latency of its last delivery.
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

/// What the receivers saw: latencies, and per fan-out write the max latency.
#[derive(Default)]
struct Seen {
    latencies: Vec<u64>,
    /// write index → (deliveries, max latency)
    per_write: std::collections::HashMap<u64, (u64, u64)>,
}

fn run_sessions(args: &Args, base: &str, pid: Option<u32>, mode: Mode) -> Outcome {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let connected = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let memory_before = pid.and_then(rss_bytes);
    let ws_base = base.replacen("http", "ws", 1);
    let threads: Vec<_> = (0..args.threads)
        .map(|t| {
            let (seen, connected, stop, ws_base) = (seen.clone(), connected.clone(), stop.clone(), ws_base.clone());
            let mine: Vec<usize> = (0..args.sessions).filter(|s| s % args.threads == t).collect();
            std::thread::spawn(move || {
                actix_web::rt::System::new().block_on(hold_sessions(mine, mode, ws_base, seen, connected, stop))
            })
        })
        .collect();
    while connected.load(Ordering::Relaxed) < args.sessions as u64 {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_secs(1));
    let memory_per_session = match (memory_before, pid.and_then(rss_bytes)) {
        (Some(before), Some(after)) => Some(after.saturating_sub(before) as f64 / args.sessions as f64),
        _ => None,
    };

    let writes = actix_web::rt::System::new().block_on(drive_writes(args, base, mode));
    std::thread::sleep(Duration::from_secs(3));
    stop.store(true, Ordering::Relaxed);
    for thread in threads {
        thread.join().unwrap();
    }
    let seen = std::mem::take(&mut *seen.lock().unwrap());
    let per_collection = |c: usize| (0..args.sessions).filter(|s| s % TARGETS.len() == c).count() as u64;
    let expected = match mode {
        Mode::Spread => writes.iter().map(|&(c, _)| per_collection(c)).sum(),
        Mode::Fanout => writes.len() as u64 * args.sessions as u64,
    };
    Outcome {
        writes: writes.len() as u64,
        expected,
        received: seen.latencies.len() as u64,
        last_deliveries: seen.per_write.values().map(|&(_, max)| max).collect(),
        latencies: seen.latencies,
        memory_per_session,
    }
}

async fn hold_sessions(
    sessions: Vec<usize>,
    mode: Mode,
    ws_base: String,
    seen: Arc<Mutex<Seen>>,
    connected: Arc<AtomicU64>,
    stop: Arc<std::sync::atomic::AtomicBool>,
) {
    let client = awc::Client::builder().timeout(Duration::from_secs(60)).finish();
    let mut tasks = Vec::new();
    for session in sessions {
        let topic = match mode {
            Mode::Spread => TARGETS[session % TARGETS.len()].0,
            Mode::Fanout => "customers",
        };
        let url = format!("{ws_base}/ws?topics={topic}");
        let (_, mut framed) = loop {
            match client.ws(url.as_str()).connect().await {
                Ok(pair) => break pair,
                Err(error) => {
                    eprintln!("connect failed ({error}); retrying");
                    actix_web::rt::time::sleep(Duration::from_millis(100)).await;
                }
            }
        };
        let (seen, connected, stop) = (seen.clone(), connected.clone(), stop.clone());
        tasks.push(actix_web::rt::spawn(async move {
            let mut local = Vec::new();
            let mut subscribed = false;
            loop {
                let frame = match actix_web::rt::time::timeout(Duration::from_millis(200), framed.next()).await {
                    Ok(Some(Ok(frame))) => frame,
                    Ok(_) => break,
                    Err(_) if stop.load(Ordering::Relaxed) => break,
                    Err(_) => continue,
                };
                match frame {
                    ws::Frame::Text(bytes) => {
                        let now = micros();
                        if let Some((write, sent)) = stamp(&bytes) {
                            local.push((write, now.saturating_sub(sent)));
                        } else if !subscribed && bytes.starts_with(b"{\"type\":\"subscribed\"") {
                            subscribed = true;
                            connected.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    ws::Frame::Ping(bytes) => {
                        let _ = framed.send(ws::Message::Pong(bytes)).await;
                    }
                    ws::Frame::Close(_) => break,
                    _ => {}
                }
            }
            let mut seen = seen.lock().unwrap();
            for (write, latency) in local {
                seen.latencies.push(latency);
                let entry = seen.per_write.entry(write).or_default();
                entry.0 += 1;
                entry.1 = entry.1.max(latency);
            }
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
}

/// `bench <write> <sent micros>` inside an event frame.
fn stamp(frame: &[u8]) -> Option<(u64, u64)> {
    let at = frame.windows(6).position(|w| w == b"bench ")?;
    let rest = std::str::from_utf8(&frame[at + 6..]).ok()?;
    let mut parts = rest.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty());
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

/// Sends the writes; returns (collection index, write index) of each that succeeded.
async fn drive_writes(args: &Args, base: &str, mode: Mode) -> Vec<(usize, u64)> {
    let client = awc::Client::builder().timeout(Duration::from_secs(30)).finish();
    let (count, interval) = match mode {
        Mode::Spread => (args.rate * args.duration, Duration::from_micros(1_000_000 / args.rate.max(1))),
        Mode::Fanout => (args.fanout_writes as u64, Duration::from_millis(500)),
    };
    let done = Arc::new(Mutex::new(Vec::new()));
    let mut ticker = actix_web::rt::time::interval(interval);
    let mut pending = Vec::new();
    for write in 0..count {
        ticker.tick().await;
        let collection = match mode {
            Mode::Spread => write as usize % TARGETS.len(),
            Mode::Fanout => 1,
        };
        let (name, field) = TARGETS[collection];
        let url = format!("{base}/api/{name}/1");
        let request = client.patch(url);
        let done = done.clone();
        pending.push(actix_web::rt::spawn(async move {
            let body = json!({ field: format!("bench {write} {}", micros()) });
            match request.send_json(&body).await {
                Ok(mut response) if response.status().is_success() => {
                    let _ = response.body().await;
                    done.lock().unwrap().push((collection, write));
                }
                Ok(mut response) => {
                    let text = response.body().await.unwrap_or_default();
                    eprintln!("PATCH {name}/1 answered {}: {}", response.status(), String::from_utf8_lossy(&text));
                }
                Err(error) => eprintln!("PATCH {name}/1 failed: {error}"),
            }
        }));
    }
    for task in pending {
        let _ = task.await;
    }
    let done = done.lock().unwrap().clone();
    done
}

fn rss_bytes(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
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
