//! Sentence boundaries: one pass over the bytes, looking only at the few bytes that can start a
//! sentence-final mark or a line break.

use std::ops::Range;

use super::abbrev::ends_abbreviation;
use super::chars::{
    char_at, char_before, is_arabic_letter, is_closer, is_digit, is_emoji_base, is_letter,
    is_line_break, is_regional, is_skin_tone, is_space, is_terminator,
};
use super::SegmentOptions;

/// Bytes that may start a terminator or a line break: `.` `!` `?` `\n` `\r` `\v` `\f`, the lead
/// byte of `؟` (U+061F) and `۔` (U+06D4), of U+0085, and of the U+2000 block (`…` `‼` `⁇` …,
/// U+2028, U+2029).
static CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[0x0b] = true;
    t[0x0c] = true;
    t[0xc2] = true; // U+0085
    t[0xd8] = true; // U+061F
    t[0xdb] = true; // U+06D4
    t[0xe2] = true; // U+2026, U+203C, U+2047..2049, U+2028, U+2029
    t
};

const STEP: usize = 32;
const WINDOW: usize = STEP + 2;

/// Whether the lead byte `b` followed by `b1`, `b2` is a candidate character: `؟` `۔` U+0085
/// `…` U+2028 U+2029 `‼` `⁇` `⁈` `⁉`.
#[inline(always)]
fn is_candidate_seq(b: u8, b1: u8, b2: u8) -> bool {
    match b {
        0xd8 => b1 == 0x9f,
        0xdb => b1 == 0x94,
        0xc2 => b1 == 0x85,
        0xe2 => {
            (b1 == 0x80 && matches!(b2, 0xa6 | 0xa8 | 0xa9 | 0xbc))
                || (b1 == 0x81 && matches!(b2, 0x87..=0x89))
        }
        _ => b < 0x80,
    }
}

/// Whether one of the first [`STEP`] bytes of `w` may start a candidate (a superset: the
/// E2 check ignores the middle byte). Written branch-free so that it vectorizes.
#[inline(always)]
fn window_has_candidate(w: &[u8; WINDOW]) -> bool {
    let mut acc = false;
    for k in 0..STEP {
        let (b, b1, b2) = (w[k], w[k + 1], w[k + 2]);
        acc |= (b == b'.')
            | (b == b'!')
            | (b == b'?')
            | (b.wrapping_sub(b'\n') < 4)
            | ((b == 0xd8) & (b1 == 0x9f))
            | ((b == 0xdb) & (b1 == 0x94))
            | ((b == 0xc2) & (b1 == 0x85))
            | ((b == 0xe2)
                & ((b2 == 0xa6)
                    | (b2 == 0xa8)
                    | (b2 == 0xa9)
                    | (b2 == 0xbc)
                    | (b2.wrapping_sub(0x87) < 3)));
    }
    acc
}

/// The sentences of `text` as trimmed byte ranges; see [`super::sentence_spans`].
pub(crate) fn sentence_spans(text: &str, opts: &SegmentOptions) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut out = Vec::new();
    let mut seg_start = 0usize;
    let mut i = 0usize;
    // From `scan_to` on, bytes were not yet free of candidates by the window test.
    let mut scan_to = 0usize;
    while i < n {
        if i >= scan_to {
            // Skip 32 bytes at a time while none of them can start a mark or a line break.
            while let Some(w) = bytes.get(i..).and_then(<[u8]>::first_chunk::<WINDOW>) {
                if window_has_candidate(w) {
                    break;
                }
                i += STEP;
            }
            scan_to = i + STEP;
        }
        let Some(&b) = bytes.get(i) else { break };
        if !CANDIDATE[b as usize] {
            i += 1;
            continue;
        }
        if b >= 0x80 {
            // A lead byte: check the rest of the sequence on the bytes (most D8/E2 sequences are
            // letters and ZWNJ), then decode. Continuation bytes are never candidates, so
            // stepping one byte keeps `i` on char boundaries whenever it matters.
            let b1 = bytes.get(i + 1).copied().unwrap_or(0);
            let b2 = bytes.get(i + 2).copied().unwrap_or(0);
            if !is_candidate_seq(b, b1, b2) {
                i += 1;
                continue;
            }
            let c = char_at(text, i).unwrap_or('\0');
            if is_line_break(c) {
                i = line_break(text, i, c, opts, &mut seg_start, &mut out);
            } else if is_terminator(c) {
                i = terminator(text, i, opts, &mut seg_start, &mut out);
            } else {
                i += c.len_utf8();
            }
            continue;
        }
        match b {
            b'.' | b'!' | b'?' => i = terminator(text, i, opts, &mut seg_start, &mut out),
            _ => i = line_break(text, i, b as char, opts, &mut seg_start, &mut out),
        }
    }
    push_trimmed(text, seg_start, n, &mut out);
    out
}

/// Pushes `text[start..end]` trimmed of whitespace, unless nothing is left.
#[inline]
fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let piece = &text[start..end];
    let t = piece.trim_start();
    let s = start + (piece.len() - t.len());
    let e = s + t.trim_end().len();
    if e > s {
        out.push(s..e);
    }
}

