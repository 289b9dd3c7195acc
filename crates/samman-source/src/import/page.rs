//! A published summary page (seed 004's form), read from a list of lines that the text and HTML readers
//! both produce: headings (HTML only), text lines and bullets with their depth.
//!
//! Noise (browser warning, skip link, cookie and navigation lines) is dropped. The first line is the
//! title; text before the agenda or the first section is the lead; "Agenda …" opens the agenda list; the
//! "2021-05-21 Sammanställning från SRO, PowerPoint" line is a download link that gives the date;
//! "Senast uppdaterad: …" gives `updated`. A section starts at a heading (HTML), or at a text line that is
//! followed by a presenters or position label or that names an agenda entry.
//!
//! "Datum:", "Tid:", "Plats:" and a minutes link fill the header too (see [`super::facts`]).
//!
//! The meeting date comes from the most reliable place: a "Datum:"/"Tid:" line, the download line, then
//! the agenda heading, then the title (its year, or the year of "Senast uppdaterad" when the title has
//! none).

use samman_domain::{Bodies, Date, DateTime, Minutes};

use super::facts::{Fact, fact_of};
use super::labels::labelled;
use super::meta::{body_from_title, find_date};
use super::sections::{Ctx, RawSection, RawSlide, build_section, note};
use super::titles::Matcher;
use super::tree::{Node, nest};
use crate::ParseError;
use crate::document::{Agenda, Document, Format, Header, Note};
use crate::located::{Located, Pos};
use crate::text::{normalize_ws, parse_inline, strip_emphasis};

/// How alike a text line and an agenda entry must be for the line to open a section.
const SECTION_TITLE_SIMILARITY: f64 = 0.75;

/// Longest text line taken for an inferred section heading.
const MAX_HEADING_CHARS: usize = 120;

/// What a page line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// An HTML heading with its level (1–6).
    Heading(u8),
    Text,
    /// A bullet at a nesting depth (0 = top level).
    Bullet(usize),
}

/// One line of a page: where its text starts, what it is, and its text (inline Markdown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageLine {
    pub pos: Pos,
    pub kind: LineKind,
    pub text: String,
    /// The detail slide the line belongs to (a `<details>` of samman's own page: its `<summary>` is the
    /// slide's title line), numbered in page order; `None` for the page's own text.
    pub slide: Option<usize>,
}

impl PageLine {
    fn plain(&self) -> String {
        normalize_ws(&parse_inline(&strip_emphasis(&self.text)).to_plain())
    }
}

