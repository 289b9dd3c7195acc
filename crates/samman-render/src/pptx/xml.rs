//! Safe text for XML parts: quick-xml's escaping plus removal of what XML 1.0 cannot carry at all.
//!
//! Escaping alone is not enough: control characters such as U+0001 are not allowed in XML 1.0 even as
//! character references, and a part containing one makes PowerPoint refuse the whole file. They carry no
//! meaning in a meeting summary, so they are dropped (tabs and line breaks become spaces).

use std::borrow::Cow;

/// The XML declaration every part starts with.
pub const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Text content or an attribute value, escaped (`&`, `<`, `>`, `"`, `'`) and stripped of characters XML
/// 1.0 forbids. `]]>` needs no special care: `>` is escaped, so it never closes anything.
pub fn esc(text: &str) -> String {
    quick_xml::escape::escape(clean(text).as_ref()).into_owned()
}

/// `text` with every character XML 1.0 forbids removed, and tabs and line breaks made spaces.
pub fn clean(text: &str) -> Cow<'_, str> {
    if text
        .chars()
        .all(|c| allowed(c) && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                '\t' | '\n' | '\r' => Some(' '),
                c if allowed(c) => Some(c),
                _ => None,
            })
            .collect(),
    )
}

/// XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
fn allowed(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert(\"x\")</script> & 'y' ]]>"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos; ]]&gt;"
        );
    }

    #[test]
    fn strips_forbidden_characters() {
        assert_eq!(esc("a\u{1}b\u{8}c\u{FFFE}d\te\nf"), "abcd e f");
        assert_eq!(esc("Västkom – åäö"), "Västkom – åäö");
    }
}
