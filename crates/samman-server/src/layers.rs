//! What every response passes through: security headers, compression of text, and one log line per
//! request — method, path (never the query string, never the client's address), status and time.

use std::time::Instant;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Version, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy of every answer that sets none of its own (feeds, calendars, downloads, errors): nothing
/// may load or run. Pages with inline stylesheets set their own (see `samman_site::page::csp`).
pub const DEFAULT_CSP: &str =
    "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The longest path a log line shows.
const LOGGED_PATH: usize = 200;

pub fn wrap(router: Router) -> Router {
    router
        .layer(CompressionLayer::new().compress_when(compressible))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(DEFAULT_CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(middleware::from_fn(log))
}

/// Text is compressed, and so are decks (their parts are stored, see `samman_render::pptx`); PDFs are
/// compressed already, and a byte range must stay a range.
fn compressible(status: StatusCode, _: Version, headers: &HeaderMap, _: &axum::http::Extensions) -> bool {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    status != StatusCode::PARTIAL_CONTENT
        && (kind.starts_with("text/")
            || kind.starts_with("application/atom+xml")
            || kind.starts_with("application/json")
            || kind.starts_with("application/vnd.openxmlformats-officedocument.presentationml"))
}

/// One line per request, without personal data.
async fn log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path: String = request.uri().path().chars().take(LOGGED_PATH).collect();
    let response = next.run(request).await;
    tracing::info!(
        target: "samman::http",
        %method,
        path,
        status = response.status().as_u16(),
        ms = format!("{:.1}", started.elapsed().as_secs_f64() * 1000.0),
    );
    response
}
