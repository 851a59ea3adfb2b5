//! Protected spans: URLs, e-mail addresses, @mentions, #hashtags and Latin (foreign-script)
//! words. The normalizer passes them through byte-identical under every option, and the
//! tokenizer keeps each one whole.
//!
//! Detection is one left-to-right scan. Text that contains no ASCII letter, `@`, `#` or
//! foreign letter is rejected by a byte loop without decoding anything.

use crate::charset::{is_arabic_script, is_foreign_letter, is_format, is_letter};
use std::ops::Range;

/// What a protected span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProtectedKind {
    /// `scheme://…` or `www.…`, up to the next whitespace, minus trailing punctuation; or a
    /// bare domain name with a common top-level domain (`example.com`, `irna.ir/fa`).
    Url,
    /// `local@domain.tld`.
    Email,
    /// `@handle` (ASCII letters, digits, `_`, `.`; at least one letter).
    Mention,
    /// `#tag` (letters of any script, digits, `_`, inner ZWNJ).
    Hashtag,
    /// A run of non-Arabic, non-space characters containing a foreign letter, minus
    /// surrounding punctuation: `COVID-19`, `x=1`, `user_1`, `U.S.A`, `naïve`.
    Latin,
}

/// One protected span (byte offsets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Protected {
    /// Byte start.
    pub start: usize,
    /// Byte end (exclusive).
    pub end: usize,
    /// What it is.
    pub kind: ProtectedKind,
}

impl Protected {
    /// The span as a range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Characters that may sit inside a Latin run: anything but whitespace, Arabic-script text
/// (its digits excepted), guillemets and invisible format characters.
#[inline]
fn is_run_char(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_whitespace() && !c.is_ascii_control();
    }
    if is_arabic_script(c) {
        // U+061C (Arabic letter mark) is a format character like the other bidi marks.
        return crate::charset::is_digit(c) || is_format(c);
    }
    // Format characters are transparent inside a run (edges are trimmed of them), so that
    // removing one between two tokens cannot change how the text is split into runs.
    !(c.is_whitespace() || c == '«' || c == '»')
}

/// Punctuation stripped from the edges of a run (it belongs to the sentence, not the token).
#[inline]
fn is_edge_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '"'
            | '\''
            | '<'
            | '>'
            | '…'
            | '“'
            | '”'
            | '‘'
            | '’'
    )
}

#[inline]
fn is_word_char(c: char) -> bool {
    is_letter(c) || c.is_ascii_digit() || crate::charset::is_digit(c) || c == '_'
}

/// Whether a byte may start something protected; a fast reject for Persian-only text.
#[inline]
fn may_trigger(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'@' || b == b'#' || (b >= 0xC0 && !(0xD8..=0xDB).contains(&b))
}

/// Whether one of the first 32 bytes of `w` may trigger: [`may_trigger`] without the lead
/// bytes of U+0080..U+00BF (C2) and of U+2000..U+203F (E2 80: ZWNJ, dashes, quotes), which
/// are never letters. Branch-free, so that it vectorizes.
#[inline(always)]
fn window_may_trigger(w: &[u8; 33]) -> bool {
    let mut acc = false;
    for k in 0..32 {
        let (b, b1) = (w[k], w[k + 1]);
        acc |= ((b | 0x20).wrapping_sub(b'a') < 26)
            | (b == b'@')
            | (b == b'#')
            | ((b >= 0xc3) & (b.wrapping_sub(0xd8) >= 4) & !((b == 0xe2) & (b1 == 0x80)));
    }
    acc
}

/// Walks the protected spans of a text in step with a left-to-right scan of it.
pub struct Cursor<'a> {
    spans: &'a [Protected],
    next: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of the text.
    pub fn new(spans: &'a [Protected]) -> Self {
        Cursor { spans, next: 0 }
    }

    /// Where the next span starts (`usize::MAX` when there is none): scans may run freely
    /// up to here.
    #[inline]
    pub fn next_start(&self) -> usize {
        self.spans.get(self.next).map_or(usize::MAX, |p| p.start)
    }

    /// The span to skip when the scan has reached position `i`.
    #[inline]
    pub fn take_at(&mut self, i: usize) -> Option<&'a Protected> {
        let p = self.spans.get(self.next).filter(|p| i >= p.start)?;
        self.next += 1;
        Some(p)
    }
}

