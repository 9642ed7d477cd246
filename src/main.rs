//! The `switchboard` command: serve (the default), migrate, seed-demo.

use clap::{Parser, Subcommand};
use switchboard::{db, seed, Application, Config};

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
    /// Ask the server on this machine's PORT whether it is healthy (exit 0) or not (exit 1);
    /// for container health checks, so the image needs no HTTP client.
    Healthcheck,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
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
            log::info!("migrations are up to date");
            Ok(())
        }
        Command::Healthcheck => {
            if healthy(cli.config.port) {
                Ok(())
            } else {
                std::process::exit(1)
            }
        }
        Command::SeedDemo => seed(&cli.config),
    }
}

/// Migrates and, when the database is empty, loads the demo data.
fn seed(config: &Config) -> Result<(), Box<dyn std::error::Error>> {
    let pool = db::build_pool(&config.database_url, 1)?;
    let mut conn = pool.get()?;
    db::run_migrations(&mut conn).map_err(|e| e.to_string())?;
    match seed::seed_demo(&mut conn)? {
        Some(summary) => log::info!("demo data loaded: {summary}"),
        None => log::info!("the database already holds data; demo data not loaded"),
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
