//! `samman diff A B [--format text|json]`: how two renditions of one meeting disagree.
//! Exit 0 when they agree, 1 when they differ, 2 when an input cannot be read.

use std::io::IsTerminal;
use std::path::PathBuf;

use samman_domain::Bodies;
use samman_source::diff;

use crate::{Outcome, output};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Readable text (coloured on a terminal).
    Text,
    /// JSON for machines.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The first rendition (any form `samman import` takes, or a source file).
    a: PathBuf,
    /// The second rendition.
    b: PathBuf,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// Colour the text output: auto (when writing to a terminal and NO_COLOR is unset), always, never.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

pub fn run(args: Args, bodies: &Bodies) -> anyhow::Result<Outcome> {
    let (a_loaded, a) = super::load_document(&args.a, None, bodies)?;
    let (b_loaded, b) = super::load_document(&args.b, None, bodies)?;
    // With the raw texts the diff can also name each side's own spelling and date problems, with columns.
    let mut result = diff::diff_texts(&a, &a_loaded.text, &b, &b_loaded.text, bodies);
    // A deck's findings are placed by slide and paragraph, not by the lines of its text form.
    for (loaded, findings) in [
        (&a_loaded, &mut result.within.a),
        (&b_loaded, &mut result.within.b),
    ] {
        if loaded.places.is_some() {
            for f in findings.iter_mut() {
                f.place = Some(loaded.place(samman_source::Pos::new(f.line, f.column)));
                loaded.localise(&mut f.message);
            }
        }
    }
    match args.format {
        OutputFormat::Json => output::print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&diff::to_json(&result))?
        ))?,
        OutputFormat::Text => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            };
            let (an, bn) = (args.a.display().to_string(), args.b.display().to_string());
            output::print(&diff::render_text(&result, &an, &bn, color))?;
        }
    }
    Ok(if result.is_empty() {
        Outcome::Success
    } else {
        Outcome::Negative
    })
}
