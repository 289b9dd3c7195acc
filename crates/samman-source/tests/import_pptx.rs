//! The .pptx reader on decks built here, part by part: slide order, hidden slides, titles, bullets,
//! line breaks, links, tables, groups, notes — and every kind of bad input, each refused with a clear
//! message (zip bombs, entity bombs, OLE containers, empty decks), never a panic.

use std::io::Write;

use proptest::prelude::*;
use samman_domain::Bodies;
use samman_source::Pos;
use samman_source::import::{self, pptx};

const NS: &str = "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
                  xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
                  xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";

/// A zip of the given parts.
fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            zip.start_file(name.as_str(), options).expect("entry");
            zip.write_all(bytes).expect("write");
        }
        zip.finish().expect("finish");
    }
    out.into_inner()
}

/// A deck of slides given as their shape trees (`<p:sp>…`), with optional extra slide attributes.
fn deck(slides: &[(&str, String)]) -> Vec<u8> {
    let mut parts: Vec<(String, Vec<u8>)> = vec![(
        "_rels/.rels".into(),
        b"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
          <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"ppt/presentation.xml\"/>\
          </Relationships>"
            .to_vec(),
    )];
    let ids: String = (0..slides.len())
        .map(|i| format!("<p:sldId id=\"{}\" r:id=\"rId{}\"/>", 256 + i, i + 10))
        .collect();
    parts.push((
        "ppt/presentation.xml".into(),
        format!(
            "<?xml version=\"1.0\"?><p:presentation {NS}><p:sldIdLst>{ids}</p:sldIdLst>\
             <p:sldSz cx=\"12192000\" cy=\"6858000\"/></p:presentation>"
        )
        .into_bytes(),
    ));
    let rels: String = (0..slides.len())
        .map(|i| {
            format!(
                "<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide\" Target=\"slides/slide{}.xml\"/>",
                i + 10,
                i + 1
            )
        })
        .collect();
    parts.push((
        "ppt/_rels/presentation.xml.rels".into(),
        format!("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>")
            .into_bytes(),
    ));
    for (i, (attrs, tree)) in slides.iter().enumerate() {
        parts.push((
            format!("ppt/slides/_rels/slide{}.xml.rels", i + 1),
            b"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
              <Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" \
              Target=\"https://example.org/rapport\" TargetMode=\"External\"/></Relationships>"
                .to_vec(),
        ));
        parts.push((
            format!("ppt/slides/slide{}.xml", i + 1),
            format!("<?xml version=\"1.0\"?><p:sld {NS} {attrs}><p:cSld><p:spTree>{tree}</p:spTree></p:cSld></p:sld>")
                .into_bytes(),
        ));
    }
    zip_of(&parts)
}

fn sp(ph: &str, y: i64, paras: &str) -> String {
    let nv = if ph.is_empty() {
        "<p:nvPr/>".to_string()
    } else {
        format!("<p:nvPr><p:ph {ph}/></p:nvPr>")
    };
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"s\"/><p:cNvSpPr/>{nv}</p:nvSpPr>\
         <p:spPr><a:xfrm><a:off x=\"457200\" y=\"{y}\"/><a:ext cx=\"8000000\" cy=\"900000\"/></a:xfrm></p:spPr>\
         <p:txBody><a:bodyPr/>{paras}</p:txBody></p:sp>"
    )
}

fn p(text: &str) -> String {
    format!("<a:p><a:r><a:rPr lang=\"sv-SE\"/><a:t>{text}</a:t></a:r></a:p>")
}

fn bullet(level: u8, text: &str) -> String {
    format!("<a:p><a:pPr lvl=\"{level}\"><a:buChar char=\"•\"/></a:pPr><a:r><a:t>{text}</a:t></a:r></a:p>")
}

fn plain(text: &str) -> String {
    format!("<a:p><a:pPr><a:buNone/></a:pPr><a:r><a:t>{text}</a:t></a:r></a:p>")
}

fn err(bytes: &[u8]) -> String {
    pptx::read_bytes(bytes).expect_err("refused").message
}

