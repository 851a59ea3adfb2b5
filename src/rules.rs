//! Rule names: every change the normalizer makes is attributed to one of these.
//!
//! The names are the ones `explain()` reports and the documentation uses; a change produced by
//! several steps at once (one region touched twice) carries all of their rules.

use std::fmt;

macro_rules! rules {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// One named rule of the pipeline.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Rule {
            $($(#[$doc])* $variant,)*
        }

        impl Rule {
            /// Every rule, in pipeline order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The rule's stable name (snake_case), as shown by `explain()`.
            pub fn name(self) -> &'static str {
                match self { $(Rule::$variant => $name,)* }
            }
        }
    };
}

rules! {
    /// HTML entity unescaped.
    HtmlEntity => "html_entity",
    /// HTML tag dropped (block tags become a line break).
    HtmlTag => "html_tag",
    /// Arabic presentation form mapped to its base letters.
    PresentationForm => "presentation_form",
    /// Arabic, Urdu, Kurdish or Pashto letter mapped to its Persian letter.
    Letter => "letter",
    /// Teh marbuta written as heh.
    TehMarbuta => "teh_marbuta",
    /// Ezafe on heh written in the chosen style.
    Ezafe => "ezafe",
    /// Digit mapped to the chosen digit set.
    Digit => "digit",
    /// Decimal or thousands separator inside a number mapped with the digits.
    NumberSeparator => "number_separator",
    /// Diacritic (haraka, tanwin, shadda, sukun, superscript alef, Quranic mark) removed.
    Diacritic => "diacritic",
    /// Decomposed letter plus hamza or madda composed into one letter.
    Compose => "compose",
    /// Kashida (tatweel) removed.
    Kashida => "kashida",
    /// Bidi control, BOM, ZWSP, word joiner or stray ZWJ removed.
    Invisible => "invisible",
    /// Soft hyphen or not-sign used as a half-space written as ZWNJ.
    HalfSpace => "half_space",
    /// ZWNJ removed or deduplicated where it cannot belong.
    Zwnj => "zwnj",
    /// Unicode space or tab written as a plain space; CR/CRLF as LF.
    SpaceChar => "space_char",
    /// Run of spaces collapsed, line trimmed, or blank lines capped.
    Whitespace => "whitespace",
    /// Latin punctuation mapped to Persian (، ؛ ؟ ٪).
    Punctuation => "punctuation",
    /// Space removed or added around punctuation and brackets.
    PunctuationSpacing => "punctuation_spacing",
    /// Three dots written as an ellipsis.
    Ellipsis => "ellipsis",
    /// Straight or curly double quotes written as guillemets.
    Quotes => "quotes",
    /// Run of repeated ! or ؟ reduced to one.
    RepeatedPunctuation => "repeated_punctuation",
    /// Space between a stem and its suffix written as ZWNJ (or removed).
    SuffixJoin => "suffix_join",
    /// Space between a prefix (می، نمی، بی …) and its stem written as ZWNJ.
    PrefixJoin => "prefix_join",
    /// Space inside a compound written as ZWNJ or removed.
    CompoundJoin => "compound_join",
    /// ZWNJ inserted into a word whose parts were run together.
    SplitJoined => "split_joined",
    /// Space inserted between two words that were run together.
    SplitRunTogether => "split_run_together",
    /// Decision taken from the user lexicon.
    UserLexicon => "user_lexicon",
}

/// A set of rules (a bit set; one change may come from several rules).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RuleSet(u64);

impl RuleSet {
    /// No rule.
    pub const EMPTY: RuleSet = RuleSet(0);

    /// Both sets together.
    pub fn union(self, other: RuleSet) -> RuleSet {
        RuleSet(self.0 | other.0)
    }

    /// Whether `rule` is in the set.
    pub fn contains(self, rule: Rule) -> bool {
        self.0 & (1 << rule as u8) != 0
    }

    /// The rules in pipeline order.
    pub fn iter(self) -> impl Iterator<Item = Rule> {
        Rule::ALL.iter().copied().filter(move |r| self.contains(*r))
    }
}

impl From<Rule> for RuleSet {
    fn from(r: Rule) -> RuleSet {
        RuleSet(1 << r as u8)
    }
}

impl fmt::Display for RuleSet {
    /// Rule names joined by `+`, e.g. `letter+diacritic`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for r in self.iter() {
            if !first {
                f.write_str("+")?;
            }
            f.write_str(r.name())?;
            first = false;
        }
        Ok(())
    }
}
