//! The one place that spells a URL for the renditions, and the one rule for which link targets are safe.
//!
//! ## The URL scheme
//!
//! Every address a rendition writes is a path under the site's base URL (`Options::base_url`, else the
//! body's directory under `Options::site_root`, else the body's `base_url`; each checked when read). Each path is a constant or a method here, never a literal
//! in a rendition:
//!
//! | what | path under the base | here |
//! |---|---|---|
//! | a meeting's page | `{date}/` | [`Links::page`] |
//! | an item on it | `{date}/#punkt-{n}` | [`Links::item`], [`anchor`] |
//! | an item's detail slides on it | `{date}/#punkt-{n}-bilder` | [`Links::item_slides`], [`slides_anchor`] |
//! | the deck, PDF, calendar of a meeting | `{date}/` + [`DECK`], [`PDF`], [`ICS`] | [`Links::deck`] … |
//! | the minutes uploaded in the editor | `{date}/` + [`MINUTES`] | the record's minutes link |
//! | the site's front page | (the base itself) | [`under_base`] with `""` |
//! | the body's feed | [`FEED`] | [`Links::feed`], [`under_base`] |
//! | the newsletter page | [`NEWSLETTER`] | [`Links::newsletter`] |
//! | the subscribe form's target | [`SUBSCRIBE`] | [`Links::subscribe`] |
//!
//! The page links relatively (so a static export works under any host): to files beside it by name, to
//! the body's paths with [`from_page`]. E-mail, calendar, feed, deck and PDF need absolute links, made
//! by [`Links`]. A new path (the site's index, a calendar of all meetings) is one more constant and
//! method here.
//!
//! ## The link rule
//!
//! [`safe_href`]: http(s), mailto, tel or a relative reference; nothing with controls or spaces. Every
//! rendition's content links pass it, through [`Links::absolute`] (e-mail, feed), [`Links::external`]
//! (deck, PDF: documents read away from the site) or directly (the page).

use samman_domain::url::check_base_url;
use samman_domain::{Body, Meeting};

use crate::Options;

/// File name of the deck next to the page.
pub const DECK: &str = "sammanstallning.pptx";
/// File name of the PDF next to the page.
pub const PDF: &str = "sammanstallning.pdf";
/// File name of the meeting's calendar next to the page.
pub const ICS: &str = "kalender.ics";
/// File name of the minutes uploaded in the editor, next to the page; the record's minutes link is then
/// this relative name, made absolute per rendition like any content link.
pub const MINUTES: &str = "protokoll.pdf";
/// The body's Atom feed, under the base.
pub const FEED: &str = "flode.atom";
/// The body's newsletter page (subscribe, unsubscribe), under the base.
pub const NEWSLETTER: &str = "nyhetsbrev/";
/// Where the page's subscribe form posts, under the base.
pub const SUBSCRIBE: &str = "nyhetsbrev/prenumerera";

/// A path under the base as the meeting's page (at `{base}/{date}/`) reaches it: "../flode.atom".
pub fn from_page(path: &str) -> String {
    format!("../{path}")
}

/// Absolute addresses of one meeting's renditions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    /// The site base without a trailing slash, e.g. "https://samman.example.org/sro"; `None` when neither
    /// the options nor the body set one (links then stay relative).
    pub base: Option<String>,
    /// "{base}/2021-05-21/" (or "2021-05-21/" without a base).
    pub page: String,
}

impl Links {
    pub fn new(meeting: &Meeting, body: &Body, options: &Options) -> Self {
        let base = base_url(body, options);
        let page = match &base {
            Some(b) => format!("{b}/{}/", meeting.date),
            None => format!("{}/", meeting.date),
        };
        Links { base, page }
    }

    pub fn deck(&self) -> String {
        format!("{}{DECK}", self.page)
    }

    pub fn pdf(&self) -> String {
        format!("{}{PDF}", self.page)
    }

    pub fn ics(&self) -> String {
        format!("{}{ICS}", self.page)
    }

    /// The item with 1-based `number` on the page.
    pub fn item(&self, number: usize) -> String {
        format!("{}#{}", self.page, anchor(number))
    }

    /// Where the item's detail slides stand on the page.
    pub fn item_slides(&self, number: usize) -> String {
        format!("{}#{}", self.page, slides_anchor(number))
    }

    /// The body's newsletter page (subscribe, unsubscribe).
    pub fn newsletter(&self) -> String {
        self.under_base(NEWSLETTER)
    }