/// Reads a page from its lines.
pub(crate) fn read_page(
    lines: Vec<PageLine>,
    format: Format,
    bodies: &Bodies,
) -> Result<Document, ParseError> {
    let mut doc = Document {
        format: Some(format),
        ..Document::default()
    };
    let mut lines: Vec<PageLine> = lines
        .into_iter()
        .filter(|l| !l.plain().is_empty() && !is_noise(&l.plain()))
        .collect();
    if lines.is_empty() {
        return Err(ParseError::new(Pos::line(1), "sidan har ingen text"));
    }

    let dates = take_facts(&mut lines, &mut doc.header, &mut doc.notes);
    lead_in_headings(&mut lines);
    if lines.is_empty() {
        return Err(ParseError::new(Pos::line(1), "sidan har ingen rubrik eller text"));
    }

    // The title: the first level-1 heading, else the first line.
    let title_index = lines
        .iter()
        .position(|l| l.kind == LineKind::Heading(1))
        .unwrap_or(0);
    // What comes before a level-1 heading is the site around the page (banners, taglines), not the lead.
    let mut lines = lines.split_off(title_index.min(lines.len() - 1));
    let title = lines.remove(0);
    let title_text = title.plain();
    doc.header.title = Some(Located::new(title_text.clone(), title.pos));
    if let Some(body) = body_from_title(&title_text, bodies) {
        doc.header.body = Some(Located::new(body, title.pos));
    }

    // The agenda: a line "Agenda …" and the bullets right after it.
    let agenda_at = lines
        .iter()
        .position(|l| !matches!(l.kind, LineKind::Bullet(_)) && is_agenda_heading(&l.plain()))
        .or_else(|| unnamed_agenda(&lines));
    let mut agenda_date = None;
    let mut agenda_range = None;
    if let Some(a) = agenda_at {
        let heading = &lines[a];
        let entries: Vec<Located<String>> = lines[a + 1..]
            .iter()
            .take_while(|l| matches!(l.kind, LineKind::Bullet(_)))
            .filter(|l| l.kind == LineKind::Bullet(0))
            .map(|l| Located::new(l.plain(), l.pos))
            .collect();
        let count = lines[a + 1..]
            .iter()
            .take_while(|l| matches!(l.kind, LineKind::Bullet(_)))
            .count();
        let heading_text = heading.plain();
        agenda_date = find_date(&heading_text, None).map(|d| Located::new(d.date, heading.pos));
        if doc
            .header
            .body
            .as_ref()
            .is_none_or(|b| bodies.get(&b.value).is_none())
            && let Some(body) = body_from_title(&heading_text, bodies).filter(|b| bodies.get(b).is_some())
        {
            doc.header.body = Some(Located::new(body, heading.pos));
        }
        doc.agenda = Some(Agenda {
            pos: heading.pos,
            entries,
        });
        agenda_range = Some(a..a + 1 + count);
    }

    // The date, from the most reliable place.
    let year_hint = doc.header.updated.as_ref().map(|u| u.value).or_else(|| {
        dates
            .published
            .map(|d| d.to_datetime(samman_domain::Time::midnight()))
    });
    let from_title = title_date(&title, year_hint);
    doc.header.date = dates.stated.or(dates.download).or(agenda_date).or(from_title);

    // Section headings, then the lead (text before the agenda or the first section).
    let entries: Vec<String> = doc
        .agenda
        .as_ref()
        .map(|a| a.entries.iter().map(|e| e.value.clone()).collect())
        .unwrap_or_default();
    let mut matcher = Matcher::new(&entries);
    let in_agenda = |i: usize| agenda_range.as_ref().is_some_and(|r| r.contains(&i));
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| !in_agenda(i) && lines[i].slide.is_none() && is_section_start(&lines, i, &mut matcher))
        .collect();
    let first_structure = agenda_range
        .as_ref()
        .map(|r| r.start)
        .into_iter()
        .chain(starts.first().copied())
        .min()
        .unwrap_or(lines.len());
    // Text before the agenda or the first section is the lead; anything else outside the agenda and
    // the sections cannot be placed.
    let lead: Vec<&PageLine> = lines[..first_structure]
        .iter()
        .filter(|l| l.kind == LineKind::Text)
        .collect();
    if let Some(first) = lead.first() {
        let mut texts: Vec<String> = lead.iter().map(|l| l.text.clone()).collect();
        // "… [Läs mötesanteckningarna](…) (publicerade 31 mars 2023)." ending the lead: the minutes.
        if let Some(last) = texts.last_mut()
            && let Some((cut, minutes)) = minutes_in_lead(last)
        {
            last.truncate(cut);
            doc.header.minutes = minutes;
        }
        let text = texts
            .iter()
            .map(|t| normalize_ws(&parse_inline(&strip_emphasis(t)).to_plain()))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        doc.header.lead = Some(Located::new(text, first.pos));
    }
    for (i, line) in lines.iter().enumerate() {
        let before_sections = starts.first().is_none_or(|s| i < *s);
        let in_lead = i < first_structure && line.kind == LineKind::Text;
        if before_sections && !in_lead && !in_agenda(i) {
            doc.notes.push(note(
                line.pos,
                "unused-content",
                format!(
                    "texten \"{}\" hör inte till något ärende och läses inte in",
                    line.plain()
                ),
            ));
        }
    }

    let ctx = Ctx {
        bodies,
        date: doc.header.date.as_ref().map(|d| d.value),
        repair: false,
    };
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(lines.len());
        let heading = &lines[start];
        let (body, slide_lines): (Vec<&PageLine>, Vec<&PageLine>) =
            lines[start + 1..end].iter().partition(|l| l.slide.is_none());
        let raw = RawSection {
            heading: Located::new(heading.text.clone(), heading.pos),
            nodes: nodes_of(&body, &|i| in_agenda(start + 1 + i)),
            slides: slides_of(&slide_lines),
        };
        let section = build_section(raw, ctx, &mut doc.notes);
        doc.sections.push(section);
    }
    doc.notes.sort_by_key(|n| n.pos);
    Ok(doc)
}

