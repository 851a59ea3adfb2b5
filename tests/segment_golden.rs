//! Golden tables (tests/data/sentences.tsv, tests/data/words.tsv) and property tests of the
//! segmenter.

use paknevis::segment::{sentence_spans, tokenize, SegmentOptions, TokenKind};
use proptest::prelude::*;

/// Undoes the table escapes: `\n` `\r` `\t` `\uXXXX` `\\`.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let hex: String = it.by_ref().take(4).collect();
                let cp = u32::from_str_radix(&hex, 16).expect("four hex digits after \\u");
                out.push(char::from_u32(cp).expect("a scalar value"));
            }
            other => panic!("bad escape \\{other:?}"),
        }
    }
    out
}

struct Case {
    line: usize,
    input: String,
    expected: Vec<String>,
    opts: SegmentOptions,
    kinds: Vec<String>,
}

fn read_table(name: &str) -> Vec<Case> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read_to_string(&path).expect("table file");
    let mut cases = Vec::new();
    for (k, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 2, "{name}:{}: needs two columns", k + 1);
        let expected = if cols[1].is_empty() {
            Vec::new()
        } else {
            cols[1].split(" | ").map(unescape).collect()
        };
        let mut opts = SegmentOptions::new();
        for o in cols
            .get(2)
            .unwrap_or(&"")
            .split(',')
            .filter(|o| !o.is_empty())
        {
            opts = match o.trim() {
                "newline_is_space" => opts.newline_is_space(true),
                "join_verb_parts" => opts.join_verb_parts(true),
                "ellipsis_ends_sentence" => opts.ellipsis_ends_sentence(true),
                other => panic!("{name}:{}: unknown option {other}", k + 1),
            };
        }
        let kinds = cols
            .get(3)
            .unwrap_or(&"")
            .split_whitespace()
            .map(str::to_string)
            .collect();
        cases.push(Case {
            line: k + 1,
            input: unescape(cols[0]),
            expected,
            opts,
            kinds,
        });
    }
    cases
}

#[test]
fn golden_sentences() {
    let cases = read_table("sentences.tsv");
    assert!(cases.len() >= 60);
    let mut failures = Vec::new();
    for c in &cases {
        let got: Vec<&str> = sentence_spans(&c.input, &c.opts)
            .into_iter()
            .map(|r| &c.input[r])
            .collect();
        if got != c.expected {
            failures.push(format!(
                "line {}: {:?}\n  want {:?}\n  got  {:?}",
                c.line, c.input, c.expected, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn golden_words() {
    let cases = read_table("words.tsv");
    assert!(cases.len() >= 60);
    let mut failures = Vec::new();
    for c in &cases {
        let toks = tokenize(&c.input, &c.opts);
        let got: Vec<&str> = toks.iter().map(|t| t.text(&c.input)).collect();
        let kinds: Vec<&str> = toks.iter().map(|t| t.kind.name()).collect();
        if got != c.expected || (!c.kinds.is_empty() && kinds != c.kinds) {
            failures.push(format!(
                "line {}: {:?}\n  want {:?} {:?}\n  got  {:?} {:?}",
                c.line, c.input, c.expected, c.kinds, got, kinds
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn kind_names_are_distinct() {
    let mut names: Vec<&str> = TokenKind::ALL.iter().map(|k| k.name()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), TokenKind::ALL.len());
}

#[test]
fn options_json_round_trip() {
    let o = SegmentOptions::new().join_verb_parts(true);
    let j = serde_json::to_string(&o).unwrap();
    assert_eq!(serde_json::from_str::<SegmentOptions>(&j).unwrap(), o);
    assert_eq!(
        serde_json::from_str::<SegmentOptions>("{}").unwrap(),
        SegmentOptions::default()
    );
    assert!(serde_json::from_str::<SegmentOptions>(r#"{"nope": true}"#).is_err());
}

fn all_options() -> impl Strategy<Value = SegmentOptions> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(a, b, c)| {
        SegmentOptions::new()
            .newline_is_space(a)
            .join_verb_parts(b)
            .ellipsis_ends_sentence(c)
    })
}

/// Text mixing Persian, Latin, digits, separators, punctuation, spaces, emoji parts and
/// arbitrary Unicode.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(vec![
            "می‌روم", "کتاب", " ", "  ", "\n", "\r\n", ".", "!", "؟", "…", "...", "«", "»", "(", ")",
            "\"", "،", "؛", ":", "3.5", "۳٫۵", "۱۲٬۵۰۰", "-", "+", "%", "٪", "/", "@", "#", "_",
            "ه.ش.", "م.", "U.S.A", "https://a.ir/x?y=1", "www.", "info@a.ir", ".com", "😂",
            "\u{200d}", "\u{200c}", "\u{fe0f}", "\u{20e3}", "🏽", "🇮", "خواهد", "رفت", "گفته",
            "شده", "است", "نگاه", "کرد", "1", "۱", "a", "Z", "\t", "\u{2029}", "\u{a0}", "'",
        ]).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check_tokens(text: &str, opts: &SegmentOptions) -> Result<(), TestCaseError> {
    let toks = tokenize(text, opts);
    let mut last = 0;
    let mut covered = vec![false; text.len()];
    for t in &toks {
        prop_assert!(t.start >= last, "ordered and non-overlapping: {toks:?}");
        prop_assert!(
            t.start < t.end && t.end <= text.len(),
            "non-empty and in bounds"
        );
        prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        for b in covered.iter_mut().take(t.end).skip(t.start) {
            *b = true;
        }
        last = t.end;
    }
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() {
            prop_assert!(covered[i], "{c:?} at {i} not covered in {text:?}: {toks:?}");
        }
    }
    // Without joining, a token has no whitespace inside and does not start or end with one.
    if !opts.join_verb_parts {
        for t in &toks {
            prop_assert!(
                !t.text(text).contains(char::is_whitespace),
                "space inside {t:?}"
            );
        }
    } else {
        for t in &toks {
            let s = t.text(text);
            prop_assert!(s.trim() == s);
        }
    }
    Ok(())
}

fn check_sentences(text: &str, opts: &SegmentOptions) -> Result<(), TestCaseError> {
    let spans = sentence_spans(text, opts);
    let mut last = 0;
    for r in &spans {
        prop_assert!(r.start >= last && r.start < r.end && r.end <= text.len());
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let s = &text[r.clone()];
        prop_assert!(s.trim() == s, "trimmed: {s:?}");
        last = r.end;
    }
    // Every non-space character is in a sentence.
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() {
            prop_assert!(
                spans.iter().any(|r| r.contains(&i)),
                "{c:?} at {i} outside every sentence"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn tokens_cover_text(text in texty(), opts in all_options()) {
        check_tokens(&text, &opts)?;
    }

    #[test]
    fn sentences_cover_text(text in texty(), opts in all_options()) {
        check_sentences(&text, &opts)?;
    }

    #[test]
    fn arbitrary_unicode(text in any::<String>(), opts in all_options()) {
        check_tokens(&text, &opts)?;
        check_sentences(&text, &opts)?;
    }

    #[test]
    fn sentences_tokens_agree(text in texty()) {
        // A sentence boundary never falls inside a token, except tokens that run across a line
        // break (none without join_verb_parts) or abbreviation periods.
        let opts = SegmentOptions::new();
        let toks = tokenize(&text, &opts);
        for r in sentence_spans(&text, &opts) {
            for t in &toks {
                prop_assert!(!(t.start < r.end && r.end < t.end), "sentence end {} inside token {:?} of {:?}", r.end, t, text);
            }
        }
    }
}
