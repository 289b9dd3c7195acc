//! Importing summaries of other meetings (invented, in `fixtures/import/`): other bodies, paragraphs
//! instead of bullets, odd spacing, missing years, English labels, HTML pages. Each import is
//! snapshotted (document facts with positions, notes, and the meeting), and the facts that matter are
//! asserted explicitly.

mod common;

use std::path::Path;

use samman_domain::PositionKind;
use samman_source::{Document, Format, import};

use common::{all_bodies, repo_root, summary};

fn read(name: &str) -> (Format, Document) {
    let path = repo_root().join("fixtures/import").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let format = import::detect(&text).unwrap_or_else(|| panic!("{name}: format not detected"));
    let doc = import::read(&text, None, &all_bodies()).unwrap_or_else(|e| panic!("{name}: {e}"));
    (format, doc)
}

fn codes(doc: &Document) -> Vec<&'static str> {
    doc.notes.iter().map(|n| n.code).collect()
}

#[test]
fn every_fixture_imports_and_matches_its_snapshot() {
    let dir = repo_root().join("fixtures/import");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures/import")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    assert!(names.len() >= 6, "{names:?}");
    for name in names {
        let (format, doc) = read(&name);
        let stem = Path::new(&name).to_string_lossy().replace('.', "_");
        insta::assert_json_snapshot!(format!("import_fixture_{stem}"), summary(format, &doc));
    }
}

#[test]
fn fyrbodal_deck() {
    let (format, doc) = read("fyrbodal-2022-03-03.deck.md");
    assert_eq!(format, Format::DeckMarkdown);
    let m = doc.to_meeting("").expect("date");
    assert_eq!(
        (m.body.as_str(), m.date.to_string().as_str()),
        ("fyrbodal", "2022-03-03")
    );
    let titles: Vec<&str> = m.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Mobil närvård – uppföljning",
            "Utbildningssatsning för baspersonal",
            "Digitala vårdmöten i hemmet",
            "Övriga frågor"
        ]
    );
    assert_eq!(m.items[0].slides.len(), 1);
    assert_eq!(m.items[0].timeline.len(), 2);
    assert_eq!(m.items[0].timeline[0].when.as_deref(), Some("Våren 2022"));
    assert_eq!(
        m.items[0].timeline[1].date.map(|d| d.to_string()).as_deref(),
        Some("2022-06-14")
    );
    let p = &m.items[1].presenters;
    assert_eq!(p.len(), 1);
    assert_eq!(
        (p[0].name.as_str(), p[0].organisation.as_deref()),
        ("Maria Sjö", Some("Fyrbodals kommunalförbund"))
    );
    let events = &m.items[1].events;
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].summary, "Utbildningsdagar");
    assert_eq!(events[1].start.to_string(), "2022-04-19T13:00:00");
    assert_eq!(
        m.items[1].position.as_ref().map(|p| (p.kind, p.points.len())),
        Some((PositionKind::Endorsed, 2))
    );
    assert_eq!(
        m.items[2].presenters[0].role.as_deref(),
        Some("utvecklingsledare e-hälsa")
    );
    assert_eq!(m.items[2].position, None);
    assert!(m.items[3].presenters.is_empty());
    assert!(
        !m.items[3].content.is_empty(),
        "the sentence under an empty presenters label stays content"
    );
    let codes = codes(&doc);
    for code in ["doubled-label", "empty-field", "broken-word"] {
        assert!(codes.contains(&code), "{code}: {codes:?}");
    }
    assert_eq!(
        codes.iter().filter(|c| **c == "empty-field").count(),
        2,
        "{codes:?}"
    );
}

#[test]
fn fyrbodal_page_without_year_or_agenda() {
    let (format, doc) = read("fyrbodal-2022-03-03.page.txt");
    assert_eq!(format, Format::PageText);
    // The title says "3 mars"; the year comes from "Senast uppdaterad".
    let m = doc.to_meeting("").expect("date");
    assert_eq!(
        (m.body.as_str(), m.date.to_string().as_str()),
        ("fyrbodal", "2022-03-03")
    );
    assert_eq!(m.items.len(), 3);
    assert_eq!(m.items[0].title, "Mobil närvård – uppföljning");
    assert_eq!(m.items[0].presenters.len(), 2);
    assert_eq!(m.items[0].content.len(), 2, "two paragraphs");
    assert_eq!(m.items[1].position.as_ref().map(|p| p.points.len()), Some(2));
    assert!(doc.notes.is_empty(), "{:?}", doc.notes);
}

