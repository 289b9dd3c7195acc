//! Every rendition of a meeting, as pure functions: the same meeting and body give the same bytes.
//!
//! One module per rendition; each takes a [`samman_domain::Meeting`] and its [`samman_domain::Body`]
//! (plus [`Options`] where links must be absolute) and returns bytes or a string. The web server and the
//! static build call these same functions, so a page served and a page exported are identical.
//!
//! What the renditions share is decided once, in a module of its own: the words
//! (`samman_domain::swedish`), the colours ([`palette`]), the addresses and the link rule ([`links`]),
//! the character rule ([`escape`]) and the content markup of the HTML renditions ([`markup`]). The PDF
//! (crate `samman-pdf`) uses the same modules.

pub mod atom;
pub mod email;
pub mod escape;
pub mod html;
pub mod ics;
pub mod json;
pub mod links;
pub mod markup;
pub mod palette;
pub mod pptx;

/// Where renditions link to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Base URL of the published site, e.g. "https://example.org/sro"; overrides the body's `base_url`.
    /// Links in e-mail, calendar, feeds, deck and PDF are made absolute from it. Check it with
    /// `samman_domain::url::check_base_url` where it is read; an unchecked bad value is ignored.
    pub base_url: Option<String>,
    /// The address the whole site is served at ("https://samman.example.org": `serve --base-url`,
    /// `build --base-url`). Where [`Options::base_url`] is not set, a body is at `{site_root}/{body}/`
    /// there, whatever its own `base_url` says (that one is for renditions made away from the site).
    pub site_root: Option<String>,
}
