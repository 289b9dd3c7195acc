//! `samman newsletter status|campaigns|subscribers|export|remove|send|retry`: the newsletter's admin on
//! the command line (the editor's pages come later).
//!
//! * `status` — campaigns not yet finished: sent, pending, failed, and the latest reason for a failure;
//! * `campaigns` — every campaign, newest first;
//! * `subscribers [--list BODY]` — subscribers and their state; `export` — the same as CSV on stdout;
//! * `remove ADDRESS [--list BODY]` — unsubscribes an address (its personal data is removed);
//! * `send --smtp URL --base-url URL` — delivers what is due now and ends (scripts, cron);
//! * `retry [CAMPAIGN]` — puts failed deliveries back in the queue (after fixing the SMTP server).

use std::io::Write;
use std::sync::Arc;

use anyhow::Context;
use samman_domain::{Bodies, swedish};
use samman_newsletter::Worker;
use samman_newsletter::export::cell;
use samman_store::Store;
use samman_store::newsletter::{CampaignStatus, Subscriber};

use super::{location, smtp};
use crate::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

/// The subcommand and where the data lives (`--data DIR | --database URL`, after the subcommand).
#[derive(Debug, clap::Args)]
struct On<T: clap::Args> {
    #[command(flatten)]
    what: T,
    #[command(flatten)]
    location: location::Args,
}

#[derive(Debug, clap::Args)]
struct Nothing {}

#[derive(Debug, clap::Args)]
struct List {
    /// Only this body's list.
    #[arg(long, value_name = "BODY")]
    list: Option<String>,
}

#[derive(Debug, clap::Args)]
struct Remove {
    address: String,
    #[arg(long, value_name = "BODY")]
    list: Option<String>,
}

#[derive(Debug, clap::Args)]
struct Send {
    #[command(flatten)]
    smtp: smtp::Args,
    /// The site's public address, for the links in the mails. Default: $SAMMAN_BASE_URL.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

#[derive(Debug, clap::Args)]
struct Retry {
    campaign: Option<i64>,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Campaigns still being sent, or with failures, and why.
    Status(On<Nothing>),
    /// Every campaign, newest first.
    Campaigns(On<Nothing>),
    /// Subscribers and their state.
    Subscribers(On<List>),
    /// Subscribers as CSV on standard output.
    Export(On<List>),
    /// Unsubscribe an address and remove its personal data.
    Remove(On<Remove>),
    /// Deliver what is due now over SMTP, then stop.
    Send(On<Send>),
    /// Queue failed deliveries again (all campaigns, or one).
    Retry(On<Retry>),
}

impl Command {
    fn location(&self) -> &location::Args {
        match self {
            Command::Status(on) | Command::Campaigns(on) => &on.location,
            Command::Subscribers(on) | Command::Export(on) => &on.location,
            Command::Remove(on) => &on.location,
            Command::Send(on) => &on.location,
            Command::Retry(on) => &on.location,
        }
    }
}

pub fn run(args: Args, bodies: &Bodies) -> anyhow::Result<Outcome> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("kan inte starta körmiljön")?;
    runtime.block_on(async {
        let given = args.command.location();
        let (location, _) = given.location();
        let store = samman_store::open(&location)
            .await
            .with_context(|| format!("kan inte öppna databasen ({})", given.shown()))?;
        command(args, store, bodies).await
    })
}

