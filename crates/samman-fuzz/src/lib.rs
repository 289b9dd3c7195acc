//! The functions the fuzz targets in `fuzz/` call, one per target, so that the committed corpus can be
//! replayed as an ordinary test on stable (`tests/corpus.rs`) through exactly the same code.
//!
//! Each takes arbitrary bytes and must neither panic nor hang: bytes go through the input check
//! ([`samman_source::input::decode`]) like any file would, then the reader; whatever parses is checked,
//! diffed with itself, written back to the source format and read again, and rendered. The PDF is left
//! out: typst takes a second a document, which would make fuzzing too slow to find anything.

use samman_domain::{Bodies, Meeting};
use samman_source::{Document, Format, check, diff, format, import, input};

/// What a fuzz target runs on its input.
pub type Target = fn(&[u8]);

/// The fuzz targets, by name (as in `fuzz/fuzz_targets/NAME.rs` and `fuzz/corpus/NAME/`).
pub const TARGETS: [(&str, Target); 7] = [
    ("source", source),
    ("deck_md", deck_md),
    ("page_text", page_text),
    ("page_html", page_html),
    ("pptx", pptx),
    ("bodies", bodies),
    ("render", render),
];

/// The source format parser, then everything downstream.
pub fn source(bytes: &[u8]) {
    read(bytes, Some(Format::Source));
}

/// The deck-as-Markdown importer.
pub fn deck_md(bytes: &[u8]) {
    read(bytes, Some(Format::DeckMarkdown));
}

/// The page-text importer.
pub fn page_text(bytes: &[u8]) {
    read(bytes, Some(Format::PageText));
}

/// The page-HTML importer.
pub fn page_html(bytes: &[u8]) {
    read(bytes, Some(Format::PageHtml));
}

/// The `.pptx` reader (zip, XML, shapes, the text form), then everything downstream of its document.
pub fn pptx(bytes: &[u8]) {
    let Ok(deck) = import::pptx::read_bytes(bytes) else {
        return;
    };
    let bodies = bodies_in_use();
    let Ok(document) = import::read_deck(&deck, &bodies) else {
        return;
    };
    downstream(&document, &deck.text, &bodies);
}

/// The bodies configuration file.
pub fn bodies(bytes: &[u8]) {
    if let Ok(text) = input::decode(bytes) {
        let _ = Bodies::from_toml(&text);
    }
}

/// Whatever form the bytes are detected as, rendered in every rendition.
pub fn render(bytes: &[u8]) {
    read(bytes, None);
}

fn bodies_in_use() -> Bodies {
    Bodies::from_toml(include_str!("../../../config/bodies.toml")).expect("the shipped bodies file parses")
}

/// Reads, checks, diffs, round-trips and renders; panics only where samman would.
fn read(bytes: &[u8], form: Option<Format>) {
    let bodies = bodies_in_use();
    let Ok(text) = input::decode(bytes) else {
        return;
    };
    let Ok(document) = import::read(&text, form, &bodies) else {
        return;
    };
    downstream(&document, &text, &bodies);
}

/// Checks, diffs, round-trips and renders a document read from `text`.
fn downstream(document: &Document, text: &str, bodies: &Bodies) {
    let _ = check::check(document, text, bodies);
    let _ = diff::diff_texts(document, text, document, text, bodies);
    if let Some(meeting) = document.to_meeting("sro") {
        round_trip(&meeting, bodies);
        render_all(&meeting, bodies);
    }
}

/// The source writer's promise: what it writes parses back to the same meeting.
fn round_trip(meeting: &Meeting, bodies: &Bodies) {
    let written = format::write(meeting);
    let again: Result<Document, _> = format::parse(&written, bodies);
    if let Ok(again) = again
        && let Some(back) = again.to_meeting("sro")
    {
        assert_eq!(
            format::write(&back),
            written,
            "writing is stable after one round trip"
        );
    }
}

fn render_all(meeting: &Meeting, bodies: &Bodies) {
    let body = bodies
        .get(&meeting.body)
        .cloned()
        .unwrap_or_else(|| samman_domain::Body::named(&meeting.body, &meeting.body, &meeting.body));
    let options = samman_render::Options::default();
    let _ = samman_render::html::render(meeting, &body, &options);
    let _ = samman_render::json::render(meeting, &body);
    let _ = samman_render::pptx::render(meeting, &body, &options);
    let now = samman_render::email::date_of(meeting);
    let _ = samman_render::email::render(meeting, &body, &options, now);
    let _ = samman_render::ics::render(&[(meeting, &body)], &options);
    let _ = samman_render::atom::render(&[meeting], &body, &options);
}
