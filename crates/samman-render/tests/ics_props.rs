//! Property tests: any text survives the calendar's escaping and folding, and the page's escaping.

use proptest::prelude::*;
use samman_domain::{Body, Date, Event, Item, Meeting};
use samman_render::{Options, escape, html, ics};

/// Undoes RFC 5545 folding and TEXT escaping of one property's value.
fn unfold_value(cal: &str, name: &str) -> Option<String> {
    let unfolded = cal.replace("\r\n ", "");
    // The last one: the event comes after the meeting.
    let line = unfolded.split("\r\n").filter(|l| l.starts_with(name)).last()?;
    let raw = line.strip_prefix(name)?;
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

fn meeting_with(summary: &str) -> Meeting {
    let mut m = Meeting::new("sro", Date::constant(2021, 5, 21));
    let mut item = Item::titled("Punkt");
    item.events.push(Event {
        start: Date::constant(2021, 9, 16).at(14, 0, 0, 0),
        end: None,
        summary: summary.to_string(),
    });
    m.items.push(item);
    m
}

proptest! {
    #[test]
    fn any_summary_round_trips_through_escaping_and_folding(summary in "[\\PC\\r\\n\\t\\x00-\\x1f;,\\\\]{0,300}") {
        let body = Body::named("sro", "SRO", "Samrådsorgan");
        let cal = ics::render(&[(&meeting_with(&summary), &body)], &Options::default());
        for line in cal.split("\r\n") {
            prop_assert!(line.len() <= 75, "{} octets", line.len());
        }
        prop_assert!(!cal.replace("\r\n", "").contains(['\r', '\n']));
        let expected: String = summary.replace("\r\n", "\n").replace('\r', "\n").chars()
            .filter(|c| *c == '\n' || !escape::is_forbidden(*c)).collect();
        prop_assert_eq!(unfold_value(&cal, "SUMMARY:"), Some(expected));
    }

    #[test]
    fn any_title_is_inert_on_the_page(title in "[<>&\"' a-zåäö\\u{0}-\\u{1f}]{0,80}") {
        let mut m = meeting_with("x");
        m.title = Some(title.clone());
        let page = html::render(&m, &Body::named("sro", "SRO", "Samrådsorgan"), &Options::default());
        let h1 = page.split("<h1>").nth(1).and_then(|s| s.split("</h1>").next()).unwrap_or("<missing>");
        prop_assert!(!h1.contains(['<', '>', '"', '\'']), "{}", h1);
        prop_assert_eq!(h1, escape::html(&title));
    }
}
