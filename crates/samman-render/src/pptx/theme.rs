//! The rendition palette as `ppt/theme/theme1.xml`.
//!
//! The theme part carries the body's colours and font so a communicator who edits the deck in
//! PowerPoint gets the same palette in the colour picker; the slides themselves use explicit colours
//! from [`crate::palette`] (the same ones the page, e-mail and PDF use), so every viewer shows the same
//! thing.

use samman_domain::Rgb;

use super::xml::{DECLARATION, esc};
use crate::palette::Palette;

/// `ppt/theme/theme1.xml`: colour scheme, font scheme and the formatting scheme PowerPoint requires.
pub fn theme_xml(p: &Palette) -> String {
    let srgb = |c: Rgb| format!("<a:srgbClr val=\"{}\"/>", c.hex_upper());
    let font = esc(&p.font);
    let fonts = format!("<a:latin typeface=\"{font}\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>");
    let fill = |c: &str| format!("<a:solidFill><a:schemeClr val=\"{c}\"/></a:solidFill>");
    let line = |w: u32| {
        format!(
            "<a:ln w=\"{w}\" cap=\"flat\" cmpd=\"sng\" algn=\"ctr\"><a:solidFill><a:schemeClr val=\"phClr\"/>\
             </a:solidFill><a:prstDash val=\"solid\"/><a:miter lim=\"800000\"/></a:ln>"
        )
    };
    format!(
        "{DECLARATION}<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"samman\">\
         <a:themeElements>\
         <a:clrScheme name=\"samman\">\
         <a:dk1>{dk1}</a:dk1><a:lt1>{lt1}</a:lt1><a:dk2>{dk2}</a:dk2><a:lt2>{lt2}</a:lt2>\
         <a:accent1>{a1}</a:accent1><a:accent2>{a2}</a:accent2><a:accent3>{a3}</a:accent3>\
         <a:accent4>{a4}</a:accent4><a:accent5>{a5}</a:accent5><a:accent6>{a6}</a:accent6>\
         <a:hlink>{a1}</a:hlink><a:folHlink>{a1}</a:folHlink>\
         </a:clrScheme>\
         <a:fontScheme name=\"samman\"><a:majorFont>{fonts}</a:majorFont><a:minorFont>{fonts}</a:minorFont></a:fontScheme>\
         <a:fmtScheme name=\"samman\">\
         <a:fillStyleLst>{f}{f}{f}</a:fillStyleLst>\
         <a:lnStyleLst>{l1}{l2}{l3}</a:lnStyleLst>\
         <a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>\
         <a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>\
         <a:bgFillStyleLst>{f}{f}{f}</a:bgFillStyleLst>\
         </a:fmtScheme>\
         </a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>",
        dk1 = srgb(p.text),
        lt1 = srgb(p.background),
        dk2 = srgb(p.primary),
        lt2 = srgb(p.tint),
        a1 = srgb(p.primary),
        a2 = srgb(p.accent),
        a3 = srgb(p.primary.towards(Rgb::WHITE, 0.4)),
        a4 = srgb(p.accent.towards(Rgb::WHITE, 0.4)),
        a5 = srgb(p.muted),
        a6 = srgb(p.text),
        f = fill("phClr"),
        l1 = line(6350),
        l2 = line(12700),
        l3 = line(19050),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use samman_domain::Theme;

    #[test]
    fn the_theme_part_carries_the_palette() {
        let xml = theme_xml(&Palette::new(&Theme::default()));
        assert!(
            xml.contains("<a:dk2><a:srgbClr val=\"00506E\"/></a:dk2>"),
            "{xml}"
        );
        assert!(xml.contains("typeface=\"Noto Sans\""));
    }
}
