//! Writing in the editor over real HTTP on SQLite and (with `SAMMAN_TEST_POSTGRES`) PostgreSQL: item
//! forms, the minutes link, and text typed into an expired session kept through sign-in.

mod support;

use std::sync::Arc;

use samman_store::Store;
use support::editor::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_typed_into_an_expired_session_is_kept_through_sign_in() {
    for backend in support::backends() {
        let (store, server) = server_with_users(&backend).await;
        let addr = server.addr;
        let path = "/redaktor/sro/2021-05-21/";
        let editor = sign_in(addr, "sro@example.se").await;
        let revision = field(&editor.get(addr, path).await.text(), "revision");
        let typed = support::example().replace("Nära vård", "Nära vård <skrivet>");
        // The session ends (signed out in another tab) while the text is being written.
        let other_tab = editor.clone();
        assert_eq!(other_tab.post(addr, "/redaktor/logga-ut", &[]).await.status, 303);
        let reply = editor
            .post(
                addr,
                path,
                &[("revision", &revision), ("source", &typed), ("note", "Notis")],
            )
            .await;
        assert_eq!(reply.status, 401, "{}", reply.text());
        let page = reply.text();
        assert!(page.contains("Din inloggning har gått ut"));
        assert_eq!(field(&page, "source"), typed, "the text rides along");
        assert_eq!(field(&page, "till"), path);

        let again = Browser::default()
            .post_raw(
                addr,
                "/redaktor/logga-in",
                &origin(addr),
                &encode(&[
                    ("email", "sro@example.se"),
                    ("password", PASSWORD),
                    ("till", path),
                    ("source", &typed),
                    ("revision", &revision),
                    ("note", "Notis"),
                ]),
            )
            .await;
        assert_eq!(again.status, 200, "{}", again.text());
        let page = again.text();
        assert!(page.contains("inte sparad än"));
        assert_eq!(field(&page, "source"), typed);
        assert_eq!(field(&page, "revision"), revision);
        let cookie = again.header("set-cookie").unwrap_or_default();
        let browser = Browser {
            cookie: cookie.split(';').next().unwrap_or_default().to_string(),
            csrf: csrf_of(&page),
        };
        let saved = browser
            .post(addr, path, &[("revision", &revision), ("source", &typed)])
            .await;
        assert_eq!(saved.status, 303, "{}", saved.text());
        let stored = store
            .meeting("sro", support::date("2021-05-21"))
            .await
            .ok()
            .flatten();
        assert!(stored.is_some_and(|m| m.source == typed));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn items_are_written_one_form_at_a_time() {
    for backend in support::backends() {
        let (store, server) = server_with_users(&backend).await;
        let addr = server.addr;
        let editor = sign_in(addr, "sro@example.se").await;
        let made = editor
            .post(addr, "/redaktor/sro/", &[("date", "2026-04-17")])
            .await;
        assert_eq!(made.status, 303, "{}", made.text());
        let path = "/redaktor/sro/2026-04-17/";
        let date = support::date("2026-04-17");
        let revision = |store: Arc<dyn Store>| async move {
            store
                .meeting("sro", date)
                .await
                .ok()
                .flatten()
                .map_or(0, |m| m.revision)
                .to_string()
        };

        let form = editor.get(addr, &format!("{path}punkt/1")).await;
        assert_eq!(form.status, 200);
        for label in [
            "Rubrik",
            "Namn 1",
            "Organisation 1",
            "Roll 1",
            "Innehåll",
            "Händelser",
            "Punkter",
        ] {
            assert!(form.text().contains(label), "the item form lacks {label}");
        }
        assert!(
            form.text().contains("<option>VästKom</option>"),
            "organisations come from the body"
        );
        let first = [
            ("title", "Vårdavtalet"),
            ("name0", "Anna Berg"),
            ("org0", "VGR"),
            ("content", "- Läget i arbetet.\n  - Det fortsätter."),
            ("kind", "bakom"),
            ("position", "SRO ställer sig bakom förslaget"),
            ("points", "att avtalet gäller 2027\natt det följs upp"),
        ];
        let rev = revision(store.clone()).await;
        let reply = editor
            .post(
                addr,
                &format!("{path}punkt/1"),
                &[&first[..], &[("revision", rev.as_str())]].concat(),
            )
            .await;
        assert_eq!(reply.status, 303, "{}", reply.text());
        let rev = revision(store.clone()).await;
        let second = [
            ("title", "Hemsjukvården"),
            ("role0", "kommunikatör vårdsamverkan"),
            ("kind", "noterar"),
            ("position", "SRO noterar informationen"),
            ("revision", rev.as_str()),
        ];
        let reply = editor.post(addr, &format!("{path}punkt/2"), &second).await;
        assert_eq!(reply.status, 303, "{}", reply.text());

        let stored = store
            .meeting("sro", date)
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("saved"));
        let titles: Vec<&str> = stored.meeting.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["Vårdavtalet", "Hemsjukvården"]);
        let one = &stored.meeting.items[0];
        assert_eq!(one.presenters[0].name, "Anna Berg");
        assert_eq!(one.presenters[0].organisation.as_deref(), Some("VGR"));
        let position = one.position.as_ref().unwrap_or_else(|| panic!("position"));
        assert_eq!(position.points, ["att avtalet gäller 2027", "att det följs upp"]);
        assert_eq!(
            stored.meeting.items[1].presenters[0].role.as_deref(),
            Some("kommunikatör vårdsamverkan")
        );
        assert!(
            stored.source.contains("## Hemsjukvården"),
            "saved in the source format"
        );

        // The form shows what is stored, and a bad field is named, with nothing saved.
        let again = editor.get(addr, &format!("{path}punkt/1")).await.text();
        assert_eq!(field(&again, "name0"), "Anna Berg");
        assert_eq!(
            field(&again, "points"),
            "att avtalet gäller 2027\natt det följs upp"
        );
        let before = store.change_counter().await.unwrap_or_else(|e| panic!("{e}"));
        let rev = revision(store.clone()).await;
        let bad = [
            ("title", "Vårdavtalet"),
            ("content", "## Smög in en punkt"),
            ("revision", rev.as_str()),
        ];
        let reply = editor.post(addr, &format!("{path}punkt/1"), &bad).await;
        assert_eq!(reply.status, 422, "{}", reply.text());
        assert!(reply.text().contains("Inget sparades"));
        assert_eq!(
            field(&reply.text(), "content"),
            "## Smög in en punkt",
            "the typed text is kept"
        );
        let untitled = editor
            .post(
                addr,
                &format!("{path}punkt/1"),
                &[("title", ""), ("revision", rev.as_str())],
            )
            .await;
        assert_eq!(untitled.status, 422);
        assert!(untitled.text().contains("Rubrik: punkten behöver en rubrik"));
        // A stale revision: a conflict, the fields kept.
        let stale = editor
            .post(
                addr,
                &format!("{path}punkt/1"),
                &[&first[..], &[("revision", "1")]].concat(),
            )
            .await;
        assert_eq!(stale.status, 409);
        assert_eq!(field(&stale.text(), "name0"), "Anna Berg");
        assert_eq!(
            store.change_counter().await.unwrap_or_else(|e| panic!("{e}")),
            before
        );

        // Moving the second item up, then back down.
        for (number, step, want) in [
            (2, "upp", ["Hemsjukvården", "Vårdavtalet"]),
            (1, "ned", ["Vårdavtalet", "Hemsjukvården"]),
        ] {
            let rev = revision(store.clone()).await;
            let reply = editor
                .post(
                    addr,
                    &format!("{path}punkt/{number}"),
                    &[("move", step), ("revision", rev.as_str())],
                )
                .await;
            assert_eq!(reply.status, 303, "{}", reply.text());
            let stored = store
                .meeting("sro", date)
                .await
                .ok()
                .flatten()
                .unwrap_or_else(|| panic!("saved"));
            let titles: Vec<&str> = stored.meeting.items.iter().map(|i| i.title.as_str()).collect();
            assert_eq!(titles, want);
        }
        let rev = revision(store.clone()).await;
        let off_the_top = editor
            .post(
                addr,
                &format!("{path}punkt/1"),
                &[("move", "upp"), ("revision", rev.as_str())],
            )
            .await;
        assert_eq!(off_the_top.status, 404);

        // Removing the second item.
        let rev = revision(store.clone()).await;
        let reply = editor
            .post(
                addr,
                &format!("{path}punkt/2"),
                &[("remove", "1"), ("revision", rev.as_str())],
            )
            .await;
        assert_eq!(reply.status, 303, "{}", reply.text());
        let stored = store
            .meeting("sro", date)
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("saved"));
        assert_eq!(stored.meeting.items.len(), 1);
        assert_eq!(editor.get(addr, &format!("{path}punkt/9")).await.status, 404);
        // Another body's editor may not.
        let other = sign_in(addr, "nvs@example.se").await;
        assert_eq!(other.get(addr, &format!("{path}punkt/1")).await.status, 403);
        let refused = other
            .post(
                addr,
                &format!("{path}punkt/1"),
                &[("title", "x"), ("revision", rev.as_str())],
            )
            .await;
        assert_eq!(refused.status, 403);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn minutes_are_attached_as_a_link_and_unsafe_ones_refused() {
    for backend in support::backends() {
        let (store, server) = server_with_users(&backend).await;
        let addr = server.addr;
        let editor = sign_in(addr, "sro@example.se").await;
        let path = "/redaktor/sro/2021-05-21/";
        let date = support::date("2021-05-21");
        let revision = field(&editor.get(addr, path).await.text(), "revision");
        let before = store.change_counter().await.unwrap_or_else(|e| panic!("{e}"));
        for bad in ["javascript:alert(1)", "inte en adress"] {
            let reply = editor
                .post(
                    addr,
                    &format!("{path}protokoll"),
                    &[("revision", &revision), ("href", bad)],
                )
                .await;
            assert_eq!(reply.status, 422, "{bad}: {}", reply.text());
            assert!(reply.text().contains("är ingen webbadress"));
        }
        assert_eq!(
            store.change_counter().await.unwrap_or_else(|e| panic!("{e}")),
            before
        );
        let href = "https://example.se/protokoll.pdf";
        let reply = editor
            .post(
                addr,
                &format!("{path}protokoll"),
                &[
                    ("revision", &revision),
                    ("href", href),
                    ("approved", "2021-06-01"),
                ],
            )
            .await;
        assert_eq!(reply.status, 303, "{}", reply.text());
        let stored = store
            .meeting("sro", date)
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("stored"));
        assert_eq!(
            stored.meeting.minutes,
            samman_domain::Minutes::Published {
                href: href.into(),
                date: Some(support::date("2021-06-01"))
            }
        );
        let page = editor.get(addr, path).await.text();
        assert!(page.contains("protokoll bifogat"));
        assert_eq!(field(&page, "href"), href);
        let preview = editor.get(addr, &format!("{path}forhandsvisning/")).await.text();
        assert!(preview.contains(href), "the page links the minutes");
    }
}
