//! Where `serve` keeps its node's search index: `--search-index DIR`, else beside the SQLite database
//! (`DATA/sok`), else — PostgreSQL, where the database is elsewhere — under the user's cache directory
//! (`$XDG_CACHE_HOME/samman/sok-…` or `~/.cache/samman/sok-…`, named after the database so two
//! databases never share one). `sqlite::memory:` keeps the index in memory too.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use samman_store::Location;

/// The index directory for `location`, or `None` to keep the index in memory.
pub fn dir(flag: Option<PathBuf>, location: &Location) -> Option<PathBuf> {
    if flag.is_some() {
        return flag;
    }
    match location {
        Location::Dir(dir) => Some(dir.join("sok")),
        Location::Url(url) if url.starts_with("sqlite::memory:") => None,
        Location::Url(url) if url.starts_with("sqlite:") => {
            let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
            let path = path.split('?').next().unwrap_or(path);
            let parent = Path::new(path).parent().unwrap_or(Path::new("."));
            Some(parent.join("sok"))
        }
        Location::Url(url) => {
            let cache = std::env::var_os("XDG_CACHE_HOME")
                .filter(|d| !d.is_empty())
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
                .unwrap_or_else(std::env::temp_dir);
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            url.hash(&mut hasher);
            Some(cache.join("samman").join(format!("sok-{:016x}", hasher.finish())))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_sits_beside_sqlite_and_in_the_cache_for_postgres() {
        let data = Location::Dir(PathBuf::from("data"));
        assert_eq!(dir(None, &data), Some(PathBuf::from("data/sok")));
        assert_eq!(dir(Some("x".into()), &data), Some(PathBuf::from("x")));
        let file = Location::Url("sqlite:///srv/samman/db.sqlite?mode=rwc".into());
        assert_eq!(dir(None, &file), Some(PathBuf::from("/srv/samman/sok")));
        assert_eq!(dir(None, &Location::Url("sqlite::memory:".into())), None);
        let pg = dir(None, &Location::Url("postgres://h/a".into())).unwrap();
        let other = dir(None, &Location::Url("postgres://h/b".into())).unwrap();
        assert!(pg.to_string_lossy().contains("samman/sok-"), "{pg:?}");
        assert_ne!(pg, other);
    }
}
