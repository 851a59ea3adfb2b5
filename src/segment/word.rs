//! Word tokens: one pass over the characters, each token classified as it is read.

use super::chars::{
    char_at, char_before, decode, is_closer, is_digit, is_emoji_base, is_joiner, is_letter,
    is_opener, is_punct, is_regional, is_skin_tone, is_space, is_terminator, ARABIC, A_JOINER,
    A_LETTER,
};
use super::{SegmentOptions, Token, TokenKind};
use crate::protect::{find_protected_into, ProtectedKind};

/// The tokens of `text`; see [`super::tokenize`].
pub(crate) fn tokenize(text: &str, opts: &SegmentOptions) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let bytes = text.as_bytes();
    let n = bytes.len();
    // URLs, domain names, e-mails, mentions and hashtags, from the normalizer's detector;
    // its Latin runs are left to the scanner below, which splits `x=1` into three tokens.
    let mut prot = Vec::new();
    find_protected_into(text, &mut prot);
    prot.retain(|p| p.kind != ProtectedKind::Latin);
    let mut next_prot = prot.iter().peekable();
    let mut i = 0usize;
    while i < n {
        let b = bytes[i];
        // ASCII fast path for spaces.
        if b == b' ' || b == b'\n' || b == b'\t' || b == b'\r' {
            i += 1;
            continue;
        }
        let Some((c, len)) = decode(bytes, i) else {
            break;
        };
        if is_space(c) {
            i += len;
            continue;
        }
        // The next protected span: it is one token, and other tokens stop at its start.
        let prot_start = match next_prot.peek() {
            Some(p) if p.start <= i => {
                let end = p.end.max(i + len);
                out.push(Token {
                    start: i,
                    end,
                    kind: protected_kind(p.kind),
                });
                i = end;
                next_prot.next();
                continue;
            }
            Some(p) => p.start,
            None => usize::MAX,
        };
        let (end, kind) = scan_token(text, i, c);
        let end = end.min(prot_start);
        debug_assert!(end > i);
        out.push(Token {
            start: i,
            end,
            kind,
        });
        i = end;
    }
    if opts.join_verb_parts {
        super::verbs::join_verb_parts(text, &mut out);
    }
    out
}

fn protected_kind(k: ProtectedKind) -> TokenKind {
    match k {
        ProtectedKind::Url => TokenKind::Url,
        ProtectedKind::Email => TokenKind::Email,
        ProtectedKind::Mention => TokenKind::Mention,
        ProtectedKind::Hashtag => TokenKind::Hashtag,
        ProtectedKind::Latin => TokenKind::Word,
    }
}

/// One token starting at `i` with char `c`.
#[inline]
fn scan_token(text: &str, i: usize, c: char) -> (usize, TokenKind) {
    if let Some(r) = scan_persian_word(text.as_bytes(), i) {
        return r;
    }
    let prev = || char_before(text, i);
    if matches!(c, '0'..='9' | '#' | '*') {
        if let Some(e) = keycap(text, i, c) {
            return (e, TokenKind::Emoji);
        }
    }
    if is_letter(c) || is_joiner(c) {
        return scan_word(text, i, c);
    }
    if is_digit(c) {
        return scan_number(text, i);
    }
    if matches!(c, '+' | '-' | '\u{2212}')
        && prev().is_none_or(|p| is_space(p) || is_opener(p))
        && char_at(text, i + 1).is_some_and(is_digit)
    {
        return scan_number(text, i + 1);
    }
    if is_emoji_base(c) || is_regional(c) {
        return (scan_emoji(text, i, c), TokenKind::Emoji);
    }
    if is_punct(c) {
        return (scan_punct(text, i, c), TokenKind::Punct);
    }
    (extend_marks(text, i + c.len_utf8()), TokenKind::Symbol)
}

/// Skips combining marks and joiners after `j`.
#[inline]
fn extend_marks(text: &str, mut j: usize) -> usize {
    while let Some(d) = char_at(text, j) {
        if is_joiner(d) && d != '\u{200c}' {
            j += d.len_utf8();
        } else {
            break;
        }
    }
    j
}

/// A keycap `1️⃣` / `#⃣` at `i`: base, optional U+FE0F, U+20E3.
#[inline]
fn keycap(text: &str, i: usize, c: char) -> Option<usize> {
    let mut j = i + c.len_utf8();
    let rest = &text.as_bytes()[j..];
    if rest.starts_with("\u{fe0f}".as_bytes()) {
        j += 3;
    }
    if text.as_bytes()[j..].starts_with("\u{20e3}".as_bytes()) {
        Some(j + 3)
    } else {
        None
    }
}

