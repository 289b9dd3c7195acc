//! Meetings for the deck tests, built in Rust: the SRO meeting of 21 May 2021 (the seeds' facts, our
//! own sentences) and odd ones — long items, many presenters, hostile text.

#![allow(dead_code)]

use samman_domain::{
    Block, Body, Event, Inline, Item, ListItem, Meeting, Minutes, Position, PositionKind, Presenter, Slide,
    Text, TimelineEntry,
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

/// The SRO meeting of 21 May 2021: five items, detail slides, three consultation conferences, a
/// timeline, an endorsed position with points and a closing slide.
pub fn sro_meeting() -> Meeting {
    let mut m = Meeting::new("sro", date(2021, 5, 21));
    m.updated = Some(date(2021, 5, 24).at(9, 51, 0, 0));
    let ann_marie = Presenter::person("Ann-Marie Svensson", Some("VGR"));
    let jeanette = Presenter::person("Jeanette Andersson", Some("VästKom"));
    m.items.push(Item {
        title: "Nära vård".into(),
        presenters: vec![ann_marie.clone(), jeanette.clone()],
        content: vec![list(vec![
            li("Chalmers och CHI (Center for Healthcare Improvement) har intervjuat aktörer i länet; resultatet sammanfattas på bilderna som följer"),
            ListItem::with_children(
                "Den länsövergripande samverkansstrukturen ses över; ett underlag för dialog om en ny länsgemensam nivå finns",
                vec![
                    li("Underlaget presenteras nu för olika grupper som kan lämna synpunkter, fram till i höst"),
                    li("SRO vill att dialogen får stort utrymme i de grupper som berörs"),
                ],
            ),
        ])],
        position: noted(),
        slides: vec![
            Slide {
                title: "Slutsatser CHI (sammanfattning)".into(),
                content: vec![list(vec![
                    li("Ingen genomgripande omorganisation önskas, snarare justeringar och förenklingar, till exempel färre dokument och tydligare roller"),
                    li("En tydligare regional struktur som visar hur delarna hänger ihop"),
                    li("Mod att tala om gränser och resurser"),
                    li("Samma delregionala logik i länets olika delar, med hänsyn till lokala styrkor och traditioner"),
                    li("Mindre prat och fler försök – ständiga förbättringar i samverkan"),
                    li("Ett integrerande ledarskap som uppmuntrar samspel, delade resurser och gemensamma mål"),
                ])],
            },
            Slide {
                title: "Struktur (från CHI:s respondenter)".into(),
                content: vec![list(vec![
                    li("VVG:s roll behöver förtydligas"),
                    li("Primärvårdens grunduppdrag och det gemensamma uppdraget ska synas i samverkansstrukturen"),
                    li("Den länsgemensamma nivån ska vara liten och effektiv så att arbetet lokalt och delregionalt får utrymme"),
                    li("Kommunalförbunden och den delregionala samverkan behöver knytas närmare varandra"),
                ])],
            },
        ],
        events: Vec::new(),
        timeline: vec![
            TimelineEntry {
                date: None,
                when: Some("Juni – oktober 2021".into()),
                text: "Dialoger".into(),
            },
            TimelineEntry {
                date: Some(date(2021, 11, 19)),
                when: None,
                text: "Ställningstagande i SRO".into(),
            },
        ],
    });
    m.items.push(Item {
        title: "Kvinnofridssatsning, rekvirering av medel".into(),
        presenters: vec![Presenter::person("Charlotta Wilhelmsson", Some("VästKom"))],
        content: vec![list(vec![
            li("SKR:s kvinnofridssatsning 2021–2023 bygger vidare på den förra satsningen"),
            li("En halvtidstjänst ska stärka det arbete som redan pågår"),
        ])],
        position: Some(Position {
            kind: PositionKind::Endorsed,
            text: "SRO ställer sig bakom".into(),
            points: vec![
                "genomförandeplanen för kvinnofridssatsningen 2021 och målen till 2023".into(),
                "att VästKom rekvirerar medlen från SKR".into(),
            ],
        }),
        slides: vec![Slide {
            title: "Genomförandeplan 2021 med mål till 2023".into(),
            content: vec![list(vec![
                li("Halvtidstjänsten placeras där den passar uppdraget bäst"),
                ListItem::with_children(
                    "En gemensam styrgrupp för VGR och VästKom; Länsstyrelsen adjungeras",
                    vec![li(
                        "Möjligen med en representant från varje kommunalförbundsområde",
                    )],
                ),
                li("Insatser inom alla fyra målområden, med rimliga förväntningar"),
            ])],
        }],
        events: Vec::new(),
        timeline: Vec::new(),
    });
    let conference = |day: i8| Event {
        start: date(2021, 9, day).at(14, 0, 0, 0),
        end: Some(date(2021, 9, day).at(15, 30, 0, 0)),
        summary: "Remisskonferens".into(),
    };
    m.items.push(Item {
        title: "SRO september: Remiss hälso- och sjukvårdsavtalet".into(),
        presenters: vec![ann_marie, jeanette],
        content: vec![Block::paragraph(
            "Avtalet skickas på remiss; tre digitala remisskonferenser hålls i september.",
        )],
        position: noted(),
        slides: Vec::new(),
        events: vec![conference(16), conference(23), conference(29)],
        timeline: Vec::new(),
    });
    m.items.push(Item {
        title: "Lägesrapport samverkansfrågor Covid-19".into(),
        presenters: vec![
            Presenter::person("Jan Kilhamn", Some("VGR")),
            Presenter::person("Thomas Wahlberg", Some("VGR")),
        ],
        content: vec![list(vec![ListItem::with_children(
            "Läget för Covid-19 just nu",
            vec![
                li("Från 1 juni ändrar Folkhälsomyndigheten restriktionerna i tre nivåer efter bland annat smittspridning, vaccination och vårdens belastning"),
                li("Smittspridningen har minskat fyra veckor i följd i hela Västra Götaland"),
                li("Samverkan mellan smittskydd och kommuner fungerar väl; VVG:s covid-19-möten har varit värdefulla"),
            ],
        )])],
        position: noted(),
        ..Item::default()
    });
    m.items.push(Item {
        title: "Information ut från mötet".into(),
        presenters: vec![Presenter {
            name: "Josefin Lantz".into(),
            organisation: None,
            role: Some("kommunikatör vårdsamverkan".into()),
        }],
        content: vec![list(vec![ListItem::with_children(
            "Verktyg som gör det lättare att rapportera och sprida information",
            vec![
                li("En kort presentation från varje möte"),
                ListItem::new(Text(vec![
                    Inline::Text {
                        text: "Nyhetsbrev Nära vård – ".into(),
                    },
                    Inline::Link {
                        text: "prenumerera".into(),
                        href: "https://samman.example.org/sro/prenumerera".into(),
                    },
                ])),
            ],
        )])],
        position: noted(),
        ..Item::default()
    });
    m.closing = Some(Slide {
        title: "Verktyg för att underlätta rapportering och spridning".into(),
        content: vec![list(vec![
            li("Snabb och kort presentation från varje möte"),
            li("Nyhetsbrev Nära vård – prenumerera!"),
        ])],
    });
    m
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
