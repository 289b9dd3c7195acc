//! Writing outputs the way `cp` and `sed -i` users expect, without ever leaving half a file.
//!
//! * **Standard output** ([`print`], [`write`] with no path or "-"): a reader that closes the pipe
//!   (`samman check … | head -1`) ends the command quietly with exit 0, as ripgrep does ([`PipeClosed`]);
//!   any other failure (a full disk behind `> file`) is an error, exit 2.
//! * **A regular file** is replaced atomically: the new content is staged beside it ([`staged`]), given
//!   the old file's mode and owner, and put in its place in one rename (a rendition: by exchanging the
//!   two names, see [`staged`]). A failed or killed run leaves the old file. The
//!   user's own text ([`Durability::Synced`]: `fmt`, `import`) is synced to disk before the rename, so it
//!   survives a power cut too; a rendition ([`Durability::Renewable`]) is left to the kernel's write-back,
//!   as `cp` and pandoc leave theirs — it can be made again from its source, and the sync took longer than
//!   rendering the whole deck.
//! * **A symbolic link** is followed ([`target`]): the file it points to gets the new content, the link stays.
//! * **A device, FIFO or socket** (`-o /dev/null`, `-o /dev/stdout`, a named pipe) is written to directly;
//!   replacing it with a regular file would break the system (it once replaced `/dev/full`).
//! * **A file with several hard links** is rewritten in place. Renaming would cut it loose from its other
//!   names, which then silently keep the old content — the surprise `sed -i` gives and `cp` does not. We
//!   chose `cp`'s behaviour: whoever made the link wants both names to change. The price is atomicity for
//!   that one file (a run killed during the write leaves it partly written), so the content is fully
//!   rendered before the file is opened, and written with one call.
//! * **Several files into one directory** (`render --all`) change as one set ([`set`]): staged, journalled,
//!   renamed under a lock on the directory; a killed run's set is finished by the next one.
//!
//! Every write into a directory takes that directory's lock, finishes any set a killed run left half
//! done and removes stages of runs that no longer exist, so no `.NAME.samman-tmp-PID` outlives its run.

mod set;
mod staged;
mod target;

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail};
use samman_source::input::describe_io;

use staged::Staged;
use target::Target;

/// The reader of standard output went away. Not a failure: `main` ends quietly with exit 0.
#[derive(Debug)]
pub struct PipeClosed;

impl fmt::Display for PipeClosed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("mottagaren stängde standard ut")
    }
}

impl std::error::Error for PipeClosed {}

/// Says something to the user on standard error. A closed standard error is no reason to fail (or
/// panic, as `eprintln!` does).
pub fn note(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// Whether a written file must survive a power cut as soon as the command has returned. Against a crash
/// or kill of samman itself both are safe: the old file stays until the new one is complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// The user's own text (a formatted or imported source): synced before it replaces the old file.
    Synced,
    /// A rendition, made again from its source at will: not synced.
    Renewable,
}

/// Prints text to standard output (see [`PipeClosed`] for a closed pipe).
pub fn print(text: &str) -> anyhow::Result<()> {
    write_stdout(text.as_bytes())
}

/// Writes `bytes` to `path`, or to standard output when `path` is `None` or "-".
pub fn write(path: Option<&Path>, bytes: &[u8], durability: Durability) -> anyhow::Result<()> {
    match path {
        None => write_stdout(bytes),
        Some(p) if p == Path::new("-") => write_stdout(bytes),
        Some(path) => write_file(path, bytes, durability),
    }
}

fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(PipeClosed.into()),
        Err(e) => bail!("kan inte skriva till standard ut: {}", describe_io(&e)),
    }
}

/// Writes one file (see the module documentation for what each kind of target gets).
pub fn write_file(path: &Path, bytes: &[u8], durability: Durability) -> anyhow::Result<()> {
    let failed = |e: std::io::Error| anyhow!("{}: kan inte skriva: {}", path.display(), describe_io(&e));
    let target = target::resolve(path).map_err(failed)?;
    // Devices and FIFOs are written directly: no stage, so no lock on (or sweep of) `/dev`.
    let _lock = match &target {
        Target::New(path) | Target::Regular(path, _) => {
            Some(set::DirLock::take(&make_parent(path)?).map_err(failed)?)
        }
        Target::Special(_) | Target::Directory => None,
    };
    match stage(target, bytes, durability).map_err(failed)? {
        Pending::Staged(stage) if durability == Durability::Renewable => stage.replace().map_err(failed),
        Pending::Staged(stage) => stage.commit().map_err(failed),
        Pending::Done => Ok(()),
    }
}

/// Writes every `(name, bytes)` into `dir` as one change; returns the paths written.
pub fn write_set(dir: &Path, files: &[(&str, Vec<u8>)]) -> anyhow::Result<Vec<PathBuf>> {
    let failed = |e: std::io::Error| anyhow!("{}: kan inte skriva: {}", dir.display(), describe_io(&e));
    match target::resolve(dir).map_err(failed)? {
        Target::Directory => {}
        Target::New(_) => std::fs::create_dir_all(dir).map_err(failed)?,
        Target::Regular(..) | Target::Special(_) => {
            bail!(
                "{}: finns redan och är ingen katalog; ange en katalog med -o",
                dir.display()
            )
        }
    }
    let _lock = set::DirLock::take(dir).map_err(failed)?;
    let mut stages = Vec::new();
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        let failed = |e: std::io::Error| anyhow!("{}: kan inte skriva: {}", path.display(), describe_io(&e));
        // Targets that cannot be staged (devices, hard-linked files) are written as they come; they are
        // outside the set's atomicity by the user's own arrangement.
        if let Pending::Staged(stage) =
            stage(target::resolve(&path).map_err(failed)?, bytes, Durability::Synced).map_err(failed)?
        {
            stages.push(stage);
        }
        written.push(path);
    }
    set::commit_all(dir, stages).map_err(failed)?;
    Ok(written)
}

/// What is left to do for one target after [`stage`].
enum Pending {
    /// Staged beside the target; commit to replace it.
    Staged(Staged),
    /// Already written (a device or FIFO, or a hard-linked file rewritten in place).
    Done,
}

/// Stages `bytes` for `target`, or writes them directly where replacing is wrong.
fn stage(target: Target, bytes: &[u8], durability: Durability) -> std::io::Result<Pending> {
    let synced = durability == Durability::Synced;
    match target {
        Target::Directory => Err(std::io::ErrorKind::IsADirectory.into()),
        Target::Special(path) => {
            let mut device = std::fs::OpenOptions::new().write(true).open(path)?;
            device.write_all(bytes)?;
            device.flush()?;
            Ok(Pending::Done)
        }
        Target::Regular(path, meta) if std::os::unix::fs::MetadataExt::nlink(&meta) > 1 => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(path)?;
            file.write_all(bytes)?;
            if synced {
                file.sync_all()?;
            }
            Ok(Pending::Done)
        }
        Target::Regular(path, meta) => {
            Staged::write(target::parent_of(&path), &path, bytes, Some(&meta), synced).map(Pending::Staged)
        }
        Target::New(path) => {
            Staged::write(target::parent_of(&path), &path, bytes, None, synced).map(Pending::Staged)
        }
    }
}

/// The directory a file at `path` lives in, created (with its parents) when missing.
fn make_parent(path: &Path) -> anyhow::Result<PathBuf> {
    let dir = target::parent_of(path);
    std::fs::create_dir_all(dir)
        .map_err(|e| anyhow!("{}: kan inte skapa katalogen: {}", dir.display(), describe_io(&e)))?;
    Ok(dir.to_path_buf())
}

#[cfg(test)]
mod tests;
