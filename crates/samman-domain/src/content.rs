//! Rich-but-small content: paragraphs and nested lists of inline text with links.
//!
//! Kept deliberately smaller than Markdown: every rendition (web, deck, PDF, e-mail, plain text) must be
//! able to show all of it, so nothing here may need a feature one of them lacks.

use serde::{Deserialize, Serialize};

/// A run of inline content. Text is whitespace-normalised: no line breaks, no doubled spaces.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(pub Vec<Inline>);

/// One piece of inline content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text { text: String },
    Link { text: String, href: String },
}

/// A block of item content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph { text: Text },
    List { items: Vec<ListItem> },
}

/// A list entry with optional nested entries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListItem {
    pub text: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<ListItem>,
}

impl Text {
    /// Plain text without links.
    pub fn plain(s: impl Into<String>) -> Self {
        let text = s.into();
        if text.is_empty() {
            Text(Vec::new())
        } else {
            Text(vec![Inline::Text { text }])
        }
    }

    /// The visible text, links reduced to their label.
    pub fn to_plain(&self) -> String {
        self.0
            .iter()
            .map(|inline| match inline {
                Inline::Text { text } | Inline::Link { text, .. } => text.as_str(),
            })
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|inline| match inline {
            Inline::Text { text } | Inline::Link { text, .. } => text.is_empty(),
        })
    }

    /// The links in this text, as (label, href).
    pub fn links(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().filter_map(|inline| match inline {
            Inline::Link { text, href } => Some((text.as_str(), href.as_str())),
            Inline::Text { .. } => None,
        })
    }
}

/// Whether a link target is safe to emit: http(s), mailto, tel, or a relative reference, without spaces
/// or control characters. Script, data and file URLs are not; the renditions show such a link's label as
/// plain text, `check` reports it (`unsafe-link`), and the lead promises no minutes it cannot link.
pub fn is_safe_href(href: &str) -> bool {
    let href = href.trim();
    if href.is_empty() || href.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    match href.split_once(':') {
        Some((scheme, _)) if is_scheme(scheme) => {
            matches!(
                scheme.to_ascii_lowercase().as_str(),
                "http" | "https" | "mailto" | "tel"
            )
        }
        _ => true,
    }
}

/// Whether `s` is a URI scheme (a letter, then letters, digits, "+", "-", "."): "javascript" in
/// "javascript:…", but not "foo/bar" in a relative "foo/bar:baz".
fn is_scheme(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::plain(s)
    }
}

impl ListItem {
    pub fn new(text: impl Into<Text>) -> Self {
        ListItem {
            text: text.into(),
            children: Vec::new(),
        }
    }

    pub fn with_children(text: impl Into<Text>, children: Vec<ListItem>) -> Self {
        ListItem {
            text: text.into(),
            children,
        }
    }
}

/// The deepest list nesting every rendition can show: PowerPoint's nine outline levels (the page and the
/// PDF could go further, but one limit for all keeps what `check` accepts renderable everywhere). Readers
/// flatten deeper entries onto the last level ([`Block::limit_depth`]) and say so.
pub const MAX_LIST_DEPTH: usize = 9;

impl Block {
    /// Moves list entries nested deeper than [`MAX_LIST_DEPTH`] levels up to the deepest allowed level,
    /// keeping their order and text; returns whether any moved. Never recurses deeper than the limit, so a
    /// list nested a hundred thousand levels is flattened without exhausting the stack.
    pub fn limit_depth(&mut self) -> bool {
        fn limit(items: &mut [ListItem], depth: usize) -> bool {
            let mut moved = false;
            for item in items {
                if depth + 2 < MAX_LIST_DEPTH {
                    moved |= limit(&mut item.children, depth + 1);
                } else if item.children.iter().any(|c| !c.children.is_empty()) {
                    // The children are on the last level: everything below them joins them, in reading order.
                    let mut flat = Vec::new();
                    let mut stack: Vec<ListItem> =
                        std::mem::take(&mut item.children).into_iter().rev().collect();
                    while let Some(mut entry) = stack.pop() {
                        stack.extend(std::mem::take(&mut entry.children).into_iter().rev());
                        flat.push(entry);
                    }
                    item.children = flat;
                    moved = true;
                }
            }
            moved
        }
        match self {
            Block::List { items } => limit(items, 0),
            Block::Paragraph { .. } => false,
        }
    }

    pub fn paragraph(text: impl Into<Text>) -> Self {
        Block::Paragraph { text: text.into() }
    }

    /// Every text in the block, depth first, with its nesting depth (0 for paragraphs and top-level entries).
    pub fn texts(&self) -> Vec<(usize, &Text)> {
        fn walk<'a>(items: &'a [ListItem], depth: usize, out: &mut Vec<(usize, &'a Text)>) {
            for item in items {
                out.push((depth, &item.text));
                walk(&item.children, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        match self {
            Block::Paragraph { text } => out.push((0, text)),
            Block::List { items } => walk(items, 0, &mut out),
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> Vec<ListItem> {
        let mut items = Vec::new();
        for level in (0..depth).rev() {
            items = vec![ListItem::with_children(format!("nivå {level}").as_str(), items)];
        }
        items
    }

    fn deepest(items: &[ListItem]) -> usize {
        items.iter().map(|i| 1 + deepest(&i.children)).max().unwrap_or(0)
    }

    #[test]
    fn safe_link_targets() {
        for safe in [
            "https://example.org",
            "HTTP://x",
            "mailto:a@b.se",
            "tel:+4631",
            "/sida",
            "#punkt-1",
            "a/b:c",
        ] {
            assert!(is_safe_href(safe), "{safe}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc",
            "https://a b",
            "",
        ] {
            assert!(!is_safe_href(bad), "{bad}");
        }
    }

    #[test]
    fn lists_deeper_than_the_limit_are_flattened_onto_the_last_level() {
        let mut block = Block::List {
            items: nested(MAX_LIST_DEPTH),
        };
        assert!(!block.limit_depth(), "a list at the limit is left alone");
        let mut block = Block::List { items: nested(30) };
        assert!(block.limit_depth());
        let Block::List { items } = &block else {
            unreachable!()
        };
        assert_eq!(deepest(items), MAX_LIST_DEPTH);
        let texts: Vec<String> = block.texts().iter().map(|(_, t)| t.to_plain()).collect();
        let expected: Vec<String> = (0..30).map(|l| format!("nivå {l}")).collect();
        assert_eq!(texts, expected, "no text lost, order kept");
    }
}
