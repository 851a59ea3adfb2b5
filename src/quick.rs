//! Quick check: text that the character pass ([`crate::clean`]) and the layout pass
//! ([`crate::layout`]) would both leave as it is, and that has no protected span.
//!
//! Most lines of running Persian text are letters, single spaces, ZWNJs between letters and
//! sentence punctuation already in place. One tight loop over the bytes recognises such a line
//! so that the normalizer can skip both passes (and the search for protected spans) and go
//! straight to the spacing engine. The check is conservative: it accepts only shapes that
//! neither pass changes under any configuration, and answers `false` (run the passes) for
//! anything else: digits, marks, brackets, quotes, Latin text, line breaks, a space or ZWNJ
//! anywhere but between two words. Debug builds (the tests) assert that both passes indeed
//! return nothing for every text it accepts.

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
/// [`PAIRS`] entry of its last letter (`last` when none starts there): two letters at a time
/// (one four-byte load, one table load each), then the odd one.
#[inline(always)]
fn run(pairs: &[u8; 65536], b: &[u8], mut i: usize, mut last: u8, mark: u8) -> (usize, u8) {
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
    /// An opening bracket: a word follows.
    Open,
    /// A letter that joins to the left.
    Joining,
    /// A letter that does not.
    NonJoining,
    /// The end of a word that takes no more letters (هٔ, a closing bracket): a space,
    /// punctuation or the end follows.
    WordEnd,
    /// Persian digits: a space or the end follows (anything else may continue the number).
    Digits,
    /// Sentence punctuation: a space or the end follows.
    Punct,
}

impl Prev {
    fn after_letter(self) -> bool {
        matches!(self, Prev::Joining | Prev::NonJoining | Prev::WordEnd)
    }
}

/// A word of text the quick check accepted, as the spacing engine's scan would find it:
/// letters with single ZWNJs between them (byte offsets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordSpan {
    /// Byte start.
    pub start: usize,
    /// Byte end (exclusive).
    pub end: usize,
    /// How many ZWNJs it has.
    pub zwnjs: usize,
}

/// Whether the character and layout passes with configuration `cfg` would leave `text`
/// unchanged and it holds no protected span (`false`: maybe not).
pub fn unchanged_by_char_passes(text: &str, cfg: &NormalizerConfig) -> bool {
    check(text, cfg, |_| {})
}

/// [`unchanged_by_char_passes`], also writing the words of the text to `words` (cleared
/// first; its content is unspecified when the answer is `false`).
pub fn scan(text: &str, cfg: &NormalizerConfig, words: &mut Vec<WordSpan>) -> bool {
    words.clear();
    check(text, cfg, |w| words.push(w))
}

