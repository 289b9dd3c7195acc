//! `samman import DIR -o OUTDIR`: a whole archive of existing summaries migrated in one run.
//!
//! Every deck, Markdown export, page text and HTML page under DIR is read in parallel (rayon, with a
//! progress bar on a terminal). Inputs of the same body and date are one meeting: its source file is
//! written from the most structured input (source, then deck, then page), and every other input of that
//! meeting is diffed against it. `rapport.json` and `rapport.txt` (Swedish) say for each input whether it
//! was imported, imported with check findings (listed), or refused (and why), and where two inputs of one
//! meeting disagree. One broken input never stops the rest.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use rayon::prelude::*;
use samman_domain::{Bodies, Meeting};
use samman_source::{Document, Format, Loaded, check, diff};
use serde_json::{Value, json};

use crate::Outcome;
use crate::output::{self, Durability};

/// File name endings taken as inputs (`.ppt` only to be refused with its reason).
const EXTENSIONS: [&str; 8] = ["pptx", "ppt", "md", "markdown", "txt", "html", "htm", "odp"];

/// One input as read.
struct Read {
    /// Path relative to the archive root, as shown.
    shown: String,
    result: Result<Imported, String>,
}

struct Imported {
    loaded: Loaded,
    document: Document,
    meeting: Meeting,
    problems: Vec<check::Problem>,
}

/// Imports every input under `root` into `out_dir`.
pub fn run(
    root: &Path,
    out_dir: &Path,
    from: Option<super::From>,
    bodies: &Bodies,
) -> anyhow::Result<Outcome> {
    let inputs = inputs(root, out_dir)?;
    if inputs.is_empty() {
        bail!(
            "{}: inga filer att importera (.pptx, .md, .txt, .html)",
            root.display()
        );
    }
    let progress = progress_bar(inputs.len() as u64);
    let reads: Vec<Read> = inputs
        .par_iter()
        .map(|path| {
            let shown = path.strip_prefix(root).unwrap_or(path).display().to_string();
            let result = read_one(path, from, bodies);
            progress.inc(1);
            Read { shown, result }
        })
        .collect();
    progress.finish_and_clear();

    // Meetings by body and date; each input's meeting file name.
    let mut meetings: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, read) in reads.iter().enumerate() {
        if let Ok(imported) = &read.result {
            meetings.entry(file_name(&imported.meeting)).or_default().push(i);
        }
    }
    let mut meeting_reports = Vec::new();
    for (file, members) in &mut meetings {
        members.sort_by_key(|&i| (rank(&reads[i]), reads[i].shown.clone()));
        let Some(&primary) = members.first() else { continue };
        let Ok(main) = &reads[primary].result else {
            continue;
        };
        let source = samman_source::format::write(&main.meeting);
        output::write_file(&out_dir.join(file), source.as_bytes(), Durability::Synced)?;
        let disagreements: Vec<(String, diff::Diff)> = members[1..]
            .iter()
            .filter_map(|&i| {
                let other = reads[i].result.as_ref().ok()?;
                let d = diff::diff_texts(
                    &main.document,
                    &main.loaded.text,
                    &other.document,
                    &other.loaded.text,
                    bodies,
                );
                (!d.is_empty()).then(|| (reads[i].shown.clone(), d))
            })
            .collect();
        meeting_reports.push((file.clone(), primary, members.clone(), disagreements));
    }

    let report = json_report(&reads, &meetings, &meeting_reports);
    let text = text_report(root, &reads, &meetings, &meeting_reports);
    output::write_file(
        &out_dir.join("rapport.json"),
        serde_json::to_string_pretty(&report)?.as_bytes(),
        Durability::Synced,
    )?;
    output::write_file(&out_dir.join("rapport.txt"), text.as_bytes(), Durability::Synced)?;
    let refused = reads.iter().filter(|r| r.result.is_err()).count();
    eprintln!(
        "samman: {} filer lästa, {} möten skrivna till {}, {refused} avvisade; se {}",
        reads.len(),
        meetings.len(),
        out_dir.display(),
        out_dir.join("rapport.txt").display()
    );
    Ok(if refused > 0 {
        Outcome::Negative
    } else {
        Outcome::Success
    })
}

/// The input files under `root`, sorted, skipping hidden entries and the output directory.
fn inputs(root: &Path, out_dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let out_dir = out_dir.canonicalize().ok();
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
            let is_out = out_dir
                .as_ref()
                .is_some_and(|o| e.path().canonicalize().is_ok_and(|p| &p == o));
            !hidden && !is_out
        });
    for entry in walker {
        let entry = entry.with_context(|| format!("{}: kan inte läsa katalogen", root.display()))?;
        let wanted = entry.file_type().is_file()
            && entry
                .path()
                .extension()
                .is_some_and(|e| EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str()));
        if wanted {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

fn read_one(path: &Path, from: Option<super::From>, bodies: &Bodies) -> Result<Imported, String> {
    let (loaded, document, meeting) =
        super::load_meeting(path, from, bodies).map_err(|e| format!("{e:#}"))?;
    let mut problems = check::check(&document, &loaded.text, bodies);
    for p in &mut problems {
        loaded.localise(&mut p.message);
    }
    Ok(Imported {
        loaded,
        document,
        meeting,
        problems,
    })
}

fn progress_bar(len: u64) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} filer ({eta} kvar)") {
        bar.set_style(style);
    }
    bar
}

