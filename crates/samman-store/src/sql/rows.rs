//! Between Rust values and table rows: checking what a writer hands in, and mapping rows back into the
//! model. Shared by both backends because both store the same column types (text and 64-bit integers).

use std::time::{SystemTime, UNIX_EPOCH};

use samman_domain::{Date, Meeting};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::model::{MeetingSummary, NewRevision, Revision, State, StoreError, StoredMeeting};

/// What a write needs to know of the meeting it has locked.
#[derive(Debug)]
pub(super) struct Current {
    pub id: i64,
    pub title: Option<String>,
    pub state: State,
    /// 0 for a row created in this transaction that has no revision yet.
    pub revision: i64,
    pub publish_at: Option<i64>,
    pub published_at: Option<i64>,
}

impl Current {
    pub fn from_row(row: &AnyRow) -> Result<Current, StoreError> {
        Ok(Current {
            id: row.try_get("id")?,
            title: row.try_get("title")?,
            state: state(row)?,
            revision: row.try_get("revision")?,
            publish_at: row.try_get("publish_at")?,
            published_at: row.try_get("published_at")?,
        })
    }
}

/// The content of a revision about to be appended.
#[derive(Debug)]
pub(super) struct NewData<'a> {
    pub source: &'a str,
    pub meeting_json: &'a str,
    pub title: Option<&'a str>,
    pub state: State,
    pub publish_at: Option<i64>,
    pub author: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// The current time in unix seconds.
pub(super) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// A date as stored: 'YYYY-MM-DD', which sorts as the date does (years 1–9999, checked on write).
pub(super) fn date_text(date: Date) -> String {
    date.to_string()
}

/// When a meeting first became (or, under embargo, becomes) public, after a revision in `state`.
/// A first publication that never took effect (its embargo had not passed) is forgotten.
pub(super) fn published_at(
    before: Option<i64>,
    state: State,
    publish_at: Option<i64>,
    now: i64,
) -> Option<i64> {
    let happened = before.filter(|&at| at <= now);
    match state {
        State::Published => Some(happened.unwrap_or_else(|| publish_at.map_or(now, |at| at.max(now)))),
        State::Draft | State::Unpublished => happened,
    }
}

/// Checks a new revision and returns its record as JSON. PostgreSQL text cannot hold NUL, so NUL is
/// refused on both backends alike; the record must be the meeting the revision is filed under.
pub(super) fn check_new(new: &NewRevision) -> Result<String, StoreError> {
    if new.body.trim().is_empty() {
        return Err(StoreError::Invalid("organet saknas".into()));
    }
    if new.meeting.body != new.body || new.meeting.date != new.date {
        return Err(StoreError::Invalid(format!(
            "mötet gäller {} {} men sparas som {} {}",
            new.meeting.body, new.meeting.date, new.body, new.date
        )));
    }
    if !(1..=9999).contains(&new.date.year()) {
        return Err(StoreError::Invalid(format!(
            "året {} går inte att lagra",
            new.date.year()
        )));
    }
    check_text("organ", Some(&new.body))?;
    check_text("källtext", Some(&new.source))?;
    check_text("titel", new.meeting.title.as_deref())?;
    check_text("författare", new.author.as_deref())?;
    check_text("ändringsnotering", new.note.as_deref())?;
    serde_json::to_string(&new.meeting)
        .map_err(|e| StoreError::Invalid(format!("mötet går inte att lagra som JSON: {e}")))
}

/// Refuses text that a backend cannot store (NUL).
pub(super) fn check_text(what: &str, text: Option<&str>) -> Result<(), StoreError> {
    match text {
        Some(text) if text.contains('\0') => Err(StoreError::Invalid(format!(
            "{what} innehåller ett NUL-tecken, som inte kan lagras"
        ))),
        _ => Ok(()),
    }
}

fn state(row: &AnyRow) -> Result<State, StoreError> {
    let text: String = row.try_get("state")?;
    State::from_stored(&text)
        .ok_or_else(|| StoreError::Database(format!("okänt tillstånd {text:?} i databasen")))
}

fn date(row: &AnyRow) -> Result<Date, StoreError> {
    let text: String = row.try_get("date")?;
    text.parse()
        .map_err(|_| StoreError::Database(format!("ogiltigt datum {text:?} i databasen")))
}

/// A row of `select_stored!` as the model's current revision.
pub(super) fn stored(row: &AnyRow) -> Result<StoredMeeting, StoreError> {
    let json: String = row.try_get("meeting_json")?;
    let meeting: Meeting = serde_json::from_str(&json)
        .map_err(|e| StoreError::Database(format!("mötet i databasen går inte att läsa: {e}")))?;
    Ok(StoredMeeting {
        id: row.try_get("id")?,
        body: row.try_get("body")?,
        date: date(row)?,
        source: row.try_get("source")?,
        meeting,
        state: state(row)?,
        revision: row.try_get("revision")?,
        published_at: row.try_get("published_at")?,
        updated_at: row.try_get("updated_at")?,
        publish_at: row.try_get("publish_at")?,
    })
}

/// A row of `select_summary!` as a list line.
pub(super) fn summary(row: &AnyRow) -> Result<MeetingSummary, StoreError> {
    Ok(MeetingSummary {
        id: row.try_get("id")?,
        body: row.try_get("body")?,
        date: date(row)?,
        title: row.try_get("title")?,
        state: state(row)?,
        revision: row.try_get("revision")?,
        published_at: row.try_get("published_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// A row of the revisions table as a history entry.
pub(super) fn revision(row: &AnyRow) -> Result<Revision, StoreError> {
    Ok(Revision {
        revision: row.try_get("revision")?,
        at: row.try_get("at")?,
        author: row.try_get("author")?,
        note: row.try_get("note")?,
        state: state(row)?,
        publish_at: row.try_get("publish_at")?,
        source: row.try_get("source")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_dates_sort_as_dates() {
        let texts: Vec<_> = ["0005-01-01", "0999-12-31", "2021-05-21", "9999-12-31"]
            .iter()
            .map(|t| date_text(t.parse().unwrap()))
            .collect();
        assert_eq!(texts, ["0005-01-01", "0999-12-31", "2021-05-21", "9999-12-31"]);
    }

    #[test]
    fn published_at_keeps_the_first_publication_that_took_effect() {
        // First publication now.
        assert_eq!(published_at(None, State::Published, None, 100), Some(100));
        // Under embargo: public from the embargo.
        assert_eq!(published_at(None, State::Published, Some(500), 100), Some(500));
        // An embargo in the past means now.
        assert_eq!(published_at(None, State::Published, Some(50), 100), Some(100));
        // An update keeps the first publication.
        assert_eq!(published_at(Some(80), State::Published, None, 100), Some(80));
        // Unpublishing keeps when it was public.
        assert_eq!(published_at(Some(80), State::Unpublished, None, 100), Some(80));
        // A publication whose embargo never passed is forgotten when it is withdrawn or moved.
        assert_eq!(published_at(Some(500), State::Draft, None, 100), None);
        assert_eq!(
            published_at(Some(500), State::Published, Some(700), 100),
            Some(700)
        );
        // Drafts that were never public have no publication time.
        assert_eq!(published_at(None, State::Draft, None, 100), None);
    }
}
