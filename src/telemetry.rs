//! What the server tells its operators: the Prometheus metrics of one instance (`Metrics`, read
//! at `GET /metrics`) and the log's set-up (text or JSON lines, through `tracing`).
//!
//! Each `Application` has its own recorder, never the process-wide one `metrics` offers: several
//! servers in one process (the tests) then count only what each of them did.

use std::sync::Arc;
use std::time::Instant;

use actix_web::http::Method;
use metrics::{Counter, Gauge, Histogram, Key, Label, Metadata, Recorder, Unit};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle, PrometheusRecorder};

/// Latency buckets, in seconds: from a cached read to a request queued behind a busy pool.
const SECONDS_BUCKETS: &[f64] = &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];
/// Frames queued for one session when an event reaches it.
const QUEUE_BUCKETS: &[f64] = &[0.0, 1.0, 4.0, 16.0, 64.0, 128.0, 256.0, 512.0, 1024.0];

/// Why a WebSocket session ended, as the close counter labels it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseReason {
    /// The client closed or went away.
    Client,
    /// It fell behind (1013).
    Slow,
    /// Its credentials were revoked, expired or logged out (1008).
    Revoked,
    /// The server shut down (1001).
    Shutdown,
    /// It broke a limit: frame size (1009) or message rate (1008).
    Limits,
    /// It stopped answering pings, or stopped reading.
    Timeout,
    /// It broke the protocol (1002, 1007).
    Protocol,
}

impl CloseReason {
    pub const ALL: [CloseReason; 7] = [
        CloseReason::Client,
        CloseReason::Slow,
        CloseReason::Revoked,
        CloseReason::Shutdown,
        CloseReason::Limits,
        CloseReason::Timeout,
        CloseReason::Protocol,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CloseReason::Client => "client",
            CloseReason::Slow => "slow",
            CloseReason::Revoked => "revoked",
            CloseReason::Shutdown => "shutdown",
            CloseReason::Limits => "limits",
            CloseReason::Timeout => "timeout",
            CloseReason::Protocol => "protocol",
        }
    }
}

/// One instance's metrics: the recorder, and handles to the series counted where things happen.
/// Gauges of state (sessions, pool, lag, process) are read when `/metrics` is scraped.
pub struct Metrics {
    recorder: PrometheusRecorder,
    handle: PrometheusHandle,
    started: Instant,
    pub events_published: Counter,
    pub deliveries: Counter,
    pub replayed_events: Counter,
    pub resyncs: Counter,
    pub send_queue_depth: Histogram,
    pub prune_runs: Counter,
    pub pruned_events: Counter,
    pub write_groups: Counter,
    pub grouped_writes: Counter,
    pub fixes_together: Counter,
    write_transactions: Histogram,
    read_transactions: Histogram,
    sessions_closed: [Counter; CloseReason::ALL.len()],
}

static METADATA: Metadata<'static> = Metadata::new("switchboard", metrics::Level::INFO, Some(module_path!()));

