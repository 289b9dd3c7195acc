//! The minutes: `POST /redaktor/{body}/{date}/protokoll` attaches them as a link (an `https://` address
//! and optionally the date they were approved), which turns the page's "publiceras senare" into a link; an
//! empty address takes it back. `POST …/protokoll/fil` uploads them as a PDF (checked by its `%PDF-`
//! magic bytes, at most [`MAX_PDF`]): the file is stored with the revision that links it, in one
//! transaction, and served beside the public page as `protokoll.pdf` ([`links::MINUTES`]) while the
//! record links it. The record changes through the source format (saved canonically) with the revision the
//! page was opened at, and the change is audited like every save.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Form, Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use samman_domain::{Date, Minutes};
use samman_render::links;
use samman_store::{AuditEntry, MinutesFile, Saved, StoreError};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::auth::Signed;
use super::edit::open_for_post;
use super::page;
use super::paths;
use super::publish::refused;
use super::upload;
use crate::App;

/// The largest minutes file taken.
pub const MAX_PDF: usize = 20 * 1024 * 1024;

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
    let refuse =
        |message: String, status: StatusCode| refused(&app, &signed, &body, &stored, message, status);
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
        let approved = match approved(&form.approved) {
            Ok(date) => date,
            Err(message) => return refuse(message, StatusCode::UNPROCESSABLE_ENTITY),
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
    let saved = super::item::save_record(&app, &signed, &stored, meeting, form.revision, audit).await;
    answer(saved, &body.id, stored.date, refuse)
}

/// The minutes' approval date as typed ("" is none).
fn approved(text: &str) -> Result<Option<Date>, String> {
    match text.trim() {
        "" => Ok(None),
        text => text.parse::<Date>().map(Some).map_err(|_| {
            format!("Inget sparades. Protokollets datum: {text:?} är inget datum (ÅÅÅÅ-MM-DD).")
        }),
    }
}

/// The answer to a minutes save: back to the meeting, or its page with why nothing was saved.
fn answer(
    saved: Result<Saved, StoreError>,
    body: &str,
    date: Date,
    refuse: impl Fn(String, StatusCode) -> Response,
) -> Response {
    match saved {
        Ok(_) => page::see_other(&paths::meeting(body, date)),
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

/// The "Ladda upp protokollet" form: the minutes as a PDF, with their date (optional).
pub async fn upload(
    State(app): State<App>,
    Path((id, date)): Path<(String, String)>,
    signed: Signed,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let form = match upload::read(&headers, form, "pdf", MAX_PDF).await {
        Ok(form) => form,
        Err(why) => return upload::unreadable(&signed, &why, "Protokollet (PDF)", MAX_PDF),
    };
    let (body, stored) = match open_for_post(&app, &signed, &id, &date, form.field("csrf")).await {
        Ok(found) => found,
        Err(answer) => return *answer,
    };
    let refuse =
        |message: String, status: StatusCode| refused(&app, &signed, &body, &stored, message, status);
    let Ok(revision) = form.field("revision").parse::<i64>() else {
        return refuse(
            "Inget sparades: formuläret saknade versionen. Ladda om sidan.".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    if let Err((message, status)) = check_pdf(&form) {
        return refuse(format!("Inget sparades. {message}"), status);
    }
    let approved = match approved(form.field("approved")) {
        Ok(date) => date,
        Err(message) => return refuse(message, StatusCode::UNPROCESSABLE_ENTITY),
    };
    let mut meeting = stored.meeting.clone();
    meeting.minutes = Minutes::Published {
        href: links::MINUTES.to_string(),
        date: approved,
    };
    let sha256: String = Sha256::digest(&form.bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let detail = format!("{} ({} byte)", form.file_name, form.bytes.len());
    let audit = AuditEntry::new(signed.email(), "minutes-upload")
        .about(&body.id, stored.date)
        .detail(Some(detail));
    let file = MinutesFile {
        pdf: form.bytes,
        sha256,
        uploaded_at: jiff::Timestamp::now().as_second(),
        uploaded_by: signed.email().to_string(),
    };
    let new = super::item::record_revision(&signed, &stored, meeting, revision);
    let saved = app.store.editor().save_with_minutes_file(new, audit, file).await;
    answer(saved, &body.id, stored.date, refuse)
}

/// The file is there, within the limit, and a PDF by its magic bytes; else what to tell the editor.
fn check_pdf(form: &upload::Upload) -> Result<(), (String, StatusCode)> {
    let field = "Protokollet (PDF)";
    let name = &form.file_name;
    if !form.has_file() {
        return Err((
            format!("{field}: välj en PDF-fil att ladda upp."),
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    }
    if form.too_big {
        return Err((
            format!(
                "{field}: filen {name:?} är större än {} MB, som är det mesta som går att ladda upp.                  Minska filen (spara den till exempel som PDF med lägre bildkvalitet) och försök igen.",
                MAX_PDF / (1024 * 1024)
            ),
            StatusCode::PAYLOAD_TOO_LARGE,
        ));
    }
    if !form.bytes.starts_with(b"%PDF-") {
        return Err((
            format!("{field}: filen {name:?} är ingen PDF (den börjar inte som en PDF-fil gör, med %PDF-)."),
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    }
    Ok(())
}
