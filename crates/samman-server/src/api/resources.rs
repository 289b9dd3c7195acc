//! The API's resources, shaped after OParl's: each has a `type` (Body, Meeting, AgendaItem) and an
//! `id` that is also its address, and links to the public page (`web`). Their schemas in
//! `openapi.json` are derived from these types.

use serde::Serialize;
use utoipa::ToSchema;

/// A body (*organ*) of the bodies file.
#[derive(Debug, Serialize, ToSchema)]
pub struct Body {
    /// The API address of this body.
    pub id: String,
    /// Always "Body".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The short id used in addresses ("sro").
    pub key: String,
    pub short_name: String,
    pub name: String,
    /// The API address of the body's meetings.
    pub meetings: String,
    /// The body's page on the site (site-relative).
    pub web: String,
}

/// The list of bodies.
#[derive(Debug, Serialize, ToSchema)]
pub struct BodyList {
    pub data: Vec<Body>,
}

/// A published meeting in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Meeting {
    /// The API address of the meeting (its full JSON).
    pub id: String,
    /// Always "Meeting".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The body's key.
    pub body: String,
    /// "YYYY-MM-DD".
    pub date: String,
    pub title: String,
    /// When it first became public (RFC 3339, UTC).
    pub published: Option<String>,
    /// When it was last changed (RFC 3339, UTC).
    pub modified: String,
    /// The summary page on the site (site-relative).
    pub web: String,
}

/// Where a page of a list stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct Pagination {
    /// 1-based.
    pub page: usize,
    pub per_page: usize,
    /// Items in the whole list.
    pub total: usize,
    /// The next page's address, `null` on the last.
    pub next: Option<String>,
    /// The previous page's address, `null` on the first.
    pub prev: Option<String>,
}

/// A page of a body's meetings.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingList {
    pub data: Vec<Meeting>,
    pub pagination: Pagination,
}

/// An agenda item that matched a search.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgendaItem {
    /// The item's place on the meeting's page (site-relative, with its anchor).
    pub id: String,
    /// Always "AgendaItem".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The API address of the meeting it belongs to.
    pub meeting: String,
    pub body: String,
    pub date: String,
    /// The item's 1-based number on the agenda.
    pub number: usize,
    pub title: String,
    /// A passage of the item's text around the matching words.
    pub snippet: String,
    /// Byte ranges `[start, end)` of the matching words in `snippet`.
    pub highlights: Vec<[usize; 2]>,
}

/// A page of search results.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResult {
    /// The words searched for, as given.
    pub query: String,
    pub data: Vec<AgendaItem>,
    pub pagination: Pagination,
}

/// A failure.
#[derive(Debug, Serialize, ToSchema)]
pub struct Error {
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// The HTTP status.
    pub status: u16,
    /// What went wrong, in Swedish.
    pub message: String,
    /// The query parameter at fault, if one is.
    pub field: Option<String>,
}
