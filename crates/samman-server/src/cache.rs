//! Rendered bytes, kept so that a page view does no rendering and, while nothing changes, no query.
//!
//! Two maps. `pages` answers a request path at once; it is emptied whenever the store's change counter
//! moves (every node polls it, see [`follow`]) and an entry lives at most [`PAGE_TTL`], because time alone
//! changes some answers (an embargo passing, an event no longer upcoming). `renditions` is keyed by
//! (meeting, revision, rendition): a revision never changes, so after a change elsewhere a page is looked
//! up again but not rendered again. Both are bounded by bytes; over the bound a map is simply emptied.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant, UNIX_EPOCH};

use axum::body::Bytes;
use axum::http::HeaderValue;
use samman_site::Rendition;
use samman_store::Store;
use sha2::{Digest, Sha256};

/// The longest a page answer is kept without asking the store again.
pub const PAGE_TTL: Duration = Duration::from_secs(30);
/// Bytes each map may hold before it is emptied.
pub const BUDGET: usize = 256 * 1024 * 1024;

/// One answer, ready to send: the bytes and the headers that describe them, made once.
#[derive(Debug)]
pub struct Cached {
    pub body: Bytes,
    pub content_type: HeaderValue,
    /// A weak validator (`W/"…"`): compressed and plain bytes share it.
    pub etag: HeaderValue,
    pub last_modified: Option<HeaderValue>,
    /// The page's own Content-Security-Policy (pages with inline stylesheets).
    pub csp: Option<HeaderValue>,
    /// `attachment; filename=…` for downloads.
    pub disposition: Option<HeaderValue>,
}

impl Cached {
    /// `last_modified` in unix seconds.
    pub fn new(body: impl Into<Bytes>, content_type: &'static str, last_modified: Option<i64>) -> Cached {
        let body = body.into();
        let digest = Sha256::digest(&body);
        let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        let last_modified = last_modified.filter(|s| *s > 0).and_then(|s| {
            let at = UNIX_EPOCH + Duration::from_secs(s.unsigned_abs());
            HeaderValue::from_str(&httpdate::fmt_http_date(at)).ok()
        });
        Cached {
            body,
            content_type: HeaderValue::from_static(content_type),
            etag: HeaderValue::from_str(&format!("W/\"{hex}\""))
                .unwrap_or(HeaderValue::from_static("W/\"0\"")),
            last_modified,
            csp: None,
            disposition: None,
        }
    }

    pub fn with_csp(mut self, policy: &str) -> Cached {
        self.csp = HeaderValue::from_str(policy).ok();
        self
    }

    pub fn with_download_name(mut self, name: &str) -> Cached {
        self.disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")).ok();
        self
    }
}

/// What identifies a rendered rendition: the meeting's id and revision, and which rendition.
pub type RenditionKey = (i64, i64, Rendition);

#[derive(Debug, Default)]
pub struct Cache {
    /// The store's change counter last seen (0 before the first poll).
    counter: AtomicI64,
    /// Grows every time `pages` is emptied; an answer made under an older generation is not kept.
    generation: AtomicU64,
    pages: RwLock<Bounded<String>>,
    renditions: Mutex<Bounded<RenditionKey>>,
}

#[derive(Debug)]
struct Bounded<K> {
    /// Each answer with the moment it was kept.
    map: HashMap<K, (Instant, Arc<Cached>)>,
    bytes: usize,
}

impl<K> Default for Bounded<K> {
    fn default() -> Self {
        Bounded {
            map: HashMap::new(),
            bytes: 0,
        }
    }
}

impl<K: std::hash::Hash + Eq> Bounded<K> {
    fn insert(&mut self, key: K, value: Arc<Cached>) {
        if self.bytes + value.body.len() > BUDGET {
            self.map.clear();
            self.bytes = 0;
        }
        self.bytes += value.body.len();
        if let Some((_, old)) = self.map.insert(key, (Instant::now(), value)) {
            self.bytes = self.bytes.saturating_sub(old.body.len());
        }
    }
}

impl Cache {
    /// The generation to pass to [`Cache::put_page`] for an answer about to be made.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// The cached answer for a request path, unless it is older than [`PAGE_TTL`].
    pub fn page(&self, path: &str) -> Option<Arc<Cached>> {
        let pages = self.pages.read().unwrap_or_else(PoisonError::into_inner);
        pages
            .map
            .get(path)
            .filter(|(kept, _)| kept.elapsed() < PAGE_TTL)
            .map(|(_, answer)| answer.clone())
    }

    /// Keeps an answer made while the cache was at `generation`; dropped if the store changed meanwhile
    /// (the answer may have been made from the old data).
    pub fn put_page(&self, generation: u64, path: &str, answer: Arc<Cached>) {
        let mut pages = self.pages.write().unwrap_or_else(PoisonError::into_inner);
        if self.generation.load(Ordering::Acquire) == generation {
            pages.insert(path.to_string(), answer);
        }
    }

    pub fn rendition(&self, key: &RenditionKey) -> Option<Arc<Cached>> {
        let renditions = self.renditions.lock().unwrap_or_else(PoisonError::into_inner);
        renditions.map.get(key).map(|(_, answer)| answer.clone())
    }

    pub fn put_rendition(&self, key: RenditionKey, answer: Arc<Cached>) {
        let mut renditions = self.renditions.lock().unwrap_or_else(PoisonError::into_inner);
        renditions.insert(key, answer);
    }

    /// Records the store's change counter; a new value empties the page answers.
    pub fn observe(&self, counter: i64) {
        if self.counter.swap(counter, Ordering::AcqRel) != counter {
            self.clear_pages();
        }
    }

    /// Empties the page answers (the rendered revisions stay: they cannot change).
    pub fn clear_pages(&self) {
        let mut pages = self.pages.write().unwrap_or_else(PoisonError::into_inner);
        self.generation.fetch_add(1, Ordering::AcqRel);
        pages.map.clear();
        pages.bytes = 0;
    }
}

/// Polls the store's change counter every `every`, forever, emptying the page answers when it moves.
/// A failed poll changes nothing (the next one tries again).
pub async fn follow(store: Arc<dyn Store>, cache: Arc<Cache>, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match store.change_counter().await {
            Ok(counter) => cache.observe(counter),
            Err(error) => tracing::warn!(%error, "kan inte läsa ändringsräknaren"),
        }
    }
}
