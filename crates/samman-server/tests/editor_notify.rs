//! Publishing from the editor with "Skicka till prenumeranterna", over real HTTP on SQLite and (with
//! `SAMMAN_TEST_POSTGRES`) PostgreSQL: the campaign and one outbox row per confirmed subscriber are made
//! with the publication, never twice for one revision, held back by an embargo, and not at all unticked.

mod support;

use std::sync::Arc;

use samman_newsletter::Secret;
use samman_server::newsletter::Newsletter;
use samman_site::Site;
use samman_store::{Role, State, Store};
use support::editor::*;

const PATH: &str = "/redaktor/sro/2021-05-21/";

fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

async fn campaigns(store: &dyn Store) -> Vec<(i64, i64, i64)> {
    store
        .newsletter()
        .campaigns()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(|c| (c.campaign.revision, c.campaign.recipients, c.pending))
        .collect()
}

/// Posts the publish form at the page's current revision.
async fn publish(editor: &Browser, addr: std::net::SocketAddr, extra: &[(&str, &str)]) -> u16 {
    let revision = field(&editor.get(addr, PATH).await.text(), "revision");
    let mut fields = vec![("revision", revision.as_str())];
    fields.extend_from_slice(extra);
    let reply = editor.post(addr, &format!("{PATH}publicera"), &fields).await;
    reply.status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publishing_sends_to_subscribers_only_when_asked_and_once_per_revision() {
    for backend in support::backends() {
        let store: Arc<dyn Store> = support::open(&backend).await;
        support::save(store.as_ref(), &support::example(), State::Draft, None).await;
        add_user(store.as_ref(), "sro@example.se", Role::Editor, &["sro"]).await;
        subscriber(store.as_ref(), "sro", "a@example.se", true).await;
        subscriber(store.as_ref(), "sro", "b@example.se", true).await;
        subscriber(store.as_ref(), "sro", "c@example.se", false).await;
        let secret = Secret::from_text(&"s".repeat(40)).unwrap_or_else(|e| panic!("{e}"));
        let app = samman_server::App::new(store.clone(), Site::new(support::bodies()))
            .with_newsletter(Newsletter::new(secret, None));
        let server = support::start_app(app).await;
        let addr = server.addr;
        let editor = sign_in(addr, "sro@example.se").await;
        assert!(
            editor
                .get(addr, PATH)
                .await
                .text()
                .contains("Skicka till prenumeranterna")
        );

        // Unticked: published, no campaign.
        assert_eq!(publish(&editor, addr, &[]).await, 303);
        assert!(campaigns(store.as_ref()).await.is_empty());
        let published = store
            .meeting("sro", support::date("2021-05-21"))
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("stored"));
        assert_eq!(published.state, State::Published);

        // Ticked: one campaign for the published revision, one row per confirmed subscriber.
        assert_eq!(publish(&editor, addr, &[("notify", "ja")]).await, 303);
        let rev = published.revision;
        assert_eq!(campaigns(store.as_ref()).await, [(rev, 2, 2)]);
        // Ticked again on the same revision: not sent twice.
        assert_eq!(publish(&editor, addr, &[("notify", "ja")]).await, 303);
        assert_eq!(campaigns(store.as_ref()).await, [(rev, 2, 2)]);

        // An update, published unticked: nothing new; ticked: a second campaign (asked for).
        let revision = field(&editor.get(addr, PATH).await.text(), "revision");
        let updated = support::example().replace("Nära vård", "Nära vård i länet");
        let saved = editor
            .post(addr, PATH, &[("revision", &revision), ("source", &updated)])
            .await;
        assert_eq!(saved.status, 303, "{}", saved.text());
        assert_eq!(publish(&editor, addr, &[]).await, 303);
        assert_eq!(campaigns(store.as_ref()).await.len(), 1);
        assert_eq!(publish(&editor, addr, &[("notify", "ja")]).await, 303);
        assert_eq!(campaigns(store.as_ref()).await.len(), 2);

        // The rows of both are due now; with an embargo, the new campaign's rows wait for it.
        let due = store
            .newsletter()
            .claim("first", now(), 600, 100)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(due.len(), 4);
        for row in &due {
            let marked = store.newsletter().mark_sent(row.outbox_id, "first", now()).await;
            assert!(marked.is_ok_and(|m| m));
        }
        let later = now() + 7 * 24 * 3600;
        let at = jiff::Timestamp::from_second(later)
            .unwrap_or_else(|e| panic!("{e}"))
            .to_zoned(jiff::tz::TimeZone::get("Europe/Stockholm").unwrap_or_else(|e| panic!("{e}")))
            .datetime()
            .strftime("%Y-%m-%dT%H:%M")
            .to_string();
        assert_eq!(
            publish(&editor, addr, &[("notify", "ja"), ("publish_at", &at)]).await,
            303
        );
        assert_eq!(campaigns(store.as_ref()).await.len(), 3);
        let early = store
            .newsletter()
            .claim("second", now() + 60, 600, 100)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(early.is_empty(), "no mail before the embargo: {early:?}");
        let after = store
            .newsletter()
            .claim("third", later + 60, 600, 100)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(after.len(), 2);

        // The audit log says it was sent.
        let log = store
            .editor()
            .audit_log(20)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let sent = log
            .iter()
            .filter(|r| {
                r.entry.action == "publish"
                    && r.entry
                        .detail
                        .as_deref()
                        .is_some_and(|d| d.contains("skickas till prenumeranterna"))
            })
            .count();
        assert_eq!(sent, 3, "one row per campaign made: {log:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_newsletter_the_box_is_absent_and_refused() {
    for backend in support::backends() {
        let (store, server) = server_with_users(&backend).await;
        let addr = server.addr;
        subscriber(store.as_ref(), "sro", "a@example.se", true).await;
        let editor = sign_in(addr, "sro@example.se").await;
        assert!(
            !editor
                .get(addr, PATH)
                .await
                .text()
                .contains("Skicka till prenumeranterna")
        );
        let before = store.change_counter().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(publish(&editor, addr, &[("notify", "ja")]).await, 422);
        assert_eq!(
            store.change_counter().await.unwrap_or_else(|e| panic!("{e}")),
            before,
            "nothing saved"
        );
        assert!(campaigns(store.as_ref()).await.is_empty());
    }
}
