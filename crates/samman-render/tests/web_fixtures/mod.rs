//! Meetings for the web, e-mail, calendar and feed tests, built in Rust (independent of the source parser).
//!
//! The SRO meeting of 21 May 2021 uses the facts of the seeds (items, presenters, positions, points, dates,
//! events) in our own words. The others stress what real records do: long items, many presenters, no
//! events, published minutes, 40 bullets, hostile content.

#![allow(dead_code)]

use samman_domain::{
    Block, Bodies, Body, Date, Event, Inline, Item, ListItem, Meeting, Minutes, Position, PositionKind,
    Presenter, Slide, Text, Time, TimelineEntry,
};

/// The shipped bodies configuration.
pub fn bodies() -> Bodies {
    match Bodies::from_toml(include_str!("../../../../config/bodies.toml")) {
        Ok(b) => b,
        Err(e) => panic!("config/bodies.toml: {e}"),
    }
}

pub fn sro_body() -> Body {
    match bodies().get("sro") {
        Some(b) => b.clone(),
        None => panic!("config/bodies.toml has no sro"),
    }
}

/// A second, made-up body with its own theme and no newsletter of its own.
pub fn other_body() -> Body {
    let mut body = Body::named("nvg", "NVG", "Närvårdsgruppen i Exempelbygden");
    body.base_url = Some("https://samman.example.org/nvg/".into());
    body.newsletter = Some("Nytt från närvården".into());
    body.theme.primary = "#7a1f5c".into();
    body.theme.accent = "#f2c230".into();
    body
}

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::constant(y, m, day)
}

fn person(name: &str, org: &str) -> Presenter {
    Presenter::person(name, Some(org))
}

fn role(name: &str, role: &str) -> Presenter {
    Presenter {
        name: name.into(),
        organisation: None,
        role: Some(role.into()),
    }
}

fn bullets(items: &[&str]) -> Block {
    Block::List {
        items: items.iter().map(|s| ListItem::new(*s)).collect(),
    }
}

fn noted() -> Option<Position> {
    Some(Position {
        kind: PositionKind::Noted,
        text: "SRO noterar informationen".into(),
        points: vec![],
    })
}

fn slide(title: &str, lines: &[&str]) -> Slide {
    Slide {
        title: title.into(),
        content: vec![bullets(lines)],
    }
}

fn conference(day: i8) -> Event {
    Event {
        start: d(2021, 9, day).at(14, 0, 0, 0),
        end: Some(d(2021, 9, day).at(15, 30, 0, 0)),
        summary: "Remisskonferens om hälso- och sjukvårdsavtalet".into(),
    }
}

