//! The user lexicon: words to add and joins or splits to forbid. It overrides the built-in
//! decisions.

use std::collections::{HashMap, HashSet};

use super::affixes::{is_letter, ZWNJ};

/// The user's words, compiled from [`super::SpacingOptions`].
#[derive(Debug, Default)]
pub struct UserLexicon {
    /// Joined key → ZWNJ mask (bit `i`: ZWNJ after letter `i + 1`).
    words: HashMap<String, u32>,
    /// Pairs never joined, as "left right" (the pieces on both sides of the gap).
    no_join: HashSet<String>,
    /// Joined keys never split.
    no_split: HashSet<String>,
}

fn check(option: &str, i: usize, s: &str, allow_space: bool) -> Result<(), String> {
    if s.is_empty() {
        return Err(format!("spacing.{option}[{i}]: empty entry"));
    }
    for c in s.chars() {
        if !(is_letter(c) || c == ZWNJ || (allow_space && c == ' ')) {
            return Err(format!(
                "spacing.{option}[{i}]: {s:?} has {c:?}; entries hold Persian letters{} only",
                if allow_space {
                    ", ZWNJ and one space"
                } else {
                    " and ZWNJ"
                }
            ));
        }
    }
    if s.starts_with([ZWNJ, ' ']) || s.ends_with([ZWNJ, ' ']) {
        return Err(format!(
            "spacing.{option}[{i}]: {s:?} starts or ends with a separator"
        ));
    }
    Ok(())
}

/// The joined key and ZWNJ mask of a word.
fn key_mask(s: &str) -> (String, u32) {
    let mut key = String::with_capacity(s.len());
    let mut mask = 0u32;
    let mut n = 0u32;
    for c in s.chars() {
        if c == ZWNJ {
            if (1..=24).contains(&n) {
                mask |= 1 << (n - 1);
            }
        } else {
            key.push(c);
            n += 1;
        }
    }
    (key, mask)
}

impl UserLexicon {
    /// Compiles the three lists; the error names the bad option and entry.
    pub fn new(words: &[String], no_join: &[String], no_split: &[String]) -> Result<Self, String> {
        let mut u = UserLexicon::default();
        for (i, w) in words.iter().enumerate() {
            check("user_words", i, w, false)?;
            let (k, m) = key_mask(w);
            u.words.insert(k, m);
        }
        for (i, w) in no_join.iter().enumerate() {
            check("no_join", i, w, true)?;
            let pair = w.replace(ZWNJ, " ");
            if pair.matches(' ').count() != 1 {
                return Err(format!(
                    "spacing.no_join[{i}]: {w:?} must be two pieces separated by one space or ZWNJ"
                ));
            }
            u.no_join.insert(pair);
        }
        for (i, w) in no_split.iter().enumerate() {
            check("no_split", i, w, false)?;
            u.no_split.insert(key_mask(w).0);
        }
        Ok(u)
    }

    /// Whether there is nothing in it (then no lookup is made).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.no_join.is_empty() && self.no_split.is_empty()
    }

    /// The user's ZWNJ mask for a joined key.
    pub fn word(&self, key: &[u8]) -> Option<u32> {
        if self.words.is_empty() {
            return None;
        }
        std::str::from_utf8(key)
            .ok()
            .and_then(|k| self.words.get(k).copied())
    }

    /// Whether the key must not be split.
    pub fn no_split(&self, key: &[u8]) -> bool {
        !self.no_split.is_empty()
            && std::str::from_utf8(key).is_ok_and(|k| self.no_split.contains(k))
    }

    /// Whether the gap between pieces `left` and `right` must not be joined.
    pub fn no_join(&self, left: &[u8], right: &[u8]) -> bool {
        if self.no_join.is_empty() {
            return false;
        }
        let mut s = Vec::with_capacity(left.len() + right.len() + 1);
        s.extend_from_slice(left);
        s.push(b' ');
        s.extend_from_slice(right);
        std::str::from_utf8(&s).is_ok_and(|k| self.no_join.contains(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_option() {
        let e = UserLexicon::new(&["abc".into()], &[], &[]).unwrap_err();
        assert!(e.contains("user_words[0]"), "{e}");
        let e = UserLexicon::new(&[], &["کتاب".into()], &[]).unwrap_err();
        assert!(e.contains("no_join[0]"), "{e}");
        let e = UserLexicon::new(&[], &[], &["".into()]).unwrap_err();
        assert!(e.contains("no_split[0]"), "{e}");
    }

    #[test]
    fn lookups() {
        let u =
            UserLexicon::new(&["نرم‌افزار".into()], &["چشم تر".into()], &["میدانی".into()]).unwrap();
        assert_eq!(u.word("نرمافزار".as_bytes()), Some(0b100));
        assert!(u.no_join("چشم".as_bytes(), "تر".as_bytes()));
        assert!(u.no_split("میدانی".as_bytes()));
    }
}
