//! The layout pass: runs of spaces and ZWNJs, line breaks, and punctuation (steps 5–7).
//!
//! - A run of spaces/ZWNJs between two Persian letters that holds a ZWNJ becomes one ZWNJ
//!   (nothing after a non-joining letter, where the ZWNJ would be invisible; a space after
//!   one). Elsewhere ZWNJs go (word edges, beside punctuation, digits or other scripts).
//! - Spaces: runs collapse to one; lines are trimmed; at most one blank line separates
//!   paragraphs; the text is trimmed.
//! - Punctuation in Persian context: `,` `;` `?` → `،` `؛` `؟`; no space before
//!   `. ، ؛ : ؟ ! ) ] } » …` and none after `( [ { «`; one space after `، ؛ . : ؟ !` when a
//!   Persian word follows (not after the single-letter parts of abbreviations such as ه.ش.).
//!   Options: `...` → `…`, runs of ! ? ؟ reduced to one.

use crate::charset::{
    arabic_index, decode_short, fast_classes, is_arabic_letter, is_arabic_mark, is_closing_punct,
    is_digit, is_foreign_letter, is_format, is_non_joining, is_opening_bracket, skip_tables,
    wants_space_after, FastClass, ZWNJ,
};
use crate::config::{Ezafe, NormalizerConfig};
use crate::context::Context;
use crate::edit::{Changes, Rewriter};
use crate::numbers::is_transparent;
use crate::protect::Protected;
use crate::rules::{Rule, RuleSet};

/// Runs the layout pass. `None` when nothing changed.
pub fn layout(
    input: &str,
    cfg: &NormalizerConfig,
    protected: &[Protected],
) -> Option<(String, Changes)> {
    layout_tracked(input, cfg, protected, true)
}

