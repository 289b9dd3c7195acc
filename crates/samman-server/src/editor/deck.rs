//! `POST /redaktor/{body}/bildspel`: a new meeting from an uploaded PowerPoint deck (`.pptx`, at most
//! [`MAX_DECK`]), read by `samman-source`'s deck importer — the same reader `samman import deck.pptx`
//! uses — and stored as a draft. The answer is the new meeting's page with what the importer noted (by
//! slide and paragraph) and `check`'s findings by line, so the editor sees at once what to look at.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use samman_domain::{Bodies, Date, Meeting};
use samman_source::import::{self, pptx};
use samman_source::{Located, Pos};

use super::auth::Signed;
use super::edit::edit_page;
use super::meetings::{NewMeeting, allowed, body_page, save_new};
use super::page::{self, Frame};
use super::upload;
use crate::App;

/// The largest deck taken (pictures make decks large; only their XML is read).
pub const MAX_DECK: usize = 100 * 1024 * 1024;

const FIELD: &str = "Bildspel (.pptx)";

/// A deck read into a meeting, with what the importer noted.
struct Imported {
    meeting: Meeting,
    notes: Vec<String>,
    slides: usize,
    hidden: usize,
}

/// Creates a meeting from the uploaded deck and shows it.
pub async fn create(
    State(app): State<App>,
    Path(id): Path<String>,
    signed: Signed,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let mut form = match upload::read(&headers, form, "deck", MAX_DECK).await {
        Ok(form) => form,
        Err(why) => return upload::unreadable(&signed, &why, FIELD, MAX_DECK),
    };
    let body = match allowed(&app, &signed, &id) {
        Ok(body) => body,
        Err(answer) => return *answer,
    };
    if !signed.csrf_ok(form.field("csrf")) {
        return page::bad_token(Frame::of(&signed));
    }
    // The deck's bytes go to the importer; the rest of the form stays for the answers.
    let bytes = std::mem::take(&mut form.bytes);
    let kept = NewMeeting::with_date(form.field("date"));
    let refuse = async |message: String, status: StatusCode| {
        body_page(&app, &signed, &body, status, Some(message), &kept).await
    };
    if bytes.is_empty() && !form.too_big {
        return refuse(
            format!("{FIELD}: välj en fil att ladda upp."),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    if form.too_big {
        let message = format!(
            "{FIELD}: filen {:?} är större än {} MB, som är det mesta som går att ladda upp. Inget sparades.",
            form.file_name,
            MAX_DECK / (1024 * 1024)
        );
        return refuse(message, StatusCode::PAYLOAD_TOO_LARGE).await;
    }
    let date = match form.field("date") {
        "" => None,
        text => match text.parse::<Date>() {
            Ok(date) => Some(date),
            Err(_) => {
                let message = format!("Mötesdatum: {text:?} är inget datum (ÅÅÅÅ-MM-DD).");
                return refuse(message, StatusCode::UNPROCESSABLE_ENTITY).await;
            }
        },
    };
    let bodies = app.site.bodies.clone();
    let read = tokio::task::spawn_blocking(move || import_deck(&bytes, &bodies, date)).await;
    let mut imported = match read {
        Ok(Ok(imported)) => imported,
        Ok(Err(message)) => {
            return refuse(
                format!("Inget sparades. {message}"),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
        Err(e) => {
            tracing::error!(error = %e, "bildspelet kunde inte läsas");
            let message = format!("Inget sparades. {FIELD}: filen kunde inte läsas.");
            return refuse(message, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    imported.meeting.body = body.id.clone();
    let items = imported.meeting.items.len();
    let date = match save_new(&app, &signed, &body, imported.meeting, &kept).await {
        Ok(date) => date,
        Err(answer) => return *answer,
    };
    let stored = match app.store.meeting(&body.id, date).await {
        Ok(Some(stored)) => stored,
        Ok(None) => return page::not_found(Frame::of(&signed)),
        Err(e) => return page::store_failed(&e),
    };
    let mut page = edit_page(&app, &signed, &body, &stored, stored.source.clone());
    let hidden = match imported.hidden {
        0 => String::new(),
        n => format!(", {n} dolda hoppades över"),
    };
    page.notice = Some(format!(
        "Mötet skapades som utkast från {:?}: {items} punkter ur {} bilder{hidden}. Kontrollera texten innan du publicerar.",
        form.file_name, imported.slides
    ));
    page.imported = imported.notes;
    page::html(StatusCode::OK, &page)
}

/// Reads a deck's bytes into a meeting (`date`, when given, wins over the deck's own); a Swedish
/// message naming the field and, for a problem in the deck, the slide and paragraph.
fn import_deck(bytes: &[u8], bodies: &Bodies, date: Option<Date>) -> Result<Imported, String> {
    let deck = pptx::read_bytes(bytes).map_err(|e| format!("{FIELD}: {}", e.message))?;
    let mut document = import::read_deck(&deck, bodies)
        .map_err(|e| format!("{FIELD}, {}: {}", deck.places.describe(e.pos), e.message))?;
    if let Some(date) = date {
        let pos = document.header.date.as_ref().map_or(Pos::line(1), |d| d.pos);
        document.header.date = Some(Located::new(date, pos));
    }
    let meeting = document.to_meeting("").ok_or_else(|| {
        format!("{FIELD}: hittar inget mötesdatum i bildspelet. Ange mötesdatum i formuläret.")
    })?;
    let notes = document
        .notes
        .iter()
        .map(|n| format!("{}: {}", deck.places.describe(n.pos), n.message))
        .collect();
    Ok(Imported {
        meeting,
        notes,
        slides: deck.slides,
        hidden: deck.hidden,
    })
}
