//! What the web editor asks of the store: accounts and the bodies they may write, sessions kept in the
//! database (so any node serves them), failed sign-ins for throttling, and the audit log — written in the
//! same transaction as the save or state change it records.
//!
//! The store never sees a password or a session id: callers pass the argon2id hash and the SHA-256 of
//! the id. Reached from any [`crate::Store`] through `Store::editor()`.

use crate::model::{NewRevision, Saved, State, StoreError};
use crate::newsletter::Notified;

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Everything: every body, the users, the audit log.
    Admin,
    /// The meetings of the bodies assigned to the account.
    Editor,
}

impl Role {
    /// The text stored in the database (and typed on the command line).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
        }
    }

    /// The role stored as `text`, if it is one.
    pub fn from_stored(text: &str) -> Option<Role> {
        match text {
            "admin" => Some(Role::Admin),
            "editor" => Some(Role::Editor),
            _ => None,
        }
    }
}

/// An account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    /// Lower-cased: the sign-in name.
    pub email: String,
    /// The PHC string of the password's argon2id hash.
    pub password_hash: String,
    pub role: Role,
    /// The bodies an editor may write, sorted (admins may write all; theirs is usually empty).
    pub bodies: Vec<String>,
    pub created_at: i64,
}

impl User {
    /// Whether this account may read and write the meetings of `body`.
    pub fn may_edit(&self, body: &str) -> bool {
        self.role == Role::Admin || self.bodies.iter().any(|b| b == body)
    }
}

/// A new account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub email: String,
    pub password_hash: String,
    pub role: Role,
    pub bodies: Vec<String>,
}

/// A signed-in session, found by the SHA-256 of its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    /// The CSRF token bound to this session.
    pub csrf_token: String,
    pub created_at: i64,
    pub last_seen: i64,
}

/// Who did what, for the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// The actor's e-mail address (kept when the account is removed).
    pub actor: String,
    /// What was done, a short English verb ("save", "publish", "unpublish", "sign-in", …).
    pub action: String,
    pub body: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The revision the change made (filled in by the store for saves).
    pub revision: Option<i64>,
    pub detail: Option<String>,
}

impl AuditEntry {
    /// `actor` did `action` (not about a meeting; no detail).
    pub fn new(actor: impl Into<String>, action: impl Into<String>) -> AuditEntry {
        AuditEntry {
            actor: actor.into(),
            action: action.into(),
            body: None,
            date: None,
            revision: None,
            detail: None,
        }
    }

    /// … to the meeting of `body` on `date`.
    pub fn about(mut self, body: &str, date: impl std::fmt::Display) -> AuditEntry {
        self.body = Some(body.to_string());
        self.date = Some(date.to_string());
        self
    }

    /// … with `detail` (a change note, an embargo).
    pub fn detail(mut self, detail: Option<String>) -> AuditEntry {
        self.detail = detail;
        self
    }
}

/// A line of the audit log as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub id: i64,
    pub at: i64,
    pub entry: AuditEntry,
}

/// A meeting's minutes uploaded as a PDF (checked by the caller).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesFile {
    pub pdf: Vec<u8>,
    /// SHA-256 of `pdf`, hex.
    pub sha256: String,
    pub uploaded_at: i64,
    /// The uploader's e-mail address.
    pub uploaded_by: String,
}

/// Text typed into a meeting's "källtext" and not yet saved, kept per meeting and account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub source: String,
    /// The revision it was typed against.
    pub revision: i64,
    pub saved_at: i64,
}

/// The editor's part of the store. Times are unix seconds passed in by the caller.
#[async_trait::async_trait]
pub trait EditorStore: Send + Sync {
    /// Creates an account; `Invalid` when the address is taken.
    async fn add_user(&self, user: NewUser) -> Result<User, StoreError>;

    /// The account with this (lower-cased) address.
    async fn user_by_email(&self, email: &str) -> Result<Option<User>, StoreError>;

    /// Every account, by address.
    async fn users(&self) -> Result<Vec<User>, StoreError>;

    /// Sets the bodies the account `email` may write (sorted, without repeats); `NotFound` when there is
    /// no such account.
    async fn set_bodies(&self, email: &str, bodies: &[String]) -> Result<User, StoreError>;

    /// Removes an account and its sessions; `NotFound` when there is none.
    async fn remove_user(&self, email: &str) -> Result<(), StoreError>;

