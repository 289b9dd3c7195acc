//! `/redaktor/{body}/{date}/`: the "källtext" view — the whole meeting in the source format, with
//! `check`'s findings listed by line — and saving it. A save passes the revision the editor opened
//! (`expected_revision`): when someone else saved in between, nothing is written and the page comes
//! back with the typed text kept, the stored text beside it, and a clear message.

use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use samman_domain::{Body, Date};
use samman_source::Format;
use samman_store::{AuditEntry, NewRevision, State as Stage, StoreError, StoredMeeting};
use serde::Deserialize;

use super::auth::{NotSigned, Signed};
use super::meetings::{allowed, state_text};
use super::page::{self, Frame};
use super::paths;
use super::signin::Pending;
use crate::App;

/// A form that carries nothing but the session's token.
#[derive(Debug, Deserialize)]
pub struct TokenOnly {
    #[serde(default)]
    pub csrf: String,
}

/// A finding of `check`, as listed beside the text.
#[derive(Debug)]
pub struct Finding {
    pub line: usize,
    pub column: usize,
    pub severity: &'static str,
    pub message: String,
}

#[derive(Debug, Template)]
#[template(path = "editor/edit.html")]
pub struct EditPage {
    pub signed_in: Option<String>,
    pub csrf: String,
    pub body: String,
    pub body_name: String,
    pub date: Date,
    pub title: String,
    pub state: String,
    pub is_published: bool,
    /// Whether the publish form offers "Skicka till prenumeranterna".
    pub can_notify: bool,
    pub revision: i64,
    pub source: String,
    pub note: String,
    pub publish_at: String,
    pub problems: Vec<Finding>,
    /// The stored items' titles, for the per-item forms.
    pub items: Vec<String>,
    /// The minutes are the uploaded PDF (not a link elsewhere).
    pub minutes_uploaded: bool,
    /// The link to the minutes elsewhere ("" when pending or uploaded).
    pub minutes_href: String,
    pub minutes_date: String,
    pub notice: Option<String>,
    /// The text shown is the account's autosaved draft (the page offers to discard it).
    pub has_draft: bool,
    /// What the importer noted when the meeting was made from a file (where, and what).
    pub imported: Vec<String>,
    pub error: Option<String>,
    /// After a conflict: the text now stored, to compare with.
    pub stored_source: Option<String>,
}

/// What a page about one meeting starts from: the body, checked, and the stored meeting.
pub async fn open(
    app: &App,
    signed: &Signed,
    id: &str,
    date: &str,
) -> Result<(Body, StoredMeeting), Box<Response>> {
    let body = allowed(app, signed, id)?;
    let Ok(date) = date.parse::<Date>() else {
        return Err(Box::new(page::not_found(Frame::of(signed))));
    };
    match app.store.meeting(&body.id, date).await {
        Ok(Some(stored)) => Ok((body, stored)),
        Ok(None) => Err(Box::new(page::not_found(Frame::of(signed)))),
        Err(e) => Err(Box::new(page::store_failed(&e))),
    }
}

/// [`open`] for a form post: also checks the form's CSRF token against the session's.
pub async fn open_for_post(
    app: &App,
    signed: &Signed,
    id: &str,
    date: &str,
    token: &str,
) -> Result<(Body, StoredMeeting), Box<Response>> {
    let found = open(app, signed, id, date).await?;
    if !signed.csrf_ok(token) {
        return Err(Box::new(page::bad_token(Frame::of(signed))));
    }
    Ok(found)
}

/// The "källtext" view of the stored meeting.
pub async fn form(
    State(app): State<App>,
    Path((id, date)): Path<(String, String)>,
    signed: Signed,
) -> Response {
    let (body, stored) = match open(&app, &signed, &id, &date).await {
        Ok(found) => found,
        Err(answer) => return *answer,
    };
    let draft = match super::drafts::of(&app, &signed, &stored).await {
        Ok(draft) => draft,
        Err(answer) => return answer,
    };
    let page = match draft {
        Some(draft) => {
            let mut page = edit_page(&app, &signed, &body, &stored, draft.source);
            page.revision = draft.revision;
            page.has_draft = true;
            page.notice = Some(format!(
                "Här är texten du skrev {} – den sparades automatiskt som utkast men är inte sparad i mötet än. \
                 Tryck Spara för att behålla den, eller Släng utkastet för att se den sparade versionen.",
                page::when(draft.saved_at)
            ));
            page
        }
        None => edit_page(&app, &signed, &body, &stored, stored.source.clone()),
    };
    page::html(StatusCode::OK, &page)
}

