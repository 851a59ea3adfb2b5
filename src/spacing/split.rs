//! The split decision: whether a word written without ZWNJ is stem + suffix, prefix + verb,
//! a lexicon compound, or (optionally) two words run together; planned as insertions.

use super::lexicon::{lost_zwnj, silent_heh_at};
use super::*;

impl Inner {
    /// Whether a joined word would be left as it is by [`Inner::split_piece`].
    pub(super) fn rereads_joined(&self, p: &[u8], following: &str) -> bool {
        // The split decision reads the next word too («Xه‌ای» before و، از، که …), so the
        // joined word is read back in its context.
        let mut buf = String::with_capacity(p.len() + 64);
        buf.push_str(std::str::from_utf8(p).unwrap_or(""));
        let end = buf.len();
        let cut = following
            .char_indices()
            .nth(32)
            .map_or(following.len(), |(k, _)| k);
        buf.push_str(&following[..cut]);
        let mut plan = Plan::new();
        let f = self.lex.key_flags(filter::hash(p));
        self.split_piece(&buf, 0, end, f, None, false, &mut plan);
        plan.n == 0
    }

    /// Plans the splits of one ZWNJ-free piece `input[ps..pe]`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn split_piece(
        &self,
        input: &str,
        ps: usize,
        pe: usize,
        f: u8,
        prev: Option<&Unit>,
        stem: bool,
        plan: &mut Plan,
    ) {
        if !self.split_joined && !self.split_run_together {
            return;
        }
        let after_zwnj = stem || super::after_zwnj(input.as_bytes(), ps);
        plan.ctx = false;
        self.split_rec(input, ps, pe, f, prev, after_zwnj, plan, 0);
    }

    /// Plans the splits of a piece, then of each part it was split into, as a later pass would
    /// see them (so that a second pass changes nothing).
    #[allow(clippy::too_many_arguments)]
    fn split_rec(
        &self,
        input: &str,
        ps: usize,
        pe: usize,
        f: u8,
        prev: Option<&Unit>,
        after_zwnj: bool,
        plan: &mut Plan,
        depth: u8,
    ) {
        let start = plan.n;
        self.split_once(input, ps, pe, f, prev, after_zwnj, plan);
        if plan.n == start || depth >= 3 {
            return;
        }
        let mut new = [plan.ins[0]; MAX_INS];
        let k = plan.n - start;
        new[..k].copy_from_slice(&plan.ins[start..plan.n]);
        plan.n = start;
        let b = input.as_bytes();
        let mut sub = ps;
        let mut after = after_zwnj;
        for (j, ins) in new[..k].iter().enumerate() {
            let f2 = self.lex.key_flags(filter::hash(&b[sub..ins.pos]));
            let p2 = if j == 0 { prev } else { None };
            self.split_rec(input, sub, ins.pos, f2, p2, after, plan, depth + 1);
            plan.push(*ins);
            sub = ins.pos;
            after = !ins.space;
        }
        let f2 = self.lex.key_flags(filter::hash(&b[sub..pe]));
        self.split_rec(input, sub, pe, f2, None, after, plan, depth + 1);
    }

    /// One analysis of a ZWNJ-free piece `input[ps..pe]` (`after_zwnj`: a ZWNJ precedes it).
    #[allow(clippy::too_many_arguments)]
    fn split_once(
        &self,
        input: &str,
        ps: usize,
        pe: usize,
        f: u8,
        prev: Option<&Unit>,
        after_zwnj: bool,
        plan: &mut Plan,
    ) {
        let Some(s) = input.get(ps..pe) else {
            return;
        };
        let p = s.as_bytes();
        if p.len() < 6 || p.len() > KEY_CAP {
            return; // fewer than 3 letters: nothing to split
        }
        if after_zwnj && p.len() <= affixes::MAX_AFFIX_BYTES && is_suffix_bytes(p) {
            return; // a suffix after its ZWNJ (کتاب‌های)
        }
        if !self.user.is_empty() {
            if self.user.no_split(p) {
                return;
            }
            if let Some(m) = self.user.word(p) {
                push_mask(plan, ps, pe, m, Rule::UserLexicon, Why::User);
                return;
            }
        }
        if !(may_be_joined_form(self.lex, p, f) || self.split_run_together && p.len() >= 10) {
            return;
        }
        let e = self.lex.lookup(p).unwrap_or_default();
        // after a ZWNJ a piece starting with می is a verb stem already prefixed (نمی‌میرند),
        // not a new می‌ form
        let mi_stem = after_zwnj && p.starts_with("می".as_bytes());
        let zw_wins = self.split_joined
            && (e.zw_wins() || lost_zwnj(p, &e))
            && !(mi_stem && e.zw_mask & 0b10 != 0)
            && !(self.noun_plus_yi(p, &e) && {
                plan.ctx = true;
                self.adjective_reading(prev, input)
            });
        if zw_wins && (e.zw_q >= 2 || e.zw_pos & pos::V != 0) {
            if self.plural_as_written(s, &e, input, pe, &mut plan.ctx) {
                return;
            }
            push_mask(
                plan,
                ps,
                pe,
                e.zw_mask,
                Rule::SplitJoined,
                Why::Lexicon(e.zw_q),
            );
            return;
        }
        if e.plain_reliable() {
            return;
        }
        if self.split_joined {
            if let Some(at) = self.preverb_verb_split(s) {
                plan.push(Ins {
                    pos: ps + at,
                    space: false,
                    rule: Rule::PrefixJoin,
                    why: Why::Lexicon(2),
                    piece: (ps, pe),
                });
                return;
            }
            let next = if p.ends_with("های".as_bytes()) {
                plan.ctx = true;
                self.next_context(input, pe)
                    .or_else(|| singular_determiner_before(input, prev))
                    .or_else(|| self.compound_before(input, prev, s))
            } else {
                None
            };
            if let Some((stem_end, stem_mask, q)) = self.suffix_split_in(s, next) {
                if stem_end == 0 {
                    // no ZWNJ before the suffix (after a non-joining letter), but the stem may
                    // be a ZWNJ compound that keeps its own (دهشت‌بارترین)
                    push_mask(plan, ps, pe, stem_mask, Rule::SplitJoined, Why::Suffix(q));
                    return;
                }
                push_mask(
                    plan,
                    ps,
                    ps + stem_end,
                    stem_mask,
                    Rule::SplitJoined,
                    Why::Suffix(q),
                );
                plan.push(Ins {
                    pos: ps + stem_end,
                    space: false,
                    rule: Rule::SplitJoined,
                    why: Why::Suffix(q),
                    piece: (ps, pe),
                });
                return;
            }
            if e == Entry::default() {
                if let Some((stem_end, mask, q)) = self.compound_derivative(s) {
                    push_mask(
                        plan,
                        ps,
                        ps + stem_end,
                        mask,
                        Rule::SplitJoined,
                        Why::Lexicon(q),
                    );
                    return;
                }
            }
            if zw_wins && !self.suffix_rejected(p, &e) && !self.base_in_use(p, &e) {
                // a ZWNJ form listed with frequency 0, no better analysis
                push_mask(
                    plan,
                    ps,
                    pe,
                    e.zw_mask,
                    Rule::SplitJoined,
                    Why::Lexicon(e.zw_q),
                );
                return;
            }
            if self.affix_shaped(s) {
                return;
            }
            if e == Entry::default() {
                let clitic = || (next == Some(true)).then(|| clitic_after_heh(s)).flatten();
                if let Some(at) = self
                    .participle_compound(s)
                    .or_else(|| plural_after_heh(s))
                    .or_else(clitic)
                {
                    plan.push(Ins {
                        pos: ps + at,
                        space: false,
                        rule: Rule::SplitJoined,
                        why: Why::Lexicon(0),
                        piece: (ps, pe),
                    });
                    return;
                }
            }
            if e.plain_q == 0 {
                if let Some((at, q)) = self.heh_compound(s) {
                    plan.push(Ins {
                        pos: ps + at,
                        space: false,
                        rule: Rule::SplitJoined,
                        why: Why::Suffix(q),
                        piece: (ps, pe),
                    });
                    return;
                }
            }
            if let Some(at) = self.unknown_verb_split(s, &e).filter(|_| !mi_stem) {
                plan.push(Ins {
                    pos: ps + at,
                    space: false,
                    rule: Rule::PrefixJoin,
                    why: Why::Lexicon(0),
                    piece: (ps, pe),
                });
                return;
            }
        }
        // A token listed with a ZWNJ form is a known compound, not two words run together:
        // a space there would be joined again by the gap rule on the next pass.
        if self.split_run_together && e.plain_q <= 1 && !e.has_zw() {
            if let Some((at, qa, qb)) = self.run_together(s) {
                // The space it writes meets the gap rules on the next pass: write what they
                // would write there (روانپزشکی → روان‌پزشکی, a listed compound with an ending,
                // not روان پزشکی), so that one pass is a fixed point. Their decision reads the
                // context of the word.
                plan.ctx = true;
                let rep = self.gap_after_split(input, ps, ps + at, pe);
                if rep != Some("") {
                    plan.push(Ins {
                        pos: ps + at,
                        space: rep.is_none(),
                        rule: if rep.is_none() {
                            Rule::SplitRunTogether
                        } else {
                            Rule::CompoundJoin
                        },
                        why: Why::RunTogether(qa, qb),
                        piece: (ps, pe),
                    });
                }
            }
        }
    }

    /// Whether a joined word that reads as a 2nd-person verb (می‌دانی) is also listed as a
    /// word of its own that is a noun or adjective plus ی (میدان + ی; میکنی, میخواهی have no
    /// such reading): then the word before decides ([`Inner::adjective_reading`]).
    fn noun_plus_yi(&self, p: &[u8], e: &Entry) -> bool {
        if e.plain_q == 0 || e.zw_pos & pos::V == 0 || !p.ends_with("ی".as_bytes()) {
            return false;
        }
        let base = &p[..p.len() - "ی".len()];
        self.lex
            .lookup(base)
            .is_some_and(|b| b.plain_reliable() && b.plain_pos & (pos::N | pos::AJ) != 0)
    }

    /// Whether a word for which [`Inner::noun_plus_yi`] holds should stay joined (the
    /// adjective, میدانی): it follows a word of the same phrase that is not a pronoun
    /// (موفقیت‌های میدانی; but تو میدانی), or a preposition that is not a preverb (از میزی), or
    /// و after an adjective in ی (کاربردی و میدانی).
    fn adjective_reading(&self, prev: Option<&Unit>, input: &str) -> bool {
        let Some(u) = prev else {
            return false;
        };
        let mut k = Key::new();
        k.push(&input.as_bytes()[u.last_piece..u.end]);
        let last = k.as_bytes();
        let pe = self.lex.lookup(last).unwrap_or_default();
        let last = std::str::from_utf8(last).unwrap_or("");
        // after و the conjunct before it decides: an adjective in ی coordinates with the
        // adjective (کمک‌های کاربردی و میدانی)
        if last == "و" && u.last_piece == u.start {
            return self.adjective_in_yi_before(&input[..u.start]);
        }
        // a preposition takes a noun phrase, never a finite verb (از میزی = from a table); not
        // one that is a preverb too (در میروی، بر میگردی), a conjunction (تا میدانی) or a
        // pronoun (تو میدانی)
        let preposition = pe.pos() & pos::P != 0
            && pe.pos() & (pos::CONJ | pos::V | pos::PRO) == 0
            && !affixes::PREVERBS.contains(&last);
        preposition
            || pe.pos() & (pos::PRO | pos::CONJ | pos::P | pos::V) == 0 && !is_verb_prefix(last)
    }

    /// Whether the text `before` ends with a space after a word in ی that is an adjective: one
    /// the lexicon tags so, or a noun or adjective of its own plus ی (کاربرد + ی), and not a
    /// verb form.
    fn adjective_in_yi_before(&self, before: &str) -> bool {
        let Some(before) = before.strip_suffix(' ') else {
            return false;
        };
        let w = before.rsplit([' ', ZWNJ]).next().unwrap_or(before);
        let Some(base) = w.strip_suffix('ی') else {
            return false;
        };
        if base.chars().count() < 3 || !w.chars().all(affixes::is_letter) {
            return false;
        }
        let e = self.lex.lookup(w.as_bytes()).unwrap_or_default();
        if e.pos() & pos::V != 0 {
            return false;
        }
        e.plain_pos & pos::AJ != 0
            || self
                .lex
                .lookup(base.as_bytes())
                .is_some_and(|b| b.plain_reliable() && b.plain_pos & (pos::N | pos::AJ) != 0)
    }

    /// A joined preverb + می/نمی + verb («برمیدارد»): the byte offset of the ZWNJ.
    fn preverb_verb_split(&self, s: &str) -> Option<usize> {
        for pv in affixes::PREVERBS {
            let Some(rest) = s.strip_prefix(pv) else {
                continue;
            };
            for mi in ["می", "نمی"] {
                let Some(verb) = rest.strip_prefix(mi) else {
                    continue;
                };
                if verb.len() < 4 {
                    continue;
                }
                let mut k = Key::new();
                k.push("می".as_bytes());
                k.push(verb.as_bytes());
                let e = self.lex.lookup(k.as_bytes())?;
                if e.zw_pos & pos::V != 0 && e.zw_mask & 1 << 1 != 0 {
                    return Some(pv.len() + mi.len());
                }
            }
        }
        None
    }

    /// A joined می/نمی + verb the stem list lacks («میخیساند»): the piece is not listed, the
    /// rest reads like a finite verb and is not a listed word itself.
    fn unknown_verb_split(&self, s: &str, e: &Entry) -> Option<usize> {
        if *e != Entry::default() {
            return None;
        }
        let (mi, rest) = if let Some(r) = s.strip_prefix("نمی") {
            ("نمی", r)
        } else {
            ("می", s.strip_prefix("می")?)
        };
        if rest.len() < 8 || !verb_like(rest) || rest.starts_with('ا') {
            return None;
        }
        // a person ending that names rarely have (میرزاجواد stays)
        if !PERSON_ENDINGS.iter().any(|e| rest.ends_with(e))
            || ends_with_noun_suffix(rest.as_bytes())
        {
            return None;
        }
        if self
            .lex
            .lookup(rest.as_bytes())
            .is_some_and(|e| e.reliable())
        {
            return None;
        }
        Some(mi.len())
    }

    /// Best stem + suffix analysis of a joined piece: (stem length in bytes, stem ZWNJ mask,
    /// stem frequency class). A stem length of 0 means the best analysis needs no ZWNJ (stem
    /// ending in a non-joining letter, a lexicalized comparative, a pronoun plural).
    fn suffix_split(&self, s: &str) -> Option<(usize, u32, u8)> {
        self.suffix_split_in(s, None)
    }

    /// Whether what follows a piece ending at `pe` rules out a plural with its ezafe
    /// («X‌های», which always takes a complement) and so favours «Xه‌ای»: punctuation, or a
    /// preposition or conjunction that cannot start the complement (خانه‌ای از، نامه‌ای که،
    /// هفته‌ای را). `None` when unknown: end of the text, the same word goes on, other words.
    fn next_context(&self, input: &str, pe: usize) -> Option<bool> {
        const AFTER_NOUN_PHRASE: &[&str] = &["از", "به", "در", "برای", "تا", "که", "و", "را", "یا"];
        let b = input.as_bytes();
        let mut i = pe;
        if i >= b.len() || letter_at(b, i) || b[i..].starts_with(ZWNJ_STR.as_bytes()) {
            return None;
        }
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        if !letter_at(b, i) {
            let c = input[i..].chars().next()?;
            return matches!(
                c,
                '.' | '،' | '؛' | ':' | '!' | '؟' | '?' | ')' | '»' | ',' | ';'
            )
            .then_some(true);
        }
        let ws = i;
        let mut k = Key::new();
        loop {
            while letter_at(b, i) {
                i += 2;
            }
            if b[i..].starts_with(ZWNJ_STR.as_bytes()) && letter_at(b, i + 3) {
                i += 3;
            } else {
                break;
            }
        }
        let w = &input[ws..i];
        if AFTER_NOUN_PHRASE.contains(&w) {
            return Some(true);
        }
        // a separated plural suffix: a plural takes no second one, an adjective in ـه‌ای does
        // (حرفه‌ای ها, رسانه‌ای ها)
        if matches!(w, "ها" | "های" | "هایی") {
            return Some(true);
        }
        // a finite verb cannot start the complement either (به مرتبه‌ای می‌رسد، منظره‌ای است):
        // a copula or a verb form with می/نمی that the verb list generates
        const COPULA: &[&str] = &["است", "نیست", "بود", "بودند", "شد", "شود", "باشد"];
        if COPULA.contains(&w) {
            return Some(true);
        }
        if !(w.starts_with("می") || w.starts_with("نمی")) {
            return None;
        }
        k.push(w.as_bytes());
        let verb = k.ok
            && self.lex.lookup(k.as_bytes()).is_some_and(|e| {
                e.zw_pos & pos::V != 0 && e.zw_mask & 0b110 != 0 && e.plain_q <= 1
            });
        verb.then_some(true)
    }

    /// `Some(true)` when the word before and the stem of «Xه‌ای» make a compound the lexicon
    /// lists with a ZWNJ and the stem of «X‌های» makes none (هفته نامهای → هفته‌نامه‌ای, not
    /// هفته نام‌های): the compound is the evidence for the ه. The word before must be a listed
    /// content word.
    fn compound_before(&self, input: &str, prev: Option<&Unit>, s: &str) -> Option<bool> {
        let u = prev?;
        let stem = s.strip_suffix("ای")?; // ends in ه
        let left = input.get(u.last_piece..u.end)?;
        // not after a function word (همه روزهای: همه‌روزه is listed, the plural is meant)
        const F: u16 = pos::PRO | pos::DET | pos::P | pos::CONJ;
        if self
            .lex
            .lookup(left.as_bytes())
            .is_none_or(|e| e.pos() & F != 0)
        {
            return None;
        }
        let compound = |right: &str| {
            let mut k = Key::new();
            k.push(left.as_bytes());
            let junction = k.chars();
            k.push(right.as_bytes());
            k.ok && (1..=16).contains(&junction)
                && self
                    .lex
                    .lookup(k.as_bytes())
                    .is_some_and(|e| e.zw_q >= 2 && e.zw_mask & (1 << (junction - 1)) != 0)
        };
        let bare = &stem[..stem.len() - "ه".len()];
        (compound(stem) && !compound(bare)).then_some(true)
    }

    /// [`Inner::suffix_split`] with the context after the piece (see
    /// [`Inner::next_context`]), which decides between the plural «X‌های» and «Xه‌ای» when
    /// both stems are listed.
    fn suffix_split_in(&self, s: &str, next: Option<bool>) -> Option<(usize, u32, u8)> {
        let p = s.as_bytes();
        let listed_joined = self.lex.lookup(p).is_some_and(|e| e.plain_q >= 1);
        let mut best: Option<(usize, u32, u8, i32)> = None;
        let mut best_rank = i32::MIN;
        for &(suf, kind) in affixes::affix_candidates(p) {
            if !affixes::ends_with_short(p, suf.as_bytes()) || s.len() < suf.len() + 4 {
                continue;
            }
            let stem = &s[..s.len() - suf.len()];
            let lc = last_char(stem);
            let e = match self.lex.lookup(stem.as_bytes()) {
                Some(e) => e,
                // an unlisted past participle (بازتابیده) before a perfect ending: the verb
                // list lacks the stem, the shape is unambiguous
                None if kind == SuffixKind::Vowel
                    && suf != "ای"
                    && stem.len() >= 10
                    && (stem.ends_with("ده") || stem.ends_with("ته")) =>
                {
                    Entry {
                        plain_q: 1,
                        plain_pos: pos::V,
                        ..Entry::default()
                    }
                }
                None => continue,
            };
            if !host_accepts(kind, lc, &e, false) {
                continue;
            }
            if kind == SuffixKind::Head && (listed_joined || self.base_joined(p)) {
                // the lexicon lists the compound joined (دستگیری), or the word it derives from
                // (چشمگیر → چشمگیری): a spelling in use
                continue;
            }
            // a head written joined is split only after a silent ه (علاقه‌مند), not after the
            // consonant ه of گروه، کوه (گروهبندی)
            if kind == SuffixKind::HeadSeparated && !silent_heh_at(stem.as_bytes(), stem.len() - 2)
            {
                continue;
            }
            // a two-letter word in ه ends in the consonant ه (ره، مه، ده، شه; only the function
            // words که، چه، نه end in a silent one): a vowel clitic or possessive attaches to it
            // directly (رهایم = رها + یم, not ره‌ایم)
            if matches!(kind, SuffixKind::Vowel | SuffixKind::Possessive)
                && stem.len() == 4
                && stem.ends_with('ه')
                && !matches!(stem, "که" | "چه" | "نه")
            {
                continue;
            }
            let mut score = e.q() as i32
                + if kind == SuffixKind::Plural {
                    PLURAL_BONUS
                } else {
                    0
                };
            if let Some(s2) = self.plural_or_heh(stem, kind, &e) {
                score = s2;
            }
            let mut keep = !joins(lc);
            if kind == SuffixKind::Plural && matches!(stem, "آن" | "این" | "همان" | "همین")
            {
                // آنها / آن‌ها (همانها، همینها): both spellings are in use; leave as written (other
                // pronouns take the ZWNJ: بعضی‌ها، من‌ها)
                keep = true;
            }
            if kind == SuffixKind::Comparative {
                let tar = stem.len() + "تر".len();
                if self
                    .lex
                    .lookup(&p[..tar])
                    .is_some_and(|x| x.plain_reliable())
                {
                    keep = true; // بیشتر, کمتر: written joined
                    score += 1;
                }
            }
            let mask = if e.zw_wins() { e.zw_mask } else { 0 };
            let favoured = match next {
                Some(true) => kind == SuffixKind::Vowel && suf == "ای",
                Some(false) => false,
                None => false,
            };
            let rank = score + if favoured { CONTEXT_BONUS } else { 0 };
            if best.is_none() || rank > best_rank {
                best = Some((if keep { 0 } else { stem.len() }, mask, e.q(), score));
                best_rank = rank;
            }
        }
        // the privative prefix: an unlisted بیX whose X is a frequent word (بی‌نهایت), or one
        // with the ی of abstraction or a person ending after a vowel (بی‌تعادلی، بی‌انتهایش)
        if let Some(rest) = s.strip_prefix("بی") {
            // unlisted, or listed joined only with frequency 0 and no ZWNJ form (بیشاخ)
            let unlisted = self
                .lex
                .lookup(p)
                .is_none_or(|e| e.plain_q <= 1 && !e.has_zw());
            if rest.len() >= 6 && unlisted {
                if let Some(e) = self.privative_base(rest) {
                    let score = e.plain_q as i32;
                    if best.is_none_or(|b| score > b.3) {
                        best = Some(("بی".len(), 0, e.plain_q, score));
                    }
                }
            }
        }
        // readings that need no ZWNJ: a frequent word plus an ending written attached
        // (تنهایی = تنها + یی, انتهای = انتها + ی, رهایم = رها + یم)
        if best.is_some_and(|b| b.0 != 0) {
            for end in ATTACHED {
                if s.len() >= end.len() + 4 && s.ends_with(end) {
                    let w = &p[..s.len() - end.len()];
                    if let Some(e) = self.lex.lookup(w).filter(|e| e.plain_reliable()) {
                        let score = e.plain_q as i32;
                        // a word in ا with the ezafe or indefinite ی (گویای، جویای) rather than
                        // a word in ی with the clitic ای (گوی‌ای), whatever the frequencies
                        let ezafe =
                            *end == "ی" && w.ends_with("ا".as_bytes()) && s.ends_with("یای");
                        if best.is_some_and(|b| ezafe || score >= b.3) {
                            best = Some((0, 0, e.plain_q, score));
                        }
                    }
                }
            }
        }
        best.map(|(l, m, q, _)| (l, m, q))
    }

    /// The entry of the word after a privative بی: a frequent noun or adjective, bare or, when
    /// it has four letters or more, with an ending written attached to it (ی، یی، یش، یم، یت:
    /// تعادل + ی، انتها + یش).
    fn privative_base(&self, rest: &str) -> Option<Entry> {
        let noun = |w: &[u8]| {
            self.lex
                .lookup(w)
                .filter(|e| e.plain_reliable() && e.pos() & (pos::N | pos::AJ) != 0)
        };
        noun(rest.as_bytes()).or_else(|| {
            ["یی", "یش", "یم", "یت", "ی"].iter().find_map(|end| {
                let w = rest.strip_suffix(end)?;
                // at least four letters: a short word plus ی reads into names (بیهاری)
                if w.len() < 8 {
                    return None;
                }
                noun(w.as_bytes())
            })
        })
    }

    /// Whether a ZWNJ form listed with frequency 0 (one ZWNJ) ends in an inflectional suffix
    /// (plural, clitic, possessive, comparative; not a compound head) that the
    /// affix grammar did not accept after its host (همشان: هم + شان, a pronoun with a
    /// possessive, is no «هم‌» compound): the grammar outranks a form the lexicon barely knows.
    fn suffix_rejected(&self, p: &[u8], e: &Entry) -> bool {
        if e.zw_q > 1 || e.zw_mask.count_ones() != 1 {
            return false;
        }
        let at = 2 * (e.zw_mask.trailing_zeros() as usize + 1);
        at < p.len()
            && affixes::SUFFIXES
                .iter()
                .any(|(suf, _)| suf.as_bytes() == &p[at..])
    }

    /// Whether a word whose only ZWNJ form is a generated perfect verb in ـه‌ای (نهاده‌ای) is
    /// rather a plural already spelled right: a stem ending in a non-joining letter plus های
    /// (نهادهای), when shekar's vocabulary counts the stem more often than the stem in ـه
    /// and the next word does not favour ای (see [`Inner::next_context`]; `ctx` is set when
    /// it is consulted).
    fn plural_as_written(
        &self,
        s: &str,
        e: &Entry,
        input: &str,
        pe: usize,
        ctx: &mut bool,
    ) -> bool {
        if e.plain_q != 0 || e.zw_pos != pos::V {
            return false;
        }
        let Some(stem) = s.strip_suffix("های") else {
            return false;
        };
        if stem.len() < 4 || joins(last_char(stem)) {
            return false;
        }
        let mut k = Key::new();
        k.push(stem.as_bytes());
        k.push("ه".as_bytes());
        let (Some(x), Some(xh)) = (
            self.lex.lookup(stem.as_bytes()),
            self.lex.lookup(k.as_bytes()),
        ) else {
            return false;
        };
        x.plain_reliable() && x.vocab_q > xh.vocab_q && {
            *ctx = true;
            self.next_context(input, pe).is_none()
        }
    }

    /// Whether a ZWNJ form listed with frequency 0 is the derivative (plural ان, ی) of a word
    /// the lexicon lists joined with a real frequency (تحلیلگر → تحلیلگران): the joined
    /// spelling is in use, so the word is left as written.
    fn base_in_use(&self, p: &[u8], e: &Entry) -> bool {
        e.zw_q <= 1
            && ["ان", "ی"].iter().any(|end| {
                p.len() >= end.len() + 8
                    && p.ends_with(end.as_bytes())
                    && self
                        .lex
                        .lookup(&p[..p.len() - end.len()])
                        .is_some_and(|b| b.plain_reliable())
            })
    }

    /// An unlisted word that is a compound the lexicon lists with a ZWNJ (a real frequency, not
    /// a verb form) plus an ending written attached to it: the plural ان, the ی of abstraction
    /// or adjective, or both (دوچرخه‌سوار → دوچرخه‌سواران, نظریه‌پرداز → نظریه‌پردازانی): the
    /// derivative keeps the compound's ZWNJs. Returns the stem's length, ZWNJ mask and class.
    /// (Not after a final ه, ا, و or ی, where these endings change shape: ـگان، ـگی، ـیان، ـیی.)
    fn compound_derivative(&self, s: &str) -> Option<(usize, u32, u8)> {
        ["انی", "ان", "ی"].iter().find_map(|end| {
            let stem = s.strip_suffix(end)?;
            // ی + ان keeps its shape (نظامی → نظامیان), ی + ی does not (ـیی)
            let y = *end == "ی" && stem.ends_with('ی');
            if stem.len() < 8 || y || matches!(last_char(stem), 'ه' | 'ا' | 'و' | 'آ') {
                return None;
            }
            let e = self.lex.lookup(stem.as_bytes())?;
            (e.zw_wins() && e.zw_q >= 2 && e.zw_pos & pos::V == 0).then_some((
                stem.len(),
                e.zw_mask,
                e.zw_q,
            ))
        })
    }

    /// Whether the word a joined derivative comes from (the word without its ی of
    /// abstraction or plural ان: چشمگیری → چشمگیر) is listed joined with a real frequency at
    /// least that of its ZWNJ spelling: the derivative keeps that spelling.
    fn base_joined(&self, p: &[u8]) -> bool {
        ["ی", "ان"].iter().any(|end| {
            p.len() >= end.len() + 8
                && p.ends_with(end.as_bytes())
                && self
                    .lex
                    .lookup(&p[..p.len() - end.len()])
                    .is_some_and(|e| e.plain_reliable() && e.plain_q >= e.zw_q)
        })
    }

    /// The score of one reading of «X‌های» against «Xه‌ای» (دست‌های / دسته‌ای): when shekar's
    /// vocabulary counts both stems, its counts decide (hazm's frequencies of such pairs are
    /// often inverted: دسته above دست, خان above خانه); both readings then share the better
    /// hazm class, plus one for the reading whose stem the vocabulary counts more often.
    /// `None`: not such a pair, or a count is missing.
    fn plural_or_heh(&self, stem: &str, kind: SuffixKind, e: &Entry) -> Option<i32> {
        const HEH: &str = "ه";
        let other = match kind {
            SuffixKind::Plural => {
                let mut k = Key::new();
                k.push(stem.as_bytes());
                k.push(HEH.as_bytes());
                self.lex.lookup(k.as_bytes())?
            }
            SuffixKind::Vowel => self.lex.lookup(stem.strip_suffix(HEH)?.as_bytes())?,
            _ => return None,
        };
        if e.vocab_q == 0 || other.vocab_q == 0 {
            return None;
        }
        let base = e.q().max(other.q()) as i32;
        Some(base + (e.vocab_q as i32 - other.vocab_q as i32).signum())
    }

    /// An unlisted word that is a listed noun or adjective of three letters or more plus the
    /// participle of a light verb (تاراج + شده, ماشین + زده): the participle is written apart
    /// (with a space or a ZWNJ), never joined to a word ending in a joining letter, so the
    /// joined form is a lost ZWNJ. Returns the byte offset of the ZWNJ.
    fn participle_compound(&self, s: &str) -> Option<usize> {
        PARTICIPLES.iter().find_map(|pt| {
            let stem = s.strip_suffix(pt)?;
            if stem.len() < 6 || !joins(last_char(stem)) {
                return None;
            }
            let e = self.lex.lookup(stem.as_bytes())?;
            (e.reliable() && e.pos() & (pos::N | pos::AJ) != 0 && e.pos() & pos::V == 0)
                .then_some(stem.len())
        })
    }

    /// An unlisted word that is a listed word ending in a silent ه plus a listed word: a
    /// compound whose ZWNJ was lost (قلعه‌نویی, نیمه‌ابری, بچه‌خرگوش). A ه at the end of the
    /// first part never joins the next letter in standard spelling, so the joined form is
    /// a lost ZWNJ rather than a spelling in use. Returns the byte offset of the ZWNJ and
    /// the smaller frequency class of the parts.
    fn heh_compound(&self, s: &str) -> Option<(usize, u8)> {
        let p = s.as_bytes();
        let mut best: Option<(usize, u8)> = None;
        let mut i = 4;
        while i + 8 <= p.len() {
            if p[i] == 0xD9 && p[i + 1] == 0x87 && silent_heh_at(p, i) {
                let (l, r) = p.split_at(i + 2);
                let rs = s.get(i + 2..).unwrap_or("");
                let le = self.lex.lookup(l).unwrap_or_default();
                let re = self.lex.lookup(r).unwrap_or_default();
                let right_ok = re.reliable()
                    || affixes::affix_kind(rs).is_none()
                        && self.suffix_split(rs).is_some_and(|x| x.0 != 0 || x.2 >= 2)
                    // an adjective or abstract noun in ی of a listed word (نیمه‌ابری: ابر + ی),
                    // which hazm lists with frequency 0
                    || re.plain_q == 1
                        && r.len() >= 8
                        && r.ends_with("ی".as_bytes())
                        && self
                            .lex
                            .lookup(&r[..r.len() - 2])
                            .is_some_and(|b| b.plain_reliable() && b.plain_pos & pos::V == 0);
                if le.plain_reliable()
                    && le.pos() & (pos::P | pos::CONJ) == 0
                    && le.pos() != pos::V
                    && right_ok
                    && affixes::affix_kind(rs).is_none()
                {
                    let q = le.plain_q.min(re.q().max(2));
                    if best.is_none_or(|b| q > b.1) {
                        best = Some((l.len(), q));
                    }
                }
            }
            i += 2;
        }
        best
    }

    /// Whether the piece already reads as stem + suffix written together correctly (stem ends
    /// in a non-joining letter), so it is not run-together text.
    fn affix_shaped(&self, s: &str) -> bool {
        let p = s.as_bytes();
        affixes::affix_candidates(p).iter().any(|&(suf, _)| {
            s.len() > suf.len() + 2
                && affixes::ends_with_short(p, suf.as_bytes())
                && !joins(last_char(&s[..s.len() - suf.len()]))
                && self
                    .lex
                    .lookup(&p[..s.len() - suf.len()])
                    .is_some_and(|e| e.reliable())
        })
    }

    /// What the gap rules write at a space put at byte `at` inside the piece `ps..pe`
    /// (`None`: the space stays), reading the two parts as the next pass reads the unit and
    /// the next word: the unit from the start of the word, the next word up to its end (its
    /// later ZWNJ pieces included).
    fn gap_after_split(
        &self,
        input: &str,
        ps: usize,
        at: usize,
        pe: usize,
    ) -> Option<&'static str> {
        if !self.join_separated {
            return None;
        }
        let in_word = |c: char| affixes::is_letter(c) || c == ZWNJ;
        let ws = input[..ps]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| in_word(c))
            .last()
            .map_or(ps, |(k, _)| k);
        let we = pe
            + input[pe..]
                .char_indices()
                .find(|&(_, c)| !in_word(c))
                .map_or(input.len() - pe, |(k, _)| k);
        let b = input.as_bytes();
        let left_h = filter::hash(&b[ps..at]);
        let unit = Unit {
            start: ws,
            last_piece: ps,
            end: at,
            last_hash: left_h,
            last_flags: self.lex.key_flags(left_h),
        };
        let first_h = filter::hash(&b[at..pe]);
        let next = Next {
            text: &input[at..we],
            first: &b[at..pe],
            first_h,
            first_f: self.lex.key_flags(first_h),
            single: we == pe,
            notes: false,
        };
        self.decide_gap(input, &unit, &next).map(|(rep, _, _)| rep)
    }

    /// Whether `p` is a listed word of two letters or more with an ending: one of
    /// [`ATTACHED`] or [`affixes::SUFFIXES`], a plural of [`PLURALS`], or a plural with one of
    /// the first two after it (کارشناس + ان + ی).
    fn inflected_listed(&self, p: &[u8]) -> bool {
        let listed = |w: &[u8]| w.len() >= 4 && self.lex.listed(w);
        let plural_of_listed = |w: &[u8]| {
            PLURALS
                .iter()
                .any(|pl| w.strip_suffix(pl.as_bytes()).is_some_and(listed))
        };
        plural_of_listed(p)
            || ATTACHED
                .iter()
                .chain(affixes::SUFFIXES.iter().map(|(s, _)| s))
                .filter_map(|e| p.strip_suffix(e.as_bytes()))
                .any(|w| listed(w) || plural_of_listed(w))
    }

    /// Split of an unknown piece into two frequent words: (byte offset, classes).
    fn run_together(&self, s: &str) -> Option<(usize, u8, u8)> {
        let p = s.as_bytes();
        if p.len() < 12 {
            return None;
        }
        // A listed word with an ending (دشمنان = دشمن + ان, دانشجویان, شکیبایی, کارشناسانی =
        // کارشناس + ان + ی) is one inflected word, not two run together (دشم + نان,
        // کارشناس + انی).
        if self.inflected_listed(p) {
            return None;
        }
        let mut best: Option<(usize, u8, u8)> = None;
        // both parts at least 3 letters, listed (as plain words), one of them frequent
        let mut at = 6;
        while at + 6 <= p.len() {
            let (a, b) = p.split_at(at);
            at += 2;
            if affixes::affix_kind_bytes(b).is_some() || is_prefixed_mi(a) {
                continue; // نمی + روم: a prefix and its verb, which the join rule joins back
            }
            let listed = |k: &[u8]| self.lex.listed(k);
            if !listed(a) || !listed(b) {
                continue;
            }
            let (Some(ea), Some(eb)) = (self.lex.lookup(a), self.lex.lookup(b)) else {
                continue;
            };
            // Both in use: in hazm's corpus, or frequent in shekar's vocabulary (خارجی has
            // frequency 0 in hazm's list, while what is listed from the vocabulary alone with a
            // low count is as often a fragment: انه، یده، یزم); one of them frequent.
            let in_use =
                |e: &super::lexicon::Entry| e.plain_reliable() || e.vocab_q >= Q_RUN_TOGETHER_VOCAB;
            if !in_use(&ea) || !in_use(&eb) || ea.plain_q.max(eb.plain_q) < Q_RUN_TOGETHER {
                continue;
            }
            if !joins(last_char(s.get(..a.len()).unwrap_or(""))) {
                continue; // after ا د ذ ر ز ژ و a lost space is invisible anyway
            }
            let score = ea.plain_q as u16 + eb.plain_q as u16;
            if best.is_none_or(|x| score > x.1 as u16 + x.2 as u16) {
                best = Some((a.len(), ea.plain_q, eb.plain_q));
            }
        }
        best
    }
}