/// Finds the protected spans of `text`, sorted and non-overlapping.
pub fn find_protected(text: &str) -> Vec<Protected> {
    let mut out = Vec::new();
    find_protected_into(text, &mut out);
    out
}

/// Like [`find_protected`], appending to `out` (which it clears first).
pub fn find_protected_into(text: &str, out: &mut Vec<Protected>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Skip 32 bytes at a time while none may trigger (most of a Persian text).
        while let Some(w) = bytes.get(i..).and_then(<[u8]>::first_chunk::<33>) {
            if window_may_trigger(w) {
                break;
            }
            i += 32;
        }
        if i >= bytes.len() {
            break;
        }
        if !may_trigger(bytes[i]) {
            i += 1;
            continue;
        }
        // U+2000–203F (spaces, ZWNJ, bidi controls, dashes, quotes): never letters.
        if bytes[i] == 0xE2 && bytes.get(i + 1) == Some(&0x80) {
            i += 3;
            continue;
        }
        // Non-ASCII lead byte outside the Arabic block: only a foreign letter triggers.
        if bytes[i] >= 0x80 {
            let c = text[i..].chars().next().unwrap_or(' ');
            if !is_foreign_letter(c) {
                i += c.len_utf8();
                continue;
            }
        }
        // The chunk: the whitespace-delimited piece around i. Its start is never before the
        // end of what was already handled.
        let floor = out.last().map_or(0, |p| p.end);
        let mut cs = i;
        for (j, c) in text[floor..i].char_indices().rev() {
            if c.is_whitespace() {
                break;
            }
            cs = floor + j;
        }
        let ce = text[i..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(text.len(), |(j, _)| i + j);
        scan_chunk(text, cs, ce, out);
        i = ce;
    }
}

/// Finds the protected spans inside one whitespace-free chunk.
fn scan_chunk(text: &str, cs: usize, ce: usize, out: &mut Vec<Protected>) {
    let mut p = cs;
    let mut prev: Option<char> = None;
    while p < ce {
        let c = match text[p..].chars().next() {
            Some(c) => c,
            None => break,
        };
        // `prev` looks through marks: a mark on a letter glues the '#' to that word, a stray
        // one (which a later step may remove) does not change what the '#' opens.
        if c == '#' && !prev.is_some_and(is_word_char) {
            if let Some(end) = hashtag_end(text, p + 1, ce) {
                out.push(Protected {
                    start: p,
                    end,
                    kind: ProtectedKind::Hashtag,
                });
                prev = last_visible(&text[..end]);
                p = end;
                continue;
            }
        }
        if is_run_char(c) {
            // A run stops before a '#' that can open a hashtag, so "(#tag" finds the tag.
            let mut r = ce;
            let mut last = None;
            for (j, d) in text[p..ce].char_indices() {
                let hashtag = d == '#' && j > 0 && !last.is_some_and(is_word_char);
                // Arabic marks inside a run are transparent like format characters, so that
                // removing a stray diacritic cannot join two runs into a different span.
                let mark = j > 0 && is_mark_or_kashida(d);
                if !(is_run_char(d) || mark) || hashtag {
                    r = p + j;
                    break;
                }
                // (through marks and kashida too, as `prev` above: removing one must not
                // turn a '#' glued to a word into one that opens a tag)
                if !is_format(d) && !is_mark_or_kashida(d) {
                    last = Some(d);
                }
            }
            if url_in(&text[p..r]).is_some() {
                // The whole run is the URL (minus leading punctuation): where a glued prefix
                // ends cannot be told, and removing an invisible character must not move it.
                let us = text[p..r]
                    .char_indices()
                    .find(|&(_, c)| !is_edge_punct(c) && !is_format(c) && !is_mark_or_kashida(c))
                    .map_or(r, |(j, _)| p + j);
                let end = trim_url_end(text, us, ce);
                out.push(Protected {
                    start: us,
                    end,
                    kind: ProtectedKind::Url,
                });
                prev = last_visible(&text[..end]);
                p = end;
                continue;
            }
            if let Some(span) = classify_run(text, p, r) {
                out.push(span);
            }
            p = r;
            prev = last_visible(&text[..p]);
            continue;
        }
        if !is_format(c) && !is_mark_or_kashida(c) {
            prev = Some(c);
        }
        p += c.len_utf8();
    }
}

