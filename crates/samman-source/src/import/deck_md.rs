//! A slide deck exported to Markdown (seed 000's form): one `#` heading per slide.
//!
//! The text before the first heading is the title slide (body name, date). A slide titled "Agenda …"
//! (or "Dagordning", "Program") holds the agenda. Item slides are those with a presenters or position
//! label, or whose title is an agenda entry; every other slide is a detail slide of the item before it.
//! Words that a slide's line breaks split with a hyphen are joined, each with a `broken-word` note.

use samman_domain::{Bodies, Slide, Time};

use super::meta::{body_from_title, find_date};
use super::sections::{Ctx, RawSection, RawSlide, build_section, has_label, heading_text, note};
use super::titles::Matcher;
use super::tree::{Converter, Node, nest};
use crate::ParseError;
use crate::document::{Agenda, Document, Format, Header};
use crate::format::syntax::closing_heading;
use crate::located::{Located, Pos};
use crate::text::{normalize_ws, parse_inline, strip_emphasis};

/// How alike a slide title and an agenda entry must be for a label-less slide to be an item slide.
const ITEM_TITLE_SIMILARITY: f64 = 0.75;

/// Headings that open the agenda slide.
const AGENDA_HEADINGS: [&str; 4] = ["agenda", "dagordning", "program", "föredragningslista"];

/// One slide: its heading (None for the title slide) and its blocks.
#[derive(Debug)]
struct RawDeckSlide {
    heading: Option<Located<String>>,
    nodes: Vec<Node>,
}

/// Reads a deck exported to Markdown.
pub(crate) fn read(text: &str, bodies: &Bodies) -> Result<Document, ParseError> {
    let slides = split_slides(text);
    if slides.iter().all(|s| s.heading.is_none() && s.nodes.is_empty()) {
        return Err(ParseError::new(Pos::line(1), "bildspelet har ingen text"));
    }
    let mut doc = Document {
        format: Some(Format::DeckMarkdown),
        ..Document::default()
    };
    let mut conv = Converter::new(true);
    let mut slides = slides.into_iter().peekable();

    // The title slide: the text before the first heading, else a first slide titled like a summary.
    let mut title_nodes: Vec<Node> = Vec::new();
    let mut title_heading = None;
    if let Some(first) = slides.next_if(|s| s.heading.is_none()) {
        title_nodes = first.nodes;
    }
    if title_nodes.is_empty()
        && let Some(first) =
            slides.next_if(|s| s.heading.as_ref().is_some_and(|h| is_title_heading(&h.value)))
        && let Some(h) = first.heading
    {
        title_nodes.push(Node::new(h.pos, false, h.value.clone()));
        title_nodes.extend(first.nodes);
        title_heading = Some(h);
    }
    doc.header = title_header(&title_nodes, bodies);
    if let Some(h) = title_heading {
        // A title slide with a heading: the heading is the title; its other text is not.
        let text = normalize_ws(&strip_emphasis(&h.value));
        doc.header.title = Some(Located::new(text, h.pos));
    }

    let mut sections: Vec<RawSection> = Vec::new();
    // Agenda entries already named by an item slide.
    let mut taken: Vec<bool> = Vec::new();
    let mut matcher: Option<Matcher> = None;
    // The closing slide ("Avslutande bild: …", as a deck samman wrote is read): its title and text.
    let mut closing: Option<(String, Vec<Node>)> = None;
    for slide in slides {
        let Some(heading) = slide.heading else {
            continue;
        };
        let title = heading_text(&mut Converter::new(true), &heading);
        if let Some(name) = closing_heading(&title) {
            match &mut closing {
                Some((_, nodes)) if is_continuation(name) => nodes.extend(slide.nodes),
                _ => closing = Some((name.to_string(), slide.nodes)),
            }
            continue;
        }
        if doc.agenda.is_none() && is_agenda_heading(&title) {
            doc.agenda = Some(agenda_of(&mut conv, &heading, &slide.nodes));
            if doc.header.date.is_none()
                && let Some(d) = find_date(&title, None)
            {
                doc.header.date = Some(Located::new(d.date, heading.pos));
            }
            // The agenda heading names the body only by a configured name ("Agenda SRO …").
            if doc
                .header
                .body
                .as_ref()
                .is_none_or(|b| bodies.get(&b.value).is_none())
                && let Some(b) = body_from_title(&title, bodies).filter(|b| bodies.get(b).is_some())
            {
                doc.header.body = Some(Located::new(b, heading.pos));
            }
            continue;
        }
        // "Nära vård (forts.)": the slide continues the one before it (decks samman writes do this).
        if is_continuation(&title) {
            let previous = sections.last_mut().map(|s| match s.slides.last_mut() {
                Some(slide) => &mut slide.nodes,
                None => &mut s.nodes,
            });
            if let Some(nodes) = previous {
                continue_nodes(nodes, slide.nodes);
                continue;
            }
        }
        if matcher.is_none()
            && let Some(agenda) = &doc.agenda
        {
            let entries: Vec<&str> = agenda.entries.iter().map(|e| e.value.as_str()).collect();
            taken = vec![false; entries.len()];
            matcher = Some(Matcher::new(&entries));
        }
        let best = matcher
            .as_mut()
            .and_then(|m| m.best(&title, ITEM_TITLE_SIMILARITY));
        // The agenda entry this slide names, unless an earlier item slide named it already.
        let names_entry = best.filter(|e| !taken.get(*e).copied().unwrap_or(true));
        if has_label(&slide.nodes) || names_entry.is_some() {
            if let Some(slot) = best.and_then(|e| taken.get_mut(e)) {
                *slot = true;
            }
            sections.push(RawSection {
                heading,
                nodes: slide.nodes,
                slides: Vec::new(),
            });
        } else if let Some(last) = sections.last_mut() {
            last.slides.push(RawSlide {
                heading,
                nodes: slide.nodes,
            });
        } else {
            doc.notes.push(note(
                heading.pos,
                "unused-content",
                format!("bilden \"{title}\" hör inte till något ärende och läses inte in"),
            ));
        }
    }
    doc.closing = closing.map(|(title, nodes)| Slide {
        title,
        content: conv.blocks(&nodes),
    });
    doc.notes.append(&mut conv.notes);

    let ctx = Ctx {
        bodies,
        date: doc.header.date.as_ref().map(|d| d.value),
        repair: true,
    };
    for raw in sections {
        let section = build_section(raw, ctx, &mut doc.notes);
        doc.sections.push(section);
    }
    doc.notes.sort_by_key(|n| n.pos);
    Ok(doc)
}

