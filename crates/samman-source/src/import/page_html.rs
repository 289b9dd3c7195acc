//! A published summary page as HTML. The page is turned into the same lines as the page text (headings,
//! text lines, bullets with their depth, links kept as `[label](href)`) with `scraper`, and read by the
//! same page reader. Navigation, scripts and forms are skipped; the footer gives only "Senast uppdaterad".
//!
//! An HTML parser keeps no source positions, so each line is located by finding its first word in the
//! source after the previous line's, outside tags: close enough to point a reader at the right line.

use scraper::{ElementRef, Html, Node, Selector};

use samman_domain::Bodies;

use super::page::{LineKind, PageLine, read_page};
use crate::ParseError;
use crate::document::{Document, Format};
use crate::format::syntax::escape_literal;
use crate::located::Pos;
use crate::text::normalize_ws;

/// Elements whose content is never part of the summary.
const SKIPPED: [&str; 14] = [
    "head", "script", "style", "noscript", "template", "nav", "form", "button", "select", "svg", "iframe",
    "dialog", "input", "textarea",
];

/// Elements that hold inline content only; anything else separates lines.
const INLINE: [&str; 18] = [
    "span", "strong", "b", "em", "i", "u", "small", "mark", "abbr", "time", "code", "sup", "sub", "cite",
    "q", "label", "data", "bdi",
];

/// Elements nested deeper than this are read as plain text.
const MAX_NESTING: usize = 100;

/// Reads a summary page written in HTML.
pub(crate) fn read(text: &str, bodies: &Bodies) -> Result<Document, ParseError> {
    if let Some(at) = super::html_depth::too_deep(text) {
        let line = text[..at].matches('\n').count() + 1;
        let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        return Err(ParseError::new(
            Pos::in_line(line, &text[line_start..at], at - line_start),
            format!(
                "sidans HTML är nästlad djupare än {} nivåer här; ingen sammanställning är det — \
                 kopiera sidans text och importera den i stället (--from page-text)",
                super::html_depth::MAX_DEPTH
            ),
        ));
    }
    read_page(lines(text), Format::PageHtml, bodies)
}

/// Whether `text` is HTML: a doctype or `<html>` at the start, or many tags.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(200)
        .collect::<String>()
        .to_lowercase();
    if head.starts_with("<!doctype") || head.starts_with("<html") {
        return true;
    }
    let closing = text.matches("</").count();
    head.starts_with('<') && closing >= 3
}

/// The page's lines in document order.
pub(crate) fn lines(text: &str) -> Vec<PageLine> {
    let html = Html::parse_document(text);
    let mut walker = Walker::default();
    walker.walk(html.root_element());
    walker.flush();
    let mut raw = walker.out;
    if !raw.iter().any(|(k, _, _)| *k == LineKind::Heading(1))
        && let Ok(sel) = Selector::parse("head > title")
        && let Some(title) = html.select(&sel).next()
    {
        let t = normalize_ws(&title.text().collect::<String>());
        if !t.is_empty() {
            raw.insert(0, (LineKind::Heading(1), t, None));
        }
    }
    let mut locator = Locator::new(text);
    raw.into_iter()
        .map(|(kind, text, slide)| PageLine {
            pos: locator.locate(&text),
            kind,
            text,
            slide,
        })
        .collect()
}

/// Collects lines while walking the element tree.
#[derive(Debug, Default)]
struct Walker {
    out: Vec<(LineKind, String, Option<usize>)>,
    /// The `<details>` being walked (a detail slide on samman's own page), and how many were opened.
    slide: Option<usize>,
    slides: usize,
    buf: String,
    /// The kind of the innermost open block (list entry, heading); text otherwise.
    kinds: Vec<LineKind>,
    lists: usize,
    in_footer: bool,
    /// How many elements deep the walk is.
    depth: usize,
}

