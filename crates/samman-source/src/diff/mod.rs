//! `samman diff`: how two renditions of one meeting disagree.
//!
//! OWNED BY THE CHECK/DIFF WORK (stub: signatures fixed, bodies to be written).

use samman_domain::Bodies;

use crate::document::Document;

/// The differences between two documents of one meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    pub changes: Vec<String>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Compares two documents.
pub fn diff(a: &Document, b: &Document, bodies: &Bodies) -> Diff {
    let _ = (a, b, bodies);
    Diff::default()
}

/// Readable text.
pub fn render_text(diff: &Diff, a_name: &str, b_name: &str, color: bool) -> String {
    let _ = (diff, a_name, b_name, color);
    String::new()
}

/// JSON for machines.
pub fn to_json(diff: &Diff) -> serde_json::Value {
    let _ = diff;
    serde_json::Value::Array(Vec::new())
}
