//! Reading input files safely: size limit, empty files, binary junk and invalid UTF-8 get clear
//! messages naming the file and the place, never a panic.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use samman_domain::Bodies;

use crate::document::{Document, Format};
use crate::located::Pos;
use crate::{ParseError, import};

/// The largest input accepted. A meeting summary is a few kilobytes; anything near this is not one.
pub const MAX_INPUT_BYTES: u64 = 10 * 1024 * 1024;

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
    pub fn place(&self, pos: Pos) -> String {
        match &self.places {
            Some(places) => places.describe(pos),
            None => pos.to_string(),
        }
    }
}

/// Why an input could not be used. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: kan inte läsas: {source}")]
    Io { path: Shown, source: std::io::Error },
    #[error("{path}: filen är för stor ({size}); högst {max} tas emot")]
    TooLarge { path: Shown, size: Bytes, max: Bytes },
    #[error("{path}: filen är tom")]
    Empty { path: Shown },
    #[error("{path}:{pos}: filen är binär, inte text (nolltecken)")]
    Binary { path: Shown, pos: Pos },
    #[error("{path}:{pos}: ogiltig UTF-8 (spara filen som UTF-8)")]
    InvalidUtf8 { path: Shown, pos: Pos },
    #[error("{path}:{}: {}", .error.pos, .error.message)]
    Parse { path: Shown, error: ParseError },
    #[error("{path}: {message}")]
    Deck { path: Shown, message: String },
}

/// A path as shown in messages.
#[derive(Debug, Clone)]
pub struct Shown(pub PathBuf);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.display())
    }
}

/// A byte count as shown in messages ("50,0 MB").
#[derive(Debug, Clone, Copy)]
pub struct Bytes(pub u64);

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mb = self.0 as f64 / (1024.0 * 1024.0);
        write!(f, "{} MB", format!("{mb:.1}").replace('.', ","))
    }
}

/// Reads `path` as UTF-8 text, refusing what is too large, empty, binary or not UTF-8.
pub fn read_input(path: &Path) -> Result<Loaded, InputError> {
    let shown = || Shown(path.to_path_buf());
    let file = std::fs::File::open(path).map_err(|source| InputError::Io {
        path: shown(),
        source,
    })?;
    let meta = file.metadata().map_err(|source| InputError::Io {
        path: shown(),
        source,
    })?;
    if meta.is_dir() {
        let source = std::io::Error::other("det är en katalog");
        return Err(InputError::Io {
            path: shown(),
            source,
        });
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            path: shown(),
            size: Bytes(meta.len()),
            max: Bytes(MAX_INPUT_BYTES),
        });
    }
    // Read at most one byte past the limit, in case the file grew since `metadata`.
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| InputError::Io {
            path: shown(),
            source,
        })?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            path: shown(),
            size: Bytes(bytes.len() as u64),
            max: Bytes(MAX_INPUT_BYTES),
        });
    }
    let text = decode(&bytes).map_err(|(binary, pos)| {
        if binary {
            InputError::Binary { path: shown(), pos }
        } else {
            InputError::InvalidUtf8 { path: shown(), pos }
        }
    })?;
    if text.trim().is_empty() {
        return Err(InputError::Empty { path: shown() });
    }
    Ok(Loaded {
        path: path.to_path_buf(),
        text,
        places: None,
    })
}

/// Reads and parses `path` as a meeting in the given or detected format.
pub fn load(path: &Path, format: Option<Format>, bodies: &Bodies) -> Result<(Loaded, Document), InputError> {
    if format == Some(Format::Pptx) || (format.is_none() && starts_like_deck(path)) {
        return load_deck(path, bodies);
    }
    let loaded = read_input(path)?;
    let document = import::read(&loaded.text, format, bodies).map_err(|error| InputError::Parse {
        path: Shown(path.to_path_buf()),
        error,
    })?;
    Ok((loaded, document))
}

/// Whether the file starts with a zip or OLE signature (a deck, or a container mistaken for one).
fn starts_like_deck(path: &Path) -> bool {
    let mut head = Vec::with_capacity(8);
    std::fs::File::open(path)
        .and_then(|f| f.take(8).read_to_end(&mut head))
        .is_ok_and(|_| import::pptx::looks_like_deck(&head))
}

/// Reads a deck (`.pptx`) into its text form and then its document. Decks are binary and may hold
/// large pictures, so they skip the text checks and size limit: the deck reader reads only the XML
/// parts, within its own limits.
fn load_deck(path: &Path, bodies: &Bodies) -> Result<(Loaded, Document), InputError> {
    let shown = || Shown(path.to_path_buf());
    let file = std::fs::File::open(path).map_err(|source| InputError::Io {
        path: shown(),
        source,
    })?;
    let deck = import::pptx::read(std::io::BufReader::new(file)).map_err(|e| InputError::Deck {
        path: shown(),
        message: e.message,
    })?;
    let document = import::read_deck(&deck, bodies).map_err(|error| InputError::Deck {
        path: shown(),
        message: error.message,
    })?;
    let loaded = Loaded {
        path: path.to_path_buf(),
        text: deck.text,
        places: Some(deck.places),
    };
    Ok((loaded, document))
}

/// Decodes UTF-8 (dropping a byte-order mark). Errors carry whether the input looks binary, and where.
fn decode(bytes: &[u8]) -> Result<String, (bool, Pos)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(nul) = bytes.iter().position(|b| *b == 0) {
        return Err((true, pos_of(bytes, nul)));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.replace("\r\n", "\n").replace('\r', "\n")),
        Err(e) => Err((false, pos_of(bytes, e.valid_up_to()))),
    }
}

/// Line and column of byte `offset`; the prefix before it is valid UTF-8 up to `offset` or best effort.
fn pos_of(bytes: &[u8], offset: usize) -> Pos {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    Pos::new(line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located() {
        assert_eq!(decode(b"ab\ncd\xFFe"), Err((false, Pos::new(2, 3))));
        assert_eq!(decode(b"a\0b"), Err((true, Pos::new(1, 2))));
        assert_eq!(decode(b"\xEF\xBB\xBFhej\r\n"), Ok("hej\n".to_string()));
    }
}
