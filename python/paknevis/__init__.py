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

import os as _os

from ._errors import ConfigError, PaknevisError
from ._paknevis import (
    AlignedText,
    Edit,
    Normalizer,
    Token,
    Tokenizer,
    __version__,
    _after_fork,
    normalize,
    normalize_batch,
    sentence_spans,
    sentences,
    sentences_batch,
    tokenize,
    tokenize_batch,
    word_spans,
    words,
    words_batch,
)

# A forked child cannot use the parent's thread pool: run its batches sequentially.
if hasattr(_os, "register_at_fork"):
    _os.register_at_fork(after_in_child=_after_fork)

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
    "normalize_batch",
    "sentence_spans",
    "sentences",
    "sentences_batch",
    "tokenize",
    "tokenize_batch",
    "word_spans",
    "words",
    "words_batch",
]
