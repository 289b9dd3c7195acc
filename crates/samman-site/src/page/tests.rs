use std::path::Path as FsPath;

use samman_domain::{Date, DateTime, Meeting};

use super::*;

fn example() -> (Site, Meeting) {
    let bodies = crate::load_bodies(None).unwrap_or_else(|e| panic!("{e}"));
    let path = FsPath::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/sro-2021-05-21.md");
    let (_, _, meeting) = crate::load_meeting(&path, None, &bodies).unwrap_or_else(|e| panic!("{e}"));
    (Site::new(bodies), meeting)
}

fn date(s: &str) -> Date {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn listed(body: &str, d: &str) -> Listed {
    Listed {
        body: body.into(),
        date: date(d),
        title: format!("Sammanställning {body} {d}"),
    }
}

#[test]
fn a_meeting_page_is_the_rendition_with_the_navigation_added() {
    let (site, meeting) = example();
    let body = site.body("sro");
    let bare = samman_render::html::render(&meeting, &body, &site.options);
    let page = meeting_page(&site, &meeting, &body);
    let skip = page.find("class=\"skip\"").unwrap_or(usize::MAX);
    let nav = page.find("<div class=\"site\">").unwrap_or(usize::MAX);
    let band = page.find("<header class=\"band\">").unwrap_or(usize::MAX);
    assert!(skip < nav && nav < band, "skip {skip}, nav {nav}, band {band}");
    assert!(
        page.contains("<li><a href=\"../../\">Sammanställningar</a></li>\n<li><a href=\"../\">SRO</a></li>")
    );
    assert!(page.contains("<span aria-current=\"page\">21 maj 2021</span>"));
    // Take the additions out again and the rendition is left, byte for byte.
    let nav_html = chrome::nav(
        &site,
        Some("/sro/2021-05-21/"),
        &[
            ("SRO".into(), Some(Path::Body("sro".into()))),
            ("21 maj 2021".into(), None),
        ],
    );
    let style = format!("<style>\n{}</style>\n", chrome::NAV_CSS);
    assert_eq!(page.replacen(&nav_html, "", 1).replacen(&style, "", 1), bare);
}

#[test]
fn the_policy_allows_exactly_the_pages_stylesheets() {
    let (site, meeting) = example();
    let page = meeting_page(&site, &meeting, &site.body("sro"));
    let policy = csp(&page);
    assert_eq!(policy.matches("'sha256-").count(), 2, "{policy}");
    assert!(
        policy.starts_with("default-src 'none';") && !policy.contains("unsafe"),
        "{policy}"
    );
    assert!(
        !policy.contains("script-src"),
        "scripts fall back to default-src 'none': {policy}"
    );
    // The hash changes with the stylesheet.
    let other = page.replace("<style>\n", "<style>\n/* x */");
    assert_ne!(csp(&other), policy);
    assert!(csp("<p>ingen stil</p>").contains("style-src 'none'"));
}

#[test]
fn the_archive_groups_by_year_newest_first() {
    let (site, _) = example();
    let meetings = [
        listed("sro", "2020-02-01"),
        listed("sro", "2021-05-21"),
        listed("sro", "2020-11-03"),
        listed("annat", "2022-01-01"),
    ];
    let page = body_page(&site, &site.body("sro"), &meetings);
    let order: Vec<usize> = [
        "id=\"ar-2021\"",
        "2021-05-21/",
        "id=\"ar-2020\"",
        "2020-11-03/",
        "2020-02-01/",
    ]
    .iter()
    .map(|s| page.find(s).unwrap_or_else(|| panic!("{s} missing")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(!page.contains("2022-01-01"), "another body's meeting leaked in");
    assert!(page.contains("href=\"flode.atom\""));
    assert!(page.contains("<span aria-current=\"page\">SRO</span>"));
}

#[test]
fn the_start_page_shows_each_bodys_latest_and_the_events_to_come() {
    let (site, meeting) = example();
    let latest = [
        listed("sro", "2019-01-01"),
        listed("sro", "2021-05-21"),
        listed("sro", "2020-01-01"),
        listed("sro", "2018-01-01"),
        listed("annat", "2022-01-01"),
    ];
    let before: DateTime = "2021-05-22T00:00".parse().unwrap_or_default();
    let events = upcoming(&[&meeting], before);
    assert!(!events.is_empty(), "the example has events after its meeting");
    assert!(events.windows(2).all(|w| w[0].event.start <= w[1].event.start));
    let page = start_page(&site, &latest, &events);
    assert!(page.contains("href=\"sro/2021-05-21/\""));
    assert!(!page.contains("2018-01-01"), "only the latest three per body");
    assert!(
        page.contains("href=\"annat/\""),
        "a body outside the configuration still shows"
    );
    assert!(page.contains("href=\"sro/2021-05-21/#punkt-"));
    assert!(page.contains("href=\"kalender.ics\""));
    let after: DateTime = "2030-01-01T00:00".parse().unwrap_or_default();
    assert!(upcoming(&[&meeting], after).is_empty());
    let empty = start_page(&site, &[], &[]);
    assert!(empty.contains("Inga sammanställningar är publicerade ännu."));
    assert!(empty.contains("Inga kommande datum just nu."));
}

#[test]
fn the_site_calendar_holds_only_what_is_to_come() {
    let (site, meeting) = example();
    let before: DateTime = "2021-05-22T00:00".parse().unwrap_or_default();
    let ics = calendar(&site, &[&meeting], before);
    let count = upcoming(&[&meeting], before).len();
    assert!(
        ics.matches("BEGIN:VEVENT").count() > count,
        "the meeting plus {count} events:\n{ics}"
    );
    let after: DateTime = "2030-01-01T00:00".parse().unwrap_or_default();
    assert_eq!(
        calendar(&site, &[&meeting], after)
            .matches("BEGIN:VEVENT")
            .count(),
        0
    );
}

#[test]
fn the_404_page_is_swedish_and_links_home_from_anywhere() {
    let (site, _) = example();
    let page = not_found_page(&site);
    assert!(page.contains("<h1>Sidan finns inte</h1>"));
    assert!(page.contains("<a href=\"/\">"));
    assert!(page.contains("lang=\"sv\""));
}
