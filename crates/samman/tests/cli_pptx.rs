//! PowerPoint decks through the binary, as a user runs it: samman's own decks read back (also after
//! LibreOffice re-saved them), a deck built with python-pptx the way seed 000's author made it, decks
//! with odd layouts, a LibreOffice `.odp` saved as `.pptx` — and bad decks refused with exit 2.
//!
//! Tests that need python-pptx or LibreOffice skip when they are missing, unless
//! `SAMMAN_REQUIRE_TOOLS=1` makes that a failure.

mod common;

use common::{ok, root, s, samman, temp_dir, test_meetings};

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn require_tools() -> bool {
    std::env::var("SAMMAN_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
}

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

/// LibreOffice converts `input` to `format` into `out_dir`; returns the new file.
fn soffice(input: &Path, format: &str, out_dir: &Path) -> PathBuf {
    std::fs::create_dir_all(out_dir).expect("out dir");
    // A profile of its own, so parallel tests and other users do not share one.
    let profile = out_dir.join("profile");
    let output = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args([
            "--headless",
            "--convert-to",
            format,
            "--outdir",
            s(out_dir),
            s(input),
        ])
        .output()
        .expect("soffice runs");
    let stem = input.file_stem().expect("stem").to_string_lossy().into_owned();
    let made = out_dir.join(format!("{stem}.{format}"));
    assert!(
        made.exists(),
        "soffice made no {format}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    made
}

/// The meeting as JSON, without what a deck does not show: "senast uppdaterad", minutes, lead, title,
/// the boundary between two lists that follow each other (a slide shows one run of bullets), and the
/// date behind a timeline entry that is shown by its words ("före sommaren").
fn deck_facts(input: &Path, bodies: &Path) -> Value {
    let out = samman(&["--bodies", s(bodies), "render", s(input), "--to", "json"]);
    let mut json: Value = serde_json::from_str(&ok(&out)).expect("json");
    if let Value::Object(map) = &mut json {
        for key in [
            "updated",
            "minutes",
            "lead",
            "lead_derived",
            "title",
            "title_derived",
            "url",
            "links",
            "generated",
        ] {
            map.remove(key);
        }
    }
    common::as_shown(&mut json);
    json
}

/// `render --to pptx`, then the deck read back: the same items, date, time and place; the diff finds
/// no difference in any item.
fn assert_round_trip(source: &Path, deck: &Path, bodies: &Path) {
    assert_eq!(
        deck_facts(source, bodies),
        deck_facts(deck, bodies),
        "{} read back from {}",
        source.display(),
        deck.display()
    );
    let out = samman(&[
        "--bodies",
        s(bodies),
        "diff",
        s(source),
        s(deck),
        "--format",
        "json",
    ]);
    let diff: Value = serde_json::from_slice(&out.stdout).expect("diff json");
    let items = diff["items"].as_array().expect("items");
    for item in items {
        assert!(
            item["changes"].as_array().is_some_and(Vec::is_empty)
                && !item["a"].is_null()
                && !item["b"].is_null(),
            "{}: {item:#}",
            deck.display()
        );
    }
    // The meeting's own fields too: the deck carries the title (its cover) and the closing slide, and
    // the diff does not compare what no deck shows (lead, "senast uppdaterad", minutes).
    assert_eq!(diff["meeting"], Value::Array(Vec::new()), "{}", deck.display());
    let text = samman(&["--bodies", s(bodies), "diff", s(source), s(deck)]);
    assert!(
        ok(&text).contains("Inga skillnader."),
        "{}: {}",
        deck.display(),
        String::from_utf8_lossy(&text.stdout)
    );
}

#[test]
fn samman_decks_read_back_to_the_same_meeting() {
    let dir = temp_dir("roundtrip");
    for (i, (source, bodies)) in test_meetings().iter().enumerate() {
        let deck = dir.join(format!("m{i}.pptx"));
        ok(&samman(&[
            "--bodies",
            s(bodies),
            "render",
            s(source),
            "--to",
            "pptx",
            "-o",
            s(&deck),
        ]));
        assert_round_trip(source, &deck, bodies);
        let back = dir.join(format!("m{i}.md"));
        ok(&samman(&[
            "--bodies",
            s(bodies),
            "import",
            s(&deck),
            "-o",
            s(&back),
        ]));
        ok(&samman(&[
            "--bodies",
            s(bodies),
            "import",
            "--from",
            "pptx",
            s(&deck),
        ]));
    }
}

#[test]
fn samman_decks_read_back_after_libreoffice_saved_them() {
    if !available("soffice", &["--version"]) {
        return;
    }
    let dir = temp_dir("lo-roundtrip");
    for (i, (source, bodies)) in test_meetings().iter().enumerate() {
        let deck = dir.join(format!("m{i}.pptx"));
        ok(&samman(&[
            "--bodies",
            s(bodies),
            "render",
            s(source),
            "--to",
            "pptx",
            "-o",
            s(&deck),
        ]));
        let resaved = soffice(&deck, "pptx", &dir.join("lo"));
        assert_round_trip(source, &resaved, bodies);
    }
}

/// Builds a deck with `tools/pptx/build_deck.py`.
fn build(kind: &str, out: &Path) -> bool {
    if !available("python3", &["-c", "import pptx"]) {
        return false;
    }
    let status = Command::new("python3")
        .arg(root().join("tools/pptx/build_deck.py"))
        .args([kind, s(out)])
        .status()
        .expect("python3 runs");
    assert!(status.success(), "build_deck.py {kind}");
    true
}

fn seed000() -> Option<PathBuf> {
    let path = root().join("../shared/seeds/000_484dff92c3137b0a.txt");
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipping: seeds not found at {}", path.display());
        None
    }
}

#[test]
fn a_deck_made_like_seed_000_reads_as_its_markdown_export() {
    let Some(seed) = seed000() else { return };
    let dir = temp_dir("seed000");
    let deck = dir.join("sro-2021-05-21.pptx");
    if !build("seed000", &deck) {
        return;
    }
    let bodies = root().join("config/bodies.toml");
    let from_deck = deck_facts(&deck, &bodies);
    let from_export = deck_facts(&seed, &bodies);
    assert_eq!(from_deck, from_export);
    // The facts the product table names, spelled out.
    let items = from_deck["items"].as_array().expect("items");
    assert_eq!(items.len(), 5);
    let nara = &items[0];
    assert_eq!(nara["presenters"][0]["name"], "Ann-Marie Svensson");
    assert_eq!(nara["presenters"][0]["organisation"], "VGR");
    assert_eq!(nara["position"]["kind"], "noted");
    assert!(
        nara["timeline"].to_string().contains("2021-11-19"),
        "{}",
        nara["timeline"]
    );
    let remiss = items
        .iter()
        .find(|i| {
            i["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("SRO september"))
        })
        .expect("remiss");
    assert_eq!(
        remiss["events"].as_array().map(Vec::len),
        Some(2),
        "{}",
        remiss["events"]
    );
    let kvinnofrid = items
        .iter()
        .find(|i| i["title"].as_str().is_some_and(|t| t.contains("Kvinnofrid")))
        .expect("kvinnofrid");
    assert_eq!(kvinnofrid["position"]["kind"], "endorsed");
    // And the diff between the export and the deck finds nothing.
    let out = samman(&["diff", s(&seed), s(&deck)]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // check finds in the deck what it finds in the export, placed on slides and paragraphs.
    let check = String::from_utf8_lossy(&samman(&["check", s(&deck)]).stdout).into_owned();
    // Each finding's kind and its message up to a place it names (a line there, a slide here).
    let codes = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.split_once(": ").map(|(_, rest)| rest))
            .map(|m| m.split(" (rad ").next().unwrap_or(m))
            .map(|m| m.split(" (bild ").next().unwrap_or(m).to_string())
            .collect()
    };
    let export_check = String::from_utf8_lossy(&samman(&["check", s(&seed)]).stdout).into_owned();
    assert_eq!(codes(&check), codes(&export_check), "{check}");
    for place in [
        ".pptx:bild 8, stycke 6: error[incomplete-date]",
        ".pptx:bild 9, stycke 1: warning[broken-word]",
    ] {
        assert!(check.contains(place), "{place}: {check}");
    }
}

#[test]
fn odd_layouts_read_as_a_person_means_them() {
    let dir = temp_dir("odd");
    let deck = dir.join("odd.pptx");
    if !build("odd", &deck) {
        return;
    }
    let bodies = root().join("config/bodies.toml");
    let facts = deck_facts(&deck, &bodies);
    assert_odd(&facts);
    let source = ok(&samman(&["import", s(&deck)]));
    assert!(
        !source.contains("Talarnotering"),
        "speaker notes stay apart: {source}"
    );
    assert!(
        !source.contains("Diagram över"),
        "alt text is not content: {source}"
    );
    assert!(
        !source.contains("Hemligt utkast"),
        "hidden slides are skipped: {source}"
    );

    if !available("soffice", &["--version"]) {
        return;
    }
    // The same deck saved by LibreOffice as .odp, and that saved again as .pptx.
    let odp = soffice(&deck, "odp", &dir.join("odp"));
    let again = soffice(&odp, "pptx", &dir.join("back"));
    assert_odd(&deck_facts(&again, &bodies));
}

fn assert_odd(facts: &Value) {
    assert_eq!(facts["date"], "2021-12-10", "{facts:#}");
    let items = facts["items"].as_array().expect("items");
    let titles: Vec<&str> = items.iter().filter_map(|i| i["title"].as_str()).collect();
    assert_eq!(
        titles,
        [
            "Budget 2022",
            "Barnhälsa i länet",
            "Digitala vårdmöten",
            "Övriga frågor"
        ]
    );
    let names = |i: usize| -> Vec<String> {
        items[i]["presenters"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .map(|p| {
                        format!(
                            "{}, {}",
                            p["name"].as_str().unwrap_or(""),
                            p["organisation"].as_str().unwrap_or("")
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        names(0),
        ["Eva Holm, VGR", "Lars Ek, VästKom"],
        "presenters from a table"
    );
    assert_eq!(names(1), ["Anna Berg, VGR"], "the left column first");
    assert_eq!(names(2), ["Per Sund, VästKom"], "text inside a group");
    assert_eq!(items[0]["position"]["kind"], "endorsed");
    assert_eq!(items[1]["position"]["kind"], "noted");
    assert!(
        items[1]["content"].to_string().contains("Väntetiderna"),
        "{}",
        items[1]["content"]
    );
}

/// Writes `bytes` as `name` and asserts import and check refuse it: exit 2, a message naming the file
/// and containing `expected`, no output file.
fn assert_refused(dir: &Path, name: &str, bytes: &[u8], expected: &str) {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    let out = dir.join("ut.md");
    for args in [vec!["import", s(&path), "-o", s(&out)], vec!["check", s(&path)]] {
        let output = samman(&args);
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(s(&path)) && err.contains(expected),
            "{args:?}: expected {expected:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        assert!(output.stdout.is_empty() || args[0] == "check", "{args:?}");
        assert!(!out.exists(), "{args:?}: no output file");
    }
}

fn zip_of(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            zip.start_file(*name, options).expect("entry");
            std::io::Write::write_all(&mut zip, bytes).expect("write");
        }
        zip.finish().expect("finish");
    }
    out.into_inner()
}

#[test]
fn bad_decks_are_refused_with_a_reason() {
    let dir = temp_dir("bad");
    let example = root().join("examples/sro-2021-05-21.md");
    let good = dir.join("bra.pptx");
    ok(&samman(&["render", s(&example), "--to", "pptx", "-o", s(&good)]));
    let bytes = std::fs::read(&good).expect("deck");
    assert_refused(
        &dir,
        "trasig.pptx",
        &bytes[..bytes.len() / 3],
        "zip-arkivet är trasigt",
    );

    let presentation = b"<p:presentation xmlns:p=\"p\" xmlns:r=\"r\"><p:sldIdLst><p:sldId id=\"256\" r:id=\"rId2\"/></p:sldIdLst></p:presentation>".to_vec();
    let rels = b"<Relationships><Relationship Id=\"rId2\" Type=\"x/slide\" Target=\"slides/slide1.xml\"/></Relationships>".to_vec();
    let bomb = zip_of(&[
        ("ppt/presentation.xml", presentation.clone()),
        ("ppt/_rels/presentation.xml.rels", rels.clone()),
        ("ppt/slides/slide1.xml", vec![b' '; 20 * 1024 * 1024]),
    ]);
    assert_refused(&dir, "bomb.pptx", &bomb, "zip-bomb");

    let entities = zip_of(&[
        ("ppt/presentation.xml", presentation.clone()),
        ("ppt/_rels/presentation.xml.rels", rels),
        (
            "ppt/slides/slide1.xml",
            b"<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><s>&b;</s>".to_vec(),
        ),
    ]);
    assert_refused(&dir, "entiteter.pptx", &entities, "entitetsbomb");

    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(vec![0; 1024]);
    let mut encrypted = ole.clone();
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert_refused(&dir, "lösenord.pptx", &encrypted, "lösenordsskyddad");
    let mut ppt = ole;
    ppt.extend("PowerPoint Document".encode_utf16().flat_map(u16::to_le_bytes));
    assert_refused(&dir, "gammal.ppt", &ppt, "spara som .pptx");

    let empty = zip_of(&[(
        "ppt/presentation.xml",
        b"<p:presentation xmlns:p=\"p\"><p:sldIdLst/></p:presentation>".to_vec(),
    )]);
    assert_refused(&dir, "tom.pptx", &empty, "inga bilder");
}
