"""Hypothesis properties of the segmenter's spans, with and without normalize=True."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import paknevis
from paknevis import Normalizer, Tokenizer

# The segmenter's whitespace (Unicode White_Space): never part of a token.
SPACE = set(" \t\n\r\x0b\x0c\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {
    chr(c) for c in range(0x2000, 0x200B)
}

PIECES = [
    "کتاب", "می", "ها", "خانه", "علي", "ﻛﺘﺎﺏ", "عِلم", "مــحمد", "ۀ", "۱۲", "3.5", "1,250", "٣",
    "%", "٪", " ", "  ", "\u200c", "\u200d", "\u200b", "\u200f", "\u00ad", "\u00a0", "\t", "\n",
    "\n\n", "\r\n", "\u2029", ".", "...", "…", ",", "،", "?", "؟", "!!", "؟!", "(", ")", "«",
    "»", '"', ":", "؛", "ه.ش.", "م.", "U.S.A.", "Dr.", "hello", "COVID-19", "x=1", "22:30",
    "۱۴۰۲/۰۵/۱۲", "https://a.ir/x?y=1", "www.a.ir", "info@site.ir", "@user_1", "#هشتگ",
    "😂", "👍🏽", "👨\u200d👩\u200d👧", "🇮🇷", "1️⃣", "ﷺ", "ﷲ", "خواهد رفت", "گفته شده است",
    "نگاه کرد", "1.", "-3", "+98", "$", "©",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=25).map("".join)
seg_options = st.fixed_dictionaries(
    {},
    optional={
        "newline_is_space": st.booleans(),
        "join_verb_parts": st.booleans(),
        "ellipsis_ends_sentence": st.booleans(),
    },
)
normalizer_options = st.fixed_dictionaries(
    {},
    optional={
        "digits": st.sampled_from(["fa", "latin", "keep"]),
        "ezafe": st.sampled_from(["standard", "joda", "keep"]),
        "html": st.booleans(),
        "remove_diacritics": st.booleans(),
        "punctuation": st.booleans(),
        "quotes": st.booleans(),
        "ellipsis": st.booleans(),
        "spacing": st.booleans(),
    },
)


def clean(s: str) -> str:
    # Lone surrogates are rejected by design (tested elsewhere).
    return s.encode("utf-8", "replace").decode("utf-8")


def check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    """Ordered, non-overlapping, non-empty, in bounds, no whitespace at either end."""
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text), (spans, len(text))
        assert text[s] not in SPACE and text[e - 1] not in SPACE
        last = e


@settings(max_examples=400, deadline=None)
@given(texts, seg_options)
def test_word_spans(text: str, opts: dict[str, Any]) -> None:
    text = clean(text)
    t = Tokenizer(**opts)
    spans = t.word_spans(text)
    check_spans(text, spans)
    assert [text[s:e] for s, e in spans] == t.words(text)
    assert [(x.text, x.start, x.end) for x in t.tokenize(text)] == [(text[s:e], s, e) for s, e in spans]
    # Every character is whitespace or in exactly one token; with join_verb_parts a token may
    # also span the spaces between the parts of a verb.
    covered = [0] * len(text)
    for s, e in spans:
        for i in range(s, e):
            covered[i] += 1
    for i, c in enumerate(text):
        assert covered[i] == (0 if c in SPACE else 1) or (c in SPACE and opts.get("join_verb_parts")), (i, c)


@settings(max_examples=400, deadline=None)
@given(texts, seg_options)
def test_sentence_spans(text: str, opts: dict[str, Any]) -> None:
    text = clean(text)
    t = Tokenizer(**opts)
    spans = t.sentence_spans(text)
    check_spans(text, spans)
    assert [text[s:e] for s, e in spans] == t.sentences(text)
    # Whatever lies between sentences is whitespace, and every token is inside one sentence.
    bounds = [0] + [x for span in spans for x in span] + [len(text)]
    for a, b in zip(bounds[::2], bounds[1::2]):
        assert all(c in SPACE for c in text[a:b])
    if not opts.get("join_verb_parts"):
        for s, e in t.word_spans(text):
            assert any(a <= s and e <= b for a, b in spans), (s, e, spans)


def no_spaces(pieces: list[str]) -> str:
    return "".join(pieces).replace(" ", "")


@settings(max_examples=300, deadline=None)
@given(texts, seg_options, normalizer_options)
def test_normalized_spans_point_into_the_input(text: str, opts: dict[str, Any], nopts: dict[str, Any]) -> None:
    text = clean(text)
    n = Normalizer(**nopts)
    t = Tokenizer(normalize=True, normalizer=n, **opts)
    plain = Tokenizer(**opts)
    aligned = n.normalize_aligned(text)
    for pieces, spans, reference in (
        (t.words(text), t.word_spans(text), plain.words(aligned.text)),
        (t.sentences(text), t.sentence_spans(text), plain.sentences(aligned.text)),
    ):
        assert len(pieces) == len(spans)
        check_spans(text, spans)
        # The pieces are those of the normalized text, each piece's span is within the
        # alignment's source of it (pieces sharing their source are joined into one).
        assert no_spaces(pieces) == no_spaces(reference)
        cursor = 0
        for piece, (s, e) in zip(pieces, spans):
            ns = aligned.text.index(piece, cursor)
            cursor = ns + len(piece)
            s0, e0 = aligned.to_original(ns, cursor)
            assert s0 <= s < e <= e0
        # Every character of the input is in at most one span (checked above: ordered and
        # non-overlapping); one in none is whitespace or something the normalizer removes.
        bounds = [0] + [x for span in spans for x in span] + [len(text)]
        for a, b in zip(bounds[::2], bounds[1::2]):
            assert n.normalize(text[a:b]).strip() == "", (text[a:b], spans)
    toks = t.tokenize(text)
    assert [(x.text, x.start, x.end) for x in toks] == [
        (w, s, e) for w, (s, e) in zip(t.words(text), t.word_spans(text))
    ]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_never_crashes(text: str) -> None:
    text = clean(text)
    for normalize in (False, True):
        for f in (paknevis.sentence_spans, paknevis.word_spans):
            check_spans(text, f(text, normalize=normalize))
