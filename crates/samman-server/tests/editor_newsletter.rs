//! The newsletter's admin in the editor (`/redaktor/{organ}/nyhetsbrev`, `.csv`, `/ta-bort`) over real
//! HTTP on SQLite and (with `SAMMAN_TEST_POSTGRES`) PostgreSQL: the authorization matrix (anonymous,
//! editor of the body, editor of another body, admin), the page's subscribers and campaign progress,
//! the CSV download's headers and cells (formula injection neutralised), removal (refused without the
//! CSRF token or for another list's subscriber; done, it is what `samman newsletter remove` does, with
//! an audit row), and nothing of one body's list shown to another body's editor.

mod support;

use std::net::SocketAddr;
use std::sync::Arc;

use samman_domain::Bodies;
use samman_site::Site;
use samman_store::newsletter::SubscriberState;
use samman_store::{NewRevision, Role, State, Store};
use support::editor::*;

const SRO: &str = "/redaktor/sro/nyhetsbrev";

fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// The test bodies, with a list for NVS too (so there is another body's list that must not leak).
fn bodies() -> Bodies {
    let toml = support::BODIES.replace(
        "name = \"Delregionalt samrådsorgan Norra\"\n",
        "name = \"Delregionalt samrådsorgan Norra\"\nnewsletter = \"Nyhetsbrev Norra\"\n",
    );
    Bodies::from_toml(&toml).unwrap_or_else(|e| panic!("{e}"))
}

/// Publishes the example with a campaign to SRO's list (whose confirmed subscribers are `confirmed`):
/// one mail sent, one failed, one pending; the pending one's subscriber.
async fn campaign(store: &dyn Store, confirmed: [i64; 3]) -> i64 {
    let text = support::example();
    let (_, meeting) =
        samman_site::meeting_from_text(&text, None, &bodies()).unwrap_or_else(|e| panic!("{e}"));
    let new = NewRevision {
        body: meeting.body.clone(),
        date: meeting.date,
        source: text,
        meeting,
        author: Some("test".into()),
        note: None,
        state: State::Published,
        publish_at: None,
        expected_revision: None,
    };
    let notified = store.newsletter().publish_and_notify(new, "sro").await;
    assert!(notified.is_ok_and(|n| n.created));
    let news = store.newsletter();
    let rows = news
        .claim("w", now(), 600, 2)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rows.len(), 2);
    assert!(
        news.mark_sent(rows[0].outbox_id, "w", now())
            .await
            .is_ok_and(|m| m)
    );
    let failed = news
        .mark_failed(rows[1].outbox_id, "w", "550 5.1.1 brevlådan finns inte")
        .await;
    assert!(failed.is_ok_and(|m| m));
    let taken = [rows[0].subscriber_id, rows[1].subscriber_id];
    confirmed
        .into_iter()
        .find(|id| !taken.contains(id))
        .unwrap_or_else(|| panic!("one left pending"))
}

struct Setup {
    store: Arc<dyn Store>,
    _server: support::Server,
    addr: SocketAddr,
    /// SRO's subscribers: confirmed, pending, confirmed with a formula-like address.
    a: i64,
    b: i64,
    formula: i64,
    /// NVS's one subscriber.
    n: i64,
    /// The SRO subscriber whose mail is still pending.
    pending: i64,
}

async fn setup(backend: &support::Backend) -> Setup {
    let store = support::open(backend).await;
    add_user(store.as_ref(), "sro@example.se", Role::Editor, &["sro"]).await;
    add_user(store.as_ref(), "nvs@example.se", Role::Editor, &["nvs"]).await;
    add_user(store.as_ref(), "admin@example.se", Role::Admin, &[]).await;
    let a = subscriber(store.as_ref(), "sro", "anna@example.se", true).await;
    let b = subscriber(store.as_ref(), "sro", "bo@example.se", false).await;
    let formula = subscriber(store.as_ref(), "sro", "=cmd|'/c calc'!a0@example.se", true).await;
    let c = subscriber(store.as_ref(), "sro", "cia@example.se", true).await;
    let n = subscriber(store.as_ref(), "nvs", "norra@example.se", true).await;
    let pending = campaign(store.as_ref(), [a, formula, c]).await;
    let app = samman_server::App::new(store.clone(), Site::new(bodies()));
    let server = support::start_app(app).await;
    Setup {
        addr: server.addr,
        store,
        _server: server,
        a,
        b,
        formula,
        n,
        pending,
    }
}

