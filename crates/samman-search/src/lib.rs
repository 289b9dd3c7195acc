//! Swedish full-text search over the published meetings.
//!
//! One tantivy document per agenda item of a published meeting whose embargo has passed: the body, the
//! date, the item's number and title, and the text of its presenters, content, position, detail slides,
//! events and timeline. Text is analysed the Swedish way (`analyzer`: words, lower case, Swedish stop
//! words, the Swedish Snowball stemmer — no ASCII folding, which would turn "får" into "far"), so
//! "vården" finds "vård".
//!
//! An index lives per node in a directory with a schema-version marker (`index`): when the directory is
//! missing or holds another version it is rebuilt from the store. It follows the store (`follow`):
//! each wake of the change counter (and a periodic tick, for embargoes that pass without a write)
//! compares the public meetings' revisions with what the index holds and reindexes only the
//! difference. Queries (`query`) are plain words — no query syntax reaches tantivy, so no input can be a
//! syntax error — filtered by body and year, with highlighted snippets. A [`Vocabulary`] gives the
//! words of items with their stems, for a search without a server (the static build).

mod analyzer;
mod error;
mod follow;
mod index;
mod query;
mod text;
mod vocabulary;

pub use error::SearchError;
pub use follow::follow;
pub use index::{SCHEMA_VERSION, SearchIndex, Synced, VERSION_FILE};
pub use query::{Hit, Hits, MAX_QUERY_CHARS, Query, Snippet};
pub use vocabulary::{ItemWords, Stem, Vocabulary, stem};
