//! Slide parts (`ppt/slides/slideN.xml`) and their relationships.
//!
//! Shape order is reading order: the title placeholder comes first, then the body, the position box,
//! and last the footer and logo. Decorative shapes that must lie *under* text (the band, the cover
//! background) live in the layouts instead, so they never come before the title.

use super::geometry::{self as g, Emu};
use super::layout::{Page, Run, Tone};
use super::measure::{self, Style, Word};
use super::shapes::{self, Insets, LinkSink, NS, Rect, TREE_START};
use crate::palette::Palette;

/// What every slide shares: palette, footer text, the logo (relationship target and size) if any.
#[derive(Debug, Clone)]
pub struct Deck<'a> {
    pub palette: &'a Palette,
    /// "SRO · 21 maj 2021".
    pub footer: String,
    /// The body's short name, shown on the cover strip.
    pub short_name: String,
    pub logo: Option<Logo>,
}

/// The body's logo as placed on slides.
#[derive(Debug, Clone)]
pub struct Logo {
    /// Width / height.
    pub aspect: f64,
    pub alt: String,
}

/// A slide part and the relationships it needs (after the layout, which is always rId1).
#[derive(Debug, Clone, PartialEq)]
pub struct SlidePart {
    pub xml: String,
    /// Which layout: 1 = title slide, 2 = title and content.
    pub layout: u8,
    pub uses_logo: bool,
    /// External hyperlink targets, as rId3, rId4, … in order.
    pub links: Vec<String>,
}

#[derive(Debug, Default)]
struct Links(Vec<String>);

impl LinkSink for Links {
    fn link(&mut self, href: &str) -> String {
        let index = match self.0.iter().position(|h| h == href) {
            Some(i) => i,
            None => {
                self.0.push(href.to_string());
                self.0.len() - 1
            }
        };
        format!("rId{}", index + 3)
    }
}

const LOGO_REL: &str = "rId2";

fn wrap_slide(tree: &str, background: &str) -> String {
    format!(
        "{}<p:sld {NS}><p:cSld>{background}<p:spTree>{TREE_START}{tree}</p:spTree></p:cSld>\
         <p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>",
        super::xml::DECLARATION
    )
}

/// The largest size from `sizes` at which `text + suffix` (bold) fits `width` × `height` with
/// `reserved` EMU of height already taken, and the text to show. When even the smallest size does not
/// fit, `text` is shortened with "…" before the suffix (only absurdly long titles get there), so a
/// follow-on slide still says "(forts.)".
pub fn fit(text: &str, suffix: &str, width: Emu, height: Emu, reserved: Emu, sizes: &[f64]) -> (f64, String) {
    let lines_of = |t: &str, size: f64| {
        let words = t.split_whitespace().map(|text| Word {
            text,
            style: Style::Bold,
        });
        measure::count_lines(words, size, width as f64)
    };
    let fits = |t: &str, size: f64| {
        reserved as f64 + lines_of(t, size) as f64 * measure::line_height(Style::Bold, size) <= height as f64
    };
    // Measure what will be written: without the characters XML cannot carry.
    let text = super::xml::clean(text);
    let text = text.as_ref();
    let whole = format!("{text}{suffix}");
    for &size in sizes {
        if fits(&whole, size) {
            return (size, whole);
        }
    }
    let floor = sizes.last().copied().unwrap_or(20.0);
    // The longest prefix (in characters) that fits with the ellipsis; found by bisection.
    let chars: Vec<char> = text.chars().collect();
    let shortened = |n: usize| {
        let head: String = chars.iter().take(n).collect();
        // Cut at a word boundary unless that loses more than half (a very long word is cut inside).
        let head = match head.rsplit_once(' ') {
            Some((words, _)) if words.len() * 2 >= head.len() => words.to_string(),
            _ => head,
        };
        format!("{} …{suffix}", head.trim_end())
    };
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(&shortened(mid), floor) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    (floor, shortened(lo))
}

/// Title sizes of content slides, largest first; 20 pt is the floor.
const TITLE_SIZES: [f64; 5] = [32.0, 28.0, 24.0, 22.0, 20.0];
/// Sizes of the body's name on the cover.
const COVER_SIZES: [f64; 5] = [44.0, 40.0, 36.0, 32.0, 28.0];
const KICKER_PT: f64 = 24.0;
const DATE_PT: f64 = 24.0;
const FOOTER_PT: f64 = 12.0;

/// The title a content slide shows: shortened only if absurdly long, "(forts.)" on follow-on slides.
pub fn shown_title(title: &str, continued: bool) -> String {
    let suffix = if continued { " (forts.)" } else { "" };
    fit(
        title,
        suffix,
        g::CONTENT_W,
        g::TITLE_H - 2 * g::TITLE_INSET_Y,
        0,
        &TITLE_SIZES,
    )
    .1
}

/// The body's name as the cover shows it.
pub fn shown_name(name: &str) -> String {
    cover_fit(name).1
}

