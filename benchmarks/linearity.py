#!/usr/bin/env python3
"""Linear time on pathological input: each case is timed at size n and 10n, and 10x the input
must cost at most 12x the time (best of `--repeat` runs, per function).

    python benchmarks/linearity.py                    # every case, n as listed below
    python benchmarks/linearity.py --scale 0.1        # smaller inputs (quick check)
    python benchmarks/linearity.py --big 100          # also one 100 MB string through
                                                      # normalize, normalize_aligned, sentences

Times are CPU time of this process (best of `--repeat`, the two sizes timed alternately,
each after a warm-up call), with the cyclic GC off while timing. Prints a Markdown table
(paste it into BENCHMARKS.md with the command) and writes the JSON to
benchmarks/results/linearity.json. Exits 1 if a ratio is over the bound.

Allocator: glibc serves an allocation over its mmap threshold (at most 32 MB) with fresh pages
from the kernel on every call, which are faulted in and zeroed on first touch, while smaller
ones reuse the warm heap. The outputs and change lists at 10n are over that threshold and
those at n are not, so the default allocator charges a per-byte page cost to the large size
only: a step in the cost per character at the threshold, not work that grows with n (the cost
per character is flat from n/4 to 10n once both sizes use the same memory). The script
therefore re-runs itself with GLIBC_TUNABLES set so that allocations come from the heap and
freed memory is kept (`glibc.malloc.mmap_max=0`, a large trim threshold); `--raw-allocator`
measures with the default allocator instead.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Callable

import paknevis

ROOT = Path(__file__).resolve().parent.parent
BOUND = 12.0
WARM_HEAP = "glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=4000000000:glibc.malloc.top_pad=268435456"

# name -> (generator of a text of about n units, n at the small size)
CASES: dict[str, tuple[Callable[[int], str], int]] = {
    "zwnj": (lambda n: "\u200c" * n, 1_000_000),  # 10n: ten million ZWNJs
    "zwnj between letters": (lambda n: "ک\u200c" * n, 1_000_000),
    "zwnj + space runs": (lambda n: "کتاب \u200c \u200c" * (n // 4), 1_000_000),
    "combining marks": (lambda n: "ب" + "\u064e" * n, 1_000_000),  # 10n: ten million marks
    "marks on latin": (lambda n: "a" + "\u0301" * n, 1_000_000),
    "token without spaces": (lambda n: "کتابها" * (n // 6), 1_000_000),  # 10n: 12 MB
    "latin token": (lambda n: "a" * n, 1_000_000),
    "bidi overrides": (lambda n: "\u202eکتاب\u202c\u2066ها\u2069 " * (n // 8), 1_000_000),
    "digits with separators": (lambda n: "1,2" * (n // 3) + "." + "5" * 3, 1_000_000),
    "persian digits with separators": (lambda n: "۱٬۲" * (n // 3) + "٫۵", 1_000_000),
    "hash signs": (lambda n: "#" * n, 1_000_000),  # 10n: ten million '#'
    "hashtags": (lambda n: "#هشتگ" * (n // 5), 1_000_000),
    "nested brackets": (lambda n: "(" * n + "کتاب" + ")" * n, 500_000),
    "mixed brackets": (lambda n: "([«{" * (n // 4) + "کتاب" + "}»])" * (n // 4), 500_000),
    "periods": (lambda n: "." * n, 1_000_000),
    "abbreviation dots": (lambda n: "ه." * (n // 2), 1_000_000),
    "spaces": (lambda n: " " * n, 1_000_000),
    "line breaks": (lambda n: "\r\n" * (n // 2), 1_000_000),
    "url": (lambda n: "https://a.ir/" + "x" * n, 1_000_000),
    "at signs": (lambda n: "@" * n, 1_000_000),
    "presentation forms": (lambda n: "ﻛﺘﺎﺏ" * (n // 4), 1_000_000),
    "kashida": (lambda n: "م" + "\u0640" * n + "ن", 1_000_000),
    "emoji zwj": (lambda n: "👨\u200d" * (n // 2) + "👩", 1_000_000),
    "html entities": (lambda n: "&amp;" * (n // 5), 1_000_000),
    "correlative ham": (lambda n: "هم مرز و " * (n // 9), 1_000_000),
}

NORMALIZER = paknevis.Normalizer()
HTML = paknevis.Normalizer(html=True)
# name -> (function, scale of n): tokenize builds a Python object per token, so its sizes are
# a quarter (still n and 10n).
FUNCTIONS: dict[str, tuple[Callable[[str], object], float]] = {
    "normalize": (NORMALIZER.normalize, 1.0),
    "normalize_aligned": (NORMALIZER.normalize_aligned, 1.0),
    "sentences": (paknevis.sentences, 1.0),
    "tokenize": (paknevis.tokenize, 0.25),
    "tokenize(normalize)": (lambda s: paknevis.tokenize(s, normalize=True), 0.25),
}


def once(f: Callable[[str], object], s: str) -> float:
    # CPU time of the process, not wall time: on a shared machine a long run is preempted
    # more often than a short one, which would inflate the ratio. The cyclic GC is off while
    # timing: its passes over the millions of result objects (tokens) would be charged to
    # paknevis and are not linear in the input.
    gc.collect()
    gc.disable()
    try:
        t0 = time.process_time()
        r = f(s)
        dt = time.process_time() - t0
        del r
    finally:
        gc.enable()
    return dt


def best_pair(f: Callable[[str], object], small: str, large: str, repeat: int) -> tuple[float, float]:
    """Best of `repeat` timings of each size, the sizes alternating (so that a slow spell of
    the shared machine is not charged to one size only), after a warm-up call of each."""
    f(small)
    f(large)
    t1, t10 = [], []
    for _ in range(repeat):
        t1.append(once(f, small))
        t10.append(once(f, large))
    return min(t1), min(t10)


def run_cases(scale: float, repeat: int, only: list[str] | None) -> list[dict]:
    rows = []
    for name, (gen, n) in CASES.items():
        if only and name not in only:
            continue
        for fname, (f, fscale) in FUNCTIONS.items():
            k = max(10, int(n * scale * fscale))
            small, large = gen(k), gen(10 * k)
            if name == "html entities" and fname == "normalize":
                f = HTML.normalize
            t1, t10 = best_pair(f, small, large, repeat)
            ratio = t10 / t1 if t1 > 0 else float("inf")
            rows.append(
                {
                    "case": name,
                    "function": fname,
                    "chars_n": len(small),
                    "chars_10n": len(large),
                    "mb_10n": round(len(large.encode("utf-8")) / 1e6, 2),
                    "seconds_n": round(t1, 5),
                    "seconds_10n": round(t10, 5),
                    "ratio": round(ratio, 2),
                    "ok": ratio <= BOUND,
                }
            )
            print(f"{name:32} {fname:20} {t1 * 1e3:9.2f} ms {t10 * 1e3:10.2f} ms  x{ratio:5.2f}", file=sys.stderr)
    return rows


def run_big(mb: int) -> list[dict]:
    """One `mb`-MB string of ordinary damaged Persian text through the main entry points."""
    unit = "كتاب   ها را مي خوانم،و دفترهايم را ۱۲۳ بار نوشتم . https://a.ir/x?y=1 #هشتگ ﻛﺘﺎﺏ\u200f!!\n"
    reps = mb * 1_000_000 // len(unit.encode("utf-8")) + 1
    s = unit * reps
    size = len(s.encode("utf-8")) / 1e6
    out = []
    for fname, f in [
        ("normalize", NORMALIZER.normalize),
        ("normalize_aligned", NORMALIZER.normalize_aligned),
        ("sentences", paknevis.sentences),
        ("tokenize", paknevis.tokenize),
    ]:
        t0 = time.perf_counter()
        r = f(s)
        dt = time.perf_counter() - t0
        del r
        out.append({"function": fname, "mb": round(size, 1), "seconds": round(dt, 2), "mb_per_s": round(size / dt, 1)})
        print(f"big {size:.0f} MB {fname:20} {dt:7.2f} s", file=sys.stderr)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every n by this")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    ap.add_argument("--big", type=int, default=0, help="also time one string of this many MB")
    ap.add_argument("--cases", nargs="*", help="only these cases")
    ap.add_argument("--no-write", action="store_true", help="do not write the JSON")
    ap.add_argument(
        "--raw-allocator",
        action="store_true",
        help="measure with glibc's default allocator settings (see the module docstring)",
    )
    a = ap.parse_args()
    if not a.raw_allocator and platform.system() == "Linux" and os.environ.get("GLIBC_TUNABLES") != WARM_HEAP:
        # Re-run with the warm-heap allocator settings (read by glibc at process start).
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "GLIBC_TUNABLES": WARM_HEAP})
    rows = run_cases(a.scale, a.repeat, a.cases)
    big = run_big(a.big) if a.big else []
    print(f"| case | function | chars at 10n | time n | time 10n | ratio |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for r in rows:
        flag = "" if r["ok"] else " **over**"
        print(
            f"| {r['case']} | {r['function']} | {r['chars_10n']:,} | {r['seconds_n'] * 1e3:.2f} ms"
            f" | {r['seconds_10n'] * 1e3:.2f} ms | {r['ratio']:.2f}{flag} |"
        )
    if big:
        print()
        print("| function | MB | seconds | MB/s |")
        print("| --- | ---: | ---: | ---: |")
        for b in big:
            print(f"| {b['function']} | {b['mb']} | {b['seconds']} | {b['mb_per_s']} |")
    worst = max(rows, key=lambda r: r["ratio"]) if rows else None
    if worst:
        print(f"\nworst ratio: {worst['ratio']} ({worst['case']}, {worst['function']}); bound {BOUND}")
    if not a.no_write:
        res = {
            "command": "python benchmarks/linearity.py " + " ".join(sys.argv[1:]),
            "paknevis": paknevis.__version__,
            "python": platform.python_version(),
            "machine": f"{platform.machine()}, {platform.system()}",
            "bound": BOUND,
            "allocator": "default" if a.raw_allocator else "GLIBC_TUNABLES=" + WARM_HEAP,
            "cases": rows,
            "big": big,
        }
        path = ROOT / "benchmarks" / "results" / "linearity.json"
        path.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
