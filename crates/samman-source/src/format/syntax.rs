//! The line-level vocabulary of the source format: labels, headings, list markers, escaping.
//!
//! The parser and the writer both use these definitions, so what the writer protects with a backslash is
//! exactly what the parser would otherwise read as syntax.

use samman_domain::{Inline, PositionKind, Text};

use crate::text::lowercases_to;

/// The labels that open a line inside an item (case-insensitive, Swedish first, then English).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Presenters,
    Position,
    Timeline,
    Events,
}

const LABELS: [(&str, Label); 10] = [
    ("föredragande", Label::Presenters),
    ("presenters", Label::Presenters),
    ("presenter", Label::Presenters),
    ("ställningstagande", Label::Position),
    ("position", Label::Position),
    ("tidsplan", Label::Timeline),
    ("timeline", Label::Timeline),
    ("händelser", Label::Events),
    ("events", Label::Events),
    ("event", Label::Events),
];

/// Heading prefixes that make a `##` heading the closing slide instead of an item.
const CLOSING: [&str; 2] = ["avslutande bild", "closing slide"];

/// Swedish kind words written in parentheses after the position label, with English equivalents.
const KINDS: [(&str, PositionKind); 8] = [
    ("noterar", PositionKind::Noted),
    ("noted", PositionKind::Noted),
    ("bakom", PositionKind::Endorsed),
    ("endorsed", PositionKind::Endorsed),
    ("beslut", PositionKind::Decided),
    ("decided", PositionKind::Decided),
    ("annat", PositionKind::Other),
    ("other", PositionKind::Other),
];

/// The Swedish word the writer uses for an explicit position kind.
pub fn kind_word(kind: PositionKind) -> &'static str {
    match kind {
        PositionKind::Noted => "noterar",
        PositionKind::Endorsed => "bakom",
        PositionKind::Decided => "beslut",
        PositionKind::Other => "annat",
    }
}

/// The kind a word in `Ställningstagande (…):` names.
pub fn kind_from_word(word: &str) -> Option<PositionKind> {
    let w = word.trim().to_lowercase();
    KINDS.iter().find(|(k, _)| *k == w).map(|(_, kind)| *kind)
}

/// A label line split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelLine<'a> {
    pub label: Label,
    /// The text in parentheses after the label word, if any (the position kind).
    pub qualifier: Option<&'a str>,
    /// Byte offset of the qualifier in the line (for error positions).
    pub qualifier_at: usize,
    /// The text after the colon, trimmed.
    pub rest: &'a str,
    /// Byte offset of `rest` in the line.
    pub rest_at: usize,
    /// Byte offset of the colon that ends the label.
    pub colon_at: usize,
}

/// Reads `line` as a label line: `Word[ (qualifier)]:` followed by a space or the end of the line.
pub fn label_line(line: &str) -> Option<LabelLine<'_>> {
    let (label, after) = LABELS.iter().find_map(|(word, label)| {
        let head = line.get(..word.len())?;
        lowercases_to(head, word).then_some((*label, word.len()))
    })?;
    let mut i = after;
    let mut qualifier = None;
    let mut qualifier_at = 0;
    let tail = &line[i..];
    let trimmed = tail.trim_start_matches(' ');
    if trimmed.starts_with('(') {
        let open = i + (tail.len() - trimmed.len());
        let close = line[open..].find(')')? + open;
        qualifier = Some(&line[open + 1..close]);
        qualifier_at = open + 1;
        i = close + 1;
    }
    let tail = line.get(i..)?.trim_start_matches(' ');
    let colon = i + (line.len() - i - tail.len());
    let rest = tail.strip_prefix(':')?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let rest_trimmed = rest.trim_start();
    let rest_at = colon + 1 + (rest.len() - rest_trimmed.len());
    Some(LabelLine {
        label,
        qualifier,
        qualifier_at,
        rest: rest_trimmed.trim_end(),
        rest_at,
        colon_at: colon,
    })
}

/// The title of a closing-slide heading (`Avslutande bild: Titel`), if the heading is one.
pub fn closing_heading(heading: &str) -> Option<&str> {
    CLOSING.iter().find_map(|word| {
        let head = heading.get(..word.len())?;
        if !lowercases_to(head, word) {
            return None;
        }
        let rest = heading[word.len()..].trim_start().strip_prefix(':')?;
        Some(rest.trim())
    })
}

/// A list marker at the start of `line` (after indentation): the marker character and the text after it.
pub fn list_marker(line: &str) -> Option<(char, &str)> {
    let mut chars = line.chars();
    let marker = chars.next().filter(|c| matches!(c, '-' | '*' | '+'))?;
    let rest = chars.as_str();
    if rest.is_empty() {
        Some((marker, ""))
    } else if let Some(text) = rest.strip_prefix([' ', '\t']) {
        Some((marker, text))
    } else {
        None
    }
}

/// A heading: its level (number of `#`) and text. `#word` without a space is not a heading (as in
/// CommonMark), so `#hashtag` stays text.
pub fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    if level == 0 {
        return None;
    }
    let rest = &line[level..];
    if rest.is_empty() {
        Some((level, ""))
    } else {
        rest.strip_prefix([' ', '\t']).map(|t| (level, t.trim()))
    }
}

