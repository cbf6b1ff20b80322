"""Offsets for tools that count text in UTF-16 code units rather than code points.

Record offsets are Python string indices (code points). JavaScript front ends count UTF-16 units,
so past a character outside the Basic Multilingual Plane (an emoji, a CJK Extension B ideograph)
the two disagree by one per such character. Exports for browser tools can convert.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

__all__ = ["OFFSET_UNITS", "offset_converter"]

OFFSET_UNITS = ("codepoints", "utf16")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def offset_converter(text: str, units: str) -> Callable[[int], int]:
    """A function from a code-point offset in ``text`` to the same position in ``units``."""
    if units not in OFFSET_UNITS:
        raise ValueError(f"offset units must be one of {OFFSET_UNITS}, got {units!r}")
    astral = [m.start() for m in _ASTRAL.finditer(text)] if units == "utf16" else []
    if not astral:
        return lambda offset: offset
    return lambda offset: offset + bisect.bisect_left(astral, offset)
