//! How deeply an HTML page nests its elements, measured before the HTML parser sees it.
//!
//! The HTML parser's tree builder looks through the stack of open elements for many tags, so its cost
//! grows with the square of the nesting depth: a page of 100,000 nested `<div>`s (1 MB) took minutes.
//! No summary page nests more than a few dozen levels, so a page past [`MAX_DEPTH`] is refused with its
//! line instead of parsed. The count is a quick scan of the tags, not a parse: elements whose end tag
//! may be left out (`<p>`, `<li>` …) and void elements (`<br>`) are not counted, comments, scripts and
//! styles are skipped.

/// Deeper than this is refused. Parsing this deep still takes well under a second.
pub const MAX_DEPTH: usize = 2_000;

/// Elements that are never closed or whose end tag is optional: not counted.
const UNCOUNTED: [&str; 32] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup",
    "rp", "rt", "head", "body", "html", "param",
];

/// The byte offset of the first tag nested deeper than [`MAX_DEPTH`], if any.
pub fn too_deep(html: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut depth: usize = 0;
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let start = at + found;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(html.len(), |end| start + end + 3);
            continue;
        }
        let Some(end) = rest.find('>') else { break };
        let tag = &rest[1..end];
        at = start + end + 1;
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() || UNCOUNTED.contains(&name.as_str()) || tag.ends_with('/') {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        if matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            // Raw text up to the matching end tag.
            let close = format!("</{name}");
            at = find_ascii_case_insensitive(&bytes[at..], close.as_bytes()).map_or(html.len(), |i| at + i);
            continue;
        }
        depth += 1;
        if depth > MAX_DEPTH {
            return Some(start);
        }
    }
    None
}

fn find_ascii_case_insensitive(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_nesting_not_tags() {
        let flat = "<div></div>".repeat(10_000);
        assert_eq!(too_deep(&flat), None);
        let lists = format!("<ul>{}</ul>", "<li>punkt".repeat(10_000));
        assert_eq!(
            too_deep(&lists),
            None,
            "list entries without end tags do not nest"
        );
        let deep = "<div>".repeat(MAX_DEPTH + 1);
        assert_eq!(too_deep(&deep), Some(MAX_DEPTH * 5));
        let commented = format!("<!--{}-->", "<div>".repeat(MAX_DEPTH + 1));
        assert_eq!(too_deep(&commented), None);
    }
}
