//! [`EditorStore`] for the shared [`SqlStore`]: the same queries on SQLite and PostgreSQL. Audited saves
//! reuse the save's own steps (`save_in`, `set_state_in`, `finish`) so the audit row is written inside
//! the transaction of the change it records — both are committed, or neither.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::rows::{self, now};
use super::{SqlStore, Step, Tx};
use crate::editor::{AuditEntry, AuditRecord, Draft, EditorStore, MinutesFile, NewUser, Role, Session, User};
use crate::model::{NewRevision, Saved, State, StoreError};
use crate::newsletter::Notified;

const SELECT_USER: &str = "SELECT id, email, password_hash, role, created_at FROM users";

fn role(row: &AnyRow) -> Result<Role, StoreError> {
    let text: String = row.try_get("role")?;
    Role::from_stored(&text).ok_or_else(|| StoreError::Database(format!("okänd roll {text:?} i databasen")))
}

impl SqlStore {
    /// The bodies account `id` may write, sorted.
    async fn bodies_of(&self, id: i64) -> Result<Vec<String>, StoreError> {
        sqlx::query("SELECT body FROM user_bodies WHERE user_id = $1 ORDER BY body")
            .bind(id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok(r.try_get("body")?))
            .collect()
    }

    /// The account in `row` (of [`SELECT_USER`]) with its bodies.
    async fn user_from(&self, row: &AnyRow) -> Result<User, StoreError> {
        let id: i64 = row.try_get("id")?;
        let bodies = self.bodies_of(id).await?;
        Ok(User {
            id,
            email: row.try_get("email")?,
            password_hash: row.try_get("password_hash")?,
            role: role(row)?,
            bodies,
            created_at: row.try_get("created_at")?,
        })
    }