/// Which input of a meeting its source file is written from: the most structured form first.
fn rank(read: &Read) -> usize {
    let format = read.result.as_ref().ok().and_then(|i| i.document.format);
    match format {
        Some(Format::Source) => 0,
        Some(Format::Pptx) => 1,
        Some(Format::DeckMarkdown) => 2,
        Some(Format::PageHtml) => 3,
        Some(Format::PageText) => 4,
        None => 5,
    }
}

/// "sro-2021-05-21.md": the body's id (letters and digits, the rest as "-") and the date.
fn file_name(meeting: &Meeting) -> String {
    let body: String = meeting
        .body
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let body = body
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!(
        "{}-{}.md",
        if body.is_empty() { "okänt" } else { &body },
        meeting.date
    )
}

type MeetingReport = (String, usize, Vec<usize>, Vec<(String, diff::Diff)>);

fn status(read: &Read) -> &'static str {
    match &read.result {
        Err(_) => "refused",
        Ok(i) if i.problems.is_empty() => "imported",
        Ok(_) => "imported-with-findings",
    }
}

fn json_report(reads: &[Read], meetings: &BTreeMap<String, Vec<usize>>, reports: &[MeetingReport]) -> Value {
    let meeting_of = |i: usize| {
        meetings
            .iter()
            .find(|(_, m)| m.contains(&i))
            .map(|(f, _)| f.clone())
    };
    let inputs: Vec<Value> = reads
        .iter()
        .enumerate()
        .map(|(i, read)| match &read.result {
            Err(reason) => json!({"file": read.shown, "status": "refused", "reason": reason}),
            Ok(imported) => json!({
                "file": read.shown,
                "status": status(read),
                "form": imported.document.format.map(Format::name),
                "meeting": meeting_of(i),
                "findings": imported.problems.iter().map(|p| json!({
                    "code": p.code,
                    "severity": p.severity.as_str(),
                    "message": p.message,
                    "place": imported.loaded.place(p.pos),
                })).collect::<Vec<_>>(),
            }),
        })
        .collect();
    let meetings: Vec<Value> = reports
        .iter()
        .map(|(file, primary, members, disagreements)| {
            json!({
                "file": file,
                "written_from": reads[*primary].shown,
                "inputs": members.iter().map(|&i| reads[i].shown.clone()).collect::<Vec<_>>(),
                "disagreements": disagreements.iter().map(|(with, d)| json!({
                    "input": with,
                    "diff": diff::to_json(d),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let count = |s: &str| reads.iter().filter(|r| status(r) == s).count();
    json!({
        "summary": {
            "inputs": reads.len(),
            "imported": count("imported"),
            "imported_with_findings": count("imported-with-findings"),
            "refused": count("refused"),
            "meetings": reports.len(),
        },
        "inputs": inputs,
        "meetings": meetings,
    })
}

fn text_report(
    root: &Path,
    reads: &[Read],
    meetings: &BTreeMap<String, Vec<usize>>,
    reports: &[MeetingReport],
) -> String {
    let mut out = String::new();
    let count = |s: &str| reads.iter().filter(|r| status(r) == s).count();
    let _ = writeln!(
        out,
        "Import av {}: {} filer, {} möten.\nImporterade: {}. Importerade med anmärkningar: {}. Avvisade: {}.\n",
        root.display(),
        reads.len(),
        reports.len(),
        count("imported"),
        count("imported-with-findings"),
        count("refused"),
    );
    let meeting_of = |i: usize| {
        meetings
            .iter()
            .find(|(_, m)| m.contains(&i))
            .map(|(f, _)| f.as_str())
    };
    for (i, read) in reads.iter().enumerate() {
        match &read.result {
            Err(reason) => {
                let _ = writeln!(out, "{}: avvisad: {reason}", read.shown);
            }
            Ok(imported) => {
                let file = meeting_of(i).unwrap_or("");
                if imported.problems.is_empty() {
                    let _ = writeln!(out, "{} → {file}: importerad", read.shown);
                } else {
                    let _ = writeln!(
                        out,
                        "{} → {file}: importerad med {} anmärkningar",
                        read.shown,
                        imported.problems.len()
                    );
                    for p in &imported.problems {
                        let _ = writeln!(
                            out,
                            "  {}: {}[{}]: {}",
                            imported.loaded.place(p.pos),
                            p.severity.as_str(),
                            p.code,
                            p.message
                        );
                    }
                }
            }
        }
    }
    let shared: Vec<&MeetingReport> = reports.iter().filter(|r| r.2.len() > 1).collect();
    if !shared.is_empty() {
        let _ = writeln!(out, "\nMöten med flera källor:");
        for (file, primary, members, disagreements) in shared {
            let others: Vec<&str> = members[1..].iter().map(|&i| reads[i].shown.as_str()).collect();
            let _ = writeln!(
                out,
                "\n{file}: skriven från {}; även {}",
                reads[*primary].shown,
                others.join(", ")
            );
            if disagreements.is_empty() {
                let _ = writeln!(out, "  Källorna stämmer överens.");
            }
            for (with, d) in disagreements {
                let _ = writeln!(out, "  {with} skiljer sig från {}:", reads[*primary].shown);
                for line in diff::render_text(d, &reads[*primary].shown, with, false).lines() {
                    let _ = writeln!(out, "    {line}");
                }
            }
        }
    }
    out
}
