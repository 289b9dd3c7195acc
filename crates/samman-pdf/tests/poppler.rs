//! The PDFs as other programs see them, checked with poppler's `pdfinfo`, `pdffonts` and `pdftotext`:
//! tagged, titled, A4, Swedish, every font embedded, and the text extractable with å, ä and ö intact.
//!
//! The tools come from Debian's `poppler-utils`. When they are missing the tests print that they skip,
//! unless `SAMMAN_REQUIRE_TOOLS=1` (set in CI), which turns a missing tool into a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether `tool` can run; panics instead of skipping when CI requires the tools.
fn have(tool: &str) -> bool {
    let ok = Command::new(tool).arg("-v").output().is_ok();
    if !ok {
        if std::env::var("SAMMAN_REQUIRE_TOOLS").is_ok_and(|v| v == "1") {
            panic!("{tool} is required (SAMMAN_REQUIRE_TOOLS=1); install poppler-utils");
        }
        eprintln!("skipping: {tool} not found (apt-get install poppler-utils)");
    }
    ok
}

/// Runs `tool ARGS FILE [-]`; pdftotext needs the "-" to write to stdout.
fn run(tool: &str, args: &[&str], file: &Path) -> String {
    let mut command = Command::new(tool);
    command.args(args).arg(file);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let out = command.output().expect("run the tool");
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the tool writes UTF-8")
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("samman-pdf-poppler");
    std::fs::create_dir_all(&dir).expect("create the output folder");
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).expect("write the PDF");
    path
}

/// Value of one `Key: value` line of `pdfinfo`.
fn info<'a>(pdfinfo: &'a str, key: &str) -> &'a str {
    pdfinfo
        .lines()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix(':')))
        .map(str::trim)
        .unwrap_or_else(|| panic!("pdfinfo has no {key}: {pdfinfo}"))
}

/// Checks shared by every rendered PDF; returns the extracted text (layout order).
fn check_pdf(name: &str, bytes: &[u8], title: &str, pdf_ua: bool) -> String {
    let path = write(name, bytes);
    let pdfinfo = run("pdfinfo", &[], &path);
    assert_eq!(info(&pdfinfo, "Tagged"), "yes", "{name}: not tagged\n{pdfinfo}");
    assert_eq!(info(&pdfinfo, "Title"), title, "{name}: title");
    assert!(
        info(&pdfinfo, "Page size").contains("(A4)"),
        "{name}: not A4\n{pdfinfo}"
    );
    // The XMP metadata carries the language; pdfinfo -meta prints it.
    let meta = run("pdfinfo", &["-meta"], &path);
    assert!(
        meta.contains("sv-SE") || meta.contains(">sv<"),
        "{name}: language not sv\n{meta}"
    );
    let claims_ua = meta.contains("<pdfuaid:part>1</pdfuaid:part>");
    assert_eq!(claims_ua, pdf_ua, "{name}: PDF/UA-1 claim\n{meta}");

    let fonts = run("pdffonts", &[], &path);
    let rows: Vec<&str> = fonts.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(!rows.is_empty(), "{name}: no fonts\n{fonts}");
    for row in &rows {
        // Columns: name type encoding emb sub uni object ID. "emb" is the 4th field from the end
        // counted from "yes/no yes/no yes/no obj gen" at the end of the row.
        let fields: Vec<&str> = row.split_whitespace().collect();
        let emb = fields.len().checked_sub(5).and_then(|i| fields.get(i)).copied();
        assert_eq!(emb, Some("yes"), "{name}: font not embedded: {row}");
    }
    assert!(
        rows.iter().any(|r| r.contains("NotoSans")),
        "{name}: Noto Sans missing\n{fonts}"
    );

    run("pdftotext", &["-enc", "UTF-8", "-layout"], &path)
}

