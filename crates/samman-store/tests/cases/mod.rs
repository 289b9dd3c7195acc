//! The conformance cases, each written once and run on every backend by `conformance.rs`.

use std::sync::Arc;

use samman_domain::Bodies;
use samman_store::{Saved, State, Store, StoreError};

use crate::common::{Db, date, now, published, revision};

pub async fn save_is_an_upsert_and_unchanged_is_a_no_op(db: &Db) {
    let store = &db.store;
    let first = store
        .save(published("sro", "2021-05-21", "Ärende ett"))
        .await
        .unwrap();
    assert!(first.changed);
    assert_eq!(first.revision, 1);

    let again = store
        .save(published("sro", "2021-05-21", "Ärende ett"))
        .await
        .unwrap();
    assert_eq!(
        again,
        Saved {
            changed: false,
            ..first
        },
        "an unchanged file is a no-op"
    );

    let changed = store
        .save(published("sro", "2021-05-21", "Ärende ett\nÄrende två"))
        .await
        .unwrap();
    assert_eq!(
        (changed.meeting_id, changed.revision, changed.changed),
        (first.meeting_id, 2, true)
    );

    let stored = store
        .meeting("sro", date("2021-05-21"))
        .await
        .unwrap()
        .expect("stored");
    let expected = published("sro", "2021-05-21", "Ärende ett\nÄrende två");
    assert_eq!(stored.id, first.meeting_id);
    assert_eq!(stored.revision, 2);
    assert_eq!(stored.source, expected.source);
    assert_eq!(stored.meeting, expected.meeting);
    assert_eq!(stored.state, State::Published);
    assert_eq!((stored.body.as_str(), stored.date), ("sro", date("2021-05-21")));
    assert!(stored.published_at.is_some_and(|at| (now() - at).abs() < 60));

    // Another date or another body is another meeting.
    let other_date = store
        .save(published("sro", "2021-06-18", "Ärende ett"))
        .await
        .unwrap();
    let other_body = store
        .save(published("vvg", "2021-05-21", "Ärende ett"))
        .await
        .unwrap();
    assert_eq!((other_date.revision, other_body.revision), (1, 1));
    assert_ne!(other_date.meeting_id, first.meeting_id);
    assert_ne!(other_body.meeting_id, first.meeting_id);
    assert!(store.meeting("sro", date("2021-05-22")).await.unwrap().is_none());
    store.health().await.unwrap();
}

pub async fn revisions_keep_the_whole_history(db: &Db) {
    let store = &db.store;
    let mut draft = revision("sro", date("2021-05-21"), "Utkast", State::Draft);
    draft.author = Some("anna@example.se".into());
    let id = store.save(draft).await.unwrap().meeting_id;
    let mut update = published("sro", "2021-05-21", "Färdig");
    update.note = Some("Rättat stavfel i punkt 2".into());
    store.save(update.clone()).await.unwrap();
    let taken_down = store
        .set_state(id, State::Unpublished, Some("admin"), Some("Fel möte"))
        .await
        .unwrap();
    assert_eq!((taken_down.revision, taken_down.changed), (3, true));
    let same = store
        .set_state(id, State::Unpublished, Some("admin"), None)
        .await
        .unwrap();
    assert_eq!((same.revision, same.changed), (3, false));

    let history = store.revisions(id).await.unwrap();
    let summary: Vec<_> = history
        .iter()
        .map(|r| (r.revision, r.state, r.author.as_deref(), r.note.as_deref()))
        .collect();
    assert_eq!(
        summary,
        [
            (3, State::Unpublished, Some("admin"), Some("Fel möte")),
            (
                2,
                State::Published,
                Some("samman load"),
                Some("Rättat stavfel i punkt 2")
            ),
            (1, State::Draft, Some("anna@example.se"), None),
        ]
    );
    // A state change keeps the source; every revision keeps its own.
    assert_eq!(history[0].source, update.source);
    assert_eq!(history[1].source, update.source);
    assert!(history[2].source.contains("Utkast"));
    assert!(history.windows(2).all(|w| w[0].at >= w[1].at));

    let stored = store.meeting("sro", date("2021-05-21")).await.unwrap().unwrap();
    assert_eq!((stored.state, stored.revision), (State::Unpublished, 3));
    assert_eq!(stored.meeting, update.meeting);

    assert!(matches!(
        store.revisions(id + 1000).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.set_state(id + 1000, State::Published, None, None).await,
        Err(StoreError::NotFound)
    ));
}

