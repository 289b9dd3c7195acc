//! The bodies configuration: `--bodies FILE`, else `$SAMMAN_BODIES`, else the built-in one.
//!
//! Everything in it is checked here, when it is read: colours, font and base URLs by
//! `Bodies::from_toml`; a theme's logo is resolved against the file's folder and must be a PNG image.

use std::path::Path;

use anyhow::{Context, bail};
use samman_domain::{Bodies, Body, png_size};

/// The shipped configuration (SRO with VästKom and VGR), so the seeds import without any set-up.
const BUILT_IN: &str = include_str!("../../../config/bodies.toml");

pub fn load_bodies(path: Option<&Path>) -> anyhow::Result<Bodies> {
    let from_env = std::env::var_os("SAMMAN_BODIES").filter(|v| !v.is_empty());
    let path = path.map(Path::to_path_buf).or(from_env.map(Into::into));
    match path {
        None => Ok(Bodies::from_toml(BUILT_IN).context("den inbyggda organkonfigurationen är trasig")?),
        Some(path) => {
            let loaded = samman_source::read_input(&path)?;
            let mut bodies = Bodies::from_toml(&loaded.text)
                .with_context(|| format!("{}: ogiltig organkonfiguration", path.display()))?;
            resolve_logos(&mut bodies, &path)?;
            Ok(bodies)
        }
    }
}

/// Makes each theme's logo a path from the current directory (it is written relative to the bodies
/// file), refusing a logo that is missing or not a PNG image now rather than when a deck is made.
fn resolve_logos(bodies: &mut Bodies, file: &Path) -> anyhow::Result<()> {
    let folder = file.parent().unwrap_or(Path::new(""));
    for body in &mut bodies.bodies {
        let Some(logo) = body.theme.logo.as_deref().filter(|l| !l.trim().is_empty()) else {
            body.theme.logo = None;
            continue;
        };
        let resolved = folder.join(logo);
        let at = || {
            format!(
                "{}: organet \"{}\": theme.logo = {logo:?}",
                file.display(),
                body.id
            )
        };
        let bytes = match std::fs::read(&resolved) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                bail!("{}: filen {} finns inte", at(), resolved.display())
            }
            Err(e) => bail!("{}: {} kunde inte läsas ({e})", at(), resolved.display()),
        };
        if png_size(&bytes).is_none() {
            bail!("{}: {} är ingen PNG-bild", at(), resolved.display());
        }
        body.theme.logo = Some(resolved.to_string_lossy().into_owned());
    }
    Ok(())
}

/// The body a meeting belongs to; an unconfigured body gets a plain one named by its id.
pub fn body_for(bodies: &Bodies, id: &str) -> Body {
    bodies.get(id).cloned().unwrap_or_else(|| {
        eprintln!(
            "samman: varning: organet \"{id}\" finns inte i organkonfigurationen; standardtema används"
        );
        Body::named(id, id, id)
    })
}
