//! The newsletter's part of the store: subscribers and their consents, campaigns, and the outbox that
//! makes a mail exist exactly when its publication does.
//!
//! A list is a body's newsletter, named by the body's id. The store never sees a secret: callers pass
//! the keyed hash of an address (`address_hash`) and the hash of a confirmation nonce (`token_hash`),
//! so a copy of the database alone neither confirms anyone nor names who left.
//!
//! Delivery is a claim with a lease: [`NewsletterStore::claim`] hands a worker due rows and a claim id
//! (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so several nodes never take the same row; SQLite's write
//! lock serialises claims); the worker sends and marks the row with that claim id. A row whose lease
//! runs out (its worker died) is claimed again and sent with the same Message-ID. `docs/newsletter.md`
//! says what that promises at the moment no protocol closes.

use samman_domain::{Date, Meeting};

use crate::model::{NewRevision, Saved, StoreError};

/// A subscriber's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubscriberState {
    /// Asked to subscribe; not yet confirmed (receives nothing).
    Pending,
    /// Confirmed: receives the list's newsletters.
    Confirmed,
    /// Left (or was removed): the address is gone, only its keyed hash remains.
    Left,
}

impl SubscriberState {
    /// The text stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            SubscriberState::Pending => "pending",
            SubscriberState::Confirmed => "confirmed",
            SubscriberState::Left => "left",
        }
    }

    /// The state stored as `text`, if it is one.
    pub fn from_stored(text: &str) -> Option<SubscriberState> {
        match text {
            "pending" => Some(SubscriberState::Pending),
            "confirmed" => Some(SubscriberState::Confirmed),
            "left" => Some(SubscriberState::Left),
            _ => None,
        }
    }
}

/// A request to subscribe (the first step of double opt-in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubscriber {
    pub list: String,
    /// Checked by the caller (`samman_newsletter::address`).
    pub address: String,
    /// Keyed hash of the normalised address: the identity that outlives the address.
    pub address_hash: String,
    /// Hash of the confirmation nonce; the confirmation link carries the nonce itself.
    pub token_hash: String,
    /// When the confirmation link stops working (unix seconds).
    pub token_expires: i64,
    /// The version of the consent text shown where the address was given.
    pub consent_version: String,
    /// Where consent was asked ("webbformuläret /sro/nyhetsbrev/").
    pub consent_source: String,
    pub now: i64,
}

/// What a subscription request led to. The web answer is the same for both (no enumeration).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subscribed {
    /// A confirmation is now pending under this subscriber id: send the confirmation mail.
    Pending { id: i64 },
    /// Already confirmed: nothing changed, and no mail is sent.
    AlreadyConfirmed { id: i64 },
}

/// A subscriber as the admin and the subscriber see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriber {
    pub id: i64,
    pub list: String,
    /// `None` once they left.
    pub address: Option<String>,
    pub address_hash: String,
    pub state: SubscriberState,
    pub created_at: i64,
    pub confirmed_at: Option<i64>,
    pub left_at: Option<i64>,
}

/// One entry of the consent record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub list: String,
    pub at: i64,
    pub text_version: String,
    pub source: String,
    /// True when consent was given, false when it was withdrawn (left, removed).
    pub given: bool,
}

/// A campaign: one published revision sent to one list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    pub id: i64,
    pub list: String,
    pub meeting_id: i64,
    pub revision: i64,
    pub created_at: i64,
    /// Confirmed subscribers when it was created (one outbox row each).
    pub recipients: i64,
}

/// A campaign's progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignStatus {
    pub campaign: Campaign,
    pub body: String,
    pub date: Date,
    pub sent: i64,
    /// Waiting, being sent, or waiting for a retry.
    pub pending: i64,
    pub failed: i64,
    /// Mails not sent: the recipient left, or the summary was unpublished, before it went out.
    pub skipped: i64,
    /// The latest reason a delivery failed or was postponed, if any.
    pub last_error: Option<String>,
}

