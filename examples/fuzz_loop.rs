//! Random-input fuzz driver with a fixed seed, for machines without cargo-fuzz (nightly): runs
//! the invariants of `tests/common/fuzz_checks.rs` (normalize under an option combination,
//! segmentation, normalize_aligned with segmentation mapped back) on generated damaged text.
//!
//! ```text
//! cargo run --release --example fuzz_loop -- run [INPUTS] [SEED] [THREADS]
//! cargo run --release --example fuzz_loop -- minimize FILE   # shrink a failing input
//! cargo run --release --example fuzz_loop -- check FILE...   # run the checks on inputs
//! cargo run --release --example fuzz_loop -- seeds DIR [N]    # a seed corpus for cargo fuzz
//! ```
//! A failing input is written to `fuzz-failure-SEED-N.bin` (option bytes, then text); with
//! `PAKNEVIS_FUZZ_LENIENT=1`, the first 50 inputs with a counted violation (idempotence,
//! protected spans) to `fuzz-counted-SEED-N.bin`.

#[path = "../tests/common/fuzz_checks.rs"]
mod fuzz_checks;

use fuzz_checks::*;
use std::panic::catch_unwind;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

fn fails(data: &[u8]) -> bool {
    catch_unwind(|| fuzz_all(data)).is_err()
}

fn run(inputs: u64, seed: u64, threads: u64) {
    let done = AtomicU64::new(0);
    let stop = AtomicBool::new(false);
    let saved = AtomicU64::new(0);
    let t0 = Instant::now();
    std::thread::scope(|s| {
        for k in 0..threads {
            let (done, stop, saved) = (&done, &stop, &saved);
            s.spawn(move || {
                let mut rng = Rng(seed.wrapping_mul(1_000_003).wrapping_add(k));
                let mut local = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    let data = random_input(&mut rng, if local % 64 == 0 { 200 } else { 24 });
                    if fails(&data) {
                        let name = format!("fuzz-failure-{seed}-{k}-{local}.bin");
                        std::fs::write(&name, &data).expect("write failure");
                        eprintln!("FAILURE written to {name}");
                        stop.store(true, Ordering::Relaxed);
                        std::process::exit(1);
                    }
                    // Counted violations (PAKNEVIS_FUZZ_LENIENT=1): the first few inputs are
                    // kept for `minimize` (which runs without the variable).
                    if take_counted() && saved.fetch_add(1, Ordering::Relaxed) < 50 {
                        let name = format!("fuzz-counted-{seed}-{k}-{local}.bin");
                        std::fs::write(&name, &data).expect("write counted input");
                    }
                    local += 1;
                    if local % 10_000 == 0 {
                        let d = done.fetch_add(10_000, Ordering::Relaxed) + 10_000;
                        if d % 1_000_000 == 0 {
                            eprintln!("{d} inputs, {:.0?}", t0.elapsed());
                        }
                        if d >= inputs {
                            stop.store(true, Ordering::Relaxed);
                        }
                    }
                }
            });
        }
    });
    let n = done.load(Ordering::Relaxed);
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "{n} inputs, 0 failures, {secs:.0} s ({:.0} inputs/s), seed {seed}, {threads} threads, \
         {} idempotence violations, {} protected-span violations (counted with \
         PAKNEVIS_FUZZ_LENIENT=1)",
        n as f64 / secs,
        IDEMPOTENCE_VIOLATIONS.load(Ordering::Relaxed),
        PROTECTED_VIOLATIONS.load(Ordering::Relaxed)
    );
}

/// Greedy shrinking: drop chars of the text (and simplify option bytes) while it still fails.
fn minimize(path: &str) {
    let data = std::fs::read(path).expect("read input");
    assert!(fails(&data), "input does not fail");
    std::panic::set_hook(Box::new(|_| {}));
    let head = data[..CONFIG_BYTES.min(data.len())].to_vec();
    let text = String::from_utf8_lossy(&data[head.len()..]).into_owned();
    let mut chars: Vec<char> = text.chars().collect();
    let mut head = head;
    let build = |h: &[u8], c: &[char]| {
        let mut v = h.to_vec();
        v.extend(c.iter().collect::<String>().bytes());
        v
    };
    loop {
        let mut progress = false;
        let mut chunk = chars.len().max(1);
        while chunk >= 1 {
            let mut i = 0;
            while i < chars.len() {
                let mut c2 = chars.clone();
                c2.drain(i..(i + chunk).min(chars.len()));
                if fails(&build(&head, &c2)) {
                    chars = c2;
                    progress = true;
                } else {
                    i += chunk;
                }
            }
            chunk /= 2;
        }
        for byte in 0..head.len() {
            for bit in 0..8 {
                let mut h2 = head.clone();
                h2[byte] ^= 1 << bit;
                if h2[byte] < head[byte] && fails(&build(&h2, &chars)) {
                    head = h2;
                    progress = true;
                }
            }
        }
        if !progress {
            break;
        }
    }
    let out = build(&head, &chars);
    let name = format!("{path}.min");
    std::fs::write(&name, &out).expect("write");
    let _ = std::panic::take_hook();
    println!(
        "options {:?}\ntext {:?}\nwritten to {name}",
        options_from(&head),
        chars.iter().collect::<String>()
    );
    fuzz_all(&out);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize, d: u64| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(d);
    match args.first().map(String::as_str) {
        Some("minimize") => minimize(&args[1]),
        Some("seeds") => {
            // A seed corpus for cargo fuzz: N generated inputs written to DIR.
            let dir = &args[1];
            std::fs::create_dir_all(dir).expect("create seed dir");
            let mut rng = Rng(num(3, 1));
            for k in 0..num(2, 500) {
                let data = random_input(&mut rng, 24);
                std::fs::write(format!("{dir}/seed-{k}"), data).expect("write seed");
            }
        }
        Some("check") => {
            for p in &args[1..] {
                fuzz_all(&std::fs::read(p).expect("read input"));
            }
            println!("{} inputs pass", args.len() - 1);
        }
        _ => run(num(1, 1_000_000), num(2, 1), num(3, 2)),
    }
}
