//! The test decks checked by real tools: python-pptx (`tools/pptx/check_deck.py`) reads every slide
//! title, the 16:9 size, the sv-SE runs and the alt texts; LibreOffice Impress converts every deck to
//! PDF, `pdfinfo` confirms one page per slide, and `tools/pptx/check_pdf_layout.py` reads every word's
//! position from the PDF (poppler's `pdftotext -bbox`) to confirm that no text overflows as LibreOffice
//! laid it out: nothing off the page, no text over other text, no body text in the footer.
//!
//! A missing tool skips its check with a message, unless `SAMMAN_REQUIRE_TOOLS=1` (set by CI) makes it a
//! failure. Install: `pip install python-pptx`, `apt-get install -y libreoffice-impress poppler-utils`.

mod pptx_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use samman_render::pptx;

fn require_tools() -> bool {
    std::env::var("SAMMAN_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
}

/// Whether `program --version`-like probe runs; a missing tool is a skip or, in CI, a failure.
fn available(program: &str, probe: &[&str]) -> bool {
    let ok = Command::new(program)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            !require_tools(),
            "{program} is required (SAMMAN_REQUIRE_TOOLS=1) but not usable"
        );
        eprintln!("skipping: {program} is not available");
    }
    ok
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Writes the test decks into `dir` and returns their paths with their expected slide titles.
fn write_decks(dir: &Path) -> Vec<(PathBuf, Vec<String>)> {
    let body = pptx_support::sro();
    let mut with_logo = body.clone();
    with_logo.theme.logo_alt = Some("SRO:s logotyp".into());
    let logo = pptx_support::tiny_png();
    let decks = [
        ("sro", pptx_support::sro_meeting(), &body, None),
        (
            "sro-logo",
            pptx_support::sro_meeting(),
            &with_logo,
            Some(logo.as_slice()),
        ),
        ("long", pptx_support::long_meeting(), &body, None),
        ("odd", pptx_support::odd_meeting(), &body, Some(logo.as_slice())),
    ];
    decks
        .into_iter()
        .map(|(name, meeting, body, logo)| {
            let bytes = pptx::render_with_logo(&meeting, body, &samman_render::Options::default(), logo)
                .expect("deck");
            let path = dir.join(format!("{name}.pptx"));
            std::fs::write(&path, bytes).expect("write deck");
            (path, pptx::slide_titles(&meeting, body))
        })
        .collect()
}

#[test]
fn python_pptx_reads_every_title_and_finds_16_9_and_swedish() {
    if !available("python3", &["-c", "import pptx"]) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let decks = write_decks(dir.path());
    let script = repo_root().join("tools/pptx/check_deck.py");
    let output = Command::new("python3")
        .arg(&script)
        .args(decks.iter().map(|(p, _)| p))
        .output()
        .expect("run check_deck.py");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "check_deck.py failed:\n{stdout}\n{stderr}"
    );
    // Every title python-pptx read is the one the deck meant (the cover's title has a line break).
    for (path, titles) in &decks {
        let section = stdout
            .split(&format!("{}: ", path.display()))
            .nth(1)
            .unwrap_or_else(|| panic!("no report for {}", path.display()));
        let reported = section
            .split_once(" slides")
            .and_then(|(n, _)| n.trim().parse::<usize>().ok())
            .expect("a slide count");
        assert_eq!(reported, titles.len(), "{}", path.display());
        for (n, title) in titles.iter().enumerate() {
            let line = format!(
                "{:3}: {}\n",
                n + 1,
                title.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            assert!(
                section.contains(&line),
                "{}: python-pptx did not read the title {title:?}\n{section}",
                path.display()
            );
        }
    }
}

#[test]
fn check_deck_rejects_a_deck_without_swedish_or_titles() {
    if !available("python3", &["-c", "import pptx"]) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let good = pptx::render(
        &pptx_support::sro_meeting(),
        &pptx_support::sro(),
        &samman_render::Options::default(),
    )
    .expect("deck");
    // Rewrite one slide: English runs and no title placeholder.
    let bad = rewrite_part(&good, "ppt/slides/slide2.xml", |xml| {
        xml.replace("lang=\"sv-SE\"", "lang=\"en-US\"")
            .replace("<p:ph type=\"title\"/>", "<p:ph type=\"body\" idx=\"7\"/>")
    });
    let path = dir.path().join("bad.pptx");
    std::fs::write(&path, bad).expect("write");
    let output = Command::new("python3")
        .arg(repo_root().join("tools/pptx/check_deck.py"))
        .arg(&path)
        .output()
        .expect("run check_deck.py");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("slide 2: no title placeholder"), "{stderr}");
    assert!(stderr.contains("en-US"), "{stderr}");
}

