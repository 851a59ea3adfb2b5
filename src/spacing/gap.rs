//! The gap decision: whether the space between two Persian words stays, becomes a ZWNJ, or
//! disappears.

use std::fmt::Write as _;

use super::*;

impl Inner {
    /// Decides the space between the unit and the next word `n` (its first piece and that
    /// piece's hash; `n_single`: one piece, nothing planned inside).
    pub(super) fn decide_gap(
        &self,
        input: &str,
        u: &Unit,
        next: &Next<'_>,
    ) -> Option<(&'static str, Rule, String)> {
        let Next {
            text: n,
            first: n_first,
            first_h: n_first_h,
            first_f: n_first_f,
            single: n_single,
            notes,
        } = *next;
        let b = input.as_bytes();
        // (the unit ends with the last letter of the word before the space)
        let lc = super::last_char(&input[..u.end]);
        let sep = if joins(lc) { ZWNJ_STR } else { "" };
        let mut u_last_key = Key::new();
        u_last_key.push(&b[u.last_piece..u.end]); // letters only (a glued unit has a space)
        let u_last = u_last_key.as_bytes();
        // user lexicon first
        if !self.user.is_empty() {
            if self.user.no_join(u_last, n_first) {
                return None;
            }
            let mut pair = Key::new();
            pair.push(u_last);
            let junction = pair.chars();
            pair.push(n_first);
            if let Some(m) = self.user.word(pair.as_bytes()).filter(|_| pair.ok) {
                let bit = (1..=24).contains(&junction) && m & (1 << (junction - 1)) != 0;
                let rep = if bit { sep } else { "" };
                let mut note = String::new();
                if notes {
                    note.push_str("user lexicon: ");
                    lexicon_form(pair.as_bytes(), m, &mut note);
                }
                return Some((rep, Rule::UserLexicon, note));
            }
        }
        // the conjunction هم of «هم … و هم …» is no prefix
        if u_last == "هم".as_bytes()
            && u.last_piece == u.start
            && correlative_ham(&input[..u.start])
        {
            return None;
        }
        // a bound suffix written as a word, or a compound head that carries the plural after a
        // ZWNJ, or one the split analysis separates in this pass (بحران سازیهای →
        // بحران‌سازی‌های): the head is the word
        let affix_word = if n_single {
            Some(n)
        } else {
            n.get(..n_first.len()).filter(|head| {
                let rest = &n[head.len()..];
                let rest = rest.strip_prefix(ZWNJ).unwrap_or(rest);
                affixes::suffix_kind(rest) == Some(SuffixKind::Plural)
                    && affixes::affix_kind(head)
                        .is_some_and(|k| matches!(k, SuffixKind::Head | SuffixKind::HeadSeparated))
            })
        };
        if let Some(n) = affix_word.filter(|n| n.len() <= affixes::MAX_AFFIX_BYTES) {
            if let Some(kind) = affixes::affix_kind(n) {
                let mut key = Key::new();
                key.push(&b[u.start..u.end]);
                let mut host = self.lex.lookup(key.as_bytes()).unwrap_or_default();
                if host == Entry::default() && u.last_piece > u.start {
                    host = self.lex.lookup(u_last).unwrap_or_default();
                }
                let stable = !sep.is_empty() || {
                    // written together after a non-joining letter: only if the joined word
                    // reads back the same way (so a second pass changes nothing)
                    let mut w = Key::new();
                    w.push(u_last);
                    w.push(n.as_bytes());
                    // what follows the suffix word in the text
                    let after = (n.as_ptr() as usize)
                        .checked_sub(input.as_ptr() as usize)
                        .map(|off| off + n.len())
                        .filter(|&e| e <= input.len() && input.is_char_boundary(e))
                        .map_or("", |e| &input[e..]);
                    w.ok && self.rereads_joined(w.as_bytes(), after)
                };
                // a function word (و، از، که) hosts no suffix; many nouns carry a P or CONJ tag
                // too (روش، موقع), so only words without a noun or adjective reading count
                // nor does a compound head follow an inflected word (کتاب‌ها کش)
                let function = host.pos() & (pos::P | pos::CONJ) != 0
                    && host.pos() & (pos::N | pos::AJ) == 0
                    || u_last.len() < 4
                    || matches!(kind, SuffixKind::Head | SuffixKind::HeadSeparated)
                        && is_suffix_bytes(u_last)
                    // nor a plural after an inflectional suffix (کتاب‌ها های): the join would
                    // not read back; after a compound head it is the compound's plural
                    // (حشره‌کش ها → حشره‌کش‌ها, موضع‌گیری های)
                    || kind == SuffixKind::Plural
                        && affixes::affix_kind_bytes(u_last).is_some_and(|k| {
                            !matches!(k, SuffixKind::Head | SuffixKind::HeadSeparated)
                        })
                        // an adjective in ـه‌ای takes the plural (حرفه‌ای‌ها، رسانه‌ای‌ها)
                        && !(u_last == "ای".as_bytes() && {
                            let w = &b[u.start..u.last_piece];
                            // (a space when the unit joined it: حرفه ای ها)
                            let w = w
                                .strip_suffix(ZWNJ_STR.as_bytes())
                                .or_else(|| w.strip_suffix(b" "))
                                .unwrap_or(w);
                            w.len() >= 4 && w.ends_with("ه".as_bytes())
                        });
                // a head that is also a frequent adjective in ی of a listed noun (درمانی) follows
                // any noun as that adjective (مراکز درمانی، طرح درمانی): only a compound the
                // lexicon lists joins (شیمی‌درمانی)
                let free = || {
                    let mut c = Key::new();
                    c.push(u_last);
                    c.push(n.as_bytes());
                    matches!(kind, SuffixKind::Head | SuffixKind::HeadSeparated)
                        && self.free_head(n.as_bytes())
                        && !(c.ok && self.lex.listed(c.as_bytes()))
                };
                // the plural copula written as a word after a consonant (شیطان اند): a noun or
                // adjective of its own takes it with a ZWNJ, as after ه or ی (the singular
                // clitics are written attached there: کتابم، and ای is the vocative too)
                let copula = || {
                    matches!(n, "اند" | "ایم" | "اید")
                        && host.plain_reliable()
                        && host.plain_pos & (pos::N | pos::AJ) != 0
                        && host.pos() & pos::V == 0
                };
                if key.ok
                    && stable
                    && !function
                    && (host_accepts(kind, lc, &host, true)
                        || kind == SuffixKind::Vowel && copula())
                    && !free()
                {
                    let note = note!(
                        notes,
                        "affix: {kind:?} {n} after a host with q={}",
                        host.q()
                    );
                    let rule = match kind {
                        SuffixKind::Head | SuffixKind::HeadSeparated => Rule::CompoundJoin,
                        _ => Rule::SuffixJoin,
                    };
                    return Some((sep, rule, note));
                }
            }
        }
        if let Some(note) = self.verb_after_prefix(u_last, u.last_piece == u.start, n_first, notes)
        {
            return Some((ZWNJ_STR, Rule::PrefixJoin, note));
        }
        // (a right part with filter flags is listed: the rule needs an unlisted one)
        if n_first_f == 0 {
            if let Some(note) = self.broken_word(u_last, n_first, n_single, notes) {
                return Some((ZWNJ_STR, Rule::CompoundJoin, note));
            }
        }
        // verb prefix or compound that the lexicon lists with a ZWNJ at the junction
        if u.last_flags & flag::LEFT == 0 {
            return None;
        }
        let direct = n_first_f & flag::RIGHT != 0 && self.lex.may_join(u.last_hash, n_first_h);
        let mut n_first = if direct {
            n_first
        } else {
            // the compound with an ending written attached (کاسب کارها، صاحب نظرانی)
            self.inflected_right(u.last_hash, n_first, n_first_f)?
        };
        let mut pair = Key::new();
        pair.push(u_last);
        let junction = pair.chars();
        pair.push(n_first);
        if !pair.ok || !(1..=24).contains(&junction) {
            return None;
        }
        let mut entry = self.lex.lookup(pair.as_bytes());
        // a derivative listed only with frequency 0 (خستگی‌ناپذیری) is decided as the compound
        // it derives from, when that is listed (خستگی‌ناپذیر)
        if direct
            && entry.is_some_and(|e| {
                e.zw_q < Q_COMPOUND_JOIN && e.plain_q <= 1 && e.zw_pos & pos::V == 0
            })
        {
            if let Some(stem) = self.inflected_right(u.last_hash, n_first, n_first_f) {
                let mut k = Key::new();
                k.push(u_last);
                k.push(stem);
                let base = self.lex.lookup(k.as_bytes()).filter(|_| k.ok);
                if base.is_some_and(|e| e.zw_mask & (1 << (junction - 1)) != 0) {
                    (n_first, pair, entry) = (stem, k, base);
                }
            }
        }
        // not a compound of two parts: perhaps one of three parts or more (سی‌ان‌ان، بی‌بی‌سی;
        // tried only here, where the filters passed the pair but the lexicon does not list
        // it, so that it costs nothing on the compounds of two parts)
        let chain = || {
            let q = self.chain_compound(input, u, next)?;
            let note = note!(notes, "lexicon: compound of three parts or more, q={q}");
            Some((sep, Rule::CompoundJoin, note))
        };
        let Some(e) = entry else {
            return chain();
        };
        if !e.has_zw() || e.zw_mask & (1 << (junction - 1)) == 0 {
            return chain();
        }
        let verb = e.zw_pos & pos::V != 0;
        // «پیش» is a word of its own too: before a participle or infinitive it is an adverb
        // (پیش آمده)
        let participle = || {
            (n_first.ends_with("ه".as_bytes()) || n_first.ends_with("ن".as_bytes()))
                && self
                    .lex
                    .lookup(n_first)
                    .is_some_and(|r| r.plain_pos & pos::V != 0)
        };
        let u_last_str = std::str::from_utf8(u_last).unwrap_or("");
        let prefix = is_verb_prefix(u_last_str)
            || is_prefix(u_last_str) && !(u_last_str == "پیش" && participle());
        // a participle with the ezafe mark is an adjective (مناطق اشغال‌شدهٔ فلسطین)
        // (`n_first` lies in `input`; a slice elsewhere reads as no mark)
        // and so is one that را, a preposition or a content noun follows: a verb ends its
        // clause, and را never follows one (بیت‌المال تاراج‌شده را، آمار ارائه‌شده از، آمار
        // استخراج‌شده ضریب نفوذ)
        let attributive = || {
            rest_after(input, n_first).is_some_and(|after| {
                after.starts_with('\u{654}')
                    || n_first.ends_with("ه".as_bytes())
                        && n.len() == n_first.len()
                        && (self.phrase_closes(after) || self.ezafe_before(&input[..u.start]))
            })
        };
        // a compound adjective of a numeral and a noun in ـه (سه‌ماهه، هفت‌روزه), or an
        // action noun in present stem + ی after a noun (دین‌داری، حکم‌فرمایی): listed with a
        // ZWNJ and never joined, whatever its class
        if !verb && !prefix && e.plain_q <= 1 && self.lex.bound_compound(u_last, n_first) {
            let note = note!(notes, "lexicon: bound compound, q={}", e.zw_q);
            return Some((ZWNJ_STR, Rule::CompoundJoin, note));
        }
        if !verb && !prefix && self.lex.stays_spaced(u_last, n_first, attributive()) {
            // «این که», «انجام شده», «محیط زیست»: spaced is standard too; but the pair may
            // begin a compound of three parts listed with a ZWNJ at every junction, which
            // its last part makes unambiguous (میان دوره ای → میان‌دوره‌ای)
            return chain();
        }
        // a compound both sources list with a ZWNJ and none joined, though hazm's corpus
        // has it with frequency 0 (پول‌شویی، دهن‌کجی، ساده‌زیستی)
        let rare = e.zw_q == 1 && !prefix && self.rare_compound(&e, u_last, n_first);
        if !(verb || e.zw_q >= Q_COMPOUND_JOIN || rare) {
            return None;
        }
        let rule = if prefix {
            Rule::PrefixJoin
        } else {
            Rule::CompoundJoin
        };
        let mut note = String::new();
        if notes {
            note.push_str("lexicon: ");
            lexicon_form(pair.as_bytes(), e.zw_mask, &mut note);
            let _ = write!(note, " q={}{}", e.zw_q, if verb { " verb" } else { "" });
        }
        Some((ZWNJ_STR, rule, note))
    }

