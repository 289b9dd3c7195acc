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
use crate::text::Piece;

/// What a word is searched as: nothing (a stop word) or its stem.
pub type Stem = Option<String>;

/// The words of some items (a meeting's), found outside any lock and numbered among themselves, so a
/// [`Vocabulary`] numbers each distinct word once ([`Vocabulary::number`]) however many items hold it.
///
/// An item's words are its title's and those of the text the index holds, lower-cased, each once, in
/// the order they first occur: the index's tokens before stop words and stemming — runs of
/// alphanumeric characters shorter than [`analyzer::MAX_TOKEN_BYTES`], lower-cased char by char as
/// tantivy's `LowerCaser` does. (Split here rather than through a tantivy token stream: the static
/// build asks this of every item, and the stream cost twice as much; a test holds the two to the same
/// words.)
#[derive(Debug, Default)]
pub struct ItemWords {
    /// Every distinct word, in the order first seen. Fx, not SipHash: short words from our own
    /// sources, hashed once per word of every item. A word is allocated once, when it is new.
    words: IndexSet<Box<str>, FxBuildHasher>,
    /// Per word, the last item (counted from 1) that holds it: an item lists a word once.
    last: Vec<u32>,
    /// Per item, its words as numbers into `words`.
    items: Vec<Vec<u32>>,
}

impl ItemWords {
    /// The words of `items`, in their order.
    pub fn of<'a>(items: impl IntoIterator<Item = &'a Item>) -> ItemWords {
        let mut words = ItemWords::default();
        let mut splitter = Splitter::default();
        for item in items {
            words.add(item, &mut splitter);
        }
        words
    }

    fn add(&mut self, item: &Item, splitter: &mut Splitter) {
        let number = self.items.len() as u32 + 1;
        let mut ids = Vec::new();
        let (words, last) = (&mut self.words, &mut self.last);
        let mut add = |word: &str| {
            let id = words.get_index_of(word).unwrap_or_else(|| {
                last.push(0);
                words.insert_full(word.into()).0
            });
            if last[id] != number {
                last[id] = number;
                ids.push(id as u32);
            }
        };
        splitter.split(&item.title, &mut add);
        splitter.end(&mut add);
        crate::text::visit(item, &mut |piece| match piece {
            Piece::Run(run) => splitter.split(run, &mut add),
            Piece::LineEnd => splitter.end(&mut add),
        });
        self.items.push(ids);
    }
}

/// The words of one item (see [`ItemWords`]).
pub fn item_words(item: &Item) -> Vec<String> {
    let words = ItemWords::of([item]);
    words.items.iter().flatten().map(|&id| words.words[id as usize].to_string()).collect()
}

/// Splits text into the index's tokens, lower-cased into one buffer. Text comes in runs (a line's
/// inline parts): a word may run across them, and ends at a character that is no letter or digit, or
/// at [`Splitter::end`].
#[derive(Debug, Default)]
struct Splitter {
    /// The current word, lower-cased.
    word: String,
    /// Its length before lower-casing (what the index's length limit counts).
    bytes: usize,
}

impl Splitter {
    fn split(&mut self, run: &str, emit: &mut impl FnMut(&str)) {
        for c in run.chars() {
            if is_alphanumeric(c) {
                self.bytes += c.len_utf8();
                push_lowercase(&mut self.word, c);
            } else if self.bytes > 0 {
                self.end(emit);
            }
        }
    }

    /// Ends the current word, handing it to `emit` unless it is too long.
    fn end(&mut self, emit: &mut impl FnMut(&str)) {
        if self.bytes > 0 && self.bytes < analyzer::MAX_TOKEN_BYTES {
            emit(&self.word);
        }
        self.word.clear();
        self.bytes = 0;
    }
}

/// `c.is_alphanumeric()` (tantivy's `SimpleTokenizer` splits on the rest), answered without the
/// Unicode tables for ASCII and Latin-1 letters: most characters of Swedish text.
fn is_alphanumeric(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric(),
        'À'..='ÿ' => c != '×' && c != '÷',
        _ => c.is_alphanumeric(),
    }
}

/// Pushes `c` as `char::to_lowercase` gives it, without the case tables for ASCII and Latin-1.
fn push_lowercase(word: &mut String, c: char) {
    match c {
        '\0'..='\x7f' => word.push(c.to_ascii_lowercase()),
        // Latin-1's capitals (À–Þ but ×) lie 0x20 below their small letters.
        'À'..='Þ' if c != '×' => word.push(char::from(c as u8 + 0x20)),
        // The rest of Latin-1 is lower case or no letter.
        '\u{80}'..='ÿ' => word.push(c),
        _ => word.extend(c.to_lowercase()),
    }
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

    /// The numbers of `words`, per item, in their order (a new word is stemmed and numbered in the
    /// order first seen).
    pub fn number(&mut self, words: &ItemWords) -> Vec<Vec<u32>> {
        let ids: Vec<u32> = words.words.iter().map(|word| self.id(word)).collect();
        words
            .items
            .iter()
            .map(|item| item.iter().map(|&id| ids[id as usize]).collect())
            .collect()
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
    fn an_items_words_are_its_titles_and_its_texts_tokens() {
        let item = crate::text::tests::rich_item();
        let text = format!("{}\n{}", item.title, crate::text::item_text(&item));
        assert_eq!(item_words(&item), tantivy_words(&text));
        assert!(item_words(&item).contains(&"vårdgivarna".to_string()), "a word across a link");
    }

    #[test]
    fn latin1_shortcuts_agree_with_unicode() {
        for c in char::MIN..=char::MAX {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            let mut word = String::new();
            push_lowercase(&mut word, c);
            assert_eq!(word, c.to_lowercase().collect::<String>(), "{c:?}");
        }
    }

    #[test]
    fn a_meetings_words_are_numbered_as_item_by_item() {
        let items = [
            crate::text::tests::rich_item(),
            Item::titled("Vården och VÅRDEN, och mer"),
            Item::default(),
            Item::titled("Mer vård"),
        ];
        let mut together = Vocabulary::from_words(vec![("mer".into(), Some("mer".into()))]);
        let numbered = together.number(&ItemWords::of(&items));
        let mut apart = Vocabulary::from_words(vec![("mer".into(), Some("mer".into()))]);
        let one_by_one: Vec<Vec<u32>> = items
            .iter()
            .map(|item| item_words(item).iter().map(|w| apart.id(w)).collect())
            .collect();
        assert_eq!(numbered, one_by_one);
        assert_eq!(together.words(), apart.words());
        assert!(numbered[2].is_empty());
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
