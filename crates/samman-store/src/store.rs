//! The `Store` trait: everything the server, the CLI and later the editor, search and newsletter ask of
//! the database, with no driver type in sight. Both backends implement it; one conformance suite
//! (`tests/conformance.rs`) holds them to the same behaviour.

use samman_domain::Date;
use tokio::sync::watch;

use crate::model::{MeetingSummary, NewRevision, Revision, Saved, State, StoreError, StoredMeeting};

/// A store of meetings and their revisions. Times are unix seconds; `now` is passed in by readers so a
/// caller (and a test) decides what "now" means for embargoes.
#[async_trait::async_trait]
pub trait Store: Send + Sync + std::fmt::Debug {
    /// Checks that the database answers.
    async fn health(&self) -> Result<(), StoreError>;

    /// Upsert by (body, date) in one transaction: the meeting is wholly stored or not at all. A save whose
    /// source, parsed record, state and embargo equal the current revision writes nothing
    /// (`changed: false`); otherwise it appends revision n + 1.
    async fn save(&self, new: NewRevision) -> Result<Saved, StoreError>;

    /// Moves a meeting to `state` as a new revision with the same source (no-op when already there).
    async fn set_state(
        &self,
        meeting_id: i64,
        state: State,
        author: Option<&str>,
        note: Option<&str>,
    ) -> Result<Saved, StoreError>;

    /// The current revision, whatever its state (callers filter; `public_meeting` filters for them).
    async fn meeting(&self, body: &str, date: Date) -> Result<Option<StoredMeeting>, StoreError>;

    /// The meeting only if it is published and its embargo has passed at `now`.
    async fn public_meeting(
        &self,
        body: &str,
        date: Date,
        now: i64,
    ) -> Result<Option<StoredMeeting>, StoreError>;

    /// Published meetings whose embargo has passed at `now`, newest date first (then body), optionally of
    /// one body; `limit` and `offset` (both ≥ 0, else `Invalid`) page through them.
    async fn public_meetings(
        &self,
        body: Option<&str>,
        now: i64,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<MeetingSummary>, StoreError>;

    /// Every meeting of a body in any state (editor lists), newest date first.
    async fn meetings(&self, body: &str) -> Result<Vec<MeetingSummary>, StoreError>;

    /// A meeting's history, newest revision first; `NotFound` when there is no such meeting.
    async fn revisions(&self, meeting_id: i64) -> Result<Vec<Revision>, StoreError>;

    /// A number that grows with every committed change anywhere in the store, bumped in the same
    /// transaction as the change. Nodes poll it (one cheap query) to drop caches and follow with indexes.
    async fn change_counter(&self) -> Result<i64, StoreError>;

    /// Follows the change counter: the receiver holds the latest committed counter and wakes
    /// (`changed().await`) when it grows — within a second for changes made anywhere (another node,
    /// another process), at once for changes made through this store. PostgreSQL delivers them with
    /// `LISTEN`/`NOTIFY`; SQLite polls the counter row. Following stops when every receiver is dropped.
    async fn subscribe_changes(&self) -> Result<watch::Receiver<i64>, StoreError>;

    /// The editor's accounts, sessions, sign-in throttling and audit log (issue 9).
    fn editor(&self) -> &dyn crate::editor::EditorStore;
    /// The newsletter's subscribers, campaigns and outbox (issue 10).
    fn newsletter(&self) -> &dyn crate::newsletter::NewsletterStore;
}
