//! The soak (issue 25): several Switchboard instances on one PostgreSQL database for a set time,
//! under churn, kills and a database restart, then a check that nothing was lost or leaked.
//!
//!     cargo bench --bench soak                                  # an hour
//!     cargo bench --bench soak -- --minutes 5 --kill-every-minutes 1
//!
//! It creates a fresh database (`soak_run`), migrates it, loads the demo data and makes an admin
//! token, then starts three instances and, for `--minutes`:
//! - writers on every instance (`--writes-per-sec` each): customer creates and order `notes`
//!   PATCHes, each acknowledgement (id and the response's `version`) kept;
//! - the location stream (`--positions-per-sec` in all) over the demo's drivers, spread over the
//!   instances;
//! - `--sessions` WebSocket sessions spread over the instances, each on two of `customers`,
//!   `orders` and `drivers`; every `--churn-every-secs` some close and resume with `since` (the
//!   last `seq` they saw), and a session whose instance dies resumes on the next one up;
//! - every `--kill-every-minutes` an instance other than the first is killed (SIGKILL) and
//!   started again, round-robin. The first is the witness: it lives the whole run, so its memory
//!   and descriptors at the end say whether the run leaked;
//! - PostgreSQL restarted once, half-way (`pg_ctlcluster 15 main restart`).
//!
//! Baseline and end are measured the same way: load paused, every session connected to its own
//! instance and caught up with the log. The baseline is taken after `--warmup-secs` of load.
//! Then it checks, printing PASS or FAIL for each, and exits 1 on any FAIL:
//! 1. every acknowledged write's event (`customer_created` / `order_updated` with its id and
//!    version) is in the log exactly once;
//! 2. every session caught up with the log, and got every business event of its topics once, in
//!    `seq` order, from its first `seq` to its last across all its reconnects, with no resync;
//!    driver positions (latest values, thinned by the log's retention) only in order, never twice;
//! 3. each instance's RSS within 20% + 16 MiB of its baseline, its open descriptors within 8, and
//!    PostgreSQL's connections to the database no more than at the baseline.

use std::cell::RefCell;
use std::collections::HashMap;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use awc::ws;
use clap::Parser;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};

/// Each session holds one of these pairs (session `i` the pair `i % 3`).
const TOPIC_PAIRS: [[&str; 2]; 3] = [["customers", "drivers"], ["orders", "drivers"], ["customers", "orders"]];

/// The one "latest value" event: a session may miss older ones, never get them twice or late.
const POSITION_EVENT: &str = "driver_location_updated";

/// No instance is counted as "connected" for a session.
const NOWHERE: usize = usize::MAX;

#[derive(Parser, Debug, Clone)]
struct Args {
    /// How long the load runs, in minutes (after the warm-up).
    #[arg(long, default_value_t = 60.0)]
    minutes: f64,
    /// PostgreSQL server (no database name): the soak creates and drops its own database there.
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432")]
    pg: String,
    /// The database the soak creates (dropped first if it exists, and at the end unless --keep-database).
    #[arg(long, default_value = "soak_run")]
    database: String,
    #[arg(long)]
    keep_database: bool,
    /// The Switchboard binary (default: the one cargo built with this bench).
    #[arg(long)]
    server_bin: Option<String>,
    #[arg(long, default_value_t = 3)]
    instances: usize,
    /// Database connections in each instance's pool.
    #[arg(long, default_value_t = 4)]
    pool_size: u32,
    /// REST writes a second on each instance (half customer creates, half order PATCHes).
    #[arg(long, default_value_t = 20.0)]
    writes_per_sec: f64,
    /// Driver positions a second, in all, spread over the instances.
    #[arg(long, default_value_t = 100.0)]
    positions_per_sec: f64,
    #[arg(long, default_value_t = 300)]
    sessions: usize,
    /// Every this many seconds, `--churn-sessions` sessions close and resume with `since`.
    #[arg(long, default_value_t = 5)]
    churn_every_secs: u64,
    #[arg(long, default_value_t = 15)]
    churn_sessions: usize,
    /// An instance (never the first) is killed and restarted every this many minutes (0: never).
    #[arg(long, default_value_t = 4.0)]
    kill_every_minutes: f64,
    /// When PostgreSQL restarts, in minutes into the run (default: half-way).
    #[arg(long)]
    pg_restart_minute: Option<f64>,
    #[arg(long)]
    no_pg_restart: bool,
    /// Seconds of load before the baseline is measured.
    #[arg(long, default_value_t = 30)]
    warmup_secs: u64,
    /// The longest the soak waits for sessions to connect or catch up, in seconds.
    #[arg(long, default_value_t = 120)]
    settle_timeout_secs: u64,
    /// Ignored: cargo bench passes it.
    #[arg(long, hide = true)]
    bench: bool,
}

static START: OnceLock<Instant> = OnceLock::new();

/// Microseconds since the soak started: the clock writes stamp and sessions read.
fn micros() -> u64 {
    START.get_or_init(Instant::now).elapsed().as_micros() as u64
}

/// Wall-clock time for the log, so a run's events can be matched with the servers' logs.
fn now_utc() -> String {
    let out = Command::new("date").args(["-u", "+%H:%M:%S"]).output();
    out.map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned()).unwrap_or_default()
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").unwrap_or_default().split(' ').take(3).collect::<Vec<_>>().join(" ")
}

