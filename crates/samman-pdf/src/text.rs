//! Making user text safe to lay out: no control characters, no direction tricks, no unbreakable runs.
//!
//! typst receives text as data, so nothing here is about escaping markup; it is about what a printed page
//! can show. Control characters have no glyph, bidirectional overrides can make text read differently from
//! what it says, and a 200-letter "word" has no place to break, so it would run off the page.

use samman_render::escape::one_line_run;

/// Longest run of characters without a break opportunity that is left alone. Swedish compounds longer
/// than this are rare; typst hyphenates ordinary long words itself, this only catches junk and URLs.
const LONG_RUN: usize = 28;

/// Marks a place in an over-long run where a line may break. The template replaces it with zero-width
/// spacing (a break opportunity with nothing to extract), so the text still copies as written; the
/// character itself is never typeset.
pub const BREAK: char = '\u{200B}';

/// Display form of user text: the renditions' forbidden characters dropped, whitespace collapsed and
/// trimmed, and runs longer than [`LONG_RUN`] marked with [`BREAK`] where a line may break.
pub fn clean(s: &str) -> String {
    clean_run(s).trim_matches(' ').to_string()
}

/// Like [`clean`] but keeps one space at either end, for a run of text that sits next to a link.
pub fn clean_run(s: &str) -> String {
    // The one character rule and whitespace folding of every rendition; then the PDF's own care: no
    // stray break marks or byte-order marks, and break opportunities in over-long runs.
    let unmarked: String = s.chars().filter(|c| !matches!(*c, BREAK | '\u{feff}')).collect();
    let text = one_line_run(&unmarked);
    let mut out = String::with_capacity(text.len());
    let mut run = 0usize;
    for c in text.chars() {
        if c == ' ' {
            run = 0;
        } else if run >= LONG_RUN {
            out.push(BREAK);
            run = 0;
        }
        out.push(c);
        // Hyphens, slashes and the like already let a line break; count from there.
        run = if matches!(c, ' ' | '-' | '/' | '–' | '—') {
            0
        } else {
            run + 1
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_direction_characters_go() {
        assert_eq!(clean("a\u{0}b\u{7}\tc\r\nd"), "ab c d");
        assert_eq!(clean("  två   ord "), "två ord");
        assert_eq!(clean("abc\u{202E}fed\u{202C}"), "abcfed");
        assert_eq!(clean("\u{feff}Nära vård"), "Nära vård");
    }

    #[test]
    fn runs_keep_their_edge_spaces() {
        assert_eq!(clean_run("Nyhetsbrev – "), "Nyhetsbrev – ");
        assert_eq!(clean_run("  och \t "), " och ");
        assert_eq!(clean_run(" \u{7}x"), " x");
        assert_eq!(clean_run(""), "");
    }

    #[test]
    fn markup_characters_stay_as_written() {
        let s = "<script>alert(\"x\")</script> & 'q' ]]> #let $x$ *b* _i_ \\ @ref <lbl> `c`";
        assert_eq!(clean(s), s);
    }

    #[test]
    fn long_runs_get_break_opportunities() {
        let word = "x".repeat(100);
        let cleaned = clean(&word);
        assert_eq!(cleaned.replace(BREAK, ""), word);
        assert_eq!(cleaned.matches(BREAK).count(), 3);
        // Ordinary Swedish words are untouched.
        let s = "Kvinnofridssatsningen hälso- och sjukvårdsavtalet";
        assert_eq!(clean(s), s);
        // A run is counted from the last hyphen.
        let hyphened = format!("{}-{}", "a".repeat(20), "b".repeat(20));
        assert_eq!(clean(&hyphened), hyphened);
    }
}
