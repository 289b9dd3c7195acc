//! The newsletter's settings shared by `serve` and `newsletter send`: where mail goes (`--smtp URL` or
//! `SAMMAN_SMTP_URL`), how fast, the DKIM key (`--dkim-key`, `--dkim-domain`, `--dkim-selector`), and the server secret (`SAMMAN_SECRET`, else the file `secret` in the
//! data directory; with `--database` and no data directory `SAMMAN_SECRET` is required, since every node
//! must share it).

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use samman_newsletter::dkim::Signer;
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
    /// Sign each newsletter with DKIM using this private key (PEM: RSA 2048–8192 bits or Ed25519).
    /// Default: $SAMMAN_DKIM_KEY. Needs --dkim-domain and --dkim-selector.
    #[arg(long, value_name = "FILE")]
    pub dkim_key: Option<std::path::PathBuf>,
    /// The signing domain (d=). Default: $SAMMAN_DKIM_DOMAIN.
    #[arg(long, value_name = "DOMAIN")]
    pub dkim_domain: Option<String>,
    /// The selector (s=): the public key is at SELECTOR._domainkey.DOMAIN. Default: $SAMMAN_DKIM_SELECTOR.
    #[arg(long, value_name = "SELECTOR")]
    pub dkim_selector: Option<String>,
}

/// A flag's value, else the non-empty environment variable.
fn flag_or_env(flag: Option<String>, variable: &str) -> Option<String> {
    flag.or_else(|| std::env::var(variable).ok().filter(|v| !v.is_empty()))
}

impl Args {
    /// The SMTP URL given, if any (the flag, else a non-empty `SAMMAN_SMTP_URL`).
    pub fn url(&self) -> Option<String> {
        flag_or_env(self.smtp.clone(), "SAMMAN_SMTP_URL")
    }

    /// The DKIM signer, when a key is given (flag or environment); all three settings or none.
    pub fn dkim(&self) -> anyhow::Result<Option<Arc<Signer>>> {
        let key = flag_or_env(
            self.dkim_key.as_ref().map(|p| p.display().to_string()),
            "SAMMAN_DKIM_KEY",
        );
        let domain = flag_or_env(self.dkim_domain.clone(), "SAMMAN_DKIM_DOMAIN");
        let selector = flag_or_env(self.dkim_selector.clone(), "SAMMAN_DKIM_SELECTOR");
        match (key, domain, selector) {
            (None, None, None) => Ok(None),
            (Some(key), Some(domain), Some(selector)) => {
                let signer = Signer::load(std::path::Path::new(&key), &domain, &selector)
                    .map_err(|e| anyhow::anyhow!("--dkim-key {e}"))?;
                Ok(Some(Arc::new(signer)))
            }
            _ => anyhow::bail!(
                "DKIM behöver alla tre: --dkim-key, --dkim-domain och --dkim-selector (eller SAMMAN_DKIM_KEY, SAMMAN_DKIM_DOMAIN, SAMMAN_DKIM_SELECTOR)"
            ),
        }
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
            dkim: self.dkim()?,
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
