//! The OpenAPI document, generated from the handlers' `#[utoipa::path]` and the resources' schemas —
//! never written by hand, so it cannot drift from what the code answers.

use std::sync::{Arc, OnceLock};

use utoipa::OpenApi;

use super::{Answer, handlers, resources};
use crate::cache::Cached;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "samman öppna data",
        description = "Publicerade sammanställningar: organ, möten och sökning. Varje möte har samma JSON \
                       som `samman render --to json` (schema samman/meeting/1).",
        version = "1",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
    ),
    paths(handlers::bodies, handlers::meetings, handlers::meeting, handlers::search),
    components(schemas(
        resources::Body, resources::BodyList, resources::Meeting, resources::MeetingList,
        resources::Pagination, resources::AgendaItem, resources::SearchResult, resources::Error,
        resources::ErrorDetail,
    )),
    tags(
        (name = "bodies", description = "Organ"),
        (name = "meetings", description = "Möten"),
        (name = "search", description = "Sökning"),
    ),
)]
struct ApiDoc;

/// The document as JSON (made once).
pub fn document() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_default()
}

/// `/api/v1/openapi.json`.
pub fn answer() -> Answer {
    static MADE: OnceLock<Arc<Cached>> = OnceLock::new();
    Ok(MADE
        .get_or_init(|| {
            let mut text = document();
            text.push('\n');
            Arc::new(Cached::new(text, super::JSON, None))
        })
        .clone())
}
