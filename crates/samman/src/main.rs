//! The `samman` command line: one meeting record in, every rendition out.
//!
//! The binary is thin: it parses arguments, reads files through `samman_source::input` (which refuses
//! binary junk, huge files and invalid UTF-8 with a located message), calls the libraries, and writes
//! outputs through `output`, which never leaves half a file behind and keeps what is at the target (a
//! device, a link, the file's mode). A reader closing the pipe ends the command quietly with exit 0.
//!
//! Exit codes: 0 success; 1 the command's "negative" answer (check found errors, diff found differences,
//! fmt --check found unformatted files, load refused a file); 2 the input could not be used.

mod commands;
mod config;
mod deferred;
mod logging;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use deferred::Deferred;

/// samman — en mötespost, alla versioner: webbsida, bildspel, PDF, nyhetsbrev, kalender, öppna data.
#[derive(Debug, Parser)]
#[command(name = "samman", version, about, long_about = None)]
struct Cli {
    /// Bodies configuration (TOML). Default: $SAMMAN_BODIES, else the built-in one (SRO).
    #[arg(long, global = true, value_name = "FILE")]
    bodies: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import an existing summary (PowerPoint deck, deck as Markdown, web page as text or HTML) into the
    /// source format, or a whole directory of them with a migration report.
    Import(Deferred<commands::import::Args>),
    /// Report problems a reader would notice, with file, line and column.
    Check(Deferred<commands::check::Args>),
    /// Show how two renditions of one meeting disagree.
    Diff(Deferred<commands::diff::Args>),
    /// Produce a rendition (html, pptx, pdf, email, ics, atom, json) — or all of them with --all.
    Render(Deferred<commands::render::Args>),
    /// Rewrite source files in the canonical form.
    Fmt(Deferred<commands::fmt::Args>),
    /// Serve the public site: every published summary, its deck, PDF, calendar and the feeds.
    Serve(Deferred<commands::serve::Args>),
    /// Store and publish source files (or folders of them) in the site's database.
    Load(Deferred<commands::load::Args>),
    /// Manage the editor's accounts: add (password from standard input), list, remove.
    User(Deferred<commands::user::Args>),
    /// Publish one meeting; with --notify, send it to the body's newsletter subscribers.
    Publish(Deferred<commands::publish::Args>),
    /// The newsletter: campaigns and their progress, subscribers, export, removal, sending.
    Newsletter(Deferred<commands::newsletter::Args>),
    /// Build the whole public site as static files from a folder of source files.
    Build(Deferred<commands::build::Args>),
}

/// What a command ends with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// The command's "no": check found errors, diff found differences, fmt --check found changes.
    Negative,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = config::load_bodies(cli.bodies.as_deref()).and_then(|bodies| match cli.command {
        Command::Import(Deferred(args)) => commands::import::run(args, &bodies),
        Command::Check(Deferred(args)) => commands::check::run(args, &bodies),
        Command::Diff(Deferred(args)) => commands::diff::run(args, &bodies),
        Command::Render(Deferred(args)) => commands::render::run(args, &bodies),
        Command::Fmt(Deferred(args)) => commands::fmt::run(args, &bodies),
        Command::Serve(Deferred(args)) => commands::serve::run(args, &bodies),
        Command::Load(Deferred(args)) => commands::load::run(args, &bodies),
        Command::User(Deferred(args)) => commands::user::run(args, &bodies),
        Command::Publish(Deferred(args)) => commands::publish::run(args, &bodies),
        Command::Newsletter(Deferred(args)) => commands::newsletter::run(args, &bodies),
        Command::Build(Deferred(args)) => commands::build::run(args, &bodies),
    });
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Negative) => ExitCode::from(1),
        // The reader of our output went away (`| head`): it has what it wanted.
        Err(error) if error.downcast_ref::<output::PipeClosed>().is_some() => ExitCode::SUCCESS,
        Err(error) => {
            output::note(&format!("samman: fel: {error:#}"));
            ExitCode::from(2)
        }
    }
}
