//! Conformance cases of the editor's part of the store (`EditorStore`), run on SQLite and (with
//! `SAMMAN_TEST_POSTGRES`) PostgreSQL: accounts, sessions with idle and absolute expiry, sign-in
//! throttling counts, and audit rows that exist exactly when the change they record does.

#[macro_use]
mod common;

use common::{Db, now, published};
use samman_store::{AuditEntry, MinutesFile, NewUser, Role, State, StoreError};

conformance!(
    accounts_are_added_found_listed_and_removed,
    sessions_expire_when_idle_or_old_and_end_at_sign_out,
    failed_sign_ins_are_counted_per_key_and_window,
    audit_rows_exist_exactly_when_the_change_does,
    drafts_are_kept_per_meeting_and_account,
    a_minutes_file_is_stored_with_the_revision_that_links_it,
    an_accounts_bodies_are_replaced,
);

fn user(email: &str, role: Role, bodies: &[&str]) -> NewUser {
    NewUser {
        email: email.into(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        role,
        bodies: bodies.iter().map(|b| (*b).to_string()).collect(),
    }
}

fn entry(action: &str) -> AuditEntry {
    AuditEntry::new("anna@example.se", action).about("sro", "2021-05-21")
}

async fn accounts_are_added_found_listed_and_removed(db: &Db) {
    let editor = db.store.editor();
    let anna = editor
        .add_user(user(" Anna@Example.SE ", Role::Editor, &["sro", "nvs", "sro"]))
        .await
        .expect("add");
    assert_eq!(anna.email, "anna@example.se");
    assert_eq!(anna.bodies, ["nvs", "sro"]);
    assert!(anna.may_edit("sro") && !anna.may_edit("tom"));
    let taken = editor.add_user(user("ANNA@example.se", Role::Admin, &[])).await;
    assert!(matches!(taken, Err(StoreError::Invalid(_))), "{taken:?}");
    assert!(matches!(
        editor.add_user(user("inte-en-adress", Role::Admin, &[])).await,
        Err(StoreError::Invalid(_))
    ));
    let admin = editor
        .add_user(user("admin@example.se", Role::Admin, &[]))
        .await
        .expect("admin");
    assert!(admin.may_edit("tom"));
    let found = editor.user_by_email("ANNA@EXAMPLE.SE").await.expect("find");
    assert_eq!(found.as_ref(), Some(&anna));
    let all: Vec<String> = editor
        .users()
        .await
        .expect("list")
        .into_iter()
        .map(|u| u.email)
        .collect();
    assert_eq!(all, ["admin@example.se", "anna@example.se"]);

    editor
        .create_session("h1", anna.id, "csrf", now())
        .await
        .expect("session");
    editor.remove_user("anna@example.se").await.expect("remove");
    assert_eq!(editor.user_by_email("anna@example.se").await.expect("find"), None);
    assert_eq!(
        editor.session("h1", now(), 0, 0).await.expect("session"),
        None,
        "sessions go with the account"
    );
    assert!(matches!(
        editor.remove_user("anna@example.se").await,
        Err(StoreError::NotFound)
    ));
}

async fn sessions_expire_when_idle_or_old_and_end_at_sign_out(db: &Db) {
    let editor = db.store.editor();
    let anna = editor
        .add_user(user("anna@example.se", Role::Editor, &["sro"]))
        .await
        .expect("add");
    let t = 1_000_000;
    editor
        .create_session("a", anna.id, "token-a", t)
        .await
        .expect("a");
    editor
        .create_session("b", anna.id, "token-b", t)
        .await
        .expect("b");
    editor
        .create_session("c", anna.id, "token-c", t)
        .await
        .expect("c");

    // Seen within the idle window: found, and marked seen now.
    let a = editor
        .session("a", t + 100, t - 1000, t - 10)
        .await
        .expect("a")
        .expect("a lives");
    assert_eq!(
        (a.user.email.as_str(), a.csrf_token.as_str()),
        ("anna@example.se", "token-a")
    );
    assert_eq!(a.user.bodies, ["sro"]);
    assert_eq!(a.last_seen, t + 100);
    // The idle window counts from the last time seen, not from creation.
    assert!(
        editor
            .session("a", t + 200, t - 1000, t + 60)
            .await
            .expect("a")
            .is_some()
    );
    // Idle too long: gone, and stays gone.
    assert_eq!(
        editor.session("b", t + 200, t - 1000, t + 10).await.expect("b"),
        None
    );
    assert_eq!(editor.session("b", t + 200, 0, 0).await.expect("b"), None);
    // Created too long ago, however recently seen: gone.
    assert_eq!(editor.session("c", t + 200, t, 0).await.expect("c"), None);
    // Signed out.
    editor.delete_session("a").await.expect("out");
    assert_eq!(editor.session("a", t + 300, 0, 0).await.expect("a"), None);
    editor.delete_session("a").await.expect("twice is fine");
    assert_eq!(editor.session("nobody", t, 0, 0).await.expect("none"), None);
}

async fn failed_sign_ins_are_counted_per_key_and_window(db: &Db) {
    let editor = db.store.editor();
    for at in [100, 200, 300] {
        editor
            .record_failed_login("konto:x", at, 0)
            .await
            .expect("record");
    }
    editor
        .record_failed_login("adress:y", 300, 0)
        .await
        .expect("record");
    assert_eq!(editor.failed_logins("konto:x", 0).await.expect("count"), 3);
    assert_eq!(editor.failed_logins("konto:x", 200).await.expect("count"), 2);
    assert_eq!(editor.failed_logins("adress:y", 0).await.expect("count"), 1);
    // Old failures are forgotten as new ones arrive.
    editor
        .record_failed_login("adress:y", 400, 250)
        .await
        .expect("record");
    assert_eq!(editor.failed_logins("konto:x", 0).await.expect("count"), 1);
    editor.clear_failed_logins("konto:x").await.expect("clear");
    assert_eq!(editor.failed_logins("konto:x", 0).await.expect("count"), 0);
    assert_eq!(editor.failed_logins("adress:y", 0).await.expect("count"), 2);
}

async fn audit_rows_exist_exactly_when_the_change_does(db: &Db) {
    let store = &db.store;
    let editor = store.editor();
    let mut first = published("sro", "2021-05-21", "Punkt ett");
    first.state = State::Draft;
    first.expected_revision = Some(0);
    let saved = editor
        .save_audited(first.clone(), entry("create"))
        .await
        .expect("create");
    assert_eq!(saved.revision, 1);

    // The same text again: no revision, no audit row.
    first.expected_revision = Some(1);
    let same = editor
        .save_audited(first.clone(), entry("save"))
        .await
        .expect("same");
    assert!(!same.changed);

    // A stale revision: refused, and neither the revision nor its audit row is written.
    let mut stale = published("sro", "2021-05-21", "Punkt ett\nPunkt två");
    stale.state = State::Draft;
    stale.expected_revision = Some(0);
    let conflict = editor.save_audited(stale, entry("save")).await;
    assert!(
        matches!(conflict, Err(StoreError::Conflict { current: 1 })),
        "{conflict:?}"
    );

    // A NUL in the audit row fails the whole save: the revision is rolled back with it.
    let mut second = published("sro", "2021-05-21", "Punkt ett\nPunkt två");
    second.state = State::Draft;
    second.expected_revision = Some(1);
    let mut bad = entry("save");
    bad.detail = Some("\0".into());
    assert!(editor.save_audited(second.clone(), bad).await.is_err());
    assert_eq!(store.revisions(saved.meeting_id).await.expect("history").len(), 1);

    let counter = store.change_counter().await.expect("counter");
    let two = editor.save_audited(second, entry("save")).await.expect("save");
    assert_eq!(two.revision, 2);
    assert_eq!(store.change_counter().await.expect("counter"), counter + 1);

    // State changes: a stale expected revision is refused; a right one is audited.
    let refused = editor
        .set_state_audited(
            saved.meeting_id,
            State::Published,
            Some(1),
            None,
            entry("publish"),
        )
        .await;
    assert!(
        matches!(refused, Err(StoreError::Conflict { current: 2 })),
        "{refused:?}"
    );
    let published = editor
        .set_state_audited(
            saved.meeting_id,
            State::Published,
            Some(2),
            Some("Rättat"),
            entry("publish"),
        )
        .await
        .expect("publish");
    assert_eq!(published.revision, 3);
    let history = store.revisions(saved.meeting_id).await.expect("history");
    assert_eq!(history[0].author.as_deref(), Some("anna@example.se"));
    assert_eq!(history[0].note.as_deref(), Some("Rättat"));

    editor.audit(entry("sign-in"), now()).await.expect("audit");
    let log = editor.audit_log(10).await.expect("log");
    let actions: Vec<(&str, Option<i64>)> = log
        .iter()
        .map(|r| (r.entry.action.as_str(), r.entry.revision))
        .collect();
    assert_eq!(
        actions,
        [
            ("sign-in", None),
            ("publish", Some(3)),
            ("save", Some(2)),
            ("create", Some(1))
        ]
    );
    assert_eq!(editor.audit_log(1).await.expect("log").len(), 1);
}

async fn drafts_are_kept_per_meeting_and_account(db: &Db) {
    let store = &db.store;
    let editor = store.editor();
    let anna = editor
        .add_user(user("anna@example.se", Role::Editor, &["sro"]))
        .await
        .expect("add");
    let per = editor
        .add_user(user("per@example.se", Role::Admin, &[]))
        .await
        .expect("add");
    let saved = store
        .save(published("sro", "2021-05-21", "Punkt ett"))
        .await
        .expect("save");
    let id = saved.meeting_id;
    assert_eq!(editor.draft(id, anna.id).await.expect("draft"), None);
    editor.put_draft(id, anna.id, "först", 1, 100).await.expect("put");
    editor
        .put_draft(id, anna.id, "sedan", 1, 200)
        .await
        .expect("replace");
    editor.put_draft(id, per.id, "hans", 1, 150).await.expect("put");
    let draft = editor.draft(id, anna.id).await.expect("draft").expect("kept");
    assert_eq!(
        (draft.source.as_str(), draft.revision, draft.saved_at),
        ("sedan", 1, 200)
    );
    assert_eq!(
        editor
            .draft(id, per.id)
            .await
            .expect("draft")
            .map(|d| d.source)
            .as_deref(),
        Some("hans")
    );
    assert!(editor.put_draft(id, anna.id, "nul\0", 1, 300).await.is_err());
    editor.delete_draft(id, anna.id).await.expect("delete");
    editor.delete_draft(id, anna.id).await.expect("delete again");
    assert_eq!(editor.draft(id, anna.id).await.expect("draft"), None);
    assert!(
        editor.draft(id, per.id).await.expect("draft").is_some(),
        "another account's draft stays"
    );
    // Removing the account removes its drafts.
    editor.remove_user("per@example.se").await.expect("remove");
    assert_eq!(editor.draft(id, per.id).await.expect("draft"), None);
}

async fn a_minutes_file_is_stored_with_the_revision_that_links_it(db: &Db) {
    let store = &db.store;
    let editor = store.editor();
    let first = store
        .save(published("sro", "2021-05-21", "Punkt ett"))
        .await
        .expect("save");
    let file = |bytes: &[u8]| MinutesFile {
        pdf: bytes.to_vec(),
        sha256: "abc".into(),
        uploaded_at: 1_700_000_000,
        uploaded_by: "anna@example.se".into(),
    };
    assert_eq!(editor.minutes_file(first.meeting_id).await.expect("read"), None);

    // A stale revision: neither the file nor the revision is written.
    let mut linked = published("sro", "2021-05-21", "Punkt ett\nProtokoll");
    linked.expected_revision = Some(0);
    let stale = editor
        .save_with_minutes_file(linked.clone(), entry("minutes-upload"), file(b"%PDF-1"))
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { current: 1 })),
        "{stale:?}"
    );
    assert_eq!(editor.minutes_file(first.meeting_id).await.expect("read"), None);

    linked.expected_revision = Some(1);
    let counter = store.change_counter().await.expect("counter");
    let saved = editor
        .save_with_minutes_file(linked.clone(), entry("minutes-upload"), file(b"%PDF-1 \x00\xff"))
        .await
        .expect("save");
    assert_eq!(saved.revision, 2);
    let stored = editor
        .minutes_file(first.meeting_id)
        .await
        .expect("read")
        .expect("stored");
    assert_eq!(stored.pdf, b"%PDF-1 \x00\xff", "binary bytes kept");
    assert_eq!(stored.uploaded_by, "anna@example.se");
    assert_eq!(store.change_counter().await.expect("counter"), counter + 1);

    // A new file for the same record: replaced, still a change (caches must drop the old bytes).
    linked.expected_revision = Some(2);
    let again = editor
        .save_with_minutes_file(linked, entry("minutes-upload"), file(b"%PDF-2"))
        .await
        .expect("replace");
    assert_eq!(again.revision, 2, "the record did not change");
    assert!(again.changed);
    assert_eq!(store.change_counter().await.expect("counter"), counter + 2);
    let stored = editor
        .minutes_file(first.meeting_id)
        .await
        .expect("read")
        .expect("stored");
    assert_eq!(stored.pdf, b"%PDF-2");
    let log = editor.audit_log(10).await.expect("log");
    assert_eq!(
        log.iter().filter(|r| r.entry.action == "minutes-upload").count(),
        2
    );
}

async fn an_accounts_bodies_are_replaced(db: &Db) {
    let editor = db.store.editor();
    editor
        .add_user(user("anna@example.se", Role::Editor, &["sro"]))
        .await
        .expect("add");
    let anna = editor
        .set_bodies(" ANNA@example.se", &["nvs".into(), "fyr".into(), "nvs".into()])
        .await
        .expect("set");
    assert_eq!(anna.bodies, ["fyr", "nvs"]);
    let read = editor
        .user_by_email("anna@example.se")
        .await
        .expect("read")
        .expect("there");
    assert_eq!(read.bodies, ["fyr", "nvs"]);
    assert!(matches!(
        editor.set_bodies("ingen@example.se", &[]).await,
        Err(StoreError::NotFound)
    ));
}
