//! The built-in lexicon: an fst map compiled into the binary, loaded once on first use.
//!
//! Built by `scripts/build_lexicon.py` from hazm's word and verb lists and shekar's compound
//! and verb lists (see NOTICE). A key is a
//! word with every ZWNJ removed (its "joined key"); the value packs what is known about the
//! form written without ZWNJ (plain) and the best form written with ZWNJ, see [`Entry`].

use std::sync::LazyLock;

use fst::{IntoStreamer, Map, Streamer};

use super::affixes::{is_prefix, is_verb_prefix, joins};
use super::filter::{self, flag, Bloom, KeyFilter, Set};
use super::{BROKEN_LEFT_MIN, BROKEN_RIGHT_MIN};

static BYTES: &[u8] = include_bytes!("../../data/lexicon.fst");

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let map = Map::new(BYTES).expect("data/lexicon.fst is a valid fst map");
    // The fst is walked once (a walk costs more than everything done with its keys): the
    // table and the filters are built from this copy, freed after the build.
    let list = KeyList::of(&map);
    let table = HashTable::build(&list);
    let (keys, pairs, broken) = build_filters(&list, &table);
    Lexicon {
        map,
        keys,
        pairs,
        broken,
        table,
    }
});

/// Exact lookups of a joined key's value: the fst, or the hash table (built first, so that
/// the filters are built with its lookups too).
pub trait Get {
    /// The value stored for `key`.
    fn value(&self, key: &[u8]) -> Option<u64>;
}

impl Get for Map<&'static [u8]> {
    fn value(&self, key: &[u8]) -> Option<u64> {
        self.get(key)
    }
}

impl Get for HashTable {
    #[inline]
    fn value(&self, key: &[u8]) -> Option<u64> {
        self.get(key)
    }
}

/// The keys and values of the map in its order, copied out in one walk of the fst.
struct KeyList {
    /// The keys, one after another.
    bytes: Vec<u8>,
    /// The end of each key in `bytes`, and its value.
    items: Vec<(u32, u64)>,
}

impl KeyList {
    fn of(map: &Map<&'static [u8]>) -> KeyList {
        let mut list = KeyList {
            bytes: Vec::with_capacity(map.len() * 16),
            items: Vec::with_capacity(map.len()),
        };
        let mut stream = map.into_stream();
        while let Some((k, v)) = stream.next() {
            list.bytes.extend_from_slice(k);
            let end = u32::try_from(list.bytes.len()).expect("keys under 4 GB");
            list.items.push((end, v));
        }
        list
    }

    /// The (key, value) pairs in the map's order.
    fn iter(&self) -> impl Iterator<Item = (&[u8], u64)> + '_ {
        let mut start = 0;
        self.items.iter().map(move |&(end, v)| {
            let k = &self.bytes[start..end as usize];
            start = end as usize;
            (k, v)
        })
    }

    fn len(&self) -> usize {
        self.items.len()
    }
}

/// The runtime index of the map: open addressing on 64-bit key hashes (the fst stays the
/// compact stored form; a lookup here is one hash and, mostly, one probe).
struct HashTable {
    slots: Vec<(u64, u64)>,
    mask: usize,
}

impl HashTable {
    fn build(list: &KeyList) -> HashTable {
        let n = (list.len() * 2).next_power_of_two();
        let mut t = HashTable {
            slots: vec![(0, 0); n],
            mask: n - 1,
        };
        for (k, v) in list.iter() {
            let h = filter::hash(k).max(1);
            let mut i = (h as usize) & t.mask;
            while t.slots[i].0 != 0 {
                i = (i + 1) & t.mask;
            }
            t.slots[i] = (h, v);
        }
        t
    }

    /// Whether a key with hash `h` ([`filter::hash`]) is in the table (as [`HashTable::get`]
    /// answers for that key).
    fn has_hash(&self, h: u64) -> bool {
        self.get_hash(h).is_some()
    }

    #[inline]
    fn get(&self, key: &[u8]) -> Option<u64> {
        self.get_hash(filter::hash(key))
    }