/// Arabic marks and kashida: a step may remove them, so inside a run they are transparent
/// (removing one must not join two runs into a different span). The medial presentation
/// forms of the marks (ﹹ = kashida + damma) too: they expand to exactly that.
#[inline]
fn is_mark_or_kashida(c: char) -> bool {
    crate::charset::is_arabic_mark(c) || c == '\u{0640}' || crate::charset::is_medial_mark_form(c)
}

/// The last character of `s` that is not an invisible format character.
fn last_visible(s: &str) -> Option<char> {
    s.chars()
        .rev()
        .find(|&c| !is_format(c) && !is_mark_or_kashida(c))
}

/// End of a hashtag body starting at `p` (after `#`), or None if it has no word character.
fn hashtag_end(text: &str, p: usize, ce: usize) -> Option<usize> {
    // Inner ZWNJs, other invisible characters and marks belong to the tag (so removing
    // one cannot change where it ends); trailing ones do not.
    let mut last_word = p;
    let mut prev_ascii_alnum = false;
    for (j, c) in text[p..ce].char_indices() {
        // A URL glued to the tag ends it: "#taghttps://…" is a tag and a URL, "#tag0https://…"
        // too (the digits stay with the tag). Invisible characters are looked through, so
        // removing one cannot move the end.
        if c.is_ascii_alphanumeric() && !prev_ascii_alnum {
            if let Some(k) = url_in(&text[p + j..ce]) {
                let head = &text[p + j..p + j + k];
                if head
                    .chars()
                    .all(|d| d.is_ascii_alphanumeric() || is_transparent(d))
                {
                    for (jj, d) in head.char_indices() {
                        if d.is_ascii_alphanumeric() {
                            last_word = p + j + jj + 1;
                        }
                    }
                    break;
                }
            }
        }
        if !is_transparent(c) {
            prev_ascii_alnum = c.is_ascii_alphanumeric();
        }
        if is_word_char(c) {
            last_word = p + j + c.len_utf8();
        } else if !(is_transparent(c) || c == '¬') {
            // `¬` typed as a half-space is inner too: the character step would make it a ZWNJ,
            // and the tag must end in the same place before and after.
            break;
        }
    }
    (last_word > p).then_some(last_word)
}

/// Classifies the run `text[p..r]`, which holds no URL.
fn classify_run(text: &str, p: usize, r: usize) -> Option<Protected> {
    let run = &text[p..r];
    // Leading edge punctuation is not part of a token.
    let lead = run
        .char_indices()
        .find(|&(_, c)| !is_edge_punct(c) && !is_format(c) && !is_mark_or_kashida(c))
        .map_or(run.len(), |(j, _)| j);
    let a = p + lead;
    if a >= r {
        return None;
    }
    // Trailing edge punctuation goes too.
    let mut b = r;
    while b > a {
        let c = text[..b].chars().next_back()?;
        if is_edge_punct(c) || is_format(c) || is_mark_or_kashida(c) {
            b -= c.len_utf8();
        } else {
            break;
        }
    }
    if b <= a {
        return None;
    }
    let tok = &text[a..b];
    if let Some(h) = tok.strip_prefix('@') {
        // A handle has a letter: `@123` is not one (and, glued to the text before it, a run
        // with a mention must read as a Latin span like the mention itself).
        if h.bytes().any(|c| c.is_ascii_alphabetic())
            && h.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'.')
        {
            return Some(Protected {
                start: a,
                end: b,
                kind: ProtectedKind::Mention,
            });
        }
    }
    if is_email(tok) {
        return Some(Protected {
            start: a,
            end: b,
            kind: ProtectedKind::Email,
        });
    }
    // An address glued to the Persian word before it (تماسinfo@site.ir): its local part is
    // ASCII, so it starts after the last other character before its '@' (the last '@': the
    // address is what ends the run). That character must be a letter: not one a step may
    // remove or rewrite into what reads otherwise (a mark, a quote), which would move the
    // start; such a run reads as a Latin span below, before and after.
    if let Some(at) = tok.rfind('@') {
        if let Some((k, c)) = tok[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_ascii() && !is_transparent(c))
        {
            let k = k + c.len_utf8();
            if crate::charset::is_arabic_letter(c) && is_email(&tok[k..]) {
                return Some(Protected {
                    start: a + k,
                    end: b,
                    kind: ProtectedKind::Email,
                });
            }
        }
    }
    if is_bare_domain(tok) {
        return Some(Protected {
            start: a,
            end: b,
            kind: ProtectedKind::Url,
        });
    }
    if tok.chars().any(is_foreign_letter) {
        // The word starts at its first letter or digit: symbols before it (`⁉":>i`) are not
        // part of it, so that a space a step removes before them (`⁉" :>i`) cannot change
        // what is protected.
        let lead = tok
            .char_indices()
            .find(|&(_, c)| is_foreign_letter(c) || crate::charset::is_digit(c))
            .map_or(0, |(j, _)| j);
        return Some(Protected {
            start: a + lead,
            end: b,
            kind: ProtectedKind::Latin,
        });
    }
    None
}

