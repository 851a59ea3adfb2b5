//! Spacing and ZWNJ repair: a lexicon-driven pass over text already cleaned at character level.
//!
//! The engine decides, for each space between two Persian words, whether it stays, becomes a
//! ZWNJ, or disappears (after a non-joining letter ا د ذ ر ز ژ و the parts are written together),
//! and for each word without a ZWNJ whether it is a joined form to split (stem + ZWNJ + suffix,
//! prefix + ZWNJ + verb, lexicon compound) or two words run together. Its evidence is the
//! built-in lexicon ([`lexicon`], hazm's word list plus generated verb forms), the affix grammar
//! ([`affixes`]) and the user lexicon ([`user`]), which overrides both.
//!
//! What it can decide: plural ها/های/هایی…, clitics ای/ام/ات/اش/ایم/اید/اند after silent ه,
//! مان/تان/شان after ه, comparative تر/ترین/تری after adjectives, می‌/نمی‌ before verb forms
//! from the stem list, compounds the lexicon lists with a ZWNJ, and (optionally) unknown tokens
//! that are two frequent words run together. What it cannot: it sees one line, no syntax, so
//! homographs are decided by the lexicon alone («میدانی» is taken as the verb when only the
//! verb is listed with a frequency); verbs missing from the stem list and unlisted compounds
//! stay as they are; unknown names and foreign words are never split into affixes. It never
//! removes a ZWNJ that was there, and it only touches gaps between Arabic-script letters.

pub mod affixes;
pub mod filter;
pub mod lexicon;
pub mod user;

use std::fmt::Write as _;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::edit::{Changes, Rewriter};
use crate::rules::Rule;
use affixes::{
    host_accepts, is_letter, is_prefix, is_verb_prefix, joins, preverb_mi, verb_like, SuffixKind,
    ZWNJ, ZWNJ_STR,
};
use filter::flag;
use lexicon::{pos, Entry, Lexicon};
use user::UserLexicon;

/// Options of the spacing step. Every field has a default (the recommended setting), and
/// unknown fields are rejected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SpacingOptions {
    /// Join a word and a suffix, prefix or compound part that a space separates
    /// («کتاب ها» → «کتاب‌ها», «می روم» → «می‌روم»). Default true.
    pub join_separated: bool,
    /// Split a word whose ZWNJ was lost («کتابها» → «کتاب‌ها», «میروم» → «می‌روم»).
    /// Default true.
    pub split_joined: bool,
    /// Insert a space into an unknown token that is two frequent words run together
    /// («خارجیگروه» → «خارجی گروه»). Default false: it touches names and foreign words.
    pub split_run_together: bool,
    /// Words to add, written as they should be (with ZWNJ where wanted): their spelling wins
    /// over the built-in lexicon, for joined and separated input alike.
    pub user_words: Vec<String>,
    /// Pairs never joined, written "left right" (or with a ZWNJ): the pieces on both sides of
    /// a space that must stay a space (e.g. "چشم تر").
    pub no_join: Vec<String>,
    /// Words never split (e.g. "میدانی").
    pub no_split: Vec<String>,
}

impl Default for SpacingOptions {
    fn default() -> Self {
        SpacingOptions {
            join_separated: true,
            split_joined: true,
            split_run_together: false,
            user_words: Vec::new(),
            no_join: Vec::new(),
            no_split: Vec::new(),
        }
    }
}

/// The spacing engine: immutable, `Send + Sync`, cheap to clone.
#[derive(Clone)]
pub struct SpacingEngine {
    inner: Arc<Inner>,
}

struct Inner {
    join_separated: bool,
    split_joined: bool,
    split_run_together: bool,
    user: UserLexicon,
    lex: &'static Lexicon,
}

/// Minimum frequency class of a ZWNJ compound joined across a space.
const Q_COMPOUND_JOIN: u8 = 2;
/// Minimum frequency class of both words of a run-together split.
const Q_RUN_TOGETHER: u8 = 60;
/// Score bonus of the plural reading of a joined word (ها is far more frequent than ای):
/// «دستهای» is دست‌های rather than دسته‌ای unless دسته is much more frequent.
const PLURAL_BONUS: i32 = 0;
/// Endings written attached to any word (ی of ezafe, indefinite or abstraction; person and
/// possessive endings after a vowel).
const ATTACHED: &[&str] = &["یی", "ی", "یم", "ید", "ند", "م", "ت", "ش", "یش", "یت", "ست"];
/// Longest key handled (bytes); longer tokens are left alone.
const KEY_CAP: usize = 96;

