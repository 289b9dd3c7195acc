//! The PostgreSQL backend, for several web nodes on one database. Write transactions lock the meeting's
//! row (`FOR UPDATE`) so concurrent saves of one meeting queue instead of racing; the change counter row
//! serialises the bump. Every change also sends `NOTIFY samman_changes` with the new counter, delivered
//! at commit, so nodes can learn of changes without polling (see `subscribe_changes`).

use std::sync::Arc;
use std::time::Duration;

use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;
use sqlx::postgres::PgListener;
use tokio::sync::watch;

use crate::follow::{self, publish, read_counter};
use crate::migrate::{self, Step};
use crate::model::StoreError;
use crate::sql::{Backend, SqlStore, Tx};

/// How a write transaction begins on PostgreSQL (READ COMMITTED; the row locks do the rest).
pub(crate) const BEGIN_WRITE: &str = "BEGIN";

/// The channel changes are announced on; the payload is the change counter.
pub const CHANGES_CHANNEL: &str = "samman_changes";

const MIGRATIONS: &[Step] = &[
    (
        1,
        "meetings",
        include_str!("../migrations/postgres/0001_meetings.sql"),
    ),
    (
        2,
        "editor",
        include_str!("../migrations/postgres/0002_editor.sql"),
    ),
    (
        3,
        "newsletter",
        include_str!("../migrations/postgres/0003_newsletter.sql"),
    ),
    (
        5,
        "editor_more",
        include_str!("../migrations/postgres/0005_editor_more.sql"),
    ),
];

/// Connects to the PostgreSQL database at `url` and migrates it.
pub(crate) async fn open(url: &str) -> Result<SqlStore, StoreError> {
    let pool = AnyPoolOptions::new().max_connections(10).connect(url).await?;
    migrate::run(&pool, MIGRATIONS, None).await?;
    SqlStore::new(pool, Backend::Postgres, url).await
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

/// How often the follower also reads the counter, in case a notification was lost while reconnecting.
const SAFETY_POLL: Duration = Duration::from_secs(5);

/// Follows changes for `Store::subscribe_changes`: listens for notifications, and polls slowly as a net.
pub(crate) async fn follow(url: String, pool: AnyPool, sender: Arc<watch::Sender<i64>>) {
    tokio::select! {
        () = follow::poll(pool.clone(), sender.clone(), SAFETY_POLL) => {}
        () = listen(&url, &pool, &sender) => {}
    }
}

/// Publishes every counter announced on [`CHANGES_CHANNEL`]; reconnects when the connection is lost.
async fn listen(url: &str, pool: &AnyPool, sender: &watch::Sender<i64>) {
    loop {
        if let Ok(mut listener) = PgListener::connect(url).await
            && listener.listen(CHANGES_CHANNEL).await.is_ok()
        {
            let mut catch_up = true;
            loop {
                // Catch up on what was committed before (re)listening.
                if std::mem::take(&mut catch_up)
                    && let Ok(counter) = read_counter(pool).await
                {
                    publish(sender, counter);
                }
                match listener.try_recv().await {
                    Ok(Some(notification)) => {
                        if let Ok(counter) = notification.payload().parse() {
                            publish(sender, counter);
                        }
                    }
                    // The connection was lost; the next call reconnects and listens again.
                    Ok(None) => catch_up = true,
                    Err(_) => break,
                }
            }
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
