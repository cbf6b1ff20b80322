"""One options object shared by the CLI and the Python API."""

from __future__ import annotations

from dataclasses import dataclass

from .read.inputs import DEFAULT_MAX_BYTES
from .segment.registry import DEFAULT_SEGMENTER

__all__ = ["Options"]


@dataclass(frozen=True, slots=True)
class Options:
    segmenter: str = DEFAULT_SEGMENTER  # registry name: rjieba | jieba | pkuseg | spacy
    lexicons: tuple[str, ...] = ()  # user lexicon files or directories, layered in order
    builtin_lexicon: bool = True  # False: only the user lexicons
    raw: bool = False  # input is clean content: no boilerplate separation
    pos: bool = False  # part-of-speech tags in the record (slower)
    max_bytes: int = DEFAULT_MAX_BYTES  # larger documents become error records
    segmenter_model: str | None = None  # backend model name or path (pkuseg)

    def __post_init__(self) -> None:
        # Paths, lists and strings all arrive here; a tuple of str keeps Options hashable and comparable.
        object.__setattr__(self, "lexicons", tuple(str(path) for path in self.lexicons))
