//! [`NewsletterStore`] on the shared SQL store: the same queries on both backends, except the claim's
//! locking clause (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite's `BEGIN IMMEDIATE` already holds the
//! one write lock). Every write is one transaction.

use samman_domain::Meeting;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::rows::check_text;
use super::{Backend, SqlStore, Tx};
use crate::model::{NewRevision, State, StoreError};
use crate::newsletter::{
    Campaign, CampaignStatus, Claimed, Consent, NewSubscriber, NewsletterStore, Notified, Subscribed,
    Subscriber, SubscriberState,
};

const SELECT_SUBSCRIBER: &str = "SELECT id, list, address, address_hash, state, created_at, confirmed_at, \
                                 left_at FROM subscribers";

const SELECT_CAMPAIGN: &str = "SELECT id, list, meeting_id, revision, created_at, recipients FROM campaigns";

/// Due rows, oldest first, with their recipient; the caller appends the backend's locking clause.
macro_rules! select_due {
    ($lock:literal) => {
        concat!(
            "SELECT o.id, o.campaign_id, o.subscriber_id, o.message_id, o.attempts, s.list, s.address, ",
            "s.address_hash, m.state AS meeting_state FROM outbox o ",
            "JOIN subscribers s ON s.id = o.subscriber_id JOIN campaigns c ON c.id = o.campaign_id ",
            "JOIN meetings m ON m.id = c.meeting_id ",
            "WHERE o.state = 'pending' AND o.next_attempt_at <= $1 ",
            "AND (o.lease_until IS NULL OR o.lease_until <= $1) ",
            // A mail never goes out before its summary is public (an embargo moved later holds it).
            "AND (m.publish_at IS NULL OR m.publish_at <= $1) ORDER BY o.id LIMIT $2",
            $lock
        )
    };
}

fn subscriber(row: &AnyRow) -> Result<Subscriber, StoreError> {
    let state: String = row.try_get("state")?;
    Ok(Subscriber {
        id: row.try_get("id")?,
        list: row.try_get("list")?,
        address: row.try_get("address")?,
        address_hash: row.try_get("address_hash")?,
        state: SubscriberState::from_stored(&state)
            .ok_or_else(|| StoreError::Database(format!("okänt prenumerationstillstånd {state:?}")))?,
        created_at: row.try_get("created_at")?,
        confirmed_at: row.try_get("confirmed_at")?,
        left_at: row.try_get("left_at")?,
    })
}

fn campaign(row: &AnyRow) -> Result<Campaign, StoreError> {
    Ok(Campaign {
        id: row.try_get("id")?,
        list: row.try_get("list")?,
        meeting_id: row.try_get("meeting_id")?,
        revision: row.try_get("revision")?,
        created_at: row.try_get("created_at")?,
        recipients: row.try_get("recipients")?,
    })
}

/// Records consent given or withdrawn inside `tx`.
async fn record_consent(
    tx: &mut Tx,
    subscriber_id: i64,
    list: &str,
    at: i64,
    version: &str,
    source: &str,
    kind: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO consents (subscriber_id, list, at, text_version, source, kind) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(subscriber_id)
    .bind(list)
    .bind(at)
    .bind(version)
    .bind(source)
    .bind(kind)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl SqlStore {
    /// Creates the campaign of (`meeting_id`, `revision`) for `list` inside `tx` unless it exists, with
    /// one outbox row per confirmed subscriber. Returns it and whether it is new.
    pub(crate) async fn campaign_in(
        &self,
        tx: &mut Tx,
        list: &str,
        meeting_id: i64,
        revision: i64,
        now: i64,
    ) -> Result<(Campaign, bool), StoreError> {
        let inserted = sqlx::query(
            "INSERT INTO campaigns (list, meeting_id, revision, created_at, recipients) \
             VALUES ($1, $2, $3, $4, (SELECT COUNT(*) FROM subscribers WHERE list = $1 AND state = 'confirmed')) \
             ON CONFLICT (list, meeting_id, revision) DO NOTHING RETURNING id",
        )
        .bind(list)
        .bind(meeting_id)
        .bind(revision)
        .bind(now)
        .fetch_optional(&mut **tx)
        .await?;
        let created = inserted.is_some();
        if let Some(row) = inserted {
            let id: i64 = row.try_get("id")?;
            sqlx::query(
                "INSERT INTO outbox (campaign_id, subscriber_id, message_id, state, attempts, next_attempt_at) \
                 SELECT $1, id, $2 || CAST(id AS TEXT), 'pending', 0, $3 FROM subscribers \
                 WHERE list = $4 AND state = 'confirmed'",
            )
            .bind(id)
            .bind(format!("samman.c{id}.s"))
            .bind(now)
            .bind(list)
            .execute(&mut **tx)
            .await?;
        }
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT_CAMPAIGN} WHERE list = $1 AND meeting_id = $2 AND revision = $3"
        )))
        .bind(list)
        .bind(meeting_id)
        .bind(revision)
        .fetch_one(&mut **tx)
        .await?;
        Ok((campaign(&row)?, created))
    }

    /// Updates a claimed row if the claim is still ours.
    async fn mark(
        &self,
        sql: &'static str,
        binds: (i64, &str, Option<&str>, Option<i64>),
    ) -> Result<bool, StoreError> {
        let (id, claim, error, at) = binds;
        let done = sqlx::query(sql)
            .bind(id)
            .bind(claim)
            .bind(error)
            .bind(at)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }
}

