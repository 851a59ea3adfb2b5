//! Character classes: which code points are Persian letters, marks, digits, spaces and
//! invisible controls. Every step asks these questions here, so the answer for a code point
//! lives in one place.

/// Zero-width non-joiner (the Persian half-space).
pub const ZWNJ: char = '\u{200C}';
/// Zero-width joiner.
pub const ZWJ: char = '\u{200D}';

/// Arabic-script code point (the Arabic blocks and presentation forms), digits included.
#[inline]
pub fn is_arabic_script(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFC}')
}

/// A letter of the Arabic script (not a digit, mark or punctuation sign), presentation forms
/// of letters included.
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    if c < '\u{FB50}' {
        is_base_arabic_letter(c)
    } else {
        matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
            && PRESENTATION_LETTERS[c as usize - 0xFB50]
    }
}

#[inline]
fn is_base_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}')
}

/// Presentation forms (U+FB50–FEFC) that are letters: those the presentation-form step
/// expands to text with a letter (not the forms of marks, ﹰ or ﱟ, which expand to a space
/// and marks), the rial sign ﷼ (written ریال), and alphabetic forms without an expansion.
static PRESENTATION_LETTERS: std::sync::LazyLock<Vec<bool>> = std::sync::LazyLock::new(|| {
    (0xFB50u32..=0xFEFC)
        .map(|cp| {
            let Some(c) = char::from_u32(cp) else {
                return false;
            };
            let mut any_letter = false;
            let mut same = true;
            crate::letters::decompose_presentation(c, |d| {
                any_letter |= is_base_arabic_letter(d);
                same &= d == c;
            });
            any_letter || (same && c.is_alphabetic())
        })
        .collect()
});

/// A medial presentation form of marks (ﹹ U+FE79, ﳳ U+FCF3): it expands to kashida + marks.
#[inline]
pub fn is_medial_mark_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FEFC}') && MEDIAL_MARK_FORMS[c as usize - 0xFB50]
}

static MEDIAL_MARK_FORMS: std::sync::LazyLock<Vec<bool>> = std::sync::LazyLock::new(|| {
    (0xFB50u32..=0xFEFC)
        .map(|cp| {
            let Some(c) = char::from_u32(cp) else {
                return false;
            };
            let mut k = 0;
            let mut ok = true;
            crate::letters::decompose_presentation(c, |d| {
                ok &= if k == 0 {
                    d == '\u{0640}'
                } else {
                    is_arabic_mark(d)
                };
                k += 1;
            });
            ok && k >= 2
        })
        .collect()
});

/// A combining mark of the Arabic script (harakat, hamza above/below, Quranic marks).
#[inline]
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08CA}'..='\u{08FF}')
}

/// Letters that never join to the following letter (right-joining or non-joining): after
/// them a ZWNJ is invisible and a word's parts are written together.
#[inline]
pub fn is_non_joining(c: char) -> bool {
    matches!(
        c,
        'ا' | 'آ' | 'أ' | 'إ' | 'ٱ' | 'ؤ' | 'د' | 'ذ' | 'ر' | 'ز' | 'ژ' | 'و' | 'ة' | 'ۀ' | 'ء'
    )
}

/// Any letter, of any script (Latin, Cyrillic, Arabic, ...).
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        is_arabic_letter(c) || (!is_arabic_script(c) && c.is_alphabetic())
    }
}

/// A letter outside the Arabic script (Latin, Cyrillic, Greek, CJK, ...).
#[inline]
pub fn is_foreign_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        !is_arabic_script(c) && c.is_alphabetic()
    }
}

/// ASCII, Persian (U+06F0–06F9) or Arabic-Indic (U+0660–0669) digit value.
#[inline]
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        _ => None,
    }
}

/// Any of the three digit sets.
#[inline]
pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// Horizontal space characters written as a plain space: tab, VT, FF, NBSP, U+1680,
/// U+2000–200A, U+202F, U+205F, U+3000.
#[inline]
pub fn is_other_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{0B}' | '\u{0C}' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Invisible controls removed outright: LRM, RLM, ALM (U+061C), the bidi embeddings and
/// overrides U+202A–202E, the isolates U+2066–2069, ZWSP, word joiner U+2060, BOM U+FEFF.
#[inline]
pub fn is_invisible_control(c: char) -> bool {
    matches!(c,
        '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

/// Format characters that never belong to a protected token (they are cleaned around it).
#[inline]
pub fn is_format(c: char) -> bool {
    is_invisible_control(c) || matches!(c, '\u{200C}' | '\u{200D}' | '\u{00AD}')
}

/// Punctuation before which no space is written (in Persian context).
#[inline]
pub fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | '،' | '؛' | ':' | '؟' | '!' | ')' | ']' | '}' | '»' | '…'
    )
}

/// Brackets after which no space is written.
#[inline]
pub fn is_opening_bracket(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '«')
}

/// Punctuation after which one space is written before a following word.
#[inline]
pub fn wants_space_after(c: char) -> bool {
    matches!(c, '،' | '؛' | '.' | ':' | '؟' | '!')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_arabic_letter('ی') && is_arabic_letter('ك') && is_arabic_letter('ۀ'));
        assert!(!is_arabic_letter('۱') && !is_arabic_letter('،') && !is_arabic_letter('\u{064E}'));
        assert!(is_arabic_mark('\u{064E}') && is_arabic_mark('\u{0670}'));
        assert!(is_non_joining('ر') && !is_non_joining('ه'));
        assert_eq!(digit_value('۷'), Some(7));
        assert_eq!(digit_value('٣'), Some(3));
        assert!(is_foreign_letter('é') && !is_foreign_letter('ب'));
        assert!(is_other_space('\u{A0}') && !is_other_space(' '));
    }
}

