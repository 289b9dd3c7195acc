//! Preview, publish and unpublish. The preview is the published page itself — the same seam function
//! (`samman_site::page::meeting_page`) and the same downloads the public routes serve — made from the
//! stored current revision in whatever state it is. Publishing goes through one function, [`publish`],
//! so the newsletter's "send to subscribers" can be wired into it later.

use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use samman_site::Rendition;
use samman_store::{AuditEntry, NewRevision, Saved, State as Stage, StoreError, StoredMeeting};
use serde::Deserialize;

use super::auth::Signed;
use super::edit::{TokenOnly, edit_page, open, open_for_post};
use super::page::{self, Frame};
use super::paths;
use crate::App;

/// The preview page: exactly the bytes the public page will have.
pub async fn preview(
    State(app): State<App>,
    Path((id, date)): Path<(String, String)>,
    signed: Signed,
) -> Response {
    preview_of(&app, &signed, &id, &date, Rendition::Html).await
}

/// A download beside the preview (`sammanstallning.pptx`, `sammanstallning.pdf`, `kalender.ics`).
pub async fn preview_file(
    State(app): State<App>,
    Path((id, date, file)): Path<(String, String, String)>,
    signed: Signed,
) -> Response {
    if file == samman_render::links::MINUTES {
        return preview_minutes(&app, &signed, &id, &date).await;
    }
    let Some(rendition) = Rendition::download(&file) else {
        return page::not_found(Frame::of(&signed));
    };
    preview_of(&app, &signed, &id, &date, rendition).await
}

/// The uploaded minutes the preview links to, whatever the meeting's state.
async fn preview_minutes(app: &App, signed: &Signed, id: &str, date: &str) -> Response {
    let stored = match open(app, signed, id, date).await {
        Ok((_, stored)) => stored,
        Err(answer) => return *answer,
    };
    match crate::routes::meeting::minutes(app, &stored).await {
        Ok(Some(file)) => {
            let mut response = crate::respond::send(&Method::GET, &HeaderMap::new(), &file);
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Ok(None) => page::not_found(Frame::of(signed)),
        Err(crate::routes::Failure::Store(e)) => page::store_failed(&e),
        Err(e) => {
            tracing::error!(error = %e, "protokollet kunde inte visas");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Protokollet kunde inte visas.\n",
            )
                .into_response()
        }
    }
}

async fn preview_of(app: &App, signed: &Signed, id: &str, date: &str, rendition: Rendition) -> Response {
    let stored = match open(app, signed, id, date).await {
        Ok((_, stored)) => stored,
        Err(answer) => return *answer,
    };
    let log = if rendition == Rendition::Html {
        match crate::routes::meeting::change_log(app, &stored).await {
            Ok(log) => log,
            Err(e) => return page::store_failed(&e),
        }
    } else {
        samman_site::page::ChangeLog::default()
    };
    let site = app.site.clone();
    let made =
        tokio::task::spawn_blocking(move || crate::routes::meeting::make(&site, &stored, rendition, &log))
            .await;
    match made {
        Ok(Ok(cached)) => {
            let mut response = crate::respond::send(&Method::GET, &HeaderMap::new(), &cached);
            let h = response.headers_mut();
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            h.insert("x-robots-tag", HeaderValue::from_static("noindex"));
            response
        }
        Ok(Err(e)) => {
            tracing::error!(error = %e, "förhandsvisningen kunde inte skapas");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Förhandsvisningen kunde inte skapas. Felet är loggat.\n",
            )
                .into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "förhandsvisningen kunde inte skapas");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Förhandsvisningen kunde inte skapas.\n",
            )
                .into_response()
        }
    }
}

/// Publishes the stored current revision of a meeting, public from `publish_at` (unix seconds; `None`:
/// at once), as long as the meeting is still at `expected_revision`. One revision and its audit row, in
/// one transaction; with `notify`, the newsletter's campaign and outbox rows for the body's list too
/// (mailed when the embargo passes; a revision already sent is not sent again). Every way of
/// publishing goes through here.
pub async fn publish(
    app: &App,
    actor: &str,
    stored: &StoredMeeting,
    publish_at: Option<i64>,
    expected_revision: i64,
    notify: bool,
) -> Result<Published, StoreError> {
    let new = NewRevision {
        body: stored.body.clone(),
        date: stored.date,
        source: stored.source.clone(),
        meeting: stored.meeting.clone(),
        author: Some(actor.to_string()),
        note: None,
        state: Stage::Published,
        publish_at,
        expected_revision: Some(expected_revision),
    };
    let mut detail: Vec<String> = publish_at
        .map(|at| format!("publiceras {}", page::when(at)))
        .into_iter()
        .collect();
    if notify {
        detail.push("skickas till prenumeranterna".into());
    }
    let audit = AuditEntry::new(actor, "publish")
        .about(&stored.body, stored.date)
        .detail((!detail.is_empty()).then(|| detail.join(", ")));
    if notify {
        let notified = app
            .store
            .editor()
            .save_audited_and_notify(new, audit, &stored.body)
            .await?;
        Ok(Published {
            saved: notified.saved,
            sent_to: notified
                .campaign
                .filter(|_| notified.created)
                .map(|c| c.recipients),
        })
    } else {
        let saved = app.store.editor().save_audited(new, audit).await?;
        Ok(Published { saved, sent_to: None })
    }
}

