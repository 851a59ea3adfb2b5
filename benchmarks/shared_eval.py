"""Access to the shared scorer (``../shared/eval``, beside this repository) for the benchmark
scripts: its module ``score`` (speed corpus, timing loop, task loading) and its adapters."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
TASKS = ROOT.parent / "shared" / "data" / "ud-fa" / "tasks-dev"


def scorer() -> ModuleType | None:
    """The shared scorer's ``score`` module (its folder put on ``sys.path``, so that
    ``adapters`` imports too), or None with a message when ``../shared`` is absent."""
    if not EVAL.exists():
        print(f"shared scorer not found at {EVAL}; nothing to measure", file=sys.stderr)
        return None
    sys.path.insert(0, str(EVAL))
    import score  # type: ignore[import-not-found]

    return score
