//! Dates: the title's date against the meeting date (`title-date-mismatch`), and dates that name a month
//! but no day (`incomplete-date`).

use samman_domain::{Date, swedish};

use super::Problem;
use super::scan::{self, Word, between, content_start, pos, time_at, words, words_into};
use crate::document::Document;
use crate::located::Pos;

pub(super) fn check(document: &Document, lines: &[&str], problems: &mut Vec<Problem>) {
    if let Some(date) = document.header.date.as_ref().map(|d| d.value) {
        if let Some(title) = &document.header.title {
            let line = line_of(lines, title.pos.line);
            if let Some(p) = title_problem(&title.value, date, title.pos, line, true) {
                problems.push(p);
            }
        }
        // The agenda heading ("Agenda SRO 21 maj 2021") is read as a title too, but a missing year is
        // normal there.
        if let Some(agenda) = &document.agenda {
            let line = line_of(lines, agenda.pos.line);
            if let Some(p) = title_problem(line, date, agenda.pos, line, false) {
                problems.push(p);
            }
        }
    }
    let mut words = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        incomplete_dates(lines, i, line, &mut words, problems);
    }
}

fn line_of<'a>(lines: &[&'a str], line_no: usize) -> &'a str {
    line_no
        .checked_sub(1)
        .and_then(|i| lines.get(i))
        .copied()
        .unwrap_or("")
}

/// What a title says about a date.
#[derive(Debug, Default)]
struct Said {
    days: Vec<i8>,
    months: Vec<i8>,
    years: Vec<i16>,
    /// Byte range in the title covering every date word.
    span: Option<(usize, usize)>,
}

fn read_title_date(title: &str) -> Said {
    let words = words(title);
    let mut said = Said::default();
    let cover = |w: &Word<'_>, said: &mut Said| {
        said.span = Some(match said.span {
            None => (w.start, w.end),
            Some((s, e)) => (s.min(w.start), e.max(w.end)),
        });
    };
    for (i, w) in words.iter().enumerate() {
        // ISO dates: 2021-05-21.
        if let (Some(year), Some(m), Some(d)) = (w.year(), words.get(i + 1), words.get(i + 2)) {
            let dashes = between(title, w.end, m.start) == "-" && between(title, m.end, d.start) == "-";
            if dashes
                && m.text.len() == 2
                && d.text.len() == 2
                && let (Some(month), Some(day)) = (m.number(), d.day())
            {
                said.years.push(year);
                said.months.push(i8::try_from(month).unwrap_or(0));
                said.days.push(day);
                cover(w, &mut said);
                cover(d, &mut said);
                continue;
            }
        }
        if let Some(month) = w.month() {
            said.months.push(month);
            cover(w, &mut said);
            if let Some(day) = i
                .checked_sub(1)
                .and_then(|j| words.get(j))
                .filter(|d| d.day().is_some())
            {
                said.days.extend(day.day());
                cover(day, &mut said);
            }
        } else if let Some(year) = w.year() {
            // A year counts only right after a month word ("maj 2021"): alone it is as likely the year a
            // matter concerns ("Budget 2022") as the meeting's.
            let after_month = i
                .checked_sub(1)
                .and_then(|j| words.get(j))
                .is_some_and(|p| p.month().is_some());
            if after_month {
                said.years.push(year);
                cover(w, &mut said);
            }
        }
    }
    said
}

/// The problem with a title's date, if any. `want_year` makes a title without a year a warning.
fn title_problem(title: &str, date: Date, at: Pos, line: &str, want_year: bool) -> Option<Problem> {
    let said = read_title_date(title);
    let (s, e) = said.span?;
    let phrase = title.get(s..e).unwrap_or(title);
    // Point at the date words in the file when the title is on that line as written.
    let where_ = line.find(phrase).map_or(at, |offset| pos(at.line, line, offset));
    let wrong = said.days.iter().any(|d| *d != date.day())
        || said.months.iter().any(|m| *m != date.month())
        || said.years.iter().any(|y| *y != date.year());
    let meeting = swedish::date(date);
    if wrong {
        return Some(Problem::new(
            where_,
            "title-date-mismatch",
            format!("titeln säger \"{phrase}\" men mötet är {meeting}"),
        ));
    }
    if said.months.is_empty() {
        return None;
    }
    let missing = match (said.days.is_empty(), said.years.is_empty() && want_year) {
        (true, true) => "dag och år",
        (true, false) => "dag",
        (false, true) => "år",
        (false, false) => return None,
    };
    // Not wrong, only incomplete: the rest of the date comes from elsewhere (a page's publication line,
    // the front matter).
    Some(Problem::new(
        where_,
        "title-date-incomplete",
        format!("titeln säger \"{phrase}\" utan {missing}; mötet är {meeting}"),
    ))
}

