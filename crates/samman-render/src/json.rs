//! The documented, stable JSON of a meeting (`docs/json.md`), schema `samman/meeting/1`.
//!
//! Built with `serde_json::json!` rather than by serialising the domain types, so that the published
//! shape is written down here, key by key, and a change to the domain cannot silently change it. Keys
//! keep the order written here (`serde_json` has `preserve_order`). Every key is always present; absent
//! values are `null` or `[]`, so consumers never need to test for a missing key.

use samman_domain::swedish::rfc3339;
use samman_domain::{
    Block, Body, Event, Inline, Item, ListItem, Meeting, Minutes, Position, Presenter, Slide, Text,
    TimelineEntry,
};
use serde_json::{Value, json};

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
            "id": body.id,
            "short_name": body.short_name,
            "name": body.name,
        },
        "date": meeting.date.to_string(),
        "start": at_time(meeting.start),
        "end": at_time(meeting.end),
        "place": meeting.place,
        "title": meeting.title(body),
        "title_derived": meeting.title.is_none(),
        "lead": meeting.lead(body),
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
            "href": href,
            "date": date.map(|d| d.to_string()),
        }),
    }
}

fn item(number: usize, item: &Item) -> Value {
    json!({
        "number": number,
        "title": item.title,
        "presenters": item.presenters.iter().map(presenter).collect::<Vec<_>>(),
        "content": blocks(&item.content),
        "position": item.position.as_ref().map(position),
        "slides": item.slides.iter().map(slide).collect::<Vec<_>>(),
        "events": item.events.iter().map(event).collect::<Vec<_>>(),
        "timeline": item.timeline.iter().map(timeline).collect::<Vec<_>>(),
    })
}

fn presenter(p: &Presenter) -> Value {
    json!({ "name": p.name, "organisation": p.organisation, "role": p.role })
}

fn position(p: &Position) -> Value {
    json!({
        "kind": p.kind.as_str(),
        "label": p.kind.label_sv(),
        "text": p.text,
        "points": p.points,
    })
}

fn slide(s: &Slide) -> Value {
    json!({ "title": s.title, "content": blocks(&s.content) })
}

fn event(e: &Event) -> Value {
    json!({
        "start": rfc3339(e.start),
        "end": e.end.map(rfc3339),
        "summary": e.summary,
    })
}

fn timeline(t: &TimelineEntry) -> Value {
    json!({
        "date": t.date.map(|d| d.to_string()),
        "when": t.when,
        "when_label": t.when_label(),
        "text": t.text,
    })
}

fn blocks(content: &[Block]) -> Vec<Value> {
    content
        .iter()
        .map(|block| match block {
            Block::Paragraph { text } => json!({
                "type": "paragraph",
                "text": text.to_plain(),
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
                "text": item.text.to_plain(),
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
            Inline::Text { text } => json!({ "type": "text", "text": text }),
            Inline::Link { text, href } => json!({ "type": "link", "text": text, "href": href }),
        })
        .collect()
}
