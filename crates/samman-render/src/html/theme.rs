//! The body's theme made safe for reading: colours that meet WCAG 2.1 AA contrast.
//!
//! A body's configured colours are brand colours, not necessarily readable ones (a yellow accent on white
//! is 2:1). Text colours are darkened until they reach 4.5:1 against the background they sit on; the
//! accent is used only for rules and borders, and a pale tint of it for the position box.

use samman_domain::{Rgb, Theme};

/// Colours (as "#rrggbb") and font the page and the e-mail use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    pub background: String,
    /// Body text, ≥ 4.5:1 on `background` and on `tint`.
    pub text: String,
    /// Headings and links, ≥ 4.5:1 on `background` and on `tint`.
    pub primary: String,
    /// Text on a `primary` background (header band, buttons), ≥ 4.5:1.
    pub on_primary: String,
    /// Decorative rules and borders.
    pub accent: String,
    /// Pale accent for the position box.
    pub tint: String,
    /// Secondary text (dates, labels), ≥ 4.5:1 on `background`.
    pub muted: String,
    /// Font stack, the body's font first.
    pub font: String,
}

impl Palette {
    pub fn new(theme: &Theme) -> Self {
        let colour = |value: &str, fallback: Rgb| Rgb::parse(value).unwrap_or(fallback);
        let background = colour(&theme.background, Rgb::WHITE);
        // Only light backgrounds are supported for reading text; a dark one falls back to white.
        let background = if background.luminance() < 0.5 {
            Rgb::WHITE
        } else {
            background
        };
        let accent = colour(&theme.accent, Rgb(224, 165, 38));
        let tint = accent.towards(background, 0.85);
        let readable = |c: Rgb| c.darkened_for(background, 4.6).darkened_for(tint, 4.6);
        let text = readable(colour(&theme.text, Rgb(29, 29, 27)));
        let primary = readable(colour(&theme.primary, Rgb(0, 80, 110)));
        let muted = readable(text.towards(background, 0.25));
        let on_primary = if Rgb::WHITE.contrast(primary) >= 4.5 {
            Rgb::WHITE
        } else {
            Rgb::BLACK
        };
        Palette {
            background: background.to_string(),
            text: text.to_string(),
            primary: primary.to_string(),
            on_primary: on_primary.to_string(),
            accent: accent.to_string(),
            tint: tint.to_string(),
            muted: muted.to_string(),
            font: font_stack(&theme.font),
        }
    }
}

/// The body's font (if its name is safe to put in CSS) followed by common system sans fonts.
fn font_stack(font: &str) -> String {
    // Single quotes: the stack also goes into e-mail `style="…"` attributes.
    let fallback = "'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
    let safe = !font.trim().is_empty() && font.chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
    if safe {
        format!("'{}', {fallback}", font.trim())
    } else {
        fallback.to_string()
    }
}

/// WCAG contrast ratio between two "#rrggbb" colours (1–21).
pub fn contrast_ratio(a: &str, b: &str) -> Option<f64> {
    Some(Rgb::parse(a)?.contrast(Rgb::parse(b)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_theme_reads_at_aa() {
        let p = Palette::new(&Theme::default());
        for (fg, bg) in [
            (&p.text, &p.background),
            (&p.primary, &p.background),
            (&p.primary, &p.tint),
            (&p.text, &p.tint),
            (&p.muted, &p.background),
            (&p.on_primary, &p.primary),
        ] {
            let ratio = contrast_ratio(fg, bg).unwrap_or(0.0);
            assert!(ratio >= 4.5, "{fg} on {bg}: {ratio:.2}");
        }
    }

    #[test]
    fn pale_brand_colours_are_darkened() {
        let theme = Theme {
            primary: "#ffd700".into(),
            text: "#aaaaaa".into(),
            font: "x;}</style>".into(),
            ..Theme::default()
        };
        let p = Palette::new(&theme);
        assert!(contrast_ratio(&p.primary, "#ffffff").unwrap_or(0.0) >= 4.5);
        assert!(contrast_ratio(&p.text, "#ffffff").unwrap_or(0.0) >= 4.5);
        assert!(!p.font.contains("style"));
    }
}
