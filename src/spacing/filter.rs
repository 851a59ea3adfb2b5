//! Prefilters: a fast byte hash and a blocked Bloom filter, so that most words are passed over
//! without an fst lookup (a word that no decision can touch costs one hash and a probe or two
//! into a table that stays in cache).

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Final mix (murmur3 fmix64).
#[inline]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The two halves of the 128-bit product, folded (the wyhash mix).
#[inline]
fn mum(a: u64, b: u64) -> u64 {
    let r = u128::from(a) * u128::from(b);
    (r as u64) ^ (r >> 64) as u64
}

/// Hash of a byte string: words of up to 16 bytes (most Persian words) take four overlapping
/// loads and one wide multiply, a short dependency chain before the memo's slot can be
/// loaded; longer ones FxHash rounds over 8-byte words and a final mix. The built-in
/// lexicon's keys all hash apart (tested), which its table relies on.
#[inline(always)]
pub fn hash(b: &[u8]) -> u64 {
    let n = b.len();
    if n <= 16 {
        let (x, y) = if n >= 4 {
            // Loads at 0, q, n - 4 - q and n - 4 with q = 0 below 8 bytes and 4 from 8 on:
            // every byte is read.
            // (one four-byte load each: byte by byte, the compiler checked every index)
            let load4 = |k: usize| {
                let mut a = [0u8; 4];
                a.copy_from_slice(&b[k..k + 4]);
                u64::from(u32::from_le_bytes(a))
            };
            let q = (n >> 3) << 2;
            (
                load4(0) << 32 | load4(q),
                load4(n - 4) << 32 | load4(n - 4 - q),
            )
        } else if n > 0 {
            (
                u64::from(b[0]) << 16 | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]),
                0,
            )
        } else {
            (0, 0)
        };
        // (No text makes the first factor zero: its bytes would not be UTF-8.)
        return mum(
            x ^ 0xa076_1d64_78bd_642f,
            y ^ 0xe703_7ed1_a0b4_28db ^ n as u64,
        );
    }
    hash_long(b)
}

/// [`hash`] of a string longer than 16 bytes (rarer: kept out of line).
#[inline(never)]
fn hash_long(b: &[u8]) -> u64 {
    let n = b.len();
    let load = |s: &[u8]| {
        let mut a = [0u8; 8];
        a.copy_from_slice(&s[..8]);
        u64::from_le_bytes(a)
    };
    let mut h = n as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        h = (h.rotate_left(5) ^ load(c)).wrapping_mul(K);
    }
    let r = chunks.remainder();
    if !r.is_empty() {
        h = (h.rotate_left(5) ^ load(&b[n - 8..])).wrapping_mul(K);
    }
    fmix(h)
}

/// Hash of an ordered pair of hashes, for the pair filter (whose probe mixes it: no mix of its
/// own here).
#[inline]
pub fn pair(left: u64, right: u64) -> u64 {
    left.rotate_left(23) ^ right ^ 0x9e37_79b9_7f4a_7c15
}

/// A 1024-bit filter over the hashes of the suffixes and heads ([`super::affixes::SUFFIXES`],
/// [`super::affixes::HEADS`]): most words are not one, and fail it before any comparison.
static AFFIX_WORDS: std::sync::LazyLock<[u64; 16]> = std::sync::LazyLock::new(|| {
    let mut bits = [0u64; 16];
    for (s, _) in super::affixes::SUFFIXES.iter().chain(super::affixes::HEADS) {
        let slot = (hash(s.as_bytes()) >> 54) as usize;
        bits[slot >> 6] |= 1 << (slot & 63);
    }
    bits
});

/// Whether the word with hash `h` may be a suffix or head (false: certainly not).
#[inline]
pub fn may_be_affix(h: u64) -> bool {
    let slot = (h >> 54) as usize;
    AFFIX_WORDS[slot >> 6] >> (slot & 63) & 1 != 0
}

/// The sets kept in the filters (each salts the hash differently).
#[derive(Clone, Copy, Debug)]
#[repr(u64)]
pub enum Set {
    /// (left, right) hash pairs of ZWNJ forms split at one of their ZWNJs.
    Junction = 0x5555_aaaa_3333_cccc,
    /// (left, right) hash pairs of joined words split where a space may break them (see
    /// `lexicon::broken_splits`).
    Broken = 0x0f0f_3c3c_a5a5_6969,
    /// Right parts of those pairs (the memo's `BROKEN_RIGHT` bit).
    BrokenRight = 0x6699_c3c3_0ff0_5a5a,
}

/// A blocked Bloom filter: three bits in one 64-bit word per element.
pub struct Bloom {
    words: Vec<u64>,
    mask: usize,
}

impl Bloom {
    /// A filter for about `n` elements (about 12 bits each).
    pub fn with_capacity(n: usize) -> Bloom {
        let words = (n * 12 / 64).max(64).next_power_of_two();
        Bloom {
            words: vec![0; words],
            mask: words - 1,
        }
    }

    #[inline]
    fn probe(&self, set: Set, h: u64) -> (usize, u64) {
        let h = fmix(h ^ set as u64);
        let bits =
            (1u64 << ((h >> 40) & 63)) | (1u64 << ((h >> 46) & 63)) | (1u64 << ((h >> 52) & 63));
        ((h as usize) & self.mask, bits)
    }

    /// Adds `h` to `set`.
    pub fn insert(&mut self, set: Set, h: u64) {
        let (i, b) = self.probe(set, h);
        self.words[i] |= b;
    }

