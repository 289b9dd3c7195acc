//! The documented, stable JSON of a meeting (`docs/json.md`), schema `samman/meeting/1`.
//!
//! Built with `serde_json::json!` rather than by serialising the domain types, so that the published
//! shape is written down here, key by key, and a change to the domain cannot silently change it. Keys
//! keep the order written here (`serde_json` has `preserve_order`). Every key is always present; absent
//! values are `null` or `[]`, so consumers never need to test for a missing key.
//!
//! Every string is text on one line ([`escape::one_line`]): the character rule of all renditions, and no
//! line breaks — CR, LF, U+2028 and U+2029 included — as `docs/json.md` promises, whatever the record holds.

use samman_domain::swedish::rfc3339;
use samman_domain::{
    Block, Body, Event, Inline, Item, ListItem, Meeting, Minutes, Position, Presenter, Slide, Text,
    TimelineEntry,
};
use serde_json::{Value, json};

use crate::escape::{self, one_line as t};

/// The schema identifier; bumped only for changes that could break a consumer.
pub const SCHEMA: &str = "samman/meeting/1";

/// The meeting as stable JSON (pretty-printed, trailing newline).
pub fn render(meeting: &Meeting, body: &Body) -> String {
    let value = to_value(meeting, body);
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_else(|_| String::from("{}"));
    out.push('\n');
    out
}

/// The meeting as a JSON value (for embedding in larger documents, e.g. an API listing).
pub fn to_value(meeting: &Meeting, body: &Body) -> Value {
    let at_time = |t: Option<samman_domain::Time>| t.map(|t| rfc3339(meeting.date.to_datetime(t)));
    json!({
        "schema": SCHEMA,
        "body": {
            "id": t(&body.id),
            "short_name": t(&body.short_name),
            "name": t(&body.name),
        },
        "date": meeting.date.to_string(),
        "start": at_time(meeting.start),
        "end": at_time(meeting.end),
        "place": meeting.place.as_deref().map(t),
        "title": t(&meeting.title(body)),
        "title_derived": meeting.title.is_none(),
        "lead": t(&meeting.lead(body)),
        "lead_derived": meeting.lead.is_none(),
        "updated": meeting.updated.map(rfc3339),
        "minutes": minutes(&meeting.minutes),
        "items": meeting
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| self::item(i + 1, item))
            .collect::<Vec<_>>(),
        "closing": meeting.closing.as_ref().map(slide),
    })
}

fn minutes(minutes: &Minutes) -> Value {
    match minutes {
        Minutes::Pending => json!({ "status": "pending", "href": null, "date": null }),
        Minutes::Published { href, date } => json!({
            "status": "published",
            "href": t(href),
            "date": date.map(|d| d.to_string()),
        }),
    }
}

fn item(number: usize, item: &Item) -> Value {
    json!({
        "number": number,
        "title": t(&item.title),
        "presenters": item.presenters.iter().map(presenter).collect::<Vec<_>>(),
        "content": blocks(&item.content),
        "position": item.position.as_ref().map(position),
        "slides": item.slides.iter().map(slide).collect::<Vec<_>>(),
        "events": item.events.iter().map(event).collect::<Vec<_>>(),
        "timeline": item.timeline.iter().map(timeline).collect::<Vec<_>>(),
    })
}

fn presenter(p: &Presenter) -> Value {
    json!({
        "name": t(&p.name),
        "organisation": p.organisation.as_deref().map(t),
        "role": p.role.as_deref().map(t),
    })
}

fn position(p: &Position) -> Value {
    json!({
        "kind": p.kind.as_str(),
        "label": p.kind.label_sv(),
        "text": t(&p.text),
        "points": p.points.iter().map(|s| t(s)).collect::<Vec<_>>(),
    })
}

fn slide(s: &Slide) -> Value {
    json!({ "title": t(&s.title), "content": blocks(&s.content) })
}

fn event(e: &Event) -> Value {
    json!({
        "start": rfc3339(e.start),
        "end": e.end.map(rfc3339),
        "summary": t(&e.summary),
    })
}

fn timeline(entry: &TimelineEntry) -> Value {
    json!({
        "date": entry.date.map(|d| d.to_string()),
        "when": entry.when.as_deref().map(t),
        "when_label": t(&entry.when_label()),
        "text": t(&entry.text),
    })
}

fn blocks(content: &[Block]) -> Vec<Value> {
    content
        .iter()
        .map(|block| match block {
            Block::Paragraph { text } => json!({
                "type": "paragraph",
                "text": t(&text.to_plain()),
                "inlines": inlines(text),
            }),
            Block::List { items } => json!({ "type": "list", "items": list(items) }),
        })
        .collect()
}

fn list(items: &[ListItem]) -> Vec<Value> {
    items
        .iter()
        .map(|item| {
            json!({
                "text": t(&item.text.to_plain()),
                "inlines": inlines(&item.text),
                "children": list(&item.children),
            })
        })
        .collect()
}

fn inlines(text: &Text) -> Vec<Value> {
    text.0
        .iter()
        .map(|inline| match inline {
            Inline::Text { text } => json!({ "type": "text", "text": escape::one_line_run(text) }),
            Inline::Link { text, href } => {
                json!({ "type": "link", "text": t(text), "href": t(href) })
            }
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
