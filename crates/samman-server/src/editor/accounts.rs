//! `/redaktor/konton`: the admin's page for accounts — every account with its role and bodies, adding
//! one (with a first password the admin gives them), changing an editor's bodies, removing one (never
//! one's own). Admins only; each change writes an audit row. The CLI (`samman user`) does the same.

use askama::Template;
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::Response;
use samman_store::{AuditEntry, NewUser, Role, StoreError, User};

use super::auth::{self, Signed};
use super::page::{self, Frame};
use crate::App;
use crate::routes::unix_now;

/// A configured body as a checkbox.
#[derive(Debug)]
struct BodyBox {
    id: String,
    name: String,
}

/// An account as listed.
#[derive(Debug)]
struct Account {
    email: String,
    role: &'static str,
    is_editor: bool,
    bodies: Vec<String>,
    is_me: bool,
}

impl Account {
    fn has(&self, body: &str) -> bool {
        self.bodies.iter().any(|b| b == body)
    }
}

#[derive(Debug, Template)]
#[template(path = "editor/accounts.html")]
struct AccountsPage {
    signed_in: Option<String>,
    csrf: String,
    accounts: Vec<Account>,
    bodies: Vec<BodyBox>,
    notice: Option<String>,
    error: Option<String>,
    /// What was typed into the add form, kept after a refusal (never the password).
    email: String,
    role: String,
    chosen: Vec<String>,
}

impl AccountsPage {
    fn is_chosen(&self, body: &str) -> bool {
        self.chosen.iter().any(|b| b == body)
    }
}

/// The form fields as posted, in order (checkboxes repeat `organ`).
type Fields = Vec<(String, String)>;

fn value<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.trim())
}

fn chosen(fields: &Fields) -> Vec<String> {
    fields
        .iter()
        .filter(|(k, _)| k == "organ")
        .map(|(_, v)| v.clone())
        .collect()
}

/// The signed-in admin, or the 403 page.
#[allow(clippy::result_large_err)] // the answer, returned at once
fn admin(signed: &Signed) -> Result<(), Response> {
    if signed.session.user.role == Role::Admin {
        return Ok(());
    }
    Err(page::message(
        StatusCode::FORBIDDEN,
        Frame::of(signed),
        "Ingen behörighet",
        "Bara administratörer kan hantera konton.",
    ))
}

/// The list of accounts and the add form.
pub async fn list(State(app): State<App>, signed: Signed) -> Response {
    if let Err(answer) = admin(&signed) {
        return answer;
    }
    accounts_page(&app, &signed, StatusCode::OK, None, None, &Fields::new()).await
}

async fn accounts_page(
    app: &App,
    signed: &Signed,
    status: StatusCode,
    notice: Option<String>,
    error: Option<String>,
    typed: &Fields,
) -> Response {
    let users = match app.store.editor().users().await {
        Ok(users) => users,
        Err(e) => return page::store_failed(&e),
    };
    let frame = Frame::of(signed);
    let accounts = users
        .into_iter()
        .map(|u: User| Account {
            is_me: u.email == signed.email(),
            role: match u.role {
                Role::Admin => "administratör",
                Role::Editor => "redaktör",
            },
            is_editor: u.role == Role::Editor,
            email: u.email,
            bodies: u.bodies,
        })
        .collect();
    let bodies = app
        .site
        .bodies
        .bodies
        .iter()
        .map(|b| BodyBox {
            id: b.id.clone(),
            name: b.name.clone(),
        })
        .collect();
    let role = match value(typed, "role") {
        "" => "editor".to_string(),
        r => r.to_string(),
    };
    page::html(
        status,
        &AccountsPage {
            signed_in: frame.signed_in,
            csrf: frame.csrf,
            accounts,
            bodies,
            notice,
            error,
            email: value(typed, "email").to_string(),
            role,
            chosen: chosen(typed),
        },
    )
}

/// The bodies chosen, checked against the configuration; an editor needs one.
fn checked_bodies(app: &App, role: Role, chosen: Vec<String>) -> Result<Vec<String>, String> {
    if let Some(unknown) = chosen.iter().find(|id| app.site.bodies.get(id).is_none()) {
        return Err(format!("Organ: {unknown:?} finns inte i organkonfigurationen."));
    }
    if role == Role::Editor && chosen.is_empty() {
        return Err("Organ: en redaktör behöver minst ett organ.".into());
    }
    Ok(chosen)
}

/// Checks the posted form's token; the refusal page otherwise.
#[allow(clippy::result_large_err)] // the answer, returned at once
fn posted(signed: &Signed, fields: &Fields) -> Result<(), Response> {
    admin(signed)?;
    if signed.csrf_ok(value(fields, "csrf")) {
        Ok(())
    } else {
        Err(page::bad_token(Frame::of(signed)))
    }
}

