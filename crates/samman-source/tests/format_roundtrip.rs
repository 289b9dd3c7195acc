//! Property test: for every normalised meeting, `parse_meeting(&write(&m)) == m` and `write` is
//! idempotent. Text draws on the characters that mean something in Markdown or in the format itself.

use proptest::prelude::*;
use samman_domain::{
    Block, Bodies, Date, DateTime, Event, Inline, Item, ListItem, Meeting, Minutes, Position, PositionKind,
    Presenter, Slide, Text, Time, TimelineEntry,
};
use samman_source::format::{parse_meeting, write};

/// Characters words are made of: Swedish letters, digits and everything with a meaning at a line start
/// or inline (`[ ] ( ) * _ # - : \ < & + > . ;`).
const CHARS: &[char] = &[
    'a', 'b', 'k', 'r', 'å', 'ä', 'ö', 'Å', 'Ä', 'Ö', 'S', 'R', 'O', '0', '1', '9', '[', ']', '(', ')', '*',
    '_', '#', '-', ':', '\\', '<', '&', '+', '>', '.', ';', '"', '\'', '–', '!', '|', '`', '=', '~',
];

fn word_from(chars: &'static [char]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(chars), 1..6).prop_map(|cs| cs.into_iter().collect())
}

fn word() -> impl Strategy<Value = String> {
    word_from(CHARS)
}

/// Normalised text: words joined by single spaces, no edge spaces; possibly empty.
fn sentence(min: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), min..5).prop_map(|w| w.join(" "))
}

/// Link labels cannot hold `*`/`_` (the shared inline parser drops emphasis markers in labels).
const LABEL_CHARS: &[char] = &[
    'a', 'ö', 'Å', '1', '[', ']', '(', ')', '#', '-', ':', '\\', '<', '&',
];

fn inline_text() -> impl Strategy<Value = Text> {
    let segment = prop_oneof![
        (sentence(1), any::<bool>(), any::<bool>()).prop_map(|(s, lead, trail)| {
            Inline::Text {
                text: format!(
                    "{}{s}{}",
                    if lead { " " } else { "" },
                    if trail { " " } else { "" }
                ),
            }
        }),
        (
            prop::collection::vec(word_from(LABEL_CHARS), 0..3),
            prop::collection::vec(prop::sample::select(CHARS), 0..12)
        )
            .prop_map(|(label, href)| Inline::Link {
                text: label.join(" "),
                href: href.into_iter().collect(),
            }),
    ];
    prop::collection::vec(segment, 1..4).prop_map(normalise)
}

/// The normal form of inline content: adjacent text runs merged, whitespace collapsed, one space kept
/// at a run's edge only where it touches a link.
fn normalise(inlines: Vec<Inline>) -> Text {
    let mut merged: Vec<Inline> = Vec::new();
    for inline in inlines {
        match (merged.last_mut(), inline) {
            (Some(Inline::Text { text: prev }), Inline::Text { text }) => prev.push_str(&text),
            (_, inline) => merged.push(inline),
        }
    }
    let n = merged.len();
    let mut out = Vec::new();
    for (i, inline) in merged.into_iter().enumerate() {
        match inline {
            Inline::Text { text } => {
                let core = text.split_whitespace().collect::<Vec<_>>().join(" ");
                let mut t = String::new();
                if i > 0 && text.starts_with(' ') {
                    t.push(' ');
                }
                t.push_str(&core);
                if i + 1 < n && text.ends_with(' ') && !core.is_empty() {
                    t.push(' ');
                }
                if !t.is_empty() {
                    out.push(Inline::Text { text: t });
                }
            }
            link => out.push(link),
        }
    }
    Text(out)
}

