"""Shared by the dataframe integrations: a ready Normalizer or Tokenizer, or one built from options."""

from __future__ import annotations

from typing import Any

from ._paknevis import Normalizer, Tokenizer

def resolve_normalizer(normalizer: Normalizer | None, options: dict[str, Any]) -> Normalizer:
    if normalizer is None:
        return Normalizer(**options)
    if options:
        raise TypeError("pass either normalizer= or normalizer options, not both")
    if not isinstance(normalizer, Normalizer):
        raise TypeError(f"normalizer must be a paknevis.Normalizer, not {type(normalizer).__name__}")
    return normalizer


def resolve_tokenizer(tokenizer: Tokenizer | None, options: dict[str, Any]) -> Tokenizer:
    if tokenizer is None:
        return Tokenizer(**options)
    if options:
        raise TypeError("pass either tokenizer= or tokenizer options, not both")
    if not isinstance(tokenizer, Tokenizer):
        raise TypeError(f"tokenizer must be a paknevis.Tokenizer, not {type(tokenizer).__name__}")
    return tokenizer
