//! The bodies configuration: `--bodies FILE`, else `$SAMMAN_BODIES`, else the built-in one.

use std::path::Path;

use anyhow::Context;
use samman_domain::{Bodies, Body};

/// The shipped configuration (SRO with VästKom and VGR), so the seeds import without any set-up.
const BUILT_IN: &str = include_str!("../../../config/bodies.toml");

pub fn load_bodies(path: Option<&Path>) -> anyhow::Result<Bodies> {
    let from_env = std::env::var_os("SAMMAN_BODIES").filter(|v| !v.is_empty());
    let path = path.map(Path::to_path_buf).or(from_env.map(Into::into));
    match path {
        None => Ok(Bodies::from_toml(BUILT_IN).context("den inbyggda organkonfigurationen är trasig")?),
        Some(path) => {
            let loaded = samman_source::read_input(&path)?;
            Bodies::from_toml(&loaded.text)
                .with_context(|| format!("{}: ogiltig organkonfiguration", path.display()))
        }
    }
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
