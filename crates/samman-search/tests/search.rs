//! Search over a real store: Swedish stemming (a table of word pairs), only public meetings, snippets,
//! rebuilding, bad input, and two nodes on one PostgreSQL following each other's writes.

#[path = "../../samman-store/tests/common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{Db, date, now, published, revision};
use samman_domain::{Block, Item, Position, PositionKind, Presenter};
use samman_search::{Query, SearchIndex, VERSION_FILE};
use samman_store::{State, Store};

/// (what a reader types, what the meeting says): each must find the other.
const PAIRS: &[(&str, &str)] = &[
    ("vården", "vård"),
    ("remisskonferenserna", "remisskonferens"),
    ("föreningen", "föreningarna"),
    ("beslutet", "beslut"),
    ("kommunerna", "kommun"),
    ("avtalet", "avtal"),
    ("regionens", "region"),
    ("ärendena", "ärende"),
    ("förslaget", "förslag"),
    ("patienternas", "patient"),
    ("sjukhusen", "sjukhus"),
    ("överenskommelsen", "överenskommelse"),
    ("utredningen", "utredning"),
    ("nämnderna", "nämnd"),
    ("rapporten", "rapport"),
    ("mötet", "möte"),
    ("frågorna", "fråga"),
    ("insatserna", "insats"),
    ("verksamheten", "verksamhet"),
    ("kostnaderna", "kostnad"),
    ("barnen", "barn"),
    ("uppdraget", "uppdrag"),
    ("skolorna", "skola"),
];

fn query(text: &str) -> Query {
    Query {
        text: text.into(),
        limit: 20,
        ..Query::default()
    }
}

/// The (body, date, item number) of every hit.
fn found(index: &SearchIndex, q: &Query) -> Vec<(String, String, usize)> {
    index
        .search(q)
        .expect("search")
        .hits
        .into_iter()
        .map(|h| (h.body, h.date.to_string(), h.number))
        .collect()
}

/// A meeting whose items say `texts`, one item each, as a published revision.
fn meeting_saying(body: &str, day: &str, texts: &[&str]) -> samman_store::NewRevision {
    let mut new = published(body, day, "x");
    new.meeting.items = texts
        .iter()
        .enumerate()
        .map(|(i, text)| Item {
            title: format!("Punkt {}", i + 1),
            content: vec![Block::paragraph(*text)],
            ..Item::default()
        })
        .collect();
    new
}

