//! `samman fmt FILE... [--check]`: rewrite source files in the canonical form.

use std::path::PathBuf;

use anyhow::bail;
use samman_domain::Bodies;
use samman_source::format;

use crate::Outcome;
use crate::output::{self, Durability};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Source files (Markdown with TOML front matter).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Change nothing; exit 1 and list the files that are not in canonical form.
    #[arg(long)]
    check: bool,
}

pub fn run(args: Args, bodies: &Bodies) -> anyhow::Result<Outcome> {
    let mut outcome = Outcome::Success;
    for path in &args.files {
        let loaded = samman_source::read_input(path)?;
        if !format::looks_like_source(&loaded.text) {
            bail!(
                "{}: är ingen källfil (saknar front matter); importera den först med samman import",
                path.display()
            );
        }
        let meeting = format::parse_meeting(&loaded.text, bodies)
            .map_err(|e| anyhow::anyhow!("{}:{}: {}", path.display(), e.pos, e.message))?;
        let canonical = format::write(&meeting);
        if canonical == loaded.text {
            continue;
        }
        if args.check {
            output::print(&format!("{}\n", path.display()))?;
            outcome = Outcome::Negative;
        } else {
            output::write_file(path, canonical.as_bytes(), Durability::Synced)?;
            output::note(&format!("samman: formaterade {}", path.display()));
        }
    }
    Ok(outcome)
}
