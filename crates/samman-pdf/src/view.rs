//! The data the typst template walks: a meeting flattened into display-ready strings.
//!
//! Everything a reader sees is decided here, in Rust, where it can be unit-tested — and by the same
//! functions the other renditions call: Swedish dates and times (`samman_domain::swedish`), the palette
//! and the link rule (`samman_render`). The template only lays it out. The
//! view is handed to typst as JSON data (never pasted into markup), so no user text can become typst code.

use samman_domain::{
    Block, Body, Event, Inline, Item, ListItem, Meeting, Minutes, Slide, Text, TimelineEntry, swedish,
};
use samman_render::Options;
use samman_render::links::{Links, anchor};
use samman_render::palette::Palette;
use serde::Serialize;

use crate::text::{clean, clean_run};

/// The whole document.
#[derive(Debug, Serialize)]
pub struct View {
    /// Document title, also the PDF metadata title.
    pub title: String,
    /// Full name of the body, shown above the title.
    pub body_name: String,
    pub body_short: String,
    /// "21 maj 2021 kl. 09.00–12.00" (the time when known).
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

/// The rendition palette as "#rrggbb" strings, so the template's `rgb()` can never fail on them.
#[derive(Debug, Serialize)]
pub struct ThemeView {
    pub primary: String,
    pub accent: String,
    pub text: String,
    pub background: String,
    pub muted: String,
    pub link: String,
    pub tint: String,
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
    /// "Ställningstagande", or "Ställningstagande (beslut)" when the sentence does not say the kind.
    pub label: String,
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
    /// "16 september 2021 kl. 14.00–15.30".
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

/// Builds the view of `meeting` as published by `body`; links are made absolute from `options`' base
/// URL, else the body's.
pub fn view(meeting: &Meeting, body: &Body, options: &Options) -> View {
    let links = Links::new(meeting, body, options);
    let palette = Palette::new(&body.theme);
    let day = meeting.updated.map(|u| u.date()).unwrap_or(meeting.date);
    View {
        title: clean(&meeting.title(body)),
        body_name: clean(&body.name),
        body_short: clean(&body.short_name),
        when: swedish::meeting_when(meeting),
        place: meeting.place.as_deref().map(clean).filter(|p| !p.is_empty()),
        lead: clean(&meeting.lead(body)),
        date: DateParts {
            year: day.year(),
            month: day.month(),
            day: day.day(),
        },
        theme: ThemeView {
            primary: palette.primary.to_string(),
            accent: palette.accent.to_string(),
            text: palette.text.to_string(),
            background: palette.background.to_string(),
            muted: palette.muted.to_string(),
            link: palette.link.to_string(),
            tint: palette.tint.to_string(),
        },
        items: meeting
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| item_view(i + 1, item, &links))
            .collect(),
        updated: meeting.updated.map(swedish::timestamp),
        minutes: minutes_view(&meeting.minutes, &links),
    }
}

fn item_view(number: usize, item: &Item, links: &Links) -> ItemView {
    ItemView {
        number,
        anchor: anchor(number),
        title: clean(&item.title),
        presenters: clean(&swedish::presenters(&item.presenters)),
        content: blocks(&item.content, links),
        position: item.position.as_ref().map(|p| PositionView {
            label: swedish::position_label(p),
            kind: p.kind.label_sv().to_string(),
            text: clean(&p.text),
            points: p
                .points
                .iter()
                .map(|s| clean(s))
                .filter(|s| !s.is_empty())
                .collect(),
        }),
        slides: item.slides.iter().map(|s| slide_view(s, links)).collect(),
        events: item.events.iter().map(event_view).collect(),
        timeline: item.timeline.iter().map(timeline_view).collect(),
    }
}

fn slide_view(slide: &Slide, links: &Links) -> SlideView {
    SlideView {
        title: clean(&slide.title),
        content: blocks(&slide.content, links),
    }
}

/// The most characters of one paragraph handed to typst: its line breaker's cost grows faster than a
/// paragraph's length (a 100 KB word took 5× as long as 25 paragraphs of 4 KB), so longer text is set as
/// several paragraphs, cut where a line may break anyway.
const MAX_PARAGRAPH_CHARS: usize = 2_000;

fn blocks(blocks: &[Block], links: &Links) -> Vec<BlockView> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph { text } => out.extend(
                chunked(inlines(text, links))
                    .into_iter()
                    .map(|text| BlockView::Paragraph { text }),
            ),
            Block::List { items } => out.push(BlockView::List {
                items: list_items(items, links),
            }),
        }
    }
    out
}

