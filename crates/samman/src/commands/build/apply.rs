//! An incremental build put into OUT in place. Everything was read, checked and rendered into the
//! staging directory before this (a broken source stopped the build there, OUT untouched); here only
//! renames happen, each one atomic, in an order that never leaves a list linking to a meeting that is
//! not there:
//!
//! 1. the manifest forgets every meeting about to be replaced (should this stop half way, the next build
//!    renders those again instead of trusting what it finds);
//! 2. each changed or new meeting's directory is exchanged with the one in OUT (`renameat2
//!    RENAME_EXCHANGE`), and its API file renamed over the old one;
//! 3. each list (start page, body pages, feeds, calendar, the API's lists, the search) renamed over the
//!    old one;
//! 4. the meetings whose source is gone, and the lists no longer written, are removed;
//! 5. the new manifest is renamed in; the replaced directories are removed with the staging directory.
//!
//! A reader of OUT sees every file whole, old or new, and every meeting directory whole; for the moment
//! between the first rename and the last, a list may be older than a meeting page beside it.

use std::collections::HashSet;
use std::path::Path;

use anyhow::Context;

use super::Source;
use super::manifest::Manifest;

pub fn apply(
    stage: tempfile::TempDir,
    out: &Path,
    sources: &[Source],
    previous: &Manifest,
    manifest: &Manifest,
) -> anyhow::Result<()> {
    let staged = stage.path().to_path_buf();
    let changed: Vec<&Source> = sources.iter().filter(|s| s.changed).collect();
    let current: HashSet<&str> = sources.iter().map(|s| s.dir.as_str()).collect();
    let lists: HashSet<&String> = manifest.lists.iter().collect();
    let stale_lists: Vec<&String> = previous.lists.iter().filter(|l| !lists.contains(l)).collect();
    let removed: Vec<(&String, &super::manifest::Row)> = previous
        .meetings
        .iter()
        .filter(|(dir, _)| !current.contains(dir.as_str()))
        .collect();

    // 1. Until this build is in, the replaced meetings are not to be trusted; the removed ones and the
    // previous lists stay listed, so that the next build still removes them.
    if !changed.is_empty() {
        let replaced: HashSet<&str> = changed.iter().map(|s| s.dir.as_str()).collect();
        let mut lists = manifest.lists.clone();
        lists.extend(stale_lists.iter().map(|l| (*l).clone()));
        let interim = Manifest {
            format: manifest.format,
            setup: manifest.setup.clone(),
            words: manifest.words.clone(),
            lists,
            meetings: previous
                .meetings
                .iter()
                .filter(|(dir, _)| !replaced.contains(dir.as_str()))
                .map(|(dir, row)| (dir.clone(), row.clone()))
                .collect(),
        };
        interim.write(out)?;
    }
    // 2. The changed meetings.
    for s in &changed {
        let target = out.join(&s.dir);
        let from = staged.join(&s.dir);
        if target.exists() {
            exchange(&from, &target).map_err(|e| replace_failed(&target, e))?;
        } else {
            move_in(&from, &target)?;
        }
        let api = super::site::api_file(s);
        move_in(&staged.join(&api), &out.join(&api))?;
    }
    // 3. The lists.
    for list in &manifest.lists {
        move_in(&staged.join(list), &out.join(list))?;
    }
    // 4. What is no longer part of the site.
    for (dir, row) in &removed {
        let path = out.join(dir);
        if path.exists() {
            std::fs::remove_dir_all(&path).map_err(|e| replace_failed(&path, e))?;
        }
        remove_file(&out.join(super::site::api_path(&row.body, row.date)))?;
    }
    for list in stale_lists {
        remove_file(&out.join(list))?;
    }
    // A directory left empty goes too (a body's, its API directory); one still holding something stays.
    for (dir, row) in &removed {
        let meeting = out.join(dir);
        let api = out.join(super::site::api_path(&row.body, row.date));
        let parents = [
            meeting.parent(),
            api.parent(),
            api.parent().and_then(Path::parent),
        ];
        for empty in parents.into_iter().flatten() {
            let _ = std::fs::remove_dir(empty);
        }
    }
    // 5. The manifest, then the replaced directories.
    manifest.write(out)?;
    stage
        .close()
        .with_context(|| format!("{}: kunde inte tas bort", staged.display()))
}

fn replace_failed(path: &Path, e: std::io::Error) -> anyhow::Error {
    anyhow::anyhow!("{}: kan inte ersättas ({e})", path.display())
}

/// Renames `from` to `to` (replacing a file there), creating `to`'s directory.
fn move_in(from: &Path, to: &Path) -> anyhow::Result<()> {
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("{}: kan inte skapas", dir.display()))?;
    }
    std::fs::rename(from, to).map_err(|e| replace_failed(to, e))
}

fn remove_file(path: &Path) -> anyhow::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(replace_failed(path, e)),
        _ => Ok(()),
    }
}

/// Exchanges `a` and `b` in one step (`renameat2(RENAME_EXCHANGE)`). On a file system without the
/// exchange, two renames: `b` is missing for the moment between them.
pub fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    let exchanged = rustix::fs::renameat_with(
        rustix::fs::CWD,
        a,
        rustix::fs::CWD,
        b,
        rustix::fs::RenameFlags::EXCHANGE,
    );
    match exchanged {
        Ok(()) => Ok(()),
        Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS | rustix::io::Errno::OPNOTSUPP) => {
            let aside = a.with_extension("förra");
            std::fs::rename(b, &aside)?;
            if let Err(e) = std::fs::rename(a, b) {
                let _ = std::fs::rename(&aside, b);
                return Err(e);
            }
            std::fs::rename(&aside, a)
        }
        Err(e) => Err(e.into()),
    }
}
