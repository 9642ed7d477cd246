//! Every setting Switchboard reads, from the command line or the environment, with its default.
//! Flags win over environment variables; `switchboard --help` lists them all.

use std::time::Duration;

use clap::Args;

/// Server settings shared by every sub-command.
#[derive(Debug, Clone, Args, serde::Serialize)]
pub struct Config {
    /// Database: a SQLite file path (or `sqlite://path`), or a `postgres://` URL.
    #[arg(long, global = true, env = "DATABASE_URL", default_value = "data/switchboard.db")]
    pub database_url: String,

    /// Address to listen on.
    #[arg(long, global = true, env = "HOST", default_value = "127.0.0.1")]
    pub host: String,

    /// Port to listen on (0 picks a free one).
    #[arg(long, global = true, env = "PORT", default_value_t = 5001)]
    pub port: u16,

    /// HTTP worker threads, each serving its share of connections (0: one per CPU).
    #[arg(long, global = true, env = "SWITCHBOARD_WORKERS", default_value_t = 0)]
    pub workers: usize,

    /// Threads the WebSocket sessions run on, apart from the HTTP workers, each holding its
    /// share of sessions and doing their deliveries (0: one per CPU).
    #[arg(long, global = true, env = "SWITCHBOARD_WS_THREADS", default_value_t = 0)]
    pub ws_threads: usize,

    /// Database connections in the pool.
    #[arg(long, global = true, env = "SWITCHBOARD_POOL_SIZE", default_value_t = 8)]
    pub pool_size: u32,

    /// Commit the writes that arrive while a commit is under way together, in one transaction
    /// (each in a savepoint of its own): `on`, or `off` for one transaction per write
    /// (PostgreSQL only; SQLite always groups).
    #[arg(long, global = true, env = "SWITCHBOARD_GROUP_COMMIT", default_value = "on", value_parser = ["on", "off"])]
    pub group_commit: String,

    /// Writes that may wait for the database writer at once (group commit); past it a write is
    /// answered 503 `writes_queued` at once, so a database that stalls holds a bounded queue.
    #[arg(long, global = true, env = "SWITCHBOARD_WRITES_QUEUED_MAX", default_value_t = 4_096,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub writes_queued_max: u32,

