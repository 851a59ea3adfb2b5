"""The shared golden table (tests/data/normalize.toml), through the Python API."""

from __future__ import annotations

import pytest

import paknevis
from conftest import apply_edits, load_toml

CASES = load_toml("normalize.toml")["case"]


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 80


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden(case: dict) -> None:
    n = paknevis.Normalizer(**case.get("options", {}))
    got = n.normalize(case["input"])
    assert got == case["expected"]
    assert n.normalize(got) == got  # idempotent
    assert paknevis.normalize(case["input"], **case.get("options", {})) == got
    assert apply_edits(case["input"], n.explain(case["input"])) == got
    assert n.normalize_aligned(case["input"]).text == got