impl Walker {
    fn walk(&mut self, el: ElementRef<'_>) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => {
                    // Source line breaks are spaces; only <br> breaks a line.
                    let text: String = t
                        .chars()
                        .map(|c| if c.is_whitespace() { ' ' } else { c })
                        .collect();
                    self.buf.push_str(&escape_literal(&text));
                }
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, el: ElementRef<'_>) {
        let name = el.value().name();
        if SKIPPED.contains(&name) || is_apparatus(el) {
            return;
        }
        if self.depth >= MAX_NESTING {
            // Absurdly deep markup: keep its text without walking further (no deep recursion).
            let text: String = el.text().collect();
            self.buf
                .push_str(&escape_literal(&text.replace(char::is_whitespace, " ")));
            return;
        }
        self.depth += 1;
        self.element_inner(el, name);
        self.depth -= 1;
    }

    fn element_inner(&mut self, el: ElementRef<'_>, name: &str) {
        match name {
            "br" => self.buf.push('\n'),
            "a" => {
                let saved = std::mem::take(&mut self.buf);
                self.walk(el);
                let label = normalize_ws(&std::mem::replace(&mut self.buf, saved));
                match el.value().attr("href").map(str::trim) {
                    Some(href) if !label.is_empty() && !href.is_empty() => {
                        self.buf
                            .push_str(&format!("[{label}]({})", href.replace(')', "%29")));
                    }
                    _ => self.buf.push_str(&label),
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.get(1..).and_then(|l| l.parse().ok()).unwrap_or(2);
                self.block(el, Some(LineKind::Heading(level)));
            }
            "ul" | "ol" | "menu" => {
                self.flush();
                self.lists += 1;
                self.walk(el);
                self.flush();
                self.lists -= 1;
            }
            "li" => {
                let depth = self.lists.saturating_sub(1);
                self.block(el, Some(LineKind::Bullet(depth)));
            }
            // A detail slide (samman's page shows each in a <details>): its <summary> is the title.
            "details" => {
                self.flush();
                let outer = self.slide.replace(self.slides);
                self.slides += 1;
                self.walk(el);
                self.flush();
                self.slide = outer;
            }
            "summary" => self.block(el, Some(LineKind::Heading(4))),
            // A description list (samman's timeline): "term – description" per entry, as a bullet.
            "dl" => {
                self.flush();
                self.lists += 1;
                self.kinds.push(LineKind::Bullet(self.lists - 1));
                let mut term_open = false;
                for child in el.children().filter_map(ElementRef::wrap) {
                    match child.value().name() {
                        "dt" => {
                            if term_open {
                                self.flush();
                            }
                            self.walk(child);
                            term_open = true;
                        }
                        "dd" => {
                            if term_open {
                                self.buf.push_str(" – ");
                            }
                            self.walk(child);
                            self.flush();
                            term_open = false;
                        }
                        _ => self.element(child),
                    }
                }
                self.flush();
                self.kinds.pop();
                self.lists -= 1;
            }
            "footer" => {
                self.flush();
                let was = std::mem::replace(&mut self.in_footer, true);
                self.walk(el);
                self.flush();
                self.in_footer = was;
            }
            n if INLINE.contains(&n) => self.walk(el),
            _ => self.block(el, None),
        }
    }

    /// A block element: what was collected before it, its own lines, then what follows are apart.
    fn block(&mut self, el: ElementRef<'_>, kind: Option<LineKind>) {
        self.flush();
        if let Some(kind) = kind {
            self.kinds.push(kind);
        }
        self.walk(el);
        self.flush();
        if kind.is_some() {
            self.kinds.pop();
        }
    }

    fn flush(&mut self) {
        let kind = self.kinds.last().copied().unwrap_or(LineKind::Text);
        let buf = std::mem::take(&mut self.buf);
        for line in buf.split('\n') {
            let line = normalize_ws(line);
            if line.is_empty() {
                continue;
            }
            let lower = line.to_lowercase();
            if self.in_footer && !(lower.contains("uppdaterad") || lower.contains("updated")) {
                continue;
            }
            self.out.push((kind, line, self.slide));
        }
    }
}

/// Parts of samman's own page that are apparatus, not the summary: an item's number before its title
/// (`<span class="num">1.</span>`, the reader numbers items itself) and the subscribe box.
fn is_apparatus(el: ElementRef<'_>) -> bool {
    let value = el.value();
    (value.name() == "span" && value.classes().any(|c| c == "num"))
        || value.classes().any(|c| c == "subscribe")
}

/// Finds where each line's text is in the HTML source: the source's visible text (outside tags, common
/// entities decoded, whitespace collapsed) is searched for the line's first characters, after the
/// previous line's place.
#[derive(Debug)]
struct Locator<'a> {
    source: &'a str,
    /// Byte offsets where each source line starts.
    line_starts: Vec<usize>,
    /// The visible characters and the byte offset each came from.
    visible: Vec<(char, usize)>,
    cursor: usize,
    last: Pos,
}

