//! Paginating measured paragraphs into slides, so no text box ever holds more than fits.
//!
//! A slide's content is a flow of paragraphs in two frames: the body placeholder and, below it, the
//! accent-coloured position box. Each paragraph is wrapped with the real font metrics ([`super::measure`])
//! and stacked; when the next one would cross the bottom of the content area the flow continues on a
//! follow-on slide ("… (forts.)"). Text keeps its size — the deck never shrinks body text to squeeze it
//! in. A paragraph too tall for a whole slide is split between words.

use super::geometry::{self as g, Emu};
use super::measure::{self, Style, Word};

/// Which box of the slide a paragraph belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    Body,
    Position,
}

/// The colour of a run, resolved from the body's theme when the XML is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Text,
    Primary,
    Muted,
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub style: Style,
    pub tone: Tone,
    /// An external link target (http, https, mailto only).
    pub link: Option<String>,
}

/// How a paragraph is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bullet {
    None,
    /// A bullet character chosen by nesting level.
    Dot,
    /// An automatic number, starting at this value (each agenda entry carries its own, so paging
    /// cannot restart the count).
    Number(usize),
}

/// A paragraph ready to be measured and written.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub runs: Vec<Run>,
    /// Nesting level, 0 for top-level text.
    pub level: u8,
    pub bullet: Bullet,
    /// Font size in points.
    pub size: f64,
    /// Space above the paragraph in points.
    pub space_before: f64,
    /// Keep on the same slide as the next paragraph (labels above lists).
    pub keep_with_next: bool,
    pub frame: Frame,
}

impl Run {
    pub fn new(text: impl Into<String>, style: Style, tone: Tone) -> Self {
        Run {
            text: text.into(),
            style,
            tone,
            link: None,
        }
    }
}

impl Para {
    /// Left margin of the text (after the bullet) in EMU.
    pub fn margin_left(&self) -> Emu {
        match self.bullet {
            Bullet::None => 0,
            Bullet::Dot => g::BULLET_INDENT + Emu::from(self.level) * g::LEVEL_STEP,
            Bullet::Number(_) => g::NUMBER_INDENT,
        }
    }

    /// The hanging indent of the first line (negative: the bullet sits left of the text).
    pub fn indent(&self) -> Emu {
        match self.bullet {
            Bullet::None => 0,
            Bullet::Dot => -g::BULLET_INDENT,
            Bullet::Number(_) => -g::NUMBER_INDENT,
        }
    }

    fn words(&self) -> impl Iterator<Item = Word<'_>> {
        self.runs.iter().flat_map(|run| {
            run.text.split_whitespace().map(|text| Word {
                text,
                style: run.style,
            })
        })
    }

    fn frame_width(&self) -> Emu {
        match self.frame {
            Frame::Body => g::CONTENT_W,
            Frame::Position => g::CONTENT_W - 2 * g::BOX_INSET_X - g::BOX_BAR_W,
        }
    }

    fn text_width(&self) -> f64 {
        (self.frame_width() - self.margin_left()) as f64
    }

    /// The wrapped lines of this paragraph.
    pub fn lines(&self) -> Vec<Vec<Word<'_>>> {
        measure::wrap(self.words(), self.size, self.text_width())
    }

    /// Height in EMU: its lines at the font's line height plus the space above.
    pub fn height(&self) -> Emu {
        let lines = measure::count_lines(self.words(), self.size, self.text_width());
        height_of(lines, self.size, self.space_before)
    }

    /// Splits this paragraph, wrapped once, into parts that each fill at most `room` (the first with its
    /// space above, the rest without): all but the last take a slide each. `None` when not even one line
    /// fits. Cutting every slide's part from one wrap keeps a paragraph of any length linear (cutting one
    /// slide off at a time re-wrapped the rest for every slide).
    fn split(&self, room: Emu) -> Option<Vec<Para>> {
        let lines = self.lines();
        let most = |space_before: f64| {
            (1..=lines.len())
                .rev()
                .find(|n| height_of(*n, self.size, space_before) <= room)
        };
        let first = most(self.space_before)?.min(lines.len().saturating_sub(1));
        if first == 0 {
            return None;
        }
        let others = most(0.0)?;
        // Rebuild the halves from the wrapped lines themselves: a word too long for a line is broken into
        // pieces there, so counting original words would misplace the cut.
        let rebuild = |part: &[Vec<Word>]| {
            let mut runs: Vec<Run> = Vec::new();
            for word in part.iter().flatten() {
                match runs.last_mut() {
                    Some(last) if last.style == word.style => {
                        last.text.push(' ');
                        last.text.push_str(word.text);
                    }
                    _ => {
                        // Links are not carried into split halves: a split only happens to paragraphs
                        // longer than a whole slide, where keeping words readable matters more.
                        let tone = self
                            .runs
                            .iter()
                            .find(|r| r.style == word.style)
                            .map_or(Tone::Text, |r| r.tone);
                        if let Some(last) = runs.last_mut() {
                            last.text.push(' ');
                        }
                        runs.push(Run::new(word.text, word.style, tone));
                    }
                }
            }
            runs
        };
        let (head, mut tail) = lines.split_at(first);
        let mut parts = vec![Para {
            runs: rebuild(head),
            ..self.clone()
        }];
        while !tail.is_empty() {
            let (part, rest) = tail.split_at(others.min(tail.len()));
            parts.push(Para {
                runs: rebuild(part),
                space_before: 0.0,
                bullet: Bullet::None,
                ..self.clone()
            });
            tail = rest;
        }
        Some(parts)
    }
}