/// Month words with no day before them that stand where a date belongs: followed by a time
/// ("sept kl 14:00") or as an entry in a list of dates.
/// `words` is a buffer for the line's words, kept from line to line.
fn incomplete_dates<'a>(
    lines: &[&'a str],
    index: usize,
    line: &'a str,
    words: &mut Vec<Word<'a>>,
    problems: &mut Vec<Problem>,
) {
    words_into(line, words);
    for (i, w) in words.iter().enumerate() {
        if w.month().is_none() || has_day_before(line, words, i) {
            continue;
        }
        let end = timed_end(line, words, i).or_else(|| dated_list_entry(lines, index, line, w));
        if let Some(end) = end {
            let phrase = between(line, w.start, end).trim();
            problems.push(Problem::new(
                pos(index + 1, line, w.start),
                "incomplete-date",
                format!("datumet \"{phrase}\" saknar dag i månaden"),
            ));
        }
    }
}

/// Whether word `i` (a month) has a day before it: "16 sept", "1:a maj", "16–17 sept".
fn has_day_before(line: &str, words: &[Word<'_>], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|j| words.get(j)) else {
        return false;
    };
    if prev.day().is_some() {
        return true;
    }
    // "1:a maj", "2:e juni".
    matches!(prev.text, "a" | "e")
        && i.checked_sub(2)
            .and_then(|j| words.get(j))
            .is_some_and(|d| d.day().is_some() && between(line, d.end, prev.start) == ":")
}