/// Plural endings a word may take before another ending (see `Inner::inflected_listed`).
const PLURALS: [&str; 4] = ["ان", "یان", "گان", "ات"];

/// Whether the piece starts with می/نمی, بی, or a preverb (بر، در، فرو …) plus می/نمی.
#[inline]
pub(super) fn starts_like_verb(p: &[u8]) -> bool {
    const MI: &[u8] = "می".as_bytes();
    const NMI: &[u8] = "نمی".as_bytes();
    use affixes::starts_with_short as sw;
    // A preverb is two or three letters: می/نمی after one starts at byte 4 or 6.
    let mi_at = |k: usize| p.len() > k && (sw(&p[k..], MI) || sw(&p[k..], NMI));
    sw(p, MI)
        || sw(p, NMI)
        || p.starts_with("بی".as_bytes())
        || (mi_at(4) || mi_at(6))
            && affixes::PREVERBS.iter().any(|pv| {
                sw(p, pv.as_bytes()) && {
                    let r = &p[pv.len()..];
                    sw(r, MI) || sw(r, NMI)
                }
            })
}

/// Whether `a` is a verb prefix of three or more letters: نمی, or a preverb with می or نمی
/// (برمی، درنمی).
fn is_prefixed_mi(a: &[u8]) -> bool {
    const MI: &[u8] = "می".as_bytes();
    const NMI: &[u8] = "نمی".as_bytes();
    a == NMI
        || affixes::PREVERBS.iter().any(|pv| {
            a.strip_prefix(pv.as_bytes())
                .is_some_and(|r| r == MI || r == NMI)
        })
}

