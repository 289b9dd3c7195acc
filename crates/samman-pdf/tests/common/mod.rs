//! Meetings to render in tests: the SRO meeting of 21 May 2021 is the shipped example
//! (`examples/sro-2021-05-21.md`); the others (40 bullets, hostile content) are built in Rust.

#![allow(dead_code)]

use samman_domain::{
    Block, Bodies, Body, Date, Event, Inline, Item, ListItem, Meeting, Minutes, Position, PositionKind,
    Presenter, Text,
};

/// The bodies configuration the project ships.
pub fn sro_body() -> Body {
    let text = include_str!("../../../../config/bodies.toml");
    let bodies = Bodies::from_toml(text).expect("the shipped bodies.toml parses");
    bodies.get("sro").expect("SRO is configured").clone()
}

fn list(items: Vec<ListItem>) -> Block {
    Block::List { items }
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

fn day(m: i8, d: i8) -> Date {
    Date::constant(2021, m, d)
}

fn conference(d: i8) -> Event {
    Event {
        start: day(9, d).at(14, 0, 0, 0),
        end: Some(day(9, d).at(15, 30, 0, 0)),
        summary: "Remisskonferens om hälso- och sjukvårdsavtalet".into(),
    }
}

/// The SRO meeting of 21 May 2021 — the shipped example `examples/sro-2021-05-21.md`, so the tests render
/// the same record users see.
pub fn sro_meeting() -> Meeting {
    let text = include_str!("../../../../examples/sro-2021-05-21.md");
    let bodies =
        samman_domain::Bodies::from_toml(include_str!("../../../../config/bodies.toml")).unwrap_or_default();
    match samman_source::format::parse_meeting(text, &bodies) {
        Ok(meeting) => meeting,
        Err(e) => panic!("examples/sro-2021-05-21.md:{}: {}", e.pos, e.message),
    }
}

/// A long item: 40 bullets, some nested, plus a body with another theme.
pub fn forty_bullets() -> (Meeting, Body) {
    let mut body = Body::named("dro", "DRO", "Delregionalt samrådsorgan Fyrbodal");
    body.theme.primary = samman_domain::Rgb(0x5a, 0x2a, 0x82);
    body.theme.accent = samman_domain::Rgb(0x2a, 0x9d, 0x8f);
    let mut m = Meeting::new("dro", Date::constant(2024, 2, 8));
    m.start = Some(samman_domain::Time::constant(9, 0, 0, 0));
    m.end = Some(samman_domain::Time::constant(12, 0, 0, 0));
    m.place = Some("Kommunhuset, Uddevalla".into());
    m.minutes = Minutes::Published {
        href: "https://example.org/dro/protokoll-2024-02-08.pdf".into(),
        date: Some(Date::constant(2024, 2, 20)),
    };
    let mut long = Item::titled("Uppföljning av handlingsplanen för psykisk hälsa");
    long.presenters = (1..=6)
        .map(|i| Presenter::person(&format!("Föredragande nummer {i}"), Some("Fyrbodal")))
        .collect();
    long.content = vec![
        Block::paragraph("Handlingsplanen följs upp punkt för punkt; här är läget för varje åtgärd."),
        list(
            (1..=40)
                .map(|i| {
                    let text = format!("Åtgärd {i}: arbetet går enligt plan och redovisas igen i höst.");
                    if i % 10 == 0 {
                        ListItem::with_children(Text::plain(text), vec![li("Delåtgärd a"), li("Delåtgärd b")])
                    } else {
                        li(&text)
                    }
                })
                .collect(),
        ),
    ];
    long.position = Some(Position {
        kind: PositionKind::Decided,
        text: "DRO beslutar att godkänna uppföljningen".into(),
        points: Vec::new(),
    });
    let mut short = Item::titled("Övrigt");
    short.content = vec![Block::paragraph("Inga övriga frågor togs upp.")];
    m.items = vec![long, short];
    (m, body)
}

/// Text that would break a careless renderer: markup characters of typst, HTML and XML, control
/// characters, bidi overrides, a very long word and a dangerous link.
pub fn hostile() -> Meeting {
    let mut m = Meeting::new("sro", Date::constant(2022, 3, 3));
    m.title = Some("Test <script>alert(\"x\")</script> & 'citat' #set page(paper: \"a5\")".into());
    m.lead = Some(
        "Ingress med $x^2$ och *fet* _kursiv_ \\ backslash ]]> @ref <etikett> `kod` // kommentar".into(),
    );
    let mut item = Item::titled("#panic(\"injektion\") ] [ } {");
    item.presenters = vec![Presenter::person("Anna \"Citat\" <Andersson>", Some("A&O"))];
    item.content = vec![
        Block::paragraph(Text::plain(format!(
            "Ett mycket långt ord: {} slut. Siffror utan avstavning: {}.",
            "Donaudampfschifffahrt".repeat(8),
            "1234567890".repeat(16)
        ))),
        Block::paragraph("Tecken utanför Noto Sans: 🎉 中文 ∮ ℵ."),
        Block::paragraph("Kontrolltecken:\u{0}\u{7}\u{1b}[31m röd \u{202E}baklänges\u{202C} text."),
        Block::Paragraph {
            text: Text(vec![
                Inline::Text {
                    text: "Farlig länk: ".into(),
                },
                Inline::Link {
                    text: "klicka här".into(),
                    href: "javascript:alert(1)".into(),
                },
                Inline::Text {
                    text: " och en lång adress: ".into(),
                },
                Inline::Link {
                    text: format!("https://example.org/{}", "segment".repeat(20)),
                    href: format!("https://example.org/{}", "segment".repeat(20)),
                },
            ]),
        },
        list(vec![
            li("= Inte en rubrik"),
            li("- inte en lista"),
            li("1. inte numrerad"),
            li("<!-- -->"),
        ]),
    ];
    item.position = Some(Position {
        kind: PositionKind::Other,
        text: "#{ panic() }".into(),
        points: vec!["$ ] ) #".into()],
    });
    m.items = vec![item];
    m
}