fn cover_fit(name: &str) -> (f64, String) {
    let kicker_h = measure::line_height(Style::Bold, KICKER_PT) + 8.0 * measure::EMU_PER_PT as f64;
    let inner_h = g::COVER_TITLE_H - 2 * g::TITLE_INSET_Y;
    fit(
        name,
        "",
        g::COVER_W,
        inner_h,
        kicker_h.ceil() as Emu,
        &COVER_SIZES,
    )
}

/// The title slide.
pub fn cover(deck: &Deck, kicker: &str, name: &str, date: &str) -> SlidePart {
    let p = deck.palette;
    let mut links = Links::default();
    let (size, name) = cover_fit(name);
    let kicker_run = shapes::run(
        &Run::new(kicker, Style::Bold, Tone::Text),
        KICKER_PT,
        p.accent,
        &mut links,
    );
    let kicker_para = match kicker.is_empty() {
        true => String::new(),
        false => shapes::plain_para(&[kicker_run], KICKER_PT, "l").replace(
            "<a:buNone/>",
            "<a:spcAft><a:spcPts val=\"800\"/></a:spcAft><a:buNone/>",
        ),
    };
    let name_para = shapes::plain_para(
        &[shapes::run(
            &Run::new(name, Style::Bold, Tone::Text),
            size,
            p.on_primary,
            &mut links,
        )],
        size,
        "l",
    );
    let insets = Insets {
        x: 0,
        y: g::TITLE_INSET_Y,
        anchor: "b",
    };
    let mut tree = shapes::placeholder(
        2,
        "Rubrik 1",
        "type=\"ctrTitle\"",
        Rect::new(g::COVER_X, g::COVER_TITLE_Y, g::COVER_W, g::COVER_TITLE_H),
        insets,
        &(kicker_para + &name_para),
    );
    // Date, time and place on one line; a long place name makes it smaller (measured in bold, which is
    // wider than the regular text, so the estimate is safe).
    let (date_pt, date) = fit(
        date,
        "",
        g::COVER_W,
        g::COVER_DATE_H - 2 * g::TITLE_INSET_Y,
        0,
        &[DATE_PT, 20.0, 18.0],
    );
    let date_run = shapes::run(
        &Run::new(date, Style::Regular, Tone::Text),
        date_pt,
        p.on_primary,
        &mut links,
    );
    tree += &shapes::placeholder(
        3,
        "Underrubrik 2",
        "type=\"subTitle\" idx=\"1\"",
        Rect::new(g::COVER_X, g::COVER_DATE_Y, g::COVER_W, g::COVER_DATE_H),
        Insets {
            x: 0,
            y: g::TITLE_INSET_Y,
            anchor: "t",
        },
        &shapes::plain_para(&[date_run], date_pt, "l"),
    );
    let short = shapes::run(
        &Run::new(deck.short_name.as_str(), Style::Bold, Tone::Primary),
        20.0,
        p.primary,
        &mut links,
    );
    tree += &shapes::text_box(
        4,
        "Organ",
        Rect::new(
            g::SLIDE_W / 2,
            g::COVER_STRIP_Y,
            g::SLIDE_W / 2 - g::MARGIN_X,
            g::COVER_STRIP_H,
        ),
        Insets {
            x: 0,
            y: 0,
            anchor: "ctr",
        },
        None,
        &shapes::plain_para(&[short], 20.0, "r"),
    );
    let mut uses_logo = false;
    if let Some(logo) = &deck.logo {
        let h = g::COVER_LOGO_H;
        let w = (h as f64 * logo.aspect).round() as Emu;
        let at = Rect::new(
            g::MARGIN_X,
            g::COVER_STRIP_Y + (g::COVER_STRIP_H - h) / 2,
            w.min(g::SLIDE_W / 2),
            h,
        );
        tree += &shapes::picture(5, "Logotyp", &logo.alt, LOGO_REL, at);
        uses_logo = true;
    }
    SlidePart {
        xml: wrap_slide(&tree, ""),
        layout: 1,
        uses_logo,
        links: links.0,
    }
}

