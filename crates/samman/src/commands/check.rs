//! `samman check FILE... [--format text|json]`: problems a reader would notice.
//!
//! Exit 0 when no file has errors (warnings allowed), 1 when any has, 2 when an input cannot be read
//! (the other files are still checked).

use std::path::PathBuf;

use samman_domain::Bodies;
use samman_source::check::{self, Severity};

use anyhow::bail;

use crate::{Outcome, output};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Source files, or anything `samman import` takes.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = super::diff::OutputFormat::Text)]
    format: super::diff::OutputFormat,
    /// Force the input form instead of detecting it from the content.
    #[arg(long, value_enum)]
    from: Option<super::From>,
}

pub fn run(args: Args, bodies: &Bodies) -> anyhow::Result<Outcome> {
    let mut any_error = false;
    let mut unreadable = 0;
    let mut json = Vec::new();
    for path in &args.files {
        let (loaded, document) = match super::load_document(path, args.from, bodies) {
            Ok(read) => read,
            Err(error) => {
                output::note(&format!("samman: fel: {error:#}"));
                unreadable += 1;
                continue;
            }
        };
        let mut problems = check::check(&document, &loaded.text, bodies);
        for p in &mut problems {
            loaded.localise(&mut p.message);
        }
        any_error |= problems.iter().any(|p| p.severity == Severity::Error);
        let shown = path.display().to_string();
        match args.format {
            super::diff::OutputFormat::Text => {
                output::print(&check::render_text_at(&problems, &shown, &|pos| {
                    loaded.place(pos)
                }))?
            }
            super::diff::OutputFormat::Json => {
                if let serde_json::Value::Array(items) = check::to_json(&problems) {
                    json.extend(items.into_iter().zip(&problems).map(|(mut item, problem)| {
                        if let serde_json::Value::Object(map) = &mut item {
                            map.insert("file".into(), shown.clone().into());
                            // In a deck, line and column are those of its text form; say the slide.
                            if loaded.places.is_some() {
                                map.insert("place".into(), loaded.place(problem.pos).into());
                            }
                        }
                        item
                    }));
                }
            }
        }
    }
    if args.format == super::diff::OutputFormat::Json {
        output::print(&format!("{}\n", serde_json::to_string_pretty(&json)?))?;
    }
    if unreadable > 0 {
        // Each file's own message is printed above; this only ends the run with exit 2.
        bail!("{unreadable} av {} filer kunde inte läsas", args.files.len());
    }
    Ok(if any_error {
        Outcome::Negative
    } else {
        Outcome::Success
    })
}
