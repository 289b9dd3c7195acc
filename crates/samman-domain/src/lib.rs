//! The meeting record, the single source every rendition of a meeting is made from.
//!
//! A [`Meeting`] of a [`Body`] holds an ordered list of agenda [`Item`]s; each item has presenters,
//! content, a position (what the body resolved), deck-only detail slides, events and timeline entries.
//! The agenda *is* the item list, so an agenda and its sections can never disagree.
//!
//! This crate knows no IO: it is plain data (serde-serialisable for storage) plus the few rules that
//! belong to the data itself — the derived title, Swedish date words, organisation spelling.

mod body;
mod colour;
mod content;
mod item;
mod meeting;
pub mod swedish;
pub mod url;

pub use body::{Bodies, BodiesError, Body, FONTS, Organisation, Theme, png_size};
pub use colour::Rgb;
pub use content::{Block, Inline, ListItem, MAX_LIST_DEPTH, Text, is_safe_href};
pub use item::{Event, Item, Position, PositionKind, Presenter, Slide, TimelineEntry};
pub use meeting::{CLOSING_SLIDE_SHAPE, MAX_ITEMS, Meeting, Minutes};

/// Civil (wall-clock) date and time types; all civil times in a record are Europe/Stockholm.
pub use jiff::civil::{Date, DateTime, Time};
