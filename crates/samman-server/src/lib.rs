//! The public site over HTTP (axum): every page, feed and download of the published meetings, read from
//! the store behind [`samman_store::Store`] and made by the seam ([`samman_site`]), so a page served is
//! the same bytes a static build writes.
//!
//! * [`routes`] — one file per route group; the site's paths are parsed by the seam, in one place;
//! * [`cache`] — rendered bytes per request path, kept while the store's change counter stands still
//!   (every node polls it, so nodes on one PostgreSQL agree within a second), and per meeting revision;
//! * [`respond`] — conditional requests (ETag, Last-Modified → 304), `Range` (206/416), `HEAD`;
//! * [`editor`] — the editor under `/redaktor/` (sign-in, writing, preview, publishing);
//! * [`csrf`] — same-origin guard and session-bound tokens, opted into per route group;
//! * [`layers`] — compression, security headers, one log line per request without personal data.

pub mod cache;
pub mod csrf;
pub mod editor;
pub mod layers;
pub mod newsletter;
pub mod respond;
pub mod routes;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use samman_site::Site;
use samman_store::Store;

pub use cache::Cache;

/// Everything a request handler needs.
#[derive(Debug, Clone)]
pub struct App {
    pub store: Arc<dyn Store>,
    pub site: Arc<Site>,
    pub cache: Arc<Cache>,
    /// The site's public address without a trailing slash (`https://…`), for absolute links (mails) and
    /// for deciding whether cookies are `Secure`. `serve` sets it from `--base-url` or the address served on.
    pub base_url: Arc<str>,
    /// The newsletter's secret, mailer and throttle; `None`: no newsletter on this site (issue 10).
    pub newsletter: Option<Arc<newsletter::Newsletter>>,
}

impl App {
    pub fn new(store: Arc<dyn Store>, site: Site) -> App {
        App {
            store,
            site: Arc::new(site),
            cache: Arc::new(Cache::default()),
            base_url: Arc::from("http://127.0.0.1:8080"),
            newsletter: None,
        }
    }

    /// The same app with its public address (`https://…`; checked by the caller, trailing `/` dropped).
    pub fn with_base_url(mut self, base_url: impl AsRef<str>) -> App {
        self.base_url = Arc::from(base_url.as_ref().trim_end_matches('/'));
        self
    }

    /// The same app with the newsletter's routes working (see [`newsletter`]).
    pub fn with_newsletter(mut self, newsletter: newsletter::Newsletter) -> App {
        self.newsletter = Some(Arc::new(newsletter));
        self
    }

    /// Whether the public address is https, so cookies must be `Secure`.
    pub fn is_https(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    /// The whole site as a router with every layer.
    pub fn router(&self) -> axum::Router {
        layers::wrap(editor::router(self.clone()).merge(routes::router(self.clone())))
    }
}

/// How often a node asks the store whether anything changed.
pub const POLL: Duration = Duration::from_millis(200);

/// Serves `app` on `listener` until `shutdown` resolves, then finishes the requests in flight.
/// The cache follows the store's change counter while it serves.
pub async fn serve(
    app: App,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let poller = tokio::spawn(cache::follow(app.store.clone(), app.cache.clone(), POLL));
    // The client's address reaches handlers (sign-in throttling counts failures per address; the
    // newsletter throttles subscription requests by it).
    let service = app
        .router()
        .into_make_service_with_connect_info::<std::net::SocketAddr>();
    let result = axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await;
    poller.abort();
    result
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