impl Metrics {
    pub fn new() -> Arc<Metrics> {
        let mut builder = PrometheusBuilder::new();
        for (name, buckets) in [
            ("switchboard_http_request_duration_seconds", SECONDS_BUCKETS),
            ("switchboard_db_transaction_duration_seconds", SECONDS_BUCKETS),
            ("switchboard_ws_send_queue_depth", QUEUE_BUCKETS),
        ] {
            builder = builder
                .set_buckets_for_metric(Matcher::Full(name.to_owned()), buckets)
                .expect("the buckets are not empty");
        }
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        describe(&recorder);
        let counter = |name: &'static str| recorder.register_counter(&Key::from_name(name), &METADATA);
        let transactions = |kind: &'static str| {
            let key = Key::from_parts("switchboard_db_transaction_duration_seconds", vec![Label::new("kind", kind)]);
            recorder.register_histogram(&key, &METADATA)
        };
        let sessions_closed = CloseReason::ALL.map(|reason| {
            let key =
                Key::from_parts("switchboard_ws_sessions_closed_total", vec![Label::new("reason", reason.as_str())]);
            recorder.register_counter(&key, &METADATA)
        });
        Arc::new(Metrics {
            events_published: counter("switchboard_events_published_total"),
            deliveries: counter("switchboard_ws_deliveries_total"),
            replayed_events: counter("switchboard_ws_replayed_events_total"),
            resyncs: counter("switchboard_ws_resyncs_total"),
            send_queue_depth: recorder
                .register_histogram(&Key::from_name("switchboard_ws_send_queue_depth"), &METADATA),
            prune_runs: counter("switchboard_event_log_prune_runs_total"),
            pruned_events: counter("switchboard_event_log_pruned_events_total"),
            write_groups: counter("switchboard_write_groups_total"),
            grouped_writes: counter("switchboard_grouped_writes_total"),
            fixes_together: counter("switchboard_position_fixes_together_total"),
            write_transactions: transactions("write"),
            read_transactions: transactions("read"),
            sessions_closed,
            started: Instant::now(),
            recorder,
            handle,
        })
    }

    /// Counts one answered request: `route` is the template the router matched
    /// (`/api/orders/{id}`, or `unmatched`), never the path the client sent, and the method is
    /// folded into a closed set (`method_label`): each label value is a series kept for the
    /// process's life, so none may come from what a client makes up.
    pub fn http_request(&self, route: &str, method: &Method, status: u16, seconds: f64) {
        let labels = vec![Label::new("route", route.to_owned()), Label::new("method", method_label(method))];
        let mut counted = labels.clone();
        counted.push(Label::new("status", status.to_string()));
        self.recorder
            .register_counter(&Key::from_parts("switchboard_http_requests_total", counted), &METADATA)
            .increment(1);
        self.recorder
            .register_histogram(&Key::from_parts("switchboard_http_request_duration_seconds", labels), &METADATA)
            .record(seconds);
    }

    /// Folds the samples histograms took since the last call into their buckets. The recorder
    /// keeps every sample until then, so this must run often (the Broadcaster calls it once a
    /// second) whether or not anyone scrapes.
    pub fn upkeep(&self) {
        self.handle.run_upkeep();
    }

    pub fn session_closed(&self, reason: CloseReason) {
        let index = CloseReason::ALL.iter().position(|r| *r == reason).unwrap_or_default();
        self.sessions_closed[index].increment(1);
    }

    /// Records how long a transaction took (`write` or not).
    pub fn transaction(&self, write: bool, seconds: f64) {
        if write {
            self.write_transactions.record(seconds)
        } else {
            self.read_transactions.record(seconds)
        }
    }

    /// The gauge `name` with `labels`, to set at a scrape.
    pub fn gauge(&self, name: &'static str, labels: &[(&'static str, &str)]) -> Gauge {
        let labels: Vec<Label> = labels.iter().map(|(k, v)| Label::new(*k, (*v).to_owned())).collect();
        self.recorder.register_gauge(&Key::from_parts(name, labels), &METADATA)
    }

    /// A counter kept elsewhere (the pool's), set to its running total at a scrape.
    pub fn total(&self, name: &'static str, value: u64) {
        self.recorder.register_counter(&Key::from_name(name), &METADATA).absolute(value);
    }

    pub fn uptime_seconds(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// Everything, in the Prometheus text format.
    pub fn render(&self) -> String {
        self.handle.render()
    }
}

/// The methods of RFC 9110 and PATCH by name; every other method a client sends as `_OTHER`
/// (the OpenTelemetry convention), in metrics, traces and the log.
pub fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        Method::CONNECT => "CONNECT",
        Method::TRACE => "TRACE",
        _ => OTHER_METHOD,
    }
}

/// The label of every method outside the standard ones.
pub const OTHER_METHOD: &str = "_OTHER";

