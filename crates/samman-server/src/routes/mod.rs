//! The public routes. The site's paths are parsed by the seam (`samman_site::SitePath`, spelled in
//! `samman_render::links::site`), so this dispatcher only maps each kind of path to its handler; one file
//! per route group: [`home`] (`/`, `/kalender.ics`), [`body`] (`/{body}/`, its feed), [`meeting`] (the
//! summary page and its downloads), [`search`] (`/sok/`, never cached by path), [`health`]. Answers are cached per request path (see [`crate::cache`]).

pub mod body;
pub mod health;
pub mod home;
pub mod meeting;
pub mod search;

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use samman_domain::{DateTime, swedish};
use samman_site::page::{csp, not_found_page};
use samman_site::{Listed, Parsed, SitePath};
use samman_store::{MeetingSummary, StoreError};

use crate::App;
use crate::cache::Cached;
use crate::respond;

pub fn router(app: App) -> Router {
    Router::new()
        .merge(crate::newsletter::router())
        .fallback(dispatch)
        .with_state(app)
}

/// What a handler answers: the page, `None` when there is nothing public at that path, or a failure.
pub type Answer = Result<Option<Arc<Cached>>, Failure>;

/// Why a page could not be made. Never the client's fault (that is a 404 or 405).
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The database did not answer: 503, try again.
    #[error("databasen svarar inte: {0}")]
    Store(#[from] StoreError),
    /// A rendition failed: a bug, 500.
    #[error("{0}")]
    Render(String),
}

async fn dispatch(State(app): State<App>, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    if let Some(rest) = uri.path().strip_prefix(crate::api::PREFIX) {
        return crate::api::answer(&app, &method, &headers, rest, uri.query()).await;
    }
    if method != Method::GET && method != Method::HEAD {
        let mut response = (StatusCode::METHOD_NOT_ALLOWED, "Metoden stöds inte.\n").into_response();
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let path = uri.path();
    if let Parsed::Page(SitePath::Search) = SitePath::parse(path) {
        return search::page(&app, uri.query());
    }
    if let Some(hit) = app.cache.page(path) {
        return respond::send(&method, &headers, &hit);
    }
    let page = match SitePath::parse(path) {
        Parsed::Page(page) => page,
        Parsed::Redirect(to) => return redirect(&to, uri.query()),
        Parsed::NotFound => return not_found(&app),
    };
    let generation = app.cache.generation();
    let answer = match &page {
        SitePath::Health => return health::check(&app).await,
        SitePath::Search => return search::page(&app, uri.query()),
        SitePath::Home => home::page(&app).await,
        SitePath::Calendar => home::calendar(&app).await,
        SitePath::Body(id) => body::page(&app, id).await,
        SitePath::Feed(id) => body::feed(&app, id).await,
        SitePath::Meeting(id, date) => meeting::page(&app, id, *date).await,
        SitePath::File(id, date, name) => meeting::download(&app, id, *date, name).await,
    };
    match answer {
        Ok(Some(answer)) => {
            app.cache.put_page(generation, path, answer.clone());
            respond::send(&method, &headers, &answer)
        }
        Ok(None) => not_found(&app),
        Err(failure) => failed(&failure),
    }
}

/// A page asked for without its trailing slash: its canonical address, with the query string kept
/// (`/sok?q=…` → `/sok/?q=…`).
fn redirect(to: &SitePath, query: Option<&str>) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::MOVED_PERMANENTLY;
    let location = match query {
        Some(query) => format!("{to}?{query}"),
        None => to.to_string(),
    };
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// The Swedish 404 page.
pub fn not_found(app: &App) -> Response {
    let html = not_found_page(&app.site);
    html_response(StatusCode::NOT_FOUND, html, "no-cache")
}

fn failed(failure: &Failure) -> Response {
    let status = match failure {
        Failure::Store(_) => StatusCode::SERVICE_UNAVAILABLE,
        Failure::Render(_) => StatusCode::INTERNAL_SERVER_ERROR,
    };
    tracing::error!(error = %failure, "sidan kunde inte skapas");
    let text = match status {
        StatusCode::SERVICE_UNAVAILABLE => "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.\n",
        _ => "Något gick fel när sidan skulle skapas. Felet är loggat.\n",
    };
    let mut response = (status, text).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// An HTML page made here with the Content-Security-Policy that fits it and the given `Cache-Control`
/// ("no-cache" for public pages, "no-store" for pages about one person).
pub fn html_response(status: StatusCode, html: String, cache_control: &'static str) -> Response {
    let policy = csp(&html);
    let mut response = (status, html).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control));
    if let Ok(v) = HeaderValue::from_str(&policy) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    response
}

/// A page made here, ready to cache: HTML with its own policy.
pub fn html_answer(html: String, last_modified: Option<i64>) -> Arc<Cached> {
    let policy = csp(&html);
    Arc::new(Cached::new(html, "text/html; charset=utf-8", last_modified).with_csp(&policy))
}

/// Now, for the store (unix seconds).
pub fn unix_now() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// Now, as civil time in Europe/Stockholm (the record's times are).
pub fn civil_now() -> DateTime {
    jiff::Timestamp::now().to_zoned(swedish::stockholm()).datetime()
}

/// A stored summary as the seam lists it; without an explicit title it is derived as the renditions do.
pub fn listed(app: &App, s: &MeetingSummary) -> Listed {
    Listed::of(&app.site, &s.body, s.date, s.title.as_deref())
}
