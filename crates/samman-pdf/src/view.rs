//! The data the typst template walks: a meeting flattened into display-ready strings.
//!
//! Everything a reader sees is decided here, in Rust, where it can be unit-tested: Swedish dates and
//! times, presenter lines, which links are safe to make clickable. The template only lays it out. The
//! view is handed to typst as JSON data (never pasted into markup), so no user text can become typst code.

use samman_domain::{
    Block, Body, Event, Inline, Item, ListItem, Meeting, Minutes, Rgb, Slide, Text, TimelineEntry, swedish,
};
use serde::Serialize;

use crate::text::{clean, clean_run, safe_href};

/// The whole document.
#[derive(Debug, Serialize)]
pub struct View {
    /// Document title, also the PDF metadata title.
    pub title: String,
    /// Full name of the body, shown above the title.
    pub body_name: String,
    pub body_short: String,
    /// "fredag 21 maj 2021", plus time and place when known.
    pub when: String,
    pub place: Option<String>,
    pub lead: String,
    /// Calendar date of the document for the PDF metadata (the last update, else the meeting day).
    pub date: DateParts,
    pub theme: ThemeView,
    pub items: Vec<ItemView>,
    /// "2021-05-24 09:51".
    pub updated: Option<String>,
    pub minutes: MinutesView,
}

#[derive(Debug, Serialize)]
pub struct DateParts {
    pub year: i16,
    pub month: i8,
    pub day: i8,
}

/// Colours as validated "#rrggbb" strings, so the template's `rgb()` can never fail on them.
#[derive(Debug, Serialize)]
pub struct ThemeView {
    pub primary: String,
    pub accent: String,
    pub text: String,
    pub background: String,
}

#[derive(Debug, Serialize)]
pub struct ItemView {
    pub number: usize,
    /// Label name for links from the agenda ("punkt-1").
    pub anchor: String,
    pub title: String,
    /// "Ann-Marie Svensson, VGR och Jeanette Andersson, VästKom"; empty when nobody is named.
    pub presenters: String,
    pub content: Vec<BlockView>,
    pub position: Option<PositionView>,
    pub slides: Vec<SlideView>,
    pub events: Vec<EventView>,
    pub timeline: Vec<TimelineView>,
}

#[derive(Debug, Serialize)]
pub struct PositionView {
    /// "Noterar informationen", "Ställer sig bakom", …
    pub kind: String,
    pub text: String,
    pub points: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct SlideView {
    pub title: String,
    pub content: Vec<BlockView>,
}

#[derive(Debug, Serialize)]
pub struct EventView {
    /// "torsdag 16 september 2021, kl. 14.00–15.30".
    pub when: String,
    pub summary: String,
}

#[derive(Debug, Serialize)]
pub struct TimelineView {
    pub when: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockView {
    Paragraph { text: Vec<InlineView> },
    List { items: Vec<ListItemView> },
}

#[derive(Debug, Serialize)]
pub struct ListItemView {
    pub text: Vec<InlineView>,
    pub children: Vec<ListItemView>,
}

/// A run of text; `href` only when it is a link a PDF reader may safely open.
#[derive(Debug, Serialize)]
pub struct InlineView {
    pub text: String,
    pub href: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct MinutesView {
    /// The sentence shown at the end of the document.
    pub text: String,
    /// The minutes' address once published and safe to link.
    pub href: Option<String>,
}

/// Builds the view of `meeting` as published by `body`.
pub fn view(meeting: &Meeting, body: &Body) -> View {
    let base = body.base_url.as_deref();
    let day = meeting.updated.map(|u| u.date()).unwrap_or(meeting.date);
    View {
        title: clean(&meeting.title(body)),
        body_name: clean(&body.name),
        body_short: clean(&body.short_name),
        when: meeting_when(meeting),
        place: meeting.place.as_deref().map(clean).filter(|p| !p.is_empty()),
        lead: clean(&meeting.lead(body)),
        date: DateParts {
            year: day.year(),
            month: day.month(),
            day: day.day(),
        },
        theme: ThemeView {
            primary: colour(&body.theme.primary, "#00506e"),
            accent: colour(&body.theme.accent, "#e0a526"),
            text: colour(&body.theme.text, "#1d1d1b"),
            background: colour(&body.theme.background, "#ffffff"),
        },
        items: meeting
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| item_view(i + 1, item, base))
            .collect(),
        updated: meeting.updated.map(swedish::timestamp),
        minutes: minutes_view(&meeting.minutes, base),
    }
}

fn item_view(number: usize, item: &Item, base: Option<&str>) -> ItemView {
    ItemView {
        number,
        anchor: format!("punkt-{number}"),
        title: clean(&item.title),
        presenters: clean(&swedish::presenters(&item.presenters)),
        content: blocks(&item.content, base),
        position: item.position.as_ref().map(|p| PositionView {
            kind: p.kind.label_sv().to_string(),
            text: clean(&p.text),
            points: p
                .points
                .iter()
                .map(|s| clean(s))
                .filter(|s| !s.is_empty())
                .collect(),
        }),
        slides: item.slides.iter().map(|s| slide_view(s, base)).collect(),
        events: item.events.iter().map(event_view).collect(),
        timeline: item.timeline.iter().map(timeline_view).collect(),
    }
}

fn slide_view(slide: &Slide, base: Option<&str>) -> SlideView {
    SlideView {
        title: clean(&slide.title),
        content: blocks(&slide.content, base),
    }
}

fn blocks(blocks: &[Block], base: Option<&str>) -> Vec<BlockView> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { text } => BlockView::Paragraph {
                text: inlines(text, base),
            },
            Block::List { items } => BlockView::List {
                items: list_items(items, base),
            },
        })
        .collect()
}

