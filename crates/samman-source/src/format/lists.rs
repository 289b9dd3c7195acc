//! Lists in the body: `-`/`*`/`+` markers, nesting by indentation, continuation lines.
//!
//! A list ends at a blank line followed by anything but another entry of the same list, at a line that is
//! not indented and not an entry, or at a top-level entry with a different marker (as in CommonMark, a
//! new marker starts a new list — that is how the writer separates two lists that follow each other).

use samman_domain::ListItem;

use super::syntax::list_marker;
use crate::located::Pos;
use crate::text::parse_inline;

/// One entry as written: indentation, raw text (continuation lines joined) and where its text starts.
#[derive(Debug, Clone)]
pub struct Entry {
    pub indent: usize,
    pub raw: String,
    pub pos: Pos,
}

/// Indentation in columns (a tab counts as four) and the rest of the line.
pub fn indentation(line: &str) -> (usize, &str) {
    let mut width = 0;
    for (i, c) in line.char_indices() {
        match c {
            ' ' => width += 1,
            '\t' => width += 4,
            _ => return (width, &line[i..]),
        }
    }
    (width, "")
}

/// Whether `line` opens a list entry.
pub fn is_entry(line: &str) -> bool {
    list_marker(indentation(line).1).is_some()
}

/// Reads the list starting at `lines[*i]` (which must be an entry); advances `*i` past it.
/// `lines` are (1-based line number, text).
pub fn read(lines: &[(usize, &str)], i: &mut usize) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut top_marker = None;
    while let Some(&(number, line)) = lines.get(*i) {
        let (indent, rest) = indentation(line);
        if rest.is_empty() {
            // A blank line continues the list only if another entry of it follows.
            let next = lines[*i..].iter().find(|(_, l)| !l.trim().is_empty());
            let continues = next.is_some_and(|(_, l)| {
                let (ind, r) = indentation(l);
                list_marker(r).is_some_and(|(m, _)| ind > 0 || Some(m) == top_marker)
            });
            if !continues {
                break;
            }
            *i += 1;
            continue;
        }
        if let Some((marker, text)) = list_marker(rest) {
            if indent == 0 {
                match top_marker {
                    None => top_marker = Some(marker),
                    Some(m) if m != marker => break,
                    Some(_) => {}
                }
            }
            let at = line.len() - text.len();
            entries.push(Entry {
                indent,
                raw: text.trim().to_string(),
                pos: Pos::in_line(number, line, at),
            });
        } else if indent > 0 && !entries.is_empty() {
            if let Some(last) = entries.last_mut() {
                last.raw.push(' ');
                last.raw.push_str(rest.trim());
            }
        } else {
            break;
        }
        *i += 1;
    }
    entries
}

/// Builds the nested list from entries: an entry indented deeper than the one before is its child.
pub fn tree(entries: &[Entry]) -> Vec<ListItem> {
    fn build(entries: &[Entry], at: &mut usize, parent: Option<usize>) -> Vec<ListItem> {
        let mut out = Vec::new();
        while let Some(entry) = entries.get(*at) {
            if parent.is_some_and(|p| entry.indent <= p) {
                break;
            }
            *at += 1;
            let children = build(entries, at, Some(entry.indent));
            out.push(ListItem {
                text: parse_inline(&entry.raw),
                children,
            });
        }
        out
    }
    let mut at = 0;
    build(entries, &mut at, None)
}

/// The first entry that is nested under another (for lists that must be flat), if any.
pub fn first_nested(entries: &[Entry]) -> Option<&Entry> {
    let base = entries.first()?.indent;
    entries.iter().find(|e| e.indent > base)
}
