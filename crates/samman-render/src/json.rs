//! The documented, stable JSON of a meeting (`docs/json.md`).
//!
//! OWNED BY THE SOURCE-FORMAT WORK (stub).

use samman_domain::{Body, Meeting};

/// The meeting as stable JSON (pretty-printed, trailing newline).
pub fn render(meeting: &Meeting, body: &Body) -> String {
    let _ = (meeting, body);
    String::from("{}\n")
}
