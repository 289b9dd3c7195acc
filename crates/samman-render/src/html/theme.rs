//! The body's theme made safe for reading: colours that meet WCAG 2.1 AA contrast.
//!
//! A body's configured colours are brand colours, not necessarily readable ones (a yellow accent on white
//! is 2:1). Text colours are darkened until they reach 4.5:1 against the background they sit on; the
//! accent is used only for rules and borders, and a pale tint of it for the position box.

use samman_domain::Theme;

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

type Rgb = (u8, u8, u8);

impl Palette {
    pub fn new(theme: &Theme) -> Self {
        let background = parse(&theme.background).unwrap_or((255, 255, 255));
        // Only light backgrounds are supported for reading text; a dark one falls back to white.
        let background = if luminance(background) < 0.5 {
            (255, 255, 255)
        } else {
            background
        };
        let accent = parse(&theme.accent).unwrap_or((224, 165, 38));
        let tint = mix(accent, background, 0.85);
        let readable = |c: Rgb| darken_until(darken_until(c, background, 4.6), tint, 4.6);
        let text = readable(parse(&theme.text).unwrap_or((29, 29, 27)));
        let primary = readable(parse(&theme.primary).unwrap_or((0, 80, 110)));
        let muted = readable(mix(text, background, 0.25));
        let on_primary = if contrast((255, 255, 255), primary) >= 4.5 {
            (255, 255, 255)
        } else {
            (0, 0, 0)
        };
        Palette {
            background: hex(background),
            text: hex(text),
            primary: hex(primary),
            on_primary: hex(on_primary),
            accent: hex(accent),
            tint: hex(tint),
            muted: hex(muted),
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

/// "#rrggbb" or "#rgb".
fn parse(s: &str) -> Option<Rgb> {
    let h = s.trim().strip_prefix('#')?;
    let digit = |i: usize, len: usize| u8::from_str_radix(h.get(i..i + len)?, 16).ok();
    match h.len() {
        6 => Some((digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
        3 => Some((digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
        _ => None,
    }
}

fn hex((r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// `a` blended towards `b` by `t` (0 = a, 1 = b).
fn mix(a: Rgb, b: Rgb, t: f64) -> Rgb {
    let m = |x: u8, y: u8| {
        (f64::from(x) * (1.0 - t) + f64::from(y) * t)
            .round()
            .clamp(0.0, 255.0) as u8
    };
    (m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// WCAG relative luminance.
fn luminance((r, g, b): Rgb) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG contrast ratio between two colours (1–21).
pub fn contrast_ratio(a: &str, b: &str) -> Option<f64> {
    Some(contrast(parse(a)?, parse(b)?))
}

fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// `c` darkened step by step towards black until it reaches `ratio` against `bg`.
fn darken_until(c: Rgb, bg: Rgb, ratio: f64) -> Rgb {
    let mut out = c;
    for step in 1..=20 {
        if contrast(out, bg) >= ratio {
            break;
        }
        out = mix(c, (0, 0, 0), f64::from(step) * 0.05);
    }
    out
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
