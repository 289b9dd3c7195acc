//! The one palette every rendition with colour uses (page, e-mail, deck, PDF), derived from the body's
//! theme so that readable text on the brand colours is decided once.
//!
//! A body's configured colours are brand colours, not necessarily readable ones (a yellow accent on white
//! is 2:1). Text and link colours are darkened until they reach 4.5:1 (WCAG 2.1 AA) against the
//! background and the position box they sit on; the accent is used only for rules and borders, and a
//! pale tint of it for the position box. The theme's colours are validated when the bodies file loads,
//! so nothing here falls back silently.

use samman_domain::{Rgb, Theme};

/// Colours and font of one body's renditions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    /// Page and slide background; a dark theme background is replaced by white (text colours are
    /// derived for reading on a light ground).
    pub background: Rgb,
    /// Body text, ≥ 4.5:1 on `background` and on `tint`.
    pub text: Rgb,
    /// Headings, ≥ 4.5:1 on `background` and on `tint`.
    pub primary: Rgb,
    /// Links: the primary colour, checked to stay ≥ 4.5:1 on `background` and on `tint`.
    pub link: Rgb,
    /// Text on a `primary` background (header band, buttons, the cover slide), ≥ 4.5:1 where either
    /// black or white can reach it.
    pub on_primary: Rgb,
    /// Decorative rules and borders (the brand colour as configured).
    pub accent: Rgb,
    /// Pale accent for the position box.
    pub tint: Rgb,
    /// Secondary text (dates, labels, footers), ≥ 4.5:1 on `background`.
    pub muted: Rgb,
    /// The body's font family (one the bodies file allows).
    pub font: String,
}

/// AA body text needs 4.5:1; aim a little above so rounding of the blended channels never lands below.
const READABLE: f64 = 4.6;

impl Palette {
    pub fn new(theme: &Theme) -> Self {
        let background = if theme.background.luminance() < 0.5 {
            Rgb::WHITE
        } else {
            theme.background
        };
        let tint = theme.accent.towards(background, 0.85);
        let readable = |c: Rgb| c.darkened_for(background, READABLE).darkened_for(tint, READABLE);
        let text = readable(theme.text);
        let primary = readable(theme.primary);
        let on_primary = if Rgb::WHITE.contrast(primary) >= Rgb::BLACK.contrast(primary) {
            Rgb::WHITE
        } else {
            Rgb::BLACK
        };
        Palette {
            background,
            text,
            primary,
            link: primary,
            on_primary,
            accent: theme.accent,
            tint,
            muted: readable(text.towards(background, 0.25)),
            font: theme.font.trim().to_string(),
        }
    }

    /// The CSS font stack: the body's font, then common system sans fonts (single quotes, so the stack
    /// also fits in an e-mail's `style="…"` attribute).
    pub fn font_stack(&self) -> String {
        let fallback = "'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
        let safe = !self.font.is_empty()
            && self
                .font
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
        if safe {
            format!("'{}', {fallback}", self.font)
        } else {
            fallback.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_readable(p: &Palette) {
        for (what, fg, bg) in [
            ("text", p.text, p.background),
            ("primary", p.primary, p.background),
            ("link", p.link, p.background),
            ("primary on tint", p.primary, p.tint),
            ("text on tint", p.text, p.tint),
            ("muted", p.muted, p.background),
        ] {
            let ratio = fg.contrast(bg);
            assert!(ratio >= 4.5, "{what}: {fg} on {bg}: {ratio:.2}");
        }
    }

    #[test]
    fn shipped_theme_reads_at_aa() {
        let p = Palette::new(&Theme::default());
        assert_readable(&p);
        assert_eq!(p.on_primary, Rgb::WHITE);
        assert!(p.on_primary.contrast(p.primary) >= 4.5);
    }

    #[test]
    fn pale_brand_colours_are_darkened_and_a_dark_background_is_refused() {
        let theme = Theme {
            primary: Rgb(0xff, 0xd7, 0x00),
            text: Rgb(0xaa, 0xaa, 0xaa),
            background: Rgb(0x10, 0x10, 0x10),
            ..Theme::default()
        };
        let p = Palette::new(&theme);
        assert_readable(&p);
        assert_eq!(p.background, Rgb::WHITE);
        // The gold primary is darkened for reading on white, so the band's text is white on it.
        assert!(p.on_primary.contrast(p.primary) >= 4.5);
    }

    #[test]
    fn a_font_name_that_could_break_css_is_left_out() {
        let mut p = Palette::new(&Theme::default());
        assert!(p.font_stack().starts_with("'Noto Sans', "));
        p.font = "x;}</style>".into();
        assert!(!p.font_stack().contains("style"));
    }
}
