//! A per-thread memo of what the word scan's fast path learns about a word on its own.
//!
//! Running text repeats its words (a few thousand cover most of any page), and for a word
//! alone the fast path asks the same questions every time: the lexicon filter's flags, whether
//! it may be a joined form to split, whether it is an affix or ends like a compound's right
//! part. The answers depend on the word's bytes and the built-in lexicon only, so they are
//! kept in a table per thread (open addressing, emptied when full), checked against the
//! word's bytes (never against its hash alone, so the output cannot depend on what the thread
//! saw before). The table also keeps what the split analysis learned about a word: that it
//! plans nothing for it whatever the context ([`LEARNED`]).

use std::cell::RefCell;

use super::affixes::MAX_AFFIX_BYTES;
use super::filter;
use super::lexicon::{lost_zwnj, Lexicon};
use super::split::{is_suffix_bytes, may_be_joined_form};

/// The word may be a joined form the split analysis looks at.
pub(super) const CANDIDATE: u8 = 1;
/// The split analysis plans nothing for the word, whatever its context: the lexicon lists it
/// joined with a real frequency and prefers no ZWNJ form (checked in debug builds).
pub(super) const NO_SPLIT: u8 = 2;
/// It ends with an ending a compound's right part may carry (see `gap.rs`).
pub(super) const COMPOUND_END: u8 = 4;
/// It is a suffix or head on its own.
pub(super) const AFFIX: u8 = 8;
/// Learned, not worked out: the split analysis ran on the word with the default split options
/// (`split_joined` on, `split_run_together` off), looked at nothing but the word itself and
/// planned nothing, so it plans nothing in any context where no ZWNJ precedes the word
/// (checked in debug builds like [`NO_SPLIT`]). Most words of running text that end like an
/// affixed form are such words; without this bit each occurrence would be analysed afresh.
pub(super) const LEARNED: u8 = 16;
/// [`LEARNED`] for the word as a piece after a ZWNJ (or after a separated می), which the
/// analysis reads otherwise (کتاب‌های: a suffix there is left alone).
pub(super) const LEARNED_AFTER_ZWNJ: u8 = 32;

/// No filter flag, three letters or more, and in the lexicon's filter of right parts: the word
/// may be the unlisted right part of a listed word broken by a space (see
/// `Inner::broken_word`).
pub(super) const BROKEN_RIGHT: u8 = 64;

/// The learned bit for a piece that a ZWNJ precedes or not.
#[inline]
pub(super) fn learned_bit(after_zwnj: bool) -> u8 {
    if after_zwnj {
        LEARNED_AFTER_ZWNJ
    } else {
        LEARNED
    }
}

/// What the fast path needs to know about a word alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Facts {
    /// The lexicon filter's flags for the word.
    pub flags: u8,
    /// [`CANDIDATE`], [`NO_SPLIT`], [`COMPOUND_END`], [`AFFIX`], [`BROKEN_RIGHT`].
    pub bits: u8,
}

impl Facts {
    /// Works the facts out (what a memo miss costs).
    pub fn of(lex: &Lexicon, p: &[u8], h: u64) -> Facts {
        let flags = lex.key_flags(h);
        let mut bits = 0;
        if p.len() >= 6 && may_be_joined_form(lex, p, flags) {
            bits |= CANDIDATE;
            // The split analysis returns at once for a word listed with a real frequency
            // whose ZWNJ form does not win (and no user lexicon: the fast path runs only
            // without one).
            if let Some(e) = lex.lookup(p) {
                if !(e.zw_wins() || lost_zwnj(p, &e)) && e.plain_reliable() {
                    bits |= NO_SPLIT;
                }
            }
        }
        if super::gap::may_carry_compound_ending(p, flags) {
            bits |= COMPOUND_END;
        }
        if p.len() <= MAX_AFFIX_BYTES && filter::may_be_affix(h) && is_suffix_bytes(p) {
            bits |= AFFIX;
        }
        if flags == 0 && p.len() >= super::BROKEN_RIGHT_MIN && lex.may_be_broken_right(h) {
            bits |= BROKEN_RIGHT;
        }
        Facts { flags, bits }
    }
}

/// Longest word kept in the table of short words (a slot is then 16 bytes: most words of
/// running text, up to six letters).
const SHORT_KEY: usize = 13;
/// Longest word kept at all (bytes; a slot of the table of long words is then 32 bytes);
/// longer ones are worked out each time.
const KEY: usize = 29;
/// Slots of the short table (a power of two): 256 KiB per thread.
const SHORT_SLOTS: usize = 16384;
/// Slots of the long table: 128 KiB per thread. Two tables keep the slots of the frequent
/// short words within half the memory one table of 32-byte slots would take, which matters
/// next to the caller's own data (a Python process's objects).
const LONG_SLOTS: usize = 4096;

/// Forces 16-byte alignment: a short slot never straddles two cache lines.
#[derive(Clone, Copy)]
#[repr(align(16))]
struct Align16;
/// Forces 32-byte alignment for the long slots.
#[derive(Clone, Copy)]
#[repr(align(32))]
struct Align32;

