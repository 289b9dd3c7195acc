//! Safe text for XML parts: quick-xml's escaping plus removal of what XML 1.0 cannot carry at all.
//!
//! Escaping alone is not enough: control characters such as U+0001 are not allowed in XML 1.0 even as
//! character references, and a part containing one makes PowerPoint refuse the whole file. They carry no
//! meaning in a meeting summary, so they are dropped (tabs and line breaks become spaces) by the same rule
//! every rendition uses.

use std::borrow::Cow;

use crate::escape::{self, is_forbidden};

/// The XML declaration every part starts with.
pub const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Text content or an attribute value, escaped (`&`, `<`, `>`, `"`, `'`) and stripped of characters XML
/// 1.0 forbids. `]]>` needs no special care: `>` is escaped, so it never closes anything.
pub fn esc(text: &str) -> String {
    quick_xml::escape::escape(clean(text).as_ref()).into_owned()
}

/// `text` with every character the renditions' one rule forbids removed ([`escape::is_forbidden`]: a
/// superset of what XML 1.0 cannot carry), and tabs and line breaks made spaces.
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| !is_forbidden(c)) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(escape::clean(text))
    }
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