pub async fn drafts_unpublished_and_embargoed_meetings_are_not_public(db: &Db) {
    let store = &db.store;
    let now = now();
    let day = |d: &str| date(d);
    store
        .save(published("sro", "2021-01-01", "Publicerad"))
        .await
        .unwrap();
    store
        .save(revision("sro", day("2021-02-01"), "Utkast", State::Draft))
        .await
        .unwrap();
    let gone = store
        .save(published("sro", "2021-03-01", "Avpublicerad"))
        .await
        .unwrap();
    store
        .set_state(gone.meeting_id, State::Unpublished, None, None)
        .await
        .unwrap();
    let mut embargoed = published("sro", "2021-04-01", "Embargo");
    embargoed.publish_at = Some(now + 3600);
    store.save(embargoed).await.unwrap();

    let public = |at: i64| async move {
        let list = store.public_meetings(Some("sro"), at, 100, 0).await.unwrap();
        list.iter().map(|m| m.date.to_string()).collect::<Vec<_>>()
    };
    assert_eq!(public(now).await, ["2021-01-01"]);
    assert_eq!(
        public(now + 3600).await,
        ["2021-04-01", "2021-01-01"],
        "the embargo has passed"
    );
    let all = store.public_meetings(None, now, 100, 0).await.unwrap();
    assert_eq!(all.len(), 1);

    for d in ["2021-02-01", "2021-03-01", "2021-04-01"] {
        assert!(
            store.public_meeting("sro", day(d), now).await.unwrap().is_none(),
            "{d} is not public"
        );
        assert!(
            store.meeting("sro", day(d)).await.unwrap().is_some(),
            "{d} is stored"
        );
    }
    let later = store
        .public_meeting("sro", day("2021-04-01"), now + 3600)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(later.publish_at, Some(now + 3600));
    assert_eq!(later.published_at, Some(now + 3600), "public from its embargo");
    assert!(
        store
            .public_meeting("sro", day("2021-01-01"), now)
            .await
            .unwrap()
            .is_some()
    );

    // The editor's list holds every state.
    let states: Vec<_> = store
        .meetings("sro")
        .await
        .unwrap()
        .iter()
        .map(|m| m.state)
        .collect();
    assert_eq!(
        states,
        [
            State::Published,
            State::Unpublished,
            State::Draft,
            State::Published
        ]
    );

    // Publishing again makes it public again; a draft of it is not.
    store
        .set_state(gone.meeting_id, State::Published, None, None)
        .await
        .unwrap();
    assert!(
        store
            .public_meeting("sro", day("2021-03-01"), now)
            .await
            .unwrap()
            .is_some()
    );
    store
        .set_state(gone.meeting_id, State::Draft, None, None)
        .await
        .unwrap();
    assert!(
        store
            .public_meeting("sro", day("2021-03-01"), now)
            .await
            .unwrap()
            .is_none()
    );
}

pub async fn expected_revision_detects_conflicts(db: &Db) {
    let store = &db.store;
    let new = |text: &str, expected: Option<i64>| {
        let mut r = published("sro", "2021-05-21", text);
        r.expected_revision = expected;
        r
    };
    // A meeting that does not exist is at revision 0.
    let conflict = store.save(new("Något", Some(3))).await;
    assert!(
        matches!(conflict, Err(StoreError::Conflict { current: 0 })),
        "{conflict:?}"
    );
    assert!(
        store.meeting("sro", date("2021-05-21")).await.unwrap().is_none(),
        "nothing half-saved"
    );
    assert!(store.meetings("sro").await.unwrap().is_empty());

    store.save(new("Första", Some(0))).await.unwrap();
    let conflict = store.save(new("Annan första", Some(0))).await;
    assert!(
        matches!(conflict, Err(StoreError::Conflict { current: 1 })),
        "{conflict:?}"
    );

    // Two editors start from revision 1; the first save wins, the second is told.
    let saved = store.save(new("Anna skriver", Some(1))).await.unwrap();
    assert_eq!(saved.revision, 2);
    let conflict = store.save(new("Bo skriver", Some(1))).await;
    assert!(
        matches!(conflict, Err(StoreError::Conflict { current: 2 })),
        "{conflict:?}"
    );
    let stored = store.meeting("sro", date("2021-05-21")).await.unwrap().unwrap();
    assert!(stored.source.contains("Anna skriver"), "no silent overwrite");
    assert_eq!(store.revisions(stored.id).await.unwrap().len(), 2);
}

