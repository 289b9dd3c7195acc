//! Swedish date words, in the forms Swedish public bodies write them ("21 maj 2021", "kl. 14.00").
//!
//! Every date, time, interval and "when" a reader sees in any rendition is phrased here; the renditions
//! only place the words, so the page, deck, PDF, e-mail, calendar and feed cannot phrase one record
//! differently.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;

use crate::item::{Event, Position, PositionKind, Presenter};
use crate::meeting::Meeting;

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// "21 maj 2021".
pub fn date(d: Date) -> String {
    format!("{} {} {}", d.day(), MONTHS[month_index(d)], d.year())
}

/// "21 maj" (no year), for text inside a page that already names the year.
pub fn day_month(d: Date) -> String {
    format!("{} {}", d.day(), MONTHS[month_index(d)])
}

/// "14.00", the Swedish way of writing a time of day.
pub fn time(t: Time) -> String {
    format!("{:02}.{:02}", t.hour(), t.minute())
}

/// "16 september 2021 kl. 14.00–15.30": a day with a time and an optional end. An end on another day
/// is written out in full ("… kl. 14.00 – 17 september 2021 kl. 12.00"); an end that is not after the
/// start is left out (an open end reads as just the start).
pub fn when(start: DateTime, end: Option<DateTime>) -> String {
    let first = format!("{} kl. {}", date(start.date()), time(start.time()));
    match end.filter(|end| *end > start) {
        Some(end) if end.date() == start.date() => format!("{first}–{}", time(end.time())),
        Some(end) => format!("{first} – {} kl. {}", date(end.date()), time(end.time())),
        None => first,
    }
}

/// When an event happens, in the words of [`when`].
pub fn event_when(event: &Event) -> String {
    when(event.start, event.end)
}

/// When a meeting is held: "21 maj 2021 kl. 09.00–12.00", or just the date when no time is known.
pub fn meeting_when(meeting: &Meeting) -> String {
    match meeting.start {
        Some(start) => when(
            meeting.date.to_datetime(start),
            meeting.end.map(|end| meeting.date.to_datetime(end)),
        ),
        None => date(meeting.date),
    }
}

/// "2021-05-24 09:51", the form used for "Senast uppdaterad".
pub fn timestamp(dt: DateTime) -> String {
    format!("{} {:02}:{:02}", dt.date(), dt.hour(), dt.minute())
}

/// The month (1–12) a Swedish month word or common abbreviation names: "maj", "sept", "okt.", "Juni".
pub fn month_from_word(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.');
    // The checks ask this of every word of every line: most are turned away before lower-casing
    // allocates. Lower-casing never makes fewer chars, and every month starts with one of these.
    let first = w.chars().next()?;
    let initial = if first.is_ascii() {
        first.to_ascii_lowercase()
    } else {
        first.to_lowercase().next()?
    };
    if !matches!(initial, 'j' | 'f' | 'm' | 'a' | 's' | 'o' | 'n' | 'd') {
        return None;
    }
    let chars = if w.is_ascii() { w.len() } else { w.chars().count() };
    if chars > "september".len() {
        return None;
    }
    if w.is_ascii() {
        // At most nine bytes (the length test above): lower-cased on the stack.
        let mut buf = [0u8; 9];
        let lower = buf.get_mut(..w.len())?;
        lower.copy_from_slice(w.as_bytes());
        lower.make_ascii_lowercase();
        return month_from_lower(std::str::from_utf8(lower).ok()?);
    }
    month_from_lower(&w.to_lowercase())
}

/// [`month_from_word`] for a word in lower case without its full stop.
fn month_from_lower(w: &str) -> Option<i8> {
    if w.len() < 3 {
        return None;
    }
    // The abbreviations people write ("sep", "sept", "okt", "dec") are starts of the names too, and no
    // two names start with the same three letters. The first letter is compared first: most words are
    // no month.
    MONTHS
        .iter()
        .position(|m| m.bytes().next() == w.bytes().next() && m.starts_with(w))
        .map(|i| i as i8 + 1)
}

/// The time zone of every civil time in a record.
pub fn stockholm() -> TimeZone {
    // The bundled tzdb always has this zone; fall back to fixed CET only if a build lacks it.
    TimeZone::get("Europe/Stockholm").unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(1)))
}

/// RFC 3339 with the Stockholm offset of that moment: "2021-09-16T14:00:00+02:00".
pub fn rfc3339(dt: DateTime) -> String {
    match dt.to_zoned(stockholm()) {
        Ok(z) => z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        Err(_) => format!("{dt}"),
    }
}

/// The label before a position, the same in every rendition: "Ställningstagande", or with the kind in
/// parentheses — "Ställningstagande (beslut)" — when the record names a kind its sentence does not say,
/// so a reader (and samman reading a deck back) learns it.
pub fn position_label(position: &Position) -> String {
    if position.kind == PositionKind::Other || position.kind == PositionKind::infer(&position.text) {
        "Ställningstagande".to_string()
    } else {
        format!("Ställningstagande ({})", position.kind.label_sv().to_lowercase())
    }
}

/// Presenters as one Swedish phrase, the same in every rendition: "Ann-Marie Svensson, VGR och Jeanette
/// Andersson, VästKom". With three or more people of whom some carry an organisation or role, semicolons
/// keep "name, organisation" pairs apart.
pub fn presenters(presenters: &[Presenter]) -> String {
    let each: Vec<String> = presenters
        .iter()
        .map(presenter)
        .filter(|p| !p.is_empty())
        .collect();
    match each.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] if rest.len() > 1 && each.iter().any(|p| p.contains(", ")) => {
            format!("{} och {last}", rest.join("; "))
        }
        [rest @ .., last] => format!("{} och {last}", rest.join(", ")),
    }
}