/// The `# HELP` line of every series.
fn describe(recorder: &PrometheusRecorder) {
    let counters: &[(&'static str, &'static str)] = &[
        ("switchboard_http_requests_total", "HTTP requests answered, by route template, method and status"),
        ("switchboard_events_published_total", "Events the Broadcaster delivered to the sessions of this instance"),
        ("switchboard_ws_deliveries_total", "Event frames sent to WebSocket sessions"),
        ("switchboard_ws_sessions_closed_total", "WebSocket sessions ended, by reason"),
        ("switchboard_ws_replayed_events_total", "Events replayed to sessions resuming with since"),
        ("switchboard_ws_resyncs_total", "Resuming sessions told to resync (the log no longer reaches back)"),
        ("switchboard_event_log_prune_runs_total", "Runs of the event log pruner"),
        ("switchboard_event_log_pruned_events_total", "Events removed from the log by the pruner"),
        ("switchboard_db_pool_waits_total", "Requests for a database connection that had to wait for one"),
        (
            "switchboard_write_groups_total",
            "Write transactions of the group commit (each holds one or more requests' writes)",
        ),
        (
            "switchboard_grouped_writes_total",
            "Requests' writes run in a group commit's transaction (refused ones included)",
        ),
        (
            "switchboard_position_fixes_together_total",
            "Drivers' position fixes a group commit wrote with others in one statement",
        ),
        ("switchboard_db_pool_timeouts_total", "Requests for a database connection that got none in time"),
    ];
    for (name, help) in counters {
        recorder.describe_counter((*name).into(), None, (*help).into());
    }
    recorder.describe_counter(
        "switchboard_db_pool_wait_seconds_total".into(),
        Some(Unit::Seconds),
        "Time spent waiting for a database connection".into(),
    );
    let gauges: &[(&'static str, &'static str)] = &[
        ("switchboard_ws_sessions", "WebSocket sessions registered with the Broadcaster"),
        ("switchboard_ws_connections", "WebSocket connections open (registered or still starting)"),
        (
            "switchboard_http_bodies_in_flight_bytes",
            "Bytes of request bodies being read, counted against --bodies-in-flight-bytes",
        ),
        (
            "switchboard_http_requests_in_flight",
            "Requests whose head has arrived and whose answer is not yet all sent (this scrape included)",
        ),
        ("switchboard_ws_subscriptions", "Topics held by sessions, by kind (all, collection, record, filtered)"),
        ("switchboard_writes_queued", "Writes waiting for the group commit's writer thread"),
        ("switchboard_notify_queue_usage", "PostgreSQL: how full the server's NOTIFY queue is, 0 to 1"),
        ("switchboard_event_log_head_seq", "The seq of the newest event in the log"),
        ("switchboard_delivered_seq", "The seq of the last event the Broadcaster delivered"),
        ("switchboard_ws_thread_backlog_frames", "Frames waiting for the session threads to hand them to sessions"),
        ("switchboard_delivery_lag_events", "Events committed to the log but not yet delivered by this instance"),
        ("switchboard_listener_lag_events", "PostgreSQL: events in the log this instance's listener has not read"),
        ("switchboard_event_log_rows", "Events kept in the log for resuming clients (counted at most once a second)"),
        ("switchboard_db_pool_max_connections", "The database pool's size"),
        ("switchboard_db_pool_connections", "Database connections open"),
        ("switchboard_db_pool_in_use", "Database connections checked out"),
        ("switchboard_db_up", "1 when the database answered this scrape"),
        ("process_resident_memory_bytes", "Resident memory of the process"),
        ("process_open_fds", "Open file descriptors of the process"),
        ("switchboard_uptime_seconds", "Seconds since this instance started"),
        ("switchboard_build_info", "Always 1; the version is a label"),
    ];
    for (name, help) in gauges {
        recorder.describe_gauge((*name).into(), None, (*help).into());
    }
    let histograms: &[(&'static str, &'static str)] = &[
        ("switchboard_http_request_duration_seconds", "Time to answer a request (to its head), by route template"),
        ("switchboard_db_transaction_duration_seconds", "Duration of database transactions, by kind"),
        (
            "switchboard_ws_send_queue_depth",
            "Frames already queued for a session when an event reached it, for sessions whose socket had not taken everything",
        ),
    ];
    for (name, help) in histograms {
        recorder.describe_histogram((*name).into(), None, (*help).into());
    }
}

/// The process's resident memory, from /proc (Linux); `None` elsewhere.
pub fn resident_memory_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    Some(pages * u64::try_from(page).ok()?)
}

/// The process's open file descriptors, from /proc (Linux); `None` elsewhere.
pub fn open_fds() -> Option<u64> {
    Some(std::fs::read_dir("/proc/self/fd").ok()?.count() as u64)
}

/// The log's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// One readable line per record.
    Text,
    /// One JSON object per line, its fields at the top level.
    Json,
}

/// The log filter `RUST_LOG` sets (`info`, `warn,switchboard=debug`), `info` without it; an
/// error for one that does not parse.
pub fn log_filter() -> Result<tracing_subscriber::filter::Targets, String> {
    match std::env::var("RUST_LOG") {
        Ok(filter) if !filter.trim().is_empty() => {
            filter.parse().map_err(|error| format!("RUST_LOG {filter:?} does not parse: {error}"))
        }
        _ => Ok(tracing_subscriber::filter::Targets::new().with_default(tracing::Level::INFO)),
    }
}

