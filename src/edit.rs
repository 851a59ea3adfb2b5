//! Edits and alignment: how every step reports what it changed.
//!
//! A step reads its input once and writes through a [`Rewriter`], which copies unchanged
//! stretches lazily and records each replacement as a [`Change`] (input byte range, output byte
//! range, rule set). A text that needs no change costs no allocation at all. Change lists of
//! consecutive steps are composed with [`compose`], so the pipeline ends with one sorted list of
//! changes from the user's input to the final output: that list is both the alignment (any
//! output span maps back to an input span) and the explanation (`explain`).

use crate::rules::RuleSet;
use std::ops::Range;

/// One replaced region: `src` bytes of the input became `dst` bytes of the output.
///
/// Regions between changes are copied unchanged. Ranges are byte offsets; a pure insertion
/// has an empty `src`, a pure deletion an empty `dst`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Byte range in the input.
    pub src: Range<usize>,
    /// Byte range in the output.
    pub dst: Range<usize>,
    /// The rules that produced this change.
    pub rules: RuleSet,
    /// Index into the evidence table of the list, if the rule left a note.
    pub note: Option<u32>,
}

/// The changes one step (or a whole pipeline) made, sorted and non-overlapping, with the notes
/// ("evidence") some rules attach.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Sorted by `src` and by `dst` (both orders agree).
    pub list: Vec<Change>,
    /// Free-text evidence referenced by [`Change::note`].
    pub notes: Vec<String>,
}

impl Changes {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Maps a byte span of the output back to the span of the input that produced it.
    ///
    /// A boundary inside a replaced region widens to the whole region, so the result always
    /// covers everything the output span came from. `start <= end` is required; positions past
    /// the end are clamped by the caller.
    pub fn to_source(&self, span: Range<usize>) -> Range<usize> {
        let start = self.map_start(span.start);
        start..self.map_end(span.end).max(start)
    }

    /// Input position of an output span start: a start inside a replaced region (or at a
    /// deletion) widens left to the region's start.
    fn map_start(&self, pos: usize) -> usize {
        let k = self
            .list
            .partition_point(|c| c.dst.end < pos || (c.dst.end == pos && !c.dst.is_empty()));
        if let Some(c) = self.list.get(k) {
            if c.dst.start <= pos {
                return c.src.start;
            }
        }
        match k.checked_sub(1).map(|i| &self.list[i]) {
            Some(p) => pos - p.dst.end + p.src.end,
            None => pos,
        }
    }

    /// Input position of an output span end: an end inside a replaced region (or at a
    /// deletion) widens right to the region's end.
    fn map_end(&self, pos: usize) -> usize {
        let k = self
            .list
            .partition_point(|c| c.dst.start < pos || (c.dst.start == pos && c.dst.is_empty()));
        match k.checked_sub(1).map(|i| &self.list[i]) {
            Some(c) if c.dst.end >= pos => c.src.end,
            Some(c) => pos - c.dst.end + c.src.end,
            None => pos,
        }
    }

    fn push(&mut self, c: Change) {
        if let Some(last) = self.list.last_mut() {
            // Merge with an adjacent change of the same rules and no notes: fewer, larger
            // explain entries ("three diacritics removed" is one edit).
            if last.src.end == c.src.start
                && last.dst.end == c.dst.start
                && last.rules == c.rules
                && last.note.is_none()
                && c.note.is_none()
            {
                last.src.end = c.src.end;
                last.dst.end = c.dst.end;
                return;
            }
        }
        self.list.push(c);
    }
}

/// Writes the output of one step: unchanged input is copied lazily, replacements recorded.
///
/// Positions passed to the methods are byte offsets into `input` and must not decrease.
pub struct Rewriter<'a> {
    input: &'a str,
    out: String,
    copied: usize,
    changes: Changes,
    /// Whether changes and notes are recorded (not needed when only the text is wanted).
    track: bool,
    /// Whether the output differs from the input (when not tracking).
    changed: bool,
}

impl<'a> Rewriter<'a> {
    /// A rewriter over `input`; it allocates only at the first replacement.
    pub fn new(input: &'a str) -> Self {
        Self::with_tracking(input, true)
    }

