"""Reliability: shared objects under threads, pathological inputs that must finish in linear
time (small sizes, generous bounds: ratios and timeouts, no tight timings), and bad input at
every entry point."""

from __future__ import annotations

import gc
import json
import threading
import time

import pytest

import paknevis
from paknevis import ConfigError, Normalizer, PaknevisError, Tokenizer

MIXED = [
    "كتاب   ها را مي خوانم،و دفترهايم را ۱۲۳ بار نوشتم .",
    "ﻛﺘﺎﺏ\u200f!! https://a.ir/x?y=1 #هشتگ @user_1 info@site.ir COVID-19",
    "علي 3.5% , 1,250 تومان ؟؟ «سلام» (کتاب) ...",
    "\u202eکتاب\u202c\u200c\u200c ها\u00ad\u00ac می روم 😂👨\u200d👩\u200d👧",
    "ه.ش. ق.م. U.S.A. Dr. 22:30 ۱۴۰۲/۰۵/۱۲\r\n\r\n\r\nخط بعدی",
]


def _run_threads(n: int, work) -> list:  # type: ignore[no-untyped-def]
    results: list = [None] * n
    errors: list[BaseException] = []
    start = threading.Barrier(n)

    def target(k: int) -> None:
        try:
            start.wait()
            results[k] = work(k)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=target, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return results


def test_one_normalizer_shared_by_8_threads() -> None:
    n = Normalizer(digits="latin", ezafe="joda", quotes=True)
    # Long texts release the GIL, short ones do not: both paths.
    texts = MIXED + [" ".join(MIXED) * 300]
    expected = [(n.normalize(t), n.normalize_aligned(t).changes, [e.as_tuple() for e in n.explain(t)]) for t in texts]
    expected_batch = n.normalize_batch(texts * 4)

    def work(k: int) -> bool:
        ok = True
        for _ in range(5):
            for t, (out, changes, edits) in zip(texts, expected):
                ok &= n.normalize(t) == out
                ok &= n.normalize_aligned(t).changes == changes
                ok &= [e.as_tuple() for e in n.explain(t)] == edits
            ok &= n.normalize_batch(texts * 4) == expected_batch
        return ok

    assert _run_threads(8, work) == [True] * 8


@pytest.mark.parametrize("normalize", [False, True])
def test_one_tokenizer_shared_by_8_threads(normalize: bool) -> None:
    tok = Tokenizer(normalize=normalize, join_verb_parts=True)
    texts = MIXED + ["\n".join(MIXED) * 300]
    expected = [(tok.sentences(t), tok.word_spans(t), [x.as_tuple() for x in tok.tokenize(t)]) for t in texts]

    def work(k: int) -> bool:
        ok = True
        for _ in range(5):
            for t, (s, w, toks) in zip(texts, expected):
                ok &= tok.sentences(t) == s
                ok &= tok.word_spans(t) == w
                ok &= [x.as_tuple() for x in tok.tokenize(t)] == toks
        return ok

    assert _run_threads(8, work) == [True] * 8