/// A joined key built on the stack (letters only, no ZWNJ or space).
#[derive(Clone, Copy)]
struct Key {
    buf: [u8; KEY_CAP],
    len: usize,
    ok: bool,
}

impl Key {
    fn new() -> Key {
        Key {
            buf: [0; KEY_CAP],
            len: 0,
            ok: true,
        }
    }

    /// Appends the letters of `s` (skipping ZWNJ and spaces).
    #[inline]
    fn push(&mut self, s: &[u8]) {
        let mut i = 0;
        while i < s.len() {
            let b = s[i];
            if b == b' ' {
                i += 1;
                continue;
            }
            if b == 0xE2 && s.get(i + 1) == Some(&0x80) && s.get(i + 2) == Some(&0x8C) {
                i += 3;
                continue;
            }
            if self.len == KEY_CAP {
                self.ok = false;
                return;
            }
            self.buf[self.len] = b;
            self.len += 1;
            i += 1;
        }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    fn chars(&self) -> usize {
        self.len / 2
    }
}

/// Why a change was made (formatted into the note only when it is).
#[derive(Clone, Copy, Debug)]
enum Why {
    /// The lexicon lists the ZWNJ form (frequency class).
    Lexicon(u8),
    /// Stem (frequency class) plus suffix.
    Suffix(u8),
    /// Two words run together (their classes).
    RunTogether(u8, u8),
    /// The user lexicon.
    User,
}

/// One insertion inside a word.
#[derive(Clone, Copy, Debug)]
struct Ins {
    pos: usize,
    space: bool,
    rule: Rule,
    why: Why,
    /// The piece it belongs to (for the note).
    piece: (usize, usize),
}

const MAX_INS: usize = 12;

/// Insertions planned inside one word.
struct Plan {
    ins: [Ins; MAX_INS],
    n: usize,
}

impl Plan {
    fn new() -> Plan {
        Plan {
            ins: [Ins {
                pos: 0,
                space: false,
                rule: Rule::SplitJoined,
                why: Why::User,
                piece: (0, 0),
            }; MAX_INS],
            n: 0,
        }
    }

    fn push(&mut self, i: Ins) {
        if self.n < MAX_INS {
            self.ins[self.n] = i;
            self.n += 1;
        }
    }

    fn iter(&self) -> impl Iterator<Item = &Ins> {
        self.ins[..self.n].iter()
    }
}

/// The unit left of a space: the words joined so far (byte ranges of the input).
#[derive(Clone, Copy)]
struct Unit {
    start: usize,
    /// Start of its last piece (after a ZWNJ, a joined space or a planned insertion).
    last_piece: usize,
    end: usize,
    /// Hash of the last piece and its filter flags.
    last_hash: u64,
    last_flags: u8,
    last_char: char,
}

/// The word right of a space, as the gap decision sees it.
#[derive(Clone, Copy)]
struct Next<'a> {
    text: &'a str,
    /// Its first piece (up to a ZWNJ or a planned insertion), with hash and filter flags.
    first: &'a [u8],
    first_h: u64,
    first_f: u8,
    /// One piece, nothing planned inside.
    single: bool,
}

#[inline]
fn last_char(s: &str) -> char {
    s.chars().next_back().unwrap_or(' ')
}

/// Characters next to which a word is part of something else (URL, handle, code, number).
#[inline]
fn sticky(c: char) -> bool {
    if matches!(c as u32, 0x064B..=0x065F | 0x0670) {
        return false; // a mark on the last letter (خانهٔ)
    }
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '_' | '@' | '#' | '/' | '\\' | '=' | '&' | '%' | '+' | '~' | '*' | '<' | '>' | '|'
        )
        || c.is_numeric()
        || (c.is_alphabetic() && !is_letter(c))
}

/// Whether the text before a word glues it to something (a dot or hyphen counts only when
/// glued to a letter or digit itself, as in a domain name).
#[inline]
fn sticky_before(before: &str) -> bool {
    if before.ends_with(' ') || before.is_empty() {
        return false;
    }
    let mut it = before.chars().rev();
    match it.next() {
        Some('.' | '-') => it.next().is_some_and(|c| c.is_alphanumeric()),
        Some(c) => sticky(c),
        None => false,
    }
}