/// "Skapa kontot".
pub async fn add(State(app): State<App>, signed: Signed, Form(fields): Form<Fields>) -> Response {
    if let Err(answer) = posted(&signed, &fields) {
        return answer;
    }
    let refuse = async |message: String| {
        accounts_page(
            &app,
            &signed,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(format!("Inget kontot skapades. {message}")),
            &fields,
        )
        .await
    };
    let email = value(&fields, "email").to_lowercase();
    if !email.contains('@') || email.chars().any(char::is_whitespace) {
        return refuse(format!("E-post: {email:?} är ingen e-postadress.")).await;
    }
    let role = match value(&fields, "role") {
        "admin" => Role::Admin,
        "editor" => Role::Editor,
        other => return refuse(format!("Roll: {other:?} är ingen roll.")).await,
    };
    let bodies = match checked_bodies(&app, role, chosen(&fields)) {
        Ok(bodies) => bodies,
        Err(message) => return refuse(message).await,
    };
    let password = value(&fields, "password").to_string();
    let hashed = tokio::task::spawn_blocking(move || auth::hash_password(&password)).await;
    let password_hash = match hashed {
        Ok(Ok(hash)) => hash,
        Ok(Err(message)) => return refuse(format!("Lösenord: {message}.")).await,
        Err(_) => return refuse("Lösenordet kunde inte hashas.".into()).await,
    };
    let new = NewUser {
        email: email.clone(),
        password_hash,
        role,
        bodies: bodies.clone(),
    };
    match app.store.editor().add_user(new).await {
        Ok(user) => {
            let detail = format!("{} {} {}", user.email, user.role.as_str(), bodies.join(","));
            let audit = AuditEntry::new(signed.email(), "user-add").detail(Some(detail));
            changed(&app, &signed, audit, format!("Kontot {} är skapat.", user.email)).await
        }
        Err(StoreError::Invalid(message)) => refuse(format!("E-post: {message}.")).await,
        Err(e) => page::store_failed(&e),
    }
}

/// "Spara organ" on an editor's row.
pub async fn bodies(State(app): State<App>, signed: Signed, Form(fields): Form<Fields>) -> Response {
    if let Err(answer) = posted(&signed, &fields) {
        return answer;
    }
    let email = value(&fields, "email").to_string();
    let bodies = match checked_bodies(&app, Role::Editor, chosen(&fields)) {
        Ok(bodies) => bodies,
        Err(message) => {
            let message = format!("Inget ändrades för {email}. {message}");
            return refusal(&app, &signed, StatusCode::UNPROCESSABLE_ENTITY, message).await;
        }
    };
    match app.store.editor().set_bodies(&email, &bodies).await {
        Ok(user) => {
            let list = user.bodies.join(", ");
            let audit =
                AuditEntry::new(signed.email(), "user-bodies").detail(Some(format!("{} {list}", user.email)));
            changed(
                &app,
                &signed,
                audit,
                format!("{} skriver nu för: {list}.", user.email),
            )
            .await
        }
        Err(e) => failed(&app, &signed, &email, &e).await,
    }
}

/// "Ta bort kontot" (not one's own: an admin cannot lock themselves out here).
pub async fn remove(State(app): State<App>, signed: Signed, Form(fields): Form<Fields>) -> Response {
    if let Err(answer) = posted(&signed, &fields) {
        return answer;
    }
    let email = value(&fields, "email").to_lowercase();
    if email == signed.email() {
        let message = "Du kan inte ta bort ditt eget konto här.".to_string();
        return refusal(&app, &signed, StatusCode::UNPROCESSABLE_ENTITY, message).await;
    }
    match app.store.editor().remove_user(&email).await {
        Ok(()) => {
            let audit = AuditEntry::new(signed.email(), "user-remove").detail(Some(email.clone()));
            let notice = format!("Kontot {email} är borttaget, och dess inloggningar är avslutade.");
            changed(&app, &signed, audit, notice).await
        }
        Err(e) => failed(&app, &signed, &email, &e).await,
    }
}

/// After a change: its audit row, then the list saying what was done.
async fn changed(app: &App, signed: &Signed, audit: AuditEntry, notice: String) -> Response {
    audited(app, audit).await;
    accounts_page(app, signed, StatusCode::OK, Some(notice), None, &Fields::new()).await
}

/// The list saying why nothing changed.
async fn refusal(app: &App, signed: &Signed, status: StatusCode, message: String) -> Response {
    accounts_page(app, signed, status, None, Some(message), &Fields::new()).await
}

/// A change to `email` the store refused.
async fn failed(app: &App, signed: &Signed, email: &str, e: &StoreError) -> Response {
    match e {
        StoreError::NotFound => {
            let message = format!("Det finns inget konto för {email}.");
            refusal(app, signed, StatusCode::NOT_FOUND, message).await
        }
        e => page::store_failed(e),
    }
}

/// Writes an account change's audit row (a failure is logged: the change itself is done).
async fn audited(app: &App, entry: AuditEntry) {
    if let Err(error) = app.store.editor().audit(entry, unix_now()).await {
        tracing::error!(%error, "kontoändringen kunde inte loggas");
    }
}
