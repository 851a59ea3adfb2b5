"""paknevis (پاک‌نویس): fast, correct normalization and segmentation of Persian text.

>>> import paknevis
>>> paknevis.normalize("كتاب هاي  من")
'کتاب‌های من'
>>> paknevis.sentences("سلام. خوبی؟")
['سلام.', 'خوبی؟']
>>> paknevis.words("کتاب‌ها را خواندم.")
['کتاب\\u200cها', 'را', 'خواندم', '.']

Spans (``sentence_spans``, ``word_spans``, ``tokenize``) are code-point offsets into the text
given, also with ``normalize=True``: the text is then normalized before it is segmented, the
strings returned are the normalized pieces, and ``text[start:end]`` is the caller's own text
that each piece came from.
"""

from ._errors import ConfigError, PaknevisError
from ._paknevis import (
    AlignedText,
    Edit,
    Normalizer,
    Token,
    Tokenizer,
    __version__,
    normalize,
    sentence_spans,
    sentences,
    tokenize,
    word_spans,
    words,
)

__all__ = [
    "AlignedText",
    "ConfigError",
    "Edit",
    "Normalizer",
    "PaknevisError",
    "Token",
    "Tokenizer",
    "__version__",
    "normalize",
    "sentence_spans",
    "sentences",
    "tokenize",
    "word_spans",
    "words",
]
