//! The text/plain part: readable in any mail client, lines wrapped at 72 characters, links listed.
//!
//! Links inside item content become "label [n]" with the numbered list at the end, so the text stays
//! readable; the page, deck, PDF, calendar and unsubscribe links are written out where they are used.

use std::fmt::Write;

use samman_domain::{Block, Inline, ListItem, Meeting, Text, swedish};

use super::{Letter, slides_sentence};
use crate::escape::clean;
use crate::links::Links;

const WIDTH: usize = 72;

pub(super) fn render(letter: &Letter, meeting: &Meeting) -> String {
    let Letter {
        title,
        lead,
        links,
        body_name,
        newsletter,
        unsubscribe,
        ..
    } = letter;
    let mut out = String::new();
    let mut refs: Vec<String> = Vec::new();
    let _ = writeln!(out, "{title}\n{}\n", "=".repeat(title.chars().count().min(WIDTH)));
    wrap(&mut out, lead, "", "");
    out.push('\n');
    let _ = writeln!(out, "Läs sammanställningen på webben:\n{}\n", links.page);
    let _ = writeln!(out, "Presentation (PowerPoint): {}", links.deck());
    let _ = writeln!(out, "Sammanställning (PDF): {}\n", links.pdf());
    if !meeting.items.is_empty() {
        out.push_str("Agenda\n");
        for (i, item) in meeting.items.iter().enumerate() {
            wrap(&mut out, &clean(&item.title), &format!("{}. ", i + 1), "   ");
        }
        out.push('\n');
    }
    for (i, item) in meeting.items.iter().enumerate() {
        let number = i + 1;
        let heading = format!("{number}. {}", clean(&item.title));
        let rule = "-".repeat(heading.chars().count().min(WIDTH));
        let _ = writeln!(out, "\n{heading}\n{rule}");
        if !item.presenters.is_empty() {
            wrap(
                &mut out,
                &format!(
                    "Föredragande: {}",
                    clean(&samman_domain::swedish::presenters(&item.presenters))
                ),
                "",
                "",
            );
        }
        for block in &item.content {
            out.push('\n');
            match block {
                Block::Paragraph { text } => wrap(&mut out, &inline(text, links, &mut refs), "", ""),
                Block::List { items } => list(&mut out, items, 0, links, &mut refs),
            }
        }
        if !item.slides.is_empty() {
            out.push('\n');
            wrap(
                &mut out,
                &format!(
                    "{} Läs dem på webben: {}",
                    slides_sentence(item.slides.len()),
                    links.item_slides(number)
                ),
                "",
                "",
            );
        }
        if !item.events.is_empty() {
            out.push_str("\nDatum:\n");
            for e in &item.events {
                wrap(
                    &mut out,
                    &format!("{}: {}", swedish::event_when(e), clean(&e.summary)),
                    "- ",
                    "  ",
                );
            }
            let _ = writeln!(out, "Lägg till i kalender: {}", links.ics());
        }
        if !item.timeline.is_empty() {
            out.push_str("\nTidsplan:\n");
            for t in &item.timeline {
                wrap(
                    &mut out,
                    &format!("{}: {}", clean(&t.when_label()), clean(&t.text)),
                    "- ",
                    "  ",
                );
            }
        }
        if let Some(position) = &item.position {
            out.push('\n');
            wrap(
                &mut out,
                &format!("{}: {}", swedish::position_label(position), clean(&position.text)),
                "",
                "",
            );
            for p in &position.points {
                wrap(&mut out, &clean(p), "- ", "  ");
            }
        }
        let _ = writeln!(out, "\nLäs mer: {}", links.item(number));
    }
    if let Some(updated) = meeting.updated {
        let _ = writeln!(out, "\nSenast uppdaterad: {}", swedish::timestamp(updated));
    }
    if !refs.is_empty() {
        out.push_str("\nLänkar\n");
        for (i, href) in refs.iter().enumerate() {
            let _ = writeln!(out, "[{}] {href}", i + 1);
        }
    }
    // "-- " (with the space) is the signature separator mail clients recognise.
    out.push_str("\n-- \n");
    if let Some(name) = newsletter {
        wrap(
            &mut out,
            &format!("Du får det här mejlet för att du prenumererar på {name}."),
            "",
            "",
        );
    }
    let _ = writeln!(out, "Avsluta prenumerationen: {unsubscribe}");
    wrap(&mut out, body_name, "", "");
    out
}

/// Inline text with links as "label [n]" (n into `refs`); unsafe links keep only their label.
fn inline(text: &Text, links: &Links, refs: &mut Vec<String>) -> String {
    let mut s = String::new();
    for part in &text.0 {
        match part {
            Inline::Text { text } => s.push_str(&clean(text)),
            Inline::Link { text, href } => {
                s.push_str(&clean(text));
                if let Some(abs) = links.absolute(href) {
                    let n = match refs.iter().position(|r| *r == abs) {
                        Some(i) => i + 1,
                        None => {
                            refs.push(abs);
                            refs.len()
                        }
                    };
                    let _ = write!(s, " [{n}]");
                }
            }
        }
    }
    s
}

fn list(out: &mut String, items: &[ListItem], depth: usize, links: &Links, refs: &mut Vec<String>) {
    let indent = "  ".repeat(depth);
    for item in items {
        let text = inline(&item.text, links, refs);
        wrap(out, &text, &format!("{indent}- "), &format!("{indent}  "));
        list(out, &item.children, depth + 1, links, refs);
    }
}

/// Appends `text` word-wrapped at [`WIDTH`]: first line after `first`, the rest after `rest`.
/// A word longer than a line stays whole (quoted-printable soft breaks carry it).
fn wrap(out: &mut String, text: &str, first: &str, rest: &str) {
    let mut line = String::from(first);
    let mut len = first.chars().count();
    let mut empty = true;
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if !empty && len + 1 + w > WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(rest);
            len = rest.chars().count();
            empty = true;
        }
        if !empty {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += w;
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_respects_width_and_indent() {
        let mut out = String::new();
        wrap(&mut out, &"ord ".repeat(40), "- ", "  ");
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= WIDTH));
        assert!(lines[0].starts_with("- ord") && lines[1].starts_with("  ord"));
    }
}
