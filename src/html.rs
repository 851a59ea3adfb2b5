//! Step 8 (option `html`, off by default): HTML entities unescaped and tags dropped.
//!
//! Named entities from a short list of the ones seen in scraped Persian text (`&zwnj;`,
//! `&nbsp;`, `&amp;`, quotes, dashes …) and every numeric entity (`&#1740;`, `&#x6CC;`) are
//! unescaped; unknown names stay as written. Tags (`<b>`, `</p>`, `<br/>`, comments) are
//! dropped; block-level tags become a line break so paragraphs survive.

use crate::edit::{Changes, Rewriter};
use crate::rules::Rule;

const NAMED: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", "\u{A0}"),
    ("zwnj", "\u{200C}"),
    ("zwj", "\u{200D}"),
    ("lrm", "\u{200E}"),
    ("rlm", "\u{200F}"),
    ("shy", "\u{AD}"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("hellip", "…"),
    ("ndash", "–"),
    ("mdash", "—"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("bull", "•"),
    ("middot", "·"),
    ("times", "×"),
    ("divide", "÷"),
    ("copy", "©"),
    ("reg", "®"),
    ("deg", "°"),
];

const BLOCK_TAGS: &[&str] = &[
    "br",
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "hr",
    "header",
    "footer",
];

/// Runs the HTML step. `None` when nothing changed.
pub fn unescape_and_strip(input: &str) -> Option<(String, Changes)> {
    let mut w = Rewriter::new(input);
    let b = input.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'&' => {
                if let Some((end, rep)) = entity(input, i) {
                    let mut buf = [0u8; 4];
                    let s = match rep {
                        Rep::Str(s) => s,
                        Rep::Char(c) => c.encode_utf8(&mut buf),
                    };
                    w.replace(i, end, s, Rule::HtmlEntity.into());
                    i = end;
                    continue;
                }
            }
            b'<' => {
                if let Some((end, block)) = tag(input, i) {
                    w.replace(i, end, if block { "\n" } else { "" }, Rule::HtmlTag.into());
                    i = end;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    w.finish()
}

enum Rep {
    Str(&'static str),
    Char(char),
}

fn entity(s: &str, i: usize) -> Option<(usize, Rep)> {
    let rest = &s[i + 1..];
    let semi = rest.bytes().take(12).position(|c| c == b';')?;
    let name = &rest[..semi];
    let end = i + 1 + semi + 1;
    if let Some(num) = name.strip_prefix('#') {
        let v = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        let c = char::from_u32(v).filter(|&c| c != '\0')?;
        return Some((end, Rep::Char(c)));
    }
    NAMED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, r)| (end, Rep::Str(r)))
}

/// A tag or comment at `i`: its end and whether it is a block-level tag.
fn tag(s: &str, i: usize) -> Option<(usize, bool)> {
    let rest = &s[i..];
    if rest.starts_with("<!--") {
        let e = rest.find("-->")?;
        return Some((i + e + 3, false));
    }
    let b = rest.as_bytes();
    let first = *b.get(1)?;
    if !(first.is_ascii_alphabetic() || first == b'/' || first == b'!') {
        return None;
    }
    // A tag ends at the first '>' before any '<' or line break.
    let e = rest[1..].find(['>', '<', '\n'])? + 1;
    if b[e] != b'>' {
        return None;
    }
    let name: String = rest[1..e]
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if name.is_empty() && first != b'!' {
        return None;
    }
    Some((i + e + 1, BLOCK_TAGS.contains(&name.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_tags() {
        let (t, _) = unescape_and_strip("<p>کتاب&zwnj;ها &amp; <b>دفتر</b>&#1740;</p>x").unwrap();
        assert_eq!(t, "\nکتاب\u{200C}ها & دفتر\u{6CC}\nx");
        assert!(unescape_and_strip("a < b && c > d").is_none());
    }
}
