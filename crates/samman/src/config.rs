//! The bodies configuration: `--bodies FILE`, else `$SAMMAN_BODIES`, else the built-in one (the seam,
//! `samman_site::load`, reads it the same way for every front end); and the site's public address.

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

/// The site's public address (`serve`/`build --base-url`): the flag, else `$SAMMAN_BASE_URL` (empty:
/// unset), checked as every configured URL is; without a trailing slash so paths can be appended.
pub fn site_address(flag: Option<String>) -> anyhow::Result<Option<String>> {
    let (url, given_as) = match flag {
        Some(url) => (url, "--base-url"),
        None => match std::env::var("SAMMAN_BASE_URL") {
            Ok(url) if !url.is_empty() => (url, "SAMMAN_BASE_URL"),
            _ => return Ok(None),
        },
    };
    samman_domain::url::check_base_url(&url)
        .map_err(|reason| anyhow::anyhow!("{given_as} {url:?} {reason}"))?;
    Ok(Some(url.trim_end_matches('/').to_string()))
}
