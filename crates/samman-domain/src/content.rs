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

impl Block {
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