/// A titled content slide: title in the band, body text, position box, footer.
pub fn content(
    deck: &Deck,
    title: &str,
    continued: bool,
    page: &Page,
    number: usize,
    closing: bool,
) -> SlidePart {
    let p = deck.palette;
    let mut links = Links::default();
    let suffix = if continued { " (forts.)" } else { "" };
    let (size, title) = fit(
        title,
        suffix,
        g::CONTENT_W,
        g::TITLE_H - 2 * g::TITLE_INSET_Y,
        0,
        &TITLE_SIZES,
    );
    let title_run = shapes::run(
        &Run::new(title, Style::Bold, Tone::Text),
        size,
        p.on_primary,
        &mut links,
    );
    let mut tree = shapes::band_title(&shapes::plain_para(&[title_run], size, "l"));
    let mut y = g::CONTENT_Y;
    if !page.body.is_empty() {
        let paras: String = page
            .body
            .iter()
            .map(|para| shapes::para(para, p, &mut links))
            .collect();
        let h = page.body_height();
        tree += &shapes::placeholder(
            3,
            "Innehåll 2",
            "idx=\"1\"",
            Rect::new(g::MARGIN_X, y, g::CONTENT_W, h),
            Insets {
                x: 0,
                y: g::BODY_INSET_Y,
                anchor: "t",
            },
            &paras,
        );
        y += h + g::BOX_GAP;
    }
    if !page.position.is_empty() {
        let paras: String = page
            .position
            .iter()
            .map(|para| shapes::para(para, p, &mut links))
            .collect();
        let h = page.position_height();
        tree += &shapes::text_box(
            4,
            "Ställningstagande",
            Rect::new(g::MARGIN_X + g::BOX_BAR_W, y, g::CONTENT_W - g::BOX_BAR_W, h),
            Insets {
                x: g::BOX_INSET_X,
                y: g::BOX_INSET_Y,
                anchor: "t",
            },
            Some(p.tint),
            &paras,
        );
        tree += &shapes::decoration(
            5,
            "Markering",
            Rect::new(g::MARGIN_X, y, g::BOX_BAR_W, h),
            p.accent,
        );
    }
    tree += &footer(deck, number, closing, &mut links);
    let mut uses_logo = false;
    if let Some(logo) = &deck.logo {
        let h = g::FOOTER_LOGO_H;
        let w = (h as f64 * logo.aspect).round() as Emu;
        let at = Rect::new(
            g::SLIDE_W - g::MARGIN_X - w,
            g::FOOTER_Y - (h - g::FOOTER_H) / 2,
            w,
            h,
        );
        tree += &shapes::picture(8, "Logotyp", &logo.alt, LOGO_REL, at);
        uses_logo = true;
    }
    SlidePart {
        xml: wrap_slide(&tree, ""),
        layout: 2,
        uses_logo,
        links: links.0,
    }
}

/// Footer: body and date on the left, the slide number on the right (left of the logo, if any).
fn footer(deck: &Deck, number: usize, closing: bool, links: &mut Links) -> String {
    let p = deck.palette;
    let insets = Insets {
        x: 0,
        y: 0,
        anchor: "ctr",
    };
    let text = shapes::run(
        &Run::new(deck.footer.as_str(), Style::Regular, Tone::Muted),
        FOOTER_PT,
        p.muted,
        links,
    );
    let logo_w = deck.logo.as_ref().map_or(0, |l| {
        (g::FOOTER_LOGO_H as f64 * l.aspect).round() as Emu + g::MARGIN_X / 2
    });
    let num = shapes::run(
        &Run::new(number.to_string(), Style::Regular, Tone::Muted),
        FOOTER_PT,
        p.muted,
        links,
    );
    let half = g::CONTENT_W / 2;
    shapes::text_box(
        6,
        if closing {
            samman_domain::CLOSING_SLIDE_SHAPE
        } else {
            "Sidfot"
        },
        Rect::new(g::MARGIN_X, g::FOOTER_Y, half, g::FOOTER_H),
        insets,
        None,
        &shapes::plain_para(&[text], FOOTER_PT, "l"),
    ) + &shapes::text_box(
        7,
        "Bildnummer",
        Rect::new(g::MARGIN_X + half, g::FOOTER_Y, half - logo_w, g::FOOTER_H),
        insets,
        None,
        &shapes::plain_para(&[num], FOOTER_PT, "r"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_titles_keep_the_largest_size() {
        let (size, text) = fit("Nära vård", "", g::CONTENT_W, g::TITLE_H, 0, &TITLE_SIZES);
        assert_eq!((size, text.as_str()), (32.0, "Nära vård"));
    }

    #[test]
    fn long_titles_step_down_but_not_below_the_floor() {
        let title = "Uppföljning av den regionala handlingsplanen för psykisk hälsa, suicidprevention och \
                     samverkan kring barn och unga med sammansatta behov";
        let (size, text) = fit(
            title,
            "",
            g::CONTENT_W,
            g::TITLE_H - 2 * g::TITLE_INSET_Y,
            0,
            &TITLE_SIZES,
        );
        assert!((20.0..32.0).contains(&size), "{size}");
        assert_eq!(text, title);
    }

    #[test]
    fn absurd_titles_are_shortened_and_keep_their_suffix() {
        let title = "ord ".repeat(200);
        let shown = shown_title(&title, true);
        assert!(shown.ends_with(" … (forts.)"), "{shown}");
        assert!(shown.len() < title.len());
        let (_, again) = fit(
            &shown,
            "",
            g::CONTENT_W,
            g::TITLE_H - 2 * g::TITLE_INSET_Y,
            0,
            &[20.0],
        );
        assert_eq!(again, shown, "the shortened title fits at the floor");
    }
}
