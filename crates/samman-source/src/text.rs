//! Text helpers shared by every reader: whitespace, inline links, words broken across slide lines.

use samman_domain::{Inline, Text};

/// Collapses runs of whitespace (including non-breaking spaces and line breaks) to one space and trims.
pub fn normalize_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Words after which a trailing hyphen is a suspended compound ("hälso- och sjukvård"), not a break.
const SUSPENDED_BEFORE: [&str; 9] = [
    "och",
    "eller",
    "samt",
    "respektive",
    "resp.",
    "som",
    "till",
    "men",
    "&",
];

/// Whether `s` may hold a word broken by a line break: a letter, a hyphen and a space ("samverkans- ").
/// Without one [`join_broken_words`] returns `s` as is and joins nothing, so a caller that only wants
/// the broken words can skip the line.
pub fn may_break(s: &str) -> bool {
    // Hyphens found by char (memchr) rather than as "- " (a substring searcher, costly to set up per line).
    s.match_indices('-').any(|(i, _)| {
        s[i + 1..].starts_with(' ') && s[..i].chars().next_back().is_some_and(char::is_alphabetic)
    })
}

/// Joins words that a slide's line breaks split with a hyphen: "samverkans- frågor" → "samverkansfrågor",
/// "Covid- 19" → "Covid-19". Suspended compounds ("hälso- och sjukvård") are left alone.
///
/// Returns the repaired text and each broken form that was joined ("samverkans- frågor").
pub fn join_broken_words(s: &str) -> (String, Vec<String>) {
    // A text without a break (most lines) is returned as is.
    if !may_break(s) {
        return (s.to_string(), Vec::new());
    }
    let words: Vec<&str> = s.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut joined = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let next = words.get(i + 1).copied().unwrap_or("");
        let breaks = word.len() > 1
            && word.ends_with('-')
            && word[..word.len() - 1]
                .chars()
                .last()
                .is_some_and(char::is_alphabetic)
            && next
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
            && !SUSPENDED_BEFORE.contains(&next.trim_end_matches([',', ';', ':']));
        if breaks {
            let stem = &word[..word.len() - 1];
            let glued = if next.starts_with(|c: char| c.is_ascii_digit()) {
                format!("{stem}-{next}")
            } else {
                format!("{stem}{next}")
            };
            joined.push(format!("{word} {next}"));
            out.push(glued);
            i += 2;
        } else {
            out.push(word.to_string());
            i += 1;
        }
    }
    (out.join(" "), joined)
}

/// Parses inline Markdown as samman uses it (the writer is `format::syntax::write_inline`): `[label](href)` links, `\` escapes; emphasis markers
/// (`**`, `__`, `*`, `_` at word edges) are dropped since the record keeps no emphasis. Whitespace is
/// normalised.
pub fn parse_inline(s: &str) -> Text {
    // Most text has no link and no escape: it is one run, its whitespace collapsed (what the general
    // path below makes of it, without copying it char by char).
    if !s.contains(['\\', '[']) {
        let text = normalize_ws(s);
        return Text(if text.is_empty() {
            Vec::new()
        } else {
            vec![Inline::Text { text }]
        });
    }
    parse_marked(s)
}

/// [`parse_inline`] for text with links or escapes.
fn parse_marked(s: &str) -> Text {
    let mut inlines: Vec<Inline> = Vec::new();
    let mut buf = String::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            buf.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '['
            && let Some((label, href, next)) = link_at(&chars, i)
        {
            push_text(&mut inlines, std::mem::take(&mut buf));
            let text = normalize_ws(&strip_emphasis(&label));
            inlines.push(Inline::Link {
                text,
                href: href.trim().to_string(),
            });
            i = next;
            continue;
        }
        buf.push(c);
        i += 1;
    }
    push_text(&mut inlines, buf);
    normalize_inlines(inlines)
}

/// Removes Markdown emphasis markers (`**`, `__`, and single `*`/`_` at word edges).
pub fn strip_emphasis(s: &str) -> String {
    // Escaped markers (`\*`, `\_`: literal text, as a deck's text form writes it) are set aside while
    // the emphasis markers go, and come back escaped for `parse_inline`.
    const STAR: char = '\u{E000}';
    const LOW: char = '\u{E001}';
    let s = s
        .replace("\\*", &STAR.to_string())
        .replace("\\_", &LOW.to_string());
    let s = s.replace("**", "").replace("__", "");
    s.split(' ')
        .map(|w| w.trim_matches(|c| c == '*' || c == '_'))
        .collect::<Vec<_>>()
        .join(" ")
        .replace(STAR, "\\*")
        .replace(LOW, "\\_")
}