    /// A rewriter that records its changes and notes only when `track` is set; otherwise
    /// [`Rewriter::finish`] returns the text with an empty change list.
    pub fn with_tracking(input: &'a str, track: bool) -> Self {
        Rewriter {
            input,
            out: String::new(),
            copied: 0,
            changes: Changes::default(),
            track,
            changed: false,
        }
    }

    /// Whether changes are recorded: callers build notes only then.
    pub fn tracks(&self) -> bool {
        self.track
    }

    /// The input this rewriter reads.
    pub fn input(&self) -> &'a str {
        self.input
    }

    /// The output written so far up to input position `pos` (not before the last
    /// replacement), backwards: what later decisions of the same pass must see.
    pub fn rev_chars_before(&self, pos: usize) -> impl Iterator<Item = char> + '_ {
        let pos = pos.max(self.copied);
        self.input[self.copied..pos]
            .chars()
            .rev()
            .chain(self.out.chars().rev())
    }

    /// Replaces `input[start..end]` with `rep`, attributed to `rule`.
    pub fn replace(&mut self, start: usize, end: usize, rep: &str, rules: RuleSet) {
        self.replace_noted(start, end, rep, rules, None);
    }

    /// Like [`Rewriter::replace`], with a note kept as evidence for `explain`.
    pub fn replace_noted(
        &mut self,
        start: usize,
        end: usize,
        rep: &str,
        rules: RuleSet,
        note: Option<String>,
    ) {
        debug_assert!(start >= self.copied && start <= end && end <= self.input.len());
        if (note.is_none() || !self.track) && &self.input[start..end] == rep {
            return;
        }
        if self.out.capacity() == 0 {
            self.out.reserve(self.input.len() + 16);
        }
        self.out.push_str(&self.input[self.copied..start]);
        let dst_start = self.out.len();
        self.out.push_str(rep);
        if !self.track {
            self.changed = true;
            self.copied = end;
            return;
        }
        let note = note.map(|n| {
            self.changes.notes.push(n);
            (self.changes.notes.len() - 1) as u32
        });
        self.changes.push(Change {
            src: start..end,
            dst: dst_start..self.out.len(),
            rules,
            note,
        });
        self.copied = end;
    }

    /// Finishes the step: `None` when nothing changed (the output is the input).
    pub fn finish(mut self) -> Option<(String, Changes)> {
        if self.changes.is_empty() && !self.changed {
            return None;
        }
        self.out.push_str(&self.input[self.copied..]);
        Some((self.out, self.changes))
    }
}

