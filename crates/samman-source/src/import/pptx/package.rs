//! The package around the slides: the zip archive (with limits against zip bombs), the parts it names
//! and their relationships, and telling a deck from what only looks like one (an encrypted deck or an
//! old binary `.ppt`, both OLE compound files).

use std::collections::HashMap;
use std::io::{Read, Seek};

use super::DeckError;
use super::xml::{self, Element};

/// More entries than any deck has: 5,000 slides with their relationships and notes stay well below.
pub const MAX_ENTRIES: usize = 60_000;
/// The largest XML part read. A slide is kilobytes; `presentation.xml` of 5,000 slides under a megabyte.
pub const MAX_PART_BYTES: u64 = 16 * 1024 * 1024;
/// The most XML read from one deck in total (pictures and media are never read).
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// The signature of an OLE compound file (CFB): old `.ppt` files and password-protected decks.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether `bytes` start like a zip archive.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Whether `bytes` start like an OLE compound file.
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&OLE_MAGIC)
}

/// Why an OLE compound file is not a deck samman can read: encrypted (its directory names an
/// `EncryptedPackage` stream) or an old binary presentation.
pub fn ole_error(bytes: &[u8]) -> DeckError {
    // Stream names in the CFB directory are UTF-16LE.
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let has = |name: &str| {
        let needle = utf16(name);
        bytes.windows(needle.len()).any(|w| w == needle.as_slice())
    };
    if has("EncryptedPackage") {
        DeckError::new(
            "presentationen är lösenordsskyddad (en krypterad OLE-behållare, inte en zip-fil); \
             ta bort lösenordet i PowerPoint och spara igen",
        )
    } else if has("PowerPoint Document") {
        DeckError::new(
            "filen är en gammal binär PowerPoint-fil (.ppt); öppna den i PowerPoint eller LibreOffice \
             och spara som .pptx",
        )
    } else {
        DeckError::new("filen är en OLE-behållare (t.ex. ett gammalt Office-dokument), inte en .pptx")
    }
}

/// An opened deck package: reads parts within the limits.
pub struct Package<R> {
    archive: zip::ZipArchive<R>,
    /// Bytes of XML read so far.
    read: u64,
}

impl<R: Read + Seek> std::fmt::Debug for Package<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Package")
            .field("entries", &self.archive.len())
            .finish()
    }
}

/// A relationship: its type's last segment ("slide", "notesSlide", "hyperlink") and target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rel {
    pub kind: String,
    /// For internal targets the resolved part name ("ppt/slides/slide1.xml"); external targets as written.
    pub target: String,
    pub external: bool,
}

impl<R: Read + Seek> Package<R> {
    pub fn open(reader: R) -> Result<Self, DeckError> {
        let archive = zip::ZipArchive::new(reader).map_err(|e| {
            DeckError::new(format!(
                "zip-arkivet är trasigt ({e}); filen är ingen giltig .pptx"
            ))
        })?;
        if archive.len() > MAX_ENTRIES {
            return Err(DeckError::new(format!(
                "zip-arkivet har {} delar; högst {MAX_ENTRIES} tas emot (en zip-bomb?)",
                archive.len()
            )));
        }
        Ok(Package { archive, read: 0 })
    }

    /// Whether the archive holds part `name`.
    pub fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// The text of part `name`, refusing parts that unpack beyond the limits (whatever their header
    /// claims: the reader stops one byte past the limit).
    pub fn text(&mut self, name: &str) -> Result<String, DeckError> {
        let mut file = self
            .archive
            .by_name(name)
            .map_err(|e| DeckError::new(format!("delen {name} kan inte läsas ({e})")))?;
        let budget = MAX_PART_BYTES.min(MAX_TOTAL_BYTES.saturating_sub(self.read));
        let too_big = || {
            DeckError::new(format!(
                "delen {name} packas upp till mer än {} MB; filen tas inte emot (en zip-bomb?)",
                budget / (1024 * 1024)
            ))
        };
        if file.size() > budget {
            return Err(too_big());
        }
        let mut bytes = Vec::new();
        (&mut file)
            .take(budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| DeckError::new(format!("delen {name} kan inte packas upp ({e})")))?;
        if bytes.len() as u64 > budget {
            return Err(too_big());
        }
        self.read += bytes.len() as u64;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes).to_vec();
        String::from_utf8(bytes).map_err(|_| DeckError::new(format!("delen {name} är inte UTF-8")))
    }

    /// The parsed XML of part `name`.
    pub fn xml(&mut self, name: &str) -> Result<Element, DeckError> {
        let text = self.text(name)?;
        xml::parse(&text).map_err(|message| DeckError::new(format!("delen {name}: {message}")))
    }

    /// The relationships of part `name` by id; none when it has no relationships part.
    pub fn rels(&mut self, name: &str) -> Result<HashMap<String, Rel>, DeckError> {
        let (dir, file) = name.rsplit_once('/').unwrap_or(("", name));
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        if !self.has(&rels_name) {
            return Ok(HashMap::new());
        }
        let root = self.xml(&rels_name)?;
        let mut rels = HashMap::new();
        for rel in root.children_named("Relationship") {
            let (Some(id), Some(target)) = (rel.attr("Id"), rel.attr("Target")) else {
                continue;
            };
            let external = rel.attr("TargetMode") == Some("External");
            let kind = rel
                .attr("Type")
                .unwrap_or("")
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_string();
            let target = if external {
                target.to_string()
            } else {
                resolve(dir, target)
            };
            rels.insert(
                id.to_string(),
                Rel {
                    kind,
                    target,
                    external,
                },
            );
        }
        Ok(rels)
    }
}

/// The part name `target` points at from a part in directory `dir` ("ppt" + "slides/slide1.xml").
pub fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|p| !p.is_empty()).collect()
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_their_directory() {
        assert_eq!(resolve("ppt", "slides/slide1.xml"), "ppt/slides/slide1.xml");
        assert_eq!(
            resolve("ppt/slides", "../notesSlides/n1.xml"),
            "ppt/notesSlides/n1.xml"
        );
        assert_eq!(resolve("ppt/slides", "/ppt/media/a.png"), "ppt/media/a.png");
        assert_eq!(resolve("", "ppt/presentation.xml"), "ppt/presentation.xml");
    }

    #[test]
    fn ole_containers_are_told_apart() {
        let mut bytes = OLE_MAGIC.to_vec();
        bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(ole_error(&bytes).message.contains("lösenordsskyddad"));
        let mut ppt = OLE_MAGIC.to_vec();
        ppt.extend("PowerPoint Document".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(ole_error(&ppt).message.contains("spara som .pptx"));
    }
}