/// Whether the word ends with a plural, comparative, possessive or compound-head affix (the
/// vowel clitics اند، ایم … also end verbs, so they do not count).
#[inline]
pub(super) fn ends_with_noun_suffix(p: &[u8]) -> bool {
    affixes::affix_candidates(p)
        .iter()
        .any(|(s, k)| *k != SuffixKind::Vowel && affixes::ends_with_short(p, s.as_bytes()))
}

/// Endings of finite verbs that names and nouns rarely have (for verbs the stem list lacks).
pub(super) const PERSON_ENDINGS: [&str; 8] = ["ند", "ید", "یم", "دم", "تم", "دی", "تی", "یدی"];

/// Whether a word before a space is a prefix the gap rules look at (می، نمی، a preverb with
/// می or نمی such as برمی، بی): the left words of `Inner::verb_after_prefix` (its first test), not
/// every word in می (اسلامی، علمی), which would send a word in twenty of running text to
/// the full gap decision.
#[inline]
pub(super) fn prefix_like(w: &[u8]) -> bool {
    w == "بی".as_bytes() || w.ends_with("می".as_bytes()) && verb_prefix_in_mi(w)
}

/// [`prefix_like`] for a word in می (out of line: the word loop inlines the test above), asked
/// of the bytes the word loop holds (words in می are common, اسلامی، علمی: no UTF-8
/// validation for each).
#[inline(never)]
fn verb_prefix_in_mi(w: &[u8]) -> bool {
    affixes::is_verb_prefix_bytes(w) || affixes::preverb_mi_bytes(w).is_some()
}

