//! The deck as a package: its parts, snapshots of the main XML, determinism, escaping and paging.
//!
//! The decks are read back with the `zip` reader and every XML part is parsed with quick-xml, so a
//! malformed part fails here before any office suite sees it.

mod pptx_support;

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::Writer;
use quick_xml::events::Event;
use samman_domain::{Block, Body, Item, ListItem, Meeting};
use samman_render::pptx;

/// Every part of a deck as (name, bytes), in zip order.
fn parts(deck: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(deck)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("entry");
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).expect("read entry");
            (file.name().expect("entry name").to_string(), bytes)
        })
        .collect()
}

fn part(deck: &[u8], name: &str) -> String {
    let (_, bytes) = parts(deck)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no part {name}"));
    String::from_utf8(bytes).expect("UTF-8")
}

/// Parses an XML part completely; panics with the part name on any well-formedness error.
fn parse(name: &str, xml: &str) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    let mut texts = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Text(t)) => texts.push(t.xml10_content().into_owned()),
            Ok(Event::GeneralRef(r)) => {
                let name = r.xml10_content();
                let resolved = quick_xml::escape::resolve_predefined_entity(&name)
                    .unwrap_or_else(|| panic!("{name}: unknown entity {name}"));
                texts.push(resolved.to_string());
            }
            Ok(_) => {}
            Err(e) => panic!("{name}: not well-formed at {}: {e}", reader.buffer_position()),
        }
    }
    texts
}

/// The XML indented, one element per line, for readable snapshots.
fn pretty(xml: &str) -> String {
    // The parts have no whitespace between elements, so no trimming is needed (and none may happen:
    // spaces at the ends of runs are content).
    let mut reader = Reader::from_str(xml);
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 1);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(event) => writer.write_event(event).expect("write"),
            Err(e) => panic!("not well-formed: {e}"),
        }
    }
    String::from_utf8(writer.into_inner()).expect("UTF-8")
}

fn sro_deck() -> Vec<u8> {
    pptx::render(
        &pptx_support::sro_meeting(),
        &pptx_support::sro(),
        &samman_render::Options::default(),
    )
    .expect("deck")
}

#[test]
fn the_package_has_every_part_powerpoint_expects() {
    let deck = sro_deck();
    let names: Vec<String> = parts(&deck).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names.first().map(String::as_str), Some("[Content_Types].xml"));
    for required in [
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "ppt/presentation.xml",
        "ppt/_rels/presentation.xml.rels",
        "ppt/presProps.xml",
        "ppt/viewProps.xml",
        "ppt/tableStyles.xml",
        "ppt/theme/theme1.xml",
        "ppt/slideMasters/slideMaster1.xml",
        "ppt/slideMasters/_rels/slideMaster1.xml.rels",
        "ppt/slideLayouts/slideLayout1.xml",
        "ppt/slideLayouts/slideLayout2.xml",
        "ppt/slides/slide1.xml",
        "ppt/slides/_rels/slide1.xml.rels",
    ] {
        assert!(names.iter().any(|n| n == required), "missing {required}");
    }
    let slides = names.iter().filter(|n| n.starts_with("ppt/slides/slide")).count();
    let titles = pptx::slide_titles(&pptx_support::sro_meeting(), &pptx_support::sro());
    assert_eq!(slides, titles.len());
    let types = part(&deck, "[Content_Types].xml");
    for n in 1..=slides {
        assert!(
            types.contains(&format!("/ppt/slides/slide{n}.xml")),
            "slide {n} has no content type"
        );
    }
    for (name, bytes) in parts(&deck) {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            parse(&name, std::str::from_utf8(&bytes).expect("UTF-8"));
        }
    }
}

#[test]
fn presentation_is_16_9_and_metadata_comes_from_the_record() {
    let deck = sro_deck();
    let presentation = part(&deck, "ppt/presentation.xml");
    assert!(presentation.contains("<p:sldSz cx=\"12192000\" cy=\"6858000\"/>"));
    let core = part(&deck, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>Sammanställning från SRO 21 maj 2021</dc:title>"),
        "{core}"
    );
    assert!(core.contains("<dc:language>sv-SE</dc:language>"));
    // 21 May 00:00 in Stockholm is 20 May 22:00 UTC; updated 24 May 09:51 is 07:51 UTC.
    assert!(core.contains(">2021-05-20T22:00:00Z</dcterms:created>"), "{core}");
    assert!(
        core.contains(">2021-05-24T07:51:00Z</dcterms:modified>"),
        "{core}"
    );
    let theme = part(&deck, "ppt/theme/theme1.xml");
    assert!(theme.contains("<a:dk2><a:srgbClr val=\"00506E\"/></a:dk2>"));
    assert!(theme.contains("<a:latin typeface=\"Noto Sans\"/>"));
}

