//! Text measurement with the real metrics of the shipped Noto Sans, and greedy line wrapping.
//!
//! The deck must never overflow, and PowerPoint files carry no layout: the viewer wraps text itself. So
//! the deck wraps every paragraph here first, with the same font's advance widths, and pages by the
//! result. Kerning is ignored (it only ever narrows Noto Sans text, so the estimate errs on the safe
//! side), and wrapping uses a slightly narrower width than the box to absorb differences between
//! renderers' line breakers.

use std::sync::OnceLock;

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
    /// punctuation), looked up once: the cmap lookup per character dominated the deck's render time.
    table: Vec<f64>,
}

/// Code points below this have their advance precomputed (covers Latin-1, Latin Extended-A/B).
const TABLE_CHARS: u32 = 0x250;

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
            let table = (0..TABLE_CHARS)
                .map(|u| char::from_u32(u).map_or(fallback, |c| advance(&face, c, fallback)))
                .collect();
            Metrics {
                units_per_em: f64::from(face.units_per_em()),
                line_height: hhea.max(win),
                fallback,
                face: Some(face),
                table,
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

/// Width of `text` set in `style` at `size_pt`, in EMU.
pub fn width(text: &str, style: Style, size_pt: f64) -> f64 {
    let m = metrics(style);
    let units: f64 = match &m.face {
        Some(face) => text
            .chars()
            .map(|c| {
                m.table
                    .get(c as usize)
                    .copied()
                    .unwrap_or_else(|| advance(face, c, m.fallback))
            })
            .sum(),
        None => m.fallback * text.chars().count() as f64,
    };
    units / m.units_per_em * size_pt * EMU_PER_PT as f64
}

/// Height of one line at `size_pt` with single line spacing, in EMU.
pub fn line_height(style: Style, size_pt: f64) -> f64 {
    let m = metrics(style);
    m.line_height / m.units_per_em * size_pt * EMU_PER_PT as f64
}

/// A word (or piece of a word) with the style it is set in.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub style: Style,
}

/// Wraps words greedily into lines no wider than `box_width` (EMU) at `size_pt`; returns each line's
/// words. Words wider than a line are broken between characters, as renderers do.
pub fn wrap(words: &[Word], size_pt: f64, box_width: f64) -> Vec<Vec<Word>> {
    let limit = box_width * SAFE_WIDTH;
    let mut lines: Vec<Vec<Word>> = Vec::new();
    let mut line: Vec<Word> = Vec::new();
    let mut used = 0.0;
    for word in words {
        for piece in split_long(word, size_pt, limit) {
            let w = width(&piece.text, piece.style, size_pt);
            let space = if line.is_empty() {
                0.0
            } else {
                width(" ", piece.style, size_pt)
            };
            if !line.is_empty() && used + space + w > limit {
                lines.push(std::mem::take(&mut line));
                used = 0.0;
                line.push(piece);
                used += w;
            } else {
                used += space + w;
                line.push(piece);
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A word as pieces that each fit within `limit`.
fn split_long(word: &Word, size_pt: f64, limit: f64) -> Vec<Word> {
    if width(&word.text, word.style, size_pt) <= limit {
        return vec![word.clone()];
    }
    // Advances add up (kerning is ignored throughout), so the piece's width is kept as a running sum.
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut used = 0.0;
    let mut buf = [0u8; 4];
    for c in word.text.chars() {
        let w = width(c.encode_utf8(&mut buf), word.style, size_pt);
        if !current.is_empty() && used + w > limit {
            pieces.push(Word {
                text: std::mem::take(&mut current),
                style: word.style,
            });
            used = 0.0;
        }
        current.push(c);
        used += w;
    }
    if !current.is_empty() {
        pieces.push(Word {
            text: current,
            style: word.style,
        });
    }
    pieces
}

/// The text of a wrapped line, words joined by single spaces.
#[cfg(test)]
pub fn line_text(line: &[Word]) -> String {
    line.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<Word> {
        s.split_whitespace()
            .map(|w| Word {
                text: w.into(),
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
        let lines = wrap(&words(text), 20.0, box_width);
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
        let lines = wrap(&words(&long), 20.0, 3.0 * 914_400.0);
        assert!(lines.len() > 3);
        assert_eq!(lines.iter().map(|l| line_text(l)).collect::<String>(), long);
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap(&[], 20.0, 1000.0).len(), 1);
    }
}
