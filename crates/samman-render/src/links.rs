//! Where a meeting's renditions live, and which link targets are safe to emit.
//!
//! Page of a meeting: `{base}/{date}/`; deck, PDF and calendar beside it; item anchors `#punkt-N`.
//! The page itself links relatively (so a static export works under any host); e-mail, calendar and
//! feed need absolute links, made from `Options::base_url` or else the body's `base_url`.

use samman_domain::{Body, Meeting};

use crate::Options;

/// File name of the deck next to the page.
pub const DECK: &str = "sammanstallning.pptx";
/// File name of the PDF next to the page.
pub const PDF: &str = "sammanstallning.pdf";
/// File name of the meeting's calendar next to the page.
pub const ICS: &str = "kalender.ics";

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

    /// The body's newsletter page (subscribe, unsubscribe).
    pub fn newsletter(&self) -> String {
        match &self.base {
            Some(b) => format!("{b}/nyhetsbrev/"),
            None => "nyhetsbrev/".to_string(),
        }
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

/// The base URL in force, without a trailing slash.
pub fn base_url(body: &Body, options: &Options) -> Option<String> {
    options
        .base_url
        .as_deref()
        .or(body.base_url.as_deref())
        .map(|b| b.trim().trim_end_matches('/').to_string())
        .filter(|b| !b.is_empty())
}

/// The anchor id of item `number` (1-based): "punkt-3".
pub fn anchor(number: usize) -> String {
    format!("punkt-{number}")
}

/// The href if it is safe to put in a link: http(s), mailto, tel, or a relative reference. Script and data
/// URLs, and anything with control characters or spaces, are refused (the label is then shown as text).
pub fn safe_href(href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return None;
    }
    if has_scheme(href) {
        let scheme = href.split(':').next().unwrap_or("").to_ascii_lowercase();
        if !matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel") {
            return None;
        }
    }
    Some(percent_encode_unsafe(href))
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
        assert_eq!(host(l.base.as_deref()), "samman.example.org");
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
        assert_eq!(
            safe_href("https://a.se/?q=\"<x>\"").as_deref(),
            Some("https://a.se/?q=%22%3Cx%3E%22")
        );
    }
}
