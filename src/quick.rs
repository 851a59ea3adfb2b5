//! Quick check: text that the character pass ([`crate::clean`]) and the layout pass
//! ([`crate::layout`]) would both leave as it is, and that has no protected span.
//!
//! Most lines of running Persian text are letters, single spaces, ZWNJs between letters and
//! sentence punctuation already in place. One tight loop over the bytes recognises such a line
//! so that the normalizer can skip both passes (and the search for protected spans) and go
//! straight to the spacing engine. The check is conservative: it accepts only shapes that
//! neither pass changes under the given configuration, and answers `false` (run the passes)
//! for anything else: Latin text, line breaks, numbers with separators other than a decimal
//! point, a space or ZWNJ anywhere but between two words, and so on. Debug builds (the tests)
//! assert that both passes indeed return nothing for every text it accepts.
//!
//! [`scan_patched`] also accepts text where the passes would only make edits that need no
//! context (a diacritic dropped, a look-alike letter mapped, ASCII digits made Persian...),
//! and gives those edits; debug builds check its result against the passes'.

use crate::charset::{fast_classes, is_non_joining, FastClass};
use crate::config::{Digits, Ezafe, NormalizerConfig};

/// What the quick check accepts of an Arabic-block character.
const REJECT: u8 = 0;
/// A letter after which a ZWNJ may stand (it joins to the left).
const JOINING: u8 = 1;
/// A letter that does not join to the left (ا د ذ ر ز ژ و …).
const NON_JOINING: u8 = 2;
/// ، ؛ ؟: sentence punctuation right after a letter.
const PUNCT: u8 = 3;
/// A Persian digit.
const DIGIT: u8 = 4;
/// The hamza above U+0654 (only in «هٔ»).
const HAMZA_ABOVE: u8 = 5;
/// A look-alike letter the letter step maps to a letter of the check (ي ى → ی, ك → ک; not
/// to ه, which the checks for the ezafe read as the input has it). Patched, see
/// [`scan_patched`].
const MAPPED: u8 = 6;
/// A diacritic the diacritics step drops wherever it stands (harakat, tanwin, shadda, sukun,
/// superscript alef; not the madda and hamza marks, which compose). Patched, see
/// [`scan_patched`].
const DIACRITIC: u8 = 7;

/// Classes of U+0600..U+06FF, indexed like the skip tables (see [`crate::charset::arabic_index`]).
/// The letters ا و ی ه compose with a hamza or madda mark after them, but every mark is
/// rejected where it stands, and the one accepted («هٔ») is checked there; so a letter needs
/// no look ahead.
static TABLE: std::sync::LazyLock<[u8; 256]> = std::sync::LazyLock::new(|| {
    let classes = fast_classes();
    let mut t = [REJECT; 256];
    for (k, slot) in t.iter_mut().enumerate() {
        let cp = 0x600 + k as u32;
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        // Letters are those the spacing engine's word scan reads as letters too, so that the
        // words found here are its words.
        let scan_letter = crate::spacing::affixes::is_letter(c);
        *slot = match classes[cp as usize] {
            FastClass::Letter | FastClass::Composable if !scan_letter => REJECT,
            FastClass::Letter | FastClass::Composable if is_non_joining(c) => NON_JOINING,
            FastClass::Letter | FastClass::Composable => JOINING,
            FastClass::LayoutSpecial if matches!(c, '،' | '؛' | '؟') => PUNCT,
            FastClass::PersianDigit => DIGIT,
            _ if c == '\u{0654}' => HAMZA_ABOVE,
            _ if crate::letters::persian_letter(c)
                .is_some_and(|p| p != 'ه' && crate::spacing::affixes::is_letter(p)) =>
            {
                MAPPED
            }
            _ if matches!(c, '\u{064B}'..='\u{0652}' | '\u{0670}') => DIACRITIC,
            _ => REJECT,
        };
    }
    t
});

/// Marks a letter the check accepts in [`PAIRS`].
const LETTER: u8 = 0x80;
/// Marks a letter of the spacing engine's word scan in [`PAIRS`] (a superset: the check
/// turns down letters the character pass rewrites, such as the Arabic ي and ك).
const SCAN_LETTER: u8 = 0x40;

/// The class of every two-byte sequence, indexed by the sequence read as a little-endian
/// `u16`: [`LETTER`] | [`JOINING`] or [`NON_JOINING`] for the letters of [`TABLE`],
/// [`SCAN_LETTER`] for every letter of the word scan, 0 for anything else. One load per
/// letter in the inner loops, without decoding; the entries in use lie in about 64 cache
/// lines.
static PAIRS: std::sync::LazyLock<Box<[u8; 65536]>> = std::sync::LazyLock::new(|| {
    let mut t = Box::new([0u8; 65536]);
    for b0 in 0xD8..=0xDBu8 {
        for b1 in 0x80..=0xBFu8 {
            let k = usize::from(u16::from_le_bytes([b0, b1]));
            let c = TABLE[crate::charset::arabic_index(b0, b1)];
            if matches!(c, JOINING | NON_JOINING) {
                t[k] = LETTER | c;
            }
            let cp = (u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F);
            if char::from_u32(cp).is_some_and(crate::spacing::affixes::is_letter) {
                t[k] |= SCAN_LETTER;
            }
        }
    }
    t
});