pub async fn change_counter_moves_with_every_change_and_only_then(db: &Db) {
    let store = &db.store;
    let start = store.change_counter().await.unwrap();
    let saved = store.save(published("sro", "2021-05-21", "Ett")).await.unwrap();
    assert_eq!(store.change_counter().await.unwrap(), start + 1);
    store.save(published("sro", "2021-05-21", "Ett")).await.unwrap();
    store
        .set_state(saved.meeting_id, State::Published, None, None)
        .await
        .unwrap();
    let mut stale = published("sro", "2021-05-21", "Två");
    stale.expected_revision = Some(7);
    store.save(stale).await.unwrap_err();
    assert_eq!(
        store.change_counter().await.unwrap(),
        start + 1,
        "no-ops and refusals change nothing"
    );
    store
        .set_state(saved.meeting_id, State::Draft, None, None)
        .await
        .unwrap();
    store.save(published("vvg", "2021-05-21", "Ett")).await.unwrap();
    assert_eq!(store.change_counter().await.unwrap(), start + 3);
    // Another store on the same database sees the same counter.
    assert_eq!(db.reopen().await.change_counter().await.unwrap(), start + 3);
}

pub async fn public_lists_are_ordered_and_paginated(db: &Db) {
    let store = &db.store;
    let bodies = ["sro", "vvg", "ark"];
    for (n, body) in bodies.iter().enumerate() {
        for month in 1..=6 {
            let day = format!("202{}-{month:02}-1{n}", month % 3);
            let state = if month == 4 {
                State::Draft
            } else {
                State::Published
            };
            store
                .save(revision(body, date(&day), "Punkt", state))
                .await
                .unwrap();
        }
    }
    let now = now();
    let all = store.public_meetings(None, now, 1000, 0).await.unwrap();
    assert_eq!(all.len(), 15, "three bodies × five published meetings");
    let keys: Vec<_> = all.iter().map(|m| (m.date, m.body.clone())).collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    assert_eq!(keys, sorted, "newest date first, then body");

    let mut paged = Vec::new();
    for page in 0..4 {
        let got = store.public_meetings(None, now, 4, page * 4).await.unwrap();
        assert_eq!(got.len(), if page < 3 { 4 } else { 3 });
        paged.extend(got);
    }
    assert_eq!(paged, all, "pages add up to the whole list");
    assert!(store.public_meetings(None, now, 4, 100).await.unwrap().is_empty());
    assert!(store.public_meetings(None, now, 0, 0).await.unwrap().is_empty());

    let vvg = store.public_meetings(Some("vvg"), now, 100, 0).await.unwrap();
    assert_eq!(vvg.len(), 5);
    assert!(vvg.iter().all(|m| m.body == "vvg" && m.state == State::Published));
    assert!(vvg.windows(2).all(|w| w[0].date > w[1].date));
    assert!(
        store
            .public_meetings(Some("okänt"), now, 100, 0)
            .await
            .unwrap()
            .is_empty()
    );

    let editor = store.meetings("ark").await.unwrap();
    assert_eq!(editor.len(), 6);
    assert!(editor.windows(2).all(|w| w[0].date > w[1].date));

    let everything = store.public_meetings(None, now, 1_000_000, 0).await.unwrap();
    assert_eq!(everything, all, "a large limit means all");
    for (limit, offset) in [(-1, 0), (10, -1)] {
        let refused = store.public_meetings(None, now, limit, offset).await;
        assert!(
            matches!(refused, Err(StoreError::Invalid(_))),
            "{limit}/{offset}: {refused:?}"
        );
    }
}

