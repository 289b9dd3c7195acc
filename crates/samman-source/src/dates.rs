//! Swedish dates and times inside text: events ("16 sept kl 14:00-15:30"), timeline lines
//! ("19 november 2021 – Ställningstagande i SRO"). (Dates that lack a day are found by `check`.)
//!
//! Everything works on whitespace-separated words, so odd spacing ("16  sept kl. 14.00 – 15.30") reads the
//! same as tidy text. Month words and abbreviations come from [`samman_domain::swedish::month_from_word`].

use samman_domain::swedish::month_from_word;
use samman_domain::{Date, DateTime, Event, Time, TimelineEntry};

use crate::text::{normalize_ws, strip_emphasis};

/// Words that may stand before a date without changing it ("fredag den 21 maj").
const DATE_PREFIX_WORDS: [&str; 9] = [
    "den", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag", "on",
];

/// Words that introduce a time of day.
const TIME_WORDS: [&str; 4] = ["kl", "kl.", "klockan", "at"];

/// Dashes and colons that separate "when" from "what" in a timeline line.
const SEPARATORS: [&str; 5] = ["–", "-", "—", ":", "−"];

/// A date written in Swedish ("21 maj 2021", "16 sept", "2021-05-21"); the year defaults to `year`.
pub fn parse_date(text: &str, year: i16) -> Option<Date> {
    let words = words(text);
    let start = words
        .iter()
        .take_while(|w| DATE_PREFIX_WORDS.contains(&w.to_lowercase().as_str()))
        .count();
    let found = date_at(&words, start, year)?;
    (found.end == words.len()).then_some(found.date)
}

/// An event line: a date with a time or time range, and optional words. `summary` is used when the
/// line itself has no words besides the date (e.g. the parent bullet "Remisskonferenser").
///
/// Accepted: "16 sept kl 14:00-15:30", "16 sept kl. 14.00 – 15.30", "2021-09-16 14–15",
/// "23 sept kl 14-15:30 Remisskonferens i Borås", "Remisskonferens 16 sept kl 14". A line without a time,
/// or with a date that lacks its day ("sept kl 14:00-15:30"), is not an event.
pub fn parse_event(text: &str, year: i16, summary: &str) -> Option<Event> {
    let words = words(text);
    let (index, found) = (0..words.len()).find_map(|i| date_at(&words, i, year).map(|f| (i, f)))?;
    let mut next = found.end;
    if words
        .get(next)
        .is_some_and(|w| TIME_WORDS.contains(&w.to_lowercase().as_str()))
    {
        next += 1;
    }
    // A time range may be spread over several words ("14.00 – 15.30"); a dash followed by a date ends
    // the start's time (an event over several days: "17 april 2024 kl. 13.00 – 18 april 2024 kl. 12.00").
    let mut time_text = String::new();
    let mut end_day: Option<Found> = None;
    while let Some(w) = words.get(next) {
        // "14.00–15.30:" before the event's words: the colon separates, it is no part of the time.
        let w = w.trim_end_matches([',', ':']);
        if SEPARATORS.contains(&w)
            && !time_text.is_empty()
            && let Some(day) = date_at(&words, next + 1, found.date.year())
        {
            next = day.end;
            end_day = Some(day);
            break;
        }
        if !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || ":.-–—".contains(c)) {
            time_text.push_str(w);
            next += 1;
        } else {
            break;
        }
    }
    let (start, mut end) = parse_time_range(&time_text)?;
    let mut end_date = found.date;
    if let Some(day) = end_day {
        if words
            .get(next)
            .is_some_and(|w| TIME_WORDS.contains(&w.to_lowercase().as_str()))
        {
            next += 1;
        }
        let (end_time, _) = words
            .get(next)
            .and_then(|w| parse_time_range(w.trim_end_matches([',', ':'])))?;
        next += 1;
        end = Some(end_time);
        end_date = day.date;
    }
    let before = words.get(..index).unwrap_or(&[]).join(" ");
    let after = words.get(next..).unwrap_or(&[]).join(" ");
    let own = normalize_ws(&format!("{} {}", clean_summary(&before), clean_summary(&after)));
    let summary = if own.is_empty() {
        clean_summary(summary)
    } else {
        own
    };
    let start_at: DateTime = found.date.to_datetime(start);
    let end_at = end.map(|e| end_date.to_datetime(e)).filter(|e| *e > start_at);
    Some(Event {
        start: start_at,
        end: end_at,
        summary,
    })
}

