//! `samman build SRC... -o OUT`: the whole public site as static files, from source files instead of a
//! database — the same pages, byte for byte, that `samman serve` answers for the same meetings published.
//!
//! * [`site`] — what is written, through the same seam functions (`samman_site`) the server calls;
//! * [`search`] — the static search: a small pre-built index and a script beside `sok/index.html`;
//! * here — reading and checking the sources (a broken file stops the build, naming it and why), the
//!   manifest that makes a build incremental (a meeting whose inputs did not change is not rendered
//!   again: its files are hard-linked from the previous OUT), and replacing OUT atomically: the site is
//!   built in a sibling directory and swapped in with one `renameat2(RENAME_EXCHANGE)`, so a failed
//!   build leaves the previous OUT untouched and a reader never sees half a site.

mod apply;
mod manifest;
mod place;
mod search;
mod site;

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use samman_domain::{Bodies, Meeting};
use samman_search::{ItemWords, Vocabulary};

use crate::Outcome;
use manifest::{MANIFEST, Manifest, Row};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Source files, or folders holding them (searched for .md files, sub-folders included).
    #[arg(required = true)]
    sources: Vec<PathBuf>,
    /// The folder to write the site to (replaced as a whole when the build succeeds).
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    out: PathBuf,
    /// Write no slide decks (the slowest rendition); the pages still link to them.
    #[arg(long)]
    no_decks: bool,
    /// Write no PDFs; the pages still link to them.
    #[arg(long)]
    no_pdf: bool,
    /// The site's public address (https://…), where feeds, calendars and downloads link to: the same as
    /// `serve --base-url` for the same bytes. Default: $SAMMAN_BASE_URL, else links stay relative.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

/// One meeting of the build.
pub struct Source {
    pub path: PathBuf,
    /// Its directory in OUT ("sro/2021-05-21").
    pub dir: String,
    /// The source file's last change (unix seconds), for the API's `modified`.
    pub modified: i64,
    /// What the lists need of it (from the manifest when its source did not change).
    pub row: Row,
    /// The meeting itself, when it was read in this build: every changed one, and the newest that
    /// the start page, the calendar and the feeds show in full.
    pub meeting: Option<Meeting>,
    /// Whether its files are rendered in this build (new or changed since the previous one).
    pub changed: bool,
}

/// What one build did, for the closing line.
#[derive(Debug, Default)]
pub struct Counts {
    pub rendered: usize,
    pub reused: usize,
}

pub fn run(args: Args, bodies: &Bodies) -> anyhow::Result<Outcome> {
    let mut site = samman_site::Site::new(bodies.clone());
    site.options.site_root = crate::config::site_address(args.base_url.clone())?;
    let files = super::load::files(&args.sources)?;
    let out = absolute(&args.out)?;
    let parent = out
        .parent()
        .context("OUT kan inte vara filsystemets rot")?
        .to_path_buf();
    std::fs::create_dir_all(&parent).with_context(|| format!("{}: kan inte skapas", parent.display()))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stage = tempfile::Builder::new()
        .prefix(&format!(".{name}.bygge-"))
        .tempdir_in(&parent)
        .with_context(|| format!("{}: kan inte skriva här", parent.display()))?;
    place::spread(stage.path());
    refuse_foreign(&out)?;
    let flags = format!(
        "decks={} pdf={} base={:?}",
        !args.no_decks, !args.no_pdf, site.options.site_root
    );
    let setup = manifest::setup(&site, &flags);
    // With a usable previous build, only what changed is rendered and put into OUT in place;
    // without one, the whole site is built beside OUT and swapped in.
    let previous = if out.is_dir() {
        Manifest::previous(&out, &setup)
    } else {
        None
    };
    let bar = progress(files.len() as u64 * 2);
    bar.set_message("läser källfilerna");
    let (mut sources, vocabulary) = read(&files, &site, previous.as_ref(), &out, &setup, &bar)?;
    // The store's order: newest date first, then body.
    sources.sort_by(|a, b| {
        b.row
            .date
            .cmp(&a.row.date)
            .then_with(|| a.row.body.cmp(&b.row.body))
    });
    read_newest(&mut sources, &site)?;
    bar.set_message("skriver webbplatsen");
    let options = site::Options {
        decks: !args.no_decks,
        pdf: !args.no_pdf,
    };
    // The lists need only the rows: written beside the meetings, so that no worker waits at the end.
    let (counts, lists) = rayon::join(
        || site::meetings(&site, &sources, stage.path(), options, &bar),
        || site::lists(&site, &sources, vocabulary.words(), stage.path()),
    );
    let counts = counts?;
    let mut manifest = Manifest::new(setup);
    manifest.lists = lists?;
    manifest.meetings = sources.iter().map(|s| (s.dir.clone(), s.row.clone())).collect();
    manifest.words = vocabulary.words().to_vec();
    bar.finish_and_clear();
    match previous {
        Some(previous) => apply::apply(stage, &out, &sources, &previous, &manifest)?,
        None => {
            manifest.write(stage.path())?;
            swap(stage, &out)?;
        }
    }
    eprintln!(
        "samman: {} möten, {} renderade, {} oförändrade — webbplatsen finns i {}",
        sources.len(),
        counts.rendered,
        counts.reused,
        args.out.display()
    );
    // The process ends with this command: its memory goes back to the system at once, so the meetings'
    // and words' allocations (about a million for 10,000 meetings) are not freed one by one first.
    std::mem::forget((sources, vocabulary, manifest));
    Ok(Outcome::Success)
}

fn progress(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    std::path::absolute(path).with_context(|| format!("{}: ogiltig sökväg", path.display()))
}

