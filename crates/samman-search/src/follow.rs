//! Keeping a node's index in step with the store: a task that syncs at start, whenever the store's
//! change counter moves (at once on PostgreSQL through NOTIFY, within 250 ms on SQLite), and on a
//! periodic tick — an embargo passes without any write, so only time reveals those meetings.

use std::sync::Arc;
use std::time::Duration;

use samman_store::Store;
use tokio::task::JoinHandle;

use crate::index::SearchIndex;

/// How often the index looks again without a change (embargoes passing).
const TICK: Duration = Duration::from_secs(30);
/// How long to wait before trying again after a failed sync (database away).
const RETRY: Duration = Duration::from_secs(2);

/// Spawns the follower. It syncs once at start (building a new or rebuilt index from the store), then
/// after every change and every [`TICK`]; it ends when the store's change feed closes.
pub fn follow(index: Arc<SearchIndex>, store: Arc<dyn Store>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut changes = loop {
            match store.subscribe_changes().await {
                Ok(changes) => break changes,
                Err(e) => {
                    tracing::warn!("sökindexet kan inte följa databasen: {e}");
                    tokio::time::sleep(RETRY).await;
                }
            }
        };
        loop {
            changes.borrow_and_update();
            match index.sync(store.as_ref(), now()).await {
                Ok(synced) if synced.indexed + synced.removed > 0 => {
                    tracing::info!(
                        "sökindexet: {} möten indexerade, {} borttagna",
                        synced.indexed,
                        synced.removed
                    );
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!("{e}");
                    tokio::time::sleep(RETRY).await;
                    continue;
                }
            }
            tokio::select! {
                changed = changes.changed() => if changed.is_err() { return },
                () = tokio::time::sleep(TICK) => {}
            }
        }
    })
}

/// Unix seconds now.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
