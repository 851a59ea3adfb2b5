"""The segmentation API: module functions, Tokenizer options, errors, config, pickling, Token,
and spans into the original text with normalize=True."""

from __future__ import annotations

import copy
import json
import pickle
import threading

import pytest

import paknevis
from paknevis import ConfigError, Normalizer, Token, Tokenizer

FUNCS = [paknevis.sentences, paknevis.sentence_spans, paknevis.words, paknevis.word_spans, paknevis.tokenize]
METHODS = ["sentences", "sentence_spans", "words", "word_spans", "tokenize"]

# Damaged text: Arabic letters, presentation forms, doubled spaces, a space before a mark,
# invisible characters, kashida, diacritics, a ligature that expands to four words. The
# normalizer's rules here do not depend on context, so each piece normalizes on its own.
DIRTY = [
    "علي  كتاب هاي  من را خواند .",
    "سلام ،خوبي؟  ممنون!",
    "ﻛﺘﺎﺏ   را\u200b بخوان. مــحمد آمد .",
    "عِلم بهتر است\u200f از ثروت\u200c .",
    "پیامبر ﷺ فرمود. سپس رفت",
    "قیمت ۳٫۵ درصد رشد كرد؛ سال ۱۴۰۲ ه.ش. بود.",
    "  می روم  \n\n  خانه ها  ",
]
# Rules that depend on context: Latin digits and punctuation in Persian context.
CONTEXT = [
    "قیمت 3.5 درصد رشد كرد؛ سال 1402 بود.",
    "سلام ,خوبي?  ممنون!",
]

def test_module_functions() -> None:
    text = "سلام. کتاب‌ها را خواندم؟"
    assert paknevis.sentences(text) == ["سلام.", "کتاب‌ها را خواندم؟"]
    assert paknevis.sentence_spans(text) == [(0, 5), (6, 24)]
    assert paknevis.words(text) == ["سلام", ".", "کتاب‌ها", "را", "خواندم", "؟"]
    assert paknevis.word_spans(text)[:2] == [(0, 4), (4, 5)]
    toks = paknevis.tokenize("ساعت 22:30 @ali 😂")
    assert [(t.text, t.kind) for t in toks] == [
        ("ساعت", "word"), ("22:30", "datetime"), ("@ali", "mention"), ("😂", "emoji"),
    ]


def test_join_verb_parts_option() -> None:
    assert paknevis.words("او خواهد رفت") == ["او", "خواهد", "رفت"]
    assert paknevis.words("او خواهد رفت", join_verb_parts=True) == ["او", "خواهد رفت"]
    assert Tokenizer(join_verb_parts=True).word_spans("او خواهد رفت") == [(0, 2), (3, 12)]


def test_newline_option() -> None:
    text = "این متن\nادامه دارد. تمام"
    assert paknevis.sentences(text) == ["این متن", "ادامه دارد.", "تمام"]
    assert paknevis.sentences(text, newline_is_space=True) == ["این متن\nادامه دارد.", "تمام"]


@pytest.mark.parametrize("text", ["", " ", "  \n\t \u00a0 \r\n"])
@pytest.mark.parametrize("normalize", [False, True])
def test_empty_and_blank_text(text: str, normalize: bool) -> None:
    for f in FUNCS:
        assert f(text, normalize=normalize) == []


@pytest.mark.parametrize("bad", [b"abc", bytearray(b"x"), 1, None, ["a"]])
@pytest.mark.parametrize("i", range(len(FUNCS)))
def test_non_str_raises_type_error(bad: object, i: int) -> None:
    with pytest.raises(TypeError) as e:
        FUNCS[i](bad)  # type: ignore[arg-type]
    if isinstance(bad, (bytes, bytearray)):
        assert "decode" in str(e.value)
    with pytest.raises(TypeError):
        getattr(Tokenizer(normalize=True), METHODS[i])(bad)


def test_lone_surrogate_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="surrogate"):
        paknevis.words("a\ud800b")


def test_unknown_option_names_it_and_lists_valid_ones() -> None:
    with pytest.raises(ConfigError) as e:
        Tokenizer(join_verb_part=True)  # type: ignore[call-arg]
    msg = str(e.value)
    assert "join_verb_part'" in msg and "join_verb_parts" in msg and "normalize" in msg
    with pytest.raises(ConfigError, match="joinverbs"):
        paknevis.words("x", joinverbs=True)  # type: ignore[call-arg]
    with pytest.raises(ConfigError) as e:
        Tokenizer(normalize=True, normalizer={"digitz": "fa"})
    assert "normalizer.digitz" in str(e.value) and "digits" in str(e.value)


