//! Parallel batches: many texts at once on a private rayon pool.
//!
//! The pool is the crate's own (not rayon's global one), so it does not fight a host
//! application's pool. The number of threads working on a batch, the calling thread
//! included, comes from, in order: the `threads` argument, the `PAKNEVIS_NUM_THREADS`
//! environment variable, the number of CPUs. Small batches run on the calling thread, where
//! starting parallel work would cost more than it saves; after a `fork()` (see
//! [`set_forked`]) everything runs on the calling thread, because the pool's threads do not
//! exist in the child.

use std::any::Any;
use std::collections::HashMap;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

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
    cpus()
}

/// The number of CPUs this process may use, read once: on Linux `available_parallelism`
/// reads the cgroup's files on every call, which cost a batch of 1000 lines about a tenth
/// of its time.
fn cpus() -> usize {
    static CPUS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CPUS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
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

/// Chunks per thread that a parallel batch is cut into (taken in turn from a shared counter,
/// so that a slow chunk does not hold the others back).
const CHUNKS_PER_THREAD: usize = 8;

/// Maps `f` over `items` (in order), in parallel when the batch is large enough.
/// `size` gives an item's weight in bytes (for the sequential threshold).
///
/// The calling thread works on the batch beside `threads - 1` threads of the pool, rather
/// than waiting for `threads` of them: each batch wakes one thread fewer, and the caller's
/// caches (the spacing engine's word memo) are warm from its own earlier calls.
pub fn map<T, R, F, S>(items: &[T], threads: Option<usize>, size: S, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
    S: Fn(&T) -> usize,
{
    let mut out = Vec::with_capacity(items.len());
    map_consume(items, threads, size, f, |chunk| out.extend(chunk));
    out
}

/// [`map`] that hands the results to `consume` on the calling thread, chunk by chunk and in
/// order, as soon as each chunk is done and between the chunks the caller computes itself: the
/// work `consume` does (turning results into Python objects, which only one thread may do at
/// a time) then overlaps the other threads' computing instead of following it. A batch is cut
/// into `CHUNKS_PER_THREAD` (8) chunks per thread, taken in turn from a shared counter.
pub fn map_consume<T, R, F, S, C>(
    items: &[T],
    threads: Option<usize>,
    size: S,
    f: F,
    mut consume: C,
) where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
    S: Fn(&T) -> usize,
    C: FnMut(Vec<R>),
{
    let n = resolve_threads(threads);
    let big = items.len() >= MIN_PARALLEL_ITEMS
        && items.iter().map(&size).sum::<usize>() >= MIN_PARALLEL_BYTES;
    let pool = if n > 1 && big { pool(n - 1) } else { None };
    let Some(p) = pool else {
        consume(items.iter().map(f).collect());
        return;
    };
    let chunks: Vec<&[T]> = items
        .chunks(items.len().div_ceil(n * CHUNKS_PER_THREAD).max(1))
        .collect();
    let outs: Vec<Mutex<Option<Vec<R>>>> = chunks.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    // Signalled whenever a chunk is stored (or a worker panicked).
    let ready = (Mutex::new(()), Condvar::new());
    let failed = AtomicBool::new(false);
    let panic: Mutex<Option<Box<dyn Any + Send>>> = Mutex::new(None);
    let compute = |k: usize| {
        match catch_unwind(AssertUnwindSafe(|| chunks[k].iter().map(&f).collect())) {
            Ok(out) => *lock_anyway(&outs[k]) = Some(out),
            Err(e) => {
                lock_anyway(&panic).get_or_insert(e);
                failed.store(true, Ordering::SeqCst);
            }
        }
        let _g = lock_anyway(&ready.0);
        ready.1.notify_all();
    };
    let take = || {
        let k = next.fetch_add(1, Ordering::Relaxed);
        (k < chunks.len()).then_some(k)
    };
    p.in_place_scope(|s| {
        for _ in 1..n {
            s.spawn(|_| {
                while let Some(k) = take() {
                    compute(k);
                }
            });
        }
        let mut done = 0;
        while done < chunks.len() && !failed.load(Ordering::SeqCst) {
            // (taken in a statement of its own, so that the lock is released at once)
            let out = lock_anyway(&outs[done]).take();
            if let Some(out) = out {
                consume(out);
                done += 1;
            } else if let Some(k) = take() {
                compute(k);
            } else {
                // Every chunk is taken: wait until a worker stores the next one. (A worker
                // stores, then takes `ready.0` to signal: checking under that lock loses no
                // signal; the timeout is a safety net.)
                let g = lock_anyway(&ready.0);
                if lock_anyway(&outs[done]).is_none() && !failed.load(Ordering::SeqCst) {
                    let _ = ready.1.wait_timeout(g, Duration::from_millis(10));
                }
            }
        }
    });
    let e = lock_anyway(&panic).take();
    if let Some(e) = e {
        resume_unwind(e);
    }
}

/// Locks a mutex, also one a panicking thread left poisoned (the data is whole: each lock here
/// only stores or takes a value).
fn lock_anyway<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
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

    #[test]
    fn consumed_in_order_and_whole() {
        let items: Vec<String> = (0..5000).map(|i| format!("كتاب {i}  ها")).collect();
        let n = crate::Normalizer::default();
        let seq: Vec<String> = items.iter().map(|s| n.normalize(s).into_owned()).collect();
        for threads in [1, 2, 3] {
            let mut got = Vec::new();
            let mut calls = 0;
            map_consume(
                &items,
                Some(threads),
                |s| s.len() * 100,
                |s| n.normalize(s).into_owned(),
                |chunk| {
                    calls += 1;
                    got.extend(chunk);
                },
            );
            assert_eq!(seq, got, "threads={threads}");
            assert!(threads == 1 || calls > 1, "threads={threads}: one chunk");
        }
    }

    #[test]
    fn a_panic_in_a_worker_reaches_the_caller() {
        let items: Vec<usize> = (0..5000).collect();
        for bad in [0, 2500, 4999] {
            let r = std::panic::catch_unwind(|| {
                map_consume(
                    &items,
                    Some(2),
                    |_| 100,
                    |&i| {
                        assert!(i != bad, "bad item");
                        i
                    },
                    |_| {},
                )
            });
            assert!(r.is_err(), "item {bad}");
        }
    }
}
