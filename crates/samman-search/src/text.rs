//! What of an item is searched: its title, and the text of its presenters, content, position, detail
//! slides, events and timeline — every word a reader sees under the item on the page.

use samman_domain::{Block, Item};

/// The item's searchable text beside its title, one line per piece (snippets never run across lines
/// in a way a reader would notice: the page shows line breaks as spaces).
pub(crate) fn item_text(item: &Item) -> String {
    let mut lines: Vec<String> = Vec::new();
    for p in &item.presenters {
        let parts: Vec<&str> = [
            Some(p.name.as_str()),
            p.role.as_deref(),
            p.organisation.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
        lines.push(parts.join(", "));
    }
    blocks(&item.content, &mut lines);
    if let Some(position) = &item.position {
        lines.push(position.text.clone());
        lines.extend(position.points.iter().cloned());
    }
    for slide in &item.slides {
        lines.push(slide.title.clone());
        blocks(&slide.content, &mut lines);
    }
    lines.extend(item.events.iter().map(|e| e.summary.clone()));
    for entry in &item.timeline {
        lines.extend(entry.when.iter().cloned());
        lines.push(entry.text.clone());
    }
    lines.retain(|l| !l.trim().is_empty());
    lines.join("\n")
}

fn blocks(content: &[Block], lines: &mut Vec<String>) {
    for block in content {
        lines.extend(block.texts().into_iter().map(|(_, t)| t.to_plain()));
    }
}
