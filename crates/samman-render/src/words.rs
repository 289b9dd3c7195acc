//! Swedish phrases the web renditions share: event times, endorsed points. (Presenters: `swedish::presenters`.)

use samman_domain::{Event, swedish};

/// "16 september 2021 kl. 14.00–15.30" (end on another day: "… – 17 september 2021 kl. 12.00").
pub fn event_when(e: &Event) -> String {
    let start = format!(
        "{} kl. {}",
        swedish::date(e.start.date()),
        swedish::time(e.start.time())
    );
    match e.end {
        Some(end) if end.date() == e.start.date() => format!("{start}–{}", swedish::time(end.time())),
        Some(end) => format!(
            "{start} – {} kl. {}",
            swedish::date(end.date()),
            swedish::time(end.time())
        ),
        None => start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use samman_domain::Date;

    #[test]
    fn event_times_are_swedish() {
        let d = Date::constant(2021, 9, 16);
        let e = Event {
            start: d.at(14, 0, 0, 0),
            end: Some(d.at(15, 30, 0, 0)),
            summary: "Remisskonferens".into(),
        };
        assert_eq!(event_when(&e), "16 september 2021 kl. 14.00–15.30");
    }
}