fn list_items(items: &[ListItem], links: &Links) -> Vec<ListItemView> {
    let mut out = Vec::new();
    for item in items {
        // An entry longer than a paragraph continues as entries of its own.
        let mut parts = chunked(inlines(&item.text, links));
        let last = parts.pop().unwrap_or_default();
        out.extend(parts.into_iter().map(|text| ListItemView {
            text,
            children: Vec::new(),
        }));
        out.push(ListItemView {
            text: last,
            children: list_items(&item.children, links),
        });
    }
    out
}

/// Inline runs cut into paragraphs of at most about [`MAX_PARAGRAPH_CHARS`], at a space or a break mark
/// (the cleaned text has one at least every few dozen characters); links are never cut.
fn chunked(runs: Vec<InlineView>) -> Vec<Vec<InlineView>> {
    let mut chunks: Vec<Vec<InlineView>> = vec![Vec::new()];
    let mut used = 0usize;
    for run in runs {
        let mut rest = run.text.as_str();
        while run.href.is_none() && used + rest.chars().count() > MAX_PARAGRAPH_CHARS {
            let budget = MAX_PARAGRAPH_CHARS.saturating_sub(used);
            let start = rest.char_indices().nth(budget).map_or(rest.len(), |(i, _)| i);
            let Some(cut) = rest[start..].find([' ', crate::text::BREAK]).map(|i| start + i) else {
                break;
            };
            let (head, tail) = rest.split_at(cut);
            let tail = tail.trim_start_matches([' ', crate::text::BREAK]);
            if !head.is_empty() {
                chunks.last_mut().expect("a chunk").push(InlineView {
                    text: head.to_string(),
                    href: None,
                });
            }
            chunks.push(Vec::new());
            used = 0;
            rest = tail;
        }
        used += rest.chars().count();
        chunks.last_mut().expect("a chunk").push(InlineView {
            text: rest.to_string(),
            href: run.href,
        });
    }
    chunks.retain(|c| !c.is_empty());
    if chunks.is_empty() {
        chunks.push(Vec::new());
    }
    chunks
}

fn inlines(text: &Text, links: &Links) -> Vec<InlineView> {
    text.0
        .iter()
        .map(|inline| match inline {
            Inline::Text { text } => InlineView {
                text: clean_run(text),
                href: None,
            },
            Inline::Link { text, href } => InlineView {
                text: clean(text),
                href: links.external(href),
            },
        })
        .collect()
}

fn event_view(event: &Event) -> EventView {
    EventView {
        when: swedish::event_when(event),
        summary: clean(&event.summary),
    }
}

fn timeline_view(entry: &TimelineEntry) -> TimelineView {
    TimelineView {
        when: clean(&entry.when_label()),
        text: clean(&entry.text),
    }
}

fn minutes_view(minutes: &Minutes, links: &Links) -> MinutesView {
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
            href: links.external(href),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use samman_domain::Date;

    #[test]
    fn a_paragraph_longer_than_typst_sets_quickly_is_cut_at_break_marks() {
        let word = "x".repeat(10_000);
        let run = InlineView {
            text: crate::text::clean_run(&word),
            href: None,
        };
        let link = InlineView {
            text: "länk".into(),
            href: Some("https://example.org".into()),
        };
        let chunks = chunked(vec![run, link]);
        assert!(chunks.len() >= 5, "{}", chunks.len());
        let text: String = chunks
            .iter()
            .flatten()
            .map(|r| r.text.replace(crate::text::BREAK, ""))
            .collect();
        assert_eq!(text, format!("{word}länk"), "no character lost or added");
        for chunk in &chunks {
            let n: usize = chunk.iter().map(|r| r.text.chars().count()).sum();
            assert!(n <= MAX_PARAGRAPH_CHARS + 64, "{n}");
        }
        // The link is kept whole, in the last paragraph.
        assert_eq!(
            chunks
                .last()
                .and_then(|c| c.last())
                .and_then(|r| r.href.as_deref()),
            Some("https://example.org")
        );
    }

    #[test]
    fn links_follow_the_base_url_given() {
        let mut meeting = Meeting::new("sro", Date::constant(2021, 5, 21));
        meeting.minutes = Minutes::Published {
            href: "anteckningar.pdf".into(),
            date: None,
        };
        let body = Body::named("sro", "SRO", "Samrådsorgan");
        assert_eq!(view(&meeting, &body, &Options::default()).minutes.href, None);
        let options = Options {
            base_url: Some("https://x.example/sro".into()),
            ..Options::default()
        };
        assert_eq!(
            view(&meeting, &body, &options).minutes.href.as_deref(),
            Some("https://x.example/sro/2021-05-21/anteckningar.pdf")
        );
    }
}
