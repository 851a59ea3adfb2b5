//! The affix grammar: which letters join, which tokens are bound suffixes or prefixes, and
//! which hosts each suffix accepts.

use super::lexicon::{pos, Entry};

/// ZERO WIDTH NON-JOINER.
pub const ZWNJ: char = '\u{200c}';
/// ZWNJ as UTF-8.
pub const ZWNJ_STR: &str = "\u{200c}";

/// Whether `c` is an Arabic-script letter (the only characters whose gaps the engine touches).
#[inline]
pub fn is_letter(c: char) -> bool {
    matches!(c as u32, 0x0621..=0x063A | 0x0641..=0x064A | 0x0671..=0x06D3 | 0x06D5)
}

/// Whether `c` connects to the letter after it (so a ZWNJ after it is visible). ا آ د ذ ر ز ژ و
/// (and hamza forms of ا و, hamza, teh marbuta) do not.
#[inline]
pub fn joins(c: char) -> bool {
    !matches!(
        c,
        'ا' | 'آ' | 'أ' | 'إ' | 'د' | 'ذ' | 'ر' | 'ز' | 'ژ' | 'و' | 'ؤ' | 'ء' | 'ة' | 'ۀ'
    )
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
}

/// Suffixes written after a ZWNJ, longest first (so the first match is the longest).
pub const SUFFIXES: &[(&str, SuffixKind)] = &[
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
    let function = host.pos() & (pos::P | pos::CONJ) != 0;
    match kind {
        SuffixKind::Plural => separated || listed,
        SuffixKind::Vowel => {
            (last == 'ه' || (separated && last == 'ی')) && (separated || listed) && !function
        }
        SuffixKind::Comparative => {
            host.reliable() && host.pos() & pos::AJ != 0 && host.pos() & pos::V == 0
        }
        SuffixKind::Possessive => last == 'ه' && (separated || listed) && !function,
    }
}

/// Verbal prefixes written with a ZWNJ before the verb.
#[inline]
pub fn is_verb_prefix(tok: &str) -> bool {
    tok == "می" || tok == "نمی"
}

/// Derivational prefixes written with a ZWNJ when the lexicon lists the compound.
#[inline]
pub fn is_prefix(tok: &str) -> bool {
    matches!(
        tok,
        "بی" | "هم" | "نا" | "غیر" | "ضد" | "نیم" | "پیش" | "پس" | "فرا"
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
    fn suffixes_sorted_longest_first_per_ending() {
        for (i, (a, _)) in SUFFIXES.iter().enumerate() {
            for (b, _) in &SUFFIXES[i + 1..] {
                assert!(!(b.ends_with(a) && b.len() > a.len()), "{b} after {a}");
            }
        }
    }
}