#[tokio::test]
async fn swedish_word_forms_find_each_other() {
    let db = Db::sqlite().await;
    let texts: Vec<String> = PAIRS
        .iter()
        .map(|(_, indexed)| format!("Här står det om {indexed} i löptext."))
        .collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    db.store
        .save(meeting_saying("sro", "2021-05-21", &texts))
        .await
        .unwrap();
    let index = SearchIndex::in_memory().unwrap();
    index.sync(db.store.as_ref(), now()).await.unwrap();
    let mut failures = Vec::new();
    for (number, (typed, indexed)) in PAIRS.iter().enumerate() {
        let expected = vec![("sro".to_string(), "2021-05-21".to_string(), number + 1)];
        if found(&index, &query(typed)) != expected {
            failures.push(format!("{typed} did not find {indexed}"));
        }
        if found(&index, &query(indexed)) != expected {
            failures.push(format!("{indexed} did not find only itself"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    // No ASCII folding: "får" is not "far".
    db.store
        .save(meeting_saying("sro", "2021-06-11", &["Kommunen får ett bidrag."]))
        .await
        .unwrap();
    index.sync(db.store.as_ref(), now()).await.unwrap();
    assert_eq!(found(&index, &query("far")), vec![]);
    assert_eq!(found(&index, &query("får")).len(), 1);
}

#[tokio::test]
async fn only_public_meetings_are_found() {
    let db = Db::sqlite().await;
    let store = db.store.as_ref();
    store
        .save(revision(
            "sro",
            date("2021-01-01"),
            "Utkastet om flygplatsen",
            State::Draft,
        ))
        .await
        .unwrap();
    let taken_down = store
        .save(meeting_saying("sro", "2021-02-01", &["Nedtaget om flygplatsen"]))
        .await
        .unwrap();
    store
        .set_state(taken_down.meeting_id, State::Unpublished, None, None)
        .await
        .unwrap();
    let mut embargoed = meeting_saying("sro", "2021-03-01", &["Embargo om flygplatsen"]);
    let later = now() + 3_600;
    embargoed.publish_at = Some(later);
    store.save(embargoed).await.unwrap();
    store
        .save(meeting_saying(
            "sro",
            "2021-04-01",
            &["Publicerat om flygplatsen"],
        ))
        .await
        .unwrap();

    let index = SearchIndex::in_memory().unwrap();
    index.sync(store, now()).await.unwrap();
    let dates = |index: &SearchIndex| -> Vec<String> {
        let mut d: Vec<String> = found(index, &query("flygplatsen"))
            .into_iter()
            .map(|h| h.1)
            .collect();
        d.sort();
        d
    };
    assert_eq!(dates(&index), ["2021-04-01"]);

    // The embargo passes: found then, not before.
    index.sync(store, later).await.unwrap();
    assert_eq!(dates(&index), ["2021-03-01", "2021-04-01"]);

    // Unpublishing removes it at the next sync; publishing the draft adds it.
    let public = store.meeting("sro", date("2021-04-01")).await.unwrap().unwrap();
    store
        .set_state(public.id, State::Unpublished, None, None)
        .await
        .unwrap();
    let draft = store.meeting("sro", date("2021-01-01")).await.unwrap().unwrap();
    store
        .set_state(draft.id, State::Published, None, None)
        .await
        .unwrap();
    let synced = index.sync(store, later).await.unwrap();
    assert_eq!((synced.indexed, synced.removed), (1, 1));
    assert_eq!(dates(&index), ["2021-01-01", "2021-03-01"]);

    // Nothing changed: nothing is reindexed.
    assert_eq!(index.sync(store, later).await.unwrap(), Default::default());
}

#[tokio::test]
async fn hits_carry_highlighted_snippets_and_filters_narrow_them() {
    let db = Db::sqlite().await;
    let mut new = meeting_saying("sro", "2021-05-21", &[]);
    new.meeting.items = vec![
        Item {
            title: "Inledning".into(),
            ..Item::default()
        },
        Item {
            title: "Hälso- och sjukvårdsavtalet".into(),
            presenters: vec![Presenter::person("Anna Andersson", Some("VGR"))],
            content: vec![Block::paragraph(
                "Ett nytt avtal om vården av äldre. <script>alert(1)</script> Vården ska bli nära.",
            )],
            position: Some(Position {
                kind: PositionKind::Endorsed,
                text: "SRO ställer sig bakom förslaget".into(),
                points: vec![],
            }),
            ..Item::default()
        },
    ];
    db.store.save(new).await.unwrap();
    db.store
        .save(meeting_saying("vastkom", "2022-03-04", &["Vården i kommunerna."]))
        .await
        .unwrap();
    let index = SearchIndex::in_memory().unwrap();
    index.sync(db.store.as_ref(), now()).await.unwrap();

    let hits = index.search(&query("vård")).unwrap();
    assert_eq!(hits.total, 2);
    let sro = hits.hits.iter().find(|h| h.body == "sro").expect("the SRO item");
    assert_eq!(sro.number, 2);
    assert_eq!(sro.title.text, "Hälso- och sjukvårdsavtalet");
    let marked: Vec<&str> = sro
        .snippet
        .highlights
        .iter()
        .map(|r| &sro.snippet.text[r.clone()])
        .collect();
    assert!(
        marked.contains(&"vården") && marked.contains(&"Vården"),
        "{marked:?}"
    );
    // Presenters and position are searched too.
    assert_eq!(found(&index, &query("Andersson")).len(), 1);
    assert_eq!(found(&index, &query("bakom förslagen")).len(), 1);
    // Every word is required.
    assert_eq!(found(&index, &query("vården flygplats")).len(), 0);

    let only = |body: Option<&str>, year: Option<i16>| Query {
        body: body.map(str::to_string),
        year,
        ..query("vården")
    };
    assert_eq!(found(&index, &only(Some("vastkom"), None)).len(), 1);
    assert_eq!(found(&index, &only(None, Some(2021))).len(), 1);
    assert_eq!(found(&index, &only(Some("vastkom"), Some(2021))).len(), 0);
    assert_eq!(found(&index, &only(Some("okänt"), None)).len(), 0);
    assert_eq!(index.count("vården").unwrap(), 2);
}

#[tokio::test]
async fn bad_queries_are_refused_or_find_nothing_never_fail() {
    let db = Db::sqlite().await;
    db.store
        .save(meeting_saying("sro", "2021-05-21", &["Vården och avtalet."]))
        .await
        .unwrap();
    let index = SearchIndex::in_memory().unwrap();
    index.sync(db.store.as_ref(), now()).await.unwrap();
    let huge = "vård ".repeat(2_000_000);
    let refused = index.search(&query(&huge)).expect_err("10 MB is refused");
    assert!(refused.to_string().contains("för lång"), "{refused}");
    for junk in [
        "\"",
        "AND OR",
        "*:*",
        "(((",
        "vård)",
        "[vård TO avtal",
        "body:sro",
        "-",
        "och",
        "",
        "   ",
    ] {
        let hits = index
            .search(&query(junk))
            .unwrap_or_else(|e| panic!("{junk:?}: {e}"));
        assert!(hits.total <= 1, "{junk:?}");
    }
    // Syntax is just text around words.
    assert_eq!(found(&index, &query("\"vården\" (avtal")).len(), 1);
    // Stop words alone leave nothing to search for.
    assert!(index.search(&query("och att det")).unwrap().terms.is_empty());
    let far = Query {
        offset: usize::MAX / 2,
        limit: usize::MAX,
        ..query("vård")
    };
    assert!(index.search(&far).unwrap().hits.is_empty());
}

#[tokio::test]
async fn an_index_of_another_version_is_rebuilt_and_a_current_one_kept() {
    let db = Db::sqlite().await;
    db.store
        .save(meeting_saying("sro", "2021-05-21", &["Om vården."]))
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sok");
    {
        let index = SearchIndex::open(&path).unwrap();
        assert_eq!(index.sync(db.store.as_ref(), now()).await.unwrap().indexed, 1);
    }
    {
        // Reopened at the same version: it remembers what it holds and reindexes nothing.
        let index = SearchIndex::open(&path).unwrap();
        assert_eq!(index.meetings(), 1);
        assert_eq!(found(&index, &query("vård")).len(), 1);
        assert_eq!(index.sync(db.store.as_ref(), now()).await.unwrap().indexed, 0);
    }
    std::fs::write(path.join(VERSION_FILE), "0\n").unwrap();
    let index = SearchIndex::open(&path).unwrap();
    assert_eq!(index.meetings(), 0, "another version is emptied");
    assert_eq!(found(&index, &query("vård")).len(), 0);
    assert_eq!(index.sync(db.store.as_ref(), now()).await.unwrap().indexed, 1);
    assert_eq!(found(&index, &query("vård")).len(), 1);
    // A second node may not share the directory.
    let clash = SearchIndex::open(&path).expect_err("the directory is in use");
    assert!(clash.to_string().contains("annan process"), "{clash}");
}

/// Waits until `index` finds `word`, or `limit` passes; returns how long it took.
async fn until_found(index: &SearchIndex, word: &str, limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if !found(index, &query(word)).is_empty() {
            return Some(start.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_on_one_postgres_find_what_either_loaded() {
    let Some(db) = Db::postgres().await else {
        return;
    };
    let other: Arc<dyn Store> = db.reopen().await;
    let dirs = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = Arc::new(SearchIndex::open(&dirs.0.path().join("sok")).unwrap());
    let second = Arc::new(SearchIndex::open(&dirs.1.path().join("sok")).unwrap());
    let followers = [
        samman_search::follow(first.clone(), db.store.clone()),
        samman_search::follow(second.clone(), other.clone()),
    ];
    tokio::time::sleep(Duration::from_millis(300)).await;

    // Loaded through the first node's store, found through the second's index (and the reverse).
    db.store
        .save(meeting_saying(
            "sro",
            "2021-05-21",
            &["Remisskonferenserna i höst."],
        ))
        .await
        .unwrap();
    // Faster than the store's 5 s safety poll and the index's 30 s tick: NOTIFY woke the other node.
    let took = until_found(&second, "remisskonferens", Duration::from_millis(4_500)).await;
    eprintln!("found through the other node after {took:?}");

    assert!(took.is_some(), "the second node never found the meeting");
    other
        .save(meeting_saying("vastkom", "2022-01-14", &["Samverkansavtalet."]))
        .await
        .unwrap();
    assert!(
        until_found(&first, "samverkansavtal", Duration::from_millis(4_500))
            .await
            .is_some()
    );

    // Unpublished through one: gone from both.
    let saved = db
        .store
        .meeting("sro", date("2021-05-21"))
        .await
        .unwrap()
        .unwrap();
    db.store
        .set_state(saved.id, State::Unpublished, None, None)
        .await
        .unwrap();
    let start = Instant::now();
    while !found(&second, &query("remisskonferens")).is_empty()
        && start.elapsed() < Duration::from_millis(4_500)
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(found(&second, &query("remisskonferens")).is_empty());
    for follower in followers {
        follower.abort();
    }
}