/// Dates stated by meeting-level lines, in order of reliability.
#[derive(Debug, Default)]
struct StatedDates {
    /// "Datum:" / "Tid:" above the items.
    stated: Option<Located<Date>>,
    /// The dated download link.
    download: Option<Located<Date>>,
    /// "Publicerad: …": not the meeting's date, but the year of a title that has none.
    published: Option<Date>,
}

/// Removes the meeting-level lines (see [`super::facts`]) and puts what they say into the header.
fn take_facts(lines: &mut Vec<PageLine>, header: &mut Header, notes: &mut Vec<Note>) -> StatedDates {
    let mut dates = StatedDates::default();
    // "Tid:" and "Plats:" describe the meeting only above the items; inside one they are its content.
    let first_label = lines
        .iter()
        .find(|l| labelled(&l.text).is_some())
        .map_or(Pos::new(usize::MAX, 0), |l| l.pos);
    lines.retain(|l| {
        let Some(fact) = fact_of(&l.text) else {
            return true;
        };
        if matches!(fact, Fact::When { .. } | Fact::Place(_)) && l.pos >= first_label {
            return true;
        }
        match fact {
            Fact::Updated(updated) => {
                header.updated.get_or_insert(Located::new(updated, l.pos));
            }
            Fact::Download(date) => {
                if let Some(date) = date {
                    dates.download.get_or_insert(Located::new(date, l.pos));
                }
            }
            Fact::When { date, start, end } => {
                if let Some(date) = date {
                    dates.stated.get_or_insert(Located::new(date, l.pos));
                }
                header.start = header.start.or(start);
                header.end = header.end.or(end);
            }
            Fact::Place(place) => {
                header.place.get_or_insert(place);
            }
            Fact::Minutes { href, date } => header.minutes = Minutes::Published { href, date },
            Fact::Dateline {
                date,
                start,
                end,
                place,
            } => {
                dates.stated.get_or_insert(Located::new(date, l.pos));
                header.start = header.start.or(start);
                header.end = header.end.or(end);
                if let Some(place) = place {
                    header.place.get_or_insert(place);
                }
            }
            Fact::Published(date) => {
                dates.published.get_or_insert(date);
            }
            Fact::Empty(labels) => {
                for (label, offset) in labels {
                    let column = l.text.get(..offset).map_or(0, |s| s.chars().count());
                    notes.push(note(
                        Pos::new(l.pos.line, l.pos.column + column),
                        "empty-field",
                        format!("\"{label}:\" saknar text"),
                    ));
                }
            }
        }
        false
    });
    dates
}

/// The date a title gives: its own year, else the year of the last update (the year before when the
/// day would fall after the update: a page updated in January about a December meeting).
fn title_date(title: &PageLine, updated: Option<DateTime>) -> Option<Located<Date>> {
    let text = title.plain();
    let found = find_date(&text, updated.map(|u| u.year()))?;
    let column = text.get(..found.offset).map_or(0, |s| s.chars().count());
    let date = match updated {
        Some(updated) if !found.has_year && found.date > updated.date() => {
            Date::new(found.date.year() - 1, found.date.month(), found.date.day()).unwrap_or(found.date)
        }
        _ => found.date,
    };
    Some(Located::new(
        date,
        Pos::new(title.pos.line, title.pos.column + column),
    ))
}

/// Words of a sub-heading that only introduces the lines under it ("Tidsplan" over a timeline, "Datum" over
/// events), as samman's own page and many others write them; "Bilder till punkten" heads the slides.
const LEAD_IN_HEADINGS: [&str; 7] = [
    "tidsplan",
    "tidplan",
    "datum",
    "händelser",
    "viktiga datum",
    "remisskonferenser",
    "bilder till punkten",
];

