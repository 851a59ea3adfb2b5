//! The affix grammar: which letters join, which tokens are bound suffixes or prefixes, and
//! which hosts each suffix accepts.

use std::sync::LazyLock;

use super::lexicon::{pos, Entry};

/// ZERO WIDTH NON-JOINER.
pub const ZWNJ: char = '\u{200c}';
/// ZWNJ as UTF-8.
pub const ZWNJ_STR: &str = "\u{200c}";

/// Whether `c` is an Arabic-script letter (the only characters whose gaps the engine touches).
#[inline]
pub const fn is_letter(c: char) -> bool {
    matches!(c as u32, 0x0621..=0x063A | 0x0641..=0x064A | 0x0671..=0x06D3 | 0x06D5)
}

/// Whether `c` connects to the letter after it (so a ZWNJ after it is visible). ا آ د ذ ر ز ژ و
/// (and hamza forms of ا و, alef wasla, hamza, teh marbuta) do not: the list of
/// [`crate::charset::is_non_joining`], after which the character pass drops a ZWNJ, so that
/// the engine never writes one there.
#[inline]
pub fn joins(c: char) -> bool {
    !crate::charset::is_non_joining(c)
}

/// The kind of a bound suffix, which decides which hosts accept it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuffixKind {
    /// Plural ها and its extensions (های، هایی، هایم، هاشان …): any noun-like host.
    Plural,
    /// Vowel-initial clitics ای ام ات اش ایم اید اند: after silent ه (and ی when separated).
    Vowel,
    /// Comparative تر / ترین / تری: after adjectives only.
    Comparative,
    /// Possessive مان تان شان: after silent ه.
    Possessive,
    /// Bound second element of a compound (ـگیری، ـکننده، ـسازی …): after a listed content
    /// word; split off a joined word too.
    Head,
    /// Second element that is bound but whose joined spelling is also standard
    /// (ـمند، ـشناس، ـآمیز …): joined across a space only.
    HeadSeparated,
}

/// Suffixes written after a ZWNJ, longest first (so the first match is the longest).
pub const SUFFIXES: &[(&str, SuffixKind)] = &[
    ("ترها", SuffixKind::Comparative),
    ("هایشان", SuffixKind::Plural),
    ("هایتان", SuffixKind::Plural),
    ("هایمان", SuffixKind::Plural),
    ("هاشان", SuffixKind::Plural),
    ("هایی", SuffixKind::Plural),
    ("هایم", SuffixKind::Plural),
    ("هایت", SuffixKind::Plural),
    ("هایش", SuffixKind::Plural),
    ("ترین", SuffixKind::Comparative),
    ("های", SuffixKind::Plural),
    ("هاست", SuffixKind::Plural),
    ("ها", SuffixKind::Plural),
    ("تری", SuffixKind::Comparative),
    ("تر", SuffixKind::Comparative),
    ("ایم", SuffixKind::Vowel),
    ("اید", SuffixKind::Vowel),
    ("اند", SuffixKind::Vowel),
    ("ای", SuffixKind::Vowel),
    ("ام", SuffixKind::Vowel),
    ("ات", SuffixKind::Vowel),
    ("اش", SuffixKind::Vowel),
    ("مان", SuffixKind::Possessive),
    ("تان", SuffixKind::Possessive),
    ("شان", SuffixKind::Possessive),
];

