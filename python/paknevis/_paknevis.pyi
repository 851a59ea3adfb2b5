"""Type stubs of the compiled core ``paknevis._paknevis`` (re-exported by ``paknevis``).

All offsets are Python code-point indices (``text[start:end]``).
"""

from __future__ import annotations

from typing import Any, Iterable, Literal, Mapping, final, overload

__version__: str
__all__ = [
    "AlignedText",
    "Edit",
    "Normalizer",
    "Token",
    "Tokenizer",
    "normalize",
    "normalize_batch",
    "sentence_spans",
    "sentences",
    "sentences_batch",
    "tokenize",
    "tokenize_batch",
    "word_spans",
    "words",
    "words_batch",
    "__version__",
    "_after_fork",
    "_normalize_lines",
]

_DigitsOption = Literal["fa", "latin", "keep"]
_EzafeOption = Literal["standard", "joda", "keep"]
_TehMarbutaOption = Literal["keep", "heh"]
_TokenKind = Literal[
    "word", "number", "datetime", "url", "email", "mention", "hashtag", "emoji", "punct", "symbol"
]

@final
class Normalizer:
    """Normalizes Persian text: letters, digits, diacritics, invisible characters, whitespace,
    punctuation and spacing, as configured.

    Options are keyword arguments; a dict of options (such as ``Normalizer.config``) may be
    passed positionally instead. An unknown option or a bad value raises ``ConfigError`` naming
    the option. Instances are immutable, hashable, picklable and safe to share between threads.

    >>> Normalizer(digits="latin").normalize("سال ۱۴۰۲")
    'سال 1402'
    """

    def __new__(
        cls,
        config: Mapping[str, Any] | None = None,
        /,
        *,
        version: int = 1,
        html: bool = False,
        presentation_forms: bool = True,
        letters: bool = True,
        teh_marbuta: _TehMarbutaOption = "keep",
        ezafe: _EzafeOption = "standard",
        digits: _DigitsOption = "fa",
        remove_diacritics: bool = True,
        remove_kashida: bool = True,
        invisible: bool = True,
        whitespace: bool = True,
        punctuation: bool = True,
        ellipsis: bool = False,
        quotes: bool = False,
        reduce_repeated_punctuation: bool = False,
        spacing: bool = True,
        spacing_options: Mapping[str, Any] = ...,
    ) -> Normalizer: ...
    def normalize(self, text: str) -> str:
        """Normalizes ``text`` and returns the result (the same object when nothing changed).

        Raises TypeError for a non-str and ValueError for a lone surrogate."""
    def normalize_aligned(self, text: str) -> AlignedText:
        """Normalizes ``text`` and keeps the alignment: the result's ``.text`` is the output and
        ``.to_original(start, end)`` maps a span of it back to the span of ``text`` it came
        from."""
    def explain(self, text: str) -> list[Edit]:
        """The edits that turn ``text`` into its normalized form, in order. Applying them to
        ``text`` (each ``original`` at ``start:end`` replaced by ``replacement``) gives the
        output."""
    @overload
    def normalize_batch(self, texts: Iterable[str], /, *, threads: int | None = None) -> list[str]:
        """Normalizes many texts (any iterable of str: list, numpy array, pandas Series, pyarrow
        array), in parallel without the GIL when the batch is large. None, NaN and pandas.NA
        come back as they were; a non-str item raises TypeError naming its index. ``threads``
        is the number of threads, this one included (default: PAKNEVIS_NUM_THREADS, else the
        number of CPUs); use ``threads=1`` inside Dask or Spark workers."""
    @overload
    def normalize_batch(
        self, texts: Iterable[object], /, *, threads: int | None = None
    ) -> list[Any]: ...
    @property
    def config(self) -> dict[str, Any]:
        """The options as a dict (every option, with its value)."""
    def to_json(self) -> str:
        """The configuration as a JSON string (readable by ``Normalizer.from_json``)."""
    @classmethod
    def from_json(cls, s: str) -> Normalizer:
        """A normalizer from a JSON configuration written by ``to_json``."""
    def __reduce__(self) -> tuple[type[Normalizer], tuple[dict[str, Any]]]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class AlignedText:
    """A normalized text that remembers where each part came from."""

    @property
    def text(self) -> str:
        """The normalized text."""
    @property
    def original(self) -> str:
        """The input text."""
    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Maps the span ``[start, end)`` of ``.text`` to the span of ``.original`` that
        produced it. A boundary inside a rewritten region widens to the whole region. Raises
        ValueError for a span outside the text."""
    @property
    def changes(self) -> list[tuple[int, int, int, int]]:
        """The changed regions as (original_start, original_end, text_start, text_end)."""
    def __len__(self) -> int: ...

@final
class Edit:
    """One edit reported by ``Normalizer.explain``."""

    @property
    def rule(self) -> str:
        """Rule name(s), joined by ``+`` when one region was touched by several rules."""
    @property
    def start(self) -> int:
        """Start of the edited span in the input."""
    @property
    def end(self) -> int:
        """End of the edited span in the input."""
    @property
    def original(self) -> str:
        """The input text of the span."""
    @property
    def replacement(self) -> str:
        """What was written instead."""
    @property
    def evidence(self) -> str | None:
        """Evidence for the decision, when the rule gives one."""
    def as_tuple(self) -> tuple[str, int, int, str, str]:
        """The edit as a tuple (rule, start, end, original, replacement)."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Token:
    """One token: its text, its ``[start, end)`` span in the input and its kind.

    With ``normalize=True`` the text is the normalized token and ``input[start:end]`` is the
    input it came from; otherwise ``input[start:end] == text``."""

    def __new__(cls, text: str, start: int, end: int, kind: _TokenKind) -> Token: ...
    @property
    def text(self) -> str:
        """The token's text (normalized when the tokenizer normalizes)."""
    @property
    def start(self) -> int:
        """Start of the token in the input."""
    @property
    def end(self) -> int:
        """End of the token in the input."""
    @property
    def kind(self) -> _TokenKind:
        """word, number, datetime, url, email, mention, hashtag, emoji, punct or symbol."""
    def as_tuple(self) -> tuple[str, int, int, _TokenKind]:
        """The token as a tuple (text, start, end, kind)."""
    def __reduce__(self) -> tuple[type[Token], tuple[str, int, int, _TokenKind]]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Tokenizer:
    """Splits Persian text into sentences and word tokens, with spans into the text given.

    Options (keyword arguments, or a dict of them such as ``Tokenizer.config`` positionally):

    - ``newline_is_space``: hard-wrapped text; a single line break is a space, a blank line
      still ends a sentence (default: every line break ends a sentence);
    - ``join_verb_parts``: multi-part verbs (خواهد رفت, گفته شده است) are one token;
    - ``ellipsis_ends_sentence``: an ellipsis followed by a space ends a sentence;
    - ``normalize``: normalize the text before segmenting it. The strings returned are then
      the normalized sentences and tokens, while spans still point into the input:
      ``text[start:end]`` is the input each piece came from;
    - ``normalizer``: the options of the normalizer used with ``normalize=True`` (a dict of
      ``Normalizer`` options, or a ``Normalizer``; default: ``Normalizer()``).

    An unknown option or a bad value raises ``ConfigError`` naming the option. Instances are
    immutable, hashable, picklable and safe to share between threads. Empty or whitespace-only
    text gives ``[]``; a non-str raises TypeError.

    >>> Tokenizer().words("کتاب‌ها را خواندم.")
    ['کتاب\\u200cها', 'را', 'خواندم', '.']
    """

    def __new__(
        cls,
        config: Mapping[str, Any] | None = None,
        /,
        *,
        version: int = 1,
        newline_is_space: bool = False,
        join_verb_parts: bool = False,
        ellipsis_ends_sentence: bool = False,
        normalize: bool = False,
        normalizer: Mapping[str, Any] | Normalizer | None = None,
    ) -> Tokenizer: ...
    def sentences(self, text: str) -> list[str]:
        """The sentences of ``text`` (normalized with ``normalize=True``)."""
    def sentence_spans(self, text: str) -> list[tuple[int, int]]:
        """The sentences of ``text`` as ``(start, end)`` spans of ``text``."""
    def words(self, text: str) -> list[str]:
        """The word tokens of ``text`` (normalized with ``normalize=True``)."""
    def word_spans(self, text: str) -> list[tuple[int, int]]:
        """The word tokens of ``text`` as ``(start, end)`` spans of ``text``."""
    def tokenize(self, text: str) -> list[Token]:
        """The tokens of ``text`` with their text, span and kind."""
    @overload
    def sentences_batch(
        self, texts: Iterable[str], /, *, threads: int | None = None
    ) -> list[list[str]]:
        """The sentences of each of many texts (see ``Normalizer.normalize_batch`` for the
        batch, missing values and ``threads``)."""
    @overload
    def sentences_batch(
        self, texts: Iterable[object], /, *, threads: int | None = None
    ) -> list[Any]: ...
    @overload
    def words_batch(
        self, texts: Iterable[str], /, *, threads: int | None = None
    ) -> list[list[str]]:
        """The word tokens of each of many texts (see ``sentences_batch``)."""
    @overload
    def words_batch(self, texts: Iterable[object], /, *, threads: int | None = None) -> list[Any]: ...
    @overload
    def tokenize_batch(
        self, texts: Iterable[str], /, *, threads: int | None = None
    ) -> list[list[Token]]:
        """The ``Token``s of each of many texts (see ``sentences_batch``)."""
    @overload
    def tokenize_batch(
        self, texts: Iterable[object], /, *, threads: int | None = None
    ) -> list[Any]: ...
    @property
    def config(self) -> dict[str, Any]:
        """The options as a dict (every option, with its value; ``normalizer`` as a dict)."""
    def to_json(self) -> str:
        """The configuration as a JSON string (readable by ``Tokenizer.from_json``)."""
    @classmethod
    def from_json(cls, s: str) -> Tokenizer:
        """A tokenizer from a JSON configuration written by ``to_json``."""
    def __reduce__(self) -> tuple[type[Tokenizer], tuple[dict[str, Any]]]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def normalize(
    text: str,
    /,
    *,
    version: int | None = None,
    html: bool | None = None,
    presentation_forms: bool | None = None,
    letters: bool | None = None,
    teh_marbuta: _TehMarbutaOption | None = None,
    ezafe: _EzafeOption | None = None,
    digits: _DigitsOption | None = None,
    remove_diacritics: bool | None = None,
    remove_kashida: bool | None = None,
    invisible: bool | None = None,
    whitespace: bool | None = None,
    punctuation: bool | None = None,
    ellipsis: bool | None = None,
    quotes: bool | None = None,
    reduce_repeated_punctuation: bool | None = None,
    spacing: bool | None = None,
    spacing_options: Mapping[str, Any] | None = None,
) -> str:
    """Normalizes ``text`` with the given options (keyword arguments of ``Normalizer``; None
    or not given: its default)."""

