//! What comes from configuration — `--base-url`, the bodies file's base URLs, colours, font and logo —
//! is checked when it is read: a bad value is refused with a Swedish message naming the flag, or the
//! file, the body and the field, exit 2, and nothing is written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn samman(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samman"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("samman runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("samman-config-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

const EXAMPLE: &str = "examples/sro-2021-05-21.md";

fn assert_refused(output: &Output, expected: &[&str], out: &Path) {
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    for e in expected {
        assert!(err.contains(e), "expected {e:?} in {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(!out.exists(), "{} was written", out.display());
}

#[test]
fn a_base_url_flag_that_could_inject_is_refused() {
    let dir = temp_dir("flag");
    for (to, url) in [
        (
            "ics",
            "https://x.example/\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil",
        ),
        ("email", "javascript:alert(1)//"),
        ("atom", "javascript:alert(1)//"),
        ("html", "https://user:secret@x.example/"),
        ("pdf", "https://x.example/\u{2028}"),
    ] {
        let out = dir.join(format!("ut.{to}"));
        let output = samman(&[
            "render",
            EXAMPLE,
            "--to",
            to,
            "--base-url",
            url,
            "-o",
            out.to_str().expect("utf8"),
        ]);
        assert_refused(&output, &["--base-url"], &out);
    }
    let out = dir.join("ut.ics");
    let ok = samman(&[
        "render",
        EXAMPLE,
        "--base-url",
        "https://andra.example.org/sro/",
        "-o",
        out.to_str().expect("utf8"),
    ]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let ics = std::fs::read_to_string(&out).expect("calendar");
    assert!(
        ics.contains("URL:https://andra.example.org/sro/2021-05-21/"),
        "{ics}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn build_refuses_a_base_url_that_could_inject() {
    let dir = temp_dir("build-flag");
    let out = dir.join("webbplats");
    let sources = root().join("examples");
    for url in ["javascript:alert(1)//", "https://x.example/\r\nEND:VEVENT"] {
        let output = samman(&[
            "build",
            sources.to_str().expect("utf8"),
            "-o",
            out.to_str().expect("utf8"),
            "--no-decks",
            "--no-pdf",
            "--base-url",
            url,
        ]);
        assert_refused(&output, &["--base-url"], &out);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_deck_honours_the_base_url_flag() {
    let dir = temp_dir("deck");
    let deck = dir.join("ut.pptx");
    // The example with a link relative to the site ("/prenumerera").
    let source = std::fs::read_to_string(root().join(EXAMPLE))
        .expect("example")
        .replace("https://samman.example.org/sro/prenumerera", "/prenumerera");
    let input = dir.join("möte.md");
    std::fs::write(&input, source).expect("source");
    let ok = samman(&[
        "render",
        input.to_str().expect("utf8"),
        "--base-url",
        "https://andra.example.org/sro",
        "-o",
        deck.to_str().expect("utf8"),
    ]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    // Absolute from the flag, not from the body's base URL.
    let bytes = std::fs::read(&deck).expect("deck");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let rels: String = (0..zip.len())
        .filter_map(|i| {
            let mut part = zip.by_index(i).ok()?;
            let mut s = String::new();
            std::io::Read::read_to_string(&mut part, &mut s).ok()?;
            part.name().is_ok_and(|n| n.ends_with(".rels")).then_some(s)
        })
        .collect();
    assert!(rels.contains("https://andra.example.org/prenumerera"), "{rels}");
    assert!(!rels.contains("https://samman.example.org/"), "{rels}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A bodies file for the example's body with `theme` lines (and `extra` top-level lines).
fn bodies_file(dir: &Path, extra: &str, theme: &str) -> PathBuf {
    let path = dir.join("organ.toml");
    std::fs::write(
        &path,
        format!(
            "[[body]]\nid = \"sro\"\nshort_name = \"SRO\"\nname = \"SRO\"\n{extra}\n[body.theme]\n{theme}\n"
        ),
    )
    .expect("bodies file");
    path
}

/// `samman --bodies FILE render EXAMPLE -o OUT`.
fn render_with_bodies(file: &Path, out: &Path) -> Output {
    samman(&[
        "--bodies",
        file.to_str().expect("utf8"),
        "render",
        EXAMPLE,
        "-o",
        out.to_str().expect("utf8"),
    ])
}

#[test]
fn a_bad_bodies_file_is_refused_naming_file_body_and_field() {
    let dir = temp_dir("bodies");
    std::fs::write(dir.join("inte-en-bild.png"), "GIF89a").expect("file");
    for (extra, theme, field) in [
        ("base_url = \"javascript:alert(1)//\"", "", "base_url"),
        (
            "base_url = \"https://x.example/\\r\\nEND:VEVENT\"",
            "",
            "base_url",
        ),
        ("", "accent = \"gul\"", "theme.accent"),
        ("", "font = \"Comic Sans\"", "theme.font"),
        ("", "logo = \"finns-inte.png\"", "theme.logo"),
        ("", "logo = \"inte-en-bild.png\"", "theme.logo"),
    ] {
        let file = bodies_file(&dir, extra, theme);
        let out = dir.join("ut.html");
        let output = render_with_bodies(&file, &out);
        let shown = file.display().to_string();
        assert_refused(&output, &[&shown, "\"sro\"", field], &out);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_logo_is_found_beside_the_bodies_file_from_any_directory() {
    let dir = temp_dir("logo");
    let png = [
        0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0, 2,
        0, 0, 0, 1, 8, 2, 0, 0, 0,
    ];
    std::fs::write(dir.join("logo.png"), png).expect("logo");
    let file = bodies_file(&dir, "", "logo = \"logo.png\"");
    let out = dir.join("ut.pptx");
    // The working directory is the repository, not the bodies file's folder.
    let output = render_with_bodies(&file, &out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