#[derive(Clone, Copy)]
#[repr(C)]
struct Slot<const K: usize, A: Copy> {
    _align: [A; 0],
    key: [u8; K],
    len: u8,
    facts: Facts,
}

/// An open-addressing table of words of up to `K` bytes with `N` slots.
struct Table<const K: usize, A: Copy, const N: usize> {
    slots: Vec<Slot<K, A>>,
    /// Slots in use.
    used: usize,
}

impl<const K: usize, A: Copy, const N: usize> Table<K, A, N> {
    /// Most words kept: when the table is this full it is emptied and fills again with the
    /// words that come next. Linear probing stays short below this load, and a text's few
    /// thousand frequent words come back within a few lines, so a flush costs little, while a
    /// direct-mapped table of the same size loses a quarter of its lookups to collisions.
    const LIMIT: usize = N / 4 * 3;

    fn new(align: A) -> Self {
        Table {
            slots: vec![
                Slot {
                    _align: [align; 0],
                    key: [0; K],
                    len: 0,
                    facts: Facts { flags: 0, bits: 0 },
                };
                N
            ],
            used: 0,
        }
    }

    /// The slot that holds `p` (`Ok`) or the empty slot where it would go (`Err`); `p` is
    /// 1 to `K` bytes. The table is never full (see `LIMIT`), so the probe ends.
    #[inline(always)]
    fn find(&self, p: &[u8], h: u64) -> Result<usize, usize> {
        // The high bits: the low ones pick the lexicon filter's word.
        let mut i = (h >> 40) as usize & (N - 1);
        loop {
            let slot = &self.slots[i];
            if slot.len as usize == p.len() && same(&slot.key[..p.len()], p) {
                return Ok(i);
            }
            if slot.len == 0 {
                return Err(i);
            }
            i = (i + 1) & (N - 1);
        }
    }

    /// The facts of `p` (1 to `K` bytes), from the table or worked out (and kept).
    #[inline(always)]
    fn facts(&mut self, lex: &Lexicon, p: &[u8], h: u64) -> Facts {
        match self.find(p, h) {
            Ok(i) => self.slots[i].facts,
            Err(i) => self.fill(i, lex, p, h),
        }
    }

    /// Sets `bit` in the facts of `p` (1 to `K` bytes), if the table holds it.
    #[inline]
    fn learn(&mut self, p: &[u8], h: u64, bit: u8) {
        if let Ok(i) = self.find(p, h) {
            self.slots[i].facts.bits |= bit;
        }
    }

    /// A miss: works the facts out and keeps them in slot `i` (empty), emptying the table
    /// first when it is full.
    #[cold]
    #[inline(never)]
    fn fill(&mut self, mut i: usize, lex: &Lexicon, p: &[u8], h: u64) -> Facts {
        let facts = Facts::of(lex, p, h);
        if self.used >= Self::LIMIT {
            for s in &mut self.slots {
                s.len = 0;
            }
            self.used = 0;
            i = (h >> 40) as usize & (N - 1);
        }
        let slot = &mut self.slots[i];
        slot.key[..p.len()].copy_from_slice(p);
        slot.len = p.len() as u8;
        slot.facts = facts;
        self.used += 1;
        facts
    }
}

/// The memo of one thread: a table of short words and one of long ones.
pub(super) struct Memo {
    short: Table<SHORT_KEY, Align16, SHORT_SLOTS>,
    long: Table<KEY, Align32, LONG_SLOTS>,
}

impl Memo {
    fn new() -> Memo {
        Memo {
            short: Table::new(Align16),
            long: Table::new(Align32),
        }
    }

    /// The facts of word `p` with hash `h`, from the memo or worked out (and kept).
    #[inline(always)]
    pub fn facts(&mut self, lex: &Lexicon, p: &[u8], h: u64) -> Facts {
        match p.len() {
            1..=SHORT_KEY => self.short.facts(lex, p, h),
            n if n > SHORT_KEY && n <= KEY => self.long.facts(lex, p, h),
            _ => Facts::of(lex, p, h),
        }
    }

    /// Records that the split analysis of `p` (hash `h`) plans nothing in any context (`bit`:
    /// [`LEARNED`] or [`LEARNED_AFTER_ZWNJ`]), if the memo holds `p`.
    #[inline]
    pub fn learn(&mut self, p: &[u8], h: u64, bit: u8) {
        match p.len() {
            1..=SHORT_KEY => self.short.learn(p, h, bit),
            n if n > SHORT_KEY && n <= KEY => self.long.learn(p, h, bit),
            _ => {}
        }
    }
}

/// Equality of two byte strings of the same length, at most [`KEY`] bytes, with overlapping
/// word loads (no call to `memcmp`).
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n <= 16 {
        return super::affixes::short_eq(a, b);
    }
    let w16 = |s: &[u8], i: usize| u128::from_le_bytes(s[i..i + 16].try_into().unwrap_or([0; 16]));
    w16(a, 0) == w16(b, 0) && w16(a, n - 16) == w16(b, n - 16)
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::new());
}

