//! The words of the published items and what each is searched as, for a search without a server (the
//! static build's `sok/index.json`): the same tokenizer, stop words and stemmer as the index, so a
//! static site finds what `samman serve` finds for a word that occurs in the corpus.
//!
//! Split in two so a build can do each part where it is cheapest: [`ItemWords`] (the items' words,
//! per meeting, in parallel) and a [`Vocabulary`] numbering every distinct word and stemming each once
//! (a build keeps the numbers in its manifest, so an unchanged meeting is never read again).

use std::borrow::Cow;
use std::str::CharIndices;

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
pub struct ItemWords<'a> {
    /// Every distinct word, in the order first seen. Fx, not SipHash: short words from our own
    /// sources, hashed once per word of every item. A word already in lower case is borrowed from the
    /// items; another is allocated once, when it is new.
    words: IndexSet<Cow<'a, str>, FxBuildHasher>,
    /// Per word, the last item (counted from 1) that holds it: an item lists a word once.
    last: Vec<u32>,
    /// The items' words as numbers into `words`, one item after the other.
    ids: Vec<u32>,
    /// Where each item's numbers end in `ids`.
    ends: Vec<usize>,
}

impl<'a> ItemWords<'a> {
    /// The words of `items`, in their order.
    pub fn of(items: impl IntoIterator<Item = &'a Item>) -> ItemWords<'a> {
        let mut words = ItemWords::default();
        let mut splitter = Splitter::default();
        for item in items {
            words.add(item, &mut splitter);
        }
        words
    }

    fn add(&mut self, item: &'a Item, splitter: &mut Splitter) {
        let number = self.ends.len() as u32 + 1;
        let (words, last, ids) = (&mut self.words, &mut self.last, &mut self.ids);
        let mut add = |word: Word<'a, '_>| {
            let id = words.get_index_of(word.as_str()).unwrap_or_else(|| {
                last.push(0);
                words.insert_full(word.into_cow()).0
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
        self.ends.push(self.ids.len());
    }

    /// Per item, its words' numbers.
    fn items(&self) -> impl Iterator<Item = &[u32]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(start, &end)| &self.ids[start..end])
    }
}

/// A word as [`Splitter`] hands it out.
enum Word<'a, 'b> {
    /// A slice of the text, which is in lower case already.
    InText(&'a str),
    /// Lower-cased into the splitter's buffer.
    Lowered(&'b str),
}

impl<'a> Word<'a, '_> {
    fn as_str(&self) -> &str {
        match self {
            Word::InText(word) | Word::Lowered(word) => word,
        }
    }

    fn into_cow(self) -> Cow<'a, str> {
        match self {
            Word::InText(word) => Cow::Borrowed(word),
            Word::Lowered(word) => Cow::Owned(word.to_owned()),
        }
    }
}

/// Splits text into the index's tokens. Text comes in runs (a line's inline parts): a word may run
/// across them, and ends at a character that is no letter or digit, or at [`Splitter::end`]. A word
/// within one run that is in lower case already is handed out as a slice of it (most are); any other
/// is lower-cased into a buffer.
#[derive(Debug, Default)]
struct Splitter {
    /// The current word, lower-cased, when it is not a slice of the run.
    word: String,
    /// Its length before lower-casing (what the index's length limit counts).
    bytes: usize,
}

impl Splitter {
    fn split<'a>(&mut self, run: &'a str, emit: &mut impl FnMut(Word<'a, '_>)) {
        let mut chars = run.char_indices();
        if self.bytes > 0 && !self.lowered(&mut chars, emit) {
            return;
        }
        while let Some((start, c)) = chars.find(|&(_, c)| class(c) != Class::Separator) {
            let goes_on = if class(c) == Class::AsIs {
                self.in_text(run, start, &mut chars, emit)
            } else {
                self.push(c);
                self.lowered(&mut chars, emit)
            };
            if !goes_on {
                return;
            }
        }
    }

    /// Goes on with a word of `run` from `start` that is in lower case so far: to its end (handed out
    /// as a slice of `run`), or on in the buffer from the first character lower-casing changes.
    /// Whether the run goes on after the word.
    fn in_text<'a>(
        &mut self,
        run: &'a str,
        start: usize,
        chars: &mut CharIndices<'a>,
        emit: &mut impl FnMut(Word<'a, '_>),
    ) -> bool {
        for (i, c) in chars.by_ref() {
            match class(c) {
                Class::AsIs => {}
                Class::Separator => {
                    if i - start < analyzer::MAX_TOKEN_BYTES {
                        emit(Word::InText(&run[start..i]));
                    }
                    return true;
                }
                Class::Lowered => {
                    self.word.push_str(&run[start..i]);
                    self.bytes = i - start;
                    self.push(c);
                    return self.lowered(chars, emit);
                }
            }
        }
        // The word may go on in the next run.
        self.word.push_str(&run[start..]);
        self.bytes = run.len() - start;
        false
    }

