//! Regression floor on the UD Persian dev ZWNJ tasks, run when `../shared` (next to the repo)
//! is present and skipped otherwise. It re-implements the shared scorer's ZWNJ-site measure for
//! this engine alone (which changes only separators, so gold and output letters align one to
//! one); the targets themselves are checked by the shared scorer, see BENCHMARKS.md.

use std::path::PathBuf;

use paknevis::spacing::{SpacingEngine, SpacingOptions};

const ZWNJ: char = '\u{200c}';

fn nonjoining(c: char) -> bool {
    matches!(
        c,
        'ا' | 'آ' | 'أ' | 'إ' | 'د' | 'ذ' | 'ر' | 'ز' | 'ژ' | 'و' | 'ؤ' | 'ة' | 'ء'
    )
}

/// Letters (non-space, non-ZWNJ chars) and the type of each gap: b'S', b'Z' or b'N'.
fn gaps(s: &str) -> (Vec<char>, Vec<u8>) {
    let mut chars = Vec::new();
    let mut types = Vec::new();
    let mut pending: Option<u8> = None;
    for c in s.chars() {
        if c.is_whitespace() {
            pending = Some(b'S');
        } else if c == ZWNJ {
            if pending != Some(b'S') {
                pending = Some(b'Z');
            }
        } else {
            if let Some(&last) = chars.last() {
                let mut t = pending.unwrap_or(b'N');
                if t == b'Z' && nonjoining(last) {
                    t = b'N';
                }
                types.push(t);
            }
            chars.push(c);
            pending = None;
        }
    }
    (chars, types)
}

fn field(line: &str, name: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    v.get(name)?.as_str().map(str::to_string)
}

#[test]
fn dev_zwnj_floor() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ud-fa/tasks-dev");
    let Ok(zwnj) = std::fs::read_to_string(dir.join("zwnj.jsonl")) else {
        eprintln!("skipped: ../shared/data/ud-fa/tasks-dev not found");
        return;
    };
    let engine = SpacingEngine::new(&SpacingOptions::default()).unwrap();
    let fix = |s: &str| engine.repair(s).map_or_else(|| s.to_string(), |(t, _)| t);
    let mut harm = (0usize, 0usize);
    for var in ["space", "join", "mixed"] {
        let (mut tp, mut pred, mut gold_n) = (0usize, 0usize, 0usize);
        for line in zwnj.lines() {
            let (Some(gold), Some(input)) = (field(line, "gold"), field(line, var)) else {
                continue;
            };
            let (gc, gt) = gaps(&gold);
            let (pc, pt) = gaps(&fix(&input));
            assert_eq!(gc, pc, "letters changed in {input}");
            for i in 0..gt.len() {
                if !(gc[i].is_alphabetic() && gc[i + 1].is_alphabetic()) {
                    continue;
                }
                tp += (gt[i] == b'Z' && pt[i] == b'Z') as usize;
                pred += (pt[i] == b'Z') as usize;
                gold_n += (gt[i] == b'Z') as usize;
            }
            if var == "space" {
                let (hc, ht) = gaps(&fix(&gold));
                for i in 0..gt.len() {
                    if gc[i].is_alphabetic() && gc[i + 1].is_alphabetic() {
                        harm.1 += 1;
                        harm.0 += (ht[i] != gt[i]) as usize;
                    }
                }
                assert_eq!(hc, gc);
            }
        }
        let p = tp as f64 / pred.max(1) as f64;
        let r = tp as f64 / gold_n.max(1) as f64;
        let f1 = 2.0 * p * r / (p + r).max(1e-9);
        eprintln!("{var}: P {p:.4} R {r:.4} F1 {f1:.4}");
        assert!(
            f1 >= 0.88,
            "{var} ZWNJ-site F1 {f1:.4} below the floor 0.88"
        );
    }
    let rate = harm.0 as f64 / harm.1.max(1) as f64;
    eprintln!("harm on gold: {rate:.5} of letter gaps");
    assert!(rate <= 0.002, "harm {rate:.5} above the floor 0.002");
}
