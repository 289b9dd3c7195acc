//! `samman render FILE... --to FORMAT [-o OUT]` and `samman render FILE --all -o DIR`.
//!
//! The format is `--to`, or inferred from OUT's extension. Every rendition comes from the seam's table
//! (`samman_site::renditions`), which the web server and the static build render through too.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use samman_domain::{Bodies, Body, Meeting};
use samman_render::Options;
use samman_site::renditions::{self, Rendition};

use crate::Outcome;
use crate::config::body_for;
use crate::output::{self, Durability};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Source files (or anything `samman import` takes). Several only for --to atom and ics.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The rendition; inferred from OUT's extension when left out.
    #[arg(long, value_enum)]
    to: Option<Rendition>,
    /// Output file (default: standard output), or with --all the output directory.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Write every rendition of one meeting into the directory given with -o.
    #[arg(long, conflicts_with = "to")]
    all: bool,
    /// Force the input form instead of detecting it from the content.
    #[arg(long, value_enum)]
    from: Option<super::From>,
    /// Base URL of the published site, for absolute links (default: the body's base_url).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

pub fn run(args: Args, bodies: &Bodies) -> anyhow::Result<Outcome> {
    if let Some(url) = &args.base_url {
        samman_domain::url::check_base_url(url)
            .map_err(|reason| anyhow::anyhow!("--base-url {url:?} {reason}"))?;
    }
    let options = Options {
        base_url: args.base_url.clone(),
        ..Options::default()
    };
    let mut meetings = Vec::with_capacity(args.files.len());
    for path in &args.files {
        let (_, _, meeting) = super::load_meeting(path, args.from, bodies)?;
        let body = body_for(bodies, &meeting.body);
        meetings.push((meeting, body));
    }
    if args.all {
        let Some(dir) = args.output.as_deref() else {
            bail!("--all behöver en utkatalog: -o KATALOG")
        };
        let [(meeting, body)] = meetings.as_slice() else {
            bail!("--all tar exakt en fil")
        };
        return render_all(meeting, body, &options, dir);
    }
    let to = match (args.to, args.output.as_deref()) {
        (Some(to), _) => to,
        (None, Some(out)) => infer(out)?,
        (None, None) => {
            bail!("ange formatet med --to (html, pptx, pdf, email, ics, atom, json) eller -o FIL")
        }
    };
    if meetings.len() > 1 && !matches!(to, Rendition::Atom | Rendition::Ics) {
        bail!("bara --to atom och --to ics tar flera filer");
    }
    let to_terminal = args.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout());
    if to_terminal && to.is_binary() {
        bail!("{to:?} är binärt och skrivs inte till terminalen; ange en fil med -o");
    }
    let bytes = renditions::render(to, &meetings, &options)?;
    output::write(args.output.as_deref(), &bytes, Durability::Renewable)?;
    Ok(Outcome::Success)
}

/// Every rendition of one meeting into `dir`, as one change: all are rendered before anything is written,
/// and `output::write_set` replaces the seven files together (see `output` for how).
fn render_all(meeting: &Meeting, body: &Body, options: &Options, dir: &Path) -> anyhow::Result<Outcome> {
    let one = [(meeting.clone(), body.clone())];
    let mut rendered = Vec::with_capacity(renditions::ALL.len());
    for rendition in renditions::ALL {
        let name = rendition.file_name();
        let bytes = renditions::render(rendition, &one, options)
            .with_context(|| format!("{name} kunde inte skapas"))?;
        rendered.push((name, bytes));
    }
    for path in output::write_set(dir, &rendered)? {
        output::note(&format!("samman: skrev {}", path.display()));
    }
    Ok(Outcome::Success)
}

fn infer(out: &Path) -> anyhow::Result<Rendition> {
    let ext = out.extension().and_then(|e| e.to_str()).unwrap_or_default();
    let Some(rendition) = Rendition::from_extension(ext) else {
        bail!(
            "{}: kan inte avgöra formatet av filändelsen; ange --to",
            out.display()
        )
    };
    Ok(rendition)
}