    /// The right part of a compound that the next word `w` carries with an ending written
    /// attached to it: plural ها/های/هایی and superlative ترین after a non-joining letter
    /// (کاسب کارها → کاسب‌کارها, دهشت بارترین), the plural یان، ان، انی (آتش بیاران) and ی
    /// on a word not listed with a real frequency (روان پزشکی, see [`Y`]; `f`: the word's
    /// filter flags). Returns the part when the filters allow a compound of the unit's last
    /// piece (hash `left`) and it; the lexicon decides after that as for a bare part.
    #[inline(never)]
    pub(super) fn inflected_right<'w>(&self, left: u64, w: &'w [u8], f: u8) -> Option<&'w [u8]> {
        if !ends_like_compound_ending(w, f) {
            return None;
        }
        let ok = |stem: &[u8]| {
            let h = filter::hash(stem);
            stem.len() >= 4
                && self.lex.key_flags(h) & flag::RIGHT != 0
                && self.lex.may_join(left, h)
        };
        for suf in AFTER_NONJOINING {
            if let Some(stem) = strip_ending(w, suf) {
                if !joins(last_letter(stem)) && ok(stem) {
                    return Some(stem);
                }
            }
        }
        let y = y_ending(w, f).then_some(Y);
        ANY.iter()
            .chain(y.iter())
            .filter_map(|suf| strip_ending(w, suf))
            // ان after ه، ا، و changes shape (ـگان، ـیان، ـوان), and so does ی (ـه‌ای، ـیی)
            .filter(|stem| !matches!(last_letter(stem), 'ه' | 'ا' | 'آ' | 'و'))
            .find(|stem| ok(stem))
    }

    /// A compound of three parts or more that the lexicon lists with a ZWNJ at every junction
    /// after a joining letter and no joined spelling (سی‌ان‌ان، بی‌بی‌سی، سی‌تی‌اسکن): the
    /// unit (its pieces) and the next word `n` with the space between them, or, when they
    /// make only two parts, with the word after `n` too (the look-ahead: «سی ان ان» joins at
    /// its first space as at its second). Returns the compound's class.
    fn chain_compound(&self, input: &str, u: &Unit, next: &Next<'_>) -> Option<u8> {
        let b = input.as_bytes();
        let n = next.text;
        if !std::ptr::eq(next.first, n.as_bytes().get(..next.first.len())?)
            || next.first_f & flag::RIGHT == 0
            || !self.lex.may_join(u.last_hash, next.first_h)
        {
            return None; // the right part is an inflected one (see `inflected_right`)
        }
        let n_rest = rest_after(input, n.as_bytes())?;
        // two parts so far: the word after `n`, one space away, must continue the chain
        // (checked on the filters first: this runs for every candidate compound)
        let mut after = None;
        if u.last_piece == u.start && n.len() == next.first.len() {
            let rest = n_rest.strip_prefix(' ')?;
            let len = rest
                .char_indices()
                .find(|&(_, c)| !(affixes::is_letter(c) || c == ZWNJ))
                .map_or(rest.len(), |(i, _)| i);
            let w = &rest.as_bytes()[..len];
            let first = w.split(|&c| c == 0xE2).next().unwrap_or(w);
            if first.is_empty()
                || next.first_f & flag::LEFT == 0
                || !self.lex.may_join(next.first_h, filter::hash(first))
            {
                return None;
            }
            after = Some(w);
        }
        // the pieces of the unit, `n` and the word after (split at ZWNJs and spaces)
        // `n`'s first piece may end at a planned insertion (دورهای → دوره‌ای): split there too,
        // so that the analysis reads as the next pass will (میان دورهای → میان‌دوره‌ای)
        let n_cut = if n.as_bytes()[next.first.len()..].starts_with(ZWNJ_STR.as_bytes()) {
            n.len()
        } else {
            next.first.len()
        };
        let pieces = || {
            // the unit's last piece may follow a planned insertion (بیبی → بی‌بی)
            [
                &b[u.start..u.last_piece],
                &b[u.last_piece..u.end],
                &n.as_bytes()[..n_cut],
                &n.as_bytes()[n_cut..],
                after.unwrap_or(&[]),
            ]
            .into_iter()
            .flat_map(|s| s.split(|&c| c == b' '))
            .flat_map(|w| w.split(|&c| c == 0xE2))
            .map(|w| w.strip_prefix(&[0x80, 0x8C][..]).unwrap_or(w))
            .filter(|w| !w.is_empty())
        };
        let mut k = Key::new();
        let mut mask = 0u32;
        for (i, piece) in pieces().enumerate() {
            if i > 0 {
                let letters = k.chars();
                let prev = k.as_bytes();
                let last = std::str::from_utf8(&prev[prev.len().saturating_sub(2)..])
                    .map_or(' ', last_char);
                if joins(last) && (1..=16).contains(&letters) {
                    mask |= 1 << (letters - 1);
                }
            }
            k.push(piece);
        }
        let e = self.lex.lookup(k.as_bytes()).filter(|_| k.ok)?;
        if mask.count_ones() < 2
            || e.plain_q != 0
            || e.zw_q < 2
            || e.zw_pos & pos::V != 0
            || e.zw_mask != mask
        {
            return None;
        }
        // a participle or infinitive ends a compound verb, written spaced too (پیش‌بینی شده),
        // unless it is an adjective, as in a compound of two parts (see `decide_gap`): the
        // ezafe mark or را, a preposition or a content noun after it, or a noun with the
        // ezafe before the compound (مواد پیش‌بینی‌شده در)
        let participle = pieces().skip(1).any(|piece| {
            (piece.ends_with("ه".as_bytes()) || piece.ends_with("ن".as_bytes()))
                && self
                    .lex
                    .lookup(piece)
                    .is_some_and(|r| r.plain_pos & pos::V != 0)
        });
        let adjective = || {
            after
                .map_or(Some(n_rest), |w| rest_after(input, w))
                .is_some_and(|rest| rest.starts_with('\u{654}') || self.phrase_closes(rest))
                || self.ezafe_before(&input[..u.start])
        };
        (!participle || adjective()).then_some(e.zw_q)
    }

    /// Whether the word before `before`'s final space carries the ezafe: the mark on a silent
    /// ه (نقشهٔ) or the plural های, which a modifier or complement always follows (بحث‌های،
    /// تیم‌های): the words after it are inside its noun phrase. (Not when «Xه» is a word in
    /// use, listed with a real frequency: the word may be «Xه‌ای», whose ای is no ezafe:
    /// ماهواره‌ای، دسته‌ای; a key listed only with frequency 0, such as کتابه or تیمه, is no
    /// such reading.)
    fn ezafe_before(&self, before: &str) -> bool {
        before.strip_suffix(' ').is_some_and(|w| {
            w.ends_with('\u{654}')
                || w.strip_suffix("های").is_some_and(|stem| {
                    // the stem, however the plural is attached (ZWNJ, space, or joined: the
                    // same answer before and after this pass writes it, for idempotence)
                    let stem = stem
                        .strip_suffix(ZWNJ)
                        .or_else(|| stem.strip_suffix(' '))
                        .unwrap_or(stem);
                    let word = &stem[stem.rfind(' ').map_or(0, |i| i + 1)..];
                    let mut k = Key::new();
                    k.push(word.as_bytes());
                    let letters = k.chars();
                    k.push("ه".as_bytes());
                    letters >= 2
                        && word.chars().all(|c| is_letter(c) || c == ZWNJ)
                        && k.ok
                        && !self.lex.lookup(k.as_bytes()).is_some_and(|e| e.reliable())
                })
        })
    }

    /// Whether the text after a participle (`rest`, from the character after it) closes the
    /// participle's noun phrase: a space, then را, a preposition or a content noun (both the
    /// compounds of two parts and of three read it so).
    fn phrase_closes(&self, rest: &str) -> bool {
        rest.strip_prefix(' ')
            .is_some_and(|a| closes_noun_phrase(a) || self.noun_follows(a))
    }

    /// Whether the text `after` (after a participle and its space) starts with a word the
    /// lexicon lists with a real frequency as a noun and never as a verb, adverb (امروز),
    /// function word or numeral: a finite verb ends its clause, and a new clause does not
    /// start with a bare noun without a comma or conjunction, so the participle before it is
    /// an adjective that ends a noun phrase (بر اساس آخرین آمار استخراج‌شده ضریب نفوذ …).
    fn noun_follows(&self, after: &str) -> bool {
        // With run-together words split, the word after may be cut at a space by this very
        // pass (استپخوا → استپ خوا), and the next pass would read another word there: the
        // decision would not be idempotent.
        if self.split_run_together {
            return false;
        }
        let len = after
            .char_indices()
            .find(|&(_, c)| !affixes::is_letter(c))
            .map_or(after.len(), |(i, _)| i);
        if len == 0 || after[len..].starts_with(ZWNJ) {
            return false;
        }
        const F: u16 = pos::P | pos::CONJ | pos::PRO | pos::DET | pos::V | pos::NUM | pos::ADV;
        self.lex
            .lookup(&after.as_bytes()[..len])
            .is_some_and(|e| e.plain_reliable() && e.plain_pos & pos::N != 0 && e.pos() & F == 0)
    }

    /// Whether the compound head `head` is also a frequent adjective in ی of a listed noun
    /// (درمانی = درمان + ی), which follows any noun as a relational adjective.
    fn free_head(&self, head: &[u8]) -> bool {
        head.len() >= 8
            && head.ends_with("ی".as_bytes())
            && self
                .lex
                .lookup(head)
                .is_some_and(|e| e.plain_q >= FREE_HEAD_Q && e.plain_pos & pos::AJ != 0)
            && self
                .lex
                .lookup(&head[..head.len() - "ی".len()])
                .is_some_and(|b| b.plain_reliable() && b.plain_pos & pos::N != 0)
    }

    /// Whether a ZWNJ compound `left`‌`right` listed with frequency 0 (entry `e`) is joined
    /// across a space all the same: shekar's compound list has it too, no joined spelling is
    /// listed, the left part is no numeral or function word (سه رقمی، پنج نفره: a numeral
    /// phrase is written spaced too), and the right part is not the plural in ان of a noun
    /// (هیئت داوران: a plural complement makes an ezafe phrase).
    fn rare_compound(&self, e: &Entry, left: &[u8], right: &[u8]) -> bool {
        const F: u16 = pos::NUM | pos::P | pos::CONJ | pos::PRO | pos::DET;
        e.confirmed
            && e.plain_q == 0
            && self.lex.lookup(left).is_none_or(|l| l.pos() & F == 0)
            && !right.strip_suffix("ان".as_bytes()).is_some_and(|b| {
                self.lex
                    .lookup(b)
                    .is_some_and(|x| x.plain_reliable() && x.plain_pos & pos::N != 0)
            })
    }

    /// A word the lexicon lists joined (in use, with no ZWNJ form) that a space breaks after a
    /// word of its own ending in a joining letter, where the part after the space is no word
    /// at all (هلی کوپتر: «کوپتر» is not listed): the space cannot be a word boundary, and
    /// the writer parted the word after a word of its own, as a compound is parted; so it
    /// stands for the ZWNJ of a compound typed as a space, which the repair keeps as a ZWNJ
    /// (loanwords such as هلی‌کوپتر are written with one as often as joined). Not after a
    /// function word, which may stand before an unknown name (این ترنت), nor after a part
    /// that is no word (a stray space: کامپ یوتر is left alone). `right`: the next word, one
    /// piece, with no filter flags. The lexicon's filter of such splits
    /// ([`lexicon::broken_splits`]) lets `maybe_gap` pass over nearly every other pair.
    fn broken_word(&self, left: &[u8], right: &[u8], single: bool, notes: bool) -> Option<String> {
        const F: u16 = pos::P | pos::CONJ | pos::PRO | pos::DET;
        if !single
            || right.len() < BROKEN_RIGHT_MIN
            || left.len() < BROKEN_LEFT_MIN
            || !joins(last_letter(left))
        {
            return None;
        }
        let mut k = Key::new();
        k.push(left);
        k.push(right);
        let e = self.lex.lookup(k.as_bytes()).filter(|_| k.ok)?;
        if !lexicon::broken_candidate(k.as_bytes(), &e) || self.lex.lookup(right).is_some() {
            return None;
        }
        let l = self.lex.lookup(left)?;
        if !l.plain_reliable() || l.pos() & F != 0 {
            return None;
        }
        Some(note!(
            notes,
            "lexicon: a listed word broken by a space, q={}",
            e.plain_q
        ))
    }

    /// A verb after a separated prefix the lexicon cannot see: a preverb with می/نمی
    /// («برمی دارد», when «می‌دارد» is a verb form) or an unknown verb-like word after می/نمی
    /// («می خیساند»), and the privative بی before a content word (`left_whole`: the unit is
    /// the piece `left` alone, not the end of a word with a ZWNJ).
    fn verb_after_prefix(
        &self,
        left: &[u8],
        left_whole: bool,
        right: &[u8],
        notes: bool,
    ) -> Option<String> {
        if !prefix_like(left) {
            return None;
        }
        let left = std::str::from_utf8(left).ok()?;
        let right_str = std::str::from_utf8(right).ok()?;
        if let Some(pv) = preverb_mi(left) {
            let mut k = Key::new();
            k.push(&left.as_bytes()[pv..]);
            let junction = k.chars();
            k.push(right);
            let e = self.lex.lookup(k.as_bytes())?;
            if e.zw_pos & pos::V != 0 && e.zw_mask & (1 << (junction - 1)) != 0 {
                return Some(note!(
                    notes,
                    "verb: {left} + {right_str} (preverb, verb form listed)"
                ));
            }
            return None;
        }
        let not_function = |w: &[u8]| {
            self.lex.lookup(w).is_none_or(|e| {
                e.pos() & (pos::PRO | pos::DET | pos::P | pos::CONJ | pos::NUM) == 0
            })
        };
        // the word without a plural suffix counts too: «بی در ها» joins «درها» in the same
        // pass, and a second pass must not then read «بی درها» as the prefix
        let stem = ["هایی", "های", "ها"]
            .iter()
            .find_map(|suf| right_str.strip_suffix(suf))
            .filter(|s| !s.is_empty())
            .map(str::as_bytes);
        if left == "بی"
            && left_whole
            && right_str != "بی"
            && right.len() >= 4
            && not_function(right)
            && stem.is_none_or(not_function)
        {
            // «بی» stands alone almost never: before a word that is not a function word it is
            // the privative prefix (بی تعادلی → بی‌تعادلی); not when it ends a word with a ZWNJ
            // (بی‌بی پارک: the prefix starts a word)
            return Some(note!(notes, "prefix: بی + {right_str}"));
        }
        // a separated می/نمی before a word the lexicon does not know as a word of its own
        // (unlisted, or listed only with frequency 0) that ends like a finite verb; after
        // می/نمی the first person singular in م counts too (می آرامانم: a causative stem
        // the verb list lacks), which a noun would take only as a possessive
        if is_verb_prefix(left)
            && verb_like(right_str)
            && (PERSON_ENDINGS.iter().any(|e| right_str.ends_with(e))
                || right_str.ends_with('د')
                || right_str.ends_with('م'))
            && !ends_with_noun_suffix(right)
            && !self.lex.lookup(right).is_some_and(|e| e.reliable())
        {
            return Some(note!(notes, "verb: {left} + unknown verb-like {right_str}"));
        }
        None
    }
}

