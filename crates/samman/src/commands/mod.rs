//! One module per subcommand, plus what they share: reading an input into a meeting (through the seam,
//! `samman_site`, which the server and the static build read through too).

mod archive;
pub mod build;
pub mod check;
pub mod diff;
pub mod fmt;
pub mod import;
pub mod load;
pub mod location;
pub mod newsletter;
pub mod publish;
pub mod render;
pub mod search_dir;
pub mod serve;
pub mod smtp;
pub mod user;

use std::path::Path;

use samman_domain::{Bodies, Meeting};
use samman_source::{Document, Format, Loaded};

/// Input forms for `--from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum From {
    /// The samman source format (Markdown + TOML front matter).
    Source,
    /// A slide deck exported to Markdown (one `#` heading per slide).
    DeckMd,
    /// The text of a published web page.
    PageText,
    /// A published web page as HTML.
    PageHtml,
    /// A PowerPoint deck (.pptx).
    Pptx,
}

impl From {
    pub fn format(self) -> Format {
        match self {
            From::Source => Format::Source,
            From::DeckMd => Format::DeckMarkdown,
            From::PageText => Format::PageText,
            From::PageHtml => Format::PageHtml,
            From::Pptx => Format::Pptx,
        }
    }
}

/// Reads `path` (any form `import` takes) into its located document.
pub fn load_document(path: &Path, from: Option<From>, bodies: &Bodies) -> anyhow::Result<(Loaded, Document)> {
    Ok(samman_site::load_document(path, from.map(From::format), bodies)?)
}

/// Reads `path` into a meeting; fails with a clear message when no meeting date can be found.
pub fn load_meeting(
    path: &Path,
    from: Option<From>,
    bodies: &Bodies,
) -> anyhow::Result<(Loaded, Document, Meeting)> {
    Ok(samman_site::load_meeting(path, from.map(From::format), bodies)?)
}