#[test]
fn slide_order_follows_the_record() {
    let titles = pptx::slide_titles(&pptx_support::sro_meeting(), &pptx_support::sro());
    insta::assert_json_snapshot!("sro_slide_titles", titles);
}

#[test]
fn links_become_external_hyperlinks() {
    let deck = sro_deck();
    let titles = pptx::slide_titles(&pptx_support::sro_meeting(), &pptx_support::sro());
    let n = titles
        .iter()
        .position(|t| t == "Information ut från mötet")
        .expect("the item slide")
        + 1;
    let slide = part(&deck, &format!("ppt/slides/slide{n}.xml"));
    assert!(slide.contains("<a:hlinkClick r:id=\"rId3\"/>"), "{slide}");
    let rels = part(&deck, &format!("ppt/slides/_rels/slide{n}.xml.rels"));
    assert!(
        rels.contains(
            "Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" \
             Target=\"https://samman.example.org/sro/prenumerera\" TargetMode=\"External\""
        ),
        "{rels}"
    );
}

#[test]
fn snapshots_of_the_main_parts() {
    let deck = sro_deck();
    insta::assert_snapshot!("sro_presentation", pretty(&part(&deck, "ppt/presentation.xml")));
    let slides = parts(&deck)
        .iter()
        .filter(|(n, _)| n.starts_with("ppt/slides/slide"))
        .count();
    for n in 1..=slides {
        let xml = part(&deck, &format!("ppt/slides/slide{n}.xml"));
        insta::assert_snapshot!(format!("sro_slide{n:02}"), pretty(&xml));
    }
}

#[test]
fn every_slide_has_a_title_first_and_every_run_is_swedish() {
    let deck = sro_deck();
    for (name, bytes) in parts(&deck) {
        if !(name.starts_with("ppt/slides/slide") && name.ends_with(".xml")) {
            continue;
        }
        let xml = String::from_utf8(bytes).expect("UTF-8");
        let first_shape = xml.find("<p:sp>").expect("a shape");
        let title = xml
            .find("<p:ph type=\"title\"/>")
            .or_else(|| xml.find("<p:ph type=\"ctrTitle\"/>"))
            .unwrap_or_else(|| panic!("{name}: no title placeholder"));
        let second_shape = xml[first_shape + 1..].find("<p:sp>").map(|i| i + first_shape + 1);
        assert!(
            second_shape.is_none_or(|s| title < s),
            "{name}: the title is not the first shape"
        );
        assert_eq!(
            xml.matches("<a:rPr ").count(),
            xml.matches("<a:rPr lang=\"sv-SE\"").count(),
            "{name}: a run without sv-SE"
        );
        assert_eq!(
            xml.matches("<a:endParaRPr ").count(),
            xml.matches("<a:endParaRPr lang=\"sv-SE\"").count()
        );
    }
    let master = part(&deck, "ppt/slideMasters/slideMaster1.xml");
    assert!(master.contains("<a:defRPr lang=\"sv-SE\""));
}

#[test]
fn the_same_record_gives_the_same_bytes() {
    let a = sro_deck();
    let b = sro_deck();
    assert_eq!(a, b);
    let odd = pptx_support::odd_meeting();
    let body = pptx_support::sro();
    assert_eq!(
        pptx::render(&odd, &body, &samman_render::Options::default()).expect("deck"),
        pptx::render(&odd, &body, &samman_render::Options::default()).expect("deck")
    );
    // Fixed zip timestamps: every entry says 1980-01-01 00:00.
    let mut archive = zip::ZipArchive::new(Cursor::new(&a[..])).expect("zip");
    for i in 0..archive.len() {
        let file = archive.by_index(i).expect("entry");
        let t = file.last_modified().expect("a timestamp");
        assert_eq!(
            (t.year(), t.month(), t.day(), t.hour(), t.minute()),
            (1980, 1, 1, 0, 0)
        );
    }
}

