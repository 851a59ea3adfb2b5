"""Batch segmentation: sentences_batch, words_batch, tokenize_batch (methods and functions)."""

from __future__ import annotations

import pytest

import paknevis
from paknevis import Normalizer, Tokenizer

TEXTS = [
    "علي  كتاب هاي  من را خواند . سپس رفت",
    "سلام ،خوبي؟  ممنون!",
    "",
    "   ",
    "ساعت 22:30 @ali 😂",
    "ﻛﺘﺎﺏ   را\u200b بخوان. مــحمد آمد .",
    "hello, world? yes.",
]
BATCH = ["sentences", "words", "tokenize"]


@pytest.mark.parametrize("name", BATCH)
@pytest.mark.parametrize(
    "options", [{}, {"normalize": True}, {"join_verb_parts": True, "newline_is_space": True}]
)
def test_batch_equals_per_text(name: str, options: dict[str, object]) -> None:
    t = Tokenizer(**options)
    expected = [getattr(t, name)(x) for x in TEXTS]
    assert getattr(t, f"{name}_batch")(TEXTS) == expected
    assert getattr(paknevis, f"{name}_batch")(TEXTS, **options) == expected


@pytest.mark.parametrize("name", BATCH)
@pytest.mark.parametrize("threads", [1, 2, 4])
def test_threads_give_identical_results(name: str, threads: int) -> None:
    big = [f"كتاب {i} هاي علي. خوبي؟ سال {i}" for i in range(3000)]
    for t in (Tokenizer(), Tokenizer(normalize=True)):
        expected = [getattr(t, name)(x) for x in big]
        assert getattr(t, f"{name}_batch")(big, threads=threads) == expected


def test_missing_values_pass_through() -> None:
    pd = pytest.importorskip("pandas")
    nan = float("nan")
    out = paknevis.words_batch(["سلام دنیا", None, nan, pd.NA])
    assert out[0] == ["سلام", "دنیا"] and out[1] is None and out[2] is nan and out[3] is pd.NA
    out = Tokenizer(normalize=True).sentences_batch([None, "علي."])
    assert out == [None, ["علی."]]


def test_unsplit_text_is_the_same_object() -> None:
    s = "کتاب‌ها را خواندم."
    assert paknevis.sentences_batch([s])[0][0] is s


def test_iterables() -> None:
    expected = [paknevis.words(x) for x in TEXTS]
    assert paknevis.words_batch(tuple(TEXTS)) == expected
    assert paknevis.words_batch(x for x in TEXTS) == expected
    assert paknevis.words_batch([]) == []
    np = pytest.importorskip("numpy")
    assert paknevis.words_batch(np.array(TEXTS, dtype=object)) == expected
    pa = pytest.importorskip("pyarrow")
    assert paknevis.words_batch(pa.array(TEXTS + [None])) == expected + [None]


def test_bad_items_name_their_index() -> None:
    for f in (paknevis.sentences_batch, paknevis.words_batch, Tokenizer().tokenize_batch):
        with pytest.raises(TypeError, match=r"texts\[2\] is int"):
            f(["a", None, 3])
        with pytest.raises(TypeError, match="decode"):
            f([b"x"])
        with pytest.raises(TypeError, match="single str"):
            f("abc")
        with pytest.raises(ValueError, match=r"texts\[0\].*surrogate"):
            f(["\ud800"])


def test_options_are_checked() -> None:
    with pytest.raises(paknevis.ConfigError, match="normalizer.digits"):
        paknevis.words_batch(["x"], normalize=True, normalizer={"digits": "roman"})
    with pytest.raises(paknevis.ConfigError):
        paknevis.sentences_batch(["x"], newline_as_space=True)
    out = paknevis.words_batch(["سال ۱۴۰۲"], normalize=True, normalizer=Normalizer(digits="latin"))
    assert out == [["سال", "1402"]]


def test_spans_of_batch_tokens_point_into_each_text() -> None:
    for text, toks in zip(TEXTS, Tokenizer(normalize=True).tokenize_batch(TEXTS)):
        assert toks == Tokenizer(normalize=True).tokenize(text)
        for t in toks:
            assert 0 <= t.start < t.end <= len(text)
