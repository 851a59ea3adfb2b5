"""paknevis (پاک‌نویس): fast, correct normalization and segmentation of Persian text.

>>> import paknevis
>>> paknevis.normalize("كتاب هاي  من")
'کتاب‌های من'
"""

import os as _os

from ._errors import ConfigError, PaknevisError
from ._paknevis import (
    AlignedText,
    Edit,
    Normalizer,
    __version__,
    _after_fork,
    normalize,
    normalize_batch,
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
    "__version__",
    "normalize",
    "normalize_batch",
]
