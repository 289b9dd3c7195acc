//! The delivery worker: drains the outbox over SMTP.
//!
//! The worker keeps at most `concurrency` sends in flight, claiming due rows in batches (each under a
//! fresh claim id with a lease) as slots free up; it makes each
//! recipient's message (the campaign's message, rendered once per process as an `email::Prepared`, with
//! the personal unsubscribe link, `List-Unsubscribe` and `List-Unsubscribe-Post`), replaces its
//! Message-ID by the row's stable one, sends them side by side (at most `concurrency` at once, paced by
//! the rate limit, over the mailer's kept connections) and
//! marks each row: sent; retried later with exponential backoff (a 4xx reply, a timeout, a refused or
//! dropped connection); or failed with the reason (a 5xx reply, or too many attempts).
//!
//! The lease is longer than a send can take (five SMTP timeouts and a margin), so a row is only claimed
//! again when its worker is gone; a send that would start after half the lease has passed is given
//! back instead. Several workers — threads, processes, nodes on one PostgreSQL — share the outbox
//! safely: claims never overlap, and a mark only counts with the claim that took the row.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use samman_domain::{Bodies, Body};
use samman_render::Options;
use samman_render::email::{Delivery, Mailbox, Prepared, Unsubscribe};
use samman_store::newsletter::Claimed;
use samman_store::{Store, StoreError};
use tokio::task::JoinSet;

use crate::mail::{Mailer, SendError};
use crate::secret::Secret;

/// How the worker behaves.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Mails in flight at once (and SMTP connections).
    pub concurrency: usize,
    /// At most this many mails per second (`None`: as fast as the server takes them).
    pub rate: Option<f64>,
    /// Per SMTP command.
    pub timeout: Duration,
    /// First retry after this; doubled per attempt, at most an hour.
    pub retry_base: Duration,
    /// Attempts before a row is failed for good.
    pub max_attempts: i64,
    /// How often an idle worker looks for due rows.
    pub idle_poll: Duration,
    /// Signs every newsletter with DKIM when given.
    pub dkim: Option<Arc<crate::dkim::Signer>>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            concurrency: 8,
            rate: None,
            timeout: Duration::from_secs(30),
            retry_base: Duration::from_secs(30),
            max_attempts: 8,
            idle_poll: Duration::from_secs(1),
            dkim: None,
        }
    }
}

impl Settings {
    /// How long a claim holds its rows.
    pub fn lease(&self) -> Duration {
        self.timeout * 5 + Duration::from_secs(5)
    }
}

/// A worker over one store, sending with one mailer. Cheap to clone; clones share the pacing.
#[derive(Debug, Clone)]
pub struct Worker {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    store: Arc<dyn Store>,
    mailer: Mailer,
    secret: Secret,
    bodies: Bodies,
    /// The site's public address without a trailing slash; a body's pages are under `{base}/{body}/`.
    base_url: String,
    settings: Settings,
    /// The next moment a mail may start (rate limit).
    pace: tokio::sync::Mutex<Instant>,
    /// Each campaign's message, rendered once ([`Prepared`]: each recipient's link is swapped in).
    prepared: Mutex<HashMap<i64, Arc<Prepared>>>,
}

/// Rows claimed together: the claim id and when it was asked for (its lease counts from then).
struct Claim {
    id: String,
    at: Instant,
    rows: Vec<Claimed>,
}

/// What a drain did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub claimed: usize,
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