/// Whether the record's minutes are the file uploaded in the editor.
fn minutes_uploaded(meeting: &samman_domain::Meeting) -> bool {
    matches!(&meeting.minutes,
        samman_domain::Minutes::Published { href, .. } if href == samman_render::links::MINUTES)
}

/// The page for `stored`, showing `source` (the stored text, or what the editor typed).
pub fn edit_page(
    app: &App,
    signed: &Signed,
    body: &Body,
    stored: &StoredMeeting,
    source: String,
) -> EditPage {
    let frame = Frame::of(signed);
    let title = stored
        .meeting
        .title
        .clone()
        .unwrap_or_else(|| samman_domain::Meeting::derived_title(body, stored.date));
    EditPage {
        signed_in: frame.signed_in,
        csrf: frame.csrf,
        body: body.id.clone(),
        body_name: body.name.clone(),
        date: stored.date,
        title,
        state: with_minutes(
            state_text(
                stored.state,
                stored.publish_at,
                stored.published_at,
                stored.updated_at,
            ),
            &stored.meeting,
        ),
        is_published: stored.state == Stage::Published,
        can_notify: super::publish::can_notify(app, body),
        revision: stored.revision,
        problems: findings(app, &source),
        items: stored.meeting.items.iter().map(|i| i.title.clone()).collect(),
        minutes_uploaded: minutes_uploaded(&stored.meeting),
        minutes_href: match &stored.meeting.minutes {
            samman_domain::Minutes::Published { href, .. } if !minutes_uploaded(&stored.meeting) => {
                href.clone()
            }
            _ => String::new(),
        },
        minutes_date: match &stored.meeting.minutes {
            samman_domain::Minutes::Published { date: Some(d), .. } => d.to_string(),
            _ => String::new(),
        },
        source,
        note: String::new(),
        publish_at: String::new(),
        notice: None,
        imported: Vec::new(),
        has_draft: false,
        error: None,
        stored_source: None,
    }
}

/// `check`'s findings for `source` (none when it does not parse: the save reports that).
fn findings(app: &App, source: &str) -> Vec<Finding> {
    let Ok(document) = samman_source::import::read(source, Some(Format::Source), &app.site.bodies) else {
        return Vec::new();
    };
    samman_source::check::check(&document, source, &app.site.bodies)
        .into_iter()
        .map(|p| Finding {
            line: p.pos.line,
            column: p.pos.column,
            severity: match p.severity {
                samman_source::check::Severity::Error => "fel",
                samman_source::check::Severity::Warning => "varning",
            },
            message: p.message,
        })
        .collect()
}

#[derive(Debug, Deserialize)]
pub struct SaveForm {
    #[serde(default)]
    csrf: String,
    revision: i64,
    source: String,
    #[serde(default)]
    note: String,
}

