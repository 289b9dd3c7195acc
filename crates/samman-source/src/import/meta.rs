//! Meeting-level facts found in titles and headings: the meeting date inside a line of words, and the
//! body a title names ("Sammanställning från SRO 21 maj 2021", a title slide's full body name).

use samman_domain::swedish::month_from_word;
use samman_domain::{Bodies, Date};

use crate::dates::parse_date;
use crate::text::{normalize_ws, strip_emphasis};

/// A date found inside a line: the date, where its first word starts (byte offset), and whether the
/// year was written (a date without one took `default_year`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateIn {
    pub date: Date,
    pub offset: usize,
    pub has_year: bool,
}

/// The first date in `line`: "2021-05-21", "21 maj 2021", or "21 maj" with `default_year`.
pub(crate) fn find_date(line: &str, default_year: Option<i16>) -> Option<DateIn> {
    let words = word_spans(line);
    for (i, (offset, word)) in words.iter().enumerate() {
        let word = word.trim_matches(|c: char| ",.:;()".contains(c));
        if let Some(date) = parse_date(word, 2000).filter(|_| word.contains('-')) {
            return Some(DateIn {
                date,
                offset: *offset,
                has_year: true,
            });
        }
        let Some((_, month)) = words.get(i + 1) else {
            continue;
        };
        if month_from_word(month.trim_end_matches([',', ':'])).is_none() {
            continue;
        }
        // "31 mars 2023)." ends a parenthesis and a sentence: the year is the digits.
        if let Some((_, year)) = words.get(i + 2)
            && let year = year.trim_end_matches([',', '.', ':', ';', ')'])
            && let Some(date) = parse_date(&format!("{word} {month} {year}"), 2000)
            && year.len() == 4
        {
            return Some(DateIn {
                date,
                offset: *offset,
                has_year: true,
            });
        }
        if let Some(year) = default_year
            && let Some(date) = parse_date(&format!("{word} {month}"), year)
        {
            return Some(DateIn {
                date,
                offset: *offset,
                has_year: false,
            });
        }
    }
    None
}

/// The body a title or title slide names: a configured body's id when its name, short name or id is
/// there; otherwise the name as written (the words between "Sammanställning från" and the date), when
/// the title has such a prefix.
pub(crate) fn body_from_title(text: &str, bodies: &Bodies) -> Option<String> {
    let text = normalize_ws(&strip_emphasis(text));
    let lower = text.to_lowercase();
    let start = [
        "sammanställning från:",
        "sammanställning från",
        "summary from",
        "minnesanteckningar från",
        "anteckningar från",
        "sammanfattning från",
        "från mötet i",
        "mötet i",
        "möte i",
        "mötet med",
        "möte med",
    ]
    .iter()
    .find_map(|p| lower.starts_with(p).then_some(p.len()));
    let prefixed = start.is_some();
    let start = start.unwrap_or(0);
    let rest = text.get(start..).unwrap_or("").trim();
    let end = find_date(rest, Some(2000)).map_or(rest.len(), |d| d.offset);
    let named = rest
        .get(..end)
        .unwrap_or("")
        .trim()
        .trim_end_matches([',', ':', '–', '-'])
        .trim();
    // "Summary from the Regional Health Board": the article is not part of the name.
    let named = named.strip_prefix("the ").unwrap_or(named);
    if let Some(body) = bodies.find_by_name(named) {
        return Some(body.id.clone());
    }
    // A known body named anywhere in the text, by its full name first, then its short name as a word.
    let folded = lower.as_str();
    if let Some(body) = bodies
        .bodies
        .iter()
        .find(|b| folded.contains(&b.name.to_lowercase()))
    {
        return Some(body.id.clone());
    }
    for word in text.split(|c: char| !c.is_alphanumeric() && c != '-') {
        if word.len() >= 2
            && let Some(body) = bodies.find_by_name(word)
        {
            return Some(body.id.clone());
        }
    }
    // An unconfigured body's name is only taken from a title that says whose summary it is.
    (prefixed && !named.is_empty()).then(|| named.to_string())
}

/// Words with their byte offsets.
fn word_spans(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &line[s..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn bodies() -> Bodies {
        Bodies::from_toml(
            "[[body]]\nid = \"sro\"\nshort_name = \"SRO\"\n\
             name = \"Politiskt samrådsorgan mellan VästKom och Västra Götalandsregionen\"\n",
        )
        .unwrap_or_default()
    }

    #[test]
    fn dates_inside_lines() {
        let d = find_date("Agenda SRO 21 maj 2021", None).expect("date");
        assert_eq!((d.date, d.offset, d.has_year), (date(2021, 5, 21), 11, true));
        let d = find_date("2021-05-21 Sammanställning från SRO, PowerPoint", None).expect("iso");
        assert_eq!(d.date, date(2021, 5, 21));
        assert_eq!(find_date("Sammanställning från SRO 21 maj april", None), None);
        let d = find_date("Sammanställning från SRO 21 maj april", Some(2021)).expect("default year");
        assert_eq!((d.date, d.has_year), (date(2021, 5, 21), false));
    }

    #[test]
    fn bodies_named_in_titles() {
        let b = bodies();
        assert_eq!(
            body_from_title("Sammanställning från SRO 21 maj april", &b).as_deref(),
            Some("sro")
        );
        assert_eq!(
            body_from_title(
                "Sammanställning från: Politiskt Samrådsorgan mellan VästKom och Västra Götalandsregionen",
                &b
            )
            .as_deref(),
            Some("sro")
        );
        assert_eq!(
            body_from_title("Sammanställning från Vårdsamverkan Fyrbodal 3 mars 2022", &b).as_deref(),
            Some("Vårdsamverkan Fyrbodal")
        );
        assert_eq!(
            body_from_title("Möte i Närvårdssamverkan Södra Älvsborg", &b).as_deref(),
            Some("Närvårdssamverkan Södra Älvsborg")
        );
        assert_eq!(body_from_title("Budget 2022", &b), None);
    }
}
