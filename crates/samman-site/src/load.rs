//! The bodies configuration, and reading a file into a meeting — the same way for every front end.

use std::path::{Path, PathBuf};

use samman_domain::{Bodies, BodiesError, Body, Meeting, png_size};
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
    #[error("{}: ogiltig organkonfiguration: {}", .0.display(), .1)]
    Bodies(PathBuf, BodiesError),
    /// A body id that is a path segment the site itself uses: `/{id}/` would be that page, never the
    /// body's.
    #[error(
        "{}: organet \"{id}\" kan inte ha det id:t: adressen /{id}/ är redan {used}; välj ett annat id",
        .file.display()
    )]
    ReservedId {
        file: PathBuf,
        id: String,
        used: &'static str,
    },
    /// A theme's logo that is missing or not a PNG image: file, body, field and why.
    #[error("{}: organet \"{body}\": theme.logo = {logo:?}: {why}", .file.display())]
    Logo {
        file: PathBuf,
        body: String,
        logo: String,
        why: String,
    },
}

/// The bodies configuration: `path`, else `$SAMMAN_BODIES`, else the built-in one.
///
/// Everything in it is checked here, when it is read: colours, font and base URLs by
/// `Bodies::from_toml`; a theme's logo is resolved against the file's folder and must be a PNG image.
pub fn load_bodies(path: Option<&Path>) -> Result<Bodies, LoadError> {
    let from_env = std::env::var_os("SAMMAN_BODIES").filter(|v| !v.is_empty());
    let path = path.map(Path::to_path_buf).or(from_env.map(Into::into));
    match path {
        None => Bodies::from_toml(BUILT_IN_BODIES).map_err(LoadError::BuiltInBodies),
        Some(path) => {
            let loaded = samman_source::read_input(&path)?;
            let mut bodies =
                Bodies::from_toml(&loaded.text).map_err(|e| LoadError::Bodies(path.clone(), e))?;
            refuse_reserved_ids(&bodies, &path)?;
            resolve_logos(&mut bodies, &path)?;
            Ok(bodies)
        }
    }
}

/// The path segments the site uses itself, and what each is (for the message). A body's pages live at
/// `/{id}/` and its editor pages at `/redaktor/{id}/`, so a body with one of these ids would be shadowed
/// by (or shadow) the site's own page.
pub const RESERVED_IDS: &[(&str, &str)] = &[
    (samman_render::links::site::SEARCH, "webbplatsens sökning"),
    ("api", "det öppna API:t"),
    ("redaktor", "redaktörens sidor"),
    (samman_render::links::site::HEALTH, "serverns hälsokontroll"),
    (samman_render::links::site::CALENDAR, "webbplatsens kalender"),
    // The editor's own pages beside its `/redaktor/{id}/`.
    ("konton", "redaktörens kontosida (/redaktor/konton)"),
    ("logg", "redaktörens logg (/redaktor/logg)"),
    ("logga-in", "redaktörens inloggning (/redaktor/logga-in)"),
    ("logga-ut", "redaktörens utloggning (/redaktor/logga-ut)"),
    ("redaktor.js", "redaktörens skript (/redaktor/redaktor.js)"),
    ("stil.css", "redaktörens stilmall (/redaktor/stil.css)"),
];

/// Refuses a body whose id is one of [`RESERVED_IDS`], naming the file and the id.
fn refuse_reserved_ids(bodies: &Bodies, file: &Path) -> Result<(), LoadError> {
    for body in &bodies.bodies {
        if let Some((id, used)) = RESERVED_IDS.iter().find(|(id, _)| *id == body.id) {
            return Err(LoadError::ReservedId {
                file: file.to_path_buf(),
                id: (*id).to_string(),
                used,
            });
        }
    }
    Ok(())
}

/// Makes each theme's logo a path from the current directory (it is written relative to the bodies
/// file), refusing a logo that is missing or not a PNG image now rather than when a deck is made.
fn resolve_logos(bodies: &mut Bodies, file: &Path) -> Result<(), LoadError> {
    let folder = file.parent().unwrap_or(Path::new(""));
    for body in &mut bodies.bodies {
        let Some(logo) = body.theme.logo.clone().filter(|l| !l.trim().is_empty()) else {
            body.theme.logo = None;
            continue;
        };
        let resolved = folder.join(&logo);
        let refuse = |why: String| LoadError::Logo {
            file: file.to_path_buf(),
            body: body.id.clone(),
            logo: logo.clone(),
            why,
        };
        let bytes = match std::fs::read(&resolved) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(refuse(format!("filen {} finns inte", resolved.display())));
            }
            Err(e) => {
                let why = samman_source::input::describe_io(&e);
                return Err(refuse(format!("{} kunde inte läsas ({why})", resolved.display())));
            }
        };
        if png_size(&bytes).is_none() {
            return Err(refuse(format!("{} är ingen PNG-bild", resolved.display())));
        }
        body.theme.logo = Some(resolved.to_string_lossy().into_owned());
    }
    Ok(())
}

/// A meeting's body that the configuration does not know; `plain` is a body named by its id.
#[derive(Debug, Clone, thiserror::Error)]
#[error("organet \"{}\" finns inte i organkonfigurationen; standardtema används", .plain.id)]
pub struct UnknownBody {
    pub plain: Box<Body>,
}

/// The configured body with this id, or [`UnknownBody`] carrying a plain one to render with.
pub fn body_for(bodies: &Bodies, id: &str) -> Result<Body, UnknownBody> {
    bodies.get(id).cloned().ok_or_else(|| UnknownBody {
        plain: Box::new(Body::named(id, id, id)),
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

/// [`load_meeting`] for a file whose `bytes` were read already.
pub fn meeting_of_read(
    path: &Path,
    bytes: &[u8],
    bodies: &Bodies,
) -> Result<(Loaded, Document, Meeting), LoadError> {
    let (loaded, document) = samman_source::load_read(path, bytes, None, bodies)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_id_the_site_uses_itself_is_refused_naming_file_and_id() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for (id, _) in RESERVED_IDS {
            let file = dir.path().join("organ.toml");
            let text = format!(
                "[[body]]\nid = \"sro\"\nshort_name = \"SRO\"\nname = \"SRO\"\n\n[[body]]\nid = \"{id}\"\nshort_name = \"X\"\nname = \"X\"\n"
            );
            std::fs::write(&file, text).unwrap_or_else(|e| panic!("{e}"));
            let error = load_bodies(Some(&file)).expect_err(id).to_string();
            assert!(error.starts_with(&file.display().to_string()), "{error}");
            assert!(
                error.contains(&format!("organet \"{id}\" kan inte ha det id:t")),
                "{error}"
            );
            assert!(error.contains(&format!("adressen /{id}/ är redan")), "{error}");
        }
        // An id that merely contains one is fine.
        let file = dir.path().join("ok.toml");
        std::fs::write(
            &file,
            "[[body]]\nid = \"soken\"\nshort_name = \"S\"\nname = \"S\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(load_bodies(Some(&file)).is_ok());
        // The built-in configuration uses none of them.
        let built_in = load_bodies(None).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            built_in
                .bodies
                .iter()
                .all(|b| RESERVED_IDS.iter().all(|(id, _)| *id != b.id))
        );
    }
}
