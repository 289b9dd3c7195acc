//! Sending over SMTP: raw messages as the e-mail rendition writes them, over the connections of
//! [`crate::smtp`] (from a URL: `smtp://host:port`, `smtp://host?tls=required` for STARTTLS,
//! `smtps://user:pass@host:465`), and the one decision a sender must make about a failure: try again later
//! (a 4xx reply, a timeout, a refused or dropped connection) or give up and record why (a 5xx reply).

use std::sync::Arc;
use std::time::Duration;

use lettre::address::Envelope;
use lettre::message::header::ContentType;
use lettre::{Address, Message};

use crate::smtp::{Failure, Pool, Server};

/// A failed delivery, with a reason that names no address (it is stored and shown to admins).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Worth another attempt later.
    #[error("tillfälligt fel: {0}")]
    Temporary(String),
    /// The server refused for good (5xx), or the message cannot be sent as it is.
    #[error("permanent fel: {0}")]
    Permanent(String),
}

/// The connections to one SMTP server, shared by every sender of a process.
#[derive(Debug, Clone)]
pub struct Mailer {
    pool: Arc<Pool>,
}

impl Mailer {
    /// A mailer for `url` with `timeout` per SMTP step, keeping up to `connections` connections open.
    pub fn new(url: &str, timeout: Duration, connections: u32) -> Result<Mailer, String> {
        let server = Server::parse(url).map_err(|e| {
            format!("SMTP-adressen går inte att använda ({e}); exempel: smtp://127.0.0.1:2525 eller smtps://namn:lösen@värd:465")
        })?;
        Ok(Mailer {
            pool: Arc::new(Pool::new(server, timeout, connections as usize)),
        })
    }

    /// Sends `message` (complete, CRLF) from `from` to `to`.
    pub async fn send(&self, from: &str, to: &str, message: &[u8]) -> Result<(), SendError> {
        let parse = |a: &str| {
            a.parse::<Address>()
                .map_err(|_| SendError::Permanent("adressen godtas inte av e-postbiblioteket".into()))
        };
        let envelope = Envelope::new(Some(parse(from)?), vec![parse(to)?])
            .map_err(|e| SendError::Permanent(e.to_string()))?;
        self.send_raw(&envelope, message).await
    }

    /// Sends a message built with lettre's builder (the confirmation mail).
    pub async fn send_message(&self, message: Message) -> Result<(), SendError> {
        self.send_raw(&message.envelope().clone(), &message.formatted())
            .await
    }

    async fn send_raw(&self, envelope: &Envelope, message: &[u8]) -> Result<(), SendError> {
        let mut connection = self.pool.take().await.map_err(unreachable)?;
        // MAIL, RCPT, DATA and the message: one step's time each.
        let transaction = connection.send(envelope, message);
        match tokio::time::timeout(self.pool.timeout() * 4, transaction).await {
            Ok(Ok(_)) => {
                self.pool.put(connection).await;
                Ok(())
            }
            // lettre has closed the connection already.
            Ok(Err(error)) => Err(classify(error)),
            Err(_) => Err(SendError::Temporary("servern svarade inte i tid".into())),
        }
    }
}

/// Why no connection could be had: always worth another attempt (the server may be back, or its
/// configuration fixed), with the reason for the admin.
fn unreachable(failure: Failure) -> SendError {
    match failure {
        Failure::Io(error) => SendError::Temporary(format!("ingen anslutning: {error}")),
        Failure::Timeout(step) => SendError::Temporary(format!("{step} tog för lång tid")),
        Failure::Smtp(error) => SendError::Temporary(without_addresses(&error.to_string())),
        Failure::NoStartTls => {
            SendError::Temporary("servern erbjuder inte STARTTLS, som ?tls=required kräver".into())
        }
    }
}

/// Temporary or permanent, with a reason that names no address.
fn classify(error: lettre::transport::smtp::Error) -> SendError {
    let reason = without_addresses(&error.to_string());
    if error.is_permanent() {
        SendError::Permanent(reason)
    } else {
        SendError::Temporary(reason)
    }
}

/// Servers quote the recipient in their replies ("550 <a@b.se>: no such user"); the reason is stored
/// after the subscriber may have left, so every word with an '@' becomes "<adress>".
pub fn without_addresses(text: &str) -> String {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| if w.contains('@') { "<adress>" } else { w })
        .collect();
    let mut out = words.join(" ");
    out.truncate(out.floor_char_boundary(300));
    out
}

/// What the confirmation mail says and where it points.
#[derive(Debug, Clone)]
pub struct Confirmation<'a> {
    /// "Nyhetsbrev Nära vård".
    pub newsletter: &'a str,
    /// "SRO".
    pub body_short: &'a str,
    pub from_name: &'a str,
    pub from_address: &'a str,
    pub to: &'a str,
    /// The single-use confirmation link.
    pub url: &'a str,
}

impl Confirmation<'_> {
    /// The message (text only, Swedish), or why it cannot be built.
    pub fn message(&self) -> Result<Message, SendError> {
        let bad = |e: String| SendError::Permanent(without_addresses(&e));
        let from = format!(
            "{} <{}>",
            self.from_name.replace(['"', '<', '>', '\r', '\n'], ""),
            self.from_address
        );
        let text = format!(
            "Hej!\n\nNågon – förhoppningsvis du – har bett att få {newsletter} från {body} till den här adressen.\n\n\
             Bekräfta prenumerationen genom att öppna länken nedan. Den gäller i sju dagar och kan användas en gång:\n\n\
             {url}\n\nHar du inte bett om nyhetsbrevet behöver du inte göra något: utan bekräftelse skickas inget mer \
             till dig.\n",
            newsletter = self.newsletter,
            body = self.body_short,
            url = self.url,
        );
        Message::builder()
            .from(
                from.parse()
                    .map_err(|e: lettre::address::AddressError| bad(e.to_string()))?,
            )
            .to(self
                .to
                .parse()
                .map_err(|e: lettre::address::AddressError| bad(e.to_string()))?)
            .subject(format!("Bekräfta din prenumeration på {}", self.newsletter))
            .header(ContentType::TEXT_PLAIN)
            .body(text)
            .map_err(|e| bad(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_name_no_address() {
        assert_eq!(
            without_addresses("permanent error (550): <anna@example.org>: användaren finns inte"),
            "permanent error (550): <adress> användaren finns inte"
        );
    }
}