fn sro_deck() -> Vec<u8> {
    deck(&[
        (
            "",
            sp("type=\"ctrTitle\"", 1_000_000, &(p("Sammanställning från SRO")))
                + &sp("type=\"subTitle\" idx=\"1\"", 3_000_000, &p("21 maj 2021")),
        ),
        (
            "",
            sp("type=\"title\"", 100_000, &p("Agenda"))
                + &sp(
                    "idx=\"1\"",
                    1_500_000,
                    &(bullet(0, "Nära vård") + &bullet(0, "Budget")),
                ),
        ),
        // Drawn body first, title second: reading order puts the title first anyway.
        (
            "",
            sp(
                "idx=\"1\"",
                1_500_000,
                &(plain("Föredragande: Anna Berg, VGR")
                    + &bullet(0, "Samverkans-</a:t></a:r><a:br/><a:r><a:t>frågor &amp; mer")
                    + &bullet(1, "Nivå två")
                    + "<a:p><a:r><a:t>Läs </a:t></a:r><a:r><a:rPr><a:hlinkClick r:id=\"rId5\"/></a:rPr><a:t>rapporten</a:t></a:r></a:p>"
                    + &plain("Ställningstagande: SRO noterar informationen")),
            ) + &sp("type=\"title\"", 100_000, &p("Nära vård")),
        ),
        ("show=\"0\"", sp("type=\"title\"", 100_000, &p("Dold bild"))),
        (
            "",
            sp("type=\"title\"", 100_000, &p("Budget"))
                + &sp("", 1_500_000, &plain("Föredragande: Per Ek, VästKom"))
                + &sp("", 6_500_000, &p("SRO · 21 maj 2021")),
        ),
    ])
}

#[test]
fn a_deck_reads_in_slide_and_reading_order_with_places() {
    let text = pptx::read_bytes(&sro_deck()).expect("deck");
    assert_eq!((text.slides, text.hidden), (5, 1));
    assert!(!text.text.contains("Dold bild"), "hidden slides are skipped");
    assert!(
        !text.text.contains("SRO · 21 maj 2021"),
        "footers are not content"
    );
    let doc = import::read_deck(&text, &Bodies::default()).expect("document");
    let meeting = doc.to_meeting("sro").expect("dated");
    let titles: Vec<&str> = meeting.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["Nära vård", "Budget"]);
    let first = &meeting.items[0];
    assert_eq!(first.presenters.len(), 1);
    assert!(first.position.is_some());
    let plain = samman_source::format::write(&meeting);
    assert!(plain.contains("Samverkansfrågor & mer"), "{plain}");
    assert!(
        plain.contains("[rapporten](https://example.org/rapport)"),
        "the link is kept: {plain}"
    );
    // The broken word is noted on slide 3 (the hidden one still counts), paragraph 3 (title, label, bullet).
    let note = doc
        .notes
        .iter()
        .find(|n| n.code == "broken-word")
        .expect("broken word noted");
    assert_eq!(text.places.describe(note.pos), "bild 3, stycke 3");
    assert_eq!(text.places.describe(Pos::line(1)), "bild 1, stycke 1");
}

#[test]
fn corrupt_and_foreign_files_are_refused_by_name() {
    let mut bytes = sro_deck();
    let cut = bytes.len() / 2;
    bytes.truncate(cut);
    assert!(err(&bytes).contains("zip"), "{}", err(&bytes));
    assert!(err(b"hej hej").contains("ingen .pptx"));
    let docx = zip_of(&[("word/document.xml".into(), b"<w/>".to_vec())]);
    assert!(err(&docx).contains("Word"));
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(vec![0; 512]);
    let mut encrypted = ole.clone();
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert!(err(&encrypted).contains("lösenordsskyddad"));
    let mut ppt = ole.clone();
    ppt.extend("PowerPoint Document".encode_utf16().flat_map(u16::to_le_bytes));
    assert!(err(&ppt).contains("spara som .pptx"));
    assert!(err(&ole).contains("OLE"));
}

#[test]
fn zip_bombs_are_refused() {
    let huge = vec![b' '; (pptx::MAX_PART_BYTES + 10) as usize];
    let mut bytes = deck(&[("", sp("type=\"title\"", 0, &p("a")))]);
    // Replace slide 1 with a part that unpacks beyond the limit.
    let mut parts = Vec::new();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).expect("zip");
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).expect("entry");
        let mut content = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut content).expect("read");
        let name = f.name().expect("name").to_string();
        if name.ends_with("slide1.xml") {
            content = huge.clone();
        }
        parts.push((name, content));
    }
    bytes = zip_of(&parts);
    assert!(bytes.len() < 1_000_000, "the bomb is small packed");
    assert!(err(&bytes).contains("zip-bomb"), "{}", err(&bytes));

    let many: Vec<(String, Vec<u8>)> = (0..=pptx::MAX_ENTRIES)
        .map(|i| (format!("x/{i}"), Vec::new()))
        .collect();
    assert!(err(&zip_of(&many)).contains("zip-bomb"));
}

