//! Meetings for the web, e-mail, calendar and feed tests: the SRO meeting of 21 May 2021 is the shipped
//! example (`examples/sro-2021-05-21.md`); the others, built in Rust, stress what real records do: long
//! items, many presenters, no events, published minutes, 40 bullets, hostile content.

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
    body.theme.primary = samman_domain::Rgb(0x7a, 0x1f, 0x5c);
    body.theme.accent = samman_domain::Rgb(0xf2, 0xc2, 0x30);
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

/// The SRO meeting of 21 May 2021 — the shipped example `examples/sro-2021-05-21.md`, so the tests render
/// the same record users see.
pub fn sro() -> Meeting {
    let text = include_str!("../../../../examples/sro-2021-05-21.md");
    let bodies = bodies();
    match samman_source::format::parse_meeting(text, &bodies) {
        Ok(meeting) => meeting,
        Err(e) => panic!("examples/sro-2021-05-21.md:{}: {}", e.pos, e.message),
    }
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
