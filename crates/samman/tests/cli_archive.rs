//! `samman import DIR -o OUTDIR`: an archive of decks, source files and pages migrated in one run, as a
//! body moving onto samman would run it — one meeting per body and date, the inputs of one meeting diffed
//! against each other, broken inputs reported without stopping the rest.

mod common;

use common::{root, s, samman, temp_dir};

use std::path::PathBuf;

use serde_json::Value;

/// A page of the Göteborg meeting that says one thing differently from its source file.
const GOTEBORG_PAGE: &str = "Sammanställning från DPS Göteborg 9 februari 2024

Vårdsamverkan 2024: mål och tidsplan
Föredragande: Ingrid Palm, GR och Ahmed Yusuf, VGR
Målen för året är kortare väntetider och fler utbildningar för alla.
Ställningstagande: Samrådet godkänner målen

Ett ärende med ovanliga tecken
Ställningstagande: Samrådet återkommer i frågan
";

#[test]
fn an_archive_is_migrated_with_a_report_and_broken_inputs_do_not_stop_it() {
    let dir = temp_dir("mixed");
    let archive = dir.join("arkiv");
    let bodies = root().join("fixtures/source/bodies.toml");
    let mut sources: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures/source"))
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    sources.sort();
    assert!(sources.len() >= 3, "{sources:?}");
    // Every meeting as a deck, one of them also as its source file and as a page.
    std::fs::create_dir_all(archive.join("bildspel/2024")).expect("dirs");
    std::fs::create_dir_all(archive.join("sidor")).expect("dirs");
    for source in &sources {
        let stem = source.file_stem().expect("stem").to_string_lossy().into_owned();
        let deck = archive.join("bildspel/2024").join(format!("{stem}.pptx"));
        let out = samman(&[
            "--bodies",
            s(&bodies),
            "render",
            s(source),
            "--to",
            "pptx",
            "-o",
            s(&deck),
        ]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let goteborg = root().join("fixtures/source/goteborg-2024-02-09.md");
    std::fs::copy(&goteborg, archive.join("goteborg-2024-02-09.md")).expect("copy");
    std::fs::write(archive.join("sidor/goteborg.txt"), GOTEBORG_PAGE).expect("page");
    // Broken inputs: junk named .pptx, and an old binary .ppt (an OLE container).
    std::fs::write(
        archive.join("bildspel/trasig.pptx"),
        b"PK\x03\x04 inte alls en zip",
    )
    .expect("junk");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    std::fs::write(archive.join("bildspel/gammal.ppt"), ole).expect("ppt");

    let out_dir = dir.join("ut");
    let out = samman(&["--bodies", s(&bodies), "import", s(&archive), "-o", s(&out_dir)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Refused inputs make the run end with exit 1 (like check's findings), never 2 or a panic.
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("2 avvisade"), "{stderr}");

    let report: Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("rapport.json")).expect("rapport.json"))
            .expect("json");
    let summary = &report["summary"];
    assert_eq!(summary["inputs"], sources.len() + 4, "{summary}");
    assert_eq!(summary["refused"], 2, "{summary}");
    assert_eq!(summary["meetings"], sources.len(), "{summary}");
    let input = |name: &str| -> &Value {
        report["inputs"]
            .as_array()
            .expect("inputs")
            .iter()
            .find(|i| i["file"].as_str().is_some_and(|f| f.ends_with(name)))
            .unwrap_or_else(|| panic!("{name} in {report:#}"))
    };
    assert_eq!(input("trasig.pptx")["status"], "refused");
    assert!(
        input("gammal.ppt")["reason"]
            .as_str()
            .is_some_and(|r| r.contains(".pptx")),
        "{}",
        input("gammal.ppt")
    );
    // The Göteborg meeting: written from its source file; the deck agrees with it, the page does not.
    let meeting = report["meetings"]
        .as_array()
        .expect("meetings")
        .iter()
        .find(|m| m["file"].as_str().is_some_and(|f| f.contains("goteborg")))
        .expect("goteborg meeting");
    assert_eq!(meeting["written_from"], "goteborg-2024-02-09.md", "{meeting:#}");
    assert_eq!(meeting["inputs"].as_array().map(Vec::len), Some(3), "{meeting:#}");
    let disagreeing: Vec<&str> = meeting["disagreements"]
        .as_array()
        .expect("disagreements")
        .iter()
        .filter_map(|d| d["input"].as_str())
        .collect();
    assert_eq!(disagreeing, ["sidor/goteborg.txt"], "{meeting:#}");

    // One source file per meeting, each one samman reads back.
    let written: Vec<PathBuf> = std::fs::read_dir(&out_dir)
        .expect("out")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    assert_eq!(written.len(), sources.len(), "{written:?}");
    for file in &written {
        let check = samman(&["--bodies", s(&bodies), "check", s(file)]);
        assert_ne!(check.status.code(), Some(2), "{}", file.display());
    }
    let text = std::fs::read_to_string(out_dir.join("rapport.txt")).expect("rapport.txt");
    assert!(text.contains("trasig.pptx"), "{text}");
}
