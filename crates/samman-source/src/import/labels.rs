//! The labels that open a presenters line or a position, in Swedish and English, however decorated:
//! `Föredragande:`, `## Föredragande: …`, `*Föredragande: …*`, `**Ställningstagande: …**`.

use samman_domain::PositionKind;

use crate::text::{normalize_ws, strip_emphasis};

/// What a label introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    Presenters,
    Position,
}

/// Label words, lower case, without the colon.
const PRESENTER_LABELS: [&str; 9] = [
    "föredragande",
    "föredragare",
    "presentatör",
    "presentatörer",
    "presenter(s)",
    "presenters",
    "presenter",
    "presented by",
    "speakers",
];
const POSITION_LABELS: [&str; 6] = [
    "ställningstagande",
    "ställningstaganden",
    "position",
    "decision",
    "beslut",
    "förslag till beslut",
];

/// A labelled line: the label, the text after it (emphasis and heading marks dropped), and how many
/// times the label was written in a row ("Föredragande: Föredragande: …" gives 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Labelled {
    pub label: Label,
    pub rest: String,
    pub repeats: usize,
    /// The kind a position label names in parentheses: "Ställningstagande (beslut):".
    pub kind: Option<PositionKind>,
}

/// Reads a label at the start of `text`, if there is one.
pub(crate) fn labelled(text: &str) -> Option<Labelled> {
    let clean = clean(text);
    let (label, kind, mut rest) = one_label(&clean)?;
    let mut repeats = 1;
    while let Some((again, _, after)) = one_label(&rest) {
        if again != label {
            break;
        }
        repeats += 1;
        rest = after;
    }
    Some(Labelled {
        label,
        rest,
        repeats,
        kind,
    })
}

/// Drops heading marks and emphasis: "## **Föredragande:** X" → "Föredragande: X".
fn clean(text: &str) -> String {
    let t = text.trim_start().trim_start_matches('#');
    normalize_ws(&strip_emphasis(t))
}

fn one_label(text: &str) -> Option<(Label, Option<PositionKind>, String)> {
    // A label alone on its line may lack its colon ("## Ställningstagande").
    let (head, rest) = text.split_once(':').unwrap_or((text, ""));
    let head = normalize_ws(head).to_lowercase();
    let label = if PRESENTER_LABELS.contains(&head.as_str()) {
        Label::Presenters
    } else if POSITION_LABELS.contains(&head.as_str()) {
        Label::Position
    } else if let Some(kind) = qualified_position(&head) {
        return Some((Label::Position, Some(kind), rest.trim().to_string()));
    } else {
        return None;
    };
    Some((label, None, rest.trim().to_string()))
}

/// "ställningstagande (beslut)": a position label with its kind in parentheses, as the renditions write
/// it (`swedish::position_label`) and the source format accepts it.
fn qualified_position(head: &str) -> Option<PositionKind> {
    let (word, qualifier) = head.strip_suffix(')')?.split_once('(')?;
    if !POSITION_LABELS.contains(&word.trim()) {
        return None;
    }
    let qualifier = qualifier.trim();
    crate::format::syntax::kind_from_word(qualifier).or_else(|| {
        [PositionKind::Noted, PositionKind::Endorsed, PositionKind::Decided]
            .into_iter()
            .find(|k| k.label_sv().to_lowercase() == qualifier)
    })
}

/// The position kind a label implies when the position has no sentence of its own ("Beslut:" + points).
pub(crate) fn label_is_decision(text: &str) -> bool {
    let t = clean(text).to_lowercase();
    t.starts_with("beslut") || t.starts_with("decision") || t.starts_with("förslag till beslut")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decorated_labels() {
        for text in [
            "Föredragande: Anna Berg",
            "## Föredragande: Anna Berg",
            "*Föredragande: Anna Berg*",
            "**Föredragande:** Anna Berg",
            "Presenter(s): Anna Berg",
        ] {
            let l = labelled(text).expect(text);
            assert_eq!(
                (l.label, l.rest.as_str(), l.repeats),
                (Label::Presenters, "Anna Berg", 1),
                "{text}"
            );
        }
        let l = labelled("**Ställningstagande: SRO noterar informationen**").expect("position");
        assert_eq!(
            (l.label, l.rest.as_str()),
            (Label::Position, "SRO noterar informationen")
        );
        assert_eq!(labelled("Decision:").map(|l| l.label), Some(Label::Position));
    }

    #[test]
    fn doubled_and_absent_labels() {
        let l = labelled("Föredragande: Föredragande: Anna Berg").expect("doubled");
        assert_eq!((l.rest.as_str(), l.repeats), ("Anna Berg", 2));
        assert_eq!(labelled("Reflektion: samverkan viktig"), None);
        assert_eq!(labelled("Föredragande Anna Berg"), None);
        let alone = labelled("## Ställningstagande").expect("a label alone on its line");
        assert_eq!((alone.label, alone.rest.as_str()), (Label::Position, ""));
        assert_eq!(labelled("Beslutet togs i maj"), None);
    }
}
