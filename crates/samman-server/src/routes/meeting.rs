//! `/{body}/{date}/` (the summary page: the HTML rendition inside the site's navigation) and the
//! downloads beside it (`sammanstallning.pptx`, `sammanstallning.pdf`, `kalender.ics`). Each is rendered
//! once per revision of the meeting; the deck and the PDF are rendered off the async threads. The minutes
//! uploaded in the editor are served beside them (`protokoll.pdf`) while the public record links them.

use std::sync::Arc;

use samman_domain::Date;
use samman_site::page::{ChangeLog, csp, meeting_page_with_log};
use samman_site::{Rendition, renditions};
use samman_store::{State, StoreError, StoredMeeting};

use super::{Answer, Failure, unix_now};
use crate::App;
use crate::cache::Cached;

pub async fn page(app: &App, body: &str, date: Date) -> Answer {
    let Some(stored) = app.store.public_meeting(body, date, unix_now()).await? else {
        return Ok(None);
    };
    rendered(app, stored, Rendition::Html).await.map(Some)
}

pub async fn download(app: &App, body: &str, date: Date, name: &str) -> Answer {
    if name == samman_render::links::MINUTES {
        let Some(stored) = app.store.public_meeting(body, date, unix_now()).await? else {
            return Ok(None);
        };
        return minutes(app, &stored).await;
    }
    let Some(rendition) = Rendition::download(name) else {
        return Ok(None);
    };
    let Some(stored) = app.store.public_meeting(body, date, unix_now()).await? else {
        return Ok(None);
    };
    rendered(app, stored, rendition).await.map(Some)
}

/// The minutes uploaded for `stored`, if its record links them (also the editor's preview).
pub(crate) async fn minutes(app: &App, stored: &StoredMeeting) -> Answer {
    let linked = matches!(&stored.meeting.minutes,
        samman_domain::Minutes::Published { href, .. } if href == samman_render::links::MINUTES);
    if !linked {
        return Ok(None);
    }
    let file = app.store.editor().minutes_file(stored.id).await?;
    Ok(file.map(|file| Arc::new(Cached::new(file.pdf, "application/pdf", Some(file.uploaded_at)))))
}

/// The rendition of this revision, from the cache or rendered now.
async fn rendered(app: &App, stored: StoredMeeting, rendition: Rendition) -> Result<Arc<Cached>, Failure> {
    let key = (stored.id, stored.revision, rendition);
    if let Some(hit) = app.cache.rendition(&key) {
        return Ok(hit);
    }
    let log = if rendition == Rendition::Html {
        change_log(app, &stored).await?
    } else {
        ChangeLog::default()
    };
    let site = app.site.clone();
    let made = tokio::task::spawn_blocking(move || make(&site, &stored, rendition, &log))
        .await
        .map_err(|e| Failure::Render(e.to_string()))??;
    let made = Arc::new(made);
    app.cache.put_rendition(key, made.clone());
    Ok(made)
}

/// The public change log of `stored` (as published now): when it was updated after it was first
/// published, and its published revisions' change notes, newest first.
pub(crate) async fn change_log(app: &App, stored: &StoredMeeting) -> Result<ChangeLog, StoreError> {
    let Some(first) = stored.published_at else {
        return Ok(ChangeLog::default());
    };
    let civil = |at: i64| {
        jiff::Timestamp::from_second(at)
            .ok()
            .map(|t| t.to_zoned(samman_domain::swedish::stockholm()).datetime())
    };
    let revisions = app.store.revisions(stored.id).await?;
    let notes = revisions
        .iter()
        .filter(|r| r.state == State::Published)
        .filter_map(|r| {
            let note = r.note.as_deref().map(str::trim).filter(|n| !n.is_empty())?;
            Some((civil(r.at.max(r.publish_at.unwrap_or(0)))?, note.to_string()))
        })
        .collect();
    let updated = (stored.state == State::Published && stored.updated_at > first)
        .then(|| civil(stored.updated_at))
        .flatten();
    Ok(ChangeLog { updated, notes })
}

/// Renders `rendition` of a stored meeting (also the editor's preview: the same bytes); `log` is the
/// page's change log.
pub(crate) fn make(
    site: &samman_site::Site,
    stored: &StoredMeeting,
    rendition: Rendition,
    log: &ChangeLog,
) -> Result<Cached, Failure> {
    let body = site.body(&stored.body);
    if rendition == Rendition::Html {
        let html = meeting_page_with_log(site, &stored.meeting, &body, log);
        let policy = csp(&html);
        return Ok(Cached::new(html, rendition.media_type(), Some(stored.updated_at)).with_csp(&policy));
    }
    let one = [(stored.meeting.clone(), body)];
    let bytes =
        renditions::render(rendition, &one, &site.options).map_err(|e| Failure::Render(e.to_string()))?;
    let cached = Cached::new(bytes, rendition.media_type(), Some(stored.updated_at));
    Ok(if rendition.is_binary() {
        let name = format!("{}-{}-{}", stored.body, stored.date, rendition.file_name());
        cached.with_download_name(&name)
    } else {
        cached
    })
}
