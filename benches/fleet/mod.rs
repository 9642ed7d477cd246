//! W7, the fleet's location stream (issue 25): the same load on one instance on SQLite and on
//! three instances sharing one PostgreSQL database, p99 write-to-delivery of the two compared.
//!
//! Each run starts each system fresh, creates `--fleet-drivers` drivers, opens `--fleet-sessions`
//! WebSocket sessions on `drivers` and `orders` spread evenly over the instances, then for
//! `--duration` seconds sends `--fleet-rate` `POST /api/drivers/{id}/location` a second (open
//! loop, spread over the drivers and the instances) and `--business-rate` order note PATCHes a
//! second (every session must receive each exactly once). A position carries its write's number
//! in its latitude and its send time in its longitude, so a session knows each fix it receives
//! and its latency. A session that falls behind gets only each driver's newest fix: a fix it
//! never sees is coalesced, not lost; a fix no newer than one it already had is counted stale.
//! With `--positions combined` (the default) the sessions ask for positions waiting at once in
//! one `driver_locations_updated` frame; each position in it counts as a fix received.
//!
//! The several instances share this machine's cores, so each runs its share of them
//! (`--fleet-instance-threads`: by default the CPUs over the instances, at least one HTTP worker
//! and one WebSocket thread), as an operator sizes instances put on one machine; the one SQLite
//! instance runs the server's default, one of each per CPU. Three instances each on the default
//! would run twelve busy threads on two cores.
//!
//! Every session reads every frame, and every session's business events are checked; the
//! positions (their latency, and whether any came twice or out of order) are read on
//! `--fleet-sampled` sessions spread evenly over the instances and client threads: the bench
//! plays 3,000 browsers on the two cores the servers and PostgreSQL use, and parsing each of
//! 3,000,000 positions a second would measure the bench.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use awc::ws;
use diesel::{Connection, PgConnection, RunQueryDsl};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};

use super::{cpu_seconds, machine_busy_seconds, micros, percentile, stamp, Args, Server};

/// What starts a position frame, a frame of combined positions, and a business frame (an
/// order's notes PATCH).
const POSITION_FRAME: &str = r#"{"type":"driver_location_updated""#;
const POSITIONS_FRAME: &str = r#"{"type":"driver_locations_updated""#;
const BUSINESS_FRAME: &str = r#"{"type":"order_updated""#;
/// Where an order update's bench stamp (`bench <write> <sent micros>`) is.
const BUSINESS_STAMP: &str = r#""notes":"bench "#;
/// The demo data's orders: the business writes take turns over them.
const DEMO_ORDERS: u64 = 15;
/// A latitude holds a write's number in units of 1e-5 degree (up to 9,000,000 writes), a
/// longitude the send time in units of 10 s (up to an hour after the bench started).
const SEQ_PER_DEGREE: f64 = 1e5;
const MICROS_PER_DEGREE: f64 = 1e7;
/// The longest wait after the last write for the sessions to catch up.
const DRAIN_LIMIT: Duration = Duration::from_secs(120);
/// How long no frame at all may arrive before the sessions count as caught up.
const QUIET_LIMIT: Duration = Duration::from_secs(10);

/// One system's figures in one run.
pub struct FleetOutcome {
    pub positions_sent: u64,
    pub positions_failed: u64,
    /// Fixes received, one per (fix, session) pair, each newer than the last of its driver.
    pub fixes_received: u64,
    /// Fixes no newer than one the session already had for the driver (duplicates, reordering).
    pub fixes_stale: u64,
    /// Latencies of the fixes received, µs.
    pub fix_latencies: Vec<u64>,
    pub business_writes: u64,
    pub business_failed: u64,
    pub business_expected: u64,
    pub business_received: u64,
    /// Business deliveries missing once the sessions stopped receiving anything; when the
    /// bench stopped waiting at `DRAIN_LIMIT` instead, they are counted as `undelivered`.
    pub business_lost: u64,
    pub business_undelivered: u64,
    pub business_duplicates: u64,
    pub business_latencies: Vec<u64>,
    /// Each successful write's answer time, µs.
    pub answered: Vec<u64>,
    pub sessions: u64,
    /// Sessions whose positions were read (`--fleet-sampled`).
    pub sampled: u64,
    pub dropped_sessions: u64,
    pub wall: f64,
    /// Each instance's CPU while writing and draining, % of a core.
    pub server_cpu: Vec<f64>,
    pub other_cpu_percent: f64,
    /// The bench's own CPU, % of a core, and how long its threads waited for a CPU (ready to
    /// run, another process running), ms a second: a bench starved of CPU reads its frames late,
    /// which its latencies then include.
    pub bench_cpu_percent: f64,
    pub bench_waiting: f64,
    /// Write groups, write transactions and sessions closed as slow, over all instances.
    counters: Counters,
    /// The largest listener and delivery lag any instance showed while writing, events.
    pub max_listener_lag: f64,
    pub max_delivery_lag: f64,
}

