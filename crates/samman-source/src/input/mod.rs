//! Input, checked before anything parses it, in two layers:
//!
//! * [`decode`] — bytes → text: size limit, empty, UTF-16 (with how to save as UTF-8), binary, invalid
//!   UTF-8. Errors ([`DecodeError`]) name no file, for bytes that never were one (an upload, a database
//!   row); [`load_bytes`] goes on to the located [`Document`].
//! * [`read_bytes`], [`read_input`], [`load`] — the same from a path: open, refuse directories, read at most
//!   one byte past the limit (so `/dev/zero` or a pipe cannot fill memory, and their size is reported as
//!   "larger than", not as a number nobody measured). Errors ([`InputError`]) name the file once and say
//!   each thing once, in Swedish.

mod decode;

use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use samman_domain::Bodies;

pub use decode::{DecodeError, MAX_INPUT_BYTES, Megabytes, decode};

use crate::document::{Document, Format};
use crate::{ParseError, import};

/// A file read into memory as text.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub text: String,
    /// For a deck: the slide and paragraph of each line of `text` (its text form).
    pub places: Option<import::pptx::Places>,
}

impl Loaded {
    /// Where `pos` is, as shown to the user: "7:3" (line and column), or "bild 7, stycke 3" in a deck.
    pub fn place(&self, pos: crate::Pos) -> String {
        match &self.places {
            Some(places) => places.describe(pos),
            None => pos.to_string(),
        }
    }

    /// A message as shown for this input: in a deck, the lines of its text form a message names
    /// ("… dagordningens \"Nära Vård\" (rad 11)") become slides ("(bild 2, stycke 1)").
    pub fn localise(&self, message: &mut String) {
        let Some(places) = &self.places else {
            return;
        };
        let mut out = String::with_capacity(message.len());
        let mut rest = message.as_str();
        while let Some(at) = rest.find("rad ") {
            out.push_str(&rest[..at]);
            let after = &rest[at + 4..];
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            match after[..digits].parse::<usize>() {
                Ok(line) if digits > 0 => out.push_str(&places.describe(crate::Pos::line(line))),
                _ => out.push_str(&rest[at..at + 4 + digits]),
            }
            rest = &after[digits..];
        }
        out.push_str(rest);
        *message = out;
    }
}

/// Why a file could not be used: the file, then what is wrong (and where, when at one place).
#[derive(Debug)]
pub struct InputError {
    pub path: PathBuf,
    pub problem: Problem,
}

/// What is wrong with an input, without saying which.
#[derive(Debug, thiserror::Error)]
pub enum Problem {
    /// Opening or reading failed.
    #[error("kan inte läsas: {}", describe_io(.0))]
    Io(io::Error),
    /// A directory where a file was expected.
    #[error("är en katalog, inte en fil")]
    Directory,
    /// The bytes are not usable text.
    #[error("{0}")]
    Decode(DecodeError),
    /// The text is not a meeting in the given or detected form.
    #[error("{}", .0.message)]
    Parse(ParseError),
    /// A deck (`.pptx`) that cannot be read, or whose text is no meeting.
    #[error("{0}")]
    Deck(String),
}

impl Problem {
    fn pos(&self) -> Option<crate::Pos> {
        match self {
            Problem::Decode(e) => e.pos(),
            Problem::Parse(e) => Some(e.pos),
            Problem::Io(_) | Problem::Directory | Problem::Deck(_) => None,
        }
    }
}

/// "FILE:LINE:COL: message" or "FILE: message". The problem is part of the message, not a separate
/// `source`, so that `{:#}` chains do not say it twice.
impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problem.pos() {
            Some(pos) => write!(f, "{}:{pos}: {}", self.path.display(), self.problem),
            None => write!(f, "{}: {}", self.path.display(), self.problem),
        }
    }
}

impl std::error::Error for InputError {}

/// Why bytes (no file) could not be read as a meeting: "LINE:COL: message" or "message".
#[derive(Debug)]
pub enum Unusable {
    Decode(DecodeError),
    Parse(ParseError),
}

