//! The PostgreSQL backend, for several web nodes on one database. Write transactions lock the meeting's
//! row (`FOR UPDATE`) so concurrent saves of one meeting queue instead of racing; the change counter row
//! serialises the bump. Every change also sends `NOTIFY samman_changes` with the new counter, delivered
//! at commit, so nodes can learn of changes without polling (see `subscribe_changes`).

use sqlx::any::AnyPoolOptions;

use crate::migrate::{self, Step};
use crate::model::StoreError;
use crate::sql::{Backend, SqlStore, Tx};

/// How a write transaction begins on PostgreSQL (READ COMMITTED; the row locks do the rest).
pub(crate) const BEGIN_WRITE: &str = "BEGIN";

/// The channel changes are announced on; the payload is the change counter.
pub const CHANGES_CHANNEL: &str = "samman_changes";

const MIGRATIONS: &[Step] = &[(
    1,
    "meetings",
    include_str!("../migrations/postgres/0001_meetings.sql"),
)];

/// Connects to the PostgreSQL database at `url` and migrates it.
pub(crate) async fn open(url: &str) -> Result<SqlStore, StoreError> {
    let pool = AnyPoolOptions::new().max_connections(10).connect(url).await?;
    migrate::run(&pool, MIGRATIONS).await?;
    Ok(SqlStore {
        pool,
        backend: Backend::Postgres,
    })
}

/// Announces change `counter` to listeners when `tx` commits (and never if it rolls back).
pub(crate) async fn notify(tx: &mut Tx, counter: i64) -> Result<(), StoreError> {
    sqlx::query("SELECT pg_notify($1, $2)")
        .bind(CHANGES_CHANNEL)
        .bind(counter.to_string())
        .fetch_one(&mut **tx)
        .await?;
    Ok(())
}
