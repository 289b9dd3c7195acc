//! The located form of a meeting that every reader produces.
//!
//! Existing material has an agenda *and* sections, written separately, which is how they come to disagree.
//! A [`Document`] keeps both, with positions, so that `check` can point at the disagreement; then
//! [`Document::to_meeting`] merges them into the one list a [`Meeting`] has.

use samman_domain::{Date, DateTime, Item, MAX_ITEMS, MAX_LIST_DEPTH, Meeting, Minutes, Slide, Time};

use crate::ParseError;

use crate::align::align_titles;
use crate::located::{Located, Pos};

/// Which form a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// The samman source format (Markdown + TOML front matter).
    Source,
    /// A slide deck exported to Markdown: one `#` heading per slide.
    DeckMarkdown,
    /// The text of a published web page.
    PageText,
    /// A published web page as HTML.
    PageHtml,
    /// A PowerPoint deck (`.pptx`), read through its text form (`import::pptx`).
    Pptx,
}

impl Format {
    /// The name used on the command line (`--from`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Source => "source",
            Format::DeckMarkdown => "deck-md",
            Format::PageText => "page-text",
            Format::PageHtml => "page-html",
            Format::Pptx => "pptx",
        }
    }

    /// Swedish description for messages ("bildspel (Markdown)", "webbsida (text)").
    pub fn description_sv(self) -> &'static str {
        match self {
            Format::Source => "källfil",
            Format::DeckMarkdown => "bildspel (Markdown)",
            Format::PageText => "webbsida (text)",
            Format::PageHtml => "webbsida (HTML)",
            Format::Pptx => "bildspel (PowerPoint)",
        }
    }
}

/// The meeting-level fields, each where it was found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// The body's id in the bodies configuration.
    pub body: Option<Located<String>>,
    /// The title as written (may disagree with the date).
    pub title: Option<Located<String>>,
    /// The meeting date, from wherever the reader found it most reliably.
    pub date: Option<Located<Date>>,
    pub start: Option<Time>,
    pub end: Option<Time>,
    pub place: Option<String>,
    /// The lead as written; `None` when absent (the renditions then derive one).
    pub lead: Option<Located<String>>,
    pub updated: Option<Located<DateTime>>,
    pub minutes: Minutes,
    /// Whether `title` is an explicit title to keep (source format), or only a heading seen on a page
    /// that the derived title replaces on import.
    pub keep_title: bool,
}

/// An agenda list as written, separate from the sections.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Agenda {
    /// Where the agenda heading is.
    pub pos: Pos,
    pub entries: Vec<Located<String>>,
}

/// One item's section (or slide) as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading as written (before repairs such as joining broken words).
    pub heading: Located<String>,
    /// The item read from the section; `item.title` is the repaired heading.
    pub item: Item,
    /// Where the presenters label is, if any.
    pub presenters_pos: Option<Pos>,
    /// Where the position label is, if any.
    pub position_pos: Option<Pos>,
    /// Where each detail slide's heading is, parallel to `item.slides`.
    pub slide_pos: Vec<Pos>,
}

/// Something a reader noticed and repaired or could not use; `check` reports these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub pos: Pos,
    /// A check code such as `doubled-label`, `empty-field` or `broken-word`.
    pub code: &'static str,
    pub message: String,
}

/// A meeting as read from one file, with positions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub format: Option<Format>,
    pub header: Header,
    /// `None` when the form has no separate agenda (the source format: its sections are the agenda).
    pub agenda: Option<Agenda>,
    pub sections: Vec<Section>,
    pub closing: Option<Slide>,
    pub notes: Vec<Note>,
}

