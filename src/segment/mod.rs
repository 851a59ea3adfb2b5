//! Segmentation: sentences and word tokens as byte spans into the text given.
//!
//! Both functions make one pass over the text and allocate only their output vector. Spans are
//! UTF-8 byte offsets on char boundaries, ordered and non-overlapping; the Python bindings turn
//! them into code-point offsets.
//!
//! Sentences end at `.` `!` `?` `؟` (and runs of them, with `…` too, with the closing quotes and brackets
//! that follow: «می‌آیم.»), and at line breaks, but not after a decimal point (3.5), an initial
//! or a dotted abbreviation (م.، ه.ش.، ج.ا.ا.؛ see [`abbrev`]), a list number at the start of a
//! line (۱.), nor inside a URL, e-mail or domain name. `؛` and `:` do not end a sentence.
//!
//! Tokens: words keep their ZWNJs; punctuation is separate; numbers keep their digits,
//! separators, sign and percent; dates, times and versions, URLs, e-mails, @mentions and
//! #hashtags, emoji sequences, Latin words and dotted abbreviations are one token each. Every
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