/// Text with line breaks and typst's hyphenation (soft hyphens, U+00AD) undone, for phrase checks that
/// must not depend on where lines happen to break.
fn flat(text: &str) -> String {
    let unhyphenated: String = text
        .split('\u{ad}')
        .enumerate()
        .map(|(i, part)| if i == 0 { part } else { part.trim_start() })
        .collect();
    unhyphenated.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn sro_pdf_is_tagged_embedded_and_readable() {
    if !["pdfinfo", "pdffonts", "pdftotext"].iter().all(|t| have(t)) {
        return;
    }
    let body = common::sro_body();
    let bytes = samman_pdf::render(&common::sro_meeting(), &body, &samman_render::Options::default())
        .expect("render");
    let text = check_pdf("sro", &bytes, "Sammanställning från SRO 21 maj 2021", true);
    let flat = flat(&text);
    for phrase in [
        "Sammanställning från SRO 21 maj 2021",
        "Politiskt samrådsorgan mellan VästKom och Västra Götalandsregionen",
        "Föredragande: Ann-Marie Svensson, VGR och Jeanette Andersson, VästKom",
        "Josefin Lantz, kommunikatör vårdsamverkan",
        "Ställningstagande",
        "SRO ställer sig bakom",
        "att VästKom rekvirerar satsningens medel från SKR",
        "SRO noterar informationen",
        "16 september 2021 kl. 14.00–15.30",
        "29 september 2021 kl. 14.00–15.30",
        "19 november 2021 – SRO tar ställning",
        "Juni – oktober 2021 – Dialoger om underlaget",
        "Slutsatser CHI (sammanfattning)",
        "Västra Götaland",
        "Senast uppdaterad: 2021-05-24 09:51",
        "Mötesanteckningarna publiceras senare.",
        "Sida 1 av",
    ] {
        assert!(flat.contains(phrase), "missing {phrase:?} in:\n{text}");
    }
    assert_within_margins("sro", &write("sro", &bytes));
    // Every item is in the agenda and as a section, in agenda order.
    let order: Vec<usize> = [
        "1. Nära vård",
        "2. Kvinnofrids",
        "3. SRO september",
        "4. Lägesrapport",
        "5. Information",
    ]
    .iter()
    .map(|h| flat.find(h).unwrap_or_else(|| panic!("no section {h:?}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "sections out of order");
}

#[test]
fn forty_bullets_and_published_minutes() {
    if !["pdfinfo", "pdffonts", "pdftotext"].iter().all(|t| have(t)) {
        return;
    }
    let (meeting, body) = common::forty_bullets();
    let bytes = samman_pdf::render(&meeting, &body, &samman_render::Options::default()).expect("render");
    let text = check_pdf("forty", &bytes, "Sammanställning från DRO 8 februari 2024", true);
    let flat = flat(&text);
    for i in 1..=40 {
        assert!(flat.contains(&format!("Åtgärd {i}:")), "bullet {i} missing");
    }
    assert!(flat.contains("Mötesanteckningarna publicerades 20 februari 2024."));
    assert!(flat.contains("8 februari 2024 kl. 09.00–12.00 · Kommunhuset, Uddevalla"));
    assert!(flat.contains("Sida 2 av"), "40 bullets fit on one page?");
    assert_within_margins("forty", &write("forty", &bytes));
}

#[test]
fn hostile_text_comes_out_as_written() {
    if !["pdfinfo", "pdffonts", "pdftotext"].iter().all(|t| have(t)) {
        return;
    }
    let meeting = common::hostile();
    let body = common::sro_body();
    let bytes = samman_pdf::render(&meeting, &body, &samman_render::Options::default()).expect("render");
    let title = meeting.title(&body);
    // The emoji and Chinese characters are in no shipped font, so this one is tagged but not PDF/UA-1.
    let text = check_pdf("hostile", &bytes, &title, false);
    let flat = flat(&text);
    for phrase in [
        "<script>alert(\"x\")</script> & 'citat' #set page(paper: \"a5\")",
        "$x^2$ och *fet* _kursiv_ \\ backslash ]]> @ref <etikett> `kod` // kommentar",
        "#panic(\"injektion\") ] [ } {",
        "Anna \"Citat\" <Andersson>, A&O",
        "= Inte en rubrik",
        "- inte en lista",
        "1. inte numrerad",
        "#{ panic() }",
        "röd baklänges text.",
        "klicka här",
        // Characters Noto Sans lacks come from typst's bundled fallback fonts (the emoji has none).
        "中文 ∮ ℵ.",
    ] {
        assert!(flat.contains(phrase), "missing {phrase:?} in:\n{text}");
    }
    // pdftotext guesses spaces from glyph gaps and misses them between narrow punctuation.
    assert!(
        flat.contains("$])#") || flat.contains("$ ] ) #"),
        "point missing:\n{text}"
    );
    assert_within_margins("hostile", &write("hostile", &bytes));
    // The long words are all there, broken over lines but with no character lost or added.
    let joined: String = flat.split_whitespace().collect();
    assert!(
        joined.contains(&"Donaudampfschifffahrt".repeat(8)),
        "long word damaged:\n{text}"
    );
    assert!(
        joined.contains(&"1234567890".repeat(16)),
        "digits damaged:\n{text}"
    );
    assert!(
        joined.contains(&format!("https://example.org/{}", "segment".repeat(20))),
        "URL damaged"
    );
}

/// No word reaches into the right margin (22 mm on A4): long words wrap instead of running off.
fn assert_within_margins(name: &str, path: &Path) {
    let html = run("pdftotext", &["-bbox", "-enc", "UTF-8"], path);
    let right_edge = 595.28 - 22.0 * 72.0 / 25.4 + 1.0;
    let mut words = 0;
    for tag in html.split("<word ").skip(1) {
        let x_max = tag
            .split("xMax=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.parse::<f64>().ok())
            .expect("pdftotext -bbox gives xMax");
        let word = tag
            .split('>')
            .nth(1)
            .and_then(|r| r.split('<').next())
            .unwrap_or("");
        assert!(
            x_max <= right_edge,
            "{name}: {word:?} runs into the margin (xMax {x_max})"
        );
        words += 1;
    }
    assert!(words > 20, "{name}: pdftotext -bbox found only {words} words");
}
