//! Reading PowerPoint decks (`.pptx`, PresentationML) on `zip` and `quick-xml`, as the writer in
//! `samman-render` writes them.
//!
//! The slides are taken in the order `presentation.xml` lists them, hidden slides skipped. Each slide's
//! text (placeholders, text boxes, grouped shapes, table cells) is put in reading order, its title found
//! (the title placeholder, or else the topmost large text), and the deck is written in its *text form*:
//! the Markdown a deck exports to (seed 000's form). That text is read by the same reader as an export,
//! so a deck and its export give the same meeting; [`Places`] maps every line of the text form back to
//! "bild 7, stycke 3" for messages. Speaker notes are kept apart and never become content.
//!
//! * `package` — the zip archive with its limits, parts and relationships; OLE files told apart;
//! * `xml` — a small element tree (no DOCTYPE, no custom entities);
//! * `shapes` — one slide's shapes, paragraphs, reading order and title;
//! * `markdown` — the text form and its places.

mod markdown;
mod package;
mod shapes;
mod xml;

use std::collections::HashMap;
use std::io::{Cursor, Read, Seek, SeekFrom};

pub use markdown::Places;
pub use package::{MAX_ENTRIES, MAX_PART_BYTES};

use self::markdown::SlideText;
use self::package::{Package, Rel};

/// Why a file cannot be read as a deck (a Swedish message for the user).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DeckError {
    pub message: String,
}

impl DeckError {
    pub fn new(message: impl Into<String>) -> Self {
        DeckError {
            message: message.into(),
        }
    }
}

/// A deck read into its text form.
#[derive(Debug, Clone)]
pub struct DeckText {
    /// The slides as the Markdown a deck exports to; read by the deck reader.
    pub text: String,
    /// Where each line of `text` came from.
    pub places: Places,
    /// Speaker notes by slide number, kept apart from the slides' text.
    pub notes: Vec<(usize, String)>,
    /// Slides in the deck, hidden ones included.
    pub slides: usize,
    /// Hidden slides skipped.
    pub hidden: usize,
}

/// Whether `bytes` look like a deck or one of the containers mistaken for one (zip or OLE signature).
pub fn looks_like_deck(bytes: &[u8]) -> bool {
    package::is_zip(bytes) || package::is_ole(bytes)
}

/// The most read of an OLE file to tell an encrypted deck from an old `.ppt` (only to name the problem).
const MAX_OLE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a `.pptx` held in memory.
pub fn read_bytes(bytes: &[u8]) -> Result<DeckText, DeckError> {
    read(Cursor::new(bytes))
}

