//! Character classes shared by the sentence splitter and the word tokenizer.

/// Whitespace, as `char::is_whitespace` (Unicode White_Space).
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
    } else {
        c.is_whitespace()
    }
}

/// A line break: `\n`, `\r`, U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR, U+0085 NEL,
/// vertical tab and form feed.
#[inline]
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\x0b' | '\x0c' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// A decimal digit: ASCII, Arabic-Indic (U+0660..) or Persian (U+06F0..); other scripts' decimal
/// digits count too.
#[inline]
pub(crate) fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        matches!(c, '\u{660}'..='\u{669}' | '\u{6f0}'..='\u{6f9}') || is_nd(c)
    }
}

/// Other Unicode decimal digits (Nd) outside the Arabic block, by the usual zero-based blocks.
fn is_nd(c: char) -> bool {
    let u = c as u32;
    // Nd blocks are runs of ten starting at a code point ending in 0 or 6 in most scripts;
    // list the common ones rather than carry a table.
    matches!(u,
        0x07C0..=0x07C9 | 0x0966..=0x096F | 0x09E6..=0x09EF | 0x0A66..=0x0A6F | 0x0AE6..=0x0AEF
        | 0x0B66..=0x0B6F | 0x0BE6..=0x0BEF | 0x0C66..=0x0C6F | 0x0CE6..=0x0CEF | 0x0D66..=0x0D6F
        | 0x0E50..=0x0E59 | 0x0ED0..=0x0ED9 | 0x0F20..=0x0F29 | 0x1040..=0x1049 | 0x17E0..=0x17E9
        | 0x1810..=0x1819 | 0xFF10..=0xFF19)
}

#[inline]
fn is_persian_block_letter(c: char) -> bool {
    matches!(c, '\u{600}'..='\u{6ff}')
        && !matches!(c, '\u{660}'..='\u{669}' | '\u{6f0}'..='\u{6f9}')
}

/// A character that never starts or ends a word on its own but stays inside one: ZWNJ, ZWJ,
/// combining marks that are not Alphabetic, bidi controls, BOM, soft hyphen, variation selectors.
#[inline]
pub(crate) fn is_joiner(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    matches!(c,
        '\u{ad}' | '\u{300}'..='\u{36f}' | '\u{483}'..='\u{489}' | '\u{591}'..='\u{5bd}'
        | '\u{610}'..='\u{61a}' | '\u{61c}' | '\u{64b}'..='\u{65f}' | '\u{670}'
        | '\u{6d6}'..='\u{6dc}' | '\u{6df}'..='\u{6e4}' | '\u{6e7}' | '\u{6e8}'
        | '\u{6ea}'..='\u{6ed}' | '\u{8d3}'..='\u{8ff}' | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{20d0}'..='\u{20e2}'
        | '\u{20e4}'..='\u{20f0}' | '\u{fe00}'..='\u{fe0f}' | '\u{fe20}'..='\u{fe2f}' | '\u{feff}')
}

/// A letter: Unicode Alphabetic (this includes the Arabic harakat and the tatweel), not a digit.
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if matches!(c, '\u{2000}'..='\u{206f}') {
        false
    } else if (c as u32) < 0xc0 {
        matches!(c, '\u{aa}' | '\u{b5}' | '\u{ba}')
    } else if is_persian_block_letter(c) {
        // Arabic block: letters 0620..064A, 066E..06D3, 06D5, 06EE..06FF, tatweel, harakat.
        matches!(c, '\u{620}'..='\u{64a}' | '\u{64b}'..='\u{657}' | '\u{659}'..='\u{65f}'
            | '\u{66e}'..='\u{6d3}' | '\u{6d5}' | '\u{6e1}'..='\u{6e4}' | '\u{6e5}' | '\u{6e6}'
            | '\u{6ee}' | '\u{6ef}' | '\u{6fa}'..='\u{6fc}' | '\u{6ff}')
    } else {
        c.is_alphabetic() && !is_emoji_base(c)
    }
}

