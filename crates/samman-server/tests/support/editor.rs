//! What the editor's tests share: accounts, a browser-like client with its session cookie and CSRF
//! token, form encoding and reading fields back from a page.

use std::net::SocketAddr;
use std::sync::Arc;

use samman_store::{NewUser, Role, State, Store};

use super::http::{Reply, request, request_with_body};

pub const PASSWORD: &str = "ett långt lösenord";

/// Where the forms come from (the test server's own address).
pub fn origin(addr: SocketAddr) -> String {
    format!("http://{addr}")
}

pub async fn add_user(store: &dyn Store, email: &str, role: Role, bodies: &[&str]) {
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
pub fn encode(fields: &[(&str, &str)]) -> String {
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
pub struct Browser {
    pub cookie: String,
    pub csrf: String,
}

impl Browser {
    pub fn headers<'a>(&'a self, origin: &'a str) -> Vec<(&'a str, &'a str)> {
        let mut h = vec![("Origin", origin)];
        if !self.cookie.is_empty() {
            h.push(("Cookie", self.cookie.as_str()));
        }
        h
    }

    pub async fn get(&self, addr: SocketAddr, path: &str) -> Reply {
        let o = origin(addr);
        let mut h = self.headers(&o);
        h.retain(|(n, _)| *n != "Origin");
        request(addr, "GET", path, &h).await
    }

    /// Posts `fields` plus this session's CSRF token.
    pub async fn post(&self, addr: SocketAddr, path: &str, fields: &[(&str, &str)]) -> Reply {
        let mut all = vec![("csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(addr, path, &origin(addr), &encode(&all)).await
    }

    /// Posts a `multipart/form-data` form: `fields` (give the CSRF token yourself) and one file
    /// `(field, file name, bytes)`.
    pub async fn post_file(
        &self,
        addr: SocketAddr,
        path: &str,
        fields: &[(&str, &str)],
        file: (&str, &str, &[u8]),
    ) -> Reply {
        const BOUNDARY: &str = "----samman-test-7d1c";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        let (field, file_name, bytes) = file;
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
        let o = origin(addr);
        let mut h = self.headers(&o);
        h.retain(|(_, v)| !v.is_empty());
        let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
        h.push(("Content-Type", &content_type));
        request_with_body(addr, "POST", path, &h, &body).await
    }

    pub async fn post_raw(&self, addr: SocketAddr, path: &str, origin: &str, body: &str) -> Reply {
        let mut h = self.headers(origin);
        h.retain(|(_, v)| !v.is_empty());
        h.push(("Content-Type", "application/x-www-form-urlencoded"));
        request_with_body(addr, "POST", path, &h, body.as_bytes()).await
    }
}

/// Signs in and reads the page's CSRF token.
pub async fn sign_in(addr: SocketAddr, email: &str) -> Browser {
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

pub fn csrf_of(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("input[name=csrf]").unwrap_or_else(|e| panic!("{e}"));
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr("value"))
        .unwrap_or_else(|| panic!("no csrf field in {html}"))
        .to_string()
}

/// The value of the form field `name` (first match) on a page.
pub fn field(html: &str, name: &str) -> String {
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
pub fn two_items(note: &str) -> String {
    format!(
        "+++\nbody = \"sro\"\ndate = 2026-03-13\n+++\n\n## Vårdavtalet{note}\n\nFöredragande: Anna Berg, VGR\n\n\
         - Läget i arbetet.\n\nStällningstagande: SRO noterar informationen\n\n## Hemsjukvården\n\n\
         Föredragande: Per Ek, VästKom\n\n- Ny överenskommelse.\n\nStällningstagande: SRO ställer sig bakom förslaget\n"
    )
}

pub async fn server_with_users(backend: &super::Backend) -> (Arc<dyn Store>, super::Server) {
    let store = super::open(backend).await;
    super::save(store.as_ref(), &super::example(), State::Draft, None).await;
    add_user(store.as_ref(), "sro@example.se", Role::Editor, &["sro"]).await;
    add_user(store.as_ref(), "nvs@example.se", Role::Editor, &["nvs"]).await;
    add_user(store.as_ref(), "admin@example.se", Role::Admin, &[]).await;
    let server = super::start(store.clone()).await;
    (store, server)
}

/// A subscriber of `list` (its address hash and token derived from the address), confirmed or not;
/// its id.
pub async fn subscriber(store: &dyn Store, list: &str, address: &str, confirmed: bool) -> i64 {
    let now = jiff::Timestamp::now().as_second();
    let news = store.newsletter();
    let made = news
        .subscribe(samman_store::newsletter::NewSubscriber {
            list: list.into(),
            address: address.into(),
            address_hash: format!("hash-{address}"),
            token_hash: format!("token-{address}"),
            token_expires: now + 3600,
            consent_version: "1".into(),
            consent_source: "test".into(),
            now,
        })
        .await
        .unwrap_or_else(|e| panic!("subscribe: {e}"));
    let samman_store::newsletter::Subscribed::Pending { id } = made else {
        panic!("{made:?}");
    };
    if confirmed {
        let done = news.confirm(id, &format!("token-{address}"), now).await;
        assert!(done.is_ok_and(|s| s.is_some()), "confirm {address}");
    }
    id
}
