//! Output of `check`: one line per problem for people, a JSON array for machines.

use std::fmt::Write;

use super::Problem;
use crate::located::Pos;

/// `path:line:col: severity[code]: message`, one line per problem.
pub fn render_text(problems: &[Problem], path: &str) -> String {
    render_text_at(problems, path, &|pos| pos.to_string())
}

/// As [`render_text`], with each place shown by `place` ("bild 7, stycke 3" for a deck).
pub fn render_text_at(problems: &[Problem], path: &str, place: &dyn Fn(Pos) -> String) -> String {
    let mut out = String::new();
    for p in problems {
        let _ = writeln!(
            out,
            "{path}:{}: {}[{}]: {}",
            place(p.pos),
            p.severity.as_str(),
            p.code,
            p.message
        );
    }
    out
}

/// The problems as a JSON array of objects with `code`, `severity`, `message`, `line`, `column`.
pub fn to_json(problems: &[Problem]) -> serde_json::Value {
    serde_json::Value::Array(
        problems
            .iter()
            .map(|p| {
                serde_json::json!({
                    "code": p.code,
                    "severity": p.severity.as_str(),
                    "message": p.message,
                    "line": p.pos.line,
                    "column": p.pos.column,
                })
            })
            .collect(),
    )
}