/// A letter of the Arabic script (Persian, Arabic, Urdu ...).
#[inline]
pub(crate) fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{620}'..='\u{64a}' | '\u{66e}'..='\u{6d3}' | '\u{6d5}' | '\u{6ee}' | '\u{6ef}'
        | '\u{6fa}'..='\u{6fc}' | '\u{6ff}' | '\u{750}'..='\u{77f}' | '\u{8a0}'..='\u{8c9}'
        | '\u{fb50}'..='\u{fdff}' | '\u{fe70}'..='\u{fefc}')
}

/// A sentence-final mark: `.` `!` `?` `؟` `…` and the less common `‼` `⁇` `⁈` `⁉` `։` `۔`.
#[inline]
pub(crate) fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '\u{61f}' | '\u{2026}' | '\u{203c}' | '\u{2047}'..='\u{2049}' | '\u{6d4}'
    )
}

/// A closing quote or bracket that stays with the sentence before it.
#[inline]
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '»' | ')'
            | ']'
            | '}'
            | '"'
            | '\''
            | '\u{2019}'
            | '\u{201d}'
            | '\u{203a}'
            | '\u{fd3e}'
            | '\u{fd3f}'
            | '\u{300d}'
            | '\u{300f}'
    )
}

/// An opening quote or bracket.
#[inline]
pub(crate) fn is_opener(c: char) -> bool {
    matches!(
        c,
        '«' | '('
            | '['
            | '{'
            | '"'
            | '\''
            | '\u{2018}'
            | '\u{201c}'
            | '\u{2039}'
            | '\u{fd3e}'
            | '\u{fd3f}'
    )
}

/// Punctuation (as opposed to symbols): ASCII punctuation other than `$+<=>^`|~`, the Arabic
/// comma, semicolon and question mark, guillemets, General Punctuation and CJK brackets.
#[inline]
pub(crate) fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_punctuation()
            && !matches!(c, '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~')
    } else {
        matches!(c,
            '\u{a1}' | '\u{a7}' | '\u{ab}' | '\u{b6}' | '\u{b7}' | '\u{bb}' | '\u{bf}'
            | '\u{60c}' | '\u{60d}' | '\u{61b}' | '\u{61e}' | '\u{61f}' | '\u{66a}'..='\u{66d}'
            | '\u{6d4}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}'
            | '\u{2e00}'..='\u{2e4f}' | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}'
            | '\u{fd3e}' | '\u{fd3f}' | '\u{fe10}'..='\u{fe19}' | '\u{fe30}'..='\u{fe4f}'
            | '\u{fe50}'..='\u{fe6b}' | '\u{ff01}'..='\u{ff0f}')
    }
}

/// A character that starts an emoji (Extended_Pictographic, approximately), without the
/// keycap bases and regional indicators that need a look-ahead.
#[inline]
pub(crate) fn is_emoji_base(c: char) -> bool {
    let u = c as u32;
    if u < 0xa9 {
        return false;
    }
    matches!(u,
        0xa9 | 0xae | 0x203c | 0x2049 | 0x2122 | 0x2139 | 0x2194..=0x2199 | 0x21a9 | 0x21aa
        | 0x231a | 0x231b | 0x2328 | 0x23cf | 0x23e9..=0x23f3 | 0x23f8..=0x23fa | 0x24c2
        | 0x25aa | 0x25ab | 0x25b6 | 0x25c0 | 0x25fb..=0x25fe | 0x2600..=0x27bf
        | 0x2934 | 0x2935 | 0x2b05..=0x2b07 | 0x2b1b | 0x2b1c | 0x2b50 | 0x2b55 | 0x3030
        | 0x303d | 0x3297 | 0x3299 | 0x1f000..=0x1f0ff | 0x1f10d..=0x1f10f | 0x1f12f
        | 0x1f16c..=0x1f171 | 0x1f17e | 0x1f17f | 0x1f18e | 0x1f191..=0x1f19a
        | 0x1f1ad..=0x1f1e5 | 0x1f201..=0x1f20f | 0x1f21a | 0x1f22f | 0x1f232..=0x1f23a
        | 0x1f23c..=0x1f23f | 0x1f249..=0x1f3fa | 0x1f400..=0x1f53d | 0x1f546..=0x1f64f
        | 0x1f680..=0x1f6ff | 0x1f774..=0x1f77f | 0x1f7d5..=0x1f7ff | 0x1f80c..=0x1f80f
        | 0x1f848..=0x1f84f | 0x1f85a..=0x1f85f | 0x1f888..=0x1f88f | 0x1f8ae..=0x1f8ff
        | 0x1f90c..=0x1f93a | 0x1f93c..=0x1f945 | 0x1f947..=0x1faff | 0x1fc00..=0x1fffd)
}

