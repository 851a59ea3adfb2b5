"""Golden tables of the segmenter (tests/data/sentences.tsv, tests/data/words.tsv), shared with
tests/segment_golden.rs, through the Python API. Options in the third column go to
``paknevis.Tokenizer(**options)`` and to the module-level functions."""

from __future__ import annotations

import re
from typing import Any

import pytest

import paknevis
from conftest import DATA

ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|[nrt\\])")
KINDS = {"word", "number", "datetime", "url", "email", "mention", "hashtag", "emoji", "punct", "symbol"}


def unescape(s: str) -> str:
    def sub(m: re.Match[str]) -> str:
        e = m.group(1)
        return chr(int(e[1:], 16)) if e[0] == "u" else {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}[e]

    return ESCAPE.sub(sub, s)


def read(name: str) -> list[Any]:
    rows = []
    for n, line in enumerate((DATA / name).read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        expected = [unescape(p) for p in cols[1].split(" | ")] if cols[1] else []
        opts = {o.strip(): True for o in (cols[2] if len(cols) > 2 else "").split(",") if o.strip()}
        kinds = (cols[3] if len(cols) > 3 else "").split()
        rows.append(pytest.param(unescape(cols[0]), expected, opts, kinds, id=f"{name}:{n}"))
    return rows


SENTENCES = read("sentences.tsv")
WORDS = read("words.tsv")


def test_tables_are_large_enough() -> None:
    assert len(SENTENCES) >= 60 and len(WORDS) >= 60


@pytest.mark.parametrize("text,expected,opts,kinds", SENTENCES)
def test_sentences(text: str, expected: list[str], opts: dict[str, Any], kinds: list[str]) -> None:
    seg = paknevis.Tokenizer(**opts)
    assert seg.sentences(text) == expected
    spans = seg.sentence_spans(text)
    assert [text[s:e] for s, e in spans] == expected
    assert paknevis.sentences(text, **opts) == expected
    assert paknevis.sentence_spans(text, **opts) == spans


@pytest.mark.parametrize("text,expected,opts,kinds", WORDS)
def test_words(text: str, expected: list[str], opts: dict[str, Any], kinds: list[str]) -> None:
    seg = paknevis.Tokenizer(**opts)
    assert seg.words(text) == expected
    spans = seg.word_spans(text)
    assert [text[s:e] for s, e in spans] == expected
    tokens = seg.tokenize(text)
    assert [(t.text, t.start, t.end) for t in tokens] == [(text[s:e], s, e) for s, e in spans]
    assert all(t.kind in KINDS for t in tokens)
    if kinds:
        assert [t.kind for t in tokens] == kinds
    assert paknevis.words(text, **opts) == expected
    assert paknevis.word_spans(text, **opts) == spans
    assert paknevis.tokenize(text, **opts) == tokens