/// What [`publish`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub saved: Saved,
    /// A new newsletter campaign was made, to this many confirmed subscribers.
    pub sent_to: Option<i64>,
}

/// Whether a meeting of `body` can be sent to subscribers from here: the body has a newsletter list
/// and this site runs the newsletter.
pub fn can_notify(app: &App, body: &samman_domain::Body) -> bool {
    body.newsletter.is_some() && app.newsletter.is_some()
}

#[derive(Debug, Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    csrf: String,
    revision: i64,
    /// `YYYY-MM-DDTHH:MM` in Europe/Stockholm (an `<input type="datetime-local">`); empty: now.
    #[serde(default)]
    publish_at: String,
    /// The "Skicka till prenumeranterna" box (present only when ticked).
    #[serde(default)]
    notify: Option<String>,
}

/// The "Publicera" button: now, or at the time given.
pub async fn publish_form(
    State(app): State<App>,
    Path((id, date)): Path<(String, String)>,
    signed: Signed,
    Form(form): Form<PublishForm>,
) -> Response {
    let (body, stored) = match open_for_post(&app, &signed, &id, &date, &form.csrf).await {
        Ok(found) => found,
        Err(answer) => return *answer,
    };
    let publish_at = match embargo(&form.publish_at) {
        Ok(at) => at,
        Err(message) => {
            return refused(
                &app,
                &signed,
                &body,
                &stored,
                message,
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let notify = form.notify.is_some();
    if notify && !can_notify(&app, &body) {
        return refused(
            &app,
            &signed,
            &body,
            &stored,
            "Inget ändrades: Skicka till prenumeranterna går inte, organet har inget nyhetsbrev här.".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    match publish(&app, signed.email(), &stored, publish_at, form.revision, notify).await {
        Ok(_) => page::see_other(&paths::meeting(&body.id, stored.date)),
        Err(e) => stage_failed(&app, &signed, &body, &stored, &e),
    }
}

/// The "Avpublicera" button.
pub async fn unpublish(
    State(app): State<App>,
    Path((id, date)): Path<(String, String)>,
    signed: Signed,
    Form(form): Form<RevisionForm>,
) -> Response {
    let (body, stored) = match open_for_post(&app, &signed, &id, &date, &form.token.csrf).await {
        Ok(found) => found,
        Err(answer) => return *answer,
    };
    let audit = AuditEntry::new(signed.email(), "unpublish").about(&body.id, stored.date);
    let done = app
        .store
        .editor()
        .set_state_audited(stored.id, Stage::Unpublished, Some(form.revision), None, audit)
        .await;
    match done {
        Ok(_) => page::see_other(&paths::meeting(&body.id, stored.date)),
        Err(e) => stage_failed(&app, &signed, &body, &stored, &e),
    }
}

#[derive(Debug, Deserialize)]
pub struct RevisionForm {
    #[serde(flatten)]
    token: TokenOnly,
    revision: i64,
}

/// The embargo a `datetime-local` value names (Europe/Stockholm), `None` when empty.
fn embargo(text: &str) -> Result<Option<i64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let civil: jiff::civil::DateTime = text
        .parse()
        .map_err(|_| format!("Publicera vid: {text:?} är ingen tidpunkt (ÅÅÅÅ-MM-DD TT:MM)."))?;
    let zoned = civil
        .to_zoned(samman_domain::swedish::stockholm())
        .map_err(|_| format!("Publicera vid: {text:?} finns inte i svensk tid."))?;
    Ok(Some(zoned.timestamp().as_second()))
}

fn stage_failed(
    app: &App,
    signed: &Signed,
    body: &samman_domain::Body,
    stored: &StoredMeeting,
    e: &StoreError,
) -> Response {
    match e {
        StoreError::Conflict { current } => {
            let message = format!(
                "Inget ändrades: någon annan har sparat mötet (nu version {current}) sedan du öppnade det. \
                 Titta på den sparade versionen och försök igen."
            );
            refused(app, signed, body, stored, message, StatusCode::CONFLICT)
        }
        StoreError::Invalid(message) => refused(
            app,
            signed,
            body,
            stored,
            format!("Inget ändrades: {message}"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        e => page::store_failed(e),
    }
}

/// The meeting's page with `message` above it, answered with `status` (nothing was saved).
pub(super) fn refused(
    app: &App,
    signed: &Signed,
    body: &samman_domain::Body,
    stored: &StoredMeeting,
    message: String,
    status: StatusCode,
) -> Response {
    let mut page = edit_page(app, signed, body, stored, stored.source.clone());
    page.error = Some(message);
    page::html(status, &page)
}
