//! Abbreviations after which a period does not end a sentence.
//!
//! Three rules, checked on the run of non-space characters that ends at the period:
//!
//! 1. a single letter, Persian or Latin: initials such as «م.» (میلادی), «ج.» (جلد), «J.»;
//! 2. single letters joined by periods: «ه.ش.», «ه.ق.», «ق.م.», «ج.ا.ا.», «ر.ک.», «U.S.A.». This
//!    covers every dotted entry of hazm's `abbreviations.dat` (MIT; «ه.ش»، «ق.م»، «ج.ا.ا»، …),
//!    so no list of them is needed;
//! 3. a Latin abbreviation from [`LATIN`] (`Dr.`, `etc.`, `e.g.` …), case-insensitive on the
//!    first letter.

use super::chars::{is_joiner, is_letter};

/// Latin abbreviations (without their final period) that do not end a sentence.
pub const LATIN: &[&str] = &[
    "Apr", "Aug", "Co", "Corp", "Dec", "Dr", "Eq", "Feb", "Fig", "Inc", "Jan", "Jr", "Jul", "Jun",
    "Ltd", "Mar", "Mr", "Mrs", "Ms", "No", "Nov", "Oct", "Prof", "Sep", "Sept", "Sr", "St", "Vol",
    "al", "cf", "eds", "etc", "pp", "vs",
];

/// Whether the period at byte `dot` of `text` closes an abbreviation or an initial.
pub(crate) fn ends_abbreviation(text: &str, dot: usize) -> bool {
    let head = &text[..dot];
    // The chunk: the letters, marks and periods before the dot (so «۱۰:۳۰ق.ظ.» has «ق.ظ»).
    let mut start = dot;
    for (i, c) in head.char_indices().rev() {
        if !(is_letter(c) || is_joiner(c) || c == '.') {
            break;
        }
        start = i;
        if dot - start > 24 {
            return false;
        }
    }
    let chunk = &head[start..];
    if chunk.is_empty() {
        return false;
    }
    if is_dotted_letters(chunk) {
        return true;
    }
    is_latin_abbreviation(chunk)
}

/// Whether `word` is one of [`LATIN`] (the first letter in either case).
pub(crate) fn is_latin_abbreviation(word: &str) -> bool {
    word.is_ascii()
        && LATIN.iter().any(|a| {
            a.len() == word.len()
                && a.bytes()
                    .zip(word.bytes())
                    .enumerate()
                    .all(|(k, (x, y))| x == y || (k == 0 && x.eq_ignore_ascii_case(&y)))
        })
}

/// `L` or `L.L(.L)*`, each `L` one letter (with any combining marks after it).
pub(crate) fn is_dotted_letters(chunk: &str) -> bool {
    let mut letters = 0;
    let mut expect_letter = true;
    for c in chunk.chars() {
        if expect_letter {
            if !is_letter(c) {
                return false;
            }
            letters += 1;
            expect_letter = false;
        } else if c == '.' {
            expect_letter = true;
        } else if !is_joiner(c) || c == '\u{200c}' {
            return false;
        }
    }
    letters >= 1 && !expect_letter
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted() {
        assert!(is_dotted_letters("م"));
        assert!(is_dotted_letters("ه.ش"));
        assert!(is_dotted_letters("ج.ا.ا"));
        assert!(is_dotted_letters("U.S.A"));
        assert!(!is_dotted_letters("کرد"));
        assert!(!is_dotted_letters("ه.ش."));
        assert!(!is_dotted_letters("3"));
    }

    #[test]
    fn abbreviations() {
        let t = "در سال ۱۳۵۷ ه.ش. انقلاب";
        let dot = t.rfind('.').unwrap();
        assert!(ends_abbreviation(t, dot));
        let t = "Dr. Smith";
        assert!(ends_abbreviation(t, 2));
        let t = "رفت. سپس";
        assert!(!ends_abbreviation(t, t.find('.').unwrap()));
    }
}
