//! The Markdown body: `##` items (their order is the agenda), label lines, content, `###` detail slides
//! and the closing slide.

use samman_domain::{Block, Bodies, Item, Position, PositionKind, Slide};

use super::entries::{parse_event, parse_timeline};
use super::lists::{self, Entry};
use super::syntax::{self, Label, closing_heading, heading, kind_from_word, label_line, unescape};
use crate::ParseError;
use crate::document::{Note, Section};
use crate::located::{Located, Pos};
use crate::people::{parse_presenters, settle};
use crate::text::{normalize_ws, parse_inline};

/// What the body holds: the item sections, the closing slide and notes for `check`.
#[derive(Debug, Default)]
pub struct Parsed {
    pub sections: Vec<Section>,
    pub closing: Option<Slide>,
    pub notes: Vec<Note>,
}

/// Where blocks currently go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Before the first `##` heading.
    Nothing,
    /// The last section's item itself.
    Item,
    /// The last slide of the last section.
    Slide,
    Closing,
}

/// Parses the body. `lines` are (1-based line number, text), already without the front matter.
pub fn parse(lines: &[(usize, &str)], bodies: &Bodies) -> Result<Parsed, ParseError> {
    let mut parsed = Parsed::default();
    let mut target = Target::Nothing;
    let mut closing_pos: Option<Pos> = None;
    let mut i = 0;
    while let Some(&(number, line)) = lines.get(i) {
        if line.trim().is_empty() {
            i += 1;
            continue;
        }
        let at = Pos::line(number);
        if let Some((level, text)) = heading(line) {
            i += 1;
            let text_pos = Pos::in_line(number, line, line.len() - text.len());
            match level {
                2 => {
                    if let Some(title) = closing_heading(text) {
                        if let Some(first) = closing_pos {
                            return Err(ParseError::new(
                                at,
                                format!(
                                    "en andra avslutande bild; mötet har bara en (den första står på rad {})",
                                    first.line
                                ),
                            ));
                        }
                        closing_pos = Some(at);
                        parsed.closing = Some(Slide {
                            title: plain(title),
                            content: Vec::new(),
                        });
                        target = Target::Closing;
                    } else {
                        parsed.sections.push(Section {
                            heading: Located::new(text.to_string(), text_pos),
                            item: Item::titled(plain(text)),
                            presenters_pos: None,
                            position_pos: None,
                            slide_pos: Vec::new(),
                        });
                        target = Target::Item;
                    }
                }
                3 => match (target, parsed.sections.last_mut()) {
                    (Target::Item | Target::Slide, Some(section)) => {
                        section.item.slides.push(Slide {
                            title: plain(text),
                            content: Vec::new(),
                        });
                        section.slide_pos.push(at);
                        target = Target::Slide;
                    }
                    (Target::Nothing, _) => {
                        return Err(ParseError::new(
                            at,
                            "en detaljbild (###) hör till en punkt: skriv punktens rubrik (##) före den",
                        ));
                    }
                    (Target::Closing, _) => {
                        return Err(ParseError::new(
                            at,
                            "detaljbilder (###) hör till en punkt, inte till den avslutande bilden",
                        ));
                    }
                    _ => return Err(before_first_item(at)),
                },
                1 => {
                    return Err(ParseError::new(
                        at,
                        "rubriker med en # används inte: varje punkt är en ## rubrik och mötets titel anges i \
                         front matter (title = \"…\")",
                    ));
                }
                _ => {
                    return Err(ParseError::new(
                        at,
                        "för djup rubrik: använd ## för en punkt och ### för en detaljbild",
                    ));
                }
            }
            continue;
        }
        if target == Target::Nothing {
            return Err(before_first_item(at));
        }
        if let Some(label) = label_line(line) {
            i += 1;
            let section = match (target, parsed.sections.last_mut()) {
                (Target::Item, Some(section)) => section,
                _ => {
                    let place = if target == Target::Closing {
                        "den avslutande bilden"
                    } else {
                        "en detaljbild"
                    };
                    return Err(ParseError::new(
                        at,
                        format!(
                            "\"{}\" hör till punkten, inte till {place}; flytta raden upp före första ###",
                            line.get(..label.colon_at).unwrap_or(line)
                        ),
                    ));
                }
            };
            read_label(
                &label,
                lines,
                &mut i,
                number,
                line,
                section,
                bodies,
                &mut parsed.notes,
            )?;
            continue;
        }
        let block = if lists::is_entry(line) {
            let entries = lists::read(lines, &mut i);
            Block::List {
                items: lists::tree(&entries),
            }
        } else {
            read_paragraph(lines, &mut i)
        };
        let blocks = match target {
            Target::Item => parsed.sections.last_mut().map(|s| &mut s.item.content),
            Target::Slide => parsed
                .sections
                .last_mut()
                .and_then(|s| s.item.slides.last_mut())
                .map(|s| &mut s.content),
            Target::Closing => parsed.closing.as_mut().map(|c| &mut c.content),
            Target::Nothing => None,
        };
        if let Some(blocks) = blocks {
            blocks.push(block);
        }
    }
    Ok(parsed)
}

