//! `/sok/?q=…&organ=…&ar=…&sida=…`: the search page. Never cached by path (the query string is the
//! question); a bad query string is a 400 page that says what to change, never a failure.

use axum::http::StatusCode;
use axum::response::Response;
use samman_search::{Hit, Query};
use samman_site::page::{Found, Marked, Outcome, PER_PAGE, SearchForm, search_page};

use super::html_response;
use crate::App;

/// The search page for the raw query string `query`.
pub fn page(app: &App, query: Option<&str>) -> Response {
    let (form, outcome) = match SearchForm::parse(&app.site, query) {
        Ok(form) => {
            let outcome = run(app, &form);
            (form, outcome)
        }
        Err(error) => (SearchForm::default(), Outcome::Refused(error)),
    };
    let status = match outcome {
        Outcome::Refused(_) => StatusCode::BAD_REQUEST,
        _ => StatusCode::OK,
    };
    html_response(status, search_page(&app.site, &form, &outcome), "no-cache")
}

/// Runs the form's search on the node's index.
pub fn run(app: &App, form: &SearchForm) -> Outcome {
    if form.q.is_empty() {
        return Outcome::Form;
    }
    let query = Query {
        text: form.q.clone(),
        body: form.organ.clone(),
        year: form.ar,
        limit: PER_PAGE,
        offset: form.offset(),
    };
    let hits = match app.search.search(&query) {
        Ok(hits) => hits,
        Err(error) => {
            return Outcome::Refused(samman_site::page::FormError {
                field: "q",
                message: error.to_string(),
            });
        }
    };
    if hits.terms.is_empty() {
        return Outcome::NothingToSearch;
    }
    let filtered = form.organ.is_some() || form.ar.is_some();
    let unfiltered = (hits.total == 0 && filtered)
        .then(|| app.search.count(&form.q).ok())
        .flatten();
    Outcome::Hits {
        total: hits.total,
        hits: hits.hits.into_iter().map(found).collect(),
        unfiltered,
    }
}

/// A hit as the seam's page shows it.
pub fn found(hit: Hit) -> Found {
    let marked = |s: samman_search::Snippet| Marked {
        text: s.text,
        highlights: s.highlights,
    };
    Found {
        body: hit.body,
        date: hit.date,
        number: hit.number,
        title: marked(hit.title),
        snippet: marked(hit.snippet),
    }
}
