//! Property tests of the normalizer: idempotence, no panic, alignment and explain
//! consistency, and protected spans passing through unchanged, over generated Persian and
//! mixed-script text with every kind of damage.

#[path = "common/fuzz_checks.rs"]
mod fuzz_checks;

use paknevis::protect::find_protected;
use paknevis::{Digits, Ezafe, Normalizer, NormalizerConfig, TehMarbuta};
use proptest::prelude::*;

/// Pieces of damaged Persian and mixed text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("کتاب".to_string()),
        Just("می".to_string()),
        Just("ها".to_string()),
        Just("خانه".to_string()),
        Just("علي".to_string()),
        Just("ﻛﺘﺎﺏ".to_string()),
        Just("ﻻ".to_string()),
        Just("عِلم".to_string()),
        Just("مــحمد".to_string()),
        Just("ۀ".to_string()),
        Just("ه\u{654}".to_string()),
        Just("ا\u{653}".to_string()),
        Just("۱۲".to_string()),
        Just("3.5".to_string()),
        Just("1,250".to_string()),
        Just("٣".to_string()),
        Just("%".to_string()),
        Just("22:30".to_string()),
        Just(" ".to_string()),
        Just("  ".to_string()),
        Just("\u{200C}".to_string()),
        Just("\u{200D}".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{200F}".to_string()),
        Just("\u{202B}".to_string()),
        Just("\u{00AD}".to_string()),
        Just("\u{00AC}".to_string()),
        Just("\u{A0}".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just(".".to_string()),
        Just("...".to_string()),
        Just(",".to_string()),
        Just("?".to_string()),
        Just("؟".to_string()),
        Just("!!".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("\"".to_string()),
        Just(":".to_string()),
        Just("ه.ش.".to_string()),
        Just("hello".to_string()),
        Just("COVID-19".to_string()),
        Just("x=1".to_string()),
        Just("https://a.ir/x?y=1".to_string()),
        Just("info@site.ir".to_string()),
        Just("@user_1".to_string()),
        Just("#هشتگ".to_string()),
        Just("😂".to_string()),
        Just("👨\u{200D}👩".to_string()),
        Just("&amp;".to_string()),
        Just("<b>".to_string()),
        "\\PC{0,3}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..24).prop_map(|v| v.concat())
}

fn config() -> impl Strategy<Value = NormalizerConfig> {
    (
        proptest::collection::vec(any::<bool>(), 12),
        0..3usize,
        0..3usize,
        any::<bool>(),
    )
        .prop_map(|(b, d, e, t)| NormalizerConfig {
            html: b[0],
            presentation_forms: b[1],
            letters: b[2],
            remove_diacritics: b[3],
            remove_kashida: b[4],
            invisible: b[5],
            whitespace: b[6],
            punctuation: b[7],
            ellipsis: b[8],
            quotes: b[9],
            reduce_repeated_punctuation: b[10],
            spacing: b[11],
            digits: [Digits::Fa, Digits::Latin, Digits::Keep][d],
            ezafe: [Ezafe::Standard, Ezafe::Joda, Ezafe::Keep][e],
            teh_marbuta: if t { TehMarbuta::Heh } else { TehMarbuta::Keep },
            ..NormalizerConfig::default()
        })
}

fn check(n: &Normalizer, input: &str) -> Result<(), TestCaseError> {
    let out = n.normalize(input);
    // Idempotent.
    prop_assert_eq!(
        n.normalize(&out),
        out.clone(),
        "not idempotent on {:?}",
        input
    );
    // The aligned path gives the same text, and its edits replay to it.
    let a = n.normalize_aligned(input);
    prop_assert_eq!(&a.text, &out);
    prop_assert_eq!(
        paknevis::edit::apply(input, &a.text, &a.changes),
        a.text.clone()
    );
    // Every output span maps to a valid, ordered input span on char boundaries.
    let bounds: Vec<usize> = a
        .text
        .char_indices()
        .map(|(i, _)| i)
        .chain([a.text.len()])
        .collect();
    let mut last = 0;
    for w in bounds.windows(2) {
        let src = a.to_source(w[0]..w[1]);
        prop_assert!(src.start <= src.end && src.end <= input.len());
        prop_assert!(input.is_char_boundary(src.start) && input.is_char_boundary(src.end));
        prop_assert!(src.start >= last, "not monotone");
        last = src.start;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn default_normalizer_properties(input in text()) {
        check(&Normalizer::default(), &input)?;
    }

    #[test]
    fn every_option_combination(input in text(), cfg in config()) {
        check(&Normalizer::new(cfg).unwrap(), &input)?;
    }

    #[test]
    fn arbitrary_unicode_never_panics(input in "\\PC{0,64}", cfg in config()) {
        check(&Normalizer::new(cfg).unwrap(), &input)?;
    }

    #[test]
    fn protected_spans_unchanged(input in text(), cfg in config()) {
        // Without the HTML step (which rewrites the text protected spans are found in), every
        // protected span of the input appears byte-identical in the output.
        let cfg = NormalizerConfig { html: false, ..cfg };
        let n = Normalizer::new(cfg).unwrap();
        let out = n.normalize(&input);
        for p in find_protected(&input) {
            let span = &input[p.range()];
            prop_assert!(out.contains(span), "{:?} lost from {:?} -> {:?}", span, input, out);
        }
    }
}

/// Segmenter options: every combination.
fn seg_options() -> impl Strategy<Value = paknevis::segment::SegmentOptions> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(a, b, c)| {
        paknevis::segment::SegmentOptions::new()
            .newline_is_space(a)
            .join_verb_parts(b)
            .ellipsis_ends_sentence(c)
    })
}

/// Text from the fuzzers' larger piece list (more damage: bidi overrides, BOM, presentation
/// ligatures, ZWJ emoji, keycaps, repeated runs), generated by proptest.
fn fuzz_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => proptest::sample::select(fuzz_checks::PIECES).prop_map(str::to_string),
            1 => "\\PC{0,3}",
            1 => (proptest::sample::select(fuzz_checks::PIECES), 2..6usize)
                .prop_map(|(p, n)| p.repeat(n)),
        ],
        0..24,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Letters, digits (modulo the digit set), emoji and symbols all survive, in order
    /// (the oracle of `fuzz_checks::survivors`); also idempotence, replay and alignment.
    #[test]
    fn no_character_lost(input in text(), cfg in config()) {
        let cfg = NormalizerConfig { html: false, ..cfg };
        let n = Normalizer::new(cfg).unwrap();
        let out = n.normalize(&input);
        let (a, b) = (fuzz_checks::survivors(&input), fuzz_checks::survivors(&out));
        if n.config().ezafe == Ezafe::Joda {
            // ۀ → ه‌ی adds a yeh: the input's characters must still all be there, in order.
            let mut it = b.iter();
            prop_assert!(a.iter().all(|c| it.any(|d| d == c)), "{:?} -> {:?}", input, out);
        } else {
            prop_assert_eq!(a, b, "{:?} -> {:?}", input, out);
        }
    }

    /// Sentences and tokens: ordered, non-empty, on char boundaries, covering every
    /// non-whitespace character; sentences trimmed.
    #[test]
    fn segmentation_covers_the_text(input in fuzz_text(), opts in seg_options()) {
        fuzz_checks::check_segment(&input, &opts);
    }

    /// Sentences and tokens of normalize_aligned's output map back to ordered input spans.
    #[test]
    fn segmentation_of_aligned_output_maps_back(input in fuzz_text(), cfg in config(), opts in seg_options()) {
        fuzz_checks::check_aligned_segmentation(&Normalizer::new(cfg).unwrap(), &input, &opts);
    }

    /// Every fuzz invariant (explain replay, alignment, protected spans, the survivor oracle)
    /// over the fuzzers' damaged text, under every option combination. Idempotence is
    /// checked by the properties above on `text()`.
    #[test]
    fn fuzz_invariants_on_damaged_text(input in fuzz_text(), head in proptest::array::uniform4(any::<u8>())) {
        let mut data = head.to_vec();
        data.extend_from_slice(input.as_bytes());
        fuzz_checks::fuzz_segment(&data);
        fuzz_checks::fuzz_aligned(&data);
    }
}

