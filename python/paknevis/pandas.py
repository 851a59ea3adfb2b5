"""pandas support: ``import paknevis.pandas`` registers the ``Series.paknevis`` accessor.

>>> import pandas as pd
>>> import paknevis.pandas
>>> s = pd.Series(["علي  كتاب هاي من", None], index=["a", "b"], name="text", dtype="string")
>>> s.paknevis.normalize()
a    علی کتاب‌های من
b               <NA>
Name: text, dtype: string
>>> s.paknevis.words(normalize=True).tolist()
[['علی', 'کتاب\\u200cهای', 'من'], <NA>]

The accessor works on Series of ``object`` dtype holding str (and missing values) and on every
string dtype (``"string"``, ``"str"``, python or pyarrow storage, ``pd.ArrowDtype(pa.string())``);
other Series have no ``.paknevis`` (AttributeError). Each method runs one batch call of the
compiled core (see ``Normalizer.normalize_batch``), keeps the index and the name, and leaves
missing values (None, NaN, ``pd.NA``) missing. ``normalize`` keeps the dtype; ``sentences``,
``words`` and ``tokenize`` give an ``object`` Series of lists.

The same operations are functions of this module (``paknevis.pandas.normalize(series, ...)``),
which is the form to hand to Dask's ``map_partitions``: a worker that unpickles them imports
this module, and with it the accessor.

``import paknevis`` does not import pandas; only this module does.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._paknevis import Normalizer, Tokenizer
from ._resolve import resolve_normalizer, resolve_tokenizer

__all__ = ["PaknevisAccessor", "normalize", "sentences", "tokenize", "words"]


def _is_text(series: pd.Series) -> bool:
    dtype = series.dtype
    if isinstance(dtype, pd.StringDtype):
        return True
    if isinstance(dtype, pd.ArrowDtype):
        import pyarrow as pa

        t = dtype.pyarrow_dtype
        return bool(pa.types.is_string(t) or pa.types.is_large_string(t)) or str(t) == "string_view"
    if dtype == object:
        return pd.api.types.infer_dtype(series, skipna=True) in ("string", "empty")
    return False


def _check(series: Any) -> pd.Series:
    if not isinstance(series, pd.Series):
        raise TypeError(f"expected a pandas Series, not {type(series).__name__}")
    if not _is_text(series):
        raise AttributeError(
            f"the .paknevis accessor needs a Series of text (str values, or a string dtype), "
            f"not dtype {series.dtype}"
            + (" with non-str values" if series.dtype == object else "")
            + "; convert it first, e.g. series.astype('string')"
        )
    return series


def _values(series: pd.Series) -> Any:
    # An object ndarray: no copy for object dtype; string dtypes give str and their own
    # missing value (pd.NA or NaN).
    if series.dtype == object:
        return series.to_numpy()
    return series.to_numpy(dtype=object)


def normalize(
    series: pd.Series,
    *,
    normalizer: Normalizer | None = None,
    threads: int | None = None,
    **options: Any,
) -> pd.Series:
    """The normalized texts of ``series``, with its index, name and dtype.

    Give either a ``Normalizer`` (``normalizer=``) or its options as keyword arguments.
    ``threads`` is the batch's thread count (see ``Normalizer.normalize_batch``); use
    ``threads=1`` inside Dask or Spark workers. Missing values stay missing.

    >>> import pandas as pd
    >>> normalize(pd.Series(["سال ۱۴۰۲", pd.NA], dtype="string"), digits="latin").tolist()
    ['سال 1402', <NA>]
    """
    series = _check(series)
    n = resolve_normalizer(normalizer, options)
    out = n.normalize_batch(_values(series), threads=threads)
    return pd.Series(out, index=series.index, name=series.name, dtype=series.dtype)


def _lists(series: pd.Series, out: list[Any]) -> pd.Series:
    # pandas keeps each list of a list of lists as one value of an object Series.
    return pd.Series(out, index=series.index, name=series.name, dtype=object)


def sentences(
    series: pd.Series,
    *,
    tokenizer: Tokenizer | None = None,
    threads: int | None = None,
    **options: Any,
) -> pd.Series:
    """The sentences of each text of ``series``: an ``object`` Series of lists of str, with
    the index and name of ``series``; missing values stay missing.

    Give either a ``Tokenizer`` (``tokenizer=``) or its options as keyword arguments
    (``normalize=True`` gives normalized sentences).

    >>> import pandas as pd
    >>> sentences(pd.Series(["سلام. خوبی؟", None], dtype=object)).tolist()
    [['سلام.', 'خوبی؟'], None]
    """
    series = _check(series)
    t = resolve_tokenizer(tokenizer, options)
    return _lists(series, t.sentences_batch(_values(series), threads=threads))


def words(
    series: pd.Series,
    *,
    tokenizer: Tokenizer | None = None,
    threads: int | None = None,
    **options: Any,
) -> pd.Series:
    """The word tokens of each text of ``series``: an ``object`` Series of lists of str, with
    the index and name of ``series``; missing values stay missing.

    Give either a ``Tokenizer`` (``tokenizer=``) or its options as keyword arguments
    (``normalize=True`` gives normalized tokens).

    >>> import pandas as pd
    >>> words(pd.Series(["کتاب‌ها را خواندم."])).tolist()
    [['کتاب\\u200cها', 'را', 'خواندم', '.']]
    """
    series = _check(series)
    t = resolve_tokenizer(tokenizer, options)
    return _lists(series, t.words_batch(_values(series), threads=threads))


def tokenize(
    series: pd.Series,
    *,
    tokenizer: Tokenizer | None = None,
    threads: int | None = None,
    **options: Any,
) -> pd.Series:
    """The ``Token``s of each text of ``series`` (text, span and kind): an ``object`` Series of
    lists, with the index and name of ``series``; missing values stay missing.

    >>> import pandas as pd
    >>> [t.kind for t in tokenize(pd.Series(["۱۲ کتاب"]))[0]]
    ['number', 'word']
    """
    series = _check(series)
    t = resolve_tokenizer(tokenizer, options)
    return _lists(series, t.tokenize_batch(_values(series), threads=threads))


@pd.api.extensions.register_series_accessor("paknevis")
class PaknevisAccessor:
    """The ``Series.paknevis`` accessor, registered by ``import paknevis.pandas``.

    Available on Series of text (``object`` dtype with str values, or a string dtype); on any
    other Series ``series.paknevis`` raises AttributeError.

    >>> import pandas as pd
    >>> import paknevis.pandas
    >>> pd.Series(["كتاب"], dtype="string").paknevis.normalize()
    0    کتاب
    dtype: string
    """

    def __init__(self, series: pd.Series) -> None:
        self._series = _check(series)

    def normalize(
        self,
        *,
        normalizer: Normalizer | None = None,
        threads: int | None = None,
        **options: Any,
    ) -> pd.Series:
        """The normalized texts, with the Series' index, name and dtype (see
        ``paknevis.pandas.normalize``).

        >>> import pandas as pd
        >>> pd.Series(["علي", None], dtype=object).paknevis.normalize().tolist()
        ['علی', None]
        """
        return normalize(self._series, normalizer=normalizer, threads=threads, **options)

    def sentences(
        self,
        *,
        tokenizer: Tokenizer | None = None,
        threads: int | None = None,
        **options: Any,
    ) -> pd.Series:
        """The sentences of each text, as lists (see ``paknevis.pandas.sentences``).

        >>> import pandas as pd
        >>> pd.Series(["سلام. خوبی؟"]).paknevis.sentences().tolist()
        [['سلام.', 'خوبی؟']]
        """
        return sentences(self._series, tokenizer=tokenizer, threads=threads, **options)

    def words(
        self,
        *,
        tokenizer: Tokenizer | None = None,
        threads: int | None = None,
        **options: Any,
    ) -> pd.Series:
        """The word tokens of each text, as lists (see ``paknevis.pandas.words``).

        >>> import pandas as pd
        >>> pd.Series(["كتاب هاي من"]).paknevis.words(normalize=True).tolist()
        [['کتاب\\u200cهای', 'من']]
        """
        return words(self._series, tokenizer=tokenizer, threads=threads, **options)

    def tokenize(
        self,
        *,
        tokenizer: Tokenizer | None = None,
        threads: int | None = None,
        **options: Any,
    ) -> pd.Series:
        """The ``Token``s of each text, as lists (see ``paknevis.pandas.tokenize``).

        >>> import pandas as pd
        >>> [t.text for t in pd.Series(["سلام دنیا"]).paknevis.tokenize()[0]]
        ['سلام', 'دنیا']
        """
        return tokenize(self._series, tokenizer=tokenizer, threads=threads, **options)
