//! `samman render FILE... --to FORMAT [-o OUT]` and `samman render FILE --all -o DIR`.
//!
//! The format is `--to`, or inferred from OUT's extension. Every rendition comes from the same
//! `samman_render` functions the web server and static build use.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use samman_domain::{Bodies, Body, Meeting};
use samman_render::Options;

use crate::Outcome;
use crate::config::body_for;
use crate::output;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum To {
    /// The web summary page.
    Html,
    /// The slide deck (PowerPoint).
    Pptx,
    /// The printable, archivable document.
    Pdf,
    /// The newsletter e-mail (.eml).
    Email,
    /// iCalendar: the meeting and the events inside items.
    Ics,
    /// Atom feed of several meetings of one body.
    Atom,
    /// The documented, stable JSON (docs/json.md).
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Source files (or anything `samman import` takes). Several only for --to atom and ics.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The rendition; inferred from OUT's extension when left out.
    #[arg(long, value_enum)]
    to: Option<To>,
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

/// The file names `--all` writes, which are also the names the page links to.
pub const ALL: [(To, &str); 7] = [
    (To::Html, "index.html"),
    (To::Pptx, "sammanstallning.pptx"),
    (To::Pdf, "sammanstallning.pdf"),
    (To::Email, "nyhetsbrev.eml"),
    (To::Ics, "kalender.ics"),
    (To::Atom, "flode.atom"),
    (To::Json, "sammanstallning.json"),
];

pub fn run(args: Args, bodies: &Bodies) -> anyhow::Result<Outcome> {
    if let Some(url) = &args.base_url {
        samman_domain::url::check_base_url(url)
            .map_err(|reason| anyhow::anyhow!("--base-url {url:?} {reason}"))?;
    }
    let options = Options {
        base_url: args.base_url.clone(),
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
    if meetings.len() > 1 && !matches!(to, To::Atom | To::Ics) {
        bail!("bara --to atom och --to ics tar flera filer");
    }
    let to_terminal = args.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout());
    if to_terminal && matches!(to, To::Pptx | To::Pdf) {
        bail!("{to:?} är binärt och skrivs inte till terminalen; ange en fil med -o");
    }
    let bytes = render(to, &meetings, &options)?;
    output::write(args.output.as_deref(), &bytes)?;
    Ok(Outcome::Success)
}

/// Every rendition of one meeting into `dir`, as one change: all are rendered before anything is written,
/// and `output::write_set` replaces the seven files together (see `output` for how).
fn render_all(meeting: &Meeting, body: &Body, options: &Options, dir: &Path) -> anyhow::Result<Outcome> {
    let one = [(meeting.clone(), body.clone())];
    let mut rendered = Vec::with_capacity(ALL.len());
    for (to, name) in ALL {
        let bytes = render(to, &one, options).with_context(|| format!("{name} kunde inte skapas"))?;
        rendered.push((name, bytes));
    }
    for path in output::write_set(dir, &rendered)? {
        output::note(&format!("samman: skrev {}", path.display()));
    }
    Ok(Outcome::Success)
}

/// One rendition of the given meetings (several only for atom and ics).
pub fn render(to: To, meetings: &[(Meeting, Body)], options: &Options) -> anyhow::Result<Vec<u8>> {
    let Some((meeting, body)) = meetings.first() else {
        bail!("ingen fil att rendera")
    };
    Ok(match to {
        To::Json => samman_render::json::render(meeting, body).into_bytes(),
        To::Html => samman_render::html::render(meeting, body, options).into_bytes(),
        To::Pptx => samman_render::pptx::render(meeting, body, options)?,
        To::Pdf => samman_pdf::render(meeting, body, options)?,
        To::Email => {
            samman_render::email::render(meeting, body, options, samman_render::email::date_of(meeting))
        }
        To::Ics => {
            let pairs: Vec<(&Meeting, &Body)> = meetings.iter().map(|(m, b)| (m, b)).collect();
            samman_render::ics::render(&pairs, options).into_bytes()
        }
        To::Atom => {
            if let Some((_, other)) = meetings.iter().find(|(_, b)| b.id != body.id) {
                bail!(
                    "--to atom tar möten från ett organ, men fick både {} och {}",
                    body.short_name,
                    other.short_name
                )
            }
            // The feed's entry id is the body and the date: two meetings on one date would be one entry.
            let mut dates = std::collections::BTreeSet::new();
            for (m, _) in meetings {
                if !dates.insert(m.date) {
                    bail!(
                        "--to atom fick två möten för {} samma dag ({}); flödet har ett inlägg per möte och dag — \
                         ta bort den ena filen eller rätta dess datum",
                        body.short_name,
                        samman_domain::swedish::date(m.date)
                    )
                }
            }
            let refs: Vec<&Meeting> = meetings.iter().map(|(m, _)| m).collect();
            samman_render::atom::render(&refs, body, options).into_bytes()
        }
    })
}

fn infer(out: &Path) -> anyhow::Result<To> {
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    Ok(match ext.as_str() {
        "html" | "htm" => To::Html,
        "pptx" => To::Pptx,
        "pdf" => To::Pdf,
        "eml" => To::Email,
        "ics" => To::Ics,
        "atom" | "xml" => To::Atom,
        "json" => To::Json,
        _ => bail!(
            "{}: kan inte avgöra formatet av filändelsen; ange --to",
            out.display()
        ),
    })
}
