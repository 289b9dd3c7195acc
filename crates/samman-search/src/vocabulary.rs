//! The words of the published items and what each is searched as, for a search without a server (the
//! static build's `sok/index.json`): the same tokenizer, stop words and stemmer as the index, so a
//! static site finds what `samman serve` finds for a word that occurs in the corpus.

use std::collections::HashMap;

use samman_domain::Item;
use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};

use crate::analyzer;

/// What a word is searched as: nothing (a stop word) or its stem.
pub type Stem = Option<String>;

/// Collects the words of items and their stems, analysing each distinct word once.
#[derive(Debug, Default)]
pub struct Vocabulary {
    stems: HashMap<String, Stem>,
}

impl Vocabulary {
    /// The stems an item is found by (its title and the text the index holds), each once, and every
    /// word seen recorded with its stem.
    pub fn item(&mut self, item: &Item) -> Vec<String> {
        let text = format!("{}\n{}", item.title, crate::text::item_text(item));
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(analyzer::MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .build();
        let mut stream = plain.token_stream(&text);
        let mut found: Vec<String> = Vec::new();
        while let Some(token) = stream.next() {
            let stem = self
                .stems
                .entry(token.text.clone())
                .or_insert_with(|| analyzer::terms(&token.text).into_iter().next());
            if let Some(stem) = stem
                && !found.contains(stem)
            {
                found.push(stem.clone());
            }
        }
        found
    }

    /// Every word seen with what it is searched as.
    pub fn words(&self) -> &HashMap<String, Stem> {
        &self.stems
    }
}
