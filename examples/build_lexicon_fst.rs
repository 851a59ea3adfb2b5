//! Writes the spacing lexicon fst from a sorted `key\tvalue` file (used by
//! `scripts/build_lexicon.py`): `cargo run --example build_lexicon_fst -- IN.tsv OUT.fst`.
use std::io::{BufRead, BufReader, BufWriter};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (src, dst) = (&args[1], &args[2]);
    let input = BufReader::new(std::fs::File::open(src).expect("open input"));
    let out = BufWriter::new(std::fs::File::create(dst).expect("create output"));
    let mut b = fst::MapBuilder::new(out).expect("builder");
    for line in input.lines() {
        let line = line.expect("read");
        let (k, v) = line.split_once('\t').expect("key\\tvalue");
        b.insert(k, v.parse::<u64>().expect("u64"))
            .expect("sorted keys");
    }
    b.finish().expect("finish");
}