impl fmt::Display for Unusable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unusable::Decode(e) => match e.pos() {
                Some(pos) => write!(f, "{pos}: {e}"),
                None => write!(f, "{e}"),
            },
            Unusable::Parse(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Unusable {}

/// Decodes and parses `bytes` (an upload, a database row) as a meeting in the given or detected form.
pub fn load_bytes(
    bytes: &[u8],
    format: Option<Format>,
    bodies: &Bodies,
) -> Result<(String, Document), Unusable> {
    let text = decode(bytes).map_err(Unusable::Decode)?;
    let document = import::read(&text, format, bodies).map_err(Unusable::Parse)?;
    Ok((text, document))
}

/// Reads the bytes of `path`, refusing directories and anything past [`MAX_INPUT_BYTES`] (without
/// reading more than one byte past it, whatever the file is).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    let (file, meta) = open(path)?;
    read_rest(path, file, &meta, Vec::new())
}

/// The bytes of `path` for [`load_read`] (a deck whole, as [`load`] reads it, other files as
/// [`read_bytes`] does), and when the file last changed (unix seconds; 0 where unknown).
pub fn read_dated(path: &Path) -> Result<(Vec<u8>, i64), InputError> {
    let (mut file, meta, mut bytes) = open_with_head(path)?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64);
    if import::pptx::looks_like_deck(&bytes) {
        file.read_to_end(&mut bytes).map_err(|e| InputError {
            path: path.to_path_buf(),
            problem: Problem::Io(e),
        })?;
        return Ok((bytes, modified));
    }
    Ok((read_rest(path, file, &meta, bytes)?, modified))
}

/// Opens `path` (refusing a directory) and reads its first bytes, enough to tell a deck from text.
fn open_with_head(path: &Path) -> Result<(std::fs::File, std::fs::Metadata, Vec<u8>), InputError> {
    let (mut file, meta) = open(path)?;
    let mut head = Vec::with_capacity(8);
    (&mut file)
        .take(8)
        .read_to_end(&mut head)
        .map_err(|e| InputError {
            path: path.to_path_buf(),
            problem: Problem::Io(e),
        })?;
    Ok((file, meta, head))
}

/// Opens `path` for reading, refusing a directory.
fn open(path: &Path) -> Result<(std::fs::File, std::fs::Metadata), InputError> {
    let failed = |problem| InputError {
        path: path.to_path_buf(),
        problem,
    };
    let file = std::fs::File::open(path).map_err(|e| failed(Problem::Io(e)))?;
    let meta = file.metadata().map_err(|e| failed(Problem::Io(e)))?;
    if meta.is_dir() {
        return Err(failed(Problem::Directory));
    }
    Ok((file, meta))
}

/// Reads the rest of `file` after the `bytes` already read from it, within [`MAX_INPUT_BYTES`].
fn read_rest(
    path: &Path,
    file: std::fs::File,
    meta: &std::fs::Metadata,
    mut bytes: Vec<u8>,
) -> Result<Vec<u8>, InputError> {
    let failed = |problem| InputError {
        path: path.to_path_buf(),
        problem,
    };
    // Only a regular file's length is its size; a device or pipe says 0.
    if meta.is_file() && meta.len() > MAX_INPUT_BYTES {
        return Err(failed(Problem::Decode(DecodeError::TooLarge {
            size: Some(meta.len()),
        })));
    }
    // Room for the whole file and the byte that shows its end: `take` hides the size from
    // `read_to_end`, which would otherwise read a small file in a dozen doubling steps.
    if meta.is_file() {
        bytes.reserve((meta.len() as usize + 1).saturating_sub(bytes.len()));
    }
    let left = (MAX_INPUT_BYTES + 1).saturating_sub(bytes.len() as u64);
    file.take(left)
        .read_to_end(&mut bytes)
        .map_err(|e| failed(Problem::Io(e)))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        // Grown since `metadata`, or not a regular file: how large is unknown.
        return Err(failed(Problem::Decode(DecodeError::TooLarge { size: None })));
    }
    Ok(bytes)
}

/// Reads `path` as UTF-8 text (see [`decode`]).
pub fn read_input(path: &Path) -> Result<Loaded, InputError> {
    let bytes = read_bytes(path)?;
    text_of(path, &bytes)
}

