//! Measures the spacing repair's throughput, one call per line, over a text file given as the
//! first argument (repeated to about 20 MB), with the JSON options given as the second: `cargo run --release --example spacing_speed -- FILE`.
use std::time::Instant;

use paknevis::spacing::{SpacingEngine, SpacingOptions};

fn main() {
    let path = std::env::args().nth(1).expect("a text file");
    let text = std::fs::read_to_string(path).expect("UTF-8 file");
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    let bytes: usize = lines.iter().map(|l| l.len()).sum();
    let reps = (20_000_000 / bytes.max(1)).max(1);
    let opts: SpacingOptions = match std::env::args().nth(2) {
        Some(j) => serde_json::from_str(&j).expect("options JSON"),
        None => SpacingOptions::default(),
    };
    let engine = SpacingEngine::new(&opts).expect("options");
    let _ = engine.repair("کتابها"); // load the lexicon
    let mut best = f64::MAX;
    let mut changed = 0;
    for _ in 0..3 {
        let t = Instant::now();
        changed = 0;
        for _ in 0..reps {
            for l in &lines {
                changed += engine.repair(l).is_some() as usize;
            }
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    // calibration on this machine: a plain pass counting letters
    let mut base = f64::MAX;
    let mut letters = 0usize;
    for _ in 0..3 {
        let t = Instant::now();
        for _ in 0..reps {
            for l in &lines {
                letters += l
                    .chars()
                    .filter(|c| ('\u{600}'..='\u{6ff}').contains(c))
                    .count();
            }
        }
        base = base.min(t.elapsed().as_secs_f64());
    }
    // calibration 2: split into words and hash each (the least a word-level pass does)
    let mut hbase = f64::MAX;
    let mut acc = 0u64;
    for _ in 0..3 {
        let t = Instant::now();
        for _ in 0..reps {
            for l in &lines {
                for w in l.split(' ') {
                    acc = acc.wrapping_add(paknevis::spacing::filter::hash(w.as_bytes()));
                }
            }
        }
        hbase = hbase.min(t.elapsed().as_secs_f64());
    }
    println!(
        "baseline split+hash: {:.0} MB/s ({})",
        (bytes * reps) as f64 / 1e6 / hbase,
        acc % 10
    );
    // the same, on the lines the engine leaves unchanged only
    let same: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| engine.repair(l).is_none())
        .collect();
    let same_bytes: usize = same.iter().map(|l| l.len()).sum();
    let mut sbest = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        for _ in 0..reps {
            for l in &same {
                std::hint::black_box(engine.repair(l));
            }
        }
        sbest = sbest.min(t.elapsed().as_secs_f64());
    }
    println!(
        "unchanged lines only ({} of {}): {:.0} MB/s",
        same.len(),
        lines.len(),
        (same_bytes * reps) as f64 / 1e6 / sbest
    );
    let mb = (bytes * reps) as f64 / 1e6;
    println!(
        "baseline char scan: {:.0} MB/s ({letters} letters)",
        mb / base
    );
    println!(
        "{} lines x {reps}, {mb:.1} MB, {:.0} MB/s, {:.0} bytes/line, {changed} changed lines",
        lines.len(),
        mb / best,
        bytes as f64 / lines.len() as f64
    );
}
