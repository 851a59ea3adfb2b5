//! The character pass: steps 1–6 at the level of single characters, in one scan.
//!
//! Presentation forms, letters, hamza composition, ezafe style, digits, diacritics, kashida,
//! invisible controls, soft hyphen / ¬ as half-space, Unicode spaces and line ends. Protected
//! spans are skipped whole. The structural rules that look at runs of spaces, ZWNJs and
//! punctuation come after, in [`crate::layout`].

use crate::charset::{
    arabic_index, decode_short, fast_classes, is_arabic_letter, is_arabic_mark, is_arabic_script,
    is_digit, is_format, is_invisible_control, is_medial_mark_form, is_other_space, skip_tables,
    FastClass, ZWJ,
};
use crate::config::{Digits, Ezafe, NormalizerConfig};
use crate::context::Context;
use crate::edit::{Changes, Rewriter};
use crate::letters::{action, decompose_presentation, is_presentation_form, Action};
use crate::numbers::{number_end, rewrite_number};
use crate::protect::Protected;
use crate::rules::{Rule, RuleSet};

/// Runs the character pass. `None` when nothing changed.
pub fn clean(
    input: &str,
    cfg: &NormalizerConfig,
    protected: &[Protected],
) -> Option<(String, Changes)> {
    clean_tracked(input, cfg, protected, true)
}

