//! Importing the two seed documents (the SRO meeting of 21 May 2021 as a deck exported to Markdown and as
//! the text of the web page): the acceptance facts, asserted one by one, and snapshots of the result.
//! The project carries no sentences copied from the seeds, so snapshots shorten long texts to their first
//! words and the assertions compare sentences with the seed instead of spelling them out.
//! Skips, saying so, when `../shared/seeds` is absent.

mod common;

use samman_domain::{Meeting, PositionKind};
use samman_source::{Document, Format, import};

use common::{bodies, notes_of, redact, repo_root, summary};

fn seed(name: &str) -> Option<String> {
    let path = repo_root().join("../shared/seeds").join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!("skipping: seed not found at {}", path.display());
            None
        }
    }
}

/// The meeting as JSON with the seeds' sentences shortened (see [`redact`]).
fn redacted(m: &Meeting) -> serde_json::Value {
    let mut value = serde_json::to_value(m).unwrap_or_default();
    redact(&mut value);
    value
}

fn import(text: &str) -> (Document, Meeting) {
    let document = import::read(text, None, &bodies()).expect("the seed imports");
    let meeting = document.to_meeting("").expect("the seed has a date");
    (document, meeting)
}

const TITLES: [&str; 5] = [
    "Nära vård",
    "Kvinnofridssatsning, rekvirering av medel",
    "SRO september: Remiss hälso- och sjukvårdsavtalet",
    "",
    "Information ut från mötet",
];

/// The facts both renditions share.
fn assert_shared_facts(m: &Meeting, seed: &str) {
    let seed_lines: Vec<&str> = seed.lines().map(str::trim).collect();
    assert_eq!(m.date.to_string(), "2021-05-21");
    assert_eq!(m.body, "sro");
    assert_eq!(m.items.len(), 5);
    for (item, title) in m.items.iter().zip(TITLES) {
        if !title.is_empty() {
            assert_eq!(item.title, title);
        }
    }
    let people = |i: usize| -> Vec<(String, Option<String>, Option<String>)> {
        m.items[i]
            .presenters
            .iter()
            .map(|p| (p.name.clone(), p.organisation.clone(), p.role.clone()))
            .collect()
    };
    let p = |n: &str, o: Option<&str>, r: Option<&str>| (n.to_string(), o.map(Into::into), r.map(Into::into));
    let two = vec![
        p("Ann-Marie Svensson", Some("VGR"), None),
        p("Jeanette Andersson", Some("VästKom"), None),
    ];
    assert_eq!(people(0), two);
    assert_eq!(people(2), two);
    assert_eq!(people(1), vec![p("Charlotta Wilhelmsson", Some("VästKom"), None)]);
    assert_eq!(
        people(3),
        vec![
            p("Jan Kilhamn", Some("VGR"), None),
            p("Thomas Wahlberg", Some("VGR"), None)
        ]
    );
    assert_eq!(
        people(4),
        vec![p("Josefin Lantz", None, Some("kommunikatör vårdsamverkan"))]
    );

    for (i, item) in m.items.iter().enumerate() {
        let position = item.position.as_ref().expect("every item has a position");
        if i == 1 {
            assert_eq!(position.kind, PositionKind::Endorsed);
            assert_eq!(position.text, "SRO ställer sig bakom");
            // The two points, each a whole line of the seed (compared with the seed, not copied here).
            assert_eq!(position.points.len(), 2);
            assert!(
                position.points[0].starts_with("genomförandeplan"),
                "{:?}",
                position.points
            );
            assert!(
                position.points[1].starts_with("att VästKom"),
                "{:?}",
                position.points
            );
            for point in &position.points {
                assert!(seed_lines.iter().any(|l| l.ends_with(point.as_str())), "{point}");
            }
        } else {
            assert_eq!(position.kind, PositionKind::Noted, "item {i}");
            assert_eq!(position.text, "SRO noterar informationen");
            assert!(position.points.is_empty());
        }
    }

    let timeline = &m.items[0].timeline;
    assert_eq!(timeline.len(), 2);
    assert_eq!(timeline[0].date, None);
    assert_eq!(timeline[0].when.as_deref(), Some("Juni – oktober 2021"));
    assert_eq!(timeline[0].text, "Dialoger");
    assert_eq!(
        timeline[1].date.map(|d| d.to_string()).as_deref(),
        Some("2021-11-19")
    );
    assert_eq!(timeline[1].text, "Ställningstagande i SRO");

    let events = &m.items[2].events;
    for (event, day) in events.iter().zip(["2021-09-16", "2021-09-23", "2021-09-29"]) {
        assert_eq!(event.start.to_string(), format!("{day}T14:00:00"));
        assert_eq!(event.end.map(|e| e.to_string()), Some(format!("{day}T15:30:00")));
        assert_eq!(event.summary, "Remisskonferenser");
    }
    // Nothing about events or the timeline is left in the content.
    let json = serde_json::to_string(&m.items[0].content).unwrap_or_default();
    assert!(
        !json.contains("Tidsplan") && !json.contains("19 november"),
        "{json}"
    );
}

