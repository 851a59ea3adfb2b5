"""Distributed engines: Normalizer and Tokenizer ship to workers as their (small) configuration;
a real Dask LocalCluster with two worker processes and a PySpark local-mode job give the same
results as a local run. The README's Spark recipe is run here too (its Dask recipe is a
doctest, run by test_readme.py)."""

# No `from __future__ import annotations`: pyspark reads the UDF's type hints at run time.
import os
import pickle
import shutil
import subprocess
import sys
import time
from typing import Any, Iterator

import pytest

import paknevis
from paknevis import Normalizer, Tokenizer

from test_readme import recipe

TEXTS = ["علي  كتاب هاي من را خواند .", None, "سال 1402. خوبي؟", "", "hello, world?"] * 40
N_OPTIONS = {"digits": "latin", "quotes": True}


def test_pickles_are_small_configs() -> None:
    cloudpickle = pytest.importorskip("cloudpickle")
    n = Normalizer(**N_OPTIONS)
    t = Tokenizer(normalize=True, normalizer=n)
    for obj, limit in ((n, 2000), (t, 3000)):
        for dumps in (pickle.dumps, cloudpickle.dumps):
            data = dumps(obj)
            assert len(data) < limit
            assert pickle.loads(data) == obj
    # A worker rebuilds a Normalizer from its configuration quickly (no data to load).
    start = time.perf_counter()
    for _ in range(100):
        pickle.loads(pickle.dumps(n))
    assert time.perf_counter() - start < 2.0


def test_configs_survive_a_fresh_interpreter() -> None:
    n = Normalizer(**N_OPTIONS)
    t = Tokenizer(normalize=True, normalizer=n, join_verb_parts=True)
    code = (
        "import pickle, sys; n, t = pickle.load(sys.stdin.buffer); "
        "print(n.normalize('سال ۱۴۰۲'), t.words('او خواهد رفت'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=pickle.dumps((n, t)), capture_output=True, check=True
    )
    assert out.stdout.decode().strip() == "سال 1402 ['او', 'خواهد رفت']"


# ---------------------------------------------------------------------------------------- Dask


@pytest.mark.timeout(240)
def test_dask_local_cluster_two_processes() -> None:
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe", reason="dask is not installed (pip install .[dist])")
    distributed = pytest.importorskip("dask.distributed", reason="distributed is not installed")
    import paknevis.pandas

    pdf = pd.DataFrame(
        {"id": range(len(TEXTS)), "text": pd.Series(TEXTS, dtype=object)}
    ).astype({"text": "string"})
    n = Normalizer(**N_OPTIONS)
    t = Tokenizer(normalize=True)
    with distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=":0",
    ) as cluster, distributed.Client(cluster) as client:
        pids = set(client.run(os.getpid).values())
        assert len(pids) == 2 and os.getpid() not in pids
        ddf = dd.from_pandas(pdf, npartitions=6)
        clean = ddf["text"].map_partitions(
            paknevis.pandas.normalize, normalizer=n, threads=1, meta=ddf["text"]
        )
        words = ddf["text"].map_partitions(
            paknevis.pandas.words, tokenizer=t, threads=1, meta=("text", object)
        )

        def partition(df: Any, normalizer: Normalizer) -> Any:
            # A hand-written partition function receiving the Normalizer as an argument.
            out = df.copy()
            out["clean"] = normalizer.normalize_batch(df["text"], threads=1)
            return out

        meta = pdf.iloc[:0].assign(clean=pd.Series(dtype=object))
        manual = ddf.map_partitions(partition, n, meta=meta)
        got_clean, got_words, got_manual = client.compute([clean, words, manual], sync=True)

    expected = pdf["text"].paknevis.normalize(normalizer=n)
    pd.testing.assert_series_equal(got_clean.sort_index(), expected)
    assert got_words.sort_index().tolist() == pdf["text"].paknevis.words(tokenizer=t).tolist()
    manual_clean = got_manual.sort_values("id")["clean"].tolist()
    assert [None if pd.isna(x) else x for x in manual_clean] == [
        None if x is None else n.normalize(x) for x in TEXTS
    ]


# --------------------------------------------------------------------------------------- Spark


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("PySpark needs Java, and there is none on this machine")
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install .[dist])")
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("paknevis-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


# pyspark 4 warns that it does not fully support pandas 3 yet; what we use works.
SPARK_WARNINGS = [
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support:FutureWarning"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
]


def _apply_marks(f: Any) -> Any:
    for m in SPARK_WARNINGS:
        f = m(f)
    return pytest.mark.timeout(300)(f)


@_apply_marks
def test_spark_pandas_udf(spark: Any) -> None:
    import pandas as pd
    from pyspark.sql.functions import pandas_udf

    from paknevis.spark import normalize_udf, sentences_udf, words_udf

    config = Normalizer(**N_OPTIONS).config

    @pandas_udf("string")  # type: ignore[call-overload, misc]
    def normalize_text(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
        normalizer = paknevis.Normalizer(config)  # once per partition
        for s in batches:
            yield pd.Series(normalizer.normalize_batch(s, threads=1))

    rows = [(i, x) for i, x in enumerate(TEXTS)]
    df = spark.createDataFrame(rows, "id long, text string").repartition(3)
    out = (
        df.select(
            "id",
            normalize_text("text").alias("manual"),
            normalize_udf(**N_OPTIONS)("text").alias("clean"),
            words_udf(normalize=True)("text").alias("words"),
            sentences_udf(Tokenizer())("text").alias("sentences"),
        )
        .orderBy("id")
        .collect()
    )
    n = Normalizer(**N_OPTIONS)
    t = Tokenizer(normalize=True)
    expected = [None if x is None else n.normalize(x) for x in TEXTS]
    assert [r.manual for r in out] == expected
    assert [r.clean for r in out] == expected
    assert [r.words for r in out] == [None if x is None else t.words(x) for x in TEXTS]
    assert [r.sentences for r in out] == [None if x is None else paknevis.sentences(x) for x in TEXTS]


@_apply_marks
def test_readme_spark_recipe(spark: Any) -> None:
    ns: dict[str, Any] = {}
    exec(compile(recipe("spark"), "README.md (Spark recipe)", "exec"), ns)
    rows = ns["rows"]
    assert [r.clean for r in rows] == ["علی کتاب\u200cهای من", None, "سال 1402"]
    assert rows[0].words == ["علی", "کتاب\u200cهای", "من"]
    assert [r.custom for r in rows] == [r.clean for r in rows]


def test_spark_udf_options_are_checked_on_the_driver() -> None:
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install .[dist])")
    from paknevis.spark import normalize_udf, words_udf

    with pytest.raises(paknevis.ConfigError, match="digits"):
        normalize_udf(digits="roman")
    with pytest.raises(TypeError, match="not both"):
        words_udf(Tokenizer(), normalize=True)