/// Whether the text after a word glues it to something (see [`sticky_before`]).
#[inline]
fn sticky_after(after: &str) -> bool {
    if after.starts_with(' ') || after.is_empty() {
        return false;
    }
    let mut it = after.chars();
    match it.next() {
        Some('.' | '-') => it.next().is_some_and(|c| c.is_alphanumeric()),
        Some(c) => sticky(c),
        None => false,
    }
}

fn lexicon_form(key: &[u8], mask: u32, out: &mut String) {
    let s = std::str::from_utf8(key).unwrap_or("");
    for (i, c) in s.chars().enumerate() {
        out.push(c);
        if i < 24 && mask & (1 << i) != 0 {
            out.push(ZWNJ);
        }
    }
}

impl SpacingEngine {
    /// Builds an engine (loading the built-in lexicon on first use). The error names the bad
    /// option.
    pub fn new(opts: &SpacingOptions) -> Result<SpacingEngine, String> {
        let user = UserLexicon::new(&opts.user_words, &opts.no_join, &opts.no_split)?;
        Ok(SpacingEngine {
            inner: Arc::new(Inner {
                join_separated: opts.join_separated,
                split_joined: opts.split_joined,
                split_run_together: opts.split_run_together,
                user,
                lex: Lexicon::get(),
            }),
        })
    }

    /// Repairs spaces and ZWNJs. `None` when nothing changed; otherwise the new text and its
    /// changes (with rule and evidence for `explain`).
    pub fn repair(&self, input: &str) -> Option<(String, Changes)> {
        let b = input.as_bytes();
        // Arabic-script letters are 2-byte sequences led by 0xD8..=0xDB
        if !b.iter().any(|&x| (0xD8..=0xDB).contains(&x)) {
            return None;
        }
        let me = &*self.inner;
        if !me.join_separated && !me.split_joined && !me.split_run_together {
            return None;
        }
        let mut rw = Rewriter::new(input);
        let mut unit: Option<Unit> = None;
        let mut prev_end = usize::MAX; // end of the previous word that can take part in a gap
        let n = b.len();
        let mut i = 0;
        let mut zws = [0usize; MAX_ZW];
        let mut plan = Plan::new();
        while i < n {
            let b0 = b[i];
            if b0 < 0x80 {
                i += 1;
                continue;
            }
            if !letter_at(b, i) {
                i += utf8_len(b0);
                continue;
            }
            // a word: letters, with single ZWNJs between letters
            let ws = i;
            let mut nz = 0;
            let mut ok = true;
            loop {
                if letter_at(b, i) {
                    i += 2;
                } else if b[i..].starts_with(ZWNJ_STR.as_bytes()) && letter_at(b, i + 3) {
                    if nz == MAX_ZW {
                        ok = false;
                    } else {
                        zws[nz] = i;
                        nz += 1;
                    }
                    i += 3;
                } else {
                    break;
                }
            }
            let we = i;
            if !ok || sticky_before(&input[..ws]) || sticky_after(&input[we..]) {
                unit = None;
                prev_end = usize::MAX;
                continue;
            }
            let gap = prev_end != usize::MAX && prev_end + 1 == ws && b[prev_end] == b' ';
            if !gap {
                unit = None;
            }
            me.word(&mut rw, ws, we, &zws[..nz], &mut unit, &mut plan);
            prev_end = we;
        }
        rw.finish()
    }
}

/// Most ZWNJs in one word that the engine handles (longer chains are left alone).
const MAX_ZW: usize = 6;

/// Whether an Arabic-script letter starts at byte `i`.
#[inline]
fn letter_at(b: &[u8], i: usize) -> bool {
    if i + 1 >= b.len() {
        return false;
    }
    let b0 = b[i].wrapping_sub(0xD8);
    if b0 > 3 {
        return false;
    }
    // code point - 0x600, as an index into a 256-bit table of letters
    let idx = ((b0 as usize) << 6) | (b[i + 1] & 0x3F) as usize;
    LETTERS[idx >> 6] >> (idx & 63) & 1 != 0
}

/// Which code points U+0600..U+06FF are letters (see [`is_letter`]), as a bit table.
const LETTERS: [u64; 4] = {
    let mut t = [0u64; 4];
    let mut cp = 0x600u32;
    while cp < 0x700 {
        if matches!(cp, 0x0621..=0x063A | 0x0641..=0x064A | 0x0671..=0x06D3 | 0x06D5) {
            let i = (cp - 0x600) as usize;
            t[i >> 6] |= 1 << (i & 63);
        }
        cp += 1;
    }
    t
};

