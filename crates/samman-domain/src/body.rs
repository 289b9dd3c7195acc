//! Bodies (*organ*) and their configuration file.

use serde::{Deserialize, Serialize};

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
    /// Main colour (headings, title slide background), as "#rrggbb".
    pub primary: String,
    /// Accent colour (position boxes, rules).
    pub accent: String,
    /// Body text colour.
    pub text: String,
    /// Page and slide background.
    pub background: String,
    /// Font family name for every rendition.
    pub font: String,
    /// Logo image (PNG), relative to the bodies file.
    pub logo: Option<String>,
    /// Alternative text of the logo.
    pub logo_alt: Option<String>,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            primary: "#00506e".into(),
            accent: "#e0a526".into(),
            text: "#1d1d1b".into(),
            background: "#ffffff".into(),
            font: "Noto Sans".into(),
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
}

impl Bodies {
    /// Parses a bodies configuration (TOML).
    pub fn from_toml(text: &str) -> Result<Bodies, BodiesError> {
        let bodies: Bodies = toml::from_str(text)?;
        for (i, body) in bodies.bodies.iter().enumerate() {
            if bodies.bodies[..i].iter().any(|b| b.id == body.id) {
                return Err(BodiesError::DuplicateBody(body.id.clone()));
            }
            // Colours are checked here, once, so every rendition can trust them.
            let t = &body.theme;
            for (field, value) in [
                ("primary", &t.primary),
                ("accent", &t.accent),
                ("text", &t.text),
                ("background", &t.background),
            ] {
                if crate::Rgb::parse(value).is_none() {
                    return Err(BodiesError::Colour {
                        body: body.id.clone(),
                        field,
                        value: value.clone(),
                    });
                }
            }
        }
        Ok(bodies)
    }

    pub fn get(&self, id: &str) -> Option<&Body> {
        self.bodies.iter().find(|b| b.id == id)
    }

    /// The body a piece of text names by its id, short name or full name (case-insensitive).
    pub fn find_by_name(&self, text: &str) -> Option<&Body> {
        let t = crate::body::fold(text);
        self.bodies
            .iter()
            .find(|b| [&b.id, &b.short_name, &b.name].iter().any(|n| fold(n) == t))
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
        let n = fold(name);
        fold(&self.name) == n
            || self.full_name.as_deref().is_some_and(|f| fold(f) == n)
            || self.variants.iter().any(|v| fold(v) == n)
    }
}

/// Case- and space-insensitive comparison key.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