/// How far back (bytes) [`correlative_ham`] looks for the first هم.
const CORRELATIVE_WINDOW: usize = 256;

/// Whether the word هم that follows `before` is the second half of the correlative «هم … و
/// هم …» («both … and …»): `before` ends with a و of its own and a space, and another هم
/// stands alone earlier in the same sentence, within [`CORRELATIVE_WINDOW`] bytes. The هم
/// after و is then the conjunction, not the prefix of a compound (هم در کم کردن فاصله مؤثر
/// است و هم مرز نیروها را شفاف می‌کند), which no ZWNJ joins to the next word.
fn correlative_ham(before: &str) -> bool {
    let Some(mut rest) = before.strip_suffix("و ") else {
        return false;
    };
    if rest.chars().next_back().is_some_and(|c| !c.is_whitespace()) {
        return false;
    }
    // Only the last clause or two: a look back to the start of a long sentence at every
    // «و هم» would make the pass quadratic. (A word the window cuts is left out.)
    if rest.len() > CORRELATIVE_WINDOW {
        let mut from = rest.len() - CORRELATIVE_WINDOW;
        while !rest.is_char_boundary(from) {
            from += 1;
        }
        let (before, window) = rest.split_at(from);
        rest = if before.ends_with(char::is_whitespace) {
            window
        } else {
            window
                .split_once(char::is_whitespace)
                .map_or("", |(_, r)| r)
        };
    }
    let sentence = rest
        .rfind(['.', '!', '?', '؟', ';', '؛', '\n'])
        .map_or(rest, |i| &rest[i + 1..]);
    sentence
        .split(|c: char| c.is_whitespace() || matches!(c, '،' | ',' | ':' | '«' | '»' | '(' | ')'))
        .any(|w| w == "هم")
}

