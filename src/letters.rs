//! Letter tables: Arabic and regional look-alikes to Persian letters, marks to drop, and
//! presentation forms to base letters. These are the context-free, one-character rules of
//! steps 1, 2 and 4; the steps that need neighbours (hamza composition, ezafe, ZWJ, soft
//! hyphen, digits) live in [`crate::clean`].

use crate::config::{NormalizerConfig, TehMarbuta};
use crate::rules::Rule;

/// What to do with one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Leave it.
    Keep,
    /// Drop it.
    Drop(Rule),
    /// Write this character instead.
    Char(char, Rule),
}

/// Letter mapped to Persian by step 2 (`letters`).
///
/// - yeh: ي U+064A, ى U+0649, ې U+06D0, ۍ U+06CD, ێ U+06CE, ے U+06D2, ٸ U+0678 (→ ئ), ۓ U+06D3 (→ ئ) → ی
/// - kaf: ك U+0643, ڪ U+06AA → ک; gaf: ګ U+06AB → گ
/// - heh: ہ U+06C1, ھ U+06BE, ە U+06D5 → ه; ۂ U+06C2 → ۀ; ۃ U+06C3 → ة
/// - alef wasla ٱ U+0671 → ا
/// - waw: ۆ ۇ ۈ ۉ ۋ ۅ (U+06C5–06CB) → و; ٶ U+0676, ٷ U+0677 → ؤ
///
/// The hamza letters ء أ إ ؤ ئ are never touched.
#[inline]
pub fn persian_letter(c: char) -> Option<char> {
    Some(match c {
        '\u{064A}' | '\u{0649}' | '\u{06D0}' | '\u{06CD}' | '\u{06CE}' | '\u{06D2}' => 'ی',
        '\u{0678}' | '\u{06D3}' => 'ئ',
        '\u{0643}' | '\u{06AA}' => 'ک',
        '\u{06AB}' => 'گ',
        '\u{06C1}' | '\u{06BE}' | '\u{06D5}' => 'ه',
        '\u{06C2}' => 'ۀ',
        '\u{06C3}' => 'ة',
        '\u{0671}' => 'ا',
        '\u{06C5}'..='\u{06CB}' if c != '\u{06CA}' => 'و',
        '\u{0676}' | '\u{0677}' => 'ؤ',
        _ => return None,
    })
}

/// Diacritics removed by step 4 (`remove_diacritics`): fathatan…sukun U+064B–0652, madda
/// U+0653 (when it cannot compose), U+0656–065F, superscript alef U+0670, Quranic signs
/// U+0610–061A, U+06D6–06DC, U+06DF–06E4, U+06E7–06E8, U+06EA–06ED, U+08CA–08FF.
/// Hamza above/below (U+0654, U+0655) are kept: they spell هٔ and the hamza letters.
#[inline]
pub fn is_removable_diacritic(c: char) -> bool {
    crate::charset::is_arabic_mark(c) && !matches!(c, '\u{0654}' | '\u{0655}')
}

/// Context-free action for one character under `cfg` (letters, teh marbuta, diacritics,
/// kashida).
#[inline]
pub fn action(c: char, cfg: &NormalizerConfig) -> Action {
    if cfg.letters {
        if let Some(p) = persian_letter(c) {
            if p == 'ة' && cfg.teh_marbuta == TehMarbuta::Heh {
                return Action::Char('ه', Rule::TehMarbuta);
            }
            return Action::Char(p, Rule::Letter);
        }
    }
    if c == 'ة' && cfg.teh_marbuta == TehMarbuta::Heh {
        return Action::Char('ه', Rule::TehMarbuta);
    }
    if c == '\u{0640}' && cfg.remove_kashida {
        return Action::Drop(Rule::Kashida);
    }
    if cfg.remove_diacritics && is_removable_diacritic(c) {
        return Action::Drop(Rule::Diacritic);
    }
    Action::Keep
}

/// Arabic presentation forms handled by step 1: U+FB50–FDFF and U+FE70–FEFC.
#[inline]
pub fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

/// Calls `f` with each character of the compatibility decomposition of a presentation form
/// (ﻛ → ك, ﻻ → ل ا, ﷲ → ا ل ل ه). Forms without a decomposition (﷽) are passed as they are.
pub fn decompose_presentation(c: char, f: impl FnMut(char)) {
    // NFKC, not bare decomposition: ﯪ must give ئا, not ي + hamza + ا.
    unicode_normalization::UnicodeNormalization::nfkc(std::iter::once(c)).for_each(f);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables() {
        let cfg = NormalizerConfig::default();
        assert_eq!(action('ي', &cfg), Action::Char('ی', Rule::Letter));
        assert_eq!(action('ك', &cfg), Action::Char('ک', Rule::Letter));
        assert_eq!(action('ء', &cfg), Action::Keep);
        assert_eq!(action('ؤ', &cfg), Action::Keep);
        assert_eq!(action('\u{064E}', &cfg), Action::Drop(Rule::Diacritic));
        assert_eq!(action('\u{0654}', &cfg), Action::Keep);
        assert_eq!(action('ـ', &cfg), Action::Drop(Rule::Kashida));
        let mut s = String::new();
        decompose_presentation('ﻻ', |c| s.push(c));
        assert_eq!(s, "لا");
    }
}
