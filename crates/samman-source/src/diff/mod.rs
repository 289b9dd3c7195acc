//! `samman diff`: how two renditions of one meeting disagree.
//!
//! Both documents are read the same way (any forms: source file, deck, web page). The meeting-level
//! fields are compared directly; items are aligned by [`items::align`] even when their titles differ
//! (titles, presenters and content all count), then compared field by field ([`items`]); sentences are
//! paired and their changed words marked ([`words`]). A third part, "inom varje rendition", lists what
//! `check` finds in each side by itself (agenda order, spelling mixes, broken words, wrong dates), since
//! those are disagreements too, only inside one file. [`render_text`] and [`to_json`] present the result;
//! `docs/diff.md` documents the JSON.

mod items;
mod meeting;
mod render;
mod undated;
mod words;

use samman_domain::Bodies;
use serde::Serialize;

use crate::check;
use crate::document::Document;

pub use render::{render_text, to_json};
pub use words::{Op, Segment, word_diff};

/// The differences between two documents of one meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// Differences in the meeting's own fields (title, date, updated, lead, agenda, closing slide, order).
    pub meeting: Vec<Change>,
    /// Every item of either side, aligned, with what differs (empty `changes` when nothing does).
    pub items: Vec<ItemDiff>,
    /// What `check` finds in each rendition by itself. Not differences: [`Diff::is_empty`] ignores them.
    pub within: Within,
}

/// One difference. `a` and `b` are the two sides as readers see them (`None`: absent on that side).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What differs, e.g. `title`, `item-title`, `sentence`, `slide`, `event` (see `docs/diff.md`).
    pub kind: &'static str,
    /// Where inside the item, when that helps: a slide's title, "ställningstagande".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    pub a: Option<String>,
    pub b: Option<String>,
    /// The word-level diff when both sides are text; empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<Segment>,
    /// A difference of form rather than content (the same sentence nested differently).
    pub minor: bool,
}

/// An item of A, of B or of both, and how the two differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemDiff {
    pub a: Option<ItemRef>,
    pub b: Option<ItemRef>,
    pub changes: Vec<Change>,
}

/// Which item of a document: its number on the agenda (from 1), title and heading line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemRef {
    pub number: usize,
    pub title: String,
    pub line: Option<usize>,
}

/// The problems `check` finds in each side.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Within {
    pub a: Vec<Finding>,
    pub b: Vec<Finding>,
}

/// A `check` problem as the diff reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: check::Severity,
    pub message: String,
    pub line: usize,
    pub column: usize,
    /// The place as shown when line and column are not the reader's ("bild 7, stycke 3" in a deck);
    /// set by the caller, who knows the input's form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

impl Diff {
    /// True exactly when the two renditions do not differ (problems inside each side do not count).
    pub fn is_empty(&self) -> bool {
        self.meeting.is_empty()
            && self
                .items
                .iter()
                .all(|i| i.changes.is_empty() && i.a.is_some() && i.b.is_some())
    }

    /// Every change, meeting-level and per item.
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.meeting
            .iter()
            .chain(self.items.iter().flat_map(|i| i.changes.iter()))
    }
}

impl Change {
    /// A difference between two texts, with the changed words marked.
    pub(crate) fn text(kind: &'static str, a: &str, b: &str) -> Change {
        Change {
            kind,
            place: None,
            a: Some(a.to_string()),
            b: Some(b.to_string()),
            words: word_diff(a, b),
            minor: false,
        }
    }

    /// Something present on one side only, or with values that are not prose (dates, kinds).
    pub(crate) fn values(kind: &'static str, a: Option<String>, b: Option<String>) -> Change {
        Change {
            kind,
            place: None,
            a,
            b,
            words: Vec::new(),
            minor: false,
        }
    }

    pub(crate) fn at(mut self, place: Option<&str>) -> Change {
        self.place = place.map(str::to_string);
        self
    }
}