/// Whether the text after a participle (after its space) starts with را or a preposition
/// that cannot follow a verb at the end of its clause: the participle closes a noun phrase.
fn closes_noun_phrase(after: &str) -> bool {
    const NEXT: [&str; 6] = ["را", "از", "در", "به", "برای", "با"];
    NEXT.iter().any(|w| {
        after.strip_prefix(w).is_some_and(|rest| {
            rest.chars()
                .next()
                .is_none_or(|c| !(affixes::is_letter(c) || c == ZWNJ))
        })
    })
}

/// Frequency class from which a compound head that is an adjective in ی is a frequent word
/// of its own (see `Inner::free_head`): درمانی (41), not سازی (17) or فروشی (16), which hazm
/// tags as adjectives a few times.
const FREE_HEAD_Q: u8 = 40;

/// Endings a compound's right part may carry written attached after a non-joining letter
/// (see [`Inner::inflected_right`]).
const AFTER_NONJOINING: [&str; 4] = ["هایی", "های", "ها", "ترین"];
/// Endings a compound's right part may carry after any letter.
const ANY: [&str; 3] = ["انی", "یان", "ان"];
/// The ی of an abstract noun, a relational adjective or the indefinite article, which a
/// compound's right part may carry after any letter but ه، ا، و (روان پزشکی → روان‌پزشکی,
/// نخست وزیری، کوله باری، قلعه بانی): read off a word only when the lexicon does not list it
/// with a real frequency (the filters' flags `f`), since a frequent word in ی is a word of its
/// own, such as a relational adjective, that follows any noun (حکومت نظامی, مراکز درمانی), and
/// only from five letters on (a stem of four: shorter words in ی are many, and each one that
/// passes costs the word scan a gap decision).
const Y: &str = "ی";