fn height_of(lines: usize, size: f64, space_before: f64) -> Emu {
    let line = measure::line_height(Style::Regular, size);
    (lines as f64 * line + space_before * measure::EMU_PER_PT as f64).ceil() as Emu
}

/// The content of one slide after paging, with the paragraphs' heights kept so paging measures each
/// paragraph once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub body: Vec<Para>,
    pub position: Vec<Para>,
    body_sum: Emu,
    position_sum: Emu,
}

impl Page {
    /// Height of the body placeholder's text, in EMU.
    pub fn body_height(&self) -> Emu {
        self.body_sum + 2 * g::BODY_INSET_Y
    }

    /// Height of the position box, in EMU (0 when the slide has none).
    pub fn position_height(&self) -> Emu {
        if self.position.is_empty() {
            0
        } else {
            self.position_sum + 2 * g::BOX_INSET_Y
        }
    }

    /// Total height the content takes in the content area, gap included.
    pub fn used(&self) -> Emu {
        used(
            self.body.len(),
            self.body_sum,
            self.position.len(),
            self.position_sum,
        )
    }

    fn is_empty(&self) -> bool {
        self.body.is_empty() && self.position.is_empty()
    }

    /// Adds `para`, whose height `h` the caller measured once.
    fn push(&mut self, para: Para, h: Emu) {
        match para.frame {
            Frame::Body => {
                self.body_sum += h;
                self.body.push(para);
            }
            Frame::Position => {
                self.position_sum += h;
                self.position.push(para);
            }
        }
    }

    /// Whether adding `paras` keeps the page within `area`.
    fn fits(&self, paras: &[&(Para, Emu)], area: Emu) -> bool {
        let (mut nb, mut hb, mut np, mut hp) = (
            self.body.len(),
            self.body_sum,
            self.position.len(),
            self.position_sum,
        );
        for (p, h) in paras {
            match p.frame {
                Frame::Body => (nb, hb) = (nb + 1, hb + h),
                Frame::Position => (np, hp) = (np + 1, hp + h),
            }
        }
        used(nb, hb, np, hp) <= area
    }

    /// A page holding `body` (used when a group moves on with the position box).
    fn with_body(body: Vec<Para>) -> Page {
        let mut page = Page::default();
        for para in body {
            let h = para.height();
            page.push(para, h);
        }
        page
    }
}

/// Height of a page with `nb` body paragraphs of total height `hb` and `np` position paragraphs of `hp`.
fn used(nb: usize, hb: Emu, np: usize, hp: Emu) -> Emu {
    let body = if nb == 0 { 0 } else { hb + 2 * g::BODY_INSET_Y };
    let boxed = if np == 0 { 0 } else { hp + 2 * g::BOX_INSET_Y };
    let gap = if nb == 0 || np == 0 { 0 } else { g::BOX_GAP };
    body + gap + boxed
}

/// Pages a flow of paragraphs into slides whose content area is `area` EMU tall. Always at least one page.
pub fn paginate(flow: Vec<Para>, area: Emu) -> Vec<Page> {
    let mut pages = Vec::new();
    let mut page = Page::default();
    // Each paragraph is wrapped and measured once, here; paging then only adds heights.
    let measured = |para: Para| {
        let h = para.height();
        (para, h)
    };
    let mut queue: std::collections::VecDeque<(Para, Emu)> = flow.into_iter().map(measured).collect();
    while let Some(entry) = queue.pop_front() {
        let para = &entry.0;
        // A paragraph may not open a new frame below body text that ends the page anyway: a body
        // paragraph after the position box started would be out of reading order, so it starts a page.
        let out_of_order = para.frame == Frame::Body && !page.position.is_empty();
        let fits_alone = !out_of_order && page.fits(&[&entry], area);
        let keeps = match (para.keep_with_next, queue.front()) {
            (true, Some(next)) => page.is_empty() || page.fits(&[&entry, next], area),
            _ => true,
        };
        let (para, h) = entry;
        if fits_alone && keeps {
            page.push(para, h);
            continue;
        }
        if !page.is_empty() {
            let mut next = Page::default();
            // A position box alone on a follow-on slide reads as an afterthought: take the last group
            // of body text along, so the box keeps its context.
            if para.frame == Frame::Position && page.position.is_empty() {
                let carry = trailing_group(&page.body, area / 2);
                if carry > 0 && carry < page.body.len() {
                    let moved = page.body.split_off(page.body.len() - carry);
                    page = Page::with_body(std::mem::take(&mut page.body));
                    next = Page::with_body(moved);
                }
            }
            pages.push(std::mem::replace(&mut page, next));
            queue.push_front((para, h));
            continue;
        }
        // Alone on an empty page and still too tall: split between words.
        let room = area - Page::default().used() - frame_overhead(para.frame);
        match para.split(room) {
            Some(parts) => {
                // Every part but the last fills a slide; the last may share one with what follows.
                let mut parts = parts.into_iter().map(measured).collect::<Vec<_>>();
                let last = parts.pop();
                for (part, h) in parts {
                    page.push(part, h);
                    pages.push(std::mem::take(&mut page));
                }
                if let Some(last) = last {
                    queue.push_front(last);
                }
            }
            // Not even one line fits (cannot happen with the shipped sizes); place it rather than loop.
            None => page.push(para, h),
        }
    }
    if !page.is_empty() || pages.is_empty() {
        pages.push(page);
    }
    pages
}

