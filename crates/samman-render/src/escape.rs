//! The one character rule of every rendition, and the escaping of the HTML page, the e-mail and the feed.
//!
//! User text may hold anything: markup, quotes, `]]>`, control characters. Control characters are not
//! escapable in XML 1.0 and are parse errors in HTML, and direction overrides make text read otherwise
//! than it says, so [`is_forbidden`] characters are dropped by every rendition (page, e-mail, feed, deck,
//! PDF, calendar, JSON); everything markup-significant is turned into a character reference.

use std::borrow::Cow;

/// Text with control characters and non-characters removed; tab, CR and LF become a space.
pub fn clean(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if is_forbidden(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Characters no rendition shows: controls (C0, DEL, C1; XML 1.0 cannot carry most of them even
/// escaped), non-characters, and the bidirectional embedding, override and isolate controls.
pub fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{fdd0}'..='\u{fdef}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
        || (c as u32 & 0xfffe) == 0xfffe
}

/// Text on one line: forbidden characters dropped, every run of whitespace (line breaks, U+2028 and
/// U+2029 included) folded to one space, trimmed.
pub fn one_line(s: &str) -> String {
    one_line_cow(s).into_owned()
}

/// [`one_line`], borrowing `s` where it already is one line (most text is).
pub fn one_line_cow(s: &str) -> Cow<'_, str> {
    if already_one_line(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(fold_to_one_line(s))
    }
}

/// [`one_line`] of a string already owned, returned as it is where it is one line.
pub fn one_line_owned(s: String) -> String {
    if already_one_line(&s) {
        s
    } else {
        fold_to_one_line(&s)
    }
}

/// One pass (every string of every rendition comes through here): what `clean` keeps, split on
/// whitespace and joined with single spaces.
fn fold_to_one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if matches!(c, '\t' | '\n' | '\r') || (c.is_whitespace() && !is_forbidden(c)) {
            gap = !out.is_empty();
        } else if !is_forbidden(c) {
            if gap {
                out.push(' ');
                gap = false;
            }
            out.push(c);
        }
    }
    out
}

/// Whether `s` is its own [`one_line`], by a cheap test most text passes: printable ASCII and Latin-1
/// letters (U+00C0–U+00FF, "å", "é": neither whitespace nor forbidden), single spaces, none at either end.
fn already_one_line(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            0x21..=0x7e => after_space = false,
            // The lead byte of U+00C0–U+00FF; its continuation byte is skipped.
            0xc3 => {
                after_space = false;
                i += 1;
            }
            _ => return false,
        }
        i += 1;
    }
    true
}

/// Like [`one_line`] but keeps one space at either end, for a run of text that sits next to a link.
pub fn one_line_run(s: &str) -> String {
    one_line_run_cow(s).into_owned()
}

/// [`one_line_run`], borrowing `s` where it already is its own: one line but for a single space at
/// either end (a run beside a link, "Se ").
pub fn one_line_run_cow(s: &str) -> Cow<'_, str> {
    let inner = s.strip_prefix(' ').unwrap_or(s);
    let inner = inner.strip_suffix(' ').unwrap_or(inner);
    // A lone space is its own run; two spaces fold to one.
    if (!inner.is_empty() || s.len() <= 1) && already_one_line(inner) {
        return Cow::Borrowed(s);
    }
    let body = one_line(s);
    let edge = |c: Option<char>| c.is_some_and(char::is_whitespace);
    let mut out = String::with_capacity(body.len() + 2);
    if edge(s.chars().next()) && !body.is_empty() {
        out.push(' ');
    }
    out.push_str(&body);
    if edge(s.chars().last()) {
        out.push(' ');
    }
    Cow::Owned(out)
}

/// Text safe inside HTML/XML element content and double- or single-quoted attribute values.
/// Line feeds are kept (they are plain whitespace in markup); other control characters are dropped.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_html(&mut out, s);
    out
}

