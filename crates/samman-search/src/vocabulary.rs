//! The words of the published items and what each is searched as, for a search without a server (the
//! static build's `sok/index.json`): the same tokenizer, stop words and stemmer as the index, so a
//! static site finds what `samman serve` finds for a word that occurs in the corpus.
//!
//! Split in two so a build can do each part where it is cheapest: [`item_words`] (an item's words,
//! per meeting, in parallel) and a [`Vocabulary`] numbering every distinct word and stemming each once
//! (a build keeps the numbers in its manifest, so an unchanged meeting is never read again).

use rustc_hash::{FxHashMap, FxHashSet};

use samman_domain::Item;
use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};

use crate::analyzer;

/// What a word is searched as: nothing (a stop word) or its stem.
pub type Stem = Option<String>;

/// The words an item is found by (its title and the text the index holds), lower-cased, each once, in
/// the order they first occur.
pub fn item_words(item: &Item) -> Vec<String> {
    let text = format!("{}\n{}", item.title, crate::text::item_text(item));
    let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(analyzer::MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .build();
    let mut stream = plain.token_stream(&text);
    let mut words: Vec<String> = Vec::new();
    // Fx, not SipHash: short words from our own sources, hashed once per word of every item.
    let mut seen: FxHashSet<String> = FxHashSet::default();
    while let Some(token) = stream.next() {
        if !seen.contains(&token.text) {
            seen.insert(token.text.clone());
            words.push(token.text.clone());
        }
    }
    words
}

/// What `word` (as [`item_words`] gives it) is searched as.
pub fn stem(word: &str) -> Stem {
    analyzer::terms(word).into_iter().next()
}

/// Every distinct word seen, numbered in the order first seen, with its stem (each word is stemmed
/// once: building the analyzer is most of a stem's cost).
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: FxHashMap<String, u32>,
    words: Vec<(String, Stem)>,
}

impl Vocabulary {
    /// A vocabulary holding `words` already stemmed (a previous build's), numbered in that order.
    pub fn from_words(words: Vec<(String, Stem)>) -> Vocabulary {
        let ids = words
            .iter()
            .enumerate()
            .map(|(i, (word, _))| (word.clone(), i as u32))
            .collect();
        Vocabulary { ids, words }
    }

    /// The number of `word`, stemming it when it is new.
    pub fn id(&mut self, word: &str) -> u32 {
        if let Some(id) = self.ids.get(word) {
            return *id;
        }
        let id = self.words.len() as u32;
        self.words.push((word.to_string(), stem(word)));
        self.ids.insert(word.to_string(), id);
        id
    }

    /// Every word seen with what it is searched as, indexed by number.
    pub fn words(&self) -> &[(String, Stem)] {
        &self.words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_numbered_once_and_stemmed_as_the_index_does() {
        let item = Item {
            title: "Vården och vården".into(),
            ..Item::default()
        };
        let words = item_words(&item);
        assert_eq!(words, ["vården", "och"]);
        let mut vocabulary = Vocabulary::default();
        let ids: Vec<u32> = words.iter().map(|w| vocabulary.id(w)).collect();
        assert_eq!(ids, [0, 1]);
        assert_eq!(vocabulary.id("vården"), 0);
        assert_eq!(vocabulary.words()[0].1.as_deref(), Some("vård"));
        assert_eq!(vocabulary.words()[1].1, None, "a stop word");
        let again = Vocabulary::from_words(vocabulary.words().to_vec());
        assert_eq!(again.words(), vocabulary.words());
    }
}
