//! The editor's pages: askama templates (`templates/editor/`, HTML escaped by default) rendered into
//! answers that are never cached and may load nothing but the editor's own stylesheet, plus the common
//! answers (forbidden, not found, store failure, redirect after a post).

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use samman_store::StoreError;

/// The policy of every editor page: its own stylesheet and script (a file, never inline), requests and
/// frames (the live preview) to itself, forms to itself, nothing else.
pub const CSP: &str = "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; \
                       frame-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; \
                       frame-ancestors 'none'";

const STYLE: &str = include_str!("../../templates/editor/style.css");
const SCRIPT: &str = include_str!("../../templates/editor/redaktor.js");

/// What every page's frame shows: who is signed in, and the token its sign-out form carries.
#[derive(Debug, Default, Clone)]
pub struct Frame {
    pub signed_in: Option<String>,
    pub csrf: String,
}

impl Frame {
    pub fn of(signed: &super::auth::Signed) -> Frame {
        Frame {
            signed_in: Some(signed.email().to_string()),
            csrf: signed.session.csrf_token.clone(),
        }
    }
}

/// A rendered template as an HTML answer with `status`.
pub fn html(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(text) => {
            let mut response = (status, text).into_response();
            let h = response.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
            response
        }
        Err(e) => {
            tracing::error!(error = %e, "en redaktörssida kunde inte skapas");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Sidan kunde inte skapas. Felet är loggat.\n",
            )
                .into_response()
        }
    }
}

/// A page with a heading and one paragraph.
#[derive(Debug, Template)]
#[template(path = "editor/message.html")]
pub struct Message<'a> {
    pub signed_in: Option<String>,
    pub csrf: String,
    pub heading: &'a str,
    pub text: &'a str,
}

/// A message page with `status`.
pub fn message(status: StatusCode, frame: Frame, heading: &str, text: &str) -> Response {
    html(
        status,
        &Message {
            signed_in: frame.signed_in,
            csrf: frame.csrf,
            heading,
            text,
        },
    )
}

/// 403: signed in, but not allowed here.
pub fn forbidden(frame: Frame) -> Response {
    message(
        StatusCode::FORBIDDEN,
        frame,
        "Ingen behörighet",
        "Ditt konto får inte skriva för det här organet. Be en administratör om behörighet.",
    )
}

/// 404 inside the editor.
pub fn not_found(frame: Frame) -> Response {
    message(
        StatusCode::NOT_FOUND,
        frame,
        "Sidan finns inte",
        "Det finns ingen sådan sida i redaktören.",
    )
}

/// A form sent without the session's token (an old tab after signing in again, or a forgery).
pub fn bad_token(frame: Frame) -> Response {
    message(
        StatusCode::FORBIDDEN,
        frame,
        "Formuläret har gått ut",
        "Formuläret hörde till en tidigare inloggning. Gå tillbaka, ladda om sidan och skicka igen.",
    )
}

/// 503 when the database failed.
pub fn store_failed(error: &StoreError) -> Response {
    tracing::error!(%error, "redaktören når inte databasen");
    let mut response = (
        StatusCode::SERVICE_UNAVAILABLE,
        "Databasen svarar inte just nu. Försök igen om en stund.\n",
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// 303 to `to` (after a successful post, so reloading does not post again).
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// `/redaktor` → `/redaktor/`.
pub async fn to_home() -> Response {
    Redirect::permanent("/redaktor/").into_response()
}

/// The editor's stylesheet.
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE,
    )
        .into_response()
}

/// The editor's script: autosave, live preview, moving items without reloading (everything works
/// without it).
pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        SCRIPT,
    )
        .into_response()
}

/// Unix seconds as "21 maj 2021 kl. 10.00" in Europe/Stockholm.
pub fn when(at: i64) -> String {
    use samman_domain::swedish;
    jiff::Timestamp::from_second(at)
        .map(|t| {
            let dt = t.to_zoned(swedish::stockholm()).datetime();
            format!("{} kl. {}", swedish::date(dt.date()), swedish::time(dt.time()))
        })
        .unwrap_or_default()
}
