//! The SQLite backend: one file in the data directory, in WAL mode so readers never wait for the writer,
//! with a busy timeout so a second writer (another `samman load`) waits instead of failing. Write
//! transactions begin IMMEDIATE: they take the write lock before reading, so a read-then-write transaction
//! cannot fail half-way because another process committed in between (`SQLITE_BUSY_SNAPSHOT`, which no
//! busy timeout retries).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::MigrateError;
use sqlx::pool::PoolConnectionMetadata;
use sqlx::{AnyConnection, AnyPool, Row};

use crate::migrate::{self, Step};
use crate::model::StoreError;
use crate::sql::{Backend, SqlStore};

/// How a write transaction begins on SQLite.
pub(crate) const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";

/// The file a data directory holds.
pub(crate) const FILE_NAME: &str = "samman.db";

/// How long a connection waits for another's lock before giving up (milliseconds). A long `samman load`
/// commits meeting by meeting, so the wait is for one short transaction, never for the whole batch.
const BUSY_TIMEOUT_MS: u32 = 30_000;

/// How often a subscriber's follower reads the change counter (SQLite has no notifications).
pub(crate) const POLL: Duration = Duration::from_millis(250);

const MIGRATIONS: &[Step] = &[
    (
        1,
        "meetings",
        include_str!("../migrations/sqlite/0001_meetings.sql"),
    ),
    (2, "editor", include_str!("../migrations/sqlite/0002_editor.sql")),
    (
        3,
        "newsletter",
        include_str!("../migrations/sqlite/0003_newsletter.sql"),
    ),
    (
        5,
        "editor_more",
        include_str!("../migrations/sqlite/0005_editor_more.sql"),
    ),
];

/// The URL of the database in data directory `dir`, creating the directory.
pub(crate) fn dir_url(dir: &Path) -> Result<String, StoreError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| StoreError::Invalid(format!("kunde inte skapa datakatalogen {}: {e}", dir.display())))?;
    let file: PathBuf = std::path::absolute(dir.join(FILE_NAME))
        .map_err(|e| StoreError::Invalid(format!("datakatalogen {} går inte att nå: {e}", dir.display())))?;
    let Some(path) = file.to_str() else {
        return Err(StoreError::Invalid(format!(
            "sökvägen {} är inte giltig UTF-8",
            file.display()
        )));
    };
    Ok(format!("sqlite://{}?mode=rwc", percent_encode(path)))
}

/// Escapes what a URL path cannot hold as is (`?`, `#`, `%`, spaces, non-ASCII …).
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Opens (creating when missing) the SQLite database at `url` and migrates it.
pub(crate) async fn open(url: &str) -> Result<SqlStore, StoreError> {
    // An in-memory database lives as long as its one connection: every pooled connection would
    // otherwise get its own empty database.
    let memory = url.contains(":memory:") || url.contains("mode=memory");
    let url = if memory || url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    };
    let mut options = AnyPoolOptions::new()
        .max_connections(if memory { 1 } else { 8 })
        .after_connect(configure);
    if memory {
        options = options.min_connections(1).idle_timeout(None).max_lifetime(None);
    }
    let pool = options.connect(&url).await?;
    prepare(&pool, memory).await?;
    SqlStore::new(pool, Backend::Sqlite, &url).await
}

/// Brings the file into WAL mode and migrates it. Processes starting together on a new file race for
/// the locks these steps take, and SQLite answers some of those races with `SQLITE_BUSY` at once, without
/// its busy timeout: switching the journal mode, and upgrading a read lock in rollback mode (waiting there
/// could deadlock). So the steps are tried again, briefly apart, until the busy timeout has passed; each is
/// a no-op once another process has done it.
async fn prepare(pool: &AnyPool, memory: bool) -> Result<(), StoreError> {
    let deadline = Instant::now() + Duration::from_millis(BUSY_TIMEOUT_MS.into());
    let mut pause = Duration::from_millis(2);
    loop {
        match prepare_once(pool, memory).await {
            Err(error) if is_busy(&error) && Instant::now() < deadline => {
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_millis(100));
            }
            // A failing statement reads as itself, not as a failed migration.
            Err(MigrateError::Execute(error)) => return Err(error.into()),
            done => return Ok(done?),
        }
    }
}

async fn prepare_once(pool: &AnyPool, memory: bool) -> Result<(), MigrateError> {
    // Persistent in the file: set once, every later connection (any process) uses WAL. Only set when
    // needed: the change takes a lock no busy timeout waits for.
    let mode: String = sqlx::query("PRAGMA journal_mode")
        .fetch_one(pool)
        .await?
        .try_get(0)?;
    if !memory && !mode.eq_ignore_ascii_case("wal") {
        sqlx::query("PRAGMA journal_mode = WAL").fetch_all(pool).await?;
    }
    migrate::run(pool, MIGRATIONS, Some(BEGIN_WRITE)).await
}

/// Whether `error` is SQLite's "database is locked" (`SQLITE_BUSY`, or `SQLITE_LOCKED`, with any
/// extended code).
fn is_busy(error: &MigrateError) -> bool {
    let (MigrateError::Execute(sqlx::Error::Database(db))
    | MigrateError::ExecuteMigration(sqlx::Error::Database(db), _)) = error
    else {
        return false;
    };
    db.code()
        .and_then(|code| code.parse::<i32>().ok())
        .is_some_and(|code| matches!(code & 0xff, 5 | 6))
}

/// Per-connection settings: wait for locks, and `synchronous = NORMAL`, which in WAL mode never loses a
/// committed transaction to a process crash (only, at worst, the last ones to a power cut).
fn configure(
    conn: &mut AnyConnection,
    _: PoolConnectionMetadata,
) -> futures_core::future::BoxFuture<'_, Result<(), sqlx::Error>> {
    Box::pin(async move {
        let busy = format!("PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}");
        sqlx::query(sqlx::AssertSqlSafe(busy)).execute(&mut *conn).await?;
        sqlx::query("PRAGMA synchronous = NORMAL")
            .execute(&mut *conn)
            .await?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_escaped_for_the_url() {
        assert_eq!(
            percent_encode("/tmp/a b?c#d%e/å.db"),
            "/tmp/a%20b%3Fc%23d%25e/%C3%A5.db"
        );
    }
}
