//! The agenda against the sections: entries without a section, sections the agenda does not name, a
//! different order, and titles worded differently. Pairs come from [`Document::pairs`].

use super::Problem;
use crate::document::Document;
use crate::text::{fold, normalize_ws, strip_emphasis};

pub(super) fn check(document: &Document, problems: &mut Vec<Problem>) {
    let Some(agenda) = &document.agenda else {
        return;
    };
    let pairs = document.pairs();
    for pair in &pairs {
        match *pair {
            (Some(a), None) => {
                if let Some(entry) = agenda.entries.get(a) {
                    problems.push(Problem::new(
                        entry.pos,
                        "agenda-without-section",
                        format!("dagordningens punkt \"{}\" har inget eget avsnitt", entry.value),
                    ));
                }
            }
            (None, Some(s)) => {
                if let Some(section) = document.sections.get(s) {
                    problems.push(Problem::new(
                        section.heading.pos,
                        "section-not-in-agenda",
                        format!("avsnittet \"{}\" finns inte på dagordningen", section.item.title),
                    ));
                }
            }
            (Some(a), Some(s)) => {
                if let (Some(entry), Some(section)) = (agenda.entries.get(a), document.sections.get(s))
                    && let Some(how) = title_difference(&entry.value, &section.item.title)
                {
                    problems.push(Problem::new(
                        section.heading.pos,
                        "agenda-title-mismatch",
                        format!(
                            "rubriken \"{}\" {how} dagordningens \"{}\" (rad {})",
                            section.item.title, entry.value, entry.pos.line
                        ),
                    ));
                }
            }
            (None, None) => {}
        }
    }
    order(document, &pairs, problems);
}

/// How an agenda entry and a section title differ, in words for the message; `None` when they do not.
pub(crate) fn title_difference(agenda: &str, title: &str) -> Option<&'static str> {
    let (a, t) = (
        normalize_ws(&strip_emphasis(agenda)),
        normalize_ws(&strip_emphasis(title)),
    );
    if a == t {
        return None;
    }
    let no_hyphens = |s: &str| s.replace(['-', '\u{2010}', '\u{ad}'], "");
    Some(if a.to_lowercase() == t.to_lowercase() {
        "skiljer sig bara i stora och små bokstäver från"
    } else if no_hyphens(&a) == no_hyphens(&t) {
        "skiljer sig bara i bindestreck från"
    } else if fold(&a) == fold(&t) {
        "skiljer sig bara i skiljetecken och stora och små bokstäver från"
    } else {
        "är formulerad annorlunda än"
    })
}

/// Sections in another order than the agenda: reported once, at the first section that stands where the
/// agenda has another.
fn order(document: &Document, pairs: &[(Option<usize>, Option<usize>)], problems: &mut Vec<Problem>) {
    let Some(agenda) = &document.agenda else {
        return;
    };
    // Paired sections in agenda order, and the same sections in their own order.
    let by_agenda: Vec<(usize, usize)> = pairs
        .iter()
        .filter_map(|p| match *p {
            (Some(a), Some(s)) => Some((a, s)),
            _ => None,
        })
        .collect();
    let mut by_section = by_agenda.clone();
    by_section.sort_by_key(|(_, s)| *s);
    let first = by_agenda
        .iter()
        .zip(&by_section)
        .enumerate()
        .find(|(_, (x, y))| x != y);
    let Some((place, (expected, actual))) = first else {
        return;
    };
    let (Some(section), Some(wanted)) = (document.sections.get(actual.1), agenda.entries.get(expected.0))
    else {
        return;
    };
    problems.push(Problem::new(
        section.heading.pos,
        "agenda-order",
        format!(
            "avsnitten kommer i en annan ordning än dagordningen: avsnitt {} är \"{}\", men punkt {} på \
             dagordningen är \"{}\"",
            place + 1,
            section.item.title,
            place + 1,
            wanted.value
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_differences_are_named() {
        assert_eq!(title_difference("Nära vård", "Nära vård"), None);
        assert_eq!(title_difference("**Nära vård**", "Nära  vård"), None);
        assert!(title_difference("Nära Vård", "Nära vård").is_some_and(|h| h.contains("stora och små")));
        assert!(
            title_difference(
                "Kvinnofrids-satsning, rekvirering",
                "Kvinnofridssatsning, rekvirering"
            )
            .is_some_and(|h| h.contains("bindestreck"))
        );
        assert!(
            title_difference("Lägesrapport samverkansfrågor Covid-19", "Aktuellt läge Covid-19")
                .is_some_and(|h| h.contains("annorlunda"))
        );
    }
}
