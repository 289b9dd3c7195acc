//! `samman check`: problems a reader would notice, each with its place in the file.
//!
//! OWNED BY THE CHECK/DIFF WORK (stub: signatures fixed, bodies to be written).

use samman_domain::Bodies;
use serde::Serialize;

use crate::document::Document;
use crate::located::Pos;

/// How bad a problem is. Errors make `samman check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub pos: Pos,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
}

/// Every problem in `document`, read from `text`, sorted by position.
pub fn check(document: &Document, text: &str, bodies: &Bodies) -> Vec<Problem> {
    let _ = (document, text, bodies);
    Vec::new()
}

/// `path:line:col: severity[code]: message`, one line per problem.
pub fn render_text(problems: &[Problem], path: &str) -> String {
    let _ = (problems, path);
    String::new()
}

/// The problems as a JSON array.
pub fn to_json(problems: &[Problem]) -> serde_json::Value {
    let _ = problems;
    serde_json::Value::Array(Vec::new())
}
