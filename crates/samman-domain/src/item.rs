//! An agenda item and what hangs off it.

use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};

use crate::content::Block;

/// One agenda item (*ärende*, *punkt*). Its number is its place in [`crate::Meeting::items`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub title: String,
    #[serde(default)]
    pub presenters: Vec<Presenter>,
    #[serde(default)]
    pub content: Vec<Block>,
    #[serde(default)]
    pub position: Option<Position>,
    /// Detail slides: after the item's own slide in the deck, under "Bilder till punkten" on the page.
    #[serde(default)]
    pub slides: Vec<Slide>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub timeline: Vec<TimelineEntry>,
}

/// A presenter (*föredragande*): a person with an organisation, a role, both or neither.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presenter {
    pub name: String,
    /// Canonical spelling of a member organisation ("VästKom"), or another organisation's name.
    pub organisation: Option<String>,
    /// A role such as "kommunikatör vårdsamverkan".
    pub role: Option<String>,
}

/// What the body resolved on an item (*ställningstagande*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub kind: PositionKind,
    /// The sentence as written, e.g. "SRO ställer sig bakom".
    pub text: String,
    /// What was endorsed or decided, one entry per point.
    #[serde(default)]
    pub points: Vec<String>,
}

/// The kind of a position. A position that both notes and endorses is endorsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PositionKind {
    /// "noterar informationen" — takes note.
    Noted,
    /// "ställer sig bakom" — endorses, often with points.
    Endorsed,
    /// "beslutar" — decides.
    Decided,
    Other,
}

impl PositionKind {
    /// The kind a Swedish (or English) position sentence expresses.
    pub fn infer(text: &str) -> PositionKind {
        let t = text.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
        if has(&["ställer sig bakom", "ställde sig bakom", "tillstyrker", "endorse"]) {
            PositionKind::Endorsed
        } else if has(&["beslutar", "beslutade", "beslöt", "fattar beslut", "decide"]) {
            PositionKind::Decided
        } else if has(&["noterar", "noterade", "antecknar", "tar del av", "note"]) {
            PositionKind::Noted
        } else {
            PositionKind::Other
        }
    }

    /// Swedish label, e.g. for a badge on the web page.
    pub fn label_sv(self) -> &'static str {
        match self {
            PositionKind::Noted => "Noterar informationen",
            PositionKind::Endorsed => "Ställer sig bakom",
            PositionKind::Decided => "Beslut",
            PositionKind::Other => "Ställningstagande",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PositionKind::Noted => "noted",
            PositionKind::Endorsed => "endorsed",
            PositionKind::Decided => "decided",
            PositionKind::Other => "other",
        }
    }
}

/// A deck-only slide with its own title.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slide {
    pub title: String,
    #[serde(default)]
    pub content: Vec<Block>,
}

/// A dated happening inside an item, e.g. a consultation conference. Times are Europe/Stockholm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub start: DateTime,
    pub end: Option<DateTime>,
    pub summary: String,
}

/// A step in a matter's timeline ("19 november 2021 – Ställningstagande i SRO").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The exact date, when the entry names one day.
    pub date: Option<Date>,
    /// When, as written ("Juni – oktober 2021"); derived from `date` when absent.
    pub when: Option<String>,
    /// What happens then.
    pub text: String,
}

impl Presenter {
    pub fn person(name: &str, organisation: Option<&str>) -> Self {
        Presenter {
            name: name.into(),
            organisation: organisation.map(Into::into),
            role: None,
        }
    }
}

impl Item {
    pub fn titled(title: impl Into<String>) -> Self {
        Item {
            title: title.into(),
            ..Item::default()
        }
    }
}

impl TimelineEntry {
    /// The "when" as shown to readers: as written, or the date in Swedish words.
    pub fn when_label(&self) -> String {
        match (&self.when, self.date) {
            (Some(when), _) => when.clone(),
            (None, Some(date)) => crate::swedish::date(date),
            (None, None) => String::new(),
        }
    }
}