#[test]
fn deck_seed() {
    let Some(text) = seed("000_484dff92c3137b0a.txt") else {
        return;
    };
    assert_eq!(import::detect(&text), Some(Format::DeckMarkdown));
    let (doc, m) = import(&text);
    assert_shared_facts(&m, &text);
    assert_eq!(m.items[3].title, "Lägesrapport samverkansfrågor Covid-19");
    let slides: Vec<Vec<&str>> = m
        .items
        .iter()
        .map(|i| i.slides.iter().map(|s| s.title.as_str()).collect())
        .collect();
    assert_eq!(
        slides,
        vec![
            vec![
                "Slutsatser CHI (sammanfattning)",
                "Struktur (från CHI´s respondenter)",
                "Kontext (från CHI´s respondenter)",
                "Process (från CHI´s respondenter)"
            ],
            vec![
                "SKR:s kvinnofridssatsning 2021-2023",
                "Genomförande plan 2021 med mål till 2023"
            ],
            vec![],
            vec![],
            vec!["Verktyg för att underlätta rapportering och spridning"],
        ]
    );
    // Two events; the conference whose day is missing stays in the content for `check` to report.
    assert_eq!(m.items[2].events.len(), 2);
    let content = serde_json::to_string(&m.items[2].content).unwrap_or_default();
    assert!(
        content.contains("sept kl 14:00-15:30") && content.contains("Remisskonferenser"),
        "{content}"
    );
    // The agenda keeps its own order and wording; sections are in slide order.
    let agenda = doc.agenda.as_ref().expect("agenda");
    assert_eq!(agenda.entries[3].value, "Lägesrapport samverkansfrågor Covid-19");
    assert_eq!(doc.sections[1].item.title, TITLES[2]);
    assert_eq!(doc.header.date.as_ref().map(|d| d.pos.line), Some(11));
    // The subscribe link stays a link.
    assert!(
        serde_json::to_string(&m.items[4].content)
            .unwrap_or_default()
            .contains("\"href\":\"#\"")
    );
    let notes = notes_of(&doc);
    assert!(
        notes
            .iter()
            .any(|n| n.contains("broken-word") && n.contains("samverkans- frågor")),
        "{notes:?}"
    );
    insta::assert_json_snapshot!("import_seed_deck_meeting", redacted(&m));
    insta::assert_json_snapshot!("import_seed_deck_notes", notes);
    let mut located = summary(Format::DeckMarkdown, &doc);
    located["meeting"] = serde_json::Value::Null;
    redact(&mut located);
    insta::assert_json_snapshot!("import_seed_deck_document", located);
}

#[test]
fn page_seed() {
    let Some(text) = seed("004_7e364ce69367e699.txt") else {
        return;
    };
    assert_eq!(import::detect(&text), Some(Format::PageText));
    let (doc, m) = import(&text);
    assert_shared_facts(&m, &text);
    assert_eq!(m.items[3].title, "Aktuellt läge Covid-19");
    assert!(m.items.iter().all(|i| i.slides.is_empty()));
    assert_eq!(m.items[2].events.len(), 3);
    assert_eq!(
        m.updated.map(|u| u.to_string()).as_deref(),
        Some("2021-05-24T09:51:00")
    );
    // The date comes from the download line, not from the title "… 21 maj april".
    assert_eq!(doc.header.date.as_ref().map(|d| d.pos.line), Some(17));
    assert_eq!(
        doc.header.title.as_ref().map(|t| t.value.as_str()),
        Some("Sammanställning från SRO 21 maj april")
    );
    assert!(
        doc.header
            .lead
            .as_ref()
            .is_some_and(|l| l.value.starts_with("Det här tog SRO"))
    );
    let notes = notes_of(&doc);
    insta::assert_json_snapshot!("import_seed_page_meeting", redacted(&m));
    insta::assert_json_snapshot!("import_seed_page_notes", notes);
    let mut located = summary(Format::PageText, &doc);
    located["meeting"] = serde_json::Value::Null;
    redact(&mut located);
    insta::assert_json_snapshot!("import_seed_page_document", located);
}
