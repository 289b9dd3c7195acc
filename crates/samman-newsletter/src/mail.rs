//! Sending over SMTP with lettre: one pooled transport from a URL (`smtp://host:port`,
//! `smtp://host?tls=required` for STARTTLS, `smtps://user:pass@host:465`), raw messages as the e-mail
//! rendition writes them, and the one decision a sender must make about a failure: try again later
//! (a 4xx reply, a timeout, a refused or dropped connection) or give up and record why (a 5xx reply).

use std::time::Duration;

use lettre::address::Envelope;
use lettre::message::header::ContentType;
use lettre::transport::smtp::PoolConfig;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

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

/// The SMTP transport, shared by every sender of a process (its connections are pooled).
#[derive(Debug, Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl Mailer {
    /// A transport for `url` with `timeout` per SMTP command and at most `connections` connections.
    pub fn new(url: &str, timeout: Duration, connections: u32) -> Result<Mailer, String> {
        let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| {
            format!("SMTP-adressen går inte att använda ({e}); exempel: smtp://127.0.0.1:2525 eller smtps://namn:lösen@värd:465")
        })?;
        let transport = builder
            .timeout(Some(timeout))
            .pool_config(
                PoolConfig::new()
                    .max_size(connections.max(1))
                    .idle_timeout(Duration::from_secs(30)),
            )
            .build();
        Ok(Mailer { transport })
    }

    /// Sends `message` (complete, CRLF) from `from` to `to`.
    pub async fn send(&self, from: &str, to: &str, message: &[u8]) -> Result<(), SendError> {
        let parse = |a: &str| {
            a.parse::<Address>()
                .map_err(|_| SendError::Permanent("adressen godtas inte av e-postbiblioteket".into()))
        };
        let envelope = Envelope::new(Some(parse(from)?), vec![parse(to)?])
            .map_err(|e| SendError::Permanent(e.to_string()))?;
        self.transport
            .send_raw(&envelope, message)
            .await
            .map(|_| ())
            .map_err(classify)
    }

    /// Sends a message built with lettre's builder (the confirmation mail).
    pub async fn send_message(&self, message: Message) -> Result<(), SendError> {
        self.transport.send(message).await.map(|_| ()).map_err(classify)
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