/// The end of the run of letters marked `mark` in [`PAIRS`] from byte `i` on, and the
/// [`PAIRS`] entry of its last letter (`last` when none starts there): eight letters at a
/// time, then, near the end of the text, two at a time and the odd one.
#[inline(always)]
fn run(pairs: &[u8; 65536], b: &[u8], mut i: usize, mut last: u8, mark: u8) -> (usize, u8) {
    // Eight letters at a time without a branch per letter: a word's length is not
    // predictable, and a mispredicted loop exit per word cost more than the spare loads.
    while let Some(w) = b.get(i..i + 16).and_then(|w| <&[u8; 16]>::try_from(w).ok()) {
        let mut m = 0u32;
        let mut ts = [0u8; 8];
        for (k, t) in ts.iter_mut().enumerate() {
            *t = pairs[usize::from(u16::from_le_bytes([w[2 * k], w[2 * k + 1]]))];
            m |= u32::from(*t & mark != 0) << k;
        }
        let n = (!m).trailing_zeros() as usize;
        if n > 0 {
            last = ts[n - 1];
        }
        i += 2 * n;
        if n < 8 {
            return (i, last);
        }
    }
    while let Some(&[c0, c1, c2, c3]) = b.get(i..i + 4) {
        let t0 = pairs[usize::from(u16::from_le_bytes([c0, c1]))];
        let t1 = pairs[usize::from(u16::from_le_bytes([c2, c3]))];
        if t0 & t1 & mark == 0 {
            break;
        }
        last = t1;
        i += 4;
    }
    if let Some(&[c0, c1]) = b.get(i..i + 2) {
        let t0 = pairs[usize::from(u16::from_le_bytes([c0, c1]))];
        if t0 & mark != 0 {
            last = t0;
            i += 2;
        }
    }
    (i, last)
}

/// The end of the run of letters of the spacing engine's word scan (see
/// [`crate::spacing::affixes::is_letter`]) that starts at byte `i`; `i` itself when no
/// letter starts there.
#[inline(always)]
pub(crate) fn letters_end(b: &[u8], i: usize) -> usize {
    run(&PAIRS, b, i, 0, SCAN_LETTER).0
}

/// What came before the current byte.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// The start of the text or a space: a word (letter, digit or opening bracket) follows.
    Space,
    /// A ZWNJ: a letter of the same word follows.
    Zwnj,
    /// An opening bracket: a word or number follows.
    Open,
    /// A letter that joins to the left.
    Joining,
    /// A letter that does not.
    NonJoining,
    /// The end of a word that takes no more letters (هٔ, a closing bracket): a space,
    /// punctuation or the end follows.
    WordEnd,
    /// Persian digits: a space, sentence punctuation, a closing bracket or the end follows
    /// (what else may follow could continue the number).
    Digits,
    /// Sentence punctuation: a space, a closing bracket or the end follows.
    Punct,
}

impl Prev {
    fn after_letter(self) -> bool {
        matches!(self, Prev::Joining | Prev::NonJoining | Prev::WordEnd)
    }
}

/// A word of text the quick check accepted, as the spacing engine's scan would find it:
/// letters with single ZWNJs between them (byte offsets; of the patched text when the check
/// patched it, see [`scan_patched`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordSpan {
    /// Byte start.
    pub start: usize,
    /// Byte end (exclusive).
    pub end: usize,
    /// How many ZWNJs it has.
    pub zwnjs: usize,
}

/// One edit the patching check makes where the character or layout pass would make the same
/// edit in any line the check accepts: `input[at..at + del]` becomes `ins` (nothing when
/// `None`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Patch {
    /// Byte offset in the input.
    pub at: usize,
    /// Bytes replaced.
    pub del: usize,
    /// What is written instead.
    pub ins: Option<char>,
}

/// What one line's check leaves for the spacing engine: its words and, from
/// [`scan_patched`], the edits that come first. Kept per thread (see [`with_scratch`]).
#[derive(Debug, Default)]
pub struct Scratch {
    /// The words, in the patched text's offsets.
    pub words: Vec<WordSpan>,
    /// The edits, in order.
    pub patches: Vec<Patch>,
}

impl Scratch {
    fn clear(&mut self) {
        self.words.clear();
        self.patches.clear();
    }

