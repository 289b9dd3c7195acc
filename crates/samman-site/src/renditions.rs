//! The table of renditions: what each is called, the file it is written to (and served as), its media
//! type, and the one function that renders it. The CLI's `render`, the server and the static build all
//! render through [`render`], so a file written and a file served are the same bytes.

use samman_domain::{Body, Meeting};
use samman_render::Options;
use samman_render::links::{self, site};

/// One rendition of a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Rendition {
    /// The web summary page.
    Html,
    /// The slide deck (PowerPoint).
    Pptx,
    /// The printable, archivable document.
    Pdf,
    /// The newsletter e-mail.
    Email,
    /// iCalendar: the meeting and the events inside items.
    Ics,
    /// Atom feed of several meetings of one body.
    Atom,
    /// The documented, stable JSON (docs/json.md).
    Json,
}

/// Every rendition, in the order `render --all` writes them.
pub const ALL: [Rendition; 7] = [
    Rendition::Html,
    Rendition::Pptx,
    Rendition::Pdf,
    Rendition::Email,
    Rendition::Ics,
    Rendition::Atom,
    Rendition::Json,
];

impl Rendition {
    /// The short name users type (`--to pdf`).
    pub fn name(self) -> &'static str {
        match self {
            Rendition::Html => "html",
            Rendition::Pptx => "pptx",
            Rendition::Pdf => "pdf",
            Rendition::Email => "email",
            Rendition::Ics => "ics",
            Rendition::Atom => "atom",
            Rendition::Json => "json",
        }
    }

    /// The file name in a meeting's directory, which is also the name the page links to.
    pub fn file_name(self) -> &'static str {
        match self {
            Rendition::Html => site::PAGE,
            Rendition::Pptx => links::DECK,
            Rendition::Pdf => links::PDF,
            Rendition::Email => site::EMAIL,
            Rendition::Ics => links::ICS,
            Rendition::Atom => site::FEED,
            Rendition::Json => site::JSON,
        }
    }

    /// The media type it is served as.
    pub fn media_type(self) -> &'static str {
        match self {
            Rendition::Html => "text/html; charset=utf-8",
            Rendition::Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            Rendition::Pdf => "application/pdf",
            Rendition::Email => "message/rfc822",
            Rendition::Ics => "text/calendar; charset=utf-8",
            Rendition::Atom => "application/atom+xml; charset=utf-8",
            Rendition::Json => "application/json",
        }
    }

    /// Whether it is binary (never written to a terminal, offered as a download).
    pub fn is_binary(self) -> bool {
        matches!(self, Rendition::Pptx | Rendition::Pdf)
    }

    /// The rendition a file name extension stands for ("htm" and "xml" included).
    pub fn from_extension(ext: &str) -> Option<Rendition> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "html" | "htm" => Rendition::Html,
            "pptx" => Rendition::Pptx,
            "pdf" => Rendition::Pdf,
            "eml" => Rendition::Email,
            "ics" => Rendition::Ics,
            "atom" | "xml" => Rendition::Atom,
            "json" => Rendition::Json,
            _ => return None,
        })
    }

    /// The download beside a meeting's page with this file name, if the site serves one by that name.
    pub fn download(file_name: &str) -> Option<Rendition> {
        [Rendition::Pptx, Rendition::Pdf, Rendition::Ics]
            .into_iter()
            .find(|r| r.file_name() == file_name)
    }
}

/// Why a rendition could not be made.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("ingen fil att rendera")]
    Nothing,
    #[error("--to atom tar möten från ett organ, men fick både {0} och {1}")]
    MixedBodies(String, String),
    /// The feed's entry id is the body and the date: two meetings on one date would be one entry.
    #[error(
        "--to atom fick två möten för {0} samma dag ({1}); flödet har ett inlägg per möte och dag — \
         ta bort den ena filen eller rätta dess datum"
    )]
    SameDate(String, String),
    #[error("bildspelet kunde inte skapas: {0}")]
    Deck(String),
    #[error("PDF:en kunde inte skapas: {0}")]
    Pdf(String),
}

/// One rendition of the given meetings. Only atom and ics take several; the others render the first.
/// The HTML is the bare rendition (as `render --to html` writes it); the site wraps it with
/// [`crate::page::meeting_page`].
pub fn render(
    rendition: Rendition,
    meetings: &[(Meeting, Body)],
    options: &Options,
) -> Result<Vec<u8>, RenderError> {
    let pairs: Vec<(&Meeting, &Body)> = meetings.iter().map(|(m, b)| (m, b)).collect();
    render_borrowed(rendition, &pairs, options)
}

/// [`render`] of meetings held elsewhere: the static build renders each meeting it read, without
/// copying it into a pair.
pub fn render_borrowed(
    rendition: Rendition,
    meetings: &[(&Meeting, &Body)],
    options: &Options,
) -> Result<Vec<u8>, RenderError> {
    let Some(&(meeting, body)) = meetings.first() else {
        return Err(RenderError::Nothing);
    };
    Ok(match rendition {
        Rendition::Json => samman_render::json::render_bytes(meeting, body),
        Rendition::Html => samman_render::html::render(meeting, body, options).into_bytes(),
        Rendition::Pptx => samman_render::pptx::render(meeting, body, options)
            .map_err(|e| RenderError::Deck(e.to_string()))?,
        Rendition::Pdf => {
            samman_pdf::render(meeting, body, options).map_err(|e| RenderError::Pdf(e.to_string()))?
        }
        Rendition::Email => {
            samman_render::email::render(meeting, body, options, samman_render::email::date_of(meeting))
        }
        Rendition::Ics => samman_render::ics::render(meetings, options).into_bytes(),
        Rendition::Atom => {
            if let Some((_, other)) = meetings.iter().find(|(_, b)| b.id != body.id) {
                return Err(RenderError::MixedBodies(
                    body.short_name.clone(),
                    other.short_name.clone(),
                ));
            }
            let mut dates = std::collections::BTreeSet::new();
            if let Some((m, _)) = meetings.iter().find(|(m, _)| !dates.insert(m.date)) {
                return Err(RenderError::SameDate(
                    body.short_name.clone(),
                    samman_domain::swedish::date(m.date),
                ));
            }
            let refs: Vec<&Meeting> = meetings.iter().map(|&(m, _)| m).collect();
            samman_render::atom::render(&refs, body, options).into_bytes()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_extensions_agree() {
        for r in ALL {
            let ext = r.file_name().rsplit('.').next().unwrap_or_default();
            assert_eq!(Rendition::from_extension(ext), Some(r), "{}", r.name());
        }
        assert_eq!(Rendition::download("sammanstallning.pdf"), Some(Rendition::Pdf));
        assert_eq!(Rendition::download("index.html"), None);
        assert_eq!(Rendition::download("../x"), None);
    }
}
