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

use samman_domain::swedish::rfc3339;
use samman_domain::{
    Block, Body, Event, Inline, Item, ListItem, Meeting, Minutes, Position, Presenter, Slide, Text,
    TimelineEntry,
};
use serde::Serialize;
use serde_json::Value;

use crate::escape::{self, one_line as t};

/// The schema identifier; bumped only for changes that could break a consumer.
pub const SCHEMA: &str = "samman/meeting/1";

/// The meeting as stable JSON (pretty-printed, trailing newline).
pub fn render(meeting: &Meeting, body: &Body) -> String {
    let mut out = serde_json::to_string_pretty(&json(meeting, body)).unwrap_or_else(|_| String::from("{}"));
    out.push('\n');
    out
}

/// The meeting as a JSON value (for embedding in larger documents, e.g. an API listing).
pub fn to_value(meeting: &Meeting, body: &Body) -> Value {
    serde_json::to_value(json(meeting, body)).unwrap_or(Value::Null)
}

#[derive(Serialize)]
struct MeetingJson {
    schema: &'static str,
    body: BodyJson,
    date: String,
    start: Option<String>,
    end: Option<String>,
    place: Option<String>,
    title: String,
    title_derived: bool,
    lead: String,
    lead_derived: bool,
    updated: Option<String>,
    minutes: MinutesJson,
    items: Vec<ItemJson>,
    closing: Option<SlideJson>,
}

#[derive(Serialize)]
struct BodyJson {
    id: String,
    short_name: String,
    name: String,
}

fn json(meeting: &Meeting, body: &Body) -> MeetingJson {
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
        title: t(&meeting.title(body)),
        title_derived: meeting.title.is_none(),
        lead: t(&meeting.lead(body)),
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
struct MinutesJson {
    status: &'static str,
    href: Option<String>,
    date: Option<String>,
}

fn minutes(minutes: &Minutes) -> MinutesJson {
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
struct ItemJson {
    number: usize,
    title: String,
    presenters: Vec<PresenterJson>,
    content: Vec<BlockJson>,
    position: Option<PositionJson>,
    slides: Vec<SlideJson>,
    events: Vec<EventJson>,
    timeline: Vec<TimelineJson>,
}

fn item(number: usize, item: &Item) -> ItemJson {
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
struct PresenterJson {
    name: String,
    organisation: Option<String>,
    role: Option<String>,
}

fn presenter(p: &Presenter) -> PresenterJson {
    PresenterJson {
        name: t(&p.name),
        organisation: p.organisation.as_deref().map(t),
        role: p.role.as_deref().map(t),
    }
}

#[derive(Serialize)]
struct PositionJson {
    kind: &'static str,
    label: &'static str,
    text: String,
    points: Vec<String>,
}

fn position(p: &Position) -> PositionJson {
    PositionJson {
        kind: p.kind.as_str(),
        label: p.kind.label_sv(),
        text: t(&p.text),
        points: p.points.iter().map(|s| t(s)).collect(),
    }
}

#[derive(Serialize)]
struct SlideJson {
    title: String,
    content: Vec<BlockJson>,
}

fn slide(s: &Slide) -> SlideJson {
    SlideJson {
        title: t(&s.title),
        content: blocks(&s.content),
    }
}

#[derive(Serialize)]
struct EventJson {
    start: String,
    end: Option<String>,
    summary: String,
}

fn event(e: &Event) -> EventJson {
    EventJson {
        start: rfc3339(e.start),
        end: e.end.map(rfc3339),
        summary: t(&e.summary),
    }
}

#[derive(Serialize)]
struct TimelineJson {
    date: Option<String>,
    when: Option<String>,
    when_label: String,
    text: String,
}

fn timeline(entry: &TimelineEntry) -> TimelineJson {
    TimelineJson {
        date: entry.date.map(|d| d.to_string()),
        when: entry.when.as_deref().map(t),
        when_label: t(&entry.when_label()),
        text: t(&entry.text),
    }
}

/// A block: `{"type": "paragraph", "text", "inlines"}` or `{"type": "list", "items"}`.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum BlockJson {
    Paragraph { text: String, inlines: Vec<InlineJson> },
    List { items: Vec<ListItemJson> },
}

fn blocks(content: &[Block]) -> Vec<BlockJson> {
    content
        .iter()
        .map(|block| match block {
            Block::Paragraph { text } => BlockJson::Paragraph {
                text: t(&text.to_plain()),
                inlines: inlines(text),
            },
            Block::List { items } => BlockJson::List { items: list(items) },
        })
        .collect()
}

#[derive(Serialize)]
struct ListItemJson {
    text: String,
    inlines: Vec<InlineJson>,
    children: Vec<ListItemJson>,
}

fn list(items: &[ListItem]) -> Vec<ListItemJson> {
    items
        .iter()
        .map(|item| ListItemJson {
            text: t(&item.text.to_plain()),
            inlines: inlines(&item.text),
            children: list(&item.children),
        })
        .collect()
}

/// An inline: `{"type": "text", "text"}` or `{"type": "link", "text", "href"}`.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum InlineJson {
    Text { text: String },
    Link { text: String, href: String },
}

fn inlines(text: &Text) -> Vec<InlineJson> {
    text.0
        .iter()
        .map(|inline| match inline {
            Inline::Text { text } => InlineJson::Text {
                text: escape::one_line_run(text),
            },
            Inline::Link { text, href } => InlineJson::Link {
                text: t(text),
                href: t(href),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use samman_domain::Date;

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
