//! The newsletter's conformance cases (`NewsletterStore`), each run on SQLite and on PostgreSQL: double
//! opt-in with single-use tokens, leaving that removes the address, campaigns written in the
//! publication's transaction, and claims that never hand one row to two workers.

#[macro_use]
mod common;

use std::collections::HashSet;

use common::{Db, now, published};
use samman_store::newsletter::{NewSubscriber, Subscribed, SubscriberState};
use samman_store::{State, StoreError};

conformance!(
    double_opt_in_uses_each_token_once,
    leaving_removes_the_address_and_skips_pending_mail,
    a_campaign_is_written_with_its_publication_and_only_once,
    claims_lease_rows_and_marks_need_the_claim,
    concurrent_workers_never_claim_one_row_twice,
    failed_rows_are_resumable,
    mails_wait_for_the_embargo_and_are_dropped_when_unpublished,
);

fn request(list: &str, address: &str, token: &str, now: i64) -> NewSubscriber {
    NewSubscriber {
        list: list.into(),
        address: address.into(),
        address_hash: format!("hash:{address}"),
        token_hash: format!("token:{token}"),
        token_expires: now + 7 * 86_400,
        consent_version: "2026-1".into(),
        consent_source: "webbformuläret /sro/nyhetsbrev/".into(),
        now,
    }
}

/// Subscribes and confirms `count` addresses on `list`; returns their ids.
async fn confirmed(db: &Db, list: &str, count: usize) -> Vec<i64> {
    let n = db.store.newsletter();
    let t = now();
    let mut ids = Vec::new();
    for i in 0..count {
        let address = format!("person{i}@example.org");
        let Subscribed::Pending { id } = n.subscribe(request(list, &address, "t", t)).await.unwrap() else {
            panic!("a new address is pending")
        };
        assert!(n.confirm(id, "token:t", t).await.unwrap().is_some());
        ids.push(id);
    }
    ids
}

async fn double_opt_in_uses_each_token_once(db: &Db) {
    let n = db.store.newsletter();
    let t = now();
    let Subscribed::Pending { id } = n
        .subscribe(request("sro", "a@example.org", "one", t))
        .await
        .unwrap()
    else {
        panic!("pending")
    };
    // Asking again replaces the token: the first link no longer works.
    assert_eq!(
        n.subscribe(request("sro", "a@example.org", "two", t))
            .await
            .unwrap(),
        Subscribed::Pending { id }
    );
    assert_eq!(n.confirm(id, "token:one", t).await.unwrap(), None);
    // Expired.
    assert_eq!(n.confirm(id, "token:two", t + 8 * 86_400).await.unwrap(), None);
    let s = n.confirm(id, "token:two", t).await.unwrap().expect("confirmed");
    assert_eq!(s.state, SubscriberState::Confirmed);
    assert_eq!(s.address.as_deref(), Some("a@example.org"));
    // Replayed.
    assert_eq!(n.confirm(id, "token:two", t).await.unwrap(), None);
    // Asking once more changes nothing and sends nothing.
    assert_eq!(
        n.subscribe(request("sro", "a@example.org", "three", t))
            .await
            .unwrap(),
        Subscribed::AlreadyConfirmed { id }
    );
    assert_eq!(n.confirm(id, "token:three", t).await.unwrap(), None);
    let consents = n.consents(id).await.unwrap();
    assert_eq!(consents.len(), 1);
    assert!(consents[0].given);
    assert_eq!(consents[0].text_version, "2026-1");
    assert_eq!(consents[0].source, "webbformuläret /sro/nyhetsbrev/");
    assert_eq!(consents[0].at, t);
    // NUL cannot be stored: refused, nothing written.
    let bad = n.subscribe(request("sro", "b\0@example.org", "x", t)).await;
    assert!(matches!(bad, Err(StoreError::Invalid(_))), "{bad:?}");
    assert_eq!(n.subscribers(Some("sro")).await.unwrap().len(), 1);
}