/// Saves the source text as a new revision (in the meeting's current state: an update of a published
/// summary is public at once, with its change note).
pub async fn save(
    State(app): State<App>,
    Path((id, date)): Path<(String, String)>,
    signed: Result<Signed, NotSigned>,
    Form(form): Form<SaveForm>,
) -> Response {
    let signed = match signed {
        Ok(signed) => signed,
        // The session ended while the text was being written: sign in again, keeping the text.
        Err(NotSigned::SignIn(back)) => {
            let pending = Pending {
                source: form.source,
                revision: form.revision.to_string(),
                note: form.note,
            };
            return super::signin::expired(&back, pending);
        }
        Err(not) => return not.into_response(),
    };
    let (body, stored) = match open_for_post(&app, &signed, &id, &date, &form.csrf).await {
        Ok(found) => found,
        Err(answer) => return *answer,
    };
    // Browsers send CRLF in textareas; the stored text uses LF.
    let source = form.source.replace("\r\n", "\n");
    let kept = |error: String, status: StatusCode, stored_source: Option<String>, revision: i64| {
        let mut page = edit_page(&app, &signed, &body, &stored, source.clone());
        page.error = Some(error);
        page.note = form.note.clone();
        page.revision = revision;
        page.stored_source = stored_source;
        page::html(status, &page)
    };
    let meeting = match samman_site::meeting_from_text(&source, Some(Format::Source), &app.site.bodies) {
        Ok((_, meeting)) => meeting,
        Err(samman_site::TextError::Parse(e)) => {
            let error = format!(
                "Inget sparades: källtexten har ett fel på rad {}, kolumn {}: {}",
                e.pos.line, e.pos.column, e.message
            );
            return kept(error, StatusCode::UNPROCESSABLE_ENTITY, None, form.revision);
        }
        Err(samman_site::TextError::NoDate) => {
            let error = "Inget sparades: källtexten saknar mötesdatum (date i inledningen).".to_string();
            return kept(error, StatusCode::UNPROCESSABLE_ENTITY, None, form.revision);
        }
    };
    if meeting.body != body.id || meeting.date != stored.date {
        let error = format!(
            "Inget sparades: källtexten gäller {} {}, men det här är {} {}. Ändra inte organ eller datum här.",
            meeting.body, meeting.date, body.id, stored.date
        );
        return kept(error, StatusCode::UNPROCESSABLE_ENTITY, None, form.revision);
    }
    let note = Some(form.note.trim().to_string()).filter(|n| !n.is_empty());
    let new = NewRevision {
        body: body.id.clone(),
        date: stored.date,
        source: source.clone(),
        meeting,
        author: Some(signed.email().to_string()),
        note: note.clone(),
        state: stored.state,
        publish_at: stored.publish_at,
        expected_revision: Some(form.revision),
    };
    let audit = AuditEntry::new(signed.email(), "save")
        .about(&body.id, stored.date)
        .detail(note);
    match app.store.editor().save_audited(new, audit).await {
        Ok(_) => {
            super::drafts::forget(&app, &signed, &stored).await;
            page::see_other(&paths::meeting(&body.id, stored.date))
        }
        Err(StoreError::Conflict { current }) => {
            let error = format!(
                "Inget sparades: någon annan har sparat mötet (nu version {current}) sedan du öppnade det. \
                 Din text finns kvar nedan och den sparade versionen under den. Jämför dem; sparar du igen \
                 ersätter din text den sparade."
            );
            kept(error, StatusCode::CONFLICT, Some(stored.source.clone()), current)
        }
        Err(StoreError::Invalid(message)) => kept(
            format!("Inget sparades: {message}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            form.revision,
        ),
        Err(e) => page::store_failed(&e),
    }
}

/// After signing in again with unsaved text: the meeting's page showing that text (not yet saved; the
/// revision it was typed against kept, so a save in between is still caught as a conflict).
pub async fn resume(app: &App, signed: &Signed, back: &str, pending: Pending) -> Response {
    let parts: Vec<&str> = back.trim_matches('/').split('/').collect();
    let [_, id, date] = parts.as_slice() else {
        return page::see_other("/redaktor/");
    };
    let (body, stored) = match open(app, signed, id, date).await {
        Ok(found) => found,
        Err(answer) => return *answer,
    };
    let mut page = edit_page(app, signed, &body, &stored, pending.source.replace("\r\n", "\n"));
    // Unreadable: 0, which any stored meeting conflicts with — never a silent overwrite.
    page.revision = pending.revision.parse().unwrap_or(0);
    page.note = pending.note;
    page.notice = Some("Du är inloggad igen. Texten du skrev är inte sparad än – tryck Spara.".into());
    page::html(StatusCode::OK, &page)
}

/// The state, with ", protokoll bifogat" once the minutes are linked.
pub fn with_minutes(state: String, meeting: &samman_domain::Meeting) -> String {
    match meeting.minutes {
        samman_domain::Minutes::Published { .. } => format!("{state}, protokoll bifogat"),
        samman_domain::Minutes::Pending => state,
    }
}
