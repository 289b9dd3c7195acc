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

#[test]
fn the_search_form_reads_its_fields_and_names_the_bad_one() {
    let (site, _) = example();
    let form = SearchForm::parse(&site, Some("q=+v%C3%A5rden+avtal&organ=sro&ar=2021&sida=2&x=y")).unwrap();
    assert_eq!(form.q, "vården avtal");
    assert_eq!(
        (form.organ.as_deref(), form.ar, form.sida),
        (Some("sro"), Some(2021), 2)
    );
    assert_eq!(form.offset(), PER_PAGE);
    assert_eq!(SearchForm::parse(&site, Some("organ=&ar=")).unwrap().organ, None);
    for (query, field) in [
        ("organ=okand", "organ"),
        ("ar=20x1", "ar"),
        ("ar=0", "ar"),
        ("sida=0", "sida"),
        ("sida=51", "sida"),
    ] {
        assert_eq!(
            SearchForm::parse(&site, Some(query)).unwrap_err().field,
            field,
            "{query}"
        );
    }
    let long = format!("q={}", "a".repeat(201));
    assert_eq!(SearchForm::parse(&site, Some(&long)).unwrap_err().field, "q");
}

#[test]
fn snippets_are_escaped_and_marked_and_bad_ranges_ignored() {
    let text = Marked {
        text: "Om <b>vården</b> & vård\nnära".into(),
        highlights: vec![6..13, 3..4, 20..25, 40..50],
    };
    assert_eq!(
        marked(&text),
        "Om &lt;b&gt;<mark>vården</mark>&lt;/b&gt; &amp; <mark>vård</mark> nära"
    );
    // A range inside a character is skipped rather than trusted.
    let inside = Marked {
        text: "vård".into(),
        highlights: std::iter::once(0..2).collect(),
    };
    assert_eq!(marked(&inside), "vård");
}

#[test]
fn the_search_page_shows_hits_or_suggestions() {
    let (site, _) = example();
    let form = SearchForm {
        q: "vård".into(),
        organ: Some("sro".into()),
        sida: 1,
        ..SearchForm::default()
    };
    let hit = Found {
        body: "sro".into(),
        date: date("2021-05-21"),
        number: 3,
        title: Marked {
            text: "Vårdavtalet".into(),
            highlights: vec![],
        },
        snippet: Marked {
            text: "Om vården".into(),
            highlights: std::iter::once(3..10).collect(),
        },
    };
    let outcome = Outcome::Hits {
        total: 1,
        hits: vec![hit],
        unfiltered: None,
    };
    let page = search_page(&site, &form, &outcome);
    assert!(
        page.contains("<a href=\"../sro/2021-05-21/#punkt-3\">Vårdavtalet</a>"),
        "{page}"
    );
    assert!(page.contains("<p>Om <mark>vården</mark></p>"));
    assert!(page.contains("1 träff för ”vård”"));
    assert!(page.contains("<option value=\"sro\" selected>"));
    let none = Outcome::Hits {
        total: 0,
        hits: vec![],
        unfiltered: Some(4),
    };
    let page = search_page(&site, &form, &none);
    assert!(page.contains("<h2>Inga träffar</h2>"));
    assert!(page.contains("href=\"./?q=v%C3%A5rd\">Sök utan filter"), "{page}");
    assert!(page.contains("då blir det 4 träffar"));
    let refused = Outcome::Refused(SearchForm::parse(&site, Some("ar=x")).unwrap_err());
    let page = search_page(&site, &SearchForm::default(), &refused);
    assert!(page.contains("role=\"alert\"") && page.contains("aria-invalid=\"true\""));
}