/// SRO, 21 May 2021: the facts of the two seeds, our own sentences.
pub fn sro() -> Meeting {
    let mut m = Meeting::new("sro", d(2021, 5, 21));
    m.updated = Some(d(2021, 5, 24).at(9, 51, 0, 0));
    let both = vec![
        person("Ann-Marie Svensson", "VGR"),
        person("Jeanette Andersson", "VästKom"),
    ];
    m.items = vec![
        Item {
            title: "Nära vård".into(),
            presenters: both.clone(),
            content: vec![Block::List {
                items: vec![
                    ListItem::new(
                        "Chalmers och CHI (Center for Healthcare Improvement) har gjort en intervjustudie; \
                         resultaten sammanfattas i bilderna.",
                    ),
                    ListItem::with_children(
                        "Den länsövergripande samverkansstrukturen ses över, och ett underlag för dialog om en \
                         ny länsgemensam nivå finns nu.",
                        vec![
                            ListItem::new(
                                "Underlaget visas för olika grupper, som kan lämna synpunkter fram till hösten.",
                            ),
                            ListItem::new("SRO vill att relevanta grupper får gott om utrymme för dialog."),
                        ],
                    ),
                ],
            }],
            position: noted(),
            slides: vec![
                slide(
                    "Slutsatser CHI (sammanfattning)",
                    &["Justeringar och förenklingar efterfrågas snarare än en ny struktur."],
                ),
                slide(
                    "Struktur (från CHI:s respondenter)",
                    &["Den regionala strukturen behöver bli tydligare."],
                ),
                slide(
                    "Kontext (från CHI:s respondenter)",
                    &["Länet är stort och förutsättningarna skiftar."],
                ),
                slide(
                    "Process (från CHI:s respondenter)",
                    &["Avståndet mellan färdplan och vardag är stort."],
                ),
            ],
            events: vec![],
            timeline: vec![
                TimelineEntry {
                    date: None,
                    when: Some("Juni – oktober 2021".into()),
                    text: "Dialoger".into(),
                },
                TimelineEntry {
                    date: Some(d(2021, 11, 19)),
                    when: None,
                    text: "Ställningstagande i SRO".into(),
                },
            ],
        },
        Item {
            title: "Kvinnofridssatsning, rekvirering av medel".into(),
            presenters: vec![person("Charlotta Wilhelmsson", "VästKom")],
            content: vec![bullets(&[
                "SKR:s kvinnofridssatsning för 2021–2023 bygger vidare på den förra satsningen.",
                "En halvtidstjänst ska stärka det arbete som redan pågår.",
            ])],
            position: Some(Position {
                kind: PositionKind::Endorsed,
                text: "SRO ställer sig bakom".into(),
                points: vec![
                    "genomförandeplanen för kvinnofridssatsningen 2021 med mål till 2023".into(),
                    "att VästKom rekvirerar medlen från SKR".into(),
                ],
            }),
            slides: vec![
                slide(
                    "SKR:s kvinnofridssatsning 2021-2023",
                    &["Satsningen fortsätter arbetet från 2018–2020."],
                ),
                slide(
                    "Genomförandeplan 2021 med mål till 2023",
                    &["En gemensam styrgrupp för VGR och VästKom."],
                ),
            ],
            ..Item::default()
        },
        Item {
            title: "SRO september: Remiss hälso- och sjukvårdsavtalet".into(),
            presenters: both,
            content: vec![Block::paragraph(
                "Remissen om hälso- och sjukvårdsavtalet presenteras på tre konferenser i september.",
            )],
            position: noted(),
            events: vec![conference(16), conference(23), conference(29)],
            ..Item::default()
        },
        Item {
            title: "Lägesrapport samverkansfrågor Covid-19".into(),
            presenters: vec![person("Jan Kilhamn", "VGR"), person("Thomas Wahlberg", "VGR")],
            content: vec![Block::List {
                items: vec![ListItem::with_children(
                    "Aktuellt läge Covid-19",
                    vec![
                        ListItem::new(
                            "Från 1 juni gäller Folkhälsomyndighetens restriktioner i tre nivåer, som bedöms \
                             efter smittspridning, vaccination och vårdens belastning.",
                        ),
                        ListItem::new("Smittspridningen i Västra Götaland har minskat fyra veckor i följd."),
                        ListItem::new("Samverkan mellan smittskydd och kommunerna fungerar väl."),
                    ],
                )],
            }],
            position: noted(),
            ..Item::default()
        },
        Item {
            title: "Information ut från mötet".into(),
            presenters: vec![role("Josefin Lantz", "kommunikatör vårdsamverkan")],
            content: vec![Block::List {
                items: vec![ListItem::with_children(
                    "Verktyg som gör det lättare att rapportera och sprida information",
                    vec![
                        ListItem::new("En kort presentation efter varje möte"),
                        ListItem::new(Text(vec![
                            Inline::Text {
                                text: "Nyhetsbrev Nära vård – ".into(),
                            },
                            Inline::Link {
                                text: "prenumerera".into(),
                                href: "/sro/nyhetsbrev/".into(),
                            },
                        ])),
                    ],
                )],
            }],
            position: noted(),
            ..Item::default()
        },
    ];
    m.closing = Some(slide(
        "Verktyg för att underlätta rapportering och spridning",
        &[
            "En kort presentation från varje möte",
            "Nyhetsbrev Nära vård – prenumerera!",
        ],
    ));
    m
}

