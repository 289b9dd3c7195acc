//! The deck's text form: the slides written as the Markdown export of a deck (one `#` heading per slide,
//! bullets as `-` with two spaces per level, line breaks kept), so the deck is then read by the same
//! reader as seed 000's export. [`Places`] remembers which slide and paragraph each line came from.

use super::shapes::{Para, Role, Shape, title_index};
use crate::located::Pos;

/// For each line of the text form (1-based line − 1): the slide number and the paragraph on that slide.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    lines: Vec<(usize, usize)>,
}

impl Places {
    /// The slide and paragraph of `pos` (a position in the text form).
    pub fn slide_paragraph(&self, pos: Pos) -> Option<(usize, usize)> {
        let index = pos.line.checked_sub(1)?;
        self.lines.get(index).or(self.lines.last()).copied()
    }

    /// "bild 7, stycke 3".
    pub fn describe(&self, pos: Pos) -> String {
        match self.slide_paragraph(pos) {
            Some((slide, 0)) => format!("bild {slide}"),
            Some((slide, paragraph)) => format!("bild {slide}, stycke {paragraph}"),
            None => "bild 1".to_string(),
        }
    }
}

/// One visible slide, ready to write.
#[derive(Debug, Clone)]
pub struct SlideText {
    /// The slide's number in the deck (hidden slides count, as PowerPoint numbers them).
    pub number: usize,
    pub shapes: Vec<Shape>,
    /// The deck marks this slide as its closing slide (`samman_domain::CLOSING_SLIDE_SHAPE`).
    pub closing: bool,
}

/// Collects lines and their places.
#[derive(Debug, Default)]
struct Writer {
    text: String,
    places: Places,
}

impl Writer {
    fn line(&mut self, line: &str, place: (usize, usize)) {
        self.text.push_str(line);
        self.text.push('\n');
        self.places.lines.push(place);
    }

    fn blank(&mut self) {
        let place = self.places.lines.last().copied().unwrap_or((1, 0));
        self.line("", place);
    }
}

/// Writes the slides; the first slide is the title slide (its text before any heading) when it is laid
/// out as one (a cover title or subtitle) or has no title.
pub fn write(slides: &[SlideText]) -> (String, Places) {
    let mut w = Writer::default();
    for (i, slide) in slides.iter().enumerate() {
        let title = title_index(&slide.shapes);
        let cover = i == 0
            && (title.is_none()
                || slide
                    .shapes
                    .iter()
                    .any(|s| matches!(s.role, Role::CoverTitle | Role::Subtitle)));
        let mut paragraph = 0;
        if !cover && let Some(t) = title {
            paragraph += 1;
            let text: Vec<String> = slide.shapes[t].paras.iter().map(Para::joined).collect();
            let heading = crate::text::normalize_ws(&text.join(" "));
            // The closing slide is written as the source format names it, and read so by the deck reader.
            let mark = if slide.closing { "Avslutande bild: " } else { "" };
            w.line(&format!("# {mark}{heading}"), (slide.number, paragraph));
            w.blank();
        }
        for (s, shape) in slide.shapes.iter().enumerate() {
            if !cover && Some(s) == title {
                continue;
            }
            let bullets_by_default = shape.role == Role::Body && !cover;
            let is_bullet = |p: &Para| p.bullet.unwrap_or(bullets_by_default) && !cover;
            let paras: Vec<&Para> = shape.paras.iter().filter(|p| !p.is_empty()).collect();
            for (n, para) in paras.iter().enumerate() {
                paragraph += 1;
                let place = (slide.number, paragraph);
                let bullet = is_bullet(para);
                // Judged on the whole paragraph: "Föredragande: Josefin Lantz, kommunikatör" + a line
                // break + "vårdsamverkan" is no lead-in, though its last line alone looks like one.
                let leads_in = !bullet
                    && paras.get(n + 1).is_some_and(|next| is_bullet(next))
                    && is_lead_in(&para.lines.join(" "));
                for (l, line) in para.lines.iter().enumerate() {
                    let line = protect(line.trim());
                    let line = if leads_in && l + 1 == para.lines.len() {
                        format!("{line}:")
                    } else {
                        line
                    };
                    if l == 0 && bullet {
                        w.line(&format!("{}- {line}", "  ".repeat(para.level)), place);
                    } else if l == 0 {
                        w.line(&line, place);
                    } else {
                        w.line(&format!("{}{line}", "  ".repeat(para.level + 1)), place);
                    }
                }
                w.blank();
            }
        }
    }
    (w.text, w.places)
}

/// A short paragraph right before bullets ("Tidsplan", "Datum", "Remisskonferenser") introduces them,
/// as its colon would say in an export: it gets the colon, so the bullets are read as its own (a
/// timeline, events). Sentences and labelled lines are left alone.
fn is_lead_in(text: &str) -> bool {
    let text = text.trim();
    let words = text.split_whitespace().count();
    let ends_open = !text.ends_with(['.', ':', '!', '?', ';', ',', ')']);
    words <= 3 && text.chars().count() <= 30 && ends_open && !text.contains(':')
}

/// Protects the start of a line so the deck reader reads it as text, not as a list marker or heading.
fn protect(line: &str) -> String {
    let first = line.chars().next();
    if matches!(first, Some('-' | '+' | '*' | '#' | '•')) && !line.starts_with("**") {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") ")) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_are_protected() {
        assert_eq!(protect("- a"), "\\- a");
        assert_eq!(protect("12. a"), "12\\. a");
        assert_eq!(protect("2021-05-21"), "2021-05-21");
        assert_eq!(protect("# x"), "\\# x");
    }

    #[test]
    fn short_lines_before_bullets_lead_in() {
        assert!(is_lead_in("Tidsplan"));
        assert!(is_lead_in("Datum"));
        assert!(!is_lead_in("Ställningstagande: SRO"));
        assert!(!is_lead_in("Det här är en mening."));
        assert!(!is_lead_in(
            "Föredragande: Josefin Lantz, kommunikatör vårdsamverkan"
        ));
    }
}