/// A timeline line: "19 november 2021 – Ställningstagande i SRO", "Juni – oktober 2021 – Dialoger".
///
/// The line is split at the last dash (or colon) whose left side is only date words (days, months,
/// years, seasons). When that side is exactly one day, `date` holds it and `when` is `None` (the label is
/// derived from the date, so it cannot disagree with it); otherwise `date` is `None` and `when` keeps the
/// words as written ("Juni – oktober 2021"). The year of a day without one defaults to `year`.
pub fn parse_timeline(text: &str, year: i16) -> Option<TimelineEntry> {
    let words = words(text);
    let mut best = None;
    for (i, w) in words.iter().enumerate() {
        let (left, right): (Vec<&str>, Vec<&str>) = if SEPARATORS.contains(w) {
            (words[..i].to_vec(), words[i + 1..].to_vec())
        } else if let Some(stem) = w.strip_suffix(':').filter(|s| !s.is_empty()) {
            let mut left = words[..i].to_vec();
            left.push(stem);
            (left, words[i + 1..].to_vec())
        } else {
            continue;
        };
        if !left.is_empty() && !right.is_empty() && is_when(&left) {
            best = Some((left, right));
        }
    }
    let (left, right) = best?;
    let text = clean_summary(&right.join(" "));
    if text.is_empty() {
        return None;
    }
    let when = left.join(" ");
    match parse_date(&when, year) {
        Some(date) => Some(TimelineEntry {
            date: Some(date),
            when: None,
            text,
        }),
        None => Some(TimelineEntry {
            date: None,
            when: Some(when),
            text,
        }),
    }
}

/// Whether `text` holds a month word without a day in front of it ("sept kl 14:00-15:30"), which
/// reads like a date whose day was lost. Used by readers to leave such a line in the content.
pub fn has_dayless_date(text: &str) -> bool {
    let words = words(text);
    words.iter().enumerate().any(|(i, w)| {
        month_word(w).is_some()
            && i.checked_sub(1)
                .and_then(|p| words.get(p))
                .is_none_or(|prev| day_number(prev).is_none())
            && words
                .get(i + 1)
                .is_some_and(|n| TIME_WORDS.contains(&n.to_lowercase().as_str()) || n.contains(':'))
    })
}

/// A time of day or a range, alone on a line: "kl 9.00–12.00", "09:00 - 12:00", "kl. 14".
pub fn parse_times(text: &str) -> Option<(Time, Option<Time>)> {
    let words = words(text);
    let start = usize::from(
        words
            .first()
            .is_some_and(|w| TIME_WORDS.contains(&w.to_lowercase().as_str())),
    );
    parse_time_range(&words.get(start..)?.concat())
}

/// A date found in a word list: the date and the index after its last word.
struct Found {
    date: Date,
    end: usize,
}

/// A date starting at word `i`: "2021-05-21", or a day, a month word and an optional year.
fn date_at(words: &[&str], i: usize, year: i16) -> Option<Found> {
    let first = words.get(i)?;
    if let Some(date) = iso_date(first.trim_end_matches([',', '.', ':'])) {
        return Some(Found { date, end: i + 1 });
    }
    let day = day_number(first)?;
    let month = month_word(words.get(i + 1)?)?;
    let (year, end) = match words.get(i + 2).and_then(|w| year_number(w)) {
        Some(y) => (y, i + 3),
        None => (year, i + 2),
    };
    let date = Date::new(year, month, day).ok()?;
    Some(Found { date, end })
}

fn iso_date(w: &str) -> Option<Date> {
    let mut parts = w.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

/// "16", "16.", "1:a" → the day of the month. (Also `check`'s recogniser: one rule for what a day is.)
pub(crate) fn day_number(w: &str) -> Option<i8> {
    let w = w
        .trim_end_matches(['.', ','])
        .trim_end_matches(":a")
        .trim_end_matches(":e");
    if w.is_empty() || w.len() > 2 || !w.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    w.parse().ok().filter(|d| (1..=31).contains(d))
}

/// "maj", "sept.", "Oktober," → the month; never a number.
pub(crate) fn month_word(w: &str) -> Option<i8> {
    let w = w.trim_end_matches([',', ':', ';']);
    // Asked of every word the checks see: most are turned away by their first letter before their chars
    // are looked up as letters.
    month_from_word(w).filter(|_| w.chars().all(|c| c.is_alphabetic() || c == '.'))
}

/// "2021", "2021," → a plausible year, 1900–2200.
pub(crate) fn year_number(w: &str) -> Option<i16> {
    let w = w.trim_end_matches([',', '.', ':', ';']);
    (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1900..=2200).contains(y))
}

