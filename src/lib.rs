//! Switchboard: a back office's records over REST, with every change pushed live over
//! WebSocket to the sessions subscribed to it. `Application::build` wires it all together.

pub mod api;
pub mod auth;
pub mod backup;
pub mod config;
pub mod db;
pub mod domain;
pub mod drain;
pub mod entities;
pub mod error;
pub mod group_commit;
pub mod observe;
pub mod query;
pub mod realtime;
pub mod routes;
pub mod seed;
pub mod state;
pub mod telemetry;
pub mod web_app;

use std::net::TcpListener;
use std::sync::atomic::AtomicI64;
use std::sync::Arc;
use std::time::Duration;

use actix::Actor;
use actix_http::HttpService;
use actix_service::{map_config, IntoServiceFactory, ServiceFactory};
use actix_web::body::MessageBody;
use actix_web::dev::{AppConfig, Server, ServiceRequest, ServiceResponse};
use actix_web::middleware::DefaultHeaders;
use actix_web::{web, App};

pub use config::Config;
use db::DbPool;
use group_commit::{GroupCommit, Linger};
use realtime::broadcaster::Broadcaster;
use realtime::event_log;
use realtime::SessionLimits;
pub use state::AppState;

/// The API document as `GET /api/openapi.json` serves it (`switchboard openapi` prints it).
pub fn api_document() -> Result<String, serde_json::Error> {
    api::openapi::build(&api::table()).to_pretty_json()
}
use telemetry::Metrics;

/// A built server, bound and ready to run.
pub struct Application {
    port: u16,
    server: Server,
    state: web::Data<AppState>,
}