/// Runs `f` with this thread's memo (or a fresh one, should the thread's be in use).
pub(super) fn with<R>(f: impl FnOnce(&mut Memo) -> R) -> R {
    MEMO.with(|m| match m.try_borrow_mut() {
        Ok(mut m) => f(&mut m),
        Err(_) => f(&mut Memo::new()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHORT_LIMIT: usize = Table::<SHORT_KEY, Align16, SHORT_SLOTS>::LIMIT;

    #[test]
    fn slots_are_a_cache_line_fraction() {
        assert_eq!(std::mem::size_of::<Slot<SHORT_KEY, Align16>>(), 16);
        assert_eq!(std::mem::size_of::<Slot<KEY, Align32>>(), 32);
        assert_eq!(std::mem::align_of::<Slot<SHORT_KEY, Align16>>(), 16);
    }

    #[test]
    fn memo_answers_like_the_work() {
        let lex = Lexicon::get();
        let mut m = Memo::new();
        let words = [
            "برای",
            "کتابها",
            "میروم",
            "ها",
            "کارها",
            "آنها",
            "خانه",
            "کتاب",
            "بی",
            "یک",
            "دانشگاه",
            "سیاستمدارانی",
            "آسیبپذیریهایشان",
        ];
        for _ in 0..3 {
            for w in words {
                let p = w.as_bytes();
                let h = filter::hash(p);
                assert_eq!(m.facts(lex, p, h), Facts::of(lex, p, h), "{w}");
            }
        }
        let f = |w: &str| Facts::of(lex, w.as_bytes(), filter::hash(w.as_bytes())).bits;
        assert_eq!(f("برای") & (CANDIDATE | NO_SPLIT), CANDIDATE | NO_SPLIT);
        assert_eq!(f("کتابها") & NO_SPLIT, 0);
        assert_ne!(f("ها") & AFFIX, 0);
        assert_ne!(f("کارها") & COMPOUND_END, 0);
        // the unlisted derivative of a ZWNJ compound (آتش‌نشان + ان)
        assert_ne!(f("آتشنشانان") & CANDIDATE, 0);
    }

    #[test]
    fn long_keys_compare_whole() {
        let a = "آسیبپذیریهایشان".as_bytes();
        let mut b = a.to_vec();
        assert!(same(a, &b));
        b[a.len() / 2] ^= 1;
        assert!(!same(a, &b));
        b = a.to_vec();
        b[0] ^= 1;
        assert!(!same(a, &b));
    }

    #[test]
    fn colliding_words_do_not_share_facts() {
        // Two words in one slot: each gets its own facts back.
        let lex = Lexicon::get();
        let mut m = Memo::new();
        let a = "برای".as_bytes();
        let b = "کتابها".as_bytes();
        let h = filter::hash(a);
        let fa = m.facts(lex, a, h);
        let fb = m.facts(lex, b, h); // same slot, other bytes
        assert_eq!(fb, Facts::of(lex, b, h));
        assert_eq!(m.facts(lex, a, h), fa);
    }

    #[test]
    fn a_full_memo_empties_and_still_answers_right() {
        let lex = Lexicon::get();
        let mut m = Memo::new();
        let letters: Vec<char> = "ابپتثجچحخدرزسشصطعغفقکگلمنوهی".chars().collect();
        let mut words = Vec::new();
        'outer: for a in &letters {
            for b in &letters {
                for c in &letters {
                    words.push(format!("{a}{b}{c}"));
                    if words.len() > SHORT_LIMIT + 100 {
                        break 'outer;
                    }
                }
            }
        }
        for w in &words {
            let (p, h) = (w.as_bytes(), filter::hash(w.as_bytes()));
            assert_eq!(m.facts(lex, p, h), Facts::of(lex, p, h), "{w}");
            assert!(m.short.used <= SHORT_LIMIT);
        }
        // the flush happened: only the words after it are kept
        assert!(m.short.used < 200, "{}", m.short.used);
        for w in words.iter().rev().take(50) {
            assert!(
                m.short
                    .find(w.as_bytes(), filter::hash(w.as_bytes()))
                    .is_ok(),
                "{w}"
            );
        }
    }

    #[test]
    fn learning_marks_only_that_word() {
        let lex = Lexicon::get();
        let mut m = Memo::new();
        let a = "کتابی".as_bytes();
        let b = "کتابم".as_bytes();
        let h = filter::hash(a);
        m.facts(lex, a, h);
        m.facts(lex, b, h); // probes from the same slot
        m.learn(b, h, LEARNED);
        assert_eq!(m.facts(lex, a, h).bits & LEARNED, 0);
        assert_ne!(m.facts(lex, b, h).bits & LEARNED, 0);
        assert_eq!(m.facts(lex, b, h).bits & LEARNED_AFTER_ZWNJ, 0);
        // a word the memo does not hold learns nothing (and is not added)
        let c = "کتابت".as_bytes();
        m.learn(c, h, LEARNED);
        assert!(m.short.find(c, h).is_err());
    }
}
