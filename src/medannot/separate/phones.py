"""Phone numbers in a page, normalised (``400-123-4567``, ``13812345678``, ``010-12345678``, ``2388-6123``).

The formats are data (``lexicons/boilerplate/phones.yaml``). A mainland number has a shape of its
own (a 400 prefix, a mobile prefix, an area code); an eight-digit local number (Hong Kong) looks
like any other number, so it counts only where a cue word (电话, 致電, WhatsApp…) says a phone follows.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import LexiconError
from ..resources import lexicons_dir
from ..yamlfile import check_keys, load_yaml, word_list

__all__ = ["PhoneFormat", "PhoneFormats", "find_phones", "load_phone_file", "load_phone_formats"]

FORMAT = "medannot-phones/1"
CUE_LINE = 12  # a line this short with a cue word labels the number on the next line
# Every number starts with a digit, a plus sign or an opening bracket: looking for those first makes
# the scan about six times faster than trying every format at every character.
_START = r"(?=[\d+＋(（])"
_GROUP = re.compile(r"\(\?P<(\w+)>")


@dataclass(frozen=True, slots=True)
class PhoneFormat:
    name: str
    form: str
    groups: tuple[str, ...]  # the named groups ``form`` is built from
    needs_cue: bool


@dataclass(frozen=True, slots=True)
class PhoneFormats:
    formats: tuple[PhoneFormat, ...]
    regex: re.Pattern[str]  # every format as one alternation; format i's groups are named f<i>_<name>
    cue: re.Pattern[str]


def find_phones(text: str) -> list[str]:
    """Distinct phone numbers in order of appearance, each in its format's normalised form."""
    spec = load_phone_formats()
    numbers: dict[str, None] = {}
    for match in spec.regex.finditer(text):
        index = int(match.lastgroup[1:])  # the format's own group closes last
        phone = spec.formats[index]
        if phone.needs_cue and not _cued(text, match.start(), spec.cue):
            continue
        numbers.setdefault(phone.form.format(**{g: match[f"f{index}_{g}"] for g in phone.groups}))
    return list(numbers)


def _cued(text: str, start: int, cue: re.Pattern[str]) -> bool:
    """A cue word before ``start`` in its line, or in a short line right above."""
    line_start = text.rfind("\n", 0, start) + 1
    if cue.search(text, line_start, start):
        return True
    if line_start == 0:
        return False
    above = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1].strip()
    return len(above) <= CUE_LINE and cue.search(above) is not None


def load_phone_file(path: Path) -> PhoneFormats:
    header, entries = load_yaml(path, "formats", format=FORMAT, header_keys={"cues"})
    cues = word_list(header.get("cues"), f"{path}:1", "cues")
    formats: list[PhoneFormat] = []
    alternatives: list[str] = []
    for entry in entries:
        raw = check_keys(entry, {"name", "pattern", "form"}, {"needs_cue"})
        source = str(raw["pattern"])
        try:
            groups = tuple(re.compile(source).groupindex)
        except re.error as error:
            raise LexiconError("MA202", where=entry.where, detail=f"bad pattern {source!r}: {error}") from None
        form = str(raw["form"])
        try:
            fields = {name for _, name, _, _ in string.Formatter().parse(form) if name is not None}
        except ValueError:
            fields = set()
        if not fields or not fields <= set(groups):
            raise LexiconError("MA202", where=entry.where, detail=f"form {form!r} must use only the pattern's named groups")
        needs_cue = raw.get("needs_cue", False)
        if not isinstance(needs_cue, bool):
            raise LexiconError("MA202", where=entry.where, detail="needs_cue must be true or false")
        index = len(formats)
        renamed = _GROUP.sub(lambda m: f"(?P<f{index}_{m.group(1)}>", source)
        alternatives.append(f"(?P<f{index}>{renamed})")
        formats.append(PhoneFormat(str(raw["name"]), form, tuple(sorted(fields)), needs_cue))
    if not formats:
        raise LexiconError("MA202", where=f"{path}:1", detail="no formats")
    regex = re.compile(rf"{_START}(?<!\d)(?:{'|'.join(alternatives)})(?!\d)")
    cue = re.compile("|".join(re.escape(word) for word in cues), re.IGNORECASE)
    return PhoneFormats(tuple(formats), regex, cue)


@cache
def load_phone_formats() -> PhoneFormats:
    """The packaged phone formats, loaded once per process."""
    return load_phone_file(lexicons_dir() / "boilerplate" / "phones.yaml")
