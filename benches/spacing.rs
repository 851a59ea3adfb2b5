//! Throughput of the spacing repair on short sentences, one call per line (the shape of the
//! per-line normalize benchmark): correct text (the common case) and text with lost ZWNJs.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use paknevis::spacing::{SpacingEngine, SpacingOptions};

const CLEAN: &[&str] = &[
    "به گزارش خبرنگار ما، نشست امروز با حضور نمایندگان استان‌ها و کارشناسان برگزار شد.",
    "او گفت که برنامه‌ریزی برای سال آینده از هفتهٔ بعد آغاز می‌شود و همه باید آماده باشند.",
    "در این جلسه دربارهٔ بهره‌گیری از ظرفیت‌های داخلی و همکاری‌های منطقه‌ای گفت‌وگو شد.",
    "کتاب‌هایی که در نمایشگاه عرضه شده بود، بیشتر از سال گذشته مورد توجه قرار گرفتند.",
];
const LOST: &[&str] = &[
    "به گزارش خبرنگار ما، نشست امروز با حضور نمایندگان استانها و کارشناسان برگزار شد.",
    "او گفت که برنامه ریزی برای سال آینده از هفتهٔ بعد آغاز میشود و همه باید آماده باشند.",
    "در این جلسه دربارهٔ بهرهگیری از ظرفیتهای داخلی و همکاری های منطقهای گفت وگو شد.",
    "کتابهایی که در نمایشگاه عرضه شده بود، بیشتر از سال گذشته مورد توجه قرار گرفتند.",
];

fn bench(c: &mut Criterion) {
    let engine = SpacingEngine::new(&SpacingOptions::default()).unwrap();
    let _ = engine.repair("کتابها");
    let mut g = c.benchmark_group("spacing");
    for (name, lines) in [("clean", CLEAN), ("lost_zwnj", LOST)] {
        let bytes: usize = lines.iter().map(|l| l.len()).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0;
                for l in lines {
                    n += engine.repair(std::hint::black_box(l)).is_some() as usize;
                }
                n
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
