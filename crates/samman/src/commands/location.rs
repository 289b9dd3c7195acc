//! Where the data lives, for every command that uses the store (`serve`, `load`): `--data DIR` (SQLite in
//! DIR/samman.db) or `--database URL` (`postgres://…` for several nodes, or `sqlite://…`); with neither,
//! SQLite in `./samman-data`. Also what those commands save: a published revision.

use std::path::PathBuf;

use samman_domain::Meeting;
use samman_store::{Location, NewRevision, State};

/// The data directory used when none is given.
pub const DEFAULT_DIR: &str = "samman-data";

#[derive(Debug, Clone, clap::Args)]
#[group(id = "location")]
pub struct Args {
    /// Data directory: SQLite in DIR/samman.db, created on first use. Default: ./samman-data.
    #[arg(long, value_name = "DIR", conflicts_with = "database")]
    pub data: Option<PathBuf>,
    /// Database URL: postgres://… (several web nodes on one database) or sqlite://….
    #[arg(long, value_name = "URL")]
    pub database: Option<String>,
}

impl Args {
    /// The location, and whether it is the default one (worth saying so on start-up).
    pub fn location(&self) -> (Location, bool) {
        match (&self.database, &self.data) {
            (Some(url), _) => (Location::Url(url.clone()), false),
            (None, Some(dir)) => (Location::Dir(dir.clone()), false),
            (None, None) => (Location::Dir(PathBuf::from(DEFAULT_DIR)), true),
        }
    }

    /// The location as shown to the user, without a password a URL may carry.
    pub fn shown(&self) -> String {
        match (&self.database, &self.data) {
            (Some(url), _) => without_password(url),
            (None, Some(dir)) => format!("SQLite i {}", dir.join("samman.db").display()),
            (None, None) => format!("SQLite i {DEFAULT_DIR}/samman.db"),
        }
    }
}

/// A revision that publishes `meeting` now, from `source`, saved by `author` (a command's name).
pub fn published(meeting: Meeting, source: String, author: &str) -> NewRevision {
    NewRevision {
        body: meeting.body.clone(),
        date: meeting.date,
        source,
        meeting,
        author: Some(author.into()),
        note: None,
        state: State::Published,
        publish_at: None,
        expected_revision: None,
    }
}

/// "postgres://user:secret@host/db" → "postgres://user@host/db".
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
    match authority.rsplit_once('@') {
        Some((user, host)) => {
            let user = user.split(':').next().unwrap_or_default();
            let slash = if rest.contains('/') { "/" } else { "" };
            format!("{scheme}://{user}@{host}{slash}{path}")
        }
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(
            super::without_password("postgres://u:hemligt@db:5432/samman"),
            "postgres://u@db:5432/samman"
        );
        assert_eq!(
            super::without_password("postgres:///postgres?host=/run"),
            "postgres:///postgres?host=/run"
        );
    }
}
