//! The one implementation of [`Store`] both backends share, on sqlx's Any driver: the same SQL (`$n`
//! placeholders, `RETURNING`, `ON CONFLICT`) runs on SQLite and PostgreSQL. What differs — how a write
//! transaction begins, row locks, change notification — is asked of [`Backend`], whose answers live in
//! `crate::sqlite` and `crate::postgres`.
//!
//! Every write is one transaction that locks the meeting's row, appends a revision, updates the
//! meeting and bumps the change counter; later writers (editor audit log, newsletter outbox) add their
//! rows through [`SqlStore::begin`] and [`SqlStore::bump_changes`] in the same transaction.

mod editor;
mod editor_more;
mod newsletter;
mod rows;

use samman_domain::Date;
use sqlx::AnyPool;
use sqlx::{Any, Row, Transaction};
use tokio::sync::watch;

use crate::editor::EditorStore;
use crate::follow::{self, Changes};
use crate::model::{MeetingSummary, NewRevision, Revision, Saved, State, StoreError, StoredMeeting};
use crate::store::Store;
use rows::{Current, NewData, date_text, now, stored, summary};

/// Which database a [`SqlStore`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The statement that opens a write transaction.
    fn begin(self) -> &'static str {
        match self {
            Backend::Sqlite => crate::sqlite::BEGIN_WRITE,
            Backend::Postgres => crate::postgres::BEGIN_WRITE,
        }
    }
}

/// The store on a pool of either backend.
pub(crate) struct SqlStore {
    pool: AnyPool,
    backend: Backend,
    /// Where a PostgreSQL listener connects (may hold a password: never printed).
    url: String,
    changes: Changes,
}

impl std::fmt::Debug for SqlStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqlStore")
            .field("backend", &self.backend)
            .field("pool", &self.pool)
            .finish_non_exhaustive()
    }
}

/// A write transaction.
pub(crate) type Tx = Transaction<'static, Any>;

/// Selects a meeting's current revision; the caller appends its WHERE clause.
macro_rules! select_stored {
    ($($where:expr),+) => {
        concat!(
            "SELECT m.id, m.body, m.date, m.state, m.revision, m.publish_at, m.published_at, m.updated_at, ",
            "r.source, r.meeting_json ",
            "FROM meetings m JOIN revisions r ON r.meeting_id = m.id AND r.revision = m.revision ",
            $($where),+
        )
    };
}

/// Selects what a write needs to know of meeting `$1`, with a backend's locking clause.
macro_rules! select_current {
    ($lock:literal) => {
        concat!(
            "SELECT id, title, state, revision, publish_at, published_at FROM meetings WHERE id = $1",
            $lock
        )
    };
}

/// Selects meeting summaries; the caller appends its WHERE and ORDER BY.
macro_rules! select_summary {
    ($($rest:expr),+) => {
        concat!(
            "SELECT m.id, m.body, m.date, m.title, m.state, m.revision, m.published_at, m.updated_at ",
            "FROM meetings m ",
            $($rest),+
        )
    };
}

/// The condition that makes a meeting public at `$n` = now (the same words on every public query).
macro_rules! public_at {
    ($now:literal) => {
        concat!(
            "m.state = 'published' AND (m.publish_at IS NULL OR m.publish_at <= ",
            $now,
            ")"
        )
    };
}

impl SqlStore {
    /// The store on `pool`, migrated already; `url` is where `pool` connects.
    pub(crate) async fn new(pool: AnyPool, backend: Backend, url: &str) -> Result<SqlStore, StoreError> {
        let counter = follow::read_counter(&pool).await?;
        Ok(SqlStore {
            pool,
            backend,
            url: url.to_owned(),
            changes: Changes::new(counter),
        })
    }

