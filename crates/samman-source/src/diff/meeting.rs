//! The meeting's own fields: body, date, title, lead, "senast uppdaterad", minutes, agenda, closing slide.

use samman_domain::{Bodies, Minutes, swedish};

use super::Change;
use super::items::content_changes;
use super::words::match_sentences;
use crate::document::{Document, Format};
use crate::text::normalize_ws;

pub(super) fn compare(a: &Document, b: &Document, bodies: &Bodies) -> Vec<Change> {
    let (ha, hb) = (&a.header, &b.header);
    let mut out = Vec::new();
    let value = |x: Option<String>, y: Option<String>, kind: &'static str, out: &mut Vec<Change>| {
        if x != y {
            out.push(Change::values(kind, x, y));
        }
    };
    value(
        ha.body.as_ref().map(|v| v.value.clone()),
        hb.body.as_ref().map(|v| v.value.clone()),
        "body",
        &mut out,
    );
    value(
        ha.date.as_ref().map(|d| swedish::date(d.value)),
        hb.date.as_ref().map(|d| swedish::date(d.value)),
        "date",
        &mut out,
    );
    text(
        shown(a, bodies, Shown::Title).as_deref(),
        shown(b, bodies, Shown::Title).as_deref(),
        "title",
        &mut out,
    );
    // A deck shows no lead, no "senast uppdaterad" and no minutes: where one side is a deck, they are
    // not compared (the deck says nothing about them, so it cannot disagree).
    if shows_page_fields(a) && shows_page_fields(b) {
        text(
            shown(a, bodies, Shown::Lead).as_deref(),
            shown(b, bodies, Shown::Lead).as_deref(),
            "lead",
            &mut out,
        );
        value(
            ha.updated.as_ref().map(|u| swedish::timestamp(u.value)),
            hb.updated.as_ref().map(|u| swedish::timestamp(u.value)),
            "updated",
            &mut out,
        );
        value(minutes(&ha.minutes), minutes(&hb.minutes), "minutes", &mut out);
    }
    if let (Some(ag_a), Some(ag_b)) = (&a.agenda, &b.agenda) {
        let ea: Vec<String> = ag_a.entries.iter().map(|e| normalize_ws(&e.value)).collect();
        let eb: Vec<String> = ag_b.entries.iter().map(|e| normalize_ws(&e.value)).collect();
        for pair in match_sentences(&ea, &eb) {
            let (x, y) = (pair.0.and_then(|i| ea.get(i)), pair.1.and_then(|j| eb.get(j)));
            match (x, y) {
                (Some(x), Some(y)) if x == y => {}
                (Some(x), Some(y)) => out.push(Change::text("agenda-entry", x, y)),
                _ => out.push(Change::values("agenda-entry", x.cloned(), y.cloned())),
            }
        }
    }
    // A page shows no closing slide (it is the deck's): where one side is a page it is not compared.
    if shows_closing(a) && shows_closing(b) {
        match (&a.closing, &b.closing) {
            (None, None) => {}
            (Some(x), Some(y)) => {
                text(Some(&x.title), Some(&y.title), "closing", &mut out);
                out.extend(content_changes(&x.content, &y.content, Some(&x.title)));
            }
            (x, y) => out.push(Change::values(
                "closing",
                x.as_ref().map(|s| s.title.clone()),
                y.as_ref().map(|s| s.title.clone()),
            )),
        }
    }

    out
}

/// Whether the document's form shows the lead, "senast uppdaterad" and the minutes (decks do not).
fn shows_page_fields(document: &Document) -> bool {
    !matches!(document.format, Some(Format::DeckMarkdown | Format::Pptx))
}

/// Whether the document's form shows the closing slide (pages do not).
fn shows_closing(document: &Document) -> bool {
    !matches!(document.format, Some(Format::PageText | Format::PageHtml))
}

#[derive(Clone, Copy)]
enum Shown {
    Title,
    Lead,
}

/// The title or lead readers of this rendition see: as written, or — for a source file, whose renditions
/// derive what it leaves out — the derived one.
fn shown(document: &Document, bodies: &Bodies, what: Shown) -> Option<String> {
    let h = &document.header;
    let written = match what {
        Shown::Title => h.title.as_ref(),
        Shown::Lead => h.lead.as_ref(),
    };
    if let Some(written) = written {
        return Some(written.value.clone());
    }
    if !h.keep_title {
        return None;
    }
    let meeting = document.to_meeting("")?;
    let body = bodies.get(&meeting.body)?;
    Some(match what {
        Shown::Title => meeting.title(body),
        Shown::Lead => meeting.lead(body),
    })
}

/// Two optional texts: a word-level change when both are there and differ.
fn text(a: Option<&str>, b: Option<&str>, kind: &'static str, out: &mut Vec<Change>) {
    let (a, b) = (a.map(normalize_ws), b.map(normalize_ws));
    match (a, b) {
        (Some(x), Some(y)) if x == y => {}
        (Some(x), Some(y)) => out.push(Change::text(kind, &x, &y)),
        (None, None) => {}
        (x, y) => out.push(Change::values(kind, x, y)),
    }
}

fn minutes(m: &Minutes) -> Option<String> {
    Some(match m {
        Minutes::Pending => "publiceras senare".to_string(),
        Minutes::Published { href, date } => match date {
            Some(d) => format!("publicerade {} ({href})", swedish::date(*d)),
            None => format!("publicerade ({href})"),
        },
    })
}