    /// The input with the patches applied.
    pub fn apply(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + self.patches.len());
        let mut last = 0;
        for p in &self.patches {
            out.push_str(&text[last..p.at]);
            if let Some(c) = p.ins {
                out.push(c);
            }
            last = p.at + p.del;
        }
        out.push_str(&text[last..]);
        out
    }
}

/// Whether the character and layout passes with configuration `cfg` would leave `text`
/// unchanged and it holds no protected span (`false`: maybe not).
pub fn unchanged_by_char_passes(text: &str, cfg: &NormalizerConfig) -> bool {
    // (the thread's buffers: the check writes the words it reads)
    with_scratch(|s| check::<false>(text, cfg, s))
}

/// [`unchanged_by_char_passes`], also writing the words of the text to `s.words` (cleared
/// first; its content is unspecified when the answer is `false`).
pub fn scan(text: &str, cfg: &NormalizerConfig, s: &mut Scratch) -> bool {
    s.clear();
    check::<false>(text, cfg, s)
}

/// [`scan`] that also accepts text where the two passes would only make edits that need no
/// context: a diacritic dropped after a letter, a look-alike letter mapped (ي → ی), ASCII
/// digits standing alone made Persian among Persian words, straight double quotes that pair up
/// on the line made guillemets, a ZWNJ dropped after a letter that does not join. They go to
/// `s.patches`; applied to `text` ([`Scratch::apply`]) they give what both passes would give,
/// and `s.words` are the words of that text. Debug builds check the whole claim (see
/// [`crate::normalizer`]).
pub fn scan_patched(text: &str, cfg: &NormalizerConfig, s: &mut Scratch) -> bool {
    s.clear();
    check::<true>(text, cfg, s)
}

/// Runs `f` with this thread's scratch buffers (empty; fresh ones should the thread's be in
/// use), so that a line's words and patches take no allocation of their own.
pub fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
    }
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => {
            s.clear();
            let r = f(&mut s);
            // A very long text's buffers are not kept for the lines after it.
            if s.words.capacity() > MAX_KEPT_WORDS || s.patches.capacity() > MAX_KEPT_WORDS {
                *s = Scratch::default();
            }
            r
        }
        Err(_) => f(&mut Scratch::default()),
    })
}

/// Capacity of the word buffer kept between calls (words; 24 bytes each).
const MAX_KEPT_WORDS: usize = 1 << 14;

