//! `/redaktor/{organ}/nyhetsbrev`: the newsletter's admin in the editor — a list's subscribers (address,
//! state, dates; never a token or hash), its campaigns with their progress (the numbers
//! `samman newsletter status` shows), the list as a CSV download, and removing a subscriber (what
//! `samman newsletter remove` does: the address goes, the withdrawal is recorded, mails not yet sent
//! are skipped; plus an audit row).
//!
//! A list is its body's: an admin sees every list, an editor those of their bodies (the same rule as
//! writing, [`super::meetings::allowed`]). A body without a newsletter has no such page (404).

use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use samman_domain::{Body, swedish};
use samman_newsletter::export::cell;
use samman_store::AuditEntry;
use samman_store::newsletter::{CampaignStatus, Subscriber, SubscriberState};

use super::auth::Signed;
use super::meetings::allowed;
use super::page::{self, Frame};
use crate::App;
use crate::routes::unix_now;

/// How many subscribers the page lists (the newest); the CSV file has them all.
const SHOWN: usize = 1000;

/// A subscriber as listed.
#[derive(Debug)]
struct Row {
    id: i64,
    address: String,
    state: &'static str,
    created: String,
    confirmed: String,
    left: String,
    /// Still on the list (can be removed).
    removable: bool,
}

/// A campaign as listed.
#[derive(Debug)]
struct CampaignRow {
    id: i64,
    meeting: String,
    date: String,
    revision: i64,
    created: String,
    recipients: i64,
    sent: i64,
    pending: i64,
    failed: i64,
    skipped: i64,
    last_error: String,
}

#[derive(Debug, Template)]
#[template(path = "editor/newsletter.html")]
struct NewsletterPage {
    signed_in: Option<String>,
    csrf: String,
    body: String,
    body_name: String,
    list_name: String,
    notice: Option<String>,
    error: Option<String>,
    confirmed: usize,
    pending: usize,
    left: usize,
    total: usize,
    rows: Vec<Row>,
    campaigns: Vec<CampaignRow>,
    /// Whether an address can be looked up (the site runs the newsletter, so its secret is known).
    by_address: bool,
}

/// The configured body `id` with a newsletter, if the signed-in user may administer it; else the answer.
fn list_of(app: &App, signed: &Signed, id: &str) -> Result<(Body, String), Box<Response>> {
    let body = allowed(app, signed, id)?;
    match body.newsletter.clone() {
        Some(name) => Ok((body, name)),
        None => Err(Box::new(page::not_found(Frame::of(signed)))),
    }
}

/// The subscribers' state in Swedish.
fn state_text(state: SubscriberState) -> &'static str {
    match state {
        SubscriberState::Pending => "väntar på bekräftelse",
        SubscriberState::Confirmed => "bekräftad",
        SubscriberState::Left => "avslutad",
    }
}

/// The list's page.
pub async fn list(State(app): State<App>, signed: Signed, Path(id): Path<String>) -> Response {
    let (body, name) = match list_of(&app, &signed, &id) {
        Ok(found) => found,
        Err(answer) => return *answer,
    };
    list_page(&app, &signed, &body, &name, StatusCode::OK, None, None).await
}

async fn list_page(
    app: &App,
    signed: &Signed,
    body: &Body,
    list_name: &str,
    status: StatusCode,
    notice: Option<String>,
    error: Option<String>,
) -> Response {
    let news = app.store.newsletter();
    let subscribers = match news.subscribers(Some(&body.id)).await {
        Ok(subscribers) => subscribers,
        Err(e) => return page::store_failed(&e),
    };
    let campaigns = match news.campaigns().await {
        Ok(campaigns) => campaigns,
        Err(e) => return page::store_failed(&e),
    };
    let count = |state| subscribers.iter().filter(|s| s.state == state).count();
    let optional = |at: Option<i64>| at.map(page::when).unwrap_or_default();
    let rows = subscribers
        .iter()
        .rev()
        .take(SHOWN)
        .map(|s| Row {
            id: s.id,
            address: s.address.clone().unwrap_or_else(|| "(raderad)".into()),
            state: state_text(s.state),
            created: page::when(s.created_at),
            confirmed: optional(s.confirmed_at),
            left: optional(s.left_at),
            removable: s.state != SubscriberState::Left,
        })
        .collect();
    let campaigns = campaigns
        .into_iter()
        .filter(|c| c.campaign.list == body.id)
        .map(|c: CampaignStatus| CampaignRow {
            id: c.campaign.id,
            meeting: format!("/redaktor/{}/{}/", c.body, c.date),
            date: swedish::date(c.date),
            revision: c.campaign.revision,
            created: page::when(c.campaign.created_at),
            recipients: c.campaign.recipients,
            sent: c.sent,
            pending: c.pending,
            failed: c.failed,
            skipped: c.skipped,
            last_error: c.last_error.unwrap_or_default(),
        })
        .collect();
    let frame = Frame::of(signed);
    page::html(
        status,
        &NewsletterPage {
            signed_in: frame.signed_in,
            csrf: frame.csrf,
            body: body.id.clone(),
            body_name: body.name.clone(),
            list_name: list_name.to_string(),
            notice,
            error,
            confirmed: count(SubscriberState::Confirmed),
            pending: count(SubscriberState::Pending),
            left: count(SubscriberState::Left),
            total: subscribers.len(),
            rows,
            campaigns,
            by_address: app.newsletter.is_some(),
        },
    )
}