/// Reads a `.pptx` from `reader` (a file or a cursor). Only the XML parts are read, within the limits
/// of [`package`]; pictures and media stay unread however large they are.
pub fn read<R: Read + Seek>(mut reader: R) -> Result<DeckText, DeckError> {
    let io = |e: std::io::Error| DeckError::new(format!("filen kan inte läsas ({e})"));
    let mut head = Vec::with_capacity(8);
    (&mut reader).take(8).read_to_end(&mut head).map_err(io)?;
    reader.seek(SeekFrom::Start(0)).map_err(io)?;
    if package::is_ole(&head) {
        let mut bytes = Vec::new();
        reader.take(MAX_OLE_BYTES).read_to_end(&mut bytes).map_err(io)?;
        return Err(package::ole_error(&bytes));
    }
    if !package::is_zip(&head) {
        return Err(DeckError::new("filen är ingen .pptx (saknar zip-signaturen)"));
    }
    let mut package = Package::open(reader)?;
    let main = main_part(&mut package)?;
    let presentation = package.xml(&main)?;
    let rels = package.rels(&main)?;
    let slide_h = presentation
        .child("sldSz")
        .and_then(|s| s.attr("cy"))
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|h| *h > 0.0)
        .unwrap_or(6_858_000.0);
    let ids: Vec<String> = presentation
        .child("sldIdLst")
        .map(|list| {
            list.children_named("sldId")
                .filter_map(|s| rel_id(s).map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    if ids.is_empty() {
        return Err(DeckError::new("presentationen har inga bilder"));
    }
    let mut slides = Vec::new();
    let mut notes = Vec::new();
    let mut hidden = 0;
    for (index, id) in ids.iter().enumerate() {
        let number = index + 1;
        let Some(rel) = rels.get(id).filter(|r| !r.external) else {
            return Err(DeckError::new(format!(
                "bild {number} pekar på en del som inte finns (relation {id})"
            )));
        };
        let part = rel.target.clone();
        let root = package
            .xml(&part)
            .map_err(|e| DeckError::new(format!("bild {number}: {}", e.message)))?;
        if root.attr("show") == Some("0") || root.attr("show") == Some("false") {
            hidden += 1;
            continue;
        }
        let slide_rels = package.rels(&part)?;
        slides.push(SlideText {
            number,
            shapes: shapes::read_slide(&root, &slide_rels, slide_h),
            closing: root.any_with("cNvPr", "name", samman_domain::CLOSING_SLIDE_SHAPE),
        });
        if let Some(text) = speaker_notes(&mut package, &slide_rels)? {
            notes.push((number, text));
        }
    }
    let (text, places) = markdown::write(&slides);
    Ok(DeckText {
        text,
        places,
        notes,
        slides: ids.len(),
        hidden,
    })
}

/// The `r:id` of a `p:sldId` (the attribute's local name is `id`, like the slide id's own `id`).
fn rel_id(sld: &xml::Element) -> Option<&str> {
    // Local names collide ("id" and "r:id"); the relationship id is the one that is not a number.
    sld.attrs
        .iter()
        .filter(|(k, _)| k == "id")
        .map(|(_, v)| v.as_str())
        .find(|v| v.parse::<u64>().is_err())
}

/// The presentation part named by the package relationships, else the usual name.
fn main_part<R: Read + Seek>(package: &mut Package<R>) -> Result<String, DeckError> {
    let rels = package.rels("")?;
    let named = rels
        .values()
        .find(|r| r.kind == "officeDocument" && !r.external)
        .map(|r| r.target.clone());
    let name = named.unwrap_or_else(|| "ppt/presentation.xml".to_string());
    if package.has(&name) {
        return Ok(name);
    }
    if package.has("content.xml") && package.has("mimetype") {
        return Err(DeckError::new(
            "filen är ett OpenDocument-dokument (t.ex. .odp), ingen .pptx; öppna den i LibreOffice och \
             spara som .pptx",
        ));
    }
    if package.has("word/document.xml") || package.has("xl/workbook.xml") {
        return Err(DeckError::new(
            "zip-arkivet är ett Word- eller Excel-dokument, ingen PowerPoint-presentation",
        ));
    }
    Err(DeckError::new(format!(
        "zip-arkivet är ingen PowerPoint-presentation ({name} saknas)"
    )))
}

/// The text of a slide's notes page (its body placeholder), if it has one.
fn speaker_notes<R: Read + Seek>(
    package: &mut Package<R>,
    rels: &HashMap<String, Rel>,
) -> Result<Option<String>, DeckError> {
    let Some(rel) = rels.values().find(|r| r.kind == "notesSlide" && !r.external) else {
        return Ok(None);
    };
    if !package.has(&rel.target) {
        return Ok(None);
    }
    let root = package.xml(&rel.target)?;
    let shapes = shapes::read_slide(&root, &HashMap::new(), f64::MAX);
    let text: Vec<String> = shapes
        .iter()
        .filter(|s| s.role == shapes::Role::Body)
        .flat_map(|s| s.paras.iter().map(shapes::Para::joined))
        .filter(|t| !t.is_empty())
        .collect();
    Ok((!text.is_empty()).then(|| text.join("\n")))
}
