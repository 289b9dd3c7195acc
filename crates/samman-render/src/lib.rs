//! Every rendition of a meeting, as pure functions: the same meeting and body give the same bytes.
//!
//! One module per rendition; each takes a [`samman_domain::Meeting`] and its [`samman_domain::Body`]
//! (plus [`Options`] where links must be absolute) and returns bytes or a string. The web server and the
//! static build call these same functions, so a page served and a page exported are identical.

pub mod atom;
pub mod email;
pub mod escape;
pub mod html;
pub mod ics;
pub mod json;
pub mod links;
pub mod pdf;
pub mod pptx;
pub mod words;

/// Where renditions link to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Base URL of the published site, e.g. "https://example.org/sro"; overrides the body's `base_url`.
    /// Links in e-mail, calendar and feeds are made absolute from it.
    pub base_url: Option<String>,
}
