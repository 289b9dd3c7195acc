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
    format!(
        "<a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill>",
        c.hex_upper()
    )
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
    let b = match r.style {
        Style::Regular => "",
        Style::Bold => " b=\"1\"",
    };
    let (u, link) = match &r.link {
        Some(href) => (
            " u=\"sng\"",
            format!("<a:hlinkClick r:id=\"{}\"/>", links.link(href)),
        ),
        None => ("", String::new()),
    };
    format!(
        "<a:r><a:rPr lang=\"sv-SE\" sz=\"{sz}\"{b}{u} dirty=\"0\">{fill}{link}</a:rPr><a:t>{text}</a:t></a:r>",
        sz = hundredths(size),
        fill = fill(colour),
        text = esc(&r.text),
    )
}

/// A paragraph of the content flow, in the palette's colours.
pub fn para(para: &Para, p: &Palette, links: &mut dyn LinkSink) -> String {
    let runs: String = para
        .runs
        .iter()
        .map(|r| run(r, para.size, tone(p, r.tone), links))
        .collect();
    let bullet = match para.bullet {
        Bullet::None => "<a:buNone/>".to_string(),
        Bullet::Dot => format!(
            "<a:buClr><a:srgbClr val=\"{}\"/></a:buClr><a:buFontTx/><a:buChar char=\"{}\"/>",
            p.primary.hex_upper(),
            if para.level == 0 { "•" } else { "–" }
        ),
        Bullet::Number(n) => format!(
            "<a:buClr><a:srgbClr val=\"{}\"/></a:buClr><a:buFontTx/><a:buAutoNum type=\"arabicPeriod\" startAt=\"{n}\"/>",
            p.primary.hex_upper()
        ),
    };
    format!(
        "<a:p><a:pPr marL=\"{}\" indent=\"{}\"{}><a:lnSpc><a:spcPct val=\"100000\"/></a:lnSpc>\
         <a:spcBef><a:spcPts val=\"{}\"/></a:spcBef>{bullet}</a:pPr>{runs}{}</a:p>",
        para.margin_left(),
        para.indent(),
        // The outline level, so PowerPoint's outline view and screen readers see the nesting.
        if para.level > 0 {
            format!(" lvl=\"{}\"", para.level)
        } else {
            String::new()
        },
        hundredths(para.space_before),
        end_para(para.size)
    )
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
    format!(
        "<a:endParaRPr lang=\"sv-SE\" sz=\"{}\" dirty=\"0\"/>",
        hundredths(size)
    )
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
