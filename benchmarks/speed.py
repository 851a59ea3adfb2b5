#!/usr/bin/env python3
"""Speed of paknevis and every installed peer, measured in one process on the same corpus.

Uses the shared scorer (../shared/eval/score.py): its speed corpus (the UD dev sentences,
repeated to about 20 MB, one call per line) and its timing loop (best of 3, MB/s of UTF-8
input). Peers come from the scorer's adapters; a peer that is not installed is skipped.

    python benchmarks/speed.py                       # paknevis, hazm, rishe, ... if installed
    python benchmarks/speed.py --systems paknevis rishe --speed-mb 5
    python benchmarks/speed.py --input mixed         # the ZWNJ task's damaged inputs instead

The gold text is already clean, so it times the path of text that needs little repair;
``--input space|join|mixed`` times the same sentences with their ZWNJs lost (the ZWNJ task's
inputs: every line needs repair), which is what scraped text looks like.

Prints a Markdown table (paste it into BENCHMARKS.md with the command) and writes the JSON
to benchmarks/results/speed.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from shared_eval import ROOT, TASKS, scorer
DEFAULT_PEERS = ["hazm", "rishe", "rishe-compat", "shekar", "parsivar", "icu", "blingfire", "identity"]
FUNCTIONS = ["normalize", "normalize_batch", "sentences", "sentences_batch", "words", "words_batch"]


def paknevis_system() -> SimpleNamespace:
    import paknevis as pk

    ns = SimpleNamespace(info={"version": pk.__version__, "settings": "defaults"})
    for f in FUNCTIONS:
        if hasattr(pk, f):
            setattr(ns, f, getattr(pk, f))
    return ns


DAMAGED = ("space", "join", "mixed")


def damaged_corpus(tasks: Path, field: str, target_mb: float) -> list[str]:
    """The ZWNJ task's inputs damaged as ``field`` says, built like the scorer's speed corpus
    (sorted, the list repeated to about ``target_mb`` MB)."""
    with open(tasks / "zwnj.jsonl", encoding="utf-8") as f:
        lines = sorted(json.loads(row)[field] for row in f if row.strip())
    size = sum(len(x.encode("utf-8")) for x in lines)
    return lines * max(1, round(target_mb * 1e6 / size))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", default=str(TASKS))
    ap.add_argument("--systems", nargs="*", help="systems to time (default: paknevis and installed peers)")
    ap.add_argument("--speed-mb", type=float, default=20.0)
    ap.add_argument("--cap-s", type=float, default=20.0, help="cap per timing run (seconds)")
    ap.add_argument("--input", default="gold", choices=("gold", *DAMAGED),
                    help="gold: the scorer's speed corpus (clean text); space/join/mixed: the ZWNJ "
                         "task's inputs with ZWNJs lost that way")
    ap.add_argument("--out", help="JSON results (default benchmarks/results/speed.json, "
                                  "or speed-INPUT.json with --input)")
    args = ap.parse_args()
    if args.out is None:
        name = "speed.json" if args.input == "gold" else f"speed-{args.input}.json"
        args.out = str(ROOT / "benchmarks" / "results" / name)
    score = scorer()
    if score is None:
        return 2
    from adapters import SYSTEMS  # type: ignore[import-not-found]

    if args.input == "gold":
        lines = score.speed_corpus(Path(args.tasks), args.speed_mb)
    else:
        lines = damaged_corpus(Path(args.tasks), args.input, args.speed_mb)
    names = args.systems or ["paknevis", *DEFAULT_PEERS]
    results = {}
    for name in names:
        try:
            sysm = paknevis_system() if name == "paknevis" else SYSTEMS[name]()
        except Exception as e:  # a peer that is not installed or does not load
            print(f"skip {name}: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        t0 = time.time()
        speed = score.score_speed(sysm, lines, args.cap_s)
        results[name] = {"info": sysm.info, "speed": speed, "seconds": round(time.time() - t0, 1)}
        print(f"{name}: {json.dumps(speed)}", file=sys.stderr)
    machine = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "processor": platform.processor() or "?",
        "cpus": __import__("os").cpu_count(),
        "corpus_mb": round(sum(len(x.encode()) for x in lines) / 1e6, 1),
        "lines": len(lines),
        "input": args.input,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": machine, "results": results}, ensure_ascii=False, indent=1))
    cols = [f for f in FUNCTIONS if any(f in r["speed"] for r in results.values())]
    print(f"corpus ({args.input}) {machine['corpus_mb']} MB, {machine['lines']} lines; Python {machine['python']}, "
          f"{machine['cpus']} CPUs; MB/s of UTF-8 input, best of 3")
    print()
    print("| system | version | " + " | ".join(cols) + " |")
    print("|---|---|" + "---:|" * len(cols))
    for name, r in results.items():
        cells = []
        for f in cols:
            v = r["speed"].get(f)
            cells.append("–" if v is None else f"{v['mb_s']:.2f}" + ("*" if v["capped"] else ""))
        print(f"| {name} | {r['info'].get('version', '?')} | " + " | ".join(cells) + " |")
    print()
    print("(* = timing capped; the rate is over the part done)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