/// A comparison key: lower case, letters and digits only, so "Kvinnofrids-satsning" and
/// "Kvinnofridssatsning" meet.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `text` lower-cased char by char. This is `text.to_lowercase()` except for a capital sigma, which
/// `str::to_lowercase` makes ς at the end of a word and this makes σ: compared with words that have no
/// sigma, both are as different.
pub(crate) fn lowercase_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().flat_map(char::to_lowercase)
}

/// Whether `text.to_lowercase() == lower`, without building the lower-cased string. `lower` is in lower
/// case and has no sigma.
pub(crate) fn lowercases_to(text: &str, lower: &str) -> bool {
    strip_lowercase_prefix(text, lower).is_some_and(|mut rest| rest.next().is_none())
}

/// The rest of `text` lower-cased after `prefix`, as [`lowercase_chars`]: what
/// `text.to_lowercase().strip_prefix(prefix)` leaves, without building the string. `prefix` is in lower
/// case (each of its chars its own lower case) and has no sigma.
pub(crate) fn strip_lowercase_prefix<'a>(
    text: &'a str,
    prefix: &str,
) -> Option<impl Iterator<Item = char> + 'a> {
    // Byte for byte first: an ASCII letter lower-cases to one byte, and a char written as in the prefix
    // is its own lower case. Most texts differ from the prefix within their first bytes.
    let mut same = text
        .bytes()
        .zip(prefix.bytes())
        .take_while(|(t, p)| t.to_ascii_lowercase() == *p)
        .count();
    // Where the bytes part inside a char, that char is compared lower-cased (its bytes before `same`
    // are the same in both, so the prefix has a boundary where the text has).
    while !text.is_char_boundary(same) {
        same -= 1;
    }
    let mut lower = lowercase_chars(text.get(same..)?);
    let prefix_rest = prefix.get(same..)?;
    prefix_rest
        .chars()
        .all(|p| lower.next() == Some(p))
        .then_some(lower)
}

fn push_text(inlines: &mut Vec<Inline>, text: String) {
    if !text.is_empty() {
        inlines.push(Inline::Text { text });
    }
}

/// Whitespace-normalises across inline boundaries and merges adjacent text runs.
fn normalize_inlines(inlines: Vec<Inline>) -> Text {
    let mut out: Vec<Inline> = Vec::new();
    for inline in inlines {
        match (out.last_mut(), inline) {
            (Some(Inline::Text { text: prev }), Inline::Text { text }) => prev.push_str(&text),
            (_, inline) => out.push(inline),
        }
    }
    // Collapse whitespace inside text runs, keeping one space at run edges that touch a link.
    let n = out.len();
    let mut result = Vec::with_capacity(n);
    for (i, inline) in out.into_iter().enumerate() {
        match inline {
            Inline::Text { text } => {
                let lead = i > 0 && text.starts_with(char::is_whitespace);
                let trail = i + 1 < n && text.ends_with(char::is_whitespace);
                let core = normalize_ws(&text);
                let mut t = String::new();
                if lead {
                    t.push(' ');
                }
                t.push_str(&core);
                if trail && !core.is_empty() {
                    t.push(' ');
                }
                if !t.is_empty() {
                    result.push(Inline::Text { text: t });
                }
            }
            link => result.push(link),
        }
    }
    Text(result)
}