/// Bound compound heads ([`SuffixKind::Head`] and [`SuffixKind::HeadSeparated`]), longest
/// first per ending.
pub const HEADS: &[(&str, SuffixKind)] = &[
    ("گذاران", SuffixKind::Head),
    ("گذاری", SuffixKind::Head),
    ("گیری", SuffixKind::Head),
    ("سازی", SuffixKind::Head),
    ("ریزی", SuffixKind::Head),
    ("نویسی", SuffixKind::Head),
    ("رسانی", SuffixKind::Head),
    ("پردازی", SuffixKind::Head),
    ("پردازان", SuffixKind::Head),
    ("پرداز", SuffixKind::Head),
    ("کنندگان", SuffixKind::Head),
    ("کننده", SuffixKind::Head),
    ("طلبان", SuffixKind::HeadSeparated),
    ("مندان", SuffixKind::HeadSeparated),
    ("مندی", SuffixKind::HeadSeparated),
    ("مند", SuffixKind::HeadSeparated),
    ("شناسان", SuffixKind::HeadSeparated),
    ("شناسی", SuffixKind::HeadSeparated),
    ("شناس", SuffixKind::HeadSeparated),
    ("گرایان", SuffixKind::HeadSeparated),
    ("گرایی", SuffixKind::HeadSeparated),
    ("آمیز", SuffixKind::HeadSeparated),
    ("انگیز", SuffixKind::HeadSeparated),
    ("پذیری", SuffixKind::HeadSeparated),
    ("پذیر", SuffixKind::HeadSeparated),
    ("نگاران", SuffixKind::HeadSeparated),
    ("نشینان", SuffixKind::HeadSeparated),
    ("نشین", SuffixKind::HeadSeparated),
    ("آوری", SuffixKind::HeadSeparated),
    ("برداری", SuffixKind::HeadSeparated),
    ("بندی", SuffixKind::HeadSeparated),
    ("درمانی", SuffixKind::HeadSeparated),
    ("اندیشی", SuffixKind::HeadSeparated),
    ("پرستی", SuffixKind::HeadSeparated),
    ("فروشی", SuffixKind::HeadSeparated),
    ("نوازی", SuffixKind::HeadSeparated),
    ("سالاری", SuffixKind::HeadSeparated),
    ("سالاران", SuffixKind::HeadSeparated),
    ("زدگی", SuffixKind::HeadSeparated),
    ("انگیزی", SuffixKind::HeadSeparated),
    ("گرایانه", SuffixKind::HeadSeparated),
    ("گرای", SuffixKind::HeadSeparated),
    ("گرا", SuffixKind::HeadSeparated),
    ("زدایی", SuffixKind::HeadSeparated),
    // action nouns in present stem + ی that the lexicon lists only as generated verb forms
    // (نقش‌آفرینی، شایعه‌پراکنی، گل‌پروری، عدالت‌گستری، ظلم‌ستیزی، اشتغال‌زایی، آدم‌ربایی،
    // بهانه‌تراشی)
    ("آفرینی", SuffixKind::Head),
    ("پراکنی", SuffixKind::Head),
    ("پروری", SuffixKind::Head),
    ("گستری", SuffixKind::Head),
    ("ستیزی", SuffixKind::Head),
    ("زایی", SuffixKind::Head),
    ("ربایی", SuffixKind::Head),
    ("تراشی", SuffixKind::Head),
    ("گیرندگان", SuffixKind::Head),
    ("گیرنده", SuffixKind::Head),
    ("دهندگان", SuffixKind::Head),
    ("دهنده", SuffixKind::Head),
    ("گری", SuffixKind::HeadSeparated),
    ("وار", SuffixKind::HeadSeparated),
    ("کشی", SuffixKind::HeadSeparated),
    ("کش", SuffixKind::HeadSeparated),
    ("نویسان", SuffixKind::HeadSeparated),
    ("نویس", SuffixKind::HeadSeparated),
    ("رسان", SuffixKind::HeadSeparated),
];

/// Length in bytes of the longest suffix or head (ـگیرندگان): a longer word is none of them.
pub const MAX_AFFIX_BYTES: usize = 16;

const _: () = {
    let mut i = 0;
    while i < SUFFIXES.len() + HEADS.len() {
        let s = if i < SUFFIXES.len() {
            SUFFIXES[i].0
        } else {
            HEADS[i - SUFFIXES.len()].0
        };
        assert!(s.len() <= MAX_AFFIX_BYTES);
        i += 1;
    }
};

/// A list of affixes with their kinds.
type Affixes = Vec<(&'static str, SuffixKind)>;

/// Suffixes and heads grouped by their last two letters (UTF-8, 4 bytes), sorted by that key;
/// each group longest first.
static BY_ENDING: LazyLock<Vec<(u32, Affixes)>> = LazyLock::new(|| {
    let mut groups: Vec<(u32, Affixes)> = Vec::new();
    for &(s, k) in SUFFIXES.iter().chain(HEADS) {
        let e = ending(s.as_bytes());
        match groups.iter_mut().find(|g| g.0 == e) {
            Some(g) => g.1.push((s, k)),
            None => groups.push((e, vec![(s, k)])),
        }
    }
    for g in &mut groups {
        g.1.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    }
    groups.sort_by_key(|g| g.0);
    groups
});

/// A 1024-bit filter over the last two letters of every suffix and head (most words fail it
/// at once), computed at compile time.
const ENDING_BITS: [u64; 16] = {
    let mut bits = [0u64; 16];
    let mut i = 0;
    while i < SUFFIXES.len() + HEADS.len() {
        let s = if i < SUFFIXES.len() {
            SUFFIXES[i].0.as_bytes()
        } else {
            HEADS[i - SUFFIXES.len()].0.as_bytes()
        };
        let n = s.len();
        let e = u32::from_le_bytes([s[n - 4], s[n - 3], s[n - 2], s[n - 1]]);
        let slot = (e.wrapping_mul(0x9E37_79B1) >> 22) as usize;
        bits[slot >> 6] |= 1 << (slot & 63);
        i += 1;
    }
    bits
};

#[inline]
fn ending(p: &[u8]) -> u32 {
    let mut t = [0u8; 4];
    t.copy_from_slice(&p[p.len() - 4..]);
    u32::from_le_bytes(t)
}

/// The suffixes and heads that may end `p` (those sharing its last two letters), longest
/// first: a binary search instead of a scan of every affix.
#[inline]
pub fn affix_candidates(p: &[u8]) -> &'static [(&'static str, SuffixKind)] {
    if p.len() < 4 {
        return &[];
    }
    let e = ending(p);
    let slot = (e.wrapping_mul(0x9E37_79B1) >> 22) as usize;
    if ENDING_BITS[slot >> 6] & (1 << (slot & 63)) == 0 {
        return &[];
    }
    let g = &*BY_ENDING;
    match g.binary_search_by_key(&e, |x| x.0) {
        Ok(i) => &g[i].1,
        Err(_) => &[],
    }
}

