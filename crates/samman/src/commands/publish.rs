//! `samman publish FILE [--notify] [--data DIR | --database URL]`: stores and publishes one meeting, as
//! `load` does for one file; with `--notify` the body's newsletter goes to every confirmed subscriber.
//!
//! With `--notify` the publication, the campaign and one outbox row per recipient are written in one
//! transaction; the mails are sent by a worker (`samman serve --smtp URL`, or `samman newsletter send`).
//! Publishing the same content again changes nothing and sends nothing more (one campaign per revision).

use std::path::PathBuf;

use anyhow::Context;
use samman_domain::Bodies;
use samman_source::Format;
use samman_source::check;

use super::location;
use crate::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The meeting's source file (or any form `import` reads).
    file: PathBuf,
    /// Send the summary to the body's newsletter subscribers.
    #[arg(long)]
    notify: bool,
    #[command(flatten)]
    location: location::Args,
}

pub fn run(args: Args, bodies: &Bodies) -> anyhow::Result<Outcome> {
    let (loaded, document, meeting) = samman_site::load_meeting(&args.file, None, bodies)?;
    let errors = check::errors(&document, &loaded.text, bodies);
    if !errors.is_empty() {
        let shown = args.file.display().to_string();
        anyhow::bail!(
            "{shown}: kontrollen hittade fel, inget publicerades\n{}",
            check::render_text(&errors, &shown).trim_end()
        );
    }
    let body = samman_site::body_for(bodies, &meeting.body).unwrap_or_else(|u| *u.plain);
    if args.notify && body.newsletter.is_none() {
        anyhow::bail!(
            "organet {} har inget nyhetsbrev i organfilen (newsletter = \"…\"); inget publicerades",
            body.id
        );
    }
    let source = if document.format == Some(Format::Source) {
        loaded.text
    } else {
        samman_source::format::write(&meeting)
    };
    let title = meeting.title(&body);
    let revision = location::published(meeting, source, "samman publish");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("kan inte starta körmiljön")?;
    runtime.block_on(async {
        let (location, _) = args.location.location();
        let store = samman_store::open(&location)
            .await
            .with_context(|| format!("kan inte öppna databasen ({})", args.location.shown()))?;
        if !args.notify {
            let saved = store.save(revision).await.context("kunde inte publiceras")?;
            let what = if saved.changed { "publicerad" } else { "oförändrad" };
            eprintln!("samman: {title} {what} (version {})", saved.revision);
            return Ok(Outcome::Success);
        }
        let notified = store
            .newsletter()
            .publish_and_notify(revision, &body.id)
            .await
            .context("kunde inte publiceras")?;
        let what = if notified.saved.changed { "publicerad" } else { "oförändrad" };
        eprintln!("samman: {title} {what} (version {})", notified.saved.revision);
        if let Some(c) = notified.campaign {
            if notified.created {
                eprintln!(
                    "samman: utskick {} till {} prenumeranter ligger i utkorgen; det skickas av samman serve --smtp \
                     eller samman newsletter send",
                    c.id, c.recipients
                );
            } else {
                eprintln!("samman: den här versionen har redan utskick {}; inget nytt skickas", c.id);
            }
        }
        Ok(Outcome::Success)
    })
}