/// The list as a CSV download (every subscriber, oldest first).
pub async fn export(State(app): State<App>, signed: Signed, Path(id): Path<String>) -> Response {
    let (body, _) = match list_of(&app, &signed, &id) {
        Ok(found) => found,
        Err(answer) => return *answer,
    };
    let subscribers = match app.store.newsletter().subscribers(Some(&body.id)).await {
        Ok(subscribers) => subscribers,
        Err(e) => return page::store_failed(&e),
    };
    let mut response = (StatusCode::OK, csv(&subscribers)).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // Body ids are checked ASCII names, so the file name needs no encoding.
    let disposition = format!("attachment; filename=\"nyhetsbrev-{}.csv\"", body.id);
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The fields of the removal form.
#[derive(Debug, serde::Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    id: String,
    /// An address instead of a number (lists longer than the page shows).
    #[serde(default)]
    epost: String,
}

/// "Ta bort": unsubscribes one subscriber of this list, as if they had left themselves.
pub async fn remove(
    State(app): State<App>,
    signed: Signed,
    Path(id): Path<String>,
    Form(form): Form<RemoveForm>,
) -> Response {
    let (body, name) = match list_of(&app, &signed, &id) {
        Ok(found) => found,
        Err(answer) => return *answer,
    };
    if !signed.csrf_ok(&form.csrf) {
        return page::bad_token(Frame::of(&signed));
    }
    let news = app.store.newsletter();
    let refuse = async |status: StatusCode, message: String| {
        list_page(&app, &signed, &body, &name, status, None, Some(message)).await
    };
    // Only a subscriber of this very list: an id of another list is as unknown as no id at all.
    let found = if form.epost.trim().is_empty() {
        match form.id.trim().parse::<i64>() {
            Ok(number) => news.subscriber(number).await,
            Err(_) => Ok(None),
        }
    } else {
        let Some(newsletter) = &app.newsletter else {
            let message = "E-post: adresser kan bara sökas när webbplatsen kör nyhetsbrevet. Inget ändrades.";
            return refuse(StatusCode::UNPROCESSABLE_ENTITY, message.into()).await;
        };
        match samman_newsletter::check_address(&form.epost) {
            Ok(address) => {
                let hash = newsletter.secret.address_hash(&address);
                news.subscriber_by_hash(&body.id, &hash).await
            }
            Err(e) => {
                let message = format!("E-post: {e}. Inget ändrades.");
                return refuse(StatusCode::UNPROCESSABLE_ENTITY, message).await;
            }
        }
    };
    let subscriber = match found {
        Ok(Some(s)) if s.list == body.id => s,
        Ok(_) => {
            let message = "Det finns ingen sådan prenumerant på listan. Inget ändrades.".to_string();
            return refuse(StatusCode::NOT_FOUND, message).await;
        }
        Err(e) => return page::store_failed(&e),
    };
    match news
        .leave(subscriber.id, "borttagen i redaktören", unix_now())
        .await
    {
        Ok(true) => {
            // The audit row names the subscriber by number only: the address is gone on purpose.
            let mut entry = AuditEntry::new(signed.email(), "subscriber-remove")
                .detail(Some(format!("prenumerant {}", subscriber.id)));
            entry.body = Some(body.id.clone());
            if let Err(error) = app.store.editor().audit(entry, unix_now()).await {
                tracing::error!(%error, "borttagningen kunde inte loggas");
            }
            let address = subscriber.address.unwrap_or_default();
            let notice = format!(
                "{address} är borttagen från listan: adressen är raderad och inga fler brev skickas till den."
            );
            list_page(&app, &signed, &body, &name, StatusCode::OK, Some(notice), None).await
        }
        Ok(false) => {
            let message = "Prenumeranten har redan avslutat. Inget ändrades.".to_string();
            refuse(StatusCode::CONFLICT, message).await
        }
        Err(e) => page::store_failed(&e),
    }
}

/// The subscribers as CSV (RFC 4180: CRLF, quoted where needed), with a byte-order mark so spreadsheet
/// programs read it as UTF-8. Times are Europe/Stockholm.
fn csv(subscribers: &[Subscriber]) -> String {
    let mut out = String::from("\u{feff}id,lista,epost,status,anmäld,bekräftad,avslutad\r\n");
    let time = |at: Option<i64>| at.map(stockholm).unwrap_or_default();
    for s in subscribers {
        let cells = [
            s.id.to_string(),
            s.list.clone(),
            s.address.clone().unwrap_or_default(),
            state_text(s.state).to_string(),
            stockholm(s.created_at),
            time(s.confirmed_at),
            time(s.left_at),
        ];
        let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Unix seconds as "2021-05-21 14:03" in Europe/Stockholm (sortable in a spreadsheet).
fn stockholm(at: i64) -> String {
    jiff::Timestamp::from_second(at)
        .map(|t| {
            t.to_zoned(swedish::stockholm())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_stockholm_time() {
        // 2021-05-21 12:03 UTC is 14:03 in Stockholm (summer time).
        assert_eq!(stockholm(1_621_598_580), "2021-05-21 14:03");
    }
}
