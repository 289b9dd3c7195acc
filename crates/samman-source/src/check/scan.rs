//! Raw-text scanning shared by the rules: words with their byte ranges, list markers, labels. Whether a
//! word is a day, a month or a year is decided by the importer's recogniser ([`crate::dates`]), so what
//! `check` calls a date is what import reads as one.

use crate::dates;
use crate::located::Pos;
use crate::text::strip_lowercase_prefix;

/// A run of letters and digits in a line, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

impl Word<'_> {
    pub fn is_number(&self) -> bool {
        !self.text.is_empty() && self.text.bytes().all(|b| b.is_ascii_digit())
    }

    /// The number, when the word is one of at most four digits.
    pub fn number(&self) -> Option<u16> {
        if self.is_number() && self.text.len() <= 4 {
            self.text.parse().ok()
        } else {
            None
        }
    }

    /// A plausible year, by the same rule import uses ([`crate::dates`]).
    pub fn year(&self) -> Option<i16> {
        dates::year_number(self.text)
    }

    /// A day of the month, 1–31 (also "01").
    pub fn day(&self) -> Option<i8> {
        dates::day_number(self.text)
    }

    /// The month a word names ("maj", "sept", "Oktober"), never a number.
    pub fn month(&self) -> Option<i8> {
        dates::month_word(self.text)
    }
}

/// The words of `line`, in order.
pub(crate) fn words(line: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    words_into(line, &mut out);
    out
}

/// The words of `line` in `out` (cleared first), for a caller that reads line after line into one buffer.
pub(crate) fn words_into<'a>(line: &'a str, out: &mut Vec<Word<'a>>) {
    out.clear();
    let mut i = 0;
    loop {
        // Past the separators to a word, then to its end; a char at a time, ASCII from its byte.
        let (mut word, mut len) = (false, 0);
        while i < line.len() {
            (word, len) = char_at(line, i);
            if word {
                break;
            }
            i += len;
        }
        if !word {
            return;
        }
        let start = i;
        while i < line.len() && word {
            i += len;
            if i < line.len() {
                (word, len) = char_at(line, i);
            }
        }
        out.push(Word {
            start,
            end: i,
            text: &line[start..i],
        });
    }
}

/// Whether the char at byte `i` of `line` (a char boundary) belongs to a word, and its length.
fn char_at(line: &str, i: usize) -> (bool, usize) {
    match line.as_bytes()[i] {
        b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
        _ => line[i..]
            .chars()
            .next()
            .map_or((false, 1), |c| (is_word_char(c), c.len_utf8())),
    }
}

/// `char::is_alphanumeric`, answered without the Unicode tables for ASCII and Latin-1 (å, ä, ö and the
/// other letters of the lines read): every char from À to ÿ is a letter but × and ÷. A test holds it to
/// std over every char.
fn is_word_char(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric(),
        'À'..='ÿ' => c != '×' && c != '÷',
        _ => c.is_alphanumeric(),
    }
}

/// The text between two words (or the rest of the line).
pub(crate) fn between(line: &str, from: usize, to: usize) -> &str {
    line.get(from..to.max(from)).unwrap_or("")
}

/// The position of byte `offset` in 1-based line `line_no`.
pub(crate) fn pos(line_no: usize, line: &str, offset: usize) -> Pos {
    Pos::in_line(line_no, line, offset)
}