#[test]
fn entity_bombs_are_refused_without_expanding() {
    let bomb = "<?xml version=\"1.0\"?><!DOCTYPE p:sld [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\
                <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>";
    let mut bytes = deck(&[("", sp("type=\"title\"", 0, &p("&d;")))]);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).expect("zip");
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).expect("entry");
        let mut content = String::new();
        std::io::Read::read_to_string(&mut f, &mut content).expect("read");
        let name = f.name().expect("name").to_string();
        if name.ends_with("slide1.xml") {
            content = content.replace("<?xml version=\"1.0\"?>", bomb);
        }
        parts.push((name, content.into_bytes()));
    }
    bytes = zip_of(&parts);
    let message = err(&bytes);
    assert!(
        message.contains("entitetsbomb") && message.contains("bild 1"),
        "{message}"
    );
    // Without the DOCTYPE the reference is simply unknown: quick-xml never expands it.
    let unknown = deck(&[("", sp("type=\"title\"", 0, &p("&d;")))]);
    assert!(err(&unknown).contains("okänd entitet"));
}

#[test]
fn a_deck_without_slides_or_text_is_refused() {
    assert!(err(&deck(&[])).contains("inga bilder"));
    let blank = deck(&[("", String::new())]);
    let text = pptx::read_bytes(&blank).expect("reads");
    let error = import::read_deck(&text, &Bodies::default()).expect_err("no text");
    assert!(error.message.contains("ingen text"), "{}", error.message);
}

#[test]
fn five_thousand_slides_are_within_limits() {
    let mut slides = vec![(
        "",
        sp("type=\"ctrTitle\"", 0, &p("Sammanställning från SRO 21 maj 2021")),
    )];
    for i in 0..4999 {
        slides.push((
            "",
            sp("type=\"title\"", 0, &p(&format!("Punkt {i}")))
                + &sp("idx=\"1\"", 1_500_000, &plain("Föredragande: Anna Berg, VGR")),
        ));
    }
    let text = pptx::read_bytes(&deck(&slides)).expect("5,000 slides");
    assert_eq!(text.slides, 5000);
    // The deck is read whole; the meeting it holds is then refused by the record's item limit (1,000),
    // with a message that says so, rather than ground through every rendition.
    let refused = import::read_deck(&text, &Bodies::default()).expect_err("over the item limit");
    assert!(refused.message.contains("högst 1000"), "{}", refused.message);
}

/// Pieces of slide XML, shuffled into mostly invalid, sometimes valid shape trees.
const PIECES: [&str; 24] = [
    "<p:sp>",
    "</p:sp>",
    "<p:txBody>",
    "</p:txBody>",
    "<a:p>",
    "</a:p>",
    "<a:r>",
    "</a:r>",
    "<a:t>",
    "</a:t>",
    "Föredragande: Anna",
    "<a:br/>",
    "<p:grpSp>",
    "</p:grpSp>",
    "<a:tbl>",
    "<a:tr>",
    "<a:tc>",
    "&amp;",
    "&#0;",
    "<a:pPr lvl=\"99\"><a:buChar char=\"-\"/></a:pPr>",
    "<p:nvSpPr><p:nvPr><p:ph type=\"title\"/></p:nvPr></p:nvSpPr>",
    "<a:xfrm><a:off x=\"-1\" y=\"1e308\"/><a:ext cx=\"0\" cy=\"NaN\"/></a:xfrm>",
    "- 1. #",
    "<a:rPr sz=\"99999999999\"/>",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), zip_head in any::<bool>()) {
        let mut bytes = bytes;
        if zip_head {
            bytes.splice(0..0, b"PK\x03\x04".iter().copied());
        }
        let _ = pptx::read_bytes(&bytes);
    }

    #[test]
    fn valid_zips_of_invalid_xml_never_panic(
        presentation in ".{0,200}",
        slide in proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 0..60),
        close in any::<bool>(),
        rels in ".{0,200}",
    ) {
        let slide: String = slide.concat();
        let end = if close { "</p:spTree></p:cSld></p:sld>" } else { "" };
        let good = deck(&[("", sp("type=\"title\"", 0, &p("a")))]);
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(good)).expect("zip");
        let mut parts = Vec::new();
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).expect("entry");
            let mut content = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut content).expect("read");
            let name = f.name().expect("name").to_string();
            let replaced = match name.as_str() {
                "ppt/presentation.xml" if presentation.len() % 3 == 0 => presentation.clone().into_bytes(),
                "ppt/slides/slide1.xml" => format!("<p:sld {NS}><p:cSld><p:spTree>{slide}{end}").into_bytes(),
                "ppt/_rels/presentation.xml.rels" if rels.len() % 2 == 0 => rels.clone().into_bytes(),
                _ => content,
            };
            parts.push((name, replaced));
        }
        if let Ok(text) = pptx::read_bytes(&zip_of(&parts)) {
            let _ = import::read_deck(&text, &Bodies::default());
        }
    }
}
