//! The newsletter e-mail: an RFC 5322 message, multipart/alternative with a text/plain and a text/html
//! part, both quoted-printable UTF-8, CRLF throughout.
//!
//! Deterministic: the Date header comes from the `now` the caller passes, the Message-ID and MIME boundary
//! are derived from the meeting (and the recipient), never from a clock or a random source.
//!
//! The newsletter sender personalises a message with a [`Delivery`]: the recipient, and the personal
//! unsubscribe link that goes into both bodies and into the RFC 8058 headers `List-Unsubscribe` and
//! `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (a DKIM signature added later must cover them).
//! Without one ([`render`]), the message is a preview addressed to "undisclosed-recipients" whose
//! unsubscribe link points at the body's newsletter page.

mod html;
mod mime;
mod text;

use std::fmt::Write;

use samman_domain::{Body, Meeting};

use crate::Options;
use crate::escape::one_line;
use crate::links::{Links, host, safe_href};
use crate::palette::Palette;
pub use mime::Mailbox;

/// Who a message goes to and how they leave the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub from: Mailbox,
    /// `None`: "undisclosed-recipients:;" (a preview, or a message sent by Bcc).
    pub to: Option<Mailbox>,
    /// The recipient's personal unsubscribe; `None` links to the newsletter page and sends no List-* headers.
    pub unsubscribe: Option<Unsubscribe>,
}

/// A personal, one-click unsubscribe (RFC 8058).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsubscribe {
    /// HTTPS URL that unsubscribes on POST (`List-Unsubscribe=One-Click`) and shows a page on GET.
    pub url: String,
    /// Optional "mailto:" alternative for `List-Unsubscribe`.
    pub mailto: Option<String>,
}

impl Delivery {
    /// A preview: from "nyhetsbrev@{host of the base URL}", to nobody in particular, no personal links.
    pub fn preview(body: &Body, options: &Options) -> Self {
        let domain = host(crate::links::base_url(body, options).as_deref());
        let name = body.newsletter.clone().unwrap_or_else(|| body.short_name.clone());
        Delivery {
            from: Mailbox::new(Some(&name), &format!("nyhetsbrev@{domain}")),
            to: None,
            unsubscribe: None,
        }
    }
}

/// "Sammanställning från SRO 21 maj 2021" (the meeting's title).
pub fn subject(meeting: &Meeting, body: &Body) -> String {
    meeting.title(body)
}