/// Equality of two short byte strings without a call to `memcmp` (affixes are a few bytes:
/// two overlapping loads compare them, a library call would cost more than the comparison).
#[inline]
pub fn short_eq(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let w8 = |s: &[u8], i: usize| u64::from_le_bytes(s[i..i + 8].try_into().unwrap_or([0; 8]));
    let w4 = |s: &[u8], i: usize| u32::from_le_bytes(s[i..i + 4].try_into().unwrap_or([0; 4]));
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n - 1] == b[n - 1] && a[n / 2] == b[n / 2],
        4..=8 => w4(a, 0) == w4(b, 0) && w4(a, n - 4) == w4(b, n - 4),
        9..=16 => w8(a, 0) == w8(b, 0) && w8(a, n - 8) == w8(b, n - 8),
        _ => a == b,
    }
}

/// `p.ends_with(s)` for a short `s` (see [`short_eq`]).
#[inline]
pub fn ends_with_short(p: &[u8], s: &[u8]) -> bool {
    p.len() >= s.len() && short_eq(&p[p.len() - s.len()..], s)
}

/// `p.starts_with(s)` for a short `s` (see [`short_eq`]).
#[inline]
pub fn starts_with_short(p: &[u8], s: &[u8]) -> bool {
    p.len() >= s.len() && short_eq(&p[..s.len()], s)
}

/// Whether a word may end with one of the [`SUFFIXES`] or [`HEADS`] (false: certainly not).
#[inline]
pub fn may_end_with_affix(p: &[u8]) -> bool {
    affix_candidates(p)
        .iter()
        .any(|(s, _)| ends_with_short(p, s.as_bytes()))
}

/// The suffix or head `tok` is, if it is one.
#[inline]
pub fn affix_kind(tok: &str) -> Option<SuffixKind> {
    affix_kind_bytes(tok.as_bytes())
}

/// [`affix_kind`] of a UTF-8 byte string.
#[inline]
pub fn affix_kind_bytes(tok: &[u8]) -> Option<SuffixKind> {
    affix_candidates(tok)
        .iter()
        .find(|(s, _)| short_eq(s.as_bytes(), tok))
        .map(|&(_, k)| k)
}

/// The compound head `tok` is, if it is one.
#[inline]
pub fn head_kind(tok: &str) -> Option<SuffixKind> {
    HEADS.iter().find(|(s, _)| *s == tok).map(|&(_, k)| k)
}

/// Preverbs written before می/نمی as one word (برمی‌گردد، درنمی‌آید).
pub const PREVERBS: &[&str] = &["بر", "در", "فرو", "باز", "ور", "وا", "فرا"];

/// If `tok` is a preverb plus می or نمی («برمی», «درنمی»), the byte length of the preverb.
#[inline]
pub fn preverb_mi(tok: &str) -> Option<usize> {
    preverb_mi_bytes(tok.as_bytes())
}

/// [`preverb_mi`] of UTF-8 bytes (for the word loop, which holds bytes).
#[inline]
pub fn preverb_mi_bytes(tok: &[u8]) -> Option<usize> {
    PREVERBS.iter().find_map(|pv| {
        let rest = tok.strip_prefix(pv.as_bytes())?;
        is_verb_prefix_bytes(rest).then_some(pv.len())
    })
}

/// Whether an unknown word ends like a finite verb (person ending or past stem in د/ت).
#[inline]
pub fn verb_like(tok: &str) -> bool {
    tok.len() >= 6 && matches!(last_letter(tok), 'د' | 'م' | 'ی' | 'ت')
}

#[inline]
fn last_letter(s: &str) -> char {
    s.chars().next_back().unwrap_or(' ')
}

/// The suffix `tok` is, if it is one (as a whole token).
#[inline]
pub fn suffix_kind(tok: &str) -> Option<SuffixKind> {
    // quick reject: every suffix starts with ه ت ا م ش
    let first = tok.chars().next()?;
    if !matches!(first, 'ه' | 'ت' | 'ا' | 'م' | 'ش') {
        return None;
    }
    SUFFIXES.iter().find(|(s, _)| *s == tok).map(|&(_, k)| k)
}

