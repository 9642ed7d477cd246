//! Backups of a SQLite database while it serves (`VACUUM INTO`: one consistent snapshot, the
//! event log and the tokens included), their restore, and the lock that keeps a restore off a
//! database a server is using. On PostgreSQL, `pg_dump` and `pg_restore` do both (docs/operations.md).

use std::fs::File;
use std::path::{Path, PathBuf};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

/// What a backup or a restore holds: the event log's head and the number of records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub head_seq: i64,
    pub events: i64,
    pub tokens: i64,
}

/// A running server's hold on its SQLite database (a shared lock on `<database>.lock`): any
/// number of servers may hold it, a restore needs it exclusively.
#[derive(Debug)]
pub struct InUse {
    _file: File,
}

impl InUse {
    /// Takes the hold for `database_url`; `None` on PostgreSQL (no file to guard).
    pub fn take(database_url: &str) -> Result<Option<InUse>, String> {
        let Some(path) = sqlite_path(database_url) else { return Ok(None) };
        let file = lock_file(&path)?;
        if !flock(&file, libc::LOCK_SH | libc::LOCK_NB) {
            return Err(format!("{} is being restored; start the server again when that is done", path.display()));
        }
        Ok(Some(InUse { _file: file }))
    }
}

/// The SQLite file `database_url` names, or `None` for PostgreSQL.
fn sqlite_path(database_url: &str) -> Option<PathBuf> {
    if database_url.starts_with("postgres://") || database_url.starts_with("postgresql://") {
        return None;
    }
    crate::db::connection_url(database_url).ok().map(PathBuf::from)
}

fn lock_file(database: &Path) -> Result<File, String> {
    let mut name = database.as_os_str().to_owned();
    name.push(".lock");
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&name)
        .map_err(|error| format!("opening the lock file {}: {error}", PathBuf::from(name).display()))
}

fn flock(file: &File, operation: libc::c_int) -> bool {
    use std::os::fd::AsRawFd;
    // SAFETY: the descriptor is open for as long as `file` lives.
    unsafe { libc::flock(file.as_raw_fd(), operation) == 0 }
}

fn postgres_hint(what: &str) -> String {
    format!(
        "{what} copies SQLite databases; on PostgreSQL use pg_dump --format=custom and pg_restore \
         (docs/operations.md, Backups)"
    )
}

/// Writes a consistent copy of the SQLite database at `database_url` to `target` (which must not
/// exist) while the server may be writing to it, and checks the copy.
pub fn backup(database_url: &str, target: &Path) -> Result<Summary, String> {
    let Some(source) = sqlite_path(database_url) else { return Err(postgres_hint("backup")) };
    if !source.exists() {
        return Err(format!("there is no database at {}", source.display()));
    }
    if target.exists() {
        return Err(format!("{} exists already; backups never overwrite", target.display()));
    }
    let target_text = target.to_str().ok_or("the backup path must be UTF-8")?;
    let mut conn = open(&source)?;
    // One read transaction: every write acknowledged before it began is in the copy, and none
    // half-done.
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(target_text)
        .execute(&mut conn)
        .map_err(|error| format!("copying the database: {error}"))?;
    check(target)
}

/// Replaces the SQLite database at `database_url` with the backup at `source`, unless a server is
/// using it.
pub fn restore(database_url: &str, source: &Path) -> Result<Summary, String> {
    let Some(target) = sqlite_path(database_url) else { return Err(postgres_hint("restore")) };
    let summary = check(source)?;
    let lock = lock_file(&target)?;
    if !flock(&lock, libc::LOCK_EX | libc::LOCK_NB) {
        return Err(format!(
            "{} is in use by a running Switchboard server; stop it before restoring",
            target.display()
        ));
    }
    let mut partial = target.as_os_str().to_owned();
    partial.push(".restoring");
    let partial = PathBuf::from(partial);
    std::fs::copy(source, &partial).map_err(|error| format!("copying the backup: {error}"))?;
    File::open(&partial).and_then(|file| file.sync_all()).map_err(|error| format!("syncing the copy: {error}"))?;
    // The old database's write-ahead log would be replayed into the restored file.
    for suffix in ["-wal", "-shm"] {
        let mut side = target.as_os_str().to_owned();
        side.push(suffix);
        match std::fs::remove_file(PathBuf::from(side)) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(format!("removing the old write-ahead log: {error}")),
        }
    }
    std::fs::rename(&partial, &target).map_err(|error| format!("putting the restored database in place: {error}"))?;
    drop(lock);
    Ok(summary)
}

fn open(path: &Path) -> Result<SqliteConnection, String> {
    let text = path.to_str().ok_or("the database path must be UTF-8")?;
    let mut conn = SqliteConnection::establish(text).map_err(|error| format!("opening {text}: {error}"))?;
    conn.batch_execute("PRAGMA busy_timeout = 30000;").map_err(|error| error.to_string())?;
    Ok(conn)
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    integrity_check: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Checks that `path` holds a sound Switchboard database (`PRAGMA integrity_check`, the event
/// log present) and summarises it.
pub fn check(path: &Path) -> Result<Summary, String> {
    if !path.is_file() {
        return Err(format!("there is no file at {}", path.display()));
    }
    let mut conn = open(path)?;
    let lines: Vec<Line> = diesel::sql_query("PRAGMA integrity_check")
        .load(&mut conn)
        .map_err(|error| format!("{} is not a SQLite database: {error}", path.display()))?;
    if lines.len() != 1 || lines[0].integrity_check != "ok" {
        let problems: Vec<String> = lines.into_iter().map(|line| line.integrity_check).take(5).collect();
        return Err(format!("{} fails its integrity check: {}", path.display(), problems.join("; ")));
    }
    let count = |conn: &mut SqliteConnection, sql: &str| -> Result<i64, String> {
        diesel::sql_query(sql)
            .get_result::<Count>(conn)
            .map(|count| count.n)
            .map_err(|error| format!("{} is not a Switchboard database: {error}", path.display()))
    };
    Ok(Summary {
        head_seq: count(&mut conn, "SELECT seq AS n FROM log_head")?,
        events: count(&mut conn, "SELECT count(*) AS n FROM events")?,
        tokens: count(&mut conn, "SELECT count(*) AS n FROM api_tokens")?,
    })
}