/// An outbox row claimed by a worker, with what sending it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub outbox_id: i64,
    pub campaign_id: i64,
    pub subscriber_id: i64,
    pub list: String,
    pub address: String,
    pub address_hash: String,
    /// The local part of the stable Message-ID ("samman.c12.s345"); the sender adds "@host".
    pub message_id: String,
    /// Including this claim.
    pub attempts: i64,
}

/// What a publication with notification did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notified {
    pub saved: Saved,
    /// The campaign for the published revision: new, or the existing one when this revision was already
    /// sent (a script run twice sends once). `None` when the revision is not published.
    pub campaign: Option<Campaign>,
    /// Whether the campaign was created by this call.
    pub created: bool,
}

/// The newsletter's queries, implemented by both backends (`tests/newsletter.rs` holds them to it).
#[async_trait::async_trait]
pub trait NewsletterStore: Send + Sync + std::fmt::Debug {
    /// Records a subscription request: a new pending subscriber, or a pending/left one made pending again
    /// with a fresh token. A confirmed subscriber is left as is.
    async fn subscribe(&self, new: NewSubscriber) -> Result<Subscribed, StoreError>;

    /// Confirms subscriber `id` if `token_hash` is its pending token and it has not expired at `now`;
    /// the token is used up and the consent recorded. `None`: unknown, used, replaced or expired.
    async fn confirm(&self, id: i64, token_hash: &str, now: i64) -> Result<Option<Subscriber>, StoreError>;

    /// Unsubscribes `id` at once: the address and any token are removed (only the keyed hash stays),
    /// the withdrawal is recorded, and its mails not yet sent are skipped. `false` when there was no
    /// such subscriber or it had left already.
    async fn leave(&self, id: i64, source: &str, now: i64) -> Result<bool, StoreError>;

    async fn subscriber(&self, id: i64) -> Result<Option<Subscriber>, StoreError>;

    async fn subscriber_by_hash(
        &self,
        list: &str,
        address_hash: &str,
    ) -> Result<Option<Subscriber>, StoreError>;

    /// Every subscriber of `list` (all lists when `None`) in any state, oldest first.
    async fn subscribers(&self, list: Option<&str>) -> Result<Vec<Subscriber>, StoreError>;

    /// A subscriber's consent record, oldest first.
    async fn consents(&self, subscriber_id: i64) -> Result<Vec<Consent>, StoreError>;

    /// Saves `new` exactly as [`crate::Store::save`] does and, when the result is published, creates the
    /// campaign of that revision for `list` with one outbox row per confirmed subscriber — all in one
    /// transaction, so the mails exist exactly when the publication does.
    async fn publish_and_notify(&self, new: NewRevision, list: &str) -> Result<Notified, StoreError>;

    /// Claims up to `limit` due rows for `lease` seconds under the new claim id `claim`.
    async fn claim(&self, claim: &str, now: i64, lease: i64, limit: i64) -> Result<Vec<Claimed>, StoreError>;

    /// Marks a claimed row sent. `false` when the claim was no longer ours (its lease ran out and
    /// another worker took the row).
    async fn mark_sent(&self, outbox_id: i64, claim: &str, now: i64) -> Result<bool, StoreError>;

    /// Gives a claimed row back for another attempt at `next_attempt_at`, recording why.
    async fn mark_retry(
        &self,
        outbox_id: i64,
        claim: &str,
        error: &str,
        next_attempt_at: i64,
    ) -> Result<bool, StoreError>;

    /// Marks a claimed row failed for good (a permanent refusal, or too many attempts), recording why.
    async fn mark_failed(&self, outbox_id: i64, claim: &str, error: &str) -> Result<bool, StoreError>;

    /// Makes the failed rows of `campaign` (all campaigns when `None`) pending again; returns how many.
    async fn retry_failed(&self, campaign: Option<i64>, now: i64) -> Result<i64, StoreError>;

    /// Every campaign with its progress, newest first.
    async fn campaigns(&self) -> Result<Vec<CampaignStatus>, StoreError>;

    /// The record a campaign sends (its revision's meeting).
    async fn campaign_meeting(&self, campaign_id: i64) -> Result<Meeting, StoreError>;
}
