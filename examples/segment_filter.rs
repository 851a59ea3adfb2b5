//! Reads lines on stdin and writes one JSON array per line on stdout.
//!
//! ```text
//! cargo run --release --example segment_filter -- sentences|words|tokens [--json] [--newline-is-space]
//!     [--join-verb-parts] [--ellipsis-ends-sentence]
//! ```
//!
//! With `--json` each input line is a JSON object whose `text` field is segmented (other fields
//! are ignored); otherwise the line itself is (use `--json` for text with line breaks).
//! `sentences` and `words` write the pieces as strings; `tokens` writes `[start, end, kind]`
//! with byte offsets. `bench FILE` times both functions over the lines of FILE instead.

use std::io::{BufRead, BufWriter, Write};

use paknevis::segment::{sentence_spans, tokenize, SegmentOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args
        .first()
        .map(String::as_str)
        .unwrap_or("words")
        .to_string();
    let json = args.iter().any(|a| a == "--json");
    let opts = SegmentOptions::new()
        .newline_is_space(args.iter().any(|a| a == "--newline-is-space"))
        .join_verb_parts(args.iter().any(|a| a == "--join-verb-parts"))
        .ellipsis_ends_sentence(args.iter().any(|a| a == "--ellipsis-ends-sentence"));
    if mode == "bench" {
        bench(args.get(1).expect("bench FILE"), &opts);
        return;
    }
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout());
    for line in stdin.lock().lines() {
        let line = line.expect("utf-8 input");
        let text = if json {
            let v: serde_json::Value = serde_json::from_str(&line).expect("a JSON object per line");
            v["text"].as_str().unwrap_or("").to_string()
        } else {
            line
        };
        let value = match mode.as_str() {
            "sentences" => serde_json::json!(sentence_spans(&text, &opts)
                .into_iter()
                .map(|r| &text[r])
                .collect::<Vec<_>>()),
            "words" => serde_json::json!(tokenize(&text, &opts)
                .iter()
                .map(|t| t.text(&text))
                .collect::<Vec<_>>()),
            "tokens" => serde_json::json!(tokenize(&text, &opts)
                .iter()
                .map(|t| serde_json::json!([t.start, t.end, t.kind.name()]))
                .collect::<Vec<_>>()),
            other => panic!("unknown mode {other}"),
        };
        writeln!(out, "{value}").expect("stdout");
    }
}

fn bench(path: &str, opts: &SegmentOptions) {
    let data = std::fs::read_to_string(path).expect("readable UTF-8 file");
    let lines: Vec<&str> = data.lines().collect();
    let bytes: usize = lines.iter().map(|l| l.len()).sum();
    for (name, f) in [
        (
            "sentences",
            &(|l: &str| sentence_spans(l, opts).len()) as &dyn Fn(&str) -> usize,
        ),
        ("tokens", &|l: &str| tokenize(l, opts).len()),
    ] {
        let mut best = f64::INFINITY;
        let mut count = 0;
        for _ in 0..5 {
            let t = std::time::Instant::now();
            count = lines.iter().map(|l| f(l)).sum::<usize>();
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{name}: {count} pieces, {:.1} MB in {:.3} s: {:.0} MB/s (per line, best of 5)",
            bytes as f64 / 1e6,
            best,
            bytes as f64 / 1e6 / best
        );
    }
}