/// Long titles, long paragraphs, a very long word; a known time and place.
pub fn long_items() -> Meeting {
    let mut m = Meeting::new("nvg", d(2024, 2, 9));
    m.start = Some(Time::constant(9, 30, 0, 0));
    m.end = Some(Time::constant(12, 0, 0, 0));
    m.place = Some("Stadshuset, sal 3, Exempelstad".into());
    m.updated = Some(d(2024, 2, 12).at(16, 5, 0, 0));
    let paragraph = "Gruppen gick igenom hur hemsjukvården, primärvården och den kommunala omsorgen delar \
                     ansvaret när en patient skrivs ut från sjukhus, och vilka rutiner som behöver ses över \
                     för att ingen ska hamna mellan stolarna under övergången. ";
    m.items = vec![
        Item {
            title:
                "Gemensam plan för utskrivning från sluten vård till hemsjukvård och kommunal omsorg i hela \
                    delregionen under 2024 och 2025"
                    .into(),
            presenters: vec![person("Maria Öberg", "Exempelkommun")],
            content: vec![
                Block::paragraph(Text::plain(paragraph.repeat(3).trim())),
                Block::paragraph(
                    "Ett ord som inte får plats: \
                     Samverkansöverenskommelseuppföljningsarbetsgruppsmötesprotokollsjusteringsrutinbeskrivning.",
                ),
                Block::paragraph(Text::plain(paragraph.repeat(2).trim())),
            ],
            position: Some(Position {
                kind: PositionKind::Decided,
                text: "NVG beslutar att planen gäller från 1 mars 2024".into(),
                points: vec![],
            }),
            ..Item::default()
        },
        Item {
            title: "Övriga frågor".into(),
            content: vec![Block::paragraph("Inga övriga frågor togs upp.")],
            position: Some(Position {
                kind: PositionKind::Other,
                text: String::new(),
                points: vec![],
            }),
            ..Item::default()
        },
    ];
    m
}

/// Eight presenters on one item.
pub fn many_presenters() -> Meeting {
    let mut m = Meeting::new("sro", d(2022, 3, 18));
    m.updated = Some(d(2022, 3, 18).at(15, 0, 0, 0));
    let names = [
        ("Åsa Lindqvist", Some("VGR"), None),
        ("Erik Nyström", Some("VästKom"), None),
        ("Leila Haddad", None, Some("samordnare psykisk hälsa")),
        ("Johan Ek", Some("VGR"), Some("enhetschef")),
        ("Sara Björk", Some("VästKom"), None),
        ("Mikael Ståhl", Some("Länsstyrelsen"), None),
        ("Ingrid Åkesson", Some("VGR"), None),
        ("Päivi Korhonen", None, None),
    ];
    let presenters = names
        .iter()
        .map(|(n, o, r)| Presenter {
            name: (*n).into(),
            organisation: o.map(Into::into),
            role: r.map(Into::into),
        })
        .collect();
    m.items = vec![Item {
        title: "Psykisk hälsa: gemensam handlingsplan".into(),
        presenters,
        content: vec![bullets(&[
            "Planen tas fram av alla parter tillsammans.",
            "Remiss i höst.",
        ])],
        position: noted(),
        ..Item::default()
    }];
    m
}

/// No events, no presenters, no position, no update time.
pub fn no_events() -> Meeting {
    let mut m = Meeting::new("nvg", d(2023, 12, 1));
    m.items = vec![
        Item {
            title: "Information om vintern".into(),
            content: vec![Block::paragraph(
                "Vårdens beredskap inför helgerna beskrevs kort.",
            )],
            ..Item::default()
        },
        Item {
            title: "Punkt utan innehåll".into(),
            ..Item::default()
        },
    ];
    m
}

