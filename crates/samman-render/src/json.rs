//! The documented, stable JSON of a meeting (`docs/json.md`), schema `samman/meeting/1`.
//!
//! Written from the small structs below rather than by serialising the domain types, so that the
//! published shape is written down here, key by key, and a change to the domain cannot silently change
//! it. Keys are written in the order of the fields. Every key is always present; absent values are `null`
//! or `[]`, so consumers never need to test for a missing key. (They are serialised straight to text,
//! not through a `serde_json::Value` tree: building and dropping that tree was most of the time a static
//! build of many meetings spent on this file.)
//!
//! Every string is text on one line ([`escape::one_line`]): the character rule of all renditions, and no
//! line breaks — CR, LF, U+2028 and U+2029 included — as `docs/json.md` promises, whatever the record holds.

use std::borrow::Cow;
use std::io;

use samman_domain::swedish::rfc3339;
use samman_domain::{
    Block, Body, Event, Inline, Item, ListItem, Meeting, Minutes, Position, Presenter, Slide, Text,
    TimelineEntry,
};
use serde::Serialize;
use serde_json::Value;
use serde_json::ser::Formatter;

use crate::escape;

/// The schema identifier; bumped only for changes that could break a consumer.
pub const SCHEMA: &str = "samman/meeting/1";

/// The meeting as stable JSON (pretty-printed, trailing newline).
pub fn render(meeting: &Meeting, body: &Body) -> String {
    // serde_json writes only UTF-8 (every string it is given is one).
    String::from_utf8(render_bytes(meeting, body)).unwrap_or_else(|_| String::from("{}\n"))
}

/// [`render`] as bytes, for a file or a response: not checked again to be UTF-8 as a `String` must be.
pub fn render_bytes(meeting: &Meeting, body: &Body) -> Vec<u8> {
    // Pretty JSON takes about four times the text it holds; reserved once instead of doubled into.
    let mut out = Vec::with_capacity(4096 + 4 * text_len(meeting));
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Pretty::default());
    if json(meeting, body).serialize(&mut serializer).is_err() {
        return b"{}\n".to_vec();
    }
    out.push(b'\n');
    out
}

/// The meeting as a JSON value (for embedding in larger documents, e.g. an API listing).
pub fn to_value(meeting: &Meeting, body: &Body) -> Value {
    serde_json::to_value(json(meeting, body)).unwrap_or(Value::Null)
}

/// Text as every string of the JSON holds it: on one line ([`escape::one_line`]). Borrowed where the
/// record's text already is (most is), so the structs below copy no text.
type Line<'a> = Cow<'a, str>;

fn t(s: &str) -> Line<'_> {
    escape::one_line_cow(s)
}

/// [`t`] of text made for the JSON (a derived title, a paragraph's plain text), kept where it is one line.
fn owned(s: Cow<'_, str>) -> Line<'_> {
    match s {
        Cow::Borrowed(s) => t(s),
        Cow::Owned(s) => Cow::Owned(escape::one_line_owned(s)),
    }
}

/// The length of the meeting's item text, a cheap measure of its JSON's size.
fn text_len(meeting: &Meeting) -> usize {
    let blocks = |content: &[Block]| -> usize {
        content
            .iter()
            .map(|block| match block {
                Block::Paragraph { text } => plain_len(text),
                Block::List { items } => list_len(items),
            })
            .sum()
    };
    meeting
        .items
        .iter()
        .map(|item| item.title.len() + blocks(&item.content))
        .sum()
}

fn list_len(items: &[ListItem]) -> usize {
    items
        .iter()
        .map(|item| plain_len(&item.text) + list_len(&item.children))
        .sum()
}

fn plain_len(text: &Text) -> usize {
    text.0
        .iter()
        .map(|inline| match inline {
            Inline::Text { text } | Inline::Link { text, .. } => text.len(),
        })
        .sum()
}

/// A text's plain text ([`Text::to_plain`]), borrowed where it is a single run (most are).
fn plain(text: &Text) -> Cow<'_, str> {
    match text.0.as_slice() {
        [Inline::Text { text } | Inline::Link { text, .. }] => Cow::Borrowed(text),
        _ => Cow::Owned(text.to_plain()),
    }
}

#[derive(Serialize)]
struct MeetingJson<'a> {
    schema: &'static str,
    body: BodyJson<'a>,
    date: String,
    start: Option<String>,
    end: Option<String>,
    place: Option<Line<'a>>,
    title: Line<'a>,
    title_derived: bool,
    lead: Line<'a>,
    lead_derived: bool,
    updated: Option<String>,
    minutes: MinutesJson<'a>,
    items: Vec<ItemJson<'a>>,
    closing: Option<SlideJson<'a>>,
}

