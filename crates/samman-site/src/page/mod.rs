//! The site's pages. A meeting's page is its HTML rendition with the site's navigation added (and, once
//! updated, its change log: `changes`); the start page, a body's archive, the search page and the 404 page
//! are made here with the same navigation. Every page is one self-contained document (inline CSS, no
//! script), so [`csp`] can allow exactly its stylesheets by hash.

mod archive;
mod changes;
mod chrome;
mod newsletter;
mod not_found;
mod search;
mod start;

use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use base64::Engine;
use samman_domain::{Bodies, Body, DateTime, Event, Meeting, Theme};
use samman_render::Options;
use samman_render::html::Chrome;
use samman_render::links::site::Path;
use sha2::{Digest, Sha256};

pub use archive::body_page;
pub use changes::{ChangeLog, meeting_page_with_log};
pub use newsletter::{Button, Notice, newsletter_notice, newsletter_page};
pub use not_found::not_found_page;
pub use search::{FormError, Found, Marked, Outcome, PER_PAGE, SearchForm, marked, search_page};
pub use start::{LATEST_PER_BODY, calendar, start_page, upcoming};

/// What every page of one site shares.
#[derive(Debug, Clone)]
pub struct Site {
    /// The site's name, first in every page's navigation.
    pub name: String,
    pub bodies: Bodies,
    /// Base URL for the absolute links of feeds and calendars (else each body's `base_url`).
    pub options: Options,
    styles: Styles,
}

/// Each theme's meeting page stylesheet ([`samman_render::html::css`]), made the first time a page
/// of that theme is: every meeting of a body has the same one. Shared by the clones of a [`Site`].
#[derive(Debug, Clone, Default)]
struct Styles(Arc<Mutex<Vec<Stylesheet>>>);

/// A theme and its stylesheet.
type Stylesheet = (Theme, Arc<str>);

impl Styles {
    fn css(&self, theme: &Theme) -> Arc<str> {
        // A poisoned lock only means another page panicked; the list itself is always whole.
        let mut styles = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, css)) = styles.iter().find(|(t, _)| t == theme) {
            return Arc::clone(css);
        }
        let css: Arc<str> = samman_render::html::css(theme).into();
        styles.push((theme.clone(), Arc::clone(&css)));
        css
    }
}

impl Site {
    /// A site named "Sammanställningar" over the given bodies.
    pub fn new(bodies: Bodies) -> Site {
        Site {
            name: "Sammanställningar".into(),
            bodies,
            options: Options::default(),
            styles: Styles::default(),
        }
    }

    /// The body with this id: the configured one, else a plain one named by the id.
    pub fn body(&self, id: &str) -> Body {
        crate::body_for(&self.bodies, id).unwrap_or_else(|unknown| *unknown.plain)
    }
}

/// A published meeting in a list (start page, archive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub body: String,
    pub date: samman_domain::Date,
    pub title: String,
}

impl Listed {
    /// A published meeting as the lists show it: its own title, else the one the renditions derive.
    pub fn of(site: &Site, body: &str, date: samman_domain::Date, title: Option<&str>) -> Listed {
        let title = match title.map(str::trim) {
            Some(title) if !title.is_empty() => title.to_string(),
            _ => Meeting::derived_title(&site.body(body), date),
        };
        Listed {
            body: body.to_string(),
            date,
            title,
        }
    }
}

/// An event to come, with where it was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upcoming {
    pub body: String,
    pub meeting: samman_domain::Date,
    /// The item's number (1-based) on the meeting's page.
    pub item: usize,
    pub event: Event,
}

/// A meeting's page on the site: the HTML rendition, byte for byte, with the site's navigation inserted
/// right after the skip link and the navigation's stylesheet at the end of the head.
pub fn meeting_page(site: &Site, meeting: &Meeting, body: &Body) -> String {
    let here = Path::Meeting(body.id.clone(), meeting.date);
    let crumbs = [
        (body.short_name.clone(), Some(Path::Body(body.id.clone()))),
        (samman_domain::swedish::date(meeting.date), None),
    ];
    let nav = chrome::nav(site, Some(&here.dir()), &crumbs);
    let chrome = Chrome {
        head: &NAV_STYLE,
        nav: &nav,
    };
    let css = site.styles.css(&body.theme);
    samman_render::html::render_with(meeting, body, &site.options, &css, chrome)
}

/// The navigation's stylesheet as a meeting's page carries it.
static NAV_STYLE: LazyLock<String> = LazyLock::new(|| format!("<style>\n{}</style>\n", chrome::NAV_CSS));

/// The Content-Security-Policy for a page made here: no script, no plug-ins, nothing from elsewhere, and
/// exactly the page's own inline stylesheets, allowed by their SHA-256.
pub fn csp(html: &str) -> String {
    let mut hashes = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<style>") {
        let after = &rest[start + "<style>".len()..];
        let Some(end) = after.find("</style>") else {
            break;
        };
        let digest = Sha256::digest(&after.as_bytes()[..end]);
        hashes.push_str(" 'sha256-");
        hashes.push_str(&base64::engine::general_purpose::STANDARD.encode(digest));
        hashes.push('\'');
        rest = &after[end..];
    }
    let style = if hashes.is_empty() { " 'none'" } else { &hashes };
    format!(
        "default-src 'none'; style-src{style}; img-src 'self' data:; form-action 'self'; \
         base-uri 'none'; frame-ancestors 'none'"
    )
}

/// Whether an event starts at or after `now` (civil time in Europe/Stockholm).
fn is_upcoming(event: &Event, now: DateTime) -> bool {
    event.start >= now
}

#[cfg(test)]
mod tests;
