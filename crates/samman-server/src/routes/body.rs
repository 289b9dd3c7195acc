//! `/{body}/` (the body's published meetings by year) and `/{body}/flode.atom` (its latest summaries).
//! A body the configuration does not know exists only while it has published meetings.

use std::sync::Arc;

use samman_domain::{Body, Meeting};
use samman_site::Rendition;
use samman_site::page::body_page;
use samman_site::renditions;
use samman_store::MeetingSummary;

use super::home::newest;
use super::{Answer, Failure, html_answer, listed, unix_now};
use crate::App;
use crate::cache::Cached;

/// How many summaries the feed carries.
pub const FEED_ENTRIES: i64 = 20;
/// The largest page the store hands out at once.
const PAGE: i64 = 10_000;

pub async fn page(app: &App, id: &str) -> Answer {
    let summaries = all_public(app, id).await?;
    if summaries.is_empty() && app.site.bodies.get(id).is_none() {
        return Ok(None);
    }
    let listed: Vec<_> = summaries.iter().map(|s| listed(app, s)).collect();
    let html = body_page(&app.site, &app.site.body(id), &listed);
    Ok(Some(html_answer(html, newest(&summaries))))
}

/// Every published meeting of the body, page by page.
async fn all_public(app: &App, id: &str) -> Result<Vec<MeetingSummary>, Failure> {
    let now = unix_now();
    let mut all = Vec::new();
    loop {
        let page = app
            .store
            .public_meetings(Some(id), now, PAGE, all.len() as i64)
            .await?;
        let last = (page.len() as i64) < PAGE;
        all.extend(page);
        if last {
            return Ok(all);
        }
    }
}

pub async fn feed(app: &App, id: &str) -> Answer {
    let now = unix_now();
    let summaries = app.store.public_meetings(Some(id), now, FEED_ENTRIES, 0).await?;
    if summaries.is_empty() && app.site.bodies.get(id).is_none() {
        return Ok(None);
    }
    let body = app.site.body(id);
    let mut meetings: Vec<(Meeting, Body)> = Vec::with_capacity(summaries.len());
    for s in &summaries {
        if let Some(stored) = app.store.public_meeting(&s.body, s.date, now).await? {
            meetings.push((stored.meeting, body.clone()));
        }
    }
    let atom = if meetings.is_empty() {
        samman_render::atom::render(&[], &body, &app.site.options).into_bytes()
    } else {
        renditions::render(Rendition::Atom, &meetings, &app.site.options)
            .map_err(|e| Failure::Render(e.to_string()))?
    };
    Ok(Some(Arc::new(Cached::new(
        atom,
        Rendition::Atom.media_type(),
        newest(&summaries),
    ))))
}
