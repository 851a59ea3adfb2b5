//! `join_verb_parts`: multi-part verbs as one token, after hazm's `WordTokenizer` option of that
//! name (MIT): future tense «خواهد رفت», perfect and passive «گفته شده است», «رفته بود», plus
//! compound verbs with a common light verb «نگاه کرد», «استفاده خواهد کرد».
//!
//! Working from the right, a word joins the group after it when it is a future auxiliary
//! («خواهم» … «نخواهند»), or when it is a past participle (a past stem from hazm's `verbs.dat`
//! plus «ه», optionally negated) and the group is an auxiliary («است», «شده بود», «می‌شود» …),
//! or when it is one of [`LIGHT_NOUNS`] and the group starts with a light verb («کرد»،
//! «می‌کند»، «خواهد کرد» …). Only words separated by spaces on one line are joined.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::{Token, TokenKind};

const PERSONS_PAST: &[&str] = &["م", "ی", "", "یم", "ید", "ند"];
const PERSONS_PRESENT: &[&str] = &["م", "ی", "د", "یم", "ید", "ند"];
const BE: &[&str] = &["ام", "ای", "است", "ایم", "اید", "اند"];
const FUTURE: &[&str] = &[
    "خواهم",
    "خواهی",
    "خواهد",
    "خواهیم",
    "خواهید",
    "خواهند",
    "نخواهم",
    "نخواهی",
    "نخواهد",
    "نخواهیم",
    "نخواهید",
    "نخواهند",
];
/// Nouns and adjectives that make compound verbs with a light verb (کردن، شدن، دادن …).
pub const LIGHT_NOUNS: &[&str] = &[
    "آغاز",
    "ادامه",
    "ارائه",
    "استفاده",
    "اضافه",
    "اعلام",
    "انتخاب",
    "انجام",
    "ایجاد",
    "برگزار",
    "بیان",
    "تبدیل",
    "تشکیل",
    "تصمیم",
    "تلاش",
    "تولید",
    "حذف",
    "حمایت",
    "دریافت",
    "دنبال",
    "شروع",
    "صحبت",
    "فکر",
    "قبول",
    "کمک",
    "گوش",
    "مطرح",
    "منتشر",
    "نگاه",
    "پیدا",
    "کار",
];
const LIGHT_PAST: &[&str] = &["کرد", "شد", "داد", "زد", "گرفت", "داشت", "یافت", "نمود"];
const LIGHT_PRESENT: &[&str] = &["کن", "شو", "ده", "زن", "گیر", "دار", "یاب", "نما"];

fn stems() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| {
        include_str!("verb_stems.txt")
            .lines()
            .filter(|l| !l.is_empty())
            .collect()
    })
}

/// A past participle: past stem + «ه», or «ن» + past stem + «ه».
fn is_participle(w: &str) -> bool {
    let Some(stem) = w.strip_suffix('ه') else {
        return false;
    };
    stems().contains(stem) || stem.strip_prefix('ن').is_some_and(|s| stems().contains(s))
}

fn one_of(w: &str, stem: &str, ends: &[&str]) -> bool {
    w.strip_prefix(stem).is_some_and(|r| ends.contains(&r))
}

/// «شد»، «نمی‌شوند»، «می‌شدم» …: a form of شدن that makes the passive.
fn is_shodan(w: &str) -> bool {
    let w = w
        .strip_prefix("نمی\u{200c}")
        .or_else(|| w.strip_prefix("می\u{200c}"))
        .or_else(|| w.strip_prefix('ن'))
        .unwrap_or(w);
    one_of(w, "شد", PERSONS_PAST) || one_of(w, "شو", PERSONS_PRESENT)
}

/// A light verb form: «کرد»، «کرده»، «نمی‌کند»، «بکن» ….
fn is_light(w: &str) -> bool {
    let mut past_ends: Vec<&str> = PERSONS_PAST.to_vec();
    past_ends.push("ه");
    for prefix in ["", "نمی\u{200c}", "می\u{200c}", "ن", "ب"] {
        let Some(rest) = w.strip_prefix(prefix) else {
            continue;
        };
        if LIGHT_PAST.iter().any(|s| one_of(rest, s, &past_ends))
            || LIGHT_PRESENT
                .iter()
                .any(|s| one_of(rest, s, PERSONS_PRESENT) || (prefix == "ب" && rest == *s))
        {
            return true;
        }
    }
    false
}

/// An auxiliary group that a participle joins: «است»، «بود»، «باشد»، «شد»، «شده است» ….
fn is_after_verb(g: &[&str]) -> bool {
    match g {
        [w] => {
            BE.contains(w)
                || one_of(w, "بود", PERSONS_PAST)
                || one_of(w, "باش", PERSONS_PRESENT)
                || is_shodan(w)
        }
        [a, b] if *a == "شده" || *a == "نشده" => {
            BE.contains(b) || one_of(b, "بود", PERSONS_PAST) || one_of(b, "باش", PERSONS_PRESENT)
        }
        [a, b] => FUTURE.contains(a) && *b == "شد",
        _ => false,
    }
}

/// A group headed by a light verb: «کرد»، «کرده است»، «خواهد کرد».
fn is_light_group(g: &[&str]) -> bool {
    match g {
        [a, ..] if is_light(a) => true,
        [a, b, ..] => FUTURE.contains(a) && is_light(b),
        _ => false,
    }
}

/// Joins verb parts in `tokens` (in place).
pub(crate) fn join_verb_parts(text: &str, tokens: &mut Vec<Token>) {
    if tokens.len() < 2 {
        return;
    }
    // Groups from the right: (first token index, last token index).
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut group: Vec<&str> = Vec::with_capacity(4);
    let mut k = tokens.len();
    while k > 0 {
        k -= 1;
        let t = tokens[k];
        let w = &text[t.start..t.end];
        let joinable = t.kind == TokenKind::Word
            && out.last().is_some_and(|g: &Token| {
                g.kind == TokenKind::Word
                    && text[t.end..g.start]
                        .chars()
                        .all(|c| c == ' ' || c == '\t' || c == '\u{a0}')
            });
        let join = joinable
            && (FUTURE.contains(&w)
                || (is_participle(w) && is_after_verb(&group))
                || (LIGHT_NOUNS.contains(&w) && is_light_group(&group)));
        // `joinable` implies a previous token to join.
        let last = if join { out.last_mut() } else { None };
        if let Some(g) = last {
            g.start = t.start;
            group.insert(0, w);
        } else {
            out.push(t);
            group.clear();
            if t.kind == TokenKind::Word {
                group.push(w);
            }
        }
    }
    out.reverse();
    *tokens = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert!(is_participle("گفته"));
        assert!(is_participle("نرفته"));
        assert!(!is_participle("خانه"));
        assert!(is_light("کرد"));
        assert!(is_light("می\u{200c}کنند"));
        assert!(is_light("کرده"));
        assert!(is_after_verb(&["شده", "است"]));
        assert!(is_after_verb(&["خواهد", "شد"]));
    }
}
