//! criterion benches of the normalizer: each pass alone and the whole pipeline, per line
//! (the common call) and over whole texts, on damaged and on clean Persian text.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use paknevis::protect::find_protected;
use paknevis::{Normalizer, NormalizerConfig};

mod corpus;

fn bench(c: &mut Criterion) {
    let damaged = corpus::damaged_corpus(1 << 20);
    let clean = corpus::clean_corpus(1 << 20);
    let cfg = NormalizerConfig::default();
    let chars_only = Normalizer::new(NormalizerConfig {
        spacing: false,
        ..NormalizerConfig::default()
    })
    .unwrap();
    let full = Normalizer::default();

    let mut g = c.benchmark_group("normalize");
    for (name, text) in [("damaged", &damaged), ("clean", &clean)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        // Baseline: the cost of merely decoding the text, to read the others against.
        g.bench_with_input(
            BenchmarkId::new("baseline_chars_count", name),
            text,
            |b, t| b.iter(|| t.chars().fold(0u32, |a, c| a.wrapping_add(c as u32))),
        );
        g.bench_with_input(BenchmarkId::new("protect_scan", name), text, |b, t| {
            b.iter(|| find_protected(t))
        });
        // The quick check that lets a line skip both character-level passes.
        g.bench_with_input(
            BenchmarkId::new("quick_check_per_line", name),
            text,
            |b, t| {
                let mut scratch = paknevis::quick::Scratch::default();
                b.iter(|| {
                    t.lines()
                        .filter(|l| paknevis::quick::scan(l, &cfg, &mut scratch))
                        .count()
                })
            },
        );
        g.bench_with_input(BenchmarkId::new("char_pass", name), text, |b, t| {
            b.iter(|| paknevis::clean::clean(t, &cfg, &find_protected(t)))
        });
        g.bench_with_input(BenchmarkId::new("layout_pass", name), text, |b, t| {
            b.iter(|| paknevis::layout::layout(t, &cfg, &find_protected(t)))
        });
        g.bench_with_input(
            BenchmarkId::new("character_steps_per_line", name),
            text,
            |b, t| {
                b.iter(|| {
                    for line in t.lines() {
                        std::hint::black_box(chars_only.normalize(line));
                    }
                })
            },
        );
        g.bench_with_input(BenchmarkId::new("pipeline_per_line", name), text, |b, t| {
            b.iter(|| {
                for line in t.lines() {
                    std::hint::black_box(full.normalize(line));
                }
            })
        });
        g.bench_with_input(
            BenchmarkId::new("pipeline_aligned_whole", name),
            text,
            |b, t| b.iter(|| full.normalize_aligned(t)),
        );
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
