//! What can go wrong in search. Messages are Swedish: a reader may see them on the search page.

/// A search or indexing failure.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query cannot be run as given (too long, a bad filter); the message says why.
    #[error("{0}")]
    Query(String),
    /// The index directory cannot be used (permissions, another process holding its lock).
    #[error("sökindexet i {dir} kan inte användas: {reason}")]
    Directory { dir: String, reason: String },
    /// tantivy failed.
    #[error("sökindexet: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// Reading the meetings to index failed.
    #[error("sökindexet kunde inte läsa mötena: {0}")]
    Store(#[from] samman_store::StoreError),
}
