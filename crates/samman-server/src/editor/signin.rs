//! `/redaktor/logga-in` and `/redaktor/logga-ut`. A sign-in checks the throttle first (failures per
//! client address and per account within [`WINDOW`]), then the argon2id hash off the async threads; on
//! success the old session (if the browser sent one) is deleted and a new id issued, so a session id
//! planted before sign-in is worth nothing afterwards.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, Form, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use samman_store::AuditEntry;
use serde::Deserialize;

use super::auth::{self, Signed};
use super::page::{self, Frame};
use super::paths;
use crate::App;
use crate::routes::unix_now;

/// Failures are counted over this window (seconds).
pub const WINDOW: i64 = 15 * 60;
/// Failed sign-ins per account within the window before it is refused.
pub const PER_ACCOUNT: i64 = 5;
/// Failed sign-ins per client address within the window before it is refused.
pub const PER_ADDRESS: i64 = 20;

#[derive(Debug, Template)]
#[template(path = "editor/signin.html")]
struct SignIn {
    signed_in: Option<String>,
    csrf: String,
    message: Option<String>,
    email: String,
    back: String,
    /// Typed text that arrived after the session ended: carried through the sign-in.
    pending: Option<Pending>,
}

/// A save that arrived without a valid session: what was typed, kept through the sign-in.
#[derive(Debug, Clone, Deserialize)]
pub struct Pending {
    pub source: String,
    /// Text, because a flattened form field cannot be read as a number.
    pub revision: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize)]
pub struct Back {
    #[serde(default)]
    till: String,
}

/// The sign-in form.
pub async fn form(Query(back): Query<Back>) -> Response {
    page::html(StatusCode::OK, &sign_in_page(None, "", &back.till))
}

fn sign_in_page(message: Option<String>, email: &str, back: &str) -> SignIn {
    SignIn {
        signed_in: None,
        csrf: String::new(),
        message,
        email: email.to_string(),
        back: if paths::is_editor_path(back) {
            back.to_string()
        } else {
            String::new()
        },
        pending: None,
    }
}

/// The sign-in page for a save that arrived after the session ended, keeping the typed text (401).
pub fn expired(back: &str, pending: Pending) -> Response {
    let mut page = sign_in_page(
        Some("Din inloggning har gått ut. Logga in igen – texten du skrev är kvar och följer med.".into()),
        "",
        back,
    );
    page.pending = Some(pending);
    page::html(StatusCode::UNAUTHORIZED, &page)
}

#[derive(Debug, Deserialize)]
pub struct Credentials {
    email: String,
    password: String,
    #[serde(default)]
    till: String,
    #[serde(flatten)]
    pending: Option<Pending>,
}

/// Checks the credentials; starts a session and goes back where the user was headed.
pub async fn submit(
    State(app): State<App>,
    headers: HeaderMap,
    client: ClientAddr,
    Form(form): Form<Credentials>,
) -> Response {
    let email = form.email.trim().to_lowercase();
    let now = unix_now();
    let address = client.0.map_or_else(|| "okänd".to_string(), |ip| ip.to_string());
    let keys = [
        format!("adress:{}", auth::digest(&address)),
        format!("konto:{}", auth::digest(&email)),
    ];
    let editor = app.store.editor();
    for (key, limit) in keys.iter().zip([PER_ADDRESS, PER_ACCOUNT]) {
        match editor.failed_logins(key, now - WINDOW).await {
            Ok(n) if n >= limit => {
                let text = "För många misslyckade inloggningar. Vänta en kvart och försök igen.";
                let mut again = sign_in_page(Some(text.into()), &email, &form.till);
                again.pending = form.pending;
                return page::html(StatusCode::TOO_MANY_REQUESTS, &again);
            }
            Ok(_) => {}
            Err(e) => return page::store_failed(&e),
        }
    }
    let user = match editor.user_by_email(&email).await {
        Ok(user) => user,
        Err(e) => return page::store_failed(&e),
    };
    // An unknown account is checked against a fixed hash too, so timing does not tell accounts apart.
    let hash = user
        .as_ref()
        .map_or_else(|| DUMMY_HASH.clone(), |u| u.password_hash.clone());
    let password = form.password;
    let matches = tokio::task::spawn_blocking(move || auth::verify_password(&password, &hash))
        .await
        .unwrap_or(false);
    let Some(user) = user.filter(|_| matches) else {
        for key in &keys {
            if let Err(e) = editor.record_failed_login(key, now, now - WINDOW).await {
                return page::store_failed(&e);
            }
        }
        let text = "Fel e-postadress eller lösenord.";
        let mut again = sign_in_page(Some(text.into()), &email, &form.till);
        again.pending = form.pending;
        return page::html(StatusCode::UNAUTHORIZED, &again);
    };
    if let Some(old) = auth::cookie_id(&headers)
        && let Err(e) = editor.delete_session(&auth::digest(&old)).await
    {
        return page::store_failed(&e);
    }
    let id = crate::csrf::random_text();
    let started = editor
        .create_session(&auth::digest(&id), user.id, &crate::csrf::new_token(), now)
        .await;
    let audited = editor.audit(AuditEntry::new(&user.email, "sign-in"), now).await;
    let cleared = editor.clear_failed_logins(&keys[1]).await;
    if let Err(e) = started.and(audited).and(cleared) {
        return page::store_failed(&e);
    }
    let cookie = auth::session_cookie(&app, &id);
    if let Some(pending) = form.pending {
        // Back to the text that was typed, not yet saved: the page the save would have answered with.
        let signed = match editor
            .session(&auth::digest(&id), now, now - auth::ABSOLUTE, now - auth::IDLE)
            .await
        {
            Ok(Some(session)) => Signed {
                session,
                id_hash: auth::digest(&id),
            },
            Ok(None) => return page::store_failed(&samman_store::StoreError::NotFound),
            Err(e) => return page::store_failed(&e),
        };
        let answer = super::edit::resume(&app, &signed, &form.till, pending).await;
        return with_cookie(answer, &cookie);
    }
    let to = if paths::is_editor_path(&form.till) {
        form.till.as_str()
    } else {
        "/redaktor/"
    };
    with_cookie(page::see_other(to), &cookie)
}

/// Ends the session (a POST with the session's token).
pub async fn sign_out(
    State(app): State<App>,
    signed: Signed,
    Form(form): Form<super::edit::TokenOnly>,
) -> Response {
    if !signed.csrf_ok(&form.csrf) {
        return page::bad_token(Frame::of(&signed));
    }
    let editor = app.store.editor();
    let ended = editor.delete_session(&signed.id_hash).await;
    let audited = editor
        .audit(AuditEntry::new(signed.email(), "sign-out"), unix_now())
        .await;
    if let Err(e) = ended.and(audited) {
        return page::store_failed(&e);
    }
    with_cookie(
        page::see_other(&paths::sign_in(None)),
        &auth::cleared_cookie(&app),
    )
}

/// The client's address, when the server was started with it (`samman_server::serve` is).
#[derive(Debug)]
pub struct ClientAddr(Option<std::net::IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<ClientAddr, Self::Rejection> {
        let info = parts.extensions.get::<ConnectInfo<SocketAddr>>();
        Ok(ClientAddr(info.map(|c| c.0.ip())))
    }
}

fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response.into_response()
}

/// An argon2id hash of a random password nobody knows, to spend the same time on unknown accounts.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| auth::hash_password(&crate::csrf::random_text()).unwrap_or_default());
