//! Snapshot and behaviour tests of the iCalendar rendition.

mod web_fixtures;

use samman_render::{Options, ics};

#[test]
fn every_fixture_calendar_snapshot() {
    for (name, meeting, body) in web_fixtures::all() {
        let cal = ics::render(&[(&meeting, &body)], &Options::default());
        insta::assert_snapshot!(format!("ics_{name}"), cal.replace("\r\n", "␍\n"));
    }
}

#[test]
fn sro_calendar_holds_the_meeting_and_the_three_conferences() {
    let (m, b) = (web_fixtures::sro(), web_fixtures::sro_body());
    let cal = ics::render(&[(&m, &b)], &Options::default());
    assert_eq!(
        cal,
        ics::render(&[(&m, &b)], &Options::default()),
        "deterministic"
    );
    assert!(cal.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    assert!(cal.ends_with("END:VCALENDAR\r\n"));
    assert!(!cal.replace("\r\n", "").contains('\n'), "bare LF");
    for needle in [
        "BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm",
        "UID:sro-2021-05-21@samman.example.org",
        "DTSTART;VALUE=DATE:20210521\r\nDTEND;VALUE=DATE:20210522",
        "DTSTAMP:20210524T075100Z",
        "UID:sro-2021-05-21-punkt-3-handelse-3@samman.example.org",
        "DTSTART;TZID=Europe/Stockholm:20210929T140000\r\nDTEND;TZID=Europe/Stockholm:20210929T153000",
        "URL:https://samman.example.org/sro/2021-05-21/#punkt-3",
        "DTSTART;VALUE=DATE:20211119",
    ] {
        assert!(cal.contains(needle), "missing {needle}");
    }
    assert_eq!(cal.matches("BEGIN:VEVENT").count(), 5);
    for line in cal.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
}

#[test]
fn options_base_url_overrides_the_body() {
    let (m, b) = (web_fixtures::sro(), web_fixtures::sro_body());
    let options = Options {
        base_url: Some("https://moten.example.se/".into()),
        ..Options::default()
    };
    let cal = ics::render(&[(&m, &b)], &options);
    assert!(cal.contains("URL:https://moten.example.se/2021-05-21/\r\n"));
    assert!(cal.contains("UID:sro-2021-05-21@moten.example.se"));
}

#[test]
fn hostile_text_is_escaped_and_cannot_add_properties() {
    let (m, b) = (web_fixtures::hostile(), web_fixtures::sro_body());
    let cal = ics::render(&[(&m, &b)], &Options::default());
    let unfolded = cal.replace("\r\n ", "");
    assert!(unfolded.contains("SUMMARY:Möte\\; med\\, tecken\\\\ och\\nradbrytning <script>"));
    assert!(!unfolded.chars().any(|c| c.is_control() && c != '\r' && c != '\n'));
    // Every unfolded line is a property, a BEGIN or an END: no injected line from the summary.
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let name = line.split([':', ';']).next().unwrap_or("");
        assert!(
            name.chars().all(|c| c.is_ascii_uppercase() || c == '-'),
            "odd line: {line}"
        );
    }
}

#[test]
fn a_meeting_given_twice_appears_once() {
    let (m, b) = (web_fixtures::sro(), web_fixtures::sro_body());
    let cal = ics::render(&[(&m, &b), (&m, &b)], &Options::default());
    assert_eq!(cal.matches("UID:sro-2021-05-21@").count(), 1);
}

#[test]
fn without_any_base_url_there_are_no_urls_but_a_valid_calendar() {
    let body = samman_domain::Body::named("x y", "XY", "Ett organ utan webbplats");
    let m = web_fixtures::sro();
    let cal = ics::render(&[(&m, &body)], &Options::default());
    assert!(!cal.contains("URL:"));
    assert!(cal.contains("UID:x-y-2021-05-21@samman.invalid"));
    assert_eq!(
        cal.matches("BEGIN:VEVENT").count(),
        cal.matches("END:VEVENT").count()
    );
}
