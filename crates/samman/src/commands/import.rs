//! `samman import INPUT [-o FILE] [--from FORM]`: existing material → the source format.
//! `samman import DIR -o OUTDIR`: a whole archive (see `archive`).

use std::path::PathBuf;

use samman_domain::Bodies;

use crate::Outcome;
use crate::output::{self, Durability};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The summary to import: a PowerPoint deck, a deck exported to Markdown, a web page as text or
    /// HTML — or a directory of them (then -o names the output directory).
    input: PathBuf,
    /// Where to write the source file (default: standard output); for a directory, the output directory.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Force the input form instead of detecting it from the content.
    #[arg(long, value_enum)]
    from: Option<super::From>,
}

pub fn run(args: Args, bodies: &Bodies) -> anyhow::Result<Outcome> {
    if args.input.is_dir() {
        let Some(out_dir) = args.output.as_deref() else {
            anyhow::bail!(
                "{}: en katalog importeras till en utkatalog: ange -o KATALOG",
                args.input.display()
            );
        };
        return super::archive::run(&args.input, out_dir, args.from, bodies);
    }
    let (_, document, meeting) = super::load_meeting(&args.input, args.from, bodies)?;
    let source = samman_source::format::write(&meeting);
    output::write(args.output.as_deref(), source.as_bytes(), Durability::Synced)?;
    let form = document.format.map_or("okänt format", |f| f.description_sv());
    output::note(&format!(
        "samman: importerade {} punkter från {} ({form}){}",
        meeting.items.len(),
        args.input.display(),
        if document.notes.is_empty() {
            String::new()
        } else {
            format!("; {} anmärkningar — kör samman check", document.notes.len())
        }
    ));
    Ok(Outcome::Success)
}