/// [`clean`], recording the changes only when `track` is set (the change list is empty
/// otherwise).
pub fn clean_tracked(
    input: &str,
    cfg: &NormalizerConfig,
    protected: &[Protected],
    track: bool,
) -> Option<(String, Changes)> {
    let mut w = Rewriter::with_tracking(input, track);
    let mut ctx = Context::default();
    let bytes = input.as_bytes();
    let mut i = 0;
    let classes = fast_classes();
    let mut spans = crate::protect::Cursor::new(protected);
    // reused for multi-character replacements
    let mut buf = String::new();
    // Double quotes on the current line: None = not looked at yet; Some(None) = unpaired, left
    // alone; Some(Some(open)) = paired, the next one opens when `open`.
    let mut quotes: Option<Option<bool>> = None;
    // What the pass removes or rewrites inside a number (read through by `number_end`).
    let drop = |c: char| -> Option<(RuleSet, String)> {
        if cfg.presentation_forms && is_medial_mark_form(c) {
            return Some((Rule::PresentationForm.into(), medial_mark_form(c, cfg)));
        }
        match action(c, cfg) {
            Action::Drop(r) => Some((r.into(), String::new())),
            _ => None,
        }
    };
    while i < bytes.len() {
        if let Some(p) = spans.take_at(i) {
            ctx.see_protected(input, p);
            i = i.max(p.end);
            continue;
        }
        // Fast path: skip what needs nothing (plain Arabic-block characters, spaces and ASCII
        // punctuation) in a tight loop, noting only whether a letter was seen.
        let start = i;
        let mut letter = false;
        let persian_digits_stay = cfg.digits == Digits::Fa;
        let stop = spans.next_start().min(bytes.len());
        let skip = &skip_tables().clean;
        while i < stop {
            // Innermost loop: spaces and plain Arabic-block characters, the bulk of the text.
            while i + 1 < stop {
                let b0 = bytes[i];
                if b0 == b' ' {
                    i += 1;
                    continue;
                }
                if b0.wrapping_sub(0xD8) >= 4 {
                    break;
                }
                match skip[arabic_index(b0, bytes[i + 1])] {
                    1 => {}
                    2 => letter = true,
                    3 if !may_compose_after(bytes, i + 2) => letter = true,
                    _ => break,
                }
                i += 2;
            }
            if i >= stop {
                break;
            }
            let Some((cp, len)) = decode_short(bytes, i) else {
                if bytes[i..].starts_with("\u{200C}".as_bytes()) {
                    i += 3; // ZWNJ: placed by the layout pass, not here
                    continue;
                }
                break;
            };
            match classes[cp] {
                FastClass::Plain | FastClass::LayoutSpecial => {}
                FastClass::Letter => letter = true,
                FastClass::Composable => {
                    if may_compose_after(bytes, i + 2) {
                        break;
                    }
                    letter = true;
                }
                FastClass::PersianDigit => {
                    // A whole run of Persian digits with nothing after it that could continue
                    // the number needs nothing; otherwise the number path reads it whole.
                    let mut k = i + 2;
                    while bytes.get(k) == Some(&0xDB)
                        && matches!(bytes.get(k + 1), Some(0xB0..=0xB9))
                    {
                        k += 2;
                    }
                    if !persian_digits_stay || may_continue_number(bytes, k) {
                        break;
                    }
                    i = k;
                    continue;
                }
                FastClass::CleanSpecial => break,
            }
            i += len;
        }
        if letter {
            ctx.set_persian();
        }
        if i > start {
            continue;
        }
        let b = bytes[i];
        // ASCII fast path: CR, the control spaces, quotes and line feeds need a look (digits
        // take the number path below, with the other digit sets).
        if b < 0x80 && !b.is_ascii_digit() {
            match b {
                b'\r' if cfg.whitespace => {
                    let end = if bytes.get(i + 1) == Some(&b'\n') {
                        i + 2
                    } else {
                        i + 1
                    };
                    w.replace(i, end, "\n", Rule::SpaceChar.into());
                    ctx.see('\n');
                    quotes = None;
                    i = end;
                    continue;
                }
                b'\t' | 0x0B | 0x0C if cfg.whitespace => {
                    w.replace(i, i + 1, " ", Rule::SpaceChar.into());
                }
                b'"' if cfg.quotes => {
                    let state = quotes.get_or_insert_with(|| quote_pairing(input, i));
                    if let Some(open) = state {
                        if ctx.is_persian(input, i, protected) {
                            let q = if *open { "«" } else { "»" };
                            w.replace(i, i + 1, q, Rule::Quotes.into());
                        }
                        *open = !*open;
                    }
                }
                b'\n' => {
                    ctx.see('\n');
                    quotes = None;
                }
                // Letters: ASCII letters only occur inside protected spans.
                _ => {}
            }
            i += 1;
            continue;
        }
        let c = match input[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let len = c.len_utf8();
        if is_digit(c) {
            // A number stops where a protected span starts (`۲٬1t`: `1t` is a Latin word).
            let end = number_end(&input[..spans.next_start().min(input.len())], i);
            let persian = ctx.is_persian(input, i, protected);
            rewrite_number(
                &mut w,
                input,
                i,
                end,
                cfg.digits,
                persian,
                cfg.invisible,
                &drop,
            );
            i = end;
            continue;
        }
        let next = input[i + len..].chars().next();
        let stop = spans.next_start().min(input.len());
        // Presentation forms expand, and each resulting character goes through the letter
        // tables too.
        if cfg.presentation_forms && is_presentation_form(c) {
            if c == '\u{FEFF}' {
                if cfg.invisible {
                    w.replace(i, i + len, "", Rule::Invisible.into());
                }
                i += len;
                continue;
            }
            buf.clear();
            let mut rules = RuleSet::from(Rule::PresentationForm);
            decompose_presentation(c, |d| match action(d, cfg) {
                Action::Keep => buf.push(d),
                Action::Drop(r) => rules = rules.union(r.into()),
                Action::Char(m, r) => {
                    buf.push(m);
                    rules = rules.union(r.into());
                }
            });
            // NFKC may give ۀ, which the ezafe style rewrites like a typed one.
            if buf.contains('ۀ') && cfg.ezafe != Ezafe::Keep {
                let style = if cfg.ezafe == Ezafe::Standard {
                    "ه\u{0654}"
                } else {
                    "ه\u{200C}ی"
                };
                buf = buf.replace('ۀ', style);
                rules = rules.union(Rule::Ezafe.into());
            }
            // A hamza or madda mark after the form composes with its last letter, as it
            // would after the typed letter (ﻻ + U+0654 → لأ); otherwise a second run would.
            // The mark is looked for through what this pass removes (ﻻ + ZWSP + U+0654).
            let mut end = i + len;
            let found = buf
                .chars()
                .next_back()
                .and_then(|last| Some((last, mark_after(input, i + len, stop, cfg, last)?)));
            if let Some((last, (m, m_end, dropped))) = found {
                let joda = cfg.ezafe == Ezafe::Joda && last == 'ه' && m == '\u{0654}';
                let composed = if cfg.letters { compose(last, m) } else { None };
                if joda || composed.is_some() {
                    buf.pop();
                    rules = rules.union(dropped);
                    end = m_end;
                    match composed {
                        Some(k) if !joda => {
                            buf.push(k);
                            rules = rules.union(Rule::Compose.into());
                        }
                        _ => {
                            buf.push_str("ه\u{200C}ی");
                            rules = rules.union(Rule::Ezafe.into());
                            let (e, r) = repeated_hamza(input, end, stop, cfg);
                            end = e;
                            rules = rules.union(r);
                        }
                    }
                }
            }
            // Every character of the expansion counts for the context (its last one may be a
            // mark: ﴽ → ا + fathatan).
            buf.chars().for_each(|d| ctx.see(d));
            w.replace(i, end, &buf, rules);
            i = end;
            continue;
        }
        // Hamza and madda written as combining marks compose with their letter, also when
        // something this pass removes stands between them (ا + ZWSP + U+0655): a second run
        // would find them side by side.
        // Only after a letter that composes or takes the ezafe (scanning after every mark of a
        // long run of marks would be quadratic).
        // The letter as the letter step writes it (ۇ → و, ۓ → ئ): ۇ + hamza is ؤ.
        let base = match action(c, cfg) {
            Action::Char(b, _) => b,
            _ => c,
        };
        let may_take_mark = matches!(c, 'ا' | 'و' | 'ی' | 'ه' | 'ۀ' | '\u{06C2}')
            || matches!(base, 'ا' | 'و' | 'ی' | 'ه' | 'ۀ');
        let mark = if may_take_mark {
            mark_after(input, i + len, stop, cfg, base)
        } else {
            None
        };
        if cfg.letters {
            if let Some((m, end, dropped)) = mark {
                if let Some(k) = compose(base, m) {
                    let mut b4 = [0u8; 4];
                    let rules = RuleSet::from(Rule::Compose).union(dropped);
                    w.replace(i, end, k.encode_utf8(&mut b4), rules);
                    ctx.see(k);
                    i = end;
                    continue;
                }
            }
        }
        // Ezafe on heh.
        if cfg.ezafe != Ezafe::Keep {
            let heh_ezafe = c == 'ۀ' || (c == '\u{06C2}' && cfg.letters);
            // A letter the letter step turns into ه (ة with teh_marbuta=heh, ہ ھ ە) counts
            // as ه here, or a second run would see the ه + hamza this one writes.
            let as_heh = c == 'ه' || base == 'ه';
            let hamza = match mark {
                Some(('\u{0654}', end, dropped)) => Some((end, dropped)),
                _ => None,
            };
            let heh_hamza = as_heh && hamza.is_some();
            let rep = match cfg.ezafe {
                Ezafe::Standard if heh_ezafe => Some(("ه\u{0654}", i + len, RuleSet::EMPTY)),
                // A hamza mark after ۀ repeats its hamza: it goes with it (left after the ی,
                // it would make ئ on a second run), and so do repeated ones after ه.
                Ezafe::Joda if heh_ezafe || heh_hamza => {
                    let (end, dropped) = hamza.unwrap_or((i + len, RuleSet::EMPTY));
                    let (end, more) = repeated_hamza(input, end, stop, cfg);
                    Some(("ه\u{200C}ی", end, dropped.union(more)))
                }
                _ => None,
            };
            if let Some((r, end, dropped)) = rep {
                w.replace(i, end, r, RuleSet::from(Rule::Ezafe).union(dropped));
                ctx.see('ی');
                i = end;
                continue;
            }
        }
        match c {
            ZWJ if cfg.invisible => {
                // A ZWJ belongs only inside emoji (and other non-Arabic) sequences.
                let prev = input[..i].chars().next_back();
                let joinable = |c: char| {
                    !is_arabic_script(c) && !c.is_whitespace() && !c.is_ascii() && !is_format(c)
                };
                let keep = prev.is_some_and(joinable) && next.is_some_and(joinable);
                if !keep {
                    w.replace(i, i + len, "", Rule::Invisible.into());
                }
            }
            '\u{00AD}' | '\u{00AC}' if cfg.invisible => {
                // Neighbours seen through other invisible characters and marks, which go
                // anyway, and kashida when it goes.
                let seen = |c: &char| {
                    let c = *c;
                    // A medial form of a mark becomes kashida + the mark.
                    let medial_goes =
                        cfg.presentation_forms && cfg.remove_kashida && is_medial_mark_form(c);
                    !(is_format(c)
                        || is_arabic_mark(c)
                        || (cfg.remove_kashida && c == 'ـ')
                        || medial_goes)
                };
                let prev = input[..i].chars().rev().find(seen);
                let after = input[i + len..].chars().find(seen);
                let between_letters =
                    prev.is_some_and(is_arabic_letter) && after.is_some_and(is_arabic_letter);
                if between_letters {
                    w.replace(i, i + len, "\u{200C}", Rule::HalfSpace.into());
                } else if c == '\u{00AD}' {
                    w.replace(i, i + len, "", Rule::Invisible.into());
                }
            }
            _ if cfg.invisible && is_invisible_control(c) => {
                w.replace(i, i + len, "", Rule::Invisible.into());
            }
            _ if cfg.whitespace && is_other_space(c) => {
                w.replace(i, i + len, " ", Rule::SpaceChar.into());
            }
            '\u{2028}' | '\u{2029}' | '\u{0085}' if cfg.whitespace => {
                w.replace(i, i + len, "\n", Rule::SpaceChar.into());
                ctx.see('\n');
                quotes = None;
            }
            // Kept line separators still end the line for quote pairing (as `\n` would after
            // the whitespace step), so the pairing is the same on a second run.
            '\u{2028}' | '\u{2029}' | '\u{0085}' => quotes = None,
            '٪' | '٫' | '٬' if cfg.digits == Digits::Latin => {}
            '"' | '“' | '”' if cfg.quotes => {
                let state = quotes.get_or_insert_with(|| quote_pairing(input, i));
                if let Some(open) = state {
                    if ctx.is_persian(input, i, protected) {
                        let q = if *open { "«" } else { "»" };
                        w.replace(i, i + len, q, Rule::Quotes.into());
                    }
                    *open = !*open;
                }
            }
            _ => match action(c, cfg) {
                Action::Keep => ctx.see(c),
                Action::Drop(r) => w.replace(i, i + len, "", r.into()),
                Action::Char(m, r) => {
                    let mut b4 = [0u8; 4];
                    w.replace(i, i + len, m.encode_utf8(&mut b4), r.into());
                    ctx.see(m);
                }
            },
        }
        i += len;
    }
    w.finish()
}

/// The hamza or madda mark (U+0653–0655) at `from`, or after characters this pass removes
/// there (invisible controls, ZWJ and ZWNJ, and diacritics and kashida when their steps are on),
/// before `stop`: the mark, the end of the mark and the rules that remove what it skipped.
/// `base` is the letter the mark would follow: a madda that cannot compose with it is one of
/// the diacritics this pass removes, so a hamza after it is found (ی + madda + hamza → ئ in
/// one run, as a second run would do).
fn mark_after(
    input: &str,
    from: usize,
    stop: usize,
    cfg: &NormalizerConfig,
    base: char,
) -> Option<(char, usize, RuleSet)> {
    let mut rules = RuleSet::EMPTY;
    for (j, d) in input.get(from..stop)?.char_indices() {
        match d {
            '\u{0653}' if compose(base, d).is_none() && cfg.remove_diacritics => {
                rules = rules.union(Rule::Diacritic.into());
            }
            '\u{0653}'..='\u{0655}' => return Some((d, from + j + d.len_utf8(), rules)),
            // A ZWJ after an Arabic letter or a mark is always removed.
            _ if cfg.invisible && (is_invisible_control(d) || d == ZWJ) => {
                rules = rules.union(Rule::Invisible.into());
            }
            // The layout pass removes a ZWNJ before a mark; a soft hyphen goes or becomes
            // one, and so does `¬` before a letter (after the letter this is called for).
            '\u{200C}' | '\u{00AD}' if cfg.invisible => rules = rules.union(Rule::Zwnj.into()),
            '\u{00AC}'
                if cfg.invisible
                    && input[from + j + 2..]
                        .chars()
                        .find(|&c| !is_format(c) && !is_arabic_mark(c))
                        .is_some_and(is_arabic_letter) =>
            {
                rules = rules.union(Rule::Zwnj.into());
            }
            _ => match action(d, cfg) {
                Action::Drop(r) => rules = rules.union(r.into()),
                _ => return None,
            },
        }
    }
    None
}

/// The end of the hamza marks (U+0654) repeated at `from` (through what this pass removes),
/// and the rules of what was removed: they go with an ezafe already written.
fn repeated_hamza(
    input: &str,
    mut from: usize,
    stop: usize,
    cfg: &NormalizerConfig,
) -> (usize, RuleSet) {
    let mut rules = RuleSet::EMPTY;
    while let Some(('\u{0654}', end, dropped)) = mark_after(input, from, stop, cfg, 'ه') {
        rules = rules.union(dropped);
        from = end;
    }
    (from, rules)
}

/// Whether the bytes at `k` (after a letter that composes) may be a hamza or madda mark, or
/// a character this pass may remove before one (a mark, kashida, an invisible control): then
/// the letter takes the slow path. Errs on the side of yes. ZWNJs (which the layout pass
/// removes before a mark) are looked through.
#[inline]
pub(crate) fn may_compose_after(b: &[u8], mut k: usize) -> bool {
    loop {
        let Some(&b0) = b.get(k) else {
            return false;
        };
        // Most often a letter or a space: decided on two bytes.
        let b1 = b.get(k + 1).copied().unwrap_or(0);
        return match b0 {
            0xD9 => matches!(b1, 0x80 | 0x8B..=0x9F | 0xB0),
            0xD8 => matches!(b1, 0x90..=0x9C),
            0xDB => matches!(b1, 0x96..=0xAD),
            0xE2 if b1 == 0x80 && b.get(k + 2) == Some(&0x8C) => {
                k += 3; // ZWNJ
                continue;
            }
            0xE2 => matches!(b1, 0x80 | 0x81),
            0xC2 => matches!(b1, 0xAC | 0xAD),
            0xEF => matches!(b1, 0xBB | 0xB9 | 0xB3),
            0xE0 => b1 == 0xA3,
            _ => false,
        };
    }
}

/// What the presentation-form step writes for the medial form of marks `c` (kashida and
/// the marks, each unless its removal step is on).
fn medial_mark_form(c: char, cfg: &NormalizerConfig) -> String {
    let mut s = String::new();
    decompose_presentation(c, |d| {
        if action(d, cfg) == Action::Keep {
            s.push(d);
        }
    });
    s
}

/// The letter that `c` followed by the combining hamza or madda `m` composes to.
fn compose(c: char, m: char) -> Option<char> {
    match (c, m) {
        ('ا', '\u{0653}') => Some('آ'),
        ('ا', '\u{0654}') => Some('أ'),
        ('ا', '\u{0655}') => Some('إ'),
        ('و', '\u{0654}') => Some('ؤ'),
        ('ی' | 'ي' | 'ى', '\u{0654}') => Some('ئ'),
        _ => None,
    }
}

/// Whether the double quotes on the line around `i` pair up (an even number of them). The
/// whole line counts, quotes inside protected spans too, so that the answer is the same on a
/// second run even when a span there starts or ends elsewhere (`3.5٪”` → `3.5%”`).
fn quote_pairing(input: &str, i: usize) -> Option<bool> {
    let ends = ['\n', '\r', '\u{2028}', '\u{2029}', '\u{0085}'];
    let start = input[..i]
        .char_indices()
        .rev()
        .find(|&(_, c)| ends.contains(&c))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let line = &input[start..];
    let line = &line[..line.find(ends).unwrap_or(line.len())];
    let n = line
        .chars()
        .filter(|&d| matches!(d, '"' | '“' | '”'))
        .count();
    (n % 2 == 0).then_some(true)
}

/// Whether the bytes at `i` may continue a number (a separator, a percent sign, or a mark,
/// kashida or invisible character it is read through), so that the digit before them needs
/// the number path.
#[inline]
fn may_continue_number(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        Some(b'.' | b',' | b':' | b'/' | b'%' | 0xE2 | 0xC2) => true,
        Some(0xD9) if matches!(b.get(i + 1), Some(0xAA..=0xAC)) => true,
        // Marks, kashida and invisible characters, which the number is read through.
        _ => may_compose_after(b, i),
    }
}
