//! The words of the published items and what each is searched as, for a search without a server (the
//! static build's `sok/index.json`): the same tokenizer, stop words and stemmer as the index, so a
//! static site finds what `samman serve` finds for a word that occurs in the corpus.
//!
//! Split in two so a build can do each part where it is cheapest: [`item_words`] (an item's words,
//! per meeting, in parallel) and a [`Vocabulary`] numbering every distinct word and stemming each once
//! (a build keeps the numbers in its manifest, so an unchanged meeting is never read again).

use indexmap::IndexSet;
use rustc_hash::{FxBuildHasher, FxHashMap};

use samman_domain::Item;

use crate::analyzer;

/// What a word is searched as: nothing (a stop word) or its stem.
pub type Stem = Option<String>;

/// The words an item is found by (its title and the text the index holds), lower-cased, each once, in
/// the order they first occur: the index's tokens before stop words and stemming — runs of alphanumeric
/// characters shorter than [`analyzer::MAX_TOKEN_BYTES`], lower-cased char by char as tantivy's
/// `LowerCaser` does. (Split here rather than through a tantivy token stream: the static build asks
/// this of every item, and the stream cost twice as much; a test holds the two to the same words.)
pub fn item_words(item: &Item) -> Vec<String> {
    // In the order first seen. Fx, not SipHash: short words from our own sources, hashed once per word
    // of every item. Lower-cased into one buffer: a word is allocated once, when it is new.
    let mut words: IndexSet<String, FxBuildHasher> = IndexSet::default();
    let mut lower = String::new();
    for text in [item.title.as_str(), &crate::text::item_text(item)] {
        let tokens = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty() && t.len() < analyzer::MAX_TOKEN_BYTES);
        for token in tokens {
            let word: &str = if !token.is_ascii() {
                lower.clear();
                lower.extend(token.chars().flat_map(char::to_lowercase));
                &lower
            } else if token.bytes().any(|b| b.is_ascii_uppercase()) {
                lower.clear();
                lower.push_str(token);
                lower.make_ascii_lowercase();
                &lower
            } else {
                token
            };
            if !words.contains(word) {
                words.insert(word.to_string());
            }
        }
    }
    words.into_iter().collect()
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
    use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};

    /// The index's own tokens (tantivy's stream), each once, in order.
    fn tantivy_words(text: &str) -> Vec<String> {
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(analyzer::MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .build();
        let mut stream = plain.token_stream(text);
        let mut words: Vec<String> = Vec::new();
        while let Some(token) = stream.next() {
            if !words.contains(&token.text) {
                words.push(token.text.clone());
            }
        }
        words
    }

    #[test]
    fn item_words_are_the_index_tokens() {
        let long = "å".repeat(29);
        for title in [
            "Vården och VÅRDEN, vården! Läget 2021-05-21 kl. 14.00",
            "ΟΔΟΣ Σίσυφος İstanbul straße STRASSE Ǆemal ﬁnans ½ ² ३",
            "e-post: a.b@vgr.se https://www.vgr.se/x?y=1 ... — “citat” it's",
            &format!("{long} {long}x {long}xy {}", "a".repeat(60)),
            "",
            "  \t\n\u{2028}",
        ] {
            let item = Item {
                title: title.into(),
                ..Item::default()
            };
            assert_eq!(item_words(&item), tantivy_words(&format!("{title}\n")), "{title}");
        }
    }

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
