"""Hypothesis properties of the normalizer over damaged Persian and mixed text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import paknevis
from paknevis import Normalizer
from conftest import apply_edits

PIECES = [
    "کتاب", "می", "ها", "خانه", "علي", "ﻛﺘﺎﺏ", "عِلم", "مــحمد", "ۀ", "۱۲", "3.5", "1,250",
    "٣", "%", " ", "  ", "\u200c", "\u200d", "\u200b", "\u200f", "\u00ad", "\u00a0", "\t",
    "\n", "\r\n", ".", "...", ",", "?", "؟", "!!", "(", ")", "«", "»", '"', ":", "ه.ش.",
    "hello", "COVID-19", "x=1", "https://a.ir/x?y=1", "info@site.ir", "@user_1", "#هشتگ",
    "😂", "&amp;", "<b>",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=20).map("".join)
options = st.fixed_dictionaries(
    {},
    optional={
        "digits": st.sampled_from(["fa", "latin", "keep"]),
        "ezafe": st.sampled_from(["standard", "joda", "keep"]),
        "html": st.booleans(),
        "remove_diacritics": st.booleans(),
        "invisible": st.booleans(),
        "whitespace": st.booleans(),
        "punctuation": st.booleans(),
        "quotes": st.booleans(),
        "ellipsis": st.booleans(),
    },
)


def clean(s: str) -> str:
    # Lone surrogates are rejected by design (tested elsewhere).
    return s.encode("utf-8", "replace").decode("utf-8")


@settings(max_examples=400, deadline=None)
@given(texts, options)
def test_idempotent_aligned_and_explained(text: str, opts: dict) -> None:
    text = clean(text)
    n = Normalizer(**opts)
    out = n.normalize(text)
    assert n.normalize(out) == out
    assert apply_edits(text, n.explain(text)) == out
    a = n.normalize_aligned(text)
    assert a.text == out
    for i in range(len(out)):
        s, e = a.to_original(i, i + 1)
        assert 0 <= s <= e <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_crashes(text: str) -> None:
    text = clean(text)
    out = paknevis.normalize(text)
    assert isinstance(out, str)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_protected_spans_survive(text: str) -> None:
    text = clean(text)
    for token in ("https://a.ir/x?y=1", "info@site.ir", "COVID-19", "x=1"):
        if f" {token} " in f" {text} ":
            assert token in paknevis.normalize(text)
