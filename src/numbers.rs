//! Step 3, digits: a number is read whole (digits of any of the three sets with inner
//! separators `.` `,` `٫` `٬` `:` `/`, and a trailing `%` or `٪`) and rewritten as one unit, so
//! `1,250.75`, `۳٫۵`, `22:30`, `2.0.1` and `۱۴۰۲/۰۵/۱۲` never get spaces or mixed digits.
//!
//! Separators follow the digit mode:
//! - `fa`: a number with exactly one `.` (and no `:` or `/`) is a decimal: `.` → `٫`; commas
//!   that group thousands (1–3 digits, then groups of exactly 3) → `٬`; `%` → `٪`. Dotted
//!   versions (2.0.1), times and dates keep their separators.
//! - `latin`: `٫` → `.`, `٬` → `,`, `٪` → `%`.
//! - `keep`: nothing changes.
//!
//! ASCII digits become Persian only in Persian context ([`crate::context`]); Arabic-Indic
//! digits always follow the mode.

use crate::charset::{digit_value, is_arabic_mark, is_digit, is_format, is_medial_mark_form};
use crate::config::Digits;
use crate::edit::Rewriter;
use crate::rules::{Rule, RuleSet};

const PERSIAN_DIGITS: [char; 10] = ['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹'];

#[inline]
fn is_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '٫' | '٬' | ':' | '/')
}

/// Characters a number is read through: invisible format characters, Arabic marks, kashida
/// and the medial forms of the marks (kashida + mark).
#[inline]
pub(crate) fn is_transparent(c: char) -> bool {
    is_format(c) || is_arabic_mark(c) || c == '\u{0640}' || is_medial_mark_form(c)
}

/// End (byte offset) of the number starting at `start`, which must be a digit.
pub fn number_end(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let mut end = start;
    // Invisible characters, marks and kashida inside a number are looked through (a step may
    // remove them), so removing one cannot change how the number reads.
    let mut it = text[start..]
        .char_indices()
        .filter(|&(_, c)| !is_transparent(c))
        .peekable();
    while let Some((j, c)) = it.next() {
        if is_digit(c) {
            end = start + j + c.len_utf8();
        } else if is_separator(c) {
            match it.peek() {
                Some(&(_, d)) if is_digit(d) => {}
                _ => break,
            }
        } else {
            break;
        }
    }
    // A trailing percent sign belongs to the number, also across invisible characters
    // (which a later step removes).
    let gap = text[end..]
        .char_indices()
        .find(|&(_, c)| !is_transparent(c))
        .map_or(text.len() - end, |(j, _)| j);
    let after = end + gap;
    if b.get(after) == Some(&b'%') {
        end = after + 1;
    } else if text[after..].starts_with('٪') {
        end = after + '٪'.len_utf8();
    }
    end
}

/// Rewrites the number `text[start..end]` through `w` for `mode`. `persian_ctx` says whether
/// ASCII digits stand in Persian context. `drop` says which characters inside the number the
/// character pass removes or rewrites (diacritics, kashida, the medial forms of the marks),
/// with the rules and what it writes instead.
#[allow(clippy::too_many_arguments)]
pub fn rewrite_number(
    w: &mut Rewriter<'_>,
    text: &str,
    start: usize,
    end: usize,
    mode: Digits,
    persian_ctx: bool,
    strip_invisible: bool,
    drop: &dyn Fn(char) -> Option<(RuleSet, String)>,
) {
    let num = &text[start..end];
    let has_ascii = num.bytes().any(|b| b.is_ascii_digit());
    // In foreign context (fa mode), only Arabic-Indic digits change: they are never English.
    let convert_all = !has_ascii || persian_ctx;
    let seps = Separators::of(num);
    let rep_for = |c: char| -> Option<(char, Rule)> {
        match mode {
            Digits::Keep => None,
            Digits::Latin => match c {
                '٫' => Some(('.', Rule::NumberSeparator)),
                '٬' => Some((',', Rule::NumberSeparator)),
                '٪' => Some(('%', Rule::NumberSeparator)),
                _ if !c.is_ascii() => {
                    digit_value(c).map(|v| ((b'0' + v as u8) as char, Rule::Digit))
                }
                _ => None,
            },
            Digits::Fa if !convert_all => ('\u{0660}'..='\u{0669}')
                .contains(&c)
                .then(|| (PERSIAN_DIGITS[(c as u32 - 0x0660) as usize], Rule::Digit)),
            Digits::Fa => match (c, digit_value(c)) {
                (_, Some(v)) => (c != PERSIAN_DIGITS[v as usize])
                    .then_some((PERSIAN_DIGITS[v as usize], Rule::Digit)),
                ('.', _) if seps.decimal_dot => Some(('٫', Rule::NumberSeparator)),
                (',', _) if seps.thousands_commas => Some(('٬', Rule::NumberSeparator)),
                ('%', _) => Some(('٪', Rule::NumberSeparator)),
                _ => None,
            },
        }
    };
    for (j, c) in num.char_indices() {
        let at = start + j;
        if strip_invisible && is_format(c) {
            // Invisible characters inside a number go (the number was read through them).
            w.replace(at, at + c.len_utf8(), "", Rule::Invisible.into());
        } else if let Some((rules, rep)) = drop(c) {
            w.replace(at, at + c.len_utf8(), &rep, rules);
        } else if let Some((r, rule)) = rep_for(c) {
            let mut buf = [0u8; 4];
            w.replace(at, at + c.len_utf8(), r.encode_utf8(&mut buf), rule.into());
        }
    }
}

/// How the separators of one number read.
struct Separators {
    decimal_dot: bool,
    thousands_commas: bool,
}

impl Separators {
    fn of(num: &str) -> Separators {
        let dots = num.matches('.').count();
        let other = num.contains([':', '/', '٫']);
        let int_part = num.split(['.', '٫']).next().unwrap_or("");
        let commas = int_part.matches(',').count();
        let mut thousands = commas > 0 && !other;
        if thousands {
            for (k, group) in int_part.split(',').enumerate() {
                let n = group.chars().filter(|c| is_digit(*c)).count();
                if (k == 0 && !(1..=3).contains(&n)) || (k > 0 && n != 3) {
                    thousands = false;
                }
            }
        }
        // Commas after the decimal point make it a list, not a number.
        let commas_after = num.matches(',').count() > commas;
        Separators {
            decimal_dot: dots == 1 && !other && !commas_after && (commas == 0 || thousands),
            thousands_commas: thousands && !commas_after && dots <= 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fa(s: &str) -> String {
        let end = number_end(s, 0);
        let mut w = Rewriter::new(s);
        rewrite_number(&mut w, s, 0, end, Digits::Fa, true, true, &|_| None);
        w.finish().map_or(s.to_string(), |(t, _)| t)
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(number_end("1,250.75 دلار", 0), 8);
        assert_eq!(number_end("3.5% رشد", 0), 4);
        assert_eq!(number_end("1390. سپس", 0), 4);
        assert_eq!(fa("1,250.75"), "۱٬۲۵۰٫۷۵");
        assert_eq!(fa("3.5%"), "۳٫۵٪");
        assert_eq!(fa("22:30"), "۲۲:۳۰");
        assert_eq!(fa("2.0.1"), "۲.۰.۱");
        assert_eq!(fa("۱۴۰۲/۰۵/۱۲"), "۱۴۰۲/۰۵/۱۲");
        assert_eq!(fa("1,2"), "۱,۲");
        assert_eq!(fa("٣٫٥"), "۳٫۵");
    }
}
