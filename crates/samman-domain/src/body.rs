//! Bodies (*organ*) and their configuration file.
//!
//! Everything in the file that renditions paste into their output — colours, font, base URL — is checked
//! here, once, when the file is read; an error names the body and the field. (The logo file is read and
//! checked by whoever knows where the bodies file lives: the CLI's configuration loader.)

use serde::{Deserialize, Serialize};
use toml::Value;

use crate::Rgb;
use crate::url::{UrlError, check_base_url};

/// The font families the renditions can set: the deck measures text with, and the PDF embeds, the
/// shipped Noto Sans, so a theme cannot name another.
pub const FONTS: [&str; 1] = ["Noto Sans"];

/// A collaborative body that holds meetings, e.g. SRO.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// Stable identifier used in source files and URLs, e.g. "sro".
    pub id: String,
    /// "SRO".
    pub short_name: String,
    /// "Politiskt samrådsorgan mellan VästKom och Västra Götalandsregionen".
    pub name: String,
    /// Member organisations, with their canonical spelling and the variants people write.
    #[serde(default, rename = "organisation")]
    pub organisations: Vec<Organisation>,
    /// Where the body's pages are published; renditions make absolute links from it.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Name of the body's newsletter, e.g. "Nyhetsbrev Nära vård".
    #[serde(default)]
    pub newsletter: Option<String>,
    #[serde(default)]
    pub theme: Theme,
}

/// An organisation with its one canonical spelling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// Canonical spelling: "VästKom".
    pub name: String,
    /// Full name, e.g. "Västra Götalandsregionen" for "VGR".
    #[serde(default)]
    pub full_name: Option<String>,
    /// Other spellings that mean this organisation ("Västkom"); matched without regard to case.
    #[serde(default)]
    pub variants: Vec<String>,
}

/// Colours, font and logo of a body's renditions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Theme {
    /// Main colour (headings, title slide background), written "#rrggbb" in the file.
    pub primary: Rgb,
    /// Accent colour (position boxes, rules).
    pub accent: Rgb,
    /// Body text colour.
    pub text: Rgb,
    /// Page and slide background.
    pub background: Rgb,
    /// Font family name for every rendition: one of [`FONTS`].
    pub font: String,
    /// Logo image (PNG), relative to the bodies file in the file; the configuration loader makes it a path
    /// usable from the current directory and checks that it is a PNG.
    pub logo: Option<String>,
    /// Alternative text of the logo.
    pub logo_alt: Option<String>,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            primary: Rgb(0x00, 0x50, 0x6e),
            accent: Rgb(0xe0, 0xa5, 0x26),
            text: Rgb(0x1d, 0x1d, 0x1b),
            background: Rgb::WHITE,
            font: FONTS[0].into(),
            logo: None,
            logo_alt: None,
        }
    }
}

/// Everything known about bodies: the parsed bodies configuration file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bodies {
    #[serde(default, rename = "body")]
    pub bodies: Vec<Body>,
}

/// A bodies configuration that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum BodiesError {
    #[error("{0}")]
    Toml(#[from] toml::de::Error),
    #[error("organet \"{0}\" är definierat två gånger")]
    DuplicateBody(String),
    #[error("organet \"{body}\": theme.{field} = \"{value}\" är ingen färg; skriv till exempel \"#00506e\"")]
    Colour {
        body: String,
        field: &'static str,
        value: String,
    },
    #[error("organet \"{body}\": theme.font = \"{value}\" är inget typsnitt som samman har; skriv \"{}\"", FONTS.join("\" eller \""))]
    Font { body: String, value: String },
    #[error("organet \"{body}\": {field} = {value:?} {reason}")]
    Url {
        body: String,
        field: &'static str,
        value: String,
        reason: UrlError,
    },
}

impl Bodies {
    /// Parses a bodies configuration (TOML), refusing colours, fonts and base URLs no rendition can use.
    pub fn from_toml(text: &str) -> Result<Bodies, BodiesError> {
        // Checked on the raw table first, where the body's id is at hand for the message; serde then
        // reports anything else (a wrong type, an unknown shape) with its line and column.
        check_fields(&toml::from_str(text)?)?;
        let mut bodies: Bodies = toml::from_str(text)?;
        for (i, body) in bodies.bodies.iter().enumerate() {
            if bodies.bodies[..i].iter().any(|b| b.id == body.id) {
                return Err(BodiesError::DuplicateBody(body.id.clone()));
            }
        }
        for body in &mut bodies.bodies {
            body.theme.font = known_font(&body.theme.font).unwrap_or(FONTS[0]).to_string();
        }
        Ok(bodies)
    }

