//! The `switchboard` command: serve (the default), migrate, seed-demo, tokens, backups, and the
//! checks a container start script runs.

use clap::{Parser, Subcommand};
use switchboard::{auth, backup, db, seed, telemetry, Application, Config};

#[derive(Parser)]
#[command(name = "switchboard", version, about = "Real-time back-office server")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Load the demo data set first if the database is empty (see `seed-demo`).
    #[arg(long, global = true, env = "SWITCHBOARD_DEMO")]
    demo: bool,
    #[command(flatten)]
    config: Config,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server (the default).
    Serve,
    /// Run the database migrations and exit.
    Migrate,
    /// Fill an empty database with a believable demo data set and exit.
    SeedDemo,
    /// Create, list or revoke API tokens.
    Token {
        #[command(subcommand)]
        action: TokenAction,
    },
    /// Print the catalogue (`GET /api/catalog`) as JSON and exit: for tools that need it
    /// without a running server (the browser suite's stand-in server reads it).
    Catalog,
    /// Print the API document (`GET /api/openapi.json`) and exit: what clients/js generates its
    /// types from.
    Openapi,
    /// Ask the server on this machine's PORT whether it is healthy (exit 0) or not (exit 1);
    /// for container health checks, so the image needs no HTTP client.
    Healthcheck,
    /// Print the effective settings (the database password masked) and exit 0, or name each bad
    /// one and exit 2.
    CheckConfig,
    /// Write a consistent copy of the SQLite database to PATH, while the server runs.
    Backup {
        /// Where the copy goes; it must not exist yet.
        path: std::path::PathBuf,
    },
    /// Replace the SQLite database with the backup at PATH; refused while a server uses it.
    Restore {
        /// The backup to restore.
        path: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
enum TokenAction {
    /// Make a token and print it (the secret is shown only this once, on the last line).
    Create {
        /// Who or what it is for.
        #[arg(long)]
        name: String,
        /// admin, manager, dispatcher, accountant or driver.
        #[arg(long)]
        role: String,
        /// For a driver token: the driver it acts for.
        #[arg(long)]
        driver_id: Option<i64>,
        /// Days until it expires (never, without).
        #[arg(long)]
        expires_in_days: Option<i64>,
    },
    /// List tokens (never their secrets).
    List,
    /// Revoke a token: it stops working and its live sessions close.
    Revoke { id: i64 },
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    let _logs = telemetry::init_logs(cli.config.log_format, &cli.config.otel_endpoint);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => actix_web::rt::System::new().block_on(async move {
            if cli.demo {
                seed(&cli.config)?;
            }
            Application::build(cli.config).await?.run_until_stopped().await?;
            Ok(())
        }),
        Command::Migrate => {
            let pool = db::build_pool(&cli.config.database_url, 1)?;
            db::run_migrations(&mut *pool.get()?).map_err(|e| e.to_string())?;
            tracing::info!("migrations are up to date");
            Ok(())
        }
        Command::Healthcheck => {
            if healthy(cli.config.port) {
                Ok(())
            } else {
                std::process::exit(1)
            }
        }
        Command::SeedDemo => {
            existing_database(&cli.config, "seed-demo");
            seed(&cli.config)
        }
        Command::Catalog => {
            let catalog = switchboard::entities::declarations::catalog();
            println!("{}", serde_json::to_string_pretty(&catalog).map_err(|e| e.to_string())?);
            Ok(())
        }
        Command::Openapi => {
            println!("{}", switchboard::api_document().map_err(|e| e.to_string())?);
            Ok(())
        }
        Command::Token { action } => {
            existing_database(&cli.config, action.name());
            token(&cli.config, action)
        }
        Command::CheckConfig => {
            for (name, value) in cli.config.effective() {
                println!("{name} = {value}");
            }
            let problems = cli.config.problems();
            if problems.is_empty() {
                return Ok(());
            }
            for problem in problems {
                eprintln!("bad setting: {problem}");
            }
            std::process::exit(2)
        }
        Command::Backup { path } => {
            existing_database(&cli.config, "backup");
            let summary = backup::backup(&cli.config.database_url, &path)?;
            println!(
                "Backed up to {}: event log at seq {}, {} events kept, {} tokens; integrity check ok.",
                path.display(),
                summary.head_seq,
                summary.events,
                summary.tokens
            );
            Ok(())
        }
        Command::Restore { path } => {
            existing_database(&cli.config, "restore");
            let summary = backup::restore(&cli.config.database_url, &path)?;
            println!(
                "Restored {} to {}: event log at seq {}, {} tokens. Clients resuming from later than \
                 seq {} get a resync.",
                path.display(),
                cli.config.database_url,
                summary.head_seq,
                summary.tokens,
                summary.head_seq
            );
            Ok(())
        }
    }
}