impl Document {
    /// Enforces the limits every rendition can hold, where the record is read (every reader calls this),
    /// so that what `check` accepts every rendition can render: more than [`MAX_ITEMS`] items is refused
    /// at the first item too many; lists nested deeper than [`MAX_LIST_DEPTH`] are flattened onto the last
    /// level, and a `deep-list` note at the section says so.
    pub fn enforce_limits(&mut self) -> Result<(), ParseError> {
        let agenda = self
            .agenda
            .as_ref()
            .map(|a| a.entries.as_slice())
            .unwrap_or_default();
        if let Some(extra) = self.sections.get(MAX_ITEMS) {
            return Err(too_many(self.sections.len(), extra.heading.pos));
        }
        if let Some(extra) = agenda.get(MAX_ITEMS) {
            return Err(too_many(agenda.len(), extra.pos));
        }
        self.limit_lists();
        Ok(())
    }

    fn limit_lists(&mut self) {
        let mut notes = Vec::new();
        for section in &mut self.sections {
            let item = &mut section.item;
            let blocks = item
                .content
                .iter_mut()
                .chain(item.slides.iter_mut().flat_map(|s| s.content.iter_mut()));
            if blocks.fold(false, |moved, block| block.limit_depth() | moved) {
                notes.push(deep_list(section.heading.pos));
            }
        }
        if let Some(closing) = &mut self.closing
            && closing
                .content
                .iter_mut()
                .fold(false, |moved, block| block.limit_depth() | moved)
        {
            notes.push(deep_list(Pos::line(1)));
        }
        self.notes.extend(notes);
    }

    /// The agenda entries paired with sections: `(agenda index, section index)`, in agenda order, then the
    /// sections the agenda does not name, in their own order.
    pub fn pairs(&self) -> Vec<(Option<usize>, Option<usize>)> {
        let Some(agenda) = &self.agenda else {
            return (0..self.sections.len()).map(|i| (Some(i), Some(i))).collect();
        };
        let entries: Vec<&str> = agenda.entries.iter().map(|e| e.value.as_str()).collect();
        let titles: Vec<&str> = self.sections.iter().map(|s| s.item.title.as_str()).collect();
        align_titles(&entries, &titles)
    }

    /// Merges agenda and sections into the one item list, in agenda order. A section's heading is its
    /// item's title; an agenda entry without a section becomes an item with only a title.
    ///
    /// `None` when no meeting date was found (a meeting without a date cannot be published).
    pub fn to_meeting(&self, default_body: &str) -> Option<Meeting> {
        let date = self.header.date.as_ref()?.value;
        let body = self
            .header
            .body
            .as_ref()
            .map_or(default_body, |b| b.value.as_str());
        let mut meeting = Meeting::new(body, date);
        meeting.start = self.header.start;
        meeting.end = self.header.end;
        meeting.place = self.header.place.clone();
        if self.header.keep_title {
            meeting.title = self.header.title.as_ref().map(|t| t.value.clone());
        }
        meeting.lead = self.header.lead.as_ref().map(|l| l.value.clone());
        meeting.updated = self.header.updated.as_ref().map(|u| u.value);
        meeting.minutes = self.header.minutes.clone();
        meeting.closing = self.closing.clone();
        let agenda = self.agenda.as_ref();
        meeting.items = self
            .pairs()
            .into_iter()
            .filter_map(|pair| match pair {
                (_, Some(s)) => Some(self.sections[s].item.clone()),
                (Some(a), None) => agenda.map(|ag| Item::titled(ag.entries[a].value.clone())),
                (None, None) => None,
            })
            .collect();
        Some(meeting)
    }
}

fn deep_list(pos: Pos) -> Note {
    Note {
        pos,
        code: "deep-list",
        message: format!(
            "listan är nästlad djupare än {MAX_LIST_DEPTH} nivåer; de djupare punkterna läggs på nivå \
             {MAX_LIST_DEPTH} (inget bildspel, ingen PDF kan visa fler)"
        ),
    }
}

fn too_many(count: usize, pos: Pos) -> ParseError {
    ParseError::new(
        pos,
        format!(
            "mötet har {count} punkter; högst {MAX_ITEMS} tas emot (bildspelet och PDF:en blir annars \
             tusentals sidor) — är det rätt fil?"
        ),
    )
}
