//! Meeting-level lines of a page, wherever they stand: "Senast uppdaterad: …", the dated download link,
//! "Datum:", "Tid:", "Plats:", and a link to the minutes ("Mötesanteckningar …"). They fill the header and
//! are not item content.

use samman_domain::{Date, DateTime, Time};

use super::meta::find_date;
use crate::dates::{parse_event, parse_times};
use crate::text::{normalize_ws, parse_inline};

/// What a meeting-level line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fact {
    Updated(DateTime),
    /// "Publicerad: 2022-10-17": when the page was published (a year for a title without one).
    Published(Date),
    /// Metadata labels standing with no value ("Publicerad:", "Uppdaterad:   Ansvarig:"): each label
    /// and the byte offset where it starts in the line.
    Empty(Vec<(String, usize)>),
    /// A download link of the summary, with the date it starts with.
    Download(Option<Date>),
    /// "Datum: 21 maj 2021" or "Tid: 21 maj 2021 kl 9–12": the date and maybe times.
    When {
        date: Option<Date>,
        start: Option<Time>,
        end: Option<Time>,
    },
    Place(String),
    /// "SRO · 21 maj 2021 kl. 09.00–12.00 · Vänersborg": the body, the meeting's when, and its place.
    Dateline {
        date: Date,
        start: Option<Time>,
        end: Option<Time>,
        place: Option<String>,
    },
    /// A link to the published minutes.
    Minutes {
        href: String,
        date: Option<Date>,
    },
}

