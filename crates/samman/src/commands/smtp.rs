//! The newsletter's settings shared by `serve` and `newsletter send`: where mail goes (`--smtp URL` or
//! `SAMMAN_SMTP_URL`), how fast, and the server secret (`SAMMAN_SECRET`, else the file `secret` in the
//! data directory; with `--database` and no data directory `SAMMAN_SECRET` is required, since every node
//! must share it).

use std::time::Duration;

use anyhow::Context;
use samman_newsletter::{Mailer, Secret, Settings};

use super::location;

#[derive(Debug, Clone, clap::Args)]
#[group(id = "smtp_settings")]
pub struct Args {
    /// SMTP server for the newsletter: smtp://host:port, smtp://host?tls=required (STARTTLS) or
    /// smtps://user:password@host:465. Default: $SAMMAN_SMTP_URL. Without it no mail is sent.
    #[arg(long, value_name = "URL")]
    pub smtp: Option<String>,
    /// Mails in flight at once (and SMTP connections).
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=256))]
    pub smtp_concurrency: u32,
    /// At most this many mails per second (default: no limit).
    #[arg(long, value_name = "PER_SECOND")]
    pub smtp_rate: Option<f64>,
    /// Seconds an SMTP command may take before the attempt counts as failed (and is retried later).
    #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub smtp_timeout: u64,
    /// Seconds before the first retry of a temporary failure (doubled per attempt, at most an hour).
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub smtp_retry: u64,
}

impl Args {
    /// The SMTP URL given, if any (the flag, else a non-empty `SAMMAN_SMTP_URL`).
    pub fn url(&self) -> Option<String> {
        self.smtp
            .clone()
            .or_else(|| std::env::var("SAMMAN_SMTP_URL").ok().filter(|u| !u.is_empty()))
    }

    pub fn settings(&self) -> anyhow::Result<Settings> {
        if let Some(rate) = self.smtp_rate
            && !(rate.is_finite() && rate > 0.0)
        {
            anyhow::bail!("--smtp-rate måste vara ett positivt tal (nu {rate})");
        }
        Ok(Settings {
            concurrency: self.smtp_concurrency as usize,
            rate: self.smtp_rate,
            timeout: Duration::from_secs(self.smtp_timeout),
            retry_base: Duration::from_secs(self.smtp_retry),
            ..Settings::default()
        })
    }

    /// The mailer for the URL given, if one is.
    pub fn mailer(&self) -> anyhow::Result<Option<Mailer>> {
        self.url()
            .map(|url| {
                Mailer::new(
                    &url,
                    Duration::from_secs(self.smtp_timeout),
                    self.smtp_concurrency,
                )
                .map_err(|e| anyhow::anyhow!("--smtp: {e}"))
            })
            .transpose()
    }
}

/// The server secret for a store at `location`.
pub fn secret(location: &location::Args) -> anyhow::Result<Secret> {
    let dir = match (&location.database, &location.data) {
        (Some(_), _) => None,
        (None, Some(dir)) => Some(dir.clone()),
        (None, None) => Some(std::path::PathBuf::from(location::DEFAULT_DIR)),
    };
    Secret::load(dir.as_deref())
        .context("nyhetsbrevets hemlighet")?
        .ok_or_else(|| {
            anyhow::anyhow!(
                "nyhetsbrevet behöver SAMMAN_SECRET (minst 32 tecken, samma på alla noder) när --database används"
            )
        })
}
