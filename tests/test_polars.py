"""The polars namespaces ``Expr.paknevis`` and ``Series.paknevis`` (skipped without polars)."""

from __future__ import annotations

import pytest

pl = pytest.importorskip("polars", reason="polars is not installed (pip install polars)")

import paknevis  # noqa: E402
import paknevis.polars  # noqa: E402,F401
from paknevis import Normalizer, Tokenizer  # noqa: E402

TEXTS = ["علي  كتاب هاي من", None, "سال 1402. خوبي؟", "", "hello, world?"]


def test_expression_namespace() -> None:
    df = pl.DataFrame({"id": range(len(TEXTS)), "text": TEXTS})
    out = df.with_columns(
        clean=pl.col("text").paknevis.normalize(digits="latin"),
        sents=pl.col("text").paknevis.sentences(normalize=True),
        words=pl.col("text").paknevis.words(),
    )
    assert out.schema["clean"] == pl.String
    assert out.schema["sents"] == pl.List(pl.String)
    n = Normalizer(digits="latin")
    t = Tokenizer(normalize=True)
    assert out["clean"].to_list() == [None if x is None else n.normalize(x) for x in TEXTS]
    assert out["sents"].to_list() == [None if x is None else t.sentences(x) for x in TEXTS]
    assert out["words"].to_list() == [None if x is None else paknevis.words(x) for x in TEXTS]


def test_lazy_and_group_by() -> None:
    lf = pl.LazyFrame({"g": [1, 1, 2], "text": ["علي", "كتاب", None]})
    out = lf.with_columns(pl.col("text").paknevis.normalize()).collect()
    assert out["text"].to_list() == ["علی", "کتاب", None]
    agg = lf.group_by("g").agg(pl.col("text").paknevis.normalize()).sort("g").collect()
    assert agg["text"].to_list() == [["علی", "کتاب"], [None]]


def test_series_namespace() -> None:
    s = pl.Series("t", TEXTS)
    assert s.paknevis.normalize(normalizer=Normalizer()).name == "t"
    assert s.paknevis.words(tokenizer=Tokenizer())[0].to_list() == ["علي", "كتاب", "هاي", "من"]
    assert s.paknevis.sentences()[1] is None


def test_errors() -> None:
    df = pl.DataFrame({"n": [1, 2]})
    with pytest.raises(Exception, match="String column, not Int64"):
        df.select(pl.col("n").paknevis.normalize())
    with pytest.raises(TypeError, match="not both"):
        pl.col("t").paknevis.normalize(normalizer=Normalizer(), digits="fa")
    with pytest.raises(paknevis.ConfigError):
        pl.col("t").paknevis.words(joinverbs=True)