#[inline]
fn utf8_len(b0: u8) -> usize {
    match b0 {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

impl Inner {
    /// Handles one word `input[ws..we]` (ZWNJs at `zws`): the space before it (if `unit` is
    /// the word before), then its own pieces.
    fn word(
        &self,
        rw: &mut Rewriter<'_>,
        ws: usize,
        we: usize,
        zws: &[usize],
        unit: &mut Option<Unit>,
        plan: &mut Plan,
    ) {
        let input = rw.input();
        let b = input.as_bytes();
        if zws.is_empty() && self.user.is_empty() {
            // fast path: a one-piece word that no decision can touch only becomes the unit
            let p = &b[ws..we];
            let h = filter::hash(p);
            let f = self.lex.key_flags(h);
            let maybe_split = (self.split_joined || self.split_run_together)
                && p.len() >= 6
                && (f & flag::ZWNJ != 0
                    || ends_with_suffix(p)
                    || starts_like_verb(p)
                    || self.split_run_together && p.len() >= 10);
            let maybe_gap = self.join_separated
                && unit.as_ref().is_some_and(|u| {
                    u.last_flags & flag::LEFT != 0
                        && f & flag::RIGHT != 0
                        && self.lex.may_join(u.last_hash, h)
                        || p.len() <= 14 && is_suffix_bytes(p)
                        || prefix_like(&b[u.last_piece..u.end])
                });
            if !maybe_split && !maybe_gap {
                *unit = Some(Unit {
                    start: ws,
                    last_piece: ws,
                    end: we,
                    last_hash: h,
                    last_flags: f,
                    last_char: last_char(&input[ws..we]),
                });
                return;
            }
        }
        // plan the splits of each ZWNJ-free piece
        plan.n = 0;
        let mut first_end = we;
        let mut last_start = ws;
        let mut ps = ws;
        let (mut first_h, mut first_f) = (0, 0);
        let (mut last_h, mut last_f) = (0, 0);
        for k in 0..=zws.len() {
            let pe = if k < zws.len() { zws[k] } else { we };
            let h = filter::hash(&b[ps..pe]);
            let f = self.lex.key_flags(h);
            let before = plan.n;
            // right after a separated می/نمی the first piece is a verb stem (نمی میرند)
            let stem = k == 0
                && self.join_separated
                && unit
                    .as_ref()
                    .is_some_and(|u| is_verb_prefix(&input[u.last_piece..u.end]));
            self.split_piece(input, ps, pe, f, unit.as_ref(), stem, plan);
            let split = plan.n > before;
            if k == 0 {
                first_end = if split { plan.ins[0].pos } else { pe };
                (first_h, first_f) = if split {
                    let h = filter::hash(&b[ws..first_end]);
                    (h, self.lex.key_flags(h))
                } else {
                    (h, f)
                };
            }
            if split {
                last_start = plan.ins[plan.n - 1].pos;
                last_h = filter::hash(&b[last_start..pe]);
                last_f = self.lex.key_flags(last_h);
            } else {
                last_start = ps;
                (last_h, last_f) = (h, f);
            }
            ps = pe + 3;
        }
        let n_first = &b[ws..first_end];
        let n_single = zws.is_empty() && plan.n == 0;

        // the space before the word
        let mut joined = false;
        let mut glued = false; // joined with nothing: the piece before runs on
        if let Some(u) = unit.as_ref() {
            if self.join_separated {
                let text = &input[ws..we];
                let next = Next {
                    text,
                    first: n_first,
                    first_h,
                    first_f,
                    single: n_single,
                };
                if let Some((rep, rule, note)) = self.decide_gap(input, u, &next) {
                    rw.replace_noted(ws - 1, ws, rep, rule.into(), Some(note));
                    joined = true;
                    glued = rep.is_empty();
                }
            }
        }
        for ins in plan.iter() {
            let rep = if ins.space { " " } else { ZWNJ_STR };
            let note = self.note_for(input, ins);
            rw.replace_noted(ins.pos, ins.pos, rep, ins.rule.into(), Some(note));
        }
        // the unit that the next word sees
        let last_space = plan.iter().filter(|x| x.space).map(|x| x.pos).last();
        let last_char = last_char(&input[ws..we]);
        match (joined, unit.as_mut(), last_space) {
            (true, Some(u), None) => {
                if glued && last_start == ws {
                    // the unit's last piece and this word are now one piece, as a second pass
                    // will see it
                    let mut k = Key::new();
                    k.push(&b[u.last_piece..we]);
                    u.last_hash = filter::hash(k.as_bytes());
                    u.last_flags = self.lex.key_flags(u.last_hash);
                } else {
                    u.last_piece = last_start;
                    u.last_hash = last_h;
                    u.last_flags = last_f;
                }
                u.end = we;
                u.last_char = last_char;
            }
            _ => {
                let start = last_space.unwrap_or(ws);
                *unit = Some(Unit {
                    start,
                    last_piece: last_start.max(start),
                    end: we,
                    last_hash: last_h,
                    last_flags: last_f,
                    last_char,
                });
            }
        }
    }

    fn note_for(&self, input: &str, ins: &Ins) -> String {
        let piece = &input[ins.piece.0..ins.piece.1];
        let mut s = String::new();
        match ins.why {
            Why::Lexicon(q) => {
                let _ = write!(s, "lexicon: {piece} has a ZWNJ form, q={q}");
            }
            Why::Suffix(q) => {
                let _ = write!(s, "affix: {piece} = stem (q={q}) + suffix");
            }
            Why::RunTogether(a, b) => {
                let _ = write!(s, "run-together: {piece} = two words (q={a}, {b})");
            }
            Why::User => {
                let _ = write!(s, "user lexicon: {piece}");
            }
        }
        s
    }

    /// Decides the space between the unit and the next word `n` (its first piece and that
    /// piece's hash; `n_single`: one piece, nothing planned inside).
    fn decide_gap(
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
        } = *next;
        let b = input.as_bytes();
        let lc = u.last_char;
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
                let mut note = String::from("user lexicon: ");
                lexicon_form(pair.as_bytes(), m, &mut note);
                return Some((rep, Rule::UserLexicon, note));
            }
        }
        // a bound suffix written as a word
        if n_single && n.len() <= 14 {
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
                    w.ok && self.rereads_joined(w.as_bytes())
                };
                // a function word (و، از، که) hosts no suffix; many nouns carry a P or CONJ tag
                // too (روش، موقع), so only words without a noun or adjective reading count
                let function = host.pos() & (pos::P | pos::CONJ) != 0
                    && host.pos() & (pos::N | pos::AJ) == 0
                    || u_last.len() < 4;
                if key.ok && stable && !function && host_accepts(kind, lc, &host, true) {
                    let note = format!("affix: {kind:?} {n} after a host with q={}", host.q());
                    let rule = match kind {
                        SuffixKind::Head | SuffixKind::HeadSeparated => Rule::CompoundJoin,
                        _ => Rule::SuffixJoin,
                    };
                    return Some((sep, rule, note));
                }
            }
        }
        let u_last_str = std::str::from_utf8(u_last).unwrap_or("");
        if let Some(note) = self.verb_after_prefix(u_last_str, n_first) {
            return Some((ZWNJ_STR, Rule::PrefixJoin, note));
        }
        // verb prefix or compound that the lexicon lists with a ZWNJ at the junction
        if u.last_flags & flag::LEFT == 0
            || n_first_f & flag::RIGHT == 0
            || !self.lex.may_join(u.last_hash, n_first_h)
        {
            return None;
        }
        let mut pair = Key::new();
        pair.push(u_last);
        let junction = pair.chars();
        pair.push(n_first);
        if !pair.ok || !(1..=24).contains(&junction) {
            return None;
        }
        let e = self.lex.lookup(pair.as_bytes())?;
        if !e.has_zw() || e.zw_mask & (1 << (junction - 1)) == 0 {
            return None;
        }
        let verb = e.zw_pos & pos::V != 0;
        let prefix = is_verb_prefix(u_last_str) || is_prefix(u_last_str);
        if !verb && !prefix && self.lex.stays_spaced(u_last, n_first) {
            return None; // «این که», «انجام شده», «محیط زیست»: spaced is standard too
        }
        if !(verb || e.zw_q >= Q_COMPOUND_JOIN) {
            return None;
        }
        let rule = if prefix {
            Rule::PrefixJoin
        } else {
            Rule::CompoundJoin
        };
        let mut note = String::from("lexicon: ");
        lexicon_form(pair.as_bytes(), e.zw_mask, &mut note);
        let _ = write!(note, " q={}{}", e.zw_q, if verb { " verb" } else { "" });
        Some((ZWNJ_STR, rule, note))
    }

    /// Whether a joined word would be left as it is by [`Inner::split_piece`].
    fn rereads_joined(&self, p: &[u8]) -> bool {
        let mut plan = Plan::new();
        let f = self.lex.key_flags(filter::hash(p));
        let s = std::str::from_utf8(p).unwrap_or("");
        self.split_piece(s, 0, p.len(), f, None, false, &mut plan);
        plan.n == 0
    }

    /// A verb after a separated prefix the lexicon cannot see: a preverb with می/نمی
    /// («برمی دارد», when «می‌دارد» is a verb form) or an unknown verb-like word after می/نمی
    /// («می خیساند»).
    fn verb_after_prefix(&self, left: &str, right: &[u8]) -> Option<String> {
        if !(left.ends_with("می") || left == "بی") {
            return None;
        }
        let right_str = std::str::from_utf8(right).ok()?;
        if let Some(pv) = preverb_mi(left) {
            let mut k = Key::new();
            k.push(&left.as_bytes()[pv..]);
            let junction = k.chars();
            k.push(right);
            let e = self.lex.lookup(k.as_bytes())?;
            if e.zw_pos & pos::V != 0 && e.zw_mask & (1 << (junction - 1)) != 0 {
                return Some(format!(
                    "verb: {left} + {right_str} (preverb, verb form listed)"
                ));
            }
            return None;
        }
        if left == "بی"
            && right_str != "بی"
            && right.len() >= 4
            && self
                .lex
                .lookup(right)
                .is_none_or(|e| e.pos() & (pos::PRO | pos::DET | pos::P | pos::CONJ) == 0)
        {
            // «بی» stands alone almost never: before a word that is not a function word it is
            // the privative prefix (بی تعادلی → بی‌تعادلی)
            return Some(format!("prefix: بی + {right_str}"));
        }
        if is_verb_prefix(left)
            && verb_like(right_str)
            && PERSON_ENDINGS.iter().any(|e| right_str.ends_with(e))
            && !ends_with_noun_suffix(right)
            && !self.lex.listed(right)
        {
            return Some(format!("verb: {left} + unknown verb-like {right_str}"));
        }
        None
    }

    /// Plans the splits of one ZWNJ-free piece `input[ps..pe]`.
    #[allow(clippy::too_many_arguments)]
    fn split_piece(
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
        let after_zwnj = stem || ps > 0 && input.as_bytes()[ps - 1] == 0x8C;
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
        let p = &input.as_bytes()[ps..pe];
        if p.len() < 6 || p.len() > KEY_CAP {
            return; // fewer than 3 letters: nothing to split
        }
        if after_zwnj && p.len() <= 14 && is_suffix_bytes(p) {
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
        if f & flag::ZWNJ == 0 {
            // no ZWNJ form listed: only an affix-shaped word needs the exact lookup (the
            // RELIABLE filter flag is not trusted here: a false positive would hide a split)
            if !(ends_with_suffix(p)
                || starts_like_verb(p)
                || self.split_run_together && p.len() >= 10)
            {
                return;
            }
        }
        let e = self.lex.lookup(p).unwrap_or_default();
        // after a ZWNJ a piece starting with می is a verb stem already prefixed (نمی‌میرند),
        // not a new می‌ form
        let mi_stem = after_zwnj && p.starts_with("می".as_bytes());
        let zw_wins = self.split_joined
            && e.zw_wins()
            && !(mi_stem && e.zw_mask & 0b10 != 0)
            && !self.adjective_reading(p, &e, prev, input);
        if zw_wins && (e.zw_q >= 2 || e.zw_pos & pos::V != 0) {
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
            if let Some(at) = self.preverb_verb_split(p) {
                plan.push(Ins {
                    pos: ps + at,
                    space: false,
                    rule: Rule::PrefixJoin,
                    why: Why::Lexicon(2),
                    piece: (ps, pe),
                });
                return;
            }
            if let Some((stem_end, stem_mask, q)) = self.suffix_split(p) {
                if stem_end == 0 {
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
            if zw_wins {
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
            if self.affix_shaped(p) {
                return;
            }
            if let Some(at) = self.unknown_verb_split(p, &e).filter(|_| !mi_stem) {
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
        if self.split_run_together && e.plain_q <= 1 {
            if let Some((at, qa, qb)) = self.run_together(p) {
                plan.push(Ins {
                    pos: ps + at,
                    space: true,
                    rule: Rule::SplitRunTogether,
                    why: Why::RunTogether(qa, qb),
                    piece: (ps, pe),
                });
            }
        }
    }

    /// Whether a joined word that reads as a 2nd-person verb (می‌دانی) but is listed as a word
    /// of its own (میدانی, an adjective) should stay joined: it follows a word of the same
    /// phrase that is not a pronoun (موفقیت‌های میدانی; but تو میدانی).
    fn adjective_reading(&self, p: &[u8], e: &Entry, prev: Option<&Unit>, input: &str) -> bool {
        if e.plain_q == 0 || e.zw_pos & pos::V == 0 || !p.ends_with("ی".as_bytes()) {
            return false;
        }
        let Some(u) = prev else {
            return false;
        };
        let mut k = Key::new();
        k.push(&input.as_bytes()[u.last_piece..u.end]);
        let last = k.as_bytes();
        let pe = self.lex.lookup(last).unwrap_or_default();
        pe.pos() & (pos::PRO | pos::CONJ | pos::P | pos::V) == 0
            && !is_verb_prefix(std::str::from_utf8(last).unwrap_or(""))
    }

    /// A joined preverb + می/نمی + verb («برمیدارد»): the byte offset of the ZWNJ.
    fn preverb_verb_split(&self, p: &[u8]) -> Option<usize> {
        let s = std::str::from_utf8(p).ok()?;
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
    fn unknown_verb_split(&self, p: &[u8], e: &Entry) -> Option<usize> {
        if *e != Entry::default() {
            return None;
        }
        let s = std::str::from_utf8(p).ok()?;
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
        if self.lex.listed(rest.as_bytes()) {
            return None;
        }
        Some(mi.len())
    }

    /// Best stem + suffix analysis of a joined piece: (stem length in bytes, stem ZWNJ mask,
    /// stem frequency class). A stem length of 0 means the best analysis needs no ZWNJ (stem
    /// ending in a non-joining letter, a lexicalized comparative, a pronoun plural).
    fn suffix_split(&self, p: &[u8]) -> Option<(usize, u32, u8)> {
        let s = std::str::from_utf8(p).ok()?;
        let listed_joined = self.lex.lookup(p).is_some_and(|e| e.plain_q >= 1);
        let mut best: Option<(usize, u32, u8, i32)> = None;
        for &(suf, kind) in affixes::affix_candidates(p) {
            if !s.ends_with(suf) || s.len() < suf.len() + 4 {
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
            if kind == SuffixKind::Head && listed_joined {
                continue; // the lexicon lists the compound joined (دستگیری): a spelling in use
            }
            let mut score = e.q() as i32
                + if kind == SuffixKind::Plural {
                    PLURAL_BONUS
                } else {
                    0
                };
            let mut keep = !joins(lc);
            if kind == SuffixKind::Plural && e.pos() & pos::PRO != 0 {
                keep = true; // آنها / آن‌ها: both spellings are in use; leave as written
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
            if best.is_none_or(|b| score > b.3) {
                best = Some((if keep { 0 } else { stem.len() }, mask, e.q(), score));
            }
        }
        // the privative prefix: an unlisted بیX whose X is a frequent word (بی‌نهایت)
        if let Some(rest) = s.strip_prefix("بی") {
            if rest.len() >= 6 && !self.lex.listed(p) {
                if let Some(e) = self
                    .lex
                    .lookup(rest.as_bytes())
                    .filter(|e| e.plain_reliable() && e.pos() & (pos::N | pos::AJ) != 0)
                {
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
                        if best.is_some_and(|b| score >= b.3) {
                            best = Some((0, 0, e.plain_q, score));
                        }
                    }
                }
            }
        }
        best.map(|(l, m, q, _)| (l, m, q))
    }

    /// Whether the piece already reads as stem + suffix written together correctly (stem ends
    /// in a non-joining letter), so it is not run-together text.
    fn affix_shaped(&self, p: &[u8]) -> bool {
        let Ok(s) = std::str::from_utf8(p) else {
            return false;
        };
        affixes::affix_candidates(p).iter().any(|&(suf, _)| {
            s.len() > suf.len() + 2
                && s.ends_with(suf)
                && !joins(last_char(&s[..s.len() - suf.len()]))
                && self
                    .lex
                    .lookup(&p[..s.len() - suf.len()])
                    .is_some_and(|e| e.reliable())
        })
    }

    /// Split of an unknown piece into two frequent words: (byte offset, classes).
    fn run_together(&self, p: &[u8]) -> Option<(usize, u8, u8)> {
        if p.len() < 12 {
            return None;
        }
        let mut best: Option<(usize, u8, u8)> = None;
        // both parts at least 3 letters, listed (as plain words), one of them frequent
        let mut at = 6;
        while at + 6 <= p.len() {
            let (a, b) = p.split_at(at);
            at += 2;
            let sb = std::str::from_utf8(b).unwrap_or("");
            if affixes::affix_kind(sb).is_some() {
                continue;
            }
            let listed = |k: &[u8]| self.lex.listed(k);
            if !listed(a) || !listed(b) {
                continue;
            }
            let (Some(ea), Some(eb)) = (self.lex.lookup(a), self.lex.lookup(b)) else {
                continue;
            };
            if ea.plain_q == 0 || eb.plain_q == 0 || ea.plain_q.max(eb.plain_q) < Q_RUN_TOGETHER {
                continue;
            }
            if !joins(last_char(std::str::from_utf8(a).unwrap_or(""))) {
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

/// Whether the piece starts with می/نمی, بی, or a preverb (بر، در، فرو …) plus می/نمی.
#[inline]
fn starts_like_verb(p: &[u8]) -> bool {
    const MI: &[u8] = "می".as_bytes();
    const NMI: &[u8] = "نمی".as_bytes();
    p.starts_with(MI)
        || p.starts_with(NMI)
        || p.starts_with("بی".as_bytes())
        || affixes::PREVERBS.iter().any(|pv| {
            p.starts_with(pv.as_bytes()) && {
                let r = &p[pv.len()..];
                r.starts_with(MI) || r.starts_with(NMI)
            }
        })
}

/// Whether the word ends with a plural, comparative, possessive or compound-head affix (the
/// vowel clitics اند، ایم … also end verbs, so they do not count).
#[inline]
fn ends_with_noun_suffix(p: &[u8]) -> bool {
    affixes::affix_candidates(p)
        .iter()
        .any(|(s, k)| *k != SuffixKind::Vowel && p.ends_with(s.as_bytes()))
}

/// Endings of finite verbs that names and nouns rarely have (for verbs the stem list lacks).
const PERSON_ENDINGS: [&str; 8] = ["ند", "ید", "یم", "دم", "تم", "دی", "تی", "یدی"];

/// Whether a word before a space may be a prefix the gap rules look at (می، نمی، برمی، بی).
#[inline]
fn prefix_like(w: &[u8]) -> bool {
    w.ends_with("می".as_bytes()) || w == "بی".as_bytes()
}

/// Whether the piece is one of the [`SUFFIXES`].
#[inline]
fn is_suffix_bytes(p: &[u8]) -> bool {
    affixes::affix_candidates(p)
        .iter()
        .any(|(s, _)| p == s.as_bytes())
}

/// Whether the piece ends like one of the [`SUFFIXES`] or [`HEADS`].
#[inline]
fn ends_with_suffix(p: &[u8]) -> bool {
    affixes::may_end_with_affix(p)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        let e = SpacingEngine::new(&SpacingOptions::default()).unwrap();
        e.repair(s).map_or_else(|| s.to_string(), |(t, _)| t)
    }

    #[test]
    fn basics() {
        assert_eq!(fix("کتاب ها"), "کتاب\u{200c}ها");
        assert_eq!(fix("کتابها"), "کتاب\u{200c}ها");
        assert_eq!(fix("می خواهند"), "می\u{200c}خواهند");
        assert_eq!(fix("میخواهند"), "می\u{200c}خواهند");
        assert_eq!(fix("باور ها"), "باورها");
        assert_eq!(fix("میز"), "میز");
        assert_eq!(fix("hello"), "hello");
    }

    #[test]
    fn engine_is_send_sync_clone() {
        fn f<T: Send + Sync + Clone>() {}
        f::<SpacingEngine>();
    }

    #[test]
    fn options_serde() {
        let o: SpacingOptions = serde_json::from_str("{}").unwrap();
        assert_eq!(o, SpacingOptions::default());
        assert!(serde_json::from_str::<SpacingOptions>("{\"bogus\": 1}").is_err());
    }

    #[test]
    fn notes_recorded() {
        let e = SpacingEngine::new(&SpacingOptions::default()).unwrap();
        let (_, ch) = e.repair("کتاب ها").unwrap();
        assert_eq!(ch.list.len(), 1);
        assert!(ch.notes[0].contains("affix"), "{:?}", ch.notes);
    }
}
