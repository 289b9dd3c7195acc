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

mod search;
mod site;

use std::collections::{BTreeMap, HashMap};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use samman_domain::{Bodies, Meeting};
use sha2::{Digest, Sha256};

use crate::Outcome;

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
}

/// The manifest's file name in OUT: what each meeting's directory was rendered from.
pub const MANIFEST: &str = ".samman-bygge.json";

/// One meeting read from a source file.
pub struct Source {
    pub path: PathBuf,
    pub meeting: Meeting,
    /// The source file's last change (unix seconds), for the API's `modified`.
    pub modified: i64,
    /// What its directory's files are rendered from: source, body, options, version.
    pub key: String,
}

/// What one build did, for the closing line.
#[derive(Debug, Default)]
pub struct Counts {
    pub rendered: usize,
    pub reused: usize,
}

pub fn run(args: Args, bodies: &Bodies) -> anyhow::Result<Outcome> {
    let site = samman_site::Site::new(bodies.clone());
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
    let temp = tempfile::Builder::new()
        .prefix(&format!(".{name}.bygge-"))
        .tempdir_in(&parent)
        .with_context(|| format!("{}: kan inte skriva här", parent.display()))?;
    refuse_foreign(&out)?;
    let previous = previous_manifest(&out);
    let bar = progress(files.len() as u64 * 2);
    bar.set_message("läser källfilerna");
    let mut sources = read(&files, &site, &args, &previous, &bar)?;
    // The store's order: newest date first, then body.
    sources.sort_by(|a, b| {
        b.meeting
            .date
            .cmp(&a.meeting.date)
            .then_with(|| a.meeting.body.cmp(&b.meeting.body))
    });
    bar.set_message("skriver webbplatsen");
    let options = site::Options {
        decks: !args.no_decks,
        pdf: !args.no_pdf,
    };
    let counts = site::write(&site, &sources, temp.path(), &out, &previous, options, &bar)?;
    let manifest: BTreeMap<String, String> = sources
        .iter()
        .map(|s| (site::meeting_dir(&s.meeting), s.key.clone()))
        .collect();
    let manifest = serde_json::to_string_pretty(&manifest)?;
    std::fs::write(temp.path().join(MANIFEST), manifest + "\n")?;
    bar.finish_and_clear();
    swap(temp, &out)?;
    eprintln!(
        "samman: {} möten, {} renderade, {} oförändrade — webbplatsen finns i {}",
        sources.len(),
        counts.rendered,
        counts.reused,
        args.out.display()
    );
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

/// Reads and checks every file in parallel (a file the previous build checked with the same inputs is not
/// checked again). The first broken file (in name order) stops the build with its name and why; so do
/// two files for one body and date.
fn read(
    files: &[PathBuf],
    site: &samman_site::Site,
    args: &Args,
    previous: &HashMap<String, String>,
    bar: &ProgressBar,
) -> anyhow::Result<Vec<Source>> {
    let version = env!("CARGO_PKG_VERSION");
    let flags = format!("decks={} pdf={}", !args.no_decks, !args.no_pdf);
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
            let (loaded, document, meeting) =
                samman_site::load_meeting(path, None, &site.bodies).map_err(|e| refuse(e.to_string()))?;
            let modified = std::fs::metadata(path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_secs() as i64);
            let mut hash = Sha256::new();
            for part in [
                version,
                &flags,
                &site.name,
                &format!("{:?}", site.body(&meeting.body)),
                &loaded.text,
            ] {
                hash.update(part.len().to_le_bytes());
                hash.update(part.as_bytes());
            }
            let key = format!("{:x}", hash.finalize());
            // The same text with the same bodies and version passed the check in the previous build.
            if previous.get(&site::meeting_dir(&meeting)) != Some(&key) {
                super::load::check_errors(path, &document, &loaded.text, &site.bodies).map_err(refuse)?;
            }
            bar.inc(1);
            Ok(Source {
                path: path.clone(),
                meeting,
                modified,
                key,
            })
        })
        .collect();
    let mut sources = Vec::with_capacity(read.len());
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for source in read {
        let source = source.map_err(|why| anyhow::anyhow!("{why}\nOUT lämnades orörd."))?;
        let dir = site::meeting_dir(&source.meeting);
        if let Some(first) = seen.insert(dir.clone(), source.path.clone()) {
            anyhow::bail!(
                "{}: samma organ och datum ({dir}) som {}; ett möte per organ och dag\nOUT lämnades orörd.",
                source.path.display(),
                first.display()
            );
        }
        sources.push(source);
    }
    Ok(sources)
}

/// The previous build's manifest in OUT (empty when there is none or it cannot be read: all is rendered).
fn previous_manifest(out: &Path) -> HashMap<String, String> {
    std::fs::read_to_string(out.join(MANIFEST))
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
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
    let exchanged = rustix::fs::renameat_with(
        rustix::fs::CWD,
        &built,
        rustix::fs::CWD,
        out,
        rustix::fs::RenameFlags::EXCHANGE,
    );
    match exchanged {
        // `temp` now holds the previous site.
        Ok(()) => temp
            .close()
            .with_context(|| format!("{}: den förra webbplatsen kunde inte tas bort", built.display())),
        // A file system without the exchange: two renames, OUT missing for the moment between them.
        Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS | rustix::io::Errno::OPNOTSUPP) => {
            let previous = built.with_extension("förra");
            std::fs::rename(out, &previous).map_err(fail)?;
            if let Err(e) = std::fs::rename(&built, out) {
                let _ = std::fs::rename(&previous, out);
                return Err(fail(e));
            }
            std::fs::remove_dir_all(&previous).with_context(|| {
                format!(
                    "{}: den förra webbplatsen kunde inte tas bort",
                    previous.display()
                )
            })
        }
        // `temp` is dropped: the new site is removed and OUT is as it was.
        Err(e) => Err(fail(e.into())),
    }
}
