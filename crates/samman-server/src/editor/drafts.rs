//! Autosaved drafts of the "källtext", one per meeting and account (`drafts` in the store), written by
//! the editor's JavaScript while someone types and never published by themselves:
//!
//! * `POST /redaktor/{body}/{date}/utkast` — keep the typed text (`csrf`, `revision`, `source`): 204;
//!   401 without a session (the script then says so, and the text stays in the page);
//! * `POST …/utkast/slang` — discard it (a plain form: works without JavaScript);
//! * `GET …/utkast/forhandsvisning` — the live preview: the draft (else the stored text) as the public
//!   page would show it, framable by the editor's own pages only.
//!
//! The meeting's page shows the draft in place of the stored text, with a notice and the revision it
//! was typed against (so a save made meanwhile by someone else is still a conflict); a save removes it.

use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use samman_site::Rendition;
use samman_source::Format;
use samman_store::{Draft, StoredMeeting};
use serde::Deserialize;

use super::auth::{NotSigned, Signed};
use super::edit::{TokenOnly, open, open_for_post};
use super::page;
use super::paths;
use crate::App;
use crate::routes::unix_now;

#[derive(Debug, Deserialize)]
pub struct DraftForm {
    #[serde(default)]
    csrf: String,
    revision: i64,
    source: String,
}

/// Keeps the typed text as the signed-in account's draft of the meeting.
pub async fn autosave(
    State(app): State<App>,
    Path((id, date)): Path<(String, String)>,
    signed: Result<Signed, NotSigned>,
    Form(form): Form<DraftForm>,
) -> Response {
    let signed = match signed {
        Ok(signed) => signed,
        Err(NotSigned::SignIn(_)) => {
            return (StatusCode::UNAUTHORIZED, "Inloggningen har gått ut.\n").into_response();
        }
        Err(not) => return not.into_response(),
    };
    let stored = match open_for_post(&app, &signed, &id, &date, &form.csrf).await {
        Ok((_, stored)) => stored,
        Err(answer) => return *answer,
    };
    let source = form.source.replace("\r\n", "\n");
    let user = signed.session.user.id;
    let kept = if source == stored.source {
        // Back to what is stored: nothing to keep.
        app.store.editor().delete_draft(stored.id, user).await
    } else {
        app.store
            .editor()
            .put_draft(stored.id, user, &source, form.revision, unix_now())
            .await
    };
    match kept {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => page::store_failed(&e),
    }
}

/// The "Släng utkastet" button.
pub async fn discard(
    State(app): State<App>,
    Path((id, date)): Path<(String, String)>,
    signed: Signed,
    Form(form): Form<TokenOnly>,
) -> Response {
    let (body, stored) = match open_for_post(&app, &signed, &id, &date, &form.csrf).await {
        Ok(found) => found,
        Err(answer) => return *answer,
    };
    match app
        .store
        .editor()
        .delete_draft(stored.id, signed.session.user.id)
        .await
    {
        Ok(()) => page::see_other(&paths::meeting(&body.id, stored.date)),
        Err(e) => page::store_failed(&e),
    }
}

/// The signed-in account's draft of `stored`, when it differs from the stored text.
pub async fn of(app: &App, signed: &Signed, stored: &StoredMeeting) -> Result<Option<Draft>, Response> {
    match app.store.editor().draft(stored.id, signed.session.user.id).await {
        Ok(draft) => Ok(draft.filter(|d| d.source != stored.source)),
        Err(e) => Err(page::store_failed(&e)),
    }
}

/// Forgets the account's draft after a save (a failure only leaves a stale draft behind: logged).
pub async fn forget(app: &App, signed: &Signed, stored: &StoredMeeting) {
    if let Err(error) = app
        .store
        .editor()
        .delete_draft(stored.id, signed.session.user.id)
        .await
    {
        tracing::warn!(%error, "utkastet kunde inte tas bort efter en sparning");
    }
}

/// The live preview: the draft rendered as the public page, or why it cannot be.
pub async fn preview(
    State(app): State<App>,
    Path((id, date)): Path<(String, String)>,
    signed: Signed,
) -> Response {
    let (_, mut stored) = match open(&app, &signed, &id, &date).await {
        Ok(found) => found,
        Err(answer) => return *answer,
    };
    let draft = match of(&app, &signed, &stored).await {
        Ok(draft) => draft,
        Err(answer) => return answer,
    };
    if let Some(draft) = draft {
        match samman_site::meeting_from_text(&draft.source, Some(Format::Source), &app.site.bodies) {
            Ok((_, meeting)) if meeting.body == stored.body && meeting.date == stored.date => {
                stored.meeting = meeting;
            }
            Ok(_) => return unreadable("Källtexten gäller ett annat organ eller datum."),
            Err(samman_site::TextError::Parse(e)) => {
                return unreadable(&format!(
                    "Källtexten har ett fel på rad {}, kolumn {}: {}",
                    e.pos.line, e.pos.column, e.message
                ));
            }
            Err(samman_site::TextError::NoDate) => return unreadable("Källtexten saknar mötesdatum."),
        }
    }
    let log = match crate::routes::meeting::change_log(&app, &stored).await {
        Ok(log) => log,
        Err(e) => return page::store_failed(&e),
    };
    let site = app.site.clone();
    let made = tokio::task::spawn_blocking(move || {
        crate::routes::meeting::make(&site, &stored, Rendition::Html, &log)
    })
    .await;
    let Ok(Ok(cached)) = made else {
        return unreadable("Förhandsvisningen kunde inte skapas.");
    };
    let mut response = crate::respond::send(&Method::GET, &HeaderMap::new(), &cached);
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    // Framed by the editor's page beside the text; by nothing else.
    let policy = cached
        .csp
        .as_ref()
        .and_then(|p| p.to_str().ok())
        .map(|p| p.replace("frame-ancestors 'none'", "frame-ancestors 'self'"));
    if let Some(policy) = policy.and_then(|p| HeaderValue::from_str(&p).ok()) {
        h.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}

/// A plain page in the preview frame saying why the draft cannot be shown.
fn unreadable(why: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n<title>Förhandsvisning</title>\n\
         </head>\n<body>\n<main>\n<p>Förhandsvisningen väntar: {}</p>\n</main>\n</body>\n</html>\n",
        samman_render::escape::html(why)
    );
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; frame-ancestors 'self'",
            ),
        ],
        html,
    )
        .into_response()
}
