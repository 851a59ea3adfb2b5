//! criterion benches of segmentation: sentence spans and tokens, per line and whole text.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use paknevis::segment::{sentence_spans, tokenize, SegmentOptions};

mod corpus;

fn bench(c: &mut Criterion) {
    let text = corpus::clean_corpus(1 << 20);
    let opts = SegmentOptions::default();
    let joined = SegmentOptions::default().join_verb_parts(true);
    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_with_input(BenchmarkId::new("sentences", "whole"), &text, |b, t| {
        b.iter(|| sentence_spans(t, &opts))
    });
    g.bench_with_input(BenchmarkId::new("sentences", "per_line"), &text, |b, t| {
        b.iter(|| {
            for l in t.lines() {
                std::hint::black_box(sentence_spans(l, &opts));
            }
        })
    });
    g.bench_with_input(BenchmarkId::new("tokens", "per_line"), &text, |b, t| {
        b.iter(|| {
            for l in t.lines() {
                std::hint::black_box(tokenize(l, &opts));
            }
        })
    });
    g.bench_with_input(
        BenchmarkId::new("tokens_join_verb_parts", "per_line"),
        &text,
        |b, t| {
            b.iter(|| {
                for l in t.lines() {
                    std::hint::black_box(tokenize(l, &joined));
                }
            })
        },
    );
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
