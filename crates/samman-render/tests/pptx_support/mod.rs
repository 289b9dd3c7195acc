//! Meetings for the deck tests: the SRO meeting of 21 May 2021 is the shipped example
//! (`examples/sro-2021-05-21.md`); odd ones (long items, many presenters, hostile text) are built in Rust.

#![allow(dead_code)]

use samman_domain::{
    Block, Body, Event, Item, ListItem, Meeting, Minutes, Position, PositionKind, Presenter,
};
use samman_domain::{Bodies, Date};

/// The shipped bodies configuration's SRO body.
pub fn sro() -> Body {
    let text = include_str!("../../../../config/bodies.toml");
    Bodies::from_toml(text)
        .ok()
        .and_then(|b| b.get("sro").cloned())
        .unwrap_or_else(|| {
            Body::named(
                "sro",
                "SRO",
                "Politiskt samrådsorgan mellan VästKom och Västra Götalandsregionen",
            )
        })
}

fn date(y: i16, m: i8, d: i8) -> Date {
    Date::new(y, m, d).unwrap_or_default()
}

fn list(entries: Vec<ListItem>) -> Block {
    Block::List { items: entries }
}

fn li(text: &str) -> ListItem {
    ListItem::new(text)
}

fn noted() -> Option<Position> {
    Some(Position {
        kind: PositionKind::Noted,
        text: "SRO noterar informationen".into(),
        points: Vec::new(),
    })
}

/// The SRO meeting of 21 May 2021 — the shipped example `examples/sro-2021-05-21.md`, so the tests render
/// the same record users see.
pub fn sro_meeting() -> Meeting {
    let text = include_str!("../../../../examples/sro-2021-05-21.md");
    let bodies = Bodies::from_toml(include_str!("../../../../config/bodies.toml")).unwrap_or_default();
    match samman_source::format::parse_meeting(text, &bodies) {
        Ok(meeting) => meeting,
        Err(e) => panic!("examples/sro-2021-05-21.md:{}: {}", e.pos, e.message),
    }
}

/// An item with 40 bullets, a very long title and many presenters; minutes published.
pub fn long_meeting() -> Meeting {
    let mut m = Meeting::new("sro", date(2022, 2, 11));
    m.start = Some(samman_domain::Time::constant(9, 30, 0, 0));
    m.end = Some(samman_domain::Time::constant(12, 0, 0, 0));
    m.place = Some(
        "Regionens hus, Vänersborg, sammanträdesrum Dalsland och Bohuslän (plan 4, ingång från torget)"
            .into(),
    );
    m.minutes = Minutes::Published {
        href: "https://samman.example.org/sro/2022-02-11/anteckningar.pdf".into(),
        date: Some(date(2022, 3, 1)),
    };
    m.items.push(Item {
        title: "Uppföljning av den regionala handlingsplanen för psykisk hälsa, suicidprevention och samverkan kring barn och unga med sammansatta behov i alla kommunalförbund".into(),
        presenters: (1..=6)
            .map(|i| Presenter::person(&format!("Person Nummer{i} Efternamnsson"), Some(if i % 2 == 0 { "VGR" } else { "VästKom" })))
            .collect(),
        content: vec![list(
            (1..=40)
                .map(|i| li(&format!("Punkt {i}: en uppföljningspunkt med lite text för att fylla raden ordentligt")))
                .collect(),
        )],
        position: Some(Position {
            kind: PositionKind::Endorsed,
            text: "SRO ställer sig bakom".into(),
            points: (1..=5).map(|i| format!("åtgärd {i} i handlingsplanen")).collect(),
        }),
        ..Item::default()
    });
    m.items.push(Item {
        title: "Kort punkt utan föredragande".into(),
        content: vec![Block::paragraph(
            "Inga händelser, ingen tidsplan och inget ställningstagande.",
        )],
        ..Item::default()
    });
    m
}

/// Hostile text everywhere: markup, ampersands, quotes, CDATA ends, control characters, a 300-letter word.
pub fn odd_meeting() -> Meeting {
    let nasty = "<script>alert('x')</script> & \"citat\" ]]> kontroll\u{1}\u{8}\u{1f}tecken";
    let long_word = "Lång".repeat(75);
    let mut m = Meeting::new("sro", date(2023, 12, 1));
    m.items.push(Item {
        title: format!("Rubrik med {nasty}"),
        presenters: vec![Presenter::person("A & B <c>", Some("\"VGR\""))],
        content: vec![
            Block::paragraph(nasty),
            Block::paragraph(long_word.as_str()),
            list(vec![li(&format!("{long_word} {long_word}"))]),
        ],
        position: Some(Position {
            kind: PositionKind::Other,
            text: format!("SRO {nasty}"),
            points: vec![nasty.into()],
        }),
        events: vec![Event {
            start: date(2024, 1, 10).at(9, 0, 0, 0),
            end: None,
            summary: "Möte <&>".into(),
        }],
        ..Item::default()
    });
    m.items.push(Item::titled(long_word));
    m
}

/// A small test logo (PNG, 360 × 120), drawn for the tests.
pub fn tiny_png() -> Vec<u8> {
    include_bytes!("../../../../fixtures/render/logo.png").to_vec()
}