/// "14:00-15:30", "14.00–15.30", "14–15", "14-15:30", "14:00" → start and optional end.
fn parse_time_range(s: &str) -> Option<(Time, Option<Time>)> {
    let s = s.trim_matches(|c| "-–—".contains(c));
    if s.is_empty() {
        return None;
    }
    let mut parts = s.split(['-', '–', '—']).filter(|p| !p.is_empty());
    let start = parse_time(parts.next()?)?;
    let end = match parts.next() {
        Some(p) => Some(parse_time(p)?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    Some((start, end))
}

fn parse_time(s: &str) -> Option<Time> {
    let s = s.trim_end_matches('.');
    let (h, m) = match s.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return None,
        None => (s, "00"),
    };
    if h.is_empty() || h.len() > 2 {
        return None;
    }
    Time::new(h.parse().ok()?, m.parse().ok()?, 0, 0).ok()
}

/// Whether every word names a time — days, month words, years, seasons, quarters, dashes and the small
/// words between them ("början av", "till") — and at least one names a period of the year.
fn is_when(words: &[&str]) -> bool {
    /// Words that name a period on their own.
    const PERIODS: [&str; 11] = [
        "våren", "hösten", "sommaren", "vintern", "vår", "höst", "sommar", "vinter", "vecka", "kvartal",
        "halvår",
    ];
    /// Words that only connect or qualify periods.
    const CONNECTORS: [&str; 13] = [
        "början", "mitten", "slutet", "av", "till", "och", "under", "senast", "från", "t.o.m.", "före",
        "efter", "inför",
    ];
    let mut names_period = false;
    for w in words {
        let lw = w.to_lowercase();
        let lw = lw.trim_end_matches(',');
        let quarter = lw.starts_with('q') && lw.len() == 2 && lw.ends_with(['1', '2', '3', '4']);
        if month_word(lw).is_some()
            || year_number(lw).is_some()
            || iso_date(lw).is_some()
            || quarter
            || PERIODS.contains(&lw)
        {
            names_period = true;
        } else if !(CONNECTORS.contains(&lw) || SEPARATORS.contains(&lw) || day_number(lw).is_some()) {
            return false;
        }
    }
    names_period
}

/// Words of a line, emphasis dropped.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .map(|w| w.trim_matches('*'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// A summary without surrounding separators, a trailing colon or emphasis.
fn clean_summary(s: &str) -> String {
    let s = normalize_ws(&strip_emphasis(s));
    s.trim_matches(|c: char| c.is_whitespace() || ",;:–—-".contains(c))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_in_several_spellings() {
        assert_eq!(parse_date("21 maj 2021", 1999), Some(date(2021, 5, 21)));
        assert_eq!(parse_date("16 sept", 2021), Some(date(2021, 9, 16)));
        assert_eq!(parse_date("16 Sept.", 2021), Some(date(2021, 9, 16)));
        assert_eq!(parse_date("2021-05-21", 1999), Some(date(2021, 5, 21)));
        assert_eq!(
            parse_date(" fredag den 21  maj 2021 ", 1999),
            Some(date(2021, 5, 21))
        );
        assert_eq!(parse_date("1 juni", 2022), Some(date(2022, 6, 1)));
        assert_eq!(parse_date("sept", 2021), None);
        assert_eq!(parse_date("31 juni 2021", 2021), None);
        assert_eq!(parse_date("21 maj 2021 Dialoger", 2021), None);
        assert_eq!(parse_date("", 2021), None);
    }

    fn at(d: Date, h: i8, m: i8) -> DateTime {
        d.at(h, m, 0, 0)
    }

    #[test]
    fn events_with_time_ranges() {
        let d = date(2021, 9, 16);
        let e = parse_event("16 sept kl 14:00-15:30", 2021, "Remisskonferenser:").expect("event");
        assert_eq!(e.start, at(d, 14, 0));
        assert_eq!(e.end, Some(at(d, 15, 30)));
        assert_eq!(e.summary, "Remisskonferenser");
        for text in [
            "16 sept kl. 14.00–15.30",
            "16 september kl 14.00 - 15.30",
            "16  sept   kl 14:00 –15:30",
            "2021-09-16 14:00-15:30",
        ] {
            let e = parse_event(text, 2021, "x").expect(text);
            assert_eq!((e.start, e.end), (at(d, 14, 0), Some(at(d, 15, 30))), "{text}");
        }
        let short = parse_event("16 sept kl 14–15", 2021, "x").expect("short");
        assert_eq!(short.end, Some(at(d, 15, 0)));
        let single = parse_event("16 sept kl 9", 2021, "x").expect("single");
        assert_eq!((single.start, single.end), (at(d, 9, 0), None));
    }

    #[test]
    fn events_with_words_of_their_own() {
        let e = parse_event(
            "23 sept kl 14-15:30 Remisskonferens i Borås",
            2021,
            "Remisskonferenser",
        )
        .expect("event");
        assert_eq!(e.start, at(date(2021, 9, 23), 14, 0));
        assert_eq!(e.end, Some(at(date(2021, 9, 23), 15, 30)));
        assert_eq!(e.summary, "Remisskonferens i Borås");
        let e = parse_event("Dialogmöte 3 mars 2022 kl 10.00", 2021, "").expect("event");
        assert_eq!(e.start, at(date(2022, 3, 3), 10, 0));
        assert_eq!(e.summary, "Dialogmöte");
    }

    #[test]
    fn lines_that_are_not_events() {
        assert_eq!(parse_event("sept kl 14:00-15:30", 2021, "x"), None);
        assert_eq!(parse_event("16 sept", 2021, "x"), None);
        assert_eq!(parse_event("Minskning fyra veckor i rad", 2021, "x"), None);
        assert_eq!(
            parse_event("19 november 2021 – Ställningstagande i SRO", 2021, "x"),
            None
        );
        assert_eq!(parse_event("16 sept kl 25:00", 2021, "x"), None);
        assert!(has_dayless_date("sept kl 14:00-15:30"));
        assert!(!has_dayless_date("16 sept kl 14:00-15:30"));
        assert!(!has_dayless_date("Fortsätter fram till september"));
    }

    #[test]
    fn times_alone() {
        let t = |h, m| Time::new(h, m, 0, 0).ok();
        assert_eq!(
            parse_times("kl 9.00–12.00"),
            Some((t(9, 0).unwrap_or_default(), t(12, 0)))
        );
        assert_eq!(
            parse_times("09:00 - 12:30"),
            Some((t(9, 0).unwrap_or_default(), t(12, 30)))
        );
        assert_eq!(parse_times("kl. 14"), Some((t(14, 0).unwrap_or_default(), None)));
        assert_eq!(parse_times("Vänersborg"), None);
    }

    #[test]
    fn timeline_lines() {
        let t = parse_timeline("19 november 2021 – Ställningstagande i SRO", 2020).expect("day");
        assert_eq!(t.date, Some(date(2021, 11, 19)));
        assert_eq!(t.when, None);
        assert_eq!(t.text, "Ställningstagande i SRO");
        let t = parse_timeline("Juni – oktober 2021 – Dialoger", 2021).expect("range");
        assert_eq!(t.date, None);
        assert_eq!(t.when.as_deref(), Some("Juni – oktober 2021"));
        assert_eq!(t.text, "Dialoger");
        let t = parse_timeline("3 feb - Beslut i styrelsen", 2022).expect("hyphen");
        assert_eq!(t.date, Some(date(2022, 2, 3)));
        let t = parse_timeline("Hösten 2022: Uppföljning – med alla kommuner", 2022).expect("colon");
        assert_eq!(t.when.as_deref(), Some("Hösten 2022"));
        assert_eq!(t.text, "Uppföljning – med alla kommuner");
        assert_eq!(parse_timeline("Reflektion: samverkan viktig", 2021), None);
        assert_eq!(parse_timeline("Tidsplan 2021", 2021), None);
        assert_eq!(parse_timeline("19 november 2021 –", 2021), None);
    }
}
