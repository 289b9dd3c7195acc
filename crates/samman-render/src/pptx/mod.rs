//! Rendition: the slide deck (.pptx), PresentationML written by hand on `zip` and `quick-xml` escaping.
//!
//! The deck is 16:9 in the body's theme: a title slide, the agenda, one slide per item (presenters,
//! content, dates, and the position in an accent-coloured box), the item's detail slides after it, and
//! the closing slide when the record has one. Every slide has a real title placeholder, all text is
//! `sv-SE`, and text never overflows: it is wrapped and paged here with the real metrics of the shipped
//! Noto Sans, and content that does not fit continues on a slide titled "… (forts.)".
//!
//! Modules: `content` decides what the slides say, `layout` pages it using `measure`, `slides` and
//! `master` write the parts with `shapes`, `theme` maps the body's theme, `package` zips.
//! [`render_with_logo`] is pure; [`render`] only adds reading the logo file the theme names.

mod content;
mod geometry;
mod layout;
mod master;
mod measure;
mod package;
mod shapes;
mod slides;
mod theme;
mod xml;

use std::path::PathBuf;

use samman_domain::{Body, Meeting, png_size, swedish};

use self::content::SlideSpec;
use self::slides::{Deck, Logo};
use crate::Options;
use crate::links::Links;
use crate::palette::Palette;

/// Why a deck could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PptxError {
    #[error("logotypen {path} kunde inte läsas: {source}")]
    LogoRead {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("logotypen är ingen giltig PNG-bild")]
    LogoFormat,
    #[error("presentationen kunde inte packas: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("presentationen kunde inte skrivas: {0}")]
    Io(#[from] std::io::Error),
}

/// The deck of `meeting`. Reads the logo file named by `body.theme.logo` (a path the caller has made
/// usable from the current directory, e.g. resolved against the bodies file), then calls
/// [`render_with_logo`].
pub fn render(meeting: &Meeting, body: &Body, options: &Options) -> Result<Vec<u8>, PptxError> {
    let logo = match &body.theme.logo {
        Some(path) => Some(std::fs::read(path).map_err(|source| PptxError::LogoRead {
            path: PathBuf::from(path),
            source,
        })?),
        None => None,
    };
    render_with_logo(meeting, body, options, logo.as_deref())
}

/// The deck of `meeting`, with the logo given as PNG bytes. Pure: the same input gives the same bytes.
/// Content links are made absolute against the meeting's page (`options`, else the body's base URL).
pub fn render_with_logo(
    meeting: &Meeting,
    body: &Body,
    options: &Options,
    logo: Option<&[u8]>,
) -> Result<Vec<u8>, PptxError> {
    let palette = Palette::new(&body.theme);
    let logo_meta = match logo {
        Some(png) => {
            let (w, h) = png_size(png).ok_or(PptxError::LogoFormat)?;
            Some(Logo {
                aspect: f64::from(w) / f64::from(h),
                alt: body
                    .theme
                    .logo_alt
                    .clone()
                    .filter(|a| !a.trim().is_empty())
                    .unwrap_or_else(|| format!("Logotyp för {}", body.name)),
            })
        }
        None => None,
    };
    let deck = Deck {
        palette: &palette,
        footer: format!("{} · {}", body.short_name, swedish::date(meeting.date)),
        short_name: body.short_name.clone(),
        logo: logo_meta,
    };
    let links = Links::new(meeting, body, options);
    let parts: Vec<slides::SlidePart> = pages(meeting, body, &links)
        .iter()
        .enumerate()
        .map(|(i, page)| match page {
            Planned::Cover { kicker, name, date } => slides::cover(&deck, kicker, name, date),
            Planned::Content {
                title,
                continued,
                page,
                closing,
            } => slides::content(&deck, title, *continued, page, i + 1, *closing),
        })
        .collect();
    let props = properties(meeting, body);
    let all = package::parts(
        &parts,
        theme::theme_xml(&palette),
        master::master_xml(),
        [
            master::cover_layout_xml(&palette),
            master::content_layout_xml(&palette),
        ],
        logo,
        &props,
    );
    package::zip(&all)
}

/// A slide after paging.
#[derive(Debug, Clone, PartialEq)]
enum Planned {
    Cover {
        kicker: String,
        name: String,
        date: String,
    },
    Content {
        title: String,
        /// A follow-on slide: its title gets "(forts.)".
        continued: bool,
        page: layout::Page,
        /// The closing slide (or one of its follow-on slides).
        closing: bool,
    },
}

/// Every slide after paging: follow-on slides get "(forts.)" after the title.
fn pages(meeting: &Meeting, body: &Body, links: &Links) -> Vec<Planned> {
    let mut out = Vec::new();
    for spec in content::slides(meeting, body, links) {
        match spec {
            SlideSpec::Cover { kicker, name, date } => out.push(Planned::Cover { kicker, name, date }),
            SlideSpec::Content { title, flow, closing } => {
                for (i, page) in layout::paginate(flow, geometry::CONTENT_H)
                    .into_iter()
                    .enumerate()
                {
                    out.push(Planned::Content {
                        title: title.clone(),
                        continued: i > 0,
                        page,
                        closing,
                    });
                }
            }
        }
    }
    out
}

/// Slide titles of the deck in order, as the slides show them (for tests and previews).
pub fn slide_titles(meeting: &Meeting, body: &Body) -> Vec<String> {
    pages(meeting, body, &Links::new(meeting, body, &Options::default()))
        .into_iter()
        .map(|p| match p {
            Planned::Cover { kicker, name, .. } => format!("{kicker} {}", slides::shown_name(&name))
                .trim_start()
                .to_string(),
            Planned::Content { title, continued, .. } => slides::shown_title(&title, continued),
        })
        .collect()
}

/// How full each content slide is: (title, used height, available height) in EMU. Lets tests check
/// that by the deck's own measure nothing overflows.
pub fn slide_fill(meeting: &Meeting, body: &Body) -> Vec<(String, i64, i64)> {
    pages(meeting, body, &Links::new(meeting, body, &Options::default()))
        .into_iter()
        .filter_map(|p| match p {
            Planned::Content { title, page, .. } => Some((title, page.used(), geometry::CONTENT_H)),
            Planned::Cover { .. } => None,
        })
        .collect()
}

fn properties(meeting: &Meeting, body: &Body) -> package::Properties {
    let created = utc(meeting.date.at(0, 0, 0, 0));
    let modified = meeting.updated.map_or_else(|| created.clone(), utc);
    package::Properties {
        title: meeting.title(body),
        creator: body.short_name.clone(),
        created,
        modified,
    }
}

/// A Stockholm wall-clock time as W3CDTF in UTC.
fn utc(dt: samman_domain::DateTime) -> String {
    match dt.to_zoned(swedish::stockholm()) {
        Ok(z) => z.timestamp().strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        Err(_) => format!("{}Z", dt.strftime("%Y-%m-%dT%H:%M:%S")),
    }
}