/// Compares two documents of one meeting. Without the files' text, the "within" part has only the
/// problems `check` finds from structure; [`diff_texts`] gives the full picture.
pub fn diff(a: &Document, b: &Document, bodies: &Bodies) -> Diff {
    diff_texts(a, "", b, "", bodies)
}

/// Compares two documents of one meeting, each with the text of the file it was read from (for the
/// problems inside each side: spelling mixes, dates without a day, with exact positions).
pub fn diff_texts(a: &Document, a_text: &str, b: &Document, b_text: &str, bodies: &Bodies) -> Diff {
    let (items_a, items_b) = (items::views(a), items::views(b));
    let pairs = items::align(&items_a, &items_b);
    let mut meeting = meeting::compare(a, b, bodies);
    meeting.extend(items::order_change(&items_a, &items_b, &pairs));
    let items = pairs
        .iter()
        .map(|(i, j)| {
            let (va, vb) = (i.and_then(|i| items_a.get(i)), j.and_then(|j| items_b.get(j)));
            ItemDiff {
                a: va.map(items::ItemView::reference),
                b: vb.map(items::ItemView::reference),
                changes: match (va, vb) {
                    (Some(va), Some(vb)) => items::compare(va, vb),
                    _ => Vec::new(),
                },
            }
        })
        .collect();
    let findings = |doc: &Document, text: &str| -> Vec<Finding> {
        check::check(doc, text, bodies)
            .into_iter()
            .map(|p| Finding {
                code: p.code,
                severity: p.severity,
                message: p.message,
                line: p.pos.line,
                column: p.pos.column,
                place: None,
            })
            .collect()
    };
    Diff {
        meeting,
        items,
        within: Within {
            a: findings(a, a_text),
            b: findings(b, b_text),
        },
    }
}

#[cfg(test)]
mod tests {
    use samman_domain::{Date, Item, Presenter};

    use super::*;
    use crate::document::Section;
    use crate::located::{Located, Pos};

    fn document(date: Date, items: &[(&str, &str)]) -> Document {
        let mut doc = Document::default();
        doc.header.date = Some(Located::new(date, Pos::line(1)));
        doc.sections = items
            .iter()
            .enumerate()
            .map(|(i, (title, who))| {
                let mut item = Item::titled(*title);
                item.presenters.push(Presenter::person(who, None));
                Section {
                    heading: Located::new(title.to_string(), Pos::line(10 * (i + 1))),
                    item,
                    presenters_pos: None,
                    position_pos: None,
                    slide_pos: Vec::new(),
                }
            })
            .collect();
        doc
    }

    #[test]
    fn hand_built_documents_differ_in_date_items_and_order() {
        let a = document(
            jiff::civil::date(2023, 3, 10),
            &[("Budget 2024", "Eva Holm"), ("Barnhälsa", "Lars Ek")],
        );
        let b = document(
            jiff::civil::date(2023, 3, 17),
            &[
                ("Barnhälsa", "Lars Ek"),
                ("Budget 2024", "Eva Holm"),
                ("Övrigt", "Eva Holm"),
            ],
        );
        let d = diff(&a, &b, &Bodies::default());
        assert!(!d.is_empty());
        let kinds: Vec<&str> = d.meeting.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec!["date", "order"]);
        assert_eq!(d.meeting[0].b.as_deref(), Some("17 mars 2023"));
        assert_eq!(d.meeting[1].a.as_deref(), Some("Budget 2024 · Barnhälsa"));
        let only_b: Vec<&str> = d
            .items
            .iter()
            .filter(|i| i.a.is_none())
            .filter_map(|i| i.b.as_ref().map(|r| r.title.as_str()))
            .collect();
        assert_eq!(only_b, vec!["Övrigt"]);
        assert!(diff(&a, &a, &Bodies::default()).is_empty());
        let json = to_json(&d);
        assert_eq!(json["equal"], false);
        assert_eq!(json["meeting"][0]["kind"], "date");
    }
}
