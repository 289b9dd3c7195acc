//! Making user text safe to lay out: no control characters, no direction tricks, no unbreakable runs.
//!
//! typst receives text as data, so nothing here is about escaping markup; it is about what a printed page
//! can show. Control characters have no glyph, bidirectional overrides can make text read differently from
//! what it says, and a 200-letter "word" has no place to break, so it would run off the page.

/// Longest run of characters without a break opportunity that is left alone. Swedish compounds longer
/// than this are rare; typst hyphenates ordinary long words itself, this only catches junk and URLs.
const LONG_RUN: usize = 28;

/// Marks a place in an over-long run where a line may break. The template replaces it with zero-width
/// spacing (a break opportunity with nothing to extract), so the text still copies as written; the
/// character itself is never typeset.
pub const BREAK: char = '\u{200B}';

/// Display form of user text: control and bidi-control characters dropped, whitespace collapsed and
/// trimmed, and runs longer than [`LONG_RUN`] marked with [`BREAK`] where a line may break.
pub fn clean(s: &str) -> String {
    clean_run(s).trim_matches(' ').to_string()
}

/// Like [`clean`] but keeps one space at either end, for a run of text that sits next to a link.
pub fn clean_run(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.starts_with(|c: char| c.is_whitespace() || c.is_control()) {
        out.push(' ');
    }
    let mut run = 0usize;
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            // A control character is treated like a space so "a\u{7}b" does not glue two words together.
            pending_space = !out.is_empty() && !out.ends_with(' ');
            run = 0;
            continue;
        }
        if is_bidi_control(c) || c == BREAK || c == '\u{feff}' {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if run >= LONG_RUN {
            out.push(BREAK);
            run = 0;
        }
        out.push(c);
        // Hyphens, slashes and the like already let a line break; count from there.
        run = if matches!(c, '-' | '/' | '–' | '—') {
            0
        } else {
            run + 1
        };
    }
    if pending_space {
        out.push(' ');
    }
    out
}

/// Embedding, override and isolate controls (Unicode Bidi_Control, minus the marks that only hint).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// The address a link may open from the PDF: http(s) and mailto only, relative addresses resolved
/// against the body's base URL. Anything else (javascript:, file:, a bare "#") is shown as plain text.
pub fn safe_href(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let lower = href.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:") {
        return Some(href.to_string());
    }
    if href.starts_with('#') || href.starts_with("//") || href.contains(':') {
        return None;
    }
    let base = base?.trim_end_matches('/');
    let base_lower = base.to_ascii_lowercase();
    if !(base_lower.starts_with("https://") || base_lower.starts_with("http://")) {
        return None;
    }
    Some(format!("{base}/{}", href.trim_start_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_direction_characters_go() {
        assert_eq!(clean("a\u{0}b\u{7}\tc\r\nd"), "a b c d");
        assert_eq!(clean("  två   ord "), "två ord");
        assert_eq!(clean("abc\u{202E}fed\u{202C}"), "abcfed");
        assert_eq!(clean("\u{feff}Nära vård"), "Nära vård");
    }

    #[test]
    fn runs_keep_their_edge_spaces() {
        assert_eq!(clean_run("Nyhetsbrev – "), "Nyhetsbrev – ");
        assert_eq!(clean_run("  och \t "), " och ");
        assert_eq!(clean_run("\u{7}x"), " x");
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

    #[test]
    fn only_safe_links_are_clickable() {
        let base = Some("https://samman.example.org/sro");
        assert_eq!(
            safe_href("https://www.vastkom.se/x", base).as_deref(),
            Some("https://www.vastkom.se/x")
        );
        assert_eq!(safe_href("mailto:a@b.se", None).as_deref(), Some("mailto:a@b.se"));
        assert_eq!(
            safe_href("/prenumerera", base).as_deref(),
            Some("https://samman.example.org/sro/prenumerera")
        );
        assert_eq!(safe_href("prenumerera", None), None);
        assert_eq!(safe_href("#", base), None);
        assert_eq!(safe_href("javascript:alert(1)", base), None);
        assert_eq!(safe_href("JaVaScRiPt:alert(1)", base), None);
        assert_eq!(safe_href("//evil.example/x", base), None);
        assert_eq!(safe_href("https://a b", base), None);
    }
}
