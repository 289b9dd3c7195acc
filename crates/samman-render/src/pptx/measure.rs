//! Text measurement with the real metrics of the shipped Noto Sans, and greedy line wrapping.
//!
//! The deck must never overflow, and PowerPoint files carry no layout: the viewer wraps text itself. So
//! the deck wraps every paragraph here first, with the same font's advance widths, and pages by the
//! result. Kerning is ignored (it only ever narrows Noto Sans text, so the estimate errs on the safe
//! side), and wrapping uses a slightly narrower width than the box to absorb differences between
//! renderers' line breakers.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU16, Ordering};

use ttf_parser::Face;

static REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/NotoSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../../../assets/fonts/NotoSans-Bold.ttf");

/// EMU per typographic point.
pub const EMU_PER_PT: i64 = 12_700;

/// The share of a box's width that wrapping may fill; the rest absorbs renderer differences.
const SAFE_WIDTH: f64 = 0.95;

/// A face of the font: regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Regular,
    Bold,
}

/// A parsed face with the figures wrapping needs.
#[derive(Debug)]
struct Metrics {
    units_per_em: f64,
    /// Ascender + descender + line gap, in font units: what renderers use for 100 % line spacing.
    line_height: f64,
    face: Option<Face<'static>>,
    /// Advance of a glyph the font lacks (its .notdef), in font units.
    fallback: f64,
    /// Advances of the first `TABLE_CHARS` code points (Latin, with Swedish letters and typographic
    /// punctuation), each looked up in the font the first time it is measured (`UNKNOWN` until then):
    /// the font's character map is slow to search, and a deck uses a few dozen distinct characters.
    table: Vec<AtomicU16>,
}

/// Code points below this have their advance remembered (covers Latin-1, Latin Extended-A/B).
const TABLE_CHARS: usize = 0x250;

/// A table entry not looked up yet (no glyph of Noto Sans is that wide).
const UNKNOWN: u16 = u16::MAX;

fn advance(face: &Face<'_>, c: char, fallback: f64) -> f64 {
    face.glyph_index(c)
        .and_then(|g| face.glyph_hor_advance(g))
        .map_or(fallback, f64::from)
}

fn metrics(style: Style) -> &'static Metrics {
    static CELLS: [OnceLock<Metrics>; 2] = [OnceLock::new(), OnceLock::new()];
    let (cell, data) = match style {
        Style::Regular => (&CELLS[0], REGULAR),
        Style::Bold => (&CELLS[1], BOLD),
    };
    cell.get_or_init(|| match Face::parse(data, 0) {
        Ok(face) => {
            let hhea = f64::from(face.ascender()) - f64::from(face.descender()) + f64::from(face.line_gap());
            // LibreOffice uses the OS/2 Windows metrics when they are larger; take the larger of both.
            let win = face
                .tables()
                .os2
                .map(|os2| f64::from(os2.windows_ascender()) + f64::from(os2.windows_descender().abs()))
                .unwrap_or(0.0);
            let fallback = face
                .glyph_hor_advance(ttf_parser::GlyphId(0))
                .map_or(600.0, f64::from);
            Metrics {
                units_per_em: f64::from(face.units_per_em()),
                line_height: hhea.max(win),
                fallback,
                face: Some(face),
                table: (0..TABLE_CHARS).map(|_| AtomicU16::new(UNKNOWN)).collect(),
            }
        }
        // The fonts are compiled in, so this cannot happen with a sane build; wide defaults keep it safe.
        Err(_) => Metrics {
            units_per_em: 1000.0,
            line_height: 1400.0,
            face: None,
            fallback: 700.0,
            table: Vec::new(),
        },
    })
}

impl Metrics {
    /// Advance of `c` in font units.
    fn advance(&self, c: char) -> f64 {
        let Some(face) = &self.face else {
            return self.fallback;
        };
        let Some(slot) = self.table.get(c as usize) else {
            return advance(face, c, self.fallback);
        };
        match slot.load(Ordering::Relaxed) {
            UNKNOWN => {
                let units = advance(face, c, self.fallback);
                // Two threads may both look a character up; they store the same value.
                if let Ok(stored) = u16::try_from(units as i64)
                    && stored != UNKNOWN
                {
                    slot.store(stored, Ordering::Relaxed);
                }
                units
            }
            units => f64::from(units),
        }
    }
}

/// Width of `text` set in `style` at `size_pt`, in EMU.
pub fn width(text: &str, style: Style, size_pt: f64) -> f64 {
    let m = metrics(style);
    let units: f64 = text.chars().map(|c| m.advance(c)).sum();
    units / m.units_per_em * size_pt * EMU_PER_PT as f64
}

/// Height of one line at `size_pt` with single line spacing, in EMU.
pub fn line_height(style: Style, size_pt: f64) -> f64 {
    let m = metrics(style);
    m.line_height / m.units_per_em * size_pt * EMU_PER_PT as f64
}

/// A word (or piece of a word) with the style it is set in, borrowed from the text it is part of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub style: Style,
}