pub async fn hostile_and_unicode_text_round_trips(db: &Db) {
    let store = &db.store;
    let hostile = "Robert'); DROP TABLE meetings;-- \"citat\" \\ bak\u{5c}slash $1 ?1 :name %s\r\n\
                   åäö ÅÄÖ é ß 😀👩‍👩‍👧 \u{202e}vänd\u{202c} \u{200b}noll \u{feff} \t<script>alert(1)</script>\n\
                   &amp; ]]> \u{10ffff} \u{1}\u{1f}";
    let long = "ord ".repeat(250_000);
    let body = "sro'; --";
    let mut new = revision(
        body,
        date("2021-05-21"),
        &format!("{hostile}\n{long}"),
        State::Published,
    );
    new.meeting.title = Some(hostile.into());
    new.source.push_str(hostile);
    new.author = Some(hostile.into());
    new.note = Some(hostile.into());
    let saved = store.save(new.clone()).await.unwrap();

    let stored = store.meeting(body, date("2021-05-21")).await.unwrap().unwrap();
    assert_eq!(stored.source, new.source);
    assert_eq!(stored.meeting, new.meeting);
    let listed = store.public_meetings(Some(body), now(), 10, 0).await.unwrap();
    assert_eq!(listed[0].title.as_deref(), Some(hostile));
    let history = store.revisions(saved.meeting_id).await.unwrap();
    assert_eq!(history[0].author.as_deref(), Some(hostile));
    assert_eq!(history[0].note.as_deref(), Some(hostile));
    assert!(
        !store.save(new).await.unwrap().changed,
        "read back exactly as written"
    );
    // The hostile SQL did nothing.
    assert_eq!(store.meetings(body).await.unwrap().len(), 1);
}

pub async fn refuses_what_it_cannot_store(db: &Db) {
    let store = &db.store;
    let start = store.change_counter().await.unwrap();
    let mut nul = published("sro", "2021-05-21", "Punkt");
    nul.source.push('\0');
    let mut wrong_body = published("sro", "2021-05-21", "Punkt");
    wrong_body.meeting.body = "vvg".into();
    let mut wrong_date = published("sro", "2021-05-21", "Punkt");
    wrong_date.date = date("2021-05-22");
    let mut nul_note = published("sro", "2021-05-21", "Punkt");
    nul_note.note = Some("a\0b".into());
    let empty_body = published("", "2021-05-21", "Punkt");
    for (what, new) in [
        ("NUL in the source", nul),
        ("record of another body", wrong_body),
        ("record of another date", wrong_date),
        ("NUL in the note", nul_note),
        ("no body", empty_body),
    ] {
        let refused = store.save(new).await;
        assert!(
            matches!(refused, Err(StoreError::Invalid(_))),
            "{what}: {refused:?}"
        );
    }
    assert_eq!(store.change_counter().await.unwrap(), start, "nothing stored");
    assert!(store.meetings("sro").await.unwrap().is_empty());
}

pub async fn the_shipped_example_round_trips(db: &Db) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let bodies =
        Bodies::from_toml(&std::fs::read_to_string(format!("{root}/config/bodies.toml")).unwrap()).unwrap();
    let source = std::fs::read_to_string(format!("{root}/examples/sro-2021-05-21.md")).unwrap();
    let meeting = samman_source::format::parse_meeting(&source, &bodies).unwrap();
    let mut new = published(&meeting.body, &meeting.date.to_string(), "");
    new.source = source;
    new.meeting = meeting;
    db.store.save(new.clone()).await.unwrap();
    let stored = db
        .store
        .public_meeting(&new.body, new.date, now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.meeting, new.meeting, "the parsed record comes back whole");
    assert_eq!(stored.source, new.source);
}

pub async fn concurrent_writers_lose_nothing(db: &Db) {
    const SAVES: usize = 25;
    let start = db.store.change_counter().await.unwrap();
    let id = db
        .store
        .save(published("sro", "2021-05-21", "Start"))
        .await
        .unwrap()
        .meeting_id;
    let writers = [db.store.clone(), db.reopen().await];
    let tasks = writers
        .into_iter()
        .enumerate()
        .map(|(w, store): (usize, Arc<dyn Store>)| {
            tokio::spawn(async move {
                let mut changes = 0;
                for i in 0..SAVES {
                    // Both writers change one shared meeting (its text, then its state — a write that
                    // reads first), and each its own meetings.
                    let shared = published("sro", "2021-05-21", &format!("skribent {w} gång {i}"));
                    assert!(store.save(shared).await.unwrap().changed);
                    let state = if i % 2 == 0 {
                        State::Draft
                    } else {
                        State::Published
                    };
                    let toggled = store.set_state(id, state, None, None).await.unwrap();
                    let own = published("sro", &format!("2022-0{}-{:02}", w + 1, i + 1), "Eget");
                    assert!(store.save(own).await.unwrap().changed);
                    changes += 2 + i64::from(toggled.changed);
                }
                changes
            })
        });
    let mut changes = 1;
    for task in tasks.collect::<Vec<_>>() {
        changes += task.await.expect("a writer failed");
    }
    let store = &db.store;
    let shared = store.meeting("sro", date("2021-05-21")).await.unwrap().unwrap();
    let numbers: Vec<_> = store
        .revisions(shared.id)
        .await
        .unwrap()
        .iter()
        .map(|r| r.revision)
        .collect();
    assert_eq!(
        numbers,
        (1..=shared.revision).rev().collect::<Vec<_>>(),
        "no revision lost or doubled"
    );
    let meetings = store.meetings("sro").await.unwrap();
    assert_eq!(meetings.len(), 1 + 2 * SAVES);
    let revisions: i64 = meetings.iter().map(|m| m.revision).sum();
    assert_eq!(revisions, changes, "every reported change is stored, once");
    assert_eq!(store.change_counter().await.unwrap(), start + changes);
}