    /// Where the subscribe form posts.
    pub fn subscribe(&self) -> String {
        self.under_base(SUBSCRIBE)
    }

    /// The body's feed.
    pub fn feed(&self) -> String {
        self.under_base(FEED)
    }

    fn under_base(&self, path: &str) -> String {
        under_base(self.base.as_deref(), path)
    }

    /// A content link for a document read away from the site (deck, PDF): made absolute against the
    /// page, and kept only when that gives a full address (a relative one could open nothing).
    pub fn external(&self, href: &str) -> Option<String> {
        self.absolute(href).filter(|h| has_scheme(h))
    }

    /// A content link made absolute against the page ("#" → the page itself), or `None` when unsafe.
    pub fn absolute(&self, href: &str) -> Option<String> {
        let href = safe_href(href)?;
        if has_scheme(&href) || href.starts_with("//") {
            return Some(href);
        }
        if let Some(path) = href.strip_prefix('/') {
            let origin = self.base.as_deref().map(origin).unwrap_or("");
            return Some(format!("{origin}/{path}"));
        }
        if href == "#" {
            return Some(self.page.clone());
        }
        Some(format!("{}{href}", self.page))
    }
}

/// The base URL in force, without a trailing slash: [`Options::base_url`], else the body's directory under
/// [`Options::site_root`], else the body's own `base_url`. Every source is checked when read (the CLI's
/// `--base-url`, the bodies file); a value that still fails [`check_base_url`] — a caller that skipped
/// the check — is not used, so no rendition ever writes it.
pub fn base_url(body: &Body, options: &Options) -> Option<String> {
    let on_site = || {
        let root = options.site_root.as_deref()?;
        let dir = site::Path::Body(body.id.clone()).to_string();
        Some(format!(
            "{}{}",
            root.trim_end_matches('/'),
            dir.trim_end_matches('/')
        ))
    };
    options
        .base_url
        .clone()
        .or_else(on_site)
        .or_else(|| body.base_url.clone())
        .filter(|b| check_base_url(b).is_ok())
        .map(|b| b.trim_end_matches('/').to_string())
}

/// `path` under the base (as written, relative to the site root, when there is none); `""` is the site's
/// front page.
pub fn under_base(base: Option<&str>, path: &str) -> String {
    match base {
        Some(b) => format!("{b}/{path}"),
        None => path.to_string(),
    }
}

/// The anchor id of item `number` (1-based): "punkt-3".
pub fn anchor(number: usize) -> String {
    format!("punkt-{number}")
}

/// The anchor id of item `number`'s detail slides on the page: "punkt-3-bilder".
pub fn slides_anchor(number: usize) -> String {
    format!("punkt-{number}-bilder")
}

/// The href if it is safe to put in a link: http(s), mailto, tel, or a relative reference. Script and data
/// URLs, and anything with control characters or spaces, are refused (the label is then shown as text).
pub fn safe_href(href: &str) -> Option<String> {
    // The rule itself is the domain's, so `check` (unsafe-link) and every rendition agree on it.
    samman_domain::is_safe_href(href).then(|| percent_encode_unsafe(href.trim()))
}