/// The check itself. With `PATCH`, the context-free edits are recorded in `s.patches`
/// instead of turning the text down, and the words are given in the patched text's offsets.
#[inline(always)]
fn check<const PATCH: bool>(text: &str, cfg: &NormalizerConfig, s: &mut Scratch) -> bool {
    let b = text.as_bytes();
    let table = &*TABLE;
    let pairs = &**PAIRS;
    let n = b.len();
    // Persian digits and the standard ezafe «هٔ» stay only under these settings.
    let digits_stay = cfg.digits == Digits::Fa;
    let ezafe_stays = cfg.ezafe == Ezafe::Standard;
    let mut prev = Prev::Space;
    let mut i = 0;
    // The word being read: its start (in the patched text) and ZWNJs so far.
    let (mut ws, mut nz) = (0, 0);
    // Bytes the patches so far add and remove: a byte `i` of the input is byte
    // `i + added - removed` of the patched text.
    let (mut added, mut removed) = (0usize, 0usize);
    // ASCII digits or a decimal point were made Persian: only right where the line has a
    // letter (all of them Persian here), see `crate::context`.
    let mut needs_context = false;
    let mut letter_seen = false;
    // Straight double quotes so far: they pair up in turn, as guillemets (see `clean`).
    let mut quotes = 0usize;
    while i < n {
        let b0 = b[i];
        if b0.wrapping_sub(0xD8) < 4 {
            let Some(&b1) = b.get(i + 1) else {
                return false;
            };
            let class = table[crate::charset::arabic_index(b0, b1)];
            // A look-alike letter is read as the letter it becomes.
            let class = match class {
                MAPPED if PATCH => match map_letter(cfg, pairs, b, i, s) {
                    Some(t) => t,
                    None => return false,
                },
                c => c,
            };
            match class {
                t @ (JOINING | NON_JOINING) => {
                    match prev {
                        Prev::Space | Prev::Open => (ws, nz) = (i + added - removed, 0),
                        Prev::Zwnj => {}
                        // a letter right after punctuation gets a space
                        _ => return false,
                    }
                    letter_seen = true;
                    let (mut first, mut t) = (i, t);
                    loop {
                        let mut last;
                        (i, last) = run(pairs, b, first + 2, t, LETTER);
                        if PATCH {
                            // Diacritics and look-alike letters inside the word, and the letters
                            // after them.
                            while let Some(&[c0, c1]) = b.get(i..i + 2) {
                                if c0.wrapping_sub(0xD8) >= 4 {
                                    break;
                                }
                                match table[crate::charset::arabic_index(c0, c1)] {
                                    // Only right after a letter of the check (its bytes are the
                                    // input's) that takes no mark: a ه may take the ezafe hamza,
                                    // and the checks below read the byte before a space or
                                    // hamza as the input has it.
                                    DIACRITIC
                                        if cfg.remove_diacritics
                                            && marked_at(pairs, b, i - 2, LETTER)
                                            && b[i - 2..i] != [0xD9, 0x87] =>
                                    {
                                        s.patches.push(Patch {
                                            at: i,
                                            del: 2,
                                            ins: None,
                                        });
                                        removed += 2;
                                        i += 2;
                                    }
                                    MAPPED => {
                                        let Some(t) = map_letter(cfg, pairs, b, i, s) else {
                                            return false;
                                        };
                                        last = t;
                                        i += 2;
                                    }
                                    _ => break,
                                }
                                (i, last) = run(pairs, b, i, last, LETTER);
                            }
                        }
                        prev = if last & (JOINING | NON_JOINING) == JOINING {
                            Prev::Joining
                        } else {
                            Prev::NonJoining
                        };
                        if b.get(i..i + 3) == Some(ZWNJ) {
                            break;
                        }
                        s.words.push(WordSpan {
                            start: ws,
                            end: i + added - removed,
                            zwnjs: nz,
                        });
                        // The next word after one space is read here, without going round
                        // the dispatch, when the space arm below would take it: a letter
                        // of the check after the space, and no «ه ی» of a detached ezafe.
                        let Some(&[b' ', c0, c1]) = b.get(i..i + 3) else {
                            break;
                        };
                        let nt = pairs[usize::from(u16::from_le_bytes([c0, c1]))];
                        if nt & LETTER == 0 || detached_ezafe(pairs, b, i) {
                            break;
                        }
                        first = i + 1;
                        (ws, nz, t) = (first + added - removed, 0, nt);
                    }
                    continue;
                }
                // (a run of them is left as it is unless runs are reduced)
                PUNCT
                    if prev.after_letter()
                        || prev == Prev::Digits
                        || prev == Prev::Punct && !cfg.reduce_repeated_punctuation =>
                {
                    prev = Prev::Punct
                }
                DIGIT if digits_stay && matches!(prev, Prev::Space | Prev::Open) => {
                    i = number_end::<PATCH>(b, i, s, &mut added, &mut needs_context);
                    prev = Prev::Digits;
                    continue;
                }
                // «هٔ» at the end of a word is already in the standard form.
                HAMZA_ABOVE
                    if ezafe_stays
                        && prev == Prev::Joining
                        && b[i - 2..i] == [0xD9, 0x87]
                        && !crate::clean::may_compose_after(b, i + 2) =>
                {
                    prev = Prev::WordEnd
                }
                _ => return false,
            }
            i += 2;
            continue;
        }
        match b0 {
            b' ' => {
                // One space between two words: a word before it, a letter, digit or opening
                // bracket after it, and not the «ه ی» of a detached ezafe (a ی standing alone
                // after a word in ه; a word that starts with ی is fine).
                if !(prev.after_letter() || matches!(prev, Prev::Punct | Prev::Digits)) {
                    return false;
                }
                let next_ok = match b.get(i + 1) {
                    Some(0xDB) => {
                        matches!(b.get(i + 2), Some(0xB0..=0xB9))
                            || marked_at(pairs, b, i + 1, LETTER)
                    }
                    Some(b'(' | b'-' | b'/') => true,
                    Some(0xC2) => b.get(i + 2) == Some(&0xAB),
                    Some(b'0'..=b'9') => PATCH && digits_stay,
                    Some(b'"') => PATCH || !cfg.quotes,
                    Some(&c0) => {
                        marked_at(pairs, b, i + 1, LETTER)
                            || PATCH
                                && c0.wrapping_sub(0xD8) < 4
                                && b.get(i + 2).is_some_and(|&c1| {
                                    table[crate::charset::arabic_index(c0, c1)] == MAPPED
                                })
                                // a look-alike ی after «ه »: read by the slow path
                                && !(i >= 2 && b[i - 2..i] == [0xD9, 0x87])
                    }
                    None => false,
                };
                if !next_ok {
                    return false;
                }
                if detached_ezafe(pairs, b, i) {
                    return false;
                }
                prev = Prev::Space;
                i += 1;
            }
            b'0'..=b'9' if PATCH && digits_stay && matches!(prev, Prev::Space | Prev::Open) => {
                i = number_end::<PATCH>(b, i, s, &mut added, &mut needs_context);
                prev = Prev::Digits;
            }
            b'"' if PATCH || !cfg.quotes => {
                // A straight double quote stays as it is unless the quotes step is on; then
                // the quotes of the line pair up in turn when there is an even number of them
                // (checked at the end) and become guillemets. Either way an opening one starts
                // a word and a closing one ends it, as for guillemets.
                let open = if cfg.quotes {
                    quotes % 2 == 0
                } else {
                    prev == Prev::Space
                };
                prev = if open && prev == Prev::Space {
                    Prev::Open
                } else if !open && prev.after_letter() {
                    Prev::WordEnd
                } else {
                    return false;
                };
                if cfg.quotes {
                    quotes += 1;
                    s.patches.push(Patch {
                        at: i,
                        del: 1,
                        ins: Some(if open { '«' } else { '»' }),
                    });
                    added += 1;
                }
                i += 1;
            }
            b'-' | b'/' => {
                // A dash or slash standing between spaces (or starting the text), or a dash
                // right after a word (فرهنگی- سیاسی): a space or the end follows.
                if !(prev == Prev::Space || b0 == b'-' && prev.after_letter()) {
                    return false;
                }
                prev = Prev::Punct;
                i += 1;
            }
            b'.' | b':' | b'!' => {
                // After a word or a number; a space or the end follows (no run of dots: an
                // ellipsis; after a number, no digit: a decimal). An exclamation mark may
                // follow other punctuation (؟!) unless runs are reduced.
                if !(prev.after_letter()
                    || prev == Prev::Digits
                    || b0 == b'!' && prev == Prev::Punct && !cfg.reduce_repeated_punctuation)
                {
                    return false;
                }
                prev = Prev::Punct;
                i += 1;
            }
            0xE2 if !cfg.ellipsis
                && b.get(i..i + 3) == Some("…".as_bytes())
                && prev.after_letter() =>
            {
                // An ellipsis after a word, as sentence punctuation.
                prev = Prev::Punct;
                i += 3;
            }
            b'(' | b')' | 0xC2 => {
                let (open, len) = match (b0, b.get(i + 1)) {
                    (b'(', _) => (true, 1),
                    (b')', _) => (false, 1),
                    (_, Some(0xAB)) => (true, 2),
                    (_, Some(0xBB)) => (false, 2),
                    _ => return false,
                };
                // An opening bracket starts a word or number, a closing one ends it (also
                // after the sentence punctuation that ends a quotation: «بیا!»).
                prev = if open && prev == Prev::Space {
                    Prev::Open
                } else if !open
                    && (prev.after_letter() || matches!(prev, Prev::Digits | Prev::Punct))
                {
                    Prev::WordEnd
                } else {
                    return false;
                };
                i += len;
            }
            0xE2 if b.get(i..i + 3) == Some(ZWNJ) => {
                // A ZWNJ between a letter that joins and another letter.
                if !marked_at(pairs, b, i + 3, LETTER) {
                    return false;
                }
                match prev {
                    Prev::Joining => nz += 1,
                    // After a letter that does not join, the layout pass drops it (the
                    // letters then read as one run).
                    Prev::NonJoining if PATCH && cfg.invisible => {
                        s.patches.push(Patch {
                            at: i,
                            del: 3,
                            ins: None,
                        });
                        removed += 3;
                    }
                    _ => return false,
                }
                prev = Prev::Zwnj;
                i += 3;
            }
            _ => return false,
        }
    }
    // ASCII digits and quotes change only in Persian context: a letter on the line (all of
    // them are Persian here). Quotes that do not pair up stay.
    if PATCH && ((needs_context || quotes > 0) && !letter_seen || quotes % 2 != 0) {
        return false;
    }
    !matches!(prev, Prev::Space | Prev::Zwnj | Prev::Open) || n == 0
}

