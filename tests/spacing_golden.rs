//! Golden table for the spacing engine (`tests/data/spacing.tsv`), plus properties:
//! idempotence, no panic on arbitrary input, correct ZWNJ text unchanged, valid edit lists.

use paknevis::edit::apply;
use paknevis::spacing::{SpacingEngine, SpacingOptions};
use proptest::prelude::*;

fn engine() -> SpacingEngine {
    SpacingEngine::new(&SpacingOptions::default()).unwrap()
}

fn run(e: &SpacingEngine, s: &str) -> String {
    e.repair(s).map_or_else(|| s.to_string(), |(t, _)| t)
}

#[test]
fn golden_table() {
    let table = include_str!("data/spacing.tsv");
    let default = engine();
    let run_together = SpacingEngine::new(&SpacingOptions {
        split_run_together: true,
        ..SpacingOptions::default()
    })
    .unwrap();
    let mut n = 0;
    let mut failures = Vec::new();
    for line in table.lines().skip_while(|l| l.starts_with('#')).skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "three columns: {line:?}");
        let input = cols[0].replace('¦', "\u{200c}");
        let expected = cols[1].replace('¦', "\u{200c}");
        let e = if cols[2].starts_with("opt:run_together") {
            &run_together
        } else {
            &default
        };
        let got = run(e, &input);
        if got != expected {
            failures.push(format!(
                "{} -> {} (expected {}; {})",
                cols[0],
                got.replace('\u{200c}', "¦"),
                cols[1],
                cols[2]
            ));
        }
        // a second pass changes nothing
        assert_eq!(run(e, &got), got, "not idempotent on {}", cols[0]);
        n += 1;
    }
    assert!(n >= 100, "only {n} cases");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn changes_map_back_to_the_input() {
    let e = engine();
    let s = "کتابها و همکاری های میدانی را می خواهند";
    let (out, changes) = e.repair(s).unwrap();
    assert_eq!(apply(s, &out, &changes), out);
    assert!(changes.list.iter().all(|c| c.note.is_some()));
    for c in &changes.list {
        let rules = c.rules.to_string();
        assert!(!rules.is_empty());
    }
}

#[test]
fn user_lexicon_overrides() {
    let e = SpacingEngine::new(&SpacingOptions {
        user_words: vec!["نرم‌افزار".into()],
        no_join: vec!["کتاب ها".into()],
        no_split: vec!["کتابها".into()],
        ..SpacingOptions::default()
    })
    .unwrap();
    assert_eq!(run(&e, "نرمافزار"), "نرم\u{200c}افزار");
    assert_eq!(run(&e, "نرم افزار"), "نرم\u{200c}افزار");
    assert_eq!(run(&e, "کتاب ها"), "کتاب ها");
    assert_eq!(run(&e, "کتابها"), "کتابها");
    let err = SpacingEngine::new(&SpacingOptions {
        no_split: vec!["x".into()],
        ..SpacingOptions::default()
    })
    .err()
    .unwrap();
    assert!(err.contains("no_split"), "{err}");
}

#[test]
fn switches() {
    let off = SpacingEngine::new(&SpacingOptions {
        join_separated: false,
        split_joined: false,
        ..SpacingOptions::default()
    })
    .unwrap();
    assert!(off.repair("کتاب ها و کتابها").is_none());
    let join_only = SpacingEngine::new(&SpacingOptions {
        split_joined: false,
        ..SpacingOptions::default()
    })
    .unwrap();
    assert_eq!(
        run(&join_only, "کتاب ها و کتابها"),
        "کتاب\u{200c}ها و کتابها"
    );
}

fn persian_text() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "کتاب",
        "ها",
        "های",
        "می",
        "روم",
        "خانه",
        "ای",
        "اند",
        "رفته",
        "تر",
        "بزرگ",
        "میز",
        "تنها",
        "کتابها",
        "میخواهند",
        "همکاریهای",
        "آن",
        "که",
        "این",
        "بی",
        "هم",
        "تیمی",
        "شده",
        "انجام",
        "و",
        "در",
        "به",
        "۱۲",
        "abc",
        "،",
        ".",
        "\u{200c}",
        "ترین",
        "شان",
        "ام",
        "برمی",
        "گردد",
        "سرمایه",
        "گذاری",
        "میدانی",
        "دختر",
        "ماه",
        "https://x.ir/کتابها",
    ]);
    let sep = prop::sample::select(vec![" ", "", "\u{200c}", " "]);
    prop::collection::vec((words, sep), 0..14).prop_map(|v| {
        let mut s = String::new();
        for (w, sp) in v {
            s.push_str(w);
            s.push_str(sp);
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn idempotent(s in persian_text()) {
        let e = engine();
        let once = run(&e, &s);
        prop_assert_eq!(run(&e, &once), once);
    }

    #[test]
    fn never_removes_a_zwnj_or_a_letter(s in persian_text()) {
        let e = engine();
        let out = run(&e, &s);
        let count = |t: &str| t.chars().filter(|&c| c == '\u{200c}').count();
        let letters = |t: &str| t.chars().filter(|c| !c.is_whitespace() && *c != '\u{200c}').collect::<String>();
        prop_assert!(count(&out) >= count(&s));
        prop_assert_eq!(letters(&out), letters(&s));
    }

    #[test]
    fn no_panic_on_arbitrary_unicode(s in "\\PC{0,60}") {
        let e = engine();
        if let Some((out, ch)) = e.repair(&s) {
            prop_assert_eq!(apply(&s, &out, &ch), out);
        }
    }

    #[test]
    fn edit_list_is_consistent(s in persian_text()) {
        let e = engine();
        if let Some((out, ch)) = e.repair(&s) {
            prop_assert_eq!(apply(&s, &out, &ch), out);
        }
    }
}

#[test]
fn correct_zwnj_text_unchanged() {
    let e = engine();
    for s in [
        "می‌روم و کتاب‌ها را می‌خوانم.",
        "همکاری‌های ایران و روسیه برای تثبیت موفقیت‌های میدانی",
        "آن‌ها رفته‌اند و بزرگ‌ترین خانه‌ای را دیده‌اند.",
        "برنامه‌ریزی و سرمایه‌گذاری بهره‌گیری از هم‌تیمی‌ها",
        "او به خانه رفت و کتاب خواند.",
    ] {
        assert_eq!(run(&e, s), s);
    }
}
