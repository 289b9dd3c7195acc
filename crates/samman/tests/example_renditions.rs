//! The shipped example through the binary, as a user runs it: `samman render examples/… --all -o DIR`.
//! Every rendition is produced, byte-for-byte the same on a second run, snapshot-tested, and checked with
//! the real tools (python-pptx, LibreOffice, poppler, vnu + axe-core in Chromium, icalendar/feedparser/email).
//!
//! A missing tool skips its check with a message, unless `SAMMAN_REQUIRE_TOOLS=1` (CI), which fails it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn render_all(dir: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_samman"))
        .current_dir(root())
        .args(["render", "examples/sro-2021-05-21.md", "--all", "-o"])
        .arg(dir)
        .output()
        .expect("samman runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("samman-example-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

const FILES: [&str; 7] = [
    "index.html",
    "sammanstallning.pptx",
    "sammanstallning.pdf",
    "nyhetsbrev.eml",
    "kalender.ics",
    "flode.atom",
    "sammanstallning.json",
];

#[test]
fn every_rendition_is_produced_the_same_twice_and_snapshotted() {
    let (a, b) = (temp("a"), temp("b"));
    render_all(&a);
    render_all(&b);
    for name in FILES {
        let (x, y) = (std::fs::read(a.join(name)), std::fs::read(b.join(name)));
        let x = x.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!x.is_empty(), "{name} is empty");
        assert_eq!(Some(&x), y.as_ref().ok(), "{name} differs between two runs");
    }
    insta::assert_snapshot!("example_html", read(&a, "index.html"));
    insta::assert_snapshot!("example_ics", read(&a, "kalender.ics"));
    insta::assert_snapshot!("example_atom", read(&a, "flode.atom"));
    insta::assert_snapshot!("example_eml", read(&a, "nyhetsbrev.eml"));
    insta::assert_snapshot!("example_json", read(&a, "sammanstallning.json"));
    let source = read(&root(), "examples/sro-2021-05-21.md");
    let bodies = samman_domain::Bodies::from_toml(&read(&root(), "config/bodies.toml")).expect("bodies");
    let meeting = samman_source::format::parse_meeting(&source, &bodies).expect("example parses");
    let body = bodies.get("sro").expect("sro");
    insta::assert_snapshot!(
        "example_deck_titles",
        samman_render::pptx::slide_titles(&meeting, body).join("\n")
    );
}

fn require_tools() -> bool {
    std::env::var("SAMMAN_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
}

/// Runs a checker; a missing program skips (or fails under SAMMAN_REQUIRE_TOOLS=1).
fn check(what: &str, program: &str, args: &[&str], dir: &Path) {
    match Command::new(program).args(args).current_dir(dir).output() {
        Err(e) => {
            assert!(
                !require_tools(),
                "{what}: {program} is missing ({e}) and SAMMAN_REQUIRE_TOOLS=1"
            );
            eprintln!("skipping {what}: {program} is missing");
        }
        Ok(out) => {
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            let missing_module = text.contains("ModuleNotFoundError") || text.contains("Cannot find package");
            if missing_module && !require_tools() {
                eprintln!("skipping {what}: {text}");
                return;
            }
            assert!(out.status.success(), "{what} failed:\n{text}");
        }
    }
}

#[test]
fn the_example_passes_the_real_tools() {
    let dir = temp("tools");
    render_all(&dir);
    let tools = root().join("tools");
    let path = |p: PathBuf| p.display().to_string();
    check(
        "python-pptx",
        "python3",
        &[&path(tools.join("pptx/check_deck.py")), "sammanstallning.pptx"],
        &dir,
    );
    check(
        "LibreOffice",
        "soffice",
        &[
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            "lo",
            "sammanstallning.pptx",
        ],
        &dir,
    );
    if dir.join("lo/sammanstallning.pdf").exists() {
        check(
            "deck layout",
            "python3",
            &[
                &path(tools.join("pptx/check_pdf_layout.py")),
                "lo/sammanstallning.pdf",
            ],
            &dir,
        );
    } else {
        assert!(!require_tools(), "LibreOffice wrote no PDF");
    }
    check(
        "calendar, feed and e-mail",
        "python3",
        &[
            &path(tools.join("web/check_feeds.py")),
            "--ics",
            "kalender.ics",
            "--atom",
            "flode.atom",
            "--eml",
            "nyhetsbrev.eml",
            "--subject",
            "Sammanställning från SRO 21 maj 2021",
        ],
        &dir,
    );
    if tools.join("web/node_modules/axe-core").exists() {
        check(
            "vnu and axe-core",
            "node",
            &[
                &path(tools.join("web/check-pages.mjs")),
                "--out",
                "shots",
                "index.html",
            ],
            &dir,
        );
    } else {
        assert!(
            !require_tools(),
            "tools/web/node_modules is missing: npm ci in tools/web"
        );
        eprintln!("skipping vnu and axe-core: run npm ci in tools/web");
    }
    let info = Command::new("pdfinfo")
        .arg(dir.join("sammanstallning.pdf"))
        .output();
    match info {
        Ok(out) => {
            let text = String::from_utf8_lossy(&out.stdout);
            let tagged = text
                .lines()
                .any(|l| l.starts_with("Tagged:") && l.trim_end().ends_with("yes"));
            assert!(tagged, "{text}");
            assert!(text.contains("Sammanställning från SRO 21 maj 2021"), "{text}");
        }
        Err(_) => assert!(!require_tools(), "pdfinfo is missing"),
    }
}
