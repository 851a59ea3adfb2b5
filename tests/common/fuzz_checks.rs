//! Invariants checked on arbitrary input, shared by the cargo-fuzz targets (`fuzz/`), the
//! regression corpus and time-budgeted random run (`tests/fuzz.rs`) and the long random driver
//! (`examples/fuzz_loop.rs`). Every check panics with the input on a violation.
//!
//! A fuzz input is bytes: the first [`CONFIG_BYTES`] choose the options (every combination of
//! the normalizer's switches, enums and spacing options, and the segmenter's options), the
//! rest is the text (invalid UTF-8 replaced by U+FFFD).
#![allow(dead_code)]

use paknevis::protect::find_protected;
use paknevis::segment::{self, SegmentOptions};
use paknevis::{Digits, Ezafe, Normalizer, NormalizerConfig, TehMarbuta};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Bytes of a fuzz input that choose the options.
pub const CONFIG_BYTES: usize = 4;

/// The normalizer configuration and segmenter options chosen by the first input bytes.
pub fn options_from(head: &[u8]) -> (NormalizerConfig, SegmentOptions) {
    let mut b = [0u8; CONFIG_BYTES];
    for (d, s) in b.iter_mut().zip(head) {
        *d = *s;
    }
    let bit = |i: usize| b[i / 8] >> (i % 8) & 1 == 1;
    let mut cfg = NormalizerConfig {
        html: bit(0),
        presentation_forms: !bit(1),
        letters: !bit(2),
        remove_diacritics: !bit(3),
        remove_kashida: !bit(4),
        invisible: !bit(5),
        whitespace: !bit(6),
        punctuation: !bit(7),
        ellipsis: bit(8),
        quotes: bit(9),
        reduce_repeated_punctuation: bit(10),
        spacing: !bit(11),
        ..NormalizerConfig::default()
    };
    cfg.spacing_options.join_separated = !bit(12);
    cfg.spacing_options.split_joined = !bit(13);
    cfg.spacing_options.split_run_together = bit(14);
    cfg.teh_marbuta = if bit(15) {
        TehMarbuta::Heh
    } else {
        TehMarbuta::Keep
    };
    cfg.digits = [Digits::Fa, Digits::Latin, Digits::Keep, Digits::Fa][(b[2] & 3) as usize];
    cfg.ezafe =
        [Ezafe::Standard, Ezafe::Joda, Ezafe::Keep, Ezafe::Standard][(b[2] >> 2 & 3) as usize];
    let seg = SegmentOptions::new()
        .newline_is_space(b[3] & 1 == 1)
        .join_verb_parts(b[3] & 2 == 2)
        .ellipsis_ends_sentence(b[3] & 4 == 4);
    (cfg, seg)
}

thread_local! {
    static CACHE: RefCell<HashMap<String, Normalizer>> = RefCell::new(HashMap::new());
}

/// A normalizer for `cfg`, built once per thread and configuration.
pub fn normalizer(cfg: &NormalizerConfig) -> Normalizer {
    let key = cfg.to_json();
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() > 8192 {
            c.clear();
        }
        c.entry(key)
            .or_insert_with(|| Normalizer::new(cfg.clone()).expect("valid configuration"))
            .clone()
    })
}

fn split(data: &[u8]) -> (NormalizerConfig, SegmentOptions, String) {
    let n = data.len().min(CONFIG_BYTES);
    let (cfg, seg) = options_from(&data[..n]);
    (cfg, seg, String::from_utf8_lossy(&data[n..]).into_owned())
}

/// Fuzz entry: normalization under the options the input chooses.
pub fn fuzz_normalize(data: &[u8]) {
    let (cfg, _, text) = split(data);
    check_normalize(&normalizer(&cfg), &text);
}

/// Fuzz entry: segmentation of the text (options from the input).
pub fn fuzz_segment(data: &[u8]) {
    let (_, seg, text) = split(data);
    check_segment(&text, &seg);
}

/// Fuzz entry: normalize_aligned, segmentation of its output and the mapping back.
pub fn fuzz_aligned(data: &[u8]) {
    let (cfg, seg, text) = split(data);
    check_aligned_segmentation(&normalizer(&cfg), &text, &seg);
}

/// All three entries.
pub fn fuzz_all(data: &[u8]) {
    fuzz_normalize(data);
    fuzz_segment(data);
    fuzz_aligned(data);
}

