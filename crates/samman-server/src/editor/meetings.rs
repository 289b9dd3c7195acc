//! `/redaktor/` (the bodies a user may write) and `/redaktor/{body}/` (its meetings in every state, and
//! the form that creates one — empty, or from a pasted page text, a deck exported as Markdown or source
//! text, through the importers of `samman-source`).

use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use samman_domain::{Body, Date, Meeting};
use samman_source::Format;
use samman_store::{AuditEntry, MeetingSummary, NewRevision, State as Stage, StoreError};
use serde::Deserialize;

use super::auth::Signed;
use super::page::{self, Frame};
use super::paths;
use crate::App;
use crate::routes::{listed, unix_now};

#[derive(Debug, Template)]
#[template(path = "editor/home.html")]
struct Home {
    signed_in: Option<String>,
    csrf: String,
    bodies: Vec<(String, String)>,
    /// The bodies among them with a newsletter list: (id, the list's name).
    lists: Vec<(String, String)>,
    is_admin: bool,
}

/// The bodies the signed-in user may write.
pub async fn home(State(app): State<App>, signed: Signed) -> Response {
    let user = &signed.session.user;
    let mine: Vec<&Body> = app
        .site
        .bodies
        .bodies
        .iter()
        .filter(|b| user.may_edit(&b.id))
        .collect();
    let bodies = mine.iter().map(|b| (b.id.clone(), b.name.clone())).collect();
    let lists = mine
        .iter()
        .filter_map(|b| Some((b.id.clone(), b.newsletter.clone()?)))
        .collect();
    let frame = Frame::of(&signed);
    page::html(
        StatusCode::OK,
        &Home {
            signed_in: frame.signed_in,
            csrf: frame.csrf,
            bodies,
            lists,
            is_admin: user.role == samman_store::Role::Admin,
        },
    )
}

/// The configured body `id` if the signed-in user may write it; else the answer (404 or 403).
pub fn allowed(app: &App, signed: &Signed, id: &str) -> Result<Body, Box<Response>> {
    let Some(body) = app.site.bodies.bodies.iter().find(|b| b.id == id) else {
        return Err(Box::new(page::not_found(Frame::of(signed))));
    };
    if !signed.session.user.may_edit(id) {
        return Err(Box::new(page::forbidden(Frame::of(signed))));
    }
    Ok(body.clone())
}

/// A meeting's state as the lists show it.
pub fn state_text(
    state: Stage,
    publish_at: Option<i64>,
    published_at: Option<i64>,
    updated_at: i64,
) -> String {
    match state {
        Stage::Draft => "utkast".into(),
        Stage::Unpublished => "avpublicerad".into(),
        Stage::Published => match publish_at {
            Some(at) if at > unix_now() => format!("publiceras {}", page::when(at)),
            _ if published_at.is_some_and(|p| updated_at > p) => "uppdaterad".into(),
            _ => "publicerad".into(),
        },
    }
}

#[derive(Debug)]
struct Line {
    date: Date,
    date_text: String,
    title: String,
    state: String,
}

#[derive(Debug, Template)]
#[template(path = "editor/body.html")]
struct BodyPage {
    signed_in: Option<String>,
    csrf: String,
    body: String,
    name: String,
    meetings: Vec<Line>,
    message: Option<String>,
    date: String,
    from: String,
    text: String,
}

/// A body's meetings and the form for a new one.
pub async fn list(State(app): State<App>, Path(id): Path<String>, signed: Signed) -> Response {
    let body = match allowed(&app, &signed, &id) {
        Ok(body) => body,
        Err(answer) => return *answer,
    };
    body_page(&app, &signed, &body, StatusCode::OK, None, &NewMeeting::default()).await
}

pub(super) async fn body_page(
    app: &App,
    signed: &Signed,
    body: &Body,
    status: StatusCode,
    message: Option<String>,
    form: &NewMeeting,
) -> Response {
    let summaries = match app.store.meetings(&body.id).await {
        Ok(s) => s,
        Err(e) => return page::store_failed(&e),
    };
    let frame = Frame::of(signed);
    page::html(
        status,
        &BodyPage {
            signed_in: frame.signed_in,
            csrf: frame.csrf,
            body: body.id.clone(),
            name: body.name.clone(),
            meetings: summaries.iter().map(|s| line(app, s)).collect(),
            message,
            date: form.date.clone(),
            from: if form.from.is_empty() {
                "tomt".into()
            } else {
                form.from.clone()
            },
            text: form.text.clone(),
        },
    )
}

