//! Every rendition of a meeting, as pure functions: the same meeting and body give the same bytes.
//!
//! One module per rendition; each takes a [`samman_domain::Meeting`] and its [`samman_domain::Body`]
//! (plus [`Options`] where links must be absolute) and returns bytes or a string. The web server and the
//! static build call these same functions, so a page served and a page exported are identical.

pub mod json;

/// Where renditions link to: the base URL of the published site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// e.g. "https://example.org/sro"; links in e-mail and feeds are made absolute from it.
    pub base_url: Option<String>,
}
