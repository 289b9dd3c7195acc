//! Atom 1.0 feed (RFC 4287) of one body's meetings, newest first.
//!
//! Each entry is one meeting's summary: its page, deck and PDF as links, the lead as summary, and the
//! agenda with each item's content, dates and position as HTML content. Entry ids are tag URIs built from the site's host,
//! the body and the date, so they survive a move of the site's path. No clock: the feed's `updated` is the
//! newest entry's.

use std::fmt::Write;

use samman_domain::{Body, Meeting, swedish};

use crate::links::{FEED, Links, base_url, host, under_base};
use crate::markup::{self, Hrefs};
use crate::{Options, escape};

/// The feed of `meetings` (all of `body`), sorted newest first; a date given twice appears once.
pub fn render(meetings: &[&Meeting], body: &Body, options: &Options) -> String {
    let mut sorted: Vec<&Meeting> = meetings.to_vec();
    // Stable sort: meetings on the same date keep their given order.
    sorted.sort_by_key(|m| std::cmp::Reverse(m.date));
    // One entry per date (the body is the same): a meeting given twice would repeat its entry id.
    sorted.dedup_by(|a, b| a.date == b.date);
    let base = base_url(body, options);
    let domain = host(base.as_deref());
    let feed_updated = sorted
        .iter()
        .map(|m| updated(m))
        .max()
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let x = escape::html;
    let mut out = String::with_capacity(4096 + 2048 * sorted.len());
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"sv\">\n");
    // A tag URI needs a date on which the authority held the name; a fixed one keeps the id stable.
    let _ = writeln!(out, "  <id>tag:{domain},2021:{}</id>", x(&body.id));
    let _ = writeln!(
        out,
        "  <title>Sammanställningar från {}</title>",
        x(&body.short_name)
    );
    let _ = writeln!(out, "  <subtitle>{}</subtitle>", x(&body.name));
    if let Some(base) = &base {
        let _ = writeln!(
            out,
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
            x(&under_base(Some(base), FEED))
        );
        let _ = writeln!(
            out,
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            x(&under_base(Some(base), ""))
        );
    }
    let _ = writeln!(out, "  <updated>{feed_updated}</updated>");
    let _ = writeln!(out, "  <author><name>{}</name></author>", x(&body.name));
    out.push_str("  <generator>samman</generator>\n");
    for meeting in sorted {
        entry(&mut out, meeting, body, options, &domain);
    }
    out.push_str("</feed>\n");
    out
}

fn entry(out: &mut String, meeting: &Meeting, body: &Body, options: &Options, domain: &str) {
    let x = escape::html;
    let links = Links::new(meeting, body, options);
    let _ = write!(
        out,
        "  <entry>\n    <id>tag:{domain},{}:{}/{}</id>\n    <title>{}</title>\n    <updated>{}</updated>\n",
        meeting.date.year(),
        x(&body.id),
        meeting.date,
        x(&meeting.title(body)),
        updated(meeting)
    );
    let _ = writeln!(
        out,
        "    <published>{}</published>",
        swedish::rfc3339(meeting.date.to_datetime(jiff::civil::Time::midnight()))
    );
    if links.base.is_some() {
        let _ = write!(
            out,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    \
             <link rel=\"enclosure\" type=\"application/vnd.openxmlformats-officedocument.presentationml.presentation\" \
             title=\"Presentation (PowerPoint)\" href=\"{}\"/>\n    \
             <link rel=\"enclosure\" type=\"application/pdf\" title=\"Sammanställning (PDF)\" href=\"{}\"/>\n",
            x(&links.page),
            x(&links.deck()),
            x(&links.pdf())
        );
    }
    let _ = writeln!(out, "    <summary>{}</summary>", x(&meeting.lead(body)));
    let _ = writeln!(
        out,
        "    <content type=\"html\">{}</content>",
        x(&content_html(meeting, &links))
    );
    out.push_str("  </entry>\n");
}

/// The entry's content: each item with presenters, content, dates and position (links absolute).
fn content_html(meeting: &Meeting, links: &Links) -> String {
    let x = escape::html;
    let hrefs = if links.base.is_some() {
        Hrefs::Absolute(links)
    } else {
        Hrefs::Relative
    };
    let mut html = String::new();
    for (i, item) in meeting.items.iter().enumerate() {
        let number = i + 1;
        if links.base.is_some() {
            let _ = writeln!(
                html,
                "<h2><a href=\"{}\">{number}. {}</a></h2>",
                x(&links.item(number)),
                x(&item.title)
            );
        } else {
            let _ = writeln!(html, "<h2>{number}. {}</h2>", x(&item.title));
        }
        if !item.presenters.is_empty() {
            let _ = writeln!(
                html,
                "<p><strong>Föredragande:</strong> {}</p>",
                x(&samman_domain::swedish::presenters(&item.presenters))
            );
        }
        markup::blocks(&mut html, &item.content, hrefs, 0);
        if !item.events.is_empty() {
            html.push_str("<h3>Datum</h3>\n<ul>\n");
            for e in &item.events {
                let _ = writeln!(html, "<li>{}: {}</li>", x(&swedish::event_when(e)), x(&e.summary));
            }
            html.push_str("</ul>\n");
        }
        if let Some(position) = &item.position {
            let _ = writeln!(
                html,
                "<p><strong>{}:</strong> {}</p>",
                x(&swedish::position_label(position)),
                x(&position.text)
            );
            if !position.points.is_empty() {
                html.push_str("<ul>\n");
                for p in &position.points {
                    let _ = writeln!(html, "<li>{}</li>", x(p));
                }
                html.push_str("</ul>\n");
            }
        }
    }
    html
}

/// "Senast uppdaterad" as RFC 3339, else midnight of the meeting date (Stockholm).
fn updated(meeting: &Meeting) -> String {
    let civil = meeting
        .updated
        .unwrap_or_else(|| meeting.date.to_datetime(jiff::civil::Time::midnight()));
    // Compare as UTC instants so the feed's newest entry is really the newest.
    match civil.to_zoned(swedish::stockholm()) {
        Ok(z) => z.timestamp().strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        Err(_) => swedish::rfc3339(civil),
    }
}
