//! `samman load PATH... [--data DIR | --database URL]`: store and publish source files (folders are
//! searched for `.md` files).
//!
//! Each file is one meeting, upserted by body and date in its own transaction: a changed file becomes a
//! new revision, an unchanged one changes nothing. A file that cannot be read or has check errors is
//! refused and named (with its problems); the rest of the batch goes on. Exit 0 when every file was
//! stored, 1 when any was refused. A progress bar shows on a terminal only.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use samman_domain::Bodies;
use samman_source::Format;
use samman_source::check;
use samman_store::Store;

use super::location;
use crate::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Source files, or folders holding them (searched for .md files, sub-folders included).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    location: location::Args,
}

/// What became of one file.
enum Fate {
    Stored,
    Unchanged,
    Refused(String),
}

pub fn run(args: Args, bodies: &Bodies) -> anyhow::Result<Outcome> {
    let files = files(&args.paths)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .context("kan inte starta körmiljön")?;
    runtime.block_on(load(args, files, bodies))
}

async fn load(args: Args, files: Vec<PathBuf>, bodies: &Bodies) -> anyhow::Result<Outcome> {
    let (location, _) = args.location.location();
    let store = samman_store::open(&location)
        .await
        .with_context(|| format!("kan inte öppna databasen ({})", args.location.shown()))?;
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(files.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let (mut stored, mut unchanged, mut refused) = (0, 0, 0);
    for path in &files {
        bar.set_message(path.display().to_string());
        match one(store.as_ref(), path, bodies).await? {
            Fate::Stored => stored += 1,
            Fate::Unchanged => unchanged += 1,
            Fate::Refused(why) => {
                refused += 1;
                bar.suspend(|| eprintln!("samman: vägrade {}: {why}", path.display()));
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    eprintln!(
        "samman: {stored} sparade, {unchanged} oförändrade, {refused} vägrade ({})",
        args.location.shown()
    );
    Ok(if refused > 0 {
        Outcome::Negative
    } else {
        Outcome::Success
    })
}

/// Reads, checks and stores one file. Only a database failure ends the batch (an error).
async fn one(store: &dyn Store, path: &Path, bodies: &Bodies) -> anyhow::Result<Fate> {
    let (loaded, document, meeting) = match read_checked(path, bodies) {
        Ok(read) => read,
        Err(why) => return Ok(Fate::Refused(why)),
    };
    // The store keeps the source format; other forms are stored as the record written in it.
    let source = if document.format == Some(Format::Source) {
        loaded.text
    } else {
        samman_source::format::write(&meeting)
    };
    let saved = store
        .save(location::published(meeting, source, "samman load"))
        .await
        .with_context(|| format!("{}: kunde inte sparas", path.display()))?;
    Ok(if saved.changed {
        Fate::Stored
    } else {
        Fate::Unchanged
    })
}

/// Reads `path` into its meeting and checks it (also `samman build`); `Err` says why it is refused (its
/// check errors with line and column).
pub(crate) fn read_checked(
    path: &Path,
    bodies: &Bodies,
) -> Result<
    (
        samman_source::Loaded,
        samman_source::Document,
        samman_domain::Meeting,
    ),
    String,
> {
    let (loaded, document, meeting) =
        samman_site::load_meeting(path, None, bodies).map_err(|e| e.to_string())?;
    check_errors(path, &document, &loaded.text, bodies)?;
    Ok((loaded, document, meeting))
}

/// The check's errors in a read document, as the reason to refuse it (`Ok`: none).
pub(crate) fn check_errors(
    path: &Path,
    document: &samman_source::Document,
    text: &str,
    bodies: &Bodies,
) -> Result<(), String> {
    let errors = check::errors(document, text, bodies);
    if errors.is_empty() {
        return Ok(());
    }
    let shown = path.display().to_string();
    Err(format!(
        "kontrollen hittade fel\n{}",
        check::render_text(&errors, &shown).trim_end()
    ))
}

/// The files to load: each file given, and every `.md` file under each folder given, in name order.
pub(crate) fn files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut found).with_context(|| format!("{}: kan inte läsa katalogen", path.display()))?;
        } else {
            found.push(path.clone());
        }
    }
    Ok(found)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, found)?;
        } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md")) {
            found.push(path);
        }
    }
    Ok(())
}