/// Runs `f` with this thread's word buffer (empty; a fresh one should the thread's be in
/// use), so that a line's words take no allocation of their own.
pub fn with_words<R>(f: impl FnOnce(&mut Vec<WordSpan>) -> R) -> R {
    thread_local! {
        static WORDS: std::cell::RefCell<Vec<WordSpan>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    WORDS.with(|w| match w.try_borrow_mut() {
        Ok(mut w) => {
            w.clear();
            let r = f(&mut w);
            // A very long text's buffer is not kept for the lines after it.
            if w.capacity() > MAX_KEPT_WORDS {
                *w = Vec::new();
            }
            r
        }
        Err(_) => f(&mut Vec::new()),
    })
}

/// Capacity of the word buffer kept between calls (words; 24 bytes each).
const MAX_KEPT_WORDS: usize = 1 << 14;

/// The check itself, handing each word it reads to `word`.
#[inline(always)]
fn check(text: &str, cfg: &NormalizerConfig, mut word: impl FnMut(WordSpan)) -> bool {
    let b = text.as_bytes();
    let table = &*TABLE;
    let pairs = &**PAIRS;
    let n = b.len();
    // Persian digits and the standard ezafe «هٔ» stay only under these settings.
    let digits_stay = cfg.digits == Digits::Fa;
    let ezafe_stays = cfg.ezafe == Ezafe::Standard;
    let mut prev = Prev::Space;
    let mut i = 0;
    // The word being read: its start and ZWNJs so far.
    let (mut ws, mut nz) = (0, 0);
    while i < n {
        let b0 = b[i];
        if b0.wrapping_sub(0xD8) < 4 {
            let Some(&b1) = b.get(i + 1) else {
                return false;
            };
            match table[crate::charset::arabic_index(b0, b1)] {
                t @ (JOINING | NON_JOINING) => {
                    match prev {
                        Prev::Space | Prev::Open => (ws, nz) = (i, 0),
                        Prev::Zwnj => {}
                        // a letter right after punctuation gets a space
                        _ => return false,
                    }
                    let last;
                    (i, last) = run(pairs, b, i + 2, t, LETTER);
                    prev = if last & (JOINING | NON_JOINING) == JOINING {
                        Prev::Joining
                    } else {
                        Prev::NonJoining
                    };
                    if b.get(i..i + 3) != Some(ZWNJ) {
                        word(WordSpan {
                            start: ws,
                            end: i,
                            zwnjs: nz,
                        });
                    }
                    continue;
                }
                PUNCT if prev.after_letter() => prev = Prev::Punct,
                DIGIT if digits_stay && prev == Prev::Space => {
                    // A run of Persian digits, then a space or the end.
                    let mut k = i + 2;
                    while b.get(k) == Some(&0xDB) && matches!(b.get(k + 1), Some(0xB0..=0xB9)) {
                        k += 2;
                    }
                    prev = Prev::Digits;
                    i = k;
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
                    Some(b'(' | b'-') => true,
                    Some(0xC2) => b.get(i + 2) == Some(&0xAB),
                    _ => marked_at(pairs, b, i + 1, LETTER),
                };
                if !next_ok {
                    return false;
                }
                if i >= 2
                    && b[i - 2..i] == [0xD9, 0x87]
                    && b.get(i + 1..i + 3) == Some(&[0xDB, 0x8C])
                    && !marked_at(pairs, b, i + 3, LETTER)
                {
                    return false;
                }
                prev = Prev::Space;
                i += 1;
            }
            b'-' => {
                // A dash standing between spaces (or starting the text): a space or the end
                // follows.
                if prev != Prev::Space {
                    return false;
                }
                prev = Prev::Punct;
                i += 1;
            }
            b'.' | b':' | b'!' => {
                // After a word; a space or the end follows (no run of dots: an ellipsis).
                if !prev.after_letter() {
                    return false;
                }
                prev = Prev::Punct;
                i += 1;
            }
            b'(' | b')' | 0xC2 => {
                let (open, len) = match (b0, b.get(i + 1)) {
                    (b'(', _) => (true, 1),
                    (b')', _) => (false, 1),
                    (_, Some(0xAB)) => (true, 2),
                    (_, Some(0xBB)) => (false, 2),
                    _ => return false,
                };
                // An opening bracket starts a word, a closing one ends it.
                prev = if open && prev == Prev::Space {
                    Prev::Open
                } else if !open && prev.after_letter() {
                    Prev::WordEnd
                } else {
                    return false;
                };
                i += len;
            }
            0xE2 if b.get(i..i + 3) == Some(ZWNJ) => {
                // A ZWNJ between a letter that joins and another letter.
                if prev != Prev::Joining || !marked_at(pairs, b, i + 3, LETTER) {
                    return false;
                }
                prev = Prev::Zwnj;
                nz += 1;
                i += 3;
            }
            _ => return false,
        }
    }
    !matches!(prev, Prev::Space | Prev::Zwnj | Prev::Open) || n == 0
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
            "کتاب؟؟",
            "کتاب!!",
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

    #[test]
    fn finds_the_words() {
        let mut w = Vec::new();
        let t = "در (کتاب‌های) خانهٔ ما.";
        assert!(scan(t, &NormalizerConfig::default(), &mut w));
        let words: Vec<(&str, usize)> = w.iter().map(|s| (&t[s.start..s.end], s.zwnjs)).collect();
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
