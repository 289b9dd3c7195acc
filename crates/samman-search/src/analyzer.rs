//! The index's schema and its Swedish text analysis, decided once for indexing and querying.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, StopWordFilter, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

/// The name the Swedish analyzer is registered under in each index.
pub(crate) const SWEDISH: &str = "sv";

/// Words longer than this are dropped (hashes, URLs glued together): they are never searched for.
pub(crate) const MAX_TOKEN_BYTES: usize = 60;

/// Words (letters and digits in any script, so åäö stay letters), lower-cased, without Swedish stop words,
/// reduced to their Snowball stem ([`SwedishStem`]). No ASCII folding: "får" and "far" are different
/// words.
pub(crate) fn swedish() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(StopWordFilter::new(Language::Swedish).expect("tantivy ships Swedish stop words"))
        .filter(SwedishStem)
        .build()
}

/// The Swedish Snowball stemmer applied until the word stops changing. One pass strips one suffix, but
/// Swedish stacks them: "remisskonferenserna" loses "erna" and stops at "remisskonferens", while
/// "remisskonferens" itself loses its "s" — two stems for one word. The stemmer only ever shortens a
/// word within its R1 region, so repeating it ends, and a form and its inflections meet at the end
/// ("kostnaderna" → "kostnad" → "kostn" ← "kostnad"). Tantivy's `Stemmer` filter makes one pass.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SwedishStem;

/// More passes than any Swedish word needs; a guard, not a tuning knob.
const MAX_PASSES: usize = 8;

impl TokenFilter for SwedishStem {
    type Tokenizer<T: Tokenizer> = SwedishStemFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> SwedishStemFilter<T> {
        SwedishStemFilter { inner }
    }
}

#[derive(Clone)]
pub(crate) struct SwedishStemFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for SwedishStemFilter<T> {
    type TokenStream<'a> = SwedishStemStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        SwedishStemStream {
            tail: self.inner.token_stream(text),
            stemmer: frostem::Stemmer::new(frostem::Algorithm::Swedish),
        }
    }
}

pub(crate) struct SwedishStemStream<T> {
    tail: T,
    stemmer: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for SwedishStemStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        for _ in 0..MAX_PASSES {
            let stemmed = self.stemmer.stem(&token.text);
            if stemmed == token.text {
                break;
            }
            token.text = stemmed.into_owned();
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The fields of an item document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// The store's meeting id: deletes a meeting's items at once and tells what the index holds.
    pub meeting_id: Field,
    /// The meeting revision the document was made from.
    pub revision: Field,
    /// The body id, exactly (filter).
    pub body: Field,
    /// "YYYY-MM-DD".
    pub date: Field,
    /// The meeting's year (filter).
    pub year: Field,
    /// The item's 1-based number (its anchor on the page).
    pub number: Field,
    /// The item's title (searched, weighted up).
    pub title: Field,
    /// Everything else the item says (searched; snippets come from it).
    pub text: Field,
}

impl Fields {
    pub(crate) fn schema() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let swedish = TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(SWEDISH)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored();
        let fields = Fields {
            meeting_id: builder.add_u64_field("meeting_id", INDEXED | FAST | STORED),
            revision: builder.add_u64_field("revision", FAST | STORED),
            body: builder.add_text_field("body", STRING | STORED),
            date: builder.add_text_field("date", STRING | STORED),
            year: builder.add_u64_field("year", INDEXED | STORED),
            number: builder.add_u64_field("number", STORED),
            title: builder.add_text_field("title", swedish.clone()),
            text: builder.add_text_field("text", swedish),
        };
        (builder.build(), fields)
    }

    /// The same fields, looked up by name in an opened index's schema.
    pub(crate) fn of(schema: &Schema) -> tantivy::Result<Fields> {
        let get = |name: &str| schema.get_field(name);
        Ok(Fields {
            meeting_id: get("meeting_id")?,
            revision: get("revision")?,
            body: get("body")?,
            date: get("date")?,
            year: get("year")?,
            number: get("number")?,
            title: get("title")?,
            text: get("text")?,
        })
    }
}

/// The terms `text` gives after Swedish analysis, in order, without repeats.
pub(crate) fn terms(text: &str) -> Vec<String> {
    let mut analyzer = swedish();
    let mut stream = analyzer.token_stream(text);
    let mut out: Vec<String> = Vec::new();
    while let Some(token) = stream.next() {
        if !out.contains(&token.text) {
            out.push(token.text.clone());
        }
    }
    out
}
