//! `org-spelling`: a member organisation written another way than its canonical spelling
//! ("Västkom" for "VästKom"), every occurrence, whole words only, links and addresses left alone.

use samman_domain::{Bodies, Organisation};

use super::Problem;
use super::scan::pos;
use crate::document::Document;

pub(super) fn check(document: &Document, lines: &[&str], bodies: &Bodies, problems: &mut Vec<Problem>) {
    let organisations = organisations_of(document, bodies);
    for (i, line) in lines.iter().enumerate() {
        for (start, found, canonical) in variants_in(line, &organisations) {
            problems.push(Problem::new(
                pos(i + 1, line, start),
                "org-spelling",
                format!("\"{found}\" skrivs \"{canonical}\""),
            ));
        }
    }
}

/// The organisations of the document's body, or of every configured body when it names none.
fn organisations_of<'a>(document: &Document, bodies: &'a Bodies) -> Vec<&'a Organisation> {
    let body = document.header.body.as_ref().and_then(|b| bodies.get(&b.value));
    match body {
        Some(body) => body.organisations.iter().collect(),
        None => bodies.organisations().collect(),
    }
}

/// Every variant spelling in `line`: (byte offset, the text as written, the canonical spelling).
pub(crate) fn variants_in<'a>(
    line: &str,
    organisations: &[&'a Organisation],
) -> Vec<(usize, String, &'a str)> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let at_word_start = i == 0 || chars.get(i - 1).is_some_and(|(_, c)| !c.is_alphanumeric());
        let mut matched = None;
        if at_word_start {
            'orgs: for org in organisations {
                let spellings = std::iter::once(&org.name).chain(org.variants.iter());
                for spelling in spellings {
                    if let Some(len) = match_at(&chars, i, spelling) {
                        matched = Some((len, org));
                        break 'orgs;
                    }
                }
            }
        }
        match matched {
            Some((len, org)) => {
                let start = chars.get(i).map_or(0, |(b, _)| *b);
                let end = chars.get(i + len).map_or(line.len(), |(b, _)| *b);
                let found = line.get(start..end).unwrap_or("");
                let is_full_name = org.full_name.as_deref() == Some(found);
                if found != org.name && !is_full_name && !in_link(line, start, end) {
                    out.push((start, found.to_string(), org.name.as_str()));
                }
                i += len.max(1);
            }
            None => i += 1,
        }
    }
    out
}

/// Whether `spelling` (case-insensitive) stands at char `i` as a whole word, allowing a genitive "s".
/// Returns its length in chars.
fn match_at(chars: &[(usize, char)], i: usize, spelling: &str) -> Option<usize> {
    // Compared char by char without collecting `spelling`: this runs at every word of every line.
    let mut len = 0;
    for w in spelling.chars() {
        let (_, c) = chars.get(i + len)?;
        if !same_letter(*c, w) {
            return None;
        }
        len += 1;
    }
    if len == 0 {
        return None;
    }
    let next = chars.get(i + len).map(|(_, c)| *c);
    let after_genitive = chars.get(i + len + 1).map(|(_, c)| *c);
    match next {
        None => Some(len),
        Some(c) if !c.is_alphanumeric() => Some(len),
        Some('s') if after_genitive.is_none_or(|c| !c.is_alphanumeric()) => Some(len),
        Some(_) => None,
    }
}

/// Whether `a` and `b` are the same letter but for case (ASCII without the Unicode tables; an ASCII
/// letter may equal a non-ASCII one, e.g. the Kelvin sign lower-cases to "k").
fn same_letter(a: char, b: char) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(&b)
    } else {
        a.to_lowercase().eq(b.to_lowercase())
    }
}

/// Whether bytes `start..end` are inside a web address, an e-mail address or a Markdown link target.
fn in_link(line: &str, start: usize, end: usize) -> bool {
    let token_start = line
        .get(..start)
        .and_then(|s| s.rfind(char::is_whitespace))
        .map_or(0, |i| i + 1);
    let token_end = line
        .get(end..)
        .and_then(|s| s.find(char::is_whitespace))
        .map_or(line.len(), |i| end + i);
    let token = line.get(token_start..token_end).unwrap_or("");
    let before = line.get(token_start..start).unwrap_or("");
    // A bare domain ("vastkom.se"): a dot inside the token, not just ending the sentence.
    let core = token.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '”']);
    let domain = core.char_indices().any(|(i, c)| {
        c == '.'
            && core
                .get(i + 1..)
                .is_some_and(|r| r.starts_with(char::is_alphanumeric))
    });
    domain
        || token.contains("://")
        || token.contains("www.")
        || token.contains('@')
        || token.contains("href=")
        || before.contains("](")
        || before.contains('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orgs() -> Vec<Organisation> {
        vec![
            Organisation {
                name: "VästKom".into(),
                full_name: None,
                variants: vec!["Västkom".into(), "Vastkom".into(), "VGK".into()],
            },
            Organisation {
                name: "VGR".into(),
                full_name: Some("Västra Götalandsregionen".into()),
                variants: vec!["Västra Götalands regionen".into()],
            },
        ]
    }

    fn found(line: &str) -> Vec<(usize, String)> {
        let o = orgs();
        let refs: Vec<&Organisation> = o.iter().collect();
        variants_in(line, &refs)
            .into_iter()
            .map(|(start, f, _)| (start, f))
            .collect()
    }

    #[test]
    fn a_variant_ending_a_sentence_is_still_found() {
        assert_eq!(found("Det beslutade Västkom."), vec![(14, "Västkom".to_string())]);
        assert_eq!(
            found("(Västkom), Västkom:s"),
            vec![(1, "Västkom".to_string()), (12, "Västkom".to_string())]
        );
    }

    #[test]
    fn every_variant_is_found_as_a_whole_word() {
        assert_eq!(
            found("Charlotta Wilhelmsson Västkom"),
            vec![(22, "Västkom".to_string())]
        );
        assert_eq!(
            found("VÄSTKOM och Västkoms styrelse; västkom."),
            vec![
                (0, "VÄSTKOM".to_string()),
                ("VÄSTKOM och ".len(), "Västkom".to_string()),
                ("VÄSTKOM och Västkoms styrelse; ".len(), "västkom".to_string())
            ]
        );
        assert_eq!(
            found("i Västra Götalands regionen"),
            vec![(2, "Västra Götalands regionen".to_string())]
        );
    }

    #[test]
    fn canonical_names_links_and_longer_words_are_left_alone() {
        for line in [
            "VästKom och VGR, Västra Götalandsregionen",
            "se https://www.vastkom.se/vastkom eller [sidan](https://example.org/Västkom)",
            "skriv till info@vastkom.se",
            "läs mer på vastkom.se eller Vastkom.se/nyheter.",
            "Västkomsamverkan och VGRs",
        ] {
            assert_eq!(found(line), vec![], "{line}");
        }
    }
}