/// A regional indicator (flag halves).
#[inline]
pub(crate) fn is_regional(c: char) -> bool {
    matches!(c, '\u{1f1e6}'..='\u{1f1ff}')
}

/// An emoji modifier (skin tone).
#[inline]
pub(crate) fn is_skin_tone(c: char) -> bool {
    matches!(c, '\u{1f3fb}'..='\u{1f3ff}')
}

/// The character starting at byte `i` (which must be a char boundary inside `s`).
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

/// The character ending at byte `i` (a char boundary), if any.
#[inline]
pub(crate) fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|t| t.chars().next_back())
}

/// Class bits of the Arabic block U+0600..U+06FF: [`A_LETTER`], [`A_JOINER`], [`A_DIGIT`].
pub(crate) static ARABIC: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut k = 0;
    while k < 256 {
        let u = 0x600 + k as u32;
        let letter = matches!(u, 0x620..=0x64a | 0x64b..=0x657 | 0x659..=0x65f | 0x66e..=0x6d3
            | 0x6d5 | 0x6e1..=0x6e6 | 0x6ee | 0x6ef | 0x6fa..=0x6fc | 0x6ff);
        let joiner = !letter
            && matches!(u, 0x610..=0x61a | 0x61c | 0x64b..=0x65f | 0x670
            | 0x6d6..=0x6dc | 0x6df..=0x6e4 | 0x6e7 | 0x6e8 | 0x6ea..=0x6ed);
        let digit = matches!(u, 0x660..=0x669 | 0x6f0..=0x6f9);
        t[k] =
            ((letter as u8) * A_LETTER) | ((joiner as u8) * A_JOINER) | ((digit as u8) * A_DIGIT);
        k += 1;
    }
    t
};
/// [`ARABIC`] bit: a letter (or an Alphabetic mark).
pub(crate) const A_LETTER: u8 = 1;
/// [`ARABIC`] bit: a non-Alphabetic mark that stays inside words.
pub(crate) const A_JOINER: u8 = 2;
/// [`ARABIC`] bit: a digit.
pub(crate) const A_DIGIT: u8 = 4;

/// The character at byte `j` of valid UTF-8 `b` (a char boundary) and its length; `None` at
/// the end.
#[inline(always)]
pub(crate) fn decode(b: &[u8], j: usize) -> Option<(char, usize)> {
    let b0 = *b.get(j)?;
    if b0 < 0x80 {
        return Some((b0 as char, 1));
    }
    let cont = |k: usize| (b.get(j + k).copied().unwrap_or(0x80) & 0x3f) as u32;
    let (u, len) = if b0 < 0xe0 {
        (((b0 & 0x1f) as u32) << 6 | cont(1), 2)
    } else if b0 < 0xf0 {
        (((b0 & 0x0f) as u32) << 12 | cont(1) << 6 | cont(2), 3)
    } else {
        (
            ((b0 & 0x07) as u32) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3),
            4,
        )
    };
    Some((char::from_u32(u).unwrap_or('\u{fffd}'), len))
}