/// When the month at `i` is followed by a time ("sept kl 14:00-15:30", "sept 2021, 14.00"): the byte
/// offset where the date and time end.
fn timed_end(line: &str, words: &[Word<'_>], i: usize) -> Option<usize> {
    let mut j = i + 1;
    if words.get(j).is_some_and(|w| w.year().is_some()) {
        j += 1;
    }
    let gap_ok = |from: &Word<'_>, to: &Word<'_>| {
        let gap = between(line, from.end, to.start);
        gap.chars().all(|c| c.is_whitespace() || c == ',')
    };
    let before = words.get(j - 1)?;
    let next = words.get(j)?;
    if !gap_ok(before, next) {
        return None;
    }
    if next.text.eq_ignore_ascii_case("kl") {
        j += 1;
    } else if !time_at(line, words, j) {
        return None;
    }
    let mut end = words.get(j.saturating_sub(1))?.end;
    if line.get(end..).is_some_and(|r| r.starts_with('.')) && !time_at(line, words, j) {
        end += 1; // "kl."
    }
    // The time itself: "14:00", or a bare hour after "kl" ("kl 13"); then perhaps a range ("-15:30").
    let time_len = |k: usize| -> Option<usize> {
        if time_at(line, words, k) {
            Some(2)
        } else {
            words
                .get(k)
                .filter(|w| w.day().is_some() && w.text.len() <= 2)
                .map(|_| 1)
        }
    };
    if let Some(len) = time_len(j) {
        end = words.get(j + len - 1)?.end;
        let after = j + len;
        let dash = words
            .get(after)
            .map(|w| between(line, end, w.start).trim())
            .is_some_and(|g| matches!(g, "-" | "–" | "—"));
        if dash && let Some(len2) = time_len(after) {
            end = words.get(after + len2 - 1).map_or(end, |w| w.end);
        }
    }
    Some(end)
}

/// When the month word starts a list entry and a neighbouring entry starts with a full date
/// ("- 16 sept …" above "- sept …"): the end of the line's text.
fn dated_list_entry(lines: &[&str], index: usize, line: &str, w: &Word<'_>) -> Option<usize> {
    let (start, list) = content_start(line);
    if !list || w.start != start {
        return None;
    }
    // Only the month (and perhaps a year) in the entry: "- Maj Persson" is a name, not a date.
    let rest = scan::words(line.get(w.end..).unwrap_or(""));
    if !(rest.is_empty() || (rest.len() == 1 && rest.first().is_some_and(|y| y.year().is_some()))) {
        return None;
    }
    let starts_with_date = |other: &str| {
        let (s, list) = content_start(other);
        let rest = other.get(s..).unwrap_or("");
        let ws = scan::words(rest);
        list && ws.first().is_some_and(|d| d.day().is_some())
            && ws.get(1).is_some_and(|m| m.month().is_some())
    };
    let neighbour = |step: isize| {
        let mut k = index as isize + step;
        while let Some(other) = usize::try_from(k).ok().and_then(|k| lines.get(k)) {
            if !other.trim().is_empty() {
                return starts_with_date(other);
            }
            k += step;
        }
        false
    };
    (neighbour(-1) || neighbour(1)).then(|| line.trim_end().len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn incomplete(text: &str) -> Vec<(usize, usize, String)> {
        let lines: Vec<&str> = text.split('\n').collect();
        let (mut words, mut problems) = (Vec::new(), Vec::new());
        for (i, line) in lines.iter().enumerate() {
            incomplete_dates(&lines, i, line, &mut words, &mut problems);
        }
        problems
            .into_iter()
            .map(|p| (p.pos.line, p.pos.column, p.message))
            .collect()
    }

    #[test]
    fn a_month_with_a_time_but_no_day_is_flagged_at_its_column() {
        let found = incomplete("- Konferenser:\n  - 16 sept kl 14:00-15:30\n  - sept kl 14:00-15:30");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (3, 5));
        assert!(found[0].2.contains("\"sept kl 14:00-15:30\""), "{}", found[0].2);
        let found = incomplete(" • 7 feb kl 9-10\n • feb kl 13-14");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].2.contains("\"feb kl 13-14\""), "{}", found[0].2);
        let found = incomplete("Träff i mars kl. 10.");
        assert!(found[0].2.contains("\"mars kl. 10\""), "{}", found[0].2);
        let found = incomplete("Mötet hålls i oktober 2021, 9.30 i Vänersborg.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].2.contains("\"oktober 2021, 9.30\""), "{}", found[0].2);
    }

    #[test]
    fn a_bare_month_in_a_list_of_dates_is_flagged() {
        let found = incomplete(" • 3 mars\n • april\n");
        assert_eq!(
            found,
            vec![(2, 4, "datumet \"april\" saknar dag i månaden".to_string())]
        );
    }

    #[test]
    fn months_in_running_text_and_names_are_not_dates_without_days() {
        for text in [
            "I september beslutar SRO om avtalet.",
            "SRO september: Remiss hälso- och sjukvårdsavtalet",
            "Föredragande: Jan Kilhamn VGR",
            "Juni – oktober 2021 – Dialoger",
            "19 november 2021 – Ställningstagande i SRO",
            "- 16 sept kl 14:00-15:30",
            "den 1:a maj kl 10.00",
            "16–17 sept kl 9:00",
            "- Maj Persson\n- 3 mars",
            "Tidplan: maj–juni",
        ] {
            assert_eq!(incomplete(text), vec![], "{text}");
        }
    }

    #[test]
    fn title_dates() {
        let d = date(2021, 5, 21);
        let at = Pos::new(5, 1);
        let t = "Sammanställning från SRO 21 maj april";
        let p = title_problem(t, d, at, t, true).expect("mismatch");
        assert_eq!(
            p.message,
            "titeln säger \"21 maj april\" men mötet är 21 maj 2021"
        );
        assert_eq!((p.pos.column, p.severity), (26, super::super::Severity::Error));
        let t = "Sammanställning från SRO 21 maj";
        let p = title_problem(t, d, at, t, true).expect("no year");
        assert_eq!(p.severity, super::super::Severity::Warning);
        assert!(title_problem(t, d, at, t, false).is_none());
        for ok in [
            "Sammanställning från SRO 21 maj 2021",
            "Sammanställning från SRO",
            "SRO 2021-05-21",
            "SRO om budget 2022",
            "Sammanställning från SRO 21 maj 2021 om planen 2022–2023",
        ] {
            assert!(title_problem(ok, d, at, ok, true).is_none(), "{ok}");
        }
        for wrong in [
            "SRO 22 maj 2021",
            "SRO 21 maj 2020",
            "SRO 2021-05-20",
            "Sammanställning SRO 21 juni",
        ] {
            let p = title_problem(wrong, d, at, wrong, true).expect(wrong);
            assert_eq!(p.code, "title-date-mismatch");
            assert_eq!(p.severity, super::super::Severity::Error, "{wrong}");
        }
    }
}