#[test]
fn libreoffice_converts_every_deck_with_one_page_per_slide() {
    if !available("soffice", &["--version"]) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let decks = write_decks(dir.path());
    let paths: Vec<PathBuf> = decks.iter().map(|(p, _)| p.clone()).collect();
    let pdfs = convert(&paths, dir.path());
    if available("pdfinfo", &["-v"]) {
        for (pdf, (_, titles)) in pdfs.iter().zip(&decks) {
            let info = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo");
            let info = String::from_utf8_lossy(&info.stdout);
            let pages = info
                .lines()
                .find_map(|l| l.strip_prefix("Pages:"))
                .and_then(|n| n.trim().parse::<usize>().ok())
                .expect("a page count");
            assert_eq!(pages, titles.len(), "{}: one PDF page per slide", pdf.display());
        }
    }
    if available("pdftotext", &["-v"]) {
        let (ok, report) = layout_check(&pdfs);
        assert!(ok, "text overflows as LibreOffice lays it out:\n{report}");
    }
}

/// The bottom of the content area in PDF points (LibreOffice maps the 13.333 in slide to 960 pt), with
/// 3 pt of tolerance for the part of a word's box below its line.
const CONTENT_BOTTOM_PT: f64 = 6_309_360.0 / 12_700.0 + 3.0;

/// Converts `decks` to PDF in `out` with a private LibreOffice profile; the PDFs' paths.
fn convert(decks: &[PathBuf], work: &Path) -> Vec<PathBuf> {
    let out = work.join("pdf");
    // A private profile directory: a user's running LibreOffice or a stale lock cannot interfere.
    let profile = format!("-env:UserInstallation=file://{}", work.join("profile").display());
    let status = Command::new("soffice")
        .arg(&profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .args(decks)
        .output()
        .expect("run soffice");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    decks
        .iter()
        .map(|d| {
            let stem = d.file_stem().and_then(|s| s.to_str()).expect("stem");
            let pdf = out.join(format!("{stem}.pdf"));
            assert!(pdf.exists(), "LibreOffice did not convert {}", d.display());
            pdf
        })
        .collect()
}

/// Runs check_pdf_layout.py; (success, report).
fn layout_check(pdfs: &[PathBuf]) -> (bool, String) {
    let output = Command::new("python3")
        .arg(repo_root().join("tools/pptx/check_pdf_layout.py"))
        .arg("--content-bottom")
        .arg(CONTENT_BOTTOM_PT.to_string())
        .args(pdfs)
        .output()
        .expect("run check_pdf_layout.py");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), report)
}

#[test]
fn the_layout_check_catches_text_that_overflows() {
    if !available("soffice", &["--version"]) || !available("pdftotext", &["-v"]) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let good = pptx::render(
        &pptx_support::sro_meeting(),
        &pptx_support::sro(),
        &samman_render::Options::default(),
    )
    .expect("deck");
    // Slide 7 has body text above the position box: repeat its paragraphs so they run into the box.
    let bad = rewrite_part(&good, "ppt/slides/slide7.xml", |xml| {
        let start = xml.find("<a:p><a:pPr marL").expect("a body paragraph");
        let end = xml[start..].find("</p:txBody>").expect("end of body") + start;
        let paras = &xml[start..end];
        format!("{}{}{}", &xml[..start], paras.repeat(4), &xml[end..])
    });
    let path = dir.path().join("overflow.pptx");
    std::fs::write(&path, bad).expect("write");
    let pdfs = convert(&[path], dir.path());
    let (ok, report) = layout_check(&pdfs);
    assert!(!ok, "an overflowing slide must fail the check:\n{report}");
    assert!(report.contains("page 7"), "{report}");
}

/// A copy of the zip `deck` with one part changed.
fn rewrite_part(deck: &[u8], name: &str, change: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(deck)).expect("zip");
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        let entry = file.name().expect("name").to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).expect("read");
        if entry == name {
            bytes = change(&String::from_utf8(bytes).expect("UTF-8")).into_bytes();
        }
        writer
            .start_file(entry.as_str(), zip::write::SimpleFileOptions::default())
            .expect("start");
        writer.write_all(&bytes).expect("write");
    }
    writer.finish().expect("finish").into_inner()
}