    pub fn get(&self, id: &str) -> Option<&Body> {
        self.bodies.iter().find(|b| b.id == id)
    }

    /// The body a piece of text names by its id, short name or full name (case-insensitive).
    pub fn find_by_name(&self, text: &str) -> Option<&Body> {
        self.bodies
            .iter()
            .find(|b| [&b.id, &b.short_name, &b.name].iter().any(|n| fold_eq(n, text)))
    }

    /// Every organisation of every body (for recognising presenters' organisations).
    pub fn organisations(&self) -> impl Iterator<Item = &Organisation> {
        self.bodies.iter().flat_map(|b| b.organisations.iter())
    }

    /// The canonical spelling of an organisation name, if any body knows it.
    pub fn canonical_organisation(&self, name: &str) -> Option<&str> {
        self.organisations()
            .find(|o| o.matches(name))
            .map(|o| o.name.as_str())
    }
}

impl Body {
    /// A body with just names, for tests and for records whose body is not configured.
    pub fn named(id: &str, short_name: &str, name: &str) -> Self {
        Body {
            id: id.into(),
            short_name: short_name.into(),
            name: name.into(),
            organisations: Vec::new(),
            base_url: None,
            newsletter: None,
            theme: Theme::default(),
        }
    }
}

impl Organisation {
    /// Whether `name` is this organisation in any known spelling (case-insensitive).
    pub fn matches(&self, name: &str) -> bool {
        fold_eq(&self.name, name)
            || self.full_name.as_deref().is_some_and(|f| fold_eq(f, name))
            || self.variants.iter().any(|v| fold_eq(v, name))
    }
}

/// Width and height of a PNG image from its IHDR chunk; `None` when the bytes are not a PNG (the one
/// logo format every rendition can embed).
pub fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !png.starts_with(SIGNATURE) || png.get(12..16)? != b"IHDR" {
        return None;
    }
    let be = |range: std::ops::Range<usize>| -> Option<u32> {
        Some(u32::from_be_bytes(png.get(range)?.try_into().ok()?))
    };
    let (w, h) = (be(16..20)?, be(20..24)?);
    (w > 0 && h > 0).then_some((w, h))
}

/// Colours, font and base URL of every body, as written in the file.
fn check_fields(table: &toml::Table) -> Result<(), BodiesError> {
    let Some(Value::Array(bodies)) = table.get("body") else {
        return Ok(());
    };
    for body in bodies.iter().filter_map(Value::as_table) {
        let id = || body.get("id").and_then(Value::as_str).unwrap_or("?").to_string();
        if let Some(url) = body.get("base_url").and_then(Value::as_str) {
            check_base_url(url).map_err(|reason| BodiesError::Url {
                body: id(),
                field: "base_url",
                value: url.to_string(),
                reason,
            })?;
        }
        let Some(theme) = body.get("theme").and_then(Value::as_table) else {
            continue;
        };
        for field in ["primary", "accent", "text", "background"] {
            if let Some(value) = theme.get(field).and_then(Value::as_str)
                && Rgb::parse(value).is_none()
            {
                return Err(BodiesError::Colour {
                    body: id(),
                    field,
                    value: value.to_string(),
                });
            }
        }
        if let Some(font) = theme.get("font").and_then(Value::as_str)
            && known_font(font).is_none()
        {
            return Err(BodiesError::Font {
                body: id(),
                value: font.to_string(),
            });
        }
    }
    Ok(())
}

/// The shipped font a theme's font name means (case and spacing as people write them).
fn known_font(name: &str) -> Option<&'static str> {
    FONTS.iter().copied().find(|f| fold_eq(f, name))
}