/// Removes backslash escapes from a plain-text field (titles, points, summaries). A backslash escapes any
/// character, as in [`crate::text::parse_inline`]; a trailing lone backslash stays.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(next) => out.push(next),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits an entry line at its first unescaped colon that is followed by a space or the end of the line:
/// `2021-11-19: Ställningstagande` → ("2021-11-19", "Ställningstagande"). Byte offset of the colon too.
pub fn split_entry(raw: &str) -> Option<(&str, &str, usize)> {
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b':' if bytes.get(i + 1).is_none_or(|b| *b == b' ' || *b == b'\t') => {
                return Some((raw[..i].trim_end(), raw[i + 1..].trim(), i));
            }
            _ => i += 1,
        }
    }
    None
}

/// Escapes text so that [`crate::text::parse_inline`] reads it back: only the backslash and brackets
/// need it (a link needs `[…](…)`), so the parentheses, asterisks and underscores of ordinary Swedish
/// prose stay readable. The HTML importer uses it too, for text it hands to the same inline reader.
pub fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text that is literal where it came from (a slide, an HTML page) as inline Markdown: besides what
/// [`escape_inline`] escapes, `*` and `_`, which the readers would take for emphasis.
pub fn escape_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '[' | ']' | '*' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Writes inline content: text escaped as [`escape_inline`], links as `[label](href)`.
pub fn write_inline(text: &Text) -> String {
    text.0
        .iter()
        .map(|inline| match inline {
            Inline::Text { text } => escape_inline(text),
            Inline::Link { text, href } => {
                let mut h = String::with_capacity(href.len());
                for c in href.chars() {
                    if matches!(c, '\\' | ')') {
                        h.push('\\');
                    }
                    h.push(c);
                }
                format!("[{}]({h})", escape_inline(text))
            }
        })
        .collect()
}

/// Escapes a plain-text field for a line of the body: inline escapes plus whatever the line start
/// would otherwise mean (a list marker, a heading, an ordered list number, a quote, a label).
pub fn escape_line(s: &str) -> String {
    protect_line_start(escape_inline(s))
}

/// Protects the start of an already inline-escaped line so the parser (and Markdown viewers) read it as
/// text: `- x` → `\- x`, `# x` → `\# x`, `1. x` → `1\. x`, `Föredragande: x` → `Föredragande\: x`.
pub fn protect_line_start(line: String) -> String {
    let first = line.chars().next();
    if matches!(first, Some('-' | '+' | '*' | '#' | '>' | '=' | '|' | '~')) {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with('.') {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    if let Some(label) = label_line(&line) {
        // Escape the colon that makes it a label; `\:` is a valid Markdown escape too.
        let colon = label.colon_at;
        return format!("{}\\{}", &line[..colon], &line[colon..]);
    }
    line
}

/// Escapes a heading's text: line-start protection, the closing-slide prefix, and a trailing `#` that
/// Markdown would take for a closing sequence.
pub fn escape_heading(title: &str) -> String {
    let mut line = escape_line(title);
    if closing_heading(&line).is_some()
        && let Some(colon) = line.find(':')
    {
        line.insert(colon, '\\');
    }
    // A trailing `#` not already escaped (an even run of backslashes before it escapes only themselves).
    if let Some(stem) = line.strip_suffix('#') {
        let backslashes = stem.chars().rev().take_while(|&c| c == '\\').count();
        if backslashes % 2 == 0 {
            line = format!("{stem}\\#");
        }
    }
    line
}

/// Escapes an entry's head (a timeline `when`): colons would end the head early, and a leading digit
/// could be taken for a date.
pub fn escape_head(s: &str) -> String {
    let escaped = escape_inline(s).replace(':', "\\:");
    let line = protect_line_start(escaped);
    if line.starts_with(|c: char| c.is_ascii_digit()) {
        format!("\\{line}")
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_read_case_insensitively_with_qualifier() {
        let l = label_line("STÄLLNINGSTAGANDE (beslut): SRO beslutar").unwrap();
        assert_eq!(l.label, Label::Position);
        assert_eq!(l.qualifier, Some("beslut"));
        assert_eq!(l.rest, "SRO beslutar");
        assert_eq!(label_line("Presenters: A").unwrap().label, Label::Presenters);
        assert_eq!(label_line("Tidsplan:").unwrap().rest, "");
        assert!(label_line("Tidsplanen: x").is_none());
        assert!(label_line("Föredragande\\: x").is_none());
        assert!(label_line("Föredragande:x").is_none());
    }

    #[test]
    fn line_starts_are_protected() {
        assert_eq!(escape_line("- x"), "\\- x");
        assert_eq!(escape_line("12. x"), "12\\. x");
        assert_eq!(escape_line("Föredragande: x"), "Föredragande\\: x");
        assert_eq!(escape_line("Position (a): x"), "Position (a)\\: x");
        assert_eq!(escape_heading("Avslutande bild: x"), "Avslutande bild\\: x");
        assert_eq!(escape_heading("C#"), "C\\#");
        assert_eq!(escape_heading("#"), "\\#");
        assert_eq!(escape_heading("a\\#"), "a\\\\\\#");
        assert_eq!(escape_head("2021-11-19 ca: x"), "\\2021-11-19 ca\\: x");
    }

    #[test]
    fn entries_split_at_the_first_unescaped_colon() {
        assert_eq!(split_entry("a\\: b: c: d"), Some(("a\\: b", "c: d", 5)));
        assert_eq!(
            split_entry("2021-09-16 14:00–15:30: Möte").map(|s| s.1),
            Some("Möte")
        );
        assert_eq!(split_entry("2021-09-16 14:00:").map(|s| s.1), Some(""));
        assert_eq!(split_entry("ingen"), None);
    }
}
