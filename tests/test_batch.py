"""Batch APIs: any iterable of str, missing values passed through, threads, fork safety."""

from __future__ import annotations

import math
import multiprocessing
import os
import sys

import pytest

import paknevis
from paknevis import Normalizer

TEXTS = ["علي  كتاب", "سال 1402", "", "کتاب‌ها", "hello, world?"] * 50


def test_batch_equals_per_text() -> None:
    expected = [paknevis.normalize(t) for t in TEXTS]
    assert paknevis.normalize_batch(TEXTS) == expected
    assert Normalizer().normalize_batch(TEXTS) == expected


@pytest.mark.parametrize("threads", [1, 2, 4])
def test_threads_give_identical_results(threads: int) -> None:
    big = [f"كتاب {i} هاي   علي" for i in range(5000)]
    assert paknevis.normalize_batch(big, threads=threads) == [paknevis.normalize(t) for t in big]


def test_iterables() -> None:
    expected = [paknevis.normalize(t) for t in TEXTS[:5]]
    assert paknevis.normalize_batch(tuple(TEXTS[:5])) == expected
    assert paknevis.normalize_batch(t for t in TEXTS[:5]) == expected
    assert paknevis.normalize_batch([]) == []


def test_missing_values_pass_through() -> None:
    nan = float("nan")
    out = paknevis.normalize_batch(["علي", None, nan, "كتاب"])
    assert out[0] == "علی" and out[1] is None and out[2] is nan and out[3] == "کتاب"


def test_unchanged_items_are_the_same_objects() -> None:
    s = "کتاب‌ها را خواندم."
    assert paknevis.normalize_batch([s])[0] is s


def test_bad_items_name_their_index() -> None:
    with pytest.raises(TypeError, match=r"texts\[1\] is int"):
        paknevis.normalize_batch(["a", 3])
    with pytest.raises(TypeError, match="decode"):
        paknevis.normalize_batch([b"x"])
    with pytest.raises(TypeError, match="single str"):
        paknevis.normalize_batch("abc")
    with pytest.raises(ValueError, match=r"texts\[0\].*surrogate"):
        paknevis.normalize_batch(["\ud800"])


def test_batch_options() -> None:
    assert paknevis.normalize_batch(["سال ۱۴۰۲"], digits="latin") == ["سال 1402"]
    with pytest.raises(paknevis.ConfigError):
        paknevis.normalize_batch(["x"], digitz="latin")


def test_env_thread_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAKNEVIS_NUM_THREADS", "1")
    big = [f"كتاب {i}" for i in range(3000)]
    assert paknevis.normalize_batch(big) == [paknevis.normalize(t) for t in big]


def test_numpy_and_pandas_inputs() -> None:
    np = pytest.importorskip("numpy")
    arr = np.array(["علي", None, "كتاب"], dtype=object)
    assert paknevis.normalize_batch(arr) == ["علی", None, "کتاب"]
    pd = pytest.importorskip("pandas")
    for dtype in (object, "string", None):
        s = pd.Series(["علي", None, math.nan, pd.NA, "كتاب"], dtype=dtype)
        out = paknevis.normalize_batch(s)
        assert out[0] == "علی" and out[4] == "کتاب"
        assert all(pd.isna(x) for x in out[1:4])


def test_pyarrow_input() -> None:
    pa = pytest.importorskip("pyarrow")
    assert paknevis.normalize_batch(pa.array(["علي", None])) == ["علی", None]


def _child(q: "multiprocessing.Queue[object]") -> None:
    big = [f"كتاب {i}" for i in range(5000)]
    q.put(paknevis.normalize_batch(big, threads=2)[:2])


@pytest.mark.skipif(sys.platform != "linux", reason="fork start method")
@pytest.mark.timeout(60)
def test_forked_child_does_not_deadlock() -> None:
    # Use the pool in the parent first, then fork.
    paknevis.normalize_batch([f"كتاب {i}" for i in range(5000)], threads=2)
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_child, args=(q,))
    p.start()
    p.join(60)
    assert p.exitcode == 0
    assert q.get(timeout=5) == ["کتاب ۰", "کتاب ۱"]
    assert os.getpid() > 0
