//! Meetings to render in tests, built in Rust: the SRO meeting of 21 May 2021 (the seeds' facts in our
//! own words) and a few others that stress the layout (many bullets, hostile text, an empty agenda).

#![allow(dead_code)]

use samman_domain::{
    Block, Bodies, Body, Date, Event, Inline, Item, ListItem, Meeting, Minutes, Position, PositionKind,
    Presenter, Slide, Text, TimelineEntry,
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

/// The SRO meeting of 21 May 2021 with the seeds' items, presenters, positions, events and timeline.
pub fn sro_meeting() -> Meeting {
    let both = vec![
        Presenter::person("Ann-Marie Svensson", Some("VGR")),
        Presenter::person("Jeanette Andersson", Some("VästKom")),
    ];
    let mut m = Meeting::new("sro", day(5, 21));
    m.updated = Some(day(5, 24).at(9, 51, 0, 0));

    let mut nara = Item::titled("Nära vård");
    nara.presenters = both.clone();
    nara.content = vec![list(vec![
        li(
            "Chalmers och CHI (Center for Healthcare Improvement) har intervjuat berörda om samverkan; \
            resultatet sammanfattas i bilderna.",
        ),
        ListItem::with_children(
            "Den länsövergripande samverkansstrukturen ses över, och ett underlag för dialog om en ny \
             länsgemensam nivå är klart.",
            vec![
                li(
                    "Underlaget visas nu för olika grupper som får lämna synpunkter, och det arbetet \
                    pågår under hösten.",
                ),
                li(
                    "SRO skickar med att det måste finnas gott om utrymme för dialog i de grupper som berörs.",
                ),
            ],
        ),
    ])];
    nara.timeline = vec![
        TimelineEntry {
            date: None,
            when: Some("Juni – oktober 2021".into()),
            text: "Dialoger".into(),
        },
        TimelineEntry {
            date: Some(day(11, 19)),
            when: None,
            text: "Ställningstagande i SRO".into(),
        },
    ];
    nara.position = noted();
    nara.slides = vec![Slide {
        title: "Slutsatser CHI (sammanfattning)".into(),
        content: vec![list(vec![
            li("Ingen stor omorganisation önskas, hellre justeringar och förenklingar."),
            li("Den regionala strukturen behöver bli tydligare som helhet."),
            li("Våga tala om gränser och resurser."),
        ])],
    }];

    let mut kvinnofrid = Item::titled("Kvinnofridssatsning, rekvirering av medel");
    kvinnofrid.presenters = vec![Presenter::person("Charlotta Wilhelmsson", Some("VästKom"))];
    kvinnofrid.content = vec![list(vec![
        li("SKR:s kvinnofridssatsning 2021–2023 bygger vidare på den förra satsningen."),
        li("En halvtidstjänst ska stärka det arbete som redan pågår."),
    ])];
    kvinnofrid.position = Some(Position {
        kind: PositionKind::Endorsed,
        text: "SRO ställer sig bakom".into(),
        points: vec![
            "genomförandeplanen för kvinnofridssatsningen 2021 och målen till 2023".into(),
            "att VästKom rekvirerar medlen från SKR".into(),
        ],
    });
    kvinnofrid.slides = vec![Slide {
        title: "SKR:s kvinnofridssatsning 2021–2023".into(),
        content: vec![list(vec![
            li("Satsningen följer på perioden 2018–2020."),
            ListItem::with_children(
                "SKR vill hjälpa kommuner och regioner att:",
                vec![
                    li("upptäcka våld tidigt"),
                    li("stödja de som utsätts och deras barn"),
                ],
            ),
        ])],
    }];

    let mut remiss = Item::titled("SRO september: Remiss hälso- och sjukvårdsavtalet");
    remiss.presenters = both;
    remiss.content = vec![list(vec![ListItem::with_children(
        "Tre remisskonferenser hålls i september.",
        vec![li("16 september"), li("23 september"), li("29 september")],
    )])];
    remiss.events = vec![conference(16), conference(23), conference(29)];
    remiss.position = noted();

    let mut covid = Item::titled("Lägesrapport samverkansfrågor Covid-19");
    covid.presenters = vec![
        Presenter::person("Jan Kilhamn", Some("VGR")),
        Presenter::person("Thomas Wahlberg", Some("VGR")),
    ];
    covid.content = vec![list(vec![ListItem::with_children(
        "Läget för Covid-19 i Västra Götalandsregionen",
        vec![
            li(
                "Från 1 juni ändrar Folkhälsomyndigheten restriktionerna till tre nivåer, beroende på \
                bland annat smittspridning, vaccination och vårdens belastning.",
            ),
            li("Smittspridningen har minskat fyra veckor i följd i hela Västra Götaland."),
            li("Samverkan mellan smittskyddet och kommunerna fungerar väl."),
        ],
    )])];
    covid.position = noted();

    let mut info = Item::titled("Information ut från mötet");
    info.presenters = vec![Presenter {
        name: "Josefin Lantz".into(),
        organisation: None,
        role: Some("kommunikatör vårdsamverkan".into()),
    }];
    info.content = vec![list(vec![ListItem::with_children(
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
    )])];
    info.position = noted();

    m.items = vec![nara, kvinnofrid, remiss, covid, info];
    m
}

/// A long item: 40 bullets, some nested, plus a body with another theme.
pub fn forty_bullets() -> (Meeting, Body) {
    let mut body = Body::named("dro", "DRO", "Delregionalt samrådsorgan Fyrbodal");
    body.theme.primary = "#5a2a82".into();
    body.theme.accent = "#2a9d8f".into();
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
