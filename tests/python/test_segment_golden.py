"""Golden tables of the segmenter (tests/data/sentences.tsv, tests/data/words.tsv), shared with
tests/segment_golden.rs. Options in the third column go to ``paknevis.Tokenizer(**options)``;
rows without options also go through the module-level functions."""
import re
from pathlib import Path

import pytest

paknevis = pytest.importorskip("paknevis")

DATA = Path(__file__).resolve().parents[1] / "data"
ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|[nrt\\])")


def unescape(s):
    def sub(m):
        e = m.group(1)
        return chr(int(e[1:], 16)) if e[0] == "u" else {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}[e]

    return ESCAPE.sub(sub, s)


def read(name):
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


def segmenter(opts):
    if not hasattr(paknevis, "Tokenizer"):
        pytest.skip("paknevis.Tokenizer not built")
    return paknevis.Tokenizer(**opts)


@pytest.mark.parametrize("text,expected,opts,kinds", read("sentences.tsv"))
def test_sentences(text, expected, opts, kinds):
    seg = segmenter(opts)
    assert seg.sentences(text) == expected
    spans = seg.sentence_spans(text)
    assert [text[s:e] for s, e in spans] == expected
    if not opts:
        assert paknevis.sentences(text) == expected


@pytest.mark.parametrize("text,expected,opts,kinds", read("words.tsv"))
def test_words(text, expected, opts, kinds):
    seg = segmenter(opts)
    assert seg.words(text) == expected
    assert [text[s:e] for s, e in seg.word_spans(text)] == expected
    if kinds:
        assert [t[2] if isinstance(t, tuple) else t.kind for t in seg.tokenize(text)] == kinds
    if not opts:
        assert paknevis.words(text) == expected
