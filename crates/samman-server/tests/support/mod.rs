//! What the server tests share: a real server on loopback over a real store (SQLite in a temporary
//! directory; PostgreSQL in a throw-away database when `SAMMAN_TEST_POSTGRES` is set), a small corpus of
//! several bodies and years, and a plain HTTP/1.1 client that sends paths exactly as written.

#![allow(dead_code)]

pub mod editor;
pub mod http;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use samman_domain::{Bodies, Date};
use samman_site::Site;
use samman_store::{Location, NewRevision, State, Store};

/// Bodies of the test corpus: SRO as shipped, and two more.
pub const BODIES: &str = r#"
[[body]]
id = "sro"
short_name = "SRO"
name = "Politiskt samrådsorgan mellan VästKom och Västra Götalandsregionen"
newsletter = "Nyhetsbrev Nära vård"
[[body.organisation]]
name = "VästKom"
variants = ["Västkom"]
[[body.organisation]]
name = "VGR"
full_name = "Västra Götalandsregionen"

[[body]]
id = "nvs"
short_name = "NVS"
name = "Delregionalt samrådsorgan Norra"
[[body.organisation]]
name = "VGR"

[[body]]
id = "tom"
short_name = "TOM"
name = "Ett organ utan möten"
"#;

pub fn bodies() -> Bodies {
    Bodies::from_toml(BODIES).unwrap_or_else(|e| panic!("{e}"))
}

/// The shipped example's source text.
pub fn example() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/sro-2021-05-21.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A small meeting in the source format.
pub fn source(body: &str, date: &str, topic: &str) -> String {
    format!(
        "+++\nbody = \"{body}\"\ndate = {date}\n+++\n\n## {topic}\n\nFöredragande: Anna Berg, VGR\n\n\
         - Läget i arbetet med {topic}.\n  - Det fortsätter under året.\n\nStällningstagande: {} noterar informationen\n",
        body.to_uppercase()
    )
}

/// The corpus: the example plus meetings of two bodies over three years (body, date).
pub fn corpus() -> Vec<(String, String)> {
    let mut all = vec![("sro".to_string(), example())];
    for (body, date, topic) in [
        ("sro", "2020-02-14", "Vårdavtalet"),
        ("sro", "2019-11-08", "Hemsjukvården"),
        ("nvs", "2021-03-05", "Elevhälsan"),
        ("nvs", "2020-09-18", "Beredskapen"),
        ("nvs", "2019-05-24", "Psykiatrin"),
    ] {
        all.push((body.to_string(), source(body, date, topic)));
    }
    all
}

