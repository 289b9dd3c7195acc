//! The text of a published web page (seed 004's form): one paragraph per line, "•" bullets whose
//! indentation gives their nesting. Turned into page lines for [`super::page::read_page`].

use samman_domain::Bodies;

use super::page::{LineKind, PageLine, read_page};
use crate::ParseError;
use crate::document::{Document, Format};
use crate::located::Pos;

/// Bullet characters pages are copied with.
const BULLETS: [char; 7] = ['•', '◦', '▪', '▫', '·', '‣', '●'];

/// Reads the text of a summary page.
pub(crate) fn read(text: &str, bodies: &Bodies) -> Result<Document, ParseError> {
    read_page(lines(text), Format::PageText, bodies)
}

/// Every non-blank line as a text line or a bullet with its depth.
pub(crate) fn lines(text: &str) -> Vec<PageLine> {
    let mut out: Vec<PageLine> = Vec::new();
    // Indentations of the open bullet levels, outermost first.
    let mut indents: Vec<usize> = Vec::new();
    let mut after_blank = true;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
        let content = trimmed.trim_end();
        if content.is_empty() {
            after_blank = true;
            continue;
        }
        let continues = !after_blank && bullet_marker(content).is_none() && starts_lower(content);
        after_blank = false;
        if continues && let Some(last) = out.last_mut() {
            // A paragraph or bullet wrapped onto the next line when the page was copied.
            last.text.push(' ');
            last.text.push_str(content);
            continue;
        }
        let indent = line.len() - trimmed.len();
        let (kind, start) = match bullet_marker(content) {
            Some(marker) => {
                while indents.last().is_some_and(|d| *d > indent) {
                    indents.pop();
                }
                if indents.last() != Some(&indent) {
                    indents.push(indent);
                }
                (LineKind::Bullet(indents.len().saturating_sub(1)), marker)
            }
            None => {
                indents.clear();
                (LineKind::Text, 0)
            }
        };
        let text = content.get(start..).unwrap_or("").trim_start();
        let offset = indent + (content.len() - content.get(start..).unwrap_or("").len());
        let skipped = content.get(start..).map_or(0, |s| s.len() - s.trim_start().len());
        out.push(PageLine {
            pos: Pos::in_line(i + 1, line, offset + skipped),
            kind,
            text: text.to_string(),
            slide: None,
        });
    }
    out
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// The byte length of a bullet marker at the start of `s`: "• ", "- ", "* ", "1. ".
fn bullet_marker(s: &str) -> Option<usize> {
    let mut chars = s.chars();
    let first = chars.next()?;
    let second = chars.next();
    if BULLETS.contains(&first) {
        return Some(first.len_utf8());
    }
    if (first == '-' || first == '*') && second == Some(' ') {
        return Some(1);
    }
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    let after = s.get(digits..)?;
    (digits > 0 && digits < 3 && (after.starts_with(". ") || after.starts_with(") "))).then_some(digits + 1)
}

/// Whether `text` reads like a page's text: "•" bullets, "Senast uppdaterad" or a download line.
pub(crate) fn looks_like_page_text(text: &str) -> bool {
    text.lines().take(2000).any(|l| {
        let t = l.trim_start();
        let lower = t.to_lowercase();
        t.starts_with('•')
            || lower.starts_with("senast uppdaterad")
            || lower.starts_with("sammanställning från")
            || (t.contains("Sammanställning från")
                && t.get(..4).is_some_and(|y| y.chars().all(|c| c.is_ascii_digit())))
            // A presenters or position label on a line of its own: a summary's text.
            || super::labels::labelled(t).is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_with_indentation() {
        let lines = lines("Titel\n\n • a\n  • a1\n • b\n1. c\nText");
        let kinds: Vec<LineKind> = lines.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            vec![
                LineKind::Text,
                LineKind::Bullet(0),
                LineKind::Bullet(1),
                LineKind::Bullet(0),
                LineKind::Bullet(0),
                LineKind::Text
            ]
        );
        assert_eq!(lines[1].text, "a");
        assert_eq!(lines[1].pos, Pos::new(3, 4));
        assert_eq!(lines[4].text, "c");
    }

    #[test]
    fn wrapped_lines_continue() {
        let lines = lines("Det här är en lång\nmening.\n • en punkt som\n   fortsätter\n\nny rad");
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Det här är en lång mening.", "en punkt som fortsätter", "ny rad"]
        );
    }
}
