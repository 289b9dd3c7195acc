//! What is at an output path, with symbolic links followed — the way `cp` and the shell's `>` treat a
//! link: the link stays, the file it points to gets the new content.

use std::fs::Metadata;
use std::io;
use std::path::{Path, PathBuf};

/// How many links in a row are followed before giving up, as the kernel does (`ELOOP`).
const MAX_LINKS: usize = 40;

/// The thing an output path names, after following links.
#[derive(Debug)]
pub enum Target {
    /// Nothing there yet: a new file is created.
    New(PathBuf),
    /// A regular file; its metadata gives the mode, owner and link count to keep.
    Regular(PathBuf, Metadata),
    /// A device, FIFO or socket: written to directly, never replaced.
    Special(PathBuf),
    /// A directory: not writable as a file.
    Directory,
}

/// Follows `path` through symbolic links (relative links resolved against the link's directory) and says
/// what is at the end.
pub fn resolve(path: &Path) -> io::Result<Target> {
    let mut path = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Target::New(path)),
            Err(e) => return Err(e),
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            let link = std::fs::read_link(&path)?;
            // `join` with an absolute link replaces the base, as the kernel does.
            path = path.parent().map_or_else(|| link.clone(), |dir| dir.join(&link));
        } else if kind.is_dir() {
            return Ok(Target::Directory);
        } else if kind.is_file() {
            return Ok(Target::Regular(path, meta));
        } else {
            return Ok(Target::Special(path));
        }
    }
    Err(io::Error::other("för många symboliska länkar i rad"))
}

/// The directory a file at `path` lives in ("." for a bare name).
pub fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}