#[async_trait::async_trait]
impl NewsletterStore for SqlStore {
    async fn subscribe(&self, new: NewSubscriber) -> Result<Subscribed, StoreError> {
        for (what, text) in [
            ("lista", &new.list),
            ("adress", &new.address),
            ("samtyckestext", &new.consent_version),
            ("källa", &new.consent_source),
        ] {
            check_text(what, Some(text))?;
        }
        let mut tx = self.begin().await?;
        let existing = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT_SUBSCRIBER} WHERE list = $1 AND address_hash = $2"
        )))
        .bind(&new.list)
        .bind(&new.address_hash)
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| subscriber(&row))
        .transpose()?;
        let id = match existing {
            Some(s) if s.state == SubscriberState::Confirmed => {
                tx.rollback().await?;
                return Ok(Subscribed::AlreadyConfirmed { id: s.id });
            }
            Some(s) => {
                sqlx::query(
                    "UPDATE subscribers SET address = $1, state = 'pending', token_hash = $2, token_expires = $3, \
                     consent_version = $4, consent_source = $5 WHERE id = $6",
                )
                .bind(&new.address)
                .bind(&new.token_hash)
                .bind(new.token_expires)
                .bind(&new.consent_version)
                .bind(&new.consent_source)
                .bind(s.id)
                .execute(&mut *tx)
                .await?;
                s.id
            }
            None => sqlx::query(
                "INSERT INTO subscribers (list, address, address_hash, state, token_hash, token_expires, \
                 consent_version, consent_source, created_at) \
                 VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(&new.list)
            .bind(&new.address)
            .bind(&new.address_hash)
            .bind(&new.token_hash)
            .bind(new.token_expires)
            .bind(&new.consent_version)
            .bind(&new.consent_source)
            .bind(new.now)
            .fetch_one(&mut *tx)
            .await?
            .try_get("id")?,
        };
        tx.commit().await?;
        Ok(Subscribed::Pending { id })
    }

    async fn confirm(&self, id: i64, token_hash: &str, now: i64) -> Result<Option<Subscriber>, StoreError> {
        let mut tx = self.begin().await?;
        // The token is used up in the same statement that checks it: a replayed link finds nothing.
        let row = sqlx::query(
            "UPDATE subscribers SET state = 'confirmed', confirmed_at = $1, token_hash = NULL, token_expires = NULL \
             WHERE id = $2 AND state = 'pending' AND token_hash = $3 AND token_expires > $1 \
             RETURNING list, consent_version, consent_source",
        )
        .bind(now)
        .bind(id)
        .bind(token_hash)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            tx.rollback().await?;
            return Ok(None);
        };
        let list: String = row.try_get("list")?;
        let version: Option<String> = row.try_get("consent_version")?;
        let source: Option<String> = row.try_get("consent_source")?;
        record_consent(
            &mut tx,
            id,
            &list,
            now,
            version.as_deref().unwrap_or("okänd"),
            source.as_deref().unwrap_or("okänd"),
            "given",
        )
        .await?;
        tx.commit().await?;
        self.subscriber(id).await
    }

    async fn leave(&self, id: i64, source: &str, now: i64) -> Result<bool, StoreError> {
        check_text("källa", Some(source))?;
        let mut tx = self.begin().await?;
        let row = sqlx::query(
            "UPDATE subscribers SET state = 'left', address = NULL, token_hash = NULL, token_expires = NULL, \
             left_at = $1 WHERE id = $2 AND state <> 'left' RETURNING list, consent_version",
        )
        .bind(now)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            tx.rollback().await?;
            return Ok(false);
        };
        let list: String = row.try_get("list")?;
        let version: Option<String> = row.try_get("consent_version")?;
        record_consent(
            &mut tx,
            id,
            &list,
            now,
            version.as_deref().unwrap_or("okänd"),
            source,
            "withdrawn",
        )
        .await?;
        // Mails not yet claimed are never sent; one being sent right now may still arrive.
        sqlx::query("UPDATE outbox SET state = 'skipped' WHERE subscriber_id = $1 AND state = 'pending'")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn subscriber(&self, id: i64) -> Result<Option<Subscriber>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT_SUBSCRIBER} WHERE id = $1")))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.map(|row| subscriber(&row)).transpose()
    }

    async fn subscriber_by_hash(
        &self,
        list: &str,
        address_hash: &str,
    ) -> Result<Option<Subscriber>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT_SUBSCRIBER} WHERE list = $1 AND address_hash = $2"
        )))
        .bind(list)
        .bind(address_hash)
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| subscriber(&row)).transpose()
    }

    async fn subscribers(&self, list: Option<&str>) -> Result<Vec<Subscriber>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT_SUBSCRIBER} WHERE ($1 IS NULL OR list = $1) ORDER BY id"
        )))
        .bind(list)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(subscriber).collect()
    }

    async fn consents(&self, subscriber_id: i64) -> Result<Vec<Consent>, StoreError> {
        let rows = sqlx::query(
            "SELECT list, at, text_version, source, kind FROM consents WHERE subscriber_id = $1 ORDER BY id",
        )
        .bind(subscriber_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let kind: String = row.try_get("kind")?;
                Ok(Consent {
                    list: row.try_get("list")?,
                    at: row.try_get("at")?,
                    text_version: row.try_get("text_version")?,
                    source: row.try_get("source")?,
                    given: kind == "given",
                })
            })
            .collect()
    }

    async fn publish_and_notify(&self, new: NewRevision, list: &str) -> Result<Notified, StoreError> {
        check_text("lista", Some(list))?;
        let json = super::rows::check_new(&new)?;
        let mut tx = self.begin().await?;
        let (saved, counter) = match self.save_in(&mut tx, &new, &json).await? {
            super::Step::Unchanged(saved) => (saved, None),
            super::Step::Appended(saved, counter) => (saved, Some(counter)),
        };
        let (campaign, created) = if new.state == State::Published {
            let now = super::rows::now();
            let (campaign, created) = self
                .campaign_in(&mut tx, list, saved.meeting_id, saved.revision, now)
                .await?;
            (Some(campaign), created)
        } else {
            (None, false)
        };
        tx.commit().await?;
        if let Some(counter) = counter {
            self.committed(counter);
        }
        Ok(Notified {
            saved,
            campaign,
            created,
        })
    }

    async fn claim(&self, claim: &str, now: i64, lease: i64, limit: i64) -> Result<Vec<Claimed>, StoreError> {
        let mut tx = self.begin().await?;
        let sql = match self.backend() {
            Backend::Sqlite => select_due!(""),
            Backend::Postgres => select_due!(" FOR UPDATE OF o SKIP LOCKED"),
        };
        let rows = sqlx::query(sql).bind(now).bind(limit).fetch_all(&mut *tx).await?;
        let mut claimed = Vec::with_capacity(rows.len());
        for row in &rows {
            let outbox_id: i64 = row.try_get("id")?;
            let address: Option<String> = row.try_get("address")?;
            let meeting_state: String = row.try_get("meeting_state")?;
            let (Some(address), "published") = (address, meeting_state.as_str()) else {
                // The recipient left after the campaign was made (`leave` skips their rows; this is a net),
                // or the summary was unpublished before its mail went out: the mail is not sent.
                sqlx::query("UPDATE outbox SET state = 'skipped' WHERE id = $1")
                    .bind(outbox_id)
                    .execute(&mut *tx)
                    .await?;
                continue;
            };
            sqlx::query(
                "UPDATE outbox SET claim = $1, lease_until = $2, attempts = attempts + 1 WHERE id = $3",
            )
            .bind(claim)
            .bind(now + lease)
            .bind(outbox_id)
            .execute(&mut *tx)
            .await?;
            let attempts: i64 = row.try_get("attempts")?;
            claimed.push(Claimed {
                outbox_id,
                campaign_id: row.try_get("campaign_id")?,
                subscriber_id: row.try_get("subscriber_id")?,
                list: row.try_get("list")?,
                address,
                address_hash: row.try_get("address_hash")?,
                message_id: row.try_get("message_id")?,
                attempts: attempts + 1,
            });
        }
        tx.commit().await?;
        Ok(claimed)
    }

    async fn mark_sent(&self, outbox_id: i64, claim: &str, now: i64) -> Result<bool, StoreError> {
        self.mark(
            "UPDATE outbox SET state = 'sent', sent_at = $4, lease_until = NULL, last_error = $3 \
             WHERE id = $1 AND claim = $2 AND state = 'pending'",
            (outbox_id, claim, None, Some(now)),
        )
        .await
    }

    async fn mark_retry(
        &self,
        outbox_id: i64,
        claim: &str,
        error: &str,
        next_attempt_at: i64,
    ) -> Result<bool, StoreError> {
        self.mark(
            "UPDATE outbox SET lease_until = NULL, last_error = $3, next_attempt_at = $4 \
             WHERE id = $1 AND claim = $2 AND state = 'pending'",
            (outbox_id, claim, Some(error), Some(next_attempt_at)),
        )
        .await
    }

    async fn mark_failed(&self, outbox_id: i64, claim: &str, error: &str) -> Result<bool, StoreError> {
        self.mark(
            "UPDATE outbox SET state = 'failed', lease_until = NULL, last_error = $3, \
             next_attempt_at = COALESCE($4, next_attempt_at) WHERE id = $1 AND claim = $2 AND state = 'pending'",
            (outbox_id, claim, Some(error), None),
        )
        .await
    }

    async fn retry_failed(&self, campaign: Option<i64>, now: i64) -> Result<i64, StoreError> {
        let done = sqlx::query(
            "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = $1, lease_until = NULL \
             WHERE state = 'failed' AND ($2 IS NULL OR campaign_id = $2)",
        )
        .bind(now)
        .bind(campaign)
        .execute(self.pool())
        .await?;
        Ok(i64::try_from(done.rows_affected()).unwrap_or(i64::MAX))
    }

    async fn campaigns(&self) -> Result<Vec<CampaignStatus>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.id, c.list, c.meeting_id, c.revision, c.created_at, c.recipients, m.body, m.date, \
             (SELECT COUNT(*) FROM outbox o WHERE o.campaign_id = c.id AND o.state = 'sent') AS sent, \
             (SELECT COUNT(*) FROM outbox o WHERE o.campaign_id = c.id AND o.state = 'pending') AS pending, \
             (SELECT COUNT(*) FROM outbox o WHERE o.campaign_id = c.id AND o.state = 'failed') AS failed, \
             (SELECT COUNT(*) FROM outbox o WHERE o.campaign_id = c.id AND o.state = 'skipped') AS skipped, \
             (SELECT o.last_error FROM outbox o WHERE o.campaign_id = c.id AND o.last_error IS NOT NULL \
              AND o.state <> 'sent' ORDER BY o.id DESC LIMIT 1) AS last_error \
             FROM campaigns c JOIN meetings m ON m.id = c.meeting_id ORDER BY c.id DESC",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let date: String = row.try_get("date")?;
                Ok(CampaignStatus {
                    campaign: campaign(row)?,
                    body: row.try_get("body")?,
                    date: date
                        .parse()
                        .map_err(|_| StoreError::Database(format!("ogiltigt datum {date:?} i databasen")))?,
                    sent: row.try_get("sent")?,
                    pending: row.try_get("pending")?,
                    failed: row.try_get("failed")?,
                    skipped: row.try_get("skipped")?,
                    last_error: row.try_get("last_error")?,
                })
            })
            .collect()
    }

    async fn campaign_meeting(&self, campaign_id: i64) -> Result<Meeting, StoreError> {
        let row = sqlx::query(
            "SELECT r.meeting_json FROM campaigns c JOIN revisions r \
             ON r.meeting_id = c.meeting_id AND r.revision = c.revision WHERE c.id = $1",
        )
        .bind(campaign_id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        let json: String = row.try_get("meeting_json")?;
        serde_json::from_str(&json)
            .map_err(|e| StoreError::Database(format!("mötet i databasen går inte att läsa: {e}")))
    }
}