#[test]
fn hostile_text_is_escaped_and_stripped() {
    let deck = pptx::render(
        &pptx_support::odd_meeting(),
        &pptx_support::sro(),
        &samman_render::Options::default(),
    )
    .expect("deck");
    let mut seen_script = false;
    for (name, bytes) in parts(&deck) {
        if !name.ends_with(".xml") {
            continue;
        }
        let xml = String::from_utf8(bytes).expect("UTF-8");
        assert!(!xml.contains("<script"), "{name}: raw markup");
        assert!(
            !xml.chars().any(|c| matches!(c, '\u{1}' | '\u{8}' | '\u{1f}')),
            "{name}: control character"
        );
        let texts = parse(&name, &xml).concat();
        if texts.contains("<script>alert('x')</script>") {
            seen_script = true;
            assert!(texts.contains("\"citat\" ]]> kontrolltecken"), "{name}: {texts}");
        }
    }
    assert!(seen_script, "the text itself must survive, only escaped");
    let titles = pptx::slide_titles(&pptx_support::odd_meeting(), &pptx_support::sro());
    assert!(
        titles.iter().any(|t| t.starts_with("Rubrik med <script>")),
        "{titles:?}"
    );
}

#[test]
fn forty_bullets_continue_on_follow_on_slides_that_fit() {
    let meeting = pptx_support::long_meeting();
    let body = pptx_support::sro();
    let titles = pptx::slide_titles(&meeting, &body);
    let item = &meeting.items[0].title;
    let continued = titles
        .iter()
        .filter(|t| **t == format!("{item} (forts.)"))
        .count();
    assert!(continued >= 2, "{titles:?}");
    for (title, used, area) in pptx::slide_fill(&meeting, &body) {
        assert!(used <= area, "{title}: {used} > {area}");
    }
    let deck = pptx::render(&meeting, &body, &samman_render::Options::default()).expect("deck");
    let all_text: String = parts(&deck)
        .iter()
        .filter(|(n, _)| n.starts_with("ppt/slides/slide") && n.ends_with(".xml"))
        .map(|(n, b)| parse(n, std::str::from_utf8(b).expect("UTF-8")).concat())
        .collect();
    for i in 1..=40 {
        assert!(all_text.contains(&format!("Punkt {i}: ")), "bullet {i} is lost");
    }
}

#[test]
fn every_example_fits_by_its_own_measure() {
    let body = pptx_support::sro();
    for meeting in [
        pptx_support::sro_meeting(),
        pptx_support::long_meeting(),
        pptx_support::odd_meeting(),
    ] {
        for (title, used, area) in pptx::slide_fill(&meeting, &body) {
            assert!(used <= area, "{title}: {used} > {area}");
        }
    }
}

#[test]
fn a_very_long_paragraph_is_split_across_slides() {
    let mut meeting = Meeting::new("sro", samman_domain::Date::new(2024, 3, 8).expect("date"));
    let words: Vec<String> = (1..=900).map(|i| format!("ord{i}")).collect();
    meeting.items.push(Item {
        title: "Lång text".into(),
        content: vec![Block::paragraph(words.join(" ").as_str())],
        ..Item::default()
    });
    let body = pptx_support::sro();
    let titles = pptx::slide_titles(&meeting, &body);
    assert!(
        titles.iter().filter(|t| *t == "Lång text (forts.)").count() >= 1,
        "{titles:?}"
    );
    let deck = pptx::render(&meeting, &body, &samman_render::Options::default()).expect("deck");
    let text: String = parts(&deck)
        .iter()
        .filter(|(n, _)| n.starts_with("ppt/slides/slide") && n.ends_with(".xml"))
        .map(|(n, b)| parse(n, std::str::from_utf8(b).expect("UTF-8")).join(" "))
        .collect::<Vec<_>>()
        .join(" ");
    for w in [&words[0], &words[449], &words[899]] {
        assert!(text.split_whitespace().any(|t| t == w), "{w} is lost");
    }
}

#[test]
fn a_meeting_without_items_still_makes_a_deck() {
    let meeting = Meeting::new("x", samman_domain::Date::new(2024, 1, 5).expect("date"));
    let body = Body::named("x", "X", "Exempelorganet");
    let titles = pptx::slide_titles(&meeting, &body);
    assert_eq!(titles, vec!["Sammanställning från: Exempelorganet"]);
    let deck = pptx::render(&meeting, &body, &samman_render::Options::default()).expect("deck");
    assert!(part(&deck, "ppt/slides/slide1.xml").contains("5 januari 2024"));
}