/// [`html`] of `s`, written at the end of `out` (no string of its own).
pub fn push_html(out: &mut String, s: &str) {
    // Runs of characters kept as they are (printable ASCII but the five, space, line feed, and Latin-1
    // letters U+00C0–U+00FF, never forbidden) are copied whole: most text is nothing else.
    let bytes = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        match b {
            b'&' | b'<' | b'>' | b'"' | b'\'' => {}
            b' ' | b'\n' | 0x21..=0x7e => {
                i += 1;
                continue;
            }
            0xc3 => {
                i += 2;
                continue;
            }
            _ => {}
        }
        out.push_str(s.get(run..i).unwrap_or_default());
        let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        push_html_char(out, c);
        i += c.len_utf8();
        run = i;
    }
    out.push_str(s.get(run..).unwrap_or_default());
}

/// One character as [`html`] writes it.
fn push_html_char(out: &mut String, c: char) {
    match c {
        '\n' => out.push('\n'),
        '\t' | '\r' => out.push(' '),
        c if is_forbidden(c) => {}
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_controls_are_neutralised() {
        assert_eq!(
            html("<script>alert('x')</script> & \"q\" ]]>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; ]]&gt;"
        );
        assert_eq!(clean("a\u{0}b\u{7}c\td\u{1b}e\u{ffff}f\u{85}g"), "abc defg");
        assert_eq!(clean("Västkom – åäö"), "Västkom – åäö");
        assert_eq!(clean("abc\u{202E}fed\u{202C}"), "abcfed");
    }

    #[test]
    fn one_line_folds_every_line_break() {
        assert_eq!(
            one_line(" a\r\nb\u{2028}c\u{2029}d\u{85}e\t\u{7}f  "),
            "a b c de f"
        );
        assert_eq!(one_line_run("Nyhetsbrev – "), "Nyhetsbrev – ");
        assert_eq!(one_line_run("  och \t "), " och ");
        assert_eq!(one_line_run(" "), " ");
        assert_eq!(one_line_run(""), "");
    }

    /// `html` as it was written first, char by char: the reference for the run-copying one.
    fn html_by_char(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            push_html_char(&mut out, c);
        }
        out
    }

    /// [`one_line_run`] as it was first written: the reference for the borrowing one.
    fn run_by_folding(s: &str) -> String {
        let body = fold_to_one_line(s);
        let edge = |c: Option<char>| c.is_some_and(char::is_whitespace);
        let mut out = String::new();
        if edge(s.chars().next()) && !body.is_empty() {
            out.push(' ');
        }
        out.push_str(&body);
        if edge(s.chars().last()) {
            out.push(' ');
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn html_copies_runs_as_it_escaped_chars(s in "[ a~&<>\"'\\t\\r\\n\\x07\\x7f\\u{85}\\u{a0}\\u{c0}\\u{d7}\\u{ff}\\u{202e}\\u{fffe}åé€😀]{0,24}") {
            proptest::prop_assert_eq!(html(&s), html_by_char(&s));
        }

        /// The one-pass `one_line` is `clean`, split on whitespace, joined with single spaces.
        #[test]
        fn one_line_is_clean_words_joined(s in "[ a~\\t\\r\\n\\x0b\\x0c\\x07\\x7f\\u{85}\\u{a0}\\u{c0}\\u{d7}\\u{ff}\\u{2028}\\u{202e}\\u{3000}é]{0,24}") {
            let words: Vec<String> = clean(&s).split_whitespace().map(str::to_string).collect();
            proptest::prop_assert_eq!(one_line(&s), words.join(" "));
        }

        /// The borrowing fast paths agree with the general ones.
        #[test]
        fn borrowed_lines_are_the_folded_ones(s in "[ a~\\t\\n\\x07\\u{85}\\u{a0}\\u{c0}\\u{2028}é]{0,12}") {
            proptest::prop_assert_eq!(one_line_cow(&s).into_owned(), fold_to_one_line(&s));
            proptest::prop_assert_eq!(one_line_owned(s.clone()), fold_to_one_line(&s));
            proptest::prop_assert_eq!(one_line_run_cow(&s).into_owned(), run_by_folding(&s));
        }
    }
}