/// Header fields from the title slide: the date, the body, and the slide's text as the title seen.
fn title_header(nodes: &[Node], bodies: &Bodies) -> Header {
    let mut header = Header::default();
    let texts: Vec<(Pos, String)> = nodes
        .iter()
        .map(|n| {
            (
                n.pos,
                normalize_ws(&strip_emphasis(n.text().trim_start_matches('#'))),
            )
        })
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let Some((first_pos, _)) = texts.first() else {
        return header;
    };
    let whole_text = texts
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    header.title = Some(Located::new(whole_text.clone(), *first_pos));
    // The line with the date: what stands before the date, and after it the time and place.
    let mut date_line: Option<(usize, usize)> = None;
    for (i, (pos, text)) in texts.iter().enumerate() {
        if header.date.is_none()
            && let Some(d) = find_date(text, None)
        {
            let column = text.get(..d.offset).map_or(0, |s| s.chars().count());
            header.date = Some(Located::new(d.date, Pos::new(pos.line, pos.column + column)));
            date_line = Some((i, d.offset));
            let (when, place) = when_and_place(text.get(d.offset..).unwrap_or(""));
            if let Some((start, end)) = when {
                header.start = Some(start);
                header.end = end;
            }
            header.place = place;
        }
    }
    // The body: a configured body named by one of the slide's lines, else the name as written in the
    // slide's text as a whole ("Sammanställning från: Vårdsamverkan Fyrbodal 3 mars 2022").
    let body = texts
        .iter()
        .find_map(|(pos, t)| {
            body_from_title(t, bodies)
                .filter(|b| bodies.get(b).is_some())
                .map(|b| Located::new(b, *pos))
        })
        .or_else(|| body_from_title(&whole_text, bodies).map(|b| Located::new(b, *first_pos)));
    header.body = body;
    // A cover that says no more than the derived title ("Sammanställning från:", the body's name, the
    // date) is the derived title: the meeting gets no title of its own, as in a source file that has none.
    let named_body = header.body.as_ref().and_then(|b| bodies.get(&b.value));
    if let (Some(body), Some((line, offset))) = (named_body, date_line) {
        let words: Vec<&str> = texts
            .iter()
            .enumerate()
            .filter_map(|(i, (_, t))| match i == line {
                true => t.get(..offset),
                false => Some(t.as_str()),
            })
            .collect();
        if says_only_body(&words.join(" "), body) {
            header.title = None;
            header.keep_title = true;
        }
    }
    // A cover with a title of its own: the title is what stands before the date (not the date line or a
    // box with the body's short name after it).
    if let (Some(title), Some((line, offset))) = (header.title.as_mut(), date_line) {
        let before: Vec<&str> = texts[..line]
            .iter()
            .map(|(_, t)| t.as_str())
            .chain(texts[line].1.get(..offset))
            .collect();
        let before = normalize_ws(&before.join(" "));
        if !before.is_empty() {
            title.value = before;
        }
    }
    header
}

