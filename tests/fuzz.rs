//! The fuzzing invariants of `tests/common/fuzz_checks.rs`, run on
//! - every input of `tests/data/fuzz_regressions/` (cases found by fuzzing, kept as they were
//!   found: option bytes then text), and
//! - random inputs from a fixed seed (`PAKNEVIS_FUZZ_SEED`, default 7): `PAKNEVIS_FUZZ_INPUTS`
//!   of them (default 200,000; CI's short fuzz run, deterministic), stopping early after
//!   `PAKNEVIS_FUZZ_SECONDS` (default 90) on a slow machine.
//!
//! The long runs are `cargo fuzz` (see `fuzz/`) or `examples/fuzz_loop.rs`.

#[path = "common/fuzz_checks.rs"]
mod fuzz_checks;

use fuzz_checks::*;
use std::time::{Duration, Instant};

#[test]
fn fuzz_regressions() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz_regressions");
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/data/fuzz_regressions")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let data = std::fs::read(&path).expect("read");
        let r = std::panic::catch_unwind(|| fuzz_all(&data));
        assert!(r.is_ok(), "fuzz regression {} fails", path.display());
        n += 1;
    }
    assert!(n > 0, "no regression inputs found");
}

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn fuzz_random_time_budget() {
    let budget = Duration::from_secs(env_num("PAKNEVIS_FUZZ_SECONDS", 90));
    let max = env_num("PAKNEVIS_FUZZ_INPUTS", 200_000);
    let mut rng = Rng(env_num("PAKNEVIS_FUZZ_SEED", 7));
    // Every invariant is fatal, idempotence included (no open case in the ten-million runs
    // of examples/fuzz_loop.rs, BENCHMARKS.md).
    let t0 = Instant::now();
    let mut done = 0u64;
    while done < max && (t0.elapsed() < budget || done < 1000) {
        let data = random_input(&mut rng, 24);
        if std::panic::catch_unwind(|| fuzz_all(&data)).is_err() {
            panic!("fuzz input {done} fails: {data:?}");
        }
        done += 1;
    }
    eprintln!(
        "fuzz_random_time_budget: {done} inputs in {:.1?}",
        t0.elapsed()
    );
}