/// An emoji cluster: base + variation selector/skin tone/tags, ZWJ-joined bases; a flag is a
/// pair of regional indicators.
fn scan_emoji(text: &str, i: usize, c: char) -> usize {
    let mut j = i + c.len_utf8();
    if is_regional(c) {
        if let Some(d) = char_at(text, j).filter(|d| is_regional(*d)) {
            j += d.len_utf8();
        }
        return j;
    }
    loop {
        // Modifiers of the current base.
        while let Some(d) = char_at(text, j) {
            if matches!(
                d,
                '\u{fe0e}' | '\u{fe0f}' | '\u{20e3}' | '\u{e0020}'..='\u{e007f}'
            ) || is_skin_tone(d)
            {
                j += d.len_utf8();
            } else {
                break;
            }
        }
        // ZWJ + next base.
        if text.as_bytes()[j..].starts_with("\u{200d}".as_bytes()) {
            if let Some(d) = char_at(text, j + 3).filter(|d| is_emoji_base(*d)) {
                j += 3 + d.len_utf8();
                continue;
            }
        }
        return j;
    }
}

/// Punctuation: a run of one repeated `.` `!` `?` `؟` `-` (`...`, `!!`) is one token; anything
/// else is one character (UD splits «؟!» and «،،»).
fn scan_punct(text: &str, i: usize, c: char) -> usize {
    let mut j = i + c.len_utf8();
    if matches!(c, '.' | '!' | '?' | '\u{61f}' | '-') {
        while text[j..].starts_with(c) {
            j += c.len_utf8();
        }
    }
    extend_marks(text, j)
}

/// A character of the Arabic script blocks (letters, marks, digits).
#[inline]
fn is_arabic_script(c: char) -> bool {
    matches!(c, '\u{600}'..='\u{6ff}' | '\u{750}'..='\u{77f}' | '\u{8a0}'..='\u{8ff}'
        | '\u{fb50}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}')
}

/// The fast path for the common case, a word of Arabic-script letters, marks and ZWNJs ended by
/// a space or an ASCII character other than `.` `_`: `None` when the general scanner must
/// decide (a period or underscore after it, another script, a single letter).
#[inline(always)]
fn scan_persian_word(b: &[u8], i: usize) -> Option<(usize, TokenKind)> {
    let mut j = i;
    let mut letters = 0usize;
    loop {
        match b.get(j).copied() {
            Some(b0 @ 0xd8..=0xdb) => {
                let b1 = *b.get(j + 1)?;
                let cls = ARABIC[((b0 as usize & 0x03) << 6) | (b1 as usize & 0x3f)];
                if cls & A_LETTER != 0 {
                    letters += 1;
                } else if cls & A_JOINER == 0 {
                    break;
                }
                j += 2;
            }
            Some(0xe2) if b.get(j + 1) == Some(&0x80) && b.get(j + 2) == Some(&0x8c) && j > i => {
                j += 3;
            }
            Some(x) if x < 0x80 => {
                if x == b'.' || x == b'_' || x.is_ascii_alphabetic() {
                    return None;
                }
                break;
            }
            None => break,
            Some(_) => {
                // Another script or a symbol: the general scanner takes letters and marks.
                let (d, _) = decode(b, j)?;
                if is_letter(d) || is_joiner(d) {
                    return None;
                }
                break;
            }
        }
    }
    (letters >= 1).then_some((j, TokenKind::Word))
}