def test_bad_value_names_option_and_choices() -> None:
    with pytest.raises(ConfigError, match="'normalize'"):
        Tokenizer(normalize="yes")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="join_verb_parts"):
        paknevis.words("x", join_verb_parts=1)  # type: ignore[arg-type]
    with pytest.raises(ConfigError) as e:
        Tokenizer(normalizer={"digits": "roman"})
    assert "normalizer.digits" in str(e.value) and "latin" in str(e.value)
    with pytest.raises(ConfigError, match="normalizer"):
        Tokenizer(normalizer=5)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="version"):
        Tokenizer(version=99)
    with pytest.raises(ConfigError, match="dict"):
        Tokenizer(["normalize"])  # type: ignore[arg-type]


def test_normalizer_option_takes_a_dict_or_a_normalizer() -> None:
    a = Tokenizer(normalize=True, normalizer={"digits": "latin"})
    b = Tokenizer(normalize=True, normalizer=Normalizer(digits="latin"))
    assert a == b
    assert a.words("سال ۱۴۰۲") == ["سال", "1402"]
    assert a.word_spans("سال ۱۴۰۲") == [(0, 3), (4, 8)]
    assert paknevis.words("سال ۱۴۰۲", normalize=True, normalizer={"digits": "latin"}) == ["سال", "1402"]
    assert Tokenizer(normalizer=None) == Tokenizer()


def test_config_dict_and_json_round_trip() -> None:
    t = Tokenizer(join_verb_parts=True, normalize=True, normalizer={"digits": "latin"})
    cfg = t.config
    assert cfg["join_verb_parts"] is True and cfg["normalize"] is True and cfg["version"] == 1
    assert cfg["newline_is_space"] is False and cfg["ellipsis_ends_sentence"] is False
    assert cfg["normalizer"]["digits"] == "latin" and cfg["normalizer"] == Normalizer(digits="latin").config
    assert Tokenizer(cfg) == t
    assert Tokenizer(cfg, join_verb_parts=False) == Tokenizer(normalize=True, normalizer={"digits": "latin"})
    assert Tokenizer.from_json(t.to_json()) == t
    assert json.loads(t.to_json())["normalizer"]["digits"] == "latin"
    assert Tokenizer.from_json('{"normalize": true}') == Tokenizer(normalize=True)


def test_from_json_errors() -> None:
    with pytest.raises(ConfigError, match="line 1 column"):
        Tokenizer.from_json("{not json")
    with pytest.raises(ConfigError, match="normalise"):
        Tokenizer.from_json('{"normalise": true}')
    with pytest.raises(ConfigError, match="version"):
        Tokenizer.from_json('{"version": 99}')
    with pytest.raises(ConfigError, match="normalizer.version"):
        Tokenizer.from_json('{"normalizer": {"version": 99}}')
    with pytest.raises(ConfigError, match="object"):
        Tokenizer.from_json("[1]")
    with pytest.raises(TypeError):
        Tokenizer.from_json(b"{}")  # type: ignore[arg-type]


def test_repr_shows_non_defaults() -> None:
    assert repr(Tokenizer()) == "Tokenizer()"
    assert repr(Tokenizer(join_verb_parts=True)) == "Tokenizer(join_verb_parts=True)"
    r = repr(Tokenizer(normalize=True, normalizer={"digits": "latin"}))
    assert r == "Tokenizer(normalize=True, normalizer={'digits': 'latin'})"


def test_equality_and_hash_by_config() -> None:
    assert Tokenizer(join_verb_parts=False) == Tokenizer()
    assert Tokenizer(join_verb_parts=True) != Tokenizer()
    assert Tokenizer() != Normalizer()
    assert hash(Tokenizer(normalize=False)) == hash(Tokenizer())
    assert len({Tokenizer(), Tokenizer(), Tokenizer(normalize=True)}) == 2