fn main() {
    let args = Args::parse();
    micros();
    let bin = args.server_bin.clone().unwrap_or_else(|| env!("CARGO_BIN_EXE_switchboard").to_owned());
    let database_url = format!("{}/{}", args.pg.trim_end_matches('/'), args.database);
    println!("soak: {} UTC, load average {}", now_utc(), load_average());
    let fixture = Fixture::create(&args, &bin, &database_url);
    let mut fleet = Fleet::start(&args, &bin, &database_url);
    let shared = Arc::new(Shared::new(&args, fleet.ports()));
    let sessions = spawn_sessions(&args, shared.clone(), fixture.token.clone());
    let writers = spawn_writers(&args, shared.clone(), fixture.clone());
    let outcome = run(&args, &mut fleet, &shared, &database_url);
    shared.finish.store(true, Ordering::SeqCst);
    let logs = sessions.join().expect("the session thread");
    let writes = writers.join().expect("the writer thread");
    let cpu = fleet.witness_cpu_share();
    drop(fleet);
    let verdict = check(&args, &database_url, &shared, &outcome, &logs, &writes, cpu);
    if !args.keep_database {
        psql(
            &format!("{}/postgres", args.pg.trim_end_matches('/')),
            &format!("DROP DATABASE IF EXISTS {}", args.database),
        );
    }
    println!("soak: ended {} UTC, load average {}", now_utc(), load_average());
    std::process::exit(if verdict { 0 } else { 1 });
}

/// What the run set up in the database: the token, and the records writes and positions touch.
#[derive(Clone)]
struct Fixture {
    token: String,
    orders: Vec<i64>,
    drivers: Vec<i64>,
}

impl Fixture {
    fn create(args: &Args, bin: &str, database_url: &str) -> Fixture {
        let admin = format!("{}/postgres", args.pg.trim_end_matches('/'));
        psql(&admin, &format!("DROP DATABASE IF EXISTS {}", args.database));
        psql(&admin, &format!("CREATE DATABASE {}", args.database));
        for command in ["migrate", "seed-demo"] {
            let status = Command::new(bin)
                .args(["--database-url", database_url, command])
                .env("RUST_LOG", "warn")
                .stdout(Stdio::null())
                .status()
                .expect("running switchboard");
            assert!(status.success(), "switchboard {command} failed");
        }
        let out = Command::new(bin)
            .args(["--database-url", database_url, "token", "create", "--name", "soak", "--role", "admin"])
            .env("RUST_LOG", "warn")
            .output()
            .expect("switchboard token create");
        assert!(out.status.success(), "switchboard token create failed");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let token = stdout.lines().map(str::trim).rfind(|l| !l.is_empty()).expect("a token").to_owned();
        let ids = |table: &str| -> Vec<i64> {
            psql(database_url, &format!("SELECT id FROM {table} ORDER BY id"))
                .lines()
                .filter_map(|l| l.parse().ok())
                .collect()
        };
        let fixture = Fixture { token, orders: ids("orders"), drivers: ids("drivers") };
        assert!(!fixture.orders.is_empty() && !fixture.drivers.is_empty(), "the demo data has orders and drivers");
        fixture
    }
}