/// Whether the piece is one of the [`SUFFIXES`].
#[inline]
pub(super) fn is_suffix_bytes(p: &[u8]) -> bool {
    affixes::affix_candidates(p)
        .iter()
        .any(|(s, _)| affixes::short_eq(p, s.as_bytes()))
}

/// Whether the piece ends like one of the [`SUFFIXES`] or [`HEADS`], or like the participle
/// of a light verb (see [`Inner::participle_compound`]).
#[inline]
pub(super) fn ends_with_suffix(p: &[u8]) -> bool {
    affixes::may_end_with_affix(p)
        || p.len() >= 12
            && p.ends_with("ده".as_bytes())
            && PARTICIPLES
                .iter()
                .any(|pt| affixes::ends_with_short(p, pt.as_bytes()))
}

/// Participles of light verbs, written apart from the noun or adjective before them.
const PARTICIPLES: [&str; 5] = ["شده", "کرده", "زده", "دیده", "داده"];

/// Plans ZWNJs at the mask positions of the piece `ps..pe` (letters are two bytes each).
fn push_mask(plan: &mut Plan, ps: usize, pe: usize, mask: u32, rule: Rule, why: Why) {
    let mut m = mask;
    while m != 0 {
        let i = m.trailing_zeros() as usize; // ZWNJ after letter i + 1
        m &= m - 1;
        let pos = ps + 2 * (i + 1);
        if pos >= pe {
            break;
        }
        plan.push(Ins {
            pos,
            space: false,
            rule,
            why,
            piece: (ps, pe),
        });
    }
}