    /// Opens a write transaction the way this backend needs.
    pub(crate) async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(self.pool.begin_with(self.backend.begin()).await?)
    }

    /// Bumps the change counter inside `tx` and, on PostgreSQL, notifies listeners on commit.
    pub(crate) async fn bump_changes(&self, tx: &mut Tx) -> Result<i64, StoreError> {
        let counter: i64 =
            sqlx::query("UPDATE changes SET counter = counter + 1 WHERE id = 1 RETURNING counter")
                .fetch_one(&mut **tx)
                .await?
                .try_get("counter")?;
        if self.backend == Backend::Postgres {
            crate::postgres::notify(tx, counter).await?;
        }
        Ok(counter)
    }

    /// Tells followers of this store that `counter` was committed.
    pub(crate) fn committed(&self, counter: i64) {
        self.changes.committed(counter);
    }

    /// The pool, for the newsletter's queries.
    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Which backend this is.
    pub(crate) fn backend(&self) -> Backend {
        self.backend
    }

    /// Locks the meeting row `id` for the rest of `tx` and reads what a write needs.
    async fn lock_by_id(&self, tx: &mut Tx, id: i64) -> Result<Option<Current>, StoreError> {
        // SQLite's write lock is already held (BEGIN IMMEDIATE); PostgreSQL locks the row.
        let sql = match self.backend {
            Backend::Sqlite => select_current!(""),
            Backend::Postgres => select_current!(" FOR UPDATE"),
        };
        let row = sqlx::query(sql).bind(id).fetch_optional(&mut **tx).await?;
        row.map(|row| Current::from_row(&row)).transpose()
    }

    /// Creates the meeting row for (body, date) unless it exists (revision 0 until the first revision is
    /// appended in the same transaction), then locks it.
    async fn lock_or_create(&self, tx: &mut Tx, body: &str, date: &str) -> Result<Current, StoreError> {
        let id: i64 = match sqlx::query(
            "INSERT INTO meetings (body, date, state, revision, updated_at) \
             VALUES ($1, $2, 'draft', 0, $3) ON CONFLICT (body, date) DO NOTHING RETURNING id",
        )
        .bind(body)
        .bind(date)
        .bind(now())
        .fetch_optional(&mut **tx)
        .await?
        {
            Some(row) => row.try_get("id")?,
            None => sqlx::query("SELECT id FROM meetings WHERE body = $1 AND date = $2")
                .bind(body)
                .bind(date)
                .fetch_one(&mut **tx)
                .await?
                .try_get("id")?,
        };
        self.lock_by_id(tx, id)
            .await?
            .ok_or_else(|| StoreError::Database("mötet försvann under sparandet".into()))
    }

    /// The source and record JSON of the meeting's current revision.
    async fn current_text(&self, tx: &mut Tx, current: &Current) -> Result<(String, String), StoreError> {
        let row =
            sqlx::query("SELECT source, meeting_json FROM revisions WHERE meeting_id = $1 AND revision = $2")
                .bind(current.id)
                .bind(current.revision)
                .fetch_one(&mut **tx)
                .await?;
        Ok((row.try_get("source")?, row.try_get("meeting_json")?))
    }

    /// Appends revision `current.revision + 1` holding `new`, points the meeting at it and bumps the
    /// change counter — all inside `tx`.
    /// Returns what was saved and the new change counter.
    async fn append(
        &self,
        tx: &mut Tx,
        current: &Current,
        new: &NewData<'_>,
    ) -> Result<(Saved, i64), StoreError> {
        let at = now();
        let revision = current.revision + 1;
        let published_at = rows::published_at(current.published_at, new.state, new.publish_at, at);
        sqlx::query(
            "INSERT INTO revisions \
             (meeting_id, revision, at, author, note, state, publish_at, source, meeting_json) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(current.id)
        .bind(revision)
        .bind(at)
        .bind(new.author)
        .bind(new.note)
        .bind(new.state.as_str())
        .bind(new.publish_at)
        .bind(new.source)
        .bind(new.meeting_json)
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "UPDATE meetings SET title = $1, state = $2, revision = $3, publish_at = $4, \
             published_at = $5, updated_at = $6 WHERE id = $7",
        )
        .bind(new.title)
        .bind(new.state.as_str())
        .bind(revision)
        .bind(new.publish_at)
        .bind(published_at)
        .bind(at)
        .bind(current.id)
        .execute(&mut **tx)
        .await?;
        let counter = self.bump_changes(tx).await?;
        let saved = Saved {
            meeting_id: current.id,
            revision,
            changed: true,
        };
        Ok((saved, counter))
    }

    /// The body of a save inside `tx`: lock (or create) the meeting, compare, append. `json` is the
    /// record as `rows::check_new` returned it. A conflict is an error (dropping `tx` rolls it back).
    /// Shared by [`Store::save`], the editor's audited save and the newsletter's `publish_and_notify`,
    /// which add their rows to the same transaction before it commits.
    pub(crate) async fn save_in(
        &self,
        tx: &mut Tx,
        new: &NewRevision,
        json: &str,
    ) -> Result<Step, StoreError> {
        let data = NewData {
            source: &new.source,
            meeting_json: json,
            title: new.meeting.title.as_deref(),
            state: new.state,
            publish_at: new.publish_at,
            author: new.author.as_deref(),
            note: new.note.as_deref(),
        };
        let current = self.lock_or_create(tx, &new.body, &date_text(new.date)).await?;
        if let Some(expected) = new.expected_revision
            && expected != current.revision
        {
            return Err(StoreError::Conflict {
                current: current.revision,
            });
        }
        if current.revision > 0 {
            let (source, json) = self.current_text(tx, &current).await?;
            let unchanged = source == data.source
                && json == data.meeting_json
                && current.state == data.state
                && current.publish_at == data.publish_at;
            if unchanged {
                return Ok(Step::Unchanged(Saved {
                    meeting_id: current.id,
                    revision: current.revision,
                    changed: false,
                }));
            }
        }
        let (saved, counter) = self.append(tx, &current, &data).await?;
        Ok(Step::Appended(saved, counter))
    }

    /// The body of a state change inside `tx` (a new revision with the same source).
    pub(crate) async fn set_state_in(
        &self,
        tx: &mut Tx,
        meeting_id: i64,
        state: State,
        expected_revision: Option<i64>,
        author: Option<&str>,
        note: Option<&str>,
    ) -> Result<Step, StoreError> {
        rows::check_text("författare", author)?;
        rows::check_text("ändringsnotering", note)?;
        let Some(current) = self.lock_by_id(tx, meeting_id).await? else {
            return Err(StoreError::NotFound);
        };
        if let Some(expected) = expected_revision
            && expected != current.revision
        {
            return Err(StoreError::Conflict {
                current: current.revision,
            });
        }
        if current.state == state {
            return Ok(Step::Unchanged(Saved {
                meeting_id,
                revision: current.revision,
                changed: false,
            }));
        }
        let (source, json) = self.current_text(tx, &current).await?;
        let data = NewData {
            source: &source,
            meeting_json: &json,
            title: current.title.as_deref(),
            state,
            publish_at: current.publish_at,
            author,
            note,
        };
        let (saved, counter) = self.append(tx, &current, &data).await?;
        Ok(Step::Appended(saved, counter))
    }

    /// Ends a write: commits what was appended (and tells subscribers), rolls back a no-op.
    pub(crate) async fn finish(&self, tx: Tx, step: Step) -> Result<Saved, StoreError> {
        match step {
            Step::Unchanged(saved) => {
                tx.rollback().await?;
                Ok(saved)
            }
            Step::Appended(saved, counter) => {
                tx.commit().await?;
                self.changes.committed(counter);
                Ok(saved)
            }
        }
    }
}