fn before_first_item(at: Pos) -> ParseError {
    ParseError::new(
        at,
        "text före första punkten: börja varje punkt med en rubrik \"## Rubrik\" (mötets uppgifter står i \
         front matter)",
    )
}

/// A heading or plain-text field: escapes removed, whitespace normalised.
fn plain(raw: &str) -> String {
    normalize_ws(&unescape(raw))
}

/// A paragraph: consecutive lines up to a blank line, heading, label or list entry.
fn read_paragraph(lines: &[(usize, &str)], i: &mut usize) -> Block {
    let mut raw = String::new();
    while let Some(&(_, line)) = lines.get(*i) {
        let starts_other = line.trim().is_empty()
            || heading(line).is_some()
            || (!raw.is_empty() && (label_line(line).is_some() || lists::is_entry(line)));
        if starts_other {
            break;
        }
        if !raw.is_empty() {
            raw.push(' ');
        }
        raw.push_str(line.trim());
        *i += 1;
    }
    Block::Paragraph {
        text: parse_inline(&raw),
    }
}

/// The list that belongs to a label: directly under it, or (`blank_ok`) after blank lines.
fn label_list(lines: &[(usize, &str)], i: &mut usize, blank_ok: bool) -> Vec<Entry> {
    let mut j = *i;
    while blank_ok && lines.get(j).is_some_and(|(_, l)| l.trim().is_empty()) {
        j += 1;
    }
    match lines.get(j) {
        Some((_, line)) if lists::is_entry(line) => {
            *i = j;
            lists::read(lines, i)
        }
        _ => Vec::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn read_label(
    label: &syntax::LabelLine,
    lines: &[(usize, &str)],
    i: &mut usize,
    number: usize,
    line: &str,
    section: &mut Section,
    bodies: &Bodies,
    notes: &mut Vec<Note>,
) -> Result<(), ParseError> {
    let at = Pos::line(number);
    let name = line.get(..label.colon_at).unwrap_or(line).trim();
    if label.label != Label::Position
        && let Some(q) = label.qualifier
    {
        return Err(ParseError::new(
            Pos::in_line(number, line, label.qualifier_at),
            format!("\"({q})\" hör inte hit: bara Ställningstagande tar en sort inom parentes"),
        ));
    }
    let flat = |entries: &[Entry], what: &str| match lists::first_nested(entries) {
        Some(e) => Err(ParseError::new(
            e.pos,
            format!("{what} är en enkel lista utan underpunkter; flytta upp raden en nivå"),
        )),
        None => Ok(()),
    };
    match label.label {
        Label::Presenters => {
            if let Some(first) = section.presenters_pos {
                notes.push(Note {
                    pos: at,
                    code: "doubled-label",
                    message: format!(
                        "föredragande anges två gånger i punkten (första gången på rad {}); skriv alla på en rad",
                        first.line
                    ),
                });
            } else {
                section.presenters_pos = Some(at);
            }
            let presenters = &mut section.item.presenters;
            let joined = !presenters.is_empty();
            presenters.extend(parse_presenters(label.rest, bodies));
            // Two labels' people are written on one line, which must read back to them.
            if joined {
                *presenters = settle(std::mem::take(presenters), bodies);
            }
        }
        Label::Position => {
            if let Some(first) = section.position_pos {
                return Err(ParseError::new(
                    at,
                    format!(
                        "ställningstagande anges två gånger i punkten (första gången på rad {}); en punkt har ett",
                        first.line
                    ),
                ));
            }
            section.position_pos = Some(at);
            // Not `people::parse_position`: that drops emphasis markers, which in this format are text.
            let text = plain(label.rest);
            let mut position = Position {
                kind: PositionKind::infer(&text),
                text,
                points: Vec::new(),
            };
            if let Some(word) = label.qualifier {
                position.kind = kind_from_word(word).ok_or_else(|| {
                    ParseError::new(
                        Pos::in_line(number, line, label.qualifier_at),
                        format!(
                            "okänd sort av ställningstagande \"{word}\"; skriv noterar, bakom, beslut eller annat \
                             (eller ta bort parentesen)"
                        ),
                    )
                })?;
            }
            let entries = label_list(lines, i, false);
            flat(&entries, "Punkterna under ställningstagandet")?;
            position.points = entries.iter().map(|e| plain(&e.raw)).collect();
            section.item.position = Some(position);
        }
        Label::Timeline | Label::Events => {
            if !label.rest.is_empty() {
                return Err(ParseError::new(
                    Pos::in_line(number, line, label.rest_at),
                    format!("skriv posterna som en lista under \"{name}:\", inte på samma rad"),
                ));
            }
            let entries = label_list(lines, i, true);
            if entries.is_empty() {
                return Err(ParseError::new(
                    at,
                    format!("\"{name}:\" ska följas av en lista med en post per rad (\"- …\")"),
                ));
            }
            flat(&entries, name)?;
            for entry in &entries {
                if label.label == Label::Timeline {
                    section.item.timeline.push(parse_timeline(entry)?);
                } else {
                    section.item.events.push(parse_event(entry)?);
                }
            }
        }
    }
    Ok(())
}

/// Whether a position's written kind must be given explicitly (it differs from what the text says).
pub fn needs_explicit_kind(kind: PositionKind, text: &str) -> bool {
    PositionKind::infer(text) != kind
}