/// Whether a word with filter flags `f` may end in [`Y`] read as an ending.
#[inline]
fn y_ending(w: &[u8], f: u8) -> bool {
    w.len() >= 10 && f & flag::RELIABLE == 0 && affixes::ends_with_short(w, Y.as_bytes())
}

/// Whether the word `w` (filter flags `f`) ends with one of the endings
/// [`Inner::inflected_right`] reads off a compound's right part, after a stem the filters know
/// as a right part (the word scan asks this, once per word thanks to its memo, before it
/// passes a word over).
pub(super) fn may_carry_compound_ending(w: &[u8], f: u8) -> bool {
    if !ends_like_compound_ending(w, f) {
        return false;
    }
    let lex = Lexicon::get();
    let y = y_ending(w, f).then_some(Y);
    AFTER_NONJOINING
        .iter()
        .chain(ANY.iter())
        .chain(y.iter())
        .filter_map(|suf| strip_ending(w, suf))
        .any(|stem| lex.key_flags(filter::hash(stem)) & flag::RIGHT != 0)
}

/// The text of `input` after `part`, which lies in it (`None` when it lies elsewhere, as a
/// key built in a buffer does).
fn rest_after<'i>(input: &'i str, part: &[u8]) -> Option<&'i str> {
    (part.as_ptr() as usize + part.len())
        .checked_sub(input.as_ptr() as usize)
        .and_then(|off| input.get(off..))
}

