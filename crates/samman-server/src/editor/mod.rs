//! The editor for communicators, under `/redaktor/`: sign in, write a meeting in the source format (or
//! start from a pasted page text or a deck exported as Markdown), see `check`'s findings beside the
//! text, preview exactly what will be published, publish (now or at a set time), update with a change
//! note, unpublish; admins read the audit log.
//!
//! * [`auth`] — passwords (argon2id), sessions in the store, the [`auth::Signed`] extractor;
//! * [`signin`] — the sign-in page with throttling, and sign-out;
//! * [`meetings`] — a body's meetings and creating one; [`deck`] — creating one from an uploaded `.pptx`;
//! * [`edit`] — the "källtext" view and saving it (optimistic concurrency: a conflict keeps the text);
//! * [`drafts`] — autosaved drafts of it and the live preview (the JavaScript's, `templates/editor/redaktor.js`);
//! * [`item`] — one item as a form (presenters from the body's members, position, events …);
//! * [`minutes`] — attaching the minutes as a link or an uploaded PDF ([`upload`] reads file uploads);
//! * [`history`] — every revision of a meeting and the difference between any two;
//! * [`publish`] — preview, publish, unpublish ([`publish::publish`] is the one publishing step);
//! * [`audit`] — the admin's audit log; [`accounts`] — the admin's page for accounts;
//! * [`newsletter`] — a body's newsletter list: subscribers, CSV export, removal, campaigns' progress;
//! * [`page`] — rendering the templates (askama, escaped by default) and the common answers.
//!
//! Every state-changing request passes [`crate::csrf::guard`] (same origin) and carries the session's
//! CSRF token. Plain HTML forms: everything works without JavaScript.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod deck;
pub mod drafts;
pub mod edit;
pub mod history;
pub mod item;
pub mod meetings;
pub mod minutes;
pub mod newsletter;
pub mod page;
pub mod paths;
pub mod publish;
pub mod signin;
pub mod upload;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::App;

/// Every editor route, with the same-origin guard on its state-changing requests.
pub fn router(app: App) -> Router {
    let routes = Router::new()
        .route("/redaktor", get(page::to_home))
        .route("/redaktor/", get(meetings::home))
        .route("/redaktor/stil.css", get(page::stylesheet))
        .route("/redaktor/redaktor.js", get(page::script))
        .route("/redaktor/logga-in", get(signin::form).post(signin::submit))
        .route("/redaktor/logga-ut", post(signin::sign_out))
        .route("/redaktor/logg", get(audit::log))
        .route("/redaktor/konton", get(accounts::list).post(accounts::add))
        .route("/redaktor/konton/organ", post(accounts::bodies))
        .route("/redaktor/konton/ta-bort", post(accounts::remove))
        .route("/redaktor/{body}/", get(meetings::list).post(meetings::create))
        .route(
            "/redaktor/{body}/bildspel",
            post(deck::create).layer(DefaultBodyLimit::disable()),
        )
        .route("/redaktor/{body}/nyhetsbrev", get(newsletter::list))
        .route("/redaktor/{body}/nyhetsbrev.csv", get(newsletter::export))
        .route("/redaktor/{body}/nyhetsbrev/ta-bort", post(newsletter::remove))
        .route("/redaktor/{body}/{date}/", get(edit::form).post(edit::save))
        .route("/redaktor/{body}/{date}/historik", get(history::history))
        .route("/redaktor/{body}/{date}/utkast", post(drafts::autosave))
        .route("/redaktor/{body}/{date}/utkast/slang", post(drafts::discard))
        .route(
            "/redaktor/{body}/{date}/utkast/forhandsvisning",
            get(drafts::preview),
        )
        .route(
            "/redaktor/{body}/{date}/punkt/{number}",
            get(item::form).post(item::save),
        )
        .route("/redaktor/{body}/{date}/publicera", post(publish::publish_form))
        .route("/redaktor/{body}/{date}/avpublicera", post(publish::unpublish))
        .route("/redaktor/{body}/{date}/protokoll", post(minutes::attach))
        .route(
            "/redaktor/{body}/{date}/protokoll/fil",
            // The upload reads under its own limits and answers in Swedish (`upload`).
            post(minutes::upload).layer(DefaultBodyLimit::disable()),
        )
        .route("/redaktor/{body}/{date}/forhandsvisning/", get(publish::preview))
        .route(
            "/redaktor/{body}/{date}/forhandsvisning/{file}",
            get(publish::preview_file),
        )
        .with_state(app.clone());
    crate::csrf::guard(routes, &app.base_url)
}
