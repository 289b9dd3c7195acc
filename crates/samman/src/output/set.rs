//! Writing several files into one directory as one change (`render --all`), and the directory lock every
//! file write takes.
//!
//! The set is staged completely (every file written and synced under its hidden stage name), then a
//! journal `.samman-commit-PID` listing the renames is written and synced, then the stages are renamed
//! into place one by one and the journal removed. A run killed before the journal exists leaves the old
//! set (its stages are swept); a run killed during the renames leaves a journal, and the next run that
//! writes into the directory finishes the renames before doing anything else — so the directory holds one
//! whole set or the other, never a mix, once anyone looks with samman again.
//!
//! Concurrent runs are serialised with `flock` on the directory itself: the lock is held from before the
//! recovery until the journal is gone, so two meetings rendered into one directory at once end as the
//! complete set of whichever finished last. (A reader that is not samman — a web server — can see a mix
//! for the microseconds of the renames; swapping whole directories with `RENAME_EXCHANGE` would avoid that,
//! but would also throw away anything else kept in the directory and pull it from under a shell that `cd`'d
//! into it, which is worse for the `-o .` a user types.)

use std::ffi::OsStr;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use rustix::fs::FlockOperation;

use super::staged::{self, Staged};

/// The journal's name prefix; its suffix is the PID of the run that wrote it.
const JOURNAL: &str = ".samman-commit-";

/// An exclusive lock on a directory, released on drop (and by the kernel if the process dies).
#[derive(Debug)]
pub struct DirLock {
    _dir: Option<File>,
}

impl DirLock {
    /// Waits for the lock on `dir`, then finishes any set a killed run left half-renamed and removes
    /// stages of dead runs. A directory we cannot open for reading is written without the lock.
    pub fn take(dir: &Path) -> io::Result<DirLock> {
        let file = match File::open(dir) {
            Ok(file) => {
                rustix::fs::flock(&file, FlockOperation::LockExclusive)?;
                Some(file)
            }
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => None,
            Err(e) => return Err(e),
        };
        recover(dir)?;
        staged::sweep(dir);
        Ok(DirLock { _dir: file })
    }
}

/// Commits staged files as one change in `dir` (whose lock the caller holds).
pub fn commit_all(dir: &Path, mut stages: Vec<Staged>) -> io::Result<()> {
    let mut journal = Vec::new();
    for stage in &mut stages {
        let tmp = stage.name()?.to_path_buf();
        for path in [&tmp, &stage.target().to_path_buf()] {
            journal.extend_from_slice(path.as_os_str().as_bytes());
            journal.push(0);
        }
    }
    let journal_path = dir.join(format!("{JOURNAL}{}", std::process::id()));
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&journal_path)?;
    file.write_all(&journal)?;
    file.sync_all()?;
    sync_dir(dir)?;
    for stage in stages {
        stage.commit()?;
    }
    sync_dir(dir)?;
    std::fs::remove_file(&journal_path)
}

/// Finishes the renames of every journal in `dir`: under the lock, any journal is a dead run's.
fn recover(dir: &Path) -> io::Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        if !entry.file_name().as_bytes().starts_with(JOURNAL.as_bytes()) {
            continue;
        }
        let journal = std::fs::read(entry.path())?;
        let paths: Vec<PathBuf> = journal
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| PathBuf::from(OsStr::from_bytes(p)))
            .collect();
        for pair in paths.chunks_exact(2) {
            // A stage already renamed is gone; only the rest move.
            if pair[0].exists() {
                std::fs::rename(&pair[0], &pair[1])?;
            }
        }
        sync_dir(dir)?;
        std::fs::remove_file(entry.path())?;
    }
    Ok(())
}

/// Makes renames in `dir` durable.
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}
