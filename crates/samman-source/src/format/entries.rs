//! Timeline and event entries: `- 2021-11-19: Ställningstagande i SRO`,
//! `- Juni – oktober 2021: Dialoger`, `- 2021-09-16 14:00–15:30: Remisskonferens`.
//!
//! Dates and times are ISO (`YYYY-MM-DD`, `TT:MM`) so they read the same in every locale; the Swedish
//! wording a reader sees ("19 november 2021", "kl. 14.00") is made by the renditions.

use samman_domain::{Date, DateTime, Event, Time, TimelineEntry};

use super::front_matter::is_iso_date;
use super::lists::Entry;
use super::syntax::{escape_head, escape_line, split_entry, unescape};
use crate::ParseError;
use crate::located::Pos;
use crate::text::normalize_ws;

fn plain(raw: &str) -> String {
    normalize_ws(&unescape(raw))
}

fn at(entry: &Entry, offset: usize) -> Pos {
    Pos::new(
        entry.pos.line,
        entry.pos.column + entry.raw[..offset.min(entry.raw.len())].chars().count(),
    )
}

/// `DATE[ (WHEN)]: TEXT` or `WHEN: TEXT`; an empty head means neither date nor when.
pub fn parse_timeline(entry: &Entry) -> Result<TimelineEntry, ParseError> {
    let Some((head, text, _)) = split_entry(&entry.raw) else {
        return Err(ParseError::new(
            entry.pos,
            "en post i tidsplanen skrivs \"NÄR: VAD\", t.ex. \"2021-11-19: Ställningstagande i SRO\" eller \
             \"Juni – oktober 2021: Dialoger\"",
        ));
    };
    let text = plain(text);
    let looks_dated = head.len() >= 10 && head.is_char_boundary(10) && is_iso_date(&head[..10]);
    if !looks_dated {
        let when = plain(head);
        return Ok(TimelineEntry {
            date: None,
            when: (!when.is_empty()).then_some(when),
            text,
        });
    }
    let date = head[..10].parse::<Date>().map_err(|_| {
        ParseError::new(
            entry.pos,
            format!(
                "ogiltigt datum \"{}\"; skriv ÅÅÅÅ-MM-DD, t.ex. 2021-11-19",
                &head[..10]
            ),
        )
    })?;
    let rest = head[10..].trim();
    let when = if rest.is_empty() {
        None
    } else if let Some(inner) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(plain(inner)).filter(|w| !w.is_empty())
    } else {
        return Err(ParseError::new(
            at(entry, 10),
            "efter datumet kan bara en beskrivning inom parentes stå, t.ex. \"2021-11-19 (mitten av november): …\"",
        ));
    };
    Ok(TimelineEntry {
        date: Some(date),
        when,
        text,
    })
}

/// `START[–END]: SUMMARY` where START is `YYYY-MM-DD TT:MM` and END is `TT:MM` (same day) or a full
/// date and time.
pub fn parse_event(entry: &Entry) -> Result<Event, ParseError> {
    let shape = "en händelse skrivs \"ÅÅÅÅ-MM-DD TT:MM–TT:MM: Vad\", t.ex. \"2021-09-16 14:00–15:30: Remisskonferens\"";
    let Some((head, summary, _)) = split_entry(&entry.raw) else {
        return Err(ParseError::new(entry.pos, shape));
    };
    let (start_text, end_text) = match head.split_once('–').or_else(|| head.split_once(" - ")) {
        Some((s, e)) => (s.trim(), Some(e.trim())),
        None => (head.trim(), None),
    };
    let start = datetime(start_text)
        .ok_or_else(|| ParseError::new(entry.pos, format!("ogiltig starttid \"{start_text}\": {shape}")))?;
    let end = match end_text {
        None => None,
        Some(e) => {
            let end_at = at(entry, entry.raw.find(e).unwrap_or(0));
            let end = if e.get(..10).is_some_and(is_iso_date) {
                datetime(e)
            } else {
                time(e).map(|t| start.date().to_datetime(t))
            };
            let end = end.ok_or_else(|| {
                ParseError::new(
                    end_at,
                    format!("ogiltig sluttid \"{e}\"; skriv TT:MM eller ÅÅÅÅ-MM-DD TT:MM"),
                )
            })?;
            if end < start {
                return Err(ParseError::new(end_at, "händelsen slutar innan den börjar"));
            }
            Some(end)
        }
    };
    Ok(Event {
        start,
        end,
        summary: plain(summary),
    })
}

fn time(s: &str) -> Option<Time> {
    (s.len() >= 5 && s.as_bytes().get(2) == Some(&b':')).then(|| s.parse().ok())?
}

fn datetime(s: &str) -> Option<DateTime> {
    let date = s.get(..10).filter(|d| is_iso_date(d))?.parse::<Date>().ok()?;
    let rest = s.get(10..)?;
    let rest = rest.strip_prefix([' ', 'T'])?.trim();
    Some(date.to_datetime(time(rest)?))
}

/// "14:00", or with seconds (and fraction) when the time has them.
pub fn write_time(t: Time) -> String {
    if t.second() == 0 && t.subsec_nanosecond() == 0 {
        format!("{:02}:{:02}", t.hour(), t.minute())
    } else {
        t.to_string()
    }
}

fn write_datetime(dt: DateTime) -> String {
    format!("{} {}", dt.date(), write_time(dt.time()))
}

/// The line (without the list marker) for a timeline entry.
pub fn write_timeline(entry: &TimelineEntry) -> String {
    let head = match (entry.date, entry.when.as_deref().filter(|w| !w.is_empty())) {
        (Some(date), None) => date.to_string(),
        (Some(date), Some(when)) => format!("{date} ({})", escape_head(when)),
        (None, Some(when)) => escape_head(when),
        (None, None) => String::new(),
    };
    join(head, &entry.text)
}

/// The line (without the list marker) for an event.
pub fn write_event(event: &Event) -> String {
    let head = match event.end {
        None => write_datetime(event.start),
        Some(end) if end.date() == event.start.date() => {
            format!("{}–{}", write_datetime(event.start), write_time(end.time()))
        }
        Some(end) => format!("{}–{}", write_datetime(event.start), write_datetime(end)),
    };
    join(head, &event.summary)
}

fn join(head: String, text: &str) -> String {
    if text.is_empty() {
        format!("{head}:")
    } else {
        // The text follows the first colon, so only its own line start could be misread — and it is
        // not at a line start; inline escapes suffice, plus protecting a leading marker for viewers.
        format!("{head}: {}", escape_line(text))
    }
}