    /// On PostgreSQL, while other instances sharing the database write, how long a group of
    /// writes waits at most after its first arrives, for more to join it, before it takes the
    /// event log's lock, in milliseconds (0: not at all). Writes that join share its lock, its
    /// round trips, its WAL flush and its NOTIFY, and the instances take turns with fuller
    /// groups. The wait ends as soon as 16 writes are in the group, and there is none on an
    /// instance writing alone or taking fewer than one write per linger (a trickle would wait
    /// the whole time for nothing). SQLite, which commits in-process, does not wait.
    #[arg(long, global = true, env = "SWITCHBOARD_GROUP_LINGER_MS", default_value_t = 20,
          value_parser = clap::value_parser!(u64).range(0..=1_000))]
    pub group_linger_ms: u64,

    /// How long a request waits for the database when no connection can be made (it is down or
    /// unreachable) before its 503, in milliseconds; also the bound on /readyz. A pool that is
    /// merely busy is waited on for up to 10 s.
    #[arg(long, global = true, env = "SWITCHBOARD_DB_CONNECT_TIMEOUT_MS", default_value_t = 1_000)]
    pub db_connect_timeout_ms: u64,

    /// PostgreSQL: how long a statement waits for a lock another session holds before the
    /// request is answered 503 `unavailable`, in milliseconds (0: no bound). SQLite writes queue
    /// on its busy timeout instead.
    #[arg(long, global = true, env = "SWITCHBOARD_DB_LOCK_TIMEOUT_MS", default_value_t = 2_000)]
    pub db_lock_timeout_ms: u64,

    /// PostgreSQL: how long one statement may run before it is cancelled and the request
    /// answered 503 `unavailable`, in milliseconds (0: no bound). Migrations run without it.
    #[arg(long, global = true, env = "SWITCHBOARD_DB_STATEMENT_TIMEOUT_MS", default_value_t = 10_000)]
    pub db_statement_timeout_ms: u64,

    /// Largest accepted request body, in bytes (413 above it).
    #[arg(long, global = true, env = "SWITCHBOARD_BODY_LIMIT", default_value_t = 256 * 1024)]
    pub body_limit: usize,

    /// Heartbeat on /ws, in milliseconds: the server pings a session it has heard nothing from
    /// for this long, and tells clients (`welcome`) to ping at this interval.
    #[arg(long, global = true, env = "SWITCHBOARD_WS_HEARTBEAT_MS", default_value_t = 5_000)]
    pub ws_heartbeat_ms: u64,

    /// A /ws client silent for this long (milliseconds) is dropped.
    #[arg(long, global = true, env = "SWITCHBOARD_WS_CLIENT_TIMEOUT_MS", default_value_t = 15_000)]
    pub ws_client_timeout_ms: u64,

    /// Largest accepted WebSocket frame from a client, in bytes.
    #[arg(long, global = true, env = "SWITCHBOARD_WS_MAX_FRAME", default_value_t = 64 * 1024)]
    pub ws_max_frame: usize,

    /// Topics one WebSocket session may hold.
    #[arg(long, global = true, env = "SWITCHBOARD_WS_MAX_TOPICS", default_value_t = 256)]
    pub ws_max_topics: usize,

    /// WebSocket sessions the server holds at once.
    #[arg(long, global = true, env = "SWITCHBOARD_WS_MAX_SESSIONS", default_value_t = 20_000)]
    pub ws_max_sessions: usize,

    /// Frames queued for one session before it counts as too slow and is closed.
    #[arg(long, global = true, env = "SWITCHBOARD_WS_SEND_QUEUE", default_value_t = 512)]
    pub ws_send_queue: usize,

    /// Frames (one per session an event goes to; a position counts once for the sessions there
    /// that asked for combined positions) waiting for one session thread at most; an event that
    /// would overflow it closes the sessions it was for with 1013 instead, and they resume from
    /// the log.
    #[arg(long, global = true, env = "SWITCHBOARD_WS_THREAD_BACKLOG", default_value_t = 65_536)]
    pub ws_thread_backlog: usize,

    /// Business events (every event but driver positions) kept in the log for resuming clients
    /// (count).
    #[arg(long, global = true, env = "SWITCHBOARD_LOG_RETAIN_EVENTS", default_value_t = 100_000)]
    pub log_retain_events: i64,

    /// Events kept in the log for resuming clients (age, in seconds).
    #[arg(long, global = true, env = "SWITCHBOARD_LOG_RETAIN_SECS", default_value_t = 7 * 24 * 3600)]
    pub log_retain_secs: i64,

    /// Driver positions (`driver_location_updated`, a latest value) kept in the log whole for
    /// this long, in seconds; of older ones, only each driver's newest.
    #[arg(long, global = true, env = "SWITCHBOARD_LOG_POSITIONS_RETAIN_SECS", default_value_t = 300)]
    pub log_positions_retain_secs: i64,

    /// Days the audit trail keeps each entry (who changed what); 0 keeps them forever. Apart from
    /// the event log's retention: pruning the log never touches the trail.
    #[arg(long, global = true, env = "SWITCHBOARD_AUDIT_RETAIN_DAYS", default_value_t = 0)]
    pub audit_retain_days: u32,

    /// Origins besides the server's own that browsers may call from (CORS, and the Origin check
    /// for the session cookie), comma-separated: `https://office.example.com,http://localhost:3000`.
    #[arg(long, global = true, env = "SWITCHBOARD_ALLOWED_ORIGINS", default_value = "")]
    pub allowed_origins: String,

    /// Requests a minute one token may make (0: no limit).
    #[arg(long, global = true, env = "SWITCHBOARD_RATE_LIMIT_PER_MIN", default_value_t = 6_000)]
    pub rate_limit_per_min: u32,

    /// Requests one token may make in a burst above that rate.
    #[arg(long, global = true, env = "SWITCHBOARD_RATE_LIMIT_BURST", default_value_t = 600)]
    pub rate_limit_burst: u32,

    /// Log-in attempts a minute from one address (0: no limit).
    #[arg(long, global = true, env = "SWITCHBOARD_LOGIN_ATTEMPTS_PER_MIN", default_value_t = 10)]
    pub login_attempts_per_min: u32,

    /// Hours a browser session lasts.
    #[arg(long, global = true, env = "SWITCHBOARD_SESSION_HOURS", default_value_t = 12)]
    pub session_hours: i64,

    /// WebSocket sessions one token may hold at once (0: no limit).
    #[arg(long, global = true, env = "SWITCHBOARD_WS_SESSIONS_PER_TOKEN", default_value_t = 200)]
    pub ws_sessions_per_token: usize,

    /// Frames a second one WebSocket client may send (0: no limit).
    #[arg(long, global = true, env = "SWITCHBOARD_WS_MESSAGES_PER_SEC", default_value_t = 50)]
    pub ws_messages_per_sec: u32,

    /// How often old events are pruned from the log, in seconds.
    #[arg(long, global = true, env = "SWITCHBOARD_LOG_PRUNE_SECS", default_value_t = 60)]
    pub log_prune_secs: u64,

    /// Addresses that may read /metrics without a token (comma-separated addresses or CIDR
    /// ranges); from anywhere else it takes an admin token.
    #[arg(long, global = true, env = "SWITCHBOARD_METRICS_ALLOW", default_value = "127.0.0.0/8,::1")]
    pub metrics_allow: String,

    /// The log's format: `text` (one readable line per record) or `json` (one object per line).
    #[arg(long, global = true, env = "SWITCHBOARD_LOG_FORMAT", value_enum, default_value = "text")]
    pub log_format: crate::telemetry::LogFormat,

    /// How long a request body may take to arrive, in milliseconds, counted from when the server
    /// starts reading it: a body not whole by then is answered 408 and its connection closed.
    #[arg(long, global = true, env = "SWITCHBOARD_BODY_READ_TIMEOUT_MS", default_value_t = 10_000)]
    pub body_read_timeout_ms: u64,

    /// Bytes of request bodies being read at once, in all (each counts its Content-Length, or
    /// body-limit when it has none); a request past it is answered 503 `overloaded`.
    #[arg(long, global = true, env = "SWITCHBOARD_BODIES_IN_FLIGHT_BYTES", default_value_t = 64 * 1024 * 1024)]
    pub bodies_in_flight_bytes: usize,

    /// Failed credential lookups (bearer token, session cookie, WebSocket ticket) a minute from
    /// one client address before it is answered 429 without a lookup (0: no limit).
    #[arg(long, global = true, env = "SWITCHBOARD_FAILED_AUTH_PER_MIN", default_value_t = 60)]
    pub failed_auth_per_min: u32,

    /// Where OpenTelemetry traces go over OTLP/HTTP (`http://collector:4318`); none when empty.
    /// Only builds with the `otel` feature export them.
    #[arg(long, global = true, env = "OTEL_EXPORTER_OTLP_ENDPOINT", default_value = "")]
    pub otel_endpoint: String,
}

