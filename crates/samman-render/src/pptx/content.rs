//! What the deck says: the meeting record turned into slides of paragraphs, before paging.
//!
//! Slide order follows the record: the title slide, the agenda, then each item's slide followed by its
//! detail slides, then the closing slide when the record has one. Events and timeline entries are shown
//! on their item's slide, so a reader of the deck alone still learns every date.

use samman_domain::{
    Block, Body, Event, Inline, Item, ListItem, Meeting, Slide, Text, TimelineEntry, swedish,
};

use super::layout::{Bullet, Frame, Para, Run, Tone};
use super::measure::Style;
use crate::links::Links;

/// Body text size in points; nested entries are one step smaller, never below 18 pt.
pub const BODY_PT: f64 = 20.0;
pub const NESTED_PT: f64 = 18.0;
/// Agenda entries are larger: there are few of them and they are read from the back of the room.
pub const AGENDA_PT: f64 = 24.0;

/// One slide of the deck before paging.
#[derive(Debug, Clone, PartialEq)]
pub enum SlideSpec {
    /// The title slide: "Sammanställning från:", the body's name, the date.
    Cover {
        kicker: String,
        name: String,
        date: String,
    },
    /// A titled slide whose paragraphs may continue on follow-on slides; `closing` marks the closing slide.
    Content {
        title: String,
        flow: Vec<Para>,
        closing: bool,
    },
}

/// Every slide of the deck, in order.
pub fn slides(meeting: &Meeting, body: &Body, links: &Links) -> Vec<SlideSpec> {
    // The cover says "Sammanställning från:" and the body's name — the derived title — unless the record
    // has a title of its own, which the cover then shows instead.
    let own_title = meeting
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !super::xml::clean(t).trim().is_empty());
    let mut out = vec![match own_title {
        Some(title) => SlideSpec::Cover {
            kicker: String::new(),
            name: title.to_string(),
            date: when_and_where(meeting),
        },
        None => SlideSpec::Cover {
            kicker: "Sammanställning från:".into(),
            name: title_or(&body.name, || body.short_name.clone()),
            date: when_and_where(meeting),
        },
    }];
    if !meeting.items.is_empty() {
        out.push(agenda(meeting, body));
    }
    for (i, item) in meeting.items.iter().enumerate() {
        let title = title_or(&item.title, || format!("Punkt {}", i + 1));
        out.push(item_slide(item, title.clone(), links));
        out.extend(item.slides.iter().map(|s| detail_slide(s, &title, links)));
    }
    if let Some(closing) = &meeting.closing {
        let mut slide = detail_slide(closing, "Avslutning", links);
        // The closing slide is the take-away: larger text.
        if let SlideSpec::Content { flow, closing, .. } = &mut slide {
            *closing = true;
            for para in flow {
                para.size += 4.0;
            }
        }
        out.push(slide);
    }
    out
}

/// "21 maj 2021 kl. 09.00–12.00 · Vänersborg": the meeting's when, and the place when known.
fn when_and_where(meeting: &Meeting) -> String {
    let mut parts = vec![swedish::meeting_when(meeting)];
    if let Some(place) = meeting.place.as_deref().filter(|p| !p.trim().is_empty()) {
        parts.push(place.trim().to_string());
    }
    parts.join(" · ")
}

/// Every slide needs a title: an empty one is replaced by `fallback`.
fn title_or(title: &str, fallback: impl FnOnce() -> String) -> String {
    // Judge the title as it will be written: characters XML cannot carry are dropped there.
    if super::xml::clean(title).trim().is_empty() {
        fallback()
    } else {
        title.to_string()
    }
}

fn agenda(meeting: &Meeting, body: &Body) -> SlideSpec {
    let flow = meeting
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| Para {
            runs: vec![Run::new(
                title_or(&item.title, || format!("Punkt {}", i + 1)),
                Style::Regular,
                Tone::Text,
            )],
            level: 0,
            bullet: Bullet::Number(i + 1),
            size: AGENDA_PT,
            space_before: 10.0,
            keep_with_next: false,
            frame: Frame::Body,
        })
        .collect();
    SlideSpec::Content {
        title: format!("Agenda {} {}", body.short_name, swedish::date(meeting.date)),
        flow,
        closing: false,
    }
}

fn item_slide(item: &Item, title: String, links: &Links) -> SlideSpec {
    let mut flow = Vec::new();
    if !item.presenters.is_empty() {
        flow.push(labelled(
            "Föredragande:",
            &swedish::presenters(&item.presenters),
            Frame::Body,
        ));
    }
    flow.extend(blocks(&item.content, links));
    if !item.events.is_empty() {
        flow.push(label("Datum", Frame::Body));
        flow.extend(item.events.iter().map(|e| bullet(&event_line(e), 0, Frame::Body)));
    }
    if !item.timeline.is_empty() {
        flow.push(label("Tidsplan", Frame::Body));
        flow.extend(
            item.timeline
                .iter()
                .map(|t| bullet(&timeline_line(t), 0, Frame::Body)),
        );
    }
    if let Some(position) = &item.position {
        let mut head = labelled(
            &format!("{}:", swedish::position_label(position)),
            &position.text,
            Frame::Position,
        );
        head.space_before = 0.0;
        head.keep_with_next = !position.points.is_empty();
        flow.push(head);
        flow.extend(position.points.iter().map(|p| bullet(p, 0, Frame::Position)));
    }
    SlideSpec::Content {
        title,
        flow,
        closing: false,
    }
}