/// The end of the run of digits at `i` (Persian ones, and with `PATCH` ASCII ones too, each
/// patched into its Persian digit: then `needs_context` is set).
#[inline(always)]
fn digits_end<const PATCH: bool>(
    b: &[u8],
    mut i: usize,
    s: &mut Scratch,
    added: &mut usize,
    needs_context: &mut bool,
) -> usize {
    loop {
        match b.get(i..i + 2) {
            Some(&[0xDB, 0xB0..=0xB9]) => i += 2,
            _ => match b.get(i) {
                Some(&d @ b'0'..=b'9') if PATCH => {
                    s.patches.push(Patch {
                        at: i,
                        del: 1,
                        ins: char::from_u32(0x06F0 + u32::from(d - b'0')),
                    });
                    *added += 1;
                    *needs_context = true;
                    i += 1;
                }
                _ => return i,
            },
        }
    }
}

/// The end of the number at `i`: a run of digits (see [`digits_end`]) and, after a Persian
/// decimal separator «٫» or (with `PATCH`) a decimal point patched into one, the digits of
/// its fraction. A second separator is turned down where it stands (a version, date or time
/// is the passes'), since only a space, sentence punctuation or a closing bracket may follow.
#[inline(always)]
fn number_end<const PATCH: bool>(
    b: &[u8],
    i: usize,
    s: &mut Scratch,
    added: &mut usize,
    needs_context: &mut bool,
) -> usize {
    let i = digits_end::<PATCH>(b, i, s, added, needs_context);
    // a digit the run may take: Persian, and with `PATCH` ASCII
    let digit_at = |k: usize| {
        PATCH && matches!(b.get(k), Some(b'0'..=b'9'))
            || matches!(b.get(k..k + 2), Some(&[0xDB, 0xB0..=0xB9]))
    };
    if b.get(i..i + 2) == Some("٫".as_bytes()) && digit_at(i + 2) {
        return digits_end::<PATCH>(b, i + 2, s, added, needs_context);
    }
    if PATCH && b.get(i) == Some(&b'.') && digit_at(i + 1) {
        s.patches.push(Patch {
            at: i,
            del: 1,
            ins: Some('٫'),
        });
        *added += 1;
        // (in Persian context only, like ASCII digits)
        *needs_context = true;
        return digits_end::<PATCH>(b, i + 1, s, added, needs_context);
    }
    i
}

