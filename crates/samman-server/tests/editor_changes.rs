//! The public change log on a meeting's page, over real HTTP on SQLite and (with `SAMMAN_TEST_POSTGRES`)
//! PostgreSQL: nothing before the first update; after updates with change notes, "Senast uppdaterad" and
//! the notes newest first (escaped), the same in the editor's preview.

mod support;

use std::net::SocketAddr;

use support::editor::*;
use support::http::{Reply, get};

const PATH: &str = "/redaktor/sro/2021-05-21/";
const PUBLIC: &str = "/sro/2021-05-21/";

/// Waits for the public page (its cache follows the store every 200 ms) to satisfy `ready`.
async fn public_page(addr: SocketAddr, ready: impl Fn(&str) -> bool) -> String {
    for _ in 0..50 {
        let reply: Reply = get(addr, PUBLIC).await;
        if reply.status == 200 && ready(&reply.text()) {
            return reply.text();
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the public page never got there");
}

/// Saves the example with `topic` in place of "Nära vård", with a change note.
async fn update(addr: SocketAddr, editor: &Browser, topic: &str, note: &str) {
    let revision = field(&editor.get(addr, PATH).await.text(), "revision");
    let source = support::example().replace("Nära vård", topic);
    let reply = editor
        .post(
            addr,
            PATH,
            &[("revision", &revision), ("source", &source), ("note", note)],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_shows_its_updates_and_change_notes() {
    for backend in support::backends() {
        let (_store, server) = server_with_users(&backend).await;
        let addr = server.addr;
        let editor = sign_in(addr, "sro@example.se").await;
        // A note saved while a draft is no public change.
        update(addr, &editor, "Nära vård i utkast", "Inte publicerat").await;
        let revision = field(&editor.get(addr, PATH).await.text(), "revision");
        let published = editor
            .post(addr, &format!("{PATH}publicera"), &[("revision", &revision)])
            .await;
        assert_eq!(published.status, 303);
        let first = public_page(addr, |_| true).await;
        assert!(!first.contains("Ändringar"), "no change log before an update");
        let updated_before = first.matches("Senast uppdaterad").count();

        // Saves are at least a second apart, so "updated after first published" is measurable.
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        update(addr, &editor, "Nära vård och omsorg", "Rättade rubriken").await;
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        update(addr, &editor, "Nära vård", "Ångrade <b>rubriken</b>").await;
        let page = public_page(addr, |p| p.contains("Ångrade")).await;
        let newest = page
            .find("Ångrade &lt;b&gt;rubriken&lt;/b&gt;")
            .unwrap_or(usize::MAX);
        let older = page.find("Rättade rubriken").unwrap_or(usize::MAX);
        assert!(
            newest < older && older < usize::MAX,
            "newest first, escaped: {page}"
        );
        assert!(page.contains("<h2 id=\"andringar\">Ändringar</h2>"));
        assert!(!page.contains("Inte publicerat"), "a draft's note is not public");
        assert!(
            page.contains("Senast uppdaterad"),
            "the page says when it was updated"
        );
        assert_eq!(page.matches("Senast uppdaterad").count(), updated_before.max(1));

        // The preview is the published page, change log included.
        let preview = editor.get(addr, &format!("{PATH}forhandsvisning/")).await;
        assert_eq!(preview.text(), page);
    }
}