fn text_of(path: &Path, bytes: &[u8]) -> Result<Loaded, InputError> {
    let text = decode(bytes).map_err(|e| InputError {
        path: path.to_path_buf(),
        problem: Problem::Decode(e),
    })?;
    Ok(Loaded {
        path: path.to_path_buf(),
        text,
        places: None,
    })
}

/// Reads and parses `path` as a meeting in the given or detected format. The file is opened once: its
/// first bytes tell a deck (read as a zip, without the text size limit) from text.
pub fn load(path: &Path, format: Option<Format>, bodies: &Bodies) -> Result<(Loaded, Document), InputError> {
    let failed = |problem| InputError {
        path: path.to_path_buf(),
        problem,
    };
    let (mut file, meta, head) = open_with_head(path)?;
    if format == Some(Format::Pptx) || (format.is_none() && import::pptx::looks_like_deck(&head)) {
        io::Seek::rewind(&mut file).map_err(|e| failed(Problem::Io(e)))?;
        let deck =
            import::pptx::read(io::BufReader::new(file)).map_err(|e| failed(Problem::Deck(e.message)))?;
        return document_of_deck(path, deck, bodies);
    }
    let bytes = read_rest(path, file, &meta, head)?;
    parse(path, &bytes, format, bodies)
}

/// What [`load`] makes of `path` when its `bytes` were read already (to hash them, say).
pub fn load_read(
    path: &Path,
    bytes: &[u8],
    format: Option<Format>,
    bodies: &Bodies,
) -> Result<(Loaded, Document), InputError> {
    if format == Some(Format::Pptx) || (format.is_none() && import::pptx::looks_like_deck(bytes)) {
        let deck = import::pptx::read_bytes(bytes).map_err(|e| InputError {
            path: path.to_path_buf(),
            problem: Problem::Deck(e.message),
        })?;
        return document_of_deck(path, deck, bodies);
    }
    parse(path, bytes, format, bodies)
}

/// Decodes and parses text bytes of `path`.
fn parse(
    path: &Path,
    bytes: &[u8],
    format: Option<Format>,
    bodies: &Bodies,
) -> Result<(Loaded, Document), InputError> {
    let loaded = text_of(path, bytes)?;
    let document = import::read(&loaded.text, format, bodies).map_err(|error| InputError {
        path: path.to_path_buf(),
        problem: Problem::Parse(error),
    })?;
    Ok((loaded, document))
}

/// A deck's document, from its text form. Decks are binary and may hold large pictures, so they skip
/// the text checks and size limit: the deck reader reads only the XML parts, within its own limits.
fn document_of_deck(
    path: &Path,
    deck: import::pptx::DeckText,
    bodies: &Bodies,
) -> Result<(Loaded, Document), InputError> {
    let document = import::read_deck(&deck, bodies).map_err(|e| InputError {
        path: path.to_path_buf(),
        problem: Problem::Deck(e.message),
    })?;
    let loaded = Loaded {
        path: path.to_path_buf(),
        text: deck.text,
        places: Some(deck.places),
    };
    Ok((loaded, document))
}

/// An I/O error in Swedish, once (std's text repeats the OS error and is English).
pub fn describe_io(error: &io::Error) -> String {
    use io::ErrorKind as K;
    let said = match error.kind() {
        K::NotFound => "filen finns inte",
        K::PermissionDenied => "åtkomst nekad",
        K::IsADirectory => "är en katalog",
        K::NotADirectory => "en del av sökvägen är ingen katalog",
        K::AlreadyExists => "finns redan",
        K::StorageFull => "disken är full",
        K::QuotaExceeded => "diskkvoten är slut",
        K::ReadOnlyFilesystem => "filsystemet är skrivskyddat",
        K::BrokenPipe => "mottagaren stängde röret",
        K::FileTooLarge => "filen blir för stor för filsystemet",
        K::InvalidFilename => "ogiltigt filnamn",
        K::CrossesDevices => "kan inte flytta mellan filsystem",
        K::Interrupted => "avbröts",
        _ => return error.to_string(),
    };
    said.to_string()
}