/// A sub-heading that introduces what follows becomes the lead-in line it stands for ("Tidsplan:"), so it
/// neither opens a section nor is lost; the slides' own heading goes (each slide has its title).
fn lead_in_headings(lines: &mut Vec<PageLine>) {
    lines.retain_mut(|line| {
        if !matches!(line.kind, LineKind::Heading(level) if level >= 3) || line.slide.is_some() {
            return true;
        }
        let plain = line.plain().to_lowercase();
        let plain = plain.trim_end_matches(':');
        if plain == "bilder till punkten" {
            return false;
        }
        if LEAD_IN_HEADINGS.contains(&plain) {
            line.kind = LineKind::Text;
            line.text = format!("{}:", line.text.trim_end_matches(':'));
        }
        true
    });
}

/// A link to the minutes ending a lead ("… [Läs mötesanteckningarna](href) (publicerade 31 mars 2023).",
/// as samman's page writes it): where the lead's own text ends, and the minutes.
fn minutes_in_lead(text: &str) -> Option<(usize, Minutes)> {
    let lower = text.to_lowercase();
    let at = [
        "[läs mötesanteckningarna](",
        "[läs minnesanteckningarna](",
        "[läs protokollet](",
    ]
    .iter()
    .find_map(|p| lower.rfind(p))?;
    let link = parse_inline(&text[at..]);
    let (_, href) = link.links().next()?;
    let after = link.to_plain();
    let date = find_date(&after, None).map(|d| d.date);
    Some((
        at,
        Minutes::Published {
            href: href.to_string(),
            date,
        },
    ))
}

/// A section's detail slides: each slide's first line is its title, the rest its text.
fn slides_of(lines: &[&PageLine]) -> Vec<RawSlide> {
    let mut slides: Vec<(Option<usize>, Vec<&PageLine>)> = Vec::new();
    for line in lines {
        match slides.last_mut() {
            Some((n, members)) if *n == line.slide => members.push(line),
            _ => slides.push((line.slide, vec![line])),
        }
    }
    slides
        .into_iter()
        .filter_map(|(_, members)| {
            let (title, rest) = members.split_first()?;
            Some(RawSlide {
                heading: Located::new(title.text.clone(), title.pos),
                nodes: nodes_of(rest, &|_| false),
            })
        })
        .collect()
}

/// Paragraphs and nested bullets of one section (agenda lines, should any fall inside, are skipped).
fn nodes_of(lines: &[&PageLine], skip: &dyn Fn(usize) -> bool) -> Vec<Node> {
    let flat = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| !skip(*i))
        .map(|(_, l)| match l.kind {
            LineKind::Bullet(depth) => (depth, Node::new(l.pos, true, l.text.clone())),
            LineKind::Text | LineKind::Heading(_) => (0, Node::new(l.pos, false, l.text.clone())),
        })
        .collect();
    nest(flat)
}

/// Whether line `i` opens a section.
fn is_section_start(lines: &[PageLine], i: usize, agenda: &mut Matcher) -> bool {
    let Some(line) = lines.get(i) else {
        return false;
    };
    let plain = line.plain();
    if labelled(&line.text).is_some() || matches!(line.kind, LineKind::Bullet(_)) {
        return false;
    }
    if matches!(line.kind, LineKind::Heading(level) if level >= 2) {
        return true;
    }
    // A heading is short and does not end like a sentence or a lead-in.
    if plain.chars().count() > MAX_HEADING_CHARS || plain.ends_with(['.', ':', '!', '?', ';', ',']) {
        return false;
    }
    let next_is_label = lines.get(i + 1).is_some_and(|n| labelled(&n.text).is_some());
    next_is_label || agenda.best(&plain, SECTION_TITLE_SIMILARITY).is_some()
}