/// A word: letters, marks and ZWNJ; Latin words also take digits and inner `-`, `'` and `.`
/// between letters or digits (`CoRoT-7b`, `U.S.A`); single letters joined by periods are one
/// abbreviation with its final period (`ه.ش.`, `ج.ا.ا.`), and so is a lone letter with a period
/// (the initial `م.`).
fn scan_word(text: &str, i: usize, c: char) -> (usize, TokenKind) {
    let bytes = text.as_bytes();
    let latin = c.is_ascii_alphabetic();
    let mut j = i + c.len_utf8();
    // Letters in the current dot-separated segment, and whether all segments so far had one.
    let mut seg_letters = usize::from(is_letter(c));
    let mut all_single = true;
    let mut dots = 0;
    // The script of the first letter: a word stops where Arabic-script letters meet others
    // («سلامhello» is two words).
    let mut arabic: Option<bool> = is_letter(c).then(|| is_arabic_script(c));
    while let Some(d) = char_at(text, j) {
        if is_letter(d) {
            let script = is_arabic_script(d);
            if *arabic.get_or_insert(script) != script {
                break;
            }
            seg_letters += 1;
            j += d.len_utf8();
        } else if is_joiner(d) || (latin && d.is_ascii_digit()) {
            j += d.len_utf8();
        } else if d == '.' {
            // Abbreviation «ه.ش» / «U.S.A»: one letter, period, one letter not followed by a
            // further letter.
            let after = char_at(text, j + 1);
            let single_next = after.is_some_and(is_letter)
                && char_at(text, j + 1 + after.map_or(0, char::len_utf8))
                    .is_none_or(|e| !is_letter(e) && !is_joiner(e) || e == '.');
            if all_single && seg_letters == 1 && single_next {
                dots += 1;
                seg_letters = 0;
                j += 1;
                continue;
            }
            // Latin inner period: «file.txt», «v2.0», «Node.js».
            if latin && after.is_some_and(|e| e.is_ascii_alphanumeric()) && bytes[i..j].is_ascii() {
                all_single = false;
                seg_letters = 0;
                j += 1;
                continue;
            }
            break;
        } else if latin
            && matches!(d, '-' | '\'' | '\u{2019}' | '_' | '&')
            && char_at(text, j + d.len_utf8()).is_some_and(|e| e.is_ascii_alphanumeric())
        {
            j += d.len_utf8();
            all_single = false;
            seg_letters = 0;
        } else if d == '_' && char_at(text, j + 1).is_some_and(|e| is_letter(e) || is_digit(e)) {
            j += 1;
            all_single = false;
        } else {
            break;
        }
        if seg_letters > 1 {
            all_single = false;
        }
    }
    // The final period of an abbreviation or initial: «م.», «ه.ش.», «U.S.A.», «Dr.».
    if bytes.get(j) == Some(&b'.')
        && ((all_single && seg_letters == 1)
            || (latin && super::abbrev::is_latin_abbreviation(&text[i..j])))
    {
        let after = char_at(text, j + 1);
        if after.is_none_or(|e| {
            !is_letter(e) && !is_digit(e) && !is_terminator(e) || is_closer(e) || is_space(e)
        }) {
            j += 1;
        }
    }
    let _ = dots;
    let has_letter = text[i..j].chars().any(|d| is_letter(d) || is_digit(d));
    (
        j,
        if has_letter {
            TokenKind::Word
        } else {
            TokenKind::Symbol
        },
    )
}

/// A number whose first digit is at `digit_start` (a sign before it belongs to the token the
/// caller starts): returns its end and kind. Digits
/// with inner `.` `,` `٫` `٬` `/` `:` between digits, then `%` or `٪`. Dates (two `/` or
/// `-`) and times (`:`) are [`TokenKind::DateTime`]; digits glued to letters make a word (`3D`).
fn scan_number(text: &str, digit_start: usize) -> (usize, TokenKind) {
    let start = digit_start;
    let mut j = start;
    let mut slashes = 0;
    let mut colons = 0;
    let mut hyphens = 0;
    while let Some(d) = char_at(text, j) {
        if is_digit(d) || is_joiner(d) && d != '\u{200c}' {
            j += d.len_utf8();
            continue;
        }
        if matches!(d, '.' | ',' | '\u{66b}' | '\u{66c}' | '/' | ':' | '-')
            && char_at(text, j + d.len_utf8()).is_some_and(is_digit)
        {
            if d == '-' && !iso_date_at(text, start) {
                break;
            }
            match d {
                '/' => slashes += 1,
                ':' => colons += 1,
                '-' => hyphens += 1,
                _ => {}
            }
            j += d.len_utf8();
            continue;
        }
        break;
    }
    let mut kind = if colons > 0 || slashes >= 2 || hyphens >= 2 {
        TokenKind::DateTime
    } else {
        TokenKind::Number
    };
    match char_at(text, j) {
        Some('%' | '\u{66a}' | '\u{2030}') => j += char_at(text, j).map_or(1, char::len_utf8),
        Some(d) if is_letter(d) && kind == TokenKind::Number => {
            // «3D», «5G», «۲۰ام»: one word.
            let (e, _) = scan_word(text, j, d);
            j = e;
            kind = TokenKind::Word;
        }
        _ => {}
    }
    (j, kind)
}

/// `\d{4}-\d{2}-\d{2}` at `i` (ASCII or Persian digits).
fn iso_date_at(text: &str, i: usize) -> bool {
    let mut groups = [0usize; 3];
    let mut g = 0;
    for d in text[i..].chars() {
        if is_digit(d) {
            groups[g] += 1;
        } else if d == '-' && g < 2 {
            g += 1;
        } else {
            break;
        }
    }
    g == 2 && groups == [4, 2, 2]
        || g == 2
            && groups[0] == 4
            && groups[1] <= 2
            && groups[2] <= 2
            && groups[1] > 0
            && groups[2] > 0
}