impl FleetOutcome {
    pub fn p(&self, p: f64) -> f64 {
        percentile(&self.fix_latencies, p)
    }

    fn deliveries_per_second(&self) -> f64 {
        let fixes = self.fixes_received as f64 * self.sessions as f64 / self.sampled.max(1) as f64;
        (fixes + self.business_received as f64) / self.wall
    }

    fn print(&self, run: usize, name: &str, args: &Args) {
        let cpu: Vec<String> = self.server_cpu.iter().map(|c| format!("{c:.0}%")).collect();
        // A write the client gave up on may still have been committed: every fix sent counts.
        let expected_fixes = self.positions_sent * self.sampled;
        println!(
            "W7 run {run} {name}: {} sessions on drivers+orders (positions={}), {} positions/s over {} drivers for {} s: \
             {} positions sent ({} failed), fixes received on the {} sessions sampled {} of {} ({:.1}%, the rest coalesced), stale {}; \
             fix latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            self.sessions,
            args.positions,
            args.fleet_rate,
            args.fleet_drivers,
            args.duration,
            self.positions_sent,
            self.positions_failed,
            self.sampled,
            self.fixes_received,
            expected_fixes,
            100.0 * self.fixes_received as f64 / expected_fixes.max(1) as f64,
            self.fixes_stale,
            self.p(50.0),
            self.p(99.0),
            self.p(100.0),
        );
        println!(
            "  business: {} order PATCHes ({} failed), expected {} deliveries, received {}, lost {}, \
             undelivered at the {} s cut-off {}, duplicates {}, \
             latency p50 {:.1} ms, p99 {:.1} ms; writes answered in p50 {:.1} ms, p99 {:.1} ms; {:.0} deliveries/s; server CPU per instance [{}], other processes \
             {:.0}% of a core, the bench {:.0}% (its threads waiting {:.0} ms a second for a CPU); {:.0} writes in {:.0} groups ({:.1} a group), a write transaction {:.1} ms on \
             average (its wait for the log's lock included); max listener lag {:.0}, max delivery lag {:.0} events; \
             sessions dropped {}, closed as slow {:.0}",
            self.business_writes,
            self.business_failed,
            self.business_expected,
            self.business_received,
            self.business_lost,
            DRAIN_LIMIT.as_secs(),
            self.business_undelivered,
            self.business_duplicates,
            percentile(&self.business_latencies, 50.0),
            percentile(&self.business_latencies, 99.0),
            percentile(&self.answered, 50.0),
            percentile(&self.answered, 99.0),
            self.deliveries_per_second(),
            cpu.join(", "),
            self.other_cpu_percent,
            self.bench_cpu_percent,
            self.bench_waiting,
            self.counters.grouped_writes,
            self.counters.write_groups,
            self.counters.grouped_writes / self.counters.write_groups.max(1.0),
            1000.0 * self.counters.write_seconds / self.counters.write_transactions.max(1.0),
            self.max_listener_lag,
            self.max_delivery_lag,
            self.dropped_sessions,
            self.counters.kicked,
        );
    }
}

/// Runs W7 `--runs` times, each run on one SQLite instance then on the PostgreSQL instances,
/// and answers each run's pair.
pub fn run(args: &Args) -> Vec<(FleetOutcome, FleetOutcome)> {
    let mut runs = Vec::new();
    for run in 1..=args.runs {
        println!("W7 run {run}: load average {}", load_average());
        let one = with_instances(args, None, 1, None);
        one.print(run, "one instance, SQLite", args);
        let database = fresh_pg_database(args);
        let threads = instance_threads(args, args.instances);
        let many = with_instances(args, Some(&database), args.instances, threads);
        let threads = match threads {
            Some(threads) => format!("{threads} HTTP worker(s) and {threads} WebSocket thread(s) each"),
            None => "the server's default threads each".to_owned(),
        };
        many.print(run, &format!("{} instances, PostgreSQL, {threads}", args.instances), args);
        drop_pg_database(args);
        println!(
            "W7 run {run}: p99 {} on PostgreSQL / one on SQLite: {:.2} (target ≤ 1.5); business lost {} and {} \
             (undelivered at the cut-off {} and {})",
            args.instances,
            many.p(99.0) / one.p(99.0),
            one.business_lost,
            many.business_lost,
            one.business_undelivered,
            many.business_undelivered,
        );
        runs.push((one, many));
    }
    runs
}

