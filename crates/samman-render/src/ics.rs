//! iCalendar (RFC 5545): each meeting, and every event and dated timeline step inside its items.
//!
//! Written by hand because the crate that fits (icalendar) omits the VTIMEZONE it references. Times are
//! Europe/Stockholm wall-clock times with a VTIMEZONE (the record's times are civil times there); a
//! meeting without a known time is an all-day event. UIDs derive from body, date, item and index, and
//! DTSTAMP from "senast uppdaterad" (or the meeting date), so the same record gives the same bytes.
//! TEXT values are escaped and every line is folded at 75 octets without splitting a UTF-8 character.

use std::fmt::Write;

use samman_domain::{Body, Date, DateTime, Meeting, swedish};

use crate::Options;
use crate::escape::is_forbidden;
use crate::links::{Links, host, safe_href};

/// The calendar of the given meetings, in the given order (CRLF line ends).
/// A meeting given twice (same body and date) appears once.
pub fn render(meetings: &[(&Meeting, &Body)], options: &Options) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//samman//samman sammanställningar//SV".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    let name = match meetings {
        [(_, first), rest @ ..] if rest.iter().all(|(_, b)| b.id == first.id) => {
            format!("{}: möten och datum", first.short_name)
        }
        _ => "Möten och datum".to_string(),
    };
    lines.push(format!("X-WR-CALNAME:{}", text(&name)));
    lines.push("X-WR-TIMEZONE:Europe/Stockholm".into());
    lines.extend(VTIMEZONE.iter().map(|l| l.to_string()));
    // A meeting given twice (same body and date) would repeat its UIDs; the first one wins.
    let mut seen: Vec<(&str, Date)> = Vec::new();
    for (meeting, body) in meetings {
        if seen.contains(&(body.id.as_str(), meeting.date)) {
            continue;
        }
        seen.push((body.id.as_str(), meeting.date));
        meeting_events(&mut lines, meeting, body, options);
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::with_capacity(lines.len() * 60);
    for line in &lines {
        fold_into(&mut out, line);
    }
    out
}

/// Europe/Stockholm since 1996 (EU rules): summer time from the last Sunday of March 02:00 to the last
/// Sunday of October 03:00.
const VTIMEZONE: [&str; 18] = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Stockholm",
    "X-LIC-LOCATION:Europe/Stockholm",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

fn meeting_events(lines: &mut Vec<String>, meeting: &Meeting, body: &Body, options: &Options) {
    let links = Links::new(meeting, body, options);
    let domain = host(links.base.as_deref());
    let uid_base = format!("{}-{}", uid_part(&body.id), meeting.date);
    let stamp = dtstamp(meeting);
    let absolute = links.base.is_some();

    // The meeting itself.
    let mut description = format!("{}\n", meeting.lead(body));
    for (i, item) in meeting.items.iter().enumerate() {
        let _ = writeln!(description, "{}. {}", i + 1, item.title);
    }
    if absolute {
        let _ = write!(description, "\nSammanställning: {}", links.page);
    }
    let mut event = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{uid_base}@{domain}"),
        format!("DTSTAMP:{stamp}"),
    ];
    match meeting.start {
        Some(start) => {
            event.push(format!(
                "DTSTART;TZID=Europe/Stockholm:{}",
                local(meeting.date.to_datetime(start))
            ));
            if let Some(end) = meeting.end.filter(|end| *end > start) {
                event.push(format!(
                    "DTEND;TZID=Europe/Stockholm:{}",
                    local(meeting.date.to_datetime(end))
                ));
            }
        }
        None => all_day(&mut event, meeting.date),
    }
    event.push(format!(
        "SUMMARY:{}",
        text(&format!("Möte i {}", body.short_name))
    ));
    if let Some(place) = meeting.place.as_deref().filter(|p| !p.trim().is_empty()) {
        event.push(format!("LOCATION:{}", text(place)));
    }
    event.push(format!("DESCRIPTION:{}", text(&description)));
    if absolute {
        event.extend(url(&links.page));
    }
    event.push("END:VEVENT".into());
    lines.extend(event);

    // Events and dated timeline steps inside items.
    for (i, item) in meeting.items.iter().enumerate() {
        let number = i + 1;
        let origin = format!(
            "Från {}:s möte {}, punkt {number}: {}",
            body.short_name,
            swedish::date(meeting.date),
            item.title
        );
        let more = if absolute {
            format!("\nLäs mer: {}", links.item(number))
        } else {
            String::new()
        };
        for (k, e) in item.events.iter().enumerate() {
            lines.push("BEGIN:VEVENT".into());
            lines.push(format!(
                "UID:{uid_base}-punkt-{number}-handelse-{}@{domain}",
                k + 1
            ));
            lines.push(format!("DTSTAMP:{stamp}"));
            lines.push(format!("DTSTART;TZID=Europe/Stockholm:{}", local(e.start)));
            if let Some(end) = e.end.filter(|end| *end > e.start) {
                lines.push(format!("DTEND;TZID=Europe/Stockholm:{}", local(end)));
            }
            lines.push(format!("SUMMARY:{}", text(&e.summary)));
            lines.push(format!(
                "DESCRIPTION:{}",
                text(&format!("{}. {origin}{more}", swedish::event_when(e)))
            ));
            if absolute {
                lines.extend(url(&links.item(number)));
            }
            lines.push("END:VEVENT".into());
        }
        for (k, entry) in item.timeline.iter().enumerate() {
            let Some(date) = entry.date else { continue };
            let mut event = vec![
                "BEGIN:VEVENT".to_string(),
                format!("UID:{uid_base}-punkt-{number}-tidslinje-{}@{domain}", k + 1),
                format!("DTSTAMP:{stamp}"),
            ];
            all_day(&mut event, date);
            event.push(format!(
                "SUMMARY:{}",
                text(&format!("{}: {}", item.title, entry.text))
            ));
            event.push(format!("DESCRIPTION:{}", text(&format!("{origin}{more}"))));
            if absolute {
                event.extend(url(&links.item(number)));
            }
            event.push("END:VEVENT".into());
            lines.extend(event);
        }
    }
}