impl Config {
    pub fn heartbeat_interval(&self) -> Duration {
        Duration::from_millis(self.ws_heartbeat_ms)
    }

    pub fn client_timeout(&self) -> Duration {
        Duration::from_millis(self.ws_client_timeout_ms)
    }

    pub fn db_connect_timeout(&self) -> Duration {
        Duration::from_millis(self.db_connect_timeout_ms)
    }

    pub fn body_read_timeout(&self) -> Duration {
        Duration::from_millis(self.body_read_timeout_ms)
    }

    /// The lock and statement timeouts each PostgreSQL connection of the server's pool gets.
    pub fn db_timeouts(&self) -> crate::db::PgTimeouts {
        crate::db::PgTimeouts {
            lock: Some(Duration::from_millis(self.db_lock_timeout_ms)),
            statement: Some(Duration::from_millis(self.db_statement_timeout_ms)),
        }
    }

    /// The addresses that may read /metrics without a token.
    pub fn metrics_allowed(&self) -> Result<Vec<AddressRange>, String> {
        self.metrics_allow
            .split(',')
            .map(str::trim)
            .filter(|range| !range.is_empty())
            .map(|range| {
                AddressRange::parse(range)
                    .ok_or_else(|| format!("metrics-allow: {range:?} is not an address or CIDR range"))
            })
            .collect()
    }

