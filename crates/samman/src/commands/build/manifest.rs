//! `.samman-bygge.json`: what the previous build wrote, so the next one renders only what changed and
//! never parses an unchanged source again.
//!
//! * `setup` — a SHA-256 of what every file depends on beside its source: samman's version, the flags,
//!   the site's name and the bodies' configuration. Another setup makes the manifest unusable: the next
//!   build is a whole one.
//! * `meetings` — per meeting directory (`sro/2021-05-21`): the [`Row`] of its source: the SHA-256 its
//!   files were rendered from (setup and source bytes) and what the lists need of it (body, date, own
//!   title, and per item its title and the numbers of its words).
//! * `words` — every word those numbers stand for, with its stem (`null`: a stop word), for the search
//!   index; a word is stemmed once, in the build that first met it.
//! * `lists` — the files written from all meetings together (start page, body pages, feeds, the API's
//!   lists, the search), so that one no longer written (a body that lost its last meeting) is removed.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use samman_domain::Date;
use samman_search::Stem;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The manifest's file name in OUT.
pub const MANIFEST: &str = ".samman-bygge.json";

/// The manifest's shape; a manifest of another shape (or none) means a whole build.
const FORMAT: u32 = 2;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub setup: String,
    pub words: Vec<(String, Stem)>,
    pub lists: Vec<String>,
    pub meetings: BTreeMap<String, Row>,
}

/// What the lists need of one meeting, and what its files were rendered from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Row {
    /// SHA-256 (hex) of the setup and the source file's bytes.
    pub key: String,
    pub body: String,
    pub date: Date,
    /// The meeting's own title (the lists derive one when there is none).
    pub title: Option<String>,
    /// Per item: its title and the numbers (in `words`) of the words it is found by.
    pub items: Vec<(String, Vec<u32>)>,
}

/// The SHA-256 of what every file depends on beside its own source.
pub fn setup(site: &samman_site::Site, flags: &str) -> String {
    let mut hash = Sha256::new();
    for part in [
        env!("CARGO_PKG_VERSION"),
        flags,
        &site.name,
        &format!("{:?}", site.bodies),
    ] {
        hash.update(part.len().to_le_bytes());
        hash.update(part.as_bytes());
    }
    format!("{:x}", hash.finalize())
}

/// A source's key: the setup and its bytes.
pub fn key(setup: &str, bytes: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(setup.as_bytes());
    hash.update(bytes);
    format!("{:x}", hash.finalize())
}

/// Whether `path` is a relative path below OUT: plain names only, no `..`, no root.
fn inside(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

impl Manifest {
    /// A new manifest for `setup`.
    pub fn new(setup: String) -> Manifest {
        Manifest {
            format: FORMAT,
            setup,
            ..Manifest::default()
        }
    }

    /// The previous build's manifest in OUT, if it was made with this `setup` (none when missing,
    /// unreadable, of another shape or setup: then everything is rendered).
    pub fn previous(out: &Path, setup: &str) -> Option<Manifest> {
        let text = std::fs::read(out.join(MANIFEST)).ok()?;
        let manifest: Manifest = serde_json::from_slice(&text).ok()?;
        // A manifest is only text in OUT: every number must name a word, and every path stay inside
        // OUT (a later build removes what it lists), or it is not used.
        let usable = manifest.format == FORMAT
            && manifest.setup == setup
            && manifest.meetings.values().all(|row| {
                row.items
                    .iter()
                    .all(|(_, words)| words.iter().all(|w| (*w as usize) < manifest.words.len()))
            })
            && manifest.lists.iter().all(|path| inside(path))
            // A removed meeting's API file is found from its row's body: that path must stay inside too.
            && manifest.meetings.iter().all(|(dir, row)| {
                inside(dir) && inside(&super::site::api_path(&row.body, row.date))
            });
        usable.then_some(manifest)
    }

    /// Writes the manifest to `dir` in one step (a temporary file renamed over the old one), so a reader
    /// of OUT, and the next build, see the old manifest or the new one, never part of one.
    pub fn write(&self, dir: &Path) -> anyhow::Result<()> {
        let path = dir.join(MANIFEST);
        let temp = dir.join(format!("{MANIFEST}.ny"));
        let fail = || format!("{}: kan inte skrivas", path.display());
        let file = std::fs::File::create(&temp).with_context(fail)?;
        let mut writer = std::io::BufWriter::new(file);
        serde_json::to_writer(&mut writer, self).with_context(fail)?;
        std::io::Write::write_all(&mut writer, b"\n").with_context(fail)?;
        writer
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(fail)?;
        std::fs::rename(&temp, &path).with_context(fail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_whose_body_leads_outside_out_makes_the_manifest_unusable() {
        let out = tempfile::tempdir().unwrap();
        let mut manifest = Manifest::new("setup".into());
        let row = |body: &str| Row {
            key: "k".into(),
            body: body.into(),
            date: "2021-05-21".parse().unwrap(),
            title: None,
            items: Vec::new(),
        };
        manifest.meetings.insert("sro/2021-05-21".into(), row("sro"));
        manifest.write(out.path()).unwrap();
        assert!(Manifest::previous(out.path(), "setup").is_some());
        manifest.meetings.insert("sro/2021-05-21".into(), row(".."));
        manifest.write(out.path()).unwrap();
        assert!(Manifest::previous(out.path(), "setup").is_none());
    }

    #[test]
    fn only_paths_inside_out_are_trusted() {
        for ok in ["sro/2021-05-21", "index.html", "api/v1/bodies/sro/meetings.json"] {
            assert!(inside(ok), "{ok}");
        }
        for bad in ["", "/etc", "../x", "sro/../../x", "./x"] {
            assert!(!inside(bad), "{bad}");
        }
    }
}