/// The table's W7 lines: the median of the runs' p99s and of their ratios.
pub fn print_summary(runs: &[(FleetOutcome, FleetOutcome)], args: &Args) {
    if runs.is_empty() {
        return;
    }
    let median = |mut values: Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let one = median(runs.iter().map(|(one, _)| one.p(99.0)).collect());
    let many = median(runs.iter().map(|(_, many)| many.p(99.0)).collect());
    let ratio = median(runs.iter().map(|(one, many)| many.p(99.0) / one.p(99.0)).collect());
    let each: Vec<String> = runs.iter().map(|(one, many)| format!("{:.2}", many.p(99.0) / one.p(99.0))).collect();
    println!(
        "| W7: {} positions/s, {} sessions on drivers, p99 write-to-delivery (median of {}) | one SQLite {:.1} ms | \
         {} PostgreSQL {:.1} ms | ratio {:.2} (runs {}) | ≤ 1.5× | {} |",
        args.fleet_rate,
        args.fleet_sessions,
        runs.len(),
        one,
        args.instances,
        many,
        ratio,
        each.join(", "),
        super::met(Some(ratio <= 1.5)),
    );
    let lost: u64 = runs.iter().map(|(one, many)| one.business_lost + many.business_lost).sum();
    let undelivered: u64 = runs.iter().map(|(one, many)| one.business_undelivered + many.business_undelivered).sum();
    println!(
        "| W7: business events lost over all runs (undelivered at the cut-off: {undelivered}) | {lost} | | | | 0 | {} |",
        super::met(Some(lost == 0 && undelivered == 0))
    );
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// `<--pg>/<--pg-database>`, dropped and created again empty.
fn fresh_pg_database(args: &Args) -> String {
    drop_pg_database(args);
    let mut admin = PgConnection::establish(&format!("{}/postgres", args.pg)).expect("connecting to PostgreSQL");
    diesel::sql_query(format!("CREATE DATABASE {}", args.pg_database)).execute(&mut admin).expect("CREATE DATABASE");
    format!("{}/{}", args.pg, args.pg_database)
}

fn drop_pg_database(args: &Args) {
    let mut admin = PgConnection::establish(&format!("{}/postgres", args.pg)).expect("connecting to PostgreSQL");
    diesel::sql_query(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", args.pg_database))
        .execute(&mut admin)
        .expect("DROP DATABASE");
}

/// Starts `count` instances on `database` (a fresh SQLite file when `None`), each with `threads`
/// HTTP workers and as many WebSocket threads (`None`: the server's default), runs the load
/// through them, and stops them.
fn with_instances(args: &Args, database: Option<&str>, count: usize, threads: Option<usize>) -> FleetOutcome {
    let servers: Vec<Server> = (0..count)
        .map(|instance| {
            let dir = std::env::temp_dir().join(format!("switchboard-bench-{}-w7-{instance}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("the instance's directory");
            let database = database.map_or_else(|| dir.join("bench.db").display().to_string(), str::to_owned);
            Server::start_in(args, dir, database, threads)
        })
        .collect();
    let instances: Vec<Instance> = servers
        .iter()
        .map(|server| Instance { base: server.base.clone(), token: server.token.clone(), pid: server.child.id() })
        .collect();
    let drivers = create_drivers(&instances[0], args.fleet_drivers);
    assert_eq!(drivers.len(), args.fleet_drivers, "every driver was created");
    let outcome = measure(args, &instances, drivers);
    drop(servers);
    outcome
}

/// The HTTP workers and WebSocket threads each of `count` instances runs
/// (`--fleet-instance-threads`): by default, when there are several, its share of the CPUs;
/// `None` for the server's own (one of each per CPU).
fn instance_threads(args: &Args, count: usize) -> Option<usize> {
    if count < 2 {
        return None;
    }
    let cpus = std::thread::available_parallelism().map_or(1, usize::from);
    match args.fleet_instance_threads {
        None => Some((cpus / count).max(1)),
        Some(0) => None,
        Some(threads) => Some(threads),
    }
}

/// A running instance, as the load generator sees it.
#[derive(Clone)]
struct Instance {
    base: String,
    token: Option<String>,
    pid: u32,
}

/// How long this process's threads have waited for a CPU so far (each thread's
/// `/proc/self/task/<tid>/schedstat`, its second field), in seconds; threads that ended are not
/// counted.
fn run_queue_seconds() -> Option<f64> {
    let nanos: u64 = std::fs::read_dir("/proc/self/task")
        .ok()?
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("schedstat")).ok())
        .filter_map(|stat| stat.split_whitespace().nth(1).and_then(|n| n.parse::<u64>().ok()))
        .sum();
    Some(nanos as f64 / 1e9)
}

/// An instance's /metrics (empty when it does not answer).
fn metrics_text(base: &str) -> String {
    let text = actix_web::rt::System::new().block_on(async {
        let client = awc::Client::builder().timeout(Duration::from_secs(10)).finish();
        let mut response = client.get(format!("{base}/metrics")).send().await.ok()?;
        let body = response.body().limit(1 << 24).await.ok()?;
        Some(String::from_utf8_lossy(&body).into_owned())
    });
    text.unwrap_or_default()
}

/// The sum of the samples of `series` (a name, or a name with its labels) in a /metrics text.
fn sample_sum(text: &str, series: &str) -> f64 {
    text.lines()
        .filter(|line| line.strip_prefix(series).is_some_and(|rest| rest.starts_with([' ', '{'])))
        .filter_map(|line| line.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

/// Creates `count` drivers, 32 requests in flight, and answers their ids.
fn create_drivers(instance: &Instance, count: usize) -> Vec<i64> {
    actix_web::rt::System::new().block_on(async {
        let client = awc::Client::builder().timeout(Duration::from_secs(30)).finish();
        let mut ids: Vec<i64> = futures_util::stream::iter(0..count)
            .map(|driver| {
                let mut request = client.post(format!("{}/api/drivers", instance.base));
                if let Some(token) = &instance.token {
                    request = request.bearer_auth(token);
                }
                async move {
                    let mut response =
                        request.send_json(&json!({"name": format!("Fleet driver {driver}")})).await.ok()?;
                    let record: Value = response.json().await.ok()?;
                    record["id"].as_i64()
                }
            })
            .buffer_unordered(32)
            .filter_map(|id| async move { id })
            .collect()
            .await;
        ids.sort_unstable();
        ids
    })
}

/// What the session threads share.
#[derive(Default)]
struct Shared {
    subscribed: AtomicU64,
    failed_connects: AtomicU64,
    dropped: AtomicU64,
    business_received: AtomicU64,
    fixes_received: AtomicU64,
    /// Frames of positions received by every session, sampled or not: progress while draining.
    position_frames: AtomicU64,
    stop: AtomicBool,
    /// Per thread, when it stops: fixes received, stale, and their latencies.
    fixes: Mutex<(u64, u64, Vec<u64>)>,
    /// Business deliveries: (write, session, latency µs).
    business: Mutex<Vec<(u32, u32, u64)>>,
}

/// Opens the sessions, writes, drains, and counts.
fn measure(args: &Args, instances: &[Instance], drivers: Vec<i64>) -> FleetOutcome {
    let shared = Arc::new(Shared::default());
    let driver_index: Arc<HashMap<i64, u32>> =
        Arc::new(drivers.iter().enumerate().map(|(index, &id)| (id, index as u32)).collect());
    let threads: Vec<_> = (0..args.threads)
        .map(|thread| {
            let mine: Vec<usize> = (0..args.fleet_sessions).filter(|s| s % args.threads == thread).collect();
            let (shared, instances, driver_index) = (shared.clone(), instances.to_vec(), driver_index.clone());
            let concurrency = args.connect_concurrency.max(1);
            let positions = args.positions.clone();
            let mine: Vec<(usize, bool)> = mine.into_iter().map(|session| (session, sampled(args, session))).collect();
            std::thread::spawn(move || {
                let held = hold_sessions(mine, instances, driver_index, shared, concurrency, positions);
                actix_web::rt::System::new().block_on(held)
            })
        })
        .collect();
    let started = Instant::now();
    let (mut last, mut last_progress) = (0, Instant::now());
    loop {
        let ready = shared.subscribed.load(Ordering::Relaxed) + shared.failed_connects.load(Ordering::Relaxed);
        if ready >= args.fleet_sessions as u64 {
            break;
        }
        if ready != last {
            (last, last_progress) = (ready, Instant::now());
        }
        assert!(last_progress.elapsed() < Duration::from_secs(120), "stuck at {ready} sessions");
        std::thread::sleep(Duration::from_millis(50));
    }
    let sessions = shared.subscribed.load(Ordering::Relaxed);
    println!("  {sessions} sessions subscribed in {:.1} s", started.elapsed().as_secs_f64());

    let before: Vec<Counters> = instances.iter().map(Counters::read).collect();
    let cpu_before: Vec<Option<f64>> = instances.iter().map(|i| cpu_seconds(i.pid)).collect();
    let (me_before, machine_before, window) = (cpu_seconds(std::process::id()), machine_busy_seconds(), Instant::now());
    let waited_before = run_queue_seconds();
    let sampling = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (bases, sampling) = (instances.iter().map(|i| i.base.clone()).collect::<Vec<_>>(), sampling.clone());
        std::thread::spawn(move || sample_lags(&bases, &sampling))
    };
    let writes = {
        let (args, instances, drivers) = (args.clone(), instances.to_vec(), drivers.clone());
        std::thread::spawn(move || actix_web::rt::System::new().block_on(drive_writes(&args, &instances, &drivers)))
            .join()
            .expect("the writer")
    };
    // Drain: until every session has every business event (they come in order with the fixes),
    // or no frame of either kind has arrived for `QUIET_LIMIT`, or for at most `DRAIN_LIMIT`.
    let expected_business = writes.business_done.len() as u64 * sessions;
    let (mut last, mut last_progress, draining) = (0, Instant::now(), Instant::now());
    let mut drained = true;
    loop {
        let business = shared.business_received.load(Ordering::Relaxed);
        if business >= expected_business || last_progress.elapsed() > QUIET_LIMIT {
            break;
        }
        if draining.elapsed() > DRAIN_LIMIT {
            drained = false;
            break;
        }
        let frames = business + shared.position_frames.load(Ordering::Relaxed);
        if frames != last {
            (last, last_progress) = (frames, Instant::now());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_secs(1));
    let wall = window.elapsed().as_secs_f64();
    let delta = |before: Option<f64>, after: Option<f64>| after.zip(before).map_or(0.0, |(a, b)| a - b);
    let server_seconds: Vec<f64> =
        instances.iter().zip(&cpu_before).map(|(i, &before)| delta(before, cpu_seconds(i.pid))).collect();
    let me = delta(me_before, cpu_seconds(std::process::id()));
    let waited = delta(waited_before, run_queue_seconds());
    let machine = delta(machine_before, machine_busy_seconds());
    let others = (machine - me - server_seconds.iter().sum::<f64>()).max(0.0);
    sampling.store(true, Ordering::Relaxed);
    let (max_listener_lag, max_delivery_lag) = sampler.join().expect("the lag sampler");
    let after: Vec<Counters> = instances.iter().map(Counters::read).collect();
    let counters = Counters::change(&before, &after);

    shared.stop.store(true, Ordering::Relaxed);
    for thread in threads {
        thread.join().expect("a session thread");
    }
    let (fixes_received, fixes_stale, fix_latencies) = std::mem::take(&mut *shared.fixes.lock().unwrap());
    let mut business = std::mem::take(&mut *shared.business.lock().unwrap());
    business.sort_unstable_by_key(|&(write, session, _)| (write, session));
    let all = business.len();
    business.dedup_by_key(|&mut (write, session, _)| (write, session));
    let accepted: std::collections::HashSet<u32> = writes.business_done.iter().map(|&w| w as u32).collect();
    let business_latencies: Vec<u64> =
        business.iter().filter(|(write, ..)| accepted.contains(write)).map(|&(.., latency)| latency).collect();
    let business_received = business_latencies.len() as u64;
    let missing = expected_business.saturating_sub(business_received);
    FleetOutcome {
        positions_sent: writes.positions_sent,
        positions_failed: writes.positions_failed,
        fixes_received,
        fixes_stale,
        fix_latencies,
        business_writes: writes.business_done.len() as u64,
        answered: writes.answered.clone(),
        business_failed: writes.business_failed,
        business_expected: expected_business,
        business_received,
        business_lost: if drained { missing } else { 0 },
        business_undelivered: if drained { 0 } else { missing },
        business_duplicates: (all - business.len()) as u64,
        business_latencies,
        sessions,
        sampled: (0..args.fleet_sessions).filter(|&session| sampled(args, session)).count() as u64,
        dropped_sessions: shared.dropped.load(Ordering::Relaxed),
        wall,
        server_cpu: server_seconds.iter().map(|s| 100.0 * s / wall).collect(),
        other_cpu_percent: 100.0 * others / wall,
        bench_cpu_percent: 100.0 * me / wall,
        bench_waiting: 1000.0 * waited / wall,
        counters,
        max_listener_lag,
        max_delivery_lag,
    }
}

/// An instance's counters that W7 reports the change of.
#[derive(Clone, Copy, Default)]
struct Counters {
    grouped_writes: f64,
    write_groups: f64,
    /// Seconds spent in write transactions (a group's, on PostgreSQL its wait for the log's
    /// lock included), and their number.
    write_seconds: f64,
    write_transactions: f64,
    kicked: f64,
}

impl Counters {
    fn read(instance: &Instance) -> Counters {
        let text = metrics_text(&instance.base);
        let write = |part: &str| {
            sample_sum(&text, &format!(r#"switchboard_db_transaction_duration_seconds_{part}{{kind="write"}}"#))
        };
        Counters {
            grouped_writes: sample_sum(&text, "switchboard_grouped_writes_total"),
            write_groups: sample_sum(&text, "switchboard_write_groups_total"),
            write_seconds: write("sum"),
            write_transactions: write("count"),
            kicked: sample_sum(&text, r#"switchboard_ws_sessions_closed_total{reason="slow"}"#),
        }
    }

    /// The change from `before` to `self`, over all instances.
    fn change(before: &[Counters], after: &[Counters]) -> Counters {
        before.iter().zip(after).fold(Counters::default(), |sum, (b, a)| Counters {
            grouped_writes: sum.grouped_writes + a.grouped_writes - b.grouped_writes,
            write_groups: sum.write_groups + a.write_groups - b.write_groups,
            write_seconds: sum.write_seconds + a.write_seconds - b.write_seconds,
            write_transactions: sum.write_transactions + a.write_transactions - b.write_transactions,
            kicked: sum.kicked + a.kicked - b.kicked,
        })
    }
}

/// The largest listener lag and delivery lag any instance reports, polled every 250 ms until
/// `done`.
fn sample_lags(bases: &[String], done: &AtomicBool) -> (f64, f64) {
    let (mut listener, mut delivery) = (0f64, 0f64);
    while !done.load(Ordering::Relaxed) {
        for base in bases {
            let text = metrics_text(base);
            listener = listener.max(sample_sum(&text, "switchboard_listener_lag_events"));
            delivery = delivery.max(sample_sum(&text, "switchboard_delivery_lag_events"));
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    (listener, delivery)
}

/// What the writer saw.
struct Writes {
    positions_sent: u64,
    positions_failed: u64,
    /// The number of each business write that succeeded.
    business_done: Vec<u64>,
    business_failed: u64,
    /// Each successful write's answer time (request sent to answer read), µs.
    answered: Vec<u64>,
}

/// The position that carries write `write`, sent at `sent` µs.
fn encode_fix(write: u64, sent: u64) -> (f64, f64) {
    (write as f64 / SEQ_PER_DEGREE - 90.0, sent as f64 / MICROS_PER_DEGREE - 180.0)
}

fn decode_fix(lat: f64, lng: f64) -> (u64, u64) {
    (((lat + 90.0) * SEQ_PER_DEGREE).round() as u64, ((lng + 180.0) * MICROS_PER_DEGREE).round() as u64)
}

/// Sends the positions and the business writes at their rates, open loop (each request on its
/// own task, so a slow one holds back none), write `n` to instance `n % instances`.
async fn drive_writes(args: &Args, instances: &[Instance], drivers: &[i64]) -> Writes {
    let client =
        awc::Client::builder().connector(awc::Connector::new().limit(0)).timeout(Duration::from_secs(30)).finish();
    let failed = Rc::new(RefCell::new(0u64));
    let answered = Rc::new(RefCell::new(Vec::new()));
    let business_done = Rc::new(RefCell::new(Vec::new()));
    let positions = args.fleet_rate * args.duration;
    let business = args.business_rate * args.duration;
    let send = |request: awc::ClientRequest, instance: &Instance, body: Value, on_success: Box<dyn FnOnce()>| {
        let request = match &instance.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        };
        let (failed, answered) = (failed.clone(), answered.clone());
        actix_web::rt::spawn(async move {
            let what = format!("{} {}", request.get_method(), request.get_uri());
            let sent = micros();
            match request.send_json(&body).await {
                Ok(mut response) if response.status().is_success() => {
                    let _ = response.body().await;
                    answered.borrow_mut().push(micros().saturating_sub(sent));
                    on_success();
                    return;
                }
                Ok(mut response) => {
                    let text = response.body().await.unwrap_or_default();
                    eprintln!("{what} answered {}: {}", response.status(), String::from_utf8_lossy(&text));
                }
                Err(error) => eprintln!("{what} failed: {error}"),
            }
            *failed.borrow_mut() += 1;
        })
    };
    let position_writes = async {
        let mut ticker = actix_web::rt::time::interval(Duration::from_micros(1_000_000 / args.fleet_rate.max(1)));
        let mut pending = Vec::new();
        for write in 0..positions {
            ticker.tick().await;
            let driver = drivers[write as usize % drivers.len()];
            let instance = &instances[write as usize % instances.len()];
            let (lat, lng) = encode_fix(write, micros());
            let request = client.post(format!("{}/api/drivers/{driver}/location", instance.base));
            pending.push(send(request, instance, json!({"lat": lat, "lng": lng}), Box::new(|| ())));
        }
        for task in pending {
            let _ = task.await;
        }
    };
    let business_writes = async {
        let mut ticker = actix_web::rt::time::interval(Duration::from_micros(1_000_000 / args.business_rate.max(1)));
        let mut pending = Vec::new();
        for write in 0..business {
            ticker.tick().await;
            let instance = &instances[write as usize % instances.len()];
            let request = client.patch(format!("{}/api/orders/{}", instance.base, 1 + write % DEMO_ORDERS));
            let body = json!({"notes": format!("bench {write} {}", micros())});
            let done = business_done.clone();
            pending.push(send(request, instance, body, Box::new(move || done.borrow_mut().push(write))));
        }
        for task in pending {
            let _ = task.await;
        }
    };
    futures_util::join!(position_writes, business_writes);
    let business_done = business_done.take();
    // A failed write is a position unless the business writes came short.
    let business_failed = business - business_done.len() as u64;
    let positions_failed = *failed.borrow() - business_failed;
    Writes { positions_sent: positions, positions_failed, business_done, business_failed, answered: answered.take() }
}

/// Whether `session`'s positions are read: one in every `sessions / --fleet-sampled` of each
/// client thread's (sessions take turns over the threads and the instances).
fn sampled(args: &Args, session: usize) -> bool {
    let every = (args.fleet_sessions / args.fleet_sampled.max(1)).max(1);
    (session / args.threads.max(1)).is_multiple_of(every)
}

/// The number of `key` (`"lat":`) in a frame, after `from`.
fn number_after(frame: &str, key: &str, from: usize) -> Option<(f64, usize)> {
    let at = frame[from..].find(key)? + from + key.len();
    let end = frame[at..].find([',', '}']).map_or(frame.len(), |end| at + end);
    Some((frame[at..end].parse().ok()?, end))
}

/// The driver, write and send time of the position at `from` in a frame, and where it ends.
fn read_fix(frame: &str, from: usize) -> Option<(i64, u64, u64, usize)> {
    let (driver, at) = number_after(frame, r#""id":"#, from)?;
    let (lat, at) = number_after(frame, r#""lat":"#, at)?;
    let (lng, end) = number_after(frame, r#""lng":"#, at)?;
    let (write, sent) = decode_fix(lat, lng);
    Some((driver as i64, write, sent, end))
}

/// Each position in a frame of one (`driver_location_updated`) or of several.
fn read_fixes(frame: &str) -> Vec<(i64, u64, u64)> {
    let mut fixes = Vec::new();
    if frame.starts_with(POSITION_FRAME) {
        fixes.extend(read_fix(frame, POSITION_FRAME.len()).map(|(driver, write, sent, _)| (driver, write, sent)));
    } else if let Some(mut at) = frame.find(r#""positions":["#) {
        while let Some((driver, write, sent, end)) = read_fix(frame, at) {
            fixes.push((driver, write, sent));
            at = end;
        }
    }
    fixes
}

/// This thread's sessions, each on instance `session % instances`, until `shared.stop`.
async fn hold_sessions(
    sessions: Vec<(usize, bool)>,
    instances: Vec<Instance>,
    driver_index: Arc<HashMap<i64, u32>>,
    shared: Arc<Shared>,
    concurrency: usize,
    positions: String,
) {
    let client = awc::Client::builder()
        .connector(awc::Connector::new().limit(0).timeout(Duration::from_secs(30)))
        .timeout(Duration::from_secs(60))
        .finish();
    let fixes: Rc<RefCell<(u64, u64, Vec<u64>)>> = Rc::default();
    let business: Rc<RefCell<Vec<(u32, u32, u64)>>> = Rc::default();
    let gate = Rc::new(tokio::sync::Semaphore::new(concurrency));
    let mut tasks = Vec::with_capacity(sessions.len());
    for (session, sampled) in sessions {
        let instance = &instances[session % instances.len()];
        let url = format!("{}/ws?topics=drivers,orders&positions={positions}", instance.base.replacen("http", "ws", 1));
        let token = instance.token.clone();
        let (client, shared, fixes, business, gate, driver_index) =
            (client.clone(), shared.clone(), fixes.clone(), business.clone(), gate.clone(), driver_index.clone());
        tasks.push(actix_web::rt::spawn(async move {
            let connected = {
                let _permit = gate.acquire().await.unwrap();
                // A frame of combined positions may pass awc's default limit of 64 KiB.
                let mut request = client.ws(url.as_str()).max_frame_size(1 << 20);
                if let Some(token) = &token {
                    request = request.bearer_auth(token);
                }
                request.connect().await
            };
            let mut framed = match connected {
                Ok((_, framed)) => framed,
                Err(error) => {
                    eprintln!("session {session}: connect failed: {error}");
                    shared.failed_connects.fetch_add(1, Ordering::Relaxed);
                    return;
                }
            };
            // Per driver, one more than the number of the newest fix this session has had.
            let mut newest = vec![0u64; driver_index.len()];
            let mut subscribed = false;
            let ended = loop {
                let Some(frame) = framed.next().await else { break "stream ended".to_owned() };
                match frame {
                    Ok(ws::Frame::Text(bytes)) => {
                        let now = micros();
                        let positions =
                            [POSITION_FRAME, POSITIONS_FRAME].iter().any(|p| bytes.starts_with(p.as_bytes()));
                        if positions {
                            shared.position_frames.fetch_add(1, Ordering::Relaxed);
                            if !sampled {
                                continue;
                            }
                        }
                        let Ok(text) = std::str::from_utf8(&bytes) else { continue };
                        if positions {
                            let mut fixes = fixes.borrow_mut();
                            for (driver, write, sent) in read_fixes(text) {
                                let Some(&index) = driver_index.get(&driver) else { continue };
                                shared.fixes_received.fetch_add(1, Ordering::Relaxed);
                                if newest[index as usize] > write {
                                    fixes.1 += 1;
                                } else {
                                    newest[index as usize] = write + 1;
                                    fixes.0 += 1;
                                    fixes.2.push(now.saturating_sub(sent));
                                }
                            }
                        } else if text.starts_with(BUSINESS_FRAME) {
                            if let Some((write, sent)) = stamp(text, BUSINESS_STAMP) {
                                business.borrow_mut().push((write as u32, session as u32, now.saturating_sub(sent)));
                                shared.business_received.fetch_add(1, Ordering::Relaxed);
                            }
                        } else if !subscribed && text.starts_with(r#"{"type":"subscribed""#) {
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
                super::session_lost(session, &ended, subscribed, &shared.dropped, &shared.failed_connects);
            }
        }));
    }
    super::end_when_stopped(&shared.stop, tasks).await;
    let (received, stale, latencies) = fixes.take();
    let mut all = shared.fixes.lock().unwrap();
    all.0 += received;
    all.1 += stale;
    all.2.extend(latencies);
    shared.business.lock().unwrap().extend(business.take());
}
