//! Property test: any record — any text, any nesting, any number of entries — gives a deck whose XML
//! parts are well-formed, whose every slide has a title, and where nothing overflows by the deck's own
//! measure.

mod pptx_support;

use std::io::{Cursor, Read};

use proptest::prelude::*;
use quick_xml::Reader;
use quick_xml::events::Event;
use samman_domain::{Block, Item, ListItem, Meeting, Position, PositionKind, Presenter};
use samman_render::pptx;

fn text() -> impl Strategy<Value = String> {
    // Words of letters, markup, controls and a rare very long word.
    prop_oneof![
        8 => "[a-zåäöA-Z0-9 ,.:;&<>\"'\\]\\-–]{0,120}",
        1 => "[\\x00-\\x1f\u{fffe}\u{ffff}a-z ]{0,40}",
        1 => "[a-z]{100,400}",
    ]
}

fn entry(depth: u32) -> BoxedStrategy<ListItem> {
    let leaf = text().prop_map(|t| ListItem::new(t.as_str()));
    if depth == 0 {
        return leaf.boxed();
    }
    (text(), prop::collection::vec(entry(depth - 1), 0..4))
        .prop_map(|(t, children)| ListItem::with_children(t.as_str(), children))
        .boxed()
}

fn item() -> impl Strategy<Value = Item> {
    (
        text(),
        prop::collection::vec((text(), prop::option::of(text())), 0..4),
        prop::collection::vec(entry(3), 0..25),
        prop::option::of((text(), prop::collection::vec(text(), 0..6))),
    )
        .prop_map(|(title, presenters, entries, position)| Item {
            title,
            presenters: presenters
                .into_iter()
                .map(|(name, org)| Presenter::person(&name, org.as_deref()))
                .collect(),
            content: vec![Block::List { items: entries }],
            position: position.map(|(text, points)| Position {
                kind: PositionKind::Other,
                text,
                points,
            }),
            ..Item::default()
        })
}

fn well_formed(deck: &[u8]) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(deck)).map_err(|e| e.to_string())?;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|e| e.to_string())?;
        let name = file.name().map_err(|e| e.to_string())?.to_string();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut xml = String::new();
        file.read_to_string(&mut xml).map_err(|e| e.to_string())?;
        let mut reader = Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => return Err(format!("{name}: {e}")),
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_record_gives_a_valid_deck_that_fits(items in prop::collection::vec(item(), 0..4)) {
        let mut meeting = Meeting::new("sro", samman_domain::Date::new(2024, 6, 14).expect("date"));
        meeting.items = items;
        let body = pptx_support::sro();
        let deck = pptx::render(&meeting, &body, &samman_render::Options::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        well_formed(&deck).map_err(TestCaseError::fail)?;
        for title in pptx::slide_titles(&meeting, &body) {
            prop_assert!(!title.trim().is_empty());
        }
        for (title, used, area) in pptx::slide_fill(&meeting, &body) {
            prop_assert!(used <= area, "{} overflows: {} > {}", title, used, area);
        }
    }
}

/// Cases the property test found (kept as plain tests so they run every time).
#[test]
fn regressions_found_by_the_property_test() {
    let body = pptx_support::sro();
    let mut meeting = Meeting::new("sro", samman_domain::Date::new(2024, 6, 14).expect("date"));
    // A title of only characters XML cannot carry still gets a readable title.
    meeting.items = vec![Item {
        title: "\0\u{1d}".into(),
        ..Item::default()
    }];
    assert_eq!(
        pptx::slide_titles(&meeting, &body).get(2).map(String::as_str),
        Some("Punkt 1")
    );
    // A presenters line taller than a slide, with words longer than a line, is split without overflow.
    let long = "a".repeat(300);
    meeting.items = vec![Item {
        title: String::new(),
        presenters: (0..4)
            .map(|i| Presenter::person(&format!("{long}{i}"), Some(&long)))
            .collect(),
        ..Item::default()
    }];
    for (title, used, area) in pptx::slide_fill(&meeting, &body) {
        assert!(used <= area, "{title} overflows: {used} > {area}");
    }
}
