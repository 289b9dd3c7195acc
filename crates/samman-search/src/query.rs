//! Running a reader's query: plain words, analysed like the indexed text, all of them required (in the
//! item's title or text), optionally within one body and one year; the best items first, each with a
//! highlighted snippet.
//!
//! The query text never reaches tantivy's query parser: quotes, `AND OR`, `*:*` and brackets are just
//! characters between words, so no input is a syntax error and none can address a field.

use std::ops::Range;

use samman_domain::Date;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query as TantivyQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{TantivyDocument, Term};

use crate::analyzer;
use crate::error::SearchError;
use crate::index::SearchIndex;

/// The longest query text accepted, in characters; longer ones are refused with a message.
pub const MAX_QUERY_CHARS: usize = 200;
/// Words beyond this many in one query are ignored (every word is required, so more only narrows).
const MAX_TERMS: usize = 12;
/// Hits asked for at most per page.
const MAX_LIMIT: usize = 100;
/// Hits skipped at most (tantivy sizes a heap by offset + limit: an absurd offset must not reach it).
const MAX_OFFSET: usize = 10_000;
/// A title counts this much more than the text.
const TITLE_BOOST: f32 = 2.0;
/// Snippet length in characters.
const SNIPPET_CHARS: usize = 220;

/// What a reader asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    /// Only this body's meetings.
    pub body: Option<String>,
    /// Only meetings of this year.
    pub year: Option<i16>,
    pub limit: usize,
    pub offset: usize,
}

/// A piece of text with the ranges (byte offsets) to highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

/// One matching item.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub body: String,
    pub date: Date,
    /// The item's 1-based number: its anchor on the meeting's page.
    pub number: usize,
    /// The item's title, matching words highlighted.
    pub title: Snippet,
    /// A passage of the item's text around the matching words (empty when only the title matched).
    pub snippet: Snippet,
    pub score: f32,
}

/// A page of results.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hits {
    /// Matching items in all.
    pub total: usize,
    pub hits: Vec<Hit>,
    /// The words searched for, as analysed (stems; stop words gone). Empty: nothing to search for.
    pub terms: Vec<String>,
}

impl SearchIndex {
    /// Runs `query`. A query longer than [`MAX_QUERY_CHARS`] is refused; one of only stop words or
    /// punctuation finds nothing (`terms` is then empty). At most 100 hits a page, none beyond the
    /// 10,000th.
    pub fn search(&self, query: &Query) -> Result<Hits, SearchError> {
        if query.text.chars().count() > MAX_QUERY_CHARS {
            return Err(SearchError::Query(format!(
                "Sökfrågan är för lång: skriv högst {MAX_QUERY_CHARS} tecken."
            )));
        }
        let mut terms = analyzer::terms(&query.text);
        terms.truncate(MAX_TERMS);
        if terms.is_empty() {
            return Ok(Hits::default());
        }
        let f = self.fields();
        let term_query = |field, text: &str| -> Box<dyn TantivyQuery> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::WithFreqs,
            ))
        };
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = terms
            .iter()
            .map(|t| {
                let either = BooleanQuery::new(vec![
                    (
                        Occur::Should,
                        Box::new(BoostQuery::new(term_query(f.title, t), TITLE_BOOST))
                            as Box<dyn TantivyQuery>,
                    ),
                    (Occur::Should, term_query(f.text, t)),
                ]);
                (Occur::Must, Box::new(either) as Box<dyn TantivyQuery>)
            })
            .collect();
        if let Some(body) = &query.body {
            clauses.push((Occur::Must, term_query(f.body, body)));
        }
        if let Some(year) = query.year {
            let year = u64::try_from(year).unwrap_or(0);
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_u64(f.year, year),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        let tantivy_query = BooleanQuery::new(clauses);
        let searcher = self.reader().searcher();
        let limit = query.limit.clamp(1, MAX_LIMIT);
        let (total, top) = searcher.search(
            &tantivy_query,
            &(
                Count,
                TopDocs::with_limit(limit)
                    .and_offset(query.offset.min(MAX_OFFSET))
                    .order_by_score(),
            ),
        )?;
        let mut text_snippets = SnippetGenerator::create(&searcher, &tantivy_query, f.text)?;
        text_snippets.set_max_num_chars(SNIPPET_CHARS);
        let mut title_snippets = SnippetGenerator::create(&searcher, &tantivy_query, f.title)?;
        title_snippets.set_max_num_chars(usize::MAX / 2);
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            let number = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
            let Ok(date) = text(f.date).parse::<Date>() else {
                continue;
            };
            let title = snippet(title_snippets.snippet(&text(f.title)));
            let title = if title.text.is_empty() {
                Snippet {
                    text: text(f.title),
                    highlights: Vec::new(),
                }
            } else {
                title
            };
            hits.push(Hit {
                body: text(f.body),
                date,
                number: number(f.number) as usize,
                title,
                snippet: snippet(text_snippets.snippet_from_doc(&doc)),
                score,
            });
        }
        Ok(Hits { total, hits, terms })
    }

    /// How many items match `text` in all (for suggestions: the same words without filters).
    pub fn count(&self, text: &str) -> Result<usize, SearchError> {
        let query = Query {
            text: text.to_string(),
            limit: 1,
            ..Query::default()
        };
        Ok(self.search(&query)?.total)
    }
}

fn snippet(s: tantivy::snippet::Snippet) -> Snippet {
    Snippet {
        text: s.fragment().to_string(),
        highlights: s.highlighted().to_vec(),
    }
}
