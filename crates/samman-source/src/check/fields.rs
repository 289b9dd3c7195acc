//! Per section: presenters and position missing or empty (`missing-presenter`, `missing-position`,
//! `empty-field`), labels written twice (`doubled-label`), and words a slide's line break split
//! (`broken-word`); plus empty fields in a source file's front matter.

use samman_domain::Bodies;

use super::Problem;
use super::scan::{POSITION_LABELS, PRESENTER_LABELS, content_start, front_matter, label_at, pos};
use crate::document::{Document, Format};
use crate::text::{join_broken_words, may_break};

pub(super) fn check(document: &Document, lines: &[&str], bodies: &Bodies, problems: &mut Vec<Problem>) {
    // The body's own name makes the example position in messages read right ("SRO noterar …").
    let short_name = document
        .header
        .body
        .as_ref()
        .and_then(|b| bodies.get(&b.value))
        .map_or("Samrådet", |b| b.short_name.as_str());
    for section in &document.sections {
        let item = &section.item;
        let title = &item.title;
        match (item.presenters.is_empty(), section.presenters_pos) {
            (false, _) => {}
            (true, Some(at)) => problems.push(Problem::new(
                at,
                "empty-field",
                format!("\"Föredragande:\" står utan namn i \"{title}\""),
            )),
            (true, None) => problems.push(Problem::new(
                section.heading.pos,
                "missing-presenter",
                format!("\"{title}\" saknar föredragande"),
            )),
        }
        let empty_position = item
            .position
            .as_ref()
            .is_none_or(|p| p.text.trim().is_empty() && p.points.is_empty());
        match (empty_position, section.position_pos) {
            (false, _) => {}
            (true, Some(at)) => problems.push(Problem::new(
                at,
                "empty-field",
                format!("\"Ställningstagande:\" står utan text i \"{title}\""),
            )),
            (true, None) => problems.push(Problem::new(
                section.heading.pos,
                "missing-position",
                format!(
                    "\"{title}\" saknar ställningstagande (t.ex. \"{short_name} noterar informationen\")"
                ),
            )),
        }
    }
    if let Some(title) = &document.header.title
        && title.value.trim().is_empty()
    {
        problems.push(Problem::new(title.pos, "empty-field", "titeln är tom"));
    }
    doubled_labels(document, lines, problems);
    broken_words(lines, problems);
    if document.format == Some(Format::Source) {
        empty_front_matter(lines, problems);
    }
}

/// A label twice on one line ("Föredragande: Föredragande: …"), or twice in one section.
fn doubled_labels(document: &Document, lines: &[&str], problems: &mut Vec<Problem>) {
    // Section boundaries in the file: each section runs from its heading to the next one.
    let mut starts: Vec<(usize, &str)> = document
        .sections
        .iter()
        .map(|s| (s.heading.pos.line, s.item.title.as_str()))
        .collect();
    starts.sort_by_key(|(line, _)| *line);
    // The lines that may hold a label, found once for both label sets: a label ends in a colon, and
    // starts a line of its own ("- Beslut: …" in a list is content). With the content's start offset.
    let candidates: Vec<(usize, &str, usize)> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.contains(':'))
        .filter_map(|(i, line)| {
            let (start, list) = content_start(line);
            (!list).then_some((i, *line, start))
        })
        .collect();
    for (labels, name) in [
        (&PRESENTER_LABELS[..], "Föredragande"),
        (&POSITION_LABELS[..], "Ställningstagande"),
    ] {
        let mut seen: Option<(usize, usize)> = None; // (section index, line of first label)
        for &(i, line, start) in &candidates {
            let rest = line.get(start..).unwrap_or("");
            let Some(len) = label_at(rest, labels) else {
                continue;
            };
            let line_no = i + 1;
            // Twice on the line.
            let after_start = start + len;
            let after = line.get(after_start..).unwrap_or("");
            let (skip, _) = content_start(after);
            if label_at(after.get(skip..).unwrap_or(""), labels).is_some() {
                problems.push(Problem::new(
                    pos(line_no, line, after_start + skip),
                    "doubled-label",
                    format!("etiketten \"{name}:\" står två gånger"),
                ));
            }
            // Twice in the section.
            let section = starts.partition_point(|(l, _)| *l <= line_no).checked_sub(1);
            if let Some(section) = section {
                match seen {
                    Some((s, first)) if s == section => problems.push(Problem::new(
                        pos(line_no, line, start),
                        "doubled-label",
                        format!(
                            "\"{name}:\" står en gång till i \"{}\" (första gången på rad {first})",
                            starts.get(section).map_or("", |(_, t)| t)
                        ),
                    )),
                    _ => seen = Some((section, line_no)),
                }
            }
        }
    }
}