/// Reads every file in parallel. One whose bytes the previous build rendered with the same setup keeps
/// its row from the manifest and is not parsed or checked again; any other is read and checked as
/// `samman load` does. The first broken file (in name order) stops the build with its name and why; so
/// do two files for one body and date.
fn read(
    files: &[PathBuf],
    site: &samman_site::Site,
    previous: Option<&Manifest>,
    out: &Path,
    setup: &str,
    bar: &ProgressBar,
) -> anyhow::Result<(Vec<Source>, Vocabulary)> {
    let known: HashMap<&str, (&String, &Row)> = previous
        .map(|m| {
            m.meetings
                .iter()
                .map(|(dir, row)| (row.key.as_str(), (dir, row)))
                .collect()
        })
        .unwrap_or_default();
    // The previous build's words keep their numbers, so its rows stay valid; a new word is stemmed once.
    let vocabulary = Mutex::new(Vocabulary::from_words(
        previous.map(|m| m.words.clone()).unwrap_or_default(),
    ));
    let read: Vec<Result<Source, String>> = files
        .par_iter()
        .map(|path| {
            // Most reasons name the file already (with line and column).
            let refuse = |why: String| {
                let shown = path.display().to_string();
                if why.contains(&shown) {
                    why
                } else {
                    format!("{shown}: {why}")
                }
            };
            let (bytes, modified) = samman_source::input::read_dated(path).map_err(|e| e.to_string())?;
            let key = manifest::key(setup, &bytes);
            bar.inc(1);
            // Reused only if its page is still there (not removed by hand, nor half replaced).
            if let Some((dir, row)) = known.get(key.as_str())
                && out
                    .join(dir)
                    .join(samman_site::Rendition::Html.file_name())
                    .is_file()
            {
                return Ok(Source {
                    path: path.clone(),
                    dir: (*dir).clone(),
                    modified,
                    row: (*row).clone(),
                    meeting: None,
                    changed: false,
                });
            }
            let (loaded, document, meeting) = samman_site::meeting_of_read(path, &bytes, &site.bodies)
                .map_err(|e| refuse(e.to_string()))?;
            super::load::check_errors(path, &document, &loaded.text, &site.bodies).map_err(refuse)?;
            // Numbered under the lock once per meeting (each distinct word once); found outside it.
            let numbered = {
                let words = ItemWords::of(&meeting.items);
                let mut vocabulary = vocabulary.lock().unwrap_or_else(|e| e.into_inner());
                vocabulary.number(&words)
            };
            let row = Row {
                key,
                body: meeting.body.clone(),
                date: meeting.date,
                title: meeting.title.clone(),
                items: meeting
                    .items
                    .iter()
                    .zip(numbered)
                    .map(|(item, words)| (item.title.clone(), words))
                    .collect(),
            };
            Ok(Source {
                path: path.clone(),
                dir: site::meeting_dir(&meeting),
                modified,
                row,
                meeting: Some(meeting),
                changed: true,
            })
        })
        .collect();
    let mut sources = Vec::with_capacity(read.len());
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for source in read {
        let source = source.map_err(|why| anyhow::anyhow!("{why}\nOUT lämnades orörd."))?;
        if let Some(first) = seen.insert(source.dir.clone(), source.path.clone()) {
            anyhow::bail!(
                "{}: samma organ och datum ({}) som {}; ett möte per organ och dag\nOUT lämnades orörd.",
                source.path.display(),
                source.dir,
                first.display()
            );
        }
        sources.push(source);
    }
    Ok((
        sources,
        vocabulary.into_inner().unwrap_or_else(|e| e.into_inner()),
    ))
}

/// Reads the unchanged meetings that lists show in full (the start page's and calendar's newest, each
/// feed's newest). They passed the check when their source last changed.
fn read_newest(sources: &mut [Source], site: &samman_site::Site) -> anyhow::Result<()> {
    let wanted = site::shown_in_full(sources);
    sources
        .par_iter_mut()
        .enumerate()
        .filter(|(i, s)| s.meeting.is_none() && wanted.contains(i))
        .try_for_each(|(_, s)| {
            let (_, _, meeting) = samman_site::load_meeting(&s.path, None, &site.bodies)
                .map_err(|e| anyhow::anyhow!("{e}\nOUT lämnades orörd."))?;
            s.meeting = Some(meeting);
            Ok(())
        })
}

/// OUT is replaced as a whole: refuse a non-empty directory that no build wrote (it has no manifest),
/// so a mistyped `-o ~` never removes someone's files.
fn refuse_foreign(out: &Path) -> anyhow::Result<()> {
    let Ok(mut entries) = std::fs::read_dir(out) else {
        if out.exists() {
            anyhow::bail!(
                "{}: finns och är ingen katalog; välj en ny katalog för webbplatsen",
                out.display()
            );
        }
        return Ok(());
    };
    if entries.next().is_some() && !out.join(MANIFEST).exists() {
        anyhow::bail!(
            "{}: katalogen är inte tom och inte skriven av samman build (saknar {MANIFEST}); \
             välj en tom eller ny katalog, den ersätts helt",
            out.display()
        );
    }
    Ok(())
}

/// Puts the finished `temp` in OUT's place in one step and removes the previous site.
fn swap(temp: tempfile::TempDir, out: &Path) -> anyhow::Result<()> {
    let built = temp.path().to_path_buf();
    let fail = |e: std::io::Error| anyhow::anyhow!("{}: kan inte ersättas ({e})", out.display());
    if !out.exists() {
        std::fs::rename(&built, out).map_err(fail)?;
        let _ = temp.keep();
        return Ok(());
    }
    // On failure `temp` is dropped: the new site is removed and OUT is as it was.
    apply::exchange(&built, out).map_err(fail)?;
    // `temp` now holds the previous site.
    temp.close()
        .with_context(|| format!("{}: den förra webbplatsen kunde inte tas bort", built.display()))
}