#[test]
fn a_long_agenda_continues_and_keeps_counting() {
    let mut meeting = Meeting::new("sro", samman_domain::Date::new(2024, 3, 8).expect("date"));
    meeting.items = (1..=30)
        .map(|i| Item::titled(format!("Ärende nummer {i}")))
        .collect();
    let body = pptx_support::sro();
    let titles = pptx::slide_titles(&meeting, &body);
    assert_eq!(titles[1], "Agenda SRO 8 mars 2024");
    assert_eq!(titles[2], "Agenda SRO 8 mars 2024 (forts.)");
    let deck = pptx::render(&meeting, &body, &samman_render::Options::default()).expect("deck");
    let continued = part(&deck, "ppt/slides/slide3.xml");
    // The first entry on the follow-on slide carries on the count from the first slide.
    let first_number: usize = continued
        .split("startAt=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|n| n.parse().ok())
        .expect("a numbered entry");
    let first_slide = part(&deck, "ppt/slides/slide2.xml");
    assert_eq!(first_number, first_slide.matches("<a:buAutoNum").count() + 1);
    assert!(continued.contains(&format!(">Ärende nummer {first_number}<")));
}

#[test]
fn empty_titles_get_a_fallback_so_every_slide_has_one() {
    let mut meeting = Meeting::new("sro", samman_domain::Date::new(2024, 3, 8).expect("date"));
    meeting.items.push(Item {
        slides: vec![samman_domain::Slide::default()],
        ..Item::titled("  ")
    });
    meeting.closing = Some(samman_domain::Slide::default());
    let titles = pptx::slide_titles(&meeting, &pptx_support::sro());
    assert_eq!(titles[2..], ["Punkt 1", "Punkt 1", "Avslutning"]);
}

#[test]
fn nesting_deeper_than_three_levels_stays_readable() {
    let mut meeting = Meeting::new("sro", samman_domain::Date::new(2024, 3, 8).expect("date"));
    let deep = ListItem::with_children(
        "nivå 1",
        vec![ListItem::with_children(
            "nivå 2",
            vec![ListItem::with_children("nivå 3", vec![ListItem::new("nivå 4")])],
        )],
    );
    meeting.items.push(Item {
        title: "Djup lista".into(),
        content: vec![Block::List { items: vec![deep] }],
        ..Item::default()
    });
    let deck =
        pptx::render(&meeting, &pptx_support::sro(), &samman_render::Options::default()).expect("deck");
    let slide = part(&deck, "ppt/slides/slide3.xml");
    assert!(slide.contains("nivå 4"));
    // No run is smaller than 18 pt.
    for size in slide.split(" sz=\"").skip(1).filter_map(|s| s.split('"').next()) {
        let size: u32 = size.parse().expect("a size");
        assert!(size >= 1200, "{size}");
    }
    assert!(!slide.contains("sz=\"1600\"") && !slide.contains("sz=\"1400\""));
}

#[test]
fn a_logo_is_embedded_with_alt_text_and_bad_logos_are_errors() {
    let png = tiny_png();
    let mut body = pptx_support::sro();
    body.theme.logo_alt = Some("SRO:s logotyp".into());
    let deck = pptx::render_with_logo(
        &pptx_support::sro_meeting(),
        &body,
        &samman_render::Options::default(),
        Some(&png),
    )
    .expect("deck");
    assert!(
        parts(&deck)
            .iter()
            .any(|(n, b)| n == "ppt/media/image1.png" && *b == png)
    );
    let slide = part(&deck, "ppt/slides/slide1.xml");
    assert!(slide.contains("descr=\"SRO:s logotyp\""), "{slide}");
    assert!(part(&deck, "ppt/slides/_rels/slide1.xml.rels").contains("../media/image1.png"));
    assert!(part(&deck, "[Content_Types].xml").contains("Extension=\"png\""));

    let err = pptx::render_with_logo(
        &pptx_support::sro_meeting(),
        &body,
        &samman_render::Options::default(),
        Some(b"GIF89a"),
    )
    .unwrap_err();
    assert!(err.to_string().contains("PNG"), "{err}");
    body.theme.logo = Some("/finns/inte/logo.png".into());
    let err = pptx::render(
        &pptx_support::sro_meeting(),
        &body,
        &samman_render::Options::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("/finns/inte/logo.png"), "{err}");
}

/// A valid 2×1 RGB PNG.
pub fn tiny_png() -> Vec<u8> {
    pptx_support::tiny_png()
}