/// Whether a piece of at least three letters with filter flags `f` may be a joined form that
/// the split analysis splits: the lexicon filter flags a ZWNJ form, or it is affix-shaped (the
/// RELIABLE flag is trusted only to skip the costlier shapes: a false positive would hide a
/// split). The word scan's memo keeps this as [`super::memo::CANDIDATE`]; the analysis
/// returns at once for any other piece (outside run-together splits).
pub(super) fn may_be_joined_form(lex: &Lexicon, p: &[u8], f: u8) -> bool {
    f & flag::ZWNJ != 0
        || ends_with_suffix(p)
        || starts_like_verb(p)
        || f & flag::RELIABLE == 0 && (medial_heh(p) || may_be_compound_derivative(lex, p))
}

/// Whether the piece may be the unlisted derivative of a ZWNJ compound that
/// [`Inner::compound_derivative`] reads (آتشنشانان = آتش‌نشان + ان): it ends in انی، ان or ی
/// after a stem that the lexicon filter flags as a ZWNJ form. (The word scan's memo asks this
/// once per word, of words without a real frequency only.)
pub(super) fn may_be_compound_derivative(lex: &Lexicon, p: &[u8]) -> bool {
    ["انی", "ان", "ی"].iter().any(|end| {
        p.len() >= end.len() + 8
            && affixes::ends_with_short(p, end.as_bytes())
            && lex.key_flags(filter::hash(&p[..p.len() - end.len()])) & flag::ZWNJ != 0
    })
}