/// One presenter: "Josefin Lantz, kommunikatör vårdsamverkan" or "Jan Kilhamn, VGR".
pub fn presenter(p: &Presenter) -> String {
    let mut parts = vec![p.name.trim()];
    parts.extend(p.role.as_deref().map(str::trim));
    parts.extend(p.organisation.as_deref().map(str::trim));
    parts.retain(|s| !s.is_empty());
    parts.join(", ")
}

fn month_index(d: Date) -> usize {
    (d.month() as usize).saturating_sub(1).min(11)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    #[test]
    fn dates_read_the_swedish_way() {
        assert_eq!(date(d(2021, 5, 21)), "21 maj 2021");
        assert_eq!(day_month(d(2021, 11, 19)), "19 november");
        assert_eq!(time(Time::constant(14, 0, 0, 0)), "14.00");
    }

    #[test]
    fn intervals_read_as_one_phrase() {
        let day = d(2021, 9, 16);
        let at = |h, m| day.at(h, m, 0, 0);
        assert_eq!(
            when(at(14, 0), Some(at(15, 30))),
            "16 september 2021 kl. 14.00–15.30"
        );
        assert_eq!(when(at(14, 0), None), "16 september 2021 kl. 14.00");
        assert_eq!(when(at(14, 0), Some(at(14, 0))), "16 september 2021 kl. 14.00");
        assert_eq!(
            when(at(14, 0), Some(d(2021, 9, 17).at(12, 0, 0, 0))),
            "16 september 2021 kl. 14.00 – 17 september 2021 kl. 12.00"
        );
        let mut m = Meeting::new("sro", d(2021, 5, 21));
        assert_eq!(meeting_when(&m), "21 maj 2021");
        m.start = Some(Time::constant(9, 0, 0, 0));
        assert_eq!(meeting_when(&m), "21 maj 2021 kl. 09.00");
        m.end = Some(Time::constant(12, 0, 0, 0));
        assert_eq!(meeting_when(&m), "21 maj 2021 kl. 09.00–12.00");
    }

    #[test]
    fn month_words_and_abbreviations() {
        assert_eq!(month_from_word("sept"), Some(9));
        assert_eq!(month_from_word("Sep."), Some(9));
        assert_eq!(month_from_word("maj"), Some(5));
        assert_eq!(month_from_word("juni"), Some(6));
        assert_eq!(month_from_word("okt"), Some(10));
        assert_eq!(month_from_word("november"), Some(11));
        assert_eq!(month_from_word("ju"), None);
        assert_eq!(month_from_word("kl"), None);
    }

    #[test]
    fn month_words_read_as_lower_casing_them_whole_did() {
        // The definition before the fast paths: lower-case the whole word, then compare.
        fn reference(word: &str) -> Option<i8> {
            let w = word.trim_end_matches('.').to_lowercase();
            if w.len() < 3 {
                return None;
            }
            let abbreviations = [("sept", 9), ("sep", 9), ("okt", 10), ("dec", 12)];
            if let Some((_, m)) = abbreviations.iter().find(|(a, _)| *a == w) {
                return Some(*m);
            }
            MONTHS.iter().position(|m| m.starts_with(&w)).map(|i| i as i8 + 1)
        }
        let mut words: Vec<String> = [
            "Sept.",
            "OKT",
            "\u{212A}",
            "o\u{212A}t",
            "sammanträde",
            "Mars",
            "maj.",
            "m",
            "dec..",
            "Å",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        for month in MONTHS {
            for end in 1..=month.len() {
                let prefix = &month[..end];
                words.push(prefix.to_string());
                words.push(prefix.to_uppercase());
                words.push(format!("{prefix}."));
                words.push(format!("{prefix}x"));
            }
        }
        for word in &words {
            assert_eq!(month_from_word(word), reference(word), "{word}");
        }
    }

    #[test]
    fn presenters_read_as_one_phrase() {
        let a = Presenter::person("Ann-Marie Svensson", Some("VGR"));
        let b = Presenter::person("Jeanette Andersson", Some("VästKom"));
        let c = Presenter {
            name: "Josefin Lantz".into(),
            organisation: None,
            role: Some("kommunikatör vårdsamverkan".into()),
        };
        assert_eq!(presenters(&[]), "");
        assert_eq!(
            presenters(std::slice::from_ref(&c)),
            "Josefin Lantz, kommunikatör vårdsamverkan"
        );
        assert_eq!(
            presenters(&[a.clone(), b.clone()]),
            "Ann-Marie Svensson, VGR och Jeanette Andersson, VästKom"
        );
        assert_eq!(
            presenters(&[a, b, c]),
            "Ann-Marie Svensson, VGR; Jeanette Andersson, VästKom och Josefin Lantz, kommunikatör vårdsamverkan"
        );
        let plain = [
            Presenter::person("Anna", None),
            Presenter::person("Bo", None),
            Presenter::person("Cia", None),
        ];
        assert_eq!(presenters(&plain), "Anna, Bo och Cia");
    }

    #[test]
    fn offsets_follow_summer_time() {
        assert_eq!(
            rfc3339(d(2021, 9, 16).at(14, 0, 0, 0)),
            "2021-09-16T14:00:00+02:00"
        );
        assert_eq!(
            rfc3339(d(2021, 12, 1).at(9, 0, 0, 0)),
            "2021-12-01T09:00:00+01:00"
        );
    }
}