pub async fn readers_never_fail_while_another_store_writes(db: &Db) {
    const MEETINGS: usize = 150;
    let writer = db.reopen().await;
    let write = tokio::spawn(async move {
        for i in 0..MEETINGS {
            let day = format!("{}-05-21", 1800 + i);
            writer
                .save(published(
                    "sro",
                    &day,
                    &format!("Möte {i}\n{}", "text ".repeat(200)),
                ))
                .await?;
        }
        Ok::<_, StoreError>(())
    });
    let mut reads = 0;
    let mut seen = 0;
    let now = now();
    while !write.is_finished() {
        // Every read must succeed ("database is locked" would be an error here) and see whole meetings.
        let list = db
            .store
            .public_meetings(Some("sro"), now, 10_000, 0)
            .await
            .expect("read while writing");
        assert!(list.len() >= seen, "a committed meeting never disappears");
        seen = list.len();
        if let Some(first) = list.first() {
            let meeting = db
                .store
                .meeting("sro", first.date)
                .await
                .expect("read while writing")
                .unwrap();
            assert_eq!(meeting.meeting.items.len(), 2);
        }
        db.store.change_counter().await.expect("read while writing");
        reads += 1;
    }
    write.await.unwrap().expect("the writer failed");
    assert!(reads > 1, "the reader ran while the writer wrote");
    assert_eq!(
        db.store
            .public_meetings(Some("sro"), now, 10_000, 0)
            .await
            .unwrap()
            .len(),
        MEETINGS
    );
}

pub async fn subscribers_learn_of_changes_made_anywhere(db: &Db) {
    let mut changes = db.store.subscribe_changes().await.unwrap();
    let start = *changes.borrow_and_update();
    assert_eq!(start, db.store.change_counter().await.unwrap());

    // A change through this store is published at its commit.
    db.store
        .save(published("sro", "2021-05-21", "Ett"))
        .await
        .unwrap();
    assert_eq!(*changes.borrow_and_update(), start + 1);
    db.store
        .save(published("sro", "2021-05-21", "Ett"))
        .await
        .unwrap();
    assert!(!changes.has_changed().unwrap(), "a no-op wakes no one");

    // A change through another store (another node or process) arrives within a second or so: by
    // NOTIFY on PostgreSQL (its safety poll is slower than this timeout), by polling on SQLite.
    let other = db.reopen().await;
    // Give the follower time to listen, so the change below arrives as a notification, not as the
    // catch-up read a follower makes when it starts.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    other.save(published("vvg", "2021-05-21", "Två")).await.unwrap();
    let arrived = tokio::time::timeout(std::time::Duration::from_secs(3), async {
        while *changes.borrow_and_update() < start + 2 {
            changes.changed().await.unwrap();
        }
    })
    .await;
    assert!(arrived.is_ok(), "the other store's change was not seen");

    // Several subscribers share one follower and all see the change.
    let mut second = other.subscribe_changes().await.unwrap();
    second.borrow_and_update();
    db.store
        .save(published("vvg", "2021-06-18", "Tre"))
        .await
        .unwrap();
    let arrived = tokio::time::timeout(std::time::Duration::from_secs(3), async {
        while *second.borrow_and_update() < start + 3 {
            second.changed().await.unwrap();
        }
    })
    .await;
    assert!(
        arrived.is_ok(),
        "this store's change was not seen through the other"
    );
}