    /// Every problem with these settings (empty: they are good).
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut check = |ok: bool, problem: &str| {
            if !ok {
                problems.push(problem.to_owned());
            }
        };
        check(!self.database_url.trim().is_empty(), "database-url is empty");
        check(self.host.parse::<std::net::IpAddr>().is_ok() || self.host == "localhost", "host is not an IP address");
        check(self.pool_size > 0, "pool-size must be at least 1");
        check(self.db_connect_timeout_ms > 0, "db-connect-timeout-ms must be above 0");
        check(self.body_limit > 0, "body-limit must be above 0");
        check(self.ws_heartbeat_ms > 0, "ws-heartbeat-ms must be above 0");
        check(
            self.ws_client_timeout_ms > self.ws_heartbeat_ms,
            "ws-client-timeout-ms must be longer than ws-heartbeat-ms (clients answer pings)",
        );
        check(self.ws_max_frame >= 1024, "ws-max-frame must be at least 1024");
        check(self.ws_max_topics > 0, "ws-max-topics must be at least 1");
        check(self.ws_max_sessions > 0, "ws-max-sessions must be at least 1");
        check(self.ws_send_queue > 0, "ws-send-queue must be at least 1");
        check(self.ws_thread_backlog > 0, "ws-thread-backlog must be at least 1");
        check(self.log_retain_events > 0, "log-retain-events must be at least 1");
        check(self.log_retain_secs > 0, "log-retain-secs must be above 0");
        check(self.log_positions_retain_secs > 0, "log-positions-retain-secs must be above 0");
        check(self.log_prune_secs > 0, "log-prune-secs must be above 0");
        check(self.session_hours > 0, "session-hours must be at least 1");
        for origin in self.allowed_origins.split(',').map(str::trim).filter(|o| !o.is_empty()) {
            check(
                origin.starts_with("http://") || origin.starts_with("https://"),
                &format!("allowed-origins: {origin:?} is not an http(s) origin"),
            );
        }
        let endpoint = self.otel_endpoint.trim();
        check(
            endpoint.is_empty() || endpoint.starts_with("http://") || endpoint.starts_with("https://"),
            "otel-endpoint must be an http(s) URL",
        );
        check(self.body_read_timeout_ms > 0, "body-read-timeout-ms must be above 0");
        check(
            self.bodies_in_flight_bytes >= self.body_limit,
            "bodies-in-flight-bytes must be at least body-limit (a body that large could never be read)",
        );
        if let Err(problem) = self.metrics_allowed() {
            problems.push(problem);
        }
        if let Err(problem) = crate::telemetry::log_filter() {
            problems.push(problem);
        }
        problems
    }

    /// The settings as `name = value` lines, with the database password masked.
    pub fn effective(&self) -> Vec<(String, String)> {
        let value = serde_json::to_value(self).unwrap_or_default();
        let mut lines = Vec::new();
        if let serde_json::Value::Object(fields) = value {
            for (name, value) in fields {
                let shown = match value {
                    serde_json::Value::String(text) if name == "database_url" || name == "otel_endpoint" => {
                        masked_url(&text)
                    }
                    serde_json::Value::String(text) => text,
                    other => other.to_string(),
                };
                lines.push((name.replace('_', "-"), shown));
            }
        }
        lines
    }
}

