//! The personal links: `GET /{body}/nyhetsbrev/avsluta?t=…` (a page with one button) and `POST` to the
//! same URL (unsubscribes at once: RFC 8058 one-click from mail servers and the page's button alike, so
//! no CSRF token — the signed token is the authority); `GET …/uppgifter?t=…` (the subscriber's data as
//! JSON) and `POST …/radera` (field `t`: deletes it). Leaving and deletion remove the address; only its
//! keyed hash and the consent record (times, list, text version, where) stay.

use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use samman_domain::Body;
use samman_newsletter::{Secret, Token, paths};
use samman_site::page::{Button, Notice};
use samman_store::newsletter::{Subscriber, SubscriberState};

use super::confirm::leaf;
use super::subscribe::read_form;
use super::{bad_link, configured, list_of, notice, now, unavailable};
use crate::App;
use crate::routes::not_found;

/// The first value of `name` in a parsed form or query.
pub fn field(pairs: &[(String, String)], name: &str) -> Option<String> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
}

/// The query of `uri`, parsed.
pub fn query(uri: &Uri) -> Vec<(String, String)> {
    form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .into_owned()
        .collect()
}

/// The subscriber a personal token names on this body's list, or the answer to give instead.
// The Err is the answer a handler returns at once; boxing it would only add an allocation.
#[allow(clippy::result_large_err)]
async fn holder(app: &App, body: &Body, token: Option<String>) -> Result<(Subscriber, String), Response> {
    let newsletter = configured(app, body)?;
    let Some(text) = token else {
        return Err(bad_link(app, body));
    };
    let Some(Token::Personal { id, hash }) = newsletter.secret.verify(&text) else {
        return Err(bad_link(app, body));
    };
    match app.store.newsletter().subscriber(id).await {
        Ok(Some(s)) if s.list == body.id && Secret::personal_matches(&hash, &s.address_hash) => Ok((s, text)),
        Ok(_) => Err(bad_link(app, body)),
        Err(error) => Err(unavailable(app, body, &error)),
    }
}

/// The unsubscribe page: one button.
pub async fn unsubscribe_page(State(app): State<App>, Path(id): Path<String>, uri: Uri) -> Response {
    let Some(body) = list_of(&app, &id) else {
        return not_found(&app);
    };
    let (subscriber, token) = match holder(&app, &body, field(&query(&uri), "t")).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if subscriber.state == SubscriberState::Left {
        return left(&app, &body, "Du prenumererar inte längre");
    }
    let name = body.newsletter.clone().unwrap_or_default();
    notice(
        &app,
        &body,
        StatusCode::OK,
        Notice {
            heading: "Avsluta prenumerationen".into(),
            text: vec![format!(
                "Tryck på knappen så slutar du få {name}. Din e-postadress raderas."
            )],
            buttons: vec![Button {
                action: format!("{}?t={token}", leaf(paths::UNSUBSCRIBE)),
                fields: vec![("List-Unsubscribe".into(), "One-Click".into())],
                label: "Avsluta prenumerationen".into(),
            }],
            links: vec![(
                "Ladda ned dina uppgifter".into(),
                format!("{}?t={token}", leaf(paths::DATA)),
            )],
        },
    )
}

/// Unsubscribes at once (token in the query, as `List-Unsubscribe` gives it, or in the form).
pub async fn unsubscribe(
    State(app): State<App>,
    Path(id): Path<String>,
    uri: Uri,
    request: Request,
) -> Response {
    let Some(body) = list_of(&app, &id) else {
        return not_found(&app);
    };
    let token = match field(&query(&uri), "t") {
        Some(t) => Some(t),
        None => field(&read_form(request).await.unwrap_or_default(), "t"),
    };
    leave(
        &app,
        &body,
        token,
        "avregistreringslänk",
        "Du har avslutat prenumerationen",
    )
    .await
}

/// Deletes the subscriber's data (form field `t`).
pub async fn delete(State(app): State<App>, Path(id): Path<String>, request: Request) -> Response {
    let Some(body) = list_of(&app, &id) else {
        return not_found(&app);
    };
    let token = field(&read_form(request).await.unwrap_or_default(), "t");
    leave(
        &app,
        &body,
        token,
        "begäran om radering",
        "Dina uppgifter är raderade",
    )
    .await
}

async fn leave(app: &App, body: &Body, token: Option<String>, source: &str, heading: &str) -> Response {
    let (subscriber, _) = match holder(app, body, token).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match app.store.newsletter().leave(subscriber.id, source, now()).await {
        Ok(_) => left(app, body, heading),
        Err(error) => unavailable(app, body, &error),
    }
}

fn left(app: &App, body: &Body, heading: &str) -> Response {
    notice(
        app,
        body,
        StatusCode::OK,
        Notice {
            heading: heading.into(),
            text: vec![
                "Du får inga fler nyhetsbrev. Din e-postadress är raderad; kvar finns bara när du gav och tog \
                 tillbaka ditt samtycke, utan adressen."
                    .into(),
            ],
            links: vec![("Prenumerera igen".into(), "./".into())],
            ..Notice::default()
        },
    )
}

/// The subscriber's data as JSON (a download).
pub async fn export(State(app): State<App>, Path(id): Path<String>, uri: Uri) -> Response {
    let Some(body) = list_of(&app, &id) else {
        return not_found(&app);
    };
    let (subscriber, _) = match holder(&app, &body, field(&query(&uri), "t")).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let consents = match app.store.newsletter().consents(subscriber.id).await {
        Ok(c) => c,
        Err(error) => return unavailable(&app, &body, &error),
    };
    let json = serde_json::json!({
        "lista": body.newsletter,
        "organ": body.id,
        "epost": subscriber.address,
        "status": subscriber.state.as_str(),
        "anmald": subscriber.created_at,
        "bekraftad": subscriber.confirmed_at,
        "avslutad": subscriber.left_at,
        "samtycken": consents.iter().map(|c| serde_json::json!({
            "tid": c.at,
            "samtycke": if c.given { "givet" } else { "återkallat" },
            "textversion": c.text_version,
            "var": c.source,
        })).collect::<Vec<_>>(),
    });
    let mut response = (StatusCode::OK, format!("{json:#}\n")).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"nyhetsbrev-uppgifter.json\""),
    );
    response
}
