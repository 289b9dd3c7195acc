//! The samman source format: Markdown with TOML front matter, Swedish labels. See `docs/source-format.md`.
//!
//! ```text
//! +++
//! body = "sro"
//! date = 2021-05-21
//!
//! [minutes]
//! status = "pending"
//! +++
//!
//! ## Nära vård
//!
//! Föredragande: Ann-Marie Svensson, VGR; Jeanette Andersson, VästKom
//!
//! - En punkt med en [länk](https://example.org)
//!
//! Ställningstagande: SRO noterar informationen
//! ```
//!
//! * [`front_matter`] — the meeting-level fields (TOML), errors mapped to file positions.
//! * [`body`] — `##` items, label lines, content, `###` detail slides, the closing slide.
//! * `lists`, `entries` — nested lists; timeline and event entries.
//! * `syntax` — labels, headings, markers and the escaping that keeps text from being read as syntax.
//! * `write` — the canonical form; `parse_meeting(&write(m)) == m` for every normalised meeting.

mod body;
mod entries;
mod front_matter;
mod lists;
pub(crate) mod syntax;
mod write;

use samman_domain::{Bodies, Meeting};

use crate::ParseError;
use crate::document::{Document, Format, Note};
use crate::located::Pos;

/// Parses a source file into a located document.
pub fn parse(text: &str, bodies: &Bodies) -> Result<Document, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<(usize, &str)> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .collect();
    let Some(open) = lines.iter().position(|(_, l)| !l.trim().is_empty()) else {
        return Err(ParseError::new(
            Pos::line(1),
            "filen är tom: en källfil börjar med front matter mellan två rader +++ (body och date)",
        ));
    };
    if lines[open].1.trim_end() != "+++" {
        return Err(ParseError::new(
            Pos::line(lines[open].0),
            "källfilen ska börja med front matter: en rad med bara +++, mötets uppgifter (body, date …) och \
             en rad +++ till",
        ));
    }
    let Some(close) = lines[open + 1..]
        .iter()
        .position(|(_, l)| l.trim_end() == "+++")
        .map(|p| p + open + 1)
    else {
        return Err(ParseError::new(
            Pos::line(lines[open].0),
            "front matter avslutas aldrig: lägg till en rad med bara +++ efter mötets uppgifter",
        ));
    };
    let front: Vec<&str> = lines[open + 1..close].iter().map(|(_, l)| *l).collect();
    let span = front_matter::Span {
        first_line: lines[open].0 + 1,
        end_line: lines[close].0,
    };
    let header = front_matter::parse(&front.join("\n"), span)?;
    let parsed = body::parse(&lines[close + 1..], bodies)?;
    let mut notes = parsed.notes;
    if let Some(body) = &header.body
        && !bodies.bodies.is_empty()
        && bodies.get(&body.value).is_none()
    {
        let known: Vec<&str> = bodies.bodies.iter().map(|b| b.id.as_str()).collect();
        notes.insert(
            0,
            Note {
                pos: body.pos,
                code: "unknown-body",
                message: format!(
                    "organet \"{}\" finns inte i organskonfigurationen (kända: {})",
                    body.value,
                    known.join(", ")
                ),
            },
        );
    }
    let mut document = Document {
        format: Some(Format::Source),
        header,
        agenda: None,
        sections: parsed.sections,
        closing: parsed.closing,
        notes,
    };
    document.enforce_limits()?;
    Ok(document)
}

/// Parses a source file into a meeting.
pub fn parse_meeting(text: &str, bodies: &Bodies) -> Result<Meeting, ParseError> {
    let document = parse(text, bodies)?;
    document
        .to_meeting("")
        .ok_or_else(|| ParseError::new(Pos::line(1), "mötesdatum saknas (date i front matter)"))
}

/// Writes the canonical source form of a meeting; `parse_meeting(write(m)) == m`.
pub fn write(meeting: &Meeting) -> String {
    write::write(meeting)
}

/// Whether `text` looks like a source file (starts with front matter).
pub fn looks_like_source(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with("+++")
}