/// Characters a later step may remove (invisible format characters, Arabic marks, kashida):
/// URL and hashtag boundaries are decided through them, so that removing one cannot move a
/// boundary.
#[inline]
fn is_transparent(c: char) -> bool {
    is_format(c) || is_mark_or_kashida(c)
}

/// Offset of the first URL start inside the run `s`: `scheme://` (a scheme of ASCII letters,
/// digits, `+ - .` starting with a letter) or `www.` not preceded by a letter or digit
/// (both seen through [`is_transparent`] characters).
fn url_in(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let www = (0..b.len().saturating_sub(4)).find(|&k| {
        b[k..k + 4].eq_ignore_ascii_case(b"www.")
            && !s[..k]
                .chars()
                .rev()
                .find(|&c| !is_transparent(c))
                .is_some_and(|c| c.is_ascii_alphanumeric())
    });
    let scheme = s.find("://").and_then(|colon| {
        let mut start = colon;
        for (j, c) in s[..colon].char_indices().rev() {
            if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') || is_transparent(c) {
                start = j;
            } else {
                break;
            }
        }
        // The scheme starts at a letter: "1https://" is "1" + a URL.
        let start = start + b[start..colon].iter().position(u8::is_ascii_alphabetic)?;
        let ok = b[start..colon].iter().filter(|c| c.is_ascii()).count() <= 20;
        ok.then_some(start)
    });
    match (www, scheme) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A URL runs to the end of its chunk, minus trailing punctuation (a closing bracket stays when
/// the URL opened one).
fn trim_url_end(text: &str, start: usize, ce: usize) -> usize {
    let mut end = ce;
    while end > start {
        let c = match text[start..end].chars().next_back() {
            Some(c) => c,
            None => break,
        };
        let opened = |o: char| text[start..end].contains(o);
        let strip = match c {
            ')' => !opened('('),
            ']' => !opened('['),
            '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '»' | '«' | '،' | '؛' | '؟' | '…' => {
                true
            }
            // Invisible controls glued to the URL's end are cleaned, not protected.
            _ if is_format(c) => true,
            _ => false,
        };
        if strip {
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Common top-level domains: a bare `name.tld` is a domain name only with one of these (so
/// `file.txt`, `Node.js` and `U.S.A` are not).
const TLDS: &[&str] = &[
    "af", "ai", "app", "ar", "at", "au", "be", "biz", "br", "ca", "cc", "ch", "cn", "co", "com",
    "de", "dev", "edu", "es", "eu", "fr", "gov", "id", "in", "info", "int", "io", "ir", "it", "jp",
    "me", "mil", "net", "nl", "org", "pk", "pro", "ru", "se", "tj", "tr", "tv", "uk", "us", "ws",
    "xyz",
];

/// `label.label…tld` (ASCII letters, digits, `-`), optionally followed by `/path`.
fn is_bare_domain(s: &str) -> bool {
    let host = s.split_once('/').map_or(s, |(h, _)| h);
    let Some((name, tld)) = host.rsplit_once('.') else {
        return false;
    };
    !name.is_empty()
        && name.split('.').all(|l| {
            !l.is_empty()
                && l.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
                && !l.starts_with('-')
        })
        && name.bytes().any(|c| c.is_ascii_alphabetic())
        && TLDS.iter().any(|t| t.eq_ignore_ascii_case(tld))
}

/// `local@domain.tld` with an ASCII local part (no dot at its ends, no two dots in a row) and
/// a dotted domain ending in letters.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    if local.is_empty()
        || local.starts_with('.')
        || local.ends_with('.')
        || local.contains("..")
        || !local
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-'))
    {
        return false;
    }
    let Some((_, tld)) = domain.rsplit_once('.') else {
        return false;
    };
    tld.len() >= 2
        && tld.bytes().all(|c| c.is_ascii_alphabetic())
        && domain
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-'))
        && !domain.starts_with('.')
        && !domain.contains("..")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(t: &str) -> Vec<(&str, ProtectedKind)> {
        find_protected(t)
            .iter()
            .map(|p| (&t[p.range()], p.kind))
            .collect()
    }

    #[test]
    fn finds_each_kind() {
        use ProtectedKind::*;
        let t = "سایت https://example.com/a_b?x=1 و ایمیل info@site.ir و @user_1 #هشتگ_فارسی";
        assert_eq!(
            spans(t),
            vec![
                ("https://example.com/a_b?x=1", Url),
                ("info@site.ir", Email),
                ("@user_1", Mention),
                ("#هشتگ_فارسی", Hashtag)
            ]
        );
        assert_eq!(
            spans("بیماری COVID-19 و x=1 و (U.S.A)."),
            vec![("COVID-19", Latin), ("x=1", Latin), ("U.S.A", Latin)]
        );
        assert_eq!(spans("Is it OK? yes, 100%"), {
            vec![("Is", Latin), ("it", Latin), ("OK", Latin), ("yes", Latin)]
        });
    }

    #[test]
    fn an_address_glued_to_persian_text() {
        use ProtectedKind::*;
        assert_eq!(spans("تماسinfo@site.ir"), vec![("info@site.ir", Email)]);
        assert_eq!(spans("ایمیل:a.b@site.ir"), vec![("a.b@site.ir", Email)]);
        // after a digit or a quote (which a step rewrites), it is a Latin span
        assert_eq!(spans("م@,٣o@e.ir"), vec![("٣o@e.ir", Latin)]);
        assert_eq!(spans("ث@“x@e.ir"), vec![("x@e.ir", Latin)]);
        // dots at the ends of a local part or two in a row make no address
        assert!(is_email("a.b@x.ir") && !is_email("a..b@x.ir"));
        assert!(!is_email(".a@x.ir") && !is_email("a.@x.ir"));
        // a '#' glued to the address reads the same with a kashida before it or not
        assert_eq!(spans("info@site.irـ#"), vec![("info@site.irـ#", Latin)]);
        assert_eq!(spans("info@site.ir#"), vec![("info@site.ir#", Latin)]);
    }

    #[test]
    fn numbers_and_persian_are_not_protected() {
        assert!(spans("قیمت 1,250.75 دلار و ساعت 22:30 نسخه 2.0.1 و ۱۴۰۲/۰۵/۱۲").is_empty());
    }

    #[test]
    fn url_trailing_punct_and_persian_path() {
        let t = "ببینید (https://fa.wikipedia.org/wiki/ایران).";
        assert_eq!(
            spans(t),
            vec![("https://fa.wikipedia.org/wiki/ایران", ProtectedKind::Url)]
        );
        let t = "www.site.ir، و";
        assert_eq!(spans(t), vec![("www.site.ir", ProtectedKind::Url)]);
    }

    #[test]
    fn bare_domains() {
        use ProtectedKind::*;
        assert_eq!(
            spans("سایت google.com و irna.ir/fa و file.txt و Node.js."),
            vec![
                ("google.com", Url),
                ("irna.ir/fa", Url),
                ("file.txt", Latin),
                ("Node.js", Latin)
            ]
        );
    }

    #[test]
    fn glued_to_persian() {
        assert_eq!(
            spans("سلامhello دنیا"),
            vec![("hello", ProtectedKind::Latin)]
        );
    }
}