    /// Whether `h` may be in `set` (false: certainly not).
    #[inline]
    pub fn contains(&self, set: Set, h: u64) -> bool {
        let (i, b) = self.probe(set, h);
        self.words[i] & b == b
    }

    /// Size in bytes.
    pub fn bytes(&self) -> usize {
        self.words.len() * 8
    }
}

/// Flags a key may carry in a [`KeyFilter`].
pub mod flag {
    /// The lexicon lists a ZWNJ form of the key.
    pub const ZWNJ: u8 = 1;
    /// The plain key has a real frequency.
    pub const RELIABLE: u8 = 2;
    /// The key is the left part of a ZWNJ form split at one of its ZWNJs.
    pub const LEFT: u8 = 4;
    /// The key is the right part of such a split.
    pub const RIGHT: u8 = 8;
}

/// Four Bloom sets over word keys answered by one memory access: each key hashes to one
/// 64-bit word, and each set owns three bits of it chosen by the hash.
pub struct KeyFilter {
    words: Vec<u64>,
    mask: usize,
}

impl KeyFilter {
    /// A filter for about `n` (key, flag) insertions (about 12 bits each, rounded up to a
    /// power of two: small enough to stay in cache).
    pub fn with_capacity(n: usize) -> KeyFilter {
        let words = (n * 12 / 64).max(64).next_power_of_two();
        KeyFilter {
            words: vec![0; words],
            mask: words - 1,
        }
    }

    /// The bits of each set for key hash `h`: three bit positions drawn from the hash, and
    /// each set takes them rotated by a quarter of the word (three shifts in all instead of
    /// twelve; the sets still test different bits of the word for one key).
    #[inline(always)]
    fn bits(h: u64) -> [u64; 4] {
        let a = h.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let m = 1u64 << (a >> 58) | 1u64 << ((a >> 52) & 63) | 1u64 << ((a >> 46) & 63);
        [m, m.rotate_left(16), m.rotate_left(32), m.rotate_left(48)]
    }

    /// Adds the flags `flags` to key hash `h`.
    pub fn insert(&mut self, h: u64, flags: u8) {
        let i = (h as usize) & self.mask;
        for (k, b) in Self::bits(h).iter().enumerate() {
            if flags & (1 << k) != 0 {
                self.words[i] |= b;
            }
        }
    }

    /// The flags key hash `h` may carry (a flag not set: certainly not).
    #[inline(always)]
    pub fn flags(&self, h: u64) -> u8 {
        let w = self.words[(h as usize) & self.mask];
        let b = Self::bits(h);
        (w & b[0] == b[0]) as u8
            | ((w & b[1] == b[1]) as u8) << 1
            | ((w & b[2] == b[2]) as u8) << 2
            | ((w & b[3] == b[3]) as u8) << 3
    }

    /// Size in bytes.
    pub fn bytes(&self) -> usize {
        self.words.len() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_affix_passes_the_affix_filter() {
        for (s, _) in super::super::affixes::SUFFIXES
            .iter()
            .chain(super::super::affixes::HEADS)
        {
            assert!(may_be_affix(hash(s.as_bytes())), "{s}");
        }
        // Most other words fail it: three-letter strings over ten letters, less the affixes.
        let letters: Vec<char> = "کتابخنهیرمد".chars().collect();
        let (mut words, mut passed) = (0, 0);
        for a in &letters {
            for b in &letters {
                for c in &letters {
                    let w: String = [*a, *b, *c].iter().collect();
                    if super::super::affixes::SUFFIXES
                        .iter()
                        .chain(super::super::affixes::HEADS)
                        .any(|(s, _)| *s == w)
                    {
                        continue;
                    }
                    words += 1;
                    passed += usize::from(may_be_affix(hash(w.as_bytes())));
                }
            }
        }
        assert!(
            passed * 10 < words,
            "{passed} of {words} pass the affix filter"
        );
    }

    #[test]
    fn bloom_has_no_false_negatives_and_few_false_positives() {
        let mut b = Bloom::with_capacity(10_000);
        let mut k = KeyFilter::with_capacity(10_000);
        for i in 0..10_000u32 {
            b.insert(Set::Junction, hash(&i.to_le_bytes()));
            k.insert(hash(&i.to_le_bytes()), flag::RELIABLE);
        }
        assert!((0..10_000u32).all(|i| b.contains(Set::Junction, hash(&i.to_le_bytes()))));
        assert!((0..10_000u32).all(|i| k.flags(hash(&i.to_le_bytes())) & flag::RELIABLE != 0));
        let fp = (10_000..110_000u32)
            .filter(|i| b.contains(Set::Junction, hash(&i.to_le_bytes())))
            .count();
        assert!(fp < 4_000, "{fp}");
        let fp = (10_000..110_000u32)
            .filter(|i| k.flags(hash(&i.to_le_bytes())) & flag::RELIABLE != 0)
            .count();
        assert!(fp < 4_000, "{fp}");
        // Full to capacity, with the four flags, each set still answers well.
        let mut k = KeyFilter::with_capacity(40_000);
        for i in 0..40_000u32 {
            k.insert(hash(&i.to_le_bytes()), 1 << (i % 4));
        }
        for f in 0..4 {
            let fp = (40_000..140_000u32)
                .filter(|i| k.flags(hash(&i.to_le_bytes())) & (1 << f) != 0)
                .count();
            assert!(fp < 2_000, "flag {f}: {fp}");
        }
        assert_ne!(hash(b"ab"), hash(b"ba"));
        assert_ne!(pair(1, 2), pair(2, 1));
    }
}