#[test]
fn skaraborg_html_page() {
    let (format, doc) = read("skaraborg-2022-10-14.page.html");
    assert_eq!(format, Format::PageHtml);
    let m = doc.to_meeting("").expect("date");
    assert_eq!(
        (m.body.as_str(), m.date.to_string().as_str()),
        ("skaraborg", "2022-10-14")
    );
    assert_eq!(
        m.updated.map(|u| u.to_string()).as_deref(),
        Some("2022-10-17T08:30:00")
    );
    assert_eq!(m.items.len(), 2);
    let first = &m.items[0];
    let people: Vec<(&str, Option<&str>)> = first
        .presenters
        .iter()
        .map(|p| (p.name.as_str(), p.organisation.as_deref()))
        .collect();
    assert_eq!(
        people,
        [
            ("Karin Lund", Some("Skaraborgs sjukhus")),
            ("Omar Said", Some("Skaraborgs sjukhus"))
        ]
    );
    let position = first.position.as_ref().expect("decision");
    assert_eq!((position.kind, position.points.len()), (PositionKind::Decided, 2));
    assert_eq!(first.events.len(), 2);
    assert_eq!(first.events[0].summary, "Dialogmöte i Skövde");
    assert_eq!(
        first.events[1].end.map(|e| e.to_string()).as_deref(),
        Some("2022-11-10T15:30:00")
    );
    let json = serde_json::to_string(&first.content).unwrap_or_default();
    assert!(
        json.contains("\"href\":\"https://example.org/plan.pdf\""),
        "{json}"
    );
    let second = &m.items[1];
    assert_eq!(second.presenters[0].role.as_deref(), Some("processledare"));
    assert_eq!(second.content.len(), 2, "a <br> splits the paragraph");
    // Positions point into the HTML source.
    assert_eq!(doc.sections[0].heading.pos.line, 21);
}

#[test]
fn english_deck_of_an_unconfigured_body() {
    let (_, doc) = read("regional-board-2022-12-05.deck.md");
    let m = doc.to_meeting("").expect("date");
    assert_eq!(
        (m.body.as_str(), m.date.to_string().as_str()),
        ("Regional Health Board", "2022-12-05")
    );
    assert_eq!(m.items.len(), 2);
    let p = &m.items[0].presenters[0];
    assert_eq!(
        (p.organisation.as_deref(), p.role.as_deref()),
        (Some("Region Halland"), Some("medical adviser"))
    );
    assert_eq!(
        m.items[0].position.as_ref().map(|p| p.kind),
        Some(PositionKind::Noted)
    );
    assert_eq!(m.items[0].events.len(), 2);
    assert_eq!(
        m.items[1].position.as_ref().map(|p| p.kind),
        Some(PositionKind::Decided)
    );
    assert_eq!(m.items[1].presenters.len(), 2);
}

#[test]
fn goteborg_page_with_odd_spacing() {
    let (_, doc) = read("goteborg-2023-01-20.page.txt");
    let m = doc.to_meeting("").expect("date");
    assert_eq!(m.date.to_string(), "2023-01-20");
    assert_eq!(m.items.len(), 2);
    assert_eq!(
        m.items[0].presenters[0].organisation.as_deref(),
        Some("Göteborgs Stad")
    );
    assert_eq!(m.items[0].timeline.len(), 2);
    assert_eq!(
        m.items[0].position.as_ref().map(|p| p.text.as_str()),
        Some("Vårdsamverkan Göteborg noterar informationen")
    );
    let names: Vec<(&str, Option<&str>)> = m.items[1]
        .presenters
        .iter()
        .map(|p| (p.name.as_str(), p.organisation.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("Lisa Hed", Some("VGR")),
            ("Åsa Blom", Some("Göteborgs Stad")),
            ("Nils Ek", Some("VGR"))
        ]
    );
    // One event; the day-less one stays in the content.
    assert_eq!(m.items[1].events.len(), 1);
    assert!(
        serde_json::to_string(&m.items[1].content)
            .unwrap_or_default()
            .contains("feb kl 13-14")
    );
    assert!(codes(&doc).contains(&"doubled-label"));
}

