//! Importing the forms summaries exist in today. Format detected from content; `--from` forces one.
//!
//! OWNED BY THE IMPORT WORK (stub: signatures fixed, bodies to be written).

use samman_domain::Bodies;

use crate::ParseError;
use crate::document::{Document, Format};
use crate::format;
use crate::located::Pos;

/// The form `text` is written in, when it can be told.
pub fn detect(text: &str) -> Option<Format> {
    if format::looks_like_source(text) {
        return Some(Format::Source);
    }
    None
}

/// Reads `text` in the given or detected form.
pub fn read(text: &str, format: Option<Format>, bodies: &Bodies) -> Result<Document, ParseError> {
    let format = format.or_else(|| detect(text)).ok_or_else(|| {
        ParseError::new(
            Pos::line(1),
            "okänt format: varken källfil, bildspel (Markdown) eller webbsida; ange --from",
        )
    })?;
    match format {
        Format::Source => format::parse(text, bodies),
        other => Err(ParseError::new(
            Pos::line(1),
            format!("import av {} är inte skriven än", other.name()),
        )),
    }
}
