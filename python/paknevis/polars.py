"""polars support: ``import paknevis.polars`` registers the ``paknevis`` namespace on
expressions and on Series (polars 1.0 or later).

>>> import polars as pl
>>> import paknevis.polars
>>> df = pl.DataFrame({"text": ["علي  كتاب هاي من", None]})
>>> df.select(pl.col("text").paknevis.normalize())["text"].to_list()
['علی کتاب\\u200cهای من', None]
>>> df.select(pl.col("text").paknevis.words(normalize=True))["text"].to_list()
[['علی', 'کتاب\\u200cهای', 'من'], None]

Each method runs one batch call of the compiled core per chunk of the column (through
``Expr.map_batches``, element-wise, so it also works in ``with_columns``, ``group_by`` and
lazy queries). ``normalize`` gives a ``String`` column, ``sentences`` and ``words`` a
``List(String)`` column; nulls stay null. A column that is not ``String`` raises an error
naming its dtype.

``import paknevis`` does not import polars; only this module does.
"""

from __future__ import annotations

from typing import Any, Callable

import polars as pl

from ._paknevis import Normalizer, Tokenizer
from ._resolve import resolve_normalizer, resolve_tokenizer

__all__ = ["PaknevisExprNamespace", "PaknevisSeriesNamespace"]


def _apply(
    batch: Callable[..., list[Any]], threads: int | None, dtype: Any
) -> Callable[[pl.Series], pl.Series]:
    def run(s: pl.Series) -> pl.Series:
        if s.dtype != pl.String:
            raise TypeError(f"paknevis needs a String column, not {s.dtype} (column {s.name!r})")
        return pl.Series(s.name, batch(s.to_list(), threads=threads), dtype=dtype)

    return run


@pl.api.register_expr_namespace("paknevis")
class PaknevisExprNamespace:
    """The ``Expr.paknevis`` namespace, registered by ``import paknevis.polars``.

    >>> import polars as pl
    >>> import paknevis.polars
    >>> pl.select(pl.lit("سال ۱۴۰۲").paknevis.normalize(digits="latin")).item()
    'سال 1402'
    """

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def normalize(
        self,
        *,
        normalizer: Normalizer | None = None,
        threads: int | None = None,
        **options: Any,
    ) -> pl.Expr:
        """The normalized texts (a ``String`` expression). Give either a ``Normalizer``
        (``normalizer=``) or its options as keyword arguments.

        >>> import polars as pl
        >>> pl.DataFrame({"t": ["علي"]}).select(pl.col("t").paknevis.normalize()).item()
        'علی'
        """
        n = resolve_normalizer(normalizer, options)
        return self._expr.map_batches(
            _apply(n.normalize_batch, threads, pl.String),
            return_dtype=pl.String,
            is_elementwise=True,
        )

    def sentences(
        self,
        *,
        tokenizer: Tokenizer | None = None,
        threads: int | None = None,
        **options: Any,
    ) -> pl.Expr:
        """The sentences of each text (a ``List(String)`` expression). Give either a
        ``Tokenizer`` (``tokenizer=``) or its options as keyword arguments.

        >>> import polars as pl
        >>> df = pl.DataFrame({"t": ["سلام. خوبی؟"]})
        >>> df.select(pl.col("t").paknevis.sentences())["t"].to_list()
        [['سلام.', 'خوبی؟']]
        """
        t = resolve_tokenizer(tokenizer, options)
        dtype = pl.List(pl.String)
        return self._expr.map_batches(
            _apply(t.sentences_batch, threads, dtype), return_dtype=dtype, is_elementwise=True
        )

    def words(
        self,
        *,
        tokenizer: Tokenizer | None = None,
        threads: int | None = None,
        **options: Any,
    ) -> pl.Expr:
        """The word tokens of each text (a ``List(String)`` expression). Give either a
        ``Tokenizer`` (``tokenizer=``) or its options as keyword arguments.

        >>> import polars as pl
        >>> df = pl.DataFrame({"t": ["کتاب را خواندم."]})
        >>> df.select(pl.col("t").paknevis.words())["t"].to_list()
        [['کتاب', 'را', 'خواندم', '.']]
        """
        t = resolve_tokenizer(tokenizer, options)
        dtype = pl.List(pl.String)
        return self._expr.map_batches(
            _apply(t.words_batch, threads, dtype), return_dtype=dtype, is_elementwise=True
        )


@pl.api.register_series_namespace("paknevis")
class PaknevisSeriesNamespace:
    """The ``Series.paknevis`` namespace of polars, registered by ``import paknevis.polars``.

    >>> import polars as pl
    >>> import paknevis.polars
    >>> pl.Series(["علي", None]).paknevis.normalize().to_list()
    ['علی', None]
    """

    def __init__(self, series: pl.Series) -> None:
        self._series = series

    def normalize(
        self,
        *,
        normalizer: Normalizer | None = None,
        threads: int | None = None,
        **options: Any,
    ) -> pl.Series:
        """The normalized texts (see ``Expr.paknevis.normalize``).

        >>> import polars as pl
        >>> pl.Series(["كتاب"]).paknevis.normalize().to_list()
        ['کتاب']
        """
        n = resolve_normalizer(normalizer, options)
        return _apply(n.normalize_batch, threads, pl.String)(self._series)

    def sentences(
        self,
        *,
        tokenizer: Tokenizer | None = None,
        threads: int | None = None,
        **options: Any,
    ) -> pl.Series:
        """The sentences of each text (see ``Expr.paknevis.sentences``).

        >>> import polars as pl
        >>> pl.Series(["سلام. خوبی؟"]).paknevis.sentences().to_list()
        [['سلام.', 'خوبی؟']]
        """
        t = resolve_tokenizer(tokenizer, options)
        return _apply(t.sentences_batch, threads, pl.List(pl.String))(self._series)

    def words(
        self,
        *,
        tokenizer: Tokenizer | None = None,
        threads: int | None = None,
        **options: Any,
    ) -> pl.Series:
        """The word tokens of each text (see ``Expr.paknevis.words``).

        >>> import polars as pl
        >>> pl.Series(["سلام دنیا"]).paknevis.words().to_list()
        [['سلام', 'دنیا']]
        """
        t = resolve_tokenizer(tokenizer, options)
        return _apply(t.words_batch, threads, pl.List(pl.String))(self._series)