impl Worker {
    pub fn new(
        store: Arc<dyn Store>,
        mailer: Mailer,
        secret: Secret,
        bodies: Bodies,
        base_url: &str,
        settings: Settings,
    ) -> Worker {
        Worker {
            inner: Arc::new(Inner {
                store,
                mailer,
                secret,
                bodies,
                base_url: base_url.trim_end_matches('/').to_string(),
                settings,
                pace: tokio::sync::Mutex::new(Instant::now()),
                prepared: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// Works until the task is dropped: drains while there is work, a short sleep when there is none
    /// (and after a database error, which is logged).
    pub async fn run(self) {
        loop {
            match self.drain().await {
                Ok(done) if done.claimed > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "nyhetsbrevet: utkorgen kunde inte läsas"),
            }
            tokio::time::sleep(self.inner.settings.idle_poll).await;
        }
    }

    /// Sends until nothing is due now (rows waiting for a retry later are left); returns the totals.
    ///
    /// Keeps up to `concurrency` sends in flight: as soon as half the slots are free it claims that many
    /// more rows (a claim of its own, with its own lease). Claiming only once a whole batch was done
    /// left the connections idle while the slowest mail of each batch finished and the next claim was
    /// written — a quarter of the sending time on loopback.
    pub async fn drain(&self) -> Result<Round, StoreError> {
        let concurrency = self.inner.settings.concurrency.max(1);
        let mut total = Round::default();
        let mut tasks = JoinSet::new();
        let mut due = true;
        loop {
            let free = concurrency - tasks.len();
            if due && (tasks.is_empty() || free >= concurrency.div_ceil(2)) {
                let claim = self.claim(free).await?;
                // Fewer rows than asked for: nothing more is due now.
                due = claim.rows.len() == free;
                total.claimed += claim.rows.len();
                let (id, at, lease) = (Arc::new(claim.id), claim.at, self.inner.settings.lease());
                for row in claim.rows {
                    let (worker, id) = (self.clone(), id.clone());
                    tasks.spawn(async move { worker.deliver(row, &id, at, lease).await });
                }
            }
            let Some(done) = tasks.join_next().await else {
                return Ok(total);
            };
            match done {
                Ok(Ok(Outcome::Sent)) => total.sent += 1,
                Ok(Ok(Outcome::Retry)) => total.retried += 1,
                Ok(Ok(Outcome::Failed)) => total.failed += 1,
                Ok(Err(error)) => return Err(error),
                Err(panic) => return Err(StoreError::Database(format!("ett utskick avbröts: {panic}"))),
            }
        }
    }

    /// Claims at most `count` due rows under a fresh claim id.
    async fn claim(&self, count: usize) -> Result<Claim, StoreError> {
        let id = format!("w{}", Secret::new_nonce());
        let at = Instant::now();
        let lease = self.inner.settings.lease();
        let rows = self
            .inner
            .store
            .newsletter()
            .claim(
                &id,
                unix_now(),
                i64::try_from(lease.as_secs()).unwrap_or(i64::MAX),
                i64::try_from(count).unwrap_or(1),
            )
            .await?;
        Ok(Claim { id, at, rows })
    }

    /// Sends one claimed row and records what happened.
    async fn deliver(
        &self,
        row: Claimed,
        claim: &str,
        claimed_at: Instant,
        lease: Duration,
    ) -> Result<Outcome, StoreError> {
        let newsletter = self.inner.store.newsletter();
        self.pace().await;
        if claimed_at.elapsed() > lease / 2 {
            // Too late to start safely within the lease: give the row back untouched.
            newsletter
                .mark_retry(row.outbox_id, claim, "väntade för länge på sin tur", unix_now())
                .await?;
            return Ok(Outcome::Retry);
        }
        let result = match self.message(&row).await {
            Ok((from, message)) => self.inner.mailer.send(&from, &row.address, &message).await,
            Err(error) => Err(error),
        };
        let settings = &self.inner.settings;
        match result {
            Ok(()) => {
                if !newsletter.mark_sent(row.outbox_id, claim, unix_now()).await? {
                    tracing::warn!(
                        outbox = row.outbox_id,
                        "nyhetsbrevet: raden hade redan tagits över"
                    );
                }
                Ok(Outcome::Sent)
            }
            Err(SendError::Temporary(reason)) if row.attempts < settings.max_attempts => {
                let exponent = u32::try_from(row.attempts.saturating_sub(1))
                    .unwrap_or(30)
                    .min(20);
                let wait = settings
                    .retry_base
                    .saturating_mul(2u32.saturating_pow(exponent))
                    .min(Duration::from_secs(3600));
                let next = unix_now() + i64::try_from(wait.as_secs()).unwrap_or(3600);
                newsletter
                    .mark_retry(row.outbox_id, claim, &format!("tillfälligt fel: {reason}"), next)
                    .await?;
                Ok(Outcome::Retry)
            }
            Err(error) => {
                let reason = match error {
                    SendError::Temporary(reason) => {
                        format!("gav upp efter {} försök: {reason}", row.attempts)
                    }
                    SendError::Permanent(reason) => format!("permanent fel: {reason}"),
                };
                newsletter.mark_failed(row.outbox_id, claim, &reason).await?;
                Ok(Outcome::Failed)
            }
        }
    }

    /// Waits for this mail's turn under the rate limit.
    async fn pace(&self) {
        let Some(rate) = self.inner.settings.rate.filter(|r| *r > 0.0) else {
            return;
        };
        let interval = Duration::from_secs_f64(1.0 / rate);
        let slot = {
            let mut next = self.inner.pace.lock().await;
            let slot = (*next).max(Instant::now());
            *next = slot + interval;
            slot
        };
        tokio::time::sleep_until(slot.into()).await;
    }

    /// The envelope sender and the message for one row.
    async fn message(&self, row: &Claimed) -> Result<(String, Vec<u8>), SendError> {
        let body: Body = self
            .inner
            .bodies
            .get(&row.list)
            .cloned()
            .unwrap_or_else(|| Body::named(&row.list, &row.list, &row.list));
        let base = format!("{}/{}", self.inner.base_url, row.list);
        let options = Options {
            base_url: Some(base.clone()),
            ..Options::default()
        };
        let token = self.inner.secret.personal(row.subscriber_id, &row.address_hash);
        let from = Delivery::preview(&body, &options).from;
        let delivery = Delivery {
            to: Some(Mailbox::new(None, &row.address)),
            unsubscribe: Some(Unsubscribe {
                url: format!("{base}/{}?t={token}", crate::paths::UNSUBSCRIBE),
                mailto: None,
            }),
            from: from.clone(),
        };
        let prepared = self
            .prepared(row.campaign_id, &body, &options, &delivery)
            .await
            .map_err(|e| SendError::Temporary(e.to_string()))?;
        let bytes = prepared.message(&delivery);
        let host = samman_render::links::host(Some(&self.inner.base_url));
        let message = with_message_id(bytes, &format!("<{}@{host}>", row.message_id));
        // Signed last, over exactly the bytes sent (the stable Message-ID included).
        let message = match &self.inner.settings.dkim {
            Some(signer) => signer.sign(&message, unix_now()).map_err(SendError::Temporary)?,
            None => message,
        };
        Ok((from.address, message))
    }

    /// The campaign's message rendered once (with this delivery as the template; the Date is now).
    async fn prepared(
        &self,
        campaign: i64,
        body: &Body,
        options: &Options,
        delivery: &Delivery,
    ) -> Result<Arc<Prepared>, StoreError> {
        if let Some(p) = self.cached(campaign) {
            return Ok(p);
        }
        let meeting = self.inner.store.newsletter().campaign_meeting(campaign).await?;
        let prepared = Arc::new(Prepared::new(
            &meeting,
            body,
            options,
            jiff::Timestamp::now(),
            delivery,
        ));
        if let Ok(mut cache) = self.inner.prepared.lock() {
            cache.insert(campaign, prepared.clone());
        }
        Ok(prepared)
    }

    fn cached(&self, campaign: i64) -> Option<Arc<Prepared>> {
        self.inner.prepared.lock().ok()?.get(&campaign).cloned()
    }
}

enum Outcome {
    Sent,
    Retry,
    Failed,
}

/// The message with its Message-ID header replaced by `id`: the rendition derives one from the meeting
/// and the recipient; the outbox row's is stable across every attempt of that row and unique per
/// campaign, which is what lets a receiver drop a second copy after a crash.
pub fn with_message_id(message: Vec<u8>, id: &str) -> Vec<u8> {
    let head_end = find(&message, b"\r\n\r\n").unwrap_or(message.len());
    let Some(start) = find(&message[..head_end], b"\r\nMessage-ID: ").map(|i| i + 2) else {
        return message;
    };
    let end = find(&message[start..], b"\r\n").map_or(head_end, |i| start + i);
    let mut out = Vec::with_capacity(message.len() + id.len());
    out.extend_from_slice(&message[..start]);
    out.extend_from_slice(b"Message-ID: ");
    out.extend_from_slice(id.as_bytes());
    out.extend_from_slice(&message[end..]);
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn unix_now() -> i64 {
    jiff::Timestamp::now().as_second()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_id_is_replaced_in_the_header_only() {
        let message = b"From: a\r\nMessage-ID: <x@y>\r\nSubject: s\r\n\r\nMessage-ID: <body>\r\n".to_vec();
        let out = String::from_utf8(with_message_id(message, "<samman.c1.s2@h>")).unwrap();
        assert_eq!(
            out,
            "From: a\r\nMessage-ID: <samman.c1.s2@h>\r\nSubject: s\r\n\r\nMessage-ID: <body>\r\n"
        );
    }
}