impl<'a> Locator<'a> {
    fn new(source: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        let mut visible: Vec<(char, usize)> = Vec::new();
        let mut inside = false;
        let mut chars = source.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '<' => inside = true,
                '>' if inside => inside = false,
                _ if inside => {}
                '&' => {
                    let rest = source.get(i..).unwrap_or("");
                    let entity = rest.find(';').filter(|e| *e <= 8).and_then(|e| rest.get(..=e));
                    let decoded = entity.and_then(|e| match e {
                        "&amp;" => Some('&'),
                        "&lt;" => Some('<'),
                        "&gt;" => Some('>'),
                        "&quot;" => Some('"'),
                        "&#39;" | "&apos;" => Some('\''),
                        "&nbsp;" => Some(' '),
                        _ => None,
                    });
                    match (decoded, entity) {
                        (Some(d), Some(e)) => {
                            push_visible(&mut visible, d, i);
                            for _ in 1..e.chars().count() {
                                chars.next();
                            }
                        }
                        _ => push_visible(&mut visible, '&', i),
                    }
                }
                c => push_visible(&mut visible, c, i),
            }
        }
        Locator {
            source,
            line_starts,
            visible,
            cursor: 0,
            last: Pos::line(1),
        }
    }

    fn locate(&mut self, text: &str) -> Pos {
        let plain: Vec<char> = normalize_ws(&crate::text::parse_inline(text).to_plain())
            .chars()
            .collect();
        for len in [40, 16, 6] {
            let needle = plain.get(..len.min(plain.len())).unwrap_or(&[]);
            if needle.is_empty() {
                break;
            }
            if let Some(at) = self.find(needle) {
                self.cursor = at + needle.len();
                if let Some((_, offset)) = self.visible.get(at) {
                    self.last = self.pos_of(*offset);
                }
                return self.last;
            }
        }
        self.last
    }

    /// Index in `visible` where `needle` starts, at or after the cursor.
    fn find(&self, needle: &[char]) -> Option<usize> {
        // Lines come in document order and close together; a bounded window keeps a huge page with
        // unfindable lines from costing a scan to the end for each of them.
        const WINDOW: usize = 100_000;
        let end = self.cursor.saturating_add(WINDOW).min(self.visible.len());
        let hay = self.visible.get(self.cursor..end)?;
        hay.windows(needle.len())
            .position(|w| w.iter().zip(needle).all(|((c, _), n)| c == n))
            .map(|i| self.cursor + i)
    }

    fn pos_of(&self, offset: usize) -> Pos {
        let line = self.line_starts.partition_point(|s| *s <= offset);
        let start = self.line_starts.get(line.saturating_sub(1)).copied().unwrap_or(0);
        let text = self.source.get(start..).unwrap_or("");
        let end = text.find('\n').unwrap_or(text.len());
        Pos::in_line(line, text.get(..end).unwrap_or(""), offset - start)
    }
}

/// Appends a visible character, collapsing runs of whitespace to one space.
fn push_visible(visible: &mut Vec<(char, usize)>, c: char, offset: usize) {
    if c.is_whitespace() || c == '\u{a0}' {
        if visible.last().is_some_and(|(l, _)| *l != ' ') {
            visible.push((' ', offset));
        }
    } else {
        visible.push((c, offset));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_lines() {
        let html = "<!doctype html><html><head><title>T</title></head><body>\n\
            <nav><a href=\"/\">Start</a></nav>\n<main><h1>Rubrik</h1>\n<p>Ingress <b>fet</b>.</p>\n\
            <ul><li>a<ul><li><a href=\"/x\">b</a></li></ul></li><li>c</li></ul>\n\
            <footer><p>Kontakt</p><p>Senast uppdaterad: 2021-05-24 09:51</p></footer></main></body></html>";
        let lines = lines(html);
        let got: Vec<(LineKind, &str)> = lines.iter().map(|l| (l.kind, l.text.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (LineKind::Heading(1), "Rubrik"),
                (LineKind::Text, "Ingress fet."),
                (LineKind::Bullet(0), "a"),
                (LineKind::Bullet(1), "[b](/x)"),
                (LineKind::Bullet(0), "c"),
                (LineKind::Text, "Senast uppdaterad: 2021-05-24 09:51"),
            ]
        );
        assert_eq!(lines[0].pos, Pos::new(3, 11));
        assert_eq!(lines[1].pos, Pos::new(4, 4));
    }

    #[test]
    fn detection() {
        assert!(looks_like_html("<!DOCTYPE html><p>x</p>"));
        assert!(looks_like_html("<div><p>a</p><p>b</p><p>c</p></div>"));
        assert!(!looks_like_html("# Agenda\n- a"));
    }
}
