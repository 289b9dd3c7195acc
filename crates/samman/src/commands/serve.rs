//! `samman serve [--addr 127.0.0.1:8080] [--data DIR | --database URL] [--demo]`: the public site.
//!
//! With no flags it runs on SQLite in `./samman-data` and says so, with the address to open. `--demo`
//! first loads the shipped SRO example, so a newcomer sees a real summary at once, and creates a demo
//! editor account whose address and password it prints. Stops gracefully on Ctrl-C or SIGTERM (requests
//! in flight are answered). With `--smtp URL` (or `SAMMAN_SMTP_URL`) the newsletter's delivery workers
//! run in the same process (see `commands::smtp`).

use std::net::SocketAddr;

use anyhow::Context;
use samman_domain::Bodies;
use samman_site::Site;

use super::location;
use crate::Outcome;

/// The shipped example, built in so `--demo` works from any directory.
const EXAMPLE: &str = include_str!("../../../../examples/sro-2021-05-21.md");

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on (port 0: any free port; the address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    #[command(flatten)]
    location: location::Args,
    /// Load the shipped example (SRO, 21 maj 2021) and create a demo editor account before serving.
    #[arg(long)]
    demo: bool,
    /// The site's public address (https://…): absolute links in mails, feeds, calendars and downloads
    /// point there, and cookies are secure under https. Default: $SAMMAN_BASE_URL; without either, mails
    /// link to the address served on and the rest to each body's own base_url.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// The newsletter's SMTP server and pace; with an SMTP URL, delivery workers run in this process.
    #[command(flatten)]
    smtp: super::smtp::Args,
    /// Directory of this node's search index (rebuilt from the database when missing or outdated).
    /// Default: DATA/sok with SQLite; with PostgreSQL a directory under the user's cache directory.
    #[arg(long, value_name = "DIR")]
    search_index: Option<std::path::PathBuf>,
}

pub fn run(args: Args, bodies: &Bodies) -> anyhow::Result<Outcome> {
    crate::logging::init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("kan inte starta körmiljön")?;
    runtime.block_on(serve(args, bodies.clone()))?;
    Ok(Outcome::Success)
}

async fn serve(args: Args, bodies: Bodies) -> anyhow::Result<()> {
    let base_url = crate::config::site_address(args.base_url.clone())?;
    let (location, default) = args.location.location();
    let store = samman_store::open(&location)
        .await
        .with_context(|| format!("kan inte öppna databasen ({})", args.location.shown()))?;
    if default {
        eprintln!(
            "samman: ingen --data eller --database angavs; data sparas i ./{}/samman.db (SQLite)",
            location::DEFAULT_DIR
        );
    }
    let mut first_page = "/".to_string();
    if args.demo {
        let (_, meeting) =
            samman_site::meeting_from_text(EXAMPLE, None, &bodies).context("exemplet kunde inte läsas")?;
        first_page = samman_site::SitePath::Meeting(meeting.body.clone(), meeting.date).to_string();
        store
            .save(location::published(
                meeting,
                EXAMPLE.to_string(),
                "samman serve --demo",
            ))
            .await
            .context("exemplet kunde inte sparas")?;
    }
    let demo_editor = if args.demo {
        Some(demo_editor(store.as_ref(), &bodies).await?)
    } else {
        None
    };
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("kan inte lyssna på {}", args.addr))?;
    let addr = listener.local_addr().context("okänd adress")?;
    eprintln!("samman: webbplatsen är igång på http://{addr}{first_page}  (Ctrl-C avslutar)");
    if let Some((email, password)) = demo_editor {
        eprintln!(
            "samman: redaktören: http://{addr}/redaktor/  e-post {email}  lösenord {password}  (bara för demon)"
        );
    }
    let mut site = Site::new(bodies.clone());
    // Given a public address, the feeds, calendars and downloads link there (as `build --base-url`);
    // without one, to each body's own base_url (else relatively), the bytes `build` writes without one.
    site.options.site_root = base_url.clone();
    let base_url = base_url.unwrap_or_else(|| format!("http://{addr}"));
    let mut app = samman_server::App::new(store.clone(), site).with_base_url(&base_url);
    // The newsletter: its routes need the secret; sending needs an SMTP server too.
    match super::smtp::secret(&args.location) {
        Ok(secret) => {
            let mailer = args.smtp.mailer()?;
            if let Some(mailer) = &mailer {
                let worker = samman_newsletter::Worker::new(
                    store,
                    mailer.clone(),
                    secret.clone(),
                    bodies,
                    &base_url,
                    args.smtp.settings()?,
                );
                tokio::spawn(worker.run());
                eprintln!("samman: nyhetsbrevet skickas via SMTP");
            }
            app = app.with_newsletter(samman_server::newsletter::Newsletter::new(secret, mailer));
        }
        Err(error) => eprintln!("samman: nyhetsbrevet är avstängt: {error:#}"),
    }
    if let Some(dir) = super::search_dir::dir(args.search_index.clone(), &location) {
        let index = samman_search::SearchIndex::open(&dir).context("sökindexet kan inte öppnas")?;
        app = app.with_search(index);
    }
    samman_server::serve(app, listener, samman_server::shutdown_signal())
        .await
        .context("servern stannade")?;
    eprintln!("samman: avslutad");
    Ok(())
}

/// The demo's editor account (for the example's body), made anew with a fresh password each start so the
/// printed password is the valid one.
async fn demo_editor(store: &dyn samman_store::Store, bodies: &Bodies) -> anyhow::Result<(String, String)> {
    const EMAIL: &str = "demo@example.se";
    let body = bodies
        .bodies
        .first()
        .map(|b| b.id.clone())
        .unwrap_or_else(|| "sro".into());
    match store.editor().remove_user(EMAIL).await {
        Ok(()) | Err(samman_store::StoreError::NotFound) => {}
        Err(e) => return Err(e).context("demokontot kunde inte förnyas"),
    }
    let password = samman_server::csrf::random_text()[..16].to_string();
    super::user::add(store, EMAIL, &password, samman_store::Role::Editor, vec![body]).await?;
    Ok((EMAIL.to_string(), password))
}
