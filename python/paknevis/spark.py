"""PySpark support: ``pandas_udf``s that normalize or segment a string column.

Each UDF is of the iterator-of-Series form: a worker builds its ``Normalizer`` (or
``Tokenizer``) once per partition from the configuration shipped with the UDF (a small dict),
then normalizes each Arrow batch of the partition with one batch call and ``threads=1``
(Spark already runs one task per core). Nulls stay null.

    from pyspark.sql import SparkSession
    from paknevis.spark import normalize_udf

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    df = spark.createDataFrame([("علي  كتاب هاي من",)], ["text"])
    df.select(normalize_udf(digits="latin")("text").alias("clean")).show()

pyspark (with pandas and pyarrow) is needed only when a UDF is made: ``import paknevis.spark``
itself imports neither pyspark nor pandas.
"""

# No `from __future__ import annotations` here: pyspark reads the UDFs' type hints (the
# iterator-of-Series form) at run time.
from typing import TYPE_CHECKING, Any, Callable, Iterator

from ._paknevis import Normalizer, Tokenizer

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql.column import Column

    # What the UDFs are: called with a column (name or Column), they give a Column.
    SparkUDF = Callable[..., Column]

__all__ = ["normalize_udf", "sentences_udf", "words_udf"]


def _normalize_batches(config: dict[str, Any]) -> Any:
    import pandas as pd

    def normalize(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
        n = Normalizer(config)  # once per partition
        for s in batches:
            yield pd.Series(n.normalize_batch(s, threads=1), index=s.index, dtype=object)

    return normalize


def _segment_batches(config: dict[str, Any], what: str) -> Any:
    import pandas as pd

    def segment(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
        t = Tokenizer(config)  # once per partition
        run = t.sentences_batch if what == "sentences" else t.words_batch
        for s in batches:
            out = [x if isinstance(x, list) else None for x in run(s, threads=1)]
            yield pd.Series(out, index=s.index, dtype=object)

    return segment


def _udf(function: Any, return_type: str) -> "SparkUDF":
    from pyspark.sql.pandas.functions import pandas_udf

    # The iterator-of-Series form, from the function's type hints.
    udf: SparkUDF = pandas_udf(function, return_type)  # type: ignore[call-overload]
    return udf


def normalize_udf(normalizer: Normalizer | None = None, **options: Any) -> "SparkUDF":
    """A pandas_udf that normalizes a string column: ``normalize_udf(**options)("text")`` is a
    Column. Give either a ``Normalizer`` or its options (checked here, on the driver).

    The UDF normalizes each partition with one ``Normalizer`` built from the shipped
    configuration and ``threads=1``.

        df.select(normalize_udf(digits="latin")("text").alias("clean"))
    """
    if normalizer is not None and options:
        raise TypeError("pass either a Normalizer or normalizer options, not both")
    n = normalizer if normalizer is not None else Normalizer(**options)
    if not isinstance(n, Normalizer):
        raise TypeError(f"normalizer must be a paknevis.Normalizer, not {type(n).__name__}")
    return _udf(_normalize_batches(n.config), "string")


def _tokenizer_config(tokenizer: Tokenizer | None, options: dict[str, Any]) -> dict[str, Any]:
    if tokenizer is not None and options:
        raise TypeError("pass either a Tokenizer or tokenizer options, not both")
    t = tokenizer if tokenizer is not None else Tokenizer(**options)
    if not isinstance(t, Tokenizer):
        raise TypeError(f"tokenizer must be a paknevis.Tokenizer, not {type(t).__name__}")
    return t.config


def sentences_udf(tokenizer: Tokenizer | None = None, **options: Any) -> "SparkUDF":
    """A pandas_udf giving the sentences of a string column (``array<string>``). Give either a
    ``Tokenizer`` or its options (``normalize=True`` for normalized sentences).

        df.select(sentences_udf(normalize=True)("text").alias("sentences"))
    """
    return _udf(_segment_batches(_tokenizer_config(tokenizer, options), "sentences"), "array<string>")


def words_udf(tokenizer: Tokenizer | None = None, **options: Any) -> "SparkUDF":
    """A pandas_udf giving the word tokens of a string column (``array<string>``). Give
    either a ``Tokenizer`` or its options (``normalize=True`` for normalized tokens).

        df.select(words_udf(normalize=True)("text").alias("words"))
    """
    return _udf(_segment_batches(_tokenizer_config(tokenizer, options), "words"), "array<string>")
