//! Item content (paragraphs, nested lists, links) as HTML: the markup the page, the e-mail and the feed
//! share, so the three cannot show one item's content differently.

use samman_domain::{Block, Inline, ListItem, Text};

use crate::escape;
use crate::links::{Links, safe_href};

/// How content links are written: as given (the page) or absolute (e-mail, feed).
#[derive(Debug, Clone, Copy)]
pub enum Hrefs<'a> {
    Relative,
    Absolute(&'a Links),
}

impl Hrefs<'_> {
    /// The href to emit, or `None` when the target is unsafe (the label is then shown as plain text).
    pub fn resolve(self, href: &str) -> Option<String> {
        match self {
            Hrefs::Relative => safe_href(href),
            Hrefs::Absolute(links) => links.absolute(href),
        }
    }
}

/// Inline text with links.
pub fn text(out: &mut String, t: &Text, hrefs: Hrefs) {
    for inline in &t.0 {
        match inline {
            Inline::Text { text } => escape::push_html(out, text),
            Inline::Link { text, href } => match hrefs.resolve(href) {
                Some(h) => {
                    out.push_str("<a href=\"");
                    escape::push_html(out, &h);
                    out.push_str("\">");
                    escape::push_html(out, text);
                    out.push_str("</a>");
                }
                None => escape::push_html(out, text),
            },
        }
    }
}

/// Blocks, indented by `indent` levels of two spaces so the output stays readable.
pub fn blocks(out: &mut String, blocks: &[Block], hrefs: Hrefs, indent: usize) {
    for block in blocks {
        match block {
            Block::Paragraph { text: t } => {
                pad(out, indent);
                out.push_str("<p>");
                text(out, t, hrefs);
                out.push_str("</p>\n");
            }
            Block::List { items } => list(out, items, hrefs, indent),
        }
    }
}

fn list(out: &mut String, items: &[ListItem], hrefs: Hrefs, indent: usize) {
    if items.is_empty() {
        return;
    }
    pad(out, indent);
    out.push_str("<ul>\n");
    for item in items {
        pad(out, indent + 1);
        out.push_str("<li>");
        text(out, &item.text, hrefs);
        if item.children.is_empty() {
            out.push_str("</li>\n");
        } else {
            out.push('\n');
            list(out, &item.children, hrefs, indent + 2);
            pad(out, indent + 1);
            out.push_str("</li>\n");
        }
    }
    pad(out, indent);
    out.push_str("</ul>\n");
}

fn pad(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_nest_and_unsafe_links_become_text() {
        let t = Text(vec![
            Inline::Text {
                text: "Läs <mer> ".into(),
            },
            Inline::Link {
                text: "här".into(),
                href: "javascript:alert(1)".into(),
            },
            Inline::Text { text: " och ".into() },
            Inline::Link {
                text: "där".into(),
                href: "https://a.se/?a=1&b=2".into(),
            },
        ]);
        let mut out = String::new();
        blocks(
            &mut out,
            &[Block::List {
                items: vec![ListItem::with_children(t, vec![ListItem::new("inre")])],
            }],
            Hrefs::Relative,
            0,
        );
        assert_eq!(
            out,
            "<ul>\n  <li>Läs &lt;mer&gt; här och <a href=\"https://a.se/?a=1&amp;b=2\">där</a>\n    <ul>\n      \
             <li>inre</li>\n    </ul>\n  </li>\n</ul>\n"
        );
    }
}
