//! A published summary page (seed 004's form), read from a list of lines that the text and HTML readers
//! both produce: headings (HTML only), text lines and bullets with their depth.
//!
//! Noise (browser warning, skip link, cookie and navigation lines) is dropped. The first line is the
//! title; text before the agenda or the first section is the lead; "Agenda …" opens the agenda list; the
//! "2021-05-21 Sammanställning från SRO, PowerPoint" line is a download link that gives the date;
//! "Senast uppdaterad: …" gives `updated`. A section starts at a heading (HTML), or at a text line that is
//! followed by a presenters or position label or that names an agenda entry.
//!
//! The meeting date comes from the most reliable place: the download line, then the agenda heading, then
//! the title (its year, or the year of "Senast uppdaterad" when the title has none).

use samman_domain::{Bodies, Date, DateTime, Time};

use super::labels::labelled;
use super::meta::{body_from_title, find_date};
use super::sections::{Ctx, RawSection, build_section, note};
use super::tree::{Node, nest};
use crate::ParseError;
use crate::align::similarity;
use crate::document::{Agenda, Document, Format};
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

    // Meeting-level lines anywhere on the page: "Senast uppdaterad" and download links.
    let mut download_date: Option<Located<Date>> = None;
    lines.retain(|l| {
        let plain = l.plain();
        if let Some(updated) = updated_of(&plain) {
            doc.header.updated.get_or_insert(Located::new(updated, l.pos));
            return false;
        }
        if is_download(&plain) {
            if let Some(d) = find_date(&plain, None) {
                download_date.get_or_insert(Located::new(d.date, l.pos));
            }
            return false;
        }
        true
    });
    if lines.is_empty() {
        return Err(ParseError::new(Pos::line(1), "sidan har ingen rubrik eller text"));
    }

    // The title: the first level-1 heading, else the first line.
    let title_index = lines
        .iter()
        .position(|l| l.kind == LineKind::Heading(1))
        .unwrap_or(0);
    let title = lines.remove(title_index.min(lines.len() - 1));
    let title_text = title.plain();
    doc.header.title = Some(Located::new(title_text.clone(), title.pos));
    if let Some(body) = body_from_title(&title_text, bodies) {
        doc.header.body = Some(Located::new(body, title.pos));
    }

    // The agenda: a line "Agenda …" and the bullets right after it.
    let agenda_at = lines
        .iter()
        .position(|l| !matches!(l.kind, LineKind::Bullet(_)) && is_agenda_heading(&l.plain()));
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
    let updated_year = doc.header.updated.as_ref().map(|u| u.value.year());
    let title_date = find_date(&title_text, updated_year).map(|d| {
        let column = title_text.get(..d.offset).map_or(0, |s| s.chars().count());
        Located::new(d.date, Pos::new(title.pos.line, title.pos.column + column))
    });
    doc.header.date = download_date.or(agenda_date).or(title_date);

    // Section headings, then the lead (text before the agenda or the first section).
    let entries: Vec<String> = doc
        .agenda
        .as_ref()
        .map(|a| a.entries.iter().map(|e| e.value.clone()).collect())
        .unwrap_or_default();
    let in_agenda = |i: usize| agenda_range.as_ref().is_some_and(|r| r.contains(&i));
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| !in_agenda(i) && is_section_start(&lines, i, &entries))
        .collect();
    let first_structure = agenda_range
        .as_ref()
        .map(|r| r.start)
        .into_iter()
        .chain(starts.first().copied())
        .min()
        .unwrap_or(lines.len());
    let lead: Vec<&PageLine> = lines[..first_structure]
        .iter()
        .filter(|l| l.kind == LineKind::Text)
        .collect();
    if let Some(first) = lead.first() {
        let text = lead.iter().map(|l| l.plain()).collect::<Vec<_>>().join(" ");
        doc.header.lead = Some(Located::new(text, first.pos));
    }
    for (i, line) in lines.iter().enumerate() {
        let before_sections = starts.first().is_none_or(|s| i < *s);
        if before_sections && i >= first_structure && !in_agenda(i) {
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
        year: doc.header.date.as_ref().map(|d| d.value.year()),
        repair: false,
    };
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(lines.len());
        let heading = &lines[start];
        let body: Vec<&PageLine> = lines[start + 1..end].iter().filter(|_| true).collect();
        let raw = RawSection {
            heading: Located::new(heading.text.clone(), heading.pos),
            nodes: nodes_of(&body, &|i| in_agenda(start + 1 + i)),
            slides: Vec::new(),
        };
        let section = build_section(raw, ctx, &mut doc.notes);
        doc.sections.push(section);
    }
    doc.notes.sort_by_key(|n| n.pos);
    Ok(doc)
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
fn is_section_start(lines: &[PageLine], i: usize, agenda: &[String]) -> bool {
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
    let next_is_label = lines.get(i + 1).is_some_and(|n| labelled(&n.text).is_some());
    let names_entry = plain.chars().count() <= MAX_HEADING_CHARS
        && !plain.ends_with('.')
        && agenda
            .iter()
            .any(|e| similarity(e, &plain) >= SECTION_TITLE_SIMILARITY);
    next_is_label || names_entry
}

fn is_agenda_heading(text: &str) -> bool {
    let t = text.to_lowercase();
    ["agenda", "dagordning", "föredragningslista"]
        .iter()
        .any(|h| t == *h || t.starts_with(&format!("{h} ")) || t.starts_with(&format!("{h}:")))
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
    let skip = ["gå direkt till", "hoppa till", "till huvudinnehåll", "skip to"]
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
    fn updated_lines() {
        assert_eq!(
            updated_of("Senast uppdaterad: 2021-05-24 09:51"),
            Some(date(2021, 5, 24).at(9, 51, 0, 0))
        );
        assert_eq!(
            updated_of("Sidan uppdaterades 3 mars 2022 kl. 14.05"),
            Some(date(2022, 3, 3).at(14, 5, 0, 0))
        );
        assert_eq!(updated_of("Uppdatering av rutiner"), None);
    }

    #[test]
    fn download_and_noise() {
        assert!(is_download("2021-05-21 Sammanställning från SRO, PowerPoint"));
        assert!(!is_download("2021-05-21 var en bra dag"));
        assert!(is_noise("Gå direkt till huvudinnehållet"));
        assert!(is_noise(
            "Vi använder kakor (cookies) för att webbplatsen ska fungera."
        ));
        assert!(is_noise("Start / Samverkan / Sammanställningar"));
        assert!(!is_noise("Nära vård"));
    }
}