/// What a write did inside its transaction, before the commit.
#[derive(Debug)]
pub(crate) enum Step {
    /// Nothing differed: nothing to commit.
    Unchanged(Saved),
    /// A revision was appended; the change counter is now the second value.
    Appended(Saved, i64),
}

#[async_trait::async_trait]
impl Store for SqlStore {
    async fn health(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").fetch_one(&self.pool).await?;
        Ok(())
    }

    async fn save(&self, new: NewRevision) -> Result<Saved, StoreError> {
        let json = rows::check_new(&new)?;
        let mut tx = self.begin().await?;
        let step = self.save_in(&mut tx, &new, &json).await?;
        self.finish(tx, step).await
    }

    async fn set_state(
        &self,
        meeting_id: i64,
        state: State,
        author: Option<&str>,
        note: Option<&str>,
    ) -> Result<Saved, StoreError> {
        let mut tx = self.begin().await?;
        let step = self
            .set_state_in(&mut tx, meeting_id, state, None, author, note)
            .await?;
        self.finish(tx, step).await
    }

    async fn meeting(&self, body: &str, date: Date) -> Result<Option<StoredMeeting>, StoreError> {
        let row = sqlx::query(select_stored!("WHERE m.body = $1 AND m.date = $2"))
            .bind(body)
            .bind(date_text(date))
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| stored(&row)).transpose()
    }

    async fn public_meeting(
        &self,
        body: &str,
        date: Date,
        now: i64,
    ) -> Result<Option<StoredMeeting>, StoreError> {
        let row = sqlx::query(select_stored!(
            "WHERE m.body = $1 AND m.date = $2 AND ",
            public_at!("$3")
        ))
        .bind(body)
        .bind(date_text(date))
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| stored(&row)).transpose()
    }

    async fn public_meetings(
        &self,
        body: Option<&str>,
        now: i64,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<MeetingSummary>, StoreError> {
        if limit < 0 || offset < 0 {
            return Err(StoreError::Invalid(format!(
                "en sida kan inte ha {limit} möten från nummer {offset}"
            )));
        }
        let rows = sqlx::query(select_summary!(
            "WHERE ($1 IS NULL OR m.body = $1) AND ",
            public_at!("$2"),
            " ORDER BY m.date DESC, m.body ASC LIMIT $3 OFFSET $4"
        ))
        .bind(body)
        .bind(now)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(summary).collect()
    }

    async fn meetings(&self, body: &str) -> Result<Vec<MeetingSummary>, StoreError> {
        let rows = sqlx::query(select_summary!("WHERE m.body = $1 ORDER BY m.date DESC"))
            .bind(body)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(summary).collect()
    }

    async fn revisions(&self, meeting_id: i64) -> Result<Vec<Revision>, StoreError> {
        let rows = sqlx::query(
            "SELECT revision, at, author, note, state, publish_at, source FROM revisions \
             WHERE meeting_id = $1 ORDER BY revision DESC",
        )
        .bind(meeting_id)
        .fetch_all(&self.pool)
        .await?;
        if rows.is_empty() {
            return Err(StoreError::NotFound);
        }
        rows.iter().map(rows::revision).collect()
    }

    async fn change_counter(&self) -> Result<i64, StoreError> {
        follow::read_counter(&self.pool).await
    }

    fn editor(&self) -> &dyn EditorStore {
        self
    }

    async fn subscribe_changes(&self) -> Result<watch::Receiver<i64>, StoreError> {
        self.changes.committed(follow::read_counter(&self.pool).await?);
        let pool = self.pool.clone();
        Ok(match self.backend {
            Backend::Sqlite => self
                .changes
                .subscribe(|sender| follow::poll(pool, sender, crate::sqlite::POLL)),
            Backend::Postgres => {
                let url = self.url.clone();
                self.changes
                    .subscribe(|sender| crate::postgres::follow(url, pool, sender))
            }
        })
    }

    fn newsletter(&self) -> &dyn crate::newsletter::NewsletterStore {
        self
    }
}