/// A deterministic Date for tools that write a message to a file (`samman render --to email`): the
/// meeting's "senast uppdaterad", else midnight of the meeting date, both Stockholm time. A sender passes
/// the real sending time instead.
pub fn date_of(meeting: &Meeting) -> jiff::Timestamp {
    let civil = meeting
        .updated
        .unwrap_or_else(|| meeting.date.to_datetime(jiff::civil::Time::midnight()));
    civil
        .to_zoned(samman_domain::swedish::stockholm())
        .map(|z| z.timestamp())
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

/// The preview message (see [`Delivery::preview`]).
pub fn render(meeting: &Meeting, body: &Body, options: &Options, now: jiff::Timestamp) -> Vec<u8> {
    render_to(meeting, body, options, now, &Delivery::preview(body, options))
}

/// The message for one delivery, as bytes ready for SMTP.
pub fn render_to(
    meeting: &Meeting,
    body: &Body,
    options: &Options,
    now: jiff::Timestamp,
    delivery: &Delivery,
) -> Vec<u8> {
    Prepared::new(meeting, body, options, now, delivery).message(delivery)
}

/// One campaign's message, rendered once for many deliveries that differ only in the recipient and the
/// personal unsubscribe link: the bodies are rendered with the first delivery's link, and each message
/// swaps in its own. A sender of thousands of mails thus renders the meeting once, not per recipient
/// (it was most of the sending cost). Byte for byte what rendering afresh gives ([`render_to`] is this
/// too): where a swap could change more than the link — no personal link to swap, another sender — the
/// message is rendered afresh.
#[derive(Debug, Clone)]
pub struct Prepared {
    meeting: Meeting,
    body: Body,
    options: Options,
    now: jiff::Timestamp,
    from: Mailbox,
    /// Whether the bodies carry a personal unsubscribe link (the one part swapped per recipient).
    personal: bool,
    letter: Letter,
    plain: String,
    html: String,
    /// The bodies' quoted-printable, made once but for the lines with the unsubscribe link.
    plain_qp: mime::QuotedPrintable,
    html_qp: mime::QuotedPrintable,
}

impl Prepared {
    /// Renders the bodies for `template` (any delivery of the campaign).
    pub fn new(
        meeting: &Meeting,
        body: &Body,
        options: &Options,
        now: jiff::Timestamp,
        template: &Delivery,
    ) -> Prepared {
        let letter = Letter::new(meeting, body, options, template);
        let (plain, html) = (text::render(&letter, meeting), html::render(&letter, meeting));
        let plain_qp = mime::QuotedPrintable::new(&plain, &letter.unsubscribe);
        let html_qp = mime::QuotedPrintable::new(&html, &crate::escape::html(&letter.unsubscribe));
        Prepared {
            meeting: meeting.clone(),
            body: body.clone(),
            options: options.clone(),
            now,
            from: template.from.clone(),
            personal: template
                .unsubscribe
                .as_ref()
                .and_then(|u| safe_href(&u.url))
                .is_some(),
            letter,
            plain,
            html,
            plain_qp,
            html_qp,
        }
    }

    /// The message for `delivery`.
    pub fn message(&self, delivery: &Delivery) -> Vec<u8> {
        let link = Letter::unsubscribe_link(&self.letter.links, delivery);
        let old = &self.letter.unsubscribe;
        if delivery.from != self.from {
            return self.fresh(delivery);
        }
        if link == *old {
            let (plain_qp, html_qp) = (self.plain_qp.whole(), self.html_qp.whole());
            return self.assemble(delivery, [&self.plain, &self.html], [plain_qp, html_qp]);
        }
        // Only a personal link (it carries the recipient's token, so it stands nowhere else in the text)
        // is swapped; the newsletter page's address, linked without one, may also stand elsewhere. The
        // text part writes the link on a line of its own, unwrapped, so its length changes nothing else.
        if self.personal && delivery.unsubscribe.is_some() {
            let escaped = crate::escape::html(&link);
            let plain = self.plain.replace(old.as_str(), &link);
            let html = self.html.replace(crate::escape::html(old).as_str(), &escaped);
            let encoded = [self.plain_qp.with(&link), self.html_qp.with(&escaped)];
            return self.assemble(delivery, [&plain, &html], [&encoded[0], &encoded[1]]);
        }
        self.fresh(delivery)
    }

    fn fresh(&self, delivery: &Delivery) -> Vec<u8> {
        Prepared::new(&self.meeting, &self.body, &self.options, self.now, delivery).message(delivery)
    }

    /// The message from its two bodies (`[plain, html]`) and their quoted-printable (`encoded`).
    fn assemble(&self, delivery: &Delivery, [plain, html]: [&str; 2], encoded: [&str; 2]) -> Vec<u8> {
        let (meeting, body, letter) = (&self.meeting, &self.body, &self.letter);
        let domain = host(letter.links.base.as_deref());
        let recipient = delivery.to.as_ref().map(|m| m.address.as_str()).unwrap_or("");
        let updated = meeting.updated.map(|u| u.to_string()).unwrap_or_default();
        let id = mime::fnv(&[&body.id, &meeting.date.to_string(), &updated, recipient]);
        let boundary = format!("=_samman_{:016x}", mime::fnv(&[plain, html]));
        let mut m = String::with_capacity(plain.len() * 2 + html.len() * 2);
        let _ = write!(m, "From: {}\r\n", delivery.from.header_value());
        match &delivery.to {
            Some(to) => {
                let _ = write!(m, "To: {}\r\n", to.header_value());
            }
            None => m.push_str("To: undisclosed-recipients:;\r\n"),
        }
        let _ = write!(m, "Subject: {}\r\n", mime::unstructured(&subject(meeting, body)));
        let _ = write!(m, "Date: {}\r\n", mime::date(self.now));
        let _ = write!(
            m,
            "Message-ID: <{}.{}.{id:016x}@{domain}>\r\n",
            clean_id(&body.id),
            meeting.date
        );
        if let Some(name) = &letter.newsletter {
            let _ = write!(
                m,
                "List-Id: {} <{}.{domain}>\r\n",
                mime::phrase(name),
                clean_id(&body.id)
            );
        }
        if let Some(u) = &delivery.unsubscribe
            && let Some(url) =
                safe_href(&u.url).filter(|h| h.starts_with("https://") || h.starts_with("http://"))
        {
            let mut value = format!("<{url}>");
            if let Some(mailto) = u
                .mailto
                .as_deref()
                .and_then(safe_href)
                .filter(|h| h.starts_with("mailto:"))
            {
                let _ = write!(value, ", <{mailto}>");
            }
            let _ = write!(m, "List-Unsubscribe: {value}\r\n");
            m.push_str("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
        }
        m.push_str("Auto-Submitted: auto-generated\r\n");
        m.push_str("Content-Language: sv\r\n");
        m.push_str("MIME-Version: 1.0\r\n");
        let _ = write!(
            m,
            "Content-Type: multipart/alternative; boundary=\"{boundary}\"\r\n\r\n"
        );
        m.push_str("Meddelandet har en textdel och en HTML-del.\r\n");
        for (kind, part) in [("plain", encoded[0]), ("html", encoded[1])] {
            let _ = write!(
                m,
                "\r\n--{boundary}\r\nContent-Type: text/{kind}; charset=utf-8\r\n\
                 Content-Transfer-Encoding: quoted-printable\r\n\r\n{part}"
            );
            if !m.ends_with("\r\n") {
                m.push_str("\r\n");
            }
        }
        let _ = write!(m, "--{boundary}--\r\n");
        m.into_bytes()
    }
}

/// The text and HTML bodies of one delivery (for previews in the editor and for tests).
pub fn bodies(meeting: &Meeting, body: &Body, options: &Options, delivery: &Delivery) -> (String, String) {
    let letter = Letter::new(meeting, body, options, delivery);
    (text::render(&letter, meeting), html::render(&letter, meeting))
}

/// What both parts say, resolved once.
#[derive(Debug, Clone)]
struct Letter {
    title: String,
    lead: String,
    links: Links,
    body_name: String,
    newsletter: Option<String>,
    /// The unsubscribe link shown in the bodies.
    unsubscribe: String,
    palette: Palette,
}

impl Letter {
    fn new(meeting: &Meeting, body: &Body, options: &Options, delivery: &Delivery) -> Self {
        let links = Links::new(meeting, body, options);
        let unsubscribe = Letter::unsubscribe_link(&links, delivery);
        Letter {
            title: one_line(&meeting.title(body)),
            lead: one_line(&meeting.lead(body)),
            body_name: crate::escape::clean(&body.name),
            newsletter: body
                .newsletter
                .as_deref()
                .map(crate::escape::clean)
                .filter(|n| !n.trim().is_empty()),
            palette: Palette::new(&body.theme),
            unsubscribe,
            links,
        }
    }
}

impl Letter {
    /// The unsubscribe link the bodies show for `delivery`.
    fn unsubscribe_link(links: &Links, delivery: &Delivery) -> String {
        delivery
            .unsubscribe
            .as_ref()
            .and_then(|u| safe_href(&u.url))
            .unwrap_or_else(|| links.newsletter())
    }
}

/// "Punkten har 3 bilder." — the e-mail names the detail slides' count and links to them on the page.
fn slides_sentence(count: usize) -> String {
    match count {
        1 => "Punkten har en bild.".to_string(),
        n => format!("Punkten har {n} bilder."),
    }
}

/// A body id made safe inside a Message-ID or List-Id.
fn clean_id(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect()
}
