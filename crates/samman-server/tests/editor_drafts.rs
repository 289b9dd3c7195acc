//! Autosaved drafts and the live preview, over real HTTP on SQLite and (with `SAMMAN_TEST_POSTGRES`)
//! PostgreSQL: the draft is kept per account and shown again with a notice and the revision it was typed
//! against, previewed as the page would be, discarded or removed by a save; refused without a session,
//! token or right to the body. And the script is a file the strict policy allows.

mod support;

use samman_store::Store;
use support::editor::*;
use support::http::get;

const PATH: &str = "/redaktor/sro/2021-05-21/";

async fn stored_source(store: &dyn Store) -> String {
    store
        .meeting("sro", support::date("2021-05-21"))
        .await
        .ok()
        .flatten()
        .map(|m| m.source)
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drafts_are_kept_shown_again_previewed_and_removed() {
    for backend in support::backends() {
        let (store, server) = server_with_users(&backend).await;
        let addr = server.addr;
        let editor = sign_in(addr, "sro@example.se").await;
        let page = editor.get(addr, PATH).await;
        let policy = page
            .header("content-security-policy")
            .unwrap_or_default()
            .to_string();
        assert!(
            policy.contains("script-src 'self'") && !policy.contains("unsafe"),
            "{policy}"
        );
        assert!(
            page.text()
                .contains("<script src=\"/redaktor/redaktor.js\" defer></script>")
        );
        let revision = field(&page.text(), "revision");
        let typed = support::example().replace("Nära vård", "Nära vård <i>utkast</i>");
        let draft = [("revision", revision.as_str()), ("source", typed.as_str())];

        // Refused: no session (401 for the script), a wrong token, another body's editor.
        let before = store.change_counter().await.unwrap_or_else(|e| panic!("{e}"));
        let anonymous = Browser::default()
            .post(addr, &format!("{PATH}utkast"), &draft)
            .await;
        assert_eq!(anonymous.status, 401);
        let forged = Browser {
            csrf: "fel".into(),
            ..editor.clone()
        };
        assert_eq!(
            forged.post(addr, &format!("{PATH}utkast"), &draft).await.status,
            403
        );
        let other = sign_in(addr, "nvs@example.se").await;
        assert_eq!(
            other.post(addr, &format!("{PATH}utkast"), &draft).await.status,
            403
        );
        assert!(!editor.get(addr, PATH).await.text().contains("Släng utkastet"));

        // Kept: shown again with a notice and the revision it was typed against; not saved.
        let kept = editor.post(addr, &format!("{PATH}utkast"), &draft).await;
        assert_eq!(kept.status, 204, "{}", kept.text());
        let again = editor.get(addr, PATH).await.text();
        assert_eq!(field(&again, "source"), typed);
        assert_eq!(field(&again, "revision"), revision);
        assert!(again.contains("sparades automatiskt som utkast"));
        assert!(again.contains("Släng utkastet"));
        assert_eq!(
            store.change_counter().await.unwrap_or_else(|e| panic!("{e}")),
            before
        );
        assert_ne!(
            stored_source(store.as_ref()).await,
            typed,
            "a draft is not a save"
        );
        // Another account sees the stored text.
        let admin = sign_in(addr, "admin@example.se").await;
        assert_eq!(
            field(&admin.get(addr, PATH).await.text(), "source"),
            stored_source(store.as_ref()).await
        );

        // The live preview shows the draft as the page would, escaped; a broken draft says why.
        let preview = editor.get(addr, &format!("{PATH}utkast/forhandsvisning")).await;
        assert_eq!(preview.status, 200);
        assert!(
            preview.text().contains("Nära vård &lt;i&gt;utkast&lt;/i&gt;"),
            "{}",
            preview.text()
        );
        let framing = preview.header("content-security-policy").unwrap_or_default();
        assert!(framing.contains("frame-ancestors 'self'"), "{framing}");
        let broken = [
            ("revision", revision.as_str()),
            ("source", "+++\nbody = \"sro\"\n"),
        ];
        assert_eq!(
            editor.post(addr, &format!("{PATH}utkast"), &broken).await.status,
            204
        );
        let waiting = editor
            .get(addr, &format!("{PATH}utkast/forhandsvisning"))
            .await
            .text();
        assert!(waiting.contains("Förhandsvisningen väntar"), "{waiting}");
        assert_eq!(
            get(addr, &format!("{PATH}utkast/forhandsvisning")).await.status,
            303
        );

        // Discarded: the stored text again.
        let discarded = editor.post(addr, &format!("{PATH}utkast/slang"), &[]).await;
        assert_eq!(discarded.status, 303);
        let page = editor.get(addr, PATH).await.text();
        assert_eq!(field(&page, "source"), stored_source(store.as_ref()).await);
        assert!(!page.contains("Släng utkastet"));

        // A save removes the draft.
        assert_eq!(
            editor.post(addr, &format!("{PATH}utkast"), &draft).await.status,
            204
        );
        let saved = editor.post(addr, PATH, &draft).await;
        assert_eq!(saved.status, 303, "{}", saved.text());
        let page = editor.get(addr, PATH).await.text();
        assert!(!page.contains("Släng utkastet"));
        assert_eq!(field(&page, "source"), typed);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_script_is_a_file() {
    let backend = support::sqlite();
    let (_store, server) = server_with_users(&backend).await;
    let script = get(server.addr, "/redaktor/redaktor.js").await;
    assert_eq!(script.status, 200);
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(script.text().contains("autosave"));
}
