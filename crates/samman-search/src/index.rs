//! The index on disk (or in memory) and keeping it equal to the store's public meetings.
//!
//! The directory holds tantivy's files and a marker, [`VERSION_FILE`], naming [`SCHEMA_VERSION`]. A
//! directory without the marker, or with another version, is emptied and rebuilt from the store at the
//! next [`SearchIndex::sync`] — so a new release that changes the schema or the analysis needs no
//! migration step, only one full reindex.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use samman_domain::Meeting;
use samman_store::Store;
use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::analyzer::{self, Fields};
use crate::error::SearchError;
use crate::text;

/// The version of the schema and text analysis. Bump it whenever either changes: every node then
/// rebuilds its index from the store on start.
pub const SCHEMA_VERSION: u32 = 1;
/// The marker file naming the version an index directory was built with.
pub const VERSION_FILE: &str = "samman-sok-version";
/// Memory for the one indexing thread (tantivy's minimum is 15 MB per thread).
const WRITER_MEMORY: usize = 30_000_000;
/// Meetings read from the store per request while syncing.
const PAGE: i64 = 1_000;

/// A search index of the published meetings' items.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    writer: Mutex<IndexWriter>,
    /// Which revision of each meeting the index holds (meeting id → revision).
    held: Mutex<HashMap<i64, i64>>,
    /// One sync at a time (the follower and a caller must not interleave reads and writes).
    syncing: tokio::sync::Mutex<()>,
    dir: Option<PathBuf>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

/// What one [`SearchIndex::sync`] changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Synced {
    /// Meetings (re)indexed: new, or at another revision than the index held.
    pub indexed: usize,
    /// Meetings dropped: no longer public (unpublished, back to draft, deleted).
    pub removed: usize,
}

