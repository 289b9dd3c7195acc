//! The seam every front end of samman goes through: the CLI, `samman serve` and `samman build`.
//!
//! * [`renditions`] — the table of renditions (name, file name, media type) and rendering one of them;
//! * [`load`] — the bodies configuration and reading a file into a meeting;
//! * [`page`] — the site's pages: a meeting's HTML rendition inside the site's navigation, the start page,
//!   a body's archive, the Swedish 404 page, and the Content-Security-Policy that fits each page.
//!
//! Everything here is a pure function of its arguments (no clock, no network, no database), so a page the
//! server answers and a page a static build writes are the same bytes. The site's URL scheme itself is
//! spelled in [`samman_render::links::site`].

pub mod load;
pub mod page;
pub mod renditions;

pub use load::{
    LoadError, TextError, UnknownBody, body_for, load_bodies, load_document, load_meeting, meeting_from_text,
    meeting_of_read,
};
pub use page::{Listed, Site, Upcoming};
pub use renditions::Rendition;
pub use samman_render::links::site::{Parsed, Path as SitePath};