/// Characters a URL may not contain literally (RFC 3986), percent-encoded; the rest is kept as written.
fn percent_encode_unsafe(href: &str) -> String {
    let mut out = String::with_capacity(href.len());
    for c in href.chars() {
        if matches!(c, '"' | '<' | '>' | '`' | '{' | '}' | '|' | '\\' | '^') {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a reference starts with a URI scheme ("https:", "javascript:").
fn has_scheme(href: &str) -> bool {
    let Some((scheme, _)) = href.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// "https://host" of "https://host/path".
fn origin(base: &str) -> &str {
    let after_scheme = base.find("://").map(|i| i + 3).unwrap_or(0);
    match base[after_scheme..].find('/') {
        Some(i) => &base[..after_scheme + i],
        None => base,
    }
}

/// The host of the base URL, for Message-IDs and tag URIs; "samman.invalid" without a base.
pub fn host(base: Option<&str>) -> String {
    let Some(base) = base else {
        return "samman.invalid".into();
    };
    let o = origin(base);
    let host = o.split("://").nth(1).unwrap_or(o);
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    if host.is_empty()
        || !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
    {
        "samman.invalid".into()
    } else {
        host.to_ascii_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use samman_domain::Date;

    fn links() -> Links {
        let body = Body {
            base_url: Some("https://samman.example.org/sro/".into()),
            ..Body::named("sro", "SRO", "Samrådsorgan")
        };
        let meeting = Meeting::new("sro", Date::constant(2021, 5, 21));
        Links::new(&meeting, &body, &Options::default())
    }

    #[test]
    fn renditions_sit_beside_the_page() {
        let l = links();
        assert_eq!(l.page, "https://samman.example.org/sro/2021-05-21/");
        assert_eq!(
            l.deck(),
            "https://samman.example.org/sro/2021-05-21/sammanstallning.pptx"
        );
        assert_eq!(l.item(3), "https://samman.example.org/sro/2021-05-21/#punkt-3");
        assert_eq!(l.newsletter(), "https://samman.example.org/sro/nyhetsbrev/");
        assert_eq!(l.feed(), "https://samman.example.org/sro/flode.atom");
        assert_eq!(
            l.item_slides(2),
            "https://samman.example.org/sro/2021-05-21/#punkt-2-bilder"
        );
        assert_eq!(from_page(FEED), "../flode.atom");
        assert_eq!(host(l.base.as_deref()), "samman.example.org");
    }

    #[test]
    fn a_body_on_a_site_is_under_the_site_root() {
        let meeting = Meeting::new("sro", Date::constant(2021, 5, 21));
        let mut body = Body::named("sro", "SRO", "Samrådsorgan");
        body.base_url = Some("https://vastkom.example.se/sro".into());
        let on_site = Options {
            site_root: Some("https://samman.example.org/".into()),
            ..Options::default()
        };
        // The site serves the pages: its address wins over the body's own (made for renditions elsewhere).
        let l = Links::new(&meeting, &body, &on_site);
        assert_eq!(l.page, "https://samman.example.org/sro/2021-05-21/");
        assert_eq!(l.feed(), "https://samman.example.org/sro/flode.atom");
        // `render --base-url` still names one body's address outright.
        let given = Options {
            base_url: Some("https://annan.example.se/x".into()),
            ..on_site.clone()
        };
        assert_eq!(
            Links::new(&meeting, &body, &given).page,
            "https://annan.example.se/x/2021-05-21/"
        );
        // Without a site root, the body's own.
        let alone = Links::new(&meeting, &body, &Options::default());
        assert_eq!(alone.page, "https://vastkom.example.se/sro/2021-05-21/");
        // A root that fails the check is not used (the body's own is not either: the root was meant).
        let bad = Options {
            site_root: Some("javascript:alert(1)//".into()),
            ..Options::default()
        };
        assert_eq!(Links::new(&meeting, &body, &bad).base, None);
    }

    #[test]
    fn an_unchecked_base_url_is_never_used() {
        let meeting = Meeting::new("sro", Date::constant(2021, 5, 21));
        let body = Body::named("sro", "SRO", "Samrådsorgan");
        for bad in ["javascript:alert(1)//", "https://x.example/\r\nEND:VEVENT"] {
            let options = Options {
                base_url: Some(bad.into()),
                ..Options::default()
            };
            let l = Links::new(&meeting, &body, &options);
            assert_eq!(l.base, None, "{bad:?}");
            assert_eq!(l.page, "2021-05-21/");
            assert_eq!(l.external("bilaga.pdf"), None);
        }
    }

    #[test]
    fn content_links_become_absolute_or_are_refused() {
        let l = links();
        assert_eq!(
            l.absolute("#").as_deref(),
            Some("https://samman.example.org/sro/2021-05-21/")
        );
        assert_eq!(
            l.absolute("/a/b").as_deref(),
            Some("https://samman.example.org/a/b")
        );
        assert_eq!(
            l.absolute("https://skr.se/x").as_deref(),
            Some("https://skr.se/x")
        );
        assert_eq!(l.absolute("javascript:alert(1)"), None);
        assert_eq!(l.absolute(" JavaScript:alert(1)"), None);
        assert_eq!(l.absolute("data:text/html,x"), None);
        assert_eq!(l.absolute("a b"), None);
        assert_eq!(l.external("tel:+4631123").as_deref(), Some("tel:+4631123"));
        assert_eq!(
            l.external("bilaga.pdf").as_deref(),
            Some("https://samman.example.org/sro/2021-05-21/bilaga.pdf")
        );
        assert_eq!(
            safe_href("https://a.se/?q=\"<x>\"").as_deref(),
            Some("https://a.se/?q=%22%3Cx%3E%22")
        );
    }
}

// ---------------------------------------------------------------------------------------------------------
// Site paths: the one place the public site's URL scheme is spelled, for `samman serve`, `samman build`
// and every page that links inside the site. Appended as its own block (the code above is about a
// meeting's renditions and link safety).
// ---------------------------------------------------------------------------------------------------------

/// The public site's paths: formatting ([`site::Path`]'s `Display`) and parsing ([`site::Path::parse`])
/// side by side, so a link the site makes is always a route the server answers.
pub mod site {
    use std::fmt;

    use samman_domain::Date;

    /// File name of a meeting's page in a static export (the server answers the directory path).
    pub const PAGE: &str = "index.html";
    /// File name of a body's Atom feed, beside its meetings.
    pub const FEED: &str = "flode.atom";
    /// File name of the JSON of a meeting, beside its page.
    pub const JSON: &str = "sammanstallning.json";
    /// File name of the newsletter e-mail of a meeting (written by `render --all`, not served).
    pub const EMAIL: &str = "nyhetsbrev.eml";
    /// The calendar of every upcoming event, and a meeting's own calendar beside its page.
    pub const CALENDAR: &str = super::ICS;
    /// The health check.
    pub const HEALTH: &str = "health";
    /// The search page (a directory, like every page, so a static export writes `sok/index.html`).
    pub const SEARCH: &str = "sok";

    /// One page or file of the public site.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum Path {
        /// `/`: the latest summaries of every body and the upcoming events.
        Home,
        /// `/health`.
        Health,
        /// `/kalender.ics`: every upcoming event.
        Calendar,
        /// `/{body}/`: a body's meetings by year.
        Body(String),
        /// `/{body}/flode.atom`.
        Feed(String),
        /// `/{body}/{YYYY-MM-DD}/`: the summary page.
        Meeting(String, Date),
        /// `/{body}/{YYYY-MM-DD}/{file}`: a download beside the page (deck, PDF, calendar).
        File(String, Date, String),
        /// `/sok/` (`?q=…&organ=…&ar=…`): search. Shadows a body with the id "sok".
        Search,
    }

    /// What a request path is: a page, the same page without its trailing slash, or nothing of ours.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum Parsed {
        Page(Path),
        /// The canonical path of a page asked for without its trailing slash.
        Redirect(Path),
        NotFound,
    }

    impl Path {
        /// Parses a request path (percent-encoded, without the query). Segments are percent-decoded;
        /// a segment that decodes to a slash, a dot segment or a control character is never ours.
        pub fn parse(raw: &str) -> Parsed {
            let Some(rest) = raw.strip_prefix('/') else {
                return Parsed::NotFound;
            };
            let mut segments = Vec::new();
            for s in rest.split('/') {
                match decode(s) {
                    Some(d) => segments.push(d),
                    None => return Parsed::NotFound,
                }
            }
            let (slash, segments) = match segments.split_last() {
                Some((last, init)) if last.is_empty() => (true, init.to_vec()),
                _ => (false, segments),
            };
            let dir = |p: Path| {
                if slash {
                    Parsed::Page(p)
                } else {
                    Parsed::Redirect(p)
                }
            };
            let file = |p: Path| if slash { Parsed::NotFound } else { Parsed::Page(p) };
            match segments.as_slice() {
                [] => Parsed::Page(Path::Home),
                [h] if h == HEALTH => file(Path::Health),
                [c] if c == CALENDAR => file(Path::Calendar),
                [s] if s == SEARCH => dir(Path::Search),
                [body] if is_id(body) => dir(Path::Body(body.clone())),
                [body, f] if f == FEED && is_id(body) => file(Path::Feed(body.clone())),
                [body, date] if is_id(body) => match parse_date(date) {
                    Some(d) => dir(Path::Meeting(body.clone(), d)),
                    None => Parsed::NotFound,
                },
                [body, date, name] if is_id(body) && !name.is_empty() => match parse_date(date) {
                    Some(d) => file(Path::File(body.clone(), d, name.clone())),
                    None => Parsed::NotFound,
                },
                _ => Parsed::NotFound,
            }
        }

        /// The directory a page is in, as a path ending in '/', for relative links from it.
        pub fn dir(&self) -> String {
            match self {
                Path::Home | Path::Health | Path::Calendar => "/".into(),
                Path::Search => format!("/{SEARCH}/"),
                Path::Body(b) | Path::Feed(b) => format!("/{}/", encode(b)),
                Path::Meeting(b, d) | Path::File(b, d, _) => format!("/{}/{d}/", encode(b)),
            }
        }

        /// A link to this path that works from a page in directory `from` (a site path ending in '/'),
        /// relative so that a static export works under any host path: "../" from a meeting to its body.
        pub fn relative_from(&self, from: &str) -> String {
            let target = self.to_string();
            let (dir, file) = target.rsplit_once('/').unwrap_or(("", target.as_str()));
            let from: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
            let to: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
            let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
            let mut out = "../".repeat(from.len() - common);
            for segment in &to[common..] {
                out.push_str(segment);
                out.push('/');
            }
            out.push_str(file);
            if out.is_empty() { "./".into() } else { out }
        }
    }

    impl fmt::Display for Path {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                Path::Home => f.write_str("/"),
                Path::Health => write!(f, "/{HEALTH}"),
                Path::Calendar => write!(f, "/{CALENDAR}"),
                Path::Search => write!(f, "/{SEARCH}/"),
                Path::Body(b) => write!(f, "/{}/", encode(b)),
                Path::Feed(b) => write!(f, "/{}/{FEED}", encode(b)),
                Path::Meeting(b, d) => write!(f, "/{}/{d}/", encode(b)),
                Path::File(b, d, name) => write!(f, "/{}/{d}/{}", encode(b), encode(name)),
            }
        }
    }

    /// A body id as a path segment: letters, digits, '-' and '_' (any script: ids come from the bodies file).
    fn is_id(s: &str) -> bool {
        !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
    }

    /// Exactly "YYYY-MM-DD" naming a real day.
    fn parse_date(s: &str) -> Option<Date> {
        let d: Date = s.parse().ok()?;
        (d.to_string() == s).then_some(d)
    }

    /// Percent-decodes one segment; refuses invalid UTF-8, control characters, '/', '\\' and dot segments.
    fn decode(s: &str) -> Option<String> {
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        let text = String::from_utf8(out).ok()?;
        let bad = text.chars().any(|c| c.is_control() || matches!(c, '/' | '\\'));
        (!bad && text != "." && text != "..").then_some(text)
    }

    /// Percent-encodes what a path segment may not hold literally (non-ASCII included).
    fn encode(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn d(s: &str) -> Date {
            s.parse().unwrap_or_default()
        }

        #[test]
        fn every_path_parses_back_to_itself() {
            let paths = [
                Path::Home,
                Path::Health,
                Path::Calendar,
                Path::Body("sro".into()),
                Path::Body("delregional-göteborg".into()),
                Path::Feed("sro".into()),
                Path::Meeting("sro".into(), d("2021-05-21")),
                Path::File("sro".into(), d("2021-05-21"), "sammanstallning.pdf".into()),
                Path::Search,
            ];
            for p in paths {
                assert_eq!(Path::parse(&p.to_string()), Parsed::Page(p.clone()), "{p}");
            }
        }

        #[test]
        fn bad_paths_are_not_ours_and_missing_slashes_redirect() {
            for bad in [
                "/sro/2021-13-45/",
                "/sro/21-05-2021/",
                "/sro/..%2F..%2Fetc%2Fpasswd",
                "/sro/%2e%2e/",
                "/sro/2021-05-21/../x",
                "/sro/%ff/",
                "/a/b/c/d",
                "/health/",
                "sro/",
            ] {
                assert_eq!(Path::parse(bad), Parsed::NotFound, "{bad}");
            }
            assert_eq!(
                Path::parse("/sro/2021-05-21"),
                Parsed::Redirect(Path::Meeting("sro".into(), d("2021-05-21")))
            );
            assert_eq!(Path::parse("/sro"), Parsed::Redirect(Path::Body("sro".into())));
            assert_eq!(Path::parse("/sok"), Parsed::Redirect(Path::Search));
        }

        #[test]
        fn links_are_relative_to_the_page() {
            let page = Path::Meeting("sro".into(), d("2021-05-21")).dir();
            assert_eq!(Path::Home.relative_from(&page), "../../");
            assert_eq!(Path::Body("sro".into()).relative_from(&page), "../");
            assert_eq!(Path::Feed("sro".into()).relative_from("/sro/"), "flode.atom");
            assert_eq!(
                Path::Meeting("sro".into(), d("2021-05-21")).relative_from("/sro/"),
                "2021-05-21/"
            );
            assert_eq!(Path::Home.relative_from("/"), "./");
            assert_eq!(Path::Feed("sro".into()).relative_from("/"), "sro/flode.atom");
            assert_eq!(Path::Search.relative_from(&page), "../../sok/");
        }
    }
}
