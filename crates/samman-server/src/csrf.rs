//! Cross-site request forgery protection, in two parts that a route group opts into:
//!
//! * [`guard`] — a layer that refuses every state-changing request (anything but GET, HEAD, OPTIONS)
//!   that a browser says came from another site: `Sec-Fetch-Site` must be `same-origin`, or, where a
//!   browser sends no such header, `Origin` must be the site's own address. A request carrying neither is
//!   refused too. It is a layer per route group, not global, because some POSTs must come from elsewhere
//!   (the newsletter's RFC 8058 one-click unsubscribe is posted by mail servers).
//! * [`new_token`] / [`token_matches`] — a random token bound to a session (stored with it, sent in every
//!   form as a hidden field), compared in constant time by the handler that has the session.

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use base64::Engine;

/// The form field that carries the token.
pub const FIELD: &str = "csrf";

/// Wraps `router` so that its state-changing requests must come from `origin` (the site's own address,
/// e.g. `https://example.se`, no trailing slash).
pub fn guard<S: Clone + Send + Sync + 'static>(router: Router<S>, origin: &str) -> Router<S> {
    let origin: std::sync::Arc<str> = std::sync::Arc::from(origin.trim_end_matches('/'));
    router.layer(middleware::from_fn_with_state(origin, check))
}

async fn check(State(origin): State<std::sync::Arc<str>>, request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || same_origin(request.headers(), &origin)
    {
        return next.run(request).await;
    }
    refused()
}

/// Whether the browser says the request came from the site itself.
pub fn same_origin(headers: &HeaderMap, origin: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return site.as_bytes() == b"same-origin";
    }
    headers
        .get(header::ORIGIN)
        .is_some_and(|given| given.as_bytes() == origin.as_bytes())
}

/// 403 with a Swedish explanation.
pub fn refused() -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CACHE_CONTROL, "no-store")],
        "Begäran kom inte från webbplatsens egna sidor och avvisades (skydd mot förfalskade begäranden). \
         Ladda om sidan och försök igen.\n",
    )
        .into_response()
}

/// A fresh random token (32 bytes, URL-safe base64).
pub fn new_token() -> String {
    random_text()
}

/// 32 random bytes as URL-safe base64 (tokens and session ids).
pub fn random_text() -> String {
    let mut bytes = [0u8; 32];
    // The OS generator failing is not something a web request can recover from.
    if let Err(e) = getrandom::fill(&mut bytes) {
        panic!("the operating system's random generator failed: {e}");
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Whether `given` is the session's token, compared in time independent of where they differ.
pub fn token_matches(expected: &str, given: &str) -> bool {
    let (a, b) = (expected.as_bytes(), given.as_bytes());
    if a.is_empty() || a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn origin_rules() {
        let mut h = HeaderMap::new();
        assert!(!same_origin(&h, "https://a.se"), "no header: refused");
        h.insert(header::ORIGIN, HeaderValue::from_static("https://a.se"));
        assert!(same_origin(&h, "https://a.se"));
        h.insert(header::ORIGIN, HeaderValue::from_static("https://evil.se"));
        assert!(!same_origin(&h, "https://a.se"));
        h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(!same_origin(&h, "https://a.se"));
        h.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
        assert!(same_origin(&h, "https://a.se"), "the browser's word wins");
    }

    #[test]
    fn tokens_match_only_themselves() {
        let t = new_token();
        assert_eq!(t.len(), 43);
        assert!(token_matches(&t, &t.clone()));
        assert!(!token_matches(&t, &new_token()));
        assert!(!token_matches(&t, ""));
        assert!(!token_matches("", ""));
    }
}