/// Composes `a` (text 0 → text 1) and `b` (text 1 → text 2) into changes from text 0 to text 2.
///
/// Changes of `a` whose output overlaps an input region of `b` merge into one change covering
/// both; everything else carries over with its offsets shifted. Linear in the two lists.
pub fn compose(a: &Changes, b: &Changes) -> Changes {
    if a.is_empty() {
        return b.clone();
    }
    if b.is_empty() {
        return a.clone();
    }
    // Intervals in text 1: a's outputs and b's inputs, merged into clusters.
    let mut out = Changes::default();
    let (mut i, mut j) = (0usize, 0usize);
    // Running shifts (dst - src) of the changes fully before the cursor.
    let mut shift_a: isize = 0; // text1 = text0 + shift_a in a's copy regions
    let mut shift_b: isize = 0; // text2 = text1 + shift_b in b's copy regions
    while i < a.list.len() || j < b.list.len() {
        // Start a cluster with whichever interval comes first in text 1 (a first on ties).
        let take_a = match (a.list.get(i), b.list.get(j)) {
            // On a tie an insertion of b goes first: it sits before a's replacement.
            (Some(ca), Some(cb)) => {
                ca.dst.start < cb.src.start
                    || (ca.dst.start == cb.src.start && (ca.dst.is_empty() || !cb.src.is_empty()))
            }
            (Some(_), None) => true,
            _ => false,
        };
        let (lo, mut hi);
        let mut rules = RuleSet::EMPTY;
        let mut notes: Vec<&str> = Vec::new();
        let mut a_first: Option<usize> = None;
        let mut a_last: Option<usize> = None;
        let mut b_first: Option<usize> = None;
        let mut b_last: Option<usize> = None;
        if take_a {
            let c = &a.list[i];
            lo = c.dst.start;
            hi = c.dst.end;
            a_first = Some(i);
            a_last = Some(i);
            i += 1;
        } else {
            let c = &b.list[j];
            lo = c.src.start;
            hi = c.src.end;
            b_first = Some(j);
            b_last = Some(j);
            j += 1;
        }
        // Grow the cluster while the next interval of either list overlaps it.
        loop {
            let mut grew = false;
            if let Some(c) = a.list.get(i) {
                if overlaps(lo..hi, c.dst.clone()) {
                    hi = hi.max(c.dst.end);
                    a_first.get_or_insert(i);
                    a_last = Some(i);
                    i += 1;
                    grew = true;
                }
            }
            if let Some(c) = b.list.get(j) {
                if overlaps(lo..hi, c.src.clone()) {
                    hi = hi.max(c.src.end);
                    b_first.get_or_insert(j);
                    b_last = Some(j);
                    j += 1;
                    grew = true;
                }
            }
            if !grew {
                break;
            }
        }
        // Map the cluster's text-1 bounds to text 0 through a.
        let (src_start, src_end) = match (a_first, a_last) {
            (Some(f), Some(l)) => {
                let (fc, lc) = (&a.list[f], &a.list[l]);
                let s = if lo < fc.dst.start {
                    (lo as isize - shift_a) as usize
                } else {
                    fc.src.start
                };
                let new_shift = lc.dst.end as isize - lc.src.end as isize;
                let e = if hi > lc.dst.end {
                    (hi as isize - new_shift) as usize
                } else {
                    lc.src.end
                };
                for c in &a.list[f..=l] {
                    rules = rules.union(c.rules);
                    if let Some(n) = c.note {
                        notes.push(&a.notes[n as usize]);
                    }
                }
                shift_a = new_shift;
                (s, e)
            }
            _ => (
                (lo as isize - shift_a) as usize,
                (hi as isize - shift_a) as usize,
            ),
        };
        // And to text 2 through b.
        let (dst_start, dst_end) = match (b_first, b_last) {
            (Some(f), Some(l)) => {
                let (fc, lc) = (&b.list[f], &b.list[l]);
                let s = if lo < fc.src.start {
                    (lo as isize + shift_b) as usize
                } else {
                    fc.dst.start
                };
                let new_shift = lc.dst.end as isize - lc.src.end as isize;
                let e = if hi > lc.src.end {
                    (hi as isize + new_shift) as usize
                } else {
                    lc.dst.end
                };
                for c in &b.list[f..=l] {
                    rules = rules.union(c.rules);
                    if let Some(n) = c.note {
                        notes.push(&b.notes[n as usize]);
                    }
                }
                shift_b = new_shift;
                (s, e)
            }
            _ => (
                (lo as isize + shift_b) as usize,
                (hi as isize + shift_b) as usize,
            ),
        };
        let note = if notes.is_empty() {
            None
        } else {
            out.notes.push(notes.join("; "));
            Some((out.notes.len() - 1) as u32)
        };
        out.push(Change {
            src: src_start..src_end,
            dst: dst_start..dst_end,
            rules,
            note,
        });
    }
    out
}

/// Whether interval `c` must join the cluster `cl`: they share bytes, or one is empty and
/// lies strictly inside the other. Touching intervals stay separate changes.
fn overlaps(cl: Range<usize>, c: Range<usize>) -> bool {
    if cl.is_empty() && c.is_empty() {
        return false;
    }
    if c.is_empty() {
        return c.start > cl.start && c.start < cl.end;
    }
    if cl.is_empty() {
        return cl.start > c.start && cl.start < c.end;
    }
    c.start < cl.end && cl.start < c.end
}