fn token(config: &Config, action: TokenAction) -> Result<(), Box<dyn std::error::Error>> {
    let pool = db::build_pool(&config.database_url, 1)?;
    let mut conn = pool.get()?;
    db::run_migrations(&mut conn).map_err(|e| e.to_string())?;
    let failed = |error: switchboard::error::ApiError| -> Box<dyn std::error::Error> {
        match error {
            switchboard::error::ApiError::Validation(fields) => {
                let problems: Vec<String> =
                    fields.iter().map(|(field, problem)| format!("{field} {problem}")).collect();
                problems.join("; ").into()
            }
            other => other.to_string().into(),
        }
    };
    match action {
        TokenAction::Create { name, role, driver_id, expires_in_days } => {
            let new = auth::NewToken { name, role, driver_id, expires_in_days };
            let created = db::write_transaction(&mut conn, |conn| auth::create_token(conn, new)).map_err(failed)?;
            let record = &created.record;
            println!(
                "Created token {} \"{}\" with role {}. It is shown only this once:",
                record.id, record.name, record.role
            );
            println!("{}", created.token);
        }
        TokenAction::List => {
            println!("{:>4}  {:<24} {:<11} {:<7} {:<25} state", "id", "name", "role", "driver", "created");
            for token in auth::list_tokens(&mut conn).map_err(failed)? {
                let state = match (token.revoked_at, token.expires_at) {
                    (Some(at), _) => format!("revoked {}", at.format("%Y-%m-%d %H:%M")),
                    (None, Some(at)) if at <= chrono::Utc::now().naive_utc() => {
                        format!("expired {}", at.format("%Y-%m-%d"))
                    }
                    (None, Some(at)) => format!("expires {}", at.format("%Y-%m-%d")),
                    (None, None) => "active".to_owned(),
                };
                let driver = token.driver_id.map(|d| d.to_string()).unwrap_or_default();
                let created = token.created_at.format("%Y-%m-%d %H:%M").to_string();
                println!(
                    "{:>4}  {:<24} {:<11} {:<7} {:<25} {state}",
                    token.id, token.name, token.role, driver, created
                );
            }
        }
        TokenAction::Revoke { id } => {
            db::write_transaction(&mut conn, |conn| auth::revoke_token(conn, id)).map_err(failed)?;
            println!("Revoked token {id}; its sessions close within a second.");
        }
    }
    Ok(())
}

impl TokenAction {
    fn name(&self) -> &'static str {
        match self {
            TokenAction::Create { .. } => "token create",
            TokenAction::List => "token list",
            TokenAction::Revoke { .. } => "token revoke",
        }
    }
}

/// Exits with a message naming the file when the SQLite database `config` names does not exist:
/// only `serve` and `migrate` create one. Run from another directory, the default relative path
/// would otherwise make an empty database there, and `command` would act on it (a token made in
/// it could never log in to the server).
fn existing_database(config: &Config, command: &str) {
    let url = config.database_url.as_str();
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return;
    }
    let path = std::path::Path::new(url.strip_prefix("sqlite://").unwrap_or(url));
    if path.exists() {
        return;
    }
    let shown = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    eprintln!(
        "switchboard {command}: there is no database at {shown}, and only `serve` and `migrate` create one.\n\
         Point it at the server's database with --database-url PATH (or DATABASE_URL=PATH), or run it from \
         the directory the server runs in (the default, data/switchboard.db, is relative to it).",
        shown = shown.display()
    );
    if command == "restore" {
        eprintln!("To restore into a new database at that path, create it with `switchboard migrate` first.");
    }
    std::process::exit(2)
}

/// Migrates and, when the database is empty, loads the demo data.
fn seed(config: &Config) -> Result<(), Box<dyn std::error::Error>> {
    let pool = db::build_pool(&config.database_url, 1)?;
    let mut conn = pool.get()?;
    db::run_migrations(&mut conn).map_err(|e| e.to_string())?;
    match seed::seed_demo(&mut conn)? {
        Some(summary) => tracing::info!("demo data loaded: {summary}"),
        None => tracing::info!("the database already holds data; demo data not loaded"),
    }
    Ok(())
}

/// `GET /healthz` on 127.0.0.1:`port` answered 200 within five seconds.
fn healthy(port: u16) -> bool {
    use std::io::{Read, Write};
    use std::net::{SocketAddr, TcpStream};
    use std::time::Duration;
    let timeout = Duration::from_secs(5);
    let Ok(mut stream) = TcpStream::connect_timeout(&SocketAddr::from(([127, 0, 0, 1], port)), timeout) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(timeout));
    let request = "GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n";
    let mut status = [0u8; 12];
    stream.write_all(request.as_bytes()).is_ok()
        && stream.read_exact(&mut status).is_ok()
        && status.starts_with(b"HTTP/1.")
        && &status[9..12] == b"200"
}
