"""Publish dates in the forms Chinese pages write them, normalised to ISO 8601.

Handled: ``2021-07-09``, ``2021.07.09``, ``2021/7/9``, ``2021年7月9日`` (also with 号 and full-width
digits), ``二〇二一年七月九日``, ISO date-times (``2021-07-09T10:20:00+08:00``: the wall-clock part is
kept), day-first numeric dates (``09/07/2021``), each optionally followed by a time: ``10:20``,
``10:20:30``, ``10时20分``, ``下午3:05``, ``9:23:57 PM``. A numeric date that ends with the year is
read as day/month/year (the common convention outside the US) unless its second number is above 12,
which only month/day/year allows. Impossible dates (2021-02-30) and years outside 1970–2100 are no dates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

__all__ = ["FoundDate", "find_dates", "normalise_date"]

_TIME = (
    r"(?:\s*(?:[T,，]|[-–—]\s)?\s*(?P<half>上午|下午|晚上|凌晨|中午|早上)?\s*"
    r"(?P<H>\d{1,2})\s*(?::|：|时)\s*(?P<M>\d{1,2})(?:\s*(?::|：|分)\s*(?P<S>\d{1,2})(?:\.\d+)?)?\s*分?"
    r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?)?"
)
_YMD = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-./年]|\s)\s*(?P<m>\d{1,2})\s*[-./月]\s*(?P<d>\d{1,2})(?!\d)\s*[日号]?" + _TIME
)
_DMY = re.compile(r"(?<![\d/.])(?P<a>\d{1,2})\s*[-/.]\s*(?P<b>\d{1,2})\s*[-/.]\s*(?P<y>(?:19|20)\d{2})(?!\d)" + _TIME)
_HAN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_HAN_YMD = re.compile(r"(?P<y>[〇零○一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})[日号]")


@dataclass(frozen=True, slots=True)
class FoundDate:
    iso: str  # YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
    start: int  # span of the date in the (NFKC-folded) text it was found in
    end: int


def _han_number(text: str) -> int:
    """一 … 三十一 as an int (only the forms months and days use)."""
    if "十" not in text:
        return _HAN_DIGITS[text]
    tens, _, units = text.partition("十")
    return (_HAN_DIGITS[tens] if tens else 1) * 10 + (_HAN_DIGITS[units] if units else 0)


def _iso(year: int, month: int, day: int, match: re.Match[str] | None) -> str | None:
    try:
        date(year, month, day)
    except ValueError:
        return None
    if not 1970 <= year <= 2100:
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    if match is None or match["H"] is None:
        return iso
    hour, minute = int(match["H"]), int(match["M"])
    half = match["half"] or ""
    ampm = (match["ampm"] or "").lower().replace(".", "")
    if (ampm == "pm" or half in ("下午", "晚上")) and hour < 12:
        hour += 12
    elif (ampm == "am" or half in ("凌晨", "早上")) and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return iso
    iso += f"T{hour:02d}:{minute:02d}"
    if match["S"] is not None and int(match["S"]) < 60:
        iso += f":{int(match['S']):02d}"
    return iso


def find_dates(text: str) -> list[FoundDate]:
    """Every calendar date in ``text`` (with its time when one follows), in order."""
    folded = unicodedata.normalize("NFKC", text) if not text.isascii() else text
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(iso: str | None, match: re.Match[str]) -> None:
        if iso and not any(s < match.end() and match.start() < e for s, e in taken):
            found.append(FoundDate(iso, match.start(), match.end()))
            taken.append((match.start(), match.end()))

    for match in _YMD.finditer(folded):
        add(_iso(int(match["y"]), int(match["m"]), int(match["d"]), match), match)
    for match in _DMY.finditer(folded):
        first, second = int(match["a"]), int(match["b"])
        day, month = (second, first) if second > 12 else (first, second)
        add(_iso(int(match["y"]), month, day, match), match)
    if "年" in folded:
        for match in _HAN_YMD.finditer(folded):
            year = int("".join(str(_HAN_DIGITS[c]) for c in match["y"]))
            add(_iso(year, _han_number(match["m"]), _han_number(match["d"]), None), match)
    found.sort(key=lambda f: f.start)
    return found


def normalise_date(text: str) -> str | None:
    """ISO 8601 for the first date in ``text``: ``YYYY-MM-DD``, with ``THH:MM[:SS]`` when given."""
    found = find_dates(text)
    return found[0].iso if found else None