/// Wraps words greedily into lines no wider than `box_width` (EMU) at `size_pt`; returns each line's
/// words. Words wider than a line are broken between characters, as renderers do.
pub fn wrap<'a>(
    words: impl IntoIterator<Item = Word<'a>>,
    size_pt: f64,
    box_width: f64,
) -> Vec<Vec<Word<'a>>> {
    let mut lines: Vec<Vec<Word<'a>>> = vec![Vec::new()];
    flow(words, size_pt, box_width, |piece, breaks| {
        if breaks {
            lines.push(Vec::new());
        }
        if let Some(line) = lines.last_mut() {
            line.push(piece);
        }
    });
    lines
}

/// How many lines [`wrap`] makes of `words`, without keeping them (paging only needs heights).
pub fn count_lines<'a>(words: impl IntoIterator<Item = Word<'a>>, size_pt: f64, box_width: f64) -> usize {
    let mut lines = 1;
    flow(words, size_pt, box_width, |_, breaks| {
        lines += usize::from(breaks)
    });
    lines
}

/// The greedy line breaker: hands `place` each piece in order, and whether a new line starts before it.
fn flow<'a>(
    words: impl IntoIterator<Item = Word<'a>>,
    size_pt: f64,
    box_width: f64,
    mut place: impl FnMut(Word<'a>, bool),
) {
    let limit = box_width * SAFE_WIDTH;
    let (regular_space, bold_space) = (
        width(" ", Style::Regular, size_pt),
        width(" ", Style::Bold, size_pt),
    );
    let mut line_empty = true;
    let mut used = 0.0;
    for word in words {
        split_long(word, size_pt, limit, |piece, w| {
            let gap = match (line_empty, piece.style) {
                (true, _) => 0.0,
                (false, Style::Regular) => regular_space,
                (false, Style::Bold) => bold_space,
            };
            let breaks = !line_empty && used + gap + w > limit;
            used = if breaks { w } else { used + gap + w };
            line_empty = false;
            place(piece, breaks);
        });
    }
}

/// Hands `piece` the word in pieces that each fit within `limit`, with their widths.
fn split_long<'a>(word: Word<'a>, size_pt: f64, limit: f64, mut piece: impl FnMut(Word<'a>, f64)) {
    let m = metrics(word.style);
    // Computed as `width` does (advances summed in font units, then scaled), so a piece measures the
    // same here as anywhere else.
    let emu = |units: f64| units / m.units_per_em * size_pt * EMU_PER_PT as f64;
    let (mut start, mut units) = (0, 0.0);
    for (i, c) in word.text.char_indices() {
        let advance = m.advance(c);
        if i > start && emu(units + advance) > limit {
            let text = &word.text[start..i];
            piece(
                Word {
                    text,
                    style: word.style,
                },
                emu(units),
            );
            (start, units) = (i, 0.0);
        }
        units += advance;
    }
    if start < word.text.len() {
        let text = &word.text[start..];
        piece(
            Word {
                text,
                style: word.style,
            },
            emu(units),
        );
    }
}

/// The text of a wrapped line, words joined by single spaces.
#[cfg(test)]
pub fn line_text(line: &[Word]) -> String {
    line.iter().map(|w| w.text).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<Word<'_>> {
        s.split_whitespace()
            .map(|text| Word {
                text,
                style: Style::Regular,
            })
            .collect()
    }

    #[test]
    fn wider_text_measures_wider_and_bold_is_wider() {
        let narrow = width("iii", Style::Regular, 20.0);
        let wide = width("WWW", Style::Regular, 20.0);
        assert!(wide > narrow * 2.0, "{wide} vs {narrow}");
        assert!(width("Samråd", Style::Bold, 20.0) > width("Samråd", Style::Regular, 20.0));
        // Noto Sans: "0" advances 572/1000 em, so ten of them at 10 pt are 57.2 pt.
        let zeros = width("0000000000", Style::Regular, 10.0) / EMU_PER_PT as f64;
        assert!((zeros - 57.2).abs() < 0.5, "{zeros}");
    }

    #[test]
    fn line_height_follows_the_font() {
        let h = line_height(Style::Regular, 20.0) / EMU_PER_PT as f64;
        assert!((26.0..30.0).contains(&h), "{h}");
    }

    #[test]
    fn wraps_at_word_boundaries_within_the_width() {
        let text = "Översyn av den länsövergripande samverkansstrukturen pågår under hela hösten";
        let box_width = 4.0 * 914_400.0;
        let lines = wrap(words(text), 20.0, box_width);
        assert_eq!(count_lines(words(text), 20.0, box_width), lines.len());
        assert!(lines.len() >= 2, "{lines:?}");
        for line in &lines {
            assert!(width(&line_text(line), Style::Regular, 20.0) <= box_width);
        }
        let joined: Vec<String> = lines.iter().map(|l| line_text(l)).collect();
        assert_eq!(joined.join(" "), text);
    }

    #[test]
    fn breaks_words_longer_than_a_line() {
        let long = "x".repeat(400);
        let lines = wrap(words(&long), 20.0, 3.0 * 914_400.0);
        assert_eq!(count_lines(words(&long), 20.0, 3.0 * 914_400.0), lines.len());
        assert!(lines.len() > 3);
        assert_eq!(lines.iter().map(|l| line_text(l)).collect::<String>(), long);
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap([], 20.0, 1000.0).len(), 1);
        assert_eq!(count_lines([], 20.0, 1000.0), 1);
    }
}
