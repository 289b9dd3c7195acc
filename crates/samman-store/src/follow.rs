//! Following the change counter, so a node drops its caches and updates its search index as soon as any
//! node (or a `samman load` in another process) commits a change.
//!
//! [`Changes`] holds a watch channel of the latest counter. Commits through this store publish at once;
//! changes from elsewhere arrive through a follower task started with the first subscription and stopped
//! when the last subscriber is gone: on SQLite it polls the counter (one row, four times a second); on
//! PostgreSQL it listens for `NOTIFY samman_changes` and polls only as a safety net (a notification sent
//! while the listener was reconnecting is otherwise lost).

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sqlx::{AnyPool, Row};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::model::StoreError;

/// The latest change counter and who follows it.
#[derive(Debug)]
pub(crate) struct Changes {
    sender: Arc<watch::Sender<i64>>,
    follower: Mutex<Option<JoinHandle<()>>>,
}

impl Changes {
    pub fn new(counter: i64) -> Changes {
        Changes {
            sender: Arc::new(watch::Sender::new(counter)),
            follower: Mutex::new(None),
        }
    }

    /// Tells subscribers of a counter this store just committed.
    pub fn committed(&self, counter: i64) {
        publish(&self.sender, counter);
    }

    /// A receiver of the counter; starts `follow` (which runs until no one subscribes) when it is not
    /// running.
    pub fn subscribe<F>(&self, follow: impl FnOnce(Arc<watch::Sender<i64>>) -> F) -> watch::Receiver<i64>
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let receiver = self.sender.subscribe();
        let mut follower = self
            .follower
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if follower.as_ref().is_none_or(JoinHandle::is_finished) {
            let sender = self.sender.clone();
            let task = follow(sender.clone());
            *follower = Some(tokio::spawn(async move {
                tokio::select! {
                    () = sender.closed() => {}
                    () = task => {}
                }
            }));
        }
        receiver
    }
}

impl Drop for Changes {
    fn drop(&mut self) {
        if let Some(follower) = self.follower.get_mut().ok().and_then(Option::take) {
            follower.abort();
        }
    }
}

/// Raises the counter subscribers see (never lowers it: notifications can arrive out of order).
pub(crate) fn publish(sender: &watch::Sender<i64>, counter: i64) {
    sender.send_if_modified(|latest| {
        let newer = counter > *latest;
        if newer {
            *latest = counter;
        }
        newer
    });
}

/// The counter as committed now.
pub(crate) async fn read_counter(pool: &AnyPool) -> Result<i64, StoreError> {
    Ok(sqlx::query("SELECT counter FROM changes WHERE id = 1")
        .fetch_one(pool)
        .await?
        .try_get("counter")?)
}

/// Reads the counter every `every` and publishes it; a failed read is tried again next time.
pub(crate) async fn poll(pool: AnyPool, sender: Arc<watch::Sender<i64>>, every: Duration) {
    loop {
        tokio::time::sleep(every).await;
        if let Ok(counter) = read_counter(&pool).await {
            publish(&sender, counter);
        }
    }
}
