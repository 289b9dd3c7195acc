//! A published meeting's public change log on its page: "Senast uppdaterad" (the rendition's footer line,
//! set to the latest update) and the change notes of its published revisions, newest first, in a section
//! after the items. The store knows the revisions; the server passes them as a [`ChangeLog`].

use samman_domain::{Body, DateTime, Meeting, swedish};
use samman_render::escape;

use super::{Site, meeting_page};

/// What readers are told about a published meeting's updates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeLog {
    /// When it was last updated after it was first published (Europe/Stockholm); `None`: never.
    pub updated: Option<DateTime>,
    /// The change notes of its published revisions (when, what), newest first.
    pub notes: Vec<(DateTime, String)>,
}

/// [`meeting_page`] with the change log: the footer's "Senast uppdaterad" is the later of the record's
/// and `log.updated`, and the notes stand in a section of their own before the end of the main content.
pub fn meeting_page_with_log(site: &Site, meeting: &Meeting, body: &Body, log: &ChangeLog) -> String {
    let page = match log.updated {
        Some(updated) if meeting.updated.is_none_or(|u| u < updated) => {
            let mut meeting = meeting.clone();
            meeting.updated = Some(updated);
            meeting_page(site, &meeting, body)
        }
        _ => meeting_page(site, meeting, body),
    };
    let notes = change_notes(&log.notes);
    match page.rfind("</div>\n</main>") {
        Some(at) if !notes.is_empty() => format!("{}{notes}{}", &page[..at], &page[at..]),
        _ => page,
    }
}

/// The section of change notes ("" when there are none).
fn change_notes(notes: &[(DateTime, String)]) -> String {
    if notes.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<section class=\"changes\" aria-labelledby=\"andringar\">\n<h2 id=\"andringar\">Ändringar</h2>\n<ul>\n",
    );
    for (at, note) in notes {
        out.push_str(&format!(
            "<li><time datetime=\"{}\">{} kl. {}</time>: {}</li>\n",
            swedish::rfc3339(*at),
            swedish::date(at.date()),
            swedish::time(at.time()),
            escape::html(note)
        ));
    }
    out.push_str("</ul>\n</section>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime {
        text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn the_notes_stand_newest_first_escaped_and_the_footer_says_when() {
        let bodies = crate::load_bodies(None).unwrap_or_else(|e| panic!("{e}"));
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/sro-2021-05-21.md");
        let (_, _, meeting) = crate::load_meeting(&path, None, &bodies).unwrap_or_else(|e| panic!("{e}"));
        let site = Site::new(bodies);
        let body = site.body("sro");
        let log = ChangeLog {
            updated: Some(at("2021-06-02T08:15")),
            notes: vec![
                (at("2021-06-02T08:15"), "Rättade <datumet> & tiden".into()),
                (at("2021-05-25T16:00"), "Lade till protokollet".into()),
            ],
        };
        let page = meeting_page_with_log(&site, &meeting, &body, &log);
        let section = "<section class=\"changes\" aria-labelledby=\"andringar\">\n\
                       <h2 id=\"andringar\">Ändringar</h2>\n<ul>\n\
                       <li><time datetime=\"2021-06-02T08:15:00+02:00\">2 juni 2021 kl. 08.15</time>: \
                       Rättade &lt;datumet&gt; &amp; tiden</li>\n\
                       <li><time datetime=\"2021-05-25T16:00:00+02:00\">25 maj 2021 kl. 16.00</time>: \
                       Lade till protokollet</li>\n</ul>\n</section>\n</div>\n</main>";
        assert!(page.contains(section), "{page}");
        assert!(page.contains("<p>Senast uppdaterad: <time datetime=\"2021-06-02T08:15:00+02:00\">"));
        assert_eq!(page.matches("Senast uppdaterad").count(), 1);
        // No log: the page as before, byte for byte.
        let plain = meeting_page_with_log(&site, &meeting, &body, &ChangeLog::default());
        assert_eq!(plain, meeting_page(&site, &meeting, &body));
    }
}