async fn leaving_removes_the_address_and_skips_pending_mail(db: &Db) {
    let ids = confirmed(db, "sro", 2).await;
    let n = db.store.newsletter();
    let notified = n
        .publish_and_notify(published("sro", "2021-05-21", "Punkt"), "sro")
        .await
        .unwrap();
    assert_eq!(notified.campaign.as_ref().unwrap().recipients, 2);
    assert!(n.leave(ids[0], "avregistreringslänk", now()).await.unwrap());
    assert!(
        !n.leave(ids[0], "avregistreringslänk", now()).await.unwrap(),
        "already left"
    );
    let left = n.subscriber(ids[0]).await.unwrap().unwrap();
    assert_eq!(left.state, SubscriberState::Left);
    assert_eq!(left.address, None);
    assert_eq!(left.address_hash, "hash:person0@example.org");
    let kinds: Vec<bool> = n
        .consents(ids[0])
        .await
        .unwrap()
        .iter()
        .map(|c| c.given)
        .collect();
    assert_eq!(kinds, [true, false]);
    let claimed = n.claim("w", now(), 60, 10).await.unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].subscriber_id, ids[1]);
    let status = &n.campaigns().await.unwrap()[0];
    assert_eq!((status.skipped, status.pending), (1, 1));
}

async fn a_campaign_is_written_with_its_publication_and_only_once(db: &Db) {
    confirmed(db, "sro", 3).await;
    let n = db.store.newsletter();
    // A pending subscriber gets nothing.
    n.subscribe(request("sro", "pending@example.org", "p", now()))
        .await
        .unwrap();
    // Another list's subscriber gets nothing.
    confirmed(db, "annat", 1).await;
    let first = n
        .publish_and_notify(published("sro", "2021-05-21", "Punkt"), "sro")
        .await
        .unwrap();
    assert!(first.created && first.saved.changed);
    let campaign = first.campaign.clone().unwrap();
    assert_eq!((campaign.recipients, campaign.revision), (3, 1));
    // The same revision again (a script run twice): the same campaign, no new mail.
    let again = n
        .publish_and_notify(published("sro", "2021-05-21", "Punkt"), "sro")
        .await
        .unwrap();
    assert!(!again.created && !again.saved.changed);
    assert_eq!(again.campaign, Some(campaign.clone()));
    // A conflict rolls back the publication and writes no campaign.
    let mut stale = published("sro", "2021-05-21", "Ändrad");
    stale.expected_revision = Some(0);
    assert!(matches!(
        n.publish_and_notify(stale, "sro").await,
        Err(StoreError::Conflict { current: 1 })
    ));
    // A draft is saved but sends nothing.
    let mut draft = published("sro", "2021-06-01", "Utkast");
    draft.state = State::Draft;
    let drafted = n.publish_and_notify(draft, "sro").await.unwrap();
    assert!(drafted.saved.changed && drafted.campaign.is_none());
    let campaigns = n.campaigns().await.unwrap();
    assert_eq!(campaigns.len(), 1);
    assert_eq!(campaigns[0].pending, 3);
    assert_eq!(campaigns[0].date.to_string(), "2021-05-21");
    let meeting = n.campaign_meeting(campaign.id).await.unwrap();
    assert_eq!(meeting.items[0].title, "Punkt");
    // The Message-IDs are stable and distinct.
    let claimed = n.claim("w", now(), 60, 10).await.unwrap();
    let ids: HashSet<_> = claimed.iter().map(|c| c.message_id.clone()).collect();
    assert_eq!(ids.len(), 3);
    assert!(
        ids.iter()
            .all(|id| id.starts_with(&format!("samman.c{}.s", campaign.id)))
    );
}

async fn claims_lease_rows_and_marks_need_the_claim(db: &Db) {
    confirmed(db, "sro", 2).await;
    let n = db.store.newsletter();
    n.publish_and_notify(published("sro", "2021-05-21", "Punkt"), "sro")
        .await
        .unwrap();
    let t = now();
    let first = n.claim("a", t, 60, 10).await.unwrap();
    assert_eq!(first.len(), 2);
    assert!(first.iter().all(|c| c.attempts == 1));
    // Leased: nobody else gets them.
    assert!(n.claim("b", t + 59, 60, 10).await.unwrap().is_empty());
    // The lease ran out (worker "a" died): "c" takes them, with the same Message-IDs.
    let again = n.claim("c", t + 61, 60, 10).await.unwrap();
    assert_eq!(again.len(), 2);
    assert_eq!(again[0].message_id, first[0].message_id);
    assert_eq!(again[0].attempts, 2);
    // "a" comes back: its claim is no longer valid.
    assert!(!n.mark_sent(first[0].outbox_id, "a", t + 62).await.unwrap());
    assert!(n.mark_sent(again[0].outbox_id, "c", t + 62).await.unwrap());
    assert!(
        !n.mark_sent(again[0].outbox_id, "c", t + 62).await.unwrap(),
        "sent once"
    );
    assert!(
        n.mark_retry(again[1].outbox_id, "c", "421 försök senare", t + 100)
            .await
            .unwrap()
    );
    assert!(
        n.claim("d", t + 99, 60, 10).await.unwrap().is_empty(),
        "not due yet"
    );
    let status = &n.campaigns().await.unwrap()[0];
    assert_eq!((status.sent, status.pending, status.failed), (1, 1, 0));
    assert_eq!(status.last_error.as_deref(), Some("421 försök senare"));
    let due = n.claim("d", t + 100, 60, 10).await.unwrap();
    assert_eq!(due.len(), 1);
    assert!(
        n.mark_failed(due[0].outbox_id, "d", "550 ingen sådan mottagare")
            .await
            .unwrap()
    );
    let status = &n.campaigns().await.unwrap()[0];
    assert_eq!((status.sent, status.pending, status.failed), (1, 0, 1));
    assert_eq!(status.last_error.as_deref(), Some("550 ingen sådan mottagare"));
}

