"""The pandas accessor ``Series.paknevis`` and the functions of ``paknevis.pandas``."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

import paknevis  # noqa: E402
import paknevis.pandas  # noqa: E402,F401
from paknevis import Normalizer, Tokenizer  # noqa: E402

TEXTS = ["علي  كتاب هاي من", None, "سال 1402. خوبي؟", "", "hello, world?"]
DTYPES: list[Any] = [
    object,
    "string[python]",
    "string[pyarrow]",
    pd.ArrowDtype(pa.string()),
    pd.ArrowDtype(pa.large_string()),
]
try:  # the NaN-missing string dtype of pandas >= 2.3 ("str", the default from pandas 3 on)
    DTYPES.append(pd.StringDtype("pyarrow", na_value=float("nan")))
except TypeError:  # pragma: no cover
    pass


def series(dtype: Any) -> Any:
    return pd.Series(TEXTS, index=[10, 11, 12, 13, 14], name="text", dtype=dtype)


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_normalize_keeps_index_name_dtype_and_missing(dtype: Any) -> None:
    s = series(dtype)
    out = s.paknevis.normalize()
    assert out.index.equals(s.index) and out.name == "text" and out.dtype == s.dtype
    assert out.isna().tolist() == s.isna().tolist()
    expected = [None if m else paknevis.normalize(x) for x, m in zip(s, s.isna())]
    assert [None if m else x for x, m in zip(out, out.isna())] == expected
    if dtype is object:
        assert out[11] is None


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("name", ["sentences", "words", "tokenize"])
def test_segmentation_gives_lists(dtype: Any, name: str) -> None:
    s = series(dtype)
    for options in ({}, {"normalize": True}):
        out = getattr(s.paknevis, name)(**options)
        assert out.dtype == object and out.index.equals(s.index) and out.name == "text"
        t = Tokenizer(**options)
        for x, y, missing in zip(s, out, s.isna()):
            if missing:
                assert pd.isna(y)
            else:
                assert y == getattr(t, name)(x)


def test_options_and_instances() -> None:
    s = pd.Series(["سال ۱۴۰۲"], dtype="string")
    assert s.paknevis.normalize(digits="latin").tolist() == ["سال 1402"]
    assert s.paknevis.normalize(normalizer=Normalizer(digits="latin")).tolist() == ["سال 1402"]
    assert s.paknevis.normalize(threads=1).tolist() == ["سال ۱۴۰۲"]
    assert s.paknevis.words(tokenizer=Tokenizer(normalize=True)).tolist() == [["سال", "۱۴۰۲"]]
    with pytest.raises(TypeError, match="not both"):
        s.paknevis.normalize(normalizer=Normalizer(), digits="latin")
    with pytest.raises(TypeError, match="Normalizer"):
        s.paknevis.normalize(normalizer={"digits": "latin"})
    with pytest.raises(paknevis.ConfigError, match="digitz"):
        s.paknevis.normalize(digitz="latin")


def test_module_functions_equal_the_accessor() -> None:
    s = series("string")
    pd.testing.assert_series_equal(paknevis.pandas.normalize(s), s.paknevis.normalize())
    pd.testing.assert_series_equal(paknevis.pandas.words(s), s.paknevis.words())
    with pytest.raises(TypeError, match="pandas Series"):
        paknevis.pandas.normalize(TEXTS)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "values,dtype",
    [([1, 2], None), ([1.5, None], None), (["a", 1], object), ([b"x"], object), ([True], None)],
)
def test_non_text_series_has_no_accessor(values: list[Any], dtype: Any) -> None:
    s = pd.Series(values, dtype=dtype)
    assert not hasattr(s, "paknevis")
    with pytest.raises(AttributeError, match="Series of text.*astype"):
        s.paknevis  # noqa: B018


def test_empty_and_all_missing() -> None:
    assert pd.Series([], dtype=object).paknevis.normalize().tolist() == []
    assert pd.Series([None, None], dtype=object).paknevis.words().tolist() == [None, None]
    out = pd.Series([pd.NA], dtype="string").paknevis.sentences()
    assert out.dtype == object and out.isna().all()


def test_large_series_in_parallel_equals_sequential() -> None:
    s = pd.Series([f"كتاب {i} هاي علي. خوبي؟" for i in range(5000)], dtype="string")
    pd.testing.assert_series_equal(s.paknevis.normalize(threads=4), s.paknevis.normalize(threads=1))
    assert s.paknevis.words(threads=2).tolist() == s.paknevis.words(threads=1).tolist()


def test_paknevis_does_not_import_pandas() -> None:
    code = "import sys, paknevis; paknevis.normalize('x'); print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