/// Patches the look-alike letter at `b[i]` into the letter the letter step makes of it under
/// `cfg` and gives that letter's joining class, when it is a letter of the check (`None`:
/// the passes decide).
#[inline]
fn map_letter(
    cfg: &NormalizerConfig,
    pairs: &[u8; 65536],
    b: &[u8],
    i: usize,
    s: &mut Scratch,
) -> Option<u8> {
    let (cp, _) = crate::charset::decode_short(b, i)?;
    let c = char::from_u32(cp as u32)?;
    let crate::letters::Action::Char(p, _) = crate::letters::action(c, cfg) else {
        return None;
    };
    let mut buf = [0u8; 4];
    let t = match *p.encode_utf8(&mut buf).as_bytes() {
        [c0, c1] => pairs[usize::from(u16::from_le_bytes([c0, c1]))],
        _ => 0,
    };
    if t & LETTER == 0 {
        return None;
    }
    s.patches.push(Patch {
        at: i,
        del: 2,
        ins: Some(p),
    });
    Some(t & (JOINING | NON_JOINING))
}

/// Whether the space at `b[i]` stands between a word in ه and a ی standing alone: a detached
/// ezafe («خانه ی»), which the layout pass joins (a word that starts with ی is fine).
#[inline(always)]
fn detached_ezafe(pairs: &[u8; 65536], b: &[u8], i: usize) -> bool {
    i >= 2
        && b[i - 2..i] == [0xD9, 0x87]
        && b.get(i + 1..i + 3) == Some(&[0xDB, 0x8C])
        && !marked_at(pairs, b, i + 3, LETTER)
}

/// The bytes of U+200C.
const ZWNJ: &[u8] = "\u{200C}".as_bytes();

/// Whether a letter marked `mark` in [`PAIRS`] starts at `b[i]`.
#[inline(always)]
fn marked_at(pairs: &[u8; 65536], b: &[u8], i: usize, mark: u8) -> bool {
    match (b.get(i), b.get(i + 1)) {
        (Some(&b0), Some(&b1)) => pairs[usize::from(u16::from_le_bytes([b0, b1]))] & mark != 0,
        _ => false,
    }
}

