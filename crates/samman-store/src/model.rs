//! The store's vocabulary: where it lives, what a writer saves, what a reader gets back, and what can go
//! wrong. Plain data — no driver type appears here, so the server and the CLI never depend on sqlx.

use std::path::PathBuf;

use samman_domain::{Date, Meeting};

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite file `DIR/samman.db` (WAL, busy timeout), created with its directory on first use.
    Dir(PathBuf),
    /// `sqlite://PATH` (created when missing), `sqlite::memory:`, or `postgres://…` / `postgresql://…`.
    Url(String),
}

/// A meeting's publication state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// Being written; on no public route.
    Draft,
    /// Public once its embargo (`publish_at`) has passed.
    Published,
    /// Was public, taken down; on no public route.
    Unpublished,
}

impl State {
    /// The text stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Published => "published",
            State::Unpublished => "unpublished",
        }
    }

    /// The state stored as `text`, if it is one.
    pub fn from_stored(text: &str) -> Option<State> {
        match text {
            "draft" => Some(State::Draft),
            "published" => Some(State::Published),
            "unpublished" => Some(State::Unpublished),
            _ => None,
        }
    }
}

/// What a writer saves: one revision of one meeting, identified by (body, date).
#[derive(Debug, Clone, PartialEq)]
pub struct NewRevision {
    pub body: String,
    pub date: Date,
    /// The source-format text: the truth the record is parsed from.
    pub source: String,
    /// The parsed record, stored as JSON beside the source for search and the API.
    pub meeting: Meeting,
    /// Who saved it (user id, e-mail or "samman load"); never shown publicly unless a caller chooses to.
    pub author: Option<String>,
    /// A public change note (the page's "Senast uppdaterad" log).
    pub note: Option<String>,
    /// The state after the save (`samman load` publishes).
    pub state: State,
    /// Embargo in unix seconds: not public before it. `None` means public as soon as published.
    pub publish_at: Option<i64>,
    /// `Some(n)`: refuse with [`StoreError::Conflict`] unless the current revision is `n` (0 = the meeting
    /// must not exist yet). Editors pass the revision they started from; `None` saves unconditionally.
    pub expected_revision: Option<i64>,
}

/// The outcome of a save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    pub meeting_id: i64,
    /// The meeting's current revision after the call.
    pub revision: i64,
    /// False when nothing differed from the current revision, so nothing was written.
    pub changed: bool,
}

/// The current revision of a meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredMeeting {
    pub id: i64,
    pub body: String,
    pub date: Date,
    pub source: String,
    pub meeting: Meeting,
    pub state: State,
    pub revision: i64,
    /// When the meeting first became public (unix seconds): the first save as published, or its embargo if
    /// later. `None` while it has never been public.
    pub published_at: Option<i64>,
    /// When the current revision was saved (unix seconds).
    pub updated_at: i64,
    pub publish_at: Option<i64>,
}

/// A line in a list of meetings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingSummary {
    pub id: i64,
    pub body: String,
    pub date: Date,
    /// The record's explicit title; `None` when it uses the derived one, which needs the body's
    /// configuration (`Meeting::derived_title(body, date)`) — the store does not know the bodies file.
    pub title: Option<String>,
    pub state: State,
    pub revision: i64,
    pub published_at: Option<i64>,
    pub updated_at: i64,
}

/// One entry of a meeting's history (revisions are append-only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub revision: i64,
    /// When it was saved (unix seconds).
    pub at: i64,
    pub author: Option<String>,
    pub note: Option<String>,
    pub state: State,
    pub publish_at: Option<i64>,
    pub source: String,
}

/// What can go wrong. Messages are Swedish (a user may read them) and carry no personal data.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("hittades inte")]
    NotFound,
    /// Someone else saved first; `current` is the revision now stored.
    #[error("mötet har ändrats av någon annan sedan du började (nu version {current})")]
    Conflict { current: i64 },
    /// The caller's data or location cannot be stored as given.
    #[error("ogiltigt: {0}")]
    Invalid(String),
    /// The database failed (connection, migration, constraint); the message names no person.
    #[error("databasfel: {0}")]
    Database(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        StoreError::Database(error.to_string())
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(error: sqlx::migrate::MigrateError) -> Self {
        StoreError::Database(format!("migrering: {error}"))
    }
}
