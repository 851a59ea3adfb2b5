"""The Normalizer API: options, errors, config, pickling, alignment and explain."""

from __future__ import annotations

import copy
import json
import pickle
import subprocess
import sys

import pytest

import paknevis
from paknevis import ConfigError, Normalizer, PaknevisError
from conftest import ROOT, apply_edits


def test_module_normalize_defaults() -> None:
    assert paknevis.normalize("علي  كتاب") == "علی کتاب"
    assert paknevis.normalize("") == ""


def test_unchanged_text_is_returned_as_is() -> None:
    s = "کتاب‌ها را خواندم."
    assert paknevis.normalize(s) is s


def test_version() -> None:
    assert isinstance(paknevis.__version__, str) and paknevis.__version__.count(".") == 2


@pytest.mark.parametrize("bad", [b"abc", bytearray(b"x"), 1, None, ["a"]])
def test_non_str_raises_type_error(bad: object) -> None:
    with pytest.raises(TypeError) as e:
        paknevis.normalize(bad)  # type: ignore[arg-type]
    if isinstance(bad, (bytes, bytearray)):
        assert "decode" in str(e.value)


def test_lone_surrogate_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="surrogate"):
        paknevis.normalize("a\ud800b")


def test_unknown_option_names_it_and_lists_valid_ones() -> None:
    with pytest.raises(ConfigError) as e:
        Normalizer(digitz="fa")
    msg = str(e.value)
    assert "digitz" in msg and "digits" in msg and "remove_diacritics" in msg


def test_module_normalize_takes_every_option_of_normalizer() -> None:
    # The options are spelled out one by one for a fast call: none may be missing.
    import inspect

    params = inspect.signature(paknevis.normalize).parameters
    kw = {n for n, p in params.items() if p.kind is inspect.Parameter.KEYWORD_ONLY}
    assert kw == set(Normalizer().config)
    assert paknevis.normalize("سال ۱۴۰۲", digits="latin") == "سال 1402"
    assert paknevis.normalize("علي", letters=False) == "علي"
    with pytest.raises(TypeError, match="digitz"):
        paknevis.normalize("x", digitz="fa")


def test_bad_value_names_option_and_choices() -> None:
    with pytest.raises(ValueError) as e:
        Normalizer(digits="roman")
    assert "digits" in str(e.value) and "latin" in str(e.value)
    with pytest.raises(ConfigError, match="remove_diacritics"):
        Normalizer(remove_diacritics="yes")
    with pytest.raises(ConfigError, match="teh_marbuta"):
        paknevis.normalize("x", teh_marbuta="ta")


def test_config_error_hierarchy() -> None:
    assert issubclass(ConfigError, PaknevisError)
    assert issubclass(ConfigError, ValueError)


def test_config_dict_and_json_round_trip() -> None:
    n = Normalizer(digits="latin", html=True)
    cfg = n.config
    assert cfg["digits"] == "latin" and cfg["html"] is True and cfg["version"] == 1
    assert Normalizer(cfg) == n
    assert Normalizer.from_json(n.to_json()) == n
    assert json.loads(n.to_json())["digits"] == "latin"


def test_from_json_errors() -> None:
    with pytest.raises(ConfigError, match="line 1 column"):
        Normalizer.from_json("{not json")
    with pytest.raises(ConfigError, match="digitz"):
        Normalizer.from_json('{"digitz": "fa"}')
    with pytest.raises(ConfigError, match="version"):
        Normalizer.from_json('{"version": 99}')


def test_repr_shows_non_defaults() -> None:
    assert repr(Normalizer()) == "Normalizer()"
    r = repr(Normalizer(digits="latin", quotes=True))
    assert "digits='latin'" in r and "quotes=True" in r and "html" not in r


def test_equality_and_hash_by_config() -> None:
    assert Normalizer(digits="fa") == Normalizer()
    assert Normalizer(digits="latin") != Normalizer()
    assert hash(Normalizer(html=False)) == hash(Normalizer())
    assert len({Normalizer(), Normalizer(), Normalizer(html=True)}) == 2


@pytest.mark.parametrize("proto", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trip(proto: int) -> None:
    n = Normalizer(digits="keep", ezafe="joda")
    m = pickle.loads(pickle.dumps(n, protocol=proto))
    assert m == n and m.normalize("خانۀ ۱") == n.normalize("خانۀ ۱")
    assert len(pickle.dumps(n)) < 2000  # config only
    assert copy.deepcopy(n) == n


def test_immutable() -> None:
    n = Normalizer()
    with pytest.raises(AttributeError):
        n.config = {}  # type: ignore[misc]


def test_aligned_maps_spans_back() -> None:
    src = "كتاب   هاي\u200f ما"
    a = Normalizer().normalize_aligned(src)
    assert a.text == paknevis.normalize(src)
    assert a.original == src
    assert len(a) == len(a.text)
    # Every output character maps into the input, in order.
    last = 0
    for i in range(len(a.text)):
        s, e = a.to_original(i, i + 1)
        assert 0 <= s <= e <= len(src) and s >= last
        last = s
    assert a.to_original(0, len(a.text)) == (0, len(src))
    with pytest.raises(ValueError):
        a.to_original(3, 1)
    with pytest.raises(ValueError):
        a.to_original(0, len(a.text) + 1)


def test_aligned_word_maps_to_its_source() -> None:
    src = "سلام   ﻛﺘﺎﺏ"
    a = Normalizer().normalize_aligned(src)
    start = a.text.index("کتاب")
    s, e = a.to_original(start, start + 4)
    assert src[s:e] == "ﻛﺘﺎﺏ"


def test_explain_reproduces_output() -> None:
    src = "علي  رفت . \u200cو  گفت: 1402"
    n = Normalizer()
    edits = n.explain(src)
    assert apply_edits(src, edits) == n.normalize(src)
    rules = {e.rule for e in edits}
    assert "letter" in rules and "digit" in rules
    e = edits[0]
    assert (e.rule, e.start, e.end, e.original, e.replacement) == e.as_tuple()


def test_cli_normalizes_a_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "in.txt"
    f.write_text("علي  رفت\n\nكتاب\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "paknevis", "normalize", str(f)],
        capture_output=True, text=True, encoding="utf-8", check=True,
    ).stdout
    assert out == "علی رفت\n\nکتاب\n"


def test_cli_example_file() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "paknevis", "normalize", str(ROOT / "examples" / "sample.txt")],
        capture_output=True, text=True, encoding="utf-8", check=True,
    ).stdout
    assert "۱۴۰۲" in out and "گویند" in out and "  " not in out


def test_cli_config(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cfg = tmp_path / "cfg.json"
    cfg.write_text(Normalizer(digits="latin").to_json(), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "paknevis", "normalize", "--config", str(cfg)],
        input="سال ۱۴۰۲\n", capture_output=True, text=True, encoding="utf-8", check=True,
    ).stdout
    assert out == "سال 1402\n"