async fn concurrent_workers_never_claim_one_row_twice(db: &Db) {
    confirmed(db, "sro", 60).await;
    db.store
        .newsletter()
        .publish_and_notify(published("sro", "2021-05-21", "Punkt"), "sro")
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for worker in 0..4 {
        let store = db.reopen().await;
        tasks.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let claimed = store
                    .newsletter()
                    .claim(&format!("w{worker}"), now(), 600, 3)
                    .await
                    .unwrap();
                if claimed.is_empty() {
                    return mine;
                }
                for c in claimed {
                    assert!(
                        store
                            .newsletter()
                            .mark_sent(c.outbox_id, &format!("w{worker}"), now())
                            .await
                            .unwrap()
                    );
                    mine.push(c.outbox_id);
                }
            }
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    let distinct: HashSet<_> = all.iter().collect();
    assert_eq!((all.len(), distinct.len()), (60, 60));
    assert_eq!(db.store.newsletter().campaigns().await.unwrap()[0].sent, 60);
}

async fn failed_rows_are_resumable(db: &Db) {
    confirmed(db, "sro", 2).await;
    let n = db.store.newsletter();
    n.publish_and_notify(published("sro", "2021-05-21", "Punkt"), "sro")
        .await
        .unwrap();
    let t = now();
    for c in n.claim("a", t, 60, 10).await.unwrap() {
        assert!(n.mark_failed(c.outbox_id, "a", "554 relay nekad").await.unwrap());
    }
    assert_eq!(n.claim("b", t + 1000, 60, 10).await.unwrap().len(), 0);
    assert_eq!(n.retry_failed(None, t).await.unwrap(), 2);
    let again = n.claim("b", t, 60, 10).await.unwrap();
    assert_eq!(again.len(), 2);
    assert!(again.iter().all(|c| c.attempts == 1));
}

async fn mails_wait_for_the_embargo_and_are_dropped_when_unpublished(db: &Db) {
    confirmed(db, "sro", 2).await;
    let n = db.store.newsletter();
    let t = now();
    let mut embargoed = published("sro", "2021-05-21", "Punkt");
    embargoed.publish_at = Some(t + 3_600);
    let notified = n.publish_and_notify(embargoed, "sro").await.unwrap();
    assert!(notified.created, "the campaign is written with the publication");
    assert!(
        n.claim("a", t + 60, 60, 10).await.unwrap().is_empty(),
        "no mail before the summary is public"
    );
    let may = n.claim("a", t + 3_600, 60, 10).await.unwrap();
    assert_eq!(may.len(), 2);
    for row in &may {
        assert!(n.mark_sent(row.outbox_id, "a", t + 3_600).await.unwrap());
    }

    n.publish_and_notify(published("sro", "2021-06-18", "Punkt"), "sro")
        .await
        .unwrap();
    let mut withdrawn = published("sro", "2021-06-18", "Punkt");
    withdrawn.state = State::Unpublished;
    db.store.save(withdrawn).await.unwrap();
    assert!(
        n.claim("b", t + 3_700, 60, 10).await.unwrap().is_empty(),
        "an unpublished summary's mails are not sent"
    );
    let statuses = n.campaigns().await.unwrap();
    let june = statuses
        .iter()
        .find(|c| c.date.to_string() == "2021-06-18")
        .expect("the June campaign");
    assert_eq!((june.sent, june.pending, june.skipped), (0, 0, 2));
}