#[test]
fn sro_html_page_reads_like_the_seed() {
    let (format, doc) = read("sro-2021-05-21.page.html");
    assert_eq!(format, Format::PageHtml);
    let m = doc.to_meeting("").expect("date");
    assert_eq!(
        (m.body.as_str(), m.date.to_string().as_str()),
        ("sro", "2021-05-21")
    );
    assert_eq!(
        m.updated.map(|u| u.to_string()).as_deref(),
        Some("2021-05-24T09:51:00")
    );
    assert!(m.lead.as_deref().is_some_and(|l| l.starts_with("Här är vad SRO")));
    assert_eq!(doc.agenda.as_ref().map(|a| a.entries.len()), Some(5));
    assert_eq!(m.items.len(), 5);
    assert_eq!(
        m.items[3].title, "Aktuellt läge Covid-19",
        "agenda order, the section's own title"
    );
    assert_eq!(m.items[0].timeline.len(), 2);
    assert_eq!(m.items[2].events.len(), 3);
    assert_eq!(m.items[1].position.as_ref().map(|p| p.points.len()), Some(2));
    assert_eq!(m.items[1].presenters[0].organisation.as_deref(), Some("VästKom"));
    assert_eq!(
        m.items[4].presenters[0].role.as_deref(),
        Some("kommunikatör vårdsamverkan")
    );
    let json = serde_json::to_string(&m.items[4].content).unwrap_or_default();
    assert!(json.contains("/nyhetsbrev/prenumerera"), "{json}");
    assert!(doc.notes.is_empty(), "{:?}", doc.notes);
}

#[test]
fn page_with_labels_on_their_own_lines() {
    let (_, doc) = read("sro-2021-12-10.page.txt");
    let m = doc
        .to_meeting("")
        .expect("date from the title, year from the update line");
    assert_eq!(m.date.to_string(), "2021-12-10");
    let first = &m.items[0];
    assert_eq!(first.presenters[0].name, "Per Ek");
    assert_eq!(first.position.as_ref().map(|p| p.kind), Some(PositionKind::Noted));
    // "1 mars" in a December summary is the coming March.
    assert_eq!(
        first.timeline[1].date.map(|d| d.to_string()).as_deref(),
        Some("2022-03-01")
    );
    let second = &m.items[1];
    assert_eq!(second.presenters[0].role.as_deref(), Some("samordnare"));
    assert_eq!(second.presenters[1].organisation.as_deref(), Some("VästKom"));
    let position = second.position.as_ref().expect("decision");
    assert_eq!((position.kind, position.points.len()), (PositionKind::Decided, 2));
}

#[test]
fn documents_without_a_date_still_import() {
    let (_, deck) = read("untitled-deck.deck.md");
    assert!(deck.header.date.is_none() && deck.to_meeting("").is_none());
    assert_eq!(deck.sections.len(), 2);
    assert_eq!(deck.sections[1].item.presenters[1].role.as_deref(), Some("chair"));
    let (_, page) = read("sodra-alvsborg-undated.page.html");
    assert!(page.header.date.is_none());
    assert_eq!(
        page.header.body.as_ref().map(|b| b.value.as_str()),
        Some("Närvårdssamverkan Södra Älvsborg")
    );
    // The agenda is found under another heading ("På mötet") because its entries name later sections.
    assert_eq!(page.agenda.as_ref().map(|a| a.entries.len()), Some(2));
    let first = &page.sections[0];
    assert_eq!(
        first.item.presenters[0].organisation.as_deref(),
        Some("Borås Stad")
    );
    assert_eq!(
        first.item.position.as_ref().map(|p| p.kind),
        Some(PositionKind::Noted)
    );
}

#[test]
fn meeting_time_place_and_minutes() {
    let (_, doc) = read("goteborg-2023-01-20.page.txt");
    let m = doc.to_meeting("").expect("date");
    assert_eq!(m.start.map(|t| t.to_string()).as_deref(), Some("13:00:00"));
    assert_eq!(m.end.map(|t| t.to_string()).as_deref(), Some("15:00:00"));
    assert_eq!(m.place.as_deref(), Some("Gothia Towers, Göteborg"));
    // "Plats:" inside an item is the item's content.
    let json = serde_json::to_string(&m.items[1].content).unwrap_or_default();
    assert!(json.contains("Plats: information på webben"), "{json}");
    let (_, doc) = read("skaraborg-2022-10-14.page.html");
    let m = doc.to_meeting("").expect("date");
    assert_eq!(
        m.minutes,
        samman_domain::Minutes::Published {
            href: "/files/vss-2022-10-14-anteckningar.pdf".into(),
            date: Some(jiff::civil::date(2022, 10, 28))
        }
    );
}
