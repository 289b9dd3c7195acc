//! The PDF rendition of a meeting summary: A4, tagged (PDF/UA-1), fonts embedded, for print and the archive.
//!
//! [`render`] turns a [`Meeting`] of a [`Body`] into PDF bytes with typst used as a library. The layout
//! lives in one typst template (`summary.typ`); the meeting reaches it as JSON data in `sys.inputs`
//! (see [`view`]), never as markup, so no text in a record can inject typst code. The only fonts are
//! the shipped Noto Sans files (OFL), compiled into the binary: no system font is consulted, so every
//! machine produces the same bytes, and nothing needs the network.
//!
//! The output claims PDF/UA-1. A record with characters no shipped font has (emoji, CJK) cannot meet
//! PDF/UA-1; it still renders, as a tagged PDF without the claim.
//!
//! This crate is separate from `samman-render` because typst is a long build; only the binary and the
//! site builder need it.

mod text;
mod view;

use std::sync::LazyLock;

use samman_domain::{Body, Meeting};
use samman_render::Options;
use typst::foundations::{Dict, Smart, Value};
use typst_as_lib::typst_kit_options::TypstKitFontOptions;
use typst_as_lib::{TypstAsLibError, TypstEngine, TypstTemplateMainFile};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

pub use view::{View, view};

/// The layout: walks the view data and sets it on A4 pages.
const TEMPLATE: &str = include_str!("summary.typ");

/// The document fonts, embedded (subset) into every PDF.
const FONTS: [&[u8]; 3] = [
    include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../../assets/fonts/NotoSans-Italic.ttf"),
];

/// Why a PDF could not be made. With a valid meeting this should not happen; it reports template or
/// export bugs instead of panicking.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("kunde inte förbereda mötet för PDF: {0}")]
    Data(#[from] serde_json::Error),
    #[error("PDF-mallen kunde inte sättas: {0}")]
    Layout(String),
    #[error("PDF-filen kunde inte skapas: {0}")]
    Export(String),
}

/// Built once: parsing the fonts and the template is the expensive part of a render.
static ENGINE: LazyLock<TypstEngine<TypstTemplateMainFile>> = LazyLock::new(|| {
    TypstEngine::builder()
        .main_file(TEMPLATE)
        .fonts(FONTS)
        // typst's bundled fonts only as a fallback for characters Noto Sans lacks; never system fonts,
        // which would make the output depend on the machine.
        .search_fonts_with(TypstKitFontOptions::new().include_system_fonts(false))
        .build()
});

/// Renders the summary of `meeting` as published by `body` to PDF bytes, links made absolute from
/// `options`' base URL (else the body's) like every other rendition's. Deterministic: the same
/// meeting and body give the same bytes (the document date comes from the record, not the clock).
pub fn render(meeting: &Meeting, body: &Body, options: &Options) -> Result<Vec<u8>, PdfError> {
    render_view(&view(meeting, body, options))
}

/// Renders an already built [`View`].
pub fn render_view(view: &View) -> Result<Vec<u8>, PdfError> {
    let json = serde_json::to_string(view)?;
    let mut inputs = Dict::new();
    inputs.insert("data".into(), Value::Str(json.into()));
    let document: PagedDocument = ENGINE.compile_with_input(inputs).output.map_err(layout_error)?;
    let ua =
        PdfStandards::new(&[PdfStandard::Ua_1]).map_err(|e| PdfError::Export(e.message().to_string()))?;
    match typst_pdf::pdf(&document, &options(view, ua)) {
        Ok(bytes) => Ok(bytes),
        // PDF/UA-1 refuses text that the fonts cannot show (an emoji, Chinese). Such a record still
        // gets its PDF: tagged, with everything else the same, but without claiming PDF/UA-1 and with
        // the missing characters drawn as empty boxes. Deterministic, since the same record always
        // takes the same path.
        Err(_) => typst_pdf::pdf(&document, &options(view, PdfStandards::default())).map_err(|errors| {
            PdfError::Export(
                errors
                    .iter()
                    .map(|e| e.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        }),
    }
}

fn options(view: &View, standards: PdfStandards) -> PdfOptions {
    PdfOptions {
        // A fixed identity (the title) and creator keep the bytes independent of the typst version's
        // defaults changing under us.
        ident: Smart::Custom(view.title.replace(text::BREAK, "")),
        creator: Smart::Custom(Some("samman".into())),
        standards,
        tagged: true,
        ..PdfOptions::default()
    }
}

/// typst's diagnostics as one readable line with template positions (the template is ours, so these
/// are bugs to report, not user errors).
fn layout_error(error: TypstAsLibError) -> PdfError {
    match error {
        TypstAsLibError::TypstSource(diagnostics) => PdfError::Layout(
            diagnostics
                .iter()
                .map(|d| match template_position(d.span) {
                    Some((line, column)) => format!("summary.typ:{line}:{column}: {}", d.message),
                    None => d.message.to_string(),
                })
                .collect::<Vec<_>>()
                .join("; "),
        ),
        other => PdfError::Layout(other.to_string()),
    }
}

/// Line and column (1-based) of a diagnostic in the template; spans are numbered deterministically when
/// a file is parsed, so re-parsing the template under the span's file id finds the same node.
fn template_position(span: typst::syntax::DiagSpan) -> Option<(usize, usize)> {
    use typst::syntax::{DiagSpanKind, Source};
    let (source, start) = match span.get() {
        DiagSpanKind::Detached => return None,
        DiagSpanKind::Number { id, num, sub_range } => {
            let source = Source::new(id, TEMPLATE.to_string());
            let start = source.range(num, sub_range)?.start;
            (source, start)
        }
        DiagSpanKind::Range { id, range } => (Source::new(id, TEMPLATE.to_string()), range.start),
    };
    let (line, column) = source.lines().byte_to_line_column(start)?;
    Some((line + 1, column + 1))
}