/// Whether a cover's words (its date left out) are "Sammanställning från:" and the body's name, short
/// name or both — what the derived title says.
fn says_only_body(words: &str, body: &samman_domain::Body) -> bool {
    let said = normalize_ws(words).to_lowercase();
    let said = ["sammanställning från:", "sammanställning från"]
        .iter()
        .find_map(|p| said.strip_prefix(p))
        .unwrap_or(&said)
        .trim()
        .trim_end_matches([',', ':', '–', '-', '·'])
        .trim()
        .to_string();
    let (name, short) = (
        normalize_ws(&body.name).to_lowercase(),
        body.short_name.to_lowercase(),
    );
    [
        name.clone(),
        short.clone(),
        format!("{name} {short}"),
        format!("{short} {name}"),
    ]
    .contains(&said)
}

/// After a cover's date: "kl. 09.00–12.00 · Vänersborg" → the time (or range) and the place, as samman's
/// decks write them (the place after a middle dot).
fn when_and_place(after_date: &str) -> (Option<(Time, Option<Time>)>, Option<String>) {
    let (when, place) = match after_date.split_once(" · ") {
        Some((when, place)) => (when, Some(place.trim().to_string()).filter(|p| !p.is_empty())),
        None => (after_date, None),
    };
    let lower = when.to_lowercase();
    let times = lower
        .find("kl")
        .and_then(|at| when.get(at..))
        .and_then(crate::dates::parse_times);
    (times, place)
}

/// Appends a follow-on slide's text to the slide it continues. Bullets it starts with continue the list
/// the slide ended with, under that list's lead-in ("Tidsplan:" on one slide, its last entry on the next).
fn continue_nodes(into: &mut Vec<Node>, more: Vec<Node>) {
    let mut more = more.into_iter().peekable();
    if let Some(last) = into.last_mut().filter(|n| !n.bullet && !n.children.is_empty()) {
        while let Some(bullet) = more.next_if(|n| n.bullet) {
            last.children.push(bullet);
        }
    }
    into.extend(more);
}

/// "… (forts.)", "… forts.", "… (fortsättning)", "… (cont.)".
fn is_continuation(title: &str) -> bool {
    let t = title.to_lowercase();
    let t = t.trim_end_matches(')').trim_end();
    ["forts.", "forts", "fortsättning", "cont.", "continued"]
        .iter()
        .any(|w| t.ends_with(w))
}

fn is_title_heading(heading: &str) -> bool {
    let t = normalize_ws(&strip_emphasis(heading)).to_lowercase();
    t.starts_with("sammanställning") || t.starts_with("summary")
}

fn is_agenda_heading(title: &str) -> bool {
    let t = title.to_lowercase();
    AGENDA_HEADINGS.iter().any(|h| t.starts_with(h))
}

/// The agenda entries: the slide's top-level bullets, or its paragraph lines when it has no bullets.
fn agenda_of(conv: &mut Converter, heading: &Located<String>, nodes: &[Node]) -> Agenda {
    let bullets = nodes.iter().any(|n| n.bullet);
    let entries = nodes
        .iter()
        .filter(|n| n.bullet || !bullets)
        .flat_map(|n| {
            if n.bullet {
                vec![(n.pos, n.text())]
            } else {
                n.lines.iter().map(|l| (n.pos, l.clone())).collect()
            }
        })
        .map(|(pos, text)| {
            let line = conv.line(&strip_emphasis(&text), pos);
            Located::new(normalize_ws(&parse_inline(&line).to_plain()), pos)
        })
        .filter(|e| !e.value.is_empty())
        .collect();
    Agenda {
        pos: heading.pos,
        entries,
    }
}

