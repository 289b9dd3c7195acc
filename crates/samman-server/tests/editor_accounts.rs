//! The admin's page for accounts, over real HTTP on SQLite and (with `SAMMAN_TEST_POSTGRES`) PostgreSQL:
//! only admins reach it; adding (checked field by field), changing an editor's bodies and removing an
//! account (its sessions end; never one's own) work, are audited, and change nothing when refused.

mod support;

use samman_store::Store;
use support::editor::*;

const PAGE: &str = "/redaktor/konton";

async fn emails(store: &dyn Store) -> Vec<String> {
    let users = store.editor().users().await.unwrap_or_else(|e| panic!("{e}"));
    users.into_iter().map(|u| u.email).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_add_change_and_remove_accounts() {
    for backend in support::backends() {
        let (store, server) = server_with_users(&backend).await;
        let addr = server.addr;
        let editor = sign_in(addr, "sro@example.se").await;
        let admin = sign_in(addr, "admin@example.se").await;
        let before = emails(store.as_ref()).await;

        // Only admins: anonymous to sign in, an editor 403 — reading or posting.
        assert_eq!(Browser::default().get(addr, PAGE).await.status, 303);
        assert_eq!(editor.get(addr, PAGE).await.status, 403);
        let by_editor = [
            ("email", "ny@example.se"),
            ("role", "admin"),
            ("password", PASSWORD),
        ];
        assert_eq!(editor.post(addr, PAGE, &by_editor).await.status, 403);
        let forged = Browser {
            csrf: "fel".into(),
            ..admin.clone()
        };
        assert_eq!(forged.post(addr, PAGE, &by_editor).await.status, 403);
        let list = admin.get(addr, PAGE).await;
        assert_eq!(list.status, 200);
        for email in &before {
            assert!(list.text().contains(email.as_str()));
        }

        // Refused field by field, nothing added; what was typed stays (never the password).
        for (fields, want) in [
            (
                vec![
                    ("email", "inte en adress"),
                    ("role", "editor"),
                    ("organ", "sro"),
                    ("password", PASSWORD),
                ],
                "E-post",
            ),
            (
                vec![
                    ("email", "ny@example.se"),
                    ("role", "editor"),
                    ("organ", "sro"),
                    ("password", "kort"),
                ],
                "Lösenord",
            ),
            (
                vec![
                    ("email", "ny@example.se"),
                    ("role", "editor"),
                    ("password", PASSWORD),
                ],
                "Organ: en redaktör",
            ),
            (
                vec![
                    ("email", "ny@example.se"),
                    ("role", "editor"),
                    ("organ", "okänt"),
                    ("password", PASSWORD),
                ],
                "Organ:",
            ),
            (
                vec![
                    ("email", "SRO@example.se"),
                    ("role", "editor"),
                    ("organ", "sro"),
                    ("password", PASSWORD),
                ],
                "det finns redan",
            ),
        ] {
            let reply = admin.post(addr, PAGE, &fields).await;
            assert_eq!(reply.status, 422, "{fields:?}: {}", reply.text());
            assert!(reply.text().contains(want), "{want}: {}", reply.text());
            assert!(!reply.text().contains(PASSWORD), "the password is never echoed");
        }
        assert_eq!(emails(store.as_ref()).await, before);

        // Added: the new editor signs in and writes SRO; given NVS too, writes it.
        let added = admin
            .post(
                addr,
                PAGE,
                &[
                    ("email", "Ny@Example.se"),
                    ("role", "editor"),
                    ("organ", "sro"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(added.status, 200, "{}", added.text());
        assert!(added.text().contains("Kontot ny@example.se är skapat"));
        let newcomer = sign_in(addr, "ny@example.se").await;
        assert_eq!(newcomer.get(addr, "/redaktor/sro/").await.status, 200);
        assert_eq!(newcomer.get(addr, "/redaktor/nvs/").await.status, 403);
        let changed = admin
            .post(
                addr,
                "/redaktor/konton/organ",
                &[("email", "ny@example.se"), ("organ", "nvs"), ("organ", "sro")],
            )
            .await;
        assert_eq!(changed.status, 200, "{}", changed.text());
        assert_eq!(newcomer.get(addr, "/redaktor/nvs/").await.status, 200);
        let none = admin
            .post(addr, "/redaktor/konton/organ", &[("email", "ny@example.se")])
            .await;
        assert_eq!(none.status, 422, "an editor keeps at least one body");

        // Removed: its session ends. One's own account cannot be removed here.
        let own = admin
            .post(addr, "/redaktor/konton/ta-bort", &[("email", "admin@example.se")])
            .await;
        assert_eq!(own.status, 422);
        assert!(own.text().contains("ditt eget konto"));
        let removed = admin
            .post(addr, "/redaktor/konton/ta-bort", &[("email", "ny@example.se")])
            .await;
        assert_eq!(removed.status, 200, "{}", removed.text());
        assert_eq!(newcomer.get(addr, "/redaktor/sro/").await.status, 303);
        assert_eq!(emails(store.as_ref()).await, before);
        let gone = admin
            .post(addr, "/redaktor/konton/ta-bort", &[("email", "ny@example.se")])
            .await;
        assert_eq!(gone.status, 404);

        let log = store
            .editor()
            .audit_log(50)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        for action in ["user-add", "user-bodies", "user-remove"] {
            assert_eq!(
                log.iter().filter(|r| r.entry.action == action).count(),
                1,
                "{action}: {log:?}"
            );
        }
    }
}
