//! The newsletter's routes under `/{body}/nyhetsbrev/` (paths in `samman_newsletter::paths`): the form
//! page, [`subscribe`] (double opt-in: a confirmation mail with a single-use link valid 7 days),
//! [`confirm`], and the [`personal`] links every newsletter carries — unsubscribe (GET: a page with one
//! button; POST: at once, RFC 8058 one-click, so no CSRF token), export and deletion of one's data.
//!
//! Nothing here is cached: every answer is `Cache-Control: no-store` (they carry tokens or personal data).
//! Without a configured newsletter ([`App::newsletter`] is `None`) the page says subscribing is not
//! possible and the other routes answer 503.

pub mod confirm;
pub mod personal;
pub mod subscribe;
pub mod throttle;

use std::sync::Arc;

use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use samman_domain::Body;
use samman_newsletter::{Mailer, Secret};
use samman_site::page::{Notice, newsletter_notice};

use crate::App;
use throttle::Throttle;

/// What the newsletter routes need besides the store and the site.
#[derive(Debug)]
pub struct Newsletter {
    pub secret: Secret,
    /// Sends confirmation mails; `None`: no SMTP configured, so nobody can subscribe (leaving still works).
    pub mailer: Option<Mailer>,
    pub throttle: Throttle,
}

impl Newsletter {
    pub fn new(secret: Secret, mailer: Option<Mailer>) -> Newsletter {
        Newsletter {
            secret,
            mailer,
            throttle: Throttle::default(),
        }
    }
}

/// The newsletter's routes, merged into the site's router.
pub fn router() -> Router<App> {
    Router::new()
        .route("/{body}/nyhetsbrev/", get(subscribe::page))
        .route("/{body}/nyhetsbrev/prenumerera", post(subscribe::request))
        .route(
            "/{body}/nyhetsbrev/bekrafta",
            get(confirm::page).post(confirm::confirm),
        )
        .route(
            "/{body}/nyhetsbrev/avsluta",
            get(personal::unsubscribe_page).post(personal::unsubscribe),
        )
        .route("/{body}/nyhetsbrev/uppgifter", get(personal::export))
        .route("/{body}/nyhetsbrev/radera", post(personal::delete))
}

/// The body if it has a newsletter (a list is a body with `newsletter` set in the bodies file).
pub fn list_of(app: &App, id: &str) -> Option<Body> {
    app.site
        .bodies
        .get(id)
        .filter(|b| b.newsletter.is_some())
        .cloned()
}

/// The newsletter's state, or the 503 page.
// The Err is the answer a handler returns at once; boxing it would only add an allocation.
#[allow(clippy::result_large_err)]
pub fn configured(app: &App, body: &Body) -> Result<Arc<Newsletter>, Response> {
    app.newsletter.clone().ok_or_else(|| {
        notice(
            app,
            body,
            StatusCode::SERVICE_UNAVAILABLE,
            Notice {
                heading: "Nyhetsbrevet är inte i gång".into(),
                text: vec!["Försök igen senare.".into()],
                ..Notice::default()
            },
        )
    })
}

/// A newsletter page with `status`, never cached.
pub fn notice(app: &App, body: &Body, status: StatusCode, notice: Notice) -> Response {
    html(status, newsletter_notice(&app.site, body, &notice))
}

/// An HTML answer that no cache keeps.
pub fn html(status: StatusCode, html: String) -> Response {
    crate::routes::html_response(status, html, "no-store")
}

/// The page for a link that is forged, altered, expired or used.
pub fn bad_link(app: &App, body: &Body) -> Response {
    notice(
        app,
        body,
        StatusCode::BAD_REQUEST,
        Notice {
            heading: "Länken fungerar inte".into(),
            text: vec![
                "Länken är ogiltig, har redan använts eller har gått ut. Kontrollera att hela länken kom med."
                    .into(),
            ],
            links: vec![("Till nyhetsbrevets sida".into(), "./".into())],
            ..Notice::default()
        },
    )
}

/// The store failed: 503, try again.
pub fn unavailable(app: &App, body: &Body, error: &samman_store::StoreError) -> Response {
    tracing::error!(%error, "nyhetsbrevet: databasen svarar inte");
    notice(
        app,
        body,
        StatusCode::SERVICE_UNAVAILABLE,
        Notice {
            heading: "Tjänsten är tillfälligt otillgänglig".into(),
            text: vec!["Försök igen om en stund.".into()],
            ..Notice::default()
        },
    )
}

/// Now (unix seconds).
pub fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}
