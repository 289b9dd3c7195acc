//! Swedish dates and times inside text: events ("16 sept kl 14:00-15:30"), timeline lines
//! ("19 november 2021 – Ställningstagande i SRO"). (Dates that lack a day are found by `check`.)
//!
//! OWNED BY THE IMPORT WORK (stub: signatures fixed, bodies to be written).

use samman_domain::{Date, Event, TimelineEntry};

/// A date written in Swedish ("21 maj 2021", "16 sept", "2021-05-21"); the year defaults to `year`.
pub fn parse_date(text: &str, year: i16) -> Option<Date> {
    let _ = (text, year);
    None
}

/// An event line: a date with a time or time range, and optional words. `summary` is used when the
/// line itself has no words besides the date (e.g. the parent bullet "Remisskonferenser").
pub fn parse_event(text: &str, year: i16, summary: &str) -> Option<Event> {
    let _ = (text, year, summary);
    None
}

/// A timeline line: "19 november 2021 – Ställningstagande i SRO", "Juni – oktober 2021 – Dialoger".
pub fn parse_timeline(text: &str, year: i16) -> Option<TimelineEntry> {
    let _ = (text, year);
    None
}