/// Whether words `i` and `i+1` form a time of day: "14:00", "9.30".
pub(crate) fn time_at(line: &str, words: &[Word<'_>], i: usize) -> bool {
    match (words.get(i), words.get(i + 1)) {
        (Some(h), Some(m)) => {
            h.is_number()
                && h.text.len() <= 2
                && m.is_number()
                && m.text.len() == 2
                && matches!(between(line, h.end, m.start), ":" | ".")
        }
        _ => false,
    }
}

/// Where the line's content starts after list markers, heading marks, emphasis and HTML tags (byte
/// offset), and whether the line is a list entry.
pub(crate) fn content_start(line: &str) -> (usize, bool) {
    let mut i = 0;
    let mut list = false;
    loop {
        let rest = &line[i..];
        let trimmed = rest.trim_start();
        i += rest.len() - trimmed.len();
        if let Some(tag_end) = trimmed.strip_prefix('<').and_then(|t| t.find('>')) {
            if trimmed.starts_with("<li") {
                list = true;
            }
            i += tag_end + 2;
            continue;
        }
        let marker = ["• ", "- ", "* ", "+ ", "– "]
            .iter()
            .find(|m| trimmed.starts_with(**m));
        if let Some(m) = marker {
            list = true;
            i += m.len();
            continue;
        }
        if trimmed.starts_with('#') || trimmed.starts_with("**") || trimmed.starts_with('>') {
            i += trimmed.len() - trimmed.trim_start_matches(['#', '*', '>', '_']).len();
            continue;
        }
        if trimmed.starts_with('*') || trimmed.starts_with('_') {
            i += 1;
            continue;
        }
        // Ordered list markers: "1. ", "12) ".
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && digits < 4 {
            let after = &trimmed[digits..];
            if after.starts_with(". ") || after.starts_with(") ") {
                list = true;
                i += digits + 2;
                continue;
            }
        }
        break;
    }
    (i.min(line.len()), list)
}

/// Labels that introduce presenters, in the forms the readers accept. Longer forms first, so that
/// "presenters:" is not read as "presenter" followed by "s:".
pub(crate) const PRESENTER_LABELS: [&str; 9] = [
    "föredragande",
    "föredragare",
    "presentatörer",
    "presentatör",
    "presenter(s)",
    "presenters",
    "presenter",
    "presented by",
    "speakers",
];
/// Labels that introduce a position.
pub(crate) const POSITION_LABELS: [&str; 6] = [
    "ställningstaganden",
    "ställningstagande",
    "position",
    "decision",
    "förslag till beslut",
    "beslut",
];

/// The label a text starts with ("Föredragande:"), as (label, byte length including the colon).
pub(crate) fn label_at(text: &str, labels: &[&str]) -> Option<usize> {
    // Asked of every line, most of which have no colon (and no char lower-cases to one). Others are
    // compared lower-cased without lower-casing the line. The length is counted in the lower-cased text,
    // as when the line was lower-cased whole (the same for the letters these labels use: å, ä, ö are two
    // bytes either way).
    if !text.contains(':') {
        return None;
    }
    labels.iter().find_map(|label| {
        let mut lower = strip_lowercase_prefix(text, label)?;
        let mut emphasis = 0;
        loop {
            match lower.next()? {
                '*' | '_' | ' ' => emphasis += 1,
                ':' => return Some(label.len() + emphasis + 1),
                _ => return None,
            }
        }
    })
}

/// The byte range of the front matter block (`+++` … `+++`), as line indices (0-based, exclusive end).
pub(crate) fn front_matter(lines: &[&str]) -> Option<(usize, usize)> {
    let first = lines.iter().position(|l| !l.trim().is_empty())?;
    if lines.get(first)?.trim() != "+++" {
        return None;
    }
    let end = lines
        .iter()
        .enumerate()
        .skip(first + 1)
        .find(|(_, l)| l.trim() == "+++")?
        .0;
    Some((first + 1, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words as runs of `char::is_alphanumeric`, char by char (the former words_into).
    fn words_by_chars(line: &str) -> Vec<Word<'_>> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in line.char_indices().chain([(line.len(), ' ')]) {
            match (c.is_alphanumeric() && i < line.len(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push(Word {
                        start: s,
                        end: i,
                        text: &line[s..i],
                    });
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn words_are_runs_of_alphanumeric_chars(line in "[a-zA-Z09 :.,–åÅöÿ×÷²ßΣж\u{301}\u{a0}\u{2003}-]{0,30}") {
            let mut out = vec![Word { start: 9, end: 9, text: "" }];
            words_into(&line, &mut out);
            proptest::prop_assert_eq!(out, words_by_chars(&line));
        }
    }

    #[test]
    fn word_chars_are_std_alphanumerics() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    proptest::proptest! {
        /// As when the line is lower-cased whole and the label stripped from its front.
        #[test]
        fn label_at_is_a_prefix_of_the_lower_cased_line(
            text in "(Föredragande|FÖREDRAGANDE|Position|POSITION|speakers|SPEA\u{212A}ERS|Beslut|İ|Σ|ß|\\*|_| |:|x)*"
        ) {
            for labels in [&PRESENTER_LABELS[..], &POSITION_LABELS[..]] {
                let lower = text.to_lowercase();
                let expected = labels.iter().find_map(|label| {
                    let rest = lower.strip_prefix(label)?;
                    let trimmed = rest.trim_start_matches(['*', '_', ' ']);
                    trimmed
                        .starts_with(':')
                        .then(|| label.len() + (rest.len() - trimmed.len()) + 1)
                });
                proptest::prop_assert_eq!(label_at(&text, labels), expected);
            }
        }
    }

    #[test]
    fn words_keep_byte_ranges() {
        let w = words("  - 16 sept kl 14:00-15:30");
        let texts: Vec<&str> = w.iter().map(|w| w.text).collect();
        assert_eq!(texts, ["16", "sept", "kl", "14", "00", "15", "30"]);
        assert!(time_at("  - 16 sept kl 14:00-15:30", &w, 3));
        assert_eq!(w[1].month(), Some(9));
        assert_eq!(w[0].day(), Some(16));
    }

    #[test]
    fn content_after_markers() {
        assert_eq!(content_start("  - sept kl"), (4, true));
        assert_eq!(content_start(" • Nära Vård"), (" • ".len(), true));
        assert_eq!(content_start("## Föredragande: X"), (3, false));
        assert_eq!(content_start("**Föredragande: X**"), (2, false));
        assert_eq!(content_start("<li>sept kl</li>"), (4, true));
        assert_eq!(content_start("1. Första"), (3, true));
    }

    #[test]
    fn labels_with_colon() {
        assert_eq!(
            label_at("Föredragande: Ann", &PRESENTER_LABELS),
            Some("Föredragande:".len())
        );
        assert_eq!(
            label_at("Föredragande:** Ann", &PRESENTER_LABELS),
            Some("Föredragande:".len())
        );
        assert_eq!(label_at("Ställningstagande i SRO", &POSITION_LABELS), None);
        // Turned away or found without lower-casing the line, as with it.
        assert_eq!(
            label_at("POSITION: ja", &POSITION_LABELS),
            Some("position:".len())
        );
        assert_eq!(
            label_at("Decision *: ja", &POSITION_LABELS),
            Some("decision *:".len())
        );
        assert_eq!(label_at("- Planering av vården", &POSITION_LABELS), None);
        assert_eq!(label_at("Beslu", &POSITION_LABELS), None);
        assert_eq!(label_at("", &POSITION_LABELS), None);
        assert_eq!(
            label_at("SPEAKERS: Ann", &PRESENTER_LABELS),
            Some("speakers:".len())
        );
        assert_eq!(
            label_at("FÖREDRAGANDE: Ann", &PRESENTER_LABELS),
            Some("föredragande:".len())
        );
    }
}
