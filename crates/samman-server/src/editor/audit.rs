//! `/redaktor/logg`: the audit log — who did what, when — for admins only.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use samman_store::Role;

use super::auth::Signed;
use super::page::{self, Frame};
use crate::App;

/// How many rows the page shows.
const ROWS: i64 = 500;

#[derive(Debug)]
struct Row {
    at: String,
    actor: String,
    action: String,
    meeting: String,
    revision: String,
    detail: String,
}

#[derive(Debug, Template)]
#[template(path = "editor/audit.html")]
struct AuditPage {
    signed_in: Option<String>,
    csrf: String,
    rows: Vec<Row>,
}

/// The newest audit rows (admins only).
pub async fn log(State(app): State<App>, signed: Signed) -> Response {
    let frame = Frame::of(&signed);
    if signed.session.user.role != Role::Admin {
        return page::message(
            StatusCode::FORBIDDEN,
            frame,
            "Ingen behörighet",
            "Bara administratörer kan läsa händelseloggen.",
        );
    }
    let records = match app.store.editor().audit_log(ROWS).await {
        Ok(records) => records,
        Err(e) => return page::store_failed(&e),
    };
    let rows = records
        .into_iter()
        .map(|r| Row {
            at: page::when(r.at),
            actor: r.entry.actor,
            action: r.entry.action,
            meeting: [r.entry.body, r.entry.date]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
            revision: r.entry.revision.map(|n| n.to_string()).unwrap_or_default(),
            detail: r.entry.detail.unwrap_or_default(),
        })
        .collect();
    page::html(
        StatusCode::OK,
        &AuditPage {
            signed_in: frame.signed_in,
            csrf: frame.csrf,
            rows,
        },
    )
}