    /// Writes `entry` inside `tx`.
    pub(super) async fn insert_audit(
        &self,
        tx: &mut Tx,
        entry: &AuditEntry,
        at: i64,
    ) -> Result<(), StoreError> {
        for (what, text) in [
            ("vem", Some(entry.actor.as_str())),
            ("händelse", Some(entry.action.as_str())),
            ("organ", entry.body.as_deref()),
            ("detalj", entry.detail.as_deref()),
        ] {
            rows::check_text(what, text)?;
        }
        sqlx::query(
            "INSERT INTO audit_log (at, actor, action, body, date, revision, detail) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(at)
        .bind(&entry.actor)
        .bind(&entry.action)
        .bind(entry.body.as_deref())
        .bind(entry.date.as_deref())
        .bind(entry.revision)
        .bind(entry.detail.as_deref())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Commits `step` with its audit row (none for a no-op).
    async fn finish_audited(
        &self,
        mut tx: Tx,
        step: Step,
        mut audit: AuditEntry,
    ) -> Result<Saved, StoreError> {
        if let Step::Appended(saved, _) = &step {
            audit.revision = Some(saved.revision);
            self.insert_audit(&mut tx, &audit, now()).await?;
        }
        self.finish(tx, step).await
    }
}

#[async_trait::async_trait]
impl EditorStore for SqlStore {
    async fn add_user(&self, user: NewUser) -> Result<User, StoreError> {
        let email = user.email.trim().to_lowercase();
        if email.is_empty() || !email.contains('@') {
            return Err(StoreError::Invalid(format!("{email:?} är ingen e-postadress")));
        }
        rows::check_text("e-post", Some(&email))?;
        for body in &user.bodies {
            rows::check_text("organ", Some(body))?;
        }
        let mut tx = self.begin().await?;
        let taken = sqlx::query("SELECT id FROM users WHERE email = $1")
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_some() {
            return Err(StoreError::Invalid(format!(
                "det finns redan ett konto för {email}"
            )));
        }
        let id: i64 = sqlx::query(
            "INSERT INTO users (email, password_hash, role, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(&email)
        .bind(&user.password_hash)
        .bind(user.role.as_str())
        .bind(now())
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        self.insert_bodies(&mut tx, id, &user.bodies).await?;
        tx.commit().await?;
        self.user_by_email(&email)
            .await?
            .ok_or_else(|| StoreError::Database("kontot försvann".into()))
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<User>, StoreError> {
        let sql = format!("{SELECT_USER} WHERE email = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(email.trim().to_lowercase())
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(row) => Ok(Some(self.user_from(&row).await?)),
            None => Ok(None),
        }
    }

    async fn users(&self) -> Result<Vec<User>, StoreError> {
        let sql = format!("{SELECT_USER} ORDER BY email");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?;
        let mut users = Vec::with_capacity(rows.len());
        for row in &rows {
            users.push(self.user_from(row).await?);
        }
        Ok(users)
    }

    async fn set_bodies(&self, email: &str, bodies: &[String]) -> Result<User, StoreError> {
        self.set_bodies_of(email, bodies).await
    }

    async fn remove_user(&self, email: &str) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let Some(row) = sqlx::query("SELECT id FROM users WHERE email = $1")
            .bind(email.trim().to_lowercase())
            .fetch_optional(&mut *tx)
            .await?
        else {
            return Err(StoreError::NotFound);
        };
        let id: i64 = row.try_get("id")?;
        for sql in [
            "DELETE FROM sessions WHERE user_id = $1",
            "DELETE FROM user_bodies WHERE user_id = $1",
            "DELETE FROM users WHERE id = $1",
        ] {
            sqlx::query(sql).bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn create_session(
        &self,
        id_hash: &str,
        user_id: i64,
        csrf_token: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen) \
             VALUES ($1, $2, $3, $4, $4)",
        )
        .bind(id_hash)
        .bind(user_id)
        .bind(csrf_token)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn session(
        &self,
        id_hash: &str,
        now: i64,
        created_after: i64,
        seen_after: i64,
    ) -> Result<Option<Session>, StoreError> {
        let Some(row) = sqlx::query(
            "SELECT s.csrf_token, s.created_at, s.last_seen, u.id, u.email, u.password_hash, u.role, \
             u.created_at AS user_created_at \
             FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1",
        )
        .bind(id_hash)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let created_at: i64 = row.try_get("created_at")?;
        let last_seen: i64 = row.try_get("last_seen")?;
        if created_at <= created_after || last_seen <= seen_after {
            self.delete_session(id_hash).await?;
            return Ok(None);
        }
        sqlx::query("UPDATE sessions SET last_seen = $1 WHERE id_hash = $2")
            .bind(now)
            .bind(id_hash)
            .execute(&self.pool)
            .await?;
        let id: i64 = row.try_get("id")?;
        let bodies = self.bodies_of(id).await?;
        Ok(Some(Session {
            user: User {
                id,
                email: row.try_get("email")?,
                password_hash: row.try_get("password_hash")?,
                role: role(&row)?,
                bodies,
                created_at: row.try_get("user_created_at")?,
            },
            csrf_token: row.try_get("csrf_token")?,
            created_at,
            last_seen: now,
        }))
    }

    async fn delete_session(&self, id_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn record_failed_login(&self, key: &str, now: i64, forget_before: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM login_attempts WHERE at < $1")
            .bind(forget_before)
            .execute(&self.pool)
            .await?;
        sqlx::query("INSERT INTO login_attempts (key, at) VALUES ($1, $2)")
            .bind(key)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn failed_logins(&self, key: &str, since: i64) -> Result<i64, StoreError> {
        Ok(
            sqlx::query("SELECT COUNT(*) AS n FROM login_attempts WHERE key = $1 AND at >= $2")
                .bind(key)
                .bind(since)
                .fetch_one(&self.pool)
                .await?
                .try_get("n")?,
        )
    }

    async fn clear_failed_logins(&self, key: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM login_attempts WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn save_audited(&self, new: NewRevision, audit: AuditEntry) -> Result<Saved, StoreError> {
        let json = rows::check_new(&new)?;
        let mut tx = self.begin().await?;
        let step = self.save_in(&mut tx, &new, &json).await?;
        self.finish_audited(tx, step, audit).await
    }

    async fn save_audited_and_notify(
        &self,
        new: NewRevision,
        mut audit: AuditEntry,
        list: &str,
    ) -> Result<Notified, StoreError> {
        rows::check_text("lista", Some(list))?;
        let json = rows::check_new(&new)?;
        let mut tx = self.begin().await?;
        let (saved, counter) = match self.save_in(&mut tx, &new, &json).await? {
            Step::Unchanged(saved) => (saved, None),
            Step::Appended(saved, counter) => (saved, Some(counter)),
        };
        let at = now();
        let (campaign, created) = if new.state == State::Published {
            let (campaign, created) = self
                .campaign_in(&mut tx, list, saved.meeting_id, saved.revision, at)
                .await?;
            if created && let Some(embargo) = new.publish_at.filter(|e| *e > at) {
                // No mail may tell of a summary before it is public.
                sqlx::query("UPDATE outbox SET next_attempt_at = $1 WHERE campaign_id = $2")
                    .bind(embargo)
                    .bind(campaign.id)
                    .execute(&mut *tx)
                    .await?;
            }
            (Some(campaign), created)
        } else {
            (None, false)
        };
        let notified = Notified {
            saved,
            campaign,
            created,
        };
        if counter.is_none() && !created {
            tx.rollback().await?;
            return Ok(notified);
        }
        audit.revision = Some(notified.saved.revision);
        self.insert_audit(&mut tx, &audit, at).await?;
        tx.commit().await?;
        if let Some(counter) = counter {
            self.committed(counter);
        }
        Ok(notified)
    }

    async fn set_state_audited(
        &self,
        meeting_id: i64,
        state: State,
        expected_revision: Option<i64>,
        note: Option<&str>,
        audit: AuditEntry,
    ) -> Result<Saved, StoreError> {
        let mut tx = self.begin().await?;
        let step = self
            .set_state_in(
                &mut tx,
                meeting_id,
                state,
                expected_revision,
                Some(&audit.actor),
                note,
            )
            .await?;
        self.finish_audited(tx, step, audit).await
    }

    async fn save_with_minutes_file(
        &self,
        new: NewRevision,
        audit: AuditEntry,
        file: MinutesFile,
    ) -> Result<Saved, StoreError> {
        self.save_minutes_file(new, audit, file).await
    }

    async fn minutes_file(&self, meeting_id: i64) -> Result<Option<MinutesFile>, StoreError> {
        self.minutes_file_of(meeting_id).await
    }

    async fn put_draft(
        &self,
        meeting_id: i64,
        user_id: i64,
        source: &str,
        revision: i64,
        now: i64,
    ) -> Result<(), StoreError> {
        self.put_draft_of(meeting_id, user_id, source, revision, now)
            .await
    }

    async fn draft(&self, meeting_id: i64, user_id: i64) -> Result<Option<Draft>, StoreError> {
        self.draft_of(meeting_id, user_id).await
    }

    async fn delete_draft(&self, meeting_id: i64, user_id: i64) -> Result<(), StoreError> {
        self.delete_draft_of(meeting_id, user_id).await
    }

    async fn audit(&self, entry: AuditEntry, now: i64) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        self.insert_audit(&mut tx, &entry, now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn audit_log(&self, limit: i64) -> Result<Vec<AuditRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, at, actor, action, body, date, revision, detail FROM audit_log \
             ORDER BY at DESC, id DESC LIMIT $1",
        )
        .bind(limit.max(0))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(AuditRecord {
                    id: row.try_get("id")?,
                    at: row.try_get("at")?,
                    entry: AuditEntry {
                        actor: row.try_get("actor")?,
                        action: row.try_get("action")?,
                        body: row.try_get("body")?,
                        date: row.try_get("date")?,
                        revision: row.try_get("revision")?,
                        detail: row.try_get("detail")?,
                    },
                })
            })
            .collect()
    }
}
