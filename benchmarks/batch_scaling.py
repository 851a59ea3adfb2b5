#!/usr/bin/env python3
"""How normalize_batch scales: per-line calls against batches on 1 and 2 threads, in one
process that loads nothing but paknevis.

Uses the shared scorer's speed corpus (the UD dev sentences, repeated) and batches of 1000
lines, as the scorer does; each figure is the best of 3 passes over the corpus, MB/s of UTF-8
input. Prints one line per round:

    python benchmarks/batch_scaling.py              # 3 rounds, about 5 MB
    python benchmarks/batch_scaling.py --rounds 5 --speed-mb 10
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

from shared_eval import TASKS, scorer


def best_rate(run: Callable[[], None], nbytes: int, passes: int = 3) -> float:
    """Best MB/s of `passes` runs of `run` over `nbytes` of input."""
    best = 0.0
    for _ in range(passes):
        t0 = time.perf_counter()
        run()
        best = max(best, nbytes / 1e6 / (time.perf_counter() - t0))
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", default=str(TASKS))
    ap.add_argument("--speed-mb", type=float, default=5.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--batch", type=int, default=1000, help="lines per batch (default 1000)")
    args = ap.parse_args()
    score = scorer()
    if score is None:
        return 2

    import paknevis

    lines = score.speed_corpus(Path(args.tasks), args.speed_mb)
    nbytes = sum(len(x.encode("utf-8")) for x in lines)
    b = args.batch

    def per_line() -> None:
        f = paknevis.normalize
        for x in lines:
            f(x)

    def batches(threads: int) -> Callable[[], None]:
        def run() -> None:
            for i in range(0, len(lines), b):
                paknevis.normalize_batch(lines[i : i + b], threads=threads)

        return run

    print(f"corpus {nbytes / 1e6:.1f} MB, {len(lines)} lines, batches of {b}")
    for _ in range(args.rounds):
        one = best_rate(per_line, nbytes)
        t1 = best_rate(batches(1), nbytes)
        t2 = best_rate(batches(2), nbytes)
        print(
            f"per line {one:7.1f}  batch threads=1 {t1:7.1f}  threads=2 {t2:7.1f}"
            f"  | threads=2 / per line {t2 / one:.2f}x  threads=2 / threads=1 {t2 / t1:.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
