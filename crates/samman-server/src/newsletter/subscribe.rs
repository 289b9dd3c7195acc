//! `GET /{body}/nyhetsbrev/` (the form) and `POST /{body}/nyhetsbrev/prenumerera` (field `epost`): the
//! first step of double opt-in. A valid address gets a confirmation mail with a single-use link valid
//! 7 days; the answer is the same page whether the address was new, pending or already confirmed (no
//! enumeration), and the mail goes out after the answer, so its timing tells nothing either. Requests are
//! throttled per client and per address; a refused address is named beside the field and nothing is
//! stored.

use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use samman_domain::Body;
use samman_newsletter::mail::Confirmation;
use samman_newsletter::{CONFIRM_VALID_SECONDS, CONSENT_VERSION, Secret, Token, check_address, paths};
use samman_render::Options;
use samman_render::email::Delivery;
use samman_site::page::{Notice, newsletter_page};
use samman_store::newsletter::{NewSubscriber, Subscribed};

use super::{html, list_of, notice, now, throttle, unavailable};
use crate::App;
use crate::routes::not_found;

/// The largest form body read.
const FORM_LIMIT: usize = 8 * 1024;

/// The page with the form.
pub async fn page(State(app): State<App>, Path(id): Path<String>) -> Response {
    let Some(body) = list_of(&app, &id) else {
        return not_found(&app);
    };
    let available = app.newsletter.as_ref().is_some_and(|n| n.mailer.is_some());
    html(
        StatusCode::OK,
        newsletter_page(&app.site, &body, "", None, available),
    )
}

/// The form's target.
pub async fn request(State(app): State<App>, Path(id): Path<String>, request: Request) -> Response {
    let Some(body) = list_of(&app, &id) else {
        return not_found(&app);
    };
    let client = request
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_default();
    let Some(form) = read_form(request).await else {
        return form_error(&app, &body, "", "Formuläret kunde inte läsas. Försök igen.");
    };
    let typed = super::personal::field(&form, "epost").unwrap_or_default();
    let address = match check_address(&typed) {
        Ok(address) => address,
        Err(error) => {
            let shown: String = typed.chars().filter(|c| !c.is_control()).take(254).collect();
            return form_error(&app, &body, &shown, &format!("E-postadress: {error}."));
        }
    };
    let Some(newsletter) = app.newsletter.clone().filter(|n| n.mailer.is_some()) else {
        return html(
            StatusCode::SERVICE_UNAVAILABLE,
            newsletter_page(&app.site, &body, "", None, false),
        );
    };
    let address_hash = newsletter.secret.address_hash(&address);
    if !newsletter.throttle.allow(
        &format!("client:{client}"),
        throttle::PER_CLIENT,
        throttle::CLIENT_WINDOW,
    ) || !newsletter.throttle.allow(
        &format!("address:{address_hash}"),
        throttle::PER_ADDRESS,
        throttle::ADDRESS_WINDOW,
    ) {
        return notice(
            &app,
            &body,
            StatusCode::TOO_MANY_REQUESTS,
            Notice {
                heading: "För många försök".into(),
                text: vec!["Vänta en stund och försök sedan igen.".into()],
                ..Notice::default()
            },
        );
    }
    let nonce = Secret::new_nonce();
    let now = now();
    let expires = now + CONFIRM_VALID_SECONDS;
    let new = NewSubscriber {
        list: body.id.clone(),
        address: address.clone(),
        address_hash,
        token_hash: newsletter.secret.nonce_hash(&nonce),
        token_expires: expires,
        consent_version: CONSENT_VERSION.into(),
        consent_source: format!("webbformuläret /{}/{}", body.id, paths::PAGE),
        now,
    };
    match app.store.newsletter().subscribe(new).await {
        Ok(Subscribed::Pending { id }) => {
            let token = newsletter.secret.sign(&Token::Confirm { id, nonce, expires });
            let url = format!("{}/{}/{}?t={token}", app.base_url, body.id, paths::CONFIRM);
            let (app, body) = (app.clone(), body.clone());
            tokio::spawn(async move { send_confirmation(&app, &body, &address, &url).await });
        }
        Ok(Subscribed::AlreadyConfirmed { .. }) => {}
        Err(error) => return unavailable(&app, &body, &error),
    }
    notice(
        &app,
        &body,
        StatusCode::OK,
        Notice {
            heading: "Kontrollera din e-post".into(),
            text: vec![
                "Om adressen kan ta emot nyhetsbrevet får du strax ett mejl med en länk. Öppna länken inom sju \
                 dagar för att bekräfta prenumerationen."
                    .into(),
                "Får du inget mejl, titta i skräpposten eller försök igen senare.".into(),
            ],
            links: vec![("Tillbaka till nyhetsbrevets sida".into(), "./".into())],
            ..Notice::default()
        },
    )
}

/// Sends the confirmation mail; a failure is logged (the person can ask again).
async fn send_confirmation(app: &App, body: &Body, to: &str, url: &str) {
    let Some(mailer) = app.newsletter.as_ref().and_then(|n| n.mailer.clone()) else {
        return;
    };
    let options = Options {
        base_url: Some(format!("{}/{}", app.base_url, body.id)),
        ..Options::default()
    };
    let from = Delivery::preview(body, &options).from;
    let confirmation = Confirmation {
        newsletter: body.newsletter.as_deref().unwrap_or("Nyhetsbrev"),
        body_short: &body.short_name,
        from_name: from.name.as_deref().unwrap_or(&body.short_name),
        from_address: &from.address,
        to,
        url,
    };
    let sent = match confirmation.message() {
        Ok(message) => mailer.send_message(message).await,
        Err(error) => Err(error),
    };
    if let Err(error) = sent {
        tracing::warn!(%error, "nyhetsbrevet: bekräftelsen kunde inte skickas");
    }
}

fn form_error(app: &App, body: &Body, typed: &str, error: &str) -> Response {
    let available = app.newsletter.as_ref().is_some_and(|n| n.mailer.is_some());
    html(
        StatusCode::BAD_REQUEST,
        newsletter_page(&app.site, body, typed, Some(error), available),
    )
}

/// The urlencoded form of `request`, or `None` when it is too large or unreadable.
pub async fn read_form(request: Request) -> Option<Vec<(String, String)>> {
    let bytes = axum::body::to_bytes(request.into_body(), FORM_LIMIT).await.ok()?;
    Some(form_urlencoded::parse(&bytes).into_owned().collect())
}