/// An agenda under another heading ("På mötet"): one of the first lines before any label, followed by
/// two or more bullets that each name a later line.
fn unnamed_agenda(lines: &[PageLine]) -> Option<usize> {
    /// Lines looked at as the agenda's heading: it is near the top of a page.
    const CANDIDATES: usize = 20;
    let first_label = lines
        .iter()
        .position(|l| labelled(&l.text).is_some())
        .unwrap_or(lines.len());
    (0..first_label.min(CANDIDATES)).find(|&i| {
        if lines.get(i).is_none_or(|l| matches!(l.kind, LineKind::Bullet(_))) {
            return false;
        }
        let bullets: Vec<&PageLine> = lines
            .get(i + 1..)
            .unwrap_or(&[])
            .iter()
            .take_while(|l| l.kind == LineKind::Bullet(0))
            .collect();
        let after: Vec<String> = lines
            .get(i + 1 + bullets.len()..)
            .unwrap_or(&[])
            .iter()
            .filter(|l| !matches!(l.kind, LineKind::Bullet(_)))
            .map(PageLine::plain)
            .collect();
        let mut later = Matcher::new(&after);
        bullets.len() >= 2
            && bullets
                .iter()
                .all(|b| later.best(&b.plain(), SECTION_TITLE_SIMILARITY).is_some())
    })
}

fn is_agenda_heading(text: &str) -> bool {
    let t = text.to_lowercase();
    ["agenda", "dagordning", "föredragningslista"]
        .iter()
        .any(|h| t == *h || t.starts_with(&format!("{h} ")) || t.starts_with(&format!("{h}:")))
}

/// Lines every page around the summary carries: browser warnings, skip links, cookies, navigation.
fn is_noise(plain: &str) -> bool {
    let lower = plain.to_lowercase();
    const EXACT: [&str; 28] = [
        "meny",
        "sök",
        "stäng",
        "start",
        "startsida",
        "hem",
        "dela",
        "dela sidan",
        "skriv ut",
        "lyssna",
        "till toppen",
        "tillbaka",
        "logga in",
        "english",
        "in english",
        "kontakt",
        "kontakta oss",
        "om webbplatsen",
        "tillgänglighetsredogörelse",
        "tillgänglighet",
        "facebook",
        "linkedin",
        "twitter",
        "instagram",
        "youtube",
        "toggle navigation",
        "huvudmeny",
        "sitemap",
    ];
    if EXACT.contains(&lower.trim_end_matches(['.', ':'])) {
        return true;
    }
    let browser = lower.contains("webbläsare")
        && (lower.contains("stöds") || lower.contains("internet explorer") || lower.contains("modern"));
    let skip = [
        "gå direkt till",
        "hoppa till",
        "till huvudinnehåll",
        "skip to",
        "lägg till i kalender",
        "ladda ner",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    let cookies = lower.contains("cookies") || lower.contains("kakor");
    let crumbs = [" / ", " › ", " > ", " » "]
        .iter()
        .any(|sep| lower.matches(sep).count() >= 2);
    browser || skip || cookies || crumbs
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_title_without_a_year_takes_it_from_the_update() {
        let line = |n: usize, kind: LineKind, text: &str| PageLine {
            pos: Pos::line(n),
            kind,
            text: text.into(),
            slide: None,
        };
        let read = |updated: &str| {
            let lines = vec![
                line(1, LineKind::Text, "Sammanställning från SRO 20 december"),
                line(2, LineKind::Text, "Budget"),
                line(3, LineKind::Text, "Föredragande: Per Ek"),
                line(4, LineKind::Text, updated),
            ];
            read_page(lines, Format::PageText, &Bodies::default())
                .ok()
                .and_then(|d| d.header.date)
        };
        let december = read("Senast uppdaterad: 2021-12-22 10:00").map(|d| d.value);
        assert_eq!(december, Some(date(2021, 12, 20)));
        let january = read("Senast uppdaterad: 2022-01-10 10:00").map(|d| d.value);
        assert_eq!(january, Some(date(2021, 12, 20)));
    }

    #[test]
    fn download_and_noise() {
        assert!(is_noise("Gå direkt till huvudinnehållet"));
        assert!(is_noise(
            "Vi använder kakor (cookies) för att webbplatsen ska fungera."
        ));
        assert!(is_noise("Start / Samverkan / Sammanställningar"));
        assert!(!is_noise("Nära vård"));
    }
}