/// How many paragraphs at the end of `body` form its last group — from the last label (a bold line
/// kept with what follows), or else the last top-level paragraph with its nested ones — when that group
/// is no taller than `limit`; 0 otherwise.
fn trailing_group(body: &[Para], limit: Emu) -> usize {
    let is_label = |p: &Para| p.keep_with_next && p.bullet == Bullet::None;
    let start = body
        .iter()
        .rposition(is_label)
        .filter(|&i| body.len() - i <= 6)
        .or_else(|| body.iter().rposition(|p| p.level == 0));
    match start {
        Some(i) if i > 0 && body[i..].iter().map(Para::height).sum::<Emu>() <= limit => body.len() - i,
        _ => 0,
    }
}

fn frame_overhead(frame: Frame) -> Emu {
    match frame {
        Frame::Body => 2 * g::BODY_INSET_Y,
        Frame::Position => 2 * g::BOX_INSET_Y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bullet(text: &str, frame: Frame) -> Para {
        Para {
            runs: vec![Run::new(text, Style::Regular, Tone::Text)],
            level: 0,
            bullet: Bullet::Dot,
            size: 20.0,
            space_before: 6.0,
            keep_with_next: false,
            frame,
        }
    }

    #[test]
    fn forty_bullets_need_several_pages_and_each_fits() {
        let flow: Vec<Para> = (1..=40)
            .map(|i| bullet(&format!("Punkt nummer {i} i en lång lista"), Frame::Body))
            .collect();
        let pages = paginate(flow, g::CONTENT_H);
        assert!(pages.len() >= 3, "{}", pages.len());
        assert_eq!(pages.iter().map(|p| p.body.len()).sum::<usize>(), 40);
        for page in &pages {
            assert!(page.used() <= g::CONTENT_H);
        }
    }

    #[test]
    fn a_huge_paragraph_is_split_between_words() {
        let text = "ord ".repeat(2000);
        let pages = paginate(vec![bullet(text.trim(), Frame::Body)], g::CONTENT_H);
        assert!(pages.len() > 1);
        let words: usize = pages
            .iter()
            .flat_map(|p| &p.body)
            .flat_map(|p| &p.runs)
            .map(|r| r.text.split_whitespace().count())
            .sum();
        assert_eq!(words, 2000);
        for page in &pages {
            assert!(page.used() <= g::CONTENT_H);
        }
    }

    #[test]
    fn a_position_box_pushed_to_the_next_slide_takes_the_last_group_along() {
        let body = |n: usize| {
            let mut flow: Vec<Para> = (1..=n)
                .map(|i| bullet(&format!("punkt {i}"), Frame::Body))
                .collect();
            let mut label = bullet("Tidsplan", Frame::Body);
            label.bullet = Bullet::None;
            label.keep_with_next = true;
            flow.push(label);
            flow.push(bullet("juni", Frame::Body));
            flow
        };
        // As many bullets as leave the body on one slide with no room for the box.
        let n = (1..40)
            .take_while(|&n| paginate(body(n), g::CONTENT_H).len() == 1)
            .last()
            .unwrap_or(1);
        let mut flow = body(n);
        flow.push(bullet("november", Frame::Position));
        let pages = paginate(flow, g::CONTENT_H);
        assert_eq!(pages.len(), 2, "{pages:?}");
        let second: Vec<&str> = pages[1].body.iter().map(|p| p.runs[0].text.as_str()).collect();
        assert_eq!(second, ["Tidsplan", "juni"]);
        assert_eq!(pages[1].position.len(), 1);
    }

    #[test]
    fn body_text_never_follows_the_position_box() {
        let flow = vec![
            bullet("a", Frame::Body),
            bullet("b", Frame::Position),
            bullet("c", Frame::Body),
        ];
        let pages = paginate(flow, g::CONTENT_H);
        assert_eq!(pages.len(), 2);
    }
}