/// `url` with the password in its user part replaced by `****`.
pub fn masked_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let (authority, path) = rest.split_once('/').map_or((rest, None), |(a, p)| (a, Some(p)));
    let masked = match authority.rsplit_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _)) => format!("{name}:****@{host}"),
            None => authority.to_owned(),
        },
        None => authority.to_owned(),
    };
    let query_masked = path.map(|p| {
        // A password may also ride in the query string (`?password=…`).
        match p.split_once('?') {
            Some((base, query)) => {
                let pairs: Vec<String> = query
                    .split('&')
                    .map(|pair| match pair.split_once('=') {
                        Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=****"),
                        _ => pair.to_owned(),
                    })
                    .collect();
                format!("{base}?{}", pairs.join("&"))
            }
            None => p.to_owned(),
        }
    });
    match query_masked {
        Some(path) => format!("{scheme}://{masked}/{path}"),
        None => format!("{scheme}://{masked}"),
    }
}

/// An address or a CIDR range (`127.0.0.0/8`, `::1`, `10.1.2.3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressRange {
    network: std::net::IpAddr,
    prefix: u8,
}

impl AddressRange {
    pub fn parse(text: &str) -> Option<AddressRange> {
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address.parse::<std::net::IpAddr>().ok()?, Some(prefix.parse::<u8>().ok()?)),
            None => (text.parse().ok()?, None),
        };
        let bits = if address.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(bits);
        (prefix <= bits).then_some(AddressRange { network: address, prefix })
    }

    pub fn contains(&self, address: std::net::IpAddr) -> bool {
        use std::net::IpAddr;
        // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d.
        let address = match address {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
            v4 => v4,
        };
        let (network, address, bits) = match (self.network, address) {
            (IpAddr::V4(n), IpAddr::V4(a)) => (u128::from(u32::from(n)), u128::from(u32::from(a)), 32),
            (IpAddr::V6(n), IpAddr::V6(a)) => (u128::from(n), u128::from(a), 128),
            _ => return false,
        };
        let shift = bits - u32::from(self.prefix);
        shift >= bits || (network >> shift) == (address >> shift)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_ranges_match_what_they_cover() {
        let loopback = AddressRange::parse("127.0.0.0/8").unwrap();
        assert!(loopback.contains("127.0.0.1".parse().unwrap()));
        assert!(loopback.contains("::ffff:127.0.0.9".parse().unwrap()));
        assert!(!loopback.contains("10.0.0.1".parse().unwrap()));
        assert!(AddressRange::parse("::1").unwrap().contains("::1".parse().unwrap()));
        assert!(AddressRange::parse("0.0.0.0/0").unwrap().contains("8.8.8.8".parse().unwrap()));
        assert_eq!(AddressRange::parse("10.0.0.0/33"), None);
        assert_eq!(AddressRange::parse("localhost"), None);
    }

    #[test]
    fn database_passwords_are_masked() {
        assert_eq!(masked_url("postgres://app:s3cret@db:5432/sb"), "postgres://app:****@db:5432/sb");
        assert_eq!(masked_url("postgres://db/sb?user=a&password=x"), "postgres://db/sb?user=a&password=****");
        assert_eq!(masked_url("data/switchboard.db"), "data/switchboard.db");
    }
}

#[derive(clap::Parser)]
struct Standalone {
    #[command(flatten)]
    config: Config,
}

impl Config {
    /// The settings `args` give (as on a command line, without the program name), with the
    /// environment and the defaults filling in the rest.
    pub fn from_args<I, T>(args: I) -> Result<Config, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        use clap::Parser;
        let args = std::iter::once(std::ffi::OsString::from("switchboard")).chain(args.into_iter().map(Into::into));
        Ok(Standalone::try_parse_from(args)?.config)
    }
}