async fn command(args: Args, store: Arc<dyn Store>, bodies: &Bodies) -> anyhow::Result<Outcome> {
    let n = store.newsletter();
    let mut out = std::io::stdout().lock();
    match args.command {
        Command::Status(_) => {
            let open: Vec<_> = n
                .campaigns()
                .await?
                .into_iter()
                .filter(|c| c.pending > 0 || c.failed > 0)
                .collect();
            if open.is_empty() {
                writeln!(out, "Inga utskick pågår och inga har misslyckats.")?;
            }
            for c in &open {
                print_campaign(&mut out, c)?;
            }
        }
        Command::Campaigns(_) => {
            for c in &n.campaigns().await? {
                print_campaign(&mut out, c)?;
            }
        }
        Command::Subscribers(on) => {
            for s in n.subscribers(on.what.list.as_deref()).await? {
                writeln!(
                    out,
                    "{:>6}  {:<10} {:<10} {:<40} {}",
                    s.id,
                    s.list,
                    state(&s),
                    s.address.as_deref().unwrap_or("(raderad)"),
                    s.confirmed_at.map(when).unwrap_or_default()
                )?;
            }
        }
        Command::Export(on) => {
            writeln!(out, "id,lista,epost,status,anmald,bekraftad,avslutad")?;
            for s in n.subscribers(on.what.list.as_deref()).await? {
                let time = |t: Option<i64>| t.map(|t| t.to_string()).unwrap_or_default();
                writeln!(
                    out,
                    "{},{},{},{},{},{},{}",
                    s.id,
                    cell(&s.list),
                    cell(s.address.as_deref().unwrap_or("")),
                    s.state.as_str(),
                    s.created_at,
                    time(s.confirmed_at),
                    time(s.left_at)
                )?;
            }
        }
        Command::Remove(on) => {
            let Remove { address, list } = on.what;
            let address =
                samman_newsletter::check_address(&address).map_err(|e| anyhow::anyhow!("adressen: {e}"))?;
            let secret = smtp::secret(&on.location)?;
            let hash = secret.address_hash(&address);
            let lists: Vec<String> = match list {
                Some(list) => vec![list],
                None => bodies.bodies.iter().map(|b| b.id.clone()).collect(),
            };
            let mut removed = 0;
            for list in lists {
                if let Some(s) = n.subscriber_by_hash(&list, &hash).await?
                    && n.leave(s.id, "borttagen av administratör", now()).await?
                {
                    removed += 1;
                    writeln!(out, "Borttagen från {list}.")?;
                }
            }
            if removed == 0 {
                writeln!(out, "Adressen finns inte på någon lista.")?;
                return Ok(Outcome::Negative);
            }
        }
        Command::Send(on) => {
            let Send { smtp, base_url } = on.what;
            let base_url = base_url
                .or_else(|| std::env::var("SAMMAN_BASE_URL").ok().filter(|u| !u.is_empty()))
                .ok_or_else(|| {
                    anyhow::anyhow!("ange --base-url (eller SAMMAN_BASE_URL) för länkarna i breven")
                })?;
            samman_domain::url::check_base_url(&base_url)
                .map_err(|r| anyhow::anyhow!("--base-url {base_url:?} {r}"))?;
            let mailer = smtp
                .mailer()?
                .ok_or_else(|| anyhow::anyhow!("ange --smtp URL (eller SAMMAN_SMTP_URL)"))?;
            let secret = smtp::secret(&on.location)?;
            let worker = Worker::new(
                store.clone(),
                mailer,
                secret,
                bodies.clone(),
                &base_url,
                smtp.settings()?,
            );
            let done = worker.drain().await?;
            writeln!(
                out,
                "{} skickade, {} väntar på nytt försök, {} misslyckades.",
                done.sent, done.retried, done.failed
            )?;
        }
        Command::Retry(on) => {
            let count = n.retry_failed(on.what.campaign, now()).await?;
            writeln!(out, "{count} leveranser köade igen.")?;
        }
    }
    Ok(Outcome::Success)
}

fn print_campaign(out: &mut impl Write, c: &CampaignStatus) -> std::io::Result<()> {
    writeln!(
        out,
        "Utskick {} · {} {} (version {}) · skapat {} · {} mottagare: {} skickade, {} väntar, {} misslyckade, {} avslutade före utskick",
        c.campaign.id,
        c.body,
        swedish::date(c.date),
        c.campaign.revision,
        when(c.campaign.created_at),
        c.campaign.recipients,
        c.sent,
        c.pending,
        c.failed,
        c.skipped
    )?;
    if let Some(error) = &c.last_error {
        writeln!(out, "  senaste fel: {error}")?;
    }
    Ok(())
}

fn state(s: &Subscriber) -> &'static str {
    match s.state {
        samman_store::newsletter::SubscriberState::Pending => "väntar",
        samman_store::newsletter::SubscriberState::Confirmed => "bekräftad",
        samman_store::newsletter::SubscriberState::Left => "avslutad",
    }
}

/// "21 maj 2021 14:03" in Stockholm time.
fn when(t: i64) -> String {
    match jiff::Timestamp::from_second(t) {
        Ok(ts) => {
            let z = ts.to_zoned(swedish::stockholm());
            format!("{} {:02}:{:02}", swedish::date(z.date()), z.hour(), z.minute())
        }
        Err(_) => t.to_string(),
    }
}

fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}
