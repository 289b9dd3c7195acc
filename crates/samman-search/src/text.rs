//! What of an item is searched: its title, and the text of its presenters, content, position, detail
//! slides, events and timeline — every word a reader sees under the item on the page.

use samman_domain::{Block, Inline, Item, ListItem, Text};

/// One piece of an item's searchable text beside its title, as [`visit`] hands it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    /// A run of the current line (a line may come in several runs: a text's inline parts, or a
    /// presenter's name, role and organisation with ", " between them).
    Run(&'a str),
    /// The end of a line.
    LineEnd,
}

/// The item's searchable text beside its title, one line per piece (snippets never run across lines
/// in a way a reader would notice: the page shows line breaks as spaces). Blank lines are left out.
pub(crate) fn item_text(item: &Item) -> String {
    let mut text = String::new();
    let mut line = String::new();
    visit(item, &mut |piece| match piece {
        Piece::Run(run) => line.push_str(run),
        Piece::LineEnd => {
            if !line.trim().is_empty() {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(&line);
            }
            line.clear();
        }
    });
    text
}

/// Hands the item's searchable text beside its title to `f` run by run, without building it: the
/// static build splits every item into words, and needs no string of the whole.
pub(crate) fn visit<'a>(item: &'a Item, f: &mut impl FnMut(Piece<'a>)) {
    for p in &item.presenters {
        let parts = [
            Some(p.name.as_str()),
            p.role.as_deref(),
            p.organisation.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty());
        for (i, part) in parts.enumerate() {
            if i > 0 {
                f(Piece::Run(", "));
            }
            f(Piece::Run(part));
        }
        f(Piece::LineEnd);
    }
    blocks(&item.content, f);
    if let Some(position) = &item.position {
        plain(&position.text, f);
        position.points.iter().for_each(|point| plain(point, f));
    }
    for slide in &item.slides {
        plain(&slide.title, f);
        blocks(&slide.content, f);
    }
    item.events.iter().for_each(|e| plain(&e.summary, f));
    for entry in &item.timeline {
        entry.when.iter().for_each(|when| plain(when, f));
        plain(&entry.text, f);
    }
}

/// One line of plain text.
fn plain<'a>(line: &'a str, f: &mut impl FnMut(Piece<'a>)) {
    f(Piece::Run(line));
    f(Piece::LineEnd);
}

/// Each text of the blocks (a list's entries depth first) is a line of its visible runs.
fn blocks<'a>(content: &'a [Block], f: &mut impl FnMut(Piece<'a>)) {
    for block in content {
        match block {
            Block::Paragraph { text } => runs(text, f),
            Block::List { items } => list(items, f),
        }
    }
}

fn list<'a>(items: &'a [ListItem], f: &mut impl FnMut(Piece<'a>)) {
    for item in items {
        runs(&item.text, f);
        list(&item.children, f);
    }
}

/// A text as one line: its inline parts, links reduced to their label (as `Text::to_plain`).
fn runs<'a>(text: &'a Text, f: &mut impl FnMut(Piece<'a>)) {
    for inline in &text.0 {
        let (Inline::Text { text } | Inline::Link { text, .. }) = inline;
        f(Piece::Run(text));
    }
    f(Piece::LineEnd);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use samman_domain::{Event, Position, PositionKind, Presenter, Slide, TimelineEntry};

    /// An item with something in every searched part: blank lines, a word split across a link, a
    /// nested list, a presenter with an empty role.
    pub(crate) fn rich_item() -> Item {
        let linked = Text(vec![
            Inline::Text {
                text: "Läs mer på Vård".into(),
            },
            Inline::Link {
                text: "GIVARNA".into(),
                href: "https://x.se".into(),
            },
            Inline::Text {
                text: "! Klart.".into(),
            },
        ]);
        let at = "2021-05-21T14:00".parse().expect("a date and time");
        Item {
            title: "Vården 2021".into(),
            presenters: vec![
                Presenter {
                    name: "Anna Ek".into(),
                    organisation: Some("VGR".into()),
                    role: Some(String::new()),
                },
                Presenter::default(),
            ],
            content: vec![
                Block::Paragraph { text: linked },
                Block::Paragraph {
                    text: Text::plain("  "),
                },
                Block::List {
                    items: vec![ListItem {
                        text: Text::plain("Ett"),
                        children: vec![ListItem {
                            text: Text::plain("Två"),
                            children: Vec::new(),
                        }],
                    }],
                },
            ],
            position: Some(Position {
                kind: PositionKind::Noted,
                text: "Noterar".into(),
                points: vec!["Punkt ett".into(), String::new()],
            }),
            slides: vec![Slide {
                title: "Bild".into(),
                content: vec![Block::Paragraph {
                    text: Text::plain("Bildtext"),
                }],
            }],
            events: vec![Event {
                start: at,
                end: None,
                summary: "Möte".into(),
            }],
            timeline: vec![TimelineEntry {
                date: None,
                when: Some("Våren".into()),
                text: "Beslut".into(),
            }],
        }
    }

    #[test]
    fn item_text_is_every_part_a_line_without_blank_ones() {
        assert_eq!(
            item_text(&rich_item()),
            "Anna Ek, VGR\nLäs mer på VårdGIVARNA! Klart.\nEtt\nTvå\nNoterar\nPunkt ett\nBild\nBildtext\nMöte\nVåren\nBeslut"
        );
        assert_eq!(item_text(&Item::default()), "");
    }
}
