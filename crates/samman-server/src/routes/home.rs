//! `/` (the latest summaries of every body and the upcoming events) and `/kalender.ics` (every upcoming
//! event). Events come from the [`RECENT`] newest published meetings: an event is decided at a meeting
//! before it happens, so older meetings hold none still to come.

use std::sync::Arc;

use samman_domain::Meeting;
use samman_site::page::{LATEST_PER_BODY, calendar as site_calendar, start_page, upcoming};
use samman_store::MeetingSummary;

use super::{Answer, Failure, civil_now, html_answer, listed, unix_now};
use crate::App;
use crate::cache::Cached;

/// How many of the newest published meetings are searched for upcoming events.
pub const RECENT: i64 = 200;

pub async fn page(app: &App) -> Answer {
    let now = unix_now();
    let mut summaries = app.store.public_meetings(None, now, RECENT, 0).await?;
    // A body that has not met lately still shows its latest summaries.
    for body in &app.site.bodies.bodies {
        if summaries.iter().filter(|s| s.body == body.id).count() < LATEST_PER_BODY {
            for s in app
                .store
                .public_meetings(Some(body.id.as_str()), now, LATEST_PER_BODY as i64, 0)
                .await?
            {
                if !summaries.iter().any(|t| t.id == s.id) {
                    summaries.push(s);
                }
            }
        }
    }
    let listed: Vec<_> = summaries.iter().map(|s| listed(app, s)).collect();
    let meetings = recent_meetings(app, now).await?;
    let refs: Vec<&Meeting> = meetings.iter().collect();
    let events = upcoming(&refs, civil_now());
    let html = start_page(&app.site, &listed, &events);
    Ok(Some(html_answer(html, newest(&summaries))))
}

pub async fn calendar(app: &App) -> Answer {
    let meetings = recent_meetings(app, unix_now()).await?;
    let refs: Vec<&Meeting> = meetings.iter().collect();
    let ics = site_calendar(&app.site, &refs, civil_now());
    Ok(Some(Arc::new(Cached::new(
        ics,
        "text/calendar; charset=utf-8",
        None,
    ))))
}

/// The records of the [`RECENT`] newest published meetings.
async fn recent_meetings(app: &App, now: i64) -> Result<Vec<Meeting>, Failure> {
    let summaries = app.store.public_meetings(None, now, RECENT, 0).await?;
    let mut meetings = Vec::with_capacity(summaries.len());
    for s in &summaries {
        if let Some(stored) = app.store.public_meeting(&s.body, s.date, now).await? {
            meetings.push(stored.meeting);
        }
    }
    Ok(meetings)
}

/// The newest change among the listed meetings, for Last-Modified.
pub fn newest(summaries: &[MeetingSummary]) -> Option<i64> {
    summaries.iter().map(|s| s.updated_at).max()
}