fn line(app: &App, s: &MeetingSummary) -> Line {
    Line {
        date: s.date,
        date_text: samman_domain::swedish::date(s.date),
        title: listed(app, s).title,
        // The summary has no embargo; the meeting's own page shows it.
        state: state_text(s.state, None, s.published_at, s.updated_at),
    }
}

/// The new-meeting form.
#[derive(Debug, Default, Deserialize)]
pub struct NewMeeting {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    date: String,
    /// "tomt", "sidtext", "bildspel" or "kalltext".
    #[serde(default)]
    from: String,
    #[serde(default)]
    text: String,
}

impl NewMeeting {
    /// The form with only its date filled in (after an upload, which keeps no text).
    pub(super) fn with_date(date: &str) -> NewMeeting {
        NewMeeting {
            date: date.to_string(),
            ..NewMeeting::default()
        }
    }
}

/// Creates a meeting (as a draft) and opens it.
pub async fn create(
    State(app): State<App>,
    Path(id): Path<String>,
    signed: Signed,
    Form(form): Form<NewMeeting>,
) -> Response {
    let body = match allowed(&app, &signed, &id) {
        Ok(body) => body,
        Err(answer) => return *answer,
    };
    if !signed.csrf_ok(&form.csrf) {
        return page::bad_token(Frame::of(&signed));
    }
    let meeting = match new_meeting(&app, &body, &form) {
        Ok(meeting) => meeting,
        Err(message) => {
            return body_page(
                &app,
                &signed,
                &body,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(message),
                &form,
            )
            .await;
        }
    };
    match save_new(&app, &signed, &body, meeting, &form).await {
        Ok(date) => page::see_other(&paths::meeting(&body.id, date)),
        Err(answer) => *answer,
    }
}

/// Stores `meeting` as a new draft of `body` with its audit row; else the body's page saying why (with
/// `form` kept), or the store's failure.
pub(super) async fn save_new(
    app: &App,
    signed: &Signed,
    body: &Body,
    meeting: Meeting,
    form: &NewMeeting,
) -> Result<Date, Box<Response>> {
    let date = meeting.date;
    let new = NewRevision {
        body: body.id.clone(),
        date,
        source: samman_source::format::write(&meeting),
        meeting,
        author: Some(signed.email().to_string()),
        note: None,
        state: Stage::Draft,
        publish_at: None,
        expected_revision: Some(0),
    };
    let audit = AuditEntry::new(signed.email(), "create").about(&body.id, date);
    let (status, message) = match app.store.editor().save_audited(new, audit).await {
        Ok(_) => return Ok(date),
        Err(StoreError::Conflict { .. }) => (
            StatusCode::CONFLICT,
            format!(
                "Det finns redan ett möte {}. Öppna det i listan ovan.",
                samman_domain::swedish::date(date)
            ),
        ),
        Err(StoreError::Invalid(message)) => (StatusCode::UNPROCESSABLE_ENTITY, message),
        Err(e) => return Err(Box::new(page::store_failed(&e))),
    };
    Err(Box::new(
        body_page(app, signed, body, status, Some(message), form).await,
    ))
}

/// The meeting the form asks for: empty on its date, or imported from its text (the form's date, when
/// given, wins over the one found in the text). A Swedish message naming the field when it cannot be.
fn new_meeting(app: &App, body: &Body, form: &NewMeeting) -> Result<Meeting, String> {
    let date: Option<Date> = match form.date.trim() {
        "" => None,
        text => Some(
            text.parse()
                .map_err(|_| format!("Mötesdatum: {text:?} är inget datum (ÅÅÅÅ-MM-DD)."))?,
        ),
    };
    let format = match form.from.as_str() {
        "sidtext" => Some(Format::PageText),
        "bildspel" => Some(Format::DeckMarkdown),
        "kalltext" => Some(Format::Source),
        _ => None,
    };
    let text = form.text.trim();
    if format.is_none() || text.is_empty() {
        let date = date.ok_or("Mötesdatum: ange mötets datum.")?;
        return Ok(Meeting::new(body.id.clone(), date));
    }
    let (_, mut meeting) =
        samman_site::meeting_from_text(text, format, &app.site.bodies).map_err(|e| match e {
            samman_site::TextError::Parse(e) => {
                format!(
                    "Text att importera, rad {}, kolumn {}: {}",
                    e.pos.line, e.pos.column, e.message
                )
            }
            samman_site::TextError::NoDate => "Text att importera: hittar inget mötesdatum i texten.".into(),
        })?;
    meeting.body = body.id.clone();
    if let Some(date) = date {
        meeting.date = date;
    }
    Ok(meeting)
}
