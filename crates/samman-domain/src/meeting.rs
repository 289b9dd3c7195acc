//! A meeting and its summary.

use jiff::civil::{Date, DateTime, Time};
use serde::{Deserialize, Serialize};

use crate::body::Body;
use crate::item::{Item, Slide};
use crate::swedish;

/// The most items a meeting may have. Real meetings have five to twenty; the deck and the PDF of a
/// thousand are already hundreds of pages, and past that they take minutes and gigabytes. Readers refuse
/// more, so every rendition can be made of whatever is read.
pub const MAX_ITEMS: usize = 1_000;

/// One meeting of a body and the published summary of it (*sammanställning*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// The body's id in the bodies configuration, e.g. "sro".
    pub body: String,
    pub date: Date,
    #[serde(default)]
    pub start: Option<Time>,
    #[serde(default)]
    pub end: Option<Time>,
    #[serde(default)]
    pub place: Option<String>,
    /// An explicit title; `None` means the derived one ("Sammanställning från SRO 21 maj 2021").
    #[serde(default)]
    pub title: Option<String>,
    /// An explicit lead; `None` means the derived one.
    #[serde(default)]
    pub lead: Option<String>,
    /// "Senast uppdaterad", Europe/Stockholm wall-clock time.
    #[serde(default)]
    pub updated: Option<DateTime>,
    #[serde(default)]
    pub minutes: Minutes,
    /// The agenda, in order. Item numbers are positions in this list, starting at 1.
    #[serde(default)]
    pub items: Vec<Item>,
    /// A closing slide for the deck (e.g. how to spread the word), when the record has one.
    #[serde(default)]
    pub closing: Option<Slide>,
}

/// The name of the closing slide's footer shape in a deck: how the deck's reader tells the closing slide
/// from a detail slide of the last item. A shape name is invisible on the slide and, unlike slide names
/// and layouts, survives LibreOffice re-saving the deck.
pub const CLOSING_SLIDE_SHAPE: &str = "Sidfot (avslutande bild)";

/// The minutes (*mötesanteckningar*), published some time after the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Minutes {
    #[default]
    Pending,
    Published {
        href: String,
        date: Option<Date>,
    },
}

impl Meeting {
    pub fn new(body: impl Into<String>, date: Date) -> Self {
        Meeting {
            body: body.into(),
            date,
            start: None,
            end: None,
            place: None,
            title: None,
            lead: None,
            updated: None,
            minutes: Minutes::Pending,
            items: Vec::new(),
            closing: None,
        }
    }

    /// The title readers see: the explicit one, or "Sammanställning från SRO 21 maj 2021".
    pub fn title(&self, body: &Body) -> String {
        self.title
            .clone()
            .unwrap_or_else(|| Self::derived_title(body, self.date))
    }

    /// The title a meeting of `body` on `date` gets when none is given.
    pub fn derived_title(body: &Body, date: Date) -> String {
        format!("Sammanställning från {} {}", body.short_name, swedish::date(date))
    }

    /// The lead readers see: the explicit one, or a sentence that says what the page holds.
    pub fn lead(&self, body: &Body) -> String {
        if let Some(lead) = &self.lead {
            return lead.clone();
        }
        // Published minutes whose link no rendition may emit (`javascript:` …) are not mentioned: the
        // lead would promise a link the page does not have (check reports the link as `unsafe-link`).
        let minutes = match &self.minutes {
            Minutes::Pending => " Mötesanteckningarna publiceras senare.",
            Minutes::Published { href, .. } if crate::is_safe_href(href) => {
                " Mötesanteckningarna finns också publicerade."
            }
            Minutes::Published { .. } => "",
        };
        format!(
            "Här är vad {} tog ställning till vid mötet {}.{minutes}",
            body.short_name,
            swedish::date(self.date)
        )
    }
}

#[cfg(test)]
mod lead_tests {
    use super::*;

    #[test]
    fn the_lead_promises_no_minutes_it_cannot_link() {
        let body = Body::named("sro", "SRO", "Samrådsorgan");
        let date = "2021-05-21".parse().expect("date");
        let mut meeting = Meeting::new("sro", date);
        meeting.minutes = Minutes::Published {
            href: "https://example.org/protokoll.pdf".into(),
            date: None,
        };
        assert!(meeting.lead(&body).contains("finns också publicerade"));
        meeting.minutes = Minutes::Published {
            href: "javascript:alert(1)".into(),
            date: None,
        };
        let lead = meeting.lead(&body);
        assert!(!lead.contains("Mötesanteckningarna"), "{lead}");
        assert!(lead.ends_with("21 maj 2021."), "{lead}");
    }
}