fn detail_slide(slide: &Slide, fallback: &str, links: &Links) -> SlideSpec {
    SlideSpec::Content {
        title: title_or(&slide.title, || fallback.to_string()),
        flow: blocks(&slide.content, links),
        closing: false,
    }
}

/// "Remisskonferens: 16 september 2021 kl. 14.00–15.30" (the when in the words of every rendition).
pub fn event_line(event: &Event) -> String {
    let when = swedish::event_when(event);
    match event.summary.trim() {
        "" => when,
        summary => format!("{summary}: {when}"),
    }
}

/// "19 november 2021 – Ställningstagande i SRO"; either half alone when the other is empty.
fn timeline_line(entry: &TimelineEntry) -> String {
    let when = entry.when_label();
    match (when.trim(), entry.text.trim()) {
        ("", text) => text.to_string(),
        (when, "") => when.to_string(),
        (when, text) => format!("{when} – {text}"),
    }
}

/// Content blocks as paragraphs: text as plain paragraphs, lists as nested bullets.
fn blocks(blocks: &[Block], links: &Links) -> Vec<Para> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph { text } => out.push(Para {
                runs: runs(text, Style::Regular, Tone::Text, links),
                level: 0,
                bullet: Bullet::None,
                size: BODY_PT,
                space_before: 10.0,
                keep_with_next: false,
                frame: Frame::Body,
            }),
            Block::List { items } => list(items, 0, links, &mut out),
        }
    }
    out
}

fn list(items: &[ListItem], level: u8, links: &Links, out: &mut Vec<Para>) {
    for entry in items {
        let mut para = bullet("", level, Frame::Body);
        para.runs = runs(&entry.text, Style::Regular, Tone::Text, links);
        // An entry that introduces nested ones stays with the first of them.
        para.keep_with_next = !entry.children.is_empty();
        out.push(para);
        // Deeper nesting than three levels is shown at the third: the slide has no room for more.
        list(&entry.children, (level + 1).min(2), links, out);
    }
}

fn bullet(text: &str, level: u8, frame: Frame) -> Para {
    Para {
        runs: vec![Run::new(text, Style::Regular, Tone::Text)],
        level,
        bullet: Bullet::Dot,
        size: if level == 0 { BODY_PT } else { NESTED_PT },
        space_before: if level == 0 { 8.0 } else { 4.0 },
        keep_with_next: false,
        frame,
    }
}

fn label(text: &str, frame: Frame) -> Para {
    Para {
        runs: vec![Run::new(text, Style::Bold, Tone::Primary)],
        level: 0,
        bullet: Bullet::None,
        size: BODY_PT,
        space_before: 14.0,
        keep_with_next: true,
        frame,
    }
}

/// "Label: text" with the label bold in the primary colour.
fn labelled(label_text: &str, text: &str, frame: Frame) -> Para {
    let mut para = label(label_text, frame);
    para.keep_with_next = false;
    para.space_before = 0.0;
    para.runs
        .push(Run::new(format!(" {text}"), Style::Regular, Tone::Text));
    para
}

/// Inline text as runs; a link keeps its target when the one link rule gives a full address for it.
fn runs(text: &Text, style: Style, tone: Tone, links: &Links) -> Vec<Run> {
    text.0
        .iter()
        .map(|inline| match inline {
            Inline::Text { text } => Run::new(text.as_str(), style, tone),
            Inline::Link { text, href } => {
                let mut run = Run::new(text.as_str(), style, Tone::Primary);
                run.link = links.external(href);
                run
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use samman_domain::Date;

    fn meeting() -> Meeting {
        Meeting::new("sro", Date::new(2021, 5, 21).unwrap_or_default())
    }

    #[test]
    fn the_cover_names_time_and_place_when_known() {
        let mut m = meeting();
        assert_eq!(when_and_where(&m), "21 maj 2021");
        m.start = Some(samman_domain::Time::constant(9, 0, 0, 0));
        m.end = Some(samman_domain::Time::constant(12, 0, 0, 0));
        m.place = Some("Vänersborg".into());
        assert_eq!(when_and_where(&m), "21 maj 2021 kl. 09.00–12.00 · Vänersborg");
    }

    #[test]
    fn timeline_entries_and_events_without_text_read_cleanly() {
        let entry = |when: Option<&str>, text: &str| TimelineEntry {
            date: None,
            when: when.map(Into::into),
            text: text.into(),
        };
        assert_eq!(
            timeline_line(&entry(Some("Juni – oktober 2021"), "Dialoger")),
            "Juni – oktober 2021 – Dialoger"
        );
        assert_eq!(timeline_line(&entry(None, "Dialoger")), "Dialoger");
        assert_eq!(timeline_line(&entry(Some("Hösten 2021"), " ")), "Hösten 2021");
        let day = Date::new(2021, 9, 16).unwrap_or_default();
        let bare = Event {
            start: day.at(14, 0, 0, 0),
            end: None,
            summary: " ".into(),
        };
        assert_eq!(event_line(&bare), "16 september 2021 kl. 14.00");
    }

    #[test]
    fn events_name_their_summary_before_the_when() {
        let day = Date::new(2021, 9, 16).unwrap_or_default();
        let conference = Event {
            start: day.at(14, 0, 0, 0),
            end: Some(day.at(15, 30, 0, 0)),
            summary: "Remisskonferens".into(),
        };
        assert_eq!(
            event_line(&conference),
            "Remisskonferens: 16 september 2021 kl. 14.00–15.30"
        );
    }
}
