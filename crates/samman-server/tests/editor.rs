//! The editor over real HTTP on SQLite and (with `SAMMAN_TEST_POSTGRES`) PostgreSQL: signing in and out,
//! cookie flags, throttling, CSRF, the authorization matrix, the whole writing and publishing flow,
//! conflicts between two editors, and hostile text escaped everywhere.

mod support;

use std::net::SocketAddr;
use std::sync::Arc;

use samman_site::Site;
use samman_store::{NewUser, Role, State, Store};
use support::http::{Reply, get, request, request_with_body};

const PASSWORD: &str = "ett långt lösenord";

/// Where the forms come from (the test server's own address).
fn origin(addr: SocketAddr) -> String {
    format!("http://{addr}")
}

async fn add_user(store: &dyn Store, email: &str, role: Role, bodies: &[&str]) {
    let hash = samman_server::editor::auth::hash_password(PASSWORD).unwrap_or_else(|e| panic!("{e}"));
    store
        .editor()
        .add_user(NewUser {
            email: email.into(),
            password_hash: hash,
            role,
            bodies: bodies.iter().map(|b| (*b).to_string()).collect(),
        })
        .await
        .unwrap_or_else(|e| panic!("add user: {e}"));
}

/// Form-encodes `fields`.
fn encode(fields: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (i, (name, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        for (j, part) in [name, value].iter().enumerate() {
            if j == 1 {
                out.push('=');
            }
            for byte in part.bytes() {
                if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
                    out.push(char::from(byte));
                } else {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
        }
    }
    out
}

/// A browser-like session: its cookie and the CSRF token of its pages.
#[derive(Debug, Clone, Default)]
struct Browser {
    cookie: String,
    csrf: String,
}

impl Browser {
    fn headers<'a>(&'a self, origin: &'a str) -> Vec<(&'a str, &'a str)> {
        let mut h = vec![("Origin", origin)];
        if !self.cookie.is_empty() {
            h.push(("Cookie", self.cookie.as_str()));
        }
        h
    }

    async fn get(&self, addr: SocketAddr, path: &str) -> Reply {
        let o = origin(addr);
        let mut h = self.headers(&o);
        h.retain(|(n, _)| *n != "Origin");
        request(addr, "GET", path, &h).await
    }

    /// Posts `fields` plus this session's CSRF token.
    async fn post(&self, addr: SocketAddr, path: &str, fields: &[(&str, &str)]) -> Reply {
        let mut all = vec![("csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(addr, path, &origin(addr), &encode(&all)).await
    }

    async fn post_raw(&self, addr: SocketAddr, path: &str, origin: &str, body: &str) -> Reply {
        let mut h = self.headers(origin);
        h.retain(|(_, v)| !v.is_empty());
        h.push(("Content-Type", "application/x-www-form-urlencoded"));
        request_with_body(addr, "POST", path, &h, body.as_bytes()).await
    }
}

/// Signs in and reads the page's CSRF token.
async fn sign_in(addr: SocketAddr, email: &str) -> Browser {
    let reply = Browser::default()
        .post_raw(
            addr,
            "/redaktor/logga-in",
            &origin(addr),
            &encode(&[("email", email), ("password", PASSWORD)]),
        )
        .await;
    assert_eq!(reply.status, 303, "sign-in as {email}: {}", reply.text());
    let cookie = reply.header("set-cookie").unwrap_or_else(|| panic!("no cookie"));
    let pair = cookie.split(';').next().unwrap_or_default().to_string();
    let mut browser = Browser {
        cookie: pair,
        csrf: String::new(),
    };
    let home = browser.get(addr, "/redaktor/").await;
    assert_eq!(home.status, 200, "{}", home.text());
    browser.csrf = csrf_of(&home.text());
    browser
}

fn csrf_of(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("input[name=csrf]").unwrap_or_else(|e| panic!("{e}"));
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr("value"))
        .unwrap_or_else(|| panic!("no csrf field in {html}"))
        .to_string()
}

/// The value of the form field `name` (first match) on a page.
fn field(html: &str, name: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(&format!("[name={name}]")).unwrap_or_else(|e| panic!("{e}"));
    let el = doc
        .select(&sel)
        .next()
        .unwrap_or_else(|| panic!("no field {name}"));
    el.value()
        .attr("value")
        .map(str::to_string)
        .unwrap_or_else(|| el.text().collect())
}

/// Two items with presenters and positions, in the source format.
fn two_items(note: &str) -> String {
    format!(
        "+++\nbody = \"sro\"\ndate = 2026-03-13\n+++\n\n## Vårdavtalet{note}\n\nFöredragande: Anna Berg, VGR\n\n\
         - Läget i arbetet.\n\nStällningstagande: SRO noterar informationen\n\n## Hemsjukvården\n\n\
         Föredragande: Per Ek, VästKom\n\n- Ny överenskommelse.\n\nStällningstagande: SRO ställer sig bakom förslaget\n"
    )
}

async fn server_with_users(backend: &support::Backend) -> (Arc<dyn Store>, support::Server) {
    let store = support::open(backend).await;
    support::save(store.as_ref(), &support::example(), State::Draft, None).await;
    add_user(store.as_ref(), "sro@example.se", Role::Editor, &["sro"]).await;
    add_user(store.as_ref(), "nvs@example.se", Role::Editor, &["nvs"]).await;
    add_user(store.as_ref(), "admin@example.se", Role::Admin, &[]).await;
    let server = support::start(store.clone()).await;
    (store, server)
}

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