/// The fact a line states, if it is a meeting-level line. `text` is inline Markdown.
pub(crate) fn fact_of(text: &str) -> Option<Fact> {
    let inline = parse_inline(text);
    let plain = normalize_ws(&inline.to_plain());
    if let Some(updated) = updated_of(&plain) {
        return Some(Fact::Updated(updated));
    }
    if is_download(&plain) {
        return Some(Fact::Download(find_date(&plain, None).map(|d| d.date)));
    }
    let lower = plain.to_lowercase();
    if [
        "mötesanteckningar",
        "minnesanteckningar",
        "protokoll",
        "minutes",
        "läs mötesanteckningarna",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        && let Some((_, href)) = inline.links().next()
    {
        let date = find_date(&plain, None).map(|d| d.date);
        return Some(Fact::Minutes {
            href: href.to_string(),
            date,
        });
    }
    if let Some(empty) = empty_labels(text) {
        return Some(Fact::Empty(empty));
    }
    if let Some(fact) = dateline_of(&plain) {
        return Some(fact);
    }
    let (label, rest) = plain.split_once(':')?;
    let rest = rest.trim();
    match label.trim().to_lowercase().as_str() {
        "publicerad" | "publicerat" | "publiceringsdatum" | "published" => {
            find_date(rest, None).map(|d| Fact::Published(d.date))
        }
        "plats" | "mötesplats" | "place" | "location" if !rest.is_empty() => {
            Some(Fact::Place(rest.to_string()))
        }
        "datum" | "tid" | "mötestid" | "date" | "time" => when_of(rest),
        _ => None,
    }
}

/// A line "body · when[ · place]" (samman's page writes one above its title, its deck one on the cover).
fn dateline_of(plain: &str) -> Option<Fact> {
    let mut parts = plain.split(" · ");
    let (_body, when) = (parts.next()?, parts.next()?);
    let place = parts.next().map(str::trim).filter(|p| !p.is_empty());
    if parts.next().is_some() {
        return None;
    }
    let found = find_date(when, None).filter(|d| d.offset == 0 && d.has_year)?;
    let times = when
        .to_lowercase()
        .find("kl")
        .and_then(|at| when.get(at..))
        .and_then(parse_times);
    Some(Fact::Dateline {
        date: found.date,
        start: times.map(|t| t.0),
        end: times.and_then(|t| t.1),
        place: place.map(str::to_string),
    })
}

/// Words a page labels its metadata with (lower case, without the colon).
const META_LABELS: [&str; 16] = [
    "publicerad",
    "publicerat",
    "publiceringsdatum",
    "uppdaterad",
    "senast uppdaterad",
    "ändrad",
    "senast ändrad",
    "ansvarig",
    "ansvarig utgivare",
    "författare",
    "kontakt",
    "kontaktperson",
    "datum",
    "tid",
    "plats",
    "sidansvarig",
];

/// A line of metadata labels and nothing else ("Publicerad:", "Uppdaterad:   Ansvarig:"): each label
/// with its byte offset. `None` when any label has a value, or a word is no metadata label.
fn empty_labels(plain: &str) -> Option<Vec<(String, usize)>> {
    let mut found = Vec::new();
    let mut offset = 0;
    for part in plain.split_inclusive(':') {
        let label = part.trim();
        let start = offset + (part.len() - part.trim_start().len());
        offset += part.len();
        if label.is_empty() {
            continue;
        }
        let word = label.strip_suffix(':')?.trim();
        if !META_LABELS.contains(&word.to_lowercase().as_str()) {
            return None;
        }
        found.push((word.to_string(), start));
    }
    (!found.is_empty()).then_some(found)
}

/// "21 maj 2021 kl 9–12", "21 maj 2021", "kl 9.00–12.00".
fn when_of(text: &str) -> Option<Fact> {
    if let Some(event) = parse_event(text, 2000, "").filter(|_| find_date(text, None).is_some()) {
        return Some(Fact::When {
            date: Some(event.start.date()),
            start: Some(event.start.time()),
            end: event.end.map(|e| e.time()),
        });
    }
    if let Some(d) = find_date(text, None) {
        return Some(Fact::When {
            date: Some(d.date),
            start: None,
            end: None,
        });
    }
    let (start, end) = parse_times(text)?;
    Some(Fact::When {
        date: None,
        start: Some(start),
        end,
    })
}

/// "2021-05-21 Sammanställning från SRO, PowerPoint": a dated download link, not content.
fn is_download(plain: &str) -> bool {
    let starts_dated = plain
        .split_whitespace()
        .next()
        .is_some_and(|w| w.len() == 10 && find_date(w, None).is_some());
    let lower = plain.to_lowercase();
    starts_dated
        && [
            "powerpoint",
            "pdf",
            "pptx",
            "word",
            "sammanställning",
            "(ppt",
            "docx",
        ]
        .iter()
        .any(|k| lower.contains(k))
}

/// "Senast uppdaterad: 2021-05-24 09:51" (also "Uppdaterad", "Last updated") → the time.
fn updated_of(plain: &str) -> Option<DateTime> {
    let lower = plain.to_lowercase();
    let rest = [
        "senast uppdaterad",
        "sidan uppdaterades",
        "uppdaterad",
        "last updated",
        "updated",
    ]
    .iter()
    .find_map(|p| lower.starts_with(p).then(|| plain.get(p.len()..).unwrap_or("")))?;
    let rest = rest.trim_start_matches([':', ' ']);
    let date = find_date(rest, None)?;
    let after = rest.get(date.offset..).unwrap_or("");
    let time = after
        .split_whitespace()
        .skip_while(|w| !w.contains(':') && !w.contains('.'))
        .find_map(|w| {
            let (h, m) = w.trim_end_matches(['.', ',']).split_once([':', '.'])?;
            Time::new(h.parse().ok()?, m.get(..2)?.parse().ok()?, 0, 0).ok()
        })
        .unwrap_or(Time::midnight());
    Some(date.date.to_datetime(time))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    #[test]
    fn updated_lines() {
        assert_eq!(
            fact_of("Senast uppdaterad: 2021-05-24 09:51"),
            Some(Fact::Updated(date(2021, 5, 24).at(9, 51, 0, 0)))
        );
        assert_eq!(
            fact_of("Sidan uppdaterades 3 mars 2022 kl. 14.05"),
            Some(Fact::Updated(date(2022, 3, 3).at(14, 5, 0, 0)))
        );
        assert_eq!(fact_of("Uppdatering av rutiner"), None);
    }

    #[test]
    fn downloads() {
        assert_eq!(
            fact_of("[2021-05-21 Sammanställning från SRO, PowerPoint](/x.pptx)"),
            Some(Fact::Download(Some(date(2021, 5, 21))))
        );
        assert_eq!(fact_of("2021-05-21 var en bra dag"), None);
    }

    #[test]
    fn time_place_and_minutes() {
        assert_eq!(
            fact_of("Tid: 21 maj 2021 kl 9.00–12.00"),
            Some(Fact::When {
                date: Some(date(2021, 5, 21)),
                start: Some(time(9, 0, 0, 0)),
                end: Some(time(12, 0, 0, 0))
            })
        );
        assert_eq!(
            fact_of("Tid: kl 13-15"),
            Some(Fact::When {
                date: None,
                start: Some(time(13, 0, 0, 0)),
                end: Some(time(15, 0, 0, 0))
            })
        );
        assert_eq!(
            fact_of("Plats: Vänersborg, Sessionssalen"),
            Some(Fact::Place("Vänersborg, Sessionssalen".into()))
        );
        assert_eq!(
            fact_of("Mötesanteckningar: [Anteckningar 2021-06-01](/anteckningar.pdf)"),
            Some(Fact::Minutes {
                href: "/anteckningar.pdf".into(),
                date: Some(date(2021, 6, 1))
            })
        );
        assert_eq!(fact_of("Mötesanteckningar publiceras senare."), None);
        assert_eq!(fact_of("Reflektion: samverkan"), None);
    }
}
