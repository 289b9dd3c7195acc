//! DrawingML building blocks: paragraphs and runs, placeholders, text boxes, decorative rectangles,
//! pictures. Every run and every paragraph end carries `lang="sv-SE"`, so spell checking and screen
//! readers treat the text as Swedish.

use super::geometry::{self as g, Emu};
use super::layout::{Bullet, Para, Run, Tone};
use super::measure::Style;
use samman_domain::Rgb;

use super::xml::esc;
use crate::palette::Palette;

/// Namespaces of every slide, layout and master part.
pub const NS: &str = "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
                      xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
                      xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";

/// The empty group properties every shape tree opens with.
pub const TREE_START: &str = "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>\
     <p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/>\
     <a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>";

/// A rectangle on the slide, in EMU.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: Emu,
    pub y: Emu,
    pub w: Emu,
    pub h: Emu,
}

impl Rect {
    pub fn new(x: Emu, y: Emu, w: Emu, h: Emu) -> Self {
        Rect { x, y, w, h }
    }

    fn xfrm(self) -> String {
        format!(
            "<a:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></a:xfrm>",
            self.x,
            self.y,
            self.w.max(0),
            self.h.max(0)
        )
    }
}

/// Text insets and anchoring of a text body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Insets {
    pub x: Emu,
    pub y: Emu,
    /// "t", "ctr" or "b".
    pub anchor: &'static str,
}

/// Where external links of a slide are registered (relationship ids are handed out in order).
pub trait LinkSink {
    fn link(&mut self, href: &str) -> String;
}

/// Solid fill of a colour.
pub fn fill(c: Rgb) -> String {
    let mut out = String::with_capacity(64);
    push_fill(&mut out, c);
    out
}

fn tone(p: &Palette, t: Tone) -> Rgb {
    match t {
        Tone::Text => p.text,
        Tone::Primary => p.primary,
        Tone::Muted => p.muted,
    }
}

/// One run, with an explicit colour (`colour` overrides the run's tone, e.g. white on the band).
pub fn run(r: &Run, size: f64, colour: Rgb, links: &mut dyn LinkSink) -> String {
    let mut out = String::with_capacity(160 + r.text.len());
    push_run(&mut out, r, size, colour, links);
    out
}

// The content flow's runs and paragraphs are most of a deck's XML, so they are appended piece by piece
// into one string rather than formatted: `format!` and its intermediate strings were a third of the
// deck's render time.

fn push_run(out: &mut String, r: &Run, size: f64, colour: Rgb, links: &mut dyn LinkSink) {
    out.push_str("<a:r><a:rPr lang=\"sv-SE\" sz=\"");
    push_int(out, hundredths(size));
    out.push('"');
    if r.style == Style::Bold {
        out.push_str(" b=\"1\"");
    }
    if r.link.is_some() {
        out.push_str(" u=\"sng\"");
    }
    out.push_str(" dirty=\"0\">");
    push_fill(out, colour);
    if let Some(href) = &r.link {
        out.push_str("<a:hlinkClick r:id=\"");
        out.push_str(&links.link(href));
        out.push_str("\"/>");
    }
    out.push_str("</a:rPr><a:t>");
    push_esc(out, &r.text);
    out.push_str("</a:t></a:r>");
}

/// A paragraph of the content flow, in the palette's colours.
pub fn para(para: &Para, p: &Palette, links: &mut dyn LinkSink) -> String {
    let text: usize = para.runs.iter().map(|r| r.text.len() + 160).sum();
    let mut out = String::with_capacity(text + 400);
    out.push_str("<a:p><a:pPr marL=\"");
    push_int(&mut out, para.margin_left());
    out.push_str("\" indent=\"");
    push_int(&mut out, para.indent());
    out.push('"');
    // The outline level, so PowerPoint's outline view and screen readers see the nesting.
    if para.level > 0 {
        out.push_str(" lvl=\"");
        push_int(&mut out, para.level);
        out.push('"');
    }
    out.push_str("><a:lnSpc><a:spcPct val=\"100000\"/></a:lnSpc><a:spcBef><a:spcPts val=\"");
    push_int(&mut out, hundredths(para.space_before));
    out.push_str("\"/></a:spcBef>");
    let bullet_colour = |out: &mut String| {
        out.push_str("<a:buClr><a:srgbClr val=\"");
        push_hex(out, p.primary);
        out.push_str("\"/></a:buClr><a:buFontTx/>");
    };
    match para.bullet {
        Bullet::None => out.push_str("<a:buNone/>"),
        Bullet::Dot => {
            bullet_colour(&mut out);
            out.push_str(if para.level == 0 {
                "<a:buChar char=\"•\"/>"
            } else {
                "<a:buChar char=\"–\"/>"
            });
        }
        Bullet::Number(n) => {
            bullet_colour(&mut out);
            out.push_str("<a:buAutoNum type=\"arabicPeriod\" startAt=\"");
            push_int(&mut out, n);
            out.push_str("\"/>");
        }
    }
    out.push_str("</a:pPr>");
    for r in &para.runs {
        push_run(&mut out, r, para.size, tone(p, r.tone), links);
    }
    push_end_para(&mut out, para.size);
    out.push_str("</a:p>");
    out
}

