//! The built-in lexicon: an fst map compiled into the binary, loaded once on first use.
//!
//! Built by `scripts/build_lexicon.py` from hazm's word and verb lists (see NOTICE). A key is a
//! word with every ZWNJ removed (its "joined key"); the value packs what is known about the
//! form written without ZWNJ (plain) and the best form written with ZWNJ, see [`Entry`].

use std::sync::LazyLock;

use fst::Map;

static BYTES: &[u8] = include_bytes!("../../data/lexicon.fst");

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
    map: Map::new(BYTES).expect("data/lexicon.fst is a valid fst map"),
});

/// POS bits of a lexicon entry (hazm's tags, folded).
pub mod pos {
    /// Noun.
    pub const N: u16 = 1 << 0;
    /// Adjective (comparatives included).
    pub const AJ: u16 = 1 << 1;
    /// Adverb.
    pub const ADV: u16 = 1 << 2;
    /// Pronoun.
    pub const PRO: u16 = 1 << 3;
    /// Determiner.
    pub const DET: u16 = 1 << 4;
    /// Preposition or postposition.
    pub const P: u16 = 1 << 5;
    /// Conjunction.
    pub const CONJ: u16 = 1 << 6;
    /// Numeral.
    pub const NUM: u16 = 1 << 7;
    /// Classifier.
    pub const CL: u16 = 1 << 8;
    /// Residual (interjections, symbols, foreign).
    pub const RES: u16 = 1 << 9;
    /// Plural noun.
    pub const PL: u16 = 1 << 10;
    /// Verb form generated from the stem list.
    pub const V: u16 = 1 << 11;
}

/// What the lexicon knows about one joined key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// Frequency class of the form without ZWNJ: 0 absent, 1 listed with frequency 0 (often a
    /// misspelled joined form, so unreliable), else `2 + 4·log2(freq + 1)`.
    pub plain_q: u8,
    /// Frequency class of the best form with ZWNJ (same scale; verb forms have 2).
    pub zw_q: u8,
    /// ZWNJ positions of that form: bit `i` set when a ZWNJ follows letter `i + 1` of the key.
    pub zw_mask: u32,
    /// POS bits of the plain form.
    pub plain_pos: u16,
    /// POS bits of the ZWNJ form.
    pub zw_pos: u16,
}

impl Entry {
    fn decode(v: u64) -> Entry {
        Entry {
            plain_q: v as u8,
            zw_q: (v >> 8) as u8,
            zw_mask: ((v >> 16) & 0xFF_FFFF) as u32,
            plain_pos: ((v >> 40) & 0xFFF) as u16,
            zw_pos: ((v >> 52) & 0xFFF) as u16,
        }
    }

    /// Whether the plain form is a word with a real frequency (or a generated verb form).
    pub fn plain_reliable(&self) -> bool {
        self.plain_q >= 2
    }

    /// Whether a ZWNJ form is listed.
    pub fn has_zw(&self) -> bool {
        self.zw_q >= 1 && self.zw_mask != 0
    }

    /// Whether the key is a known word in either spelling, with a real frequency.
    pub fn reliable(&self) -> bool {
        self.plain_q >= 2 || self.zw_q >= 2
    }

    /// Best frequency class of either spelling.
    pub fn q(&self) -> u8 {
        self.plain_q.max(self.zw_q)
    }

    /// POS bits of either spelling.
    pub fn pos(&self) -> u16 {
        self.plain_pos | self.zw_pos
    }
}

/// The compiled lexicon (immutable, shared).
pub struct Lexicon {
    map: Map<&'static [u8]>,
}

impl Lexicon {
    /// The built-in lexicon, loaded on first use.
    pub fn get() -> &'static Lexicon {
        &LEXICON
    }

    /// Looks a joined key (UTF-8 bytes, no ZWNJ) up.
    #[inline]
    pub fn lookup(&self, key: &[u8]) -> Option<Entry> {
        self.map.get(key).map(Entry::decode)
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the lexicon is empty (never, for the built-in one).
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(w: &str) -> Entry {
        Lexicon::get().lookup(w.as_bytes()).unwrap_or_default()
    }

    #[test]
    fn loads() {
        assert!(Lexicon::get().len() > 200_000);
    }

    #[test]
    fn entries() {
        assert!(e("کتاب").plain_reliable());
        assert!(e("کتاب").pos() & pos::N != 0);
        let v = e("میخواهند");
        assert!(v.has_zw() && v.zw_pos & pos::V != 0);
        assert_eq!(v.zw_mask, 0b10); // می‌خواهند
        assert!(e("رفتهاند").has_zw());
        assert!(e("تنها").plain_reliable());
        assert_eq!(e("qqq"), Entry::default());
    }
}
