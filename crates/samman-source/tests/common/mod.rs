//! Helpers shared by the import, check and diff tests.
#![allow(dead_code)]

use std::path::PathBuf;

use samman_domain::Bodies;
use samman_source::{Document, Format};
use serde_json::{Value, json};

/// The repository root (two levels above this crate).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The two seed documents (deck, page) from `../shared/seeds`; `None`, saying so, when that folder is
/// absent (the project may be checked out without it).
pub fn seeds() -> Option<(PathBuf, PathBuf)> {
    let dir = repo_root().join("../shared/seeds");
    let deck = dir.join("000_484dff92c3137b0a.txt");
    let page = dir.join("004_7e364ce69367e699.txt");
    if deck.exists() && page.exists() {
        Some((deck, page))
    } else {
        eprintln!("skipping: seeds not found at {}", dir.display());
        None
    }
}

/// The shipped bodies configuration.
pub fn bodies() -> Bodies {
    let text = std::fs::read_to_string(repo_root().join("config/bodies.toml")).expect("config/bodies.toml");
    Bodies::from_toml(&text).expect("valid bodies")
}

/// The shipped bodies plus the test bodies of `fixtures/bodies.toml`.
pub fn all_bodies() -> Bodies {
    let mut all = bodies();
    let text =
        std::fs::read_to_string(repo_root().join("fixtures/bodies.toml")).expect("fixtures/bodies.toml");
    all.bodies
        .extend(Bodies::from_toml(&text).expect("valid fixture bodies").bodies);
    all
}

/// The notes as "line:column code: message" lines, for snapshots.
pub fn notes_of(doc: &Document) -> Vec<String> {
    doc.notes
        .iter()
        .map(|n| format!("{} {}: {}", n.pos, n.code, n.message))
        .collect()
}

/// What a snapshot shows of an import: the header with positions, agenda, section positions, notes,
/// and the merged meeting.
pub fn summary(format: Format, doc: &Document) -> Value {
    let h = &doc.header;
    json!({
        "format": format.name(),
        "body": h.body.as_ref().map(|b| format!("{} @{}", b.value, b.pos)),
        "title": h.title.as_ref().map(|t| format!("{} @{}", t.value, t.pos)),
        "date": h.date.as_ref().map(|d| format!("{} @{}", d.value, d.pos)),
        "lead": h.lead.as_ref().map(|l| l.value.clone()),
        "updated": h.updated.as_ref().map(|u| format!("{} @{}", u.value, u.pos)),
        "agenda": doc.agenda.as_ref().map(|a| a.entries.iter().map(|e| format!("{} @{}", e.value, e.pos)).collect::<Vec<_>>()),
        "sections": doc.sections.iter().map(|s| json!({
            "heading": format!("{} @{}", s.heading.value, s.heading.pos),
            "presenters_pos": s.presenters_pos.map(|p| p.to_string()),
            "position_pos": s.position_pos.map(|p| p.to_string()),
            "slide_pos": s.slide_pos.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "notes": notes_of(doc),
        "meeting": doc.to_meeting(""),
    })
}

/// Shortens every string of more than three words to its first three and " …" (a trailing position
/// " @line:column" is kept): snapshots of imported seeds then show structure, facts and places without
/// carrying the seeds' sentences into the repository.
pub fn redact(value: &mut Value) {
    match value {
        Value::String(s) => {
            let (text, at) = match s.rsplit_once(" @") {
                Some((text, at)) if at.split(':').all(|n| n.parse::<usize>().is_ok()) => {
                    (text.to_string(), format!(" @{at}"))
                }
                _ => (s.clone(), String::new()),
            };
            let words: Vec<&str> = text.split(' ').collect();
            if words.len() > 3 {
                *s = format!("{} …{at}", words.get(..3).unwrap_or_default().join(" "));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        Value::Object(map) => map.values_mut().for_each(redact),
        _ => {}
    }
}