/// A `[label](href)` starting at `start`: the label, the href and the index after it.
fn link_at(chars: &[char], start: usize) -> Option<(String, String, usize)> {
    let mut i = start + 1;
    let mut label = String::new();
    let mut depth = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' if i + 1 < chars.len() => {
                label.push(chars[i + 1]);
                i += 2;
                continue;
            }
            '[' => depth += 1,
            ']' if depth == 0 => break,
            ']' => depth -= 1,
            _ => {}
        }
        label.push(chars[i]);
        i += 1;
    }
    if chars.get(i) != Some(&']') || chars.get(i + 1) != Some(&'(') {
        return None;
    }
    i += 2;
    let mut href = String::new();
    while i < chars.len() && chars[i] != ')' {
        if chars[i] == '\\' && i + 1 < chars.len() {
            i += 1;
        }
        href.push(chars[i]);
        i += 1;
    }
    (chars.get(i) == Some(&')')).then_some((label, href, i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Char by char, as `str::to_lowercase` (letters whose lower case changes length included).
        #[test]
        fn lowercases_to_is_to_lowercase(
            text in "(a|A|k|K|\u{212A}|s|S|ß|ẞ|i|İ|I|Σ|σ|ς|ö|Ö|ä|Ä|å|Å|\u{212B}|é|É| |:)*",
            lower in "(a|k|s|ß|ss|i|i\u{307}|ö|ä|å|é| |:)*",
        ) {
            proptest::prop_assert_eq!(lowercases_to(&text, &lower), text.to_lowercase() == lower);
            if !text.contains('Σ') {
                proptest::prop_assert!(lowercases_to(&text, &text.to_lowercase()));
            }
        }

        /// Stripping a prefix of the lower-cased text leaves the rest of it; another prefix, nothing.
        #[test]
        fn strip_lowercase_prefix_is_strip_prefix_of_to_lowercase(
            text in "(a|A|k|K|\u{212A}|ß|ẞ|İ|ö|Ö|ä|Ä|å|Å|\u{212B}|é|É| |:)*",
            cut in 0usize..12,
            other in "(a|k|ß|i\u{307}|ö|ä|å|é| |:)*",
        ) {
            let lower = text.to_lowercase();
            let prefix: String = lower.chars().take(cut).collect();
            for prefix in [prefix.as_str(), other.as_str()] {
                let rest = strip_lowercase_prefix(&text, prefix).map(Iterator::collect::<String>);
                proptest::prop_assert_eq!(rest.as_deref(), lower.strip_prefix(prefix));
            }
        }
        #[test]
        fn plain_text_reads_as_the_general_path_reads_it(s in "[a-zåäö *_\\[\\]()\\\\\t\u{a0}\n.:-]{0,40}") {
            proptest::prop_assert_eq!(parse_inline(&s), parse_marked(&s));
        }

        /// Hyphens found one by one are the "- " breaks the substring search found.
        #[test]
        fn may_break_is_the_substring_search(s in "[aå1 \u{a0}–-]{0,30}") {
            let searched = s
                .match_indices("- ")
                .any(|(i, _)| s[..i].chars().next_back().is_some_and(char::is_alphabetic));
            proptest::prop_assert_eq!(may_break(&s), searched);
        }

        #[test]
        fn whitespace_collapses_as_split_and_join_did(s in "[a \t\u{a0}\n\u{2003}]{0,30}") {
            let joined = s
                .split(|c: char| c.is_whitespace() || c == '\u{a0}')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            proptest::prop_assert_eq!(normalize_ws(&s), joined);
        }
    }

    #[test]
    fn joins_words_broken_by_slide_lines() {
        assert_eq!(
            join_broken_words("Lägesrapport samverkans- frågor Covid- 19").0,
            "Lägesrapport samverkansfrågor Covid-19"
        );
        assert_eq!(
            join_broken_words("Kvinnofrids- satsning, rekvirering").0,
            "Kvinnofridssatsning, rekvirering"
        );
        assert_eq!(
            join_broken_words("Remiss hälso- och sjukvårdsavtalet").0,
            "Remiss hälso- och sjukvårdsavtalet"
        );
        assert_eq!(join_broken_words("Juni – oktober").0, "Juni – oktober");
        assert_eq!(join_broken_words("kvinnofrids-satsning").1, Vec::<String>::new());
        // No letter, hyphen and space: as is (list markers, dashes, numbers).
        assert_eq!(
            join_broken_words("- Läget 3- 4 maj -  ok"),
            ("- Läget 3- 4 maj -  ok".to_string(), Vec::new())
        );
        assert_eq!(join_broken_words("- sam- verkan").0, "- samverkan");
    }

    #[test]
    fn inline_links_are_read() {
        let t = parse_inline("Nyhetsbrev – [PRENUMERERA](#) nu");
        assert_eq!(t.to_plain(), "Nyhetsbrev – PRENUMERERA nu");
        assert_eq!(t.links().collect::<Vec<_>>(), vec![("PRENUMERERA", "#")]);
    }

    #[test]
    fn fold_ignores_case_and_punctuation() {
        assert_eq!(fold("Kvinnofrids-satsning"), fold("kvinnofridssatsning"));
    }
}
