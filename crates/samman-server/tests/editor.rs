//! The editor over real HTTP on SQLite and (with `SAMMAN_TEST_POSTGRES`) PostgreSQL: signing in and out,
//! cookie flags, throttling, CSRF, the authorization matrix, the whole writing and publishing flow,
//! conflicts between two editors, and hostile text escaped everywhere. (Item forms, minutes and
//! expired sessions: `editor_writing.rs`.)

mod support;

use std::net::SocketAddr;

use samman_site::Site;
use samman_store::{Role, State, Store};
use support::editor::*;
use support::http::{Reply, get, request_with_body};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_sets_a_safe_cookie_rotates_it_and_signs_out() {
    for backend in support::backends() {
        let (_store, server) = server_with_users(&backend).await;
        let addr = server.addr;
        let form = get(addr, "/redaktor/logga-in").await;
        let text = form.text();
        for want in ["E-post", "Lösenord", "Logga in"] {
            assert!(text.contains(want), "sign-in page lacks {want}");
        }
        assert_eq!(
            get(addr, "/redaktor/").await.header("location"),
            Some("/redaktor/logga-in?till=/redaktor/")
        );

        let wrong = Browser::default()
            .post_raw(
                addr,
                "/redaktor/logga-in",
                &origin(addr),
                &encode(&[("email", "sro@example.se"), ("password", "fel")]),
            )
            .await;
        assert_eq!(wrong.status, 401);
        assert!(wrong.text().contains("Fel e-postadress eller lösenord"));
        assert!(wrong.header("set-cookie").is_none());

        let first = sign_in(addr, "SRO@example.se").await;
        let reply = Browser::default()
            .post_raw(
                addr,
                "/redaktor/logga-in",
                &origin(addr),
                &encode(&[("email", "sro@example.se"), ("password", PASSWORD)]),
            )
            .await;
        let cookie = reply.header("set-cookie").unwrap_or_default().to_string();
        for flag in ["HttpOnly", "SameSite=Lax", "Path=/redaktor"] {
            assert!(cookie.contains(flag), "{cookie} lacks {flag}");
        }
        assert!(
            !cookie.contains("Secure"),
            "plain http: no Secure flag ({cookie})"
        );
        // Signing in again (with the old cookie) ends the old session: a new id every time.
        let again = first
            .post_raw(
                addr,
                "/redaktor/logga-in",
                &origin(addr),
                &encode(&[("email", "sro@example.se"), ("password", PASSWORD)]),
            )
            .await;
        let new_cookie = again
            .header("set-cookie")
            .unwrap_or_default()
            .split(';')
            .next()
            .unwrap_or_default()
            .to_string();
        assert_ne!(new_cookie, first.cookie);
        assert_eq!(
            first.get(addr, "/redaktor/").await.status,
            303,
            "the old id is dead"
        );

        let second = sign_in(addr, "sro@example.se").await;
        let out = second.post(addr, "/redaktor/logga-ut", &[]).await;
        assert_eq!(out.status, 303);
        assert!(out.header("set-cookie").unwrap_or_default().contains("Max-Age=0"));
        assert_eq!(second.get(addr, "/redaktor/").await.status, 303, "signed out");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cookies_are_secure_on_an_https_site() {
    let backend = support::sqlite();
    let store = support::open(&backend).await;
    add_user(store.as_ref(), "sro@example.se", Role::Editor, &["sro"]).await;
    let app =
        samman_server::App::new(store, Site::new(support::bodies())).with_base_url("https://example.se");
    let server = support::start_app(app).await;
    let reply = Browser::default()
        .post_raw(
            server.addr,
            "/redaktor/logga-in",
            "https://example.se",
            &encode(&[("email", "sro@example.se"), ("password", PASSWORD)]),
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    assert!(
        reply
            .header("set-cookie")
            .unwrap_or_default()
            .contains("; Secure")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn brute_force_is_throttled_per_account() {
    let backend = support::sqlite();
    let (_store, server) = server_with_users(&backend).await;
    let addr = server.addr;
    let attempt = |password: &'static str| async move {
        Browser::default()
            .post_raw(
                addr,
                "/redaktor/logga-in",
                &origin(addr),
                &encode(&[("email", "sro@example.se"), ("password", password)]),
            )
            .await
            .status
    };
    for _ in 0..samman_server::editor::signin::PER_ACCOUNT {
        assert_eq!(attempt("fel lösenord").await, 401);
    }
    assert_eq!(attempt("fel lösenord").await, 429);
    // Even the right password is refused while throttled.
    assert_eq!(attempt(PASSWORD).await, 429);
    // Another account from the same address still signs in (the address limit is higher).
    sign_in(addr, "nvs@example.se").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posts_without_the_token_or_from_elsewhere_are_refused() {
    for backend in support::backends() {
        let (store, server) = server_with_users(&backend).await;
        let addr = server.addr;
        let browser = sign_in(addr, "sro@example.se").await;
        let path = "/redaktor/sro/2021-05-21/publicera";
        let page = browser.get(addr, "/redaktor/sro/2021-05-21/").await;
        let revision = field(&page.text(), "revision");
        let before = store.change_counter().await.unwrap_or_else(|e| panic!("{e}"));

        let no_token = browser
            .post_raw(addr, path, &origin(addr), &encode(&[("revision", &revision)]))
            .await;
        assert_eq!(no_token.status, 403);
        let wrong_token = browser
            .post_raw(
                addr,
                path,
                &origin(addr),
                &encode(&[("csrf", "x"), ("revision", &revision)]),
            )
            .await;
        assert_eq!(wrong_token.status, 403);
        let body = encode(&[("csrf", &browser.csrf), ("revision", &revision)]);
        let elsewhere = browser.post_raw(addr, path, "https://evil.example", &body).await;
        assert_eq!(elsewhere.status, 403);
        assert!(elsewhere.text().contains("avvisades"));
        let no_origin = browser.post_raw(addr, path, "", &body).await;
        assert_eq!(no_origin.status, 403);
        let cross_site = request_with_body(
            addr,
            "POST",
            path,
            &[
                ("Cookie", &browser.cookie),
                ("Sec-Fetch-Site", "cross-site"),
                ("Origin", &origin(addr)),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            body.as_bytes(),
        )
        .await;
        assert_eq!(cross_site.status, 403);
        assert_eq!(
            store.change_counter().await.unwrap_or_else(|e| panic!("{e}")),
            before,
            "nothing changed"
        );

        let ok = browser.post_raw(addr, path, &origin(addr), &body).await;
        assert_eq!(ok.status, 303, "{}", ok.text());
    }
}

/// A request of the matrix: method, path, form fields (a `revision` field is filled in when sent).
type Route = (&'static str, String, Vec<(&'static str, String)>);

/// Every editor route on the example meeting (`new_date`: the date a create uses).
fn routes(new_date: &str) -> Vec<Route> {
    let m = "/redaktor/sro/2021-05-21/";
    let changed = support::example().replace("Nära vård", "Nära vård och omsorg");
    vec![
        ("GET", "/redaktor/sro/".into(), vec![]),
        ("GET", m.into(), vec![]),
        ("GET", format!("{m}forhandsvisning/"), vec![]),
        ("GET", format!("{m}forhandsvisning/kalender.ics"), vec![]),
        ("GET", format!("{m}historik?fran=1&till=1"), vec![]),
        ("GET", format!("{m}punkt/1"), vec![]),
        // The newsletter's admin (its removal is held to the matrix in `editor_newsletter.rs`).
        ("GET", "/redaktor/sro/nyhetsbrev".into(), vec![]),
        ("GET", "/redaktor/sro/nyhetsbrev.csv".into(), vec![]),
        (
            "POST",
            format!("{m}punkt/1"),
            vec![("revision", String::new()), ("title", "Ny rubrik".into())],
        ),
        ("POST", "/redaktor/sro/".into(), vec![("date", new_date.into())]),
        (
            "POST",
            m.into(),
            vec![("revision", String::new()), ("source", changed)],
        ),
        ("POST", format!("{m}publicera"), vec![("revision", String::new())]),
        (
            "POST",
            format!("{m}avpublicera"),
            vec![("revision", String::new())],
        ),
    ]
}

/// Sends one route of the matrix as `browser`, with the meeting's current revision.
async fn send(addr: SocketAddr, store: &dyn Store, browser: &Browser, route: &Route) -> Reply {
    let (method, path, fields) = route;
    if *method == "GET" {
        return browser.get(addr, path).await;
    }
    let current = store
        .meeting("sro", support::date("2021-05-21"))
        .await
        .ok()
        .flatten()
        .map_or(0, |m| m.revision)
        .to_string();
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| {
            (
                *k,
                if *k == "revision" {
                    current.as_str()
                } else {
                    v.as_str()
                },
            )
        })
        .collect();
    browser.post(addr, path, &fields).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authorization_matrix() {
    for backend in support::backends() {
        let (store, server) = server_with_users(&backend).await;
        let addr = server.addr;
        let anonymous = Browser::default();
        let other = sign_in(addr, "nvs@example.se").await;
        let own = sign_in(addr, "sro@example.se").await;
        let admin = sign_in(addr, "admin@example.se").await;
        // Anonymous and the editor of another body: refused everywhere, nothing changes.
        for (who, browser, want) in [("anonymous", &anonymous, 303), ("other body", &other, 403)] {
            let before = store.change_counter().await.unwrap_or_else(|e| panic!("{e}"));
            for route in routes("2030-01-01") {
                let reply = send(addr, store.as_ref(), browser, &route).await;
                let (method, path, fields) = &route;
                // A save without a session answers with the sign-in page that keeps what was sent.
                let keeps_text = want == 303 && fields.iter().any(|(k, _)| *k == "source");
                if keeps_text {
                    assert_eq!(reply.status, 401, "{who} {method} {path}: {}", reply.text());
                    assert!(reply.text().contains("Logga in"));
                    continue;
                }
                assert_eq!(reply.status, want, "{who} {method} {path}: {}", reply.text());
                if want == 303 {
                    assert!(
                        reply
                            .header("location")
                            .unwrap_or_default()
                            .starts_with("/redaktor/logga-in")
                    );
                }
                assert!(
                    !reply.text().contains("Nära vård"),
                    "{who} {method} {path} leaked the draft"
                );
            }
            let after = store.change_counter().await.unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(after, before, "{who} changed something");
        }
        // The body's editor and an admin: allowed everywhere.
        for (who, browser, new_date) in [("editor", &own, "2030-01-01"), ("admin", &admin, "2030-01-02")] {
            for route in routes(new_date) {
                let reply = send(addr, store.as_ref(), browser, &route).await;
                let (method, path, _) = &route;
                let want = if *method == "GET" { 200 } else { 303 };
                assert_eq!(reply.status, want, "{who} {method} {path}: {}", reply.text());
            }
        }
        // The audit log: admins only.
        assert_eq!(anonymous.get(addr, "/redaktor/logg").await.status, 303);
        assert_eq!(own.get(addr, "/redaktor/logg").await.status, 403);
        assert_eq!(other.get(addr, "/redaktor/logg").await.status, 403);
        let log = admin.get(addr, "/redaktor/logg").await;
        assert_eq!(log.status, 200);
        for want in [
            "sro@example.se",
            "admin@example.se",
            "publish",
            "unpublish",
            "create",
        ] {
            assert!(log.text().contains(want), "audit log lacks {want}");
        }
        // An unknown body or a meeting that does not exist: 404 for those who may look.
        assert_eq!(admin.get(addr, "/redaktor/okand/").await.status, 404);
        assert_eq!(own.get(addr, "/redaktor/sro/1999-01-01/").await.status, 404);
    }
}

/// Waits (briefly) for the public site to show what the store holds: its page cache follows the
/// change counter every 200 ms.
async fn public(addr: SocketAddr, path: &str, want_status: u16) -> Reply {
    public_until(addr, path, |r| r.status == want_status).await
}

async fn public_until(addr: SocketAddr, path: &str, done: impl Fn(&Reply) -> bool) -> Reply {
    for _ in 0..50 {
        let reply = get(addr, path).await;
        if done(&reply) {
            return reply;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    get(addr, path).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn write_preview_publish_update_and_unpublish() {
    for backend in support::backends() {
        let (store, server) = server_with_users(&backend).await;
        let addr = server.addr;
        let editor = sign_in(addr, "sro@example.se").await;

        // A new meeting from nothing.
        let made = editor
            .post(
                addr,
                "/redaktor/sro/",
                &[("date", "2026-03-13"), ("from", "tomt")],
            )
            .await;
        assert_eq!(made.status, 303, "{}", made.text());
        let path = made.header("location").unwrap_or_default().to_string();
        assert_eq!(path, "/redaktor/sro/2026-03-13/");
        let twice = editor
            .post(addr, "/redaktor/sro/", &[("date", "2026-03-13")])
            .await;
        assert_eq!(twice.status, 409);
        assert!(twice.text().contains("Det finns redan ett möte"));

        // Two items with presenters and positions, in the source view.
        let page = editor.get(addr, &path).await;
        assert!(page.text().contains("utkast"));
        let saved = editor
            .post(
                addr,
                &path,
                &[
                    ("revision", &field(&page.text(), "revision")),
                    ("source", &two_items("")),
                ],
            )
            .await;
        assert_eq!(saved.status, 303, "{}", saved.text());
        let page = editor.get(addr, &path).await;
        assert!(page.text().contains("Hemsjukvården"));
        assert_eq!(
            get(addr, "/sro/2026-03-13/").await.status,
            404,
            "a draft is not public"
        );

        // The preview is byte for byte the page published below.
        let preview = editor.get(addr, &format!("{path}forhandsvisning/")).await;
        assert_eq!(preview.status, 200);
        assert!(preview.text().contains("Per Ek"));
        let ics = editor
            .get(addr, &format!("{path}forhandsvisning/kalender.ics"))
            .await;
        assert_eq!(ics.status, 200);

        let revision = field(&page.text(), "revision");
        let published = editor
            .post(addr, &format!("{path}publicera"), &[("revision", &revision)])
            .await;
        assert_eq!(published.status, 303, "{}", published.text());
        let public_page = public(addr, "/sro/2026-03-13/", 200).await;
        assert_eq!(public_page.status, 200);
        assert_eq!(
            public_page.body, preview.body,
            "the preview is what was published"
        );

        // An update with a change note: public at once, the note in the history.
        let page = editor.get(addr, &path).await;
        assert!(page.text().contains("publicerad"));
        let updated = editor
            .post(
                addr,
                &path,
                &[
                    ("revision", &field(&page.text(), "revision")),
                    ("source", &two_items(" och vårdvalet")),
                    ("note", "Rubriken rättad"),
                ],
            )
            .await;
        assert_eq!(updated.status, 303, "{}", updated.text());
        let stored = store
            .meeting("sro", support::date("2026-03-13"))
            .await
            .ok()
            .flatten();
        let id = stored.map_or(0, |m| m.id);
        let history = store.revisions(id).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(history[0].note.as_deref(), Some("Rubriken rättad"));
        assert_eq!(history[0].author.as_deref(), Some("sro@example.se"));
        assert_eq!(history[0].state, State::Published);
        let fresh = public_until(addr, "/sro/2026-03-13/", |r| r.text().contains("och vårdvalet")).await;
        assert!(fresh.text().contains("och vårdvalet"), "the update is public");

        // The history lists every revision; the diff shows what the update changed.
        let history = editor.get(addr, &format!("{path}historik")).await.text();
        assert!(history.contains("Rubriken rättad") && history.contains("sro@example.se"));
        let n = store.revisions(id).await.map_or(0, |r| r.len());
        let diff = editor
            .get(addr, &format!("{path}historik?fran={}&till={n}", n - 1))
            .await;
        assert_eq!(diff.status, 200);
        assert!(
            diff.text().contains("+ ## Vårdavtalet och vårdvalet"),
            "{}",
            diff.text()
        );
        assert!(
            diff.text().contains("- ## Vårdavtalet\n") || diff.text().contains("- ## Vårdavtalet<"),
            "{}",
            diff.text()
        );
        let missing = editor.get(addr, &format!("{path}historik?fran=1&till=99")).await;
        assert_eq!(missing.status, 404);

        // Unpublished: gone from the public site.
        let page = editor.get(addr, &path).await;
        let gone = editor
            .post(
                addr,
                &format!("{path}avpublicera"),
                &[("revision", &field(&page.text(), "revision"))],
            )
            .await;
        assert_eq!(gone.status, 303, "{}", gone.text());
        assert_eq!(public(addr, "/sro/2026-03-13/", 404).await.status, 404);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embargoed_meetings_stay_off_every_public_route() {
    for backend in support::backends() {
        let (store, server) = server_with_users(&backend).await;
        let addr = server.addr;
        let editor = sign_in(addr, "sro@example.se").await;
        let page = editor.get(addr, "/redaktor/sro/2021-05-21/").await;
        let reply = editor
            .post(
                addr,
                "/redaktor/sro/2021-05-21/publicera",
                &[
                    ("revision", &field(&page.text(), "revision")),
                    ("publish_at", "2099-01-01T10:00"),
                ],
            )
            .await;
        assert_eq!(reply.status, 303, "{}", reply.text());
        let stored = store
            .meeting("sro", support::date("2021-05-21"))
            .await
            .ok()
            .flatten();
        assert_eq!(stored.as_ref().map(|m| m.state), Some(State::Published));
        assert!(stored.and_then(|m| m.publish_at).is_some());
        for path in [
            "/",
            "/sro/",
            "/sro/feed.atom",
            "/kalender.ics",
            "/sro/2021-05-21/",
            "/sro/2021-05-21/kalender.ics",
        ] {
            let reply = get(addr, path).await;
            assert!(
                !reply.text().contains("Nära vård"),
                "{path} shows the embargoed meeting"
            );
        }
        let page = editor.get(addr, "/redaktor/sro/2021-05-21/").await;
        assert!(
            page.text().contains("publiceras 1 januari 2099"),
            "{}",
            page.text()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_second_of_two_editors_gets_a_conflict_and_keeps_the_text() {
    for backend in support::backends() {
        let (store, server) = server_with_users(&backend).await;
        let addr = server.addr;
        let anna = sign_in(addr, "sro@example.se").await;
        let admin = sign_in(addr, "admin@example.se").await;
        let path = "/redaktor/sro/2021-05-21/";
        let seen_by_anna = field(&anna.get(addr, path).await.text(), "revision");
        let seen_by_admin = field(&admin.get(addr, path).await.text(), "revision");
        let first = support::example().replace("Nära vård", "Nära vård (admin)");
        let reply = admin
            .post(addr, path, &[("revision", &seen_by_admin), ("source", &first)])
            .await;
        assert_eq!(reply.status, 303);
        let second = support::example().replace("Nära vård", "Nära vård (Anna)");
        let reply = anna
            .post(addr, path, &[("revision", &seen_by_anna), ("source", &second)])
            .await;
        assert_eq!(reply.status, 409);
        let text = reply.text();
        assert!(text.contains("någon annan har sparat mötet"), "{text}");
        assert_eq!(field(&text, "source"), second, "Anna's text is kept in the form");
        assert!(
            text.contains("Nära vård (admin)"),
            "the stored text is shown to compare"
        );
        let stored = store
            .meeting("sro", support::date("2021-05-21"))
            .await
            .ok()
            .flatten();
        assert!(stored.is_some_and(|m| m.source == first), "no silent overwrite");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_source_saves_nothing_and_script_is_escaped_everywhere() {
    for backend in support::backends() {
        let (store, server) = server_with_users(&backend).await;
        let addr = server.addr;
        let editor = sign_in(addr, "sro@example.se").await;
        let path = "/redaktor/sro/2021-05-21/";
        let revision = field(&editor.get(addr, path).await.text(), "revision");
        let before = store.change_counter().await.unwrap_or_else(|e| panic!("{e}"));

        let broken = "+++\nbody = \"sro\"\ndate = \n+++\n<script>alert(1)</script>\n";
        let reply = editor
            .post(addr, path, &[("revision", &revision), ("source", broken)])
            .await;
        assert_eq!(reply.status, 422, "{}", reply.text());
        assert!(reply.text().contains("Inget sparades"));
        assert!(
            !reply.text().contains("<script>alert(1)"),
            "the kept text is escaped"
        );
        assert_eq!(
            store.change_counter().await.unwrap_or_else(|e| panic!("{e}")),
            before
        );

        let payload = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        let hostile = support::example().replace("Nära vård", payload);
        let reply = editor
            .post(
                addr,
                path,
                &[("revision", &revision), ("source", &hostile), ("note", payload)],
            )
            .await;
        assert_eq!(reply.status, 303, "{}", reply.text());
        for page in [
            path.to_string(),
            format!("{path}forhandsvisning/"),
            "/redaktor/sro/".into(),
        ] {
            let text = editor.get(addr, &page).await.text();
            assert!(!text.contains("<script>alert"), "{page} runs the payload");
            assert!(!text.contains("<img src=x"), "{page} shows raw markup");
            if !page.ends_with("/sro/") {
                assert!(text.contains("alert("), "{page} does not show the text at all");
            }
        }
        let source_view = editor.get(addr, path).await.text();
        assert!(
            source_view.contains("&lt;script&gt;") || source_view.contains("&#60;script&#62;"),
            "{source_view}"
        );
        let admin = sign_in(addr, "admin@example.se").await;
        let log = admin.get(addr, "/redaktor/logg").await.text();
        assert!(!log.contains("<script>alert"), "the audit log escapes the note");
    }
}
