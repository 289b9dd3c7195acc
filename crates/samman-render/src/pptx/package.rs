//! The OPC package: the part list, content types, relationships, document properties and the zip.
//!
//! The zip is written deterministically: parts in a fixed order (`[Content_Types].xml` first, as Office
//! expects), every timestamp 1980-01-01 00:00, every part stored. Deflating cost more than the rest of the
//! deck together: each of the ~20 entries needs its compressor reset, which clears tens of kilobytes of
//! tables (measured: 0.8 ms of a 4.5 ms `render --to pptx`). Stored, the deck is ~125 KB instead of ~47 KB;
//! the site compresses it in transit (`samman-server`'s layers), and Office and LibreOffice read stored
//! parts as any other.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::PptxError;
use super::geometry as g;
use super::shapes::NS;
use super::slides::SlidePart;
use super::xml::{DECLARATION, esc};

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PML: &str = "application/vnd.openxmlformats-officedocument.presentationml";

/// Metadata of the deck for `docProps/core.xml` and `app.xml`.
#[derive(Debug, Clone)]
pub struct Properties {
    pub title: String,
    pub creator: String,
    /// W3CDTF in UTC, e.g. "2021-05-21T00:00:00Z": from the record, never the clock.
    pub created: String,
    pub modified: String,
}

/// Every part of the deck as (path, bytes), in the order they go into the zip.
pub fn parts(
    slides: &[SlidePart],
    theme: String,
    master: String,
    layouts: [String; 2],
    logo: Option<&[u8]>,
    props: &Properties,
) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let mut put = |path: &str, text: String| out.push((path.to_string(), text.into_bytes()));
    put("[Content_Types].xml", content_types(slides.len(), logo.is_some()));
    put(
        "_rels/.rels",
        rels(&[
            ("officeDocument", "ppt/presentation.xml".into()),
            (
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml".into(),
            ),
            ("extended-properties", "docProps/app.xml".into()),
        ]),
    );
    put("docProps/core.xml", core(props));
    put("docProps/app.xml", app(slides.len()));
    put("ppt/presentation.xml", presentation(slides.len()));
    let mut pres_rels: Vec<(&str, String)> = vec![("slideMaster", "slideMasters/slideMaster1.xml".into())];
    pres_rels.extend((1..=slides.len()).map(|n| ("slide", format!("slides/slide{n}.xml"))));
    pres_rels.extend([
        ("presProps", "presProps.xml".into()),
        ("viewProps", "viewProps.xml".into()),
        ("theme", "theme/theme1.xml".into()),
        ("tableStyles", "tableStyles.xml".into()),
    ]);
    put("ppt/_rels/presentation.xml.rels", rels(&pres_rels));
    put(
        "ppt/presProps.xml",
        format!("{DECLARATION}<p:presentationPr {NS}/>"),
    );
    put(
        "ppt/viewProps.xml",
        format!(
            "{DECLARATION}<p:viewPr {NS}><p:normalViewPr><p:restoredLeft sz=\"15620\"/><p:restoredTop sz=\"94660\"/>\
             </p:normalViewPr><p:gridSpacing cx=\"76200\" cy=\"76200\"/></p:viewPr>"
        ),
    );
    put(
        "ppt/tableStyles.xml",
        format!(
            "{DECLARATION}<a:tblStyleLst xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
             def=\"{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}\"/>"
        ),
    );
    put("ppt/theme/theme1.xml", theme);
    put("ppt/slideMasters/slideMaster1.xml", master);
    put(
        "ppt/slideMasters/_rels/slideMaster1.xml.rels",
        rels(&[
            ("slideLayout", "../slideLayouts/slideLayout1.xml".into()),
            ("slideLayout", "../slideLayouts/slideLayout2.xml".into()),
            ("theme", "../theme/theme1.xml".into()),
        ]),
    );
    for (i, layout) in layouts.into_iter().enumerate() {
        let n = i + 1;
        put(&format!("ppt/slideLayouts/slideLayout{n}.xml"), layout);
        put(
            &format!("ppt/slideLayouts/_rels/slideLayout{n}.xml.rels"),
            rels(&[("slideMaster", "../slideMasters/slideMaster1.xml".into())]),
        );
    }
    for (i, slide) in slides.iter().enumerate() {
        let n = i + 1;
        put(&format!("ppt/slides/slide{n}.xml"), slide.xml.clone());
        put(&format!("ppt/slides/_rels/slide{n}.xml.rels"), slide_rels(slide));
    }
    if let Some(png) = logo {
        out.push(("ppt/media/image1.png".into(), png.to_vec()));
    }
    out
}

/// Zips the parts, stored, with fixed timestamps.
pub fn zip(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, PptxError> {
    let size = parts
        .iter()
        .map(|(path, bytes)| bytes.len() + 2 * path.len() + 100)
        .sum::<usize>();
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(size + 22)));
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::default());
    for (path, bytes) in parts {
        writer.start_file(path.as_str(), stored)?;
        writer.write_all(bytes)?;
    }
    Ok(writer.finish()?.into_inner())
}