fn list_items(depth: u32) -> BoxedStrategy<Vec<ListItem>> {
    let leaf = prop_oneof![inline_text(), Just(Text::default())];
    if depth == 0 {
        prop::collection::vec(leaf.prop_map(ListItem::new), 1..4).boxed()
    } else {
        prop::collection::vec(
            (
                leaf,
                prop_oneof![2 => Just(Vec::new()), 1 => list_items(depth - 1)],
            )
                .prop_map(|(text, children)| ListItem { text, children }),
            1..4,
        )
        .boxed()
    }
}

fn blocks() -> impl Strategy<Value = Vec<Block>> {
    let block = prop_oneof![
        inline_text()
            .prop_filter("a paragraph has text", |t| !t.is_empty())
            .prop_map(|text| Block::Paragraph { text }),
        list_items(2).prop_map(|items| Block::List { items }),
    ];
    prop::collection::vec(block, 0..4)
}

fn presenter() -> impl Strategy<Value = Presenter> {
    let first = prop::sample::select(vec!["Anna", "Ann-Marie", "Åsa", "Örjan", "Jeanette", "Per"]);
    let last = prop::sample::select(vec!["Svensson", "Öberg", "Wilhelmsson", "Ek", "Lindqvist"]);
    let org = prop::option::of(prop::sample::select(vec![
        "VGR",
        "VästKom",
        "Skaraborgs Kommunalförbund",
        "GR",
        "Länsstyrelsen",
    ]));
    let role = prop::option::of(prop::sample::select(vec![
        "kommunikatör vårdsamverkan",
        "enhetschef",
        "samordnare",
    ]));
    (first, last, org, role).prop_map(|(f, l, org, role)| Presenter {
        name: format!("{f} {l}"),
        organisation: org.map(Into::into),
        role: role.map(Into::into),
    })
}

fn date() -> impl Strategy<Value = Date> {
    (1990i16..2040, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| Date::constant(y, m, d))
}

fn time() -> impl Strategy<Value = Time> {
    (
        0i8..24,
        0i8..60,
        prop_oneof![3 => Just(0i8), 1 => 0i8..60],
        prop_oneof![3 => Just(0i32), 1 => 0i32..1000],
    )
        .prop_map(|(h, m, s, ms)| Time::constant(h, m, s, ms * 1_000_000))
}

fn datetime() -> impl Strategy<Value = DateTime> {
    (date(), time()).prop_map(|(d, t)| d.to_datetime(t))
}

fn event() -> impl Strategy<Value = Event> {
    (datetime(), 0u8..3, 0i64..600, 0i64..3, sentence(0)).prop_map(
        |(start, end_kind, minutes, days, summary)| {
            let end = match end_kind {
                0 => None,
                1 => start.checked_add(jiff::Span::new().minutes(minutes)).ok(),
                _ => start
                    .checked_add(jiff::Span::new().days(days).minutes(minutes))
                    .ok(),
            };
            Event { start, end, summary }
        },
    )
}

fn timeline_entry() -> impl Strategy<Value = TimelineEntry> {
    (
        prop::option::of(date()),
        prop::option::of(sentence(1)),
        sentence(0),
    )
        .prop_map(|(date, when, text)| TimelineEntry { date, when, text })
}

fn position() -> impl Strategy<Value = Position> {
    let kind = prop::sample::select(vec![
        PositionKind::Noted,
        PositionKind::Endorsed,
        PositionKind::Decided,
        PositionKind::Other,
    ]);
    let text = prop_oneof![
        sentence(0),
        Just("SRO noterar informationen".to_string()),
        Just("SRO ställer sig bakom".to_string()),
    ];
    (kind, text, prop::collection::vec(sentence(0), 0..3)).prop_map(|(kind, text, points)| Position {
        kind,
        text,
        points,
    })
}

fn slide() -> impl Strategy<Value = Slide> {
    (sentence(0), blocks()).prop_map(|(title, content)| Slide { title, content })
}