/// The state of subscriber `id`.
async fn state(store: &dyn Store, id: i64) -> SubscriberState {
    store
        .newsletter()
        .subscriber(id)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("subscriber {id}"))
        .state
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authorization_matrix_for_the_newsletter_pages() {
    for backend in support::backends() {
        let s = setup(&backend).await;
        let addr = s.addr;
        let anonymous = Browser::default();
        let own = sign_in(addr, "sro@example.se").await;
        let other = sign_in(addr, "nvs@example.se").await;
        let admin = sign_in(addr, "admin@example.se").await;
        let csv = format!("{SRO}.csv");
        let remove = format!("{SRO}/ta-bort");
        let b = s.b.to_string();

        // Anonymous: to the sign-in page; another body's editor: 403, with nothing of the list shown.
        for (who, browser, want) in [("anonymous", &anonymous, 303), ("other body", &other, 403)] {
            for path in [SRO, csv.as_str()] {
                let reply = browser.get(addr, path).await;
                assert_eq!(reply.status, want, "{who} GET {path}");
                assert!(
                    !reply.text().contains("anna@example.se"),
                    "{who} GET {path} leaked"
                );
            }
            let reply = browser.post(addr, &remove, &[("id", &b)]).await;
            assert_eq!(reply.status, want, "{who} POST {remove}");
            assert_eq!(state(s.store.as_ref(), s.b).await, SubscriberState::Pending);
            if want == 303 {
                let to = reply.header("location").unwrap_or_default();
                assert!(to.starts_with("/redaktor/logga-in"), "{to}");
            }
        }
        // The start page links the lists one may see, and no other.
        let home = other.get(addr, "/redaktor/").await.text();
        assert!(
            home.contains("/redaktor/nvs/nyhetsbrev") && !home.contains(SRO),
            "{home}"
        );
        let home = own.get(addr, "/redaktor/").await.text();
        assert!(
            home.contains(SRO) && !home.contains("/redaktor/nvs/nyhetsbrev"),
            "{home}"
        );
        let home = admin.get(addr, "/redaktor/").await.text();
        assert!(
            home.contains(SRO) && home.contains("/redaktor/nvs/nyhetsbrev"),
            "{home}"
        );

        // The body's editor and an admin: the page and the file; each list shows only its own.
        for (who, browser) in [("editor", &own), ("admin", &admin)] {
            let page = browser.get(addr, SRO).await;
            assert_eq!(page.status, 200, "{who}");
            let text = page.text();
            assert!(
                text.contains("anna@example.se") && text.contains("bo@example.se"),
                "{who}"
            );
            assert!(!text.contains("norra@example.se"), "{who} sees another list");
            let file = browser.get(addr, &csv).await;
            assert_eq!(file.status, 200, "{who}");
            assert!(!file.text().contains("norra@example.se"), "{who}");
        }
        let norra = admin.get(addr, "/redaktor/nvs/nyhetsbrev").await;
        assert_eq!(norra.status, 200);
        assert!(norra.text().contains("norra@example.se") && !norra.text().contains("anna@example.se"));
        // A body without a list, or no such body: 404 (even for an admin).
        assert_eq!(admin.get(addr, "/redaktor/tom/nyhetsbrev").await.status, 404);
        assert_eq!(admin.get(addr, "/redaktor/okand/nyhetsbrev").await.status, 404);
        assert_eq!(admin.get(addr, "/redaktor/tom/nyhetsbrev.csv").await.status, 404);

        // Removal: the body's editor and an admin may.
        let reply = own.post(addr, &remove, &[("id", &b)]).await;
        assert_eq!(reply.status, 200, "{}", reply.text());
        assert_eq!(state(s.store.as_ref(), s.b).await, SubscriberState::Left);
        let reply = admin.post(addr, &remove, &[("id", &s.a.to_string())]).await;
        assert_eq!(reply.status, 200, "{}", reply.text());
        assert_eq!(state(s.store.as_ref(), s.a).await, SubscriberState::Left);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_shows_subscribers_and_the_campaigns_progress() {
    for backend in support::backends() {
        let s = setup(&backend).await;
        let own = sign_in(s.addr, "sro@example.se").await;
        let page = own.get(s.addr, SRO).await;
        assert_eq!(page.status, 200);
        assert_eq!(page.header("cache-control"), Some("no-store"));
        let text = page.text();
        assert!(text.contains("Nyhetsbrev Nära vård"), "{text}");
        assert!(
            text.contains("3 bekräftade, 1 väntar på bekräftelse, 0 avslutade"),
            "{text}"
        );
        // No token or address hash is ever shown.
        assert!(!text.contains("token-") && !text.contains("hash-"), "{text}");
        // The campaign as `samman newsletter status` counts it: 3 recipients, 1 sent, 1 pending,
        // 1 failed, with the reason.
        let status = s
            .store
            .newsletter()
            .campaigns()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(status.len(), 1);
        let c = &status[0];
        assert_eq!((c.campaign.recipients, c.sent, c.pending, c.failed), (3, 1, 1, 1));
        let cells: Vec<String> = {
            let doc = scraper::Html::parse_document(&text);
            let sel = scraper::Selector::parse("#utskick + table tbody td").unwrap_or_else(|e| panic!("{e}"));
            doc.select(&sel).map(|td| td.text().collect::<String>()).collect()
        };
        assert_eq!(cells[0], c.campaign.id.to_string());
        assert_eq!(cells[1], "21 maj 2021");
        assert_eq!(&cells[4..9], ["3", "1", "1", "1", "0"], "{cells:?}");
        assert_eq!(cells[9], "550 5.1.1 brevlådan finns inte");
        // Script in an address is escaped like everything else.
        assert!(text.contains("=cmd|&#39;/c calc&#39;!a0@example.se"), "{text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_csv_download_has_every_subscriber_and_no_formula() {
    for backend in support::backends() {
        let s = setup(&backend).await;
        let own = sign_in(s.addr, "sro@example.se").await;
        let file = own.get(s.addr, &format!("{SRO}.csv")).await;
        assert_eq!(file.status, 200);
        assert_eq!(file.header("content-type"), Some("text/csv; charset=utf-8"));
        assert_eq!(file.header("cache-control"), Some("no-store"));
        assert_eq!(
            file.header("content-disposition"),
            Some("attachment; filename=\"nyhetsbrev-sro.csv\"")
        );
        let text = file.text();
        let text = text
            .strip_prefix('\u{feff}')
            .unwrap_or_else(|| panic!("no BOM: {text}"));
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], "id,lista,epost,status,anmäld,bekräftad,avslutad");
        assert_eq!(lines.len(), 1 + 4 + 1, "{lines:?}"); // header, four subscribers, the final CRLF
        assert_eq!(lines[5], "");
        let row = |id: i64| {
            lines
                .iter()
                .find(|l| l.starts_with(&format!("{id},")))
                .unwrap_or_else(|| panic!("no row {id}: {lines:?}"))
                .to_string()
        };
        let a_row = row(s.a);
        let a: Vec<&str> = a_row.split(',').collect();
        assert_eq!(
            &a[..4],
            [s.a.to_string().as_str(), "sro", "anna@example.se", "bekräftad"]
        );
        assert_eq!(a[4].len(), "2026-12-02 21:03".len(), "{a:?}");
        assert_eq!(a[4], a[5], "confirmed in the same minute it was asked");
        assert_eq!(a[6], "");
        let b = row(s.b);
        assert!(b.contains(",bo@example.se,väntar på bekräftelse,"), "{b}");
        // The formula-like address starts with a quote, so no spreadsheet runs it.
        let f = row(s.formula);
        assert!(f.contains(",'=cmd|'/c calc'!a0@example.se,"), "{f}");
        assert!(
            !text.contains(",=") && !text.contains("norra@example.se"),
            "{text}"
        );
        assert!(!text.contains("hash-") && !text.contains("token-"), "{text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn removal_needs_the_token_and_does_what_the_cli_does() {
    for backend in support::backends() {
        let s = setup(&backend).await;
        let addr = s.addr;
        let own = sign_in(addr, "sro@example.se").await;
        let remove = format!("{SRO}/ta-bort");
        let formula = s.formula.to_string();

        // Without the token, with a wrong one, from another origin: refused, nothing changed.
        let bare = own
            .post_raw(addr, &remove, &origin(addr), &encode(&[("id", &formula)]))
            .await;
        assert_eq!(bare.status, 403);
        let wrong = own
            .post_raw(
                addr,
                &remove,
                &origin(addr),
                &encode(&[("csrf", "x"), ("id", &formula)]),
            )
            .await;
        assert_eq!(wrong.status, 403);
        let forged = own
            .post_raw(
                addr,
                &remove,
                "http://evil.example",
                &encode(&[("csrf", &own.csrf), ("id", &formula)]),
            )
            .await;
        assert_eq!(forged.status, 403);
        // Another list's subscriber through this list's form, or no such one: 404, nothing changed.
        let across = own.post(addr, &remove, &[("id", &s.n.to_string())]).await;
        assert_eq!(across.status, 404);
        assert!(!across.text().contains("norra@example.se"));
        assert_eq!(own.post(addr, &remove, &[("id", "99999")]).await.status, 404);
        assert_eq!(own.post(addr, &remove, &[("id", "x")]).await.status, 404);
        assert_eq!(
            state(s.store.as_ref(), s.formula).await,
            SubscriberState::Confirmed
        );
        assert_eq!(state(s.store.as_ref(), s.n).await, SubscriberState::Confirmed);
        let news = s.store.newsletter();
        let pending = |c: &[samman_store::newsletter::CampaignStatus]| (c[0].pending, c[0].skipped);
        let before = pending(&news.campaigns().await.unwrap_or_else(|e| panic!("{e}")));
        assert_eq!(before, (1, 0));

        // Removed: the address is gone, the withdrawal recorded, the pending mail skipped, audited.
        let pending_id = s.pending;
        let target = pending_id.to_string();
        let done = own.post(addr, &remove, &[("id", &target)]).await;
        assert_eq!(done.status, 200, "{}", done.text());
        assert!(
            done.text().contains("är borttagen från listan"),
            "{}",
            done.text()
        );
        let gone = news
            .subscriber(pending_id)
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("kept as a hash"));
        assert_eq!(
            (gone.state, gone.address.as_deref()),
            (SubscriberState::Left, None)
        );
        assert!(gone.left_at.is_some());
        let consents = news.consents(pending_id).await.unwrap_or_else(|e| panic!("{e}"));
        let last = consents.last().unwrap_or_else(|| panic!("no consent record"));
        assert!(
            !last.given && last.source == "borttagen i redaktören",
            "{consents:?}"
        );
        let after = pending(&news.campaigns().await.unwrap_or_else(|e| panic!("{e}")));
        assert_eq!(after, (0, 1), "the pending mail is skipped");
        let log = s
            .store
            .editor()
            .audit_log(10)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let row = log
            .iter()
            .find(|r| r.entry.action == "subscriber-remove")
            .unwrap_or_else(|| panic!("no audit row: {log:?}"));
        assert_eq!(row.entry.actor, "sro@example.se");
        assert_eq!(row.entry.body.as_deref(), Some("sro"));
        assert_eq!(row.entry.detail, Some(format!("prenumerant {pending_id}")));
        // Removing again changes nothing more.
        assert_eq!(own.post(addr, &remove, &[("id", &target)]).await.status, 409);
        let page = own.get(addr, SRO).await.text();
        assert!(
            page.contains("(raderad)") && page.contains("1 avslutade"),
            "{page}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_is_removed_by_its_keyed_hash_and_only_from_this_list() {
    for backend in support::backends() {
        // Without the newsletter's secret no address can be looked up: no form, and a post is refused.
        let s = setup(&backend).await;
        let own = sign_in(s.addr, "sro@example.se").await;
        assert!(!own.get(s.addr, SRO).await.text().contains("name=\"epost\""));
        let refused = own
            .post(s.addr, &format!("{SRO}/ta-bort"), &[("epost", "anna@example.se")])
            .await;
        assert_eq!(refused.status, 422);
        assert_eq!(state(s.store.as_ref(), s.a).await, SubscriberState::Confirmed);

        // With it: found by the keyed hash the subscribe route stores, on this list only.
        // (A second server over the same store.)
        let store = s.store.clone();
        let secret = samman_newsletter::Secret::from_text(&"s".repeat(40)).unwrap_or_else(|e| panic!("{e}"));
        let mut ids = Vec::new();
        for (list, address) in [("sro", "anna.berg@example.se"), ("nvs", "nord@example.se")] {
            let made = store
                .newsletter()
                .subscribe(samman_store::newsletter::NewSubscriber {
                    list: list.into(),
                    address: address.into(),
                    address_hash: secret.address_hash(address),
                    token_hash: "t".into(),
                    token_expires: now() + 3600,
                    consent_version: "1".into(),
                    consent_source: "test".into(),
                    now: now(),
                })
                .await;
            let Ok(samman_store::newsletter::Subscribed::Pending { id }) = made else {
                panic!("{made:?}");
            };
            ids.push(id);
        }
        let app = samman_server::App::new(store.clone(), Site::new(bodies()))
            .with_newsletter(samman_server::newsletter::Newsletter::new(secret, None));
        let server = support::start_app(app).await;
        let addr = server.addr;
        let own = sign_in(addr, "sro@example.se").await;
        let remove = format!("{SRO}/ta-bort");
        assert!(own.get(addr, SRO).await.text().contains("name=\"epost\""));
        let bad = own.post(addr, &remove, &[("epost", "inte en adress")]).await;
        assert_eq!(bad.status, 422);
        assert!(bad.text().contains("E-post:"), "{}", bad.text());
        let other = own.post(addr, &remove, &[("epost", "nord@example.se")]).await;
        assert_eq!(other.status, 404, "another list's address is unknown here");
        assert_eq!(state(store.as_ref(), ids[1]).await, SubscriberState::Pending);
        let done = own
            .post(addr, &remove, &[("epost", "Anna.Berg@Example.se")])
            .await;
        assert_eq!(done.status, 200, "{}", done.text());
        assert_eq!(state(store.as_ref(), ids[0]).await, SubscriberState::Left);
    }
}
