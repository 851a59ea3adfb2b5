//! Normalizes every line of a file many times and prints the rate: a harness for profiling
//! the per-line path (`perf record -g target/release/examples/normalize_lines FILE`).

use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: normalize_lines FILE [ROUNDS]");
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(50);
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let lines: Vec<&str> = text.lines().collect();
    // A third argument "nospacing" times the character steps alone; "print" writes the
    // normalized lines to stdout (to compare the output of two builds).
    let mode = std::env::args().nth(3);
    let spacing = mode.as_deref() != Some("nospacing");
    if mode.as_deref() == Some("print") {
        let n = paknevis::Normalizer::new(paknevis::NormalizerConfig::default())
            .expect("valid configuration");
        for l in &lines {
            println!("{}", n.normalize(l));
        }
        return;
    }
    let n = paknevis::Normalizer::new(paknevis::NormalizerConfig {
        spacing,
        ..Default::default()
    })
    .expect("valid configuration");
    let t = Instant::now();
    let mut changed = 0usize;
    for _ in 0..rounds {
        for l in &lines {
            if let std::borrow::Cow::Owned(_) = n.normalize(l) {
                changed += 1;
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let mb = (text.len() * rounds) as f64 / 1e6;
    println!(
        "{:.1} MB/s over {} lines x {rounds} ({} changed per round)",
        mb / secs,
        lines.len(),
        changed / rounds
    );
}
