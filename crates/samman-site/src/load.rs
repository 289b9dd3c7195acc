//! The bodies configuration, and reading a file into a meeting — the same way for every front end.

use std::path::{Path, PathBuf};

use samman_domain::{Bodies, BodiesError, Body, Meeting};
use samman_source::{Document, Format, InputError, Loaded};

/// The shipped configuration (SRO with VästKom and VGR), so the seeds import without any set-up.
pub const BUILT_IN_BODIES: &str = include_str!("../../../config/bodies.toml");

/// Why a file could not be read into a meeting. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(
        "{}: hittar inget mötesdatum (sök efter t.ex. \"21 maj 2021\" i titeln, agendan eller \
         nedladdningslänken); lägg till datumet och försök igen",
        .0.display()
    )]
    NoDate(PathBuf),
    #[error("den inbyggda organkonfigurationen är trasig: {0}")]
    BuiltInBodies(BodiesError),
    #[error("{}: ogiltig organkonfiguration: {1}", .0.display())]
    Bodies(PathBuf, BodiesError),
}

/// The bodies configuration: `path`, else `$SAMMAN_BODIES`, else the built-in one.
pub fn load_bodies(path: Option<&Path>) -> Result<Bodies, LoadError> {
    let from_env = std::env::var_os("SAMMAN_BODIES").filter(|v| !v.is_empty());
    let path = path.map(Path::to_path_buf).or(from_env.map(Into::into));
    match path {
        None => Bodies::from_toml(BUILT_IN_BODIES).map_err(LoadError::BuiltInBodies),
        Some(path) => {
            let loaded = samman_source::read_input(&path)?;
            Bodies::from_toml(&loaded.text).map_err(|e| LoadError::Bodies(path, e))
        }
    }
}

/// A meeting's body that the configuration does not know; `plain` is a body named by its id.
#[derive(Debug, Clone, thiserror::Error)]
#[error("organet \"{}\" finns inte i organkonfigurationen; standardtema används", .plain.id)]
pub struct UnknownBody {
    pub plain: Body,
}

/// The configured body with this id, or [`UnknownBody`] carrying a plain one to render with.
pub fn body_for(bodies: &Bodies, id: &str) -> Result<Body, UnknownBody> {
    bodies.get(id).cloned().ok_or_else(|| UnknownBody {
        plain: Body::named(id, id, id),
    })
}

/// Reads `path` (any form `import` takes; `format` forces one) into its located document.
pub fn load_document(
    path: &Path,
    format: Option<Format>,
    bodies: &Bodies,
) -> Result<(Loaded, Document), LoadError> {
    Ok(samman_source::load(path, format, bodies)?)
}

/// Reads `path` into a meeting; fails with a clear message when no meeting date can be found.
pub fn load_meeting(
    path: &Path,
    format: Option<Format>,
    bodies: &Bodies,
) -> Result<(Loaded, Document, Meeting), LoadError> {
    let (loaded, document) = load_document(path, format, bodies)?;
    let meeting = document
        .to_meeting(&default_body(bodies))
        .ok_or_else(|| LoadError::NoDate(path.to_path_buf()))?;
    Ok((loaded, document, meeting))
}

/// Why a text (a stored source, an upload, the shipped example) is not a meeting. No path: the caller
/// names where the text came from.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error("{0}")]
    Parse(#[from] samman_source::ParseError),
    #[error("hittar inget mötesdatum")]
    NoDate,
}

/// Reads text in the given or detected form into its document and meeting.
pub fn meeting_from_text(
    text: &str,
    format: Option<Format>,
    bodies: &Bodies,
) -> Result<(Document, Meeting), TextError> {
    let document = samman_source::import::read(text, format, bodies)?;
    let meeting = document
        .to_meeting(&default_body(bodies))
        .ok_or(TextError::NoDate)?;
    Ok((document, meeting))
}

/// The body a document that names none belongs to: the only configured one, else "okänt".
fn default_body(bodies: &Bodies) -> String {
    match bodies.bodies.as_slice() {
        [only] => only.id.clone(),
        _ => "okänt".to_string(),
    }
}