fn list_items(items: &[ListItem], base: Option<&str>) -> Vec<ListItemView> {
    items
        .iter()
        .map(|item| ListItemView {
            text: inlines(&item.text, base),
            children: list_items(&item.children, base),
        })
        .collect()
}

fn inlines(text: &Text, base: Option<&str>) -> Vec<InlineView> {
    text.0
        .iter()
        .map(|inline| match inline {
            Inline::Text { text } => InlineView {
                text: clean_run(text),
                href: None,
            },
            Inline::Link { text, href } => InlineView {
                text: clean(text),
                href: safe_href(href, base),
            },
        })
        .collect()
}

const WEEKDAYS: [&str; 7] = [
    "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
];

/// "torsdag 16 september 2021".
fn long_date(d: samman_domain::Date) -> String {
    let weekday = WEEKDAYS
        .get(usize::from(d.weekday().to_monday_zero_offset().unsigned_abs()))
        .copied()
        .unwrap_or("");
    format!("{weekday} {}", swedish::date(d)).trim().to_string()
}

/// "fredag 21 maj 2021, kl. 09.00–12.00".
fn meeting_when(meeting: &Meeting) -> String {
    let mut s = long_date(meeting.date);
    match (meeting.start, meeting.end) {
        (Some(start), Some(end)) => {
            s += &format!(", kl. {}–{}", swedish::time(start), swedish::time(end));
        }
        (Some(start), None) => s += &format!(", kl. {}", swedish::time(start)),
        _ => {}
    }
    s
}

/// "torsdag 16 september 2021, kl. 14.00–15.30"; an end on another day is written out in full.
pub fn event_when(event: &Event) -> String {
    let start = event.start;
    let mut s = format!("{}, kl. {}", long_date(start.date()), swedish::time(start.time()));
    if let Some(end) = event.end {
        if end.date() == start.date() {
            s += &format!("–{}", swedish::time(end.time()));
        } else {
            s += &format!(" – {}, kl. {}", long_date(end.date()), swedish::time(end.time()));
        }
    }
    s
}

fn event_view(event: &Event) -> EventView {
    EventView {
        when: event_when(event),
        summary: clean(&event.summary),
    }
}

fn timeline_view(entry: &TimelineEntry) -> TimelineView {
    TimelineView {
        when: clean(&entry.when_label()),
        text: clean(&entry.text),
    }
}

fn minutes_view(minutes: &Minutes, base: Option<&str>) -> MinutesView {
    match minutes {
        Minutes::Pending => MinutesView {
            text: "Mötesanteckningarna publiceras senare.".into(),
            href: None,
        },
        Minutes::Published { href, date } => MinutesView {
            text: match date {
                Some(d) => format!("Mötesanteckningarna publicerades {}.", swedish::date(*d)),
                None => "Mötesanteckningarna är publicerade.".into(),
            },
            href: safe_href(href, base),
        },
    }
}

/// A theme colour as "#rrggbb", or `fallback` when the configuration holds something else (the bodies
/// file is validated on load; this guards records built in code).
fn colour(value: &str, fallback: &str) -> String {
    Rgb::parse(value).map_or_else(|| fallback.to_string(), |c| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use samman_domain::{Date, DateTime};

    #[test]
    fn events_read_with_weekday_and_swedish_times() {
        let day = Date::constant(2021, 9, 16);
        let event = Event {
            start: day.at(14, 0, 0, 0),
            end: Some(day.at(15, 30, 0, 0)),
            summary: "Remisskonferens".into(),
        };
        assert_eq!(event_when(&event), "torsdag 16 september 2021, kl. 14.00–15.30");
        let overnight = Event {
            start: day.at(14, 0, 0, 0),
            end: Some(DateTime::constant(2021, 9, 17, 10, 0, 0, 0)),
            summary: String::new(),
        };
        assert_eq!(
            event_when(&overnight),
            "torsdag 16 september 2021, kl. 14.00 – fredag 17 september 2021, kl. 10.00"
        );
    }

    #[test]
    fn colours_are_validated() {
        assert_eq!(colour("#00506E", "#000000"), "#00506e");
        assert_eq!(colour("abc", "#000000"), "#aabbcc");
        assert_eq!(colour("red\"); #panic()", "#000000"), "#000000");
        assert_eq!(colour("#12345g", "#000000"), "#000000");
    }
}