#[derive(Serialize)]
struct BodyJson<'a> {
    id: Line<'a>,
    short_name: Line<'a>,
    name: Line<'a>,
}

fn json<'a>(meeting: &'a Meeting, body: &'a Body) -> MeetingJson<'a> {
    let at_time = |t: Option<samman_domain::Time>| t.map(|t| rfc3339(meeting.date.to_datetime(t)));
    MeetingJson {
        schema: SCHEMA,
        body: BodyJson {
            id: t(&body.id),
            short_name: t(&body.short_name),
            name: t(&body.name),
        },
        date: meeting.date.to_string(),
        start: at_time(meeting.start),
        end: at_time(meeting.end),
        place: meeting.place.as_deref().map(t),
        title: owned(Cow::Owned(meeting.title(body))),
        title_derived: meeting.title.is_none(),
        lead: owned(Cow::Owned(meeting.lead(body))),
        lead_derived: meeting.lead.is_none(),
        updated: meeting.updated.map(rfc3339),
        minutes: minutes(&meeting.minutes),
        items: meeting
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| self::item(i + 1, item))
            .collect(),
        closing: meeting.closing.as_ref().map(slide),
    }
}

#[derive(Serialize)]
struct MinutesJson<'a> {
    status: &'static str,
    href: Option<Line<'a>>,
    date: Option<String>,
}

fn minutes(minutes: &Minutes) -> MinutesJson<'_> {
    match minutes {
        Minutes::Pending => MinutesJson {
            status: "pending",
            href: None,
            date: None,
        },
        Minutes::Published { href, date } => MinutesJson {
            status: "published",
            href: Some(t(href)),
            date: date.map(|d| d.to_string()),
        },
    }
}

#[derive(Serialize)]
struct ItemJson<'a> {
    number: usize,
    title: Line<'a>,
    presenters: Vec<PresenterJson<'a>>,
    content: Vec<BlockJson<'a>>,
    position: Option<PositionJson<'a>>,
    slides: Vec<SlideJson<'a>>,
    events: Vec<EventJson<'a>>,
    timeline: Vec<TimelineJson<'a>>,
}

fn item(number: usize, item: &Item) -> ItemJson<'_> {
    ItemJson {
        number,
        title: t(&item.title),
        presenters: item.presenters.iter().map(presenter).collect(),
        content: blocks(&item.content),
        position: item.position.as_ref().map(position),
        slides: item.slides.iter().map(slide).collect(),
        events: item.events.iter().map(event).collect(),
        timeline: item.timeline.iter().map(timeline).collect(),
    }
}

#[derive(Serialize)]
struct PresenterJson<'a> {
    name: Line<'a>,
    organisation: Option<Line<'a>>,
    role: Option<Line<'a>>,
}

fn presenter(p: &Presenter) -> PresenterJson<'_> {
    PresenterJson {
        name: t(&p.name),
        organisation: p.organisation.as_deref().map(t),
        role: p.role.as_deref().map(t),
    }
}

#[derive(Serialize)]
struct PositionJson<'a> {
    kind: &'static str,
    label: &'static str,
    text: Line<'a>,
    points: Vec<Line<'a>>,
}

fn position(p: &Position) -> PositionJson<'_> {
    PositionJson {
        kind: p.kind.as_str(),
        label: p.kind.label_sv(),
        text: t(&p.text),
        points: p.points.iter().map(|s| t(s)).collect(),
    }
}

#[derive(Serialize)]
struct SlideJson<'a> {
    title: Line<'a>,
    content: Vec<BlockJson<'a>>,
}

fn slide(s: &Slide) -> SlideJson<'_> {
    SlideJson {
        title: t(&s.title),
        content: blocks(&s.content),
    }
}

#[derive(Serialize)]
struct EventJson<'a> {
    start: String,
    end: Option<String>,
    summary: Line<'a>,
}

fn event(e: &Event) -> EventJson<'_> {
    EventJson {
        start: rfc3339(e.start),
        end: e.end.map(rfc3339),
        summary: t(&e.summary),
    }
}

#[derive(Serialize)]
struct TimelineJson<'a> {
    date: Option<String>,
    when: Option<Line<'a>>,
    when_label: Line<'a>,
    text: Line<'a>,
}

fn timeline(entry: &TimelineEntry) -> TimelineJson<'_> {
    TimelineJson {
        date: entry.date.map(|d| d.to_string()),
        when: entry.when.as_deref().map(t),
        when_label: owned(Cow::Owned(entry.when_label())),
        text: t(&entry.text),
    }
}

