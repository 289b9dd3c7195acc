//! `GET /{body}/nyhetsbrev/bekrafta?t=…` shows one button; `POST` (field `t`) confirms. Confirming takes
//! a click, not just the link, because mail scanners open links: a link opened by a machine must not
//! consent for a person. The token is checked (signature, expiry) here and used up by the store, so a
//! replayed link is refused.

use axum::extract::{Path, Request, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use samman_domain::Body;
use samman_newsletter::{Token, paths};
use samman_site::page::{Button, Notice};

use super::personal::{field, query};
use super::subscribe::read_form;
use super::{bad_link, configured, list_of, notice, now, unavailable};
use crate::App;
use crate::routes::not_found;

/// The page with the confirm button.
pub async fn page(State(app): State<App>, Path(id): Path<String>, uri: Uri) -> Response {
    let Some(body) = list_of(&app, &id) else {
        return not_found(&app);
    };
    let newsletter = match configured(&app, &body) {
        Ok(n) => n,
        Err(response) => return response,
    };
    let Some(text) = field(&query(&uri), "t") else {
        return bad_link(&app, &body);
    };
    if valid(&newsletter.secret.verify(&text)).is_none() {
        return bad_link(&app, &body);
    }
    let name = body.newsletter.clone().unwrap_or_default();
    notice(
        &app,
        &body,
        StatusCode::OK,
        Notice {
            heading: "Bekräfta prenumerationen".into(),
            text: vec![format!("Tryck på knappen för att börja få {name}.")],
            buttons: vec![Button {
                action: leaf(paths::CONFIRM),
                fields: vec![("t".into(), text)],
                label: "Bekräfta prenumerationen".into(),
            }],
            ..Notice::default()
        },
    )
}

/// Confirms the subscription the token names.
pub async fn confirm(State(app): State<App>, Path(id): Path<String>, request: Request) -> Response {
    let Some(body) = list_of(&app, &id) else {
        return not_found(&app);
    };
    let newsletter = match configured(&app, &body) {
        Ok(n) => n,
        Err(response) => return response,
    };
    let form = read_form(request).await.unwrap_or_default();
    let token = field(&form, "t").and_then(|t| newsletter.secret.verify(&t));
    let Some((subscriber, nonce)) = valid(&token) else {
        return bad_link(&app, &body);
    };
    match app.store.newsletter().subscriber(subscriber).await {
        Ok(Some(s)) if s.list == body.id => {}
        Ok(_) => return bad_link(&app, &body),
        Err(error) => return unavailable(&app, &body, &error),
    }
    let hash = newsletter.secret.nonce_hash(nonce);
    match app.store.newsletter().confirm(subscriber, &hash, now()).await {
        Ok(Some(s)) => confirmed(&app, &body, &newsletter.secret.personal(s.id, &s.address_hash)),
        Ok(None) => bad_link(&app, &body),
        Err(error) => unavailable(&app, &body, &error),
    }
}

/// A confirmation token not yet expired: (subscriber id, nonce).
fn valid(token: &Option<Token>) -> Option<(i64, &str)> {
    match token {
        Some(Token::Confirm { id, nonce, expires }) if *expires > now() => Some((*id, nonce)),
        _ => None,
    }
}

fn confirmed(app: &App, body: &Body, personal: &str) -> Response {
    let name = body.newsletter.clone().unwrap_or_default();
    notice(
        app,
        body,
        StatusCode::OK,
        Notice {
            heading: "Tack! Prenumerationen är bekräftad".into(),
            text: vec![format!(
                "Du får {name} när nästa sammanställning publiceras. Varje nyhetsbrev har en länk för att avsluta."
            )],
            links: vec![
                (
                    "Se dina uppgifter".into(),
                    format!("{}?t={personal}", leaf(paths::DATA)),
                ),
                (
                    "Avsluta prenumerationen".into(),
                    format!("{}?t={personal}", leaf(paths::UNSUBSCRIBE)),
                ),
            ],
            ..Notice::default()
        },
    )
}

/// "nyhetsbrev/bekrafta" → "bekrafta": the newsletter's pages link to each other from one directory.
pub fn leaf(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}
