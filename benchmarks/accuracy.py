#!/usr/bin/env python3
"""ZWNJ/spacing accuracy of paknevis and every installed peer, in one run, with the shared scorer.

For each system: ZWNJ-site F1 on the three corruptions (space, join, mixed) and harm (share of
letter gaps changed in text that needed no change) on both treebanks together, PerDT and
Seraji; for paknevis also the number of its errors that fall into the corpus-convention
classes the gold has and paknevis deliberately does not imitate.

    python benchmarks/accuracy.py                      # paknevis and installed peers
    python benchmarks/accuracy.py --systems paknevis   # just paknevis

Prints Markdown tables (paste into BENCHMARKS.md with this command) and writes
benchmarks/results/accuracy.json. Reads the UD dev tasks from ../shared (CC BY-SA; never
copied into this repository).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
PEERS = ["hazm", "rishe-compat", "rishe", "shekar", "parsivar", "virastar"]
TBS = [None, "perdt", "seraji"]


def cached(normalize):  # each distinct input is normalized once per system
    memo: dict[str, str] = {}

    def f(t: str) -> str:
        if t not in memo:
            memo[t] = normalize(t)
        return memo[t]

    return f


def convention_classes(score, zrows, crows, normalize) -> dict:
    """Counts paknevis errors (gold vs predicted gap type) by corpus-convention class."""
    out: dict[str, collections.Counter] = {}
    tasks = [(v, zrows, v) for v in ("space", "join", "mixed")]
    tasks += [("harm clean", crows, "gold"), ("harm gold", zrows, "gold")]
    for name, rows, field in tasks:
        c: collections.Counter = collections.Counter()
        for r in rows:
            gk, gt = score.boundaries(r["gold"])
            _, pairs = score.compare(r["gold"], normalize(r[field]))
            for j, pr in enumerate(pairs):
                if not pr or pr[0] == pr[1]:
                    continue
                c["all"] += 1
                # The gold word around the gap: from the last space to the next one.
                a = j
                while a > 0 and gt[a - 1] != "S":
                    a -= 1
                b = j + 1
                while b < len(gt) and gt[b] != "S":
                    b += 1
                left, right = "".join(gk[a : j + 1]), "".join(gk[j + 1 : b + 1])
                g, p = pr
                if left.endswith("آن") and right.startswith("ها"):
                    c["آنها / آن‌ها (treebanks disagree)"] += 1
                elif g == "N" and p == "Z" and right.startswith("ها"):
                    c["plural ـها written attached after a joining letter"] += 1
                elif g == "N" and p == "Z" and right.startswith("تر"):
                    c["comparative تر/ترین written attached"] += 1
                elif g == "Z" and left == "به":
                    c["به + noun adverb written with ZWNJ"] += 1
                elif g == "N" and p == "Z" and left in ("می", "نمی"):
                    c["می/نمی written attached (older style)"] += 1
        out[name] = c
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", default=str(ROOT.parent / "shared" / "data" / "ud-fa" / "tasks-dev"))
    ap.add_argument("--systems", nargs="*")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "accuracy.json"))
    args = ap.parse_args()
    if not EVAL.exists():
        print(f"shared scorer not found at {EVAL}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(EVAL))
    import score  # type: ignore[import-not-found]
    from adapters import SYSTEMS  # type: ignore[import-not-found]

    tasks = Path(args.tasks)
    names = args.systems or ["paknevis", *PEERS]
    results: dict = {}
    classes = None
    for name in names:
        try:
            if name == "paknevis":
                import paknevis

                sysm = SimpleNamespace(normalize=paknevis.normalize,
                                       info={"version": paknevis.__version__})
            else:
                sysm = SYSTEMS[name]()
        except Exception as e:
            print(f"skip {name}: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        norm = cached(sysm.normalize)
        sysm2 = SimpleNamespace(normalize=norm)
        try:
            norm("آزمون")  # a peer that loads but cannot run (e.g. a missing npm module)
        except Exception as e:
            print(f"skip {name}: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        results[name] = {"version": sysm.info.get("version", "?"), "by_tb": {}}
        for tb in TBS:
            score.TB = tb
            z = score.load(tasks / "zwnj.jsonl")
            c = score.load(tasks / "clean.jsonl")
            res = score.score_zwnj(sysm2, z, c)
            results[name]["by_tb"][tb or "both"] = {
                "space": res["space"]["zwnj"]["f1"],
                "join": res["join"]["zwnj"]["f1"],
                "mixed": res["mixed"]["zwnj"]["f1"],
                "harm_clean": res["harm_clean"]["gaps_changed"],
                "harm_gold": res["harm_gold"]["gaps_changed"],
            }
            if name == "paknevis" and tb is None:
                classes = {k: dict(v) for k, v in convention_classes(score, z, c, norm).items()}
        score.TB = None
        print(f"{name}: {json.dumps(results[name]['by_tb'])}", file=sys.stderr)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"results": results, "paknevis_convention_classes": classes},
                              ensure_ascii=False, indent=1))
    for tb in ("both", "perdt", "seraji"):
        print(f"\n**{tb}** — ZWNJ-site F1 (%) and harm (% of letter gaps changed)\n")
        print("| system | version | space | join | mixed | harm clean | harm gold |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for name, r in results.items():
            x = r["by_tb"][tb]
            print(f"| {name} | {r['version']} | {x['space'] * 100:.1f} | {x['join'] * 100:.1f} | "
                  f"{x['mixed'] * 100:.1f} | {x['harm_clean'] * 100:.3f} | {x['harm_gold'] * 100:.3f} |")
    if classes:
        cols = ["space", "join", "mixed", "harm clean", "harm gold"]
        names_ = sorted({k for v in classes.values() for k in v if k != "all"})
        print("\npaknevis errors by corpus-convention class (both treebanks)\n")
        print("| class | " + " | ".join(cols) + " |")
        print("|---|" + "---:|" * len(cols))
        for k in names_:
            print(f"| {k} | " + " | ".join(str(classes[c].get(k, 0)) for c in cols) + " |")
        print("| all errors | " + " | ".join(str(classes[c].get("all", 0)) for c in cols) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