    /// Goes on with the word in the buffer to its end (handed out). Whether the run goes on after it.
    fn lowered<'a>(&mut self, chars: &mut CharIndices<'a>, emit: &mut impl FnMut(Word<'a, '_>)) -> bool {
        for (_, c) in chars {
            if class(c) == Class::Separator {
                self.end(emit);
                return true;
            }
            self.push(c);
        }
        false
    }

    fn push(&mut self, c: char) {
        self.bytes += c.len_utf8();
        push_lowercase(&mut self.word, c);
    }

    /// Ends the current word in the buffer, handing it to `emit` unless it is too long.
    fn end<'a>(&mut self, emit: &mut impl FnMut(Word<'a, '_>)) {
        if self.bytes > 0 && self.bytes < analyzer::MAX_TOKEN_BYTES {
            emit(Word::Lowered(&self.word));
        }
        self.word.clear();
        self.bytes = 0;
    }
}

/// What a character is to [`Splitter`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// No letter or digit (`!c.is_alphanumeric()`: tantivy's `SimpleTokenizer` splits there).
    Separator,
    /// A letter or digit that is its own lower case.
    AsIs,
    /// Any other letter or digit: lower-casing may change it.
    Lowered,
}

/// The class of `c`, answered without the Unicode tables for ASCII and Latin-1: most characters of
/// Swedish text.
fn class(c: char) -> Class {
    match c {
        'a'..='z' | '0'..='9' => Class::AsIs,
        'A'..='Z' => Class::Lowered,
        '\0'..='\x7f' | '×' | '÷' => Class::Separator,
        'ß'..='ÿ' => Class::AsIs,
        'À'..='Þ' => Class::Lowered,
        _ if c.is_alphanumeric() => Class::Lowered,
        _ => Class::Separator,
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

/// What `word` (as [`ItemWords`] gives it) is searched as.
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
            .items()
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
    use samman_domain::{Block, Inline, Text};
    use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};

    /// The words of one item, as [`ItemWords`] gives them.
    fn item_words(item: &Item) -> Vec<String> {
        let words = ItemWords::of([item]);
        words
            .ids
            .iter()
            .map(|&id| words.words[id as usize].to_string())
            .collect()
    }

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
        assert!(
            item_words(&item).contains(&"vårdgivarna".to_string()),
            "a word across a link"
        );
    }

    #[test]
    fn words_across_runs_are_the_index_tokens() {
        // Every triple of these as a paragraph's inline runs: words that run across runs, turn from
        // lower to upper case within a run or across, and end at or just below the length limit.
        let long = "a".repeat(analyzer::MAX_TOKEN_BYTES - 2);
        let pieces = [
            "vård", "VÅRD", "Givarna", "ß", "x", " ", "-", "9", "Σ", "ǅ", "é", &long, "",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let runs = [a, b, c].map(|text| Inline::Text { text: text.into() });
                    let item = Item {
                        content: vec![Block::Paragraph {
                            text: Text(runs.to_vec()),
                        }],
                        ..Item::default()
                    };
                    assert_eq!(
                        item_words(&item),
                        tantivy_words(&format!("{a}{b}{c}")),
                        "{a}|{b}|{c}"
                    );
                }
            }
        }
    }

    #[test]
    fn latin1_shortcuts_agree_with_unicode() {
        for c in char::MIN..=char::MAX {
            let class = class(c);
            assert_eq!(class == Class::Separator, !c.is_alphanumeric(), "{c:?}");
            let mut word = String::new();
            push_lowercase(&mut word, c);
            assert_eq!(word, c.to_lowercase().collect::<String>(), "{c:?}");
            if class == Class::AsIs {
                assert_eq!(word, c.to_string(), "{c:?}");
            }
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
