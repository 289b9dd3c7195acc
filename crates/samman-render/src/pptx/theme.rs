//! The body's theme as a deck palette and as `ppt/theme/theme1.xml`.
//!
//! The theme part carries the body's colours and font so a communicator who edits the deck in
//! PowerPoint gets the same palette in the colour picker; the slides themselves use explicit colours
//! derived here (a light tint of the accent for the position box, text colour on the band chosen for
//! contrast), so every viewer shows the same thing.

use samman_domain::{Rgb, Theme};

use super::PptxError;
use super::xml::{DECLARATION, esc};

/// Parses a theme colour, naming the field when it is not one.
fn parse(field: &'static str, value: &str) -> Result<Rgb, PptxError> {
    Rgb::parse(value).ok_or_else(|| PptxError::Colour {
        field,
        value: value.to_string(),
    })
}

/// The colours and font of a deck.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    pub primary: Rgb,
    pub accent: Rgb,
    pub text: Rgb,
    pub background: Rgb,
    /// Text on the primary colour (white, unless the primary is light).
    pub on_primary: Rgb,
    /// Fill of the position box: a light tint of the accent.
    pub tint: Rgb,
    /// Secondary text (footer).
    pub muted: Rgb,
    pub font: String,
}

impl Palette {
    pub fn from_theme(theme: &Theme) -> Result<Palette, PptxError> {
        let primary = parse("primary", &theme.primary)?;
        let accent = parse("accent", &theme.accent)?;
        let text = parse("text", &theme.text)?;
        let background = parse("background", &theme.background)?;
        let on_primary = if Rgb::WHITE.contrast(primary) >= text.contrast(primary) {
            Rgb::WHITE
        } else {
            text
        };
        Ok(Palette {
            primary,
            accent,
            text,
            background,
            on_primary,
            tint: accent.towards(background, 0.84),
            muted: text.towards(background, 0.32),
            font: if theme.font.trim().is_empty() {
                "Noto Sans".into()
            } else {
                theme.font.trim().to_string()
            },
        })
    }
}

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

    #[test]
    fn default_theme_gives_white_on_the_dark_primary() {
        let p = Palette::from_theme(&Theme::default()).unwrap();
        assert_eq!(p.primary.hex_upper(), "00506E");
        assert_eq!(p.on_primary, Rgb::WHITE);
        assert!(p.on_primary.contrast(p.primary) >= 4.5);
        assert!(
            p.text.contrast(p.tint) >= 4.5,
            "position box text must stay readable"
        );
    }

    #[test]
    fn a_light_primary_gets_dark_text() {
        let theme = Theme {
            primary: "#f5e6a0".into(),
            ..Theme::default()
        };
        let p = Palette::from_theme(&theme).unwrap();
        assert_eq!(p.on_primary, p.text);
    }

    #[test]
    fn bad_colours_are_errors() {
        let theme = Theme {
            accent: "orange".into(),
            ..Theme::default()
        };
        let err = Palette::from_theme(&theme).unwrap_err().to_string();
        assert!(err.contains("accent") && err.contains("orange"), "{err}");
    }
}
