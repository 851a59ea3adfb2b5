//! Segmentation: sentences and word tokens as byte spans into the text given.
//!
//! Both functions make one pass over the text and allocate only their output (the tokenizer
//! also asks [`crate::protect`] for URLs, e-mails, mentions and hashtags, which allocates only
//! when there are some). Spans are UTF-8 byte offsets on char boundaries, ordered and
//! non-overlapping; the Python bindings turn them into code-point offsets.
//!
//! ## Sentences
//!
//! A sentence ends after a run of `.` `!` `?` `؟` (`؟!`, `!!!`), together with the closing
//! quotes, brackets and emoji that follow it («می‌آیم.»), when a space, a line break or the end
//! of the text comes next, or when an Arabic-script letter follows a word directly («رفتم.سپس»).
//! It does not end
//! - after a decimal point or any period followed by a digit (3.5, ۳.۵, 2.0.1);
//! - after an initial or a dotted abbreviation (م.، ه.ش.، ق.م.، ج.ا.ا.، U.S.A.، Dr.; see
//!   [`abbrev`]);
//! - after a list number at the start of a line (`1.`, `۱۲.`);
//! - inside a URL, e-mail or domain name (a mark followed by a Latin letter or digit never
//!   ends a sentence);
//! - at `(!)` / `(؟)` asides, or at a mark followed by `،` or another non-space character;
//! - at an ellipsis (`…`, `...`), which Persian uses for "and so on" and pauses («و… را خرید»),
//!   unless [`SegmentOptions::ellipsis_ends_sentence`] is set or another mark follows («…؟»);
//! - at `؛` or `:`.
//!
//! Every line break ends a sentence (a title line without a period is a sentence of its own),
//! unless [`SegmentOptions::newline_is_space`] is set: then only a blank line (or U+2029) does.
//!
//! ## Tokens
//!
//! Words keep their ZWNJs and marks; punctuation is separate (one token per mark, except runs
//! of one repeated `.` `!` `?` `؟` `-`); numbers keep their digits (Persian, Arabic or Latin),
//! separators `. , ٫ ٬`, sign and percent; dates (`۱۴۰۲/۰۵/۱۲`, `2023-05-12`), times (`22:30`)
//! and versions (`2.0.1`) are whole; so are URLs, bare domains, e-mails, @mentions, #hashtags
//! and emoji (ZWJ sequences, skin tones, flags, keycaps), Latin words (`CoRoT-7b`, `don't`),
//! dotted abbreviations with their final period (`U.S.A`, `ه.ش.`) and initials (`م.`). Every
//! non-whitespace character is in exactly one token.

pub mod abbrev;
mod chars;
mod sentence;
pub mod verbs;
mod word;

use std::ops::Range;

/// Options of the segmenter. JSON/TOML (de)serializable; missing fields take their defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct SegmentOptions {
    /// Hard-wrapped text: a single line break is a space; a blank line still ends a sentence.
    /// Off by default: every line break ends a sentence (titles, list items, verse).
    pub newline_is_space: bool,
    /// Join the parts of multi-part verbs into one token («خواهد رفت»، «گفته شده است»، «نگاه
    /// کرد»), like hazm's option of that name; see [`verbs`]. The token then spans the spaces
    /// between the parts.
    pub join_verb_parts: bool,
    /// An ellipsis (`…`, `...`) followed by a space ends a sentence. Off by default: Persian
    /// writes «و…» for "and so on" and a trailing `…` inside sentences, so only an ellipsis at
    /// the end of a line or text, or with another mark after it («…؟»), ends one.
    pub ellipsis_ends_sentence: bool,
}

impl SegmentOptions {
    /// The defaults: every line break ends a sentence, verb parts stay separate.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets [`SegmentOptions::newline_is_space`].
    pub fn newline_is_space(mut self, on: bool) -> Self {
        self.newline_is_space = on;
        self
    }

    /// Sets [`SegmentOptions::ellipsis_ends_sentence`].
    pub fn ellipsis_ends_sentence(mut self, on: bool) -> Self {
        self.ellipsis_ends_sentence = on;
        self
    }

    /// Sets [`SegmentOptions::join_verb_parts`].
    pub fn join_verb_parts(mut self, on: bool) -> Self {
        self.join_verb_parts = on;
        self
    }
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word: letters with their marks and ZWNJs, a Latin word, a dotted abbreviation.
    Word,
    /// A number: digits with separators, sign and percent (`-3.5`, `۱۲٬۵۰۰٫۷۵`, `5%`, `2.0.1`).
    Number,
    /// A date or time: `۱۴۰۲/۰۵/۱۲`, `2023-05-12`, `22:30`.
    DateTime,
    /// A URL or bare domain name: `https://a.ir/x?y=1`, `www.a.ir`, `example.com`.
    Url,
    /// An e-mail address.
    Email,
    /// `@user`.
    Mention,
    /// `#هشتگ_فارسی`.
    Hashtag,
    /// One emoji, with its modifiers, ZWJ sequence, flag pair or keycap.
    Emoji,
    /// Punctuation; a run of one repeated `.` `!` `?` `؟` `-` (`...`, `!!`) is one token.
    Punct,
    /// Any other character (`$`, `+`, `=`, `©` …).
    Symbol,
}

impl TokenKind {
    /// Every kind.
    pub const ALL: &'static [TokenKind] = &[
        TokenKind::Word,
        TokenKind::Number,
        TokenKind::DateTime,
        TokenKind::Url,
        TokenKind::Email,
        TokenKind::Mention,
        TokenKind::Hashtag,
        TokenKind::Emoji,
        TokenKind::Punct,
        TokenKind::Symbol,
    ];

    /// The kind's stable name: `word`, `number`, `datetime`, `url`, `email`, `mention`,
    /// `hashtag`, `emoji`, `punct`, `symbol`.
    pub fn name(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::DateTime => "datetime",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
            TokenKind::Mention => "mention",
            TokenKind::Hashtag => "hashtag",
            TokenKind::Emoji => "emoji",
            TokenKind::Punct => "punct",
            TokenKind::Symbol => "symbol",
        }
    }
}

/// One token: a byte span of the text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// What the token is.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text in `text` (the string it was found in).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// The sentences of `text` as byte ranges, trimmed of whitespace, never empty.
pub fn sentence_spans(text: &str, opts: &SegmentOptions) -> Vec<Range<usize>> {
    sentence::sentence_spans(text, opts)
}

/// The tokens of `text`, in order; whitespace is not a token, every other character is in
/// exactly one.
pub fn tokenize(text: &str, opts: &SegmentOptions) -> Vec<Token> {
    word::tokenize(text, opts)
}