def sentences(
    text: str,
    *,
    normalize: bool = False,
    newline_is_space: bool = False,
    join_verb_parts: bool = False,
    ellipsis_ends_sentence: bool = False,
    normalizer: Mapping[str, Any] | Normalizer | None = None,
) -> list[str]:
    """The sentences of ``text`` (options of ``Tokenizer``). With ``normalize=True`` the
    sentences returned are normalized; ``sentence_spans`` gives where they are in ``text``."""

def sentence_spans(
    text: str,
    *,
    normalize: bool = False,
    newline_is_space: bool = False,
    join_verb_parts: bool = False,
    ellipsis_ends_sentence: bool = False,
    normalizer: Mapping[str, Any] | Normalizer | None = None,
) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` spans of ``text`` (options of
    ``Tokenizer``)."""

def words(
    text: str,
    *,
    normalize: bool = False,
    join_verb_parts: bool = False,
    newline_is_space: bool = False,
    ellipsis_ends_sentence: bool = False,
    normalizer: Mapping[str, Any] | Normalizer | None = None,
) -> list[str]:
    """The word tokens of ``text`` (options of ``Tokenizer``). With ``normalize=True`` the
    tokens returned are normalized; ``word_spans`` gives where they are in ``text``."""

def word_spans(
    text: str,
    *,
    normalize: bool = False,
    join_verb_parts: bool = False,
    newline_is_space: bool = False,
    ellipsis_ends_sentence: bool = False,
    normalizer: Mapping[str, Any] | Normalizer | None = None,
) -> list[tuple[int, int]]:
    """The word tokens of ``text`` as ``(start, end)`` spans of ``text`` (options of
    ``Tokenizer``)."""

def tokenize(
    text: str,
    *,
    normalize: bool = False,
    join_verb_parts: bool = False,
    newline_is_space: bool = False,
    ellipsis_ends_sentence: bool = False,
    normalizer: Mapping[str, Any] | Normalizer | None = None,
) -> list[Token]:
    """The tokens of ``text`` as ``Token``s: text, span and kind (options of ``Tokenizer``)."""

@overload
def normalize_batch(
    texts: Iterable[str],
    /,
    *,
    threads: int | None = None,
    version: int = 1,
    html: bool = False,
    presentation_forms: bool = True,
    letters: bool = True,
    teh_marbuta: _TehMarbutaOption = "keep",
    ezafe: _EzafeOption = "standard",
    digits: _DigitsOption = "fa",
    remove_diacritics: bool = True,
    remove_kashida: bool = True,
    invisible: bool = True,
    whitespace: bool = True,
    punctuation: bool = True,
    ellipsis: bool = False,
    quotes: bool = False,
    reduce_repeated_punctuation: bool = False,
    spacing: bool = True,
    spacing_options: Mapping[str, Any] = ...,
) -> list[str]:
    """Normalizes many texts with the given options (see ``Normalizer.normalize_batch``)."""
@overload
def normalize_batch(
    texts: Iterable[object],
    /,
    *,
    threads: int | None = None,
    version: int = 1,
    html: bool = False,
    presentation_forms: bool = True,
    letters: bool = True,
    teh_marbuta: _TehMarbutaOption = "keep",
    ezafe: _EzafeOption = "standard",
    digits: _DigitsOption = "fa",
    remove_diacritics: bool = True,
    remove_kashida: bool = True,
    invisible: bool = True,
    whitespace: bool = True,
    punctuation: bool = True,
    ellipsis: bool = False,
    quotes: bool = False,
    reduce_repeated_punctuation: bool = False,
    spacing: bool = True,
    spacing_options: Mapping[str, Any] = ...,
) -> list[Any]: ...
@overload
def sentences_batch(
    texts: Iterable[str],
    /,
    *,
    threads: int | None = None,
    normalize: bool = False,
    newline_is_space: bool = False,
    join_verb_parts: bool = False,
    ellipsis_ends_sentence: bool = False,
    normalizer: Mapping[str, Any] | Normalizer | None = None,
) -> list[list[str]]:
    """The sentences of each of many texts (options of ``Tokenizer``; see ``Tokenizer.sentences_batch``)."""
@overload
def sentences_batch(
    texts: Iterable[object],
    /,
    *,
    threads: int | None = None,
    normalize: bool = False,
    newline_is_space: bool = False,
    join_verb_parts: bool = False,
    ellipsis_ends_sentence: bool = False,
    normalizer: Mapping[str, Any] | Normalizer | None = None,
) -> list[Any]: ...
@overload
def words_batch(
    texts: Iterable[str],
    /,
    *,
    threads: int | None = None,
    normalize: bool = False,
    newline_is_space: bool = False,
    join_verb_parts: bool = False,
    ellipsis_ends_sentence: bool = False,
    normalizer: Mapping[str, Any] | Normalizer | None = None,
) -> list[list[str]]:
    """The word tokens of each of many texts (options of ``Tokenizer``; see ``Tokenizer.words_batch``)."""
@overload
def words_batch(
    texts: Iterable[object],
    /,
    *,
    threads: int | None = None,
    normalize: bool = False,
    newline_is_space: bool = False,
    join_verb_parts: bool = False,
    ellipsis_ends_sentence: bool = False,
    normalizer: Mapping[str, Any] | Normalizer | None = None,
) -> list[Any]: ...
@overload
def tokenize_batch(
    texts: Iterable[str],
    /,
    *,
    threads: int | None = None,
    normalize: bool = False,
    newline_is_space: bool = False,
    join_verb_parts: bool = False,
    ellipsis_ends_sentence: bool = False,
    normalizer: Mapping[str, Any] | Normalizer | None = None,
) -> list[list[Token]]:
    """The ``Token``s of each of many texts (options of ``Tokenizer``; see ``Tokenizer.tokenize_batch``)."""
@overload
def tokenize_batch(
    texts: Iterable[object],
    /,
    *,
    threads: int | None = None,
    normalize: bool = False,
    newline_is_space: bool = False,
    join_verb_parts: bool = False,
    ellipsis_ends_sentence: bool = False,
    normalizer: Mapping[str, Any] | Normalizer | None = None,
) -> list[Any]: ...
def _after_fork() -> None: ...
def _normalize_lines(
    normalizer: Normalizer, data: bytes, /, *, threads: int | None = None
) -> bytes:
    """Normalizes the lines of UTF-8 `data` (used by the CLI); returns UTF-8 bytes."""
    ...