/// Handles a line break `c` at `i`; returns where to continue.
fn line_break(
    text: &str,
    i: usize,
    c: char,
    opts: &SegmentOptions,
    seg_start: &mut usize,
    out: &mut Vec<Range<usize>>,
) -> usize {
    let next = i + c.len_utf8();
    if !opts.newline_is_space || c == '\u{2029}' {
        push_trimmed(text, *seg_start, i, out);
        *seg_start = next;
        return next;
    }
    // Hard-wrapped text: a single line break is a space; a blank line (two breaks with only
    // spaces between, `\r\n` counting as one) still ends the sentence.
    let mut j = next;
    let mut breaks = 1;
    let mut prev_cr = c == '\r';
    while let Some(d) = char_at(text, j) {
        if !is_space(d) {
            break;
        }
        if is_line_break(d) {
            if !(prev_cr && d == '\n') {
                breaks += 1;
            }
            prev_cr = d == '\r';
        } else {
            prev_cr = false;
        }
        j += d.len_utf8();
    }
    if breaks >= 2 {
        push_trimmed(text, *seg_start, i, out);
        *seg_start = j;
    }
    j
}

/// Handles a sentence-final mark at `i`; returns where to continue.
fn terminator(
    text: &str,
    i: usize,
    opts: &SegmentOptions,
    seg_start: &mut usize,
    out: &mut Vec<Range<usize>>,
) -> usize {
    let cur_start = *seg_start;
    let first = char_at(text, i).unwrap_or('.');
    // The run of marks and closing quotes/brackets: «رفت؟!»  «می‌آیم.»
    let mut j = i + first.len_utf8();
    let mut marks = 1;
    let mut after_marks = j;
    // An ellipsis: only `…`, or only periods (two or more, nothing between them).
    let (mut periods, mut ellipses, mut others) = (0usize, 0usize, 0usize);
    let mut count = |c: char| match c {
        '.' => periods += 1,
        '\u{2026}' => ellipses += 1,
        _ => others += 1,
    };
    count(first);
    let mut closer_seen = false;
    let mut split_periods = false;
    while let Some(d) = char_at(text, j) {
        if is_terminator(d) {
            count(d);
            split_periods |= closer_seen;
            marks += 1;
            j += d.len_utf8();
            after_marks = j;
        } else if is_closer(d) || is_emoji_part(d) {
            // Closing quotes and brackets, and emoji («عالی بود!😍 فردا …»), stay with the
            // sentence.
            closer_seen = true;
            j += d.len_utf8();
        } else {
            break;
        }
    }
    let ellipsis = others == 0
        && ((periods == 0 && ellipses > 0) || (ellipses == 0 && periods >= 2 && !split_periods));
    let next = char_at(text, j);
    let prev = char_before(text, i);
    let after_first = char_at(text, i + first.len_utf8());

    if marks == 1 && first == '.' {
        // A period glued to a digit on the right: decimals (3.5), versions, dates, section
        // numbers (۱.۲).
        if after_first.is_some_and(is_digit) {
            return j;
        }
        if ends_abbreviation(text, i) {
            return j;
        }
        if prev.is_some_and(is_digit) && is_list_marker(text, cur_start, i) {
            return j;
        }
    }
    // «و…» / «...»: a pause or "and so on" unless the option says otherwise or another mark
    // follows («…؟»); the line break or the end of the text still ends the sentence.
    if ellipsis && !opts.ellipsis_ends_sentence {
        return j;
    }
    // «(!)» and «(؟)»: an aside, not an end.
    if prev == Some('(') && after_marks < text.len() && text[after_marks..].starts_with(')') {
        return j;
    }
    let brk = match next {
        None => true,
        Some(d) if is_space(d) => true,
        // No space after: «رفت.سپس» ends a sentence, but a Latin letter or digit after the mark
        // (a domain, a URL query, a file name) does not; neither does a comma after a quote.
        Some(d) => {
            is_arabic_letter(d)
                && prev.is_some_and(is_letter)
                // A word of two letters or more before the mark, not «ه.ش»:
                && prev.is_some_and(|p| word_before(text, i - p.len_utf8(), p))
                && !in_url_chunk(text, i)
        }
    };
    if brk {
        push_trimmed(text, *seg_start, j, out);
        *seg_start = j;
    }
    j
}

/// A character of an emoji sequence.
#[inline]
fn is_emoji_part(c: char) -> bool {
    is_emoji_base(c)
        || is_regional(c)
        || is_skin_tone(c)
        || matches!(c, '\u{200d}' | '\u{fe0f}' | '\u{20e3}')
}

/// Whether a letter of the same script as `p` (Arabic or not) ends at `k`, possibly before a
/// ZWNJ: the word before the mark has two letters or more.
fn word_before(text: &str, k: usize, p: char) -> bool {
    let same = |c: char| is_letter(c) && is_arabic_letter(c) == is_arabic_letter(p);
    match char_before(text, k) {
        Some('\u{200c}') => char_before(text, k - 3).is_some_and(same),
        Some(c) => same(c),
        None => false,
    }
}

/// Whether `text[line_start..dot]` is a list number at the start of a line: `1.`, `۱۲.`.
fn is_list_marker(text: &str, cur_start: usize, dot: usize) -> bool {
    let head = &text[cur_start..dot];
    let body = head.trim_end_matches(is_digit);
    let digits = head.len() - body.len();
    if digits == 0 || digits > 9 {
        return false;
    }
    // Only whitespace between the start of the line (or of the sentence) and the number.
    body.chars()
        .rev()
        .take_while(|c| !is_line_break(*c))
        .all(is_space)
}

/// Whether the mark at `i` sits inside a URL or e-mail (a non-space run with `://`, `www.` or `@`).
fn in_url_chunk(text: &str, i: usize) -> bool {
    let s = text[..i]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(k, c)| k + c.len_utf8());
    let e = text[i..]
        .find(char::is_whitespace)
        .map_or(text.len(), |k| i + k);
    let chunk = &text[s..e];
    chunk.contains("://") || chunk.contains("www.") || chunk.contains('@')
}