fn item() -> impl Strategy<Value = Item> {
    (
        sentence(0),
        prop::collection::vec(presenter(), 0..4),
        blocks(),
        prop::option::of(position()),
        prop::collection::vec(slide(), 0..3),
        prop::collection::vec(event(), 0..3),
        prop::collection::vec(timeline_entry(), 0..3),
    )
        .prop_map(
            |(title, presenters, content, position, slides, events, timeline)| Item {
                title,
                presenters,
                content,
                position,
                slides,
                events,
                timeline,
            },
        )
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![sentence(0), ".{0,20}".prop_map(|s| s)]
}

fn minutes() -> impl Strategy<Value = Minutes> {
    prop_oneof![
        Just(Minutes::Pending),
        (any_text(), prop::option::of(date())).prop_map(|(href, date)| Minutes::Published { href, date }),
    ]
}

fn meeting() -> impl Strategy<Value = Meeting> {
    (
        (
            "[a-z]{1,10}",
            date(),
            prop::option::of(time()),
            prop::option::of(time()),
        ),
        (
            prop::option::of(any_text()),
            prop::option::of(any_text()),
            prop::option::of(any_text()),
            prop::option::of(datetime()),
        ),
        minutes(),
        prop::collection::vec(item(), 0..4),
        prop::option::of(slide()),
    )
        .prop_map(
            |((body, date, start, end), (place, title, lead, updated), minutes, items, closing)| Meeting {
                body,
                date,
                start,
                end,
                place,
                title,
                lead,
                updated,
                minutes,
                items,
                closing,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn written_meetings_read_back_the_same(m in meeting()) {
        let bodies = Bodies::default();
        let written = write(&m);
        let read = parse_meeting(&written, &bodies);
        prop_assert!(read.is_ok(), "{:?}\n--- written ---\n{written}", read.err());
        let read = read.unwrap_or_else(|_| unreachable!());
        prop_assert_eq!(&read, &m, "--- written ---\n{}", written);
        prop_assert_eq!(write(&read), written);
    }
}

/// Lines made of the format's own syntax in random order: whatever the mix, parsing returns a meeting
/// or an error with a position inside the file — never a panic.
fn fragment() -> impl Strategy<Value = String> {
    let pieces = vec![
        "+++",
        "body = \"sro\"",
        "date = 2021-05-21",
        "date = \"2021-02-3ä\"",
        "updated = \"2021-05-ää:00:00:00\"",
        "start = \"ä:ö\"",
        "[minutes]",
        "status = \"published\"",
        "href = 1",
        "## ",
        "##",
        "### Bild",
        "#",
        "#### x",
        "## Avslutande bild:",
        "Föredragande:",
        "Ställningstagande (",
        "Ställningstagande (x):",
        "Ställningstagande:",
        "Tidsplan:",
        "Händelser:",
        "- ",
        "-",
        "  - ",
        "\t* ",
        "- 2021-11-19 (",
        "- : ",
        "- 2021-09-16 14:00–",
        "- 2021-09-16 14:00–2021-09-1ä 10:00: x",
        "- 2021-13-45: x",
        "- ä:",
        "\\",
        "[a](",
        "](",
        "å",
        "ÅÄÖ",
        ":",
        " ",
        "",
    ];
    prop::collection::vec(prop::sample::select(pieces), 1..4).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_input_never_panics(lines in prop::collection::vec(fragment(), 0..30), front in any::<bool>()) {
        let mut text = if front { GOOD_FRONT.to_string() } else { String::new() };
        text.push_str(&lines.join("\n"));
        let line_count = text.lines().count().max(1);
        match samman_source::format::parse(&text, &Bodies::default()) {
            Ok(_) => {}
            Err(e) => {
                prop_assert!(e.pos.line >= 1 && e.pos.line <= line_count + 1, "{e} in\n{text}");
                prop_assert!(!e.message.is_empty());
            }
        }
    }
}

const GOOD_FRONT: &str = "+++\nbody = \"sro\"\ndate = 2021-05-21\n+++\n\n## Punkt\n";
