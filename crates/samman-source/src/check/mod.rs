//! `samman check`: problems a reader would notice, each with its place in the file.
//!
//! The rules are grouped by what they look at: [`dates`] (title date vs meeting date, dates without a day),
//! [`organisations`] (variant spellings of member organisations), [`agenda`] (agenda vs sections),
//! [`fields`] (presenters, positions, labels, words broken by slide lines, the readers' own notes), [`links`]
//! (link targets no rendition emits).
//! Rules that need an exact column scan the raw text of the file; rules about structure use the located
//! [`Document`]. `docs/check.md` documents every code.

mod agenda;
mod dates;
mod fields;
mod links;
mod organisations;
mod report;
pub(crate) mod scan;

use samman_domain::Bodies;
use serde::Serialize;

use crate::document::Document;
use crate::located::Pos;

pub use report::{render_text, render_text_at, to_json};

/// How bad a problem is. Errors make `samman check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    /// "warning" or "error", as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub pos: Pos,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
}

impl Problem {
    pub(crate) fn new(pos: Pos, code: &'static str, message: impl Into<String>) -> Self {
        Problem {
            pos,
            severity: severity_of(code),
            code,
            message: message.into(),
        }
    }
}

/// Every code `check` can report, with its severity: errors are things a reader would be misled by
/// (a wrong or incomplete date, a missing section, an empty label); warnings are things that look careless
/// or incomplete but mislead no one (spelling variants, reworded or reordered agenda entries, an item
/// without presenter or position — "Övriga frågor" often has neither).
pub const CODES: [(&str, Severity); 15] = [
    ("title-date-mismatch", Severity::Error),
    ("title-date-incomplete", Severity::Warning),
    ("incomplete-date", Severity::Error),
    ("doubled-label", Severity::Warning),
    ("empty-field", Severity::Error),
    ("missing-presenter", Severity::Warning),
    ("missing-position", Severity::Warning),
    ("agenda-without-section", Severity::Error),
    ("section-not-in-agenda", Severity::Error),
    ("agenda-order", Severity::Warning),
    ("agenda-title-mismatch", Severity::Warning),
    ("org-spelling", Severity::Warning),
    ("broken-word", Severity::Warning),
    ("deep-list", Severity::Warning),
    ("unsafe-link", Severity::Error),
];

/// The severity of a code; codes a reader invents that this table does not know are warnings.
pub fn severity_of(code: &str) -> Severity {
    CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(Severity::Warning, |(_, s)| *s)
}

/// Every problem in `document`, read from `text`, sorted by position.
///
/// `text` is the file the document was read from; rules that point at an exact column scan it. With an
/// empty `text` only the rules about structure run.
pub fn check(document: &Document, text: &str, bodies: &Bodies) -> Vec<Problem> {
    run(document, text, bodies, true)
}

/// The errors among [`check`]'s problems (what `load`, `publish` and `build` refuse a file for), without
/// running the rules that only ever warn.
pub fn errors(document: &Document, text: &str, bodies: &Bodies) -> Vec<Problem> {
    let mut problems = run(document, text, bodies, false);
    problems.retain(|p| p.severity == Severity::Error);
    problems
}

/// Every problem, or with `warnings` false every problem but those of the warning-only rules
/// (`org-spelling`).
fn run(document: &Document, text: &str, bodies: &Bodies, warnings: bool) -> Vec<Problem> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut problems = Vec::new();
    dates::check(document, &lines, &mut problems);
    if warnings {
        organisations::check(document, &lines, bodies, &mut problems);
    }
    agenda::check(document, &mut problems);
    fields::check(document, &lines, bodies, &mut problems);
    links::check(document, &lines, &mut problems);
    // The readers' notes last, so that a rule that found the same thing with a better message wins.
    let found: std::collections::BTreeSet<(&str, usize)> =
        problems.iter().map(|p| (p.code, p.pos.line)).collect();
    for note in &document.notes {
        if !found.contains(&(note.code, note.pos.line)) {
            problems.push(Problem::new(note.pos, note.code, note.message.clone()));
        }
    }
    problems.sort_by(|a, b| (a.pos, a.code, &a.message).cmp(&(b.pos, b.code, &b.message)));
    problems.dedup();
    problems
}

