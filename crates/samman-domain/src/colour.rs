//! Theme colours: parsing "#rrggbb" / "#rgb" and the WCAG arithmetic every rendition needs to keep text
//! readable on the body's brand colours.

use std::fmt;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const WHITE: Rgb = Rgb(0xFF, 0xFF, 0xFF);
    pub const BLACK: Rgb = Rgb(0, 0, 0);

    /// "#rrggbb" or "#rgb" (the "#" optional, any case).
    pub fn parse(value: &str) -> Option<Rgb> {
        let h = value.trim();
        let h = h.strip_prefix('#').unwrap_or(h);
        let digit = |i: usize, len: usize| u8::from_str_radix(h.get(i..i + len)?, 16).ok();
        match h.len() {
            6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            _ => None,
        }
    }

    /// "RRGGBB", the form DrawingML wants.
    pub fn hex_upper(self) -> String {
        format!("{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }

    /// This colour blended towards `other` by `t` (0 = this one, 1 = `other`).
    pub fn towards(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| {
            (f64::from(a) * (1.0 - t) + f64::from(b) * t)
                .round()
                .clamp(0.0, 255.0) as u8
        };
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }

    /// WCAG 2.1 relative luminance (0 black – 1 white).
    pub fn luminance(self) -> f64 {
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

    /// WCAG 2.1 contrast ratio with `other` (1–21; AA body text needs 4.5).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// This colour darkened step by step towards black until it reaches `ratio` against `background`.
    pub fn darkened_for(self, background: Rgb, ratio: f64) -> Rgb {
        let mut out = self;
        for step in 1..=20 {
            if out.contrast(background) >= ratio {
                break;
            }
            out = self.towards(Rgb::BLACK, f64::from(step) * 0.05);
        }
        out
    }
}

/// Written as "#rrggbb" (configuration files, storage).
impl serde::Serialize for Rgb {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Read from "#rrggbb" or "#rgb"; anything else is an error that quotes the value.
impl<'de> serde::Deserialize<'de> for Rgb {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Rgb::parse(&value).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "\"{value}\" är ingen färg; skriv till exempel \"#00506e\""
            ))
        })
    }
}

/// "#rrggbb", the CSS form.
impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_people_write() {
        assert_eq!(Rgb::parse("#00506E"), Some(Rgb(0, 0x50, 0x6e)));
        assert_eq!(Rgb::parse("abc"), Some(Rgb(0xaa, 0xbb, 0xcc)));
        assert_eq!(Rgb::parse("#12345g"), None);
        assert_eq!(Rgb::parse("red\"); x"), None);
        assert_eq!(Rgb(0, 0x50, 0x6e).to_string(), "#00506e");
        assert_eq!(Rgb(0, 0x50, 0x6e).hex_upper(), "00506E");
    }

    #[test]
    fn wcag_contrast() {
        assert!((Rgb::WHITE.contrast(Rgb::BLACK) - 21.0).abs() < 1e-9);
        let gold = Rgb::parse("#ffd700").unwrap_or(Rgb::BLACK);
        assert!(gold.contrast(Rgb::WHITE) < 4.5);
        assert!(gold.darkened_for(Rgb::WHITE, 4.5).contrast(Rgb::WHITE) >= 4.5);
    }
}
