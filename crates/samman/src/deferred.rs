//! A subcommand's arguments, built only when the command line reaches that subcommand.
//!
//! clap's derive builds the parser of every subcommand — each argument with its help — before it looks
//! at the command line: eleven subcommands' worth of allocations and code on every start, though a run
//! uses one of them (or none: `--version`). Wrapped in [`Deferred`], a subcommand's arguments are added
//! through [`clap::Command::defer`], which clap runs when it parses that subcommand or prints its help.
//! What is parsed and printed is unchanged.

use clap::{ArgMatches, Args, Command, Error, FromArgMatches, Id};

/// `T`'s arguments, added to its subcommand only when clap needs them.
#[derive(Debug)]
pub struct Deferred<T>(pub T);

impl<T: Args> Args for Deferred<T> {
    fn group_id() -> Option<Id> {
        T::group_id()
    }

    fn augment_args(cmd: Command) -> Command {
        cmd.defer(augment::<T>)
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        cmd.defer(augment_for_update::<T>)
    }
}

fn augment<T: Args>(cmd: Command) -> Command {
    keeping_about(cmd, T::augment_args)
}

fn augment_for_update<T: Args>(cmd: Command) -> Command {
    keeping_about(cmd, T::augment_args_for_update)
}

/// Runs `add` later than the derive expects: the subcommand's description (the variant's doc comment,
/// set after `augment_args`) is already there, and an `Args` struct's own doc comment must not replace
/// it.
fn keeping_about(cmd: Command, add: fn(Command) -> Command) -> Command {
    let about = cmd.get_about().cloned();
    let long_about = cmd.get_long_about().cloned();
    let mut cmd = add(cmd);
    if let Some(about) = about {
        cmd = cmd.about(about);
    }
    if let Some(long_about) = long_about {
        cmd = cmd.long_about(long_about);
    }
    cmd
}

impl<T: FromArgMatches> FromArgMatches for Deferred<T> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, Error> {
        T::from_arg_matches(matches).map(Deferred)
    }

    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, Error> {
        T::from_arg_matches_mut(matches).map(Deferred)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), Error> {
        self.0.update_from_arg_matches(matches)
    }

    fn update_from_arg_matches_mut(&mut self, matches: &mut ArgMatches) -> Result<(), Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser, Subcommand};

    use super::Deferred;

    /// Some arguments.
    #[derive(Debug, clap::Args, PartialEq)]
    struct Render {
        /// The file.
        file: String,
        #[arg(long)]
        all: bool,
    }

    #[derive(Debug, Parser)]
    #[command(name = "t", version)]
    struct Cli {
        #[command(subcommand)]
        command: Sub,
    }

    #[derive(Debug, Subcommand)]
    enum Sub {
        /// Render it.
        Render(Deferred<Render>),
    }

    #[test]
    fn a_deferred_subcommand_parses_and_helps_as_before() {
        let Sub::Render(Deferred(render)) = Cli::try_parse_from(["t", "render", "x.md", "--all"])
            .unwrap()
            .command;
        assert_eq!(
            render,
            Render {
                file: "x.md".into(),
                all: true
            }
        );
        let help = Cli::try_parse_from(["t", "render", "--help"])
            .unwrap_err()
            .to_string();
        assert!(
            help.contains("Render it")
                && !help.contains("Some arguments")
                && help.contains("--all")
                && help.contains("The file"),
            "{help}"
        );
        let error = Cli::try_parse_from(["t", "render"]).unwrap_err().to_string();
        assert!(error.contains("<FILE>"), "{error}");
        Cli::command().debug_assert();
    }
}