/// Minutes published, with their date.
pub fn minutes_published() -> Meeting {
    let mut m = sro();
    m.items.truncate(2);
    m.minutes = Minutes::Published {
        href: "https://samman.example.org/sro/2021-05-21/motesanteckningar.pdf".into(),
        date: Some(d(2021, 6, 10)),
    };
    m.updated = Some(d(2021, 6, 10).at(8, 15, 0, 0));
    m
}

/// One item with 40 bullets (a winter-time event too, for the +01:00 offset).
pub fn forty_bullets() -> Meeting {
    let mut m = Meeting::new("sro", d(2021, 11, 19));
    m.updated = Some(d(2021, 11, 22).at(10, 0, 0, 0));
    let lines: Vec<String> = (1..=40)
        .map(|i| format!("Synpunkt nummer {i} från remissvaren."))
        .collect();
    m.items = vec![Item {
        title: "Sammanställning av remissvar".into(),
        presenters: vec![person("Jeanette Andersson", "VästKom")],
        content: vec![Block::List {
            items: lines.iter().map(|l| ListItem::new(l.as_str())).collect(),
        }],
        position: noted(),
        events: vec![Event {
            start: d(2021, 12, 3).at(9, 0, 0, 0),
            end: None,
            summary: "Sista dag för kompletterande synpunkter".into(),
        }],
        ..Item::default()
    }];
    m
}

/// Content that tries to break every rendition.
pub fn hostile() -> Meeting {
    let nasty = "<script>alert('x')</script> & \"citat\" ]]> --> \u{7}\u{1b}[31m kontroll\u{0}";
    let mut m = Meeting::new("sro", d(2021, 5, 21));
    m.title = Some("Möte <b>fett</b> & \"mer\"\r\nBcc: offer@example.org".into());
    m.lead = Some(format!("Ingress {nasty}"));
    m.place = Some("Sal ]]> <3".into());
    m.updated = Some(d(2021, 5, 24).at(9, 51, 0, 0));
    m.minutes = Minutes::Published {
        href: "javascript:alert(1)".into(),
        date: None,
    };
    m.items = vec![Item {
        title: format!("Punkt {nasty}"),
        presenters: vec![Presenter {
            name: "Eve <eve@example.org>".into(),
            organisation: Some("Org; med, tecken\\".into()),
            role: Some("\"roll\"".into()),
        }],
        content: vec![
            Block::paragraph(Text(vec![
                Inline::Link {
                    text: "klicka <här>".into(),
                    href: "javascript:alert(1)".into(),
                },
                Inline::Text { text: " och ".into() },
                Inline::Link {
                    text: "där".into(),
                    href: "https://example.org/?a=1&b=\"2\"".into(),
                },
            ])),
            Block::paragraph(Text::plain(format!("Ett långt ord: {}", "Åäö".repeat(60)))),
            bullets(&[nasty, "🙂 emoji och ¼ ½"]),
        ],
        position: Some(Position {
            kind: PositionKind::Endorsed,
            text: format!("SRO ställer sig bakom {nasty}"),
            points: vec![nasty.into()],
        }),
        slides: vec![slide("Bild ]]> <x>", &["y"])],
        events: vec![Event {
            start: d(2021, 6, 1).at(10, 0, 0, 0),
            end: Some(d(2021, 6, 1).at(11, 0, 0, 0)),
            summary: format!("Möte; med, tecken\\ och\nradbrytning {nasty}"),
        }],
        timeline: vec![TimelineEntry {
            date: None,
            when: Some("<i>snart</i>".into()),
            text: nasty.into(),
        }],
    }];
    m
}

/// Every fixture with its body, named for snapshots.
pub fn all() -> Vec<(&'static str, Meeting, Body)> {
    vec![
        ("sro", sro(), sro_body()),
        ("long_items", long_items(), other_body()),
        ("many_presenters", many_presenters(), sro_body()),
        ("no_events", no_events(), other_body()),
        ("minutes_published", minutes_published(), sro_body()),
        ("forty_bullets", forty_bullets(), sro_body()),
        ("hostile", hostile(), sro_body()),
    ]
}
