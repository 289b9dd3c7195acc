//! `unsafe-link`: link targets no rendition emits (`javascript:`, `data:`, `vbscript:`, `file:`, targets
//! with spaces or control characters — [`samman_domain::is_safe_href`]). The renditions show such a link's
//! label as plain text and leave out an unsafe minutes link; `check` says so, where the target is written.

use samman_domain::{Block, Minutes, is_safe_href};

use super::Problem;
use super::scan;
use crate::document::Document;
use crate::located::Pos;

pub(super) fn check(document: &Document, lines: &[&str], out: &mut Vec<Problem>) {
    let mut finder = Finder { lines, from: 0 };
    if let Minutes::Published { href, .. } = &document.header.minutes
        && !is_safe_href(href)
    {
        let pos = finder.find(href).unwrap_or(Pos::line(1));
        out.push(Problem::new(
            pos,
            "unsafe-link",
            format!("länken till mötesanteckningarna ({}) är ingen säker webbadress och visas inte; ange en https-adress", shown(href)),
        ));
    }
    for section in &document.sections {
        let item = &section.item;
        let blocks = item
            .content
            .iter()
            .chain(item.slides.iter().flat_map(|s| s.content.iter()));
        for (label, href) in blocks.flat_map(links) {
            if is_safe_href(&href) {
                continue;
            }
            let pos = finder.find(&href).unwrap_or(section.heading.pos);
            out.push(Problem::new(
                pos,
                "unsafe-link",
                format!(
                    "länken \"{label}\" går till {}, som ingen version visar som länk (bara http, https, mailto \
                     och tel); texten visas utan länk",
                    shown(&href)
                ),
            ));
        }
    }
}

/// Every (label, href) in a block.
fn links(block: &Block) -> Vec<(String, String)> {
    block
        .texts()
        .into_iter()
        .flat_map(|(_, text)| {
            text.links()
                .map(|(l, h)| (l.to_string(), h.to_string()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A target as shown in a message: its first 60 characters, controls as "?".
fn shown(href: &str) -> String {
    let mut s: String = href
        .trim()
        .chars()
        .take(60)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    if href.trim().chars().count() > 60 {
        s.push('…');
    }
    s
}

/// Finds targets in the file in reading order (each search starts at the line of the previous find).
struct Finder<'a> {
    lines: &'a [&'a str],
    from: usize,
}

impl Finder<'_> {
    fn find(&mut self, href: &str) -> Option<Pos> {
        let needle = href.trim();
        if needle.is_empty() {
            return None;
        }
        let found = self.lines[self.from.min(self.lines.len())..]
            .iter()
            .enumerate()
            .find_map(|(i, line)| line.find(needle).map(|at| (self.from + i, at)));
        let (index, at) = found?;
        self.from = index;
        Some(scan::pos(index + 1, self.lines[index], at))
    }
}

#[cfg(test)]
mod tests {
    use samman_domain::Bodies;

    #[test]
    fn unsafe_targets_and_minutes_are_reported_where_written() {
        let text = "+++\nbody = \"sro\"\ndate = 2021-05-21\n\n[minutes]\nstatus = \"published\"\n\
                    href = \"javascript:alert(1)\"\n+++\n\n## Punkt\n\n- Se [bilden](data:text/html,x) och \
                    [sidan](https://example.org).\n";
        let document = crate::format::parse(text, &Bodies::default()).expect("parses");
        let problems: Vec<String> = super::super::check(&document, text, &Bodies::default())
            .into_iter()
            .filter(|p| p.code == "unsafe-link")
            .map(|p| format!("{}: {}", p.pos, p.message))
            .collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].starts_with("7:9: länken till mötesanteckningarna"),
            "{problems:?}"
        );
        assert!(
            problems[1].starts_with("12:15: länken \"bilden\" går till data:text/html,x"),
            "{problems:?}"
        );
    }
}