    /// Stores a new session for `user_id` (`id_hash`: SHA-256 of the cookie's id).
    async fn create_session(
        &self,
        id_hash: &str,
        user_id: i64,
        csrf_token: &str,
        now: i64,
    ) -> Result<(), StoreError>;

    /// The session with this id hash if it was created after `created_after` and seen after
    /// `seen_after` (absolute and idle expiry); it is then marked seen at `now`. An expired session is
    /// deleted and `None` returned.
    async fn session(
        &self,
        id_hash: &str,
        now: i64,
        created_after: i64,
        seen_after: i64,
    ) -> Result<Option<Session>, StoreError>;

    /// Ends a session (sign-out); no error when it is gone already.
    async fn delete_session(&self, id_hash: &str) -> Result<(), StoreError>;

    /// Records a failed sign-in under `key` (a hash of an address or an account) and forgets failures
    /// older than `forget_before`.
    async fn record_failed_login(&self, key: &str, now: i64, forget_before: i64) -> Result<(), StoreError>;

    /// How many failed sign-ins under `key` happened at or after `since`.
    async fn failed_logins(&self, key: &str, since: i64) -> Result<i64, StoreError>;

    /// Forgets the failures under `key` (after a successful sign-in).
    async fn clear_failed_logins(&self, key: &str) -> Result<(), StoreError>;

    /// [`crate::Store::save`] plus its audit row, in one transaction (no row when nothing changed). The
    /// entry's revision is set to the revision the save made.
    async fn save_audited(&self, new: NewRevision, audit: AuditEntry) -> Result<Saved, StoreError>;

    /// [`EditorStore::save_audited`] that also sends the result to the newsletter `list` when it is
    /// published: the campaign of that revision with one outbox row per confirmed subscriber, as
    /// [`crate::NewsletterStore::publish_and_notify`] makes it, due when the embargo (`publish_at`)
    /// passes — the revision, the audit row and the campaign in one transaction. A revision already
    /// sent to `list` is not sent again (`Notified::created` is false); an unchanged revision that was
    /// never sent is sent now.
    async fn save_audited_and_notify(
        &self,
        new: NewRevision,
        audit: AuditEntry,
        list: &str,
    ) -> Result<Notified, StoreError>;

    /// [`crate::Store::set_state`] plus its audit row, in one transaction; `expected_revision` as in
    /// [`NewRevision`].
    async fn set_state_audited(
        &self,
        meeting_id: i64,
        state: State,
        expected_revision: Option<i64>,
        note: Option<&str>,
        audit: AuditEntry,
    ) -> Result<Saved, StoreError>;

    /// [`EditorStore::save_audited`] of a record whose minutes point at the uploaded file, with `file`
    /// stored as the meeting's minutes — one transaction. A new file for an otherwise unchanged record is
    /// still a change (the counter moves, so caches drop the old download); the audit row is written
    /// whenever something was.
    async fn save_with_minutes_file(
        &self,
        new: NewRevision,
        audit: AuditEntry,
        file: MinutesFile,
    ) -> Result<Saved, StoreError>;

    /// The uploaded minutes of meeting `meeting_id`, if any.
    async fn minutes_file(&self, meeting_id: i64) -> Result<Option<MinutesFile>, StoreError>;

    /// Keeps `source` as the draft of account `user_id` for meeting `meeting_id` (replacing theirs).
    async fn put_draft(
        &self,
        meeting_id: i64,
        user_id: i64,
        source: &str,
        revision: i64,
        now: i64,
    ) -> Result<(), StoreError>;

    /// The draft of account `user_id` for meeting `meeting_id`.
    async fn draft(&self, meeting_id: i64, user_id: i64) -> Result<Option<Draft>, StoreError>;

    /// Forgets that draft (after a save, or when the editor discards it); no error when there is none.
    async fn delete_draft(&self, meeting_id: i64, user_id: i64) -> Result<(), StoreError>;

    /// Appends an audit row on its own (sign-in, sign-out, account changes).
    async fn audit(&self, entry: AuditEntry, now: i64) -> Result<(), StoreError>;

    /// The newest `limit` audit rows, newest first.
    async fn audit_log(&self, limit: i64) -> Result<Vec<AuditRecord>, StoreError>;
}