/// DTSTART/DTEND of an all-day event (DTEND is exclusive: the next day), shown as free time.
fn all_day(event: &mut Vec<String>, date: Date) {
    event.push(format!("DTSTART;VALUE=DATE:{}", date.strftime("%Y%m%d")));
    if let Ok(next) = date.tomorrow() {
        event.push(format!("DTEND;VALUE=DATE:{}", next.strftime("%Y%m%d")));
    }
    event.push("TRANSP:TRANSPARENT".into());
}

/// "20210916T140000", a local time for TZID=Europe/Stockholm.
fn local(dt: DateTime) -> String {
    dt.strftime("%Y%m%dT%H%M%S").to_string()
}

/// When the record last changed, in UTC: "senast uppdaterad", else midnight of the meeting date.
fn dtstamp(meeting: &Meeting) -> String {
    let civil = meeting
        .updated
        .unwrap_or_else(|| meeting.date.to_datetime(jiff::civil::Time::midnight()));
    match civil.to_zoned(swedish::stockholm()) {
        Ok(z) => z.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string(),
        Err(_) => format!("{}Z", local(civil)),
    }
}

/// A body id made safe for a UID: letters, digits, '-', '_' and '.'; anything else becomes '-'.
fn uid_part(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// A URL property, when the address passes the link rule (a URI value cannot be escaped like TEXT, so
/// an address with a line break or a control must never reach it, wherever it came from).
fn url(href: &str) -> Option<String> {
    safe_href(href).map(|h| format!("URL:{h}"))
}

/// An RFC 5545 TEXT value: backslash, semicolon, comma and line breaks (CRLF, CR, LF) escaped; control
/// characters dropped.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                // CRLF is one line break.
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            c if is_forbidden(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (continuation lines start with one space), ending in CRLF: each
/// piece the longest that fits without splitting a UTF-8 character, copied whole.
fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut room = 75;
    while rest.len() > room {
        let cut = (0..=room).rev().find(|&i| rest.is_char_boundary(i)).unwrap_or(0);
        let (piece, after) = rest.split_at(cut);
        out.push_str(piece);
        out.push_str("\r\n ");
        rest = after;
        // A continuation line's leading space takes one octet.
        room = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a\\b;c,d\ne\r\nf\u{7}g"), "a\\\\b\\;c\\,d\\ne\\nfg");
    }

    #[test]
    fn folding_keeps_utf8_whole_and_lines_short() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "åäö€🙂".repeat(30));
        fold_into(&mut out, &line);
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    /// `fold_into` as first written, char by char: the reference for the one copying whole pieces.
    fn fold_by_char(line: &str) -> String {
        let mut out = String::new();
        let mut width = 0;
        for c in line.chars() {
            let len = c.len_utf8();
            if width + len > 75 {
                out.push_str("\r\n ");
                width = 1;
            }
            out.push(c);
            width += len;
        }
        out.push_str("\r\n");
        out
    }

    /// `text` as first written: line breaks normalised first, then escaped char by char.
    fn text_by_replacing(s: &str) -> String {
        let s = s.replace("\r\n", "\n").replace('\r', "\n");
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                ';' => out.push_str("\\;"),
                ',' => out.push_str("\\,"),
                '\n' => out.push_str("\\n"),
                c if is_forbidden(c) => {}
                c => out.push(c),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn folding_copies_what_char_by_char_folded(line in "[a;åä€🙂]{0,200}") {
            let mut out = String::new();
            fold_into(&mut out, &line);
            proptest::prop_assert_eq!(out, fold_by_char(&line));
        }

        #[test]
        fn text_escapes_as_replacing_did(s in "[a\\\\;,\r\n\u{7}é]{0,16}") {
            proptest::prop_assert_eq!(text(&s), text_by_replacing(&s));
        }
    }
}