impl Application {
    /// Connects to the database, runs migrations, starts the Broadcaster (and on PostgreSQL the
    /// listener), and binds the HTTP server. Must run inside an actix system.
    pub async fn build(config: Config) -> Result<Application, Box<dyn std::error::Error>> {
        let problems = config.problems();
        if !problems.is_empty() {
            return Err(format!("bad settings: {}", problems.join("; ")).into());
        }
        let in_use = backup::InUse::take(&config.database_url)?;
        let pool = db::build_pool_with(
            &config.database_url,
            config.pool_size,
            config.db_connect_timeout(),
            config.db_timeouts(),
        )?;
        let (head, postgres, initial_admin) = {
            let pool = pool.clone();
            web::block(move || -> Result<(i64, bool, Option<String>), String> {
                let mut conn = pool.get().map_err(|e| e.to_string())?;
                db::run_migrations(&mut conn).map_err(|e| format!("running migrations: {e}"))?;
                let admin = auth::ensure_initial_admin(&mut conn).map_err(|e| e.to_string())?;
                // On PostgreSQL this is also the first flush a write's answer waits for: a role
                // that may not make one would commit writes it cannot answer.
                let head = event_log::durable_head(&mut conn).map_err(|e| {
                    format!("flushing the event log (see docs/operations.md, \"PostgreSQL commits\"): {e}")
                })?;
                Ok((head, conn.is_postgres(), admin))
            })
            .await??
        };
        let metrics = Metrics::new();
        // This server, to the others on the same database (presence, NOTIFY payloads).
        let instance = realtime::event_log::new_instance();
        let broadcaster =
            Broadcaster::new(pool.clone(), head, config.ws_thread_backlog, metrics.clone(), instance).start();
        let listener_seq = postgres.then(|| Arc::new(AtomicI64::new(head)));
        let others_writing = event_log::OthersWriting::default();
        if let Some(read) = &listener_seq {
            // Presence goes between instances through the listener's connection, in order.
            let (out, outgoing) = std::sync::mpsc::sync_channel(PRESENCE_QUEUE);
            let silent_after = config.client_timeout();
            broadcaster.do_send(realtime::broadcaster::SharePresence { out, silent_after });
            let url = db::connection_url(&config.database_url)?;
            let peers = realtime::listener::Peers { instance, others: others_writing.clone() };
            realtime::listener::spawn(url, read.clone(), broadcaster.clone(), outgoing, peers);
        }
        spawn_pruner(
            pool.clone(),
            metrics.clone(),
            Retention {
                log_events: config.log_retain_events,
                log_secs: config.log_retain_secs,
                log_positions_secs: config.log_positions_retain_secs,
                audit_days: config.audit_retain_days,
            },
            Duration::from_secs(config.log_prune_secs.max(1)),
        );

        let host = config.host.clone();
        let listener = TcpListener::bind((config.host.as_str(), config.port))?;
        let port = listener.local_addr()?.port();
        let limits = Arc::new(SessionLimits {
            heartbeat: config.heartbeat_interval(),
            client_timeout: config.client_timeout(),
            max_text: config.ws_max_frame,
            max_topics: config.ws_max_topics,
            send_queue: config.ws_send_queue,
            max_replay: config.log_retain_events.clamp(0, 10_000) as usize,
            max_messages_per_sec: config.ws_messages_per_sec,
        });
        let auth = auth::middleware::AuthState::new(&config, pool.clone());
        realtime::sweeper::spawn(pool.clone(), broadcaster.clone());
        // SQLite has one writer at a time: always in groups.
        let grouped = !postgres || config.group_commit == "on";
        let group_commit = grouped.then(|| {
            // SQLite's one writer has no lock to take turns with.
            let linger = if postgres { Duration::from_millis(config.group_linger_ms) } else { Duration::ZERO };
            let limit = config.writes_queued_max as usize;
            let linger = Linger { time: linger, others: others_writing.clone() };
            GroupCommit::start(pool.clone(), broadcaster.clone(), metrics.clone(), instance, limit, linger)
        });
        let sockets = Arc::new(realtime::Sockets {
            broadcaster: broadcaster.clone(),
            pool: pool.clone(),
            limits,
            metrics: metrics.clone(),
            session_threads: realtime::threads::SessionThreads::start(per_cpu(config.ws_threads))?,
            open_sessions: Arc::default(),
            opened_sessions: Arc::default(),
            session_counts: Arc::default(),
            sessions_per_token: config.ws_sessions_per_token,
            max_sessions: config.ws_max_sessions,
        });
        realtime::trim::spawn(sockets.opened_sessions.clone());
        let bodies = web::Data::from(api::body::BodyBudget::new(config.bodies_in_flight_bytes));
        let state = web::Data::new(AppState {
            pool,
            broadcaster,
            config,
            sockets,
            auth,
            drain: Arc::default(),
            metrics,
            listener_seq,
            _in_use: in_use,
            group_commit,
            instance,
            exports: Arc::new(tokio::sync::Semaphore::new(api::csv::MAX_EXPORTS)),
            log_rows: realtime::event_log::CountedRows::default(),
        });
        let addr = listener.local_addr()?;
        // What `HttpServer` would build, plus an upgrade service: a connection whose `GET /ws`
        // is answered 101 leaves the HTTP dispatcher for its session actor (realtime/upgrade.rs).
        let workers = per_cpu(state.config.workers);
        let app_state = state.clone();
        // Stopped by `drain::shutdown`, never gracefully: a graceful stop would wait for idle
        // keep-alive connections too.
        let server = actix_server::Server::build()
            .workers(workers)
            .disable_signals()
            .listen("switchboard", listener, move || {
                let sockets = web::Data::from(state.sockets.clone());
                let upgrade = realtime::upgrade::factory(app(state.clone(), bodies.clone()).into_factory(), sockets);
                HttpService::build()
                    .local_addr(addr)
                    .upgrade(upgrade)
                    .finish(map_config(app(state.clone(), bodies.clone()), |_| AppConfig::default()))
                    .tcp()
            })?
            .run();
        tracing::info!("WebSocket server enabled for real-time updates");
        tracing::info!("Switchboard {} listening on http://{host}:{port}", env!("CARGO_PKG_VERSION"));
        if let Some(token) = initial_admin {
            // Shown once, on the terminal, not in the log.
            println!(
                "\nNo API token existed, so Switchboard created an admin token. It is shown only this once:\n\n    \
                 {token}\n\nOpen http://{host}:{port}/ and log in with it, or send it as `Authorization: Bearer …`.\n\
                 Create tokens for your staff with `switchboard token create --name NAME --role ROLE`.\n"
            );
        }
        Ok(Application { port, server, state: app_state })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGTERM or SIGINT, then drains (`drain::shutdown`): no new connections,
    /// further requests answered 503, every WebSocket told the server is going away, and the
    /// server stops as soon as the requests in flight are answered.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let state = self.state;
        let handle = self.server.handle();
        actix_web::rt::spawn(async move {
            shutdown_signal().await;
            drain::shutdown(handle, &state.drain, &state.sockets).await;
        });
        self.server.await
    }
}

