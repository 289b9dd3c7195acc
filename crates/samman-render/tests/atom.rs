//! Snapshot and behaviour tests of the Atom feed.

mod web_fixtures;

use samman_render::{Options, atom};

#[test]
fn every_fixture_feed_snapshot() {
    for (name, meeting, body) in web_fixtures::all() {
        let feed = atom::render(&[&meeting], &body, &Options::default());
        insta::assert_snapshot!(format!("atom_{name}"), feed);
    }
}

#[test]
fn feed_is_newest_first_and_links_every_rendition() {
    let body = web_fixtures::sro_body();
    let (a, b, c) = (
        web_fixtures::sro(),
        web_fixtures::forty_bullets(),
        web_fixtures::many_presenters(),
    );
    let feed = atom::render(&[&a, &b, &c], &body, &Options::default());
    insta::assert_snapshot!("atom_sro_three_meetings", feed);
    let pos = |s: &str| feed.find(s).unwrap_or(usize::MAX);
    assert!(pos("sro/2022-03-18") < pos("sro/2021-11-19") && pos("sro/2021-11-19") < pos("sro/2021-05-21"));
    assert!(
        feed.contains("<updated>2022-03-18T14:00:00Z</updated>\n  <author>"),
        "feed updated = newest"
    );
    assert!(feed.contains("<id>tag:samman.example.org,2021:sro/2021-05-21</id>"));
    assert!(feed.contains(
        "<link rel=\"enclosure\" type=\"application/pdf\" title=\"Sammanställning (PDF)\" \
         href=\"https://samman.example.org/sro/2021-05-21/sammanstallning.pdf\"/>"
    ));
}

#[test]
fn hostile_content_stays_inside_its_element() {
    let feed = atom::render(
        &[&web_fixtures::hostile()],
        &web_fixtures::sro_body(),
        &Options::default(),
    );
    assert!(!feed.contains("<script"));
    assert!(!feed.contains("]]>"));
    assert!(!feed.contains("javascript:"));
    assert!(!feed.chars().any(|c| c.is_control() && c != '\n'));
    assert_eq!(feed.matches("<entry>").count(), 1);
}

#[test]
fn without_any_base_url_entries_have_no_links_and_ids_stay_stable() {
    let body = samman_domain::Body::named("x", "X", "Ett organ utan webbplats");
    let feed = atom::render(&[&web_fixtures::sro()], &body, &Options::default());
    assert!(!feed.contains("<link"));
    assert!(feed.contains("<id>tag:samman.invalid,2021:x/2021-05-21</id>"));
    let none = atom::render(&[], &body, &Options::default());
    assert!(none.contains("<updated>1970-01-01T00:00:00Z</updated>"));
    assert!(!none.contains("<entry>"));
}