@pytest.mark.parametrize("proto", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trip(proto: int) -> None:
    t = Tokenizer(join_verb_parts=True, normalize=True, normalizer={"ezafe": "joda"})
    u = pickle.loads(pickle.dumps(t, protocol=proto))
    assert u == t and u.words("او خواهد رفت") == t.words("او خواهد رفت")
    assert len(pickle.dumps(t)) < 3000  # config only
    assert copy.deepcopy(t) == t
    tok = t.tokenize("خانۀ من")[0]
    assert pickle.loads(pickle.dumps(tok, protocol=proto)) == tok


def test_immutable() -> None:
    t = Tokenizer()
    with pytest.raises(AttributeError):
        t.config = {}  # type: ignore[misc]
    tok = paknevis.tokenize("سلام")[0]
    with pytest.raises(AttributeError):
        tok.start = 3  # type: ignore[misc]


def test_token_class() -> None:
    tok = paknevis.tokenize("سلام دنیا")[1]
    assert tok == Token("دنیا", 5, 9, "word")
    assert tok != Token("دنیا", 5, 9, "number")
    assert tok != ("دنیا", 5, 9, "word")
    assert tok.as_tuple() == ("دنیا", 5, 9, "word")
    assert repr(tok) == "Token(text='دنیا', start=5, end=9, kind='word')"
    assert hash(tok) == hash(Token("دنیا", 5, 9, "word"))
    assert len({tok, Token("دنیا", 5, 9, "word")}) == 1
    with pytest.raises(ValueError, match="punct"):
        Token("x", 0, 1, "verb")  # type: ignore[arg-type]


def test_single_sentence_is_the_input_object() -> None:
    s = "کتاب‌ها را خواندم."
    assert paknevis.sentences(s)[0] is s


def test_spans_are_code_points() -> None:
    text = "😂 کتاب‌ها 𝐀bc را"
    for s, e in paknevis.word_spans(text):
        assert text[s:e].strip() == text[s:e] != ""
    assert [text[s:e] for s, e in paknevis.word_spans(text)] == paknevis.words(text)


def no_spaces(pieces: list[str]) -> str:
    return "".join(pieces).replace(" ", "")


@pytest.mark.parametrize("text", DIRTY + CONTEXT)
def test_normalize_true_spans_point_into_the_original(text: str) -> None:
    n = Normalizer()
    aligned = n.normalize_aligned(text)
    t = Tokenizer(normalize=True)
    for method, spans_method in (("words", "word_spans"), ("sentences", "sentence_spans")):
        pieces = getattr(t, method)(text)
        spans = getattr(t, spans_method)(text)
        assert len(pieces) == len(spans)
        last, cursor = 0, 0
        for piece, (s, e) in zip(pieces, spans):
            assert last <= s < e <= len(text)
            assert text[s:e].strip() == text[s:e]
            last = e
            if text in DIRTY:
                assert n.normalize(text[s:e]) == piece, (piece, text[s:e])
            # The span is the alignment's source of the piece, at most trimmed.
            ns = aligned.text.index(piece, cursor)
            cursor = ns + len(piece)
            s0, e0 = aligned.to_original(ns, cursor)
            assert s0 <= s < e <= e0
        # The pieces are those of the normalized text (pieces that share their source in
        # the input, like the words of an expanded ligature, are joined into one).
        plain = getattr(paknevis, method)(aligned.text)
        assert no_spaces(pieces) == no_spaces(plain)
        if "\ufdfa" not in text:
            assert pieces == plain
    toks = t.tokenize(text)
    assert [(x.text, (x.start, x.end)) for x in toks] == list(zip(t.words(text), t.word_spans(text)))


def test_normalize_true_examples() -> None:
    text = "علي  كتاب را خواند ."
    assert paknevis.words(text, normalize=True) == ["علی", "کتاب", "را", "خواند", "."]
    spans = paknevis.word_spans(text, normalize=True)
    assert [text[s:e] for s, e in spans] == ["علي", "كتاب", "را", "خواند", "."]
    # A ligature that the normalizer expands to four words is one token of the input.
    text = "پیامبر ﷺ فرمود."
    words = paknevis.words(text, normalize=True)
    spans = paknevis.word_spans(text, normalize=True)
    assert [text[s:e] for s, e in spans] == ["پیامبر", "ﷺ", "فرمود", "."]
    assert words[1] == paknevis.normalize("ﷺ")
    # Sentences: normalized strings, spans into the input.
    text = "سلام ,خوبي؟  ممنون!"
    assert paknevis.sentences(text, normalize=True) == ["سلام، خوبی؟", "ممنون!"]
    assert [text[s:e] for s, e in paknevis.sentence_spans(text, normalize=True)] == ["سلام ,خوبي؟", "ممنون!"]
    assert paknevis.words(text, normalize=True)[1] == "،"
    assert [text[s:e] for s, e in paknevis.word_spans(text, normalize=True)][1] == ","


def test_long_text_matches_short_calls() -> None:
    # Long texts are segmented with the GIL released: same results.
    line = "کتاب‌ها را خواندم. علي  آمد؟ قیمت ۳٫۵ درصد شد!"
    text = " ".join([line] * 1000)
    assert len(text.encode("utf-8")) > 64 * 1024
    n = len(line) + 1
    for normalize in (False, True):
        one = paknevis.word_spans(line, normalize=normalize)
        many = paknevis.word_spans(text, normalize=normalize)
        assert many == [(s + k * n, e + k * n) for k in range(1000) for s, e in one]
        assert paknevis.sentences(text, normalize=normalize) == paknevis.sentences(line, normalize=normalize) * 1000


def test_threads_share_a_tokenizer() -> None:
    t = Tokenizer(normalize=True)
    text = " ".join(DIRTY) * 200
    expected = t.word_spans(text)
    results: list[bool] = []

    def work() -> None:
        results.append(all(t.word_spans(text) == expected for _ in range(3)))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert results == [True] * 4