fn push_int(out: &mut String, n: impl itoa::Integer) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// A colour as DrawingML writes it: six upper-case hex digits.
fn push_hex(out: &mut String, c: Rgb) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for byte in [c.0, c.1, c.2] {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0xF)]));
    }
}

fn push_fill(out: &mut String, c: Rgb) {
    out.push_str("<a:solidFill><a:srgbClr val=\"");
    push_hex(out, c);
    out.push_str("\"/></a:solidFill>");
}

fn push_esc(out: &mut String, text: &str) {
    out.push_str(&quick_xml::escape::escape(super::xml::clean(text).as_ref()));
}

fn push_end_para(out: &mut String, size: f64) {
    out.push_str("<a:endParaRPr lang=\"sv-SE\" sz=\"");
    push_int(out, hundredths(size));
    out.push_str("\" dirty=\"0\"/>");
}

/// A plain paragraph of runs (titles, footer), aligned "l", "ctr" or "r".
pub fn plain_para(runs: &[String], size: f64, align: &str) -> String {
    format!(
        "<a:p><a:pPr marL=\"0\" indent=\"0\" algn=\"{align}\"><a:lnSpc><a:spcPct val=\"100000\"/></a:lnSpc><a:buNone/></a:pPr>{}{}</a:p>",
        runs.concat(),
        end_para(size)
    )
}

fn end_para(size: f64) -> String {
    let mut out = String::with_capacity(64);
    push_end_para(&mut out, size);
    out
}

/// Size in hundredths of a point, as DrawingML writes it.
pub fn hundredths(pt: f64) -> i64 {
    (pt * 100.0).round() as i64
}

fn body_pr(insets: Insets) -> String {
    format!(
        "<a:bodyPr wrap=\"square\" lIns=\"{x}\" tIns=\"{y}\" rIns=\"{x}\" bIns=\"{y}\" anchor=\"{}\" rtlCol=\"0\">\
         <a:noAutofit/></a:bodyPr>",
        insets.anchor,
        x = insets.x,
        y = insets.y,
    )
}

/// A placeholder (`ph` is e.g. `type="title"` or `idx="1"`) with explicit position and paragraphs.
pub fn placeholder(id: u32, name: &str, ph: &str, at: Rect, insets: Insets, paras: &str) -> String {
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name}\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr>\
         <p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr><p:spPr>{}</p:spPr>\
         <p:txBody>{}<a:lstStyle/>{paras}</p:txBody></p:sp>",
        at.xfrm(),
        body_pr(insets),
        name = esc(name),
    )
}

/// The title placeholder in the coloured band, as the master, the content layout and every content
/// slide place it (one geometry, so a slide's title sits exactly where its layout says).
pub fn band_title(paras: &str) -> String {
    placeholder(
        2,
        "Rubrik 1",
        "type=\"title\"",
        Rect::new(g::MARGIN_X, g::TITLE_Y, g::CONTENT_W, g::TITLE_H),
        Insets {
            x: 0,
            y: g::TITLE_INSET_Y,
            anchor: "ctr",
        },
        paras,
    )
}

/// A text box (not a placeholder), optionally filled.
pub fn text_box(
    id: u32,
    name: &str,
    at: Rect,
    insets: Insets,
    background: Option<Rgb>,
    paras: &str,
) -> String {
    let fill = background.map_or_else(|| "<a:noFill/>".to_string(), fill);
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name}\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>\
         <p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>{fill}<a:ln><a:noFill/></a:ln></p:spPr>\
         <p:txBody>{}<a:lstStyle/>{paras}</p:txBody></p:sp>",
        at.xfrm(),
        body_pr(insets),
        name = esc(name),
    )
}

/// A filled rectangle without text, marked decorative so screen readers skip it.
pub fn decoration(id: u32, name: &str, at: Rect, colour: Rgb) -> String {
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name}\">{DECORATIVE}</p:cNvPr><p:cNvSpPr/><p:nvPr userDrawn=\"1\"/></p:nvSpPr>\
         <p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>{}<a:ln><a:noFill/></a:ln></p:spPr></p:sp>",
        at.xfrm(),
        fill(colour),
        name = esc(name),
    )
}

const DECORATIVE: &str = "<a:extLst><a:ext uri=\"{C183D7F6-B498-43B3-948B-1728B52AA6E4}\">\
     <adec:decorative xmlns:adec=\"http://schemas.microsoft.com/office/drawing/2017/decorative\" val=\"1\"/>\
     </a:ext></a:extLst>";

/// A picture with alternative text.
pub fn picture(id: u32, name: &str, descr: &str, rel: &str, at: Rect) -> String {
    format!(
        "<p:pic><p:nvPicPr><p:cNvPr id=\"{id}\" name=\"{}\" descr=\"{}\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/>\
         </p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed=\"{rel}\"/><a:stretch><a:fillRect/></a:stretch>\
         </p:blipFill><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>",
        esc(name),
        esc(descr),
        at.xfrm(),
    )
}
