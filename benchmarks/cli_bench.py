#!/usr/bin/env python3
"""Throughput and peak memory of the ``paknevis`` command line on a big generated file.

Generates a deterministic file of damaged Persian text (sentences built from a small
vocabulary with the damage scraped text has: Arabic letters, lost or extra ZWNJs, NBSPs,
doubled spaces, ASCII digits, diacritics, kashida, Latin words; the same generator as the
criterion benches in ``benches/corpus.rs``) in a temporary directory, then times

    python -m paknevis normalize --jobs 2 -o OUT FILE

and prints the input size, the wall time, MB/s of input and the peak RSS of the child process.

    python benchmarks/cli_bench.py                  # 1024 MB
    python benchmarks/cli_bench.py --size-mb 100 --jobs 1 --command words
    python benchmarks/cli_bench.py --corpus speed   # the shared speed task's lines (issue 5 targets)

``--corpus speed`` builds the file from the lines of the shared speed task instead (the gold
sentences of ``../shared/data/ud-fa/tasks-dev``, ``zwnj.jsonl`` and ``clean.jsonl``, sorted as the
shared scorer sorts them), read at run time and written only to the temporary directory.

The file is a block of about 4 MiB of distinct lines repeated up to the size (generating 1 GB
line by line in Python would take longer than the measurement). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = [
    "کتاب", "ها", "می", "روم", "خانه", "دانشگاه", "تهران", "گزارش", "خبرنگار", "بازار", "رشد",
    "درصد", "سال", "ناشران", "گويند", "كه", "اين", "آن", "را", "به", "از", "در", "با", "برای",
    "همکاری", "های", "بزرگ", "تر", "ترین", "شده", "است", "اند", "عِلم", "مــحمد", "1402", "3.5%",
    "COVID-19", "می\u200cخواهند", "آن\u200cها", "کتابهای", "\u00a0",
]  # fmt: skip
MASK = (1 << 64) - 1
BLOCK_BYTES = 4 << 20


def damaged_block(nbytes: int = BLOCK_BYTES) -> bytes:
    """About ``nbytes`` of damaged Persian text, one sentence per line (xorshift64, fixed seed)."""
    x = 0x2545F4914F6CDD1D
    out: list[str] = []
    size = 0
    nw = len(WORDS)
    while size < nbytes:
        n = 8 + x % 17
        parts: list[str] = []
        for k in range(n):
            x ^= (x << 13) & MASK
            x ^= x >> 7
            x ^= (x << 17) & MASK
            if k > 0:
                parts.append("  " if x % 23 == 0 else " ")
            parts.append(WORDS[x % nw])
        parts.append(" .\n" if x % 5 == 0 else ".\n")
        line = "".join(parts)
        out.append(line)
        size += len(line.encode("utf-8"))
    return "".join(out).encode("utf-8")


TASKS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ud-fa" / "tasks-dev"


def speed_block(tasks: Path = TASKS) -> bytes:
    """The lines of the shared speed task (gold sentences of zwnj.jsonl and clean.jsonl, sorted
    as ``../shared/eval/score.py`` sorts them), one per line."""
    lines: list[str] = []
    for name in ("zwnj.jsonl", "clean.jsonl"):
        with open(tasks / name, encoding="utf-8") as f:
            lines.extend(json.loads(row)["gold"] for row in f if row.strip())
    lines.sort()
    return "".join(line.replace("\n", " ") + "\n" for line in lines).encode("utf-8")


def generate(path: Path, size_mb: float, corpus: str = "damaged") -> int:
    """Writes at least ``size_mb`` MB (10^6 bytes) to ``path``; returns the size in bytes."""
    block = speed_block() if corpus == "speed" else damaged_block()
    target = int(size_mb * 1e6)
    written = 0
    with open(path, "wb") as f:
        while written < target:
            f.write(block)
            written += len(block)
    return written


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=float, default=1024.0, help="input size in MB (default 1024)")
    ap.add_argument("--jobs", type=int, default=2, help="--jobs for the CLI (default 2)")
    ap.add_argument("--command", default="normalize", choices=("normalize", "sentences", "words"))
    ap.add_argument("--corpus", default="damaged", choices=("damaged", "speed"),
                    help="damaged: the generated damaged text (default); speed: the shared speed task's lines")
    ap.add_argument("--dir", help="directory for the input and output (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the generated files")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = ap.parse_args()

    tmp = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="paknevis-cli-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    src, dst = tmp / "input.txt", tmp / "output.txt"
    try:
        t0 = time.perf_counter()
        size = generate(src, args.size_mb, args.corpus)
        print(f"generated {size / 1e6:.0f} MB in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        cmd = [sys.executable, "-m", "paknevis", args.command, "--jobs", str(args.jobs), "--quiet", "-o", str(dst), str(src)]
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # ru_maxrss: kilobytes on Linux, bytes on macOS.
        rss_mb = after.ru_maxrss / (1 << 20 if sys.platform == "darwin" else 1 << 10)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        out_size = dst.stat().st_size
        figures = {
            "command": " ".join(["paknevis", *cmd[3:-3], "-o", "OUT", "FILE"]),
            "corpus": args.corpus,
            "input_mb": round(size / 1e6, 1),
            "output_mb": round(out_size / 1e6, 1),
            "wall_s": round(wall, 2),
            "mb_per_s": round(size / 1e6 / wall, 1),
            "cpu_s": round(cpu, 2),
            "cpu_percent": round(100 * cpu / wall),
            "peak_rss_mb": round(rss_mb, 1),
            "cpus": os.cpu_count(),
            "load_before": load,
            "python": platform.python_version(),
        }
        print(f"command:      {figures['command']}")
        print(f"input:        {figures['input_mb']} MB -> output {figures['output_mb']} MB")
        print(f"wall:         {figures['wall_s']} s  ({figures['mb_per_s']} MB/s of input)")
        print(f"cpu:          {figures['cpu_s']} s  ({figures['cpu_percent']}% of one core)")
        print(f"peak RSS:     {figures['peak_rss_mb']} MB")
        print(f"machine:      {figures['cpus']} CPUs, load average {figures['load_before']}, Python {figures['python']}")
        if args.json:
            print(json.dumps(figures))
    finally:
        if args.keep:
            print(f"kept {src} and {dst}", file=sys.stderr)
        elif args.dir:
            for p in (src, dst):
                p.unlink(missing_ok=True)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