/// Case- and space-insensitive comparison key.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Whether `fold(a) == fold(b)`, without building either key: presenters' organisations are compared
/// with every spelling of every organisation, most differing in their first letter.
fn fold_eq(a: &str, b: &str) -> bool {
    if !folded_chars(a).eq(folded_chars(b)) {
        return false;
    }
    // `str::to_lowercase` lower-cases a capital sigma by what surrounds it (a word-final Σ becomes ς),
    // which char by char cannot, so the chars compare every sigma alike; when one is there, the keys
    // decide.
    let sigma = |s: &str| s.contains(['Σ', 'σ', 'ς']);
    !(sigma(a) || sigma(b)) || fold(a) == fold(b)
}

/// The chars of `fold(s)`, but with every lower-case sigma as σ: lower-cased, each run of whitespace
/// one space, none at either end.
fn folded_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut after_space = false;
    s.trim()
        .chars()
        .filter_map(move |c| {
            let space = c.is_whitespace();
            let repeated = space && after_space;
            after_space = space;
            (!repeated).then_some(if space { ' ' } else { c })
        })
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ς' { 'σ' } else { c })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text whose lower case differs in length or depends on context, and spacing variants.
    const FOLD_SAMPLES: [&str; 30] = [
        "VästKom",
        "västkom",
        "VÄSTKOM",
        " Väst  Kom ",
        "Väst Kom",
        "väst\tkom",
        "Väst\u{a0}Kom",
        "\u{212A}elvin",
        "kelvin",
        "KELVIN",
        "straße",
        "STRASSE",
        "strasse",
        "İstanbul",
        "i\u{307}stanbul",
        "istanbul",
        "ΟΔΟΣ",
        "οδος",
        "οδοσ",
        "ΟΔΟΣ Α",
        "οδος α",
        "ΣΑ",
        "σα",
        "",
        "  ",
        "ǅ",
        "ǆ",
        "\u{2126}",
        "ω",
        "VGR",
    ];

    #[test]
    fn fold_eq_is_equality_of_folded_keys() {
        for a in FOLD_SAMPLES {
            for b in FOLD_SAMPLES {
                assert_eq!(fold_eq(a, b), fold(a) == fold(b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn a_bad_theme_colour_is_refused_with_its_field() {
        let toml = "[[body]]\nid = \"x\"\nshort_name = \"X\"\nname = \"X\"\n[body.theme]\naccent = \"gul\"\n";
        let error = Bodies::from_toml(toml)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("theme.accent") && error.contains("gul"), "{error}");
        let shipped = Bodies::from_toml(include_str!("../../../config/bodies.toml"));
        assert!(shipped.is_ok(), "{shipped:?}");
    }

    fn refusal(extra: &str) -> String {
        let toml = format!("[[body]]\nid = \"x\"\nshort_name = \"X\"\nname = \"X\"\n{extra}");
        Bodies::from_toml(&toml)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn an_unknown_font_is_refused_and_a_known_one_normalised() {
        let error = refusal("[body.theme]\nfont = \"Comic Sans\"\n");
        assert!(
            error.contains("\"x\"") && error.contains("theme.font") && error.contains("Comic Sans"),
            "{error}"
        );
        let toml =
            "[[body]]\nid = \"x\"\nshort_name = \"X\"\nname = \"X\"\n[body.theme]\nfont = \"noto  sans\"\n";
        let bodies = Bodies::from_toml(toml).unwrap_or_default();
        assert_eq!(bodies.get("x").map(|b| b.theme.font.as_str()), Some("Noto Sans"));
    }

    #[test]
    fn a_base_url_that_is_no_web_address_is_refused() {
        for bad in [
            "javascript:alert(1)//",
            "https://x.example/\\r\\nEND:VEVENT",
            "https://user:secret@x.example/",
        ] {
            let error = refusal(&format!("base_url = \"{bad}\"\n"));
            assert!(
                error.contains("\"x\"") && error.contains("base_url"),
                "{bad}: {error}"
            );
        }
        assert!(refusal("base_url = \"https://x.example/sro\"\n").is_empty());
    }

    #[test]
    fn colours_are_values_not_strings() {
        let toml =
            "[[body]]\nid = \"x\"\nshort_name = \"X\"\nname = \"X\"\n[body.theme]\nprimary = \"#ABC\"\n";
        let bodies = Bodies::from_toml(toml).unwrap_or_default();
        assert_eq!(
            bodies.get("x").map(|b| b.theme.primary),
            Some(Rgb(0xaa, 0xbb, 0xcc))
        );
    }
}
