//! Output of `diff`: readable Swedish text grouped per item (coloured on a terminal) and JSON.

use std::fmt::Write;

use super::{Change, Diff, Finding, ItemDiff, Op, Segment};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// Readable text: the meeting's fields, then each item that differs, then what each side gets wrong by
/// itself. Changed words are marked `[-old-]{+new+}`, or red and green with `color`.
pub fn render_text(diff: &Diff, a_name: &str, b_name: &str, color: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "A: {a_name}\nB: {b_name}");
    if diff.is_empty() {
        out.push_str("\nInga skillnader.\n");
    }
    if !diff.meeting.is_empty() {
        heading(&mut out, "Mötet", color);
        for change in &diff.meeting {
            line(&mut out, change, color);
        }
    }
    for item in &diff.items {
        if item.a.is_some() && item.b.is_some() && item.changes.is_empty() {
            continue;
        }
        heading(&mut out, &item_heading(item), color);
        match (&item.a, &item.b) {
            (Some(_), None) => {
                let _ = writeln!(out, "  {}", paint("finns bara i A", RED, color));
            }
            (None, Some(_)) => {
                let _ = writeln!(out, "  {}", paint("finns bara i B", GREEN, color));
            }
            _ => {}
        }
        for change in &item.changes {
            line(&mut out, change, color);
        }
    }
    if !diff.within.a.is_empty() || !diff.within.b.is_empty() {
        heading(&mut out, "Inom varje rendition", color);
        for (side, name, findings) in [("A", a_name, &diff.within.a), ("B", b_name, &diff.within.b)] {
            if findings.is_empty() {
                continue;
            }
            let _ = writeln!(out, "  {side} ({name}):");
            for f in findings.iter() {
                let _ = writeln!(out, "    {}", finding(f));
            }
        }
    }
    out
}

fn finding(f: &Finding) -> String {
    let place = f
        .place
        .clone()
        .unwrap_or_else(|| format!("{}:{}", f.line, f.column));
    format!("{place}: {}[{}]: {}", f.severity.as_str(), f.code, f.message)
}

fn item_heading(item: &ItemDiff) -> String {
    match (&item.a, &item.b) {
        (Some(a), Some(b)) if a.title == b.title && a.number == b.number => {
            format!("Punkt {}: {}", a.number, a.title)
        }
        (Some(a), Some(b)) => format!(
            "Punkt {}: {} ↔ punkt {}: {}",
            a.number, a.title, b.number, b.title
        ),
        (Some(a), None) => format!("Punkt {} i A: {}", a.number, a.title),
        (None, Some(b)) => format!("Punkt {} i B: {}", b.number, b.title),
        (None, None) => "Punkt".to_string(),
    }
}

fn heading(out: &mut String, text: &str, color: bool) {
    out.push('\n');
    if color {
        let _ = writeln!(out, "{BOLD}{text}{RESET}");
    } else {
        let _ = writeln!(out, "{text}");
    }
}

/// Swedish label of a change kind.
fn label(kind: &str) -> &'static str {
    match kind {
        "body" => "organ",
        "date" => "datum",
        "title" => "titel",
        "lead" => "ingress",
        "updated" => "senast uppdaterad",
        "minutes" => "mötesanteckningar",
        "agenda-entry" => "dagordningspunkt",
        "closing" => "avslutande bild",
        "order" => "ordning mellan punkterna",
        "item-title" => "rubrik",
        "presenter" => "föredragande",
        "position" => "ställningstagande",
        "position-kind" => "sorts ställningstagande",
        "position-text" => "ställningstagande",
        "position-point" => "punkt i ställningstagandet",
        "slide" => "bild",
        "slide-title" => "bildrubrik",
        "event" => "händelse",
        "timeline" => "tidsplan",
        "sentence" => "mening",
        "nesting" => "samma mening, annan nivå i listan",
        "link" => "samma text, andra länkar",
        _ => "skillnad",
    }
}

fn line(out: &mut String, change: &Change, color: bool) {
    let mut label = label(change.kind).to_string();
    if let Some(place) = &change.place {
        let _ = write!(label, " (i \"{place}\")");
    }
    if change.minor {
        label.push_str(" [mindre]");
    }
    match (&change.a, &change.b) {
        (Some(_), Some(_)) if !change.words.is_empty() => {
            let _ = writeln!(out, "  {label}: {}", marked(&change.words, color));
        }
        (Some(a), Some(b)) => {
            let _ = writeln!(out, "  {label}:");
            let _ = writeln!(out, "    A: {}", paint(a, RED, color));
            let _ = writeln!(out, "    B: {}", paint(b, GREEN, color));
        }
        (Some(a), None) => {
            let _ = writeln!(out, "  {label} bara i A: {}", paint(a, RED, color));
        }
        (None, Some(b)) => {
            let _ = writeln!(out, "  {label} bara i B: {}", paint(b, GREEN, color));
        }
        (None, None) => {
            let _ = writeln!(out, "  {label}");
        }
    }
}

fn paint(text: &str, colour: &str, color: bool) -> String {
    if color {
        format!("{colour}{text}{RESET}")
    } else {
        text.to_string()
    }
}

/// A word-level diff as one line: `[-old-]{+new+}` or red/green.
fn marked(segments: &[Segment], color: bool) -> String {
    let mut s = String::new();
    for seg in segments {
        match (seg.op, color) {
            (Op::Equal, _) => s.push_str(&seg.text),
            (Op::Delete, false) => {
                let _ = write!(s, "[-{}-]", seg.text);
            }
            (Op::Insert, false) => {
                let _ = write!(s, "{{+{}+}}", seg.text);
            }
            (Op::Delete, true) => s.push_str(&paint(&seg.text, RED, true)),
            (Op::Insert, true) => s.push_str(&paint(&seg.text, GREEN, true)),
        }
    }
    s
}

/// The diff as JSON (documented in `docs/diff.md`).
pub fn to_json(diff: &Diff) -> serde_json::Value {
    let mut value = serde_json::to_value(diff).unwrap_or(serde_json::Value::Null);
    if let serde_json::Value::Object(map) = &mut value {
        map.insert("equal".into(), diff.is_empty().into());
    }
    value
}
