//! Escaping shared by the HTML page, the e-mail and the Atom feed.
//!
//! User text may hold anything: markup, quotes, `]]>`, control characters. Control characters are not
//! escapable in XML 1.0 and are parse errors in HTML, so they are dropped (tabs and line breaks become
//! spaces); everything markup-significant is turned into a character reference.

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

/// Characters that may not appear in HTML or XML text, even escaped.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{fdd0}'..='\u{fdef}') || (c as u32 & 0xfffe) == 0xfffe
}

/// Text safe inside HTML/XML element content and double- or single-quoted attribute values.
/// Line feeds are kept (they are plain whitespace in markup); other control characters are dropped.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
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
    out
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
    }
}