/// Runs one statement with psql and returns its rows, tab-separated.
fn psql(url: &str, sql: &str) -> String {
    let out = Command::new("psql")
        .args([url, "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql])
        .output()
        .expect("running psql");
    assert!(out.status.success(), "psql failed on {sql}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The instances: their ports stay the same across restarts, so sessions find them again.
struct Fleet {
    bin: String,
    database_url: String,
    pool_size: u32,
    ports: Vec<u16>,
    children: Vec<Child>,
    witness_started: (Instant, u64),
}

impl Fleet {
    fn start(args: &Args, bin: &str, database_url: &str) -> Fleet {
        let ports: Vec<u16> = (0..args.instances).map(|_| free_port()).collect();
        let mut fleet = Fleet {
            bin: bin.to_owned(),
            database_url: database_url.to_owned(),
            pool_size: args.pool_size,
            ports: ports.clone(),
            children: Vec::new(),
            witness_started: (Instant::now(), 0),
        };
        fleet.children = ports.iter().map(|&port| fleet.spawn(port)).collect();
        for &port in &ports {
            wait_for_port(port);
        }
        fleet.witness_started = (Instant::now(), cpu_ticks(fleet.children[0].id()));
        fleet
    }

    fn ports(&self) -> Vec<u16> {
        self.ports.clone()
    }

    fn spawn(&self, port: u16) -> Child {
        let mut command = Command::new(&self.bin);
        // SAFETY: prctl only sets a flag of the child; nothing is allocated between fork and exec.
        // If the soak itself dies (killed, or a panic), its instances die with it.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
        command
            .args(["serve", "--database-url", &self.database_url, "--port", &port.to_string()])
            .args(["--pool-size", &self.pool_size.to_string(), "--ws-max-sessions", "100000"])
            // An hour of business events is more than the default 100,000 kept for resuming.
            .args(["--log-retain-events", "100000000"])
            .env("RUST_LOG", "warn")
            .env("SWITCHBOARD_RATE_LIMIT_PER_MIN", "0")
            .env("SWITCHBOARD_WS_SESSIONS_PER_TOKEN", "0")
            .env("SWITCHBOARD_WS_MESSAGES_PER_SEC", "0")
            .spawn()
            .expect("starting switchboard")
    }

    fn pid(&self, instance: usize) -> u32 {
        self.children[instance].id()
    }

    /// SIGKILL, then the same instance again on its port.
    fn kill_and_restart(&mut self, instance: usize) {
        let _ = self.children[instance].kill();
        let _ = self.children[instance].wait();
        println!("  {} UTC: instance {instance} killed (SIGKILL), restarting", now_utc());
        self.children[instance] = self.spawn(self.ports[instance]);
        wait_for_port(self.ports[instance]);
    }

    /// The witness's CPU over the run, as a share of one core.
    fn witness_cpu_share(&self) -> f64 {
        let (since, ticks) = self.witness_started;
        let used = cpu_ticks(self.children[0].id()).saturating_sub(ticks) as f64 / clock_ticks_per_sec();
        used / since.elapsed().as_secs_f64()
    }
}

impl Drop for Fleet {
    fn drop(&mut self) {
        for child in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Waits (bounded, 30 s) until the port takes connections.
fn wait_for_port(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "switchboard on port {port} did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn clock_ticks_per_sec() -> f64 {
    // SAFETY: sysconf only reads a constant of the system.
    (unsafe { libc::sysconf(libc::_SC_CLK_TCK) }) as f64
}

/// utime + stime of a process, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after_name = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let field = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    field(11) + field(12)
}

/// RSS and open descriptors of one process.
#[derive(Clone, Copy, Debug, Default)]
struct Footprint {
    rss_kib: u64,
    fds: u64,
}

fn footprint(pid: u32) -> Footprint {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let rss_kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd")).map(|d| d.count() as u64).unwrap_or(0);
    Footprint { rss_kib, fds }
}

/// What the threads share: the switches the run flips, and what the checks read.
struct Shared {
    ports: Vec<u16>,
    /// Writers and the location stream send only while this is set.
    load_on: AtomicBool,
    /// Sessions on another instance than their own go home (once per bump).
    go_home: AtomicU64,
    finish: AtomicBool,
    in_flight: AtomicU64,
    /// Per session: the last `seq` it received, and the instance it is subscribed on.
    last_seq: Vec<AtomicU64>,
    connected_to: Vec<AtomicUsize>,
    subscribed_once: AtomicUsize,
    deliveries: AtomicU64,
    acked: AtomicU64,
    failed: AtomicU64,
    positions_acked: AtomicU64,
    positions_failed: AtomicU64,
}

impl Shared {
    fn new(args: &Args, ports: Vec<u16>) -> Shared {
        Shared {
            ports,
            load_on: AtomicBool::new(false),
            go_home: AtomicU64::new(0),
            finish: AtomicBool::new(false),
            in_flight: AtomicU64::new(0),
            last_seq: (0..args.sessions).map(|_| AtomicU64::new(0)).collect(),
            connected_to: (0..args.sessions).map(|_| AtomicUsize::new(NOWHERE)).collect(),
            subscribed_once: AtomicUsize::new(0),
            deliveries: AtomicU64::new(0),
            acked: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            positions_acked: AtomicU64::new(0),
            positions_failed: AtomicU64::new(0),
        }
    }

    fn home(&self, session: usize) -> usize {
        session % self.ports.len()
    }

    fn all_home(&self) -> bool {
        (0..self.last_seq.len()).all(|s| self.connected_to[s].load(Ordering::SeqCst) == self.home(s))
    }
}

/// What the run measured on the way, for the summary and check 3.
struct Outcome {
    baseline: Vec<Footprint>,
    end: Vec<Footprint>,
    pg_connections: (u64, u64),
    kills: u64,
    pg_restart: Option<String>,
    caught_up: bool,
}

/// The schedule: warm-up, baseline, the timed load with kills and the restart, then the end state.
fn run(args: &Args, fleet: &mut Fleet, shared: &Shared, database_url: &str) -> Outcome {
    let settle = Duration::from_secs(args.settle_timeout_secs);
    let connected = wait_until(settle, || shared.subscribed_once.load(Ordering::SeqCst) == args.sessions);
    println!("soak: {} sessions subscribed ({}), warming up {} s", args.sessions, ok(connected), args.warmup_secs);
    shared.load_on.store(true, Ordering::SeqCst);
    std::thread::sleep(Duration::from_secs(args.warmup_secs));
    let baseline_caught_up = pause_and_settle(shared, database_url, settle);
    let baseline: Vec<Footprint> = (0..args.instances).map(|i| footprint(fleet.pid(i))).collect();
    let pg_before = pg_connections(args, database_url);
    println!("soak: baseline (load paused, sessions home and caught up: {})", ok(baseline_caught_up));
    print_footprints(&baseline, pg_before);

    let run_for = Duration::from_secs_f64(args.minutes * 60.0);
    let kill_every = Duration::from_secs_f64(args.kill_every_minutes * 60.0);
    let pg_restart_at = Duration::from_secs_f64(args.pg_restart_minute.unwrap_or(args.minutes / 2.0) * 60.0);
    let killable: Vec<usize> = (1..args.instances).collect();
    let (mut kills, mut pg_restart, mut last_report) = (0u64, None, Duration::ZERO);
    let started = Instant::now();
    println!("soak: load on for {} min, {} UTC", args.minutes, now_utc());
    shared.load_on.store(true, Ordering::SeqCst);
    while started.elapsed() < run_for {
        let elapsed = started.elapsed();
        let due = !kill_every.is_zero() && !killable.is_empty() && elapsed >= kill_every * (kills as u32 + 1);
        if due && elapsed + Duration::from_secs(10) < run_for {
            fleet.kill_and_restart(killable[kills as usize % killable.len()]);
            kills += 1;
        }
        if !args.no_pg_restart && pg_restart.is_none() && elapsed >= pg_restart_at {
            pg_restart = Some(restart_postgres());
        }
        if elapsed >= last_report + Duration::from_secs(30) {
            last_report = elapsed;
            print_progress(shared, elapsed);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let caught_up = pause_and_settle(shared, database_url, settle);
    let end: Vec<Footprint> = (0..args.instances).map(|i| footprint(fleet.pid(i))).collect();
    let pg_after = pg_connections(args, database_url);
    println!("soak: end (load stopped, sessions home and caught up: {}) {} UTC", ok(caught_up), now_utc());
    print_footprints(&end, pg_after);
    Outcome {
        baseline,
        end,
        pg_connections: (pg_before, pg_after),
        kills,
        pg_restart,
        caught_up: caught_up && baseline_caught_up,
    }
}

fn ok(condition: bool) -> &'static str {
    if condition {
        "yes"
    } else {
        "NO, timed out"
    }
}

/// Polls `condition` every 100 ms until it holds or `timeout` passes; whether it held.
fn wait_until(timeout: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if condition() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Stops the load, brings every session home, and waits until each has the last event of its
/// topics in the log: the state baseline and end are both measured in.
fn pause_and_settle(shared: &Shared, database_url: &str, timeout: Duration) -> bool {
    shared.load_on.store(false, Ordering::SeqCst);
    let quiet = wait_until(timeout, || shared.in_flight.load(Ordering::SeqCst) == 0);
    shared.go_home.fetch_add(1, Ordering::SeqCst);
    let home = wait_until(timeout, || shared.all_home());
    let heads: Vec<u64> = TOPIC_PAIRS.iter().map(|pair| head_seq(database_url, pair)).collect();
    let caught_up = wait_until(timeout, || {
        (0..shared.last_seq.len()).all(|s| shared.last_seq[s].load(Ordering::SeqCst) >= heads[s % TOPIC_PAIRS.len()])
    });
    quiet && home && caught_up
}

/// The newest `seq` in the log on either of the collections.
fn head_seq(database_url: &str, pair: &[&str; 2]) -> u64 {
    let sql = format!(
        "SELECT COALESCE(MAX(seq), 0) FROM events WHERE split_part(topics, ' ', 1) IN ('{}', '{}')",
        pair[0], pair[1]
    );
    psql(database_url, &sql).trim().parse().unwrap_or(0)
}

fn pg_connections(args: &Args, database_url: &str) -> u64 {
    let sql = format!(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = '{}' AND pid <> pg_backend_pid()",
        args.database
    );
    psql(database_url, &sql).trim().parse().unwrap_or(0)
}

fn restart_postgres() -> String {
    let at = now_utc();
    let began = Instant::now();
    let status = Command::new("pg_ctlcluster").args(["--skip-systemctl-redirect", "15", "main", "restart"]).status();
    let took = began.elapsed().as_secs_f64();
    let line = format!("{at} UTC, {took:.1} s, {}", if status.is_ok_and(|s| s.success()) { "ok" } else { "FAILED" });
    println!("  PostgreSQL restarted: {line}");
    line
}

fn print_footprints(footprints: &[Footprint], pg: u64) {
    for (i, f) in footprints.iter().enumerate() {
        println!("  instance {i}: RSS {:.1} MiB, {} fds", f.rss_kib as f64 / 1024.0, f.fds);
    }
    println!("  PostgreSQL connections to the database: {pg}");
}

fn print_progress(shared: &Shared, elapsed: Duration) {
    let connected = shared.connected_to.iter().filter(|c| c.load(Ordering::Relaxed) != NOWHERE).count();
    println!(
        "  {:>5.1} min: writes {} acked / {} failed, positions {} / {}, deliveries {}, sessions connected {}, load {}",
        elapsed.as_secs_f64() / 60.0,
        shared.acked.load(Ordering::Relaxed),
        shared.failed.load(Ordering::Relaxed),
        shared.positions_acked.load(Ordering::Relaxed),
        shared.positions_failed.load(Ordering::Relaxed),
        shared.deliveries.load(Ordering::Relaxed),
        connected,
        load_average()
    );
}

// ---------------------------------------------------------------------------------------------
// Sessions

/// What one session saw over the run, across all its connections.
#[derive(Default)]
struct SessionLog {
    /// The `seq` of its first subscription: it must get every event of its topics after it.
    first_seq: Option<u64>,
    last_seq: u64,
    /// The business events' seqs, each as its distance from the one before (LEB128).
    business: Vec<u8>,
    last_business: u64,
    positions: u64,
    out_of_order: u64,
    resyncs: u64,
    errors: u64,
    connects: u64,
    churned: u64,
    lost_connections: u64,
    failed_connects: u64,
    /// The `since` and port of the connection being read, for the diagnostics of a resync.
    resumed_from: Option<(u64, u16)>,
}

impl SessionLog {
    fn business_seqs(&self) -> Vec<u64> {
        let (mut seqs, mut value, mut shift, mut last) = (Vec::new(), 0u64, 0, 0u64);
        for &byte in &self.business {
            value |= u64::from(byte & 0x7f) << shift;
            shift += 7;
            if byte & 0x80 == 0 {
                last += value;
                seqs.push(last);
                (value, shift) = (0, 0);
            }
        }
        seqs
    }

    fn push_business(&mut self, seq: u64) {
        let mut delta = seq - self.last_business;
        while delta >= 0x80 {
            self.business.push((delta as u8) | 0x80);
            delta >>= 7;
        }
        self.business.push(delta as u8);
        self.last_business = seq;
    }
}

/// Write-to-delivery latency of stamped events, by the millisecond (the last bucket: 120 s or more).
struct Latencies(Vec<u64>);

impl Latencies {
    fn record(&mut self, micros: u64) {
        let bucket = ((micros / 1000) as usize).min(self.0.len() - 1);
        self.0[bucket] += 1;
    }

    fn percentile(&self, p: f64) -> Option<u64> {
        let total: u64 = self.0.iter().sum();
        let rank = ((total as f64) * p).ceil().max(1.0) as u64;
        let mut seen = 0;
        (total > 0).then(|| {
            self.0
                .iter()
                .position(|&n| {
                    seen += n;
                    seen >= rank
                })
                .unwrap_or(0) as u64
        })
    }
}

struct SessionResults {
    logs: Vec<SessionLog>,
    latencies: Latencies,
}

fn spawn_sessions(args: &Args, shared: Arc<Shared>, token: String) -> std::thread::JoinHandle<SessionResults> {
    let args = args.clone();
    std::thread::spawn(move || actix_web::rt::System::new().block_on(hold_sessions(args, shared, token)))
}

async fn hold_sessions(args: Args, shared: Arc<Shared>, token: String) -> SessionResults {
    // awc's connector holds one of its `limit` permits for as long as a WebSocket lives.
    let client = awc::Client::builder()
        .connector(awc::Connector::new().limit(0).timeout(Duration::from_secs(5)))
        .timeout(Duration::from_secs(10))
        .finish();
    let logs: Rc<Vec<RefCell<SessionLog>>> = Rc::new((0..args.sessions).map(|_| RefCell::default()).collect());
    let latencies = Rc::new(RefCell::new(Latencies(vec![0; 120_001])));
    let wakes: Vec<Rc<tokio::sync::Notify>> = (0..args.sessions).map(|_| Rc::default()).collect();
    let mut tasks = Vec::new();
    for (session, wake) in wakes.iter().enumerate() {
        let held = Held {
            session,
            client: client.clone(),
            token: token.clone(),
            shared: shared.clone(),
            logs: logs.clone(),
            latencies: latencies.clone(),
            wake: wake.clone(),
        };
        tasks.push(actix_web::rt::spawn(held.run()));
    }
    churn(&args, &shared, &wakes).await;
    for task in tasks {
        let _ = task.await;
    }
    let logs = Rc::try_unwrap(logs).ok().expect("every session ended").into_iter().map(RefCell::into_inner).collect();
    let latencies = Rc::try_unwrap(latencies).ok().expect("every session ended").into_inner();
    SessionResults { logs, latencies }
}

/// Closes `--churn-sessions` sessions every `--churn-every-secs` while the load runs, and
/// sends sessions home when asked; wakes every session when the run finishes.
async fn churn(args: &Args, shared: &Shared, wakes: &[Rc<tokio::sync::Notify>]) {
    let mut tick = actix_web::rt::time::interval(Duration::from_millis(100));
    let (mut next, mut last_churn, mut home_round) = (0usize, Instant::now(), 0u64);
    while !shared.finish.load(Ordering::SeqCst) {
        tick.tick().await;
        let round = shared.go_home.load(Ordering::SeqCst);
        if round != home_round {
            home_round = round;
            for (session, wake) in wakes.iter().enumerate() {
                let at = shared.connected_to[session].load(Ordering::SeqCst);
                if at != NOWHERE && at != shared.home(session) {
                    wake.notify_one();
                }
            }
        }
        let churn_due = last_churn.elapsed() >= Duration::from_secs(args.churn_every_secs);
        if shared.load_on.load(Ordering::SeqCst) && churn_due && !wakes.is_empty() {
            last_churn = Instant::now();
            for _ in 0..args.churn_sessions.min(wakes.len()) {
                wakes[next % wakes.len()].notify_one();
                // A stride coprime with most session counts spreads churn over instances and pairs.
                next += 7;
            }
        }
    }
    for wake in wakes {
        wake.notify_one();
    }
}

/// One session's task and what it needs.
struct Held {
    session: usize,
    client: awc::Client,
    token: String,
    shared: Arc<Shared>,
    logs: Rc<Vec<RefCell<SessionLog>>>,
    latencies: Rc<RefCell<Latencies>>,
    wake: Rc<tokio::sync::Notify>,
}

/// Why a connection ended.
enum Ended {
    Woken,
    Lost,
}

impl Held {
    async fn run(self) {
        let home = self.shared.home(self.session);
        let instances = self.shared.ports.len();
        let mut attempt = 0usize;
        while !self.shared.finish.load(Ordering::SeqCst) {
            let instance = (home + attempt) % instances;
            let Some(framed) = self.connect(instance).await else {
                self.log().failed_connects += 1;
                attempt += 1;
                if attempt.is_multiple_of(instances) {
                    // Every instance refused (PostgreSQL down, or a restart): back off a little.
                    actix_web::rt::time::sleep(Duration::from_millis(250)).await;
                }
                continue;
            };
            self.log().connects += 1;
            let ended = self.read(framed, instance).await;
            self.shared.connected_to[self.session].store(NOWHERE, Ordering::SeqCst);
            match ended {
                Ended::Woken => {
                    self.log().churned += 1;
                    attempt = 0;
                }
                Ended::Lost => {
                    self.log().lost_connections += 1;
                    // Resume elsewhere first: this instance has most likely died.
                    attempt = if instance == home { 1 } else { 0 };
                }
            }
        }
    }

    fn log(&self) -> std::cell::RefMut<'_, SessionLog> {
        self.logs[self.session].borrow_mut()
    }

    async fn connect(&self, instance: usize) -> Option<actix_codec::Framed<awc::BoxedSocket, awc::ws::Codec>> {
        let topics = TOPIC_PAIRS[self.session % TOPIC_PAIRS.len()].join(",");
        let mut url = format!("ws://127.0.0.1:{}/ws?topics={topics}", self.shared.ports[instance]);
        let since = {
            let log = self.log();
            log.first_seq.map(|_| log.last_seq)
        };
        if let Some(since) = since {
            url.push_str(&format!("&since={since}"));
        }
        self.log().resumed_from = since.map(|since| (since, self.shared.ports[instance]));
        let request = self.client.ws(url.as_str()).bearer_auth(&self.token);
        request.connect().await.ok().map(|(_, framed)| framed)
    }

    async fn read(&self, mut framed: actix_codec::Framed<awc::BoxedSocket, awc::ws::Codec>, instance: usize) -> Ended {
        loop {
            let frame = tokio::select! {
                frame = framed.next() => frame,
                _ = self.wake.notified() => {
                    let _ = framed.send(ws::Message::Close(None)).await;
                    return Ended::Woken;
                }
            };
            match frame {
                Some(Ok(ws::Frame::Text(bytes))) => {
                    if let Ok(text) = std::str::from_utf8(&bytes) {
                        self.on_text(text, instance);
                    }
                }
                Some(Ok(ws::Frame::Ping(bytes))) => {
                    let _ = framed.send(ws::Message::Pong(bytes)).await;
                }
                Some(Ok(ws::Frame::Close(_))) | Some(Err(_)) | None => return Ended::Lost,
                Some(Ok(_)) => {}
            }
        }
    }

    fn on_text(&self, text: &str, instance: usize) {
        let Some(kind) = frame_type(text) else { return };
        let mut log = self.log();
        match kind {
            "welcome" | "pong" | "unsubscribed" | "presence" | "operator" => {}
            "subscribed" => {
                if log.first_seq.is_none() {
                    let seq = number_after(text, "\"seq\":").unwrap_or(0);
                    log.first_seq = Some(seq);
                    log.last_seq = seq;
                    log.last_business = seq;
                    self.shared.last_seq[self.session].store(seq, Ordering::SeqCst);
                    self.shared.subscribed_once.fetch_add(1, Ordering::SeqCst);
                }
                self.shared.connected_to[self.session].store(instance, Ordering::SeqCst);
            }
            "resync" => {
                log.resyncs += 1;
                if let Some((since, port)) = log.resumed_from {
                    eprintln!(
                        "  session {}: resync from the instance on port {port} for since={since}: {text}",
                        self.session
                    );
                }
            }
            "error" => {
                log.errors += 1;
                if log.errors == 1 {
                    eprintln!("session {}: {text}", self.session);
                }
            }
            event => {
                let Some(seq) = number_after(text, "\"seq\":") else { return };
                if seq <= log.last_seq {
                    log.out_of_order += 1;
                    if log.out_of_order == 1 {
                        eprintln!("  session {}: {event} seq {seq} after seq {}", self.session, log.last_seq);
                    }
                    return;
                }
                log.last_seq = seq;
                self.shared.last_seq[self.session].store(seq, Ordering::SeqCst);
                self.shared.deliveries.fetch_add(1, Ordering::Relaxed);
                if event == POSITION_EVENT {
                    log.positions += 1;
                } else {
                    log.push_business(seq);
                    if let Some(sent) = number_after(text, "\"notes\":\"soak ") {
                        self.latencies.borrow_mut().record(micros().saturating_sub(sent));
                    }
                }
            }
        }
    }
}

/// `"type":"…"` of a frame, which the server writes first.
fn frame_type(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("{\"type\":\"")?;
    rest.split('"').next()
}

fn number_after(text: &str, needle: &str) -> Option<u64> {
    let start = text.find(needle)? + needle.len();
    let digits: &str = &text[start..];
    let end = digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(digits.len());
    digits[..end].parse().ok()
}

// ---------------------------------------------------------------------------------------------
// Writers and the location stream

/// An acknowledged write: the event it must have logged, once.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Ack {
    event_type: &'static str,
    id: i64,
    version: i64,
}

#[derive(Default)]
struct WriteResults {
    acks: Vec<Ack>,
    failures: HashMap<String, u64>,
}

fn spawn_writers(args: &Args, shared: Arc<Shared>, fixture: Fixture) -> std::thread::JoinHandle<WriteResults> {
    let args = args.clone();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let results = Rc::new(RefCell::new(WriteResults::default()));
            let fixture = Rc::new(fixture);
            let client = awc::Client::builder()
                .connector(awc::Connector::new().limit(0).timeout(Duration::from_secs(2)))
                .timeout(Duration::from_secs(15))
                .finish();
            let mut tasks = Vec::new();
            for instance in 0..args.instances {
                let writer = Writer {
                    instance,
                    client: client.clone(),
                    shared: shared.clone(),
                    fixture: fixture.clone(),
                    results: results.clone(),
                };
                tasks.push(actix_web::rt::spawn(writer.write_at(args.writes_per_sec)));
            }
            let stream = Writer { instance: 0, client, shared: shared.clone(), fixture, results: results.clone() };
            tasks.push(actix_web::rt::spawn(stream.send_positions(args.positions_per_sec)));
            for task in tasks {
                let _ = task.await;
            }
            // Requests still out (the load stopped long before `finish`) end within the client's timeout.
            let deadline = Instant::now() + Duration::from_secs(20);
            while shared.in_flight.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
                actix_web::rt::time::sleep(Duration::from_millis(50)).await;
            }
            Rc::try_unwrap(results).ok().map(RefCell::into_inner).unwrap_or_default()
        })
    })
}

