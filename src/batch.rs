//! Parallel batches: many texts at once on a private rayon pool.
//!
//! The pool is the crate's own (not rayon's global one), so it does not fight a host
//! application's pool. Its size comes from, in order: the `threads` argument, the
//! `PAKNEVIS_NUM_THREADS` environment variable, the number of CPUs. Small batches run on the
//! calling thread, where starting parallel work would cost more than it saves; after a
//! `fork()` (see [`set_forked`]) everything runs on the calling thread, because the pool's
//! threads do not exist in the child.

use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Batches with fewer items than this run sequentially.
pub const MIN_PARALLEL_ITEMS: usize = 64;
/// Batches with fewer bytes than this run sequentially.
pub const MIN_PARALLEL_BYTES: usize = 64 * 1024;

static FORKED: AtomicBool = AtomicBool::new(false);
static POOLS: Mutex<Option<HashMap<usize, Arc<rayon::ThreadPool>>>> = Mutex::new(None);

/// Marks this process as a forked child: from now on batches run sequentially.
pub fn set_forked() {
    FORKED.store(true, Ordering::SeqCst);
    // The pools' threads did not survive the fork; forget them (without joining).
    if let Ok(mut g) = POOLS.lock() {
        if let Some(map) = g.take() {
            std::mem::forget(map);
        }
    }
}

/// The number of threads a batch uses for a requested count (`None` = automatic).
pub fn resolve_threads(requested: Option<usize>) -> usize {
    if FORKED.load(Ordering::SeqCst) {
        return 1;
    }
    if let Some(n) = requested {
        return n.max(1);
    }
    if let Some(n) = std::env::var("PAKNEVIS_NUM_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
    {
        return n.max(1);
    }
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn pool(threads: usize) -> Option<Arc<rayon::ThreadPool>> {
    let mut g = POOLS.lock().ok()?;
    let map = g.get_or_insert_with(HashMap::new);
    if let Some(p) = map.get(&threads) {
        return Some(p.clone());
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("paknevis-{i}"))
        .build()
        .ok()?;
    let p = Arc::new(p);
    map.insert(threads, p.clone());
    Some(p)
}

/// Maps `f` over `items` (in order), in parallel when the batch is large enough.
/// `size` gives an item's weight in bytes (for the sequential threshold).
pub fn map<T, R, F, S>(items: &[T], threads: Option<usize>, size: S, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
    S: Fn(&T) -> usize,
{
    let n = resolve_threads(threads);
    let big = items.len() >= MIN_PARALLEL_ITEMS
        && items.iter().map(&size).sum::<usize>() >= MIN_PARALLEL_BYTES;
    if n <= 1 || !big {
        return items.iter().map(f).collect();
    }
    match pool(n) {
        Some(p) => p.install(|| items.par_iter().with_min_len(16).map(&f).collect()),
        None => items.iter().map(f).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_equals_sequential() {
        let items: Vec<String> = (0..5000).map(|i| format!("كتاب {i}  ها")).collect();
        let n = crate::Normalizer::default();
        let seq: Vec<String> = items.iter().map(|s| n.normalize(s).into_owned()).collect();
        let par = map(
            &items,
            Some(2),
            |s| s.len() * 100,
            |s| n.normalize(s).into_owned(),
        );
        assert_eq!(seq, par);
        assert_eq!(resolve_threads(Some(0)), 1);
    }
}
