//! Importing the forms summaries exist in today. Format detected from content; `--from` forces one.
//!
//! * `deck_md` — a slide deck exported to Markdown (one `#` heading per slide);
//! * `page_text` — the text of a published summary page ("•" bullets, "Senast uppdaterad");
//! * `page_html` — the same page as HTML, turned into the page text's lines and read the same way
//!   (`page` is the reader both page forms share; `facts` its meeting-level lines);
//! * [`pptx`] — a PowerPoint deck, read from its bytes into the text form a deck exports to, then read
//!   by `deck_md` like an export (so a deck and its export give the same meeting).
//!
//! All three read into a small block model (`tree`) and build items with the same rules (`sections`:
//! `labels`, positions with points, `events` and timeline lines moved out of the content), so the
//! same meeting reads the same from any of them. `meta` finds the date and body in titles; `titles`
//! matches slide titles and page lines against the agenda.
//!
//! What a reader repaired or could not use becomes a [`crate::Note`]: `broken-word`, `doubled-label`,
//! `empty-field`, and `unused-content` (a slide or line that belongs to no item).

mod deck_md;
mod events;
mod facts;
mod html_depth;
mod labels;
mod meta;
mod page;
mod page_html;
mod page_text;
pub mod pptx;
mod sections;
mod titles;
mod tree;

use samman_domain::Bodies;

use crate::ParseError;
use crate::document::{Document, Format};
use crate::format;
use crate::located::Pos;

/// The form `text` is written in, when it can be told.
///
/// Front matter (`+++`) → source; a doctype, `<html>` or many tags → HTML page; `#` slide headings →
/// deck; "•" bullets, "Senast uppdaterad" or a dated "Sammanställning från" line → page text.
pub fn detect(text: &str) -> Option<Format> {
    if format::looks_like_source(text) {
        return Some(Format::Source);
    }
    if page_html::looks_like_html(text) {
        return Some(Format::PageHtml);
    }
    let headings = text
        .lines()
        .filter(|l| l.starts_with("# ") || l.trim_end() == "#")
        .count();
    if headings > 0 {
        return Some(Format::DeckMarkdown);
    }
    if page_text::looks_like_page_text(text) {
        return Some(Format::PageText);
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
    let mut document = match format {
        // The source parser enforces the limits itself (`fmt` calls it directly).
        Format::Source => return format::parse(text, bodies),
        Format::DeckMarkdown => deck_md::read(text, bodies)?,
        // A deck's text form (see [`read_deck`]).
        Format::Pptx => {
            let mut deck = deck_md::read(text, bodies)?;
            deck.format = Some(Format::Pptx);
            deck
        }
        Format::PageText => page_text::read(text, bodies)?,
        Format::PageHtml => page_html::read(text, bodies)?,
    };
    document.enforce_limits()?;
    Ok(document)
}

/// Reads a deck already turned into its text form by [`pptx::read`].
pub fn read_deck(deck: &pptx::DeckText, bodies: &Bodies) -> Result<Document, ParseError> {
    read(&deck.text, Some(Format::Pptx), bodies)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_form() {
        assert_eq!(detect("+++\ndate = 2021-05-21\n+++\n"), Some(Format::Source));
        assert_eq!(detect("<!doctype html><html></html>"), Some(Format::PageHtml));
        assert_eq!(detect("Titel\n\n# Agenda\n\n- a\n"), Some(Format::DeckMarkdown));
        assert_eq!(detect("Titel\n • a\n"), Some(Format::PageText));
        assert_eq!(
            detect("Titel\nSenast uppdaterad: 2021-05-24 09:51\n"),
            Some(Format::PageText)
        );
        assert_eq!(detect("bara text"), None);
    }

    #[test]
    fn html_without_text_is_an_error() {
        let err = read(
            "<!doctype html><html><body><nav>x</nav></body></html>",
            None,
            &Bodies::default(),
        );
        assert!(err.is_err());
    }
}
