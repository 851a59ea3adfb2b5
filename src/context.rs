//! "Persian context": whether a digit or punctuation mark stands among Persian words.
//!
//! The rule, used by the digit and punctuation steps alike: the nearest letter before the
//! position on the same line decides (Arabic script → Persian context); when the line has no
//! letter before it, the nearest letter after it on the line decides. Protected spans count as
//! their letters (a URL or Latin word is foreign). The look-ahead result is cached until the
//! letter it found, so a line of many numbers stays linear.

use crate::charset::{is_arabic_letter, is_foreign_letter};
use crate::protect::{Protected, ProtectedKind};

/// Script of the nearest letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    /// No letter yet on this line.
    None,
    /// Arabic-script letter.
    Persian,
    /// Any other letter.
    Foreign,
}

/// Tracks the script of the last letter seen on the current line.
pub struct Context {
    last: Script,
    /// Cached look-ahead: (valid while position < this, answer).
    ahead: Option<(usize, Script)>,
}

impl Default for Context {
    fn default() -> Self {
        Context {
            last: Script::None,
            ahead: None,
        }
    }
}

impl Context {
    /// Notes a character that was passed over.
    #[inline]
    pub fn see(&mut self, c: char) {
        if c == '\n' {
            self.last = Script::None;
            self.ahead = None;
        } else if is_arabic_letter(c) {
            self.last = Script::Persian;
        } else if !c.is_ascii() && is_foreign_letter(c) || c.is_ascii_alphabetic() {
            self.last = Script::Foreign;
        }
    }

    /// Notes that an Arabic-script letter was passed over.
    #[inline]
    pub fn set_persian(&mut self) {
        self.last = Script::Persian;
    }

    /// Notes a protected span that was passed over.
    pub fn see_protected(&mut self, text: &str, p: &Protected) {
        self.last = script_of_protected(text, p);
    }

    /// Whether position `pos` of `text` (on the current line) is in Persian context.
    pub fn is_persian(&mut self, text: &str, pos: usize, protected: &[Protected]) -> bool {
        match self.last {
            Script::Persian => true,
            Script::Foreign => false,
            Script::None => {
                if let Some((until, s)) = self.ahead {
                    if pos < until {
                        return s == Script::Persian;
                    }
                }
                let (until, s) = look_ahead(text, pos, protected);
                self.ahead = Some((until, s));
                s == Script::Persian
            }
        }
    }
}

fn script_of_protected(text: &str, p: &Protected) -> Script {
    match p.kind {
        ProtectedKind::Hashtag => match text[p.range()].chars().rev().find(|c| c.is_alphabetic()) {
            Some(c) if is_arabic_letter(c) => Script::Persian,
            Some(_) => Script::Foreign,
            None => Script::None,
        },
        _ => Script::Foreign,
    }
}

/// First letter after `pos` on the line: its position and script.
fn look_ahead(text: &str, pos: usize, protected: &[Protected]) -> (usize, Script) {
    let mut k = protected.partition_point(|p| p.end <= pos);
    // A span without a letter (#123) is passed over whole, as the scan passes it: the letters
    // after it decide, not the characters inside it.
    let mut skip_to = pos;
    for (j, c) in text[pos..].char_indices() {
        let at = pos + j;
        if at < skip_to {
            continue;
        }
        if let Some(p) = protected.get(k) {
            if at >= p.start {
                k += 1;
                let s = script_of_protected(text, p);
                if s != Script::None {
                    return (at, s);
                }
                skip_to = p.end;
                if at < skip_to {
                    continue;
                }
            }
        }
        if c == '\n' {
            return (at, Script::None);
        }
        if is_arabic_letter(c) {
            return (at, Script::Persian);
        }
        if is_foreign_letter(c) {
            return (at, Script::Foreign);
        }
    }
    (text.len(), Script::None)
}
