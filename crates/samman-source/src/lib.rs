//! Reading meetings into the one record, and finding what is wrong with existing material.
//!
//! * [`format`] — the samman source format (Markdown with TOML front matter): parse, write, round trip.
//! * [`import`] — the forms summaries exist in today: the deck exported to Markdown, the web page as text
//!   or HTML. Format detected from content.
//! * [`Document`] — what every reader produces: the meeting's parts *with their positions in the file*,
//!   before agenda and sections are merged into one [`samman_domain::Meeting`].
//! * [`check`] — problems a reader would notice, with line and column.
//! * [`diff`] — how two renditions of one meeting disagree.
//!
//! Shared helpers: [`text`] (whitespace, inline links, words broken across slide lines), [`dates`]
//! (Swedish dates, times, events, timeline lines), [`people`] (presenters and positions), [`align`]
//! (pairing two lists of titles that may be worded differently), [`input`] (bytes and files checked
//! and decoded before anything parses them).

pub mod align;
pub mod check;
pub mod dates;
pub mod diff;
mod document;
pub mod format;
pub mod import;
pub mod input;
mod located;
pub mod people;
pub mod text;

pub use document::{Agenda, Document, Format, Header, Note, Section};
pub use input::{DecodeError, InputError, Loaded, load, load_bytes, load_read, read_bytes, read_input};
pub use located::{Located, Pos};

/// A file that cannot be read as a meeting: what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{pos}: {message}")]
pub struct ParseError {
    pub pos: Pos,
    pub message: String,
}

impl ParseError {
    pub fn new(pos: Pos, message: impl Into<String>) -> Self {
        ParseError {
            pos,
            message: message.into(),
        }
    }
}
