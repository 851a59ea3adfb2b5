//! A deterministic generated Persian corpus for benchmarks (no external data): sentences built
//! from a small vocabulary, with the damage real scraped text has (Arabic letters, lost ZWNJs,
//! NBSPs, doubled spaces, ASCII digits, diacritics, Latin words).

/// About `bytes` bytes of damaged Persian text, one sentence per line.
pub fn damaged_corpus(bytes: usize) -> String {
    const WORDS: &[&str] = &[
        "کتاب",
        "ها",
        "می",
        "روم",
        "خانه",
        "دانشگاه",
        "تهران",
        "گزارش",
        "خبرنگار",
        "بازار",
        "رشد",
        "درصد",
        "سال",
        "ناشران",
        "گويند",
        "كه",
        "اين",
        "آن",
        "را",
        "به",
        "از",
        "در",
        "با",
        "برای",
        "همکاری",
        "های",
        "بزرگ",
        "تر",
        "ترین",
        "شده",
        "است",
        "اند",
        "عِلم",
        "مــحمد",
        "1402",
        "3.5%",
        "COVID-19",
        "می‌خواهند",
        "آن‌ها",
        "کتابهای",
        "\u{a0}",
    ];
    let mut out = String::with_capacity(bytes + 256);
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    while out.len() < bytes {
        let n = 8 + (x % 17) as usize;
        for k in 0..n {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if k > 0 {
                out.push_str(if x % 23 == 0 { "  " } else { " " });
            }
            out.push_str(WORDS[(x % WORDS.len() as u64) as usize]);
        }
        out.push_str(if x % 5 == 0 { " .\n" } else { ".\n" });
    }
    out
}

/// The same corpus after normalization would be clean: a corpus of clean text.
#[allow(dead_code)]
pub fn clean_corpus(bytes: usize) -> String {
    let n = paknevis::Normalizer::default();
    damaged_corpus(bytes)
        .lines()
        .map(|l| n.normalize(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}