    /// The value of the key with hash `h` (the table tells keys apart by their hashes only).
    #[inline]
    fn get_hash(&self, h: u64) -> Option<u64> {
        let h = h.max(1);
        let mut i = (h as usize) & self.mask;
        loop {
            let (k, v) = self.slots[i];
            if k == h {
                return Some(v);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Fills the prefilters from the map: per key whether it has a ZWNJ form, is reliable, or is
/// the left or right part of a ZWNJ form split at one of its ZWNJs; and the (left, right) pairs,
/// of ZWNJ forms and of joined words where a space may break them ([`broken_splits`]).
fn build_filters(list: &KeyList, table: &HashTable) -> (KeyFilter, Bloom, Bloom) {
    let mut nk = 0;
    let mut np = 0;
    for (_, v) in list.iter() {
        let e = Entry::decode(v);
        nk += e.plain_reliable() as usize;
        if e.has_zw() {
            nk += 1 + 2 * e.zw_mask.count_ones() as usize;
            np += e.zw_mask.count_ones() as usize;
            if e.zw_mask.count_ones() >= 2 {
                // the pairs of consecutive parts (see below)
                nk += 2 * e.zw_mask.count_ones() as usize;
                np += e.zw_mask.count_ones() as usize;
            }
        }
    }
    let mut keys = KeyFilter::with_capacity(nk);
    let mut pairs = Bloom::with_capacity(np);
    // (the pairs are kept until their number, which sizes the filter, is known)
    let mut broken_pairs = Vec::new();
    for (k, v) in list.iter() {
        let e = Entry::decode(v);
        let h = filter::hash(k);
        if e.zw_wins() || lost_zwnj(k, &e) {
            keys.insert(h, flag::ZWNJ);
        }
        if e.has_zw() {
            let mut m = e.zw_mask;
            while m != 0 {
                let at = 2 * (m.trailing_zeros() as usize + 1);
                m &= m - 1;
                if at < k.len() {
                    let (l, r) = k.split_at(at);
                    let prefix = std::str::from_utf8(l).is_ok_and(is_any_prefix);
                    // (a participle may join with the ezafe mark, see `stays_spaced`)
                    if e.zw_pos & pos::V == 0
                        && !prefix
                        && stays_spaced(table, l, r, true)
                        && !(e.plain_q <= 1 && bound_compound(table, l, r))
                    {
                        continue; // never joined across a space (see decide_gap)
                    }
                    let (hl, hr) = (filter::hash(l), filter::hash(r));
                    keys.insert(hl, flag::LEFT);
                    keys.insert(hr, flag::RIGHT);
                    pairs.insert(Set::Junction, filter::pair(hl, hr));
                }
            }
        }
        // a compound of three parts or more is joined one space at a time (see
        // `Inner::chain_compound`): each part with the next one passes the filters
        if e.zw_mask.count_ones() >= 2 && e.zw_q >= 2 && e.plain_q == 0 && e.zw_pos & pos::V == 0 {
            let mut from = 0;
            let mut m = e.zw_mask;
            let mut prev: Option<u64> = None;
            loop {
                let at = if m == 0 {
                    k.len()
                } else {
                    2 * (m.trailing_zeros() as usize + 1)
                };
                m &= m.wrapping_sub(1);
                if at > k.len() || at <= from {
                    break;
                }
                let hp = filter::hash(&k[from..at]);
                if let Some(hl) = prev {
                    keys.insert(hl, flag::LEFT);
                    keys.insert(hp, flag::RIGHT);
                    pairs.insert(Set::Junction, filter::pair(hl, hp));
                }
                prev = Some(hp);
                from = at;
                if at == k.len() {
                    break;
                }
            }
        }
        if e.plain_reliable() {
            keys.insert(h, flag::RELIABLE);
        }
        if broken_candidate(k, &e) {
            for at in broken_splits(k) {
                let (l, r) = k.split_at(at);
                let hr = filter::hash(r);
                if !table.has_hash(hr) {
                    broken_pairs.push((filter::pair(filter::hash(l), hr), hr));
                }
            }
        }
    }
    // (the pairs, and their right parts: at most as many)
    let mut broken = Bloom::with_capacity(2 * broken_pairs.len());
    for &(p, hr) in &broken_pairs {
        broken.insert(Set::Broken, p);
        broken.insert(Set::BrokenRight, hr);
    }
    (keys, pairs, broken)
}

/// Whether a space may break the joined word `k` (entry `e`) for `Inner::broken_word`: a word
/// listed joined and in use (a real frequency in hazm's corpus or a count in shekar's
/// vocabulary: هلیکوپتر has frequency 0 in hazm's) with no ZWNJ form, long enough for two
/// parts.
#[inline]
pub fn broken_candidate(k: &[u8], e: &Entry) -> bool {
    (e.plain_reliable() || e.plain_q == 1 && e.vocab_q != 0)
        && !e.has_zw()
        && k.len() >= BROKEN_LEFT_MIN + BROKEN_RIGHT_MIN
}

/// The byte offsets where a space may break a word for which [`broken_candidate`] holds, as
/// far as its letters tell: after two letters or more that end in a joining letter, before
/// three letters or more. (`Inner::broken_word` also wants the part after the space to be
/// no listed word; the filter built from these keeps only such pairs.)
pub fn broken_splits(k: &[u8]) -> impl Iterator<Item = usize> + '_ {
    (BROKEN_LEFT_MIN..=k.len().saturating_sub(BROKEN_RIGHT_MIN))
        .step_by(2)
        .filter(move |&at| {
            // two-byte letters on both sides (else no letter boundary), decoded in place
            let (b0, b1) = (k[at - 2], k[at - 1]);
            b0 & 0xE0 == 0xC0
                && k[at] & 0xE0 == 0xC0
                && char::from_u32(u32::from(b0 & 0x1F) << 6 | u32::from(b1 & 0x3F))
                    .is_some_and(joins)
        })
}

fn is_any_prefix(s: &str) -> bool {
    is_prefix(s) || is_verb_prefix(s)
}

/// Whether a compound the lexicon lists with a ZWNJ stays two words when a space separates its
/// parts, because writing it spaced is standard too:
/// - one part is a frequent function word (pronoun, determiner, preposition, conjunction) and
///   the other is listed: «این که», «وقتی که», «به زودی» (but not a right part such as رو،
///   روی, also a noun or stem, after a content word in a silent ه: پیاده‌رو, see `strong`);
/// - the right part is a verb form: compound verbs and passives («انجام شده», «دست یافته»),
///   but not زده / دیده in a compound listed with class ≥ 40, which is an adjective
///   (وحشت‌زده، آسیب‌دیده);
/// - both parts are frequent content words on their own («محیط زیست», «خلیج فارس»), unless
///   the compound is far more frequent or its right part is a present stem (see `strong`).
///
/// `attributive`: the right part carries the ezafe mark (شدهٔ), so a participle there
/// modifies the noun before it inside a noun phrase (مناطق اشغال‌شدهٔ فلسطین): a compound
/// adjective, not the passive or perfect of a compound verb, which takes no ezafe.
pub fn stays_spaced<G: Get>(map: &G, left: &[u8], right: &[u8], attributive: bool) -> bool {
    const F: u16 = pos::PRO | pos::DET | pos::P | pos::CONJ;
    let (Some(l), Some(r)) = (map.value(left), map.value(right)) else {
        return false;
    };
    let (l, r) = (Entry::decode(l), Entry::decode(r));
    // a participle or infinitive (شده، کرده، شدن), not any string the stems generate
    let participle = r.plain_pos & pos::V != 0
        && (right.ends_with("ه".as_bytes()) || right.ends_with("ن".as_bytes()));
    // a noun that hazm also tags a preposition or adverb (عقب، پیش، پشت) before a participle
    // used as an adjective is the participle's complement, not a function word (عقب‌افتاده از،
    // اتفاقات پیش‌آمده)
    let noun_before_adjective = attributive
        && participle
        && l.plain_pos & pos::N != 0
        && l.plain_pos & (pos::PRO | pos::DET | pos::CONJ) == 0;
    let function =
        (l.plain_q >= 2 && l.plain_pos & F != 0 && r.plain_q >= 1 && !noun_before_adjective)
            || (r.plain_q >= 2 && r.plain_pos & F != 0 && l.plain_q >= 1);
    let verb = !attributive
        && participle
        && !(adjectival_participle(right) && compound_q(map, left, right) >= HEH_COMPOUND_Q);
    let content = |e: &Entry| e.plain_q >= STANDALONE_Q && e.plain_pos & pos::V == 0;
    // a past stem (the third person past, which the lexicon knows only as a verb form) after a
    // content noun: the past tense of a compound verb (دوست داشت) or the short infinitive, a
    // verbal noun that the noun takes with the ezafe (محیط زیست «environment of living»); not
    // a productive head, which is bound (مه‌آلود، خواب‌آلود)
    let past_stem = r.plain_pos == pos::V
        && (right.ends_with("ت".as_bytes()) || right.ends_with("د".as_bytes()))
        && content(&l)
        && l.plain_pos & pos::N != 0
        && !compound_entry(map, left, right).is_some_and(|z| z.productive);
    // a function word before the Arabic article is the first part of a compound the lexicon
    // lists (بین‌المللی)
    // nor is a function word that is a noun or stem too after a content word in a silent ه
    // (پیاده‌رو، زیاده‌روی: رو، روی)
    // (a noun that is also tagged a determiner counts as a noun: دسته‌جمعی)
    let heh = heh_left(left)
        && (l.plain_pos & F == 0
            || l.plain_pos & pos::N != 0 && l.plain_pos & (F & !pos::DET) == 0);
    let function = function && !((right.starts_with(AL) || heh) && strong(map, left, right));
    // hazm lists many relational adjectives with frequency 0 (نظامی، ایرانی): a noun in ی
    // whose noun is frequent follows another noun as an adjective (حکومت نظامی)
    let relational = r.plain_q == 1
        && r.plain_pos & pos::V == 0
        && right.len() >= 8
        && right.ends_with("ی".as_bytes())
        && map
            .value(&right[..right.len() - "ی".len()])
            .map(Entry::decode)
            .is_some_and(|b| content(&b) && b.plain_pos & pos::N != 0);
    let r_content = content(&r) || relational;
    // a plural noun heads a phrase: a relational adjective after it is its modifier (صنایع
    // دستی، منابع طبیعی), however often the pair is written as one word
    let plural_head = relational && l.plain_pos & pos::PL != 0;
    function
        || verb
        || past_stem
        || (content(&l) && r_content && (plural_head || !strong(map, left, right)))
}

/// Whether the ZWNJ compound `left`‌`right` (listed, and not listed joined with a real
/// frequency: the caller checks) is one whose parts are not two words of a phrase, so that it
/// is joined across a space whatever its class and although both parts are frequent words:
/// - a numeral from two up (not یک, which is the article too) and a noun + the
///   adjective-forming ـه that the lexicon lists as a word (سه ماهه → سه‌ماهه «three-month»,
///   هفت روزه، سه جانبه): a numeral phrase takes the bare noun (سه ماه), so the form in ـه
///   is the compound adjective;
/// - a content word and an action noun in present stem + ی that the lexicon lists only as a
///   generated verb form (دین داری → دین‌داری، حکم فرمایی، سرمایه داری): the verb reading
///   after a bare noun would be the colloquial second person.
pub fn bound_compound<G: Get>(map: &G, left: &[u8], right: &[u8]) -> bool {
    const F: u16 = pos::P | pos::CONJ | pos::PRO | pos::DET;
    const HEH: &[u8] = "ه".as_bytes();
    let get = |w: &[u8]| map.value(w).map(Entry::decode);
    if right.len() < 8 {
        return false;
    }
    let Some(l) = get(left) else {
        return false;
    };
    if l.pos() & F != 0 {
        return false;
    }
    if l.pos() & pos::NUM != 0 {
        return left != "یک".as_bytes()
            && right.ends_with(HEH)
            && get(right).is_some_and(|r| r.plain_reliable())
            && get(&right[..right.len() - HEH.len()])
                .is_some_and(|n| n.plain_reliable() && n.plain_pos & pos::N != 0);
    }
    l.plain_reliable()
        && l.pos() & (pos::N | pos::AJ) != 0
        && right.ends_with("ی".as_bytes())
        && get(right).is_some_and(|r| r.plain_pos == pos::V && !r.has_zw())
        && present_stem(map, right)
}

/// Whether `right` is زده or دیده: after a noun they make adjectives (وحشت‌زده، یخ‌زده،
/// صدمه‌دیده, «struck by», «suffering»), not the passive or perfect of a compound verb as
/// شده، کرده do.
fn adjectival_participle(right: &[u8]) -> bool {
    right == "زده".as_bytes() || right == "دیده".as_bytes()
}

/// The class of the ZWNJ form of `left` + `right` with a ZWNJ at their junction (0: none).
fn compound_q<G: Get>(map: &G, left: &[u8], right: &[u8]) -> u8 {
    compound_entry(map, left, right).map_or(0, |z| z.zw_q)
}

/// The entry of `left` + `right` when its ZWNJ form has a ZWNJ at their junction.
fn compound_entry<G: Get>(map: &G, left: &[u8], right: &[u8]) -> Option<Entry> {
    let mut buf = [0u8; 96];
    // (a ZWNJ position beyond the mask's 16 bits is never listed)
    if left.len() + right.len() > buf.len() || !(2..=32).contains(&left.len()) {
        return None;
    }
    buf[..left.len()].copy_from_slice(left);
    buf[left.len()..left.len() + right.len()].copy_from_slice(right);
    map.value(&buf[..left.len() + right.len()])
        .map(Entry::decode)
        .filter(|z| z.has_zw() && z.zw_mask & (1 << (left.len() / 2 - 1)) != 0)
}

/// Frequency class from which a listed ZWNJ compound of two frequent words is joined across a
/// space all the same (سه‌شنبه, رئیس‌جمهور, آیت‌الله): far more frequent than a spaced phrase
/// the corpus merely happened to write with a ZWNJ.
pub const STRONG_COMPOUND_Q: u8 = 90;

/// Whether a listed ZWNJ compound of two frequent words is joined across a space: it is very
/// frequent; or its right part is a present stem (with or without ی), which makes it an
/// agent or action compound (سرمایه‌گذار, جنایت‌کار, دنباله‌دار, دست‌چین): a present stem
/// rarely stands alone after a noun; or its right part starts with the Arabic article
/// (آیت‌الله); or its head or modifier is productive ([`PRODUCTIVE_COMPOUND_Q`], or
/// [`CONFIRMED_PRODUCTIVE_Q`] when shekar's compound list has it too); or its left
/// part ends in a silent ه ([`HEH_COMPOUND_Q`], or any class when shekar's compound list has
/// it too and no joined spelling is listed: کوچه‌باغ، ماده‌شیر، دروازه‌بانی); or the compound
/// is tagged a pronoun, preposition or conjunction (علی‌رغم «despite», جناب‌عالی «you»): two
/// content words in an ezafe phrase make a noun phrase, never a function word, so such a
/// compound is one lexicalized word.
fn strong<G: Get>(map: &G, left: &[u8], right: &[u8]) -> bool {
    let Some(z) = compound_entry(map, left, right) else {
        return false;
    };
    z.zw_q >= STRONG_COMPOUND_Q
        || z.zw_q >= STANDALONE_Q && (present_stem(map, right) || right.starts_with(AL))
        || z.zw_q >= STANDALONE_Q && z.zw_pos & (pos::PRO | pos::P | pos::CONJ) != 0
        || z.productive
            && (z.zw_q >= PRODUCTIVE_COMPOUND_Q || z.confirmed && z.zw_q >= CONFIRMED_PRODUCTIVE_Q)
        || (z.zw_q >= HEH_COMPOUND_Q || z.confirmed && z.plain_q == 0)
            && heh_left(left)
            && left != right
}

/// Frequency class from which a listed ZWNJ compound whose left part ends in a silent ه
/// (تخته‌سیاه، نیمه‌نهایی، چشمه‌سار) is joined across a space; not a reduplication, which
/// is an adverb written spaced too (قطره قطره).
pub const HEH_COMPOUND_Q: u8 = 40;

/// Whether `left` ends in a silent ه (not the consonant ه of راه، کوه، شاه): the first part
/// of a compound then can never be written joined to the second, so a compound the lexicon
/// lists with a real frequency is written with a ZWNJ, and the ezafe that would make the
/// pair a phrase is usually marked on the ه (تختهٔ سیاه، تخته‌ی سیاه).
fn heh_left(left: &[u8]) -> bool {
    left.len() >= 4 && left.ends_with("ه".as_bytes()) && silent_heh_at(left, left.len() - 2)
}

/// The Arabic article: a right part starting with it is bound to the word before in the
/// compounds the lexicon lists with a ZWNJ (آیت‌الله، بین‌المللی، علیه‌السلام، حجت‌الاسلام).
const AL: &[u8] = "ال".as_bytes();

/// Frequency class from which a listed ZWNJ compound of two frequent words, split into a
/// productive head or modifier (هفته‌نامه، اسلام‌آباد، صاحب‌خانه، دوچرخه‌سوار، هفت‌سین،
/// کم‌کم، خوش‌رفتار), is joined across a space.
pub const PRODUCTIVE_COMPOUND_Q: u8 = 40;

/// [`PRODUCTIVE_COMPOUND_Q`] for a compound that shekar's compound list has too (a frequency
/// four times lower: two independent sources for the ZWNJ form, اساس‌نامه).
pub const CONFIRMED_PRODUCTIVE_Q: u8 = 32;

/// Whether `w`, or `w` without a final ی, is a present stem of the verb list: the lexicon has
/// its third-person «می‌…د» form.
fn present_stem<G: Get>(map: &G, w: &[u8]) -> bool {
    const MI: &[u8] = "می".as_bytes();
    const D: &[u8] = "د".as_bytes();
    const Y: &[u8] = "ی".as_bytes();
    let stem = |r: &[u8]| {
        let mut buf = [0u8; 64];
        let n = MI.len() + r.len() + D.len();
        if r.len() < 4 || n > buf.len() {
            return false;
        }
        buf[..4].copy_from_slice(MI);
        buf[4..4 + r.len()].copy_from_slice(r);
        buf[4 + r.len()..n].copy_from_slice(D);
        map.value(&buf[..n])
            .map(Entry::decode)
            .is_some_and(|e| e.zw_pos & pos::V != 0 && e.zw_mask & 0b10 != 0)
    };
    stem(w) || w.ends_with(Y) && stem(&w[..w.len() - Y.len()])
}

/// Whether a key listed joined only with frequency 0 is a ZWNJ form whose ZWNJ was lost,
/// because the joined spelling breaks a spelling rule rather than being a variant in use:
/// every ZWNJ follows a silent ه (دسته‌جمعی), or the only one follows a prefix بی / هم
/// (بی‌شک, هم‌خوانی) with a ZWNJ form of real frequency, or it is the only one of a
/// reduplication (کم‌کم: the repeated word is written apart, with a space or a ZWNJ).
pub fn lost_zwnj(key: &[u8], e: &Entry) -> bool {
    e.plain_q == 1
        && e.has_zw()
        && (zwnjs_after_heh(key, e.zw_mask)
            || e.zw_q >= 2 && prefix_zwnj(key, e.zw_mask)
            || e.zw_q >= 2 && reduplication_zwnj(key, e.zw_mask)
            || e.zw_q >= HEAD_ZWNJ_Q && e.confirmed && head_zwnj(key, e.zw_mask))
}

/// Frequency class from which a ZWNJ form before a bound head (`head_zwnj`) outranks a
/// joined spelling listed with frequency 0.
pub const HEAD_ZWNJ_Q: u8 = 40;

/// Whether the only ZWNJ of `mask` comes before a bound compound head that is always written
/// apart (ـگیری، ـسازی، ـکننده …, [`SuffixKind::Head`](super::affixes::SuffixKind::Head)).
fn head_zwnj(p: &[u8], mask: u32) -> bool {
    if mask.count_ones() != 1 {
        return false;
    }
    let at = 2 * (mask.trailing_zeros() as usize + 1);
    at < p.len()
        && std::str::from_utf8(&p[at..])
            .ok()
            .and_then(super::affixes::head_kind)
            == Some(super::affixes::SuffixKind::Head)
}

/// Whether the only ZWNJ of `mask` divides the piece into two equal halves (کم‌کم).
fn reduplication_zwnj(p: &[u8], mask: u32) -> bool {
    mask.count_ones() == 1 && {
        let at = 2 * (mask.trailing_zeros() as usize + 1);
        2 * at == p.len() && p[..at] == p[at..]
    }
}

/// Whether every ZWNJ of `mask` in the piece follows a ه.
fn zwnjs_after_heh(p: &[u8], mask: u32) -> bool {
    let mut m = mask;
    while m != 0 {
        let i = m.trailing_zeros() as usize;
        m &= m - 1;
        let at = 2 * (i + 1);
        if at > p.len() || at < 4 || p[at - 2..at] != [0xD9, 0x87] || !silent_heh_at(p, at - 2) {
            return false;
        }
    }
    mask != 0
}

/// Whether the only ZWNJ of `mask` follows a privative or associative prefix بی / هم at the
/// start of the piece: standard spelling writes these apart, so a joined spelling that the
/// lexicon lists only with frequency 0 (بیشک, همخوانی) is a lost ZWNJ.
fn prefix_zwnj(p: &[u8], mask: u32) -> bool {
    mask == 0b10 && (p.starts_with("بی".as_bytes()) || p.starts_with("هم".as_bytes()))
}

/// Whether the ه at byte `i` of a piece can be a silent ه (a vowel sign): not after ا آ و,
/// where it is the consonant of راه، کوه، شاه and joins like any letter (کوهنوردی).
#[inline]
pub fn silent_heh_at(p: &[u8], i: usize) -> bool {
    i >= 2 && !matches!(&p[i - 2..i], [0xD8, 0xA7] | [0xD8, 0xA2] | [0xD9, 0x88])
}

/// Frequency class from which a word counts as standing on its own (see [`stays_spaced`]).
pub const STANDALONE_Q: u8 = 2;

/// POS bits of a lexicon entry (hazm's tags, folded).
pub mod pos {
    /// Noun.
    pub const N: u16 = 1 << 0;
    /// Adjective (comparatives included).
    pub const AJ: u16 = 1 << 1;
    /// Adverb.
    pub const ADV: u16 = 1 << 2;
    /// Pronoun.
    pub const PRO: u16 = 1 << 3;
    /// Determiner.
    pub const DET: u16 = 1 << 4;
    /// Preposition or postposition.
    pub const P: u16 = 1 << 5;
    /// Conjunction.
    pub const CONJ: u16 = 1 << 6;
    /// Numeral.
    pub const NUM: u16 = 1 << 7;
    /// Classifier.
    pub const CL: u16 = 1 << 8;
    /// Residual (interjections, symbols, foreign).
    pub const RES: u16 = 1 << 9;
    /// Plural noun.
    pub const PL: u16 = 1 << 10;
    /// Verb form generated from the stem list.
    pub const V: u16 = 1 << 11;
}

/// What the lexicon knows about one joined key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// Frequency class of the form without ZWNJ: 0 absent, 1 listed with frequency 0 (often a
    /// misspelled joined form, so unreliable), else `2 + 4·log2(freq + 1)`.
    pub plain_q: u8,
    /// Frequency class of the best form with ZWNJ (same scale; verb forms have 2).
    pub zw_q: u8,
    /// ZWNJ positions of that form: bit `i` set when a ZWNJ follows letter `i + 1` of the key.
    pub zw_mask: u32,
    /// POS bits of the plain form.
    pub plain_pos: u16,
    /// POS bits of the ZWNJ form.
    pub zw_pos: u16,
    /// Class of the key's count in shekar's vocabulary (0 absent, else `1 + 2·log2(count + 1)`,
    /// at most 63): a second frequency signal, from a larger web corpus than hazm's.
    pub vocab_q: u8,
    /// shekar's compound list has the ZWNJ form too (a second, independent source).
    pub confirmed: bool,
    /// The ZWNJ form splits at one of its ZWNJs into a productive head or modifier: a part
    /// that ends or starts many compounds of shekar's list and hazm's ZWNJ forms (ـنامه،
    /// ـخانه، ـآباد، ـسوار; هفت، کم، خوش).
    pub productive: bool,
}

impl Entry {
    fn decode(v: u64) -> Entry {
        Entry {
            plain_q: v as u8,
            zw_q: (v >> 8) as u8,
            zw_mask: ((v >> 16) & 0xFFFF) as u32,
            vocab_q: ((v >> 32) & 0x3F) as u8,
            confirmed: (v >> 38) & 1 != 0,
            productive: (v >> 39) & 1 != 0,
            plain_pos: ((v >> 40) & 0xFFF) as u16,
            zw_pos: ((v >> 52) & 0xFFF) as u16,
        }
    }

    /// Whether the plain form is a word with a real frequency (or a generated verb form).
    pub fn plain_reliable(&self) -> bool {
        self.plain_q >= 2
    }

    /// Whether a ZWNJ form is listed.
    pub fn has_zw(&self) -> bool {
        self.zw_q >= 1 && self.zw_mask != 0
    }

    /// Whether the ZWNJ form is the spelling to write for the key: the plain form is not
    /// listed, or listed only with frequency 0 while the ZWNJ form is a verb form. A plain form
    /// with a real frequency is never overridden: both spellings are then in use (همزمان).
    pub fn zw_wins(&self) -> bool {
        self.has_zw()
            && match self.plain_q {
                0 => true,
                // listed joined with frequency 0: the joined spelling is in use too, keep it
                // unless the ZWNJ form is a verb form (میخواهند)
                1 => self.zw_pos & pos::V != 0,
                // a plain form that is only a generated verb form (میزند from the rare
                // میزیدن) does not block the می‌ form
                _ => self.plain_pos == pos::V && self.zw_pos & pos::V != 0,
            }
    }

    /// Whether the key is a known word in either spelling, with a real frequency.
    pub fn reliable(&self) -> bool {
        self.plain_q >= 2 || self.zw_q >= 2
    }

    /// Best frequency class of either spelling.
    pub fn q(&self) -> u8 {
        self.plain_q.max(self.zw_q)
    }

    /// POS bits of either spelling.
    pub fn pos(&self) -> u16 {
        self.plain_pos | self.zw_pos
    }
}

/// The compiled lexicon (immutable, shared).
pub struct Lexicon {
    map: Map<&'static [u8]>,
    keys: KeyFilter,
    pairs: Bloom,
    /// The [`Set::Broken`] pairs and their [`Set::BrokenRight`] right parts.
    broken: Bloom,
    table: HashTable,
}

impl Lexicon {
    /// The built-in lexicon, loaded on first use.
    pub fn get() -> &'static Lexicon {
        &LEXICON
    }

    /// Looks a joined key (UTF-8 bytes, no ZWNJ) up.
    #[inline]
    pub fn lookup(&self, key: &[u8]) -> Option<Entry> {
        self.table.get(key).map(Entry::decode)
    }

    /// The [`flag`]s the key with hash `h` may carry (a flag not set: certainly not).
    #[inline]
    pub fn key_flags(&self, h: u64) -> u8 {
        self.keys.flags(h)
    }

    /// Whether the lexicon has the key at all.
    #[inline]
    pub fn listed(&self, key: &[u8]) -> bool {
        self.table.get(key).is_some()
    }

    /// Whether a ZWNJ form may be split into the keys with hashes `left` and `right`.
    #[inline]
    pub fn may_join(&self, left: u64, right: u64) -> bool {
        self.pairs
            .contains(Set::Junction, filter::pair(left, right))
    }

    /// Whether the keys with hashes `left` and `right` may be the parts of a joined word
    /// broken by a space (see [`broken_splits`]; false: certainly not).
    #[inline]
    pub fn may_be_broken(&self, left: u64, right: u64) -> bool {
        self.broken.contains(Set::Broken, filter::pair(left, right))
    }

    /// Whether the word with hash `right` may be the right part of a listed word broken by a
    /// space (false: certainly not): read once per word into the memo, so that the pair
    /// filter above is probed only after such words.
    pub fn may_be_broken_right(&self, right: u64) -> bool {
        self.broken.contains(Set::BrokenRight, right)
    }

    /// Size of the prefilters in bytes.
    pub fn filter_bytes(&self) -> usize {
        self.keys.bytes() + self.pairs.bytes() + self.broken.bytes()
    }

    /// See [`stays_spaced`].
    pub fn stays_spaced(&self, left: &[u8], right: &[u8], attributive: bool) -> bool {
        // The hash table, not the fst: a lookup there is one hash and mostly one probe.
        stays_spaced(&self.table, left, right, attributive)
    }

    /// See [`bound_compound`].
    pub fn bound_compound(&self, left: &[u8], right: &[u8]) -> bool {
        bound_compound(&self.table, left, right)
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the lexicon is empty (never, for the built-in one).
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(w: &str) -> Entry {
        Lexicon::get().lookup(w.as_bytes()).unwrap_or_default()
    }

    #[test]
    fn loads() {
        let l = Lexicon::get();
        assert!(l.len() > 200_000);
        assert!(l.filter_bytes() <= 2 << 20);
        let h = |s: &str| filter::hash(s.as_bytes());
        assert!(l.key_flags(h("میخواهند")) & flag::ZWNJ != 0);
        assert!(l.listed("میخواهند".as_bytes()));
        assert!(l.key_flags(h("می")) & flag::LEFT != 0);
        assert!(l.key_flags(h("خواهند")) & flag::RIGHT != 0);
        assert!(l.may_join(h("می"), h("خواهند")));
        assert!(l.key_flags(h("کتاب")) & flag::RELIABLE != 0);
        // هلیکوپتر parted after هلی, before a part that is no word
        assert!(l.may_be_broken(h("هلی"), h("کوپتر")));
        assert!(l.may_be_broken_right(h("کوپتر")) && !l.may_be_broken_right(h("کتاب")));
    }

    #[test]
    fn broken_splits_are_letter_boundaries_after_a_joining_letter() {
        let k = "هلیکوپتر".as_bytes();
        let cuts: Vec<&str> = broken_splits(k)
            .map(|at| std::str::from_utf8(&k[..at]).unwrap())
            .collect();
        // (not after و: a space there is no ZWNJ's)
        assert_eq!(cuts, ["هل", "هلی", "هلیک"]);
        assert!(broken_candidate(k, &e("هلیکوپتر")));
        // a word with a ZWNJ form is the compound rules' business
        assert!(!broken_candidate("میخواهند".as_bytes(), &e("میخواهند")));
    }

    #[test]
    fn table_agrees_with_the_fst() {
        let l = Lexicon::get();
        let mut stream = l.map.into_stream();
        let mut n = 0;
        while let Some((k, v)) = stream.next() {
            assert_eq!(l.table.get(k), Some(v));
            n += 1;
        }
        assert_eq!(n, l.len());
        assert_eq!(l.table.get("qqqq".as_bytes()), None);
    }

    #[test]
    fn entries() {
        assert!(e("کتاب").plain_reliable());
        assert!(e("کتاب").pos() & pos::N != 0);
        let v = e("میخواهند");
        assert!(v.has_zw() && v.zw_pos & pos::V != 0);
        assert_eq!(v.zw_mask, 0b10); // می‌خواهند
        assert!(e("رفتهاند").has_zw());
        assert!(e("تنها").plain_reliable());
        // shekar's compound list confirms هفته‌نامه; نامه is a productive head
        let c = e("هفتهنامه");
        assert!(c.confirmed && c.productive && c.zw_mask == 0b1000);
        assert!(e("دست").vocab_q > e("دسته").vocab_q);
        // a verb form from a stem only shekar's verb list has (چریدن)
        assert!(e("میچرند").zw_pos & pos::V != 0);
        assert_eq!(e("qqq"), Entry::default());
    }
}
