//! URLs, e-mails, domain names, @mentions and #hashtags as whole tokens.

use super::chars::{char_at, char_before, is_digit, is_joiner, is_letter};
use super::TokenKind;

/// Common top-level domains: a bare `name.tld` is a domain name only with one of these.
const TLDS: &[&str] = &[
    "af", "ai", "app", "ar", "at", "au", "be", "biz", "br", "ca", "cc", "ch", "cn", "co", "com",
    "de", "dev", "edu", "es", "eu", "fr", "gov", "id", "in", "info", "int", "io", "ir", "it", "jp",
    "me", "mil", "net", "nl", "org", "pk", "pro", "ru", "se", "tj", "tr", "tv", "uk", "us", "ws",
    "xyz",
];

#[inline]
fn is_url_char(c: char) -> bool {
    !(c.is_whitespace()
        || matches!(
            c,
            '«' | '»' | '"' | '<' | '>' | '،' | '؛' | '\u{201c}' | '\u{201d}'
        )
        || super::chars::is_emoji_base(c))
}

#[inline]
fn is_host_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Trailing characters that end a sentence or a clause rather than a URL.
fn trim_url_end(text: &str, start: usize, mut end: usize) -> usize {
    loop {
        let Some(c) = char_before(text, end) else {
            return end;
        };
        if end <= start {
            return end;
        }
        let strip = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '؟' | '…' => true,
            ')' => {
                let s = &text[start..end];
                s.matches('(').count() < s.matches(')').count()
            }
            ']' => {
                let s = &text[start..end];
                s.matches('[').count() < s.matches(']').count()
            }
            _ => false,
        };
        if !strip {
            return end;
        }
        end -= c.len_utf8();
    }
}

/// A special token starting at byte `i` (`c` is the char there, `prev` the one before): its end
/// and kind.
pub(crate) fn special_at(
    text: &str,
    i: usize,
    c: char,
    prev: Option<char>,
) -> Option<(usize, TokenKind)> {
    // Glued to a preceding letter or digit: not a token start («a@b» is handled from «a»).
    if prev.is_some_and(|p| p.is_alphanumeric() || p == '_' || p == '.' || p == '/' || p == '@') {
        return None;
    }
    let rest = &text[i..];
    match c {
        '@' | '#' => {
            let mut j = i + 1;
            let mut any = false;
            while let Some(d) = char_at(text, j) {
                if is_letter(d) || is_digit(d) || d == '_' || (any && is_joiner(d)) {
                    any |= !is_digit(d) || c == '#';
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            // «#۱» is a hashtag; «@» needs a letter or underscore somewhere.
            let body = &text[i + 1..j];
            if body.is_empty() || (c == '@' && !any) {
                return None;
            }
            let kind = if c == '@' {
                TokenKind::Mention
            } else {
                TokenKind::Hashtag
            };
            Some((j, kind))
        }
        'a'..='z' | 'A'..='Z' | '0'..='9' => {
            let lower = rest.get(..8).map(|s| s.to_ascii_lowercase());
            let lower = lower.as_deref().unwrap_or(rest);
            if lower.starts_with("http://")
                || lower.starts_with("https://")
                || lower.starts_with("ftp://")
                || lower.starts_with("www.")
            {
                let mut j = i;
                while let Some(d) = char_at(text, j) {
                    if !is_url_char(d) {
                        break;
                    }
                    j += d.len_utf8();
                }
                let j = trim_url_end(text, i, j);
                if j > i + 7 || (lower.starts_with("www.") && j > i + 5) {
                    return Some((j, TokenKind::Url));
                }
                return None;
            }
            // E-mail or bare domain: an ASCII run of [A-Za-z0-9._%+-], then '@' or a dot-TLD.
            let mut j = i;
            let b = text.as_bytes();
            while j < b.len()
                && (b[j].is_ascii_alphanumeric()
                    || matches!(b[j], b'.' | b'_' | b'%' | b'+' | b'-'))
            {
                j += 1;
            }
            if j < b.len() && b[j] == b'@' {
                // local@host.tld
                let local_end = j;
                if local_end == i || b[local_end - 1] == b'.' {
                    return None;
                }
                let h = j + 1;
                let mut k = h;
                while k < b.len() && (is_host_char(b[k] as char) || b[k] == b'.') {
                    k += 1;
                }
                let k = trim_url_end(text, h, k);
                let host = &text[h..k];
                if host.contains('.')
                    && !host.starts_with('.')
                    && host
                        .rsplit('.')
                        .next()
                        .is_some_and(|t| t.len() >= 2 && t.bytes().all(|x| x.is_ascii_alphabetic()))
                {
                    return Some((k, TokenKind::Email));
                }
                return None;
            }
            // Bare domain: labels of host chars, last one a known TLD, optionally a path.
            let run = &text[i..j];
            let host_end = run.find(['/', '%', '+']).map_or(j, |k| i + k);
            let host = trim_url_end(text, i, host_end);
            let hs = &text[i..host];
            if !hs.contains('.') {
                return None;
            }
            let tld = hs.rsplit('.').next().unwrap_or("");
            let tld_l = tld.to_ascii_lowercase();
            if !TLDS.contains(&tld_l.as_str()) || hs.split('.').any(|l| l.is_empty()) {
                return None;
            }
            // With a path: take the URL characters after the host.
            let mut end = host;
            if text[host..].starts_with('/') {
                while let Some(d) = char_at(text, end) {
                    if !is_url_char(d) {
                        break;
                    }
                    end += d.len_utf8();
                }
                end = trim_url_end(text, i, end);
            }
            Some((end, TokenKind::Url))
        }
        _ => None,
    }
}