/// [`layout`], recording the changes only when `track` is set (the change list is empty
/// otherwise).
pub fn layout_tracked(
    input: &str,
    cfg: &NormalizerConfig,
    protected: &[Protected],
    track: bool,
) -> Option<(String, Changes)> {
    let mut w = Rewriter::with_tracking(input, track);
    let mut ctx = Context::default();
    let mut i = 0;
    let mut seen_content = false;
    let bytes = input.as_bytes();
    let classes = fast_classes();
    let mut spans = crate::protect::Cursor::new(protected);
    let layout_skip = &skip_tables().layout;
    while i < input.len() {
        if let Some(p) = spans.take_at(i) {
            ctx.see_protected(input, p);
            seen_content = true;
            i = i.max(p.end);
            continue;
        }
        // Fast paths for what needs no decision: Arabic-block letters and symbols other than
        // ، ؛ ؟, plain ASCII, and a single space between two word characters.
        // Innermost loop: plain Arabic-block characters and single spaces between words.
        let start = i;
        let mut letter = false;
        let stop = spans.next_start().min(bytes.len());
        while i + 1 < stop {
            let b0 = bytes[i];
            if b0 == b' ' {
                if seen_content && i > 0 && single_space_between_words(bytes, i) {
                    i += 1;
                    continue;
                }
                break;
            }
            if b0.wrapping_sub(0xD8) >= 4 {
                break;
            }
            match layout_skip[arabic_index(b0, bytes[i + 1])] {
                1 => {}
                2 => letter = true,
                _ => break,
            }
            seen_content = true;
            i += 2;
        }
        if letter {
            ctx.set_persian();
        }
        if i > start {
            continue;
        }
        let b = bytes[i];
        if let Some((cp, len)) = decode_short(bytes, i) {
            match classes[cp] {
                FastClass::Letter | FastClass::Composable => {
                    ctx.set_persian();
                    seen_content = true;
                    i += len;
                    continue;
                }
                FastClass::Plain | FastClass::PersianDigit => {
                    seen_content = true;
                    i += len;
                    continue;
                }
                FastClass::CleanSpecial if cp != 0x0A => {
                    // Left over when the character steps are off: nothing for this pass,
                    // except letters (context).
                    if is_arabic_letter(char::from_u32(cp as u32).unwrap_or(' ')) {
                        ctx.set_persian();
                    }
                    seen_content = true;
                    i += len;
                    continue;
                }
                _ if b == b' ' && seen_content && i > 0 && single_space_between_words(bytes, i) => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
        } else if b == 0xE2 && seen_content && i >= 2 && zwnj_between_letters(bytes, i) {
            i += 3;
            continue;
        }
        let c = match input[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let len = c.len_utf8();
        match c {
            ' ' | ZWNJ => {
                let j = run_end(input, i, |c| c == ' ' || c == ZWNJ);
                if let Some(end) = detached_ezafe(w.input(), i, j, cfg) {
                    let rep = if cfg.ezafe == Ezafe::Standard {
                        "\u{0654}"
                    } else {
                        "\u{200C}ی"
                    };
                    w.replace(i, end, rep, Rule::Ezafe.into());
                    i = end;
                    continue;
                }
                gap(&mut w, &mut ctx, cfg, input, i, j, seen_content, protected);
                i = j;
                continue;
            }
            '\n' if cfg.whitespace => {
                let j = run_end(input, i, |c| c == '\n' || c == ' ' || c == ZWNJ);
                let n = input[i..j].bytes().filter(|&b| b == b'\n').count();
                let rep = if !seen_content || j == input.len() {
                    ""
                } else if n == 1 {
                    "\n"
                } else {
                    "\n\n"
                };
                w.replace(i, j, rep, Rule::Whitespace.into());
                ctx.see('\n');
                i = j;
                continue;
            }
            '\n' => {
                ctx.see('\n');
            }
            ',' | ';' | '?' | '!' | '؟' | '.' | '،' | '؛' | ':' if cfg.punctuation => {
                seen_content = true;
                if ctx.is_persian(input, i, protected) {
                    i = punct(&mut w, cfg, input, i, c);
                    continue;
                }
            }
            _ => {
                seen_content = true;
                ctx.see(c);
            }
        }
        i += len;
    }
    w.finish()
}

/// An ezafe yeh written apart after a word ending in heh ("خانه ی ما"): the end of the yeh
/// when the run `input[i..j]` separates such a yeh from its word and a style is chosen.
fn detached_ezafe(input: &str, i: usize, j: usize, cfg: &NormalizerConfig) -> Option<usize> {
    if cfg.ezafe == Ezafe::Keep || !input[..i].ends_with('ه') {
        return None;
    }
    // The word before has at least two letters (a lone ه is an abbreviation, ه.ش.).
    // ZWNJs before the ه are looked through: this pass may remove them (after ا, د …), and
    // the decision must not change when it does.
    let mut before = input[..i - 'ه'.len_utf8()]
        .chars()
        .rev()
        .filter(|&c| c != ZWNJ);
    if !before.next().is_some_and(is_arabic_letter) {
        return None;
    }
    let rest = &input[j..];
    let after = rest.strip_prefix('ی')?;
    // ZWNJs after the yeh that this pass removes are looked through: all of them with the
    // invisible step, and those of a run with a space with the whitespace step (the run
    // becomes the space), so that the second run decides as the first.
    let run = &after[..after
        .find(|c: char| c != ' ' && c != ZWNJ)
        .unwrap_or(after.len())];
    let removed = cfg.invisible || cfg.whitespace && run.contains(' ');
    let next = after.chars().find(|&c| !(removed && c == ZWNJ));
    // The yeh stands alone: a space, punctuation or the end follows, not another letter.
    if next.is_some_and(|c| is_arabic_letter(c) || is_arabic_mark(c) || c == ZWNJ) {
        return None;
    }
    Some(j + 'ی'.len_utf8())
}

/// A single ZWNJ at `i` between a joining Arabic letter and another Arabic letter: already
/// right, nothing to decide.
#[inline]
fn zwnj_between_letters(b: &[u8], i: usize) -> bool {
    let classes = fast_classes();
    if b.get(i + 1) != Some(&0x80) || b.get(i + 2) != Some(&0x8C) {
        return false;
    }
    let letter_at = |k: usize| -> Option<u32> {
        let lead = *b.get(k)?;
        let cont = *b.get(k + 1)?;
        if !(0xD8..=0xDB).contains(&lead) || !(0x80..=0xBF).contains(&cont) {
            return None;
        }
        let cp = (((lead & 0x1F) as u32) << 6) | (cont & 0x3F) as u32;
        matches!(
            classes[cp as usize],
            FastClass::Letter | FastClass::Composable
        )
        .then_some(cp)
    };
    let Some(left) = letter_at(i - 2) else {
        return false;
    };
    let joins = char::from_u32(left).is_some_and(|c| !is_non_joining(c));
    joins && letter_at(i + 3).is_some()
}

/// A single space at `i` between two word characters (no punctuation or bracket beside it,
/// no line break): the gap rule would leave it as it is.
#[inline]
fn single_space_between_words(b: &[u8], i: usize) -> bool {
    // «ه ی»: maybe a detached ezafe, which the slow path decides.
    if i >= 2 && b[i - 2..i] == [0xD9, 0x87] && b.get(i + 1..i + 3) == Some(&[0xDB, 0x8C]) {
        return false;
    }
    let prev = b[i - 1];
    let prev_ok = match prev {
        b'\n' | b'(' | b'[' | b'{' | b' ' => false,
        0xAB => !(i >= 2 && b[i - 2] == 0xC2), // «
        _ => true,
    };
    let next_ok = match b.get(i + 1) {
        Some(&n) if n.is_ascii_alphanumeric() => true,
        Some(&n @ 0xD8..=0xDB) => match b.get(i + 2) {
            Some(&m) => {
                let cp = (((n & 0x1F) as u32) << 6) | (m & 0x3F) as u32;
                !matches!(cp, 0x060C | 0x061B | 0x061F)
            }
            None => false,
        },
        _ => false,
    };
    prev_ok && next_ok
}

fn run_end(input: &str, i: usize, f: impl Fn(char) -> bool) -> usize {
    input[i..]
        .char_indices()
        .find(|&(_, c)| !f(c))
        .map_or(input.len(), |(j, _)| i + j)
}

/// Decides one run `input[i..j]` of spaces and ZWNJs.
#[allow(clippy::too_many_arguments)]
fn gap(
    w: &mut Rewriter<'_>,
    ctx: &mut Context,
    cfg: &NormalizerConfig,
    input: &str,
    i: usize,
    j: usize,
    seen_content: bool,
    protected: &[Protected],
) {
    let run = &input[i..j];
    let has_zwnj = run.contains(ZWNJ);
    let has_space = run.contains(' ');
    // The left side as written so far by this pass (a space it removed before a stray mark
    // must not count: a second run would not see it).
    let left = w.rev_chars_before(i).find(|&c| !is_arabic_mark(c));
    let right = input[j..].chars().next();
    let zwnj_rule = RuleSet::from(Rule::Zwnj);
    let ws_rule = RuleSet::from(Rule::Whitespace);
    // The line edge is judged on the character just before the run, not on the base letter
    // `left`: a stray mark at the start of a line is content, and the run must be kept the
    // same whether or not a ZWNJ (removed on this pass) stood before that mark.
    let before = input[..i].chars().next_back();
    let line_edge =
        !seen_content || matches!(before, None | Some('\n')) || matches!(right, None | Some('\n'));
    if cfg.invisible && has_zwnj {
        let letters = left.is_some_and(is_arabic_letter) && right.is_some_and(is_arabic_letter);
        // Beside a space, a ZWNJ marks a word-internal boundary only when an affix is on
        // one side (کتاب‌ ها, می ‌روم); otherwise it is an edge ZWNJ and the space stays.
        let inside_word = !has_space || affix_across(input, i, j);
        if letters && inside_word {
            let l = left.unwrap_or(' ');
            if !is_non_joining(l) {
                let rules = if has_space {
                    zwnj_rule.union(ws_rule)
                } else {
                    zwnj_rule
                };
                w.replace(i, j, "\u{200C}", rules);
                return;
            }
            // After a non-joining letter the ZWNJ is invisible: drop it, keep a space if any.
            let rep = if has_space { " " } else { "" };
            w.replace(i, j, rep, zwnj_rule);
            return;
        }
        if !has_space || line_edge {
            w.replace(i, j, "", zwnj_rule);
            return;
        }
    }
    if !has_space {
        return;
    }
    let mut rules = if has_zwnj && cfg.invisible {
        zwnj_rule
    } else {
        RuleSet::EMPTY
    };
    if cfg.whitespace && line_edge {
        w.replace(i, j, "", rules.union(ws_rule));
        return;
    }
    if cfg.punctuation && !line_edge {
        let r = right.unwrap_or(' ');
        // What follows the mark, read through what a number is read through (a digit
        // behind a ZWNJ still makes «۳ .‌۱» a number once the space goes).
        let after_r = input[j + r.len_utf8()..]
            .chars()
            .find(|&c| !is_transparent(c));
        let closing = (is_closing_punct(r) || matches!(r, ',' | ';' | '?'))
            && !(matches!(r, '.' | ':')
                && after_r.is_some_and(|a| is_foreign_letter(a) || is_digit(a)));
        // Between two sentence marks the space stays: "! !" is not one run of marks.
        let closing = closing && !left.is_some_and(|l| matches!(l, '!' | '?' | '؟' | '.' | '…'));
        let opening = left.is_some_and(is_opening_bracket);
        if (closing || opening) && ctx.is_persian(input, j, protected) {
            w.replace(i, j, "", rules.union(Rule::PunctuationSpacing.into()));
            return;
        }
    }
    if cfg.whitespace {
        if run != " " {
            rules = rules.union(ws_rule);
        }
        w.replace(i, j, " ", rules);
    } else if has_zwnj && cfg.invisible {
        let kept: String = run.chars().filter(|&c| c != ZWNJ).collect();
        w.replace(i, j, &kept, rules);
    }
}

/// Suffixes and prefixes that show a space+ZWNJ run sits inside one word.
const SUFFIXES: &[&str] = &[
    "ها",
    "های",
    "هایی",
    "هایم",
    "هایت",
    "هایش",
    "هایمان",
    "هایتان",
    "هایشان",
    "ای",
    "ام",
    "ات",
    "اش",
    "ایم",
    "اید",
    "اند",
    "تر",
    "ترین",
    "تری",
    "ی",
];
const PREFIXES: &[&str] = &["می", "نمی", "بی"];

/// Whether the word after `j` is a suffix or the word before `i` a prefix.
fn affix_across(input: &str, i: usize, j: usize) -> bool {
    let after = &input[j..];
    let next_word = after
        .find(|c: char| !is_arabic_letter(c))
        .map_or(after, |k| &after[..k]);
    let before = &input[..i];
    let prev_word = before
        .rfind(|c: char| !is_arabic_letter(c))
        .map_or(before, |k| {
            &before[k + before[k..].chars().next().map_or(1, char::len_utf8)..]
        });
    SUFFIXES.contains(&next_word) || PREFIXES.contains(&prev_word)
}

/// Handles a punctuation mark at `i` in Persian context; returns the position after it.
fn punct(w: &mut Rewriter<'_>, cfg: &NormalizerConfig, input: &str, i: usize, c: char) -> usize {
    // Digits seen through marks, kashida and invisible characters (the number is read
    // through them).
    let prev = input[..i].chars().rev().find(|&c| !is_transparent(c));
    let mut end = i + c.len_utf8();
    let mut out = c;
    let mut rules = RuleSet::EMPTY;
    match c {
        ',' if prev.is_some_and(is_digit)
            && input[end..]
                .chars()
                .find(|&c| !is_transparent(c))
                .is_some_and(is_digit) =>
        {
            return end; // a number's separator, left to the digit step
        }
        ',' => {
            out = '،';
            rules = Rule::Punctuation.into();
        }
        ';' => {
            out = '؛';
            rules = Rule::Punctuation.into();
        }
        '?' | '؟' | '!' => {
            if c == '?' {
                out = '؟';
                rules = Rule::Punctuation.into();
            }
            if cfg.reduce_repeated_punctuation {
                let same = |d: char| {
                    if c == '!' {
                        d == '!'
                    } else {
                        d == '?' || d == '؟'
                    }
                };
                // The run goes on through invisible characters (which go anyway).
                let mut j = end;
                loop {
                    let k = if cfg.invisible {
                        run_end(input, j, is_format)
                    } else {
                        j
                    };
                    match input[k..].chars().next() {
                        Some(d) if same(d) => j = k + d.len_utf8(),
                        _ => break,
                    }
                }
                if j > end {
                    end = j;
                    rules = rules.union(Rule::RepeatedPunctuation.into());
                    if c != '!' {
                        out = '؟';
                    }
                }
            }
        }
        '.' if cfg.ellipsis => {
            // The run goes on through invisible characters (which go anyway).
            let (mut dots, mut j) = (0, i);
            for (k, d) in input[i..].char_indices() {
                if d == '.' {
                    dots += 1;
                    j = i + k + 1;
                } else if !(cfg.invisible && is_format(d)) {
                    break;
                }
            }
            if dots >= 3 {
                end = j;
                out = '…';
                rules = Rule::Ellipsis.into();
            }
        }
        _ => {}
    }
    let mut b4 = [0u8; 4];
    let mut rep = String::new();
    rep.push_str(out.encode_utf8(&mut b4));
    // One space after ، ؛ . : ؟ ! when a Persian word follows directly.
    // ZWNJs right after the mark are removed by the gap rule, so look through them.
    let next = input[end..]
        .chars()
        .find(|&c| !(cfg.invisible && c == ZWNJ));
    if wants_space_after(out)
        && next.is_some_and(is_arabic_letter)
        && !is_abbreviation_dot(w.rev_chars_before(i), out)
    {
        rep.push(' ');
        rules = rules.union(Rule::PunctuationSpacing.into());
    }
    if !rules.eq(&RuleSet::EMPTY) {
        w.replace(i, end, &rep, rules);
    }
    end
}

/// A period after a one-letter word (ه.ش. ق.م. ج.ا.ا.) marks an abbreviation.
///
/// `it` runs backwards over the output written so far: an earlier decision of this pass
/// (a space turned into a ZWNJ) must count, or a second pass would decide otherwise.
fn is_abbreviation_dot(mut it: impl Iterator<Item = char>, out: char) -> bool {
    if out != '.' {
        return false;
    }
    let Some(a) = it.next() else {
        return false;
    };
    // The word before the dot is one letter: what precedes it is no letter, mark, or ZWNJ
    // that continues a word.
    let mut b = it.next();
    if b == Some(ZWNJ) {
        b = it.find(|&c| c != ZWNJ);
        if b.is_some_and(|c| is_arabic_letter(c) || is_arabic_mark(c)) {
            return false;
        }
        b = None;
    }
    is_arabic_letter(a) && !b.is_some_and(|c| is_arabic_letter(c) || is_arabic_mark(c))
}
