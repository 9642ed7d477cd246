//! Every setting Switchboard reads, from the command line or the environment, with its default.
//! Flags win over environment variables; `switchboard --help` lists them all.

use std::time::Duration;

use clap::Args;

/// Server settings shared by every sub-command.
#[derive(Debug, Clone, Args)]
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

    /// HTTP worker threads, each serving its share of connections and WebSocket sessions
    /// (0: one per CPU).
    #[arg(long, global = true, env = "SWITCHBOARD_WORKERS", default_value_t = 0)]
    pub workers: usize,

    /// Database connections in the pool.
    #[arg(long, global = true, env = "SWITCHBOARD_POOL_SIZE", default_value_t = 8)]
    pub pool_size: u32,

    /// How long a request waits for the database when no connection can be made (it is down or
    /// unreachable) before its 503, in milliseconds; also the bound on /readyz. A pool that is
    /// merely busy is waited on for up to 10 s.
    #[arg(long, global = true, env = "SWITCHBOARD_DB_CONNECT_TIMEOUT_MS", default_value_t = 1_000)]
    pub db_connect_timeout_ms: u64,

    /// Largest accepted request body, in bytes (413 above it).
    #[arg(long, global = true, env = "SWITCHBOARD_BODY_LIMIT", default_value_t = 256 * 1024)]
    pub body_limit: usize,

    /// Server ping interval on /ws, in milliseconds.
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

    /// Events kept in the log for resuming clients (count).
    #[arg(long, global = true, env = "SWITCHBOARD_LOG_RETAIN_EVENTS", default_value_t = 100_000)]
    pub log_retain_events: i64,

    /// Events kept in the log for resuming clients (age, in seconds).
    #[arg(long, global = true, env = "SWITCHBOARD_LOG_RETAIN_SECS", default_value_t = 7 * 24 * 3600)]
    pub log_retain_secs: i64,

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
