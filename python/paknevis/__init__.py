"""paknevis (پاک‌نویس): fast, correct normalization and segmentation of Persian text.

>>> import paknevis
>>> paknevis.normalize("كتاب هاي  من")
'کتاب‌های من'
"""

from ._errors import ConfigError, PaknevisError
from ._paknevis import AlignedText, Edit, Normalizer, __version__, normalize

__all__ = [
    "AlignedText",
    "ConfigError",
    "Edit",
    "Normalizer",
    "PaknevisError",
    "__version__",
    "normalize",
]
