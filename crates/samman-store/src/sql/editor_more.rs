//! The editor's later tables on the shared [`SqlStore`]: the minutes uploaded as a PDF (stored in the
//! transaction of the revision that links them) and autosaved drafts; and changing an account's bodies. The [`crate::EditorStore`] methods
//! in `editor.rs` call these.

use sqlx::Row;

use super::rows::{self, now};
use super::{SqlStore, Step, Tx};
use crate::editor::{AuditEntry, Draft, EditorStore, MinutesFile, User};
use crate::model::{NewRevision, Saved, StoreError};

impl SqlStore {
    pub(super) async fn set_bodies_of(&self, email: &str, bodies: &[String]) -> Result<User, StoreError> {
        let email = email.trim().to_lowercase();
        for body in bodies {
            rows::check_text("organ", Some(body))?;
        }
        let mut tx = self.begin().await?;
        let Some(row) = sqlx::query("SELECT id FROM users WHERE email = $1")
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await?
        else {
            return Err(StoreError::NotFound);
        };
        let id: i64 = row.try_get("id")?;
        sqlx::query("DELETE FROM user_bodies WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        self.insert_bodies(&mut tx, id, bodies).await?;
        tx.commit().await?;
        self.user_by_email(&email).await?.ok_or(StoreError::NotFound)
    }

    /// Gives account `id` the `bodies` (sorted, without repeats) inside `tx`.
    pub(super) async fn insert_bodies(
        &self,
        tx: &mut Tx,
        id: i64,
        bodies: &[String],
    ) -> Result<(), StoreError> {
        let mut bodies = bodies.to_vec();
        bodies.sort();
        bodies.dedup();
        for body in &bodies {
            sqlx::query("INSERT INTO user_bodies (user_id, body) VALUES ($1, $2)")
                .bind(id)
                .bind(body)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    pub(super) async fn save_minutes_file(
        &self,
        new: NewRevision,
        mut audit: AuditEntry,
        file: MinutesFile,
    ) -> Result<Saved, StoreError> {
        rows::check_text("uppladdad av", Some(&file.uploaded_by))?;
        let json = rows::check_new(&new)?;
        let mut tx = self.begin().await?;
        let (saved, counter) = match self.save_in(&mut tx, &new, &json).await? {
            Step::Appended(saved, counter) => (saved, counter),
            // The record already pointed at an upload: the file alone changes, and caches must see it.
            Step::Unchanged(saved) => (saved, self.bump_changes(&mut tx).await?),
        };
        sqlx::query("DELETE FROM minutes_files WHERE meeting_id = $1")
            .bind(saved.meeting_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO minutes_files (meeting_id, pdf, sha256, uploaded_at, uploaded_by) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(saved.meeting_id)
        .bind(&file.pdf)
        .bind(&file.sha256)
        .bind(file.uploaded_at)
        .bind(&file.uploaded_by)
        .execute(&mut *tx)
        .await?;
        audit.revision = Some(saved.revision);
        self.insert_audit(&mut tx, &audit, now()).await?;
        tx.commit().await?;
        self.committed(counter);
        Ok(Saved {
            changed: true,
            ..saved
        })
    }

    pub(super) async fn minutes_file_of(&self, meeting_id: i64) -> Result<Option<MinutesFile>, StoreError> {
        let row = sqlx::query(
            "SELECT pdf, sha256, uploaded_at, uploaded_by FROM minutes_files WHERE meeting_id = $1",
        )
        .bind(meeting_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            Ok(MinutesFile {
                pdf: row.try_get("pdf")?,
                sha256: row.try_get("sha256")?,
                uploaded_at: row.try_get("uploaded_at")?,
                uploaded_by: row.try_get("uploaded_by")?,
            })
        })
        .transpose()
    }

    pub(super) async fn put_draft_of(
        &self,
        meeting_id: i64,
        user_id: i64,
        source: &str,
        revision: i64,
        at: i64,
    ) -> Result<(), StoreError> {
        rows::check_text("utkast", Some(source))?;
        sqlx::query(
            "INSERT INTO drafts (meeting_id, user_id, source, revision, saved_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (meeting_id, user_id) DO UPDATE SET source = excluded.source, \
             revision = excluded.revision, saved_at = excluded.saved_at",
        )
        .bind(meeting_id)
        .bind(user_id)
        .bind(source)
        .bind(revision)
        .bind(at)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub(super) async fn draft_of(&self, meeting_id: i64, user_id: i64) -> Result<Option<Draft>, StoreError> {
        let row = sqlx::query(
            "SELECT source, revision, saved_at FROM drafts WHERE meeting_id = $1 AND user_id = $2",
        )
        .bind(meeting_id)
        .bind(user_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            Ok(Draft {
                source: row.try_get("source")?,
                revision: row.try_get("revision")?,
                saved_at: row.try_get("saved_at")?,
            })
        })
        .transpose()
    }

    pub(super) async fn delete_draft_of(&self, meeting_id: i64, user_id: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM drafts WHERE meeting_id = $1 AND user_id = $2")
            .bind(meeting_id)
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