/// Splits the text at `#` headings and reads each slide's blocks.
fn split_slides(text: &str) -> Vec<RawDeckSlide> {
    let mut slides = vec![RawDeckSlide {
        heading: None,
        nodes: Vec::new(),
    }];
    let mut body: Vec<(usize, &str)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed
            .strip_prefix("# ")
            .or_else(|| (trimmed == "#").then_some(""))
        {
            if let Some(last) = slides.last_mut() {
                last.nodes = blocks(&std::mem::take(&mut body));
            }
            let column = line.len() - trimmed.len() + 2;
            let pos = Pos::in_line(i + 1, line, column.min(line.len()));
            slides.push(RawDeckSlide {
                heading: Some(Located::new(rest.trim().to_string(), pos)),
                nodes: Vec::new(),
            });
        } else {
            body.push((i + 1, line));
        }
    }
    if let Some(last) = slides.last_mut() {
        last.nodes = blocks(&body);
    }
    slides
}

/// Paragraphs, sub-headings (as paragraphs) and nested lists of one slide.
fn blocks(lines: &[(usize, &str)]) -> Vec<Node> {
    let mut flat: Vec<(usize, Node)> = Vec::new();
    let mut indents: Vec<usize> = Vec::new();
    // Whether the next non-blank line continues the last node (no blank line in between).
    let mut open = false;
    for &(number, line) in lines {
        let content = line.trim_end_matches('\\').trim_end();
        if content.trim().is_empty() {
            open = false;
            continue;
        }
        let indent = content.len() - content.trim_start().len();
        let trimmed = content.trim_start();
        if let Some(marker) = list_marker(trimmed) {
            while indents.last().is_some_and(|i| *i > indent) {
                indents.pop();
            }
            if indents.last() != Some(&indent) {
                indents.push(indent);
            }
            let depth = indents.len().saturating_sub(1);
            let text = trimmed.get(marker..).unwrap_or("").trim();
            let pos = Pos::in_line(number, line, indent + marker);
            flat.push((depth, Node::new(pos, true, text)));
            open = true;
        } else if trimmed.starts_with('#') {
            let text = trimmed.trim_start_matches('#').trim();
            let pos = Pos::in_line(number, line, indent);
            flat.push((0, Node::new(pos, false, text)));
            indents.clear();
            open = false;
        } else if open && let Some((_, last)) = flat.last_mut() {
            last.lines.push(trimmed.to_string());
        } else {
            indents.clear();
            let pos = Pos::in_line(number, line, indent);
            flat.push((0, Node::new(pos, false, trimmed)));
            open = true;
        }
    }
    nest(flat)
}

/// The byte length of a list marker ("- ", "* ", "+ ", "1. ", "2) ") at the start of `s`.
fn list_marker(s: &str) -> Option<usize> {
    if s.starts_with("- ") || s.starts_with("+ ") || (s.starts_with("* ") && !s.starts_with("**")) {
        return Some(2);
    }
    if s.starts_with("• ") {
        return Some("• ".len());
    }
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    let after = s.get(digits..)?;
    (digits > 0 && digits < 4 && (after.starts_with(". ") || after.starts_with(") "))).then_some(digits + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(list_marker("- a"), Some(2));
        assert_eq!(list_marker("12. a"), Some(4));
        assert_eq!(list_marker("**bold**"), None);
        assert_eq!(list_marker("2021-05-21 x"), None);
    }

    #[test]
    fn lists_nest_and_lines_continue() {
        let text = "- a\n  - b  \nc\n- d\n\npara\nmore";
        let lines: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
        let nodes = blocks(&lines);
        assert_eq!(nodes.len(), 3);
        assert_eq!(nodes[0].children[0].lines, vec!["b", "c"]);
        assert_eq!(nodes[1].text(), "d");
        assert_eq!(nodes[2].lines, vec!["para", "more"]);
        assert_eq!(nodes[0].children[0].pos, Pos::new(2, 5));
    }

    #[test]
    fn continuation_and_repeated_titles_stay_with_their_item() {
        let text = "Sammanställning från SRO\n\n21 maj 2021\n\n# Agenda\n\n- Nära vård\n- Budget\n\n\
                    # Nära vård\n\nFöredragande: Per Ek, VGR\n\n- a\n\n# Nära vård (forts.)\n\n- b\n\n\
                    # Nära vård i siffror\n\n- c\n\n# Budget\n\n- d\n";
        let doc = read(text, &Bodies::default()).expect("deck");
        let titles: Vec<&str> = doc.sections.iter().map(|s| s.item.title.as_str()).collect();
        assert_eq!(titles, ["Nära vård", "Budget"]);
        let first = &doc.sections[0].item;
        assert_eq!(first.content.len(), 1);
        assert_eq!(
            first.content[0].texts().len(),
            2,
            "the continuation's bullet joins the item"
        );
        assert_eq!(first.slides.len(), 1);
        assert_eq!(first.slides[0].title, "Nära vård i siffror");
    }
}
