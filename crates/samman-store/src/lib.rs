//! Where meetings live: the driver-free [`Store`] trait and its two backends, SQLite (the default: one
//! file in the data directory) and PostgreSQL (several nodes on one database).
//!
//! A meeting is stored as its source text (the truth) and its parsed record (JSON, for search and the
//! API), with its publication state and every revision (who, when, note) kept append-only. Each save is
//! one transaction: a meeting is wholly stored or not at all, and the change counter moves with it.
//! [`open`] picks the backend from the [`Location`] and runs that backend's migrations.
//!
//! Both backends share one implementation (`sql`, on sqlx's Any driver) and one set of queries; what
//! differs lives in `sqlite` (WAL, busy timeout, `BEGIN IMMEDIATE`) and `postgres` (row locks,
//! `NOTIFY`). `follow` keeps subscribers of the change counter up to date. See `docs/store.md` for the
//! schema and how later issues extend it.
//!
//! Changes to the contract agreed in `STORE-API.md` (kept small):
//! - `MeetingSummary::title` is `Option<String>`: the record's explicit title, `None` when the record
//!   uses the derived one — the store does not know the bodies file, so the caller derives it with
//!   `Meeting::derived_title(body, date)`.
//! - Added: `MeetingSummary::published_at`, `Revision::publish_at`, `State::as_str`/`from_stored`, and
//!   `Store::subscribe_changes` (a `tokio::sync::watch` receiver of the change counter: LISTEN/NOTIFY on
//!   PostgreSQL, polling on SQLite).
//! - A save is a no-op when source, parsed record, state *and* embargo are unchanged (an embargo moved
//!   alone is a change; a record parsed differently from the same source is too).

pub mod editor;
mod follow;
mod migrate;
mod model;
pub mod newsletter;
mod postgres;
mod sql;
mod sqlite;
mod store;

use std::sync::Arc;

pub use editor::{AuditEntry, AuditRecord, Draft, EditorStore, MinutesFile, NewUser, Role, Session, User};
pub use model::{Location, MeetingSummary, NewRevision, Revision, Saved, State, StoreError, StoredMeeting};
pub use newsletter::NewsletterStore;
pub use postgres::CHANGES_CHANNEL;
pub use store::Store;

/// Opens the store at `location` and runs that backend's migrations.
pub async fn open(location: &Location) -> Result<Arc<dyn Store>, StoreError> {
    // The Any driver needs its drivers registered once per process; a second call is refused, harmlessly.
    let _ = sqlx::any::install_drivers(&[sqlx::sqlite::any::DRIVER, sqlx::postgres::any::DRIVER]);
    let store = match location {
        Location::Dir(dir) => sqlite::open(&sqlite::dir_url(dir)?).await?,
        Location::Url(url) if url.starts_with("sqlite:") => sqlite::open(url).await?,
        Location::Url(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            postgres::open(url).await?
        }
        Location::Url(url) => {
            let scheme = url.split(':').next().unwrap_or_default();
            return Err(StoreError::Invalid(format!(
                "databasadressen måste börja med sqlite: eller postgres:// (inte {scheme:?})"
            )));
        }
    };
    Ok(Arc::new(store))
}
