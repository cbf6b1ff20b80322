"""Segmenter names to lazy factories: a backend's package is imported only when it is chosen."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from ..errors import SegmenterError
from .base import Segmenter

__all__ = ["DEFAULT_SEGMENTER", "SEGMENTERS", "available_segmenters", "create_segmenter"]

DEFAULT_SEGMENTER = "rjieba"

# name -> (module, class, pip requirement that provides its backend, takes a model)
SEGMENTERS: dict[str, tuple[str, str, str, bool]] = {
    "rjieba": ("medannot.segment.rjieba_backend", "RJiebaSegmenter", "rjieba", False),
    "jieba": ("medannot.segment.jieba_backend", "JiebaSegmenter", "jieba", False),
    "pkuseg": ("medannot.segment.pkuseg_backend", "PkusegSegmenter", "'medannot[pkuseg]'", True),
    "spacy": ("medannot.segment.spacy_backend", "SpacySegmenter", "'medannot[spacy]'", True),
}


def available_segmenters() -> list[str]:
    return sorted(SEGMENTERS)


def create_segmenter(name: str, words: Sequence[str] = (), **options: Any) -> Segmenter:
    """A new segmenter instance with ``words`` (the lexicon) as its user dictionary.

    ``model=`` (a pkuseg model name or directory) is accepted by the backends that use one;
    ``split_compounds=True`` selects word granularity (see ``UserDictionary``) on every backend.
    """
    try:
        module_name, class_name, requirement, takes_model = SEGMENTERS[name]
    except KeyError:
        raise SegmenterError("MA301", name=name, available=", ".join(available_segmenters())) from None
    if options.get("model") and not takes_model:
        users = ", ".join(n for n, entry in SEGMENTERS.items() if entry[3])
        raise SegmenterError("MA305", detail=f"segmenter {name!r} takes no model; a model is for {users}")
    if not takes_model:
        options.pop("model", None)
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise SegmenterError("MA302", name=name, hint=f"{requirement}  ({error})") from None
    return getattr(module, class_name)(words, **options)