/// `w` without the ending `suf`, if it ends so (no library call: see `affixes::short_eq`).
#[inline]
fn strip_ending<'w>(w: &'w [u8], suf: &str) -> Option<&'w [u8]> {
    affixes::ends_with_short(w, suf.as_bytes()).then(|| &w[..w.len() - suf.len()])
}

/// [`may_carry_compound_ending`] on the bytes and flags alone.
#[inline]
fn ends_like_compound_ending(w: &[u8], f: u8) -> bool {
    w.len() >= 8
        && (AFTER_NONJOINING
            .iter()
            .chain(ANY.iter())
            .any(|suf| affixes::ends_with_short(w, suf.as_bytes()))
            || y_ending(w, f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correlative_ham_looks_back_within_its_window() {
        assert!(correlative_ham("هم در کار مؤثر است و "));
        assert!(!correlative_ham("او آمد و "));
        assert!(!correlative_ham("هم آمد. او رفت و "));
        // (the و must be a word of its own)
        assert!(!correlative_ham("هم در کار مؤثر است تو "));
        let filler = "کتاب ".repeat(CORRELATIVE_WINDOW / "کتاب ".len() + 2);
        assert!(!correlative_ham(&format!("هم {filler}و ")));
        // a word cut by the window is no هم of its own: «مهم» cut after its م
        let cut = format!("مهم {} و ", "ب".repeat((CORRELATIVE_WINDOW - 6) / 2));
        assert_eq!(cut.len() - "و ".len(), CORRELATIVE_WINDOW + "م".len());
        assert!(!correlative_ham(&cut));
        assert!(correlative_ham(&cut.replacen("مهم", "هم", 1)));
        // a whole word where the window starts is read
        let whole = format!("x هم {} و ", "ب".repeat((CORRELATIVE_WINDOW - 6) / 2));
        assert_eq!(whole.len() - "و ".len(), CORRELATIVE_WINDOW + "x ".len());
        assert!(correlative_ham(&whole));
        assert!(!correlative_ham(&whole.replacen("x ", "xx", 1)));
    }
}
