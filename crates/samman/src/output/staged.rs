//! A file's new content staged beside it before it replaces the old one, and the clean-up of stages a
//! killed run left behind.
//!
//! Where the kernel and file system allow it, the stage is an unnamed `O_TMPFILE`: it has no name until just
//! before the rename, so a run killed while writing (the slow part) leaves nothing in the directory. It is
//! then given the hidden name `.NAME.samman-tmp-PID` with `linkat` and renamed over the target. Stages that
//! still carry a name after a kill (the few microseconds between the link and the rename, or file systems
//! without `O_TMPFILE`) are removed by the next run that writes into the same directory ([`sweep`]), once
//! no process with that PID is alive.
//!
//! A rendition (not synced) replaces an existing target by exchanging the two names and then removing
//! the old file, not by renaming over it: ext4 starts write-back of a file renamed over another
//! (`auto_da_alloc`, its guard for programs that skip the sync), which took longer than rendering a
//! deck. A run killed between the exchange and the removal leaves the old content under the stage's name,
//! swept like any other stage.

use std::ffi::OsStr;
use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use rustix::fs::{AtFlags, CWD, Mode, OFlags, RenameFlags};

/// The marker in every stage's name; [`sweep`] looks for it.
const MARK: &str = ".samman-tmp-";

/// New content for `target`, written to a stage in the target's directory.
#[derive(Debug)]
pub struct Staged {
    file: File,
    target: PathBuf,
    /// The stage's hidden name once it has one (always for a named stage; after [`Staged::name`] for an
    /// unnamed one). Removed on drop unless committed.
    named: Option<PathBuf>,
    tmp: PathBuf,
}

impl Staged {
    /// A stage for `target` in `dir` (the target's directory), holding `bytes`, with the mode and owner of
    /// `like` (the file it replaces) when there is one, synced to disk when `sync`.
    pub fn write(
        dir: &Path,
        target: &Path,
        bytes: &[u8],
        like: Option<&Metadata>,
        sync: bool,
    ) -> io::Result<Staged> {
        let name = target.file_name().unwrap_or(OsStr::new("fil")).to_string_lossy();
        let tmp = dir.join(format!(".{name}{MARK}{}", std::process::id()));
        let (file, named) = match unnamed(dir) {
            Some(file) => (file, None),
            None => {
                // A stage with our PID can only be left from an earlier process that had the same PID.
                let _ = std::fs::remove_file(&tmp);
                // create_new: never follow a link someone planted under the stage's name.
                let file = OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(0o666)
                    .open(&tmp)?;
                (file, Some(tmp.clone()))
            }
        };
        let mut staged = Staged {
            file,
            target: target.to_path_buf(),
            named,
            tmp,
        };
        staged.file.write_all(bytes)?;
        if let Some(old) = like {
            keep_owner_and_mode(&staged.file, old)?;
        }
        if sync {
            staged.file.sync_all()?;
        }
        Ok(staged)
    }

    /// Gives an unnamed stage its hidden name, so that it can be renamed over the target.
    pub fn name(&mut self) -> io::Result<&Path> {
        if self.named.is_none() {
            let _ = std::fs::remove_file(&self.tmp);
            let fd = format!("/proc/self/fd/{}", self.file.as_raw_fd());
            rustix::fs::linkat(CWD, fd.as_str(), CWD, &self.tmp, AtFlags::SYMLINK_FOLLOW)?;
            self.named = Some(self.tmp.clone());
        }
        Ok(&self.tmp)
    }

    /// Where the stage goes.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Replaces the target with the stage without waiting for write-back (see the module documentation).
    /// For stages that were not synced; a set's stages (synced, journalled) use [`Staged::commit`].
    pub fn replace(mut self) -> io::Result<()> {
        self.name()?;
        let exchanged = rustix::fs::renameat_with(CWD, &self.tmp, CWD, &self.target, RenameFlags::EXCHANGE);
        if exchanged.is_err() {
            // No target (or no RENAME_EXCHANGE here): a plain rename has no old file to guard.
            return self.commit();
        }
        // The stage's name now holds the old file.
        if let Err(e) = rustix::fs::unlinkat(CWD, &self.tmp, AtFlags::empty()) {
            // Not a file any more (something put a directory there meanwhile): put it back, keep ours out.
            let _ = rustix::fs::renameat_with(CWD, &self.tmp, CWD, &self.target, RenameFlags::EXCHANGE);
            return Err(e.into());
        }
        self.named = None;
        Ok(())
    }

    /// Replaces the target with the stage in one rename.
    pub fn commit(mut self) -> io::Result<()> {
        self.name()?;
        std::fs::rename(&self.tmp, &self.target)?;
        self.named = None;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(tmp) = self.named.take() {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// An unnamed file in `dir` (`O_TMPFILE`), when the file system supports it and `/proc` lets us link it.
fn unnamed(dir: &Path) -> Option<File> {
    if !Path::new("/proc/self/fd").is_dir() {
        return None;
    }
    let flags = OFlags::WRONLY | OFlags::TMPFILE | OFlags::CLOEXEC;
    let fd = rustix::fs::openat(CWD, dir, flags, Mode::from_raw_mode(0o666)).ok()?;
    Some(File::from(fd))
}

/// Gives the new file the old one's owner (where we may: root, or our own group) and permission bits.
fn keep_owner_and_mode(file: &File, old: &Metadata) -> io::Result<()> {
    let mine = file.metadata()?;
    if (mine.uid(), mine.gid()) != (old.uid(), old.gid()) {
        // Without privilege only the group can change, and only to one of ours; like `cp -p`, carry on
        // with what we may set rather than fail the write.
        if std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid())).is_err() {
            let _ = std::os::unix::fs::fchown(file, None, Some(old.gid()));
        }
    }
    // After chown: changing the owner clears set-id bits, which the old mode may carry.
    file.set_permissions(old.permissions())
}

/// Removes stages in `dir` left by processes that no longer run (killed in the middle of a write).
pub fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = stage_pid(&name) else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && pid != std::process::id() && !alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The PID in a stage's name `.NAME.samman-tmp-PID`, if `name` is one.
pub fn stage_pid(name: &OsStr) -> Option<u32> {
    let name = name.to_str()?;
    let (_, pid) = name.strip_prefix('.')?.rsplit_once(MARK)?;
    pid.parse().ok()
}

/// Whether a process with this PID exists (one we may not signal exists too).
fn alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else {
        return false;
    };
    !matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_names_are_recognised() {
        assert_eq!(stage_pid(OsStr::new(".index.html.samman-tmp-123")), Some(123));
        assert_eq!(stage_pid(OsStr::new("index.html.samman-tmp-123")), None);
        assert_eq!(stage_pid(OsStr::new(".index.html")), None);
    }
}
