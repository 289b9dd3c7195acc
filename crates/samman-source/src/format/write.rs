//! The canonical form (`samman fmt`): front matter keys in a fixed order, then per item the presenters,
//! content, timeline, events and position, then its detail slides; the closing slide last. One blank line
//! between blocks, two-space list indentation, no trailing whitespace, a final newline.

use samman_domain::{Block, Item, ListItem, Meeting, Slide};

use super::body::needs_explicit_kind;
use super::entries::{write_event, write_timeline};
use super::front_matter;
use super::syntax::{escape_heading, escape_line, kind_word, protect_line_start, write_inline};
use crate::people::write_presenters;

/// Writes the canonical source form of a meeting.
pub fn write(meeting: &Meeting) -> String {
    let mut blocks: Vec<String> = Vec::new();
    for item in &meeting.items {
        write_item(item, &mut blocks);
    }
    if let Some(closing) = &meeting.closing {
        let title = escape_heading(&closing.title);
        blocks.push(format!("## Avslutande bild: {title}").trim_end().to_string());
        write_blocks(&closing.content, &mut blocks);
    }
    let mut out = front_matter::write(meeting);
    for block in blocks {
        out.push('\n');
        out.push_str(&block);
        out.push('\n');
    }
    out
}

fn heading(level: &str, title: &str) -> String {
    let title = escape_heading(title);
    if title.is_empty() {
        level.to_string()
    } else {
        format!("{level} {title}")
    }
}

fn write_item(item: &Item, blocks: &mut Vec<String>) {
    blocks.push(heading("##", &item.title));
    if !item.presenters.is_empty() {
        let line = format!("Föredragande: {}", write_presenters(&item.presenters));
        blocks.push(line.trim_end().to_string());
    }
    write_blocks(&item.content, blocks);
    if !item.timeline.is_empty() {
        let entries: Vec<String> = item.timeline.iter().map(write_timeline).collect();
        blocks.push(labelled_list("Tidsplan:", &entries));
    }
    if !item.events.is_empty() {
        let entries: Vec<String> = item.events.iter().map(write_event).collect();
        blocks.push(labelled_list("Händelser:", &entries));
    }
    if let Some(position) = &item.position {
        let label = if needs_explicit_kind(position.kind, &position.text) {
            format!("Ställningstagande ({}):", kind_word(position.kind))
        } else {
            "Ställningstagande:".to_string()
        };
        let line = if position.text.is_empty() {
            label
        } else {
            format!("{label} {}", escape_line(&position.text))
        };
        let points: Vec<String> = position.points.iter().map(|p| escape_line(p)).collect();
        blocks.push(labelled_list(&line, &points));
    }
    for slide in &item.slides {
        write_slide(slide, blocks);
    }
}

fn write_slide(slide: &Slide, blocks: &mut Vec<String>) {
    blocks.push(heading("###", &slide.title));
    write_blocks(&slide.content, blocks);
}

/// A label line with its list directly under it (no blank line: the list belongs to the label).
fn labelled_list(label: &str, entries: &[String]) -> String {
    let mut out = label.to_string();
    for entry in entries {
        out.push('\n');
        out.push_str(&entry_line("-", 0, entry));
    }
    out
}

fn entry_line(marker: &str, depth: usize, text: &str) -> String {
    let indent = "  ".repeat(depth);
    if text.is_empty() {
        format!("{indent}{marker}")
    } else {
        format!("{indent}{marker} {text}")
    }
}

/// Content blocks. Two lists in a row get different markers (`-`, then `*`): in Markdown a new marker
/// starts a new list, while a blank line alone would merge them into one.
fn write_blocks(content: &[Block], blocks: &mut Vec<String>) {
    let mut previous_marker: Option<&str> = None;
    for block in content {
        match block {
            Block::Paragraph { text } => {
                blocks.push(protect_line_start(write_inline(text)));
                previous_marker = None;
            }
            Block::List { items } => {
                let marker = if previous_marker == Some("-") { "*" } else { "-" };
                let mut lines = Vec::new();
                write_list(items, marker, 0, &mut lines);
                blocks.push(lines.join("\n"));
                previous_marker = Some(marker);
            }
        }
    }
}

fn write_list(items: &[ListItem], marker: &str, depth: usize, lines: &mut Vec<String>) {
    for item in items {
        let text = protect_line_start(write_inline(&item.text));
        lines.push(entry_line(marker, depth, &text));
        // Nested entries always use `-`; only the top-level marker separates lists.
        write_list(&item.children, "-", depth + 1, lines);
    }
}
