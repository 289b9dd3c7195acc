//! Bytes → text, for every source of input: a file, an upload, a database row. Errors here name no file —
//! the caller knows where the bytes came from and says so ([`super::InputError`] adds the path).

use std::fmt;

use crate::located::Pos;

/// The largest input accepted. A meeting summary is a few kilobytes; anything near this is not one.
pub const MAX_INPUT_BYTES: u64 = 10 * 1024 * 1024;

/// Why bytes are not usable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Larger than [`MAX_INPUT_BYTES`]; `size` is exact when known (a regular file, a buffer), `None` when
    /// reading stopped at the limit (a device or pipe, whose size nobody knows).
    TooLarge { size: Option<u64> },
    /// Nothing but whitespace.
    Empty,
    /// UTF-16 (Windows' "Unicode"): readable, but not the UTF-8 the source format is.
    Utf16 { big_endian: bool },
    /// A NUL byte: not text at all.
    Binary { pos: Pos },
    /// Not valid UTF-8 from `pos` on.
    InvalidUtf8 { pos: Pos },
}

impl DecodeError {
    /// Where in the text the problem is, when it is at one place.
    pub fn pos(&self) -> Option<Pos> {
        match self {
            DecodeError::Binary { pos } | DecodeError::InvalidUtf8 { pos } => Some(*pos),
            _ => None,
        }
    }
}

/// The message without the place (see [`DecodeError::pos`]).
impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let max = Megabytes(MAX_INPUT_BYTES);
        match self {
            DecodeError::TooLarge { size: Some(size) } => {
                write!(
                    f,
                    "filen är för stor ({}); högst {max} tas emot",
                    Megabytes(*size)
                )
            }
            DecodeError::TooLarge { size: None } => write!(f, "filen är större än de {max} som tas emot"),
            DecodeError::Empty => f.write_str("filen är tom"),
            DecodeError::Utf16 { big_endian } => write!(
                f,
                "filen är sparad som UTF-16{}, inte UTF-8; spara den som UTF-8 (i Anteckningar: Spara som → \
                 Kodning: UTF-8; i ett skal: iconv -f UTF-16 -t UTF-8 FIL > NY.md)",
                if *big_endian { " (big endian)" } else { "" }
            ),
            DecodeError::Binary { .. } => f.write_str("filen är binär, inte text (nolltecken)"),
            DecodeError::InvalidUtf8 { .. } => f.write_str("ogiltig UTF-8 (spara filen som UTF-8)"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// A byte count as shown in messages ("10,0 MB").
#[derive(Debug, Clone, Copy)]
pub struct Megabytes(pub u64);

impl fmt::Display for Megabytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mb = self.0 as f64 / (1024.0 * 1024.0);
        write!(f, "{} MB", format!("{mb:.1}").replace('.', ","))
    }
}

/// Checks and decodes `bytes` as UTF-8 text (dropping a byte-order mark, line ends made `\n`), refusing
/// what is too large, empty, UTF-16, binary or not UTF-8.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(DecodeError::TooLarge {
            size: Some(bytes.len() as u64),
        });
    }
    if let Some(big_endian) = utf16(bytes) {
        return Err(DecodeError::Utf16 { big_endian });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(nul) = bytes.iter().position(|b| *b == 0) {
        return Err(DecodeError::Binary {
            pos: pos_of(bytes, nul),
        });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.replace("\r\n", "\n").replace('\r', "\n"),
        Err(e) => {
            return Err(DecodeError::InvalidUtf8 {
                pos: pos_of(bytes, e.valid_up_to()),
            });
        }
    };
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(text)
}

/// Whether `bytes` look like UTF-16, and in which byte order: a byte-order mark, or (text saved without
/// one) NUL in every other byte of the start, as Latin text in UTF-16 has.
fn utf16(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some(false),
        [0xFE, 0xFF, ..] => return Some(true),
        _ => {}
    }
    let start = &bytes[..bytes.len().min(256) & !1];
    if start.len() < 4 {
        return None;
    }
    let pairs = start.len() / 2;
    let zeros_at = |odd: usize| start.iter().skip(odd).step_by(2).filter(|b| **b == 0).count();
    let (even, odd) = (zeros_at(0), zeros_at(1));
    // Nearly all of one half NUL and almost none of the other: text, two bytes a character.
    let mostly = |n: usize| n * 10 >= pairs * 9;
    let hardly = |n: usize| n * 10 <= pairs;
    if mostly(odd) && hardly(even) {
        Some(false)
    } else if mostly(even) && hardly(odd) {
        Some(true)
    } else {
        None
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
    fn invalid_utf8_and_binary_are_located() {
        assert_eq!(
            decode(b"ab\ncd\xFFe"),
            Err(DecodeError::InvalidUtf8 { pos: Pos::new(2, 3) })
        );
        assert_eq!(decode(b"a\0b"), Err(DecodeError::Binary { pos: Pos::new(1, 2) }));
        assert_eq!(decode(b"\xEF\xBB\xBFhej\r\n"), Ok("hej\n".to_string()));
        assert_eq!(decode(b" \n\t"), Err(DecodeError::Empty));
    }

    #[test]
    fn utf16_is_recognised_with_or_without_a_byte_order_mark() {
        let text = "+++\ndatum = 2021-05-21\n+++\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le), Err(DecodeError::Utf16 { big_endian: false }));
        assert_eq!(decode(&be), Err(DecodeError::Utf16 { big_endian: true }));
        let with_bom = [&[0xFF, 0xFE][..], &le].concat();
        assert_eq!(decode(&with_bom), Err(DecodeError::Utf16 { big_endian: false }));
        let message = DecodeError::Utf16 { big_endian: false }.to_string();
        assert!(message.contains("spara den som UTF-8"), "{message}");
    }

    #[test]
    fn too_large_says_the_size_only_when_known() {
        let big = vec![b'a'; MAX_INPUT_BYTES as usize + 1];
        assert_eq!(
            decode(&big),
            Err(DecodeError::TooLarge {
                size: Some(MAX_INPUT_BYTES + 1)
            })
        );
        let unknown = DecodeError::TooLarge { size: None }.to_string();
        assert_eq!(unknown, "filen är större än de 10,0 MB som tas emot");
    }
}