/// Whether a host (its last letter and lexicon entry) takes `kind` after a ZWNJ or space.
///
/// `separated`: the suffix was a separate token (space-corrupted), which is itself evidence;
/// a joined word needs a stem the lexicon lists (even with frequency 0: common words such as
/// ایرانی and تیم are listed so).
pub fn host_accepts(kind: SuffixKind, last: char, host: &Entry, separated: bool) -> bool {
    let listed = host.plain_q >= 1 || host.has_zw();
    let function = host.pos() & (pos::P | pos::CONJ) != 0 && host.pos() & (pos::N | pos::AJ) == 0;
    match kind {
        // numerals and verb forms take no plural in a joined word (هفتهای is هفته‌ای)
        SuffixKind::Plural => {
            separated
                || listed
                    && !(host.pos() & pos::NUM != 0 && host.pos() & pos::N == 0)
                    && host.pos() != pos::V
        }
        SuffixKind::Vowel => (last == 'ه' || last == 'ی') && (separated || listed) && !function,
        // after a pure noun تر is the adjective «wet» (چشم تر); a separated تر after an
        // adjective, adverb or a word the lexicon cannot tag is the comparative
        SuffixKind::Comparative if separated => {
            host.plain_q < 2 || host.pos() & (pos::AJ | pos::ADV) != 0
        }
        // a joined comparative: after an adjective the lexicon tags (even one listed with
        // frequency 0: جوان، پست), or after a listed word in ی (adjectives in ـی: اصلی‌ترین;
        // no word ends in «یترین»)
        SuffixKind::Comparative => {
            listed && (host.pos() & pos::AJ != 0 || last == 'ی' && host.pos() & pos::V == 0)
        }
        // a possessive after a pronoun or a function word is not one (همشان = هم + شان is
        // colloquial همه‌شان, left alone)
        SuffixKind::Possessive => {
            (last == 'ه' || (separated && last == 'ی'))
                && (separated || listed)
                && !function
                && host.pos() & pos::PRO == 0
        }
        // a bound head that may be written joined (ـمند، ـشناس …) still takes a ZWNJ after a
        // silent ه, which never joins inside a word (علاقه‌مند)
        // not after a preposition or numeral, nor after another function word; many nouns
        // carry a function tag too (بسته، دسته), so those with a noun or adjective reading
        // count as nouns
        SuffixKind::Head | SuffixKind::HeadSeparated => {
            listed
                && host.pos() & (pos::NUM | pos::P) == 0
                && (host.pos() & (pos::PRO | pos::DET | pos::P | pos::CONJ) == 0
                    || host.pos() & (pos::N | pos::AJ) != 0)
                && (separated || kind == SuffixKind::Head || last == 'ه')
        }
    }
}

/// Verbal prefixes written with a ZWNJ before the verb.
#[inline]
pub fn is_verb_prefix(tok: &str) -> bool {
    is_verb_prefix_bytes(tok.as_bytes())
}

/// [`is_verb_prefix`] of UTF-8 bytes.
#[inline]
pub fn is_verb_prefix_bytes(tok: &[u8]) -> bool {
    tok == "می".as_bytes() || tok == "نمی".as_bytes()
}

/// Derivational prefixes written with a ZWNJ when the lexicon lists the compound (تک «mono-»:
/// تک‌بعدی، تک‌روی، تک‌تیرانداز; it hardly stands alone, and تک‌تک is a compound too).
#[inline]
pub fn is_prefix(tok: &str) -> bool {
    matches!(
        tok,
        "بی" | "هم" | "نا" | "غیر" | "ضد" | "نیم" | "فرا" | "پیش" | "تک"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_letter('ک') && is_letter('ی') && !is_letter('a') && !is_letter('۱'));
        assert!(joins('ب') && !joins('ا') && !joins('و') && !joins('ژ'));
        assert_eq!(suffix_kind("ها"), Some(SuffixKind::Plural));
        assert_eq!(suffix_kind("ترین"), Some(SuffixKind::Comparative));
        assert_eq!(suffix_kind("کتاب"), None);
        assert!(is_verb_prefix("نمی") && !is_verb_prefix("میز"));
    }

    #[test]
    fn ending_filter_has_no_false_negatives() {
        for (s, _) in SUFFIXES.iter().chain(HEADS) {
            assert!(may_end_with_affix(s.as_bytes()), "{s}");
            assert!(may_end_with_affix(format!("کتاب{s}").as_bytes()), "{s}");
        }
    }

    #[test]
    fn suffixes_sorted_longest_first_per_ending() {
        for (i, (a, _)) in SUFFIXES.iter().enumerate() {
            for (b, _) in &SUFFIXES[i + 1..] {
                assert!(!(b.ends_with(a) && b.len() > a.len()), "{b} after {a}");
            }
        }
    }
}