/// Idempotence violations seen in lenient mode (`PAKNEVIS_FUZZ_LENIENT=1`, off by default):
/// counted and printed (the first 20) instead of failing, so that a long run can go on past
/// a class of them and report how many there were (the inputs are kept by the driver for
/// `minimize`). Every other invariant stays fatal.
pub static IDEMPOTENCE_VIOLATIONS: AtomicU64 = AtomicU64::new(0);

thread_local! {
    static LENIENT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static COUNTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a counted (lenient) violation was seen on this thread since the last call: the
/// long driver saves such inputs so that they can be minimized (without the variable).
pub fn take_counted() -> bool {
    COUNTED.with(|c| c.replace(false))
}

/// Makes idempotence violations on this thread counted instead of fatal.
pub fn set_lenient(on: bool) {
    LENIENT.with(|l| l.set(on));
}

fn lenient_env() -> bool {
    static ENV: OnceLock<bool> = OnceLock::new();
    *ENV.get_or_init(|| std::env::var_os("PAKNEVIS_FUZZ_LENIENT").is_some_and(|v| v == "1"))
}

fn lenient() -> bool {
    LENIENT.with(|l| l.get()) || lenient_env()
}

/// Protected spans of the input changed in the output, in lenient mode
/// (`PAKNEVIS_FUZZ_LENIENT=1` only): counted and printed (the first 20) like
/// [`IDEMPOTENCE_VIOLATIONS`].
pub static PROTECTED_VIOLATIONS: AtomicU64 = AtomicU64::new(0);

/// Characters no rule may drop: letters (not marks, not kashida), digits and symbols, emoji
/// included. Punctuation, spaces, controls, format characters (ZWNJ, ZWJ, bidi controls),
/// combining marks, kashida, `¬` (a half-space) and `%` may be rewritten or removed by the
/// documented rules; everything else must survive, in order.
pub fn must_survive(c: char) -> bool {
    if c == '\u{0640}' || c == '¬' || is_combining_mark(c) {
        return false;
    }
    if c.is_alphanumeric() {
        return true;
    }
    matches!(c,
        '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~'
        | '©' | '®' | '°' | '±' | '×' | '÷' | '¢'..='¥'
        | '\u{20A0}'..='\u{20CF}' // currency
        | '\u{2100}'..='\u{214F}' // letterlike
        | '\u{2190}'..='\u{23FF}' // arrows, math, technical
        | '\u{25A0}'..='\u{27BF}' // shapes, dingbats
        | '\u{2900}'..='\u{2BFF}'
        | '\u{1F000}'..='\u{1FAFF}' // emoji, pictographs
    ) && !matches!(c, '\u{1F3FB}'..='\u{1F3FF}')
}

/// The survivor sequence of `s`: compatibility-decomposed, marks dropped, look-alike letters
/// and teh marbuta folded to Persian letters, digits of every script folded to their value.
pub fn survivors(s: &str) -> Vec<char> {
    let mut out = Vec::new();
    // Look-alike letters first: some (ٶ) decompose to a different base than their target.
    let folded: String = s
        .chars()
        .map(|c| paknevis::letters::persian_letter(c).unwrap_or(c))
        .collect();
    for c in folded.nfkd() {
        let c = paknevis::letters::persian_letter(c).unwrap_or(c);
        // ۂ → ۀ and ۃ → ة need a second fold.
        let c = match c {
            'ۀ' | 'ة' => 'ه',
            _ => c,
        };
        let c = match paknevis::charset::digit_value(c) {
            Some(v) => char::from_digit(v, 10).unwrap_or(c),
            None => c,
        };
        if must_survive(c) {
            out.push(c);
        }
    }
    out
}

/// Whether `after` is `before` with some ی removed, each of them right after a ه (the
/// detached ezafe yeh that `ezafe=standard` writes as a hamza mark on the ه).
fn minus_detached_ezafe(before: &[char], after: &[char]) -> bool {
    // Greedy: a ی that does not match is the removed one of its run of ی (removing any one ی
    // of a run gives the same sequence), and the run must follow a ه; one per run.
    let mut j = 0;
    let mut used_run = usize::MAX;
    for (i, &c) in before.iter().enumerate() {
        if after.get(j) == Some(&c) {
            j += 1;
            continue;
        }
        let run = (0..=i).rev().take_while(|&k| before[k] == 'ی').last();
        match run {
            Some(k) if k > 0 && before[k - 1] == 'ه' && used_run != k => used_run = k,
            _ => return false,
        }
    }
    j == after.len()
}

fn is_subsequence(small: &[char], big: &[char]) -> bool {
    let mut it = big.iter();
    small.iter().all(|c| it.any(|d| d == c))
}

/// Normalization invariants: idempotence, the aligned path agrees, edits replay, changes
/// sorted and on char boundaries, every output span maps to a valid, monotone input span,
/// protected spans byte-identical and in order (without the HTML step), and no character of
/// [`must_survive`] lost.
pub fn check_normalize(n: &Normalizer, input: &str) {
    let cfg = n.config();
    let out = n.normalize(input);
    // With the HTML step, idempotence cannot hold: unescaping is not idempotent
    // (`&amp;lt;` → `&lt;` → `<`), and removing a mark can make a tag (`<ٛe>` → `<e>`).
    let again = if cfg.html {
        out.clone()
    } else {
        n.normalize(&out)
    };
    if again != out {
        if lenient() {
            COUNTED.with(|c| c.set(true));
            let k = IDEMPOTENCE_VIOLATIONS.fetch_add(1, Ordering::Relaxed);
            if k < 20 {
                eprintln!("not idempotent: {input:?} -> {out:?} -> {again:?} ({cfg:?})");
            }
        } else {
            panic!("not idempotent on {input:?}: {out:?} -> {again:?} ({cfg:?})");
        }
    }
    let a = n.normalize_aligned(input);
    assert_eq!(a.text, out, "aligned text differs on {input:?} ({cfg:?})");
    assert_eq!(
        paknevis::edit::apply(input, &a.text, &a.changes),
        a.text,
        "edits do not replay on {input:?} ({cfg:?})"
    );
    let (mut ps, mut pd) = (0, 0);
    for c in &a.changes.list {
        assert!(
            ps <= c.src.start && c.src.start <= c.src.end && c.src.end <= input.len(),
            "change source out of order or bounds on {input:?}: {:?}",
            a.changes
        );
        assert!(
            pd <= c.dst.start && c.dst.start <= c.dst.end && c.dst.end <= a.text.len(),
            "change output out of order or bounds on {input:?}: {:?}",
            a.changes
        );
        for p in [c.src.start, c.src.end] {
            assert!(
                input.is_char_boundary(p),
                "change splits a char of {input:?}"
            );
        }
        for p in [c.dst.start, c.dst.end] {
            assert!(
                a.text.is_char_boundary(p),
                "change splits a char of the output of {input:?}"
            );
        }
        ps = c.src.end;
        pd = c.dst.end;
    }
    // `edits` slices both texts: it must not panic.
    let replayed: String = {
        let mut s = String::new();
        let mut pos = 0;
        for e in a.edits(input) {
            s.push_str(&input[pos..e.src.start]);
            s.push_str(e.replacement);
            pos = e.src.end;
        }
        s.push_str(&input[pos..]);
        s
    };
    assert_eq!(
        replayed, a.text,
        "explain does not reproduce the output of {input:?}"
    );
    assert_eq!(
        a.to_source(0..a.text.len()),
        0..input.len(),
        "whole output must map to whole input"
    );
    let (mut last_start, mut last_end) = (0, 0);
    let bounds: Vec<usize> = a
        .text
        .char_indices()
        .map(|(i, _)| i)
        .chain([a.text.len()])
        .collect();
    for w in bounds.windows(2) {
        let src = a.to_source(w[0]..w[1]);
        assert!(
            src.start <= src.end && src.end <= input.len(),
            "to_source({:?}) = {src:?} out of bounds on {input:?}",
            w[0]..w[1]
        );
        assert!(
            input.is_char_boundary(src.start) && input.is_char_boundary(src.end),
            "to_source({:?}) = {src:?} splits a char of {input:?}",
            w[0]..w[1]
        );
        assert!(
            src.start >= last_start && src.end >= last_end,
            "to_source not monotone at {:?} on {input:?}",
            w[0]..w[1]
        );
        last_start = src.start;
        last_end = src.end;
    }
    if cfg.html {
        return;
    }
    // Protected spans: byte-identical, in order.
    let mut from = 0;
    for p in find_protected(input) {
        let span = &input[p.range()];
        match out.get(from..).and_then(|rest| rest.find(span)) {
            Some(k) => from += k + span.len(),
            None => {
                if lenient_env() {
                    COUNTED.with(|c| c.set(true));
                    let k = PROTECTED_VIOLATIONS.fetch_add(1, Ordering::Relaxed);
                    if k < 20 {
                        eprintln!("protected {span:?} changed: {input:?} -> {out:?} ({cfg:?})");
                    }
                    break;
                }
                panic!(
                    "protected {span:?} ({:?}) lost or reordered: {input:?} -> {out:?} ({cfg:?})",
                    p.kind
                )
            }
        }
    }
    // No character lost.
    let before = survivors(input);
    let after = survivors(&out);
    if cfg.ezafe == Ezafe::Joda {
        assert!(
            is_subsequence(&before, &after),
            "characters lost: {input:?} -> {out:?} ({cfg:?})"
        );
    } else if cfg.ezafe == Ezafe::Standard {
        // A detached ezafe yeh becomes a hamza mark (خانه ی → خانهٔ): the output is the input
        // minus some ی, each right after a ه.
        assert!(
            minus_detached_ezafe(&before, &after),
            "characters lost or added: {input:?} -> {out:?} ({cfg:?})\n{before:?}\n{after:?}"
        );
    } else {
        assert_eq!(
            before, after,
            "characters lost or added: {input:?} -> {out:?} ({cfg:?})"
        );
    }
}

fn check_spans(text: &str, spans: &[std::ops::Range<usize>], what: &str) {
    let mut last = 0;
    for r in spans {
        assert!(
            last <= r.start && r.start < r.end && r.end <= text.len(),
            "{what} {r:?} empty, overlapping or out of bounds in {text:?}: {spans:?}"
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{what} {r:?} splits a char of {text:?}"
        );
        last = r.end;
    }
}

/// The text between spans (and before the first and after the last) is whitespace only.
fn check_coverage(text: &str, spans: &[std::ops::Range<usize>], what: &str) {
    let mut pos = 0;
    let ends = spans.iter().map(|r| (r.start, r.end));
    for (start, end) in ends.chain(std::iter::once((text.len(), text.len()))) {
        let gap = &text[pos..start];
        assert!(
            gap.chars().all(char::is_whitespace),
            "{what}s leave {gap:?} uncovered in {text:?}: {spans:?}"
        );
        pos = end;
    }
}

/// Segmentation invariants: sentences and tokens ordered, non-empty, in bounds, on char
/// boundaries, and together covering every non-whitespace character; sentences trimmed.
pub fn check_segment(text: &str, opts: &SegmentOptions) {
    let sents = segment::sentence_spans(text, opts);
    check_spans(text, &sents, "sentence");
    check_coverage(text, &sents, "sentence");
    for r in &sents {
        let s = &text[r.clone()];
        assert_eq!(s.trim(), s, "sentence {r:?} not trimmed in {text:?}");
    }
    let toks = segment::tokenize(text, opts);
    let spans: Vec<_> = toks.iter().map(|t| t.start..t.end).collect();
    check_spans(text, &spans, "token");
    check_coverage(text, &spans, "token");
    for t in &toks {
        let _ = t.text(text);
    }
}

/// normalize_aligned, then segmentation of its output: every sentence and token of the output
/// maps to an input span in bounds, on char boundaries, and in order.
pub fn check_aligned_segmentation(n: &Normalizer, input: &str, opts: &SegmentOptions) {
    let a = n.normalize_aligned(input);
    let t = a.text.as_str();
    let sents = segment::sentence_spans(t, opts);
    let toks: Vec<_> = segment::tokenize(t, opts)
        .iter()
        .map(|k| k.start..k.end)
        .collect();
    check_spans(t, &sents, "sentence");
    check_spans(t, &toks, "token");
    for (what, spans) in [("sentence", &sents), ("token", &toks)] {
        let (mut ls, mut le) = (0, 0);
        for r in spans {
            let src = a.to_source(r.clone());
            assert!(
                src.start <= src.end && src.end <= input.len(),
                "{what} {r:?} maps to {src:?}, out of bounds of {input:?}"
            );
            assert!(
                input.is_char_boundary(src.start) && input.is_char_boundary(src.end),
                "{what} {r:?} maps to {src:?}, splitting a char of {input:?}"
            );
            assert!(
                src.start >= ls && src.end >= le,
                "{what} {r:?} maps to {src:?}, before the previous one in {input:?}"
            );
            ls = src.start;
            le = src.end;
        }
    }
}

/// A small, fixed-seed generator (SplitMix64): reproducible runs without a dependency.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Pieces of damaged Persian and mixed-script text.
pub const PIECES: &[&str] = &[
    "کتاب",
    "می",
    "ها",
    "خانه",
    "علي",
    "ﻛﺘﺎﺏ",
    "ﻻ",
    "ﷲ",
    "عِلم",
    "مــحمد",
    "ۀ",
    "ه\u{654}",
    "ا\u{653}",
    "ة",
    "ك",
    "ى",
    "ۂ",
    "كتابها",
    "میروم",
    "نمی خواهم",
    "خواهد رفت",
    "گفته شده است",
    "۱۲",
    "3.5",
    "1,250",
    "٣",
    "%",
    "٪",
    "22:30",
    "۱۴۰۲/۰۵/۱۲",
    "2023-05-12",
    "2.0.1",
    "-3",
    " ",
    "  ",
    "\u{200C}",
    "\u{200C}\u{200C}",
    "\u{200D}",
    "\u{200B}",
    "\u{200F}",
    "\u{202B}",
    "\u{202E}",
    "\u{2066}",
    "\u{FEFF}",
    "\u{00AD}",
    "\u{00AC}",
    "\u{A0}",
    "\u{2009}",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u{2029}",
    ".",
    "...",
    "…",
    ",",
    "،",
    ";",
    "؛",
    "?",
    "؟",
    "!!",
    "?!",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "«",
    "»",
    "\"",
    "“",
    "”",
    "'",
    ":",
    "-",
    "_",
    "ه.ش.",
    "ق.م.",
    "م.",
    "U.S.A.",
    "Dr.",
    "1.",
    "hello",
    "COVID-19",
    "naïve",
    "x=1",
    "don't",
    "https://a.ir/x?y=1",
    "www.a.ir",
    "example.com",
    "info@site.ir",
    "@user_1",
    "#هشتگ",
    "#tag",
    "#",
    "@",
    "😂",
    "👍🏽",
    "👨\u{200D}👩\u{200D}👧",
    "🇮🇷",
    "1\u{FE0F}\u{20E3}",
    "©",
    "$",
    "+",
    "&amp;",
    "&zwnj;",
    "&#1740;",
    "<b>",
    "</p>",
    "<br/>",
    "\u{64E}",
    "\u{651}",
    "\u{670}",
    "\u{0301}",
    "e\u{0301}",
    "\u{FFFD}",
    "\u{0}",
    "\u{7F}",
    "\u{1}",
    "ß",
    "İ",
    "ﬁ",
    "Ⅻ",
];

/// One random character: mostly Arabic script, then ASCII, then anything.
fn random_char(rng: &mut Rng) -> char {
    let cp = match rng.below(8) {
        0..=2 => 0x0600 + rng.below(0x100) as u32,
        3 => 0x20 + rng.below(0x5F) as u32,
        4 => 0xFB50 + rng.below(0x4B0) as u32,
        5 => 0x2000 + rng.below(0x70) as u32,
        6 => 0x1F300 + rng.below(0x300) as u32,
        _ => rng.below(0x11_0000) as u32,
    };
    char::from_u32(cp).unwrap_or('\u{FFFD}')
}

/// A random damaged text of up to `max_pieces` pieces.
pub fn random_text(rng: &mut Rng, max_pieces: usize) -> String {
    let n = rng.below(max_pieces + 1);
    let mut s = String::new();
    for _ in 0..n {
        match rng.below(10) {
            0..=6 => s.push_str(PIECES[rng.below(PIECES.len())]),
            7 | 8 => s.push(random_char(rng)),
            _ => {
                // A repeated piece: runs of ZWNJs, marks, digits, '#', brackets.
                let p = PIECES[rng.below(PIECES.len())];
                for _ in 0..rng.below(8) + 2 {
                    s.push_str(p);
                }
            }
        }
    }
    s
}

/// A random fuzz input: option bytes, then a damaged text (and sometimes raw bytes).
pub fn random_input(rng: &mut Rng, max_pieces: usize) -> Vec<u8> {
    let mut v: Vec<u8> = (0..CONFIG_BYTES).map(|_| rng.next_u64() as u8).collect();
    v.extend_from_slice(random_text(rng, max_pieces).as_bytes());
    if rng.below(16) == 0 {
        for _ in 0..rng.below(8) {
            v.push(rng.next_u64() as u8);
        }
    }
    v
}

#[test]
fn detached_ezafe_oracle() {
    let v = |s: &str| s.chars().collect::<Vec<_>>();
    assert!(minus_detached_ezafe(&v("هیک"), &v("هک")));
    assert!(minus_detached_ezafe(&v("هییک"), &v("هیک")));
    assert!(!minus_detached_ezafe(&v("هییک"), &v("هک")));
    assert!(!minus_detached_ezafe(&v("بیک"), &v("بک")));
    assert!(!minus_detached_ezafe(&v("هیک"), &v("هیکا")));
    assert!(minus_detached_ezafe(&v("ab"), &v("ab")));
}
