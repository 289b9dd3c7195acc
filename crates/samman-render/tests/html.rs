//! Snapshot and property tests of the web page.

mod web_fixtures;

use samman_render::{Options, html};

#[test]
fn every_fixture_page_snapshot() {
    for (name, meeting, body) in web_fixtures::all() {
        let page = html::render(&meeting, &body, &Options::default());
        insta::assert_snapshot!(format!("html_{name}"), page);
    }
}

#[test]
fn page_is_deterministic_and_self_contained() {
    let (m, b) = (web_fixtures::sro(), web_fixtures::sro_body());
    let page = html::render(&m, &b, &Options::default());
    assert_eq!(page, html::render(&m, &b, &Options::default()));
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"));
    // The only <link> is the feed's address for discovery: nothing is fetched.
    assert_eq!(page.matches("<link").count(), 1);
    assert!(page.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"SRO: sammanställningar\" href=\"../flode.atom\">"));
    for forbidden in ["<script", "<img", "<iframe", "http://", "@import", "url("] {
        assert!(!page.contains(forbidden), "page contains {forbidden}");
    }
    // Absolute addresses only as links the reader may follow (the record's own content links).
    assert_eq!(
        page.matches("https://").count(),
        page.matches("<a href=\"https://").count()
    );
}

#[test]
fn sro_page_has_what_readers_need() {
    let page = html::render(
        &web_fixtures::sro(),
        &web_fixtures::sro_body(),
        &Options::default(),
    );
    for needle in [
        "<title>Sammanställning från SRO 21 maj 2021</title>",
        "<a class=\"skip\" href=\"#innehall\">",
        "<main id=\"innehall\"",
        "<li><a href=\"#punkt-4\">Lägesrapport samverkansfrågor Covid-19</a></li>",
        "<section class=\"item\" id=\"punkt-4\"",
        "<strong>Föredragande:</strong> Ann-Marie Svensson, VGR och Jeanette Andersson, VästKom",
        "<strong>Föredragande:</strong> Josefin Lantz, kommunikatör vårdsamverkan",
        "<span class=\"label\">Ställningstagande:</span> SRO ställer sig bakom",
        "<li>att VästKom rekvirerar satsningens medel från SKR</li>",
        "<h3 id=\"punkt-1-bilder\">Bilder till punkten</h3>\n<details>\n<summary>Slutsatser CHI (sammanfattning)</summary>",
        "<time datetime=\"2021-09-29T14:00:00+02:00\">29 september 2021 kl. 14.00–15.30</time>",
        "<a href=\"kalender.ics\">Lägg till i kalender</a>",
        "<dt><time datetime=\"2021-11-19\">19 november 2021</time></dt><dd>SRO tar ställning</dd>",
        "Senast uppdaterad: <time datetime=\"2021-05-24T09:51:00+02:00\">2021-05-24 09:51</time>",
        "Prenumerera på Nyhetsbrev Nära vård",
        "overflow-wrap:anywhere",
        "@media print",
    ] {
        assert!(page.contains(needle), "missing {needle}");
    }
    // Exactly one h1, and items are h2.
    assert_eq!(page.matches("<h1").count(), 1);
    assert_eq!(page.matches("<h2 id=\"punkt-").count(), 5);
}

#[test]
fn minutes_link_appears_once_published() {
    let page = html::render(
        &web_fixtures::minutes_published(),
        &web_fixtures::sro_body(),
        &Options::default(),
    );
    assert!(page.contains(
        "<a href=\"https://samman.example.org/sro/2021-05-21/motesanteckningar.pdf\">Läs mötesanteckningarna</a> \
         (publicerade <time datetime=\"2021-06-10\">10 juni 2021</time>)."
    ));
    let pending = html::render(
        &web_fixtures::sro(),
        &web_fixtures::sro_body(),
        &Options::default(),
    );
    assert!(!pending.contains("Läs mötesanteckningarna"));
    assert!(pending.contains("publiceras senare"));
}

#[test]
fn hostile_content_is_escaped() {
    let page = html::render(
        &web_fixtures::hostile(),
        &web_fixtures::sro_body(),
        &Options::default(),
    );
    assert!(!page.contains("<script>"));
    assert!(!page.contains("<b>"));
    assert!(!page.contains("javascript:"));
    assert!(!page.contains("<x>"));
    assert!(
        !page.chars().any(|c| c.is_control() && c != '\n'),
        "control characters leak"
    );
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;citat&quot; ]]&gt;"));
    // The unsafe link keeps its label as text; the safe one is escaped in the attribute.
    assert!(page.contains(
        "<p>klicka &lt;här&gt; och <a href=\"https://example.org/?a=1&amp;b=%222%22\">där</a></p>"
    ));
}

#[test]
fn an_empty_meeting_still_gives_a_whole_page() {
    let m = samman_domain::Meeting::new("sro", samman_domain::Date::constant(2025, 1, 31));
    let page = html::render(&m, &web_fixtures::sro_body(), &Options::default());
    assert!(page.contains("<h1>Sammanställning från SRO 31 januari 2025</h1>"));
    assert!(!page.contains("Agenda"));
    assert!(!page.contains("Senast uppdaterad"));
    assert!(page.ends_with("</html>\n"));
}