#[cfg(test)]
mod tests {
    use samman_domain::{Position, PositionKind, Presenter};

    use super::*;

    #[test]
    fn the_rule_errors_skips_only_warns() {
        // `errors` leaves out `organisations`: should its code ever become an error, it must run there.
        assert_eq!(severity_of("org-spelling"), Severity::Warning);
    }
    use crate::document::{Agenda, Section};
    use crate::located::Located;

    fn section(title: &str, line: usize, presenter: bool, position: bool) -> Section {
        let mut item = samman_domain::Item::titled(title);
        if presenter {
            item.presenters.push(Presenter::person("Eva Holm", Some("VGR")));
        }
        if position {
            item.position = Some(Position {
                kind: PositionKind::Noted,
                text: "Samrådet noterar informationen".into(),
                points: Vec::new(),
            });
        }
        Section {
            heading: Located::new(title.to_string(), Pos::line(line)),
            item,
            presenters_pos: presenter.then(|| Pos::line(line + 2)),
            position_pos: position.then(|| Pos::line(line + 4)),
            slide_pos: Vec::new(),
        }
    }

    /// A document built by hand, independent of any reader.
    fn document() -> Document {
        let entries = ["Budget 2024", "Nära Vård", "Mobil närvård", "Barnhälsa"];
        Document {
            agenda: Some(Agenda {
                pos: Pos::line(1),
                entries: entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| Located::new(e.to_string(), Pos::new(i + 2, 3)))
                    .collect(),
            }),
            sections: vec![
                section("Nära vård", 10, true, true),
                section("Budget 2024", 20, false, true),
                section("Mobil närvård", 30, true, false),
                section("Övriga frågor", 40, true, true),
            ],
            ..Document::default()
        }
    }

    #[test]
    fn structure_rules_on_a_hand_built_document() {
        let problems = check(&document(), "", &Bodies::default());
        let found: Vec<(usize, &str, Severity)> = problems
            .iter()
            .map(|p| (p.pos.line, p.code, p.severity))
            .collect();
        assert_eq!(
            found,
            vec![
                (5, "agenda-without-section", Severity::Error),
                (10, "agenda-order", Severity::Warning),
                (10, "agenda-title-mismatch", Severity::Warning),
                (20, "missing-presenter", Severity::Warning),
                (30, "missing-position", Severity::Warning),
                (40, "section-not-in-agenda", Severity::Error),
            ]
        );
        let order = problems
            .iter()
            .find(|p| p.code == "agenda-order")
            .map(|p| p.message.as_str());
        assert_eq!(
            order,
            Some(
                "avsnitten kommer i en annan ordning än dagordningen: avsnitt 1 är \"Nära vård\", men punkt 1 \
                 på dagordningen är \"Budget 2024\""
            )
        );
    }

    #[test]
    fn notes_become_problems_unless_a_rule_found_the_same() {
        let mut doc = document();
        doc.agenda = None;
        doc.notes.push(crate::document::Note {
            pos: Pos::new(20, 1),
            code: "missing-presenter",
            message: "från läsaren".into(),
        });
        doc.notes.push(crate::document::Note {
            pos: Pos::new(7, 2),
            code: "unknown-body",
            message: "organet \"x\" finns inte".into(),
        });
        let problems = check(&doc, "", &Bodies::default());
        assert_eq!(
            problems.iter().filter(|p| p.code == "missing-presenter").count(),
            1
        );
        let note = problems
            .iter()
            .find(|p| p.code == "unknown-body")
            .expect("note kept");
        assert_eq!((note.pos, note.severity), (Pos::new(7, 2), Severity::Warning));
        assert!(
            problems.iter().all(|p| !p.code.starts_with("agenda")),
            "no agenda, no agenda rules"
        );
    }
}