pub fn date(s: &str) -> Date {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// Saves a meeting in the given state (`publish_at`: an embargo in unix seconds).
pub async fn save(store: &dyn Store, text: &str, state: State, publish_at: Option<i64>) -> i64 {
    let (_, meeting) =
        samman_site::meeting_from_text(text, None, &bodies()).unwrap_or_else(|e| panic!("{e}"));
    let saved = store
        .save(NewRevision {
            body: meeting.body.clone(),
            date: meeting.date,
            source: text.to_string(),
            meeting,
            author: Some("test".into()),
            note: None,
            state,
            publish_at,
            expected_revision: None,
        })
        .await
        .unwrap_or_else(|e| panic!("save: {e}"));
    saved.meeting_id
}

/// Where a test's data lives; removed when dropped.
pub struct Backend {
    pub location: Location,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

impl Drop for Backend {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.postgres {
            let _ = std::process::Command::new("psql")
                .arg(admin)
                .args([
                    "-q",
                    "-c",
                    &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                ])
                .output();
        }
    }
}

/// SQLite in a fresh temporary directory.
pub fn sqlite() -> Backend {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    Backend {
        location: Location::Dir(dir.path().to_path_buf()),
        _dir: Some(dir),
        postgres: None,
    }
}

/// A throw-away PostgreSQL database when `SAMMAN_TEST_POSTGRES` names a server (an admin URL such as
/// `postgres:///postgres?host=/var/run/postgresql`); `None` otherwise.
pub fn postgres() -> Option<Backend> {
    let admin = std::env::var("SAMMAN_TEST_POSTGRES")
        .ok()
        .filter(|v| !v.is_empty())?;
    static N: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "samman_site_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    );
    let made = std::process::Command::new("psql")
        .arg(&admin)
        .args(["-q", "-c", &format!("CREATE DATABASE {name}")])
        .output()
        .unwrap_or_else(|e| panic!("psql: {e}"));
    assert!(
        made.status.success(),
        "CREATE DATABASE: {}",
        String::from_utf8_lossy(&made.stderr)
    );
    Some(Backend {
        location: Location::Url(with_database(&admin, &name)),
        _dir: None,
        postgres: Some((admin, name)),
    })
}

/// The admin URL with another database name: "postgres://h/postgres?x" → "postgres://h/NAME?x".
fn with_database(url: &str, name: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
    let (before_query, query) = rest.split_once('?').map_or((rest, None), |(a, q)| (a, Some(q)));
    let authority = before_query.split('/').next().unwrap_or_default();
    let query = query.map(|q| format!("?{q}")).unwrap_or_default();
    format!("{scheme}://{authority}/{name}{query}")
}

/// Every backend to run a test on: SQLite always, PostgreSQL when configured.
pub fn backends() -> Vec<Backend> {
    let mut all = vec![sqlite()];
    all.extend(postgres());
    all
}

pub async fn open(backend: &Backend) -> Arc<dyn Store> {
    samman_store::open(&backend.location)
        .await
        .unwrap_or_else(|e| panic!("open {:?}: {e}", backend.location))
}

/// A server on a free loopback port, stopped when dropped.
pub struct Server {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

pub async fn start(store: Arc<dyn Store>) -> Server {
    start_app(samman_server::App::new(store, Site::new(bodies()))).await
}

/// A server for `app` on a free loopback port; its base URL is the address served on unless `app`
/// has an https one.
pub async fn start_app(app: samman_server::App) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("bind: {e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("addr: {e}"));
    let app = if app.is_https() {
        app
    } else {
        app.with_base_url(format!("http://{addr}"))
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let shutdown = async {
            let _ = stopped.await;
        };
        if let Err(e) = samman_server::serve(app, listener, shutdown).await {
            panic!("serve: {e}");
        }
    });
    Server {
        addr,
        stop: Some(stop),
    }
}

/// A server over `backend` holding the whole corpus, published.
pub async fn with_corpus(backend: &Backend) -> (Arc<dyn Store>, Server) {
    let store = open(backend).await;
    for (_, text) in corpus() {
        save(store.as_ref(), &text, State::Published, None).await;
    }
    let server = start(store.clone()).await;
    (store, server)
}

fn runs(program: &str, args: &[&str]) -> bool {
    std::process::Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether node, java, chromium and `tools/web/node_modules` are there; a missing one skips the test
/// with a message, or fails it under `SAMMAN_REQUIRE_TOOLS=1`.
pub fn tools_present(tools: &std::path::Path) -> bool {
    let checks = [
        ("node", runs("node", &["--version"])),
        ("java", runs("java", &["-version"])),
        (
            "chromium",
            runs(
                "sh",
                &["-c", "command -v chromium || command -v chromium-browser"],
            ),
        ),
        (
            "tools/web/node_modules (npm install in tools/web)",
            ["vnu-jar", "axe-core", "playwright-core"]
                .iter()
                .all(|m| tools.join("node_modules").join(m).exists()),
        ),
    ];
    let required = std::env::var("SAMMAN_REQUIRE_TOOLS").is_ok_and(|v| v == "1");
    for (what, ok) in checks {
        if !ok {
            assert!(!required, "{what} is missing and SAMMAN_REQUIRE_TOOLS=1");
            eprintln!("skipping: {what} is missing");
            return false;
        }
    }
    true
}
