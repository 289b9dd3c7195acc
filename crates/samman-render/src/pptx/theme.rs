//! The body's theme as a deck palette and as `ppt/theme/theme1.xml`.
//!
//! The theme part carries the body's colours and font so a communicator who edits the deck in
//! PowerPoint gets the same palette in the colour picker; the slides themselves use explicit colours
//! derived here (a light tint of the accent for the position box, text colour on the band chosen for
//! contrast), so every viewer shows the same thing.

use samman_domain::Theme;

use super::PptxError;
use super::xml::{DECLARATION, esc};

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// "RRGGBB", the form DrawingML wants.
    pub fn hex(self) -> String {
        format!("{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }

    /// This colour mixed with `other`, `share` (0–1) of this one.
    pub fn mix(self, other: Rgb, share: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) * share + f64::from(b) * (1.0 - share)).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }

    /// WCAG relative luminance.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG contrast ratio between two colours.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Parses "#rrggbb" (the "#" optional).
    fn parse(field: &'static str, value: &str) -> Result<Rgb, PptxError> {
        let hex = value.trim().trim_start_matches('#');
        let byte = |i: usize| hex.get(i..i + 2).and_then(|s| u8::from_str_radix(s, 16).ok());
        match (hex.len(), byte(0), byte(2), byte(4)) {
            (6, Some(r), Some(g), Some(b)) => Ok(Rgb(r, g, b)),
            _ => Err(PptxError::Colour {
                field,
                value: value.to_string(),
            }),
        }
    }
}

const WHITE: Rgb = Rgb(0xFF, 0xFF, 0xFF);

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
        let primary = Rgb::parse("primary", &theme.primary)?;
        let accent = Rgb::parse("accent", &theme.accent)?;
        let text = Rgb::parse("text", &theme.text)?;
        let background = Rgb::parse("background", &theme.background)?;
        let on_primary = if WHITE.contrast(primary) >= text.contrast(primary) {
            WHITE
        } else {
            text
        };
        Ok(Palette {
            primary,
            accent,
            text,
            background,
            on_primary,
            tint: accent.mix(background, 0.16),
            muted: text.mix(background, 0.68),
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
    let srgb = |c: Rgb| format!("<a:srgbClr val=\"{}\"/>", c.hex());
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
        a3 = srgb(p.primary.mix(WHITE, 0.6)),
        a4 = srgb(p.accent.mix(WHITE, 0.6)),
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
        assert_eq!(p.primary.hex(), "00506E");
        assert_eq!(p.on_primary, WHITE);
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
