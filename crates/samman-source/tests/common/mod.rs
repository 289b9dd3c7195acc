//! Helpers shared by the import tests.
#![allow(dead_code)]

use std::path::PathBuf;

use samman_domain::Bodies;
use samman_source::Document;

/// The repository root (two levels above this crate).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The shipped bodies configuration.
pub fn bodies() -> Bodies {
    let text = std::fs::read_to_string(repo_root().join("config/bodies.toml")).expect("config/bodies.toml");
    Bodies::from_toml(&text).expect("valid bodies")
}

/// The shipped bodies plus the test bodies of `fixtures/bodies.toml`.
pub fn all_bodies() -> Bodies {
    let mut all = bodies();
    let text =
        std::fs::read_to_string(repo_root().join("fixtures/bodies.toml")).expect("fixtures/bodies.toml");
    all.bodies
        .extend(Bodies::from_toml(&text).expect("valid fixture bodies").bodies);
    all
}

/// The notes as "line:column code: message" lines, for snapshots.
pub fn notes_of(doc: &Document) -> Vec<String> {
    doc.notes
        .iter()
        .map(|n| format!("{} {}: {}", n.pos, n.code, n.message))
        .collect()
}