impl SearchIndex {
    /// Opens the index in `dir` (created when missing). A directory of another schema version, or
    /// without the marker, is emptied first: the next [`sync`](Self::sync) rebuilds it from the store.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let fail = |reason: String| SearchError::Directory {
            dir: dir.display().to_string(),
            reason,
        };
        let marker = dir.join(VERSION_FILE);
        let current = std::fs::read_to_string(&marker)
            .ok()
            .is_some_and(|v| v.trim() == SCHEMA_VERSION.to_string());
        if !current && dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| fail(e.to_string()))?;
        }
        std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
        let directory = MmapDirectory::open(dir).map_err(|e| fail(e.to_string()))?;
        let (schema, _) = Fields::schema();
        let index = Index::open_or_create(directory, schema)?;
        if !current {
            // Written once the index exists: a crash before this point leaves no marker, so the next
            // start begins again from an empty directory.
            std::fs::write(&marker, format!("{SCHEMA_VERSION}\n")).map_err(|e| fail(e.to_string()))?;
        }
        Self::with(index, Some(dir.to_path_buf()))
    }

    /// An index in memory (the static build, tests).
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        let (schema, _) = Fields::schema();
        Self::with(Index::create_in_ram(schema), None)
    }

    fn with(index: Index, dir: Option<PathBuf>) -> Result<SearchIndex, SearchError> {
        index
            .tokenizers()
            .register(analyzer::SWEDISH, analyzer::swedish());
        let fields = Fields::of(&index.schema())?;
        let writer = index
            .writer_with_num_threads(1, WRITER_MEMORY)
            .map_err(|e| match (&dir, e) {
                (Some(d), tantivy::TantivyError::LockFailure(..)) => SearchError::Directory {
                    dir: d.display().to_string(),
                    reason: "en annan process använder det (ge varje nod en egen katalog)".into(),
                },
                (_, e) => SearchError::Index(e),
            })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let held = held(&reader, &fields)?;
        Ok(SearchIndex {
            reader,
            fields,
            writer: Mutex::new(writer),
            held: Mutex::new(held),
            syncing: tokio::sync::Mutex::new(()),
            dir,
        })
    }

    pub(crate) fn reader(&self) -> &IndexReader {
        &self.reader
    }

    pub(crate) fn fields(&self) -> &Fields {
        &self.fields
    }

    /// How many meetings the index holds.
    pub fn meetings(&self) -> usize {
        self.held.lock().expect("held map").len()
    }

    /// Makes the index hold exactly the meetings public at `now`, each at its current revision: reads
    /// the public list, reindexes what is new or changed and drops what is no longer public.
    pub async fn sync(&self, store: &dyn Store, now: i64) -> Result<Synced, SearchError> {
        let _one = self.syncing.lock().await;
        let mut public = Vec::new();
        loop {
            let page = store
                .public_meetings(None, now, PAGE, public.len() as i64)
                .await?;
            let done = (page.len() as i64) < PAGE;
            public.extend(page);
            if done {
                break;
            }
        }
        let held = self.held.lock().expect("held map").clone();
        let mut synced = Synced::default();
        let mut changes: Vec<(i64, Option<(i64, Meeting)>)> = Vec::new();
        for summary in &public {
            if held.get(&summary.id) == Some(&summary.revision) {
                continue;
            }
            // Read at the same `now`: a meeting unpublished in between is simply not found (and dropped
            // at the next wake, which that change causes).
            if let Some(stored) = store.public_meeting(&summary.body, summary.date, now).await? {
                changes.push((stored.id, Some((stored.revision, stored.meeting))));
            }
        }
        let public_ids: std::collections::HashSet<i64> = public.iter().map(|s| s.id).collect();
        for id in held.keys().filter(|id| !public_ids.contains(id)) {
            changes.push((*id, None));
        }
        if changes.is_empty() {
            return Ok(synced);
        }
        for (_, change) in &changes {
            match change {
                Some(_) => synced.indexed += 1,
                None => synced.removed += 1,
            }
        }
        self.apply(changes)?;
        Ok(synced)
    }

    /// Replaces the documents of each meeting in `changes` (`None`: removes them), commits, and makes
    /// the change visible to searches.
    fn apply(&self, changes: Vec<(i64, Option<(i64, Meeting)>)>) -> Result<(), SearchError> {
        let mut writer = self.writer.lock().expect("index writer");
        let mut held = self.held.lock().expect("held map");
        for (id, change) in &changes {
            writer.delete_term(Term::from_field_u64(self.fields.meeting_id, *id as u64));
            if let Some((revision, meeting)) = change {
                for doc in self.documents(*id, *revision, meeting) {
                    writer.add_document(doc)?;
                }
            }
        }
        writer.commit()?;
        self.reader.reload()?;
        for (id, change) in changes {
            match change {
                Some((revision, _)) => held.insert(id, revision),
                None => held.remove(&id),
            };
        }
        Ok(())
    }

    /// Adds one meeting directly (the static build, which has no store). Replaces an earlier version.
    pub fn put(&self, id: i64, revision: i64, meeting: &Meeting) -> Result<(), SearchError> {
        self.apply(vec![(id, Some((revision, meeting.clone())))])
    }

    /// One document per item of `meeting`.
    fn documents(&self, id: i64, revision: i64, meeting: &Meeting) -> Vec<TantivyDocument> {
        let f = &self.fields;
        let date = meeting.date.to_string();
        let year = u64::try_from(meeting.date.year()).unwrap_or(0);
        meeting
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let mut doc = TantivyDocument::default();
                doc.add_u64(f.meeting_id, id as u64);
                doc.add_u64(f.revision, revision as u64);
                doc.add_text(f.body, &meeting.body);
                doc.add_text(f.date, &date);
                doc.add_u64(f.year, year);
                doc.add_u64(f.number, i as u64 + 1);
                doc.add_text(f.title, &item.title);
                doc.add_text(f.text, text::item_text(item));
                doc
            })
            .collect()
    }
}

/// The meeting revisions an opened index holds, from its fast fields.
fn held(reader: &IndexReader, fields: &Fields) -> Result<HashMap<i64, i64>, SearchError> {
    let searcher = reader.searcher();
    let schema = searcher.schema();
    let (id_name, revision_name) = (
        schema.get_field_name(fields.meeting_id),
        schema.get_field_name(fields.revision),
    );
    let mut held = HashMap::new();
    for segment in searcher.segment_readers() {
        let ids = segment.fast_fields().u64(id_name)?;
        let revisions = segment.fast_fields().u64(revision_name)?;
        for doc in segment.doc_ids_alive() {
            if let (Some(id), Some(revision)) = (ids.first(doc), revisions.first(doc)) {
                held.insert(id as i64, revision as i64);
            }
        }
    }
    Ok(held)
}