/// What must live as long as the log: with the `otel` feature and an endpoint, the trace
/// exporter, which sends the spans it still holds when this is dropped.
#[must_use = "dropping it stops the trace export"]
pub struct LogGuard {
    #[cfg(feature = "otel")]
    traces: Option<opentelemetry_sdk::trace::SdkTracerProvider>,
}

impl Drop for LogGuard {
    fn drop(&mut self) {
        #[cfg(feature = "otel")]
        if let Some(traces) = self.traces.take() {
            let _ = traces.shutdown();
        }
    }
}

/// Sends the log (`tracing` events, and `log` records of the libraries) to standard error in
/// `format`, and with the `otel` feature the spans to `otel_endpoint` (when not empty). Once per
/// process; later calls do nothing.
pub fn init_logs(format: LogFormat, otel_endpoint: &str) -> LogGuard {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let filter = log_filter().unwrap_or_else(|error| {
        eprintln!("{error}; logging at info");
        tracing_subscriber::filter::Targets::new().with_default(tracing::Level::INFO)
    });
    let registry = tracing_subscriber::registry().with(filter);
    #[cfg(feature = "otel")]
    let (registry, traces) = {
        let (layer, traces) = match otel_endpoint.trim() {
            "" => (None, None),
            endpoint => match otel::layer(endpoint) {
                Ok((layer, traces)) => (Some(layer), Some(traces)),
                Err(error) => {
                    eprintln!("OpenTelemetry export to {endpoint} is off: {error}");
                    (None, None)
                }
            },
        };
        (registry.with(layer), traces)
    };
    #[cfg(not(feature = "otel"))]
    if !otel_endpoint.trim().is_empty() {
        eprintln!("an OpenTelemetry endpoint is set, but this build has no `otel` feature: no traces are sent");
    }
    let _ = match format {
        LogFormat::Text => {
            registry.with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_ansi(false)).try_init()
        }
        LogFormat::Json => registry
            .with(
                tracing_subscriber::fmt::layer()
                    .json()
                    .flatten_event(true)
                    .with_current_span(false)
                    .with_span_list(false)
                    .with_writer(std::io::stderr),
            )
            .try_init(),
    };
    LogGuard {
        #[cfg(feature = "otel")]
        traces,
    }
}

/// The OTLP/HTTP span exporter behind the `otel` feature.
#[cfg(feature = "otel")]
mod otel {
    use opentelemetry::trace::TracerProvider as _;
    use opentelemetry_otlp::WithExportConfig;
    use opentelemetry_sdk::trace::{SdkTracerProvider, Tracer};

    /// A layer that turns spans into OpenTelemetry spans, batched and sent to `endpoint`
    /// (`http://collector:4318`, to which `/v1/traces` is added), and the provider to shut down.
    pub fn layer<S>(
        endpoint: &str,
    ) -> Result<(tracing_opentelemetry::OpenTelemetryLayer<S, Tracer>, SdkTracerProvider), String>
    where
        S: tracing::Subscriber + for<'span> tracing_subscriber::registry::LookupSpan<'span>,
    {
        let endpoint = endpoint.trim_end_matches('/');
        let url = if endpoint.ends_with("/v1/traces") { endpoint.to_owned() } else { format!("{endpoint}/v1/traces") };
        let exporter = opentelemetry_otlp::SpanExporter::builder()
            .with_http()
            .with_endpoint(url)
            .build()
            .map_err(|error| error.to_string())?;
        let resource = opentelemetry_sdk::Resource::builder()
            .with_service_name("switchboard")
            .with_attribute(opentelemetry::KeyValue::new("service.version", env!("CARGO_PKG_VERSION")))
            .build();
        let provider = SdkTracerProvider::builder().with_batch_exporter(exporter).with_resource(resource).build();
        let tracer = provider.tracer("switchboard");
        Ok((tracing_opentelemetry::layer().with_tracer(tracer), provider))
    }
}

/// The id of the request being served: the client's `X-Request-Id` when it is sane, otherwise
/// one made up; in the request's extensions, the log lines and the answer's header.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);
