//! What the store's tests share: a throw-away database of either backend, and meetings to save.
//!
//! SQLite lives in a temporary directory. PostgreSQL gets a database with a unique name, created through
//! `SAMMAN_TEST_POSTGRES` (e.g. `postgres:///postgres?host=/var/run/postgresql`) and dropped afterwards;
//! without that variable the PostgreSQL tests skip with a message, unless `SAMMAN_REQUIRE_TOOLS=1`.

#![allow(dead_code)] // each test file uses its own part

/// Runs each named case (an `async fn(&Db)` in the test file's root) once per backend: `sqlite::NAME` and
/// `postgres::NAME`.
#[allow(unused_macros)] // crash.rs and locations.rs run no per-backend cases
macro_rules! conformance {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    let db = super::Db::sqlite().await;
                    super::$case(&db).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    let Some(db) = super::Db::postgres().await else { return };
                    super::$case(&db).await;
                }
            )*
        }
    };
}

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use samman_domain::{Date, Item, Meeting};
use samman_store::{Location, NewRevision, State, Store};
use sqlx::{Connection, Executor};

/// A throw-away database and the store opened on it.
#[derive(Debug)]
pub struct Db {
    pub store: Arc<dyn Store>,
    pub location: Location,
    _guard: Guard,
}

#[derive(Debug)]
/// Removes a test database when dropped.
pub enum Guard {
    Dir(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin: String, name: String },
}

impl Db {
    pub async fn sqlite() -> Db {
        let dir = tempfile::tempdir().expect("temp dir");
        let location = Location::Dir(dir.path().join("data"));
        let store = samman_store::open(&location).await.expect("open SQLite");
        Db {
            store,
            location,
            _guard: Guard::Dir(dir),
        }
    }

    /// A fresh PostgreSQL database, or `None` (with a message) when none is configured.
    pub async fn postgres() -> Option<Db> {
        let (location, guard) = Db::postgres_unopened().await?;
        let store = samman_store::open(&location).await.expect("open PostgreSQL");
        Some(Db {
            store,
            location,
            _guard: guard,
        })
    }

    /// A fresh, empty PostgreSQL database not yet opened (nor migrated), dropped when the guard is.
    pub async fn postgres_unopened() -> Option<(Location, Guard)> {
        let admin = match std::env::var("SAMMAN_TEST_POSTGRES") {
            Ok(url) if !url.is_empty() => url,
            _ if std::env::var("SAMMAN_REQUIRE_TOOLS").as_deref() == Ok("1") => {
                panic!("SAMMAN_TEST_POSTGRES is not set, and SAMMAN_REQUIRE_TOOLS=1 requires PostgreSQL")
            }
            _ => {
                eprintln!("skipped: set SAMMAN_TEST_POSTGRES to run the PostgreSQL cases");
                return None;
            }
        };
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let name = format!(
            "samman_test_{}_{}_{nanos}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut conn = sqlx::PgConnection::connect(&admin)
            .await
            .expect("connect to SAMMAN_TEST_POSTGRES");
        conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .await
            .expect("create the test database");
        conn.close().await.ok();
        let location = Location::Url(with_database(&admin, &name));
        Some((location, Guard::Postgres { admin, name }))
    }

    /// A second, independent store on the same database (another process would open the same way).
    pub async fn reopen(&self) -> Arc<dyn Store> {
        samman_store::open(&self.location).await.expect("reopen")
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let Guard::Postgres { admin, name } = self else {
            return;
        };
        let (admin, name) = (admin.clone(), name.clone());
        let shown = name.clone();
        // Drop runs inside the test's runtime: drop the database from a thread with its own.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let mut conn = sqlx::PgConnection::connect(&admin).await?;
                conn.execute(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .await?;
                Ok::<_, Box<dyn std::error::Error + Send + Sync>>(())
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("could not drop the test database {shown}: {dropped:?}");
        }
    }
}

/// `url` with its database name replaced by `name` (the path of a `postgres://` URL).
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority = base.find("://").map_or(0, |at| at + 3);
    let path = base[authority..]
        .find('/')
        .map_or(base.len(), |at| authority + at);
    let mut out = format!("{}/{name}", &base[..path]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

pub fn date(text: &str) -> Date {
    text.parse().expect("a test date")
}

/// The current time in unix seconds.
pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

/// A meeting of `body` on `date` whose content (an item per line of `text`) follows `text`, with the
/// source that stands for it.
pub fn revision(body: &str, date: Date, text: &str, state: State) -> NewRevision {
    let mut meeting = Meeting::new(body, date);
    meeting.items = text
        .lines()
        .map(|line| Item {
            title: line.to_string(),
            ..Item::default()
        })
        .collect();
    NewRevision {
        body: body.to_string(),
        date,
        source: format!("+++\norgan = \"{body}\"\ndatum = {date}\n+++\n{text}\n"),
        meeting,
        author: Some("samman load".into()),
        note: None,
        state,
        publish_at: None,
        expected_revision: None,
    }
}

/// A published revision (what `samman load` saves).
pub fn published(body: &str, date_text: &str, text: &str) -> NewRevision {
    revision(body, date(date_text), text, State::Published)
}
