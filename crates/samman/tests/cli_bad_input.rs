//! Bad input never panics, always gets a clear message naming the file (and place), exits 2, and leaves
//! no output file behind.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn samman(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samman"))
        .args(args)
        .output()
        .expect("samman runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("samman-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs import, check, render and fmt on `input` and asserts each fails with exit 2, a message containing
/// `expected`, no panic, and no output file.
fn assert_refused(input: &Path, expected: &str) {
    assert_refused_by(input, |_| expected)
}

/// As [`assert_refused`], with the expected message per command.
fn assert_refused_by<'a>(input: &Path, expected_for: impl Fn(&str) -> &'a str) {
    let dir = input.parent().expect("parent");
    let out = dir.join("ut.md");
    let shown = input.display().to_string();
    let runs: Vec<Vec<&str>> = vec![
        vec!["import", &shown, "-o", out.to_str().expect("utf8")],
        vec!["check", &shown],
        vec![
            "render",
            &shown,
            "--to",
            "json",
            "-o",
            out.to_str().expect("utf8"),
        ],
        vec!["fmt", &shown],
    ];
    for args in runs {
        let expected = expected_for(args[0]);
        let output = samman(&args);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(&shown), "{args:?}: message names the file: {err}");
        assert!(err.contains(expected), "{args:?}: expected {expected:?} in {err}");
        assert_eq!(err.matches(expected).count(), 1, "{args:?}: said once: {err}");
        assert_eq!(
            err.matches(&shown).count(),
            1,
            "{args:?}: the file named once: {err}"
        );
        assert!(
            !err.contains("os error"),
            "{args:?}: in Swedish, without the OS's English: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!out.exists(), "{args:?}: no output file may be left behind");
        let leftovers: Vec<_> = std::fs::read_dir(dir)
            .expect("read dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains("samman-tmp"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "{args:?}: temporary files left: {leftovers:?}"
        );
    }
}

#[test]
fn missing_file() {
    let dir = temp_dir("missing");
    assert_refused(&dir.join("finns-inte.md"), "kan inte läsas: filen finns inte");
}

#[test]
fn empty_file() {
    let dir = temp_dir("empty");
    let path = dir.join("tom.md");
    std::fs::write(&path, "  \n\n").expect("write");
    assert_refused(&path, "filen är tom");
}

#[test]
fn binary_junk() {
    let dir = temp_dir("binary");
    let path = dir.join("skräp.bin");
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&path, junk).expect("write");
    assert_refused(&path, "binär");
}

#[test]
fn invalid_utf8_names_line_and_column() {
    let dir = temp_dir("utf8");
    let path = dir.join("latin1.txt");
    std::fs::write(&path, b"Sammanst\xe4llning fr\xe5n SRO\n").expect("write");
    assert_refused(&path, ":1:9: ogiltig UTF-8");
}

#[test]
fn fifty_megabytes() {
    let dir = temp_dir("large");
    let path = dir.join("stor.md");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(50 * 1024 * 1024).expect("sparse 50 MB");
    assert_refused(&path, "för stor");
}

#[test]
fn a_directory() {
    let dir = temp_dir("dir");
    let sub = dir.join("katalog");
    std::fs::create_dir_all(&sub).expect("mkdir");
    // `import` takes a folder as an archive to migrate; an empty one has nothing to import.
    assert_refused_by(&sub, |command| match command {
        "import" => "inga filer att importera",
        _ => "är en katalog, inte en fil",
    });
}

#[test]
fn text_that_is_no_meeting() {
    let dir = temp_dir("nomeeting");
    let path = dir.join("inköpslista.txt");
    std::fs::write(&path, "mjölk\nsmör\nägg\n").expect("write");
    let output = samman(&["import", path.to_str().expect("utf8")]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains(&path.display().to_string()));
}

#[test]
fn broken_front_matter_is_located() {
    let dir = temp_dir("frontmatter");
    let path = dir.join("trasig.md");
    std::fs::write(&path, "+++\nbody = \"sro\"\ndate = 2021-13-45\n+++\n\n## Punkt\n").expect("write");
    assert_refused(&path, ":3:");
    let unterminated = dir.join("oavslutad.md");
    std::fs::write(
        &unterminated,
        "+++\nbody = \"sro\"\ndate = 2021-05-21\n\n## Punkt\n",
    )
    .expect("write");
    assert_refused(&unterminated, "+++");
}

#[test]
fn unknown_render_format_is_explained() {
    let dir = temp_dir("format");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/sro-2021-05-21.md");
    let out = dir.join("ut.docx");
    let output = samman(&[
        "render",
        example.to_str().expect("utf8"),
        "-o",
        out.to_str().expect("utf8"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("ut.docx") && err.contains("filändelsen") && err.contains("--to"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn utf16_is_named_with_how_to_save_as_utf8() {
    let dir = temp_dir("utf16");
    let path = dir.join("unicode.md");
    let text = "+++\nbody = \"sro\"\ndate = 2021-05-21\n+++\n\n## Punkt\n";
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(&path, bytes).expect("write");
    assert_refused(&path, "sparad som UTF-16");
}

#[test]
fn an_endless_device_is_larger_than_the_limit_not_a_measured_size() {
    let output = samman(&["check", "/dev/zero"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(
        err.contains("/dev/zero: filen är större än de 10,0 MB som tas emot"),
        "{err}"
    );
    assert_eq!(err.matches("/dev/zero").count(), 1, "said once: {err}");
}

#[test]
fn check_names_an_unreadable_file_once_and_checks_the_rest() {
    let dir = temp_dir("checkonce");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/sro-2021-05-21.md");
    let missing = dir.join("saknas.md");
    let output = samman(&[
        "check",
        missing.to_str().expect("utf8"),
        example.to_str().expect("utf8"),
    ]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert_eq!(err.matches("saknas.md").count(), 1, "{err}");
    assert!(err.contains("1 av 2 filer kunde inte läsas"), "{err}");
}

#[test]
fn a_number_where_text_belongs_is_named_in_swedish() {
    let dir = temp_dir("integer");
    let path = dir.join("tal.md");
    std::fs::write(&path, "+++\nbody = 5\ndate = 2021-05-21\n+++\n\n## Punkt\n").expect("write");
    assert_refused(&path, "body ska vara en text inom citattecken, inte ett heltal");
}