/// Applies `changes` to `input`, taking replacement text from `output` (the text the changes
/// produced). Used by tests and by `explain` consumers to check the edit list.
pub fn apply(input: &str, output: &str, changes: &Changes) -> String {
    let mut s = String::with_capacity(output.len());
    let mut pos = 0;
    for c in &changes.list {
        s.push_str(&input[pos..c.src.start]);
        s.push_str(&output[c.dst.clone()]);
        pos = c.src.end;
    }
    s.push_str(&input[pos..]);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rule;
    use proptest::prelude::*;

    fn step(input: &str, edits: &[(usize, usize, &str)], rule: Rule) -> (String, Changes) {
        let mut w = Rewriter::new(input);
        for &(s, e, r) in edits {
            w.replace(s, e, r, rule.into());
        }
        w.finish()
            .unwrap_or_else(|| (input.to_string(), Changes::default()))
    }

    #[test]
    fn unchanged_text_allocates_nothing() {
        let w = Rewriter::new("سلام");
        assert!(w.finish().is_none());
    }

    #[test]
    fn compose_merges_overlaps() {
        let (t1, a) = step("abcdef", &[(1, 2, "XY"), (4, 4, "+")], Rule::Letter);
        assert_eq!(t1, "aXYcd+ef");
        let (t2, b) = step(&t1, &[(2, 4, "Z"), (5, 6, "")], Rule::Whitespace);
        assert_eq!(t2, "aXZdef");
        let c = compose(&a, &b);
        assert_eq!(apply("abcdef", &t2, &c), t2);
        assert_eq!(c.list.len(), 2);
        assert_eq!(c.list[0].src, 1..3);
        assert_eq!(c.list[0].dst, 1..3);
    }

    #[test]
    fn map_back_widens_inside_changes() {
        let (t1, a) = step("ab  cd", &[(2, 4, " ")], Rule::Whitespace);
        assert_eq!(t1, "ab cd");
        assert_eq!(a.to_source(0..2), 0..2);
        assert_eq!(a.to_source(2..3), 2..4);
        assert_eq!(a.to_source(3..5), 4..6);
        assert_eq!(a.to_source(0..5), 0..6);
    }

    fn edits_strategy(len: usize) -> impl Strategy<Value = Vec<(usize, usize, String)>> {
        proptest::collection::vec((0..=len, 0usize..3, "[a-z]{0,3}"), 0..6).prop_map(
            move |mut v| {
                v.sort_by_key(|e| e.0);
                let mut out = Vec::new();
                let mut last = 0;
                for (s, l, r) in v {
                    let s = s.max(last);
                    let e = (s + l).min(len);
                    if s > len {
                        break;
                    }
                    out.push((s, e, r));
                    last = e;
                }
                out
            },
        )
    }

    proptest! {
        #[test]
        fn composition_reproduces_output(
            (t0, e1, e2seed) in "[a-z]{0,12}".prop_flat_map(|t| {
                let n = t.len();
                (Just(t), edits_strategy(n), proptest::collection::vec((0usize..40, 0usize..3, "[A-Z]{0,2}"), 0..6))
            })
        ) {
            let e1: Vec<(usize, usize, &str)> = e1.iter().map(|(s, e, r)| (*s, *e, r.as_str())).collect();
            let (t1, a) = step(&t0, &e1, Rule::Letter);
            prop_assert_eq!(apply(&t0, &t1, &a), t1.clone());
            let n1 = t1.len();
            let mut e2 = Vec::new();
            let mut last = 0;
            let mut seeds = e2seed.clone();
            seeds.sort_by_key(|x| x.0);
            for (s, l, r) in seeds {
                let s = (s % (n1 + 1)).max(last);
                let e = (s + l).min(n1);
                e2.push((s, e, r));
                last = e;
            }
            let e2: Vec<(usize, usize, &str)> = e2.iter().map(|(s, e, r)| (*s, *e, r.as_str())).collect();
            let (t2, b) = step(&t1, &e2, Rule::Whitespace);
            let c = compose(&a, &b);
            prop_assert_eq!(apply(&t0, &t2, &c), t2.clone());
            // Sorted, non-overlapping, within bounds.
            let mut ps = 0; let mut pd = 0;
            for ch in &c.list {
                prop_assert!(ch.src.start >= ps && ch.src.start <= ch.src.end && ch.src.end <= t0.len());
                prop_assert!(ch.dst.start >= pd && ch.dst.start <= ch.dst.end && ch.dst.end <= t2.len());
                ps = ch.src.end; pd = ch.dst.end;
            }
            // Every output span maps into the input, monotonically.
            let full = c.to_source(0..t2.len());
            prop_assert_eq!(full, 0..t0.len());
        }
    }
}
