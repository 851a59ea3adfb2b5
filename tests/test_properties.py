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


# --- Reliability properties (issue 7) -------------------------------------------------------

import unicodedata  # noqa: E402

DAMAGE = PIECES + [
    "\u202e", "\u2066", "\ufeff", "\u00ac", "ﻻ", "ﷲ", "ة", "ك", "ى", "ۂ", "كتابها", "میروم",
    "نمی خواهم", "۱۴۰۲/۰۵/۱۲", "22:30", "2.0.1", "U.S.A.", "naïve", "www.a.ir", "#tag", "👍🏽",
    "👨\u200d👩\u200d👧", "🇮🇷", "1\ufe0f\u20e3", "©", "$", "\u064e", "\u0651", "e\u0301", "\u2029",
]
damaged = st.lists(
    st.one_of(
        st.sampled_from(DAMAGE),
        st.text(max_size=3),
        st.tuples(st.sampled_from(DAMAGE), st.integers(2, 6)).map(lambda t: t[0] * t[1]),
    ),
    max_size=24,
).map("".join)
all_options = st.fixed_dictionaries(
    {},
    optional={
        "digits": st.sampled_from(["fa", "latin", "keep"]),
        "ezafe": st.sampled_from(["standard", "keep"]),
        "teh_marbuta": st.sampled_from(["keep", "heh"]),
        "presentation_forms": st.booleans(),
        "letters": st.booleans(),
        "remove_diacritics": st.booleans(),
        "remove_kashida": st.booleans(),
        "invisible": st.booleans(),
        "whitespace": st.booleans(),
        "punctuation": st.booleans(),
        "quotes": st.booleans(),
        "ellipsis": st.booleans(),
        "reduce_repeated_punctuation": st.booleans(),
        "spacing": st.booleans(),
    },
)

# The letter step's look-alikes (src/letters.rs), folded before decomposition.
LOOKALIKES = str.maketrans(
    {
        **dict.fromkeys("\u064a\u0649\u06d0\u06cd\u06ce\u06d2", "ی"),
        **dict.fromkeys("\u0678\u06d3", "ئ"),
        **dict.fromkeys("\u0643\u06aa", "ک"),
        "\u06ab": "گ",
        **dict.fromkeys("\u06c1\u06be\u06d5\u06c2\u06c3\u0629\u06c0", "ه"),
        "\u0671": "ا",
        **dict.fromkeys("\u06c5\u06c6\u06c7\u06c8\u06c9\u06cb", "و"),
        **dict.fromkeys("\u0676\u0677", "ؤ"),
    }
)


def survivors(s: str) -> list[str]:
    """The characters no rule may drop (letters, digits, symbols, emoji), folded: look-alike
    letters to Persian ones, compatibility forms decomposed, marks dropped, digits of every
    script to their value. Punctuation, spaces, controls, format characters, marks, kashida,
    ¬ and skin-tone modifiers may be rewritten or removed by documented rules."""
    out = []
    for c in unicodedata.normalize("NFKD", s.translate(LOOKALIKES)).translate(LOOKALIKES):
        cat = unicodedata.category(c)
        if c in "\u0640\u00ac" or cat.startswith("M") or "\U0001f3fb" <= c <= "\U0001f3ff":
            continue
        if cat == "Nd":
            out.append(str(unicodedata.digit(c)))
        elif cat[0] in "LN" or cat in ("Sm", "Sc", "So"):
            out.append(c)
    return out


@settings(max_examples=500, deadline=None)
@given(damaged, all_options)
def test_no_character_lost(text: str, opts: dict) -> None:
    text = clean(text)
    n = Normalizer(**opts)
    out = n.normalize(text)
    assert survivors(out) == survivors(text), (text, out)
    # explain reproduces the output, and every output character maps into the input.
    assert apply_edits(text, n.explain(text)) == out
    a = n.normalize_aligned(text)
    last = 0
    for i in range(len(out)):
        s, e = a.to_original(i, i + 1)
        assert last <= s <= e <= len(text)
        last = s


@settings(max_examples=500, deadline=None)
@given(damaged, st.booleans(), st.booleans(), st.booleans())
def test_tokens_and_sentences_cover_the_text(text: str, nl: bool, verbs: bool, normalize: bool) -> None:
    text = clean(text)
    opts = {"newline_is_space": nl, "join_verb_parts": verbs, "normalize": normalize}
    for spans in (paknevis.word_spans(text, **opts), paknevis.sentence_spans(text, **opts)):
        pos = 0
        for s, e in spans:
            assert pos <= s < e <= len(text), (text, spans)
            if not normalize:
                assert text[pos:s].strip() == "", (text, spans)
            pos = e
        if not normalize:
            assert text[pos:].strip() == "", (text, spans)
    if not normalize:
        toks = paknevis.tokenize(text, **opts)
        assert [(t.start, t.end) for t in toks] == paknevis.word_spans(text, **opts)
        assert all(t.text == text[t.start : t.end] for t in toks)


PROTECTED = ["https://a.ir/x?y=1", "www.a.ir", "info@site.ir", "@user_1", "#tag", "#هشتگ", "COVID-19", "x=1", "hello", "naïve", "U.S.A"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(PROTECTED)), max_size=16), all_options)
def test_protected_spans_byte_identical(parts: list[str], opts: dict) -> None:
    # Protected tokens standing alone between spaces pass through byte-identical, in order.
    text = " ".join(parts)
    out = Normalizer(**opts).normalize(text)
    pos = 0
    for p in parts:
        if p in PROTECTED:
            k = out.find(p, pos)
            assert k >= 0, (p, text, out)
            pos = k + len(p)