# Pathological inputs: generator of a text of about n units.
PATHOLOGICAL = {
    "zwnj": lambda n: "\u200c" * n,
    "zwnj between letters": lambda n: "ک\u200c" * n,
    "combining marks": lambda n: "ب" + "\u064e" * n,
    "token without spaces": lambda n: "کتابها" * (n // 6),
    "bidi overrides": lambda n: "\u202eکتاب\u202c\u2066ها\u2069 " * (n // 8),
    "digits with separators": lambda n: "1,2" * (n // 3),
    "persian digits with separators": lambda n: "۱٬۲" * (n // 3),
    "hash signs": lambda n: "#" * n,
    "nested brackets": lambda n: "(" * n + "کتاب" + ")" * n,
    "periods": lambda n: "." * n,
    "spaces": lambda n: " " * n,
    "url": lambda n: "https://a.ir/" + "x" * n,
    "kashida": lambda n: "م" + "\u0640" * n + "ن",
    # every «و هم» gap looks back for the first هم of a correlative
    "correlative ham": lambda n: "هم مرز و " * (n // 9),
}

ENTRY_POINTS = {
    "normalize": paknevis.normalize,
    "normalize_aligned": lambda s: Normalizer().normalize_aligned(s),
    "sentences": paknevis.sentences,
    "tokenize": paknevis.tokenize,
    "tokenize(normalize)": lambda s: paknevis.tokenize(s, normalize=True),
}


def _best(f, s: str) -> float:  # type: ignore[no-untyped-def]
    # CPU time (a shared machine preempts long runs more than short ones), without the
    # cyclic GC, whose passes over 100k's of result objects are not linear.
    times = []
    for _ in range(3):
        gc.disable()
        try:
            t0 = time.process_time()
            f(s)
            times.append(time.process_time() - t0)
        finally:
            gc.enable()
    return min(times)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("case", sorted(PATHOLOGICAL))
def test_pathological_input_is_not_quadratic(case: str) -> None:
    # 20k and 200k units: a quadratic path would cost 100x; the bound is a wide 50x (the
    # benchmark, benchmarks/linearity.py, checks 12x on larger sizes), and small times
    # (under 20 ms at 10n) are not compared at all: they are noise on a shared machine. The
    # timeout catches anything worse.
    gen = PATHOLOGICAL[case]
    small, large = gen(20_000), gen(200_000)
    for name, f in ENTRY_POINTS.items():
        f(small)
        t1, t10 = _best(f, small), _best(f, large)
        if t10 > 0.02:
            assert t10 / max(t1, 1e-4) < 50, f"{case}/{name}: {t1:.4f}s -> {t10:.4f}s"


@pytest.mark.timeout(120)
def test_ten_megabytes_in_one_string() -> None:
    s = "\n".join(MIXED) * (10_000_000 // len("\n".join(MIXED).encode("utf-8")))
    n = Normalizer()
    out = n.normalize(s)
    a = n.normalize_aligned(s)
    assert a.text == out
    assert a.to_original(0, len(out)) == (0, len(s))
    assert len(paknevis.sentences(s)) > 1000
    assert len(paknevis.tokenize(s, normalize=True)) > 100_000


# Bad input at every entry point.
TEXT_FUNCTIONS = {
    "normalize": paknevis.normalize,
    "Normalizer.normalize": lambda x: Normalizer().normalize(x),
    "Normalizer.normalize_aligned": lambda x: Normalizer().normalize_aligned(x),
    "Normalizer.explain": lambda x: Normalizer().explain(x),
    "sentences": paknevis.sentences,
    "sentence_spans": paknevis.sentence_spans,
    "words": paknevis.words,
    "word_spans": paknevis.word_spans,
    "tokenize": paknevis.tokenize,
    "tokenize(normalize)": lambda x: paknevis.tokenize(x, normalize=True),
    "Tokenizer.sentences": lambda x: Tokenizer().sentences(x),
    "Tokenizer.tokenize": lambda x: Tokenizer(normalize=True).tokenize(x),
}


@pytest.mark.parametrize("fn", sorted(TEXT_FUNCTIONS))
@pytest.mark.parametrize("bad", [b"abc", bytearray(b"x"), memoryview(b"x"), 1, 2.5, None, ["a"], object()])
def test_non_str_is_a_type_error_everywhere(fn: str, bad: object) -> None:
    with pytest.raises(TypeError) as e:
        TEXT_FUNCTIONS[fn](bad)
    msg = str(e.value)
    assert "str" in msg
    if isinstance(bad, (bytes, bytearray)):
        assert "decode" in msg


@pytest.mark.parametrize("fn", sorted(TEXT_FUNCTIONS))
@pytest.mark.parametrize("text", ["a\ud800b", "\udfff", "کتاب\udc80"])
def test_lone_surrogate_is_a_clear_value_error_everywhere(fn: str, text: str) -> None:
    with pytest.raises(ValueError, match="surrogate") as e:
        TEXT_FUNCTIONS[fn](text)
    assert not isinstance(e.value, PaknevisError)  # a clear input error, not an internal one


@pytest.mark.parametrize("batch", [["ok", b"bytes"], ["ok", 3], ["ok", "\ud800"]])
def test_batch_names_the_bad_item(batch: list) -> None:
    with pytest.raises((TypeError, ValueError), match=r"\[1\]"):
        paknevis.normalize_batch(batch)


@pytest.mark.parametrize(
    "option, value, valid",
    [
        ("digits", "roman", ["fa", "latin", "keep"]),
        ("ezafe", "x", ["standard", "joda", "keep"]),
        ("teh_marbuta", "t", ["keep", "heh"]),
    ],
)
def test_invalid_enum_value_lists_the_valid_ones(option: str, value: str, valid: list[str]) -> None:
    for make in (lambda: Normalizer(**{option: value}), lambda: Normalizer.from_json(json.dumps({option: value}))):
        with pytest.raises(ValueError) as e:
            make()
        msg = str(e.value)
        assert option in msg and all(v in msg for v in valid), msg


@pytest.mark.parametrize(
    "doc, line, column",
    [('{"digits": "fa",\n  "html": tru}', 2, 14), ('{"digits": "fa"', 1, 15), ('{"html": true,,}', 1, 15), ("", 1, 0)],
)
def test_invalid_json_config_gives_its_position(doc: str, line: int, column: int) -> None:
    for cls in (Normalizer, Tokenizer):
        with pytest.raises(ConfigError) as e:
            cls.from_json(doc)
        assert isinstance(e.value, ValueError)
        assert f"line {line} column {column}" in str(e.value), str(e.value)


def test_panics_would_surface_as_paknevis_error() -> None:
    # No input is known to panic; the guard's contract is that PaknevisError is an Exception
    # (so `except Exception` catches it), not a BaseException like pyo3's PanicException.
    assert issubclass(PaknevisError, Exception)
    assert issubclass(ConfigError, PaknevisError) and issubclass(ConfigError, ValueError)