/// Whether a letter of the spacing engine's word scan (see
/// [`crate::spacing::affixes::is_letter`]) starts at byte `i`.
#[inline(always)]
pub(crate) fn scan_letter_at(b: &[u8], i: usize) -> bool {
    marked_at(&PAIRS, b, i, SCAN_LETTER)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::NormalizerConfig;

    fn passes_leave(s: &str, cfg: &NormalizerConfig) -> bool {
        let p = crate::protect::find_protected(s);
        p.is_empty()
            && crate::clean::clean(s, cfg, &p).is_none()
            && crate::layout::layout(s, cfg, &p).is_none()
    }

    fn quick(s: &str) -> bool {
        unchanged_by_char_passes(s, &NormalizerConfig::default())
    }

    #[test]
    fn pair_table_matches_the_character_table() {
        for v in 0..=u16::MAX {
            let [b0, b1] = v.to_le_bytes();
            let two_byte = b0.wrapping_sub(0xD8) < 4 && (0x80..0xC0).contains(&b1);
            let mut want = if two_byte {
                match TABLE[crate::charset::arabic_index(b0, b1)] {
                    c @ (JOINING | NON_JOINING) => LETTER | c,
                    _ => 0,
                }
            } else {
                0
            };
            // decoded on its own here, not through the table's index arithmetic
            let decoded = std::str::from_utf8(&[b0, b1])
                .ok()
                .and_then(|s| s.chars().next())
                .is_some_and(crate::spacing::affixes::is_letter);
            if decoded {
                want |= SCAN_LETTER;
            }
            assert_eq!(PAIRS[usize::from(v)], want, "{b0:#x} {b1:#x}");
            // every letter the check accepts is a letter of the word scan
            assert!(want & LETTER == 0 || want & SCAN_LETTER != 0);
        }
    }

    #[test]
    fn accepts_plain_running_text() {
        for s in [
            "",
            "کتاب",
            "این کتاب‌ها را خواندم.",
            "او گفت: می‌روم، تو چه؟ بیا!",
            "و در آن روز؛ هیچ",
            "خانهٔ ما",
            "خانه یک",
            "تهران - ایرنا",
            "در سال ۱۴۰۲ و (به گفتهٔ او) «کتاب» را خواند.",
        ] {
            assert!(quick(s), "{s}");
            assert!(passes_leave(s, &NormalizerConfig::default()), "{s}");
        }
    }

    #[test]
    fn rejects_what_a_pass_may_change() {
        for s in [
            " کتاب",
            "کتاب ",
            "کتاب  ها",
            "کتاب .",
            "کتاب.کتاب",
            "کتاب...",
            "كتاب",
            "علي",
            "12 کتاب",
            "کتاب‌ ها",
            "دار‌ها",
            "‌کتاب",
            "کتاب\u{200c}",
            "خانه ی من",
            "خانه ی",
            "خانه ی.",
            "تهران-ایرنا",
            "تهران -ایرنا",
            "تهران --",
            "فَرش",
            "آ\u{0653}",
            "کتاب\nها",
            "book کتاب",
            "#کتاب",
            "کتاب,ها",
            "ـکتاب",
            "خانهٔی",
            "( کتاب)",
            "(کتاب )",
            "۱۲.۵",
            "۱۲٪",
            "۱۲کتاب",
        ] {
            assert!(!quick(s), "{s:?}");
        }
    }

    /// The patched text, with the words checked against it; `None` when turned down.
    fn patched(s: &str, cfg: &NormalizerConfig) -> Option<String> {
        let mut sc = Scratch::default();
        if !scan_patched(s, cfg, &mut sc) {
            return None;
        }
        let p = sc.apply(s);
        let mut unpatched = Scratch::default();
        assert!(scan(&p, cfg, &mut unpatched), "{p:?}");
        assert!(unpatched.patches.is_empty());
        assert_eq!(sc.words, unpatched.words, "{s:?}");
        Some(p)
    }

    #[test]
    fn patches_the_edits_that_need_no_context() {
        let cfg = NormalizerConfig::default();
        for (s, want) in [
            ("کاملاً درست", "کاملا درست"),
            ("فَرش و کتابِ من", "فرش و کتاب من"),
            ("علي و كتاب", "علی و کتاب"),
            ("ي كتاب", "ی کتاب"),
            ("سال 1402 بود", "سال ۱۴۰۲ بود"),
            ("1402 سال", "۱۴۰۲ سال"),
            ("سال 14۰2.", "سال ۱۴۰۲."),
            ("مدیر\u{200C}عامل شرکت", "مدیرعامل شرکت"),
            ("كتاب\u{200C}ها", "کتاب\u{200C}ها"),
            // quotes stay as they are by default
            ("\"یک اتفاق\" نام \"او\".", "\"یک اتفاق\" نام \"او\"."),
            (
                "کتاب\u{200C}های علي\u{200C}اکبر",
                "کتاب\u{200C}های علی\u{200C}اکبر",
            ),
            // accepted as it is, without a patch
            ("در سال ۱۹۸۲، او رفت.", "در سال ۱۹۸۲، او رفت."),
            (
                "او گفت «بیا!». سال (۱۳۲۰) بود.",
                "او گفت «بیا!». سال (۱۳۲۰) بود.",
            ),
            ("سال (1921) بود", "سال (۱۹۲۱) بود"),
            ("رشد 9.54 درصد", "رشد ۹٫۵۴ درصد"),
            ("رشد ۹.۵ درصد", "رشد ۹٫۵ درصد"),
            ("سال 12.5.", "سال ۱۲٫۵."),
            ("۱۲ / ۵ درصد، فرهنگی- سیاسی", "۱۲ / ۵ درصد، فرهنگی- سیاسی"),
            (
                "این… آن را…؟! است!؟ فارسی،، بهار",
                "این… آن را…؟! است!؟ فارسی،، بهار",
            ),
        ] {
            assert_eq!(patched(s, &cfg).as_deref(), Some(want), "{s:?}");
        }
    }

    #[test]
    fn leaves_to_the_passes_the_edits_that_need_context() {
        let cfg = NormalizerConfig::default();
        for s in [
            // ASCII digits without a letter on the line stay ASCII
            "1402",
            "12 34",
            // a number read with its separators
            "سال 12/5 بود",
            "سال 12% بود",
            "سال 1.2.3 بود",
            "ساعت 12:30",
            "12کتاب",
            // quotes where a guillemet could not stand
            "کتاب \" من\"",
            "\"\"",
            "\"کتاب\"من",
            // a mark after ه may be the ezafe, two marks in a row, a mark at a word start
            "خانهِ من",
            "فَّرش",
            "ً کتاب",
            // a look-alike ی after «ه »: maybe a detached ezafe
            "خانه ي من",
            "خانه ی",
            // ە becomes ه; madda and hamza marks compose
            "خانە",
            "بو\u{0653}",
            "ي\u{0654}",
            // a ZWNJ before a look-alike letter
            "دار\u{200C}ي",
        ] {
            assert_eq!(patched(s, &cfg), None, "{s:?}");
        }
        // With the quotes step, straight quotes that pair up become guillemets.
        let quotes = NormalizerConfig {
            quotes: true,
            ..Default::default()
        };
        assert_eq!(
            patched("\"یک اتفاق\" نام \"او\".", &quotes).as_deref(),
            Some("«یک اتفاق» نام «او».")
        );
        for s in ["\"کتاب", "\"کتاب\" \"من", "\"12\""] {
            assert_eq!(patched(s, &quotes), None, "{s:?}");
        }
        assert!(!scan("\"کتاب\"", &quotes, &mut Scratch::default()));
        // Each patch only under its setting.
        let off = NormalizerConfig {
            letters: false,
            remove_diacritics: false,
            invisible: false,
            digits: Digits::Keep,
            ..Default::default()
        };
        for s in ["علي", "کاملاً", "مدیر\u{200C}عامل", "سال 1402 بود"] {
            assert_eq!(patched(s, &off), None, "{s:?}");
        }
        // The scan without patches turns them all down.
        for s in ["کاملاً درست", "علي", "سال 1402 بود", "مدیر\u{200C}عامل"]
        {
            assert!(!scan(s, &cfg, &mut Scratch::default()), "{s:?}");
        }
    }

    #[test]
    fn runs_of_punctuation_only_when_they_stay() {
        let reduce = NormalizerConfig {
            reduce_repeated_punctuation: true,
            ..Default::default()
        };
        for s in ["کتاب؟؟", "کتاب!! من", "کتاب؟!", "کتاب،، من"] {
            assert!(quick(s), "{s}");
            assert!(passes_leave(s, &NormalizerConfig::default()), "{s}");
            assert!(!unchanged_by_char_passes(s, &reduce), "{s}");
        }
    }

    #[test]
    fn finds_the_words() {
        let mut w = Scratch::default();
        let t = "در (کتاب‌های) خانهٔ ما.";
        assert!(scan(t, &NormalizerConfig::default(), &mut w));
        let words: Vec<(&str, usize)> = w
            .words
            .iter()
            .map(|s| (&t[s.start..s.end], s.zwnjs))
            .collect();
        assert_eq!(words, [("در", 0), ("کتاب‌های", 1), ("خانه", 0), ("ما", 0)]);
    }

    #[test]
    fn rejects_digits_and_ezafe_when_settings_change_them() {
        let latin = NormalizerConfig {
            digits: Digits::Latin,
            ..Default::default()
        };
        assert!(!unchanged_by_char_passes("سال ۱۴۰۲", &latin));
        let joda = NormalizerConfig {
            ezafe: Ezafe::Joda,
            ..Default::default()
        };
        assert!(!unchanged_by_char_passes("خانهٔ ما", &joda));
    }

    #[test]
    fn accepted_text_is_left_alone_by_both_passes() {
        // Every accepted text of a small exhaustive grammar really needs nothing, under the
        // default and other settings.
        let atoms = [
            "ک", "ا", "ه", "ی", "و", "ء", " ", "\u{200c}", ".", "،", "؟", "!", "ٔ", "۱", "(", ")",
            "«", "»", "-", "ٓ", "ً",
        ];
        let configs = [
            NormalizerConfig::default(),
            NormalizerConfig {
                ezafe: Ezafe::Joda,
                digits: Digits::Latin,
                ..Default::default()
            },
            NormalizerConfig {
                ezafe: Ezafe::Keep,
                digits: Digits::Keep,
                ..Default::default()
            },
        ];
        // Every string of five atoms (the shapes around a dash or a detached ezafe need five).
        let k = atoms.len();
        for cfg in &configs {
            let mut n = 0;
            let mut s = String::new();
            for code in 0..k.pow(5) {
                s.clear();
                let mut c = code;
                for _ in 0..5 {
                    s.push_str(atoms[c % k]);
                    c /= k;
                }
                if unchanged_by_char_passes(&s, cfg) {
                    n += 1;
                    assert!(passes_leave(&s, cfg), "{s:?} {cfg:?}");
                }
            }
            assert!(n > 5_000, "{n}");
        }
    }
}
