//! `POST /redaktor/{body}/{date}/protokoll`: attach the minutes as a link (an `https://` address and
//! optionally the date they were approved), which turns the page's "publiceras senare" into a link; an
//! empty address takes it back. The record changes through the source format (saved canonically) with the
//! revision the page was opened at, and the change is audited like every save.

use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use samman_domain::{Date, Minutes};
use samman_store::{AuditEntry, StoreError};
use serde::Deserialize;

use super::auth::Signed;
use super::edit::{edit_page, open_for_post};
use super::page;
use super::paths;
use crate::App;

#[derive(Debug, Deserialize)]
pub struct MinutesForm {
    #[serde(default)]
    csrf: String,
    revision: i64,
    #[serde(default)]
    href: String,
    #[serde(default)]
    approved: String,
}

/// Sets (or, with an empty address, clears) the minutes link.
pub async fn attach(
    State(app): State<App>,
    Path((id, date)): Path<(String, String)>,
    signed: Signed,
    Form(form): Form<MinutesForm>,
) -> Response {
    let (body, stored) = match open_for_post(&app, &signed, &id, &date, &form.csrf).await {
        Ok(found) => found,
        Err(answer) => return *answer,
    };
    let refuse = |message: String, status: StatusCode| {
        let mut page = edit_page(&app, &signed, &body, &stored, stored.source.clone());
        page.error = Some(message);
        page::html(status, &page)
    };
    let href = form.href.trim();
    let minutes = if href.is_empty() {
        Minutes::Pending
    } else {
        if !(href.starts_with("https://") || href.starts_with("http://"))
            || !samman_domain::is_safe_href(href)
        {
            let message =
                format!("Inget sparades. Länk till protokollet: {href:?} är ingen webbadress (https://…).");
            return refuse(message, StatusCode::UNPROCESSABLE_ENTITY);
        }
        let approved = match form.approved.trim() {
            "" => None,
            text => match text.parse::<Date>() {
                Ok(date) => Some(date),
                Err(_) => {
                    let message =
                        format!("Inget sparades. Protokollets datum: {text:?} är inget datum (ÅÅÅÅ-MM-DD).");
                    return refuse(message, StatusCode::UNPROCESSABLE_ENTITY);
                }
            },
        };
        Minutes::Published {
            href: href.to_string(),
            date: approved,
        }
    };
    let mut meeting = stored.meeting.clone();
    meeting.minutes = minutes;
    let audit = AuditEntry::new(signed.email(), "minutes")
        .about(&body.id, stored.date)
        .detail(Some(href.to_string()).filter(|h| !h.is_empty()));
    match super::item::save_record(&app, &signed, &stored, meeting, form.revision, audit).await {
        Ok(_) => page::see_other(&paths::meeting(&body.id, stored.date)),
        Err(StoreError::Conflict { current }) => refuse(
            format!(
                "Inget ändrades: någon annan har sparat mötet (nu version {current}) sedan du öppnade det. Försök igen."
            ),
            StatusCode::CONFLICT,
        ),
        Err(StoreError::Invalid(message)) => refuse(
            format!("Inget sparades: {message}"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => page::store_failed(&e),
    }
}
