//! `/redaktor/{body}/{date}/historik`: every revision of a meeting (who, when, state, change note) and
//! the line-by-line difference of the source text between any two of them (`?fran=A&till=B`).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use samman_store::Revision;
use serde::Deserialize;
use similar::{ChangeTag, TextDiff};

use super::auth::Signed;
use super::edit::open;
use super::meetings::state_text;
use super::page::{self, Frame};
use crate::App;

/// How many unchanged lines are shown around each change.
const CONTEXT: usize = 3;

#[derive(Debug)]
struct Line {
    revision: i64,
    at: String,
    author: String,
    state: String,
    note: String,
}

#[derive(Debug, Template)]
#[template(path = "editor/history.html")]
struct HistoryPage {
    signed_in: Option<String>,
    csrf: String,
    body: String,
    date: samman_domain::Date,
    title: String,
    revisions: Vec<Line>,
    newest: i64,
    from: i64,
    to: i64,
    error: Option<String>,
    /// `('-' | '+' | ' ', line)`; `None` when no comparison was asked for.
    diff: Option<Vec<(char, String)>>,
}

#[derive(Debug, Deserialize)]
pub struct Compare {
    fran: Option<i64>,
    till: Option<i64>,
}

/// The history page, with a comparison when one is asked for.
pub async fn history(
    State(app): State<App>,
    Path((id, date)): Path<(String, String)>,
    Query(compare): Query<Compare>,
    signed: Signed,
) -> Response {
    let (body, stored) = match open(&app, &signed, &id, &date).await {
        Ok(found) => found,
        Err(answer) => return *answer,
    };
    let revisions = match app.store.revisions(stored.id).await {
        Ok(r) => r,
        Err(e) => return page::store_failed(&e),
    };
    let newest = stored.revision;
    let from = compare.fran.unwrap_or((newest - 1).max(1));
    let to = compare.till.unwrap_or(newest);
    let find = |n: i64| revisions.iter().find(|r| r.revision == n);
    let (mut diff, mut error) = (None, None);
    if compare.fran.is_some() || compare.till.is_some() {
        match (find(from), find(to)) {
            (Some(a), Some(b)) => diff = Some(lines(&a.source, &b.source)),
            _ => error = Some(format!("Det finns bara version 1 till {newest}.")),
        }
    }
    let frame = Frame::of(&signed);
    let status = if error.is_some() {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    page::html(
        status,
        &HistoryPage {
            signed_in: frame.signed_in,
            csrf: frame.csrf,
            body: body.id.clone(),
            date: stored.date,
            title: stored
                .meeting
                .title
                .clone()
                .unwrap_or_else(|| samman_domain::Meeting::derived_title(&body, stored.date)),
            revisions: revisions.iter().map(line).collect(),
            newest,
            from,
            to,
            error,
            diff,
        },
    )
}

fn line(r: &Revision) -> Line {
    Line {
        revision: r.revision,
        at: page::when(r.at),
        author: r.author.clone().unwrap_or_default(),
        state: state_text(r.state, r.publish_at, None, r.at),
        note: r.note.clone().unwrap_or_default(),
    }
}

/// The changed lines of `new` against `old`, with [`CONTEXT`] unchanged lines around each change; empty
/// when they are the same.
fn lines(old: &str, new: &str) -> Vec<(char, String)> {
    let diff = TextDiff::from_lines(old, new);
    let mut out = Vec::new();
    for group in diff.grouped_ops(CONTEXT) {
        for op in group {
            for change in diff.iter_changes(&op) {
                let tag = match change.tag() {
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                    ChangeTag::Equal => ' ',
                };
                out.push((tag, change.value().trim_end_matches('\n').to_string()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changes_and_their_context_are_listed() {
        assert!(lines("a\nb\n", "a\nb\n").is_empty());
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\n5\nsex\n7\n8\n9\n";
        let got = lines(old, new);
        assert_eq!(got.first(), Some(&(' ', "3".to_string())));
        assert!(got.contains(&('-', "6".to_string())) && got.contains(&('+', "sex".to_string())));
        assert_eq!(got.len(), 8);
    }
}
