//! The small block model every importer reads its input into: paragraphs and nested bullets, each with
//! the place its text starts and its raw lines (hard line breaks kept, since a deck writes a timeline as
//! lines inside one bullet).

use samman_domain::{Block, ListItem, Text};

use crate::document::Note;
use crate::located::Pos;
use crate::text::{join_broken_words, normalize_ws, parse_inline, strip_emphasis};

/// A paragraph or a bullet with its nested bullets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Node {
    /// Where the text starts (after any bullet marker).
    pub pos: Pos,
    pub bullet: bool,
    /// The text as written (inline Markdown), one entry per source line.
    pub lines: Vec<String>,
    pub children: Vec<Node>,
}

impl Node {
    pub fn new(pos: Pos, bullet: bool, text: impl Into<String>) -> Self {
        Node {
            pos,
            bullet,
            lines: vec![text.into()],
            children: Vec::new(),
        }
    }

    /// The text on one line, whitespace-normalised.
    pub fn text(&self) -> String {
        normalize_ws(&self.lines.join(" "))
    }
}

/// Lists deeper than this are flattened to this depth: no summary needs more, and every later step
/// (events, conversion, rendering) walks the tree recursively, so depth must stay small.
pub(crate) const MAX_DEPTH: usize = 8;

/// Builds a forest from `(depth, node)` pairs in document order: a node becomes a child of the nearest
/// earlier node of smaller depth. Depths may jump (a list indented twice); they are treated as one level.
pub(crate) fn nest(flat: Vec<(usize, Node)>) -> Vec<Node> {
    // Stack of (level, node) along the current path; popped nodes are attached to their parent. Bullets
    // sit one level below paragraphs, so a paragraph that ends with a colon ("Informationsträffar:",
    // "Ställningstagande:") takes the list right after it as its own; any other paragraph does not.
    let mut roots: Vec<Node> = Vec::new();
    let mut stack: Vec<(usize, Node)> = Vec::new();
    for (depth, node) in flat {
        let level = if node.bullet { depth.min(MAX_DEPTH) + 1 } else { 0 };
        while stack
            .last()
            .is_some_and(|(l, n)| *l >= level || (!n.bullet && !strip_emphasis(&n.text()).ends_with(':')))
        {
            pop_into(&mut stack, &mut roots);
        }
        stack.push((level, node));
    }
    while !stack.is_empty() {
        pop_into(&mut stack, &mut roots);
    }
    roots
}

fn pop_into(stack: &mut Vec<(usize, Node)>, roots: &mut Vec<Node>) {
    if let Some((_, node)) = stack.pop() {
        match stack.last_mut() {
            Some((_, parent)) => parent.children.push(node),
            None => roots.push(node),
        }
    }
}

/// Converts text as written into record text, joining words broken across slide lines when `repair` is
/// set (each repair becomes a `broken-word` note).
#[derive(Debug)]
pub(crate) struct Converter {
    pub repair: bool,
    pub notes: Vec<Note>,
}

impl Converter {
    pub fn new(repair: bool) -> Self {
        Converter {
            repair,
            notes: Vec::new(),
        }
    }

    /// A line of text, repaired and whitespace-normalised (still inline Markdown).
    pub fn line(&mut self, text: &str, pos: Pos) -> String {
        let text = normalize_ws(text);
        if !self.repair {
            return text;
        }
        let (joined, broken) = join_broken_words(&text);
        for form in broken {
            let (fixed, _) = join_broken_words(&form);
            let punctuation = [',', ';', ':', '.', '!', '?'];
            let (shown, fixed) = (
                form.trim_end_matches(punctuation),
                fixed.trim_end_matches(punctuation),
            );
            // Point at the broken word itself, assuming the line was written with single spaces.
            let column = text
                .find(&form)
                .map_or(0, |i| text.get(..i).map_or(0, |s| s.chars().count()));
            self.notes.push(Note {
                pos: Pos::new(pos.line, pos.column + column),
                code: "broken-word",
                message: format!("ordet \"{shown}\" är avstavat över en radbrytning; läses som \"{fixed}\""),
            });
        }
        joined
    }

    pub fn text(&mut self, text: &str, pos: Pos) -> Text {
        // The record keeps no emphasis (a deck's "**PRENUMERERA!**" is just the word).
        parse_inline(&strip_emphasis(&self.line(text, pos)))
    }

    /// Paragraphs and lists; consecutive bullets become one list.
    pub fn blocks(&mut self, nodes: &[Node]) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut list: Vec<ListItem> = Vec::new();
        for node in nodes {
            if node.bullet {
                list.push(self.list_item(node));
            } else {
                if !list.is_empty() {
                    blocks.push(Block::List {
                        items: std::mem::take(&mut list),
                    });
                }
                let text = self.text(&node.text(), node.pos);
                if !text.is_empty() {
                    blocks.push(Block::Paragraph { text });
                }
                // A paragraph with nested bullets (rare) keeps them as a list after it.
                if !node.children.is_empty() {
                    let items = node.children.iter().map(|c| self.list_item(c)).collect();
                    blocks.push(Block::List { items });
                }
            }
        }
        if !list.is_empty() {
            blocks.push(Block::List { items: list });
        }
        blocks
    }

    fn list_item(&mut self, node: &Node) -> ListItem {
        ListItem {
            text: self.text(&node.text(), node.pos),
            children: node.children.iter().map(|c| self.list_item(c)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(line: usize, text: &str) -> Node {
        Node::new(Pos::line(line), true, text)
    }

    #[test]
    fn nesting_follows_depth() {
        let forest = nest(vec![
            (0, b(1, "a")),
            (1, b(2, "a1")),
            (3, b(3, "a1x")),
            (1, b(4, "a2")),
            (0, b(5, "b")),
        ]);
        assert_eq!(forest.len(), 2);
        assert_eq!(forest[0].children.len(), 2);
        assert_eq!(forest[0].children[0].children[0].text(), "a1x");
        assert_eq!(forest[1].text(), "b");
    }

    #[test]
    fn broken_words_are_noted() {
        let mut c = Converter::new(true);
        assert_eq!(
            c.line("Kvinnofrids- satsning", Pos::line(3)),
            "Kvinnofridssatsning"
        );
        assert_eq!(c.notes.len(), 1);
        assert_eq!(c.notes[0].code, "broken-word");
        assert!(c.notes[0].message.contains("Kvinnofridssatsning"));
    }
}
