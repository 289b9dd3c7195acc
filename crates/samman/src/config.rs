//! The bodies configuration: `--bodies FILE`, else `$SAMMAN_BODIES`, else the built-in one (the seam,
//! `samman_site::load`, reads it the same way for every front end).

use std::path::Path;

use samman_domain::{Bodies, Body};

pub fn load_bodies(path: Option<&Path>) -> anyhow::Result<Bodies> {
    Ok(samman_site::load_bodies(path)?)
}

/// The body a meeting belongs to; an unconfigured body gets a plain one named by its id, with a warning.
pub fn body_for(bodies: &Bodies, id: &str) -> Body {
    samman_site::body_for(bodies, id).unwrap_or_else(|unknown| {
        eprintln!("samman: varning: {unknown}");
        *unknown.plain
    })
}