/// What the fast paths of the passes need to know of a one- or two-byte character
/// (U+0000–07FF), looked up in one table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FastClass {
    /// Nothing to do in either pass, and not a letter.
    Plain,
    /// An Arabic-script letter no step rewrites (sets Persian context).
    Letter,
    /// Like `Letter`, but a following madda or hamza mark composes with it (ا و ی ه).
    Composable,
    /// A Persian digit: nothing to do unless a separator, percent sign or invisible
    /// character follows.
    PersianDigit,
    /// The character pass must look at it (digits, look-alike letters, marks, kashida, ة, ۀ,
    /// special spaces, soft hyphen, quotes, line ends).
    CleanSpecial,
    /// The character pass has nothing to do, but the layout pass must look at it (space,
    /// line feed, the punctuation it maps or spaces).
    LayoutSpecial,
}

static FAST_CLASSES: std::sync::LazyLock<[FastClass; 2048]> = std::sync::LazyLock::new(|| {
    let mut t = [FastClass::Plain; 2048];
    for (cp, slot) in t.iter_mut().enumerate() {
        let Some(c) = char::from_u32(cp as u32) else {
            continue;
        };
        let clean_special = crate::letters::persian_letter(c).is_some()
            || crate::letters::is_removable_diacritic(c)
            || is_arabic_mark(c)
            || (is_digit(c) && !('\u{06F0}'..='\u{06F9}').contains(&c))
            || is_invisible_control(c)
            || is_other_space(c)
            || matches!(
                c,
                'ة' | 'ۀ'
                    | 'ـ'
                    | '٪'
                    | '٫'
                    | '٬'
                    | '"'
                    | '\r'
                    | '\n'
                    | '\u{85}'
                    | '\u{AD}'
                    | '\u{AC}'
            )
            || (c.is_ascii_control() && c != '\n');
        let layout_special = matches!(
            c,
            ' ' | '\n' | ',' | ';' | '?' | '!' | '.' | ':' | '،' | '؛' | '؟'
        );
        *slot = if clean_special {
            FastClass::CleanSpecial
        } else if ('\u{06F0}'..='\u{06F9}').contains(&c) {
            FastClass::PersianDigit
        } else if layout_special {
            FastClass::LayoutSpecial
        } else if matches!(c, 'ا' | 'و' | 'ی' | 'ه') {
            FastClass::Composable
        } else if is_arabic_letter(c) {
            FastClass::Letter
        } else {
            FastClass::Plain
        };
    }
    t
});

/// The fast-path class table for U+0000–07FF.
pub fn fast_classes() -> &'static [FastClass; 2048] {
    &FAST_CLASSES
}

/// Decodes the one- or two-byte character at `b[i]`: its code point (< 0x800) and length.
/// `None` for longer sequences or a truncated one.
#[inline(always)]
pub fn decode_short(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let b0 = *b.get(i)?;
    if b0 < 0x80 {
        return Some((b0 as usize, 1));
    }
    if b0 < 0xE0 {
        let b1 = *b.get(i + 1)?;
        return Some(((((b0 & 0x1F) as usize) << 6) | (b1 & 0x3F) as usize, 2));
    }
    None
}

/// Skip tables for the innermost loops over the Arabic block U+0600–06FF, indexed by the low
/// two bits of the lead byte and the low six bits of the continuation byte: 0 = must look,
/// 1 = skip, 2 = skip and note a letter, 3 = a letter that composes with a following mark.
pub struct SkipTables {
    /// For the character pass.
    pub clean: [u8; 256],
    /// For the layout pass (composition does not matter there).
    pub layout: [u8; 256],
}

static SKIP_TABLES: std::sync::LazyLock<SkipTables> = std::sync::LazyLock::new(|| {
    let fast = fast_classes();
    let mut clean = [0u8; 256];
    let mut layout = [0u8; 256];
    for k in 0..256 {
        let c = fast[0x600 + k];
        clean[k] = match c {
            FastClass::Plain | FastClass::LayoutSpecial => 1,
            FastClass::Letter => 2,
            FastClass::Composable => 3,
            FastClass::PersianDigit | FastClass::CleanSpecial => 0,
        };
        let ch = char::from_u32(0x600 + k as u32).unwrap_or(' ');
        layout[k] = match c {
            FastClass::LayoutSpecial => 0,
            _ if is_arabic_letter(ch) => 2,
            _ => 1,
        };
    }
    SkipTables { clean, layout }
});

/// The skip tables.
pub fn skip_tables() -> &'static SkipTables {
    &SKIP_TABLES
}

/// Index into [`SkipTables`] of the Arabic-block character with lead byte `b0` (0xD8–0xDB)
/// and continuation byte `b1`.
#[inline(always)]
pub fn arabic_index(b0: u8, b1: u8) -> usize {
    (((b0 & 3) as usize) << 6) | (b1 & 0x3F) as usize
}
