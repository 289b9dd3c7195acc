//! Who is asking: argon2id password hashes, sessions kept in the store (the cookie holds a random id, the
//! database only its SHA-256), and the [`Signed`] extractor every editor page but sign-in goes through.
//!
//! Sessions end after [`IDLE`] without a request and after [`ABSOLUTE`] in any case. The cookie is
//! `HttpOnly`, `SameSite=Lax`, limited to `/redaktor`, and `Secure` when the site is served over https.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use samman_store::{Session, StoreError};
use sha2::{Digest, Sha256};

use crate::App;
use crate::routes::unix_now;

/// The session cookie's name.
pub const COOKIE: &str = "samman_redaktor";
/// A session ends after this long without a request (seconds).
pub const IDLE: i64 = 2 * 60 * 60;
/// … and this long after sign-in whatever happens (seconds).
pub const ABSOLUTE: i64 = 12 * 60 * 60;
/// The shortest password accepted for a new account.
pub const MIN_PASSWORD: usize = 10;

/// The argon2id hash (PHC string) of `password`, with a fresh salt. Slow on purpose: call it off the
/// async threads.
pub fn hash_password(password: &str) -> Result<String, String> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(format!("lösenordet måste ha minst {MIN_PASSWORD} tecken"));
    }
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| format!("lösenordet kunde inte hashas: {e}"))
}

/// Whether `password` matches the stored `hash` (false for a malformed hash).
pub fn verify_password(password: &str, hash: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), hash)
        .is_ok()
}

/// The SHA-256 (hex) under which a secret is stored or counted.
pub fn digest(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The `Set-Cookie` value that starts a session with `id`.
pub fn session_cookie(app: &App, id: &str) -> String {
    let secure = if app.is_https() { "; Secure" } else { "" };
    format!("{COOKIE}={id}; Path=/redaktor; HttpOnly; SameSite=Lax; Max-Age={ABSOLUTE}{secure}")
}

/// The `Set-Cookie` value that ends the session in the browser.
pub fn cleared_cookie(app: &App) -> String {
    let secure = if app.is_https() { "; Secure" } else { "" };
    format!("{COOKIE}=; Path=/redaktor; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}

/// The session id the browser sent, if any.
pub fn cookie_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == COOKIE && !value.is_empty())
        .map(|(_, value)| value.to_string())
}

/// A signed-in request: the session and the hash it is stored under.
#[derive(Debug, Clone)]
pub struct Signed {
    pub session: Session,
    pub id_hash: String,
}

impl Signed {
    /// The session's CSRF token is the one the form sent.
    pub fn csrf_ok(&self, given: &str) -> bool {
        crate::csrf::token_matches(&self.session.csrf_token, given)
    }

    pub fn email(&self) -> &str {
        &self.session.user.email
    }
}

/// Why a request is not signed in.
#[derive(Debug)]
pub enum NotSigned {
    /// No valid session: go and sign in (back here afterwards).
    SignIn(String),
    Store(StoreError),
}

impl IntoResponse for NotSigned {
    fn into_response(self) -> Response {
        match self {
            NotSigned::SignIn(back) => Redirect::to(&super::paths::sign_in(Some(&back))).into_response(),
            NotSigned::Store(e) => super::page::store_failed(&e),
        }
    }
}

impl FromRequestParts<App> for Signed {
    type Rejection = NotSigned;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Signed, NotSigned> {
        let back = parts.uri.path().to_string();
        let Some(id) = cookie_id(&parts.headers) else {
            return Err(NotSigned::SignIn(back));
        };
        let id_hash = digest(&id);
        let now = unix_now();
        match app
            .store
            .editor()
            .session(&id_hash, now, now - ABSOLUTE, now - IDLE)
            .await
        {
            Ok(Some(session)) => Ok(Signed { session, id_hash }),
            Ok(None) => Err(NotSigned::SignIn(back)),
            Err(e) => Err(NotSigned::Store(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn passwords_hash_as_argon2id_and_verify() {
        let hash = hash_password("rätt häst batteri").unwrap_or_default();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("rätt häst batteri", &hash));
        assert!(!verify_password("fel häst batteri", &hash));
        assert!(!verify_password("x", "inte en hash"));
        assert!(hash_password("kort").is_err());
    }

    #[test]
    fn the_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; samman_redaktor=abc; b=2"),
        );
        assert_eq!(cookie_id(&h).as_deref(), Some("abc"));
        h.insert(header::COOKIE, HeaderValue::from_static("samman_redaktor="));
        assert_eq!(cookie_id(&h), None);
    }
}