/// A block: `{"type": "paragraph", "text", "inlines"}` or `{"type": "list", "items"}`.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum BlockJson<'a> {
    Paragraph {
        text: Line<'a>,
        inlines: Vec<InlineJson<'a>>,
    },
    List {
        items: Vec<ListItemJson<'a>>,
    },
}

fn blocks(content: &[Block]) -> Vec<BlockJson<'_>> {
    content
        .iter()
        .map(|block| match block {
            Block::Paragraph { text } => BlockJson::Paragraph {
                text: owned(plain(text)),
                inlines: inlines(text),
            },
            Block::List { items } => BlockJson::List { items: list(items) },
        })
        .collect()
}

#[derive(Serialize)]
struct ListItemJson<'a> {
    text: Line<'a>,
    inlines: Vec<InlineJson<'a>>,
    children: Vec<ListItemJson<'a>>,
}

fn list(items: &[ListItem]) -> Vec<ListItemJson<'_>> {
    items
        .iter()
        .map(|item| ListItemJson {
            text: owned(plain(&item.text)),
            inlines: inlines(&item.text),
            children: list(&item.children),
        })
        .collect()
}

/// An inline: `{"type": "text", "text"}` or `{"type": "link", "text", "href"}`.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum InlineJson<'a> {
    Text { text: Line<'a> },
    Link { text: Line<'a>, href: Line<'a> },
}

fn inlines(text: &Text) -> Vec<InlineJson<'_>> {
    text.0
        .iter()
        .map(|inline| match inline {
            Inline::Text { text } => InlineJson::Text {
                text: escape::one_line_run_cow(text),
            },
            Inline::Link { text, href } => InlineJson::Link {
                text: t(text),
                href: t(href),
            },
        })
        .collect()
}

/// serde_json's `PrettyFormatter` (two spaces), byte for byte, writing a line break and its indent in
/// one piece: serde_json's writes each level's two spaces on their own, thousands of tiny copies a file.
#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    /// A line break (after a comma unless `first`), then the indent of the current depth.
    fn new_line<W: ?Sized + io::Write>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        const LINES: &[u8; 66] = b",\n                                                                ";
        let from = usize::from(first);
        match LINES.get(from..2 + 2 * self.depth) {
            Some(line) => writer.write_all(line),
            None => {
                writer.write_all(&LINES[from..2])?;
                (0..self.depth).try_for_each(|_| writer.write_all(b"  "))
            }
        }
    }

    fn open<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.new_line(writer, true)?;
        }
        writer.write_all(bracket)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.new_line(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.new_line(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use samman_domain::Date;

    fn with_pretty(value: &Value) -> String {
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, Pretty::default());
        value.serialize(&mut serializer).expect("serialises");
        String::from_utf8(out).expect("UTF-8")
    }

    /// Nested arrays and objects, empty ones among them.
    fn values() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            "[a\"\n]{0,3}".prop_map(Value::from)
        ];
        leaf.prop_recursive(8, 64, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                prop::collection::btree_map("[ab]{1,2}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// `Pretty` writes what serde_json's own pretty printer writes.
        #[test]
        fn pretty_is_serde_jsons(value in values()) {
            prop_assert_eq!(with_pretty(&value), serde_json::to_string_pretty(&value).expect("serialises"));
        }
    }

    #[test]
    fn pretty_indents_past_its_table() {
        let mut deep = Value::from(vec![1, 2]);
        for _ in 0..40 {
            deep = Value::from(vec![deep, Value::from("x")]);
        }
        assert_eq!(
            with_pretty(&deep),
            serde_json::to_string_pretty(&deep).expect("serialises")
        );
    }

    #[test]
    fn strings_carry_no_controls_or_line_breaks() {
        let mut m = Meeting::new("sro", Date::constant(2021, 5, 21));
        m.title = Some("Rad ett\r\nrad två\u{2028}tre\u{2029}fyra\u{7}\u{202E}".into());
        m.items.push(Item {
            title: "Punkt\nett".into(),
            content: vec![Block::Paragraph {
                text: Text(vec![
                    Inline::Text {
                        text: "Se\u{85} ".into(),
                    },
                    Inline::Link {
                        text: "här".into(),
                        href: "https://a.se/\r\nx".into(),
                    },
                ]),
            }],
            ..Item::default()
        });
        let out = render(&m, &Body::named("sro", "SRO", "SRO"));
        for bad in [
            "\\r", "\\n", "\\u0007", "\\u0085", "\u{2028}", "\u{2029}", "\u{202E}", "\\u2028",
        ] {
            assert!(!out.contains(bad), "{bad:?} in {out}");
        }
        assert!(out.contains("\"title\": \"Rad ett rad två tre fyra\""), "{out}");
        assert!(out.contains("\"text\": \"Se \""), "{out}");
    }
}