fn content_types(slides: usize, png: bool) -> String {
    let mut overrides = vec![
        ("/ppt/presentation.xml", format!("{PML}.presentation.main+xml")),
        (
            "/ppt/slideMasters/slideMaster1.xml",
            format!("{PML}.slideMaster+xml"),
        ),
        (
            "/ppt/slideLayouts/slideLayout1.xml",
            format!("{PML}.slideLayout+xml"),
        ),
        (
            "/ppt/slideLayouts/slideLayout2.xml",
            format!("{PML}.slideLayout+xml"),
        ),
        (
            "/ppt/theme/theme1.xml",
            "application/vnd.openxmlformats-officedocument.theme+xml".into(),
        ),
        ("/ppt/presProps.xml", format!("{PML}.presProps+xml")),
        ("/ppt/viewProps.xml", format!("{PML}.viewProps+xml")),
        ("/ppt/tableStyles.xml", format!("{PML}.tableStyles+xml")),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".into(),
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
        ),
    ]
    .into_iter()
    .map(|(part, kind)| format!("<Override PartName=\"{part}\" ContentType=\"{kind}\"/>"))
    .collect::<String>();
    for n in 1..=slides {
        overrides +=
            &format!("<Override PartName=\"/ppt/slides/slide{n}.xml\" ContentType=\"{PML}.slide+xml\"/>");
    }
    let png = if png {
        "<Default Extension=\"png\" ContentType=\"image/png\"/>"
    } else {
        ""
    };
    format!(
        "{DECLARATION}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>{png}{overrides}</Types>"
    )
}

/// A relationships part; ids are rId1, rId2, … in the given order. Short types are in the office
/// relationships namespace; full URIs are used as they are.
fn rels(entries: &[(&str, String)]) -> String {
    let body: String = entries
        .iter()
        .enumerate()
        .map(|(i, (kind, target))| {
            let kind = if kind.starts_with("http") {
                kind.to_string()
            } else {
                format!("{REL}/{kind}")
            };
            format!(
                "<Relationship Id=\"rId{}\" Type=\"{kind}\" Target=\"{}\"/>",
                i + 1,
                esc(target)
            )
        })
        .collect();
    format!(
        "{DECLARATION}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{body}</Relationships>"
    )
}

fn slide_rels(slide: &SlidePart) -> String {
    let mut body = format!(
        "<Relationship Id=\"rId1\" Type=\"{REL}/slideLayout\" Target=\"../slideLayouts/slideLayout{}.xml\"/>",
        slide.layout
    );
    if slide.uses_logo {
        body += &format!("<Relationship Id=\"rId2\" Type=\"{REL}/image\" Target=\"../media/image1.png\"/>");
    }
    for (i, href) in slide.links.iter().enumerate() {
        body += &format!(
            "<Relationship Id=\"rId{}\" Type=\"{REL}/hyperlink\" Target=\"{}\" TargetMode=\"External\"/>",
            i + 3,
            esc(href)
        );
    }
    format!(
        "{DECLARATION}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{body}</Relationships>"
    )
}

fn presentation(slides: usize) -> String {
    let ids: String = (1..=slides)
        .map(|n| format!("<p:sldId id=\"{}\" r:id=\"rId{}\"/>", 255 + n, n + 1))
        .collect();
    let levels: String = (1..=9)
        .map(|l| {
            format!(
                "<a:lvl{l}pPr marL=\"0\" algn=\"l\"><a:defRPr lang=\"sv-SE\" sz=\"1800\">\
                 <a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl{l}pPr>"
            )
        })
        .collect();
    format!(
        "{DECLARATION}<p:presentation {NS} saveSubsetFonts=\"1\">\
         <p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst>\
         <p:sldIdLst>{ids}</p:sldIdLst><p:sldSz cx=\"{}\" cy=\"{}\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/>\
         <p:defaultTextStyle><a:defPPr><a:defRPr lang=\"sv-SE\"/></a:defPPr>{levels}</p:defaultTextStyle></p:presentation>",
        g::SLIDE_W,
        g::SLIDE_H
    )
}

fn core(p: &Properties) -> String {
    format!(
        "{DECLARATION}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>sv-SE</dc:language>\
         <cp:lastModifiedBy>samman</cp:lastModifiedBy><cp:revision>1</cp:revision>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{}</dcterms:modified></cp:coreProperties>",
        esc(&p.title),
        esc(&p.creator),
        esc(&p.created),
        esc(&p.modified),
    )
}

fn app(slides: usize) -> String {
    format!(
        "{DECLARATION}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
         xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
         <Application>samman</Application><PresentationFormat>Bredbild</PresentationFormat>\
         <Slides>{slides}</Slides></Properties>"
    )
}