/// Words split by a slide's line break ("Kvinnofrids- satsning"), at their exact column (a reader's own
/// `broken-word` note on the same line then gives way). Suspended compounds ("hälso- och sjukvård") are
/// not broken words.
fn broken_words(lines: &[&str], problems: &mut Vec<Problem>) {
    for (i, line) in lines.iter().enumerate() {
        if !may_break(line) {
            continue;
        }
        let (_, joined) = join_broken_words(line);
        let mut from = 0;
        for broken in joined {
            let Some(offset) = line.get(from..).and_then(|r| r.find(&broken)).map(|o| o + from) else {
                continue;
            };
            from = offset + broken.len();
            let broken = broken.trim_end_matches([',', ';', ':', '.', '!', '?']);
            let whole = join_broken_words(broken).0;
            problems.push(Problem::new(
                pos(i + 1, line, offset),
                "broken-word",
                format!("\"{broken}\" ser ut som ett ord som delats av en radbrytning; skriv \"{whole}\""),
            ));
        }
    }
}

/// `key = ""` in a source file's front matter.
fn empty_front_matter(lines: &[&str], problems: &mut Vec<Problem>) {
    let Some((start, end)) = front_matter(lines) else {
        return;
    };
    for (i, line) in lines.iter().enumerate().take(end).skip(start) {
        if let Some((key, value)) = line.split_once('=') {
            let value = value.trim();
            if value == "\"\"" || value == "''" {
                let column = line.len() - line.trim_start().len();
                problems.push(Problem::new(
                    pos(i + 1, line, column),
                    "empty-field",
                    format!(
                        "fältet \"{}\" är tomt; ta bort raden eller fyll i det",
                        key.trim()
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Section;
    use crate::located::{Located, Pos};

    fn doubled(text: &str) -> Vec<(usize, usize)> {
        let doc = Document {
            sections: vec![Section {
                heading: Located::new("Punkt".to_string(), Pos::line(1)),
                item: samman_domain::Item::titled("Punkt"),
                presenters_pos: None,
                position_pos: None,
                slide_pos: Vec::new(),
            }],
            ..Document::default()
        };
        let lines: Vec<&str> = text.split('\n').collect();
        let mut problems = Vec::new();
        doubled_labels(&doc, &lines, &mut problems);
        problems.iter().map(|p| (p.pos.line, p.pos.column)).collect()
    }

    #[test]
    fn doubled_labels_on_a_line_and_in_a_section() {
        assert_eq!(
            doubled("# Punkt\n**Föredragande:** Föredragande: Eva"),
            vec![(2, 19)]
        );
        assert_eq!(
            doubled("# Punkt\nFöredragande: Eva\n\nPresenters: Bo"),
            vec![(4, 1)]
        );
        assert_eq!(
            doubled("# Punkt\nStällningstagande: noterar\n- Beslut: budgeten antogs"),
            vec![]
        );
        assert_eq!(
            doubled("# Punkt\nFöredragande: Eva\nStällningstagande: noterar"),
            vec![]
        );
    }
}
