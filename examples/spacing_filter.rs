//! Reads lines on stdin and writes each line after the spacing repair (default options, or the
//! JSON options given as the first argument). Used by evaluation scripts.
use std::io::{BufRead, BufWriter, Write};

use paknevis::spacing::{SpacingEngine, SpacingOptions};

fn main() {
    let opts: SpacingOptions = match std::env::args().nth(1) {
        Some(j) => serde_json::from_str(&j).expect("options JSON"),
        None => SpacingOptions::default(),
    };
    let engine = SpacingEngine::new(&opts).expect("options");
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line.expect("UTF-8 input");
        match engine.repair(&line) {
            Some((s, _)) => writeln!(out, "{s}"),
            None => writeln!(out, "{line}"),
        }
        .expect("write");
    }
}
