//! Crash consistency: a writer process killed with SIGKILL in the middle of saving leaves every meeting
//! whole — each one's current revision, its history and the change counter agree — and loses nothing it
//! had reported as saved. While it writes, this process reads without a single failure. Run per backend.
//!
//! The writer is this test binary itself, started again with `CRASH_CHILD_LOCATION` set so that only
//! [`child_saves_until_killed`] does anything.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use samman_store::{Location, NewRevision, State, Store};

use common::{Db, date, revision};

const CHILD_VAR: &str = "CRASH_CHILD_LOCATION";
const BODY: &str = "krasch";

/// How many saves each round lets the child report before it is killed.
const ROUNDS: [usize; 3] = [40, 90, 150];

/// Revision `rev` of meeting number `n`: its text says both, so a reader can tell it is whole.
fn nth(n: usize, rev: usize) -> NewRevision {
    let text = format!(
        "möte {n} version {rev}\n{}",
        "ett ganska långt stycke text ".repeat(400)
    );
    revision(
        BODY,
        date(&format!("{}-01-01", 1000 + n)),
        &text,
        State::Published,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn child_saves_until_killed() {
    let Ok(location) = std::env::var(CHILD_VAR) else {
        return;
    };
    let location = match location.strip_prefix("dir:") {
        Some(dir) => Location::Dir(dir.into()),
        None => Location::Url(location),
    };
    let store = samman_store::open(&location).await.expect("child: open");
    let first = store.meetings(BODY).await.expect("child: list").len();
    let mut out = std::io::stdout().lock();
    for n in first.. {
        // A new meeting, then a second revision of the one before: both kinds of write are in flight.
        store.save(nth(n, 1)).await.expect("child: save");
        if n > 0 {
            store.save(nth(n - 1, 2)).await.expect("child: save");
        }
        writeln!(out, "saved {n}")
            .and_then(|()| out.flush())
            .expect("child: report");
    }
}

/// Starts the child on `location`, lets it report `saves` saves, kills it; returns the last reported.
fn kill_after(location: &str, saves: usize) -> usize {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "child_saves_until_killed",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_VAR, location)
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the child");
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut last = None;
    let mut seen = 0;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.expect("read the child");
        // The test harness may print its own words before ours on the first line.
        if let Some((_, n)) = line.rsplit_once("saved ") {
            last = Some(n.parse::<usize>().unwrap());
            seen += 1;
            if seen >= saves {
                break;
            }
        }
        assert!(Instant::now() < deadline, "the child is too slow");
    }
    // Child::kill sends SIGKILL: no destructor, no rollback, no flush runs in the child.
    child.kill().expect("kill the child");
    child.wait().unwrap();
    last.expect("the child saved nothing")
}

async fn check_whole(store: &Arc<dyn Store>, reported: usize) {
    let meetings = store.meetings(BODY).await.unwrap();
    assert!(meetings.len() > reported, "every reported save survived");
    let mut revisions = 0;
    for summary in &meetings {
        let n = usize::try_from(summary.date.year() - 1000).unwrap();
        let stored = store.meeting(BODY, summary.date).await.unwrap().unwrap();
        let rev = usize::try_from(stored.revision).unwrap();
        let expected = nth(n, rev);
        assert_eq!(
            stored.source, expected.source,
            "meeting {n}: source of revision {rev}"
        );
        assert_eq!(
            stored.meeting, expected.meeting,
            "meeting {n}: record of revision {rev}"
        );
        let history = store.revisions(stored.id).await.unwrap();
        assert_eq!(history.len(), rev, "meeting {n}: history");
        for entry in &history {
            assert_eq!(
                entry.source,
                nth(n, usize::try_from(entry.revision).unwrap()).source
            );
        }
        revisions += history.len();
    }
    assert_eq!(
        store.change_counter().await.unwrap(),
        i64::try_from(revisions).unwrap(),
        "the counter moved with exactly the committed revisions"
    );
}

async fn crash_rounds(db: Db, location: String) {
    for saves in ROUNDS {
        let child_location = location.clone();
        let child = tokio::task::spawn_blocking(move || kill_after(&child_location, saves));
        // Meanwhile this process reads, as a server does while `samman load` writes: no read may fail
        // (SQLite: never "database is locked"), and every meeting read is whole.
        let mut reads = 0;
        while !child.is_finished() {
            let meetings = db
                .store
                .meetings(BODY)
                .await
                .expect("read while another process writes");
            if let Some(newest) = meetings.first() {
                let n = usize::try_from(newest.date.year() - 1000).unwrap();
                let stored = db
                    .store
                    .meeting(BODY, newest.date)
                    .await
                    .expect("read while writing");
                let stored = stored.expect("a listed meeting exists");
                let rev = usize::try_from(stored.revision).unwrap();
                assert_eq!(stored.meeting, nth(n, rev).meeting, "meeting {n} read whole");
            }
            reads += 1;
        }
        let reported = child.await.expect("the child runner");
        assert!(reads > 0, "the reader ran while the child wrote");
        // A fresh open after the crash, as a restarted server would (SQLite recovers its WAL here).
        let store = db.reopen().await;
        check_whole(&store, reported).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_survives_sigkill_mid_save() {
    let db = Db::sqlite().await;
    let Location::Dir(dir) = &db.location else {
        unreachable!()
    };
    let location = format!("dir:{}", dir.display());
    crash_rounds(db, location).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_survives_sigkill_mid_save() {
    let Some(db) = Db::postgres().await else { return };
    let Location::Url(url) = &db.location else {
        unreachable!()
    };
    let location = url.clone();
    crash_rounds(db, location).await;
}

/// Three children open the store at `location` at the same moment (a fresh database, so they migrate
/// together) and save; one that failed to open would report nothing, and `kill_after` would fail.
fn start_together(location: &str) {
    let children: Vec<_> = (0..3)
        .map(|_| {
            let location = location.to_owned();
            std::thread::spawn(move || kill_after(&location, 1))
        })
        .collect();
    for child in children {
        child.join().expect("a child could not open the fresh store");
    }
}

#[test]
fn sqlite_processes_starting_together_on_a_fresh_directory_all_open_it() {
    for _ in 0..3 {
        let temp = tempfile::tempdir().unwrap();
        start_together(&format!("dir:{}", temp.path().join("data").display()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_nodes_starting_together_on_a_fresh_database_all_open_it() {
    for _ in 0..2 {
        let Some((location, _guard)) = Db::postgres_unopened().await else {
            return;
        };
        let Location::Url(url) = location else {
            unreachable!()
        };
        tokio::task::spawn_blocking(move || start_together(&url))
            .await
            .unwrap();
    }
}