/// Whether a ZWNJ-free piece has a ه with at least three letters before it and three after.
#[inline]
pub(super) fn medial_heh(p: &[u8]) -> bool {
    p.len() >= 14 && p[4..p.len() - 6].chunks_exact(2).any(|c| c == [0xD9, 0x87])
}

/// `Some(true)` when the word before is a determiner that takes a singular noun (یک، هر، هیچ،
/// چنین، چنان): «یک خانه‌ای», never a plural with ezafe.
fn singular_determiner_before(input: &str, prev: Option<&Unit>) -> Option<bool> {
    const SINGULAR: &[&str] = &["یک", "هر", "هیچ", "چنین", "چنان"];
    let u = prev?;
    let w = input.get(u.last_piece..u.end)?;
    (u.last_piece == u.start && SINGULAR.contains(&w)).then_some(true)
}

/// An unlisted word whose stem ends in ه (not after ا، آ، و, where ه is the consonant of راه،
/// کوه) and carries the plural ها/های/هایی (رنگوارههای → رنگواره‌های): the ه joins the next
/// letter, so written joined the plural lost its ZWNJ. Asked only when the affix grammar found
/// no reading with a listed stem (the other reading, a stem in ـهه plus ای as in شبهه‌ای, needs
/// one). Returns the byte offset of the ZWNJ.
fn plural_after_heh(s: &str) -> Option<usize> {
    let stem = ["هایی", "های", "ها"]
        .iter()
        .find_map(|suf| s.strip_suffix(suf))?;
    let b = stem.as_bytes();
    (b.len() >= 8 && stem.ends_with('ه') && silent_heh_at(b, b.len() - 2)).then_some(stem.len())
}

/// An unlisted word «Xهای» whose next word rules out a plural with ezafe (see
/// [`Inner::next_context`]: ستمبارهای که → ستمباره‌ای که) and whose ه is silent: the clitic ای
/// after a stem in ه. Returns the byte offset of the ZWNJ.
fn clitic_after_heh(s: &str) -> Option<usize> {
    let stem = s.strip_suffix("ای")?;
    let b = stem.as_bytes();
    (b.len() >= 8 && stem.ends_with('ه') && silent_heh_at(b, b.len() - 2)).then_some(stem.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_like_takes_the_verb_prefixes_and_bi_only() {
        for w in [
            "می",
            "نمی",
            "برمی",
            "درنمی",
            "فرونمی",
            "وامی",
            "بازمی",
            "بی",
            "برنمی",
            "درمی",
            "فرامی",
            "ورمی",
        ] {
            assert!(prefix_like(w.as_bytes()), "{w}");
        }
        // words in می that are no prefix, and what is not even a word
        for w in ["اسلامی", "علمی", "کمی", "نامی", "همی", "ی", ""] {
            assert!(!prefix_like(w.as_bytes()), "{w}");
        }
    }
}
