//! Runs the real checkers on every web rendition of every fixture: the Nu Html Checker and axe-core in
//! headless Chromium (`tools/web/check-pages.mjs`), and Python's `icalendar`, `feedparser` and `email`
//! (`tools/web/check_feeds.py`).
//!
//! A missing tool skips the check with a message, unless `SAMMAN_REQUIRE_TOOLS=1` (CI), which fails it.
//! `SAMMAN_WEB_OUT=DIR` keeps the outputs and screenshots in DIR for a human to look at.

mod web_fixtures;

use std::path::{Path, PathBuf};
use std::process::Command;

use samman_render::{Options, atom, email, html, ics};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn require_tools() -> bool {
    std::env::var("SAMMAN_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
}

/// Skips (returns false) or fails when a tool is missing.
fn available(what: &str, ok: bool) -> bool {
    if !ok {
        assert!(!require_tools(), "{what} is missing and SAMMAN_REQUIRE_TOOLS=1");
        eprintln!("skipping: {what} is missing");
    }
    ok
}

fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Writes every rendition of every fixture into `dir`; returns (pages, calendars, feeds, mails).
fn write_outputs(dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>, Vec<PathBuf>, Vec<PathBuf>) {
    let fixtures = web_fixtures::all();
    let now = jiff::Timestamp::from_second(1_621_843_200).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let options = Options::default();
    let (mut pages, mut cals, mut feeds, mut mails) = (vec![], vec![], vec![], vec![]);
    for (name, meeting, body) in &fixtures {
        let write = |ext: &str, bytes: &[u8]| {
            let path = dir.join(format!("{name}.{ext}"));
            std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            path
        };
        pages.push(write("html", html::render(meeting, body, &options).as_bytes()));
        cals.push(write("ics", ics::render(&[(meeting, body)], &options).as_bytes()));
        feeds.push(write("atom", atom::render(&[meeting], body, &options).as_bytes()));
        mails.push(write("eml", &email::render(meeting, body, &options, now)));
    }
    // One calendar and one feed over several meetings, as the site publishes them.
    let sro: Vec<_> = fixtures.iter().filter(|(_, _, b)| b.id == "sro").collect();
    let pairs: Vec<_> = fixtures.iter().map(|(_, m, b)| (m, b)).collect();
    let all_ics = dir.join("alla.ics");
    let written = std::fs::write(&all_ics, ics::render(&pairs, &options));
    assert!(written.is_ok(), "alla.ics: {written:?}");
    cals.push(all_ics);
    if let Some((_, _, body)) = sro.first() {
        let meetings: Vec<_> = sro.iter().map(|(_, m, _)| m).collect();
        let all_atom = dir.join("sro-alla.atom");
        let written = std::fs::write(&all_atom, atom::render(&meetings, body, &options));
        assert!(written.is_ok(), "sro-alla.atom: {written:?}");
        feeds.push(all_atom);
    }
    (pages, cals, feeds, mails)
}

fn out_dir() -> (Option<tempfile::TempDir>, PathBuf) {
    if let Ok(dir) = std::env::var("SAMMAN_WEB_OUT") {
        let dir = PathBuf::from(dir);
        let made = std::fs::create_dir_all(&dir);
        assert!(made.is_ok(), "{}: {made:?}", dir.display());
        return (None, dir);
    }
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let path = tmp.path().to_path_buf();
    (Some(tmp), path)
}

fn run_checked(mut cmd: Command, what: &str) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(out.status.success(), "{what} failed:\n{stdout}\n{stderr}");
}

#[test]
fn pages_pass_vnu_and_axe() {
    let tools = repo_root().join("tools/web");
    let node_ok = runs("node", &["--version"]);
    let deps = tools.join("node_modules/vnu-jar").exists()
        && tools.join("node_modules/axe-core").exists()
        && tools.join("node_modules/playwright-core").exists();
    let chromium = runs(
        "sh",
        &["-c", "command -v chromium || command -v chromium-browser"],
    );
    if !available("node", node_ok)
        || !available("tools/web/node_modules (npm install in tools/web)", deps)
        || !available("java", runs("java", &["-version"]))
        || !available("chromium", chromium)
    {
        return;
    }
    let (_keep, dir) = out_dir();
    let (pages, ..) = write_outputs(&dir);
    let mut cmd = Command::new("node");
    cmd.arg(tools.join("check-pages.mjs"))
        .arg("--out")
        .arg(dir.join("screenshots"))
        .args(&pages);
    run_checked(cmd, "check-pages.mjs");
}

#[test]
fn feeds_calendars_and_mails_parse() {
    let script = repo_root().join("tools/web/check_feeds.py");
    let python = runs("python3", &["-c", "import icalendar, feedparser"]);
    if !available(
        "python3 with icalendar and feedparser (pip install icalendar feedparser)",
        python,
    ) {
        return;
    }
    let (_keep, dir) = out_dir();
    let (_, cals, feeds, mails) = write_outputs(&dir);
    let mut cmd = Command::new("python3");
    cmd.arg(script);
    for (flag, files) in [("--ics", &cals), ("--atom", &feeds), ("--eml", &mails)] {
        for f in files {
            cmd.arg(flag).arg(f);
        }
    }
    // The subject each message must decode to: the title, its line breaks folded to spaces.
    for (_, meeting, body) in web_fixtures::all() {
        let title = meeting.title(&body);
        cmd.arg("--subject")
            .arg(title.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    run_checked(cmd, "check_feeds.py");
}