/// `count` threads, or one per CPU for 0.
fn per_cpu(count: usize) -> usize {
    match count {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
}

/// The app: every route and the middleware in front of them. Besides `AppState`, the parts the
/// access check, the WebSocket handshake, the drain and the body guard take are registered on
/// their own, so those never reach for the whole state.
fn app(
    state: web::Data<AppState>,
    bodies: web::Data<api::body::BodyBudget>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let allowed_origins = state.auth.allowed_origins.clone();
    App::new()
        .app_data(web::Data::from(state.auth.clone()))
        .app_data(web::Data::from(state.sockets.clone()))
        .app_data(web::Data::from(state.drain.clone()))
        .app_data(bodies)
        .app_data(state)
        .wrap(actix_web::middleware::from_fn(api::shared::refuse_nul_in_query))
        // Inside CORS, so a browser can read a 503 `shutting_down`; outside the routes' access
        // checks, whose work counts as in flight.
        .wrap(actix_web::middleware::from_fn(drain::track))
        // Inside CORS too, so a browser can read a 503 `overloaded`.
        .wrap(actix_web::middleware::from_fn(api::body::guard))
        .wrap(cors(&allowed_origins))
        .wrap(security_headers())
        .wrap(actix_web::middleware::from_fn(observe::requests))
        .configure(|cfg| api::root_routes(&mut routes::Routes::new(cfg, "")))
        .service(
            web::scope("/api")
                .configure(|cfg| api::api_routes(&mut routes::Routes::new(cfg, "/api")))
                .default_service(unknown_route()),
        )
        .default_service(unknown_route())
}

/// What a path the router does not know answers: 401 without credentials, so an anonymous
/// caller learns nothing about what exists; 404 with them.
fn unknown_route() -> actix_web::Route {
    web::to(api::shared::not_found).wrap(routes::gate(domain::permissions::Need::Authenticated))
}

async fn shutdown_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    match signal(SignalKind::terminate()) {
        Ok(mut terminate) => {
            tokio::select! {
                _ = terminate.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// The headers every answer carries: a Content-Security-Policy the web app satisfies (no inline
/// scripts or styles), no framing, no MIME sniffing, no referrer.
fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; \
             frame-ancestors 'none'",
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "no-referrer"))
}

/// CORS for the allow-listed origins only, credentials included (never a wildcard).
fn cors(allowed: &[String]) -> actix_cors::Cors {
    let allowed = allowed.to_vec();
    actix_cors::Cors::default()
        .allowed_origin_fn(move |origin, _| {
            origin.to_str().is_ok_and(|origin| allowed.iter().any(|a| a.eq_ignore_ascii_case(origin)))
        })
        .allowed_methods(["GET", "POST", "PATCH", "DELETE"])
        .allowed_headers(["Authorization", "Content-Type", "If-Match"])
        .expose_headers(["ETag", "Location", "Retry-After", "X-Switchboard-Seq"])
        .supports_credentials()
        .max_age(3600)
}

/// Presence messages for the other instances that may wait for the listener to send them; past
/// this, the Broadcaster resets and says everything again once there is room.
const PRESENCE_QUEUE: usize = 4_096;

/// What the pruner keeps: the event log's newest events (driver positions apart, for a shorter
/// time), and the audit trail's entries (all of them when `audit_days` is 0).
#[derive(Clone, Copy)]
struct Retention {
    log_events: i64,
    log_secs: i64,
    log_positions_secs: i64,
    audit_days: u32,
}

fn spawn_pruner(pool: DbPool, metrics: Arc<Metrics>, keep: Retention, every: Duration) {
    actix_web::rt::spawn(async move {
        let mut interval = actix_web::rt::time::interval(every);
        loop {
            interval.tick().await;
            let pool = pool.clone();
            let pruned = web::block(move || {
                let mut conn = pool.get().map_err(|e| e.to_string())?;
                if keep.audit_days > 0 {
                    let keep_since = entities::now() - chrono::Duration::days(keep.audit_days.into());
                    let count = entities::audit::prune(&mut conn, keep_since).map_err(|e| e.to_string())?;
                    if count > 0 {
                        tracing::info!(count, "pruned old entries from the audit trail");
                    }
                }
                let now = entities::now();
                let log = event_log::Retention {
                    events: keep.log_events,
                    since: now - chrono::Duration::seconds(keep.log_secs),
                    latest_since: now - chrono::Duration::seconds(keep.log_positions_secs),
                };
                event_log::prune(&mut conn, log).map_err(|e| e.to_string())
            })
            .await;
            metrics.prune_runs.increment(1);
            match pruned {
                Ok(Ok(0)) => {}
                Ok(Ok(count)) => {
                    metrics.pruned_events.increment(count as u64);
                    tracing::info!(count, "pruned old events from the log")
                }
                Ok(Err(error)) => tracing::warn!("could not prune the event log: {error}"),
                Err(error) => tracing::warn!("could not prune the event log: {error}"),
            }
        }
    });
}