/// Cases found by fuzzing (issue 7), readable: each was not idempotent or changed a protected
/// span before its fix. The raw fuzz inputs are in tests/data/fuzz_regressions/.
#[test]
fn cases_found_by_fuzzing() {
    let default = NormalizerConfig::default();
    let keep_marks = NormalizerConfig {
        remove_diacritics: false,
        ..NormalizerConfig::default()
    };
    let joda_heh = NormalizerConfig {
        ezafe: Ezafe::Joda,
        teh_marbuta: TehMarbuta::Heh,
        ..NormalizerConfig::default()
    };
    let joda = NormalizerConfig {
        ezafe: Ezafe::Joda,
        ..NormalizerConfig::default()
    };
    let latin = NormalizerConfig {
        digits: Digits::Latin,
        ..NormalizerConfig::default()
    };
    let quotes = NormalizerConfig {
        quotes: true,
        ..NormalizerConfig::default()
    };
    let cases: &[(&str, &NormalizerConfig, Option<&str>)] = &[
        // layout: a stray mark at the start of a line is content (the space after it stays).
        ("\u{200c}\u{6eb}\u{2009}👔", &keep_marks, Some("\u{6eb} 👔")),
        // clean: a hamza mark after a presentation form composes with its last letter.
        ("ﻻ\u{654}", &default, Some("لأ")),
        // clean: every character of a presentation form's expansion sets the digit context.
        ("ﴽ1", &keep_marks, Some("ا\u{64b}۱")),
        // clean: a letter the letter step maps composes with a following hamza (ۇ + ٔ = ؤ).
        ("ۇ\u{654}", &default, Some("ؤ")),
        // clean: with the joda ezafe, a hamza mark after ۀ goes with it.
        ("ۀ\u{654}", &joda_heh, Some("ه\u{200c}ی")),
        // clean: ة → ه with teh_marbuta=heh takes the joda ezafe like a typed ه.
        ("ة\u{654}", &joda_heh, Some("ه\u{200c}ی")),
        // numbers: a mark between a number and its percent sign is read through (and removed).
        ("٦\u{6e7}%", &default, Some("۶٪")),
        ("5\u{64e}٪", &latin, Some("5%")),
        // clean: a kept paragraph separator ends the line for quote pairing.
        ("\"\"ﷲ\u{2029}“", &quotes, None),
        // protect: marks inside a Latin run are transparent; stray marks before '#'.
        ("O\u{64e}www..\u{650}", &default, None),
        ("\u{200c}\u{6e7}m", &default, Some("m")),
        ("\u{6db}#g\u{200c}@", &default, None),
        // numbers stop at a protected span; spacing leaves words inside a URL.
        ("ٲ۲٬1t", &default, Some("ٲ۲٬1t")),
        ("!!}www.a.irۍ📃ة}}}}}}}ﬁ[<b>!!میروم", &default, None),
        // protect: a `¬` half-space is inside a hashtag; U+061C is transparent in a run.
        ("#هشتگ¬کتابCOVID-19٣", &default, None),
        ("۲\u{61c}www.a.irکتاب!!", &latin, None),
        // clean: a hamza mark composes through what the pass removes before it (an invisible
        // character, a diacritic, a ZWNJ the layout pass removes), after a presentation form
        // too; with the joda ezafe, repeated hamza marks go with the ezafe.
        ("ا\u{200b}\u{655}", &default, Some("إ")),
        ("ا\u{200c}\u{655}", &default, Some("إ")),
        ("ﵩ\u{200b}\u{654}", &default, Some("شجئ")),
        ("ه\u{654}\u{654}", &joda, Some("ه\u{200c}ی")),
        ("خانه\u{200c}\u{654}", &joda, Some("خانه\u{200c}ی")),
        // protect: URL and hashtag boundaries are decided through invisible characters and
        // marks (removing one cannot move them); a handle has a letter.
        ("#هشتگ\u{200d}hello\u{200c}https://a.ir/x", &default, None),
        ("#g\u{feff}www.a.ir", &default, Some("#g\u{feff}www.a.ir")),
        ("#t\u{200c}www.\u{64e}", &default, None),
        ("ه\u{74acd}\t.@1", &default, None),
        // context: a hashtag without letters is passed over whole when looking ahead.
        (
            "٠&#0$1\u{20e3}#aۂwww.i",
            &default,
            Some("۰&#0$۱\u{20e3}#aۂwww.i"),
        ),
        // the rial sign counts as a letter (it is written ریال).
        ("1﷼", &default, Some("۱ریال")),
        ("ة¬﷼", &default, Some("ةریال")),
        ("مـ¬ڍ", &default, Some("م\u{200c}ڍ")),
        // numbers: a Persian digit before a mark, BOM or percent sign takes the number path;
        // a comma between digits is seen through marks.
        ("۲\u{61a}%", &default, Some("۲٪")),
        ("3,\u{670}3.5ڡ", &keep_marks, None),
        ("125\u{651}1,250ى", &keep_marks, None),
        // the forms of the marks: ﱟ (a space and marks) is no letter before '#'; ﹷ and ﳳ
        // (kashida and marks) are read through like kashida and marks.
        ("ﱟ#t\u{2066}\u{301}", &default, None),
        ("_ﳳ#ـم", &default, None),
        ("2ﹻ٪", &latin, Some("2%")),
        ("ڕ¬ﹷم", &keep_marks, None),
        // protect: a Latin word starts at its first letter or digit (the symbols before it
        // are not protected, whether or not a removed space stood among them).
        ("ه⁉\" :>i“ت”", &quotes, None),
        // a soft hyphen before a hamza mark.
        ("ا\u{ad}\u{655}", &default, Some("إ")),
        // layout: the space before a stray mark is judged on the output written so far.
        (
            "ا(\u{2009}\u{6e7}\u{2004}=",
            &keep_marks,
            Some("ا(\u{6e7}="),
        ),
    ];
    for &(input, cfg, expected) in cases {
        let n = Normalizer::new(cfg.clone()).unwrap();
        let out = n.normalize(input);
        assert_eq!(n.normalize(&out), out, "not idempotent on {input:?}");
        if let Some(e) = expected {
            assert_eq!(out, e, "on {input:?}");
        }
        fuzz_checks::check_normalize(&n, input);
    }
}