/// Sends one instance's writes (or, for `send_positions`, the whole location stream).
#[derive(Clone)]
struct Writer {
    instance: usize,
    client: awc::Client,
    shared: Arc<Shared>,
    fixture: Rc<Fixture>,
    results: Rc<RefCell<WriteResults>>,
}

impl Writer {
    fn base(&self, instance: usize) -> String {
        format!("http://127.0.0.1:{}", self.shared.ports[instance])
    }

    async fn write_at(self, per_sec: f64) {
        let mut tick = actix_web::rt::time::interval(Duration::from_secs_f64(1.0 / per_sec.max(0.001)));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut n = 0u64;
        while !self.shared.finish.load(Ordering::SeqCst) {
            tick.tick().await;
            if !self.shared.load_on.load(Ordering::SeqCst) {
                continue;
            }
            n += 1;
            let writer = self.clone();
            self.shared.in_flight.fetch_add(1, Ordering::SeqCst);
            actix_web::rt::spawn(async move {
                writer.write(n).await;
                writer.shared.in_flight.fetch_sub(1, Ordering::SeqCst);
            });
        }
    }

    /// Odd writes create a customer, even ones change an order's notes; both stamp the send time.
    async fn write(&self, n: u64) {
        let stamp = format!("soak {}", micros());
        let base = self.base(self.instance);
        let (request, body, event_type) = if n % 2 == 1 {
            let email = format!("soak-{}-{}-{n}@example.com", std::process::id(), self.instance);
            let body = json!({"name": format!("Soak {}-{n}", self.instance), "email": email, "notes": stamp});
            (self.client.post(format!("{base}/api/customers")), body, "customer_created")
        } else {
            let order = self.fixture.orders[(n / 2) as usize % self.fixture.orders.len()];
            (self.client.patch(format!("{base}/api/orders/{order}")), json!({"notes": stamp}), "order_updated")
        };
        let answer = request.bearer_auth(&self.fixture.token).send_json(&body).await;
        let outcome = match answer {
            Ok(mut response) if response.status().is_success() => {
                let record: Value = response.json().await.unwrap_or_default();
                match (record["id"].as_i64(), record["version"].as_i64()) {
                    (Some(id), Some(version)) => Ok(Ack { event_type, id, version }),
                    _ => Err("2xx without id and version".to_owned()),
                }
            }
            Ok(response) => Err(format!("{}", response.status().as_u16())),
            Err(error) => Err(short_error(&error.to_string())),
        };
        let mut results = self.results.borrow_mut();
        match outcome {
            Ok(ack) => {
                results.acks.push(ack);
                self.shared.acked.fetch_add(1, Ordering::Relaxed);
            }
            Err(reason) => {
                *results.failures.entry(reason).or_default() += 1;
                self.shared.failed.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    async fn send_positions(self, per_sec: f64) {
        let mut tick = actix_web::rt::time::interval(Duration::from_secs_f64(1.0 / per_sec.max(0.001)));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut n = 0usize;
        while !self.shared.finish.load(Ordering::SeqCst) {
            tick.tick().await;
            if !self.shared.load_on.load(Ordering::SeqCst) {
                continue;
            }
            n += 1;
            let driver = self.fixture.drivers[n % self.fixture.drivers.len()];
            let url = format!("{}/api/drivers/{driver}/location", self.base(n % self.shared.ports.len()));
            let wobble = (n % 1000) as f64 / 100_000.0;
            let body = json!({"lat": 47.60 + wobble, "lng": -122.33 + wobble});
            let request = self.client.post(url).bearer_auth(&self.fixture.token);
            let shared = self.shared.clone();
            shared.in_flight.fetch_add(1, Ordering::SeqCst);
            actix_web::rt::spawn(async move {
                let accepted = request.send_json(&body).await.is_ok_and(|r| r.status().is_success());
                let counter = if accepted { &shared.positions_acked } else { &shared.positions_failed };
                counter.fetch_add(1, Ordering::Relaxed);
                shared.in_flight.fetch_sub(1, Ordering::SeqCst);
            });
        }
    }
}

/// An error's kind without the parts that differ each time (addresses, ports).
fn short_error(error: &str) -> String {
    error.split(':').next().unwrap_or(error).chars().take(60).collect()
}

// ---------------------------------------------------------------------------------------------
// The checks

/// The log as the checks need it: each business event's `seq` by collection, and how many
/// times each (event type, id, version) was logged for the written kinds.
struct Log {
    business: HashMap<String, Vec<u64>>,
    positions: u64,
    head: u64,
    written: HashMap<(String, i64, i64), u64>,
}

fn read_log(database_url: &str) -> Log {
    let mut log = Log { business: HashMap::new(), positions: 0, head: 0, written: HashMap::new() };
    let rows = psql(database_url, "SELECT seq, event_type, split_part(topics, ' ', 1) FROM events ORDER BY seq");
    for row in rows.lines() {
        let mut fields = row.split('\t');
        let (Some(seq), Some(event_type), Some(collection)) = (fields.next(), fields.next(), fields.next()) else {
            continue;
        };
        let seq: u64 = seq.parse().unwrap_or(0);
        log.head = log.head.max(seq);
        if event_type == POSITION_EVENT {
            log.positions += 1;
        } else {
            log.business.entry(collection.to_owned()).or_default().push(seq);
        }
    }
    let written = psql(
        database_url,
        "SELECT event_type, frame::json->>'id', frame::json->'data'->>'version' FROM events \
         WHERE event_type IN ('customer_created', 'order_updated')",
    );
    for row in written.lines() {
        let fields: Vec<&str> = row.split('\t').collect();
        if let [event_type, id, version] = fields[..] {
            let key = (event_type.to_owned(), id.parse().unwrap_or(-1), version.parse().unwrap_or(-1));
            *log.written.entry(key).or_default() += 1;
        }
    }
    log
}

fn verdict(pass: bool) -> &'static str {
    if pass {
        "PASS"
    } else {
        "FAIL"
    }
}

fn check(
    args: &Args,
    database_url: &str,
    shared: &Shared,
    outcome: &Outcome,
    sessions: &SessionResults,
    writes: &WriteResults,
    witness_cpu: f64,
) -> bool {
    let log = read_log(database_url);
    let writes_pass = check_writes(&log, writes);
    let sessions_pass = check_sessions(&log, sessions, outcome.caught_up);
    let footprint_pass = check_footprints(outcome);
    print_summary(args, shared, outcome, &log, sessions, writes, witness_cpu);
    writes_pass && sessions_pass && footprint_pass
}

fn check_writes(log: &Log, writes: &WriteResults) -> bool {
    let mut acked: HashMap<&Ack, u64> = HashMap::new();
    for ack in &writes.acks {
        *acked.entry(ack).or_default() += 1;
    }
    let (mut missing, mut repeated, mut acked_twice) = (0u64, 0u64, 0u64);
    for (ack, times) in &acked {
        acked_twice += times - 1;
        let logged = log.written.get(&(ack.event_type.to_owned(), ack.id, ack.version)).copied().unwrap_or(0);
        if logged != 1 && missing + repeated == 0 {
            eprintln!("  first bad acknowledgement: {ack:?}, logged {logged} times");
        }
        match logged {
            0 => missing += 1,
            1 => {}
            _ => repeated += 1,
        }
    }
    let unacked = log.written.len() as u64 - acked.len().min(log.written.len()) as u64;
    let pass = missing == 0 && repeated == 0 && acked_twice == 0;
    println!(
        "{} 1. acknowledged writes in the log exactly once: {} acknowledged, {} missing, {} logged more than once, \
         {} versions acknowledged twice ({} logged writes were never acknowledged: killed or failed mid-answer)",
        verdict(pass),
        writes.acks.len(),
        missing,
        repeated,
        acked_twice,
        unacked
    );
    pass
}

fn check_sessions(log: &Log, sessions: &SessionResults, caught_up: bool) -> bool {
    let expected: Vec<Vec<u64>> = TOPIC_PAIRS
        .iter()
        .map(|pair| {
            let mut seqs: Vec<u64> =
                pair.iter().flat_map(|c| log.business.get(*c).cloned().unwrap_or_default()).collect();
            seqs.sort_unstable();
            seqs
        })
        .collect();
    let (mut failed, mut missing, mut extra, mut out_of_order, mut resyncs, mut never) = (0, 0u64, 0u64, 0u64, 0u64, 0);
    for (session, s) in sessions.logs.iter().enumerate() {
        let Some(first) = s.first_seq else {
            never += 1;
            failed += 1;
            continue;
        };
        let wanted = &expected[session % TOPIC_PAIRS.len()];
        let from = wanted.partition_point(|&seq| seq <= first);
        let to = wanted.partition_point(|&seq| seq <= s.last_seq);
        let (lost, unexpected) = difference(&wanted[from..to], &s.business_seqs());
        missing += lost.len() as u64;
        extra += unexpected.len() as u64;
        out_of_order += s.out_of_order;
        resyncs += s.resyncs;
        if !lost.is_empty() || !unexpected.is_empty() || s.out_of_order > 0 || s.resyncs > 0 {
            failed += 1;
            if failed <= 3 {
                eprintln!(
                    "  session {session} ({:?}, seq {first}..{}): missing {:?}, unexpected {:?}, {} out of order, {} resyncs",
                    TOPIC_PAIRS[session % TOPIC_PAIRS.len()],
                    s.last_seq,
                    &lost[..lost.len().min(10)],
                    &unexpected[..unexpected.len().min(10)],
                    s.out_of_order,
                    s.resyncs
                );
            }
        }
    }
    let pass = failed == 0 && caught_up;
    println!(
        "{} 2. every session got every business event of its topics once, in order, across reconnects: \
         {} sessions, {} failed ({} never subscribed), {} missing, {} unexpected, {} out of order or repeated \
         (positions included), {} resyncs; caught up with the log at the end: {}",
        verdict(pass),
        sessions.logs.len(),
        failed,
        never,
        missing,
        extra,
        out_of_order,
        resyncs,
        if caught_up { "yes" } else { "NO" }
    );
    pass
}

/// What `wanted` has that `got` lacks, and the reverse (both sorted).
fn difference(wanted: &[u64], got: &[u64]) -> (Vec<u64>, Vec<u64>) {
    let (mut lost, mut unexpected) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < wanted.len() || j < got.len() {
        match (wanted.get(i), got.get(j)) {
            (Some(w), Some(g)) if w == g => (i, j) = (i + 1, j + 1),
            (Some(w), Some(g)) if w < g => {
                lost.push(*w);
                i += 1;
            }
            (Some(_), Some(g)) | (None, Some(g)) => {
                unexpected.push(*g);
                j += 1;
            }
            (Some(w), None) => {
                lost.push(*w);
                i += 1;
            }
            (None, None) => break,
        }
    }
    (lost, unexpected)
}

/// RSS within 20% + 16 MiB of the baseline, descriptors within 8, no more database connections.
fn check_footprints(outcome: &Outcome) -> bool {
    let mut pass = true;
    for (i, (before, after)) in outcome.baseline.iter().zip(&outcome.end).enumerate() {
        let rss_ok = after.rss_kib <= before.rss_kib + before.rss_kib / 5 + 16 * 1024;
        let fds_ok = after.fds <= before.fds + 8;
        pass &= rss_ok && fds_ok;
        println!(
            "  instance {i}{}: RSS {:.1} → {:.1} MiB ({}), fds {} → {} ({})",
            if i == 0 { " (witness, never killed)" } else { "" },
            before.rss_kib as f64 / 1024.0,
            after.rss_kib as f64 / 1024.0,
            if rss_ok { "ok" } else { "grew" },
            before.fds,
            after.fds,
            if fds_ok { "ok" } else { "grew" }
        );
    }
    let (pg_before, pg_after) = outcome.pg_connections;
    let pg_ok = pg_after <= pg_before;
    println!("  PostgreSQL connections: {pg_before} → {pg_after} ({})", if pg_ok { "ok" } else { "grew" });
    pass &= pg_ok;
    println!("{} 3. memory, descriptors and database connections back to the baseline", verdict(pass));
    pass
}

fn print_summary(
    args: &Args,
    shared: &Shared,
    outcome: &Outcome,
    log: &Log,
    sessions: &SessionResults,
    writes: &WriteResults,
    witness_cpu: f64,
) {
    let sum = |f: fn(&SessionLog) -> u64| sessions.logs.iter().map(f).sum::<u64>();
    let business: u64 = log.business.values().map(|v| v.len() as u64).sum();
    let mut failures: Vec<_> = writes.failures.iter().collect();
    failures.sort_by(|a, b| b.1.cmp(a.1));
    println!("summary ({} min, {} instances, {} sessions):", args.minutes, args.instances, args.sessions);
    println!(
        "  writes: {} acknowledged, {} failed {:?}; positions: {} accepted, {} failed",
        writes.acks.len(),
        shared.failed.load(Ordering::Relaxed),
        failures,
        shared.positions_acked.load(Ordering::Relaxed),
        shared.positions_failed.load(Ordering::Relaxed)
    );
    println!("  log: head seq {}, {business} business events, {} positions kept", log.head, log.positions);
    println!(
        "  sessions: {} connects, {} churned, {} lost connections (kills, restart), {} failed connects",
        sum(|s| s.connects),
        sum(|s| s.churned),
        sum(|s| s.lost_connections),
        sum(|s| s.failed_connects)
    );
    println!(
        "  deliveries: {} business, {} positions; write-to-delivery p50 {} ms, p99 {} ms (replays after reconnects included)",
        sum(|s| s.business_seqs().len() as u64),
        sum(|s| s.positions),
        sessions.latencies.percentile(0.5).map_or("-".into(), |v| v.to_string()),
        sessions.latencies.percentile(0.99).map_or("-".into(), |v| v.to_string())
    );
    println!("  kills: {}; PostgreSQL restart: {}", outcome.kills, outcome.pg_restart.as_deref().unwrap_or("none"));
    println!(
        "  CPU: witness instance {:.0}% of a core, the soak's own client {:.0}%",
        witness_cpu * 100.0,
        own_cpu_share() * 100.0
    );
}

fn own_cpu_share() -> f64 {
    let used = cpu_ticks(std::process::id()) as f64 / clock_ticks_per_sec();
    used / START.get().map_or(1.0, |s| s.elapsed().as_secs_f64())
}
